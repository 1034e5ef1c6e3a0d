"""The side tools' pages: empathy map, everyday life, three-year image, stakeholder map, context
analysis and storyboard. Each edits its part of `concept.toolbox` through bound widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from concept import i18n
from concept.checks import findings_for_step
from concept.model import (
    Concept,
    ContextTheme,
    EmpathyMap,
    EverydayLife,
    Stakeholder,
    Storyboard,
    StoryboardFrame,
)
from concept.promotion import is_promoted, promote_note
from concept.toolbox import (
    HIGH,
    MIN_IMAGE_ANSWERS,
    QUADRANTS,
    answers,
    empathy_map_name,
    grouped,
    place,
    planned_interviews,
    quadrant,
    related_themes,
    set_answers,
)
from concept.ui import bind
from concept.ui.charts import Spec, channel, rule_at, show
from concept.ui.frame import require_concept
from concept.ui.session import (
    current_concept,
    lang,
    refresh_widgets,
    save_current,
    t,
    t_list,
    widget_key,
)

FLASH = "toolbox_flash"
EMOTIONS = (None, -2, -1, 0, 1, 2)
HANDLING = ("unknown", "well", "difficult")

def labels(prefix: str) -> Callable[[Any], str]:
    """A `format_func` giving `prefix.<value>` texts in the language of this run.

    The language is fixed when the widget is drawn: AppTest calls format functions outside the
    session, where the session's language cannot be read.
    """
    code = lang()
    return lambda value: i18n.t(f"{prefix}.{value}", code)


# --- the frame of every tool page --------------------------------------------------------------


def tool_intro(key: str) -> None:
    st.title(t(f"tool.{key}.title"))
    st.markdown(t(f"tool.{key}.purpose"))
    questions = t_list(f"tool.{key}.questions")
    if questions:
        with st.expander(t("common.guiding_questions"), expanded=True, icon=":material/help:"):
            st.markdown("\n".join(f"- {q}" for q in questions))


def begin_tool(key: str) -> Concept:
    """Start a tool page: the intro, and the open concept (or a pointer to the start page)."""
    if place(key) is None:  # an unknown key is a programming error: fail loudly
        raise KeyError(key)
    tool_intro(key)
    concept = require_concept()
    message = st.session_state.pop(FLASH, None)
    if message:
        st.toast(message, icon=":material/check:")
    return concept


def tool_findings(concept: Concept, key: str) -> None:
    """The checks' advice for this tool, gently, at the end of its page."""
    found = findings_for_step(concept, key)
    if not found:
        return
    st.divider()
    from concept.ui.actions import action_button

    for index, finding in enumerate(found):
        box = st.info if finding.severity == "info" else st.warning
        box(finding.message(lang()), icon=":material/lightbulb:")
        action_button(finding, index)


def _changed(message: str | None = None) -> None:
    """After a button changed the model: save, make widgets re-read it, say what happened."""
    save_current()
    refresh_widgets()
    if message:
        st.session_state[FLASH] = message


def _add_button(label: str, key: str, items: Callable[[Concept], list[Any]],
                factory: Callable[[], Any]) -> None:
    def add() -> None:
        concept = current_concept()
        if concept is not None:
            items(concept).append(factory())
            _changed()

    st.button(label, key=key, on_click=add, icon=":material/add:")


def remove_button(key: str, items: Callable[[Concept], list[Any]], item_id: str,
                   label: str | None = None) -> None:
    """A remove button that asks once more before anything is lost."""
    def remove() -> None:
        concept = current_concept()
        if concept is None:
            return
        parts = items(concept)
        parts[:] = [part for part in parts if part.id != item_id]
        _changed(t("toolbox.removed"))

    with st.popover(label or t("toolbox.remove"), icon=":material/delete:",
                    key=f"confirm.{key}"):
        st.caption(t("toolbox.remove_confirm"))
        st.button(t("toolbox.remove_yes"), key=f"remove.{key}", on_click=remove, type="primary")


