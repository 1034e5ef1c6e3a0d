"""In a real browser, a new user's whole journey, once with the interface in Finnish and once in
English: create a concept, fill every step, park and stop items from the sidebar, download the
concept description as DOCX and PDF (the bytes are checked), reload the page and find everything.

Every label is looked up in the catalogs in the interface language, so the Finnish run proves
the Finnish interface works, not only the English one.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from concept.i18n import t
from concept.model import Concept
from concept.store import TinyDBConceptStore
from tests.browser import tick_in_cell, type_into_new_row, wait_for_app_idle, wait_until

TEXTS = {
    "fi": {
        "name": "Kulmakahvila Työpiste",
        "industry": "kahvila",
        "who": "naapuruston etätyöläiset",
        "what": "rauhallinen työpaikka kodin lähellä",
        "how": "varattavat pöydät ja hyvä kahvi",
        "author": "Maija Meikäläinen",
        "profile": "Keskittyvä etätyöntekijä",
        "summary": "Tekee töitä kotoa ja kaipaa välillä muuta ympäristöä.",
        "job": "Saada päivän työt tehdyksi",
        "pain": "Kotona keskittyminen herpaantuu",
        "gain": "Tuttu ja rauhallinen paikka",
        "entry": "Näkee ilmoituksen naapurustoryhmässä",
        "stage": "Pöydän varaaminen",
        "touchpoint": "Varaussivu",
        "info_needs": "Onko vapaita pöytiä ja paljonko maksaa",
        "target_experience": "Heti kotoisa ja rauhallinen olo",
        "rationale": "Henkilökohtainen palvelu tekee paikasta oman",
        "frame": "Etätyöpaikat ja kahvilat",
        "competitor": "Kirjaston lukusali",
        "promise": "Rauhallinen työpäivä kahvin äärellä",
        "short_description": "Kahvila, jossa etätyöläinen saa varatun pöydän ja hyvää kahvia.",
        "park": "Selvitä, riittääkö sähköpistokkeita",
        "stop": "Illan olutanniskelu",
    },
    "en": {
        "name": "Corner Café Workspace",
        "industry": "café",
        "who": "remote workers in the neighbourhood",
        "what": "a calm place to work close to home",
        "how": "bookable tables and good coffee",
        "author": "Jane Doe",
        "profile": "Focused remote worker",
        "summary": "Works from home and now and then needs a change of scene.",
        "job": "Get the day's work done",
        "pain": "Hard to focus at home",
        "gain": "A familiar, calm place",
        "entry": "Sees a post in the neighbourhood group",
        "stage": "Booking a table",
        "touchpoint": "Booking page",
        "info_needs": "Are tables free and what does it cost",
        "target_experience": "Feels at home and calm at once",
        "rationale": "Personal service makes the place their own",
        "frame": "Remote-work places and cafés",
        "competitor": "Library reading room",
        "promise": "A calm working day over good coffee",
        "short_description": "A café where remote workers get a booked table and good coffee.",
        "park": "Find out whether there are enough power sockets",
        "stop": "Evening beer service",
    },
}


class Flow:
    """The user's hands: labels from the catalogs in `lang`, waits after every change."""

    def __init__(self, page: Page, lang: str, data_dir) -> None:
        self.page = page
        self.lang = lang
        self.data_dir = data_dir
        self.main = page.get_by_test_id("stMainBlockContainer")
        self.sidebar = page.get_by_test_id("stSidebar")

    def t(self, key: str, **placeholders: object) -> str:
        return t(key, self.lang, **placeholders)

    def stored(self) -> Concept:
        store = TinyDBConceptStore(self.data_dir)
        [summary] = store.list()
        return store.load(summary.id)

    def fill(self, label_key: str, text: str, nth: int = 0, scope=None) -> None:
        box = self.field(label_key, scope).nth(nth)
        self.reveal(box)
        box.fill(text)
        box.press("Tab")
        # Idle alone can come before the rerun that Tab starts (on a loaded machine the rerun may
        # begin later than the idle check): the store holding the text says it has run.
        wait_until(self.page, lambda: text in self.stored().model_dump_json())
        wait_for_app_idle(self.page)

    def field(self, label_key: str, scope=None):
        """Text inputs and text areas labelled with the catalog text of `label_key`."""
        label = self.t(label_key).replace("\\", "\\\\").replace('"', '\\"')
        return (scope or self.main).locator(
            f'textarea[aria-label="{label}"], input[aria-label="{label}"]')

    def reveal(self, element) -> None:
        """Open the collapsed expander an element sits in, if it does."""
        expander = element.locator("xpath=ancestor::details[1]")
        if expander.count() and expander.get_attribute("open") is None:
            expander.locator("summary").first.click()
            wait_for_app_idle(self.page)
        expect(element).to_be_visible()

    def click(self, name: str, scope=None) -> None:
        (scope or self.main).get_by_role("button", name=name).first.click()
        wait_for_app_idle(self.page)

    def heading(self, step_key: str) -> None:
        expect(self.main.get_by_role("heading", name=self.t(f"step.{step_key}.title"),
                                     exact=True)).to_be_visible()

    def next_step(self, after: str) -> None:
        self.click(self.t("common.next", title=self.t(f"step.{after}.title")))
        self.heading(after)

    def go_to(self, step_key: str) -> None:
        self.sidebar.get_by_test_id("stSidebarNav").get_by_text(
            self.t(f"step.{step_key}.title"), exact=True).click()
        self.heading(step_key)
        wait_for_app_idle(self.page)

    def grid(self, index: int):
        return self.main.get_by_test_id("stDataFrame").nth(index)

    def type_into_new_row(self, grid_index: int, row_number: int, text: str,
                          saved: Callable[[], list[str]]) -> None:
        """Add a row to a table, type `text` into its first cell, wait until it is stored."""
        type_into_new_row(self.page, self.grid(grid_index), row_number, text)
        wait_until(self.page, lambda: text in saved())

    def download(self, label_key: str) -> bytes:
        with self.page.expect_download() as info:
            self.main.get_by_role("button", name=self.t(label_key), exact=True).click()
        return info.value.path().read_bytes()


