# ruff: noqa: E501 - the answers are data, one item to a line as a model writes them
"""The café brief (tests/data/cafe_brief.md) and a model's answers to each step drafted from it,
in Finnish and English, for the fake OpenAI server (tests/fake_openai.py): `brief_responder`
answers each step's streamed request as a model would, in the language the prompt asks for."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.fake_openai import Reply, stream_reply

CAFE_BRIEF = (Path(__file__).parent / "data" / "cafe_brief.md").read_text(encoding="utf-8")

ANSWERS: dict[str, dict[str, Any]] = {
    "fi": {
        "start": {"who": "Korttelin etätyöläiset ja lapsiperheet iltapäivisin",
                  "what_value": "Rauhallinen paikka tehdä töitä tai viettää aikaa lasten kanssa",
                  "how": "Varattavat työpöydät, kuukausijäsenyys ja oma leikkinurkka"},
        "profiles": {"profiles": [
            {"name": "Keskittyvä etätyöläinen",
             "summary": "Tekee töitä kahvilassa, koska kotona on yksinäistä.",
             "jobs": ["Tehdä keskittynyttä työtä kodin ulkopuolella", "Pitää videopuheluita"],
             "pains": ["Wifi katkeilee", "Pistorasioita on liian vähän"],
             "gains": ["Oma vakiopöytä", "Tuttu henkilökunta"]},
            {"name": "Lapsiperheen vanhempi",
             "summary": "Tulee päiväkodin jälkeen lasten kanssa.",
             "jobs": ["Hengähtää hetki päiväkodin jälkeen"],
             "pains": ["Pelko, että lapset häiritsevät muita"],
             "gains": ["Lapset saavat olla lapsia"]},
            {"name": "Lounastaja",
             "summary": "Käy lounaalla lähitoimistosta.",
             "jobs": ["Syödä nopeasti ja hyvin"], "pains": ["Jonot lounasaikaan"],
             "gains": ["Lounas valmiina tilattuna"]}]},
        "journey": {"stages": [
            {"name": "Kuulee kahvilasta", "customer_goal": "Löytää työpaikka läheltä",
             "touchpoints": [{"name": "Suositus Facebook-ryhmässä", "channel": "social",
                              "kind": "communication"}]},
            {"name": "Tarkistaa verkon ja aukiolot", "customer_goal": "Varmistaa, että töitä voi tehdä",
             "touchpoints": [{"name": "Verkkosivut", "channel": "web", "kind": "digital"}]},
            {"name": "Ensimmäinen käynti", "customer_goal": "Päästä heti töihin",
             "touchpoints": [{"name": "Tervetulotoivotus tiskillä", "channel": "store",
                              "kind": "human"},
                             {"name": "Työnurkan pöytä", "channel": "store", "kind": "physical"}]},
            {"name": "Liittyy jäseneksi", "customer_goal": "Saada oma pöytä",
             "touchpoints": [{"name": "Jäsenyyden tilaus", "channel": "web", "kind": "digital"}]}]},
        "purchase": {"touchpoints": [
            {"touchpoint": "Suositus Facebook-ryhmässä", "stages": ["need", "search"]},
            {"touchpoint": "Verkkosivut", "stages": ["search", "evaluate"]},
            {"touchpoint": "Tervetulotoivotus tiskillä", "stages": ["decide"]},
            {"touchpoint": "Jäsenyyden tilaus", "stages": ["decide", "post"]}]},
        "experience": {"periods": [
            {"period": "first_moments", "target_experience": "Tervetullut heti ovella",
             "delight_moments": ["Pöytä on valmiina"], "churn_risks": ["Ei vapaata pöytää"]},
            {"period": "first_month", "target_experience": "Kahvila tuntuu omalta työpaikalta",
             "delight_moments": ["Henkilökunta muistaa nimen"],
             "churn_risks": ["Wifi katkeaa kesken puhelun"]},
            {"period": "first_year", "target_experience": "Osa korttelin yhteisöä",
             "delight_moments": ["Jäsenten aamukahvit"], "churn_risks": ["Hinta nousee"]},
            {"period": "long_term", "target_experience": "Kahvila on toinen koti",
             "delight_moments": [], "churn_risks": ["Muutto pois korttelista"]}]},
        "relationships": {"types": ["personal", "community"], "closeness": 4,
                          "duration": "long", "contact_frequency": "weekly",
                          "rationale": "Vakiokävijät palaavat, koska heidät tunnetaan.",
                          "people": [{"role": "payer", "description": "Työnantaja, joka maksaa jäsenyyden"},
                                     {"role": "influencer", "description": "Työkaverit, jotka suosittelevat paikkaa"}]},
        "competition": {"competitors": [
            {"name": "Kotona tekeminen", "type": "do_nothing", "strengths": ["Ilmaista"],
             "weaknesses": ["Yksinäistä"]},
            {"name": "Coworking-tila", "type": "direct", "strengths": ["Hiljaista"],
             "weaknesses": ["Kallis kuukausimaksu"]},
            {"name": "Kirjasto", "type": "substitute", "strengths": ["Ilmainen ja rauhallinen"],
             "weaknesses": ["Ei kahvia eikä lounasta"]}],
            "attributes": [
                {"name": "Hinta", "customer_importance": 4, "our_score": 3,
                 "competitor_scores": [{"competitor": "Kotona tekeminen", "score": 5},
                                       {"competitor": "Coworking-tila", "score": 2}]},
                {"name": "Tunnelma", "customer_importance": 5, "our_score": 5,
                 "competitor_scores": [{"competitor": "Coworking-tila", "score": 3}]}]},
        "value": {"key_promise": "Oma rauhallinen työpöytä korttelin olohuoneessa",
                  "reasons_to_believe": ["Varmistettu nopea verkko", "Pistorasia joka pöydässä"],
                  "statement": "Etätyöläisille, jotka kaipaavat seuraa, Kulma on korttelin "
                               "olohuone, jossa on oma pöytä ja hyvä kahvi."},
    },
    "en": {
        "start": {"who": "Remote workers and families of the block in the afternoon",
                  "what_value": "A calm place to work or spend time with children",
                  "how": "Bookable desks, a monthly membership and a play corner"},
        "profiles": {"profiles": [
            {"name": "Focused remote worker", "summary": "Works in the café because home is lonely.",
             "jobs": ["Do focused work away from home", "Hold video calls"],
             "pains": ["The wifi drops", "Too few sockets"],
             "gains": ["A regular desk", "Staff who know them"]},
            {"name": "Parent of small children", "summary": "Comes after day care.",
             "jobs": ["Take a breather after day care"],
             "pains": ["Fear that the children disturb others"],
             "gains": ["Children may be children"]},
            {"name": "Lunch guest", "summary": "Comes for lunch from a nearby office.",
             "jobs": ["Eat quickly and well"], "pains": ["Queues at lunchtime"],
             "gains": ["Lunch ordered in advance"]}]},
        "journey": {"stages": [
            {"name": "Hears about the café", "customer_goal": "Find a place to work nearby",
             "touchpoints": [{"name": "Recommendation in a Facebook group", "channel": "social",
                              "kind": "communication"}]},
            {"name": "Checks the wifi and hours", "customer_goal": "Make sure work is possible",
             "touchpoints": [{"name": "Website", "channel": "web", "kind": "digital"}]},
            {"name": "First visit", "customer_goal": "Get to work at once",
             "touchpoints": [{"name": "Welcome at the counter", "channel": "store",
                              "kind": "human"}]},
            {"name": "Becomes a member", "customer_goal": "Get a desk of their own",
             "touchpoints": [{"name": "Membership order", "channel": "web", "kind": "digital"}]}]},
        "purchase": {"touchpoints": [
            {"touchpoint": "Recommendation in a Facebook group", "stages": ["need", "search"]},
            {"touchpoint": "Website", "stages": ["search", "evaluate"]},
            {"touchpoint": "Welcome at the counter", "stages": ["decide"]},
            {"touchpoint": "Membership order", "stages": ["decide", "post"]}]},
        "experience": {"periods": [
            {"period": "first_moments", "target_experience": "Welcome at the door",
             "delight_moments": ["The desk is ready"], "churn_risks": ["No free table"]},
            {"period": "first_month", "target_experience": "The café feels like one's workplace",
             "delight_moments": ["Staff remember the name"],
             "churn_risks": ["The wifi drops during a call"]},
            {"period": "first_year", "target_experience": "Part of the block's community",
             "delight_moments": ["Members' morning coffee"], "churn_risks": ["Prices go up"]},
            {"period": "long_term", "target_experience": "The café is a second home",
             "delight_moments": [], "churn_risks": ["Moving out of the block"]}]},
        "relationships": {"types": ["personal", "community"], "closeness": 4,
                          "duration": "long", "contact_frequency": "weekly",
                          "rationale": "Regulars come back because they are known.",
                          "people": [{"role": "payer", "description": "The employer who pays the membership"},
                                     {"role": "influencer", "description": "Colleagues who recommend the place"}]},
        "competition": {"competitors": [
            {"name": "Working at home", "type": "do_nothing", "strengths": ["Free"],
             "weaknesses": ["Lonely"]},
            {"name": "Coworking space", "type": "direct", "strengths": ["Quiet"],
             "weaknesses": ["Expensive monthly fee"]},
            {"name": "Library", "type": "substitute", "strengths": ["Free and calm"],
             "weaknesses": ["No coffee or lunch"]}],
            "attributes": [
                {"name": "Price", "customer_importance": 4, "our_score": 3,
                 "competitor_scores": [{"competitor": "Working at home", "score": 5},
                                       {"competitor": "Coworking space", "score": 2}]},
                {"name": "Atmosphere", "customer_importance": 5, "our_score": 5,
                 "competitor_scores": [{"competitor": "Coworking space", "score": 3}]}]},
        "value": {"key_promise": "A calm desk of your own in the block's living room",
                  "reasons_to_believe": ["Tested fast wifi", "A socket at every table"],
                  "statement": "For remote workers who miss company, Kulma is the block's "
                               "living room with a desk of one's own and good coffee."},
    },
}

_STEP = re.compile(r'Task: draft the step "(\w+)"')


def step_of(body: dict[str, Any]) -> str:
    """The step a request drafts, from its schema's name or the prompt's first line."""
    name = ((body.get("response_format") or {}).get("json_schema") or {}).get("name", "")
    if name.startswith("brief_"):
        return name.removeprefix("brief_")
    text = "\n".join(str(m.get("content", "")) for m in body.get("messages") or [])
    found = _STEP.search(text)
    return found.group(1) if found else ""


def chunks(content: Any, size: int = 40) -> list[str]:
    """A JSON answer as a model streams it: a few dozen characters at a time."""
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    return [text[i:i + size] for i in range(0, len(text), size)]


def answer_reply(step: str, lang: str = "en", chunk_delay: float = 0.0) -> Reply:
    return stream_reply(chunks(ANSWERS[lang][step]), chunk_delay=chunk_delay)


def brief_responder(body: dict[str, Any]) -> Reply:
    """Answer a step's request with the café's answer in the asked language."""
    text = "\n".join(str(m.get("content", "")) for m in body.get("messages") or [])
    lang = "fi" if "in Finnish" in text else "en"
    return answer_reply(step_of(body) or "start", lang)
