"""Who may do what with a concept on a team server: users, shares, client links, and the rules.

On the single-user laptop (no `[auth]` section in `.streamlit/secrets.toml`) the user is
`LOCAL_USER` and may do everything; other machines reach only the live-workshop participant page
(`is_local_client`). With sign-in:
- a user is identified by issuer + subject (OIDC `iss`, `sub`); the e-mail is shown;
- every concept has an owner (`Concept.owner`), who shares it by e-mail as editor or viewer,
  hands ownership over to a user who has signed in once, and makes client links;
- a client link is a long random token with an expiry day; it opens a read-only preview and the
  downloads of one concept, without an account, until it expires or is revoked;
- a concept without an owner (made on a laptop before sign-in) is visible to nobody.

The rules are pure functions (`can_open`, `can_edit`, ...); the `AccessStore` protocol keeps
users, shares and links. `JSONAccessStore` is its file implementation beside the TinyDB concept
store; the PostgreSQL store implements the same protocol in its own tables.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from filelock import FileLock

from concept.model import Concept, Person, owner_key, utc_now
from concept.store import (
    ConceptSummary,
    ReadOnlyStoreError,
    StoreError,
    atomic_write_text,
    default_data_dir,
    folder_is_writable,
)

log = logging.getLogger(__name__)

Role = Literal["editor", "viewer"]
ROLES: tuple[Role, ...] = ("editor", "viewer")
ACCESS_FILE = "access.json"
ACCESS_LOCK = ".access.lock"
ACCESS_VERSION = 1
TOKEN_BYTES = 32  # 43 URL-safe characters: not guessable, fits an address
MAX_EMAIL = 254


# --- users ---


@dataclass(frozen=True)
class User:
    """Whoever runs this session. `local` is the laptop's single user, who may do everything."""

    issuer: str
    subject: str
    email: str = ""
    name: str = ""
    local: bool = False

    @property
    def key(self) -> str:
        return owner_key(self.issuer, self.subject)

    def person(self) -> Person:
        return Person(issuer=self.issuer, subject=self.subject, email=self.email, name=self.name)

    def label(self) -> str:
        """What the UI shows for this user: the e-mail, else the name, else the subject."""
        return self.email or self.name or self.subject


LOCAL_USER = User(issuer="", subject="", local=True)


def user_from_claims(claims: dict[str, Any]) -> User | None:
    """The user of OIDC claims (`st.user`), or None without `iss` and `sub`."""
    issuer, subject = str(claims.get("iss") or ""), str(claims.get("sub") or "")
    if not issuer or not subject:
        return None
    return User(issuer=issuer, subject=subject, email=normal_email(claims.get("email") or ""),
                name=str(claims.get("name") or ""))


def normal_email(value: object) -> str:
    """E-mail addresses compare case-insensitively and without surrounding spaces."""
    return str(value).strip().lower()[:MAX_EMAIL]


def looks_like_email(value: str) -> bool:
    local, at, domain = value.partition("@")
    return bool(at and local and "." in domain and not any(c.isspace() for c in value))


def person_label(person: Person | None) -> str:
    if person is None:
        return ""
    return person.email or person.name or person.subject


# --- shares and links ---


@dataclass(frozen=True)
class Share:
    concept_id: str
    email: str  # normalised (`normal_email`)
    role: Role


@dataclass(frozen=True)
class ClientLink:
    token: str
    concept_id: str
    expires: date  # the last day the link opens (inclusive, UTC)
    created_by: str  # owner key of whoever made it
    created_at: datetime
    revoked: bool = False

    def usable(self, today: date) -> bool:
        return not self.revoked and today <= self.expires


class AccessStore(Protocol):
    """Users seen, shares and client links. `read_only` as in `ConceptStore`: writes raise
    `ReadOnlyStoreError`. `forget` is called when a concept is deleted."""

    read_only: bool

    def remember_user(self, user: User) -> None: ...
    def user_by_email(self, email: str) -> User | None: ...
    def shares(self, concept_id: str) -> list[Share]: ...
    def shared_with(self, email: str) -> list[Share]: ...
    def share(self, concept_id: str, email: str, role: Role) -> Share: ...
    def unshare(self, concept_id: str, email: str) -> None: ...
    def create_link(self, concept_id: str, expires: date, created_by: str) -> ClientLink: ...
    def links(self, concept_id: str) -> list[ClientLink]: ...
    def find_link(self, token: str) -> ClientLink | None: ...
    def revoke_link(self, token: str) -> None: ...
    def forget(self, concept_id: str) -> None: ...


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


