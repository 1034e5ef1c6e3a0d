"""The live workshop's pages: the room gate, the facilitator's panel on the run screen (join
code, QR code, the wall, reveal, clusters, dot votes, lock, close, take into the concept) and the
participant page. The rules are in `concept.live`, `concept.live_take` and `concept.access`."""

from __future__ import annotations

import html
import io
from datetime import date
from typing import Any

import streamlit as st

from concept import live
from concept import workshop as ws
from concept.access import browser_address, may_open_concepts
from concept.formatting import plain
from concept.live import ASIDES, STAGE, Activity, LiveError, LiveStore, Session
from concept.live_take import NEW, Targets, pieces, take
from concept.model import AgendaItem, Concept
from concept.store import default_data_dir
from concept.ui.a11y import lone_page
from concept.ui.frame import changed, flash, show_flash
from concept.ui.session import current_concept, lang, save_current, t

JOIN_PATH = "join"
QUERY_SESSION = "s"
QUERY_PARTICIPANT = "p"
FLASH_SLOT = "live"
VIEW_KEY = "live.view_key"  # what the participant page was last built from


@st.cache_resource
def _store_for(data_dir: str) -> LiveStore:
    # One object per process and folder: its locks and the join-attempt counts are shared.
    return LiveStore(data_dir)


def live_store() -> LiveStore:
    return _store_for(str(default_data_dir()))


def client_address() -> str | None:
    try:
        ip, headers = st.context.ip_address, st.context.headers
    except Exception:  # no browser context (bare mode)
        return None
    if not isinstance(ip, str):  # AppTest has a stand-in object, no address
        return None
    return browser_address(ip, headers)


# --- the room gate --------------------------------------------------------------------------------


def room_gate(pages: list[Any]) -> bool:
    """For a browser that may not open the concepts (another machine, no sign-in): run the
    participant page if that is where it is, else say that only it is open, and show nothing
    else. True when the gate handled the run (the caller stops); False for this computer."""
    if may_open_concepts(client_address()):
        return False
    page = st.navigation(pages, position="hidden")
    if page.url_path == JOIN_PATH:
        page.run()
        lone_page(page.title)
    else:
        st.warning(t("live.gate.local_only"), icon=":material/lock:")
        lone_page(None)  # not even the refused page's name
    return True


# --- shared pieces --------------------------------------------------------------------------------


def area_label(area: str, activity: Activity) -> str:
    if area.startswith(STAGE):
        names = dict(activity.stages)
        return names.get(area[len(STAGE):], "") or t("live.area.stage")
    if area in ("always", "never"):
        return t(f"workshop.image_{area}")
    if area in ASIDES or not area:
        return t(f"live.area.{area or 'general'}")
    return t(f"field.{area}")


def _error(exc: LiveError) -> str:
    return t(f"live.error.{exc.kind}", **exc.details)


def _note_line(note: live.Note, counts: dict[str, int]) -> str:
    dots = counts.get(note.id, 0)
    return plain(note.text) + (f" · **{'●' * min(dots, 20)} {dots}**" if dots else "")


# --- the facilitator's panel -------------------------------------------------------------------


def _activity_for(concept: Concept, item: AgendaItem, instructions: dict[str, str]) -> Activity:
    stages: tuple[tuple[str, str], ...] = ()
    if item.tool == "journey":
        journeys = sorted(concept.journeys, key=lambda j: j.kind != "target")
        journey = next((j for j in journeys if j.stages), None)
        if journey is not None:
            stages = tuple((s.id, s.name.strip() or f"#{n}")
                           for n, s in enumerate(journey.stages, start=1))
    return Activity(item_id=item.id, tool=item.tool, part=item.part, mode=item.mode,
                    instructions=instructions, stages=stages)


def _open_session() -> None:
    concept = current_concept()
    if concept is None:
        return
    session = live_store().open_session(concept.id)
    concept.workshop.live_session = session.token
    save_current()


def _do(action: str, *args: Any) -> None:
    concept = current_concept()
    if concept is None or not concept.workshop.live_session:
        return
    token = concept.workshop.live_session
    store = live_store()
    try:
        getattr(store, action)(token, *args)
    except LiveError as exc:
        flash(_error(exc), "error", FLASH_SLOT)
        return


