"""Streamlit helpers of the competitive-edge step: competitor and attribute tables, the
classification details, the parity/difference summary and the competitor matrix chart."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, get_args

import streamlit as st
from pydantic import BaseModel

from concept.checks.competition import (
    competitor_scores,
    edge_blockers,
    edge_candidates,
    effective_class,
    suggested_class,
)
from concept.figures import Spec, competitor_matrix_spec, competitor_names
from concept.formatting import plain
from concept.model import (
    AttributeClass,
    CompetitiveAnalysis,
    CompetitiveAttribute,
    Competitor,
    CompetitorType,
    Concept,
)
from concept.references import remove_competitor_scores, set_competitor_score
from concept.ui import ai_marks, bind, lazy
from concept.ui.experience import fixed_labels
from concept.ui.session import (
    enum_label,
    lang,
    refresh_widgets,
    t,
)

SCORE_PREFIX = "score_"


def score_columns(competitor_ids: Sequence[str], labels: dict[str, str] | None = None,
                  after: int | None = None) -> bind.Extra:
    """The attribute table's one score column per competitor (`score_<competitor id>`), which
    are not attributes of the model: read with `score_for`, written with `set_competitor_score`.
    """
    labels = labels or {cid: cid for cid in competitor_ids}
    config = {f"{SCORE_PREFIX}{cid}": st.column_config.NumberColumn(
        labels[cid], min_value=1, max_value=5, step=1, format="%d",
        help=t("competition.score_help", name=labels[cid]), width="small")
        for cid in competitor_ids}
    return bind.Extra(
        config,
        cell=lambda attribute, column: attribute.score_for(column[len(SCORE_PREFIX):]),
        assign=lambda attribute, column, value: set_competitor_score(
            attribute, column[len(SCORE_PREFIX):], value),
        dtype="Int64", after=after)


def apply_attribute_changes(attributes: list[CompetitiveAttribute], changes: dict[str, Any],
                            columns: Sequence[bind.Column], competitor_ids: Sequence[str],
                            factory: Callable[[], BaseModel] = CompetitiveAttribute
                            ) -> tuple[list[BaseModel], list[BaseModel], int]:
    """`bind.apply_table_changes` for the attribute table with its score columns."""
    return bind.apply_table_changes(list(attributes), changes, columns, factory,
                                    score_columns(competitor_ids))


# --- labels ------------------------------------------------------------------------------------


def competitor_labels(analysis: CompetitiveAnalysis) -> dict[str, str]:
    """A distinct display name per competitor (duplicates and blanks get a number)."""
    return competitor_names(analysis)


def class_text(attribute: CompetitiveAttribute, analysis: CompetitiveAnalysis) -> str:
    label = enum_label("attribute_class", effective_class(attribute, analysis))
    if attribute.classification_override:
        return t("competition.class_own", label=label)
    return label


# --- widgets -----------------------------------------------------------------------------------


def competitor_table(concept: Concept) -> None:
    analysis = concept.competition
    columns = [
        bind.Column("name", t("field.name"), required=True, width="medium"),
        bind.Column("type", t("field.type"), kind="select",
                    options=list(get_args(CompetitorType)),
                    format_func=fixed_labels(get_args(CompetitorType),
                                             lambda v: enum_label("competitor_type", v)),
                    width="medium"),
        bind.Column("summary", t("competition.summary"), width="medium"),
        bind.Column("strengths", t("field.strengths"), kind="lines", width="medium",
                    help=t("competition.semicolon_help")),
        bind.Column("weaknesses", t("field.weaknesses"), kind="lines", width="medium",
                    help=t("competition.semicolon_help")),
    ]
    bind.table(analysis.competitors, columns, key="competition.competitors", factory=Competitor,
               replace=lambda items: setattr(analysis, "competitors", items),
               on_removed=lambda removed: remove_competitor_scores(
                   analysis, [c.id for c in removed]))
    for competitor in analysis.competitors:
        ai_marks.under("competition.weaknesses", competitor.id, where=competitor.name or "?")


def attribute_columns(analysis: CompetitiveAnalysis) -> list[bind.Column]:
    return [
        bind.Column("name", t("competition.attribute"), width="medium"),
        bind.Column("customer_importance", t("competition.importance_short"), kind="scale",
                    help=t("field.customer_importance"), width="small"),
        bind.Column("our_score", t("competition.us"), kind="scale", help=t("field.our_score"),
                    width="small"),
    ]


def _end_columns() -> list[bind.Column]:
    return [
        # No fixed width: the columns fit their headers (a small one cut them mid-word).
        bind.Column("deliverability", t("field.deliverability"), kind="scale",
                    help=t("competition.deliverability_help")),
        bind.Column("defensibility", t("field.defensibility"), kind="scale",
                    help=t("competition.defensibility_help")),
    ]


def attribute_table(concept: Concept) -> None:
    """Attributes with one score column per competitor (their classification is shown below)."""
    analysis = concept.competition
    columns = attribute_columns(analysis) + _end_columns()
    scores = score_columns([c.id for c in analysis.competitors], competitor_labels(analysis),
                           after=len(attribute_columns(analysis)))
    bind.table(analysis.attributes, columns, key="competition.attributes",
               factory=CompetitiveAttribute,
               replace=lambda items: setattr(analysis, "attributes", items), extra=scores)


def _link_options(concept: Concept, kind: str) -> dict[str, str]:
    options = {}
    for profile in concept.profiles:
        for item in getattr(profile, kind):
            if item.text.strip():
                options[item.id] = f"{profile.name or '?'}: {item.text}"
    return options


def _links_widget(concept: Concept, attribute: CompetitiveAttribute, attr: str, kind: str,
                  label: str, place: str = "") -> None:
    options = _link_options(concept, kind)
    if not options and not getattr(attribute, attr):
        return
    # Links to items deleted elsewhere stay listed (by id) until the user removes them.
    for missing in getattr(attribute, attr):
        options.setdefault(missing, t("competition.missing_item"))
    # The same links can be edited in two places (details, edge summary): a change re-reads both.
    bind.multi(label, attribute, attr, list(options),
               key=f"competition.{place}{attribute.id}.{attr}",
               format_func=lambda v: options.get(v, v), placeholder=t("experience.choose"),
               after=refresh_widgets)


DETAILS = "competition.details"  # which attribute sections are open (see concept.ui.lazy)


def attribute_details(concept: Concept) -> None:
    """Per attribute: links to the profiles' gains, pains and jobs, the override, proof."""
    analysis = concept.competition
    classes = list(get_args(AttributeClass))
    for attribute in analysis.attributes:
        title = f"{plain(attribute.name or '?')} · {class_text(attribute, analysis)}"
        # Drawn only while open: a dozen attributes' worth of widgets made every run slow.
        with lazy.section(title, DETAILS, attribute.id) as is_open:
            if not is_open:
                continue
            suggestion = enum_label("attribute_class", suggested_class(attribute, analysis))
            left, right = st.columns(2)
            with left:
                _links_widget(concept, attribute, "linked_gain_ids", "gains",
                              t("field.linked_gain_ids"))
                _links_widget(concept, attribute, "linked_pain_ids", "pains",
                              t("field.linked_pain_ids"))
                _links_widget(concept, attribute, "linked_job_ids", "jobs",
                              t("field.linked_job_ids"))
                if not concept.profiles:
                    st.caption(t("competition.no_profiles"))
            with right:
                bind.choice(t("field.classification_override"), attribute,
                            "classification_override", [None, *classes],
                            key=f"competition.{attribute.id}.override",
                            format_func=fixed_labels([None, *classes], lambda v, s=suggestion: (
                                enum_label("attribute_class", v) if v
                                else t("competition.class_automatic", label=s))),
                            help=t("competition.override_help"))
                bind.lines(t("field.proof_points"), attribute, "proof_points",
                           key=f"competition.{attribute.id}.proof", height=90,
                           placeholder=t("competition.proof_placeholder"))


