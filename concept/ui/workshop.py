"""The workshop's pages: choosing a recipe, the agenda, the facilitator's run screen with its
countdown, and the closing review (methodology §8). The logic is in `concept.workshop`."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from concept import workshop as ws
from concept.checks import all_findings
from concept.formatting import plain
from concept.model import Concept, utc_now
from concept.promotion import is_excluded
from concept.recipes import all_recipes, find, save_own
from concept.store import default_data_dir
from concept.toolbox import place
from concept.ui import bind
from concept.ui.a11y import advice
from concept.ui.facilitation import parked_editor, stopped_editor
from concept.ui.frame import changed, flash, show_findings, show_flash
from concept.ui.live import live_panel
from concept.ui.session import current_concept, lang, save_current, t, widget_key
from concept.ui.tools.common import labels

FLASH_SLOT = "workshop"


def _recipe(concept: Concept | None):
    return ws.recipe_of(concept, default_data_dir()) if concept is not None else None


def title_of(key: str, part: str = "") -> str:
    """The title of a step or tool key, or of an extended tool the app has no page for yet."""
    return ws.title(key, lang(), part)


# --- the navigation: the chosen recipe's path first --------------------------------------------


def navigation_sections(steps: dict[str, Any], tools: dict[str, Any], workshop: list[Any],
                        more: list[Any]) -> dict[str, list[Any]]:
    """Sections of st.navigation: without a recipe, today's full path and the toolbox; with one,
    the recipe's steps and tools in its order and everything else under "more tools"."""
    recipe = _recipe(current_concept())
    sections: dict[str, list[Any]] = {}
    if recipe is None:
        sections[t("nav.steps")] = list(steps.values())
        if tools:
            sections[t("nav.toolbox")] = list(tools.values())
    else:
        pages = {**steps, **tools}
        ordered, rest = ws.page_order(recipe, list(pages))
        if "start" not in ordered:  # the start page is where the recipe is changed
            ordered.insert(0, "start")
            rest.remove("start")
        sections[recipe.text("title", lang())] = [pages[key] for key in ordered]
        if rest:
            sections[t("workshop.more_tools")] = [pages[key] for key in rest]
    sections[t("workshop.nav")] = workshop
    sections[t("nav.more")] = more
    return sections


# --- choosing a recipe (on the start page) ----------------------------------------------------


def _chosen(wkey: str) -> None:
    concept = current_concept()
    if concept is None:
        return
    key = st.session_state.get(wkey) or ""
    ws.choose_recipe(concept, find(key, default_data_dir()) if key else None)
    changed()


def recipe_picker(concept: Concept) -> None:
    """The recipe the concept follows; "" is today's full path."""
    recipes = all_recipes(default_data_dir())
    titles = {r.key: r.text("title", lang()) for r in recipes}
    options = ["", *titles]
    current = concept.workshop.recipe if concept.workshop.recipe in titles else ""
    wkey = widget_key("workshop.recipe")
    code = lang()
    full_path = t("workshop.full_path")  # fixed now: AppTest formats outside the session
    st.selectbox(t("workshop.recipe_label"), options, index=options.index(current), key=wkey,
                 format_func=lambda key: titles.get(key) or full_path,
                 on_change=_chosen, args=(wkey,), help=t("workshop.recipe_help"))
    recipe = _recipe(concept)
    if recipe is not None:
        st.caption(plain(recipe.text("intro", code)) + "  \n" + t("pack.credit"))


# --- the agenda ----------------------------------------------------------------------------------


def _show_gates(concept: Concept) -> None:
    found = ws.gates(concept, _recipe(concept))
    if not found:
        return
    st.header(t("workshop.gates_title"), anchor=False)
    for gate in found:
        text = t(f"workshop.gate.{gate.what}", needed=gate.needed, have=gate.have)
        if gate.met:
            st.success(text, icon=":material/check_circle:")
        else:
            advice(text, icon=":material/pending:")  # to prepare, not an alarm
            target = place(ws.GATE_PAGES[gate.what])
            if target is not None:
                st.page_link(target.page, label=t(target.title_key), icon=target.icon)


def _settings(concept: Concept) -> None:
    workshop = concept.workshop
    cols = st.columns(5)
    with cols[0]:
        bind.text(t("workshop.start_time"), workshop, "start_time", key="ws.start_time",
                  max_chars=5, help=t("workshop.start_time_help"))
    numbers = (("groups", 1, 50), ("presentation_minutes", 0, 60), ("break_every", 15, 600),
               ("break_minutes", 0, 120))
    for col, (attr, low, high) in zip(cols[1:], numbers, strict=True):
        with col:
            bind.bound(st.number_input, t(f"workshop.{attr}"), workshop, attr,
                       key=f"ws.{attr}", min_value=low, max_value=high, step=1)