def switch_language(flow: Flow) -> None:
    if flow.lang == "en":
        return
    flow.sidebar.get_by_role("radio", name=t(f"language.{flow.lang}", flow.lang)).click()
    wait_for_app_idle(flow.page)


def create_concept(flow: Flow, texts: dict[str, str]) -> None:
    form = flow.page.get_by_test_id("stForm").first
    for key, text in (("field.name", texts["name"]), ("field.industry", texts["industry"]),
                      ("field.who", texts["who"]), ("field.what_value", texts["what"]),
                      ("field.how", texts["how"])):
        # The new-concept form's labels are told apart from the open concept's fields.
        label = flow.t("a11y.new_concept_field", field=flow.t(key))
        form.get_by_label(label, exact=True).fill(text)
    form.get_by_role("button", name=flow.t("concepts.create")).click()
    expect(flow.page.get_by_text(flow.t("concepts.created", name=texts["name"]))).to_be_visible()
    flow.fill("field.author", texts["author"])


def fill_profiles(flow: Flow, texts: dict[str, str]) -> None:
    flow.click(flow.t("profiles.add"))
    flow.fill("field.name", texts["profile"])
    flow.fill("field.summary", texts["summary"])
    flow.type_into_new_row(0, 1, texts["job"],
                           lambda: [j.text for j in flow.stored().profiles[0].jobs])
    flow.type_into_new_row(1, 1, texts["pain"],
                           lambda: [p.text for p in flow.stored().profiles[0].pains])
    flow.type_into_new_row(2, 1, texts["gain"],
                           lambda: [g.text for g in flow.stored().profiles[0].gains])


def fill_journey(flow: Flow, texts: dict[str, str]) -> None:
    flow.fill("field.entry_point", texts["entry"])
    flow.click(flow.t("journey.add_stage"))
    flow.fill("field.name", texts["stage"])
    flow.type_into_new_row(0, 1, texts["touchpoint"],
                           lambda: [tp.name for tp in flow.stored().all_touchpoints()])


