"""Draft from a brief on the start page: the form, the drafting with progress and Stop, and the
review where each drafted step is accepted whole, item by item (edited first) or discarded.

The draft lives in the session only (concept/ai/brief.py); an item enters the concept when the
user accepts it, and one that would replace the user's own text asks first, as the value
step's draft panel does. Model output is shown as plain text.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from concept.ai import AIError
from concept.ai import brief as drafting
from concept.ai import brief_review as review
from concept.ai.context import SECTIONS
from concept.formatting import format_number, plain
from concept.model import Concept
from concept.ui.ai_panel import configured_settings, current_settings, plain_message
from concept.ui.session import current_concept, lang, refresh_widgets, save_current, t

DRAFT = "brief_draft"  # the BriefDraft of this session
RUNNING = "brief_running"  # drafting goes on in this run
STOPPED = "brief_stopped"
CONFIRM = "brief_confirm"  # the item id whose replacing the user is asked about
NOTICE = "brief_notice"  # (kind, message) shown once


def enum_label(name: str, value: str, language: str) -> str:
    return t(f"enum.{name}.{value}")


def _draft(concept: Concept) -> drafting.BriefDraft | None:
    draft = st.session_state.get(DRAFT)
    return draft if draft is not None and draft.concept_id == concept.id else None


def _title(step: str) -> str:
    return t(f"step.{step}.title")


def brief_panel(concept: Concept) -> None:
    """The start page's panel: the form for an empty concept, then progress and review."""
    draft = _draft(concept)
    if draft is None and not drafting.is_empty(concept):
        return
    with st.expander(t("brief.title"), icon=":material/auto_awesome:",
                     expanded=draft is not None, key="brief_panel"):
        notice = st.session_state.pop(NOTICE, None)
        if notice:
            kind, message = notice
            (st.success if kind == "success" else st.warning)(message)
        if draft is None:
            _form(concept)
            return
        _about_sending(draft)
        if st.session_state.get(RUNNING):
            _run(draft)
        _progress_end(draft)
        _review(concept, draft)


# --- the form ---


def _form(concept: Concept) -> None:
    st.caption(t("brief.intro"))
    settings = configured_settings()
    if settings is None:
        return
    languages = {"fi": t("brief.lang_fi"), "en": t("brief.lang_en")}
    titles = {s: _title(s) for s in drafting.DRAFT_STEPS}
    with st.form("brief_form"):
        text = st.text_area(t("brief.text"), key="brief_text", height=200,
                            help=t("brief.text_help"))
        upload = st.file_uploader(t("brief.file"), key="brief_file", help=t("brief.file_help"))
        left, right = st.columns(2)
        industry = left.text_input(t("brief.industry"), value=concept.industry,
                                   key="brief_industry", max_chars=300)
        language = right.selectbox(t("brief.language"), list(languages),
                                   index=list(languages).index(lang()),
                                   format_func=languages.get, key="brief_language")
        steps = st.multiselect(t("brief.steps"), list(titles), default=list(titles),
                               format_func=titles.get, key="brief_steps",
                               placeholder=t("widget.choose_many"), select_all=False)
        names = st.text_input(t("brief.names"), key="brief_names", help=t("brief.names_help"))
        submitted = st.form_submit_button(t("brief.start"), type="primary",
                                          icon=":material/auto_awesome:")
    if submitted:
        _start(concept, text or "", upload, industry or "", language or lang(), steps,
               names or "", settings.model)


def _start(concept: Concept, text: str, upload, industry: str, language: str,
           steps: list[str], names_text: str, model: str) -> None:
    file_name = ""
    try:
        if upload is not None:
            file_name = upload.name
            from_file = drafting.read_brief_file(upload.name, upload.getvalue())
            text = f"{text.strip()}\n\n{from_file}" if text.strip() else from_file
        names = drafting.parse_names(names_text)
        draft = drafting.new_draft(concept, text, language, industry or concept.industry,
                                   steps, names, model)
    except drafting.BriefError as exc:
        st.error(t(f"brief.error.{exc.key}", **{k: plain(v) for k, v in exc.params.items()}),
                 icon=":material/error:")
        return
    # The brief and the industry are the user's own words: they are kept at once.
    drafting.keep_brief(concept, text, file_name, names)
    if industry.strip() and not concept.industry.strip():
        concept.industry = industry.strip()[:300]
    save_current()
    st.session_state[DRAFT] = draft
    st.session_state[RUNNING] = True
    st.session_state.pop(STOPPED, None)
    st.rerun()


