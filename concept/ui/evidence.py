"""Evidence on the profiles page: how much of a profile rests on interviews, each item's level
with the quotes behind it, and linking a quote to an item from this side."""

from __future__ import annotations

import streamlit as st

from concept.evidence import (
    Evidence,
    Evidenced,
    evidence_of,
    link_quote,
    profile_evidence,
    quote_index,
    quotes_of,
)
from concept.formatting import plain
from concept.model import Concept, ContextTheme, CustomerProfile, Journey
from concept.ui.frame import changed, flash
from concept.ui.session import current_concept, t

_COLOURS = {"assumption": "gray", "seen": "blue", "recurring": "green", "data": "violet"}


def badge_text(evidence: Evidence, source: str = "") -> str:
    """The level as a Markdown badge (`:color-badge[...]`), its text from the catalog."""
    label = t(f"evidence.level.{evidence.level}", count=evidence.interviews,
              source=plain(source.strip()))
    return f":{_COLOURS[evidence.level]}-badge[{label.replace(']', '')}]"


def detail_badges(concept: Concept, theme: ContextTheme) -> None:
    """The evidence of each context-theme detail that some quote or source backs."""
    index = quote_index(concept)
    lines = [f"- {badge_text(evidence_of(record, index), record.data_source)} "
             f"{plain(record.detail)}" for record in theme.detail_evidence
             if record.detail in theme.details and (record.quote_ids or record.data_source)]
    if lines:
        st.markdown("\n".join(lines))


def item_badge(concept: Concept, item: Evidenced) -> None:
    st.markdown(badge_text(evidence_of(item, quote_index(concept)), item.data_source))


def _link(item_key: str, quote_key: str) -> None:
    concept = current_concept()
    item_id, quote_id = st.session_state.get(item_key), st.session_state.get(quote_key)
    if concept is None or not item_id or not quote_id:
        return
    for profile in concept.profiles:
        for item in [*profile.jobs, *profile.pains, *profile.gains]:
            if item.id == item_id:
                link_quote(item, quote_id)
                changed()
                return


def profile_evidence_panel(concept: Concept, profile: CustomerProfile) -> None:
    share = profile_evidence(concept, profile)
    st.markdown(f"**{t('evidence.title')}**")
    if not share.items:
        st.caption(t("evidence.share_none"))
        return
    st.progress(share.percent / 100, text=t("evidence.share", items=share.items,
                                            evidenced=share.evidenced, percent=share.percent))
    index = quote_index(concept)
    items = [(kind, item) for kind, items in (("job", profile.jobs), ("pain", profile.pains),
                                              ("gain", profile.gains))
             for item in items if item.text.strip()]
    with st.expander(t("evidence.items_title")):
        lines = []
        for kind, item in items:
            evidence = evidence_of(item, index)
            lines.append(f"- {badge_text(evidence, item.data_source)} "
                         f"{t(f'interviews.kind.{kind}')}: {plain(item.text)}")
            lines += ["    - " + t("evidence.quote_line", quote=plain(q.text),
                                    pseudonym=plain(i.pseudonym))
                      for i, q in quotes_of(item, index)]
        st.markdown("\n".join(lines))
        if not index:
            st.caption(t("evidence.no_quotes"))
            return
        labels = {item.id: f"{t(f'interviews.kind.{kind}')}: {item.text}" for kind, item in items}
        quotes = {qid: f"{q.text[:120]} ({i.pseudonym})" for qid, (i, q) in index.items()}
        item_key, quote_key = f"evidence.{profile.id}.item", f"evidence.{profile.id}.quote"
        left, right = st.columns(2)
        left.selectbox(t("interviews.other_evidence_item"), list(labels), key=item_key,
                       format_func=labels.get)
        right.selectbox(t("evidence.link_quote"), list(quotes), key=quote_key, index=None,
                        format_func=quotes.get, placeholder=t("evidence.link_quote_placeholder"))
        st.button(t("evidence.link_quote"), key=f"evidence.{profile.id}.link", on_click=_link,
                  args=(item_key, quote_key), icon=":material/link:")


# --- profiles suggested from the interviews (methodology §5.9.4) ------------------------------

IGNORED = "profile_groups_ignored"


def _accept_group(key: str, name: str) -> None:
    from concept.grouping import accept_group, suggest_groups

    concept = current_concept()
    if concept is None:
        return
    suggestion = next((s for s in suggest_groups(concept) if s.key == key), None)
    if suggestion is not None:
        accept_group(concept, suggestion, name)
        flash(t("evidence.groups.accepted", name=plain(name)))
        changed()


def _ignore_group(key: str) -> None:
    st.session_state.setdefault(IGNORED, set()).add(key)


def group_suggestions(concept: Concept) -> None:
    """Groups of interviewees who share items, each offered as a new profile."""
    from concept.grouping import suggest_groups

    ignored = st.session_state.get(IGNORED, set())
    suggestions = [s for s in suggest_groups(concept) if s.key not in ignored and s.item_ids]
    if not suggestions:
        return
    names = {i.id: i.pseudonym.strip() or "?" for i in concept.toolbox.interviews}
    texts = {i.id: i.text for i in [*concept.all_jobs(), *concept.all_pains(),
                                    *concept.all_gains()]}
    with st.expander(t("evidence.groups.title")):
        st.caption(t("evidence.groups.intro"))
        for number, suggestion in enumerate(suggestions, start=1):
            people = ", ".join(names[i] for i in suggestion.interview_ids)
            with st.container(border=True):
                st.markdown(t("evidence.groups.people", people=plain(people)))
                st.markdown("\n".join(f"- {plain(texts[i])}" for i in suggestion.item_ids))
                name = t("evidence.groups.name", number=len(concept.profiles) + number)
                left, right = st.columns(2)
                left.button(t("evidence.groups.accept"), key=f"group.{suggestion.key}.accept",
                            on_click=_accept_group, args=(suggestion.key, name),
                            icon=":material/person_add:")
                right.button(t("evidence.groups.ignore"), key=f"group.{suggestion.key}.ignore",
                             on_click=_ignore_group, args=(suggestion.key,))


def touchpoint_evidence(concept: Concept, journey: Journey) -> None:
    """The touchpoints' evidence levels, once the concept has research to show."""
    from concept.evidence import has_research

    touchpoints = [tp for tp in journey.touchpoints if tp.name.strip()]
    if not touchpoints or not has_research(concept):
        return
    index = quote_index(concept)
    with st.expander(t("evidence.touchpoints_title")):
        lines = []
        for tp in touchpoints:
            lines.append(f"- {badge_text(evidence_of(tp, index), tp.data_source)} "
                         f"{plain(tp.name)}")
            lines += ["    - " + t("evidence.quote_line", quote=plain(q.text),
                                    pseudonym=plain(i.pseudonym))
                      for i, q in quotes_of(tp, index)]
        st.markdown("\n".join(lines))
