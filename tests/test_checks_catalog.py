"""Every check of methodology §4 and §6 that the app implements has its messages in both
catalogs and a page to fix it on; the checks' findings match the list."""

import re
from pathlib import Path

import pytest

from concept.checks import all_findings
from concept.checks.catalog import CHECKS
from concept.i18n import LANGUAGES, catalog
from concept.samples import cafe_concept, large_concept
from concept.toolbox import place

# The ids of the checks and analyses in methodology §4 (steps 0–7) and §6 (across steps), as
# listed in /work/shared/methodology.md (the method reference lives outside the repository).
METHODOLOGY_IDS = frozenset(
    ["H-01"]
    + [f"P-{n:02d}" for n in range(1, 10)]
    + [f"J-{n:02d}" for n in range(1, 13)]
    + [f"PP-{n:02d}" for n in range(1, 9)]
    + [f"T-{n:02d}" for n in range(1, 8)]
    + [f"R-{n:02d}" for n in range(1, 9)]
    + [f"C-{n:02d}" for n in range(1, 9)]
    + [f"V-{n:02d}" for n in range(1, 12)]
    + [f"X-{n:02d}" for n in range(1, 10)]
)
CHECK_SOURCES = sorted((Path(__file__).parent.parent / "concept" / "checks").glob("*.py"))
ID = re.compile(r'"([A-Z]{1,2}-\d{2})"')


def emitted_ids() -> set[str]:
    """The §4/§6 ids the check modules write into findings (the list itself left out)."""
    found = set()
    for path in CHECK_SOURCES:
        if path.name != "catalog.py":
            found |= set(ID.findall(path.read_text(encoding="utf-8")))
    return found & METHODOLOGY_IDS


def test_every_listed_check_is_a_methodology_check():
    assert set(CHECKS) <= METHODOLOGY_IDS


def test_every_check_the_modules_emit_is_listed():
    assert emitted_ids() - set(CHECKS) == set()
    # The checks of issue 19 are among them.
    assert {"R-01", "R-05", "T-02", "T-07", "PP-07", "PP-08", "J-05", "J-08", "J-12", "P-07",
            "P-09", "V-04", "V-08", "X-05", "X-07"} <= set(CHECKS)


@pytest.mark.parametrize("check_id", sorted(CHECKS))
def test_each_check_has_messages_in_both_languages_and_a_link(check_id):
    check = CHECKS[check_id]
    assert check.message_keys
    for lang in LANGUAGES:
        texts = catalog(lang)
        for key in check.message_keys:
            assert isinstance(texts.get(key), str) and texts[key].strip(), (lang, key)
    target = place(check.step)
    assert target is not None, check.step
    assert (Path(__file__).parent.parent / target.page).is_file()


def test_findings_use_the_listed_step_and_messages():
    for concept in (cafe_concept(), large_concept()):
        for finding in all_findings(concept):
            if finding.check_id not in METHODOLOGY_IDS:
                continue  # a toolbox check (§5)
            check = CHECKS[finding.check_id]
            assert finding.step == check.step, finding
            assert finding.message_key in check.message_keys, finding
