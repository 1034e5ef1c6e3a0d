"""The Finnish catalogs keep /work/shared/FINNISH.md's rules: no "(ttä)" endings glued to a
placeholder or count, none of the words ruled out, the user addressed as *sinä* (no *te*
imperatives or pronouns), advice panels headed "Vinkit", and the AI prompts carry the glossary."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from concept.checks.base import Finding
from concept.i18n import catalog, t

ROOT = Path(__file__).resolve().parent.parent


def finnish_texts() -> list[tuple[str, str]]:
    """(key, text) for every Finnish catalog string, list items included."""
    found = []
    for key, value in catalog("fi").items():
        for text in value if isinstance(value, list) else [value]:
            found.append((key, str(text)))
    return found


def offending(pattern: re.Pattern[str], allowed: set[str] = frozenset()) -> list[str]:
    hits = []
    for key, text in finnish_texts():
        for match in pattern.finditer(text):
            if match.group(0).lower() not in allowed:
                hits.append(f"{key}: {match.group(0)!r}")
    return hits


def test_no_parenthesised_endings():
    # "kohtaamispiste(ttä)", "jakso(a)": a count or list goes after a colon instead.
    assert offending(re.compile(r"\w\([a-zäö]{1,4}\)")) == []


@pytest.mark.parametrize("word", ["poistaja", "tavoitepolku", "tavoitepolu", "kontakti",
                                  "dokumentti", "dokumenti", "nimeämätön", "nimeämättö"])
def test_ruled_out_words_are_not_used(word):
    assert [key for key, text in finnish_texts() if word in text.lower()] == []


# Second-person plural imperatives end in -kaa/-kää after these stems ("Kirjoittakaa",
# "Lisätkää", "Valitkaa", "Keskittykää", "Neutraloikaa", "Perustelkaa", "Tehkää", "Menkää").
TE_IMPERATIVE = re.compile(
    r"\b\w*(?:[tlnrhs]|tta|ttä|[aeiouyäö])(?:kaa|kää)\b", re.IGNORECASE)
# Ordinary words with the same endings: infinitives, partitives, adverbs and the singular
# imperatives "Hylkää" and "Muokkaa" (sinä-forms, as they should be).
NOT_IMPERATIVES = {"alkaa", "jatkaa", "jakaa", "mukaa", "aikaa", "takaa", "pitkää", "liikaa",
                   "paikkaa", "hylkää", "muokkaa"}
TE_WORDS = re.compile(
    r"\b(?:teidän|teille|teitä|teiltä|teidät|teillä|olette|ette|\w+tte|\w+ttekö)\b",
    re.IGNORECASE)


def test_no_te_imperatives():
    assert offending(TE_IMPERATIVE, NOT_IMPERATIVES) == []


def test_the_imperative_check_catches_te_forms():
    for word in ("Kirjoittakaa", "Lisätkää", "Valitkaa", "Keskittykää", "Neutraloikaa",
                 "perustelkaa", "Tehkää", "Menkää"):
        assert TE_IMPERATIVE.fullmatch(word), word
    for word in ("Hylkää", "Muokkaa", "paikkaa"):  # singular imperatives and a partitive
        assert not TE_IMPERATIVE.fullmatch(word) or word.lower() in NOT_IMPERATIVES, word
    assert "hylätkää" not in NOT_IMPERATIVES and TE_IMPERATIVE.fullmatch("Hylätkää")


def test_the_user_is_not_addressed_as_te():
    assert offending(TE_WORDS) == []


def test_advice_panels_are_headed_vinkit():
    assert t("common.advice", "fi") == "Vinkit"


def test_relationships_section_names_the_customers_relationships():
    assert t("doc.section.relationships", "fi") == "Asiakassuhteet ja asiakkaan ihmissuhteet"


@pytest.mark.parametrize(("key", "params", "one", "many"), [
    ("journey.check.customer_alone", {"profile": "P", "stages": "Tiedonhaku"},
     "tässä vaiheessa ei ole kohtaamispisteitä: Tiedonhaku", "näissä vaiheissa"),
    ("journey.check.pain_hotspot", {"profile": "P", "stages": "Tiedonhaku"},
     "tässä vaiheessa tunne on huono", "näissä vaiheissa"),
    ("journey.check.no_channel", {"profile": "P", "touchpoints": "Kassa"},
     "tältä kohtaamispisteeltä puuttuu kanava: Kassa", "näiltä kohtaamispisteiltä"),
    ("purchase.check.unmapped", {"touchpoints": "Kassa"},
     "Tätä kohtaamispistettä ei ole vielä liitetty", "Kohtaamispisteitä, joita"),
    ("experience.check.t01", {}, "vain yksi jakso", "jaksoja on kuvattu vain 2"),
])
def test_one_thing_reads_in_the_singular(key, params, one, many):
    assert one in Finding("X", "warn", "journey", key, {**params, "count": 1}).message("fi")
    assert many in Finding("X", "warn", "journey", key, {**params, "count": 2}).message("fi")


def test_no_break_space_before_percent_signs():
    assert offending(re.compile(r"\S \%")) == []


def test_the_system_prompt_carries_the_glossary_and_the_sina_rule():
    text = (ROOT / "prompts" / "system.md").read_text(encoding="utf-8")
    assert "sinä" in text and "never \"te\"" in text
    for term in ("murhe", "hyöty", "tehtävä", "murheen helpottaja", "hyödyn tuottaja",
                 "kohtaamispiste", "asiakaspolku", "jakso", "kilpailutekijä",
                 "erottautumistekijä", "pelissä pysymisen edellytys", "tärkein lupaus",
                 "konseptikuvaus", "nimetön"):
        assert term in text, term


# FINNISH.md's 25 fixes: (key, text the Finnish catalog now has).
FIXES = [
    ("profiles.check.no_social_emotional", "Miten nämä asiakkaat haluavat tuntea olonsa, ja "
     "miten he haluavat muiden näkevän heidät?"),
    ("relationships.closeness_help", "jossa asiakas ja henkilökunta tuntevat toisensa nimeltä"),
    ("journey.check.customer_alone", "polku: näissä vaiheissa ei ole kohtaamispisteitä: "
     "{stages}. Onko asiakas niissä tarkoituksella yksin?"),
    ("journey.check.pain_hotspot", "näissä vaiheissa tunne on huono tai asiat menevät pieleen, "
     "mutta yhtäkään kohtaamispistettä ei kehitetä eikä lisätä: {stages}."),
    ("purchase.check.break", "Katkos prosessissa: näissä vaiheissa ei ole kohtaamispisteitä, "
     "vaikka ennen ja jälkeen on: {stages}."),
    ("journey.check.no_channel", "näiltä kohtaamispisteiltä puuttuu kanava: {touchpoints}"),
    ("relationships.context", "Vertailuksi: kohtaamispisteitä on yhteensä {touchpoints}; "
     "henkilökohtaisia niistä {human}, ostonjälkeisiä {post}."),
    ("experience.check.t01", "Asiakassuhteen jaksoja on kuvattu vain {count}. Vähintään "
     "kolme näyttää, miten kokemus kehittyy."),
    ("store.quarantined", "Tiedostoja, joita ei voitu lukea: {count}. Ne siirrettiin sivuun "
     "koskemattomina."),
    ("import.error.more_problems", "… ja muita ongelmia: {count}."),
    ("value.template.vpc", "Tuotteemme ja palvelumme ({products}) auttavat kohderyhmää"),
    ("value.template.short", "Erona vaihtoehtoon ”{alternative}” on {pod}."),
    ("value.template.moore", "Erona vaihtoehtoon ”{alternative}” on {pod}."),
    ("value.template.short", "Konseptiin ei kuulu: {exclusions}."),
    ("step.competition.purpose", "ja se, mikä tuo kilpailuetua, jota asiakkaat arvostavat"),
    ("step.start.questions", "Mitä arvoa heille tuotetaan?"),
    ("step.profiles.questions", ", ja mitä niistä on vaikeinta palvella?"),
    ("doc.section.relationships", "Asiakassuhteet ja asiakkaan ihmissuhteet"),
    ("journey.delete_tp_body", "murheiden helpottajia"),
    ("doc.value.other_answers", "murheiden helpottajat"),
    ("competition.check.c08", "(paras kilpailija {leader}, sinä {score}). Kuro ero kiinni tai "
     "perustele, miksi sillä ei ole asiakkaalle väliä."),
    ("competition.neutralise_line", "kurottava ero kiinni"),
    ("enum.attribute_class.pop_competitive", "kuro ero kiinni"),
    ("enum.attribute_class.pod", "Erottautumistekijä"),
    ("relationships.honesty_placeholder", "Ole rehellinen: mitä pystyt oikeasti ylläpitämään "
     "henkilöstön, ajan ja rahan puitteissa?"),
    ("toolbox.empathy.nothing_to_promote", "siirtää ne asiakasprofiiliin"),
    ("ai.panel.what", "Mihin haluat ehdotuksia?"),
    ("ai.panel.draft_intro", "Tekoäly kirjoittaa ensimmäisen luonnoksen kaiken kirjoittamasi "
     "pohjalta."),
    ("concepts.rename", "Nimeä uudelleen"),
    ("field.entry_point", "Mistä asiakas tavoitetaan"),
    ("field.scope_start", "Polun lähtötilanne"),
    ("field.scope_end", "Polun lopputilanne"),
    ("enum.relationship_duration.continuous", "Jatkuva"),
]


@pytest.mark.parametrize(("key", "expected"), FIXES)
def test_the_reviewed_fixes_are_in_the_catalog(key, expected):
    value = catalog("fi")[key]
    text = "\n".join(value) if isinstance(value, list) else value
    assert expected in text


def _widget_calls(name: str):
    """Every call of a widget method `name` (st.x, a column's .x) in the app's pages and UI."""
    import ast

    for path in sorted([*(ROOT / "concept" / "ui").rglob("*.py"), *(ROOT / "views").rglob("*.py"),
                        ROOT / "app.py"]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == name):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", {k.arg: k.value
                                                                  for k in node.keywords}


def test_no_multiselect_shows_streamlits_english_placeholder_or_select_all():
    """Streamlit's "Choose options" and "Select all" are English only: every multiselect gives
    its own placeholder and no select-all (`bind.multi` does both for its fields)."""
    import ast

    missing = [where for where, keywords in _widget_calls("multiselect")
               if "placeholder" not in keywords or not (
                   isinstance(keywords.get("select_all"), ast.Constant)
                   and keywords["select_all"].value is False)]
    assert not missing, missing


def test_a_select_box_that_starts_empty_says_so_in_the_users_language():
    """`index=None` shows a placeholder; Streamlit's own is "Choose an option"."""
    import ast

    missing = [where for where, keywords in _widget_calls("selectbox")
               if isinstance(keywords.get("index"), ast.Constant)
               and keywords["index"].value is None and "placeholder" not in keywords]
    assert not missing, missing