def _about_sending(draft: drafting.BriefDraft) -> None:
    prepared = draft.brief
    if prepared.cut:
        st.info(t("brief.cut_note", sent=format_number(prepared.sent_chars, lang(), 0),
                  total=format_number(prepared.original_chars, lang(), 0)),
                icon=":material/content_cut:")
    hidden = sum(prepared.scrubbed.counts().values())
    if hidden:
        st.caption(t("brief.scrubbed", count=hidden))


# --- drafting ---


def _stop() -> None:
    st.session_state[RUNNING] = False
    st.session_state[STOPPED] = True


def _retry() -> None:
    st.session_state[RUNNING] = True
    st.session_state.pop(STOPPED, None)


def _run(draft: drafting.BriefDraft) -> None:
    """Draft the pending steps one by one. Stop reruns the page: Streamlit then raises inside
    the loop and the `finally` closes the request, so the server stops at once."""
    settings = current_settings()
    st.button(t("brief.stop"), key="brief_stop", icon=":material/stop_circle:", on_click=_stop)
    for step in draft.pending():
        with st.status(t("brief.drafting", step=_title(step)), expanded=False) as status:
            received = st.empty()
            chunks = drafting.draft_step(settings, draft, step)
            count = 0
            try:
                for chunk in chunks:
                    count += len(chunk)
                    received.caption(t("brief.received", chars=format_number(count, lang(), 0)))
            except AIError:
                status.update(label=t("brief.step_failed", step=_title(step)), state="error")
                break
            finally:
                chunks.close()
            status.update(label=t("brief.step_done", step=_title(step)), state="complete")
    st.session_state[RUNNING] = False
    st.rerun()


def _progress_end(draft: drafting.BriefDraft) -> None:
    if st.session_state.get(STOPPED):
        st.info(t("brief.stopped", done=len(draft.done), total=len(draft.steps)),
                icon=":material/stop_circle:")
    for step, exc in draft.failed.items():
        st.error(t("brief.failed", step=_title(step)) + " " + plain_message(exc),
                 icon=":material/error:")
    if draft.pending() and not st.session_state.get(RUNNING):
        st.button(t("brief.retry") if draft.failed else t("brief.resume"), key="brief_retry",
                  icon=":material/refresh:", on_click=_retry, type="primary")
    used = draft.usage()
    if draft.done:
        st.caption(t("brief.closing", requests=sum(1 for _ in draft.done),
                     tokens=format_number(used.prompt_tokens if used else 0, lang(), 0)))


# --- review ---


def _shape_text(item: drafting.DraftItem) -> str:
    if item.kind == "tp_stages":
        stages = ", ".join(enum_label("purchase_stage", k, lang()) for k in item.data["keys"])
        return f"{item.data['touchpoint']}: {stages}"
    data = item.data
    parts = [", ".join(enum_label("relationship_type", x, lang()) for x in data["types"])]
    if data["closeness"]:
        parts.append(t("brief.closeness", score=data["closeness"]))
    if data["duration"]:
        parts.append(enum_label("relationship_duration", data["duration"], lang()))
    if data["frequency"]:
        parts.append(enum_label("contact_frequency", data["frequency"], lang()))
    return " · ".join(p for p in parts if p)


def _label(item: drafting.DraftItem) -> str:
    key = f"brief.kind.{item.kind}"
    if item.kind in ("period_target", "delight", "churn"):
        return t(key, period=enum_label("horizon", item.data["horizon"], lang()))
    return t(key)


def _edit_key(item_id: str) -> str:
    return f"brief_edit_{item_id}"


def _texts(draft: drafting.BriefDraft, step: str) -> dict[str, str]:
    return {i.id: str(st.session_state[_edit_key(i.id)]) for i in draft.open_items(step)
            if i.editable and _edit_key(i.id) in st.session_state}