def _start_vote(wkey: str) -> None:
    _do("start_vote", int(st.session_state.get(wkey) or 3))


def _add_cluster(name_key: str, area_key: str, item_id: str) -> None:
    _do("add_cluster", item_id, st.session_state.get(area_key) or "",
        st.session_state.get(name_key) or "")
    st.session_state[name_key] = ""


def _assign(wkey: str, note_id: str) -> None:
    _do("assign", note_id, st.session_state.get(wkey) or "")


def _rename(wkey: str, cluster_id: str) -> None:
    _do(LiveStore.rename_cluster.__name__, cluster_id, st.session_state.get(wkey) or "")


def join_base(seen_url: str | None) -> str:
    """The address phones use: the one the facilitator's browser uses, with this laptop's
    network address in place of localhost."""
    return live.room_base(seen_url or "", live.lan_address())


def live_panel(concept: Concept, item: AgendaItem, instructions: dict[str, str]) -> None:
    """Below the run screen: open a live session, or run the open one."""
    st.divider()
    st.subheader(t("live.title"), anchor=False)
    show_flash(FLASH_SLOT)
    store = live_store()
    token = concept.workshop.live_session
    session = None
    if token:
        try:
            session = store.session(token)
        except LiveError:
            session = None
    if session is None:
        st.caption(t("live.intro"))
        st.button(t("live.open"), key="live.open", on_click=_open_session,
                  icon=":material/qr_code_2:", type="primary")
        return
    if session.closed:
        # Nobody can join or write any more, but nothing on the wall is lost: what was not
        # taken yet can still be taken.
        st.info(t("live.closed_here", count=len(_offered(session))), icon=":material/lock:")
        _take(concept, session)
        st.button(t("live.open_new"), key="live.open", on_click=_open_session,
                  icon=":material/qr_code_2:")
        return
    wanted = _activity_for(concept, item, instructions)
    if session.activity != wanted:
        session = store.set_activity(token, wanted)
    _join_card(session)
    _controls(session)
    wall = st.container()
    _arrange(session)
    _take(concept, session)
    # The wall redraws every second. It sits in a container of its own, and it is the run's
    # last call: every other element of the page is drawn before its first tick can come.
    with wall:
        st.fragment(run_every=1)(_wall)(token)


def _join_card(session: Session) -> None:
    import segno

    with st.container(border=True):
        left, right = st.columns([2, 3], vertical_alignment="center")
        base_key = "live.base"
        if base_key not in st.session_state:
            st.session_state[base_key] = join_base(_seen_url())
        url = live.join_url(st.session_state[base_key], session.token)
        buffer = io.BytesIO()
        segno.make(url, error="m").save(buffer, kind="png", scale=12, border=2)
        left.image(buffer.getvalue(), width=380, caption=t("live.qr_caption"))
        with right:
            st.markdown(t("live.join_how"))
            # The code's own letters and digits and a dash, and a catalog label; escaped all the
            # same, since the code is read back from the session's file.
            label = html.escape(t("live.code_label"))
            code = html.escape(live.shown_code(session.code))
            st.markdown(f"<div style='font-size:5rem;font-weight:700;letter-spacing:0.1em;"
                        f"font-family:monospace' aria-label='{label}'>{code}</div>",
                        unsafe_allow_html=True)
            st.code(url, language=None)
            st.text_input(t("live.base_label"), key=base_key, help=t("live.base_help"))
            st.caption(t("live.people", count=len(session.participants),
                         limit=live.MAX_PARTICIPANTS))


def _seen_url() -> str:
    try:
        return st.context.url or ""
    except Exception:  # no browser context
        return ""


