"""Checks of the value proposition and concept description (methodology §4.7), and the fit figure.

The fit figure says how many of the profile's top pains and gains have at least one pain
reliever or gain creator linked to them (V-01).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from concept.checks.base import Finding, ListParam, NumberParam, TextParam
from concept.i18n import LANGUAGES, enum_label
from concept.model import (
    CompetitiveAttribute,
    Concept,
    CustomerProfile,
    Gain,
    Job,
    Pain,
    QualitySelfCheck,
)
from concept.promotion import stops_not_excluded

STEP = "value"
TOP_LEVEL = 4  # severity / relevance / importance from which an item is "top"
TOP_FALLBACK = 3  # when nothing reaches TOP_LEVEL, the three highest count as top
SHORT_MIN_WORDS, SHORT_MAX_WORDS = 80, 250


def value_profile(concept: Concept) -> CustomerProfile | None:
    """The profile the value proposition is for: the chosen one, else the primary."""
    chosen = concept.profile(concept.value_proposition.profile_id)
    return chosen or concept.primary_profile()


def _top(items: list, score) -> list:
    top = [item for item in items if score(item) >= TOP_LEVEL]
    if top:
        return top
    return sorted(items, key=score, reverse=True)[:TOP_FALLBACK]


def top_pains(profile: CustomerProfile) -> list[Pain]:
    return _top([p for p in profile.pains if p.text.strip()], lambda p: p.severity)


def top_gains(profile: CustomerProfile) -> list[Gain]:
    return _top([g for g in profile.gains if g.text.strip()], lambda g: g.relevance)


def top_jobs(profile: CustomerProfile) -> list[Job]:
    return _top([j for j in profile.jobs if j.text.strip()], lambda j: j.importance)


@dataclass
class Fit:
    """How well the value map answers the profile's top pains and gains (V-01)."""

    top_pains: list[Pain] = field(default_factory=list)
    top_gains: list[Gain] = field(default_factory=list)
    answered_pain_ids: set[str] = field(default_factory=set)
    answered_gain_ids: set[str] = field(default_factory=set)
    share: float | None = None
    unserved_jobs: list[Job] = field(default_factory=list)

    @property
    def answered_top(self) -> int:
        return (sum(1 for p in self.top_pains if p.id in self.answered_pain_ids)
                + sum(1 for g in self.top_gains if g.id in self.answered_gain_ids))

    @property
    def total_top(self) -> int:
        return len(self.top_pains) + len(self.top_gains)


def fit(concept: Concept) -> Fit:
    profile = value_profile(concept)
    if profile is None:
        return Fit()
    vp = concept.value_proposition
    pain_ids = {p.id for p in profile.pains}
    gain_ids = {g.id for g in profile.gains}
    answered_pains = {pid for r in vp.pain_relievers for pid in r.pain_ids if pid in pain_ids}
    answered_gains = {gid for c in vp.gain_creators for gid in c.gain_ids if gid in gain_ids}
    served_jobs = {jid for ps in vp.products_services for jid in ps.job_ids}
    result = Fit(top_pains=top_pains(profile), top_gains=top_gains(profile),
                 answered_pain_ids=answered_pains, answered_gain_ids=answered_gains,
                 unserved_jobs=[j for j in top_jobs(profile) if j.id not in served_jobs])
    if result.total_top:
        result.share = result.answered_top / result.total_top
    return result


def _stems(text: str, length: int = 5) -> set[str]:
    """Word beginnings, so Finnish inflected forms still match (etätyöläiselle ~ etätyöläinen)."""
    return {w[:length] for w in re.findall(r"\w+", text.lower()) if len(w) >= 4}


def mentions(text: str, name: str) -> bool:
    """Whether `text` loosely names `name`: some longer word of the name appears, inflected."""
    name_stems = _stems(name)
    return bool(name_stems) and bool(name_stems & _stems(text))


def how_references_delivery(concept: Concept) -> bool:
    """V-07: the final 'how' names a touchpoint, a channel or a relationship type."""
    how = concept.description.how
    names = [tp.name for tp in concept.all_touchpoints()]
    for lang in LANGUAGES:
        names += [enum_label("channel", tp.channel, lang) for tp in concept.all_touchpoints()
                  if tp.channel]
        names += [enum_label("relationship_type", r, lang) for r in concept.relationship.types]
    return any(mentions(how, name) for name in names if name)


def word_count(text: str) -> int:
    return len(text.split())