def _accept(item_id: str, confirmed: bool) -> None:
    concept = current_concept()
    draft = _draft(concept) if concept is not None else None
    if draft is None:
        return
    item = draft.item(item_id)
    text = st.session_state.get(_edit_key(item_id)) if item.editable else None
    if not confirmed and review.replaces(concept, item, text):
        st.session_state[CONFIRM] = item_id
        return
    st.session_state.pop(CONFIRM, None)
    try:
        review.accept_item(concept, draft, item_id, text, draft.model)
    except drafting.BriefError as exc:
        st.session_state[NOTICE] = ("warning", t(f"brief.error.{exc.key}", **{
            k: plain(v) for k, v in exc.params.items()}))
        return
    except ValidationError:
        st.session_state[NOTICE] = ("warning", t("common.value_refused"))
        return
    save_current()
    refresh_widgets()


def _accept_step(step: str) -> None:
    concept = current_concept()
    draft = _draft(concept) if concept is not None else None
    if draft is None:
        return
    skipped = review.accept_step(concept, draft, step, _texts(draft, step), draft.model)
    save_current()
    refresh_widgets()
    if skipped:
        st.session_state[NOTICE] = ("warning", t("brief.step_skipped", step=_title(step),
                                                  count=len(skipped)))
    else:
        st.session_state[NOTICE] = ("success", t("brief.step_accepted", step=_title(step)))


def _discard(item_ids: list[str]) -> None:
    concept = current_concept()
    draft = _draft(concept) if concept is not None else None
    if draft is not None:
        review.discard(draft, item_ids)
    st.session_state.pop(CONFIRM, None)


def _close_draft() -> None:
    st.session_state.pop(DRAFT, None)
    st.session_state.pop(RUNNING, None)
    st.session_state.pop(STOPPED, None)


def _review(concept: Concept, draft: drafting.BriefDraft) -> None:
    if st.session_state.get(RUNNING):
        return
    open_steps = [s for s in drafting.DRAFT_STEPS if draft.open_items(s)]
    if draft.done and not open_steps and not draft.pending():
        st.success(t("brief.all_reviewed"), icon=":material/check_circle:")
    if open_steps:
        st.markdown(t("brief.review_intro"))
    for step in open_steps:
        _review_step(concept, draft, step)
    st.button(t("brief.close") if not open_steps else t("brief.discard_draft"),
              key="brief_close", on_click=_close_draft, icon=":material/close:")


def _review_step(concept: Concept, draft: drafting.BriefDraft, step: str) -> None:
    items = draft.open_items(step)
    with st.container(border=True, key=f"brief_step_{step}"):
        st.subheader(t("brief.step_heading", step=_title(step)), anchor=False)
        row = st.container(horizontal=True)
        row.button(t("brief.accept_step"), key=f"brief_accept_step_{step}", type="primary",
                   icon=":material/done_all:", on_click=_accept_step, args=(step,))
        row.button(t("brief.discard_step"), key=f"brief_discard_step_{step}",
                   icon=":material/delete:", on_click=_discard,
                   args=([i.id for i in items],))
        left, right = st.columns([3, 2])
        with left:
            st.caption(t("brief.draft_column"))
            for item in items:
                _review_item(item)
        with right:
            st.caption(t("brief.concept_column"))
            lines = SECTIONS[step](concept, lang(), True)
            if lines:
                st.markdown("\n".join(f"- {plain(line)}" for line in lines[:12]))
            else:
                st.caption(t("brief.concept_empty"))


def _review_item(item: drafting.DraftItem) -> None:
    indent = "↳ " if item.parent else ""
    if item.editable:
        if _edit_key(item.id) not in st.session_state:
            st.session_state[_edit_key(item.id)] = item.text
        st.text_input(indent + _label(item), key=_edit_key(item.id), max_chars=1500)
    else:
        st.caption(plain(indent + _label(item)))
        st.text(_shape_text(item))
    if st.session_state.get(CONFIRM) == item.id:
        st.warning(t("ai.panel.replace_warning", field=_label(item)), icon=":material/warning:")
        row = st.container(horizontal=True)
        row.button(t("ai.panel.replace_yes"), key=f"brief_replace_{item.id}", type="primary",
                   on_click=_accept, args=(item.id, True))
        row.button(t("common.cancel"), key=f"brief_cancel_{item.id}",
                   on_click=lambda: st.session_state.pop(CONFIRM, None))
        return
    row = st.container(horizontal=True)
    row.button(t("brief.accept"), key=f"brief_accept_{item.id}", icon=":material/add:",
               on_click=_accept, args=(item.id, False))
    row.button(t("brief.discard"), key=f"brief_discard_{item.id}", icon=":material/close:",
               on_click=_discard, args=([item.id],))