def _profile_choice(concept: Concept, obj: EmpathyMap | EverydayLife, key: str) -> None:
    options = ["", *(p.id for p in concept.profiles)]
    if obj.profile_id not in options:  # the profile was deleted since
        obj.profile_id = ""
    wkey = widget_key(key)
    if st.session_state.get(wkey, "") not in options:
        del st.session_state[wkey]
    names = {p.id: p.name.strip() or t("toolbox.unnamed") for p in concept.profiles}
    names[""] = t("toolbox.no_profile")
    bind.choice(t("toolbox.profile_for"), obj, "profile_id", options, key=key,
                format_func=lambda pid: names.get(pid, ""))


def _lines(label: str, obj: Any, attr: str, key: str, height: int = 120) -> None:
    bind.lines(label, obj, attr, key=key, help=t("toolbox.one_per_line"), height=height)


# --- Empathy map ---------------------------------------------------------------------------


def _empathy_maps(concept: Concept) -> list[EmpathyMap]:
    return concept.toolbox.empathy_maps


def _promote(map_id: str, kind: str, note: str) -> None:
    concept = current_concept()
    if concept is None:
        return
    empathy_map = next((m for m in concept.toolbox.empathy_maps if m.id == map_id), None)
    if empathy_map is None:
        return
    profile = concept.profile(empathy_map.profile_id)
    if profile is None:
        return
    added = promote_note(concept, empathy_map, kind, note, profile.id)  # type: ignore[arg-type]
    name = profile.name.strip() or t("toolbox.unnamed")
    _changed(t("toolbox.empathy.promoted_toast" if added else "toolbox.empathy.already_there",
               profile=name))


def _promotion_panel(concept: Concept, empathy_map: EmpathyMap) -> None:
    st.markdown(f"**{t('toolbox.empathy.promote_title')}**")
    if not concept.profiles:
        st.caption(t("toolbox.empathy.no_profiles"))
        return
    profile = concept.profile(empathy_map.profile_id)
    if profile is None:
        st.caption(t("toolbox.empathy.choose_profile"))
        return
    notes = [("pain", n) for n in empathy_map.pain_points]
    notes += [("gain", n) for n in empathy_map.success_feelings]
    if not notes:
        st.caption(t("toolbox.empathy.nothing_to_promote"))
        return
    st.caption(t("toolbox.empathy.promote_intro",
                 profile=profile.name.strip() or t("toolbox.unnamed")))
    left, right = st.columns(2)
    for index, (kind, note) in enumerate(notes):
        column = left if kind == "pain" else right
        if is_promoted(empathy_map, kind, note):  # type: ignore[arg-type]
            column.caption(t("toolbox.empathy.promoted", note=note))
        else:
            column.button(t(f"toolbox.empathy.to_{kind}", note=note),
                          key=f"promote.{empathy_map.id}.{kind}.{index}", on_click=_promote,
                          args=(empathy_map.id, kind, note), icon=":material/north_east:")


def empathy_map_tool(concept: Concept) -> None:
    maps = concept.toolbox.empathy_maps
    if not maps:
        st.info(t("toolbox.empathy.none"), icon=":material/info:")
    for number, empathy_map in enumerate(maps, start=1):
        mid = empathy_map.id
        with st.container(border=True):
            st.subheader(t("toolbox.empathy.heading",
                           name=empathy_map_name(empathy_map, concept, number)))
            left, right = st.columns(2)
            with left:
                _profile_choice(concept, empathy_map, key=f"empathy.{mid}.profile")
            with right:
                bind.text(t("field.persona_label"), empathy_map, "persona_label",
                          key=f"empathy.{mid}.persona")
            bind.text(t("field.situation"), empathy_map, "situation",
                      key=f"empathy.{mid}.situation", help=t("toolbox.empathy.situation_help"))
            top_left, top_right = st.columns(2)
            with top_left:
                _lines(t("field.experiences"), empathy_map, "experiences",
                       f"empathy.{mid}.experiences")
                _lines(t("field.pain_points"), empathy_map, "pain_points",
                       f"empathy.{mid}.pain_points")
            with top_right:
                _lines(t("field.attitude_self_environment"), empathy_map,
                       "attitude_self_environment", f"empathy.{mid}.attitude")
                _lines(t("field.success_feelings"), empathy_map, "success_feelings",
                       f"empathy.{mid}.success")
            _promotion_panel(concept, empathy_map)
            remove_button(f"empathy.{mid}", _empathy_maps, mid)
    _add_button(t("toolbox.empathy.add"), "empathy.add", _empathy_maps,
                lambda: EmpathyMap(profile_id=_default_profile_id()))