def fill_purchase(flow: Flow, texts: dict[str, str]) -> None:
    flow.fill("field.info_needs", texts["info_needs"])
    # Tick the purchase decision (the fourth of the five stages) for the touchpoint.
    tick_in_cell(flow.page, flow.grid(0), 1, tick=3, ticks=5)
    wait_until(flow.page, lambda: flow.stored().journeys[0].touchpoints[0].purchase_stage_keys)


def fill_experience(flow: Flow, texts: dict[str, str]) -> None:
    flow.fill("field.target_experience", texts["target_experience"])


def fill_relationships(flow: Flow, texts: dict[str, str]) -> None:
    flow.fill("field.rationale_for_value_proposition", texts["rationale"])


def fill_competition(flow: Flow, texts: dict[str, str]) -> None:
    flow.fill("field.frame_of_reference", texts["frame"])
    flow.type_into_new_row(0, 1, texts["competitor"],
                           lambda: [c.name for c in flow.stored().competition.competitors])


def fill_value(flow: Flow, texts: dict[str, str]) -> None:
    flow.fill("field.key_promise", texts["promise"])
    flow.fill("field.short_description", texts["short_description"])
    # The item stopped from the sidebar is offered as an exclusion of the concept.
    flow.click(flow.t("value.add_exclusion", text=texts["stop"]))


def _open_sidebar_panel(flow: Flow):
    """The sidebar's parking lot & stop expander, opened."""
    panel = flow.sidebar.get_by_test_id("stExpander").filter(
        has_text=flow.t("facilitation.sidebar_title"))
    if panel.locator("details").get_attribute("open") is None:
        panel.locator("summary").click()
        wait_for_app_idle(flow.page)
    expect(panel.locator("details")).to_have_attribute("open", "")
    return panel


def _submit_in_sidebar(flow: Flow, tab_key: str | None, text_key: str, text: str,
                       submit_key: str, saved: Callable[[], list[str]]) -> None:
    """Type into a sidebar form, submit it once, wait until the text is stored."""
    panel = _open_sidebar_panel(flow)
    if tab_key:
        panel.get_by_role("tab", name=flow.t(tab_key)).click()
    box = panel.get_by_label(flow.t(text_key), exact=True)
    box.fill(text)
    expect(box).to_have_value(text)
    panel.get_by_role("button", name=flow.t(submit_key)).click()
    wait_for_app_idle(flow.page)
    wait_until(flow.page, lambda: text in saved())


def park_and_stop(flow: Flow, texts: dict[str, str]) -> None:
    _submit_in_sidebar(flow, None, "facilitation.park_text", texts["park"],
                       "facilitation.park_submit",
                       lambda: [i.text for i in flow.stored().parking_lot])
    expect(flow.sidebar.get_by_text(
        flow.t("facilitation.sidebar_title_count", count=1))).to_be_visible()
    _submit_in_sidebar(flow, "facilitation.stop_tab", "facilitation.stop_text", texts["stop"],
                       "facilitation.stop_submit",
                       lambda: [i.text for i in flow.stored().stop_list])