def _controls(session: Session) -> None:
    item_id = session.activity.item_id
    cols = st.columns(4, vertical_alignment="bottom")
    cols[0].button(t("live.reveal"), key="live.reveal", on_click=_do, args=("reveal", item_id),
                   icon=":material/visibility:", disabled=item_id in session.revealed,
                   width="stretch")
    if session.locked:
        cols[1].button(t("live.unlock"), key="live.unlock", on_click=_do, args=("lock", False),
                       icon=":material/lock_open:", width="stretch")
    else:
        cols[1].button(t("live.lock"), key="live.lock", on_click=_do, args=("lock", True),
                       icon=":material/lock:", width="stretch")
    vote = session.open_vote()
    if vote is None:
        inner = cols[2].columns([1, 2], vertical_alignment="bottom")
        inner[0].number_input(t("live.dots"), key="live.dots", min_value=1,
                              max_value=live.MAX_DOTS, value=3, step=1)
        inner[1].button(t("live.vote_start"), key="live.vote_start", on_click=_start_vote,
                        args=("live.dots",), icon=":material/how_to_vote:", width="stretch")
    else:
        cols[2].button(t("live.vote_close"), key="live.vote_close", on_click=_do,
                       args=("close_vote", vote.id), icon=":material/done_all:",
                       width="stretch")
    with cols[3].popover(t("live.close"), icon=":material/cancel:", width="stretch"):
        st.markdown(t("live.close_body"))  # asks first: it ends everyone's access at once
        st.button(t("live.close_yes"), key="live.close", on_click=_do, args=("close",),
                  icon=":material/cancel:", type="primary", width="stretch")


def _wall(token: str) -> None:
    """The projector's wall, refreshed every second: the current activity's notes by area."""
    try:
        session = live_store().session(token)
    except LiveError:
        return
    activity = session.activity
    item_id = activity.item_id
    notes = session.live_notes(item_id)
    vote = session.last_vote(item_id)
    counts = vote.counts() if vote is not None else {}
    state = []
    if session.locked:
        state.append(t("live.locked_state"))
    if vote is not None:
        state.append(t("live.vote_open" if vote.open else "live.vote_closed", dots=vote.dots))
    st.subheader(t("live.wall", count=len(notes)) + (f" · {' · '.join(state)}" if state else ""),
                 anchor=False)  # no link anchor: it would be one more Tab stop every second
    if session.hidden(item_id):
        st.info(t("live.hidden", count=len(notes)), icon=":material/visibility_off:")
        return
    areas = [*activity.areas, "", *ASIDES]
    shown = [a for a in areas if a in activity.areas or any(n.area == a for n in notes)]
    columns = st.columns(max(min(len(shown), 4), 1))
    for index, area in enumerate(shown):
        with columns[index % len(columns)], st.container(border=True):
            st.markdown(f"**{plain(area_label(area, activity))}**")
            in_area = [n for n in notes if n.area == area]
            for cluster in [c for c in session.clusters_of(item_id) if c.area == area]:
                dots = counts.get(cluster.id, 0)
                st.markdown(f"**{plain(cluster.name)}**" + (f" · **{'●' * min(dots, 20)} "
                                                            f"{dots}**" if dots else ""))
                members = session.cluster_notes(cluster.id)
                st.markdown("\n".join(f"- {_note_line(n, counts)}" for n in members)
                            or t("live.empty_cluster"))
            loose = [n for n in in_area if n.id not in session.cluster_of]
            if loose:
                # One block per area, not an element per note: the wall stays light to redraw
                # every second with a hundred notes on it.
                st.markdown("\n".join(f"- {_note_line(n, counts)}" for n in loose))


def _remove_chosen(wkey: str) -> None:
    note_id = st.session_state.get(wkey)
    if note_id:
        _do("remove_note", note_id)
        st.session_state[wkey] = None


def _remover(session: Session) -> None:
    """Take a note off the wall (off topic, personal data): it stays in the log, marked
    removed, and is shown nowhere."""
    notes = {n.id: n.text for n in session.live_notes(session.activity.item_id)}
    notes |= {n.id: n.text for n in session.notes.values()
              if n.area in ASIDES and n.id not in session.removed}
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    left.selectbox(t("live.remove_which"), list(notes), index=None, key="live.remove_which",
                   format_func=lambda n: notes.get(n, n), placeholder=t("live.remove_pick"))
    right.button(t("live.remove"), key="live.remove", on_click=_remove_chosen,
                 args=("live.remove_which",), icon=":material/delete:", width="stretch")