def _default_profile_id() -> str:
    concept = current_concept()
    profile = concept.primary_profile() if concept is not None else None
    return profile.id if profile is not None else ""


# --- Everyday life -------------------------------------------------------------------------


def _everyday(concept: Concept) -> list[EverydayLife]:
    return concept.toolbox.everyday_life


EVERYDAY_FIELDS = ("habits", "constants", "new_products_services", "anxieties",
                   "problems_to_solve")


def everyday_life_tool(concept: Concept) -> None:
    sketches = concept.toolbox.everyday_life
    if not sketches:
        st.info(t("toolbox.everyday.none"), icon=":material/info:")
    for number, sketch in enumerate(sketches, start=1):
        sid = sketch.id
        profile = concept.profile(sketch.profile_id)
        name = profile.name.strip() if profile is not None and profile.name.strip() else (
            f"#{number}")
        with st.container(border=True):
            st.subheader(t("toolbox.everyday.heading", name=name))
            _profile_choice(concept, sketch, key=f"everyday.{sid}.profile")
            columns = st.columns(2)
            for index, attr in enumerate(EVERYDAY_FIELDS):
                with columns[index % 2]:
                    _lines(t(f"field.{attr}"), sketch, attr, f"everyday.{sid}.{attr}")
            remove_button(f"everyday.{sid}", _everyday, sid)
    _add_button(t("toolbox.everyday.add"), "everyday.add", _everyday,
                lambda: EverydayLife(profile_id=_default_profile_id()))


# --- Three-year image ----------------------------------------------------------------------


def image_goal_tool(concept: Concept) -> None:
    goal = concept.toolbox.image_goal
    bind.bound(st.number_input, t("toolbox.image.years"), goal, "horizon_years",
               key="image.years", min_value=1, max_value=20, step=1, width=160)

    def with_answers(kind: str, value: str) -> list:
        copy = goal.model_copy(deep=True)
        set_answers(copy, kind, (value or "").splitlines())
        return copy.responses

    columns = st.columns(2)
    for column, kind in zip(columns, ("always", "never"), strict=True):
        with column:
            bind.bound(st.text_area, t(f"toolbox.image.{kind}"), goal, "responses",
                       key=f"image.{kind}", height=180, help=t("toolbox.one_per_line"),
                       from_model=lambda rs, k=kind: "\n".join(r.text for r in rs if r.kind == k),
                       to_model=lambda v, k=kind: with_answers(k, v))
            count = len(answers(goal, kind))
            if count < MIN_IMAGE_ANSWERS:
                st.warning(t("toolbox.image.count_low", count=count, minimum=MIN_IMAGE_ANSWERS),
                           icon=":material/edit_note:")
            else:
                st.caption(t("toolbox.image.count_ok", count=count))
    if not goal.responses:
        return
    st.subheader(t("toolbox.image.group_title"))
    labels = sorted({label for kind in ("always", "never") for label, _ in grouped(goal, kind)
                     if label}, key=str.casefold)
    st.caption(t("toolbox.image.group_intro",
                 groups=", ".join(labels) if labels else t("toolbox.image.no_groups")))
    columns = st.columns(2)
    for column, kind in zip(columns, ("always", "never"), strict=True):
        with column:
            st.markdown(f"**{t(f'toolbox.image.{kind}')}**")
            for response in answers(goal, kind):
                bind.text(response.text, response, "group", key=f"image.{response.id}.group",
                          placeholder=t("toolbox.image.group_placeholder"))
    st.subheader(t("toolbox.image.grouped_title"))
    columns = st.columns(2)
    for column, kind in zip(columns, ("always", "never"), strict=True):
        with column, st.container(border=True):
            st.markdown(f"**{t(f'toolbox.image.{kind}')}**")
            lines = []
            for label, items in grouped(goal, kind):
                lines.append("- " + t("toolbox.image.group_line",
                                      group=label or t("toolbox.image.ungrouped"),
                                      count=len(items)))
                lines += [f"    - {r.text}" for r in items]
            st.markdown("\n".join(lines) if lines else t("toolbox.image.empty"))


