"""Exports of a concept: the concept description as DOCX, PDF, a one-page PDF, a PowerPoint
deck, Markdown or HTML, and JSON.

`export(concept, fmt, lang)` is the one entry point the app, the command line and the benchmark
share. The document formats render `concept.document.build_document`; JSON is the whole concept
(`concept.transfer.concept_to_json`), importable again. Renderer modules are imported only when
their format is asked for, so python-docx and fpdf2 do not slow the app's first page.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from concept.model import Concept

if TYPE_CHECKING:
    from concept.document import Variant


@dataclass(frozen=True)
class ExportFormat:
    key: str
    suffix: str
    mime: str
    renderer: str | None  # module in concept.export; None for JSON (not a rendered document)

    @property
    def label_key(self) -> str:
        return f"doc.format.{self.key}"

    @property
    def help_key(self) -> str:
        return f"doc.format_help.{self.key}"


FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat("docx", "docx",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     "docx"),
        ExportFormat("pdf", "pdf", "application/pdf", "pdf"),
        ExportFormat("onepager", "onepager.pdf", "application/pdf", "onepager"),
        ExportFormat("pptx", "pptx",
                     "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                     "pptx"),
        ExportFormat("md", "md", "text/markdown", "markdown"),
        ExportFormat("html", "html", "text/html", "html"),
        ExportFormat("json", "json", "application/json", None),
    )
}


class UnknownFormat(ValueError):
    """A format key that is not in FORMATS."""


def export_format(fmt: str) -> ExportFormat:
    try:
        return FORMATS[fmt.lower().lstrip(".")]
    except KeyError:
        raise UnknownFormat(fmt) from None


def export(concept: Concept, fmt: str, lang: str, today: date | None = None,
           variant: Variant | None = None) -> bytes:
    """The concept in format `fmt` ("docx", "pdf", "md", "html" or "json") as bytes.

    `lang` is the language of the document's headings and labels; the user's own texts are
    exported as entered. `variant` ("draft" or "final", by default the concept's status) says
    whether the document ends with the appendix of findings. JSON depends on neither.
    """
    spec = export_format(fmt)
    if spec.renderer is None:
        from concept.transfer import concept_to_json

        return concept_to_json(concept).encode("utf-8")
    from concept.document import build_document

    document = build_document(concept, lang, today=today, variant=variant)
    module = importlib.import_module(f"concept.export.{spec.renderer}")
    rendered = module.render(document)
    return rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")


def file_name(concept: Concept, fmt: str) -> str:
    """A safe file name from the concept's name: "Kahvila-Kulma.pdf"."""
    return file_name_for(concept.name, fmt)


def file_name_for(name: str, fmt: str) -> str:
    """`file_name` from a name alone (the start page's list has summaries, not concepts)."""
    stem = re.sub(r"[^\w\-]+", "-", name, flags=re.UNICODE).strip("-")[:60]
    return f"{stem or 'concept'}.{export_format(fmt).suffix}"