def _arrange(session: Session) -> None:
    """Clusters: name one, then put notes in it (after the reveal in an individual round)."""
    item_id = session.activity.item_id
    if session.hidden(item_id):
        return
    notes = session.live_notes(item_id)
    with st.expander(t("live.arrange"), icon=":material/workspaces:"):
        _remover(session)
        activity = session.activity
        areas = [*activity.areas, "", *ASIDES]
        left, middle, right = st.columns([3, 2, 1], vertical_alignment="bottom")
        left.text_input(t("live.cluster_name"), key="live.cluster_name",
                        max_chars=live.MAX_CLUSTER_NAME)
        middle.selectbox(t("live.cluster_area"), areas, key="live.cluster_area",
                         format_func=lambda a: area_label(a, activity))
        right.button(t("live.cluster_add"), key="live.cluster_add", on_click=_add_cluster,
                     args=("live.cluster_name", "live.cluster_area", item_id),
                     icon=":material/add:")
        clusters = session.clusters_of(item_id)
        for cluster in clusters:
            wkey = f"live.rename.{cluster.id}"
            st.text_input(t("live.cluster_rename"), value=cluster.name, key=wkey,
                          on_change=_rename, args=(wkey, cluster.id),
                          max_chars=live.MAX_CLUSTER_NAME)
        if not clusters:
            return
        options = ["", *[c.id for c in clusters]]
        names = {c.id: c.name for c in clusters}
        for note in notes:
            wkey = f"live.assign.{note.id}"
            current = session.cluster_of.get(note.id, "")
            st.selectbox(t("live.note_in", note=note.text[:60]), options,
                         index=options.index(current) if current in options else 0, key=wkey,
                         format_func=lambda c: names.get(c, t("live.no_cluster")),
                         on_change=_assign, args=(wkey, note.id))


def _tool_of(concept: Concept) -> dict[str, str]:
    return {item.id: item.tool for item in concept.workshop.items}


def _take_chosen(note_key: str, cluster_key: str, target_keys: dict[str, str]) -> None:
    concept = current_concept()
    if concept is None or not concept.workshop.live_session:
        return
    store = live_store()
    token = concept.workshop.live_session
    session = store.session(token)
    tool_of = _tool_of(concept)
    chosen = pieces(session, list(st.session_state.get(note_key) or []),
                    list(st.session_state.get(cluster_key) or []), tool_of)
    targets = Targets(**{name: st.session_state.get(key) or "" for name, key in
                         target_keys.items()})
    taken = take(concept, session, chosen, targets, tool_of, date.today())
    store.mark_taken(token, [p.source_id for p in taken] + list(
        st.session_state.get(cluster_key) or []))
    st.session_state[note_key] = []
    st.session_state[cluster_key] = []
    flash(t("live.taken", count=len(taken)), "success", FLASH_SLOT)
    changed()


def _offered(session: Session) -> list[live.Note]:
    """The notes that can still be taken: not removed, not taken, not hidden (an individual
    round before its reveal); the current activity's first, then the others as they came."""
    item_id = session.activity.item_id
    notes = [n for n in session.notes.values() if n.id not in session.removed
             and n.id not in session.taken and not session.hidden(n.item_id)]
    return sorted(notes, key=lambda n: n.item_id != item_id)