class JSONAccessStore:
    """Users, shares and links in one small JSON file (`access.json`) in the data folder,
    written atomically under a thread lock and a file lock (several app processes). It stays
    small (one entry per share and link), so it is read and rewritten whole."""

    def __init__(self, data_dir: str | Path | None = None, *,
                 read_only: bool | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.path = self.data_dir / ACCESS_FILE
        if read_only is None:
            read_only = not folder_is_writable(self.data_dir, ACCESS_LOCK)
        self.read_only: bool = read_only
        self._thread_lock = threading.RLock()
        self._file_lock = None if read_only else FileLock(str(self.data_dir / ACCESS_LOCK),
                                                          thread_local=False)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with self._thread_lock:
            if self._file_lock is None:
                yield
                return
            with self._file_lock:
                yield

    def _read(self, *, for_writing: bool = False) -> dict[str, Any]:
        """The file's content; a missing file is empty. A file that cannot be read counts as
        no shares and no links for reading (nobody gets access by it), and refuses writing, so
        it is never overwritten with less than it held."""
        problem = "an unknown layout"
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("version") == ACCESS_VERSION:
                data.setdefault("users", [])
                data.setdefault("shares", [])
                data.setdefault("links", [])
                return data
        except FileNotFoundError:
            return {"version": ACCESS_VERSION, "users": [], "shares": [], "links": []}
        except (OSError, ValueError) as exc:
            problem = type(exc).__name__
        log.warning("%s cannot be read (%s): no shares or links until it is repaired",
                    self.path, problem)
        if for_writing:
            raise StoreError(f"{self.path} cannot be read ({problem}); not overwriting it")
        return {"version": ACCESS_VERSION, "users": [], "shares": [], "links": []}

    def _write(self, data: dict[str, Any]) -> None:
        atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1))

    @contextmanager
    def _changing(self) -> Iterator[dict[str, Any]]:
        if self.read_only:
            raise ReadOnlyStoreError(f"the data folder {self.data_dir} is read-only")
        with self._locked():
            data = self._read(for_writing=True)
            yield data
            self._write(data)

    def _snapshot(self) -> dict[str, Any]:
        with self._locked():
            return self._read()

    # --- users ---

    def remember_user(self, user: User) -> None:
        if user.local or self.read_only:
            return
        entry = {"issuer": user.issuer, "subject": user.subject, "email": user.email,
                 "name": user.name}
        current = self._snapshot()
        if entry in current["users"]:
            return  # nothing new: no write on every page run
        with self._changing() as data:
            data["users"] = [u for u in data["users"]
                             if (u["issuer"], u["subject"]) != (user.issuer, user.subject)]
            data["users"].append(entry)

    def user_by_email(self, email: str) -> User | None:
        wanted = normal_email(email)
        for entry in reversed(self._snapshot()["users"]):  # the latest sign-in wins
            if entry.get("email") == wanted:
                return User(issuer=entry["issuer"], subject=entry["subject"],
                            email=entry["email"], name=entry.get("name", ""))
        return None

    # --- shares ---

    def shares(self, concept_id: str) -> list[Share]:
        return [_share(s) for s in self._snapshot()["shares"] if s["concept_id"] == concept_id]

    def shared_with(self, email: str) -> list[Share]:
        wanted = normal_email(email)
        if not wanted:
            return []
        return [_share(s) for s in self._snapshot()["shares"] if s["email"] == wanted]

    def share(self, concept_id: str, email: str, role: Role) -> Share:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        made = Share(concept_id, normal_email(email), role)
        with self._changing() as data:
            data["shares"] = [s for s in data["shares"]
                              if (s["concept_id"], s["email"]) != (concept_id, made.email)]
            data["shares"].append({"concept_id": concept_id, "email": made.email, "role": role})
        return made

    def unshare(self, concept_id: str, email: str) -> None:
        gone = normal_email(email)
        with self._changing() as data:
            data["shares"] = [s for s in data["shares"]
                              if (s["concept_id"], s["email"]) != (concept_id, gone)]

    # --- client links ---

    def create_link(self, concept_id: str, expires: date, created_by: str) -> ClientLink:
        link = ClientLink(new_token(), concept_id, expires, created_by, utc_now())
        with self._changing() as data:
            data["links"].append(_link_to_json(link))
        return link

    def links(self, concept_id: str) -> list[ClientLink]:
        return [_link(entry) for entry in self._snapshot()["links"]
                if entry["concept_id"] == concept_id]

    def find_link(self, token: str) -> ClientLink | None:
        if not token:
            return None
        for entry in self._snapshot()["links"]:
            # Constant-time comparison: the token is the only secret a client link has.
            if secrets.compare_digest(str(entry["token"]), str(token)):
                return _link(entry)
        return None

    def revoke_link(self, token: str) -> None:
        with self._changing() as data:
            for entry in data["links"]:
                if entry["token"] == token:
                    entry["revoked"] = True

    def forget(self, concept_id: str) -> None:
        with self._changing() as data:
            data["shares"] = [s for s in data["shares"] if s["concept_id"] != concept_id]
            data["links"] = [entry for entry in data["links"]
                             if entry["concept_id"] != concept_id]


def _share(entry: dict[str, Any]) -> Share:
    return Share(str(entry["concept_id"]), str(entry["email"]), entry["role"])


def _link_to_json(link: ClientLink) -> dict[str, Any]:
    return {"token": link.token, "concept_id": link.concept_id,
            "expires": link.expires.isoformat(), "created_by": link.created_by,
            "created_at": link.created_at.isoformat(), "revoked": link.revoked}


