"""In a real browser: create, reload and find it, export JSON, delete with confirmation."""

import json

from playwright.sync_api import expect

from tests.browser import wait_for_app_idle


def create(page, name: str) -> None:
    form = page.get_by_test_id("stForm")
    form.get_by_label("Name").fill(name)
    form.get_by_label("Industry").fill("kahvila")
    form.get_by_label("Who is the concept for?").fill("etätyöläiset")
    form.get_by_role("button", name="Create concept").click()
    expect(page.get_by_text(f"Concept “{name}” created and opened.")).to_be_visible()


def test_created_concept_survives_a_reload_and_exports_json(page):
    create(page, "Kahvila Kulma")
    how = 'textarea[aria-label="How is the value produced?"]'
    page.locator(how).fill("varattavat pöydät")
    page.locator(how).press("Tab")
    wait_for_app_idle(page)
    page.reload()
    expect(page.get_by_text("Open concept: Kahvila Kulma")).to_be_visible()
    expect(page.locator(how)).to_have_value(
        "varattavat pöydät")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="JSON").click()
    data = json.loads(download_info.value.path().read_text(encoding="utf-8"))
    assert data["name"] == "Kahvila Kulma"
    assert data["idea"]["how"] == "varattavat pöydät"


def test_delete_asks_for_confirmation(page):
    create(page, "Poistettava")
    page.get_by_role("button", name="Delete").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("Delete Poistettava for good?")).to_be_visible()
    dialog.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.get_by_text("Poistettava").first).to_be_visible()
    page.get_by_test_id("stMainBlockContainer").get_by_role("button", name="Delete").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Concept “Poistettava” deleted.")).to_be_visible()
    expect(page.get_by_text("No concepts yet")).to_be_visible()


def test_import_adds_a_concept_and_refuses_a_broken_file(page, app_server, tmp_path):
    from concept.samples import cafe_concept
    from concept.store import TinyDBConceptStore
    from concept.transfer import concept_to_json

    good = tmp_path / "kulma.json"
    good.write_text(concept_to_json(cafe_concept()), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "x", "profiles": [', encoding="utf-8")

    page.get_by_text("Import a concept from a JSON file").click()
    page.locator('input[type="file"]').set_input_files(str(broken))
    expect(page.get_by_text("broken.json")).to_be_visible()
    wait_for_app_idle(page)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("The file is not valid JSON")).to_be_visible()
    assert TinyDBConceptStore(app_server.data_dir).list() == []

    page.locator('input[type="file"]').set_input_files(str(good))
    expect(page.get_by_text("kulma.json")).to_be_visible()
    wait_for_app_idle(page)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("Concept “Kahvila Kulma” imported.")).to_be_visible()
    stored = TinyDBConceptStore(app_server.data_dir).list()
    assert [s.name for s in stored] == ["Kahvila Kulma"]