def _take(concept: Concept, session: Session) -> None:
    """Choose notes and clusters, of this activity or an earlier one; they become the
    concept's items, marked as from the workshop."""
    items = {item.id: item for item in concept.workshop.items}
    activities = {session.activity.item_id: session.activity}

    def activity_of(item_id: str) -> Activity:
        if item_id not in activities:
            item = items.get(item_id)
            activities[item_id] = (_activity_for(concept, item, {}) if item is not None
                                   else Activity(item_id=item_id))
        return activities[item_id]

    def where(item_id: str, area: str) -> str:
        activity = activity_of(item_id)
        label = area_label(area, activity)
        if item_id == session.activity.item_id or area in ASIDES or not activity.tool:
            return label
        return f"{ws.title(activity.tool, lang(), activity.part)} · {label}"

    with st.expander(t("live.take"), icon=":material/move_to_inbox:"):
        st.caption(t("live.take_help"))
        notes = _offered(session)
        choices = {n.id: f"{where(n.item_id, n.area)}: {n.text}" for n in notes}
        clusters = {c.id: f"{where(c.item_id, c.area)}: {c.name}"
                    for c in session.clusters.values() if c.id not in session.taken
                    and not session.hidden(c.item_id)}
        if not choices and not clusters:
            st.caption(t("live.take_nothing"))
        st.multiselect(t("live.take_notes"), list(choices), key="live.take_notes",
                       format_func=lambda n: choices.get(n, n),
                       placeholder=t("widget.choose_many"), select_all=False)
        if clusters:
            st.multiselect(t("live.take_clusters"), list(clusters), key="live.take_clusters",
                           format_func=lambda c: clusters.get(c, c),
                           placeholder=t("widget.choose_many"), select_all=False)
        tools = {activity_of(n.item_id).tool for n in notes} | {
            activity_of(session.clusters[c].item_id).tool for c in clusters}
        keys: dict[str, str] = {}
        if "empathy_map" in tools:
            maps = {NEW: t("live.new_map")} | {
                m.id: m.persona_label.strip() or f"#{n}"
                for n, m in enumerate(concept.toolbox.empathy_maps, start=1)}
            st.selectbox(t("live.into_map"), list(maps), key="live.into_map",
                         format_func=lambda m: maps.get(m, m))
            keys["empathy_map"] = "live.into_map"
        if "everyday_life" in tools:
            entries = {NEW: t("live.new_entry")} | {
                e.id: f"#{n}" for n, e in enumerate(concept.toolbox.everyday_life, start=1)}
            st.selectbox(t("live.into_entry"), list(entries), key="live.into_entry",
                         format_func=lambda e: entries.get(e, e))
            keys["everyday_life"] = "live.into_entry"
        if "profiles" in tools:
            profiles = {p.id: p.name.strip() or f"#{n}"
                        for n, p in enumerate(concept.profiles, start=1)}
            if profiles:
                st.selectbox(t("live.into_profile"), list(profiles), key="live.into_profile",
                             format_func=lambda p: profiles.get(p, p))
                keys["profile"] = "live.into_profile"
            else:
                st.caption(t("live.no_profile"))
        st.button(t("live.take_button"), key="live.take_button", on_click=_take_chosen,
                  args=("live.take_notes", "live.take_clusters", keys),
                  icon=":material/move_to_inbox:", type="primary",
                  disabled=not choices and not clusters)
        marks = concept.workshop.live_marks
        if marks:
            st.caption(t("live.taken_so_far", count=len(marks)))


# --- the participant page ------------------------------------------------------------------------


def _joined() -> str | None:
    pid = st.query_params.get(QUERY_PARTICIPANT)
    return pid if isinstance(pid, str) and pid else None


def _join(token: str, nick_key: str, code_key: str) -> None:
    try:
        pid = live_store().join(token, st.session_state.get(code_key) or "",
                                st.session_state.get(nick_key) or "", client_address() or "")
    except LiveError as exc:
        flash(_error(exc), "error", FLASH_SLOT)
        return
    st.query_params[QUERY_PARTICIPANT] = pid  # a reload or a server restart rejoins


def _submit(token: str, pid: str, area_key: str, text_key: str, aside: str) -> None:
    area = aside or st.session_state.get(area_key) or ""
    try:
        live_store().add_note(token, pid, st.session_state.get(text_key) or "", area)
    except LiveError as exc:
        flash(_error(exc), "error", FLASH_SLOT)
        return
    flash(t(f"live.sent.{aside or 'note'}"), "toast", FLASH_SLOT)
    st.session_state[text_key] = ""


def _dot(token: str, pid: str, target: str) -> None:
    try:
        live_store().place_dot(token, pid, target)
    except LiveError as exc:
        st.session_state["live.dot_error"] = _error(exc)


def participant_page() -> None:
    """What a participant's phone shows: joining, then the current activity, a note form
    shaped for it, own notes, and the wall once revealed. Nothing of the concept."""
    token = st.query_params.get(QUERY_SESSION)
    st.title(t("live.participant_title"), anchor=False)
    show_flash(FLASH_SLOT)
    if not live.is_token(token):
        st.info(t("live.no_token"), icon=":material/qr_code_scanner:")
        return
    pid = _joined()
    store = live_store()
    if pid is not None:
        try:
            session = store.participant(token, pid)
        except LiveError as exc:
            st.query_params.pop(QUERY_PARTICIPANT, None)
            st.error(_error(exc), icon=":material/block:")
            return
        _participant(session, pid)
        return
    try:
        session = store.session(token)
    except LiveError:
        session = None
    if session is not None and session.closed:
        st.error(t("live.error.closed"), icon=":material/block:")
        return
    with st.form("live.join", border=True):
        st.text_input(t("live.nick"), key="live.nick", max_chars=live.MAX_NICK,
                      help=t("live.nick_help"))
        st.text_input(t("live.code"), key="live.code", max_chars=live.CODE_LENGTH + 4)
        st.form_submit_button(t("live.join"), on_click=_join,
                              args=(token, "live.nick", "live.code"), type="primary",
                              width="stretch")


