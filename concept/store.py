"""Where concepts live: the `ConceptStore` protocol and its TinyDB implementation.

TinyDB rewrites its whole file on every write and is neither thread-safe nor atomic, so:
- every concept is its own small TinyDB file, and saving one never rewrites the others;
- writes go through `AtomicJSONStorage` (temp file in the same folder, fsync, os.replace);
- one lock (a thread lock plus a file lock, for several app processes) wraps every read and write;
- each concept carries a revision number, and a save from a stale revision is refused.
A file that cannot be read is moved aside into `quarantine/`, reported, and never overwritten.

Listing reads a small index (`index.json` plus an append-only `index.log`), never every concept
file; each index entry carries its file's (mtime, size, inode) and is checked against a stat of
the file, so an index that is missing, stale or torn is repaired by reading only what changed.
A data folder the app may not write to is opened read-only: concepts can be listed, opened and
exported, and every write raises `ReadOnlyStoreError`.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import tempfile
import threading
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from filelock import FileLock
from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document

from concept.model import FROM_STORE, Concept, is_valid_id, owner_key, utc_now
from concept.transfer import ImportProblem, migrate

log = logging.getLogger(__name__)

DATA_DIR_ENV = "KONSEPTIKONE_DATA_DIR"
DATABASE_URL_ENV = "KONSEPTIKONE_DATABASE_URL"
TABLE = "concept"
DOC_ID = 1
LOCK_FILE = ".lock"
INDEX_FILE = "index.json"
INDEX_LOG = "index.log"
INDEX_VERSION = 1


def default_data_dir() -> Path:
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    home = Path.home()
    base = home if home.exists() and os.access(home, os.W_OK) else Path.cwd()
    return base / ".konseptikone"


def database_url() -> str | None:
    """The team server's PostgreSQL database, when one is configured; else None (TinyDB)."""
    return os.environ.get(DATABASE_URL_ENV) or None


def open_store(data_dir: str | Path | None = None,
               url: str | None = None) -> ConceptStore:
    """The store the app uses: PostgreSQL at `url` (the team server, which needs the `server`
    extra: psycopg), else TinyDB in `data_dir` (the laptop default)."""
    if url:
        from concept.pgstore import PostgresConceptStore

        return PostgresConceptStore(url)
    return TinyDBConceptStore(data_dir)


class StoreError(RuntimeError):
    """A store operation that could not be done; the message is for logs, not users."""


class StaleRevisionError(StoreError):
    """The concept was saved elsewhere (another tab) since this copy was loaded."""

    def __init__(self, concept_id: str, expected: int, actual: int) -> None:
        super().__init__(f"concept {concept_id}: saving revision {expected}, stored is {actual}")
        self.concept_id = concept_id
        self.expected = expected
        self.actual = actual


class ConceptNotFound(StoreError):
    pass


class ReadOnlyStoreError(StoreError):
    """The store was opened read-only (the data folder cannot be written): nothing is saved."""


@dataclass(frozen=True)
class ConceptSummary:
    id: str
    name: str
    industry: str
    updated_at: datetime
    revision: int
    # The owner key (`concept.model.owner_key`), "" on the laptop: lists filter on it.
    owner: str = ""


@dataclass(frozen=True)
class QuarantinedFile:
    original: str
    moved_to: str
    reason: str


class ConceptStore(Protocol):
    """What the app needs of a store; a server database can implement the same for a team.

    `read_only` is true when the store can be read but not written (a read-only data folder; a
    database role without write rights): every write then raises `ReadOnlyStoreError`.
    `list` is called on every run of the start page, so it must not read every concept. With
    `owner` it returns only the concepts of that owner key plus those whose id is in `ids` (the
    ones shared with the user): a server database filters in its query.
    """

    read_only: bool

    def list(self, owner: str | None = None,
             ids: Collection[str] = ()) -> list[ConceptSummary]: ...
    def load(self, concept_id: str) -> Concept: ...
    def create(self, concept: Concept) -> Concept: ...
    def save(self, concept: Concept) -> Concept: ...
    def delete(self, concept_id: str) -> None: ...
    def problems(self) -> list[QuarantinedFile]: ...


def atomic_write_text(path: Path, text: str) -> None:
    """Write via a temp file in the same folder, fsync it, then os.replace: all or nothing."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable; not every platform can open a directory
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def folder_is_writable(folder: Path, lock_name: str | None = None) -> bool:
    """Whether files can be created in `folder` (created when missing), tried, not guessed:
    `os.access` says yes to root on a read-only mount; with `lock_name`, that lock file must
    open for writing too."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".probe-", suffix=".tmp", dir=folder)
        os.close(handle)
        os.unlink(probe)
        if lock_name:
            handle = os.open(folder / lock_name, os.O_RDWR | os.O_CREAT, 0o644)
            os.close(handle)
    except OSError as exc:
        log.warning("data folder %s is not writable (%s): opening it read-only", folder,
                    errno.errorcode.get(exc.errno or 0, type(exc).__name__))
        return False
    return True


