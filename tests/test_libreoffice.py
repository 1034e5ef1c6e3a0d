"""The DOCX opens in LibreOffice (Debian's libreoffice-writer-nogui) with its headings, its table
of contents and its figures; skipped with a message when LibreOffice is absent, like the browser
tests. The converted pages are also written as PNG page images (pdftoppm) for a reviewer."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from concept.document import build_document
from concept.export import export
from concept.samples import cafe_concept, large_concept

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")


def to_pdf(data: bytes, name: str, folder: Path) -> bytes:
    source = folder / name
    source.write_bytes(data)
    # A profile of its own: no clash with a LibreOffice the user has open.
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                   check=True, capture_output=True, timeout=240)
    return source.with_suffix(".pdf").read_bytes()


@pytest.mark.parametrize(("make", "lang"), [(cafe_concept, "fi"), (large_concept, "en")])
def test_the_docx_opens_in_libreoffice_with_headings_and_contents(tmp_path, make, lang):
    from pypdf import PdfReader

    concept = make()
    pdf = PdfReader(io.BytesIO(to_pdf(export(concept, "docx", lang), "concept.docx", tmp_path)))
    document = build_document(concept, lang)
    assert len(pdf.pages) >= len(document.sections) // 2 + 2
    titles = [section.title for section in document.sections]
    # Word's heading styles come through as LibreOffice's outline: every section is a bookmark.
    outline = [item["/Title"] for item in pdf.outline if isinstance(item, dict)]
    assert outline == titles
    contents = pdf.pages[1].extract_text()
    assert document.contents_title in contents
    assert all(title in contents.replace("\n", " ") for title in titles[:4])
    images = sum(len(page.images) for page in pdf.pages)
    assert images >= 5  # the figures


def test_page_images_of_the_cafe_for_review(tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    concept = cafe_concept()
    out = tmp_path / "pages"
    out.mkdir()
    for fmt in ("docx", "pdf"):
        pdf = export(concept, fmt, "fi")
        if fmt == "docx":
            pdf = to_pdf(pdf, "cafe.docx", tmp_path)
        (tmp_path / f"cafe-{fmt}.pdf").write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(tmp_path / f"cafe-{fmt}.pdf"),
                        str(out / fmt)], check=True, timeout=120)
    images = sorted(out.glob("*.png"))
    assert len([i for i in images if i.name.startswith("pdf")]) >= 5
    assert all(i.stat().st_size > 2000 for i in images)
