"""In a real browser: the description page's download buttons deliver real documents."""

import io
import json
import zipfile

from playwright.sync_api import expect

from concept.samples import cafe_concept
from concept.store import TinyDBConceptStore


def open_description(page, app_server, concept) -> None:
    TinyDBConceptStore(app_server.data_dir).create(concept)
    page.goto(f"{app_server.url}/description?c={concept.id}")
    expect(page.get_by_role("heading", name="Concept description")).to_be_visible()
    expect(page.get_by_role("heading", name="Customers and customer profiles")).to_be_visible()
    # The page runs inside the app (its navigation), not as a bare script.
    expect(page.get_by_test_id("stSidebar").get_by_text("Concept steps")).to_be_visible()


def download(page, label: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=label, exact=True).click()
    return info.value.path().read_bytes()


def test_each_download_button_delivers_its_format(page, app_server):
    concept = cafe_concept()
    open_description(page, app_server, concept)

    docx = download(page, "Word")
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    assert "Kahvila Kulma" in xml and "Customers and customer profiles" in xml

    assert download(page, "PDF").startswith(b"%PDF")

    markdown = download(page, "Markdown").decode("utf-8")
    assert markdown.startswith("# Kahvila Kulma")

    html = download(page, "HTML").decode("utf-8")
    assert "<h1>Kahvila Kulma</h1>" in html

    data = json.loads(download(page, "JSON"))
    assert data["id"] == concept.id and data["name"] == "Kahvila Kulma"


def test_the_chosen_export_language_reaches_the_file(page, app_server):
    open_description(page, app_server, cafe_concept())
    languages = page.get_by_role("radiogroup", name="Language of the document")
    languages.get_by_role("radio", name="Suomi").click()
    expect(page.get_by_role("heading", name="Asiakkaat ja asiakasprofiilit")).to_be_visible()
    html = download(page, "HTML").decode("utf-8")
    assert '<html lang="fi">' in html and "Rajaukset: mitä konseptiin ei kuulu" in html
    # The interface itself stays in English.
    expect(page.get_by_role("heading", name="Concept description")).to_be_visible()