def _signature(stat: os.stat_result) -> tuple[int, int, int]:
    # The inode changes on every atomic replace, so two same-size writes within one clock tick
    # still differ.
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def _summary_to_json(summary: ConceptSummary, signature: tuple[int, int, int]) -> dict[str, Any]:
    return {"id": summary.id, "name": summary.name, "industry": summary.industry,
            "updated_at": summary.updated_at.isoformat(), "revision": summary.revision,
            "owner": summary.owner, "sig": list(signature)}


def _summary_from_json(entry: dict[str, Any]) -> tuple[ConceptSummary, tuple[int, int, int]]:
    summary = ConceptSummary(str(entry["id"]), str(entry["name"]), str(entry["industry"]),
                             datetime.fromisoformat(entry["updated_at"]), int(entry["revision"]),
                             str(entry.get("owner") or ""))
    mtime, size, inode = (int(v) for v in entry["sig"])
    return summary, (mtime, size, inode)


class AtomicJSONStorage(Storage):
    """TinyDB storage that never leaves a half-written file behind."""

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            text = self._path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        if not text.strip():
            return None
        return json.loads(text)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write_text(self._path, json.dumps(data, ensure_ascii=False))

    def close(self) -> None:
        pass


class TinyDBConceptStore:
    """One TinyDB file per concept in `<data_dir>/concepts/`, and an index of their summaries.

    `read_only=None` (the default) tries whether the folder can be written and opens it
    read-only when it cannot.
    """

    def __init__(self, data_dir: str | Path | None = None, *,
                 read_only: bool | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.concepts_dir = self.data_dir / "concepts"
        self.quarantine_dir = self.data_dir / "quarantine"
        self.index_path = self.data_dir / INDEX_FILE
        self.index_log_path = self.data_dir / INDEX_LOG
        if read_only is None:
            read_only = not (folder_is_writable(self.data_dir, LOCK_FILE)
                             and folder_is_writable(self.concepts_dir)
                             and folder_is_writable(self.quarantine_dir))
        self.read_only: bool = read_only
        self._thread_lock = threading.RLock()
        # A read-only folder cannot hold a lock file; writers elsewhere replace files
        # atomically, so reading without the lock still sees whole files.
        self._file_lock = None if read_only else FileLock(str(self.data_dir / LOCK_FILE),
                                                          thread_local=False)
        self._problems: list[QuarantinedFile] = []
        self._entries: dict[str, tuple[ConceptSummary, tuple[int, int, int]]] = {}
        self._sorted: list[ConceptSummary] | None = None
        self._seen: tuple[int, int, int] | None = None
        self._log_lines = 0
        with self._locked():
            if not read_only:
                self._remove_stray_temp_files()
            indexed = self._read_index()
            entries, changed = self._scan(indexed)
            self._entries = entries
            if changed or self._log_lines:
                self._compact()
            self._seen = self._freshness()

    # --- locking ---

    @contextmanager
    def _locked(self, *, reading: bool = False) -> Iterator[None]:
        """The thread lock and the file lock. A reader whose lock file cannot be opened (the
        folder stopped being writable while the app runs) reads without it: writers replace
        files atomically, so it still sees whole files. A writer gets the error."""
        with self._thread_lock:
            held = False
            if self._file_lock is not None:
                try:
                    self._file_lock.acquire()
                    held = True
                except OSError:
                    if not reading:
                        raise
                    log.warning("lock file of %s cannot be opened: reading without it",
                                self.data_dir)
            try:
                yield
            finally:
                if held:
                    self._file_lock.release()

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnlyStoreError(f"the data folder {self.data_dir} is read-only")

    # --- files ---

    def _path(self, concept_id: str) -> Path:
        # The only place a path is built from an id: anything new_id() could not have made (too
        # long for a file name, non-ASCII, a separator) is no concept, never a file system error.
        if not is_valid_id(concept_id):
            raise ConceptNotFound("not a concept id")
        return self.concepts_dir / f"{concept_id}.json"

    def _remove_stray_temp_files(self) -> None:
        # A process killed mid-write leaves its temp file; the real file is intact beside it.
        for temp in self.concepts_dir.glob(".*.tmp"):
            temp.unlink(missing_ok=True)

    def _read_document(self, path: Path) -> dict[str, Any] | None:
        with TinyDB(path, storage=AtomicJSONStorage) as db:
            return db.table(TABLE).get(doc_id=DOC_ID)

    def _read_or_quarantine(self, path: Path) -> Concept | None:
        try:
            document = self._read_document(path)
            if document is None:
                raise ValueError("the file holds no concept")
            return Concept.model_validate(migrate(dict(document)), context={FROM_STORE: True})
        except PermissionError as exc:  # not ours to read (another user's file): not corrupt
            log.warning("concept file %s cannot be read: %s", path.name, exc)
            return None
        except (ValueError, ValidationError, ImportProblem, KeyError, TypeError) as exc:
            if self.read_only:  # cannot be moved aside: leave it, list the others
                log.warning("unreadable concept file %s left in place (read-only)", path.name)
            else:
                self._quarantine(path, exc)
            return None

    def _quarantine(self, path: Path, exc: Exception) -> None:
        stamp = utc_now().strftime("%Y%m%dT%H%M%S%f")
        target = self.quarantine_dir / f"{path.stem}.{stamp}.json"
        try:
            os.replace(path, target)
        except OSError as move_error:  # the folder stopped being writable: leave it in place
            log.warning("unreadable concept file %s not moved aside: %s", path.name, move_error)
            return
        if self._entries.pop(path.stem, None) is not None:
            self._sorted = None
            self._append_log({"del": path.stem})
        reason = type(exc).__name__ + ": " + str(exc).splitlines()[0][:200]
        self._problems.append(QuarantinedFile(path.name, str(target), reason))

    def _write_data(self, path: Path, data: dict[str, Any], *, new: bool = False) -> None:
        with TinyDB(path, storage=AtomicJSONStorage) as db:
            if new:
                # One write. TinyDB's upsert on a new file first writes an empty table, then the
                # document: a crash between the two would leave a file that holds no concept.
                db.table(TABLE).insert(Document(data, doc_id=DOC_ID))
            else:
                db.table(TABLE).upsert(Document(data, doc_id=DOC_ID))

    # --- the index of summaries ---

    def _read_index(self) -> dict[str, tuple[ConceptSummary, tuple[int, int, int]]]:
        """The index as last written: the snapshot, then the log of changes since. Anything
        unreadable is skipped; `_scan` re-reads the concepts it then lacks."""
        entries: dict[str, tuple[ConceptSummary, tuple[int, int, int]]] = {}
        try:
            snapshot = json.loads(self.index_path.read_text(encoding="utf-8"))
            if snapshot.get("version") == INDEX_VERSION:
                for item in snapshot["entries"]:
                    summary, signature = _summary_from_json(item)
                    entries[summary.id] = (summary, signature)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            entries = {}
        self._log_lines = 0
        try:
            with open(self.index_log_path, encoding="utf-8") as changes:
                for line in changes:
                    self._log_lines += 1
                    try:
                        change = json.loads(line)
                        if "put" in change:
                            summary, signature = _summary_from_json(change["put"])
                            entries[summary.id] = (summary, signature)
                        else:
                            entries.pop(str(change["del"]), None)
                    except (ValueError, KeyError, TypeError, AttributeError):
                        continue  # a line torn by a crash
        except OSError:
            pass
        return entries

    def _scan(self, known: dict[str, tuple[ConceptSummary, tuple[int, int, int]]]
              ) -> tuple[dict[str, tuple[ConceptSummary, tuple[int, int, int]]], bool]:
        """Check `known` against a stat of every concept file; read only the files whose
        signature differs. Returns the entries and whether anything differed."""
        entries: dict[str, tuple[ConceptSummary, tuple[int, int, int]]] = {}
        changed = False
        try:
            files = list(os.scandir(self.concepts_dir))
        except FileNotFoundError:
            files = []
        for entry in files:
            if entry.name.startswith(".") or not entry.name.endswith(".json"):
                continue
            try:
                signature = _signature(entry.stat())
            except FileNotFoundError:
                continue
            concept_id = entry.name[: -len(".json")]
            cached = known.get(concept_id)
            if cached is not None and cached[1] == signature:
                entries[concept_id] = cached
                continue
            changed = True
            concept = self._read_or_quarantine(Path(entry.path))
            if concept is not None:
                entries[concept_id] = (_summary_of(concept), signature)
        return entries, changed or bool(set(known) - set(entries))

    def _freshness(self) -> tuple[int, int, int]:
        """Changes whenever any store process writes (the log grows or is replaced) or a file
        is added, replaced or removed in the concepts folder by anyone."""
        try:
            folder = self.concepts_dir.stat().st_mtime_ns
        except OSError:
            folder = 0
        try:
            changes = self.index_log_path.stat()
            log_state = (changes.st_ino, changes.st_size)
        except OSError:
            log_state = (0, 0)
        return (folder, *log_state)

    def _catch_up(self) -> None:
        """Take in what other processes (or hands) changed since this one last looked."""
        if self._freshness() == self._seen:
            return
        self._entries, _ = self._scan(self._entries)
        self._sorted = None
        self._seen = self._freshness()

    def _append_log(self, change: dict[str, Any]) -> None:
        # Not fsynced: a lost line only means the next start reads that one concept file.
        try:
            with open(self.index_log_path, "a", encoding="utf-8") as changes:
                changes.write(json.dumps(change, ensure_ascii=False) + "\n")
            self._log_lines += 1
        except OSError as exc:
            log.warning("index log not written (%s); it is repaired on the next start", exc)

    def _record(self, concept_id: str, data: dict[str, Any] | None) -> None:
        """Keep the index in step with a write just made to `concept_id`'s file."""
        if data is None:
            self._entries.pop(concept_id, None)
            self._append_log({"del": concept_id})
        else:
            summary = ConceptSummary(concept_id, str(data.get("name", "")),
                                     str(data.get("industry", "")),
                                     datetime.fromisoformat(data["updated_at"]),
                                     int(data["revision"]), _owner_of(data))
            signature = _signature(self._path(concept_id).stat())
            self._entries[concept_id] = (summary, signature)
            self._append_log({"put": _summary_to_json(summary, signature)})
        self._sorted = None
        if self._log_lines > max(1000, len(self._entries)):
            self._compact()  # amortised: a save's cost does not grow with the concept count
        self._seen = self._freshness()

    def _compact(self) -> None:
        if self.read_only:
            return
        snapshot = {"version": INDEX_VERSION,
                    "entries": [_summary_to_json(summary, signature)
                                for summary, signature in self._entries.values()]}
        try:
            atomic_write_text(self.index_path, json.dumps(snapshot, ensure_ascii=False))
            self.index_log_path.unlink(missing_ok=True)
            self._log_lines = 0
        except OSError as exc:
            log.warning("index not written (%s); it is rebuilt on the next start", exc)

    # --- the protocol ---

    def list(self, owner: str | None = None,
             ids: Collection[str] = ()) -> list[ConceptSummary]:
        with self._locked(reading=True):
            self._catch_up()
            if self._sorted is None:
                self._sorted = sorted((summary for summary, _ in self._entries.values()),
                                      key=lambda s: s.updated_at, reverse=True)
            if owner is None:
                return list(self._sorted)
            wanted = set(ids)
            return [s for s in self._sorted
                    if (owner and s.owner == owner) or s.id in wanted]

    def load(self, concept_id: str) -> Concept:
        path = self._path(concept_id)
        with self._locked(reading=True):
            if not path.exists():
                raise ConceptNotFound(concept_id)
            concept = self._read_or_quarantine(path)
        if concept is None:
            raise ConceptNotFound(concept_id)
        return concept

    def create(self, concept: Concept) -> Concept:
        """Store a new concept as revision 1. Refuses an id that is already taken.

        On failure `concept` is left as it was, so the same object can be created again."""
        self._writable()
        with self._locked():
            self._catch_up()
            if self._path(concept.id).exists():
                raise StoreError(f"concept {concept.id} exists already")
            data = concept.model_dump(mode="json")
            data["revision"] = 1
            data["updated_at"] = utc_now().isoformat()
            self._write_data(self._path(concept.id), data, new=True)
            concept.revision = 1
            concept.updated_at = datetime.fromisoformat(data["updated_at"])
            self._record(concept.id, data)
        return concept

    def save(self, concept: Concept) -> Concept:
        """Save `concept` if nobody saved it since it was loaded.

        On success the revision and time stamp of `concept` itself move on, so the caller keeps
        editing the same object; on a stale revision nothing is written and `concept` is unchanged.
        """
        self._writable()
        path = self._path(concept.id)
        with self._locked():
            self._catch_up()
            document = self._read_document(path) if path.exists() else None
            if document is None:
                raise ConceptNotFound(concept.id)
            stored_revision = int(document.get("revision", 0))
            if stored_revision != concept.revision:
                raise StaleRevisionError(concept.id, concept.revision, stored_revision)
            now = utc_now()
            data = concept.model_dump(mode="json")
            data["revision"] = stored_revision + 1
            data["updated_at"] = now.isoformat()
            self._write_data(path, data)
            concept.revision = stored_revision + 1
            concept.updated_at = now
            self._record(concept.id, data)
        return concept

    def delete(self, concept_id: str) -> None:
        self._writable()
        path = self._path(concept_id)
        with self._locked():
            self._catch_up()
            path.unlink(missing_ok=True)
            self._record(concept_id, None)

    def problems(self) -> list[QuarantinedFile]:
        return list(self._problems)


def _summary_of(concept: Concept) -> ConceptSummary:
    return ConceptSummary(concept.id, concept.name, concept.industry, concept.updated_at,
                          concept.revision, concept.owner.key if concept.owner else "")


def _owner_of(data: dict[str, Any]) -> str:
    owner = data.get("owner")
    if not isinstance(owner, dict):
        return ""
    return owner_key(str(owner.get("issuer") or ""), str(owner.get("subject") or ""))