def _move(item_id: str, step: int) -> None:
    concept = current_concept()
    if concept is not None:
        ws.move(concept.workshop, item_id, step)
        changed()


def _drop(item_id: str) -> None:
    concept = current_concept()
    if concept is not None:
        ws.drop(concept.workshop, item_id)
        changed()


def _schedule_table(concept: Concept) -> None:
    workshop = concept.workshop
    rows = []
    for slot in ws.schedule(workshop):
        item = slot.item
        if slot.kind == "break":
            what, mode, actual = t("workshop.break"), "", ""
        elif slot.kind == "presentation":
            what = t("workshop.presentation_round", groups=workshop.groups)
            mode, actual = "", ""
        else:
            what = title_of(item.tool, item.part)
            mode = t(f"workshop.mode.{item.mode}") if item.mode else ""
            done = ws.actual_minutes(item)
            actual = "" if done is None else f"{ws.local_time(item.started_at)} · {done} min"
        rows.append({t("workshop.col_time"): ws.clock_time(workshop, slot.start),
                     t("workshop.col_what"): what, t("workshop.col_mode"): mode,
                     t("workshop.col_planned"): f"{slot.minutes} min",
                     t("workshop.col_actual"): actual})
    st.dataframe(rows, hide_index=True, width="stretch")
    totals = ws.totals(workshop)
    cols = st.columns(5)
    for col, (name, minutes) in zip(cols, (
            ("work", totals.work), ("presentations", totals.presentations),
            ("breaks", totals.breaks), ("net", totals.net), ("total", totals.total)),
            strict=True):
        col.metric(t(f"workshop.total_{name}"), ws.duration_text(minutes))
    end = ws.clock_time(workshop, totals.total)
    st.caption(t("workshop.ends_at", time=end))


def _item_editor(concept: Concept) -> None:
    items = concept.workshop.items
    # A toggle, not an expander: it stays open while the edits rerun the page.
    if not st.toggle(t("workshop.edit_title"), key="ws.edit"):
        return
    with st.container(border=True):
        for index, item in enumerate(items):
            iid = item.id
            cols = st.columns([3, 2, 2, 2, 1, 1, 1], vertical_alignment="bottom")
            cols[0].markdown(f"**{index + 1}. {plain(title_of(item.tool, item.part))}**")
            with cols[1]:
                bind.bound(st.number_input, t("workshop.minutes"), item, "minutes",
                           key=f"ws.{iid}.minutes", min_value=0, max_value=600, step=5)
            with cols[2]:
                bind.toggle(t("workshop.presentation"), item, "presentation",
                            key=f"ws.{iid}.presentation")
            with cols[3]:
                bind.choice(t("workshop.break_after"), item, "break_after",
                            ("auto", "yes", "no"), key=f"ws.{iid}.break",
                            format_func=labels("workshop.break_choice"))
            cols[4].button("", key=f"ws.{iid}.up", icon=":material/arrow_upward:",
                           on_click=_move, args=(iid, -1), disabled=index == 0,
                           help=t("workshop.move_up"))
            cols[5].button("", key=f"ws.{iid}.down", icon=":material/arrow_downward:",
                           on_click=_move, args=(iid, 1), disabled=index + 1 == len(items),
                           help=t("workshop.move_down"))
            cols[6].button("", key=f"ws.{iid}.drop", icon=":material/delete:",
                           on_click=_drop, args=(iid,), help=t("workshop.drop"))


def _save_own(wkey: str) -> None:
    concept = current_concept()
    name = (st.session_state.get(wkey) or "").strip()
    recipe = _recipe(concept)
    if concept is None or recipe is None or not name:
        return
    own = save_own(ws.edited_recipe(recipe, concept.workshop), name, default_data_dir())
    concept.workshop.recipe = own.key
    flash(t("workshop.own_saved", name=plain(name)), "success", FLASH_SLOT)
    changed()


def _own_recipe_form() -> None:
    wkey = widget_key("ws.own_name")
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    left.text_input(t("workshop.own_name"), key=wkey, max_chars=60)
    right.button(t("workshop.own_save"), key="ws.own_save", on_click=_save_own, args=(wkey,),
                 icon=":material/bookmark_add:")


