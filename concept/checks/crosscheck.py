"""Checks across the steps (methodology §6.2): does the promise reach the customer's journey?

X-01 a top pain with no reliever (or a reliever the customer never meets), X-02 a point of
difference no touchpoint shows, X-03 a profile without a target journey, X-04 a touchpoint to be
removed that carries a reliever or creator. A long relationship with nothing after the purchase
(R-03) and "no exclusions" (V-03) are checked by the relationships and value checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from concept.checks.base import Finding
from concept.model import (
    CompetitiveAttribute,
    Concept,
    CustomerProfile,
    ParkingLotItem,
    Touchpoint,
)

TOP_SEVERITY = 4


def value_profile(concept: Concept) -> CustomerProfile | None:
    """The profile the value proposition is written for (the primary profile if none chosen)."""
    return concept.profile(concept.value_proposition.profile_id) or concept.primary_profile()


def _live_touchpoints(concept: Concept) -> dict[str, Touchpoint]:
    """Touchpoints of the target journeys that stay in the concept (not marked for removal)."""
    return {tp.id: tp for tp in concept.all_touchpoints() if tp.dev_status != "remove"}


def unrelieved_pains(concept: Concept) -> list[Finding]:
    """X-01: top pains nobody relieves, or relieved only where the customer never goes."""
    profile = value_profile(concept)
    if profile is None:
        return []
    live = _live_touchpoints(concept)
    relievers = concept.value_proposition.pain_relievers
    found: list[Finding] = []
    for pain in profile.pains:
        if pain.severity < TOP_SEVERITY or not pain.text.strip():
            continue
        answering = [r for r in relievers if pain.id in r.pain_ids]
        if not answering:
            found.append(Finding("X-01", "gap", "value", "check.cross.pain_no_reliever",
                                 {"pain": pain.text.strip(), "severity": pain.severity}))
        elif not any(tp_id in live for r in answering for tp_id in r.touchpoint_ids):
            found.append(Finding("X-01", "gap", "value", "check.cross.reliever_no_touchpoint",
                                 {"pain": pain.text.strip()}))
    return found


def _effective_class(attribute: CompetitiveAttribute, concept: Concept) -> str:
    try:
        from concept.checks.competition import effective_class
    except ImportError:  # the competition checks are not there: trust the user's own choice
        return attribute.classification_override or "neutral"
    return effective_class(attribute, concept.competition)


def _words(text: str) -> set[str]:
    return {w for w in "".join(c if c.isalnum() else " " for c in text.casefold()).split()
            if len(w) > 3}


def pod_visible(attribute: CompetitiveAttribute, concept: Concept) -> bool:
    """Does the customer meet this point of difference in some touchpoint?

    Yes when a reliever or creator answering one of its linked pains or gains sits in a
    touchpoint, or when a touchpoint's name or description shares a word with it.
    """
    live = _live_touchpoints(concept)
    vp = concept.value_proposition
    answers = [r.touchpoint_ids for r in vp.pain_relievers
               if set(r.pain_ids) & set(attribute.linked_pain_ids)]
    answers += [c.touchpoint_ids for c in vp.gain_creators
                if set(c.gain_ids) & set(attribute.linked_gain_ids)]
    if any(tp_id in live for ids in answers for tp_id in ids):
        return True
    words = _words(attribute.name)
    return bool(words) and any(words & _words(f"{tp.name} {tp.description}")
                               for tp in live.values())


def invisible_pods(concept: Concept) -> list[Finding]:
    """X-02: points of difference that no touchpoint lets the customer experience."""
    return [Finding("X-02", "warn", "competition", "check.cross.pod_not_visible",
                    {"attribute": a.name.strip()})
            for a in concept.competition.attributes
            if a.name.strip() and _effective_class(a, concept) == "pod"
            and not pod_visible(a, concept)]


def profiles_without_journey(concept: Concept) -> list[Finding]:
    """X-03: a profile with no target journey; a warning for the main profile, a note otherwise."""
    main = value_profile(concept)
    found: list[Finding] = []
    for profile in concept.profiles:
        journey = concept.journey_for(profile.id)
        if journey is not None and journey.stages:
            continue
        severity = "warn" if main is not None and profile.id == main.id else "info"
        found.append(Finding("X-03", severity, "journey", "check.cross.profile_no_journey",
                             {"profile": profile.name.strip() or "?"}))
    return found


def removed_but_promised(concept: Concept) -> list[Finding]:
    """X-04: a touchpoint marked for removal still carries a pain reliever or gain creator."""
    removed = {tp.id: tp for tp in concept.all_touchpoints() if tp.dev_status == "remove"}
    vp = concept.value_proposition
    found: list[Finding] = []
    for part in [*vp.pain_relievers, *vp.gain_creators]:
        for tp_id in part.touchpoint_ids:
            if tp_id in removed:
                found.append(Finding("X-04", "warn", "journey", "check.cross.removed_touchpoint",
                                     {"touchpoint": removed[tp_id].name.strip() or "?",
                                      "promise": part.text.strip() or "?"}))
    return found


def value_texts(concept: Concept) -> list[str]:
    """What the value proposition uses: its promise, products, relievers and creators, and the
    pains, gains and jobs they answer."""
    vp = concept.value_proposition
    used = ({i for r in vp.pain_relievers for i in r.pain_ids}
            | {i for c in vp.gain_creators for i in c.gain_ids}
            | {i for p in vp.products_services for i in p.job_ids})
    items = [*concept.all_pains(), *concept.all_gains(), *concept.all_jobs()]
    texts = [vp.key_promise, *(p.name for p in vp.products_services),
             *(r.text for r in vp.pain_relievers), *(c.text for c in vp.gain_creators),
             *(item.text for item in items if item.id in used)]
    return [text for text in texts if text.strip()]


def open_items_on_value(concept: Concept) -> list[ParkingLotItem]:
    """X-07: open parking-lot items that touch the value proposition: raised in its step, or
    sharing a word with something it uses (inflected forms count)."""
    words = set().union(*(_stems(text) for text in value_texts(concept)))
    return [item for item in concept.parking_lot
            if item.status == "open" and item.text.strip()
            and (item.raised_in_step == "value" or words & _stems(item.text))]


def _stems(text: str) -> set[str]:
    """Four-letter word beginnings: Finnish endings and consonant changes (wifi ~ wifin, verkko
    ~ verkon) mostly leave them alone."""
    return {w[:4] for w in _words(text)}


def open_questions_on_value(concept: Concept) -> list[Finding]:
    return [Finding("X-07", "warn", "parking", "check.cross.open_on_value",
                    {"item": item.text.strip()}) for item in open_items_on_value(concept)]


@dataclass(frozen=True)
class Readiness:
    """X-05, retention readiness: R-03, T-06 and PP-06 in one indicator.

    `relevant` is False unless the relationship is meant to last (long or continuous); the parts
    say whether touchpoints follow the purchase, whether the later periods are described and
    whether the after-purchase stage has at least a tenth of the touchpoints.
    """

    relevant: bool
    after_purchase: bool
    later_periods: bool
    post_share: bool

    @property
    def parts(self) -> dict[str, bool]:
        return {"after_purchase": self.after_purchase, "later_periods": self.later_periods,
                "post_share": self.post_share}

    @property
    def score(self) -> int:
        return sum(self.parts.values())


def retention_readiness(concept: Concept) -> Readiness:
    from concept.checks.experience import horizon_has_content, later_horizons
    from concept.checks.purchase import post_purchase_neglected, stage_shares
    from concept.checks.relationships import (
        later_horizon_touchpoints,
        post_purchase_touchpoints,
    )

    mapped = any(stage_shares(concept).values())
    return Readiness(
        relevant=concept.relationship.duration in ("long", "continuous"),
        after_purchase=bool(post_purchase_touchpoints(concept)
                            or later_horizon_touchpoints(concept)),
        later_periods=any(horizon_has_content(h) for h in later_horizons(concept.experience)),
        post_share=mapped and not post_purchase_neglected(concept),
    )


def findings(concept: Concept) -> list[Finding]:
    return (unrelieved_pains(concept) + invisible_pods(concept)
            + profiles_without_journey(concept) + removed_but_promised(concept)
            + open_questions_on_value(concept))
