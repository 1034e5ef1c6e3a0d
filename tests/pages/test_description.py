"""AppTest: the description page previews the document, switches its language and version,
and marks the concept final only when asked to."""

from concept.model import Concept
from concept.samples import cafe_concept
from tests.helpers import open_app_with, stored

PAGE = "views/description.py"


def subheaders(at) -> list[str]:
    return [s.value for s in at.subheader]


def test_preview_shows_the_document_and_one_download_per_format(data_dir):
    at = open_app_with(cafe_concept(), data_dir, page=PAGE)
    assert not at.exception
    assert "Customers and customer profiles" in subheaders(at)
    assert "What the concept does not include" in subheaders(at)
    assert [b.label for b in at.get("download_button")] == [
        "Word", "PDF", "One page", "PowerPoint", "Markdown", "HTML", "JSON"]
    assert any("Keskittyvä etätyöläinen" in h.value for h in [*at.header, *at.markdown])
    text = "\n".join(m.value for m in at.markdown)
    assert text.count("\n|---|") >= 5  # Markdown tables
    assert "\n| Meluisa ympäristö katkaisee keskittymisen | Obstacle | 5/5 |\n" in text


def test_export_language_changes_the_preview_but_not_the_interface(data_dir):
    at = open_app_with(cafe_concept(), data_dir, page=PAGE)
    at.button_group[0].set_value("fi").run()
    assert not at.exception
    assert "Asiakkaat ja asiakasprofiilit" in subheaders(at)
    assert at.title[0].value == "Concept description"  # the UI stays English


def test_choosing_the_final_version_changes_the_preview_but_not_the_saved_status(data_dir):
    concept = cafe_concept()
    at = open_app_with(concept, data_dir, page=PAGE)
    assert at.radio[0].value == "draft"
    assert "Appendix: findings of the analyses" in subheaders(at)
    at.radio[0].set_value("final").run()
    assert not at.exception
    assert stored(data_dir, concept.id).status == "draft"  # a download is no status change
    assert any("**Status:** Final" in m.value for m in at.markdown)
    assert "Appendix: findings of the analyses" not in subheaders(at)
    assert any(m.value == "Status of the concept: **Draft**" for m in at.markdown)


def test_marking_the_concept_final_is_its_own_confirmed_step(data_dir):
    concept = cafe_concept()
    at = open_app_with(concept, data_dir, page=PAGE)
    assert [p.proto.popover.label for p in at.get("popover")] == ["Mark the concept final"]
    at.button(key="description.mark_final").click().run()
    assert not at.exception
    assert stored(data_dir, concept.id).status == "final"
    assert any(m.value == "Status of the concept: **Final**" for m in at.markdown)
    assert at.radio[0].value == "final"  # the download follows the status just set
    assert "Appendix: findings of the analyses" not in subheaders(at)
    at.button(key="description.mark_draft").click().run()
    assert stored(data_dir, concept.id).status == "draft"
    assert at.radio[0].value == "draft"


def test_a_final_concept_opens_with_the_final_version_chosen(data_dir):
    concept = cafe_concept()
    concept.status = "final"
    at = open_app_with(concept, data_dir, page=PAGE, lang="fi")
    assert not at.exception
    assert at.radio[0].value == "final"
    assert "Liite: analyysien huomiot" not in subheaders(at)
    assert any(m.value == "Konseptin tila: **Valmis**" for m in at.markdown)


def test_user_text_in_the_preview_is_escaped_not_interpreted(data_dir):
    concept = cafe_concept()
    concept.profiles[0].summary = "<script>alert(1)</script> **lihava** [linkki](http://x)"
    concept.profiles[0].pains[0].text = "Melu | kolina\nja hälinä"
    at = open_app_with(concept, data_dir, page=PAGE)
    assert not at.exception
    sources = [m.value for m in at.markdown]
    # A table cell stays one cell on one row: its pipe escaped, its line break a semicolon.
    assert any(r"| Melu \| kolina; ja hälinä | Obstacle | 5/5 |" in s for s in sources)
    assert not any("<script>" in s or "**lihava**" in s for s in sources)
    assert any(r"\<script\>alert\(1\)\</script\> \*\*lihava\*\*" in s for s in sources)


def test_an_empty_concept_shows_a_hint_instead_of_empty_sections(data_dir):
    at = open_app_with(Concept(name="Tyhjä"), data_dir, page=PAGE)
    assert not at.exception
    assert any("nothing to show yet" in i.value for i in at.info)
    # The page's sections are h2 and the document's title h3 under "Preview" (an outline with
    # no skipped level); no section headings of the document itself.
    assert [h.value for h in at.header] == ["Export", "Preview"]
    assert subheaders(at) == ["Tyhjä"]


def test_export_language_starts_as_the_interface_language(data_dir):
    at = open_app_with(cafe_concept(), data_dir, page=PAGE, lang="fi")
    assert not at.exception
    assert at.button_group[0].value == "fi"
    assert "Rajaukset: mitä konseptiin ei kuulu" in subheaders(at)
    assert [b.label for b in at.get("download_button")][0] == "Word"


def test_the_chosen_export_language_survives_a_visit_to_another_page(data_dir):
    at = open_app_with(cafe_concept(), data_dir, page=PAGE)
    at.button_group[0].set_value("fi").run()
    at.switch_page("views/value.py").run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert at.button_group[0].value == "fi"
    assert "Asiakkaat ja asiakasprofiilit" in subheaders(at)