def agenda_page(concept: Concept) -> None:
    show_flash(FLASH_SLOT)
    recipe_picker(concept)
    recipe = _recipe(concept)
    if recipe is None:
        st.info(t("workshop.no_recipe"), icon=":material/info:")
        return
    _show_gates(concept)
    if not concept.workshop.items:
        st.info(t("workshop.no_items"), icon=":material/info:")
        return
    st.header(t("workshop.agenda_title"), anchor=False)
    if recipe.timed:
        _settings(concept)
    _schedule_table(concept)
    _item_editor(concept)
    _own_recipe_form()
    _pack_downloads(concept)


def _pack_downloads(concept: Concept) -> None:
    from concept.export.workshop_pack import pack_docx, pack_file_name, pack_pdf

    st.header(t("workshop.pack_title"), anchor=False)
    st.caption(t("workshop.pack_help"))
    code = lang()
    left, right = st.columns(2)
    left.download_button(t("workshop.pack_pdf"), data=lambda: pack_pdf(concept, code),
                         file_name=pack_file_name(concept, "pdf"), mime="application/pdf",
                         icon=":material/picture_as_pdf:", key="ws.pack_pdf",
                         on_click="ignore")
    right.download_button(
        t("workshop.pack_docx"), data=lambda: pack_docx(concept, code),
        file_name=pack_file_name(concept, "docx"), icon=":material/description:",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key="ws.pack_docx", on_click="ignore")


# --- the run screen ------------------------------------------------------------------------------


def _act(action: str) -> None:
    concept = current_concept()
    if concept is None:
        return
    workshop = concept.workshop
    if action == "start":
        ws.start(workshop, concept)
    elif action == "pause":
        ws.pause(workshop)
    elif action == "plus5":
        ws.add_minutes(workshop, 5)
    elif action == "next":
        ws.next_activity(workshop)
    save_current()


