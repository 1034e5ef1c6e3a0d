"""The live workshop's sessions: participants' notes, the wall's clusters and the dot votes, kept
apart from the concept in an append-only log per session (no streamlit here).

Each session is one file `live/<token>.log` in the data folder, a JSON event per line. A write
takes a thread lock and a file lock, catches up with what other processes appended, checks the
rules (limits, lock, closed), appends one line and fsyncs it: thirty people writing at once queue
for a few milliseconds and never collide with the facilitator's concept saves, and a server
restart reads every note back from the log. A torn last line (a crash mid-write) is ignored and
cut off before the next write. The session's state is the fold of its events; readers catch up
from the byte offset they last read, so the wall's once-a-second look costs only the new lines.

A participant needs the session's random token (in the join address) and its join code (on the
projector); failed attempts are rate-limited per client and per session.
"""

from __future__ import annotations

import hmac
import json
import os
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock

LIVE_DIR = "live"
# Limits against abuse; the messages name them (live.error.* in the catalogs).
MAX_NOTE = 280
MAX_NICK = 30
NOTES_PER_MINUTE = 10
MAX_PARTICIPANTS = 60
MAX_DOTS = 10
MAX_CLUSTER_NAME = 80
# Failed join attempts allowed per minute, per client address and per session in all.
ATTEMPTS_PER_CLIENT = 5
ATTEMPTS_PER_SESSION = 30
# No 0/O, 1/I/L: read off a projector and typed on a phone. 31^8 ≈ 8.5e11 codes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{20,64}")

# The note areas of a tool's activity; "stage:<id>" areas come from the journey's stages, and
# "park" and "stop" are open in every activity.
TOOL_AREAS: dict[str, tuple[str, ...]] = {
    "empathy_map": ("experiences", "attitude_self_environment", "pain_points",
                    "success_feelings"),
    "everyday_life": ("habits", "constants", "new_products_services", "anxieties",
                      "problems_to_solve"),
    "image_goal": ("always", "never"),
    "profiles": ("jobs", "pains", "gains"),
}
ASIDES = ("park", "stop")
STAGE = "stage:"


class LiveError(Exception):
    """A refused live-session action; `kind` names the message (live.error.<kind>)."""

    def __init__(self, kind: str, **details: object) -> None:
        super().__init__(kind)
        self.kind = kind
        self.details = details


@dataclass(frozen=True)
class Activity:
    """What the participants work on now, as the facilitator's run screen sent it."""

    item_id: str = ""
    tool: str = ""
    part: str = ""
    mode: str = ""
    instructions: dict[str, str] = field(default_factory=dict)
    stages: tuple[tuple[str, str], ...] = ()  # (stage id, name) for journey notes

    @property
    def individual(self) -> bool:
        """An individual round: notes stay hidden until the facilitator reveals them."""
        return self.mode == "individual"

    @property
    def areas(self) -> tuple[str, ...]:
        if self.tool == "journey":
            return tuple(f"{STAGE}{sid}" for sid, _ in self.stages)
        return TOOL_AREAS.get(self.tool, ())


@dataclass
class Note:
    id: str
    pid: str
    item_id: str
    area: str
    text: str
    at: float


@dataclass
class Cluster:
    id: str
    item_id: str
    area: str
    name: str


@dataclass
class Vote:
    id: str
    item_id: str
    dots: int
    open: bool = True
    placed: dict[str, list[str]] = field(default_factory=dict)  # pid → targets, one per dot

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for targets in self.placed.values():
            for target in targets:
                out[target] = out.get(target, 0) + 1
        return out

    def left(self, pid: str) -> int:
        return self.dots - len(self.placed.get(pid, []))


