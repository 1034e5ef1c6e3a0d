"""Streamlit helpers of the value-proposition step: the value map tables, the fit figure and
table, exclusions from the stop list, and filling the statement from a template."""

from __future__ import annotations

from typing import Any

import streamlit as st
from pydantic import BaseModel

from concept.checks.value import Fit, fit, value_profile
from concept.formatting import format_percent, plain
from concept.model import (
    Concept,
    CustomerProfile,
    Exclusion,
    GainCreator,
    PainReliever,
    ProductService,
)
from concept.promotion import stops_not_excluded
from concept.statement import fill_statement
from concept.ui import ai_marks, bind
from concept.ui.experience import fixed_labels
from concept.ui.frame import confirm
from concept.ui.session import lang, refresh_widgets, save_current, t

TEMPLATE_CHOICES = ("short", "moore", "vpc", "free")


def _options(items: list[Any], linked_ids: list[str], elsewhere: list[Any]
             ) -> tuple[list[str], dict[str, str]]:
    """Ids and labels for a multiselect column, keeping links to another profile's items (after
    the profile was switched) and to removed ones, so nothing is dropped silently."""
    labels = {item.id: item.text for item in items if item.text.strip()}
    other = {item.id: item.text for item in elsewhere}
    for linked in linked_ids:
        if linked not in labels:
            labels[linked] = (t("value.other_profile_item", text=other[linked])
                              if linked in other else t("value.missing_item"))
    return list(labels), labels


def _multi(attr: str, label: str, items: list[Any], linked: list[str], elsewhere: list[Any]
           ) -> bind.Column:
    ids, labels = _options(items, linked, elsewhere)
    return bind.Column(attr, label, kind="multi", options=ids,
                       format_func=lambda v: labels.get(v, v), width="medium")


def _touchpoint_column(concept: Concept, linked: list[str]) -> bind.Column:
    labels = {tp.id: tp.name for tp in concept.all_touchpoints() if tp.name.strip()}
    for missing in linked:
        labels.setdefault(missing, t("value.missing_item"))
    return bind.Column("touchpoint_ids", t("field.touchpoint_ids"), kind="multi",
                       options=list(labels), format_func=lambda v: labels.get(v, v),
                       width="medium")


def _table(items: list[BaseModel], columns: list[bind.Column], key: str, factory,
           owner: BaseModel, attr: str) -> None:
    bind.table(items, columns, key=key, factory=factory,
               replace=lambda new: setattr(owner, attr, new))


def value_map(concept: Concept, profile: CustomerProfile) -> None:
    vp = concept.value_proposition
    st.subheader(t("field.products_services"), anchor=False)
    st.caption(t("value.products_hint"))
    _table(vp.products_services, [
        bind.Column("name", t("field.name"), required=True, width="medium"),
        bind.Column("description", t("field.description"), width="medium"),
        _multi("job_ids", t("field.job_ids"), profile.jobs,
               [j for ps in vp.products_services for j in ps.job_ids], concept.all_jobs()),
    ], "value.products", ProductService, vp, "products_services")

    st.subheader(t("field.pain_relievers"), anchor=False)
    st.caption(t("value.relievers_hint"))
    _table(vp.pain_relievers, [
        bind.Column("text", t("value.reliever"), required=True, width="medium"),
        _multi("pain_ids", t("value.answers_pains"), profile.pains,
               [p for r in vp.pain_relievers for p in r.pain_ids], concept.all_pains()),
        _touchpoint_column(concept, [x for r in vp.pain_relievers for x in r.touchpoint_ids]),
    ], "value.relievers", PainReliever, vp, "pain_relievers")

    st.subheader(t("field.gain_creators"), anchor=False)
    st.caption(t("value.creators_hint"))
    _table(vp.gain_creators, [
        bind.Column("text", t("value.creator"), required=True, width="medium"),
        _multi("gain_ids", t("value.answers_gains"), profile.gains,
               [g for c in vp.gain_creators for g in c.gain_ids], concept.all_gains()),
        _touchpoint_column(concept, [x for c in vp.gain_creators for x in c.touchpoint_ids]),
    ], "value.creators", GainCreator, vp, "gain_creators")


def fit_rows(concept: Concept, result: Fit) -> list[dict[str, str]]:
    """The fit table: each top pain and gain, whether it is answered, by what and where."""
    vp = concept.value_proposition
    touchpoints = {tp.id: tp.name for tp in concept.all_touchpoints()}
    rows = []
    for kind, items, answers, ids_attr, score_attr in (
            ("pain", result.top_pains, vp.pain_relievers, "pain_ids", "severity"),
            ("gain", result.top_gains, vp.gain_creators, "gain_ids", "relevance")):
        for item in items:
            by = [a for a in answers if item.id in getattr(a, ids_attr)]
            rows.append({
                t("value.fit_kind"): t(f"value.fit_{kind}"),
                t("value.fit_item"): item.text,
                t("value.fit_score"): str(getattr(item, score_attr)),
                t("value.fit_answered"): "✓" if by else "—",
                t("value.fit_by"): "; ".join(a.text for a in by),
                t("field.touchpoint_ids"): "; ".join(
                    touchpoints[x] for a in by for x in a.touchpoint_ids if x in touchpoints),
            })
    return rows


