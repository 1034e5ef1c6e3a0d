"""Interviewees grouped by the items they share suggest profiles."""

from __future__ import annotations

from concept.evidence import evidence_of, link_quote, quote_index
from concept.grouping import accept_group, suggest_groups
from concept.model import Concept, CustomerProfile, Interview, Job, Pain, Quote


def _concept() -> Concept:
    jobs = [Job(text=f"tehtävä {n}") for n in range(3)]
    pains = [Pain(text=f"murhe {n}") for n in range(3)]
    concept = Concept(profiles=[CustomerProfile(name="Kaikki", jobs=jobs, pains=pains,
                                                is_primary=True)])
    # H1-H3 share job 0 and pain 0 (H3 through H2: transitively); H4 and H5 share jobs 1-2.
    backing = {"H1": [jobs[0], pains[0]], "H2": [jobs[0], pains[0], pains[1]],
               "H3": [pains[0], pains[1]], "H4": [jobs[1], jobs[2]], "H5": [jobs[1], jobs[2]],
               "H6": [pains[2]]}
    for name, items in backing.items():
        interview = Interview(pseudonym=name)
        for item in items:
            quote = Quote(text=f"{name}: {item.text}")
            interview.quotes.append(quote)
            link_quote(item, quote.id)
        concept.toolbox.interviews.append(interview)
    return concept


def test_interviewees_sharing_items_are_grouped() -> None:
    concept = _concept()
    names = {i.id: i.pseudonym for i in concept.toolbox.interviews}
    texts = {i.id: i.text for i in [*concept.all_jobs(), *concept.all_pains()]}
    found = [(sorted(names[i] for i in s.interview_ids), [texts[i] for i in s.item_ids])
             for s in suggest_groups(concept)]
    assert found == [(["H1", "H2", "H3"], ["tehtävä 0", "murhe 0", "murhe 1"]),
                     (["H4", "H5"], ["tehtävä 1", "tehtävä 2"])]


def test_accepting_makes_a_profile_with_the_shared_items_and_their_evidence() -> None:
    concept = _concept()
    suggestion = suggest_groups(concept)[1]
    profile = accept_group(concept, suggestion, "Ryhmä H4, H5")
    assert [j.text for j in profile.jobs] == ["tehtävä 1", "tehtävä 2"] and not profile.pains
    assert not profile.is_primary
    assert evidence_of(profile.jobs[0], quote_index(concept)).interviews == 2
    Concept.model_validate(concept.model_dump())  # fresh ids: nothing used twice