@dataclass
class Session:
    """A live session as its log tells it."""

    token: str
    code: str = ""
    concept_id: str = ""
    closed: bool = False
    locked: bool = False
    activity: Activity = field(default_factory=Activity)
    participants: dict[str, str] = field(default_factory=dict)  # pid → nickname
    notes: dict[str, Note] = field(default_factory=dict)  # in arrival order
    removed: set[str] = field(default_factory=set)
    revealed: set[str] = field(default_factory=set)  # activity item ids
    clusters: dict[str, Cluster] = field(default_factory=dict)
    cluster_of: dict[str, str] = field(default_factory=dict)  # note id → cluster id
    votes: list[Vote] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)  # note and cluster ids taken into the concept

    # --- what may be seen ---

    def live_notes(self, item_id: str) -> list[Note]:
        """The activity's notes still on the wall (removed ones left out)."""
        return [n for n in self.notes.values()
                if n.item_id == item_id and n.id not in self.removed]

    def hidden(self, item_id: str) -> bool:
        """Whether the wall keeps the activity's notes hidden (an individual round before its
        reveal). Once the session is closed nothing is hidden from the facilitator: the round
        is over, and its notes must stay reachable to be taken into the concept."""
        return (not self.closed and item_id == self.activity.item_id
                and self.activity.individual and item_id not in self.revealed)

    def own_notes(self, pid: str) -> list[Note]:
        return [n for n in self.live_notes(self.activity.item_id) if n.pid == pid]

    def wall_for_participant(self) -> list[Note]:
        """What a participant may see of others' notes: the current activity's, after the
        reveal; nothing before it."""
        item = self.activity.item_id
        return self.live_notes(item) if item in self.revealed else []

    def open_vote(self) -> Vote | None:
        return next((v for v in reversed(self.votes)
                     if v.open and v.item_id == self.activity.item_id), None)

    def last_vote(self, item_id: str) -> Vote | None:
        return next((v for v in reversed(self.votes) if v.item_id == item_id), None)

    def clusters_of(self, item_id: str) -> list[Cluster]:
        return [c for c in self.clusters.values() if c.item_id == item_id]

    def cluster_notes(self, cluster_id: str) -> list[Note]:
        return [n for n in self.notes.values() if self.cluster_of.get(n.id) == cluster_id
                and n.id not in self.removed]

    def participant_view_key(self) -> tuple:
        """Changes whenever what a participant's page is built from changes, except others'
        notes: the page follows the facilitator when this changes."""
        vote = self.open_vote()
        return (self.closed, self.locked, self.activity.item_id, self.activity.stages,
                self.activity.item_id in self.revealed, vote.id if vote else "")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What the participant typed, as a code: upper case, spaces and dashes left out."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())[:CODE_LENGTH * 2]


def shown_code(code: str) -> str:
    """"ABCD-EFGH": easier to read off a projector."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def is_token(value: object) -> bool:
    return isinstance(value, str) and _TOKEN_SHAPE.fullmatch(value) is not None


def clean_text(text: str) -> str:
    """Plain one-paragraph text: control characters out, whitespace runs as one space."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


# --- the fold: one event changes the session ------------------------------------------------


def _apply(session: Session, event: dict[str, Any]) -> None:
    kind = event.get("e")
    if kind == "open":
        session.code = event["code"]
        session.concept_id = event.get("concept", "")
    elif kind == "activity":
        session.activity = Activity(
            item_id=event.get("item", ""), tool=event.get("tool", ""),
            part=event.get("part", ""), mode=event.get("mode", ""),
            instructions=dict(event.get("instructions", {})),
            stages=tuple((str(a), str(b)) for a, b in event.get("stages", [])))
    elif kind == "join":
        session.participants[event["pid"]] = event.get("nick", "")
    elif kind == "note":
        note = Note(event["id"], event["pid"], event["item"], event.get("area", ""),
                    event["text"], event.get("at", 0.0))
        session.notes[note.id] = note
    elif kind == "remove":
        session.removed.add(event["id"])
    elif kind == "reveal":
        session.revealed.add(event["item"])
    elif kind == "cluster":
        session.clusters[event["id"]] = Cluster(event["id"], event["item"], event.get("area", ""),
                                                event["name"])
    elif kind == "rename":
        if event["id"] in session.clusters:
            session.clusters[event["id"]].name = event["name"]
    elif kind == "assign":
        if event.get("cluster"):
            session.cluster_of[event["note"]] = event["cluster"]
        else:
            session.cluster_of.pop(event["note"], None)
    elif kind == "vote":
        session.votes.append(Vote(event["id"], event["item"], event["dots"]))
    elif kind == "dot":
        vote = next((v for v in session.votes if v.id == event["vote"]), None)
        if vote is not None:
            vote.placed.setdefault(event["pid"], []).append(event["target"])
    elif kind == "vote_close":
        for vote in session.votes:
            if vote.id == event["vote"]:
                vote.open = False
    elif kind == "lock":
        session.locked = bool(event.get("on"))
    elif kind == "taken":
        session.taken.update(event.get("ids", []))
    elif kind == "close":
        session.closed = True