def _participant(session: Session, pid: str) -> None:
    token = session.token
    drawn_from = session.participant_view_key()
    activity = session.activity
    nick = session.participants.get(pid, "")
    if nick:
        st.caption(t("live.you_are", nick=plain(nick)))
    if not activity.item_id:
        st.info(t("live.waiting"), icon=":material/hourglass_empty:")
    else:
        code = lang()
        st.header(plain(ws.title(activity.tool, code, activity.part)), anchor=False)
        if activity.instructions.get(code):
            st.markdown(plain(activity.instructions[code]))
        questions = ws.questions(activity.tool, code)
        if questions:
            st.markdown("\n".join(f"- {plain(q)}" for q in questions))
        if session.locked:
            st.info(t("live.locked_state"), icon=":material/lock:")
        else:
            _note_form(session, pid)
    # Set only once the page is drawn: a run cut short (the next tick, a busy machine) leaves
    # the old key, so the next tick rebuilds the page instead of leaving it stale.
    st.session_state[VIEW_KEY] = drawn_from
    st.fragment(run_every=1)(_follow)(token, pid)


def _note_form(session: Session, pid: str) -> None:
    activity = session.activity
    with st.form("live.note", border=True):
        if activity.areas:
            st.radio(t("live.area_pick"), list(activity.areas), key="live.area",
                     format_func=lambda a: plain(area_label(a, activity)))
        st.text_area(t("live.note"), key="live.text", max_chars=live.MAX_NOTE, height=90)
        st.form_submit_button(t("live.send"), on_click=_submit, type="primary",
                              args=(session.token, pid, "live.area", "live.text", ""),
                              icon=":material/send:", width="stretch")
        left, right = st.columns(2)
        with left:
            st.form_submit_button(t("live.park"), on_click=_submit,
                                  args=(session.token, pid, "live.area", "live.text", "park"),
                                  icon=":material/local_parking:", width="stretch")
        with right:
            st.form_submit_button(t("live.stop"), on_click=_submit,
                                  args=(session.token, pid, "live.area", "live.text", "stop"),
                                  icon=":material/block:", width="stretch")


def _follow(token: str, pid: str) -> None:
    """Every second: follow the facilitator (a new activity, the reveal, a vote, the lock or
    the close rebuilds the page); meanwhile the own notes, the votes and the revealed wall."""
    try:
        session = live_store().participant(token, pid)
    except LiveError:
        st.rerun()
        return
    if session.participant_view_key() != st.session_state.get(VIEW_KEY):
        st.rerun()
    activity = session.activity
    own = session.own_notes(pid)
    if own:
        st.markdown(f"**{t('live.own_notes', count=len(own))}**")
        st.markdown("\n".join(f"- {plain(area_label(n.area, activity))}: {plain(n.text)}"
                              for n in own))
    wall = session.wall_for_participant()
    if not wall:
        return
    vote = session.open_vote()
    counts = vote.counts() if vote is not None else {}
    st.markdown(f"**{t('live.wall', count=len(wall))}**")
    if vote is not None:
        st.caption(t("live.dots_left", left=vote.left(pid), dots=vote.dots))
        problem = st.session_state.pop("live.dot_error", None)
        if problem:
            st.warning(problem)
    for cluster in session.clusters_of(activity.item_id):
        _votable(token, pid, cluster.id, f"**{plain(cluster.name)}**", vote, counts)
    for note in wall:
        if note.id not in session.cluster_of:
            _votable(token, pid, note.id, plain(note.text), vote, counts)


def _votable(token: str, pid: str, target: str, text: str, vote: live.Vote | None,
             counts: dict[str, int]) -> None:
    if vote is None:
        st.markdown(f"- {text}")
        return
    line, button = st.columns([5, 2], vertical_alignment="center")
    line.markdown(text + (f" · {counts[target]}" if counts.get(target) else ""))
    button.button(t("live.dot"), key=f"live.dot.{target}", on_click=_dot,
                  args=(token, pid, target), disabled=vote.left(pid) <= 0,
                  icon=":material/radio_button_checked:")
