"""Streamlit parts of the customer-profiles step."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from concept.chart_text import priority_summary
from concept.checks.profiles import priority_quadrant
from concept.figures import priority_spec
from concept.formatting import plain
from concept.model import Concept, CustomerProfile, Gain, Job, Pain
from concept.references import (
    forget_profile_items,
    profile_references,
    remove_profile,
    set_primary,
)
from concept.ui import bind
from concept.ui.charts import show
from concept.ui.frame import changed, confirm, flash
from concept.ui.session import enum_label, lang, refresh_widgets, t

SELECTED = "profiles_selected"


# --- choosing and adding profiles ------------------------------------------------------------


def profile_title(profile: CustomerProfile, number: int) -> str:
    name = profile.name.strip() or t("profiles.new_name", number=number)
    return f"{t('profiles.primary_mark')} {name}" if profile.is_primary else name


def add_profile(concept: Concept) -> None:
    profile = CustomerProfile(name=t("profiles.new_name", number=len(concept.profiles) + 1),
                              is_primary=not any(p.is_primary for p in concept.profiles))
    concept.profiles.append(profile)
    st.session_state[f"{SELECTED}_memory"] = profile.id
    changed()


def remembered_choice(key: str, ids: list[str], default: str) -> None:
    """Prepare the state of a chooser widget `key` over `ids`.

    Streamlit forgets a widget's state on pages where it is not drawn, so the choice is kept
    under a second key and survives switching to another step and back.
    """
    memory = f"{key}_memory"
    chosen = st.session_state.get(memory)
    if chosen not in ids:
        chosen = default
    st.session_state[memory] = st.session_state[key] = chosen


def remember(key: str) -> None:
    st.session_state[f"{key}_memory"] = st.session_state.get(key)


def choose_profile(concept: Concept) -> CustomerProfile | None:
    """A row of buttons naming the profiles; returns the one being edited."""
    ids = [p.id for p in concept.profiles]
    if not ids:
        return None
    primary = concept.primary_profile()
    remembered_choice(SELECTED, ids, primary.id if primary else ids[0])
    titles = {p.id: profile_title(p, i + 1) for i, p in enumerate(concept.profiles)}
    selected = st.segmented_control(t("profiles.choose"), ids, key=SELECTED, required=True,
                                    format_func=lambda pid: plain(titles[pid]), on_change=remember,
                                    args=(SELECTED,))
    return concept.profile(selected or ids[0])


# --- one profile -----------------------------------------------------------------------------


def _enum_options(name: str, values: Sequence[str]) -> dict:
    return {"options": list(values), "format_func": lambda v: enum_label(name, v)}


def item_columns(kind: str) -> list[bind.Column]:
    text = bind.Column("text", t("field.text"), width="large")
    if kind == "jobs":
        return [text,
                bind.Column("type", t("field.type"), "select", default="functional",
                            **_enum_options("job_type", ("functional", "social", "emotional"))),
                bind.Column("importance", t("field.importance"), "scale", default=3),
                bind.Column("current_satisfaction", t("field.current_satisfaction"), "scale")]
    if kind == "pains":
        return [text,
                bind.Column("type", t("field.type"), "select",
                            **_enum_options("pain_type", ("undesired_outcome", "obstacle",
                                                          "risk", "negative_emotion"))),
                bind.Column("severity", t("field.severity"), "scale", default=3)]
    return [text,
            bind.Column("type", t("field.type"), "select",
                        **_enum_options("gain_type", ("required", "expected", "desired",
                                                      "unexpected"))),
            bind.Column("relevance", t("field.relevance"), "scale", default=3)]


FACTORIES = {"jobs": Job, "pains": Pain, "gains": Gain}


def item_table(concept: Concept, profile: CustomerProfile, kind: str) -> None:
    st.header(t(f"field.{kind}"), anchor=False)
    bind.table(
        getattr(profile, kind), item_columns(kind), key=f"profile.{profile.id}.{kind}",
        factory=FACTORIES[kind],
        replace=lambda items: setattr(profile, kind, items),
        on_removed=lambda removed: forget_profile_items(concept, [r.id for r in removed]),
        placeholder="",
    )


def _primary_changed(concept: Concept, profile: CustomerProfile) -> None:
    if profile.is_primary:
        set_primary(concept, profile.id)
    refresh_widgets()


def profile_editor(concept: Concept, profile: CustomerProfile) -> None:
    pid = profile.id
    with st.container(border=True):
        name_col, primary_col = st.columns([3, 1], vertical_alignment="bottom")
        with name_col:
            bind.text(t("field.name"), profile, "name", key=f"profile.{pid}.name",
                      placeholder=t("profiles.name_placeholder"), max_chars=200)
        with primary_col:
            bind.toggle(t("field.is_primary"), profile, "is_primary",
                        key=f"profile.{pid}.primary", help=t("profiles.primary_help"),
                        after=lambda: _primary_changed(concept, profile))
        left, right = st.columns(2)
        with left:
            bind.text_area(t("field.summary"), profile, "summary", key=f"profile.{pid}.summary",
                           placeholder=t("profiles.summary_placeholder"), height=110)
        with right:
            bind.lines(t("field.experience_essentials"), profile, "experience_essentials",
                       key=f"profile.{pid}.essentials", help=t("profiles.essentials_help"),
                       height=110)
        st.caption(t("profiles.table_hint"))
        for kind in ("jobs", "pains", "gains"):
            item_table(concept, profile, kind)
        st.header(t("profiles.scales_title"), anchor=False)
        left, right = st.columns(2)
        with left:
            bind.scale(t("field.business_importance"), profile, "business_importance",
                       key=f"profile.{pid}.importance")
        with right:
            bind.scale(t("field.service_difficulty"), profile, "service_difficulty",
                       key=f"profile.{pid}.difficulty")
        quadrant = priority_quadrant(profile)
        st.markdown(t("profiles.quadrant", label=t(f"profiles.quadrant_label.{quadrant}")))
        if st.button(t("profiles.delete"), key=f"profile.{pid}.delete",
                     icon=":material/delete:"):
            ask_delete_profile(concept, profile)


# --- deleting --------------------------------------------------------------------------------


def _delete_now(concept: Concept, profile: CustomerProfile) -> None:
    name = profile.name or "?"
    remove_profile(concept, profile.id)
    flash(t("profiles.deleted", name=plain(name)))


def ask_delete_profile(concept: Concept, profile: CustomerProfile) -> None:
    """Delete at once when nothing refers to the profile; otherwise ask first."""
    refs = profile_references(concept, profile.id)
    if not any(refs.values()):
        _delete_now(concept, profile)
        changed()
        st.rerun()

    def body() -> None:
        st.markdown(t("profiles.delete_intro", name=plain(profile.name or "?")))
        lines = []
        if refs["journeys"]:
            lines.append(t("profiles.ref.journeys", touchpoints=refs["touchpoints"]))
        for name in ("value_links", "competition_links", "empathy_maps", "everyday_life"):
            if refs[name]:
                lines.append(t(f"profiles.ref.{name}", count=refs[name]))
        st.markdown("\n".join(f"- {line}" for line in lines))
        st.caption(t("profiles.delete_outro"))

    confirm(t("profiles.delete_title"), body, t("profiles.delete_yes"),
            lambda: _delete_now(concept, profile), key="profile_delete")


# --- overview --------------------------------------------------------------------------------


def priority_chart(concept: Concept) -> None:
    """The profiles on the importance × difficulty plane (methodology P-05)."""
    spec = priority_spec(concept, lang())
    if spec is None:
        return
    st.header(t("profiles.overview"), anchor=False)
    st.caption(t("profiles.overview_caption"))
    show(spec, description=t("profiles.overview"), summary=priority_summary(concept, lang()))
