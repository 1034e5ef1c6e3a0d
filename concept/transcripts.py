"""Interview transcripts from files: plain text, Word (.docx) and Teams/Zoom captions (.vtt, .srt).

Caption files keep who spoke ("Anna: …") and drop cue numbers, timestamps and styling; lines of
one speaker in a row become one paragraph. A file that cannot be read raises `TranscriptError`
with a catalog key, and nothing is returned, so a bad file never half-imports.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from concept.model import MAX_TRANSCRIPT

# A two-hour caption file is about 1 MB; a Word file with pictures can be larger.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
SUFFIXES = ("txt", "docx", "vtt", "srt")


@dataclass
class TranscriptError(Exception):
    """Why a file could not be read: a catalog key (`interviews.file.*`) and its values."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.key


def _decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1252 (old
    Finnish Notepad files); anything with control characters left is not text at all."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "cp1252")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not _CONTROL.search(text):
            return text.replace("\r\n", "\n").replace("\r", "\n")
    raise TranscriptError("interviews.file.encoding")


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_STAMP = r"(\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
_TIMING = re.compile(rf"^\s*{_STAMP}\s*-->\s*{_STAMP}")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[^>]+>")
_SPEAKER = re.compile(r"^([^\s:][^:]{0,60}):\s+(.*)$")


def _cues(text: str) -> list[list[str]]:
    """The text lines of each cue of a WebVTT or SRT file (blocks separated by blank lines);
    headers, notes, styles and regions are left out."""
    cues = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        timing = next((i for i, line in enumerate(lines) if _TIMING.match(line)), None)
        if timing is None:
            continue  # WEBVTT header, NOTE, STYLE, REGION, or a stray block
        cues.append(lines[timing + 1:])
    return cues


def _cue_text(lines: list[str], speaker: str) -> tuple[str, str]:
    """(speaker, text) of one cue; the speaker carries over from the previous cue when the cue
    does not name one (Zoom names the speaker only when it changes in some versions)."""
    joined = " ".join(lines)
    voice = _VOICE.search(joined)
    if voice:
        speaker = voice.group(1).strip()
    joined = html.unescape(_TAG.sub("", joined)).strip()
    named = _SPEAKER.match(joined)
    if named and not voice:
        speaker, joined = named.group(1).strip(), named.group(2).strip()
    return speaker, joined


def parse_captions(text: str) -> str:
    """A caption file's (.vtt or .srt) spoken text, one paragraph per turn, "Speaker: text"."""
    turns: list[tuple[str, list[str]]] = []
    speaker = ""
    for lines in _cues(text):
        speaker, said = _cue_text(lines, speaker)
        if not said:
            continue
        if turns and turns[-1][0] == speaker:
            turns[-1][1].append(said)
        else:
            turns.append((speaker, [said]))
    return "\n\n".join(f"{who}: {' '.join(said)}" if who else " ".join(said)
                       for who, said in turns)


def _docx_text(data: bytes) -> str:
    import docx  # python-docx; heavy, only when a Word file comes in
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise TranscriptError("interviews.file.unreadable") from error
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(paragraphs).strip()


def read_transcript(name: str, data: bytes) -> str:
    """The transcript text of an uploaded file, or `TranscriptError` saying why not."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in SUFFIXES:
        raise TranscriptError("interviews.file.wrong_type", {"types": ", ".join(
            f".{s}" for s in SUFFIXES)})
    if len(data) > MAX_UPLOAD_BYTES:
        raise TranscriptError("interviews.file.too_large",
                              {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)})
    if suffix == "docx":
        text = _docx_text(data)
    else:
        text = _decode(data)
        if suffix in ("vtt", "srt"):
            if suffix == "vtt" and not text.lstrip().startswith("WEBVTT"):
                raise TranscriptError("interviews.file.not_captions")
            text = parse_captions(text)
            if not text:
                raise TranscriptError("interviews.file.not_captions")
        text = text.strip()
    if not text:
        raise TranscriptError("interviews.file.empty")
    if len(text) > MAX_TRANSCRIPT:
        raise TranscriptError("interviews.file.too_long", {"limit": MAX_TRANSCRIPT})
    return text
