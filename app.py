"""Konseptikone: the entry point. Page config, navigation from the step registry, the sidebar."""

import streamlit as st

from concept.steps import STEPS
from concept.toolbox import ACTIONS, HEALTH, TOOLS, WORKSHOP_PAGES
from concept.ui.a11y import apply_button_names, document_language, set_page_title
from concept.ui.auth import sign_in_configured
from concept.ui.facilitation import remember_page
from concept.ui.frame import read_only_banner
from concept.ui.gate import gate
from concept.ui.live import room_gate
from concept.ui.session import QUERY_LANG, check_access, current_concept, lang, t
from concept.ui.sidebar import render_sidebar
from concept.ui.workshop import navigation_sections

st.set_page_config(page_title="Konseptikone", page_icon=":material/lightbulb:", layout="wide")
# A live workshop's participants join here from the address in the QR code.
join = st.Page("views/join.py", title=t("live.participant_title"), icon=":material/groups:",
               url_path="join", visibility="hidden")
# A team server's sign-in page, or a client link's page: nothing else is reached (but the
# participant page, which needs no account).
if gate(public=[join]):
    st.stop()

steps = {
    s.key: st.Page(s.page, title=t(s.title_key), icon=s.icon, url_path=s.url_path,
                   default=(s.key == "start"))
    for s in STEPS
}
tools = {tool.key: st.Page(tool.page, title=t(tool.title_key), icon=tool.icon,
                           url_path=tool.key)
         for tool in TOOLS}
workshop = [st.Page(page.page, title=t(page.title_key), icon=page.icon, url_path=page.key)
            for page in WORKSHOP_PAGES]
more = [
    st.Page(HEALTH.page, title=t(HEALTH.title_key), icon=HEALTH.icon, url_path=HEALTH.url_path),
    st.Page(ACTIONS.page, title=t(ACTIONS.title_key), icon=ACTIONS.icon,
            url_path=ACTIONS.url_path),
    *([st.Page("views/sharing.py", title=t("page.sharing.title"), icon=":material/share:",
                url_path="sharing")] if sign_in_configured() else []),
    st.Page("views/settings.py", title=t("page.settings.title"), icon=":material/settings:",
            url_path="settings"),
    st.Page("views/about.py", title=t("page.about.title"), icon=":material/info:",
            url_path="about"),
    join,
]
# Without sign-in, another machine reaches the participant page alone; nothing below runs for
# it. With sign-in, the gate above has let only signed-in users this far.
if not sign_in_configured() and room_gate([*steps.values(), *tools.values(), *workshop, *more]):
    st.stop()
# Today's full path, or the chosen recipe's steps and tools in its order and "more tools".
sections = navigation_sections(steps, tools, workshop, more)
navigation = st.navigation(sections, expanded=True)  # all toolbox pages in view
remember_page(navigation)  # parking-lot and stop items remember the page they were raised on

check_access()  # a share removed or a sign-out since the last run closes the concept
concept = current_concept()
if concept is not None:
    # Keeps the open concept in the address, so a reload or a bookmark reopens it.
    st.query_params["c"] = concept.id
render_sidebar()
st.query_params[QUERY_LANG] = lang()  # after the sidebar, which may have switched it
document_language()  # also after the sidebar: the language the page is shown in
set_page_title(navigation.title)  # after the sidebar, which may open or close a concept
read_only_banner()  # above every page
navigation.run()
apply_button_names()  # names for the page's icon-only buttons (Streamlit has no aria-label)
