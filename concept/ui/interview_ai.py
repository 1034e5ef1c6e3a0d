"""The interviews page's AI part: what will be sent (scrubbed), the proposals extracted from one
interview with their quotes, accepted item by item."""

from __future__ import annotations

import streamlit as st

from concept.ai.errors import AIError
from concept.ai.extract import ExtractionResult, accept, extract, extraction_preview
from concept.formatting import plain
from concept.model import Concept, Interview
from concept.ui.frame import changed, flash
from concept.ui.session import current_concept, lang, t

RESULTS = "interview_extractions"


def _results() -> dict[str, ExtractionResult]:
    return st.session_state.setdefault(RESULTS, {})


def _interview(concept: Concept, interview_id: str) -> Interview | None:
    return next((i for i in concept.toolbox.interviews if i.id == interview_id), None)


def _run(interview_id: str) -> None:
    from concept.ui.ai_panel import current_settings

    concept = current_concept()
    interview = _interview(concept, interview_id) if concept is not None else None
    if interview is None:
        return
    try:
        _results()[interview_id] = extract(current_settings(), concept, interview, lang())
    except AIError as error:
        flash(error.message(lang()), "error")


def _accept(interview_id: str, index: int, profile_key: str) -> None:
    concept = current_concept()
    interview = _interview(concept, interview_id) if concept is not None else None
    result = _results().get(interview_id)
    if interview is None or result is None or index >= len(result.proposals):
        return
    proposal = result.proposals[index]
    try:
        accept(concept, interview, proposal, st.session_state.get(profile_key) or "")
    except ValueError:
        flash(t("interviews.ai.no_profile"), "error")
        return
    _drop(interview_id, index)
    flash(t("interviews.ai.accepted", text=plain(proposal.text)))
    changed()


def _drop(interview_id: str, index: int) -> None:
    result = _results().get(interview_id)
    if result is not None:
        kept = [p for i, p in enumerate(result.proposals) if i != index]
        _results()[interview_id] = ExtractionResult(kept, result.dropped)


def extraction_section(concept: Concept, interview: Interview) -> None:
    from concept.ui.ai_panel import current_settings

    iid = interview.id
    if not interview.transcript.strip():
        return
    st.markdown(f"**{t('interviews.ai.title')}**")
    # Scrubbing a long transcript takes a moment: only while the user asks to see it.
    if st.toggle(t("interviews.ai.preview"), key=f"interview.{iid}.preview"):
        preview = extraction_preview(concept, interview, lang())
        counts = preview.scrubbed.counts()
        st.caption(t("interviews.ai.hidden", people=counts["PERSON"], emails=counts["EMAIL"],
                     phones=counts["PHONE"], ids=counts["ID"], addresses=counts["ADDRESS"]))
        if preview.truncated:
            st.caption(t("interviews.ai.truncated"))
        for message in preview.messages:
            st.code(message["content"], language=None, wrap_lines=True)
    if not current_settings().configured:
        st.caption(t("interviews.ai.not_configured"))
        return
    st.button(t("interviews.ai.run"), key=f"interview.{iid}.extract", on_click=_run,
              args=(iid,), icon=":material/smart_toy:")
    result = _results().get(iid)
    if result is None:
        return
    if result.dropped:
        st.caption(t("interviews.ai.dropped", count=result.dropped))
    if not result.proposals:
        st.caption(t("interviews.ai.none_left"))
        return
    profiles = {p.id: p.name.strip() or t("toolbox.unnamed") for p in concept.profiles}
    profile_key = f"interview.{iid}.extract_profile"
    if profiles:
        primary = concept.primary_profile()
        ids = list(profiles)
        st.selectbox(t("interviews.ai.profile"), ids, key=profile_key,
                     index=ids.index(primary.id) if primary else 0, format_func=profiles.get)
    for index, proposal in enumerate(result.proposals):
        with st.container(border=True):
            st.markdown(f"**{t(f'interviews.ai.kind.{proposal.kind}')}:** {plain(proposal.text)}")
            st.caption(t("evidence.quote_line", quote=plain(proposal.quote),
                         pseudonym=plain(interview.pseudonym)))
            left, right = st.columns(2)
            left.button(t("interviews.ai.accept"), key=f"interview.{iid}.accept.{index}",
                        on_click=_accept, args=(iid, index, profile_key),
                        icon=":material/check:")
            right.button(t("interviews.ai.ignore"), key=f"interview.{iid}.ignore.{index}",
                         on_click=_drop, args=(iid, index))


# --- "What is still a guess?" ------------------------------------------------------------------

GUESS_QUESTIONS = "still_a_guess_questions"


def _ask_guesses() -> None:
    from concept.ai.extract import still_a_guess_questions
    from concept.ui.ai_panel import current_settings

    concept = current_concept()
    if concept is None:
        return
    try:
        st.session_state[GUESS_QUESTIONS] = still_a_guess_questions(current_settings(),
                                                                    concept, lang())
    except AIError as error:
        flash(error.message(lang()), "error")


def guess_questions_section() -> None:
    """Inside the "still a guess" part: the AI's questions for the next interview."""
    from concept.ui.ai_panel import current_settings

    if not current_settings().configured:
        return
    st.button(t("interviews.ai.guess_run"), key="interviews.guess_run", on_click=_ask_guesses,
              icon=":material/smart_toy:")
    questions = st.session_state.get(GUESS_QUESTIONS)
    if questions:
        st.markdown(f"**{t('interviews.ai.guess_title')}**")
        st.markdown("\n".join(f"- {plain(q)}" for q in questions))
