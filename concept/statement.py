"""The value proposition statement and short concept description, filled from earlier steps.

The templates (methodology §4.7: Moore-style positioning, VPC-style and the short concept
description) live in the catalogs as `value.template.<name>`; this module fills their slots from
the concept. A slot with nothing to fill it shows its name in brackets, so the user sees what to
write. The user edits the result; nothing here overwrites their text.
"""

from __future__ import annotations

from concept.checks.competition import attributes_of_class
from concept.checks.value import top_gains, top_jobs, top_pains, value_profile
from concept.i18n import enum_label, t
from concept.model import Concept, Touchpoint

TEMPLATES = ("moore", "vpc", "short")
MAX_LISTED = 3


def join_words(items: list[str], lang: str) -> str:
    """'a, b and c' / 'a, b ja c'."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('value.slot_and', lang)} {items[-1]}"


def fragment(text: str) -> str:
    """A user's phrase made to sit inside a sentence: no final full stop, lower-case start
    (unless it starts with an abbreviation such as 'IT' or 'KELA')."""
    text = text.strip().rstrip(".").strip()
    if len(text) >= 2 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _key_touchpoints(concept: Concept) -> list[Touchpoint]:
    vp = concept.value_proposition
    linked = {tid for item in [*vp.pain_relievers, *vp.gain_creators]
              for tid in item.touchpoint_ids}
    profile = value_profile(concept)
    journey = concept.journey_for(profile.id) if profile else None
    pool = journey.touchpoints if journey and journey.touchpoints else concept.all_touchpoints()
    pool = [tp for tp in pool if tp.name.strip() and tp.dev_status != "remove"]
    ranked = sorted(pool, key=lambda tp: (tp.id not in linked, not tp.is_moment_of_truth,
                                          -tp.importance))
    return ranked[:MAX_LISTED]


def _relationship(concept: Concept, lang: str) -> str:
    rel = concept.relationship
    parts = []
    if rel.types:
        parts.append(join_words([enum_label("relationship_type", x, lang).lower()
                                 for x in rel.types], lang))
    if rel.closeness:
        parts.append(t("value.slot_closeness", lang, closeness=rel.closeness))
    if rel.duration:
        parts.append(enum_label("relationship_duration", rel.duration, lang).lower())
    return ", ".join(parts)


def statement_slots(concept: Concept, lang: str) -> dict[str, str]:
    """Every slot of every template, filled from the concept ('' where nothing fits)."""
    vp, desc, comp = concept.value_proposition, concept.description, concept.competition
    profile = value_profile(concept)
    slots: dict[str, str] = {"name": concept.name.strip(), "category": fragment(desc.category)}
    slots["profile"] = profile.name.strip() if profile else ""

    job = ""
    if profile:
        served = {jid for ps in vp.products_services for jid in ps.job_ids}
        jobs = sorted(profile.jobs, key=lambda j: (j.id not in served, -j.importance))
        jobs = [j for j in jobs if j.text.strip()] or top_jobs(profile)
        job = jobs[0].text if jobs else ""
    slots["job"] = fragment(job)

    top_pain_ids = {p.id for p in top_pains(profile)} if profile else set()
    top_gain_ids = {g.id for g in top_gains(profile)} if profile else set()
    relievers = sorted([r for r in vp.pain_relievers if r.text.strip()],
                       key=lambda r: not (set(r.pain_ids) & top_pain_ids))
    creators = sorted([c for c in vp.gain_creators if c.text.strip()],
                      key=lambda c: not (set(c.gain_ids) & top_gain_ids))
    slots["pain_relief"] = join_words([fragment(r.text) for r in relievers[:2]], lang)
    slots["gain"] = join_words([fragment(c.text) for c in creators[:2]], lang)
    if not slots["gain"] and profile:
        gains = top_gains(profile)
        slots["gain"] = fragment(gains[0].text) if gains else ""

    benefit = vp.key_promise or (creators[0].text if creators else "")
    slots["benefit"] = fragment(benefit)
    slots["products"] = join_words([ps.name.strip() for ps in vp.products_services
                                    if ps.name.strip()][:MAX_LISTED], lang)

    direct = [c for c in comp.competitors if c.type == "direct" and c.name.strip()]
    others = [c for c in comp.competitors if c.name.strip()]
    alternative = (direct or others)[0].name.strip() if (direct or others) else ""
    slots["alternative"] = alternative or fragment(comp.what_if_no_concept)
    pods = [a.name.strip() for a in attributes_of_class(comp, "pod") if a.name.strip()]
    slots["pod"] = (join_words([fragment(p) for p in pods[:2]], lang) if pods
                    else fragment(desc.differentiation))
    slots["touchpoints"] = join_words([fragment(tp.name) for tp in _key_touchpoints(concept)],
                                      lang)
    slots["relationship"] = _relationship(concept, lang)
    slots["exclusions"] = join_words([fragment(e.text) for e in desc.exclusions
                                      if e.text.strip()], lang)
    return slots


def fill_statement(concept: Concept, template: str, lang: str) -> str:
    """The template ('moore' | 'vpc' | 'short') filled from the concept in `lang`.

    'free' (the user's own wording) returns the current statement unchanged.
    """
    if template not in TEMPLATES:
        return concept.value_proposition.statement
    slots = statement_slots(concept, lang)
    shown = {name: value or f"[{t(f'value.slot.{name}', lang)}]" for name, value in slots.items()}
    return t(f"value.template.{template}", lang, **shown)