def is_started(concept: Concept) -> bool:
    vp, desc = concept.value_proposition, concept.description
    return bool(vp.products_services or vp.pain_relievers or vp.gain_creators
                or vp.key_promise.strip() or vp.reasons_to_believe or vp.statement.strip()
                or desc.who.strip() or desc.what_value.strip() or desc.how.strip()
                or desc.exclusions or desc.short_description.strip()
                or desc.differentiation.strip() or desc.category.strip()
                or bool(vp.quality_self_check.scores()))


def points_of_difference(concept: Concept) -> list[CompetitiveAttribute]:
    from concept.checks.competition import effective_class

    comp = concept.competition
    return [a for a in comp.attributes
            if a.name.strip() and effective_class(a, comp) == "pod"]


def unbacked_differentiation(concept: Concept) -> str | None:
    """V-04: 'no_pod' when the differentiation is written but the competitive edge step has no
    point of difference; 'not_named' when it names none of them; None when it is backed."""
    text = concept.description.differentiation
    if not text.strip():
        return None
    pods = points_of_difference(concept)
    if not pods:
        return "no_pod"
    if not any(mentions(text, a.name) for a in pods):
        return "not_named"
    return None


QUALITY_LOW = 2  # a criterion at 1 or 2 is worth a look
QUALITY_AVERAGE = 3


def weak_quality(check: QualitySelfCheck) -> tuple[list[str], float | None]:
    """V-08: (criteria scored 1 or 2, the average of the scored ones or None)."""
    scores = check.scores()
    if not scores:
        return [], None
    average = sum(scores.values()) / len(scores)
    return [key for key, score in scores.items() if score <= QUALITY_LOW], average


def quality_findings(concept: Concept) -> list[Finding]:
    weak, average = weak_quality(concept.value_proposition.quality_self_check)
    if average is None or (not weak and average >= QUALITY_AVERAGE):
        return []
    criteria = ListParam(tuple(TextParam(f"value.quality.{key}") for key in weak))
    if weak:
        return [Finding("V-08", "info", STEP, "value.check.v08_weak",
                        {"criteria": criteria, "average": NumberParam(average)})]
    return [Finding("V-08", "info", STEP, "value.check.v08_average",
                    {"average": NumberParam(average)})]


def findings(concept: Concept) -> list[Finding]:
    if not is_started(concept):
        return []
    vp, desc = concept.value_proposition, concept.description
    found: list[Finding] = []
    result = fit(concept)
    if result.share is not None and result.share < 0.8:
        severity = "gap" if result.share < 0.5 else "warn"
        found.append(Finding("V-01", severity, STEP, "value.check.v01",
                             {"answered": result.answered_top, "total": result.total_top,
                              "percent": round(result.share * 100)}))
    if result.unserved_jobs:
        found.append(Finding("V-01", "info", STEP, "value.check.v01_jobs",
                             {"jobs": "; ".join(j.text for j in result.unserved_jobs)}))
    for reliever in vp.pain_relievers:
        if reliever.text.strip() and not reliever.pain_ids:
            found.append(Finding("V-02", "warn", STEP, "value.check.v02_reliever",
                                 {"text": reliever.text.strip()}))
    for creator in vp.gain_creators:
        if creator.text.strip() and not creator.gain_ids:
            found.append(Finding("V-02", "warn", STEP, "value.check.v02_creator",
                                 {"text": creator.text.strip()}))
    if not desc.exclusions:
        found.append(Finding("V-03", "gap", STEP, "value.check.v03"))
    profile = value_profile(concept)
    if vp.statement.strip() and profile is not None and profile.name.strip() and not mentions(
            vp.statement, profile.name):
        found.append(Finding("V-05", "warn", STEP, "value.check.v05_profile",
                             {"profile": profile.name.strip()}))
    if not any(ps.job_ids for ps in vp.products_services):
        found.append(Finding("V-05", "warn", STEP, "value.check.v05_jobs"))
    words = word_count(desc.short_description)
    if desc.short_description.strip() and not SHORT_MIN_WORDS <= words <= SHORT_MAX_WORDS:
        found.append(Finding("V-06", "info", STEP, "value.check.v06", {"words": words}))
    unbacked = unbacked_differentiation(concept)
    if unbacked is not None:
        found.append(Finding("V-04", "warn", STEP, f"value.check.v04_{unbacked}"))
    found += quality_findings(concept)
    if desc.how.strip() and not how_references_delivery(concept):
        found.append(Finding("V-07", "warn", STEP, "value.check.v07"))
    for item in stops_not_excluded(concept):
        found.append(Finding("V-09", "info", STEP, "value.check.v09", {"text": item.text}))
    if vp.key_promise.strip() and not vp.reasons_to_believe:
        found.append(Finding("V-11", "warn", STEP, "value.check.v11"))
    return found