# --- Stakeholder map -----------------------------------------------------------------------


def _stakeholders(concept: Concept) -> list[Stakeholder]:
    return concept.toolbox.stakeholders


def stakeholder_chart(stakeholders: list[Stakeholder]) -> Spec | None:
    """The importance × influence grid with the four quadrants labelled; None when empty."""
    if not stakeholders:
        return None
    seen: dict[tuple[int, int], int] = {}
    rows = []
    for s in stakeholders:
        spot = (s.importance, s.influence)
        nth = seen.get(spot, 0)
        seen[spot] = nth + 1
        rows.append({
            "name": s.name.strip() or t("toolbox.unnamed"),
            "importance": s.importance,
            "influence": s.influence,
            # Several groups on the same spot: spread their labels downwards.
            "label_y": s.influence - 0.28 * nth,
            "right_side": s.importance < HIGH,
            "side": t("toolbox.stakeholders.internal_short") if s.internal
            else t("toolbox.stakeholders.external"),
            "quadrant": t(f"toolbox.quadrant.{quadrant(s)}"),
        })
    scale = {"domain": [0.5, 5.5], "nice": False}
    axis = {"values": [1, 2, 3, 4, 5], "format": "d"}
    x = channel("importance", "quantitative", title=t("field.importance"), scale=scale,
                axis=axis)
    y = channel("influence", "quantitative", title=t("field.influence"), scale=scale, axis=axis)
    corners = [
        {"x": 5.4, "y": 5.4, "text": t("toolbox.quadrant.key_group"), "align": "right"},
        {"x": 5.4, "y": 0.6, "text": t("toolbox.quadrant.listen"), "align": "right"},
        {"x": 0.6, "y": 5.4, "text": t("toolbox.quadrant.keep_satisfied"), "align": "left"},
        {"x": 0.6, "y": 0.6, "text": t("toolbox.quadrant.monitor"), "align": "left"},
    ]
    corner_layers = [
        {"data": {"values": [c for c in corners if c["align"] == align]},
         "mark": {"type": "text", "align": align, "baseline": "middle", "fontSize": 13,
                  "fontWeight": "bold", "opacity": 0.45},
         "encoding": {"x": channel("x", "quantitative", scale=scale),
                      "y": channel("y", "quantitative", scale=scale), "text": channel("text")}}
        for align in ("left", "right")
    ]
    points = {
        "data": {"values": rows},
        "mark": {"type": "circle", "size": 220, "opacity": 0.85},
        "encoding": {
            "x": x, "y": y,
            "color": channel("side", title=None, legend={"orient": "bottom"}),
            "tooltip": [channel("name", title=t("field.name")),
                        channel("quadrant", title=t("toolbox.stakeholders.grid_title")),
                        channel("importance", "quantitative", title=t("field.importance")),
                        channel("influence", "quantitative", title=t("field.influence"))],
        },
    }
    # Names sit beside their point, on the side that has room inside the chart.
    name_layers = [
        {"data": {"values": [r for r in rows if r["right_side"] == right]},
         "mark": {"type": "text", "align": "left" if right else "right",
                  "dx": 12 if right else -12, "fontSize": 12},
         "encoding": {"x": channel("importance", "quantitative", scale=scale),
                      "y": channel("label_y", "quantitative", scale=scale),
                      "text": channel("name")}}
        for right in (True, False)
    ]
    return {"height": 420, "layer": [
        rule_at(3.5, "x", strokeDash=[4, 4], opacity=0.5),
        rule_at(3.5, "y", strokeDash=[4, 4], opacity=0.5),
        *corner_layers, points, *name_layers,
    ]}


