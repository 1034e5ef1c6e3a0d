"""The `ConceptStore` protocol on PostgreSQL, for a team server (psycopg 3 and its connection pool).

Chosen by `KONSEPTIKONE_DATABASE_URL` (see `open_store`); without it the app keeps the embedded
TinyDB store. The same contract tests run against both.

- One row per concept: the concept as a JSONB body, beside summary columns (name, industry,
  owner, revision, time stamps, last changed by) so `list` never reads a body.
- Optimistic concurrency in SQL: a save is `UPDATE … WHERE id = … AND revision = …`; when no row
  matched, the stored revision is read and the save refused with `StaleRevisionError`.
- The schema is the numbered SQL files in `concept/migrations/`, applied at start in one
  transaction under an advisory lock, so several app processes starting together apply each
  file once.
- A body that no longer validates is set aside (marked, left untouched: never listed, saved
  over or deleted, its shares kept) and reported by `problems()`, as the TinyDB store moves an
  unreadable file aside; clearing `set_aside_at` after a repair brings it back.
- A role that may only read (or a standby server) opens the store read-only: every write raises
  `ReadOnlyStoreError`.
- The same object is the team server's `AccessStore` (concept/access.py): users, shares and
  client links in their own tables; a concept's shares and links go with it when it is deleted.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Collection
from datetime import UTC, date, datetime
from importlib import resources
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool
from pydantic import ValidationError

from concept.access import ROLES, ClientLink, Role, Share, User, new_token, normal_email
from concept.model import FROM_STORE, SCHEMA_VERSION, Concept, Person, is_valid_id, utc_now
from concept.store import (
    ConceptNotFound,
    ConceptSummary,
    QuarantinedFile,
    ReadOnlyStoreError,
    StaleRevisionError,
    StoreError,
)
from concept.transfer import ImportProblem, migrate

log = logging.getLogger(__name__)

# pg_advisory_xact_lock key for applying migrations: any constant; this one spells "konsepti".
MIGRATION_LOCK = 0x6B6F6E7365707469
MIGRATION_FILE = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")
LIVE = "set_aside_at IS NULL"  # the rows the app works with


def migrations() -> list[tuple[int, str, str]]:
    """(number, file name, SQL) of every migration file, in order."""
    found = []
    for entry in resources.files("concept.migrations").iterdir():
        match = MIGRATION_FILE.match(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _, _ in found]
    if numbers != list(range(1, len(found) + 1)):
        raise StoreError(f"migration files are not numbered 1..n: {numbers}")
    return found


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC)


def _key(person: Person | None) -> str:
    return person.key if person is not None else ""


SUMMARY_COLUMNS = "id, name, industry, updated_at, revision, owner"


def _summary(row: tuple[Any, ...]) -> ConceptSummary:
    return ConceptSummary(row[0], row[1], row[2], _utc(row[3]), row[4], row[5])


LINK_COLUMNS = "token, concept_id, expires, created_by, created_at, revoked"


def _link(row: tuple[Any, ...]) -> ClientLink:
    return ClientLink(row[0], row[1], row[2], row[3], _utc(row[4]), row[5])


class PostgresConceptStore:
    """Concepts in PostgreSQL. `url` is a libpq connection string or URI.

    `read_only=None` (the default) asks the server whether this role may write the concepts.
    `pool_size` is the most connections this process opens (one app process serves many
    sessions; each store call holds a connection only for its one statement or transaction).
    """

    def __init__(self, url: str, *, read_only: bool | None = None, pool_size: int = 8,
                 connect_timeout: float = 10.0) -> None:
        self.url = url
        # One plain connection first: an unreachable server or a refused login fails at once
        # with the server's own reason, not after the pool's retries.
        psycopg.connect(url, connect_timeout=max(1, round(connect_timeout))).close()
        self._pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=False,
                                    name="konseptikone", timeout=connect_timeout)
        self._pool.open(wait=True, timeout=connect_timeout)
        try:
            self._apply_migrations()
            self.read_only: bool = self._may_not_write() if read_only is None else read_only
        except BaseException:
            self._pool.close()
            raise

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> PostgresConceptStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- schema ---

    def _applied(self, conn: psycopg.Connection) -> set[int] | None:
        exists = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
        if not exists or not exists[0]:
            return None
        return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}

    def _apply_migrations(self) -> None:
        wanted = migrations()
        with self._pool.connection() as conn:
            applied = self._applied(conn)
            conn.commit()
            if applied is not None and applied >= {number for number, _, _ in wanted}:
                return  # the usual start: nothing to do, no lock taken, no write needed
            with conn.transaction():
                # Held until this transaction ends: a second process starting at the same time
                # waits here, then finds every file applied.
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
                conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                             " version integer PRIMARY KEY, name text NOT NULL,"
                             " applied_at timestamptz NOT NULL DEFAULT now())")
                applied = self._applied(conn) or set()
                for number, name, sql in wanted:
                    if number in applied:
                        continue
                    log.info("applying database migration %s", name)
                    conn.execute(sql)  # type: ignore[arg-type]  # our own files, several statements
                    conn.execute("INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                                 (number, name))

    def _may_not_write(self) -> bool:
        with self._pool.connection() as conn:
            row = conn.execute(
                "SELECT pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'"
                " OR NOT (has_table_privilege('concepts', 'INSERT')"
                "         AND has_table_privilege('concepts', 'UPDATE')"
                "         AND has_table_privilege('concepts', 'DELETE'))").fetchone()
        return bool(row and row[0])

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnlyStoreError("the database role may not write the concepts")

    # --- rows ---

    @staticmethod
    def _body(concept: Concept, revision: int, updated_at: datetime) -> dict[str, Any]:
        data = concept.model_dump(mode="json")
        data["revision"] = revision
        data["updated_at"] = updated_at.isoformat()
        return data

    def _validate(self, concept_id: str, body: dict[str, Any]) -> Concept | None:
        """The concept in `body`, or None after moving an unreadable row aside."""
        try:
            return Concept.model_validate(migrate(dict(body)), context={FROM_STORE: True})
        except ImportProblem as exc:
            version = body.get("schema_version")
            if isinstance(version, int) and version > SCHEMA_VERSION:
                # Written by a newer app version sharing this database: not ours to move.
                log.warning("concept %s is of a newer schema (%s): left in place", concept_id,
                            version)
                return None
            self._quarantine(concept_id, exc)
        except (ValueError, ValidationError, KeyError, TypeError) as exc:
            self._quarantine(concept_id, exc)
        return None

    def _quarantine(self, concept_id: str, exc: Exception) -> None:
        reason = type(exc).__name__ + ": " + (str(exc).splitlines() or [""])[0][:200]
        if self.read_only:
            log.warning("unreadable concept %s left in place (read-only): %s", concept_id,
                        reason)
            return
        with self._pool.connection() as conn:
            conn.execute(f"UPDATE concepts SET set_aside_at = now(), set_aside_reason = %s"
                         f" WHERE id = %s AND {LIVE}", (reason, concept_id))
        log.warning("unreadable concept %s set aside: %s", concept_id, reason)

    # --- the protocol ---

    def list(self, owner: str | None = None,
             ids: Collection[str] = ()) -> list[ConceptSummary]:
        """Most recently changed first, from the summary columns: every concept, or (with
        `owner`) that owner's and those whose id is in `ids` (the ones shared with the user)."""
        query = f"SELECT {SUMMARY_COLUMNS} FROM concepts WHERE {LIVE}"
        params: tuple[Any, ...] = ()
        if owner is not None:
            # Each condition only when it can match, so the owner index alone serves the usual
            # start page (a user with nothing shared).
            wanted = [concept_id for concept_id in ids if is_valid_id(concept_id)]
            conditions = ["owner = %s"] if owner else []
            conditions += ["id = ANY(%s)"] if wanted else []
            if not conditions:
                return []
            query += " AND (" + " OR ".join(conditions) + ")"
            params = tuple(([owner] if owner else []) + ([wanted] if wanted else []))
        query += " ORDER BY updated_at DESC, id"
        with self._pool.connection() as conn:
            rows = conn.execute(query, params).fetchall()
        return [_summary(row) for row in rows]

    def load(self, concept_id: str) -> Concept:
        if not is_valid_id(concept_id):
            raise ConceptNotFound("not a concept id")
        with self._pool.connection() as conn:
            row = conn.execute(f"SELECT body FROM concepts WHERE id = %s AND {LIVE}",
                               (concept_id,)).fetchone()
        if row is None:
            raise ConceptNotFound(concept_id)
        concept = self._validate(concept_id, row[0])
        if concept is None:
            raise ConceptNotFound(concept_id)
        return concept

    def create(self, concept: Concept) -> Concept:
        """Store a new concept as revision 1. Refuses an id that is already taken.

        On failure `concept` is left as it was, so the same object can be created again."""
        self._writable()
        if not is_valid_id(concept.id):
            raise StoreError("not a concept id")
        now = utc_now()
        body = self._body(concept, 1, now)
        with self._pool.connection() as conn:
            row = conn.execute(
                "INSERT INTO concepts (id, name, industry, owner, revision, body, created_at,"
                " updated_at, last_changed_by) VALUES (%s, %s, %s, %s, 1, %s, %s, %s, %s)"
                " ON CONFLICT (id) DO NOTHING RETURNING id",
                (concept.id, concept.name, concept.industry, _key(concept.owner), Jsonb(body),
                 concept.created_at, now, _key(concept.last_changed_by))).fetchone()
        if row is None:
            raise StoreError(f"concept {concept.id} exists already")
        concept.revision = 1
        concept.updated_at = now
        return concept

    def save(self, concept: Concept) -> Concept:
        """Save `concept` if nobody saved it since it was loaded.

        On success the revision and time stamp of `concept` itself move on, so the caller keeps
        editing the same object; on a stale revision nothing is written and `concept` is unchanged.
        """
        self._writable()
        if not is_valid_id(concept.id):
            raise ConceptNotFound("not a concept id")
        now = utc_now()
        revision = concept.revision + 1
        body = self._body(concept, revision, now)
        with self._pool.connection() as conn:
            row = conn.execute(
                "UPDATE concepts SET body = %s, name = %s, industry = %s, owner = %s,"
                " revision = %s, updated_at = %s, last_changed_by = %s"
                f" WHERE id = %s AND revision = %s AND {LIVE} RETURNING revision",
                (Jsonb(body), concept.name, concept.industry, _key(concept.owner), revision, now,
                 _key(concept.last_changed_by), concept.id, concept.revision)).fetchone()
            if row is None:
                stored = conn.execute(f"SELECT revision FROM concepts WHERE id = %s AND {LIVE}",
                                      (concept.id,)).fetchone()
                if stored is None:
                    raise ConceptNotFound(concept.id)
                raise StaleRevisionError(concept.id, concept.revision, stored[0])
        concept.revision = revision
        concept.updated_at = now
        return concept

    def delete(self, concept_id: str) -> None:
        self._writable()
        if not is_valid_id(concept_id):
            raise ConceptNotFound("not a concept id")
        with self._pool.connection() as conn:
            conn.execute(f"DELETE FROM concepts WHERE id = %s AND {LIVE}", (concept_id,))

    def problems(self) -> list[QuarantinedFile]:
        """Every row set aside (by any app process), oldest first."""
        with self._pool.connection() as conn:
            rows = conn.execute("SELECT id, set_aside_at, set_aside_reason FROM concepts"
                                " WHERE set_aside_at IS NOT NULL ORDER BY set_aside_at, id"
                                ).fetchall()
        return [QuarantinedFile(row[0], f"concepts, set_aside_at {_utc(row[1]):%Y-%m-%d %H:%M}"
                                        " UTC", row[2] or "") for row in rows]

    # --- copying in (python -m concept migrate --to) ---

    def copy_in(self, concept: Concept) -> str:
        """Store `concept` as it is, keeping its revision and time stamps: "copied" when it was
        not here, "updated" when the row here had a lower revision, else "unchanged" (a row
        changed on the server since is never overwritten), so copying twice changes nothing."""
        self._writable()
        if not is_valid_id(concept.id):
            raise StoreError("not a concept id")
        revision = max(concept.revision, 1)
        body = self._body(concept, revision, concept.updated_at)
        with self._pool.connection() as conn:
            row = conn.execute(
                "INSERT INTO concepts AS c (id, name, industry, owner, revision, body,"
                " created_at, updated_at, last_changed_by)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name,"
                " industry = EXCLUDED.industry, owner = EXCLUDED.owner,"
                " revision = EXCLUDED.revision, body = EXCLUDED.body,"
                " updated_at = EXCLUDED.updated_at, last_changed_by = EXCLUDED.last_changed_by"
                " WHERE c.revision < EXCLUDED.revision AND c.set_aside_at IS NULL"
                " RETURNING (xmax = 0) AS inserted",
                (concept.id, concept.name, concept.industry, _key(concept.owner), revision,
                 Jsonb(body), concept.created_at, concept.updated_at,
                 _key(concept.last_changed_by))).fetchone()
        if row is None:
            return "unchanged"
        return "copied" if row[0] else "updated"

    # --- the AccessStore protocol (concept/access.py): users, shares, client links ---

    def remember_user(self, user: User) -> None:
        if user.local or self.read_only:
            return
        with self._pool.connection() as conn:
            conn.execute(
                "INSERT INTO users AS u (issuer, subject, email, name) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (issuer, subject) DO UPDATE SET email = EXCLUDED.email,"
                " name = EXCLUDED.name, seen_at = now()"
                " WHERE (u.email, u.name) IS DISTINCT FROM (EXCLUDED.email, EXCLUDED.name)",
                (user.issuer, user.subject, user.email, user.name))

    def user_by_email(self, email: str) -> User | None:
        with self._pool.connection() as conn:
            row = conn.execute("SELECT issuer, subject, email, name FROM users WHERE email = %s"
                               " ORDER BY seen_at DESC LIMIT 1",
                               (normal_email(email),)).fetchone()
        return User(issuer=row[0], subject=row[1], email=row[2], name=row[3]) if row else None

    def shares(self, concept_id: str) -> list[Share]:
        with self._pool.connection() as conn:
            rows = conn.execute("SELECT concept_id, email, role FROM shares"
                                " WHERE concept_id = %s ORDER BY email", (concept_id,)).fetchall()
        return [Share(*row) for row in rows]

    def shared_with(self, email: str) -> list[Share]:
        wanted = normal_email(email)
        if not wanted:
            return []
        with self._pool.connection() as conn:
            rows = conn.execute("SELECT concept_id, email, role FROM shares WHERE email = %s"
                                " ORDER BY concept_id", (wanted,)).fetchall()
        return [Share(*row) for row in rows]

    def share(self, concept_id: str, email: str, role: Role) -> Share:
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}")
        self._writable()
        made = Share(concept_id, normal_email(email), role)
        try:
            with self._pool.connection() as conn:
                conn.execute("INSERT INTO shares (concept_id, email, role) VALUES (%s, %s, %s)"
                             " ON CONFLICT (concept_id, email) DO UPDATE SET role = EXCLUDED.role",
                             (made.concept_id, made.email, made.role))
        except psycopg.errors.ForeignKeyViolation as exc:
            raise ConceptNotFound(concept_id) from exc
        return made

    def unshare(self, concept_id: str, email: str) -> None:
        self._writable()
        with self._pool.connection() as conn:
            conn.execute("DELETE FROM shares WHERE concept_id = %s AND email = %s",
                         (concept_id, normal_email(email)))

    def create_link(self, concept_id: str, expires: date, created_by: str) -> ClientLink:
        self._writable()
        link = ClientLink(new_token(), concept_id, expires, created_by, utc_now())
        try:
            with self._pool.connection() as conn:
                conn.execute(f"INSERT INTO client_links ({LINK_COLUMNS})"
                             " VALUES (%s, %s, %s, %s, %s, %s)",
                             (link.token, link.concept_id, link.expires, link.created_by,
                              link.created_at, link.revoked))
        except psycopg.errors.ForeignKeyViolation as exc:
            raise ConceptNotFound(concept_id) from exc
        return link

    def links(self, concept_id: str) -> list[ClientLink]:
        with self._pool.connection() as conn:
            rows = conn.execute(f"SELECT {LINK_COLUMNS} FROM client_links WHERE concept_id = %s"
                                " ORDER BY created_at, token", (concept_id,)).fetchall()
        return [_link(row) for row in rows]

    def find_link(self, token: str) -> ClientLink | None:
        if not token:
            return None
        with self._pool.connection() as conn:
            row = conn.execute(f"SELECT {LINK_COLUMNS} FROM client_links WHERE token = %s",
                               (token,)).fetchone()
        return _link(row) if row else None

    def revoke_link(self, token: str) -> None:
        self._writable()
        with self._pool.connection() as conn:
            conn.execute("UPDATE client_links SET revoked = true WHERE token = %s", (token,))

    def forget(self, concept_id: str) -> None:
        """Shares and links of a deleted concept; `delete` already removed them (the foreign
        keys cascade), so this only matters for rows a caller made some other way."""
        self._writable()
        with self._pool.connection() as conn:
            conn.execute("DELETE FROM shares WHERE concept_id = %s", (concept_id,))
            conn.execute("DELETE FROM client_links WHERE concept_id = %s", (concept_id,))