@dataclass
class _Cached:
    session: Session
    offset: int = 0  # bytes of whole lines read


class _Attempts:
    """Failed join attempts in the last minute, by key (thread-safe)."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._seen: dict[str, deque[float]] = {}

    def count(self, key: str) -> int:
        with self._lock:
            return len(self._recent(key))

    def add(self, key: str) -> None:
        with self._lock:
            self._recent(key).append(self._clock())

    def _recent(self, key: str) -> deque[float]:
        times = self._seen.setdefault(key, deque())
        while times and times[0] < self._clock() - 60:
            times.popleft()
        return times


class LiveStore:
    """The live sessions of one data folder; one object per process (its locks are shared)."""

    def __init__(self, data_dir: str | Path, clock: Callable[[], float] = time.time) -> None:
        self.folder = Path(data_dir) / LIVE_DIR
        self.clock = clock
        self._lock = threading.RLock()
        self._cache: dict[str, _Cached] = {}
        self._attempts = _Attempts(clock)

    # --- files and the fold ---

    def _path(self, token: str) -> Path:
        if not is_token(token):
            raise LiveError("unknown")
        return self.folder / f"{token}.log"

    def _file_lock(self, token: str) -> FileLock:
        return FileLock(str(self._path(token)) + ".lock")

    def _catch_up(self, token: str) -> _Cached:
        """The session as its log now tells it, reading only what was appended since."""
        path = self._path(token)
        cached = self._cache.get(token)
        if cached is None:
            cached = _Cached(Session(token))
        try:
            with open(path, "rb") as handle:
                handle.seek(cached.offset)
                new = handle.read()
        except FileNotFoundError:
            raise LiveError("unknown") from None
        end = new.rfind(b"\n") + 1  # a torn last line waits (or is cut off by the next write)
        for line in new[:end].splitlines():
            if line.strip():
                try:
                    _apply(cached.session, json.loads(line))
                except (ValueError, KeyError, TypeError):
                    continue  # an unreadable line is skipped, never fatal
        cached.offset += end
        if not cached.session.code:
            raise LiveError("unknown")
        self._cache[token] = cached
        return cached

    def _write(self, token: str, events: list[dict[str, Any]],
               check: Callable[[Session], None] | None = None) -> Session:
        path = self._path(token)
        with self._lock, self._file_lock(token):
            cached = self._catch_up(token)
            if check is not None:
                check(cached.session)
            data = b"".join(json.dumps(e, ensure_ascii=False).encode() + b"\n" for e in events)
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
            try:
                if os.fstat(fd).st_size != cached.offset:
                    os.ftruncate(fd, cached.offset)  # a torn line from a crash: cut it off
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
            cached.offset += len(data)
            for event in events:
                _apply(cached.session, event)
            return cached.session

    def session(self, token: str) -> Session:
        """The session (raises LiveError "unknown" for no such token)."""
        with self._lock:
            return self._catch_up(token).session

    # --- the facilitator ---

    def open_session(self, concept_id: str) -> Session:
        self.folder.mkdir(parents=True, exist_ok=True)
        token = new_token()
        event = {"e": "open", "code": new_code(), "concept": concept_id, "at": self.clock()}
        with self._lock, self._file_lock(token):
            fd = os.open(self._path(token), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                os.write(fd, json.dumps(event).encode() + b"\n")
                os.fsync(fd)
            finally:
                os.close(fd)
        return self.session(token)

    def _open_only(self, session: Session) -> None:
        if session.closed:
            raise LiveError("closed")

    def set_activity(self, token: str, activity: Activity) -> Session:
        event = {"e": "activity", "item": activity.item_id, "tool": activity.tool,
                 "part": activity.part, "mode": activity.mode,
                 "instructions": activity.instructions,
                 "stages": [list(pair) for pair in activity.stages]}
        return self._write(token, [event], self._open_only)

    def remove_note(self, token: str, note_id: str) -> Session:
        return self._write(token, [{"e": "remove", "id": note_id}], self._open_only)

    def reveal(self, token: str, item_id: str) -> Session:
        return self._write(token, [{"e": "reveal", "item": item_id}], self._open_only)

    def lock(self, token: str, on: bool) -> Session:
        return self._write(token, [{"e": "lock", "on": on}], self._open_only)

    def close(self, token: str) -> Session:
        return self._write(token, [{"e": "close", "at": self.clock()}])

    def add_cluster(self, token: str, item_id: str, area: str, name: str) -> Cluster:
        name = clean_text(name)[:MAX_CLUSTER_NAME]
        if not name:
            raise LiveError("empty")
        cid = secrets.token_hex(6)
        session = self._write(token, [{"e": "cluster", "id": cid, "item": item_id,
                                       "area": area, "name": name}], self._open_only)
        return session.clusters[cid]

    def rename_cluster(self, token: str, cluster_id: str, name: str) -> Session:
        name = clean_text(name)[:MAX_CLUSTER_NAME]
        if not name:
            raise LiveError("empty")
        return self._write(token, [{"e": "rename", "id": cluster_id, "name": name}],
                           self._open_only)

    def assign(self, token: str, note_id: str, cluster_id: str) -> Session:
        """Put a note in a cluster ("" takes it out of its cluster)."""
        def check(session: Session) -> None:
            self._open_only(session)
            if note_id not in session.notes or (cluster_id and
                                                cluster_id not in session.clusters):
                raise LiveError("unknown_note")
        return self._write(token, [{"e": "assign", "note": note_id, "cluster": cluster_id}],
                           check)

    def start_vote(self, token: str, dots: int) -> Vote:
        dots = max(1, min(int(dots), MAX_DOTS))
        vid = secrets.token_hex(6)

        def check(session: Session) -> None:
            self._open_only(session)
            if not session.activity.item_id:
                raise LiveError("no_activity")
        events = []
        current = self.session(token).open_vote()
        if current is not None:
            events.append({"e": "vote_close", "vote": current.id})
        session = self._write(token, [*events, {"e": "vote", "id": vid,
                                                "item": self.session(token).activity.item_id,
                                                "dots": dots}], check)
        return next(v for v in session.votes if v.id == vid)

    def close_vote(self, token: str, vote_id: str) -> Session:
        return self._write(token, [{"e": "vote_close", "vote": vote_id}], self._open_only)

    def mark_taken(self, token: str, ids: list[str]) -> Session:
        return self._write(token, [{"e": "taken", "ids": list(ids)}])

    # --- participants ---

    def join(self, token: str, code: str, nick: str = "", client: str = "") -> str:
        """A new participant's id, for the right token and code; raises LiveError otherwise.
        Failed attempts count per client and per session; over the limit even the right code
        is refused until a minute has passed."""
        client_key, session_key = f"c:{client}", f"s:{token}"
        if (self._attempts.count(client_key) >= ATTEMPTS_PER_CLIENT
                or self._attempts.count(session_key) >= ATTEMPTS_PER_SESSION):
            raise LiveError("too_many_attempts")
        try:
            session = self.session(token)
        except LiveError:
            self._attempts.add(client_key)
            raise
        if not hmac.compare_digest(normalise_code(code).encode(), session.code.encode()):
            self._attempts.add(client_key)
            self._attempts.add(session_key)
            raise LiveError("bad_code")
        pid = secrets.token_urlsafe(16)

        def check(current: Session) -> None:
            self._open_only(current)
            if len(current.participants) >= MAX_PARTICIPANTS:
                raise LiveError("full", limit=MAX_PARTICIPANTS)
        self._write(token, [{"e": "join", "pid": pid, "nick": clean_text(nick)[:MAX_NICK],
                             "at": self.clock()}], check)
        return pid

    def participant(self, token: str, pid: object) -> Session:
        """The session for a participant who joined it; LiveError when the session is closed,
        unknown, or the participant is not in it."""
        session = self.session(token)
        if session.closed:
            raise LiveError("closed")
        if not isinstance(pid, str) or pid not in session.participants:
            raise LiveError("unknown")
        return session

    def add_note(self, token: str, pid: str, text: str, area: str = "") -> Note:
        text = clean_text(text)
        if not text:
            raise LiveError("empty")
        if len(text) > MAX_NOTE:
            raise LiveError("too_long", limit=MAX_NOTE)
        nid = secrets.token_hex(6)
        now = self.clock()
        event: dict[str, Any] = {"e": "note", "id": nid, "pid": pid, "item": "",
                                 "area": area, "text": text, "at": now}

        def check(session: Session) -> None:
            self._open_only(session)
            if pid not in session.participants:
                raise LiveError("unknown")
            if session.locked:
                raise LiveError("locked")
            if area not in (*session.activity.areas, *ASIDES, ""):
                raise LiveError("bad_area")
            recent = sum(1 for n in session.notes.values() if n.pid == pid and n.at > now - 60)
            if recent >= NOTES_PER_MINUTE:
                raise LiveError("too_fast", limit=NOTES_PER_MINUTE)
            # The note belongs to the activity current when it is written (read under the lock).
            event["item"] = session.activity.item_id
        return self._write(token, [event], check).notes[nid]

    def place_dot(self, token: str, pid: str, target: str) -> Vote:
        holder: dict[str, str] = {}

        def check(session: Session) -> None:
            self._open_only(session)
            if pid not in session.participants:
                raise LiveError("unknown")
            vote = session.open_vote()
            if vote is None:
                raise LiveError("no_vote")
            if vote.left(pid) <= 0:
                raise LiveError("no_dots")
            valid = {n.id for n in session.live_notes(vote.item_id)} | {
                c.id for c in session.clusters_of(vote.item_id)}
            if target not in valid:
                raise LiveError("unknown_note")
            event["vote"] = holder["vote"] = vote.id
        event: dict[str, Any] = {"e": "dot", "vote": "", "pid": pid, "target": target}
        session = self._write(token, [event], check)
        return next(v for v in session.votes if v.id == holder["vote"])


# --- the join address -------------------------------------------------------------------------

def lan_address() -> str:
    """This computer's address on its network (the one its default route leaves from), or
    127.0.0.1 without a network. Connecting a UDP socket sends nothing."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def room_base(seen_url: str, lan_ip: str) -> str:
    """The address phones use, from the one the facilitator's browser uses: its scheme, port
    and path prefix, with this computer's network address in place of localhost."""
    from urllib.parse import urlsplit

    parts = urlsplit(seen_url or "http://localhost:8501/")
    host = parts.hostname or "localhost"
    if host in ("localhost", "127.0.0.1", "::1", "0.0.0.0"):
        host = lan_ip
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    path = parts.path.rstrip("/")
    # The facilitator is on a page (…/run): the app's root is the path without its last part.
    path = path.rsplit("/", 1)[0] if path else ""
    return f"{parts.scheme or 'http'}://{netloc}{path}"


def join_url(base: str, token: str) -> str:
    return f"{base.strip().rstrip('/')}/join?s={token}"