def _countdown() -> None:
    concept = current_concept()
    if concept is None:
        return
    workshop = concept.workshop
    left = ws.remaining_seconds(workshop, utc_now())
    colour = "#b3261e" if left < 0 else "#1f6f8b"
    # Only digits, a colon and a sign: nothing the user typed is shown here.
    st.markdown(f"<div class='ws-timer' style='font-size:7rem;font-weight:700;line-height:1;"
                f"color:{colour}'>{ws.countdown_text(left)}</div>", unsafe_allow_html=True)
    state = "running" if ws.is_running(workshop) else "paused"
    st.caption(t(f"workshop.timer_{state}",
                 planned=ws.planned_seconds(workshop) // 60))


def _add_note(wkey: str, item_id: str) -> None:
    concept = current_concept()
    if concept is None:
        return
    if ws.add_note(concept.workshop, item_id, st.session_state.get(wkey) or "",
                   "facilitator") is not None:
        st.session_state[wkey] = ""
        save_current()


def _notes(concept: Concept, item_id: str) -> None:
    """The activity's notes: typed here now; the live workshop will feed participants' notes
    into the same list (`Workshop.notes`, with their source)."""
    st.markdown(f"**{t('workshop.notes_title')}**")
    for note in ws.notes_for(concept.workshop, item_id):
        who = t("workshop.note_facilitator") if note.source == "facilitator" else note.source
        st.markdown(f"- {plain(note.text)} · *{plain(who)}*")
    wkey = f"ws.note.{item_id}"
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    left.text_input(t("workshop.note_input"), key=wkey, max_chars=500)
    right.button(t("workshop.note_add"), key=f"ws.note_add.{item_id}", on_click=_add_note,
                 args=(wkey, item_id))


def _earlier_outputs(concept: Concept, keys: tuple[str, ...]) -> None:
    for key in keys:
        lines = ws.output_lines(concept, key, lang())
        with st.expander(t("workshop.builds_on", title=title_of(key)), icon=":material/history:"):
            if lines:
                st.markdown("\n".join(f"- {plain(line)}" for line in lines))
            else:
                st.caption(t("workshop.nothing_yet"))


def _parking_at_hand(concept: Concept) -> None:
    open_items = [i for i in concept.parking_lot if i.status == "open"]
    stopped = [i for i in concept.stop_list if i.status == "stopped"]
    with st.expander(t("workshop.at_hand", parked=len(open_items), stopped=len(stopped)),
                     icon=":material/local_parking:"):
        for item in open_items:
            st.markdown(f"- P: {plain(item.text)}")
        for item in stopped:
            st.markdown(f"- S: {plain(item.text)}")
        st.caption(t("workshop.at_hand_help"))


def run_page(concept: Concept) -> None:
    workshop = concept.workshop
    recipe = _recipe(concept)
    if recipe is None or not workshop.items:
        st.info(t("workshop.no_recipe"), icon=":material/info:")
        st.page_link("views/workshop/agenda.py", label=t("tool.agenda.title"),
                     icon=":material/event_note:")
        return
    item = ws.current_item(workshop)
    if item is None:
        st.success(t("workshop.all_done"), icon=":material/celebration:")
        st.page_link("views/workshop/review.py", label=t("tool.review.title"),
                     icon=":material/fact_check:")
        return
    activity = ws.activity_of(recipe, item)
    code = lang()
    st.caption(t("workshop.activity_of", number=workshop.current + 1,
                 count=len(workshop.items)))
    st.header(plain(title_of(item.tool, item.part)), anchor=False)
    main, side = st.columns([4, 3])
    with main:
        if item.mode:
            st.subheader(t(f"workshop.mode.{item.mode}"), anchor=False)
        if activity is not None:  # large for the projector; no link anchor (a Tab stop)
            st.subheader(plain(activity.instructions.get(code, "")), anchor=False)
        questions = ws.questions(item.tool, code)
        if questions:
            st.markdown("\n".join(f"- **{plain(q)}**" for q in questions))
        target = place(ws.PAGE_OF.get(item.tool, item.tool))
        if target is not None:
            st.page_link(target.page, label=t("workshop.open_editor", title=t(target.title_key)),
                         icon=":material/edit:")
    with side:
        run_every = 1 if ws.is_running(workshop) else None
        st.fragment(run_every=run_every)(_countdown)()
        buttons = st.columns(3)
        if ws.is_running(workshop):
            buttons[0].button(t("workshop.pause"), key="ws.pause", on_click=_act,
                              args=("pause",), icon=":material/pause:", width="stretch")
        else:
            buttons[0].button(t("workshop.start"), key="ws.start", on_click=_act,
                              args=("start",), icon=":material/play_arrow:", type="primary",
                              width="stretch")
        buttons[1].button(t("workshop.plus5"), key="ws.plus5", on_click=_act, args=("plus5",),
                          icon=":material/more_time:", width="stretch")
        buttons[2].button(t("workshop.next"), key="ws.next", on_click=_act, args=("next",),
                          icon=":material/skip_next:", width="stretch")
        if item.presentation:
            st.info(t("workshop.presentation_after", groups=workshop.groups,
                      minutes=ws.presentation_minutes(workshop, item)),
                    icon=":material/co_present:")
        _parking_at_hand(concept)
    if activity is not None and activity.builds_on:
        _earlier_outputs(concept, activity.builds_on)
    _notes(concept, item.id)
    live_panel(concept, item, dict(activity.instructions) if activity is not None else {})


def run_link() -> None:
    """In the sidebar while a workshop runs: the way back to the run screen from an editor."""
    concept = current_concept()
    if concept is None:
        return
    workshop = concept.workshop
    if workshop.started_at is not None and workshop.finished_at is None:
        st.page_link("views/workshop/run.py", label=t("workshop.back_to_run"),
                     icon=":material/timer:")


# --- the closing review ----------------------------------------------------------------------


def review_page(concept: Concept) -> None:
    code = lang()
    st.header(t("workshop.review_parked"), anchor=False)
    open_items = [i for i in concept.parking_lot if i.status == "open"]
    if not open_items:
        st.caption(t("workshop.review_no_parked"))
    for item in open_items:
        parked_editor(item)
    st.header(t("workshop.review_stopped"), anchor=False)
    stopped = [i for i in concept.stop_list if i.status == "stopped"]
    if not stopped:
        st.caption(t("workshop.review_no_stopped"))
    waiting = [i for i in stopped if not is_excluded(concept, i)]
    for item in waiting:
        stopped_editor(concept, item)
    if stopped and not waiting:
        st.success(t("workshop.review_all_excluded"), icon=":material/check_circle:")
    show_findings(all_findings(concept)[:5], heading=t("workshop.review_findings"))
    st.header(t("workshop.summary_title"), anchor=False)
    summary = ws.summary_markdown(concept, code)
    with st.expander(t("workshop.summary_preview")):
        st.code(summary, language="markdown", wrap_lines=True)
    st.download_button(t("workshop.summary_download"), data=summary.encode("utf-8"),
                       file_name=f"workshop-summary-{date.today().isoformat()}.md",
                       mime="text/markdown", icon=":material/download:", key="ws.summary",
                       on_click="ignore")
