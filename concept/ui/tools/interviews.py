"""The interviews tool: each interview with its transcript and quotes, quotes linked to items,
and the progress toward the guide's ten interviews (methodology §2.1, §5.4)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from concept.evidence import (
    interview_progress,
    linkable_items,
    links_by_quote,
    quote_in_text,
    resolve,
    set_quote_links,
)
from concept.formatting import format_number, plain
from concept.model import MAX_TRANSCRIPT, Concept, Interview, Quote
from concept.references import forget_quotes
from concept.transcripts import TranscriptError, read_transcript
from concept.ui import bind, lazy
from concept.ui.frame import flash
from concept.ui.interview_ai import extraction_section, guess_questions_section
from concept.ui.session import current_concept, lang, t, widget_key
from concept.ui.tools.common import changed, remove_button

MIMES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf"}


# The interviews' sections run only while open (a two-hour transcript is heavy to redraw).
GROUP = "interviews"


def _interviews(concept: Concept) -> list[Interview]:
    return concept.toolbox.interviews


def progress_line(concept: Concept) -> None:
    """Held versus the goal of ten, and what the stakeholder map plans (also on that map)."""
    progress = interview_progress(concept)
    st.progress(min(progress.held / progress.goal, 1.0),
                text=t("interviews.progress", held=progress.held, goal=progress.goal,
                       planned=progress.planned))


def _to_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _import_file(interview_id: str, uploader_key: str) -> None:
    """Add an uploaded file's text to the interview, whole or not at all."""
    lazy.open_item(GROUP, interview_id)  # the interview worked on stays open
    concept = current_concept()
    upload = st.session_state.get(uploader_key)
    interview = next((i for i in concept.toolbox.interviews if i.id == interview_id), None) \
        if concept is not None else None
    if interview is None or upload is None:
        return
    try:
        text = read_transcript(upload.name, upload.getvalue())
        joined = f"{interview.transcript.rstrip()}\n\n{text}" if interview.transcript.strip() \
            else text
        interview.transcript = joined
    except TranscriptError as error:
        flash(t(error.key, **{k: format_number(v, lang(), digits=0) if isinstance(v, int) else v
                              for k, v in error.values.items()}), "error")
        return
    except ValueError:  # pydantic: together with what was there, the text is too long
        flash(t("interviews.file.too_long",
                limit=format_number(MAX_TRANSCRIPT, lang(), digits=0)), "error")
        return
    changed(t("interviews.imported", name=plain(upload.name)))


def _add_interview() -> None:
    concept = current_concept()
    if concept is not None:
        interview = Interview()
        concept.toolbox.interviews.append(interview)
        lazy.open_item(GROUP, interview.id)
        changed()


def _add_quote(interview_id: str, text_key: str) -> None:
    lazy.open_item(GROUP, interview_id)
    concept = current_concept()
    text = (st.session_state.get(text_key) or "").strip()
    interview = next((i for i in concept.toolbox.interviews if i.id == interview_id), None) \
        if concept is not None else None
    if interview is None or not text:
        return
    interview.quotes = [*interview.quotes, Quote(text=text)]
    st.session_state[text_key] = ""
    changed()


def _links_changed(quote_id: str, key: str) -> None:
    concept = current_concept()
    owner = next((i.id for i in concept.toolbox.interviews
                  if any(q.id == quote_id for q in i.quotes)), None) if concept else None
    if owner:
        lazy.open_item(GROUP, owner)
    if concept is not None:
        set_quote_links(concept, quote_id, list(st.session_state.get(key) or []))
        changed()


@dataclass
class _Links:
    """What every quote's picker needs, worked out once per run: the options, their labels,
    and the keys each quote is linked to now."""

    options: list[str]
    labels: dict[str, str]
    by_quote: dict[str, list[str]]

    def label(self, key: str) -> str:
        return self.labels.get(key, key)


def _links(concept: Concept) -> _Links:
    items = linkable_items(concept)
    labels = {item.key: f"{t(f'interviews.kind.{item.kind}')}: {item.text}"
              + (f" ({item.owner})" if item.owner.strip() else "") for item in items}
    return _Links([item.key for item in items], labels, links_by_quote(concept, items))


def _quote(interview: Interview, quote: Quote, links: _Links) -> None:
    qid = quote.id
    with st.container(border=True):
        st.markdown(f"> {plain(quote.text)}")
        if interview.transcript.strip() and not quote_in_text(quote.text, interview.transcript):
            st.caption(t("interviews.quote_not_in_text"))
        key = widget_key(f"quote.{qid}.links")
        st.multiselect(t("interviews.quote_link"), links.options,
                       default=links.by_quote.get(qid, []), key=key, format_func=links.label,
                       help=t("interviews.quote_link_help"),
                       on_change=_links_changed, args=(qid, key),
                       placeholder=t("widget.choose_many"), select_all=False)
        remove_button(f"quote.{qid}", lambda c, i=interview.id: next(
            x for x in _interviews(c) if x.id == i).quotes, qid,
            label=t("interviews.remove_quote"), forget=forget_quotes)


def _interview(concept: Concept, interview: Interview, number: int, links: _Links) -> None:
    iid = interview.id
    title = interview.pseudonym.strip() or t("interviews.unnamed", number=number)
    with lazy.section(plain(title), GROUP, iid) as is_open:
        if is_open:
            _interview_body(concept, interview, links)


