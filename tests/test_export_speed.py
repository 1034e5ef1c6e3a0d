"""What keeps the exports of a large concept fast, checked by counting work, not by the clock
(the times are in `python -m benchmarks --only exports`): each figure is drawn once per process
for every format, drawn ahead while the text is laid out, read once by the PDF, and the PDF's
fonts are read once per export."""

from __future__ import annotations

import io
import zipfile

import pytest

from concept.document import Figure, build_document
from concept.export import export
from concept.export import figures as export_figures
from concept.samples import large_concept


@pytest.fixture(scope="module")
def large():
    return large_concept()


@pytest.fixture
def drawn(monkeypatch):
    """Every chart vl-convert draws, as (kind, spec JSON), on an empty cache."""
    export_figures.clear_cache()
    calls: list[tuple[str, str]] = []
    real = export_figures._convert

    def counting(kind, spec_json):
        calls.append((kind, spec_json))
        return real(kind, spec_json)

    monkeypatch.setattr(export_figures, "_convert", counting)
    yield calls
    export_figures.clear_cache()


def _figure_specs(concept, lang: str) -> set[str]:
    document = build_document(concept, lang)
    return {export_figures._styled(b.spec, export_figures.WIDTH) for s in document.sections
            for b in s.blocks if isinstance(b, Figure)}


def _unique_figures(concept, lang: str) -> int:
    return len(_figure_specs(concept, lang))


def test_each_figure_is_drawn_once_for_pdf_docx_and_pptx(large, drawn):
    for fmt in ("pdf", "docx", "pptx", "pdf"):
        export(large, fmt, "fi")
    pngs = [spec for kind, spec in drawn if kind == "png"]
    # Each format draws the journey map's curve at the width of its own columns, once.
    assert len(pngs) == len(set(pngs)) and set(pngs) >= _figure_specs(large, "fi")
    assert len(_figure_specs(large, "fi")) > 3


def test_an_export_starts_every_figure_before_laying_out_text(large, drawn, monkeypatch):
    import concept.export.pdf as pdf_module

    queued: list[int] = []
    real_cover = pdf_module._cover

    def cover(pdf, document):  # the first thing the PDF draws
        queued.append(len(export_figures._CACHE))
        return real_cover(pdf, document)

    monkeypatch.setattr(pdf_module, "_cover", cover)
    export(large, "pdf", "fi")
    assert queued == [_unique_figures(large, "fi")]


def test_the_cache_is_bounded_and_forgets_a_failed_render(monkeypatch, drawn):
    monkeypatch.setattr(export_figures, "CACHE_SIZE", 3)
    specs = [{"mark": "bar", "data": {"values": [{"a": i}]},
              "encoding": {"x": {"field": "a", "type": "quantitative"}}} for i in range(5)]
    for spec in specs:
        export_figures.svg(spec)
    assert len(export_figures._CACHE) == 3
    export_figures.svg(specs[-1])  # still cached: not drawn again
    assert len(drawn) == 5

    def failing(kind, spec_json):
        raise RuntimeError("vl-convert failed")

    monkeypatch.setattr(export_figures, "_convert", failing)
    broken = {**specs[0], "mark": "line"}
    with pytest.raises(RuntimeError):
        export_figures.png(broken)
    # It took the oldest figure's place, then left: only good renders stay.
    assert len(export_figures._CACHE) == 2 and all(
        future.exception() is None for future in export_figures._CACHE.values())


def test_the_pdf_reads_each_figure_image_and_font_file_once(large, monkeypatch):
    import fpdf.fonts
    import fpdf.image_parsing

    import concept.export.pdf as pdf_module

    pdf_module._image_info.cache_clear()
    reads: list[str] = []
    real_info = fpdf.image_parsing.get_img_info
    real_font = fpdf.fonts.TTFFont.__init__

    def info(*args, **kwargs):
        reads.append("image")
        return real_info(*args, **kwargs)

    def font(self, fpdf_, path, *args, **kwargs):
        reads.append(f"font {path}")
        return real_font(self, fpdf_, path, *args, **kwargs)

    monkeypatch.setattr(fpdf.image_parsing, "get_img_info", info)
    monkeypatch.setattr(fpdf.fonts.TTFFont, "__init__", font)
    first = export(large, "pdf", "fi")
    fonts = [r for r in reads if r.startswith("font")]
    assert len(fonts) == len(set(fonts)) == 2  # regular and bold, the one-pager's tries included
    curves = len({(tuple(m.curve.values), tuple(m.rows[m.curve.row])) for m in
                  _landscape_maps(large)})  # equal journeys draw one picture
    assert reads.count("image") == _unique_figures(large, "fi") + curves
    reads.clear()
    assert export(large, "pdf", "fi").count(b"/Subtype /Image") == first.count(b"/Subtype /Image")
    assert "image" not in reads


def _landscape_maps(concept):
    from concept.document import Table

    for section in build_document(concept, "fi").sections:
        for block in section.blocks:
            if isinstance(block, Table) and block.curve is not None:
                yield block


def test_docx_tables_set_widths_in_cells_and_grid(large):
    from docx import Document

    doc = Document(io.BytesIO(export(large, "docx", "fi")))
    for table in doc.tables:
        grid = [int(col.w) for col in table._tbl.tblGrid.gridCol_lst]
        assert all(grid)
        for tr in table._tbl.tr_lst:
            spans = [tc.grid_span for tc in tr.tc_lst]  # the map's curve spans its stages
            starts = [sum(spans[:i]) for i in range(len(spans))]
            assert [int(tc.width) for tc in tr.tc_lst] == [
                sum(grid[start:start + span]) for start, span in zip(starts, spans, strict=True)]
    header = doc.tables[0]._tbl.tr_lst[0]
    assert header.trPr.xpath("./w:tblHeader") and all(
        tc.tcPr.xpath("./w:shd") for tc in header.tc_lst)
    xml = zipfile.ZipFile(io.BytesIO(export(large, "docx", "fi"))).read("word/document.xml")
    assert b"<w:rPr/>" not in xml