def fit_panel(concept: Concept) -> None:
    result = fit(concept)
    if result.share is None:
        st.info(t("value.fit_nothing"), icon=":material/info:")
        return
    left, right = st.columns([1, 3])
    left.metric(t("value.fit_title"), format_percent(result.share, lang()),
                help=t("value.fit_help"))
    with right:
        st.progress(result.share, text=t("value.fit_figure", answered=result.answered_top,
                                         total=result.total_top))
        if result.unserved_jobs:
            st.caption(t("value.fit_unserved_jobs",
                         jobs=plain("; ".join(j.text for j in result.unserved_jobs))))
    st.dataframe(fit_rows(concept, result), hide_index=True, width="stretch")


def exclusions_editor(concept: Concept) -> None:
    desc = concept.description
    bind.table(desc.exclusions, [bind.Column("text", t("value.exclusion"), required=True)],
               key="value.exclusions", factory=Exclusion,
               replace=lambda new: setattr(desc, "exclusions", new))
    pending = stops_not_excluded(concept)
    if pending:
        st.caption(t("value.from_stop_list"))
        for item in pending:
            st.button(t("value.add_exclusion", text=plain(item.text)), key=f"value.stop.{item.id}",
                      icon=":material/add:", on_click=_add_exclusion,
                      args=(concept, item.id, item.text))


def _add_exclusion(concept: Concept, stop_item_id: str, text: str) -> None:
    concept.description.exclusions = [*concept.description.exclusions,
                                      Exclusion(text=text, from_stop_item_id=stop_item_id)]
    save_current()
    refresh_widgets()


def final_answers(concept: Concept) -> None:
    """Who / what value / how, with the starting idea of step 0 beside each for comparison."""
    idea, desc = concept.idea, concept.description
    columns = st.columns(3)
    for column, attr, idea_attr in ((columns[0], "who", "who"),
                                    (columns[1], "what_value", "what_value"),
                                    (columns[2], "how", "how")):
        with column:
            bind.text_area(t(f"field.{attr}"), desc, attr, key=f"value.final.{attr}", height=110)
            start = getattr(idea, idea_attr).strip()
            st.caption(t("value.starting_idea",
                         text=plain(start) if start else t("value.starting_idea_empty")))


def _set_text(obj: BaseModel, attr: str, text: str) -> None:
    setattr(obj, attr, text)
    save_current()
    refresh_widgets()


def _confirm_replace(obj: BaseModel, attr: str, text: str) -> None:
    def body() -> None:
        st.markdown(t("value.replace_body"))
        st.text_area(t("value.replace_preview"), value=text, disabled=True, height=160)

    confirm(t("value.replace_title"), body, t("value.replace_yes"),
            lambda: setattr(obj, attr, text), key="value.replace")


def fill_button(concept: Concept, obj: BaseModel, attr: str, template: str, key: str) -> None:
    """'Fill from template': fills an empty field at once, asks before replacing the user's text."""
    if st.button(t("value.fill"), key=key, icon=":material/auto_fix_high:",
                 disabled=template == "free", help=t("value.fill_help")):
        text = fill_statement(concept, template, lang())
        if getattr(obj, attr).strip():
            _confirm_replace(obj, attr, text)
        else:
            _set_text(obj, attr, text)
            st.rerun()


def statement_editor(concept: Concept) -> None:
    vp, desc = concept.value_proposition, concept.description
    bind.bound(st.radio, t("field.statement_template"), vp, "statement_template",
               key="value.template", options=list(TEMPLATE_CHOICES), horizontal=True,
               format_func=fixed_labels(TEMPLATE_CHOICES,
                                        lambda v: t(f"value.template_name.{v}")))
    bind.text_area(t("field.statement"), vp, "statement", key="value.statement", height=120,
                   placeholder=t("value.statement_placeholder"))
    ai_marks.under("value.statement")
    fill_button(concept, vp, "statement", vp.statement_template, "value.fill_statement")
    st.subheader(t("field.short_description"), anchor=False)
    st.caption(t("value.short_hint"))
    bind.text_area(t("field.short_description"), desc, "short_description",
                   key="value.short_description", height=200, label_visibility="collapsed")
    ai_marks.under("value.description")
    words = len(desc.short_description.split())
    st.caption(t("value.word_count", words=words))
    fill_button(concept, desc, "short_description", "short", "value.fill_short")


def profile_chooser(concept: Concept) -> CustomerProfile | None:
    vp = concept.value_proposition
    profiles = [p for p in concept.profiles]
    if not profiles:
        st.info(t("value.no_profiles"), icon=":material/info:")
        return None
    names = {p.id: p.name or t("value.unnamed_profile") for p in profiles}
    current = value_profile(concept)
    bind.choice(t("value.profile"), vp, "profile_id", list(names), key="value.profile",
                format_func=lambda v: names.get(v, v),
                from_model=lambda v: v if v in names else (current.id if current else None),
                help=t("value.profile_help"))
    return value_profile(concept)


def differentiation_hint(concept: Concept) -> None:
    from concept.checks.competition import attributes_of_class

    pods = [a.name for a in attributes_of_class(concept.competition, "pod") if a.name.strip()]
    if pods:
        st.caption(t("value.pods_from_competition", names=plain(", ".join(pods))))
    else:
        st.caption(t("value.no_pods"))


def quality_self_check(concept: Concept) -> None:
    """V-08: the ten characteristics of a great value proposition, each scored 1–5."""
    from concept.model import QUALITY_CRITERIA

    check = concept.value_proposition.quality_self_check
    scored = check.scores()
    with st.expander(t("value.quality.title"), expanded=bool(scored),
                     icon=":material/fact_check:"):
        st.caption(t("value.quality.help"))
        for criterion in QUALITY_CRITERIA:
            bind.bound(st.segmented_control, t(f"value.quality.{criterion}"), check, criterion,
                       key=f"value.quality.{criterion}", options=[1, 2, 3, 4, 5])
