"""AppTest: importing on the start page, through the real uploader: a name that exists gets an
"imported <date>" copy name and says so, bad values are told in the UI's language."""

from __future__ import annotations

import json
import re

import pytest

from concept.formatting import format_short_day
from concept.model import utc_now
from concept.samples import cafe_concept
from concept.store import TinyDBConceptStore
from concept.transfer import concept_to_json
from tests.helpers import start_app


def import_file(at, raw: bytes, name: str = "kulma.json"):
    at.file_uploader(key="import_json").set_value((name, raw, "application/json")).run()
    return at.button(key="import_do").click().run()


def shown(at) -> str:
    """The messages as the browser shows them: Markdown's escapes (user names go through
    plain()) read as the characters they stand for."""
    text = "\n".join(str(e.value) for kind in ("success", "error") for e in getattr(at, kind))
    return re.sub(r"\\(.)", r"\1", text)


@pytest.mark.parametrize("lang, copy_name, said", [
    ("fi", "Kahvila Kulma (tuotu {date})", "Konsepti ”Kahvila Kulma” on jo olemassa"),
    ("en", "Kahvila Kulma (imported {date})", "A concept named “Kahvila Kulma” exists already"),
])
def test_importing_a_concept_whose_name_exists_names_the_copy_and_says_so(
        data_dir, lang, copy_name, said):
    concept = cafe_concept()
    TinyDBConceptStore(data_dir).create(concept)
    at = import_file(start_app(lang), concept_to_json(concept).encode())
    assert not at.exception
    expected = copy_name.format(date=format_short_day(utc_now().date(), lang))
    assert said in shown(at) and expected in shown(at)
    names = sorted(s.name for s in TinyDBConceptStore(data_dir).list())
    assert names == sorted([concept.name, expected])


def test_importing_a_new_name_keeps_it(data_dir):
    at = import_file(start_app(), concept_to_json(cafe_concept()).encode())
    assert "Concept “Kahvila Kulma” imported." in shown(at)


def test_a_bad_value_is_told_in_finnish_without_pydantics_english(data_dir):
    data = json.loads(concept_to_json(cafe_concept()))
    data["profiles"][0]["jobs"][0]["importance"] = 9
    at = import_file(start_app("fi"), json.dumps(data).encode())
    message = shown(at)
    assert "arvo on liian suuri (suurin sallittu: 5)" in message
    assert "Input should" not in message
    assert TinyDBConceptStore(data_dir).list() == []
