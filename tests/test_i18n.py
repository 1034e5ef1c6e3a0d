"""The catalogs: the same keys and placeholders in Finnish and English, and lookups."""

from concept.i18n import LANGUAGES, catalog, enum_label, normalise_language, placeholders_of, t
from concept.steps import STEPS


def test_both_languages_have_the_same_keys():
    fi, en = set(catalog("fi")), set(catalog("en"))
    assert fi - en == set(), "keys only in Finnish"
    assert en - fi == set(), "keys only in English"


def test_both_languages_have_the_same_placeholders():
    fi, en = catalog("fi"), catalog("en")
    for key, english in en.items():
        finnish = fi[key]
        if isinstance(english, list):
            assert isinstance(finnish, list), key
            english, finnish = " ".join(english), " ".join(finnish)
        assert placeholders_of(english) == placeholders_of(finnish), key


def test_every_step_has_title_and_purpose_in_both_languages():
    for lang in LANGUAGES:
        for s in STEPS:
            assert t(s.title_key, lang) != s.title_key
            assert t(f"step.{s.key}.purpose", lang) != f"step.{s.key}.purpose"


def test_placeholders_are_filled_and_missing_ones_kept():
    assert t("common.back", "fi", title="Aloitus") == "Takaisin: Aloitus"
    assert "{title}" in t("common.back", "en")


def test_language_codes_are_normalised():
    assert normalise_language("fi-FI") == "fi"
    assert normalise_language("fi_FI") == "fi"
    assert normalise_language("sv-SE") == "en"
    assert normalise_language(None) == "en"


def test_enum_labels():
    assert enum_label("dev_status", "keep", "fi") == "Kunnossa"
    assert enum_label("dev_status", "keep", "en") == "Fine as is"
    assert enum_label("dev_status", None, "en") == ""
