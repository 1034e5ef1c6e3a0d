"""Where concepts live: the `ConceptStore` protocol and its TinyDB implementation.

TinyDB rewrites its whole file on every write and is neither thread-safe nor atomic, so:
- every concept is its own small TinyDB file, and saving one never rewrites the others;
- writes go through `AtomicJSONStorage` (temp file in the same folder, fsync, os.replace);
- one lock (a thread lock plus a file lock, for several app processes) wraps every read and write;
- each concept carries a revision number, and a save from a stale revision is refused.
A file that cannot be read is moved aside into `quarantine/`, reported, and never overwritten.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Iterator
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

from concept.model import FROM_STORE, Concept, is_valid_id, utc_now
from concept.transfer import ImportProblem, migrate

DATA_DIR_ENV = "KONSEPTIKONE_DATA_DIR"
TABLE = "concept"
DOC_ID = 1


def default_data_dir() -> Path:
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured).expanduser()
    home = Path.home()
    base = home if home.exists() and os.access(home, os.W_OK) else Path.cwd()
    return base / ".konseptikone"


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


@dataclass(frozen=True)
class ConceptSummary:
    id: str
    name: str
    industry: str
    updated_at: datetime
    revision: int


@dataclass(frozen=True)
class QuarantinedFile:
    original: str
    moved_to: str
    reason: str


class ConceptStore(Protocol):
    """What the app needs of a store; a server database can implement the same for a team."""

    def list(self) -> list[ConceptSummary]: ...
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
    """One TinyDB file per concept in `<data_dir>/concepts/`."""

    def __init__(self, data_dir: str | Path | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.concepts_dir = self.data_dir / "concepts"
        self.quarantine_dir = self.data_dir / "quarantine"
        self.concepts_dir.mkdir(parents=True, exist_ok=True)
        self.quarantine_dir.mkdir(parents=True, exist_ok=True)
        self._thread_lock = threading.RLock()
        self._file_lock = FileLock(str(self.data_dir / ".lock"), thread_local=False)
        self._problems: list[QuarantinedFile] = []
        # Summaries keyed by file path, valid while the file's (mtime, size) is unchanged, so the
        # concept list does not re-read a thousand files on every rerun.
        self._summary_cache: dict[Path, tuple[tuple[int, int], ConceptSummary]] = {}
        with self._locked():
            self._remove_stray_temp_files()
            for path in sorted(self.concepts_dir.glob("*.json")):
                self._read_or_quarantine(path)

    # --- locking ---

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with self._thread_lock, self._file_lock:
            yield

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
        except (ValueError, ValidationError, ImportProblem, KeyError, TypeError) as exc:
            self._quarantine(path, exc)
            return None

    def _quarantine(self, path: Path, exc: Exception) -> None:
        stamp = utc_now().strftime("%Y%m%dT%H%M%S%f")
        target = self.quarantine_dir / f"{path.stem}.{stamp}.json"
        os.replace(path, target)
        self._summary_cache.pop(path, None)
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

    # --- the protocol ---

    def list(self) -> list[ConceptSummary]:
        summaries = []
        with self._locked():
            for path in self.concepts_dir.glob("*.json"):
                try:
                    stat = path.stat()
                except FileNotFoundError:
                    continue
                signature = (stat.st_mtime_ns, stat.st_size)
                cached = self._summary_cache.get(path)
                if cached and cached[0] == signature:
                    summaries.append(cached[1])
                    continue
                concept = self._read_or_quarantine(path)
                if concept is None:
                    continue
                summary = ConceptSummary(
                    concept.id, concept.name, concept.industry, concept.updated_at,
                    concept.revision,
                )
                self._summary_cache[path] = (signature, summary)
                summaries.append(summary)
        return sorted(summaries, key=lambda s: s.updated_at, reverse=True)

    def load(self, concept_id: str) -> Concept:
        path = self._path(concept_id)
        with self._locked():
            if not path.exists():
                raise ConceptNotFound(concept_id)
            concept = self._read_or_quarantine(path)
        if concept is None:
            raise ConceptNotFound(concept_id)
        return concept

    def create(self, concept: Concept) -> Concept:
        """Store a new concept as revision 1. Refuses an id that is already taken."""
        with self._locked():
            if self._path(concept.id).exists():
                raise StoreError(f"concept {concept.id} exists already")
            concept.revision = 1
            concept.updated_at = utc_now()
            self._write_data(self._path(concept.id), concept.model_dump(mode="json"),
                             new=True)
        return concept

    def save(self, concept: Concept) -> Concept:
        """Save `concept` if nobody saved it since it was loaded.

        On success the revision and time stamp of `concept` itself move on, so the caller keeps
        editing the same object; on a stale revision nothing is written and `concept` is unchanged.
        """
        path = self._path(concept.id)
        with self._locked():
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
        return concept

    def delete(self, concept_id: str) -> None:
        path = self._path(concept_id)
        with self._locked():
            path.unlink(missing_ok=True)
            self._summary_cache.pop(path, None)

    def problems(self) -> list[QuarantinedFile]:
        return list(self._problems)
