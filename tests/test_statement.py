"""Statement templates (methodology §4.7) filled from the concept, in Finnish and English."""

import pytest

from concept.model import Concept
from concept.statement import fill_statement, fragment, join_words, statement_slots


def test_moore_statement_in_finnish_names_profile_job_promise_alternative_and_edge(cafe):
    text = fill_statement(cafe, "moore", "fi")
    assert text == (
        "Kahvila Kulma on työskentelykahvila kohderyhmälle ”Keskittyvä etätyöläinen”, joka "
        "haluaa saada keskittynyttä työtä tehdyksi kodin ulkopuolella. Se lupaa: paikkasi ja "
        "lounaasi odottavat sinua. Erona vaihtoehtoon ”Ketjukahvila pääkadulla” on varattava "
        "paikka.")


def test_moore_statement_in_english(cafe):
    text = fill_statement(cafe, "moore", "en")
    assert text.startswith("For Keskittyvä etätyöläinen, who want to saada keskittynyttä")
    assert "Kahvila Kulma is a työskentelykahvila that promises: paikkasi" in text
    assert text.endswith("Unlike Ketjukahvila pääkadulla, it stands out with varattava paikka.")


@pytest.mark.parametrize(("lang", "words"), [
    ("fi", ["Tuotteemme ja palvelumme (Lounastilaus) auttavat",
            "Murheita vähentää hiljainen työskentelynurkkaus",
            "hyötyä tuottaa pöytävaraus verkossa"]),
    ("en", ["Lounastilaus help", "Pains are eased by hiljainen työskentelynurkkaus",
            "gains come from pöytävaraus verkossa"]),
])
def test_vpc_statement_uses_products_relievers_and_creators(cafe, lang, words):
    text = fill_statement(cafe, "vpc", lang)
    for expected in words:
        assert expected in text


@pytest.mark.parametrize(("lang", "words"), [
    ("fi", ["Asiakassuhde: henkilökohtainen palvelu ja itsepalvelu, tiiviys 4/5",
            "Konseptiin ei kuulu: iltatapahtumat ja alkoholi.",
            "tervetulotoivotus tiskillä"]),
    ("en", ["The relationship: personal service and self-service, closeness 4/5, continuous.",
            "The concept does not include iltatapahtumat and alkoholi.",
            "Customers meet it through tervetulotoivotus tiskillä"]),
])
def test_short_description_covers_touchpoints_relationship_and_exclusions(cafe, lang, words):
    text = fill_statement(cafe, "short", lang)
    for expected in words:
        assert expected in text
    assert "[" not in text


@pytest.mark.parametrize(("lang", "slot"), [("fi", "[kategoria]"), ("en", "[category]")])
def test_missing_slots_show_their_name_in_brackets(lang, slot):
    text = fill_statement(Concept(name="Tyhjä"), "short", lang)
    assert text.startswith("Tyhjä ")
    assert slot in text


def test_free_template_keeps_the_users_own_text(cafe):
    cafe.value_proposition.statement = "Omin sanoin."
    assert fill_statement(cafe, "free", "fi") == "Omin sanoin."


def test_main_alternative_falls_back_to_what_the_customer_would_do_otherwise():
    concept = Concept(name="X")
    concept.competition.what_if_no_concept = "Tekisi töitä kotona."
    assert statement_slots(concept, "fi")["alternative"] == "tekisi töitä kotona"


def test_fragments_lose_final_stop_and_capital_but_keep_abbreviations():
    assert fragment("Hyvä kahvi.") == "hyvä kahvi"
    assert fragment("IT-tuki") == "IT-tuki"
    assert join_words(["a", "b", "c"], "fi") == "a, b ja c"
    assert join_words(["a", "b"], "en") == "a and b"
