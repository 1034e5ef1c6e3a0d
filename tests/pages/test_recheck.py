"""AppTest: a change to an earlier step puts a "check again" badge in the sidebar and a notice on
the later step's page, until the user confirms there that the step was checked."""

from __future__ import annotations

from concept.model import Concept, CustomerProfile, Pain, PainReliever
from concept.recheck import stale_steps
from tests.helpers import button, open_app_with, stored

VALUE_PAGE = "views/value.py"
PROFILES_PAGE = "views/profiles.py"
NOTICE_START = "These earlier steps have changed since this step was last checked"


def written() -> Concept:
    pain = Pain(text="Melu", severity=5)
    concept = Concept(name="Kulma", profiles=[CustomerProfile(name="Etätyöläinen",
                                                              is_primary=True, pains=[pain])])
    concept.value_proposition.pain_relievers = [PainReliever(text="Hiljainen huone",
                                                             pain_ids=[pain.id])]
    return concept


def sidebar_text(at) -> str:
    return "\n".join(c.value for c in at.sidebar.caption)


def notices(at) -> list[str]:
    return [w.value for w in at.info if w.value.startswith(NOTICE_START)]


def test_badge_appears_after_an_earlier_change_and_clears_on_confirming(data_dir):
    concept = written()
    at = open_app_with(concept, data_dir, page=VALUE_PAGE)
    assert not at.exception
    assert "check again" not in sidebar_text(at) and notices(at) == []

    # The profile is renamed on its own page after the value proposition was written.
    at.switch_page(PROFILES_PAGE).run()
    name = [w for w in at.text_input if w.key and w.key.endswith(".name")][0]
    name.input("Keskittyvä etätyöläinen").run()
    assert not at.exception
    assert stale_steps(stored(data_dir, concept.id)) == {"value": ["profiles"]}
    assert "Value proposition · :orange-badge[:material/sync_problem: check again]" in \
        sidebar_text(at)

    at.switch_page(VALUE_PAGE).run()
    assert notices(at) == [NOTICE_START + ": Customer profiles. Check that this step still fits "
                                          "them, then confirm."]
    button(at, "I have checked it").click().run()
    assert not at.exception
    assert notices(at) == []
    assert "check again" not in sidebar_text(at)
    assert stale_steps(stored(data_dir, concept.id)) == {}