def _interview_body(concept: Concept, interview: Interview, links: _Links) -> None:
    iid = interview.id
    left, middle, right = st.columns(3)
    with left:
        bind.text(t("interviews.pseudonym"), interview, "pseudonym",
                  key=f"interview.{iid}.pseudonym", help=t("interviews.pseudonym_help"))
    with middle:
        groups = {s.id: s.name.strip() or t("toolbox.unnamed")
                  for s in concept.toolbox.stakeholders}
        if interview.stakeholder_id not in groups:
            interview.stakeholder_id = ""
        groups[""] = t("interviews.no_group")
        bind.choice(t("interviews.group"), interview, "stakeholder_id", list(groups),
                    key=f"interview.{iid}.group", format_func=lambda sid: groups[sid])
    with right:
        bind.bound(st.date_input, t("interviews.date"), interview, "date",
                   key=f"interview.{iid}.date", from_model=_to_date,
                   to_model=lambda d: d.isoformat() if d else "", format="DD.MM.YYYY")
    left, right = st.columns(2)
    with left:
        bind.text(t("interviews.interviewer"), interview, "interviewer",
                  key=f"interview.{iid}.interviewer")
        bind.toggle(t("interviews.consent"), interview, "consent",
                    key=f"interview.{iid}.consent")
    with right:
        bind.lines(t("interviews.names_to_hide"), interview, "names_to_hide",
                   key=f"interview.{iid}.names", help=t("interviews.names_to_hide_help"),
                   height=90)
    bind.text_area(t("interviews.transcript"), interview, "transcript",
                   key=f"interview.{iid}.transcript", height=220)
    uploader = widget_key(f"interview.{iid}.upload")
    st.file_uploader(t("interviews.upload"), key=uploader)
    st.button(t("interviews.import_file"), key=f"interview.{iid}.import",
              on_click=_import_file, args=(iid, uploader), icon=":material/upload_file:")
    st.markdown(f"**{t('interviews.quotes_title')}**")
    for quote in interview.quotes:
        _quote(interview, quote, links)
    new_key = f"interview.{iid}.new_quote"
    st.text_area(t("interviews.quote_new"), key=new_key, height=80)
    st.button(t("interviews.quote_add"), key=f"interview.{iid}.add_quote",
              on_click=_add_quote, args=(iid, new_key), icon=":material/format_quote:")
    extraction_section(concept, interview)
    quote_ids = [q.id for q in interview.quotes]
    remove_button(f"interview.{iid}", _interviews, iid,
                  label=t("interviews.remove_interview"),
                  forget=lambda c, _ids, q=quote_ids: forget_quotes(c, q))


def _other_evidence(concept: Concept, links: _Links) -> None:
    """A data source for an item that rests on data rather than interviews."""
    if not links.options:
        return
    st.header(t("interviews.other_evidence_title"), anchor=False)
    st.caption(t("interviews.other_evidence_intro"))
    chosen = st.selectbox(t("interviews.other_evidence_item"), links.options,
                          format_func=links.label, key="interviews.data_item")
    target = resolve(concept, chosen) if chosen else None
    if target is not None:
        bind.text(t("interviews.other_evidence_source"), target, "data_source",
                  key=f"interviews.data_source.{chosen}")


def _guide_downloads(concept: Concept) -> None:
    from concept.interview_guide import GUIDE_FORMATS, render_guide

    code = lang()  # the download runs later, outside this run
    columns = st.columns(len(GUIDE_FORMATS))
    for column, fmt in zip(columns, GUIDE_FORMATS, strict=True):
        # A callable is run only when the button is clicked, so nothing is built in advance.
        column.download_button(
            t(f"interviews.guide.download_{fmt}"), key=f"interviews.guide.{fmt}",
            data=lambda f=fmt: render_guide(concept, f, code),
            file_name=f"{t('guide.title')}.{fmt}", icon=":material/download:",
            mime=MIMES[fmt], on_click="ignore")


def _still_a_guess(concept: Concept) -> None:
    """The primary profile's key items that no interview backs yet, as questions to ask next."""
    from concept.interview_guide import still_a_guess

    questions = still_a_guess(concept, lang())
    if questions:
        with st.expander(t("guide.guesses_title")):
            st.caption(t("guide.guesses_intro"))
            st.markdown("\n".join(f"- {plain(q)}" for q in questions))
            guess_questions_section()


def interviews_tool(concept: Concept) -> None:
    progress_line(concept)
    _guide_downloads(concept)
    _still_a_guess(concept)
    interviews = concept.toolbox.interviews
    if not interviews:
        st.info(t("interviews.none"), icon=":material/info:")
    if lazy.state_key(GROUP) not in st.session_state:
        # First visit in this session: the interviews still without text open themselves.
        for interview in interviews:
            if not interview.transcript.strip():
                lazy.open_item(GROUP, interview.id)
    links = _links(concept)
    for number, interview in enumerate(interviews, start=1):
        _interview(concept, interview, number, links)
    st.button(t("interviews.add"), key="interview.add", on_click=_add_interview,
              icon=":material/add:")
    _other_evidence(concept, links)