def _stakeholder_row(stakeholder: Stakeholder) -> None:
    sid = stakeholder.id
    with st.container(border=True):
        name_col, importance_col, influence_col, interview_col = st.columns([3, 2, 2, 2])
        with name_col:
            bind.text(t("field.name"), stakeholder, "name", key=f"stakeholder.{sid}.name")
            bind.toggle(t("field.internal"), stakeholder, "internal",
                        key=f"stakeholder.{sid}.internal")
        with importance_col:
            bind.scale(t("field.importance"), stakeholder, "importance",
                       key=f"stakeholder.{sid}.importance")
        with influence_col:
            bind.scale(t("field.influence"), stakeholder, "influence",
                       key=f"stakeholder.{sid}.influence")
        with interview_col:
            bind.toggle(t("field.interview_candidate"), stakeholder, "interview_candidate",
                        key=f"stakeholder.{sid}.interview")
            bind.bound(st.number_input, t("field.planned_interviews"), stakeholder,
                       "planned_interviews", key=f"stakeholder.{sid}.planned", min_value=0,
                       max_value=10_000, step=1)
        info_col, remove_col = st.columns([4, 1])
        info_col.caption(f"{t(f'toolbox.quadrant.{quadrant(stakeholder)}')} · "
                         f"{t(f'toolbox.quadrant_action.{quadrant(stakeholder)}')}")
        with remove_col:
            remove_button(f"stakeholder.{sid}", _stakeholders, sid)


def stakeholder_tool(concept: Concept) -> None:
    stakeholders = concept.toolbox.stakeholders
    if not stakeholders:
        st.info(t("toolbox.stakeholders.none"), icon=":material/info:")
    for stakeholder in stakeholders:
        _stakeholder_row(stakeholder)
    _add_button(t("toolbox.stakeholders.add"), "stakeholder.add", _stakeholders, Stakeholder)
    if not stakeholders:
        return
    chart_col, list_col = st.columns([3, 2])
    with chart_col:
        st.subheader(t("toolbox.stakeholders.grid_title"))
        show(stakeholder_chart(stakeholders))
    with list_col:
        for key in QUADRANTS:
            names = [s.name.strip() or t("toolbox.unnamed") for s in stakeholders
                     if quadrant(s) == key]
            if names:
                st.markdown(t("toolbox.stakeholders.quadrant_line",
                              quadrant=t(f"toolbox.quadrant.{key}"), names=", ".join(names)))
                st.caption(t(f"toolbox.quadrant_action.{key}"))
        st.subheader(t("toolbox.stakeholders.to_interview"))
        chosen = [s for s in stakeholders if s.interview_candidate]
        if chosen:
            st.markdown("\n".join(f"- {s.name.strip() or t('toolbox.unnamed')}"
                                  f" ({s.planned_interviews})" for s in chosen))
        else:
            st.caption(t("toolbox.stakeholders.nobody_to_interview"))
        st.caption(t("toolbox.stakeholders.interviews_total",
                     count=planned_interviews(stakeholders)))


# --- Context analysis ----------------------------------------------------------------------


def _themes(concept: Concept) -> list[ContextTheme]:
    return concept.toolbox.context_themes