def check_downloads(flow: Flow, texts: dict[str, str]) -> None:
    docx = flow.download("doc.format.docx")
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    for key in ("name", "profile", "promise", "park"):
        assert texts[key] in xml, key
    pdf = flow.download("doc.format.pdf")
    assert pdf.startswith(b"%PDF")
    import pypdf

    words = " ".join(" ".join(page.extract_text().split())
                     for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    for key in ("name", "profile", "promise"):
        assert texts[key] in words, key


def check_stored(data_dir, texts: dict[str, str]):
    [summary] = TinyDBConceptStore(data_dir).list()
    concept = TinyDBConceptStore(data_dir).load(summary.id)
    assert concept.name == texts["name"] and concept.author == texts["author"]
    assert (concept.idea.who, concept.idea.what_value, concept.idea.how) == (
        texts["who"], texts["what"], texts["how"])
    profile = concept.profiles[0]
    assert (profile.name, profile.summary) == (texts["profile"], texts["summary"])
    # Untouched sliders keep their value: the browser once sent their minimum back on its own.
    assert (profile.business_importance, profile.service_difficulty) == (3, 3)
    assert profile.is_primary
    assert [j.text for j in profile.jobs] == [texts["job"]]
    assert [p.text for p in profile.pains] == [texts["pain"]]
    assert [g.text for g in profile.gains] == [texts["gain"]]
    journey = concept.journeys[0]
    assert journey.entry_point == texts["entry"]
    assert [s.name for s in journey.stages] == [texts["stage"]]
    assert [tp.name for tp in journey.touchpoints] == [texts["touchpoint"]]
    assert journey.touchpoints[0].purchase_stage_keys == ["decide"]
    assert concept.purchase_process.stages[0].info_needs == texts["info_needs"]
    assert concept.experience.horizons[0].target_experience == texts["target_experience"]
    assert concept.relationship.rationale_for_value_proposition == texts["rationale"]
    assert concept.competition.frame_of_reference == texts["frame"]
    assert [c.name for c in concept.competition.competitors] == [texts["competitor"]]
    assert concept.value_proposition.key_promise == texts["promise"]
    assert concept.description.short_description == texts["short_description"]
    assert [e.text for e in concept.description.exclusions] == [texts["stop"]]
    assert [p.text for p in concept.parking_lot] == [texts["park"]]
    assert [s.text for s in concept.stop_list] == [texts["stop"]]
    return concept


def check_after_reload(flow: Flow, texts: dict[str, str]) -> None:
    """Reload the browser page (a new session) and find every step's text again."""
    flow.page.reload()
    # A reload is a new session: the language comes from the browser (en-GB here) again, so
    # the user picks Finnish again. The page is the one the user was on.
    wait_for_app_idle(flow.page)
    switch_language(flow)
    flow.heading("description")
    expect(flow.main.get_by_text(texts["park"]).first).to_be_visible()
    expect(flow.main.get_by_text(texts["stop"]).first).to_be_visible()
    expected = [
        ("start", "field.how", texts["how"]),
        ("start", "field.author", texts["author"]),
        ("profiles", "field.name", texts["profile"]),
        ("profiles", "field.summary", texts["summary"]),
        ("journey", "field.entry_point", texts["entry"]),
        ("purchase", "field.info_needs", texts["info_needs"]),
        ("experience", "field.target_experience", texts["target_experience"]),
        ("relationships", "field.rationale_for_value_proposition", texts["rationale"]),
        ("competition", "field.frame_of_reference", texts["frame"]),
        ("value", "field.key_promise", texts["promise"]),
        ("value", "field.short_description", texts["short_description"]),
    ]
    shown = None
    for step_key, label_key, text in expected:
        if step_key != shown:
            flow.go_to(step_key)
            shown = step_key
        expect(flow.field(label_key).first).to_have_value(text)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_new_user_fills_every_step_exports_and_finds_everything_after_a_reload(
        page, app_server, lang):
    flow = Flow(page, lang, app_server.data_dir)
    texts = TEXTS[lang]
    switch_language(flow)
    flow.heading("start")
    create_concept(flow, texts)
    flow.next_step("profiles")
    fill_profiles(flow, texts)
    flow.next_step("journey")
    fill_journey(flow, texts)
    park_and_stop(flow, texts)
    flow.next_step("purchase")
    fill_purchase(flow, texts)
    flow.next_step("experience")
    fill_experience(flow, texts)
    flow.next_step("relationships")
    fill_relationships(flow, texts)
    flow.next_step("competition")
    fill_competition(flow, texts)
    flow.next_step("value")
    fill_value(flow, texts)
    flow.next_step("description")
    check_stored(app_server.data_dir, texts)
    check_downloads(flow, texts)
    check_after_reload(flow, texts)
    check_stored(app_server.data_dir, texts)
