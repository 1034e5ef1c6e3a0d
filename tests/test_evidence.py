"""Interviews, quotes and evidence levels: computed from links, never typed; links cleaned up."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from concept.evidence import (
    detail_evidence,
    evidence_of,
    interview_progress,
    link_quote,
    profile_evidence,
    quote_index,
    top_unevidenced,
)
from concept.model import (
    Concept,
    ContextTheme,
    CustomerProfile,
    Interview,
    Job,
    Pain,
    Quote,
    Stakeholder,
)
from concept.references import (
    forget_stakeholders,
    quote_references,
    remove_interview,
    remove_quote,
)


def _with_interviews(count: int) -> tuple[Concept, list[Quote]]:
    concept = Concept(name="Kahvila")
    quotes = []
    for number in range(count):
        quote = Quote(text=f"Jonotan aina aamulla {number}")
        concept.toolbox.interviews.append(
            Interview(pseudonym=f"H{number + 1}", date="2026-11-01", quotes=[quote]))
        quotes.append(quote)
    pain = Pain(text="Jonot ovat pitkiä", severity=5)
    concept.profiles.append(CustomerProfile(name="Kiireinen", pains=[pain], is_primary=True))
    return concept, quotes


def test_an_item_without_links_is_an_assumption() -> None:
    concept, _ = _with_interviews(0)
    pain = concept.profiles[0].pains[0]
    assert evidence_of(pain, quote_index(concept)).level == "assumption"


@pytest.mark.parametrize(("linked", "level"), [(1, "seen"), (2, "seen"), (3, "recurring")])
def test_level_counts_different_interviews(linked: int, level: str) -> None:
    concept, quotes = _with_interviews(4)
    pain = concept.profiles[0].pains[0]
    for quote in quotes[:linked]:
        link_quote(pain, quote.id)
    evidence = evidence_of(pain, quote_index(concept))
    assert (evidence.level, evidence.interviews) == (level, linked)


def test_two_quotes_of_one_interview_are_one_interview() -> None:
    concept, quotes = _with_interviews(1)
    second = Quote(text="Ja taas jonossa")
    concept.toolbox.interviews[0].quotes.append(second)
    pain = concept.profiles[0].pains[0]
    link_quote(pain, quotes[0].id)
    link_quote(pain, second.id)
    link_quote(pain, second.id)  # twice: still one link
    evidence = evidence_of(pain, quote_index(concept))
    assert (evidence.level, evidence.interviews, evidence.quotes) == ("seen", 1, 2)


def test_a_named_source_is_data() -> None:
    concept, _ = _with_interviews(0)
    pain = concept.profiles[0].pains[0]
    pain.data_source = "Asiakaskysely 2026, n=340"
    assert evidence_of(pain, quote_index(concept)).level == "data"


def test_deleting_an_interview_or_quote_removes_its_links() -> None:
    concept, quotes = _with_interviews(3)
    pain = concept.profiles[0].pains[0]
    for quote in quotes:
        link_quote(pain, quote.id)
    assert quote_references(concept, [quotes[0].id]) == 1
    assert remove_interview(concept, concept.toolbox.interviews[0].id)
    assert remove_quote(concept, quotes[1].id)
    assert pain.quote_ids == [quotes[2].id]
    assert evidence_of(pain, quote_index(concept)).level == "seen"


def test_deleting_a_stakeholder_keeps_its_interviews() -> None:
    concept, _ = _with_interviews(1)
    group = Stakeholder(name="Opiskelijat")
    concept.toolbox.stakeholders.append(group)
    concept.toolbox.interviews[0].stakeholder_id = group.id
    forget_stakeholders(concept, [group.id])
    assert concept.toolbox.interviews[0].stakeholder_id == ""
    assert len(concept.toolbox.interviews) == 1


def test_context_detail_evidence_follows_the_detail_text() -> None:
    concept, quotes = _with_interviews(1)
    theme = ContextTheme(name="Aamut", details=["Kiire töihin"])
    concept.toolbox.context_themes.append(theme)
    link_quote(detail_evidence(theme, "Kiire töihin"), quotes[0].id)
    assert detail_evidence(theme, "Kiire töihin").quote_ids == [quotes[0].id]
    remove_interview(concept, concept.toolbox.interviews[0].id)
    assert detail_evidence(theme, "Kiire töihin").quote_ids == []


def test_duplicate_quote_or_interview_ids_are_refused() -> None:
    concept, quotes = _with_interviews(2)
    data = concept.model_dump(mode="json")
    data["toolbox"]["interviews"][1]["quotes"][0]["id"] = quotes[0].id
    with pytest.raises(ValidationError, match="used twice"):
        Concept.model_validate(data)
    data = concept.model_dump(mode="json")
    data["toolbox"]["interviews"][1]["id"] = data["toolbox"]["interviews"][0]["id"]
    with pytest.raises(ValidationError, match="used twice"):
        Concept.model_validate(data)


def test_a_file_without_the_new_parts_loads_with_defaults() -> None:
    data = Concept(profiles=[CustomerProfile(jobs=[Job(text="x")])]).model_dump(mode="json")
    del data["toolbox"]["interviews"]
    del data["profiles"][0]["jobs"][0]["quote_ids"]
    del data["profiles"][0]["jobs"][0]["data_source"]
    loaded = Concept.model_validate(data)
    assert loaded.toolbox.interviews == []
    assert loaded.profiles[0].jobs[0].quote_ids == []


def test_progress_counts_planned_on_the_map_and_held() -> None:
    concept, _ = _with_interviews(2)
    concept.toolbox.interviews.append(Interview(pseudonym="tuleva"))  # no date, no text
    concept.toolbox.stakeholders = [Stakeholder(planned_interviews=6),
                                    Stakeholder(planned_interviews=4)]
    progress = interview_progress(concept)
    assert (progress.planned, progress.held, progress.recorded, progress.goal) == (10, 2, 3, 10)


def test_profile_share_and_top_assumptions() -> None:
    concept, quotes = _with_interviews(1)
    profile = concept.profiles[0]
    profile.jobs = [Job(text="Saada kahvi nopeasti", importance=5), Job(text="pieni", importance=2)]
    link_quote(profile.pains[0], quotes[0].id)
    share = profile_evidence(concept, profile)
    assert (share.items, share.evidenced, share.percent) == (3, 1, 33)
    assert [i.text for i in top_unevidenced(concept)] == ["Saada kahvi nopeasti"]


def test_the_check_names_top_items_that_are_still_assumptions() -> None:
    from concept.checks.profiles import evidence_finding

    concept, quotes = _with_interviews(1)
    found = evidence_finding(concept)
    assert [(f.check_id, f.severity, f.params["items"]) for f in found] == [
        ("P-08", "info", "Jonot ovat pitkiä")]
    link_quote(concept.profiles[0].pains[0], quotes[0].id)
    assert evidence_finding(concept) == []


def test_document_shows_levels_and_an_appendix_without_real_names() -> None:
    from concept.document import build_document

    concept, quotes = _with_interviews(3)
    concept.toolbox.interviews[0].interviewer = "Laura Mäkinen"
    concept.toolbox.interviews[0].names_to_hide = ["Pekka Korhonen"]
    pain = concept.profiles[0].pains[0]
    for quote in quotes:
        link_quote(pain, quote.id)
    document = build_document(concept, "fi")
    profiles = document.section("profiles")
    pain_table = next(b for b in profiles.blocks if getattr(b, "headers", [""])[0] == "Murheet")
    assert pain_table.headers[-1] == "Näytön taso"
    assert pain_table.rows[0][-1] == "Toistuu: 3 haastattelua"
    appendix = document.section("interviews")
    assert appendix.title == "Liite: haastattelut ja lainaukset"
    tables = [b for b in appendix.blocks if hasattr(b, "rows")]
    assert [row[0] for row in tables[0].rows] == ["H1", "H2", "H3"]
    assert "”Jonotan aina aamulla 0” (H1)" in tables[1].rows[0][2]
    text = repr(appendix)
    assert "Laura" not in text and "Pekka" not in text


def test_document_without_research_has_no_evidence_column_or_appendix() -> None:
    from concept.document import build_document

    concept, _ = _with_interviews(0)
    document = build_document(concept, "en")
    assert document.section("interviews") is None
    pain_table = next(b for b in document.section("profiles").blocks if hasattr(b, "rows"))
    assert "Evidence level" not in pain_table.headers