def context_tool(concept: Concept) -> None:
    themes = concept.toolbox.context_themes
    if not themes:
        st.info(t("toolbox.context.none"), icon=":material/info:")
    names = {th.id: th.name.strip() or t("toolbox.unnamed") for th in themes}
    for theme in themes:
        tid = theme.id
        with st.container(border=True):
            st.subheader(t("toolbox.context.heading", name=names[tid]))
            left, right = st.columns(2)
            with left:
                bind.text(t("field.name"), theme, "name", key=f"theme.{tid}.name")
                _lines(t("field.details"), theme, "details", f"theme.{tid}.details")
            with right:
                bind.choice(t("field.handling"), theme, "handling", HANDLING,
                            key=f"theme.{tid}.handling",
                            format_func=labels("toolbox.handling"))
                others = [other for other in names if other != tid]
                bind.multi(t("field.related_theme_ids"), theme, "related_theme_ids", others,
                           key=f"theme.{tid}.related", format_func=lambda v: names.get(v, v))
                bind.text_area(t("field.other_actors"), theme, "other_actors",
                               key=f"theme.{tid}.actors", height=80)
            remove_button(f"theme.{tid}", _themes, tid)
    _add_button(t("toolbox.context.add"), "theme.add", _themes, ContextTheme)
    if not themes:
        return
    well_col, difficult_col = st.columns(2)
    for column, handling, title in ((well_col, "well", "toolbox.context.well_title"),
                                    (difficult_col, "difficult",
                                     "toolbox.context.difficult_title")):
        with column, st.container(border=True):
            st.markdown(f"**{t(title)}**")
            chosen = [th for th in themes if th.handling == handling]
            if not chosen:
                st.caption(t("toolbox.context.nothing"))
            for theme in chosen:
                related = [names[r.id] for r in related_themes(themes, theme)]
                line = f"- **{names[theme.id]}**"
                if theme.details:
                    line += ": " + "; ".join(theme.details)
                st.markdown(line)
                notes = []
                if related:
                    notes.append(t("toolbox.context.related_line", names=", ".join(related)))
                if theme.other_actors.strip():
                    notes.append(t("toolbox.context.others_line", text=theme.other_actors.strip()))
                if notes:
                    st.caption("  \n".join(notes))


# --- Storyboard ----------------------------------------------------------------------------


def _storyboards(concept: Concept) -> list[Storyboard]:
    return concept.toolbox.storyboards


def _frames_of(board_id: str) -> Callable[[Concept], list[StoryboardFrame]]:
    def frames(concept: Concept) -> list[StoryboardFrame]:
        board = next((b for b in concept.toolbox.storyboards if b.id == board_id), None)
        return board.frames if board is not None else []
    return frames


def _emotion_labels() -> Callable[[int | None], str]:
    words = {value: i18n.enum_label("emotion", str(value), lang()) for value in EMOTIONS}
    words[None] = t("toolbox.storyboard.no_emotion")
    return lambda value: words.get(value, str(value))


FRAMES_PER_ROW = 3


def _frame(frame: StoryboardFrame, number: int, board_id: str) -> None:
    fid = frame.id
    with st.container(border=True):
        st.markdown(f"**{t('toolbox.storyboard.frame', number=number)}**")
        bind.text(t("field.caption"), frame, "caption", key=f"frame.{fid}.caption")
        bind.text_area(t("field.situation"), frame, "situation", key=f"frame.{fid}.situation",
                       height=90)
        bind.choice(t("field.emotion"), frame, "emotion", EMOTIONS, key=f"frame.{fid}.emotion",
                    format_func=_emotion_labels(),
                    placeholder=t("toolbox.storyboard.emotion_placeholder"))
        remove_button(f"frame.{fid}", _frames_of(board_id), fid,
                       label=t("toolbox.storyboard.remove_frame"))


def storyboard_tool(concept: Concept) -> None:
    boards = concept.toolbox.storyboards
    if not boards:
        st.info(t("toolbox.storyboard.none"), icon=":material/info:")
    for number, board in enumerate(boards, start=1):
        bid = board.id
        with st.container(border=True):
            st.subheader(t("toolbox.storyboard.heading",
                           name=board.title.strip() or f"#{number}"))
            bind.text(t("field.title"), board, "title", key=f"storyboard.{bid}.title")
            if not board.frames:
                st.caption(t("toolbox.storyboard.no_frames"))
            for start in range(0, len(board.frames), FRAMES_PER_ROW):
                columns = st.columns(FRAMES_PER_ROW)
                for offset, frame in enumerate(board.frames[start:start + FRAMES_PER_ROW]):
                    with columns[offset]:
                        _frame(frame, start + offset + 1, bid)
            _add_button(t("toolbox.storyboard.add_frame"), f"storyboard.{bid}.add_frame",
                        _frames_of(bid), StoryboardFrame)
            bind.text_area(t("field.how_they_want_to_be_served"), board,
                           "how_they_want_to_be_served", key=f"storyboard.{bid}.served",
                           height=90)
            remove_button(f"storyboard.{bid}", _storyboards, bid)
    _add_button(t("toolbox.storyboard.add"), "storyboard.add", _storyboards, Storyboard)
