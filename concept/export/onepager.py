"""The `onepager` format: the concept on one A4 page, as a PDF (the document's first page
after the cover, on its own)."""

from __future__ import annotations

from concept.document import Document
from concept.export.pdf import render_onepager


def render(document: Document) -> bytes:
    return render_onepager(document)