def parity_and_difference(concept: Concept) -> None:
    """The two lists the step is about: what it takes to be in the game, what creates an edge."""
    analysis = concept.competition
    threshold = analysis.category_threshold
    by_class: dict[str, list[CompetitiveAttribute]] = {}
    for attribute in analysis.attributes:
        by_class.setdefault(effective_class(attribute, analysis), []).append(attribute)
    def empty(kind: str) -> str:
        return t(f"competition.{kind}_none") if analysis.attributes else t("competition.none_yet")

    left, right = st.columns(2)
    with left, st.container(border=True):
        st.subheader(t("competition.parity_title"), anchor=False)
        st.caption(t("competition.parity_hint"))
        lines = []
        for attribute in by_class.get("pop_category", []):
            ok = attribute.our_score >= threshold
            lines.append(t("competition.parity_line_ok" if ok else "competition.parity_line_low",
                           name=plain(attribute.name or "?"), score=attribute.our_score,
                           threshold=threshold))
        for attribute in by_class.get("pop_competitive", []):
            lines.append(t("competition.neutralise_line", name=plain(attribute.name or "?"),
                           score=attribute.our_score))
        st.markdown("\n".join(f"- {line}" for line in lines) or empty("parity"))
    with right, st.container(border=True):
        st.subheader(t("competition.edge_title"), anchor=False)
        st.caption(t("competition.edge_hint"))
        lines = []
        for attribute in by_class.get("pod", []):
            proof = "; ".join(attribute.proof_points)
            lines.append(t("competition.edge_line", name=plain(attribute.name or "?"),
                           score=attribute.our_score)
                         + (f" — {t('competition.proof', proof=plain(proof))}" if proof else ""))
        candidates = edge_candidates(analysis)
        if lines or not candidates:
            st.markdown("\n".join(f"- {line}" for line in lines) or empty("edge"))
        for attribute in candidates:
            _edge_candidate(concept, attribute)
    weak = by_class.get("disadvantage", [])
    if weak:
        st.markdown(t("competition.weaknesses_line",
                      names=plain(", ".join(a.name or "?" for a in weak))))


def _edge_candidate(concept: Concept, attribute: CompetitiveAttribute) -> None:
    """A lead over every competitor that does not count yet: the reason, and the link right here."""
    analysis = concept.competition
    reasons = edge_blockers(attribute, analysis)
    params = {"name": plain(attribute.name or "?"), "score": attribute.our_score,
              "leader": max(competitor_scores(attribute, analysis)),
              "deliverability": attribute.deliverability}
    st.markdown(" ".join(t(f"competition.edge_candidate_{reason}", **params)
                         for reason in reasons))
    if "unlinked" in reasons:
        with st.popover(t("competition.edge_link"), icon=":material/link:"):
            for attr, kind in (("linked_gain_ids", "gains"), ("linked_pain_ids", "pains"),
                               ("linked_job_ids", "jobs")):
                _links_widget(concept, attribute, attr, kind, t(f"field.{attr}"), place="edge.")
            if not concept.profiles:
                st.caption(t("competition.no_profiles"))


def competitor_matrix_chart(concept: Concept, language: str | None = None) -> Spec | None:
    """A heatmap: attributes (rows) × us and each competitor (columns), coloured by score."""
    return competitor_matrix_spec(concept, language or lang())