def _link(entry: dict[str, Any]) -> ClientLink:
    return ClientLink(str(entry["token"]), str(entry["concept_id"]),
                      date.fromisoformat(entry["expires"]), str(entry["created_by"]),
                      datetime.fromisoformat(entry["created_at"]), bool(entry.get("revoked")))


# --- the rules ---

Access = Literal["owner", "editor", "viewer"]


def access_of(user: User, owner: str, shares: Iterable[Share]) -> Access | None:
    """What `user` may do with a concept owned by `owner` (an owner key, "" for none) and
    shared as `shares`: None means not even open it."""
    if user.local:
        return "owner"
    if owner and owner == user.key:
        return "owner"
    if not user.email:
        return None  # shares go by e-mail: a provider that sends none gets only its own
    roles = {share.role for share in shares if share.email == user.email}
    if "editor" in roles:
        return "editor"
    if "viewer" in roles:
        return "viewer"
    return None


def can_open(user: User, owner: str, shares: Iterable[Share]) -> bool:
    """Open, read, preview and export (every export is a way of reading)."""
    return access_of(user, owner, shares) is not None


def can_edit(user: User, owner: str, shares: Iterable[Share]) -> bool:
    """Save any change: fields, rename, AI suggestions, workshop results."""
    return access_of(user, owner, shares) in ("owner", "editor")


def can_delete(user: User, owner: str, shares: Iterable[Share]) -> bool:
    return access_of(user, owner, shares) == "owner"


def can_share(user: User, owner: str, shares: Iterable[Share]) -> bool:
    """Share, unshare, hand over, and make or revoke client links: the owner only."""
    return access_of(user, owner, shares) == "owner" and not user.local


def start_lists(user: User, summaries: Iterable[ConceptSummary], shared: Iterable[Share]
                ) -> tuple[list[ConceptSummary], list[ConceptSummary]]:
    """The start page's two lists, "mine" and "shared with me", in the order of `summaries`.
    `shared` are the shares to the user's e-mail (`AccessStore.shared_with`)."""
    if user.local:
        return list(summaries), []
    shared_ids = {share.concept_id for share in shared if share.email == user.email}
    mine: list[ConceptSummary] = []
    others: list[ConceptSummary] = []
    for summary in summaries:
        if summary.owner and summary.owner == user.key:
            mine.append(summary)
        elif summary.id in shared_ids and user.email:
            others.append(summary)
    return mine, others


def stamp_author(concept: Concept, user: User) -> None:
    """Record who makes the save about to happen (the store stamps the time, `updated_at`)."""
    concept.last_changed_by = None if user.local else user.person()


def take_ownership(concept: Concept, user: User) -> Concept:
    """A new, duplicated or imported concept belongs to whoever makes it; nothing of the
    source's owner or author carries over."""
    concept.owner = None if user.local else user.person()
    concept.last_changed_by = None
    return concept


def hand_over(concept: Concept, current: User, new_owner: User) -> Concept:
    """Make `new_owner` the owner. The caller saves the concept and then shares it with the
    previous owner as editor (`AccessStore.share`), so nobody loses a concept by handing it on."""
    if concept.owner is None or concept.owner.key != current.key:
        raise PermissionError("only the owner hands a concept over")
    concept.owner = new_owner.person()
    return concept


def link_is_usable(link: ClientLink | None, today: date | None = None) -> bool:
    return link is not None and link.usable(today or utc_now().date())


# --- where a request comes from ---
# The same as the live-workshop branch's concept/access.py (its room gate), kept verbatim so the
# two branches merge into this one module.

# The loopback addresses a browser on this computer connects from ("::ffff:127.0.0.1" is
# 127.0.0.1 on a dual-stack socket). Other loopback addresses (127.0.0.2...) count as other
# machines: a relay or container can come from them.
LOCAL_ADDRESSES = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})


def is_local_client(ip: str | None) -> bool:
    """True for a browser on this computer. None (no network peer: AppTest, a bare script run)
    counts as local."""
    return ip is None or ip.strip() in LOCAL_ADDRESSES


# Headers a reverse proxy adds. Behind one, every request comes from the proxy, often on this
# computer, so its peer address says nothing about the browser.
PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip")


def browser_address(ip: str | None, headers: Mapping[str, str]) -> str | None:
    """The address to judge a browser by: the peer's, unless a proxy forwarded the request.
    A forwarded request is never this computer's own browser; the header's value is only the
    client's word, so it may name the client (for rate limits) but never makes it local."""
    lowered = {str(name).lower(): str(value) for name, value in headers.items()}
    for name in PROXY_HEADERS:
        if lowered.get(name, "").strip():
            return "forwarded:" + lowered[name].split(",")[0].strip()[:64]
    return ip


def may_open_concepts(ip: str | None, *, signed_in: bool | None = None) -> bool:
    """Whether this browser may see pages other than the participant page. `signed_in` is None
    while no sign-in is configured (the computer's own browser only); once sign-in is
    configured, it alone decides."""
    if signed_in is not None:
        return signed_in
    return is_local_client(ip)
