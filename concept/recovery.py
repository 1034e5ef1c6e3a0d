"""Unsaved changes kept across a reload: when a save fails (a full disk, a folder that stopped
being writable), the open concept is written to a recovery file until a save goes through.

The file goes beside the store (`<data_dir>/recovery/`) or, when that cannot be written either,
into a folder of the system's temp directory named after the data folder. Reopening the concept
finds it, and the user chooses to restore or discard it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from pydantic import ValidationError

from concept.model import Concept
from concept.transfer import ImportProblem, migrate

log = logging.getLogger(__name__)


class Recovered(NamedTuple):
    concept: Concept
    kept_at: datetime


def recovery_dirs(data_dir: Path) -> list[Path]:
    """Where recovery files are tried, in order."""
    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode("utf-8")).hexdigest()[:16]
    return [Path(data_dir) / "recovery",
            Path(tempfile.gettempdir()) / f"konseptikone-recovery-{digest}"]


def _file(folder: Path, concept_id: str) -> Path | None:
    if not concept_id or not all(c.isalnum() or c in "-_" for c in concept_id):
        return None
    return folder / f"{concept_id}.json"


def keep(data_dir: Path, concept: Concept) -> Path | None:
    """Write `concept` to the first recovery folder that takes it; None if none does."""
    text = concept.model_dump_json()
    for folder in recovery_dirs(data_dir):
        target = _file(folder, concept.id)
        if target is None:
            return None
        temp = target.with_name(f".{target.name}.tmp")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            temp.write_text(text, encoding="utf-8")
            os.replace(temp, target)
        except OSError as exc:
            log.warning("recovery file not written in %s: %s", folder, exc)
            try:
                temp.unlink(missing_ok=True)
            except OSError:
                pass
            continue
        for other in recovery_dirs(data_dir):  # one copy only: the newest
            stale = _file(other, concept.id)
            if other != folder and stale is not None:
                try:
                    stale.unlink(missing_ok=True)
                except OSError:
                    pass
        return target
    return None


def find(data_dir: Path, concept_id: str) -> Recovered | None:
    """The kept unsaved version of `concept_id`, if there is one that can be read."""
    for folder in recovery_dirs(data_dir):
        path = _file(folder, concept_id)
        if path is None:
            return None
        try:
            text = path.read_text(encoding="utf-8")
            kept_at = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
            return Recovered(Concept.model_validate(migrate(json.loads(text))), kept_at)
        except FileNotFoundError:
            continue
        except (OSError, ValueError, ValidationError, ImportProblem) as exc:
            log.warning("recovery file %s not readable: %s", path, type(exc).__name__)
            continue
    return None


def discard(data_dir: Path, concept_id: str) -> None:
    for folder in recovery_dirs(data_dir):
        path = _file(folder, concept_id)
        if path is None:
            return
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            log.warning("recovery file %s not removed: %s", path, exc)
