"""Checks of the competitive edge (methodology §4.6) and the Keller classification of attributes.

Points of parity (what it takes to be in the game) and points of difference (what creates an
edge) are suggested by a fixed rule; the user may override the suggestion per attribute.
"""

from __future__ import annotations

from statistics import median

from concept.checks.base import Finding
from concept.model import CompetitiveAnalysis, CompetitiveAttribute, Concept

STEP = "competition"


def competitor_scores(attribute: CompetitiveAttribute, analysis: CompetitiveAnalysis) -> list[int]:
    """The attribute's scores for the competitors that still exist, in competitor order."""
    scores = []
    for competitor in analysis.competitors:
        score = attribute.score_for(competitor.id)
        if score is not None:
            scores.append(score)
    return scores


def is_linked(attribute: CompetitiveAttribute) -> bool:
    """Desirable: tied to at least one gain, pain or job of a profile."""
    return bool(attribute.linked_gain_ids or attribute.linked_pain_ids
                or attribute.linked_job_ids)


def competitor_edge(scores: list[int]) -> int | None:
    """The leading competitor's score when it beats every other competitor by at least 1."""
    if not scores:
        return None
    ordered = sorted(scores, reverse=True)
    if len(ordered) == 1 or ordered[0] - ordered[1] >= 1:
        return ordered[0]
    return None


def suggested_class(attribute: CompetitiveAttribute, analysis: CompetitiveAnalysis) -> str:
    """The Keller rule of methodology §4.6, applied in its order; no competitor data → neutral."""
    importance, ours = attribute.customer_importance, attribute.our_score
    scores = competitor_scores(attribute, analysis)
    if not scores:
        return "neutral"
    if importance >= 3 and median(scores) >= analysis.category_threshold:
        return "pop_category"
    if (importance >= 4 and ours - max(scores) >= 1 and is_linked(attribute)
            and attribute.deliverability >= 3):
        return "pod"
    edge = competitor_edge(scores)
    if importance >= 4 and edge is not None and ours < edge:
        return "pop_competitive"
    if importance >= 4 and ours < median(scores):
        return "disadvantage"
    return "neutral"


def edge_blockers(attribute: CompetitiveAttribute, analysis: CompetitiveAnalysis) -> list[str]:
    """Why an important attribute where you beat every competitor is not counted as an edge.

    "unlinked": tied to no gain, pain or job; "deliverability": rated below 3. Empty when the
    attribute is a point of difference already, is not such a lead, or the user classified it.
    """
    scores = competitor_scores(attribute, analysis)
    if (attribute.classification_override is not None or not scores
            or attribute.customer_importance < 4 or attribute.our_score - max(scores) < 1
            or suggested_class(attribute, analysis) != "neutral"):
        return []
    reasons = []
    if not is_linked(attribute):
        reasons.append("unlinked")
    if attribute.deliverability < 3:
        reasons.append("deliverability")
    return reasons


def edge_candidates(analysis: CompetitiveAnalysis) -> list[CompetitiveAttribute]:
    """Attributes that would be points of difference but for a missing link or deliverability."""
    return [a for a in analysis.attributes if edge_blockers(a, analysis)]


def effective_class(attribute: CompetitiveAttribute, analysis: CompetitiveAnalysis) -> str:
    """The user's own classification when set, else the suggestion."""
    return attribute.classification_override or suggested_class(attribute, analysis)


def attributes_of_class(analysis: CompetitiveAnalysis, *classes: str) -> list[CompetitiveAttribute]:
    return [a for a in analysis.attributes if effective_class(a, analysis) in classes]


def is_started(analysis: CompetitiveAnalysis) -> bool:
    return bool(analysis.competitors or analysis.attributes
                or analysis.frame_of_reference.strip() or analysis.what_if_no_concept.strip())


def findings(concept: Concept) -> list[Finding]:
    analysis = concept.competition
    if not is_started(analysis):
        return []
    found: list[Finding] = []
    competitors = analysis.competitors
    if len(competitors) < 2:
        found.append(Finding("C-01", "warn", STEP, "competition.check.c01_few",
                             {"count": len(competitors)}))
    if not any(c.type in ("do_nothing", "substitute") for c in competitors):
        found.append(Finding("C-01", "info", STEP, "competition.check.c01_alternatives"))
    for competitor in competitors:
        if not (competitor.strengths and competitor.weaknesses):
            found.append(Finding("C-02", "warn", STEP, "competition.check.c02",
                                 {"name": competitor.name or "?"}))
    threshold = analysis.category_threshold
    pods = []
    for attribute in analysis.attributes:
        kind = effective_class(attribute, analysis)
        scores = competitor_scores(attribute, analysis)
        name = attribute.name or "?"
        if kind == "pop_category" and attribute.our_score < threshold:
            found.append(Finding("C-03", "gap", STEP, "competition.check.c03",
                                 {"name": name, "score": attribute.our_score,
                                  "threshold": threshold}))
        if kind == "pod":
            pods.append(attribute)
            if scores and attribute.our_score <= max(scores):
                found.append(Finding("C-04", "gap", STEP, "competition.check.c04_declared",
                                     {"name": name}))
            if not is_linked(attribute):
                found.append(Finding("C-05", "warn", STEP, "competition.check.c05",
                                     {"name": name}))
            if attribute.deliverability <= 2 or attribute.defensibility <= 2:
                found.append(Finding("C-06", "warn", STEP, "competition.check.c06",
                                     {"name": name}))
        if kind == "pop_competitive" and scores and attribute.our_score < max(scores):
            found.append(Finding("C-08", "warn", STEP, "competition.check.c08",
                                 {"name": name, "score": attribute.our_score,
                                  "leader": max(scores)}))
    candidates = edge_candidates(analysis)
    for attribute in candidates:
        # The real reason the lead does not count yet, instead of "not better than everyone".
        for reason in edge_blockers(attribute, analysis):
            found.append(Finding("C-04", "warn", STEP, f"competition.check.c04_{reason}",
                                 {"name": attribute.name or "?", "score": attribute.our_score,
                                  "leader": max(competitor_scores(attribute, analysis)),
                                  "deliverability": attribute.deliverability}))
    if analysis.attributes and not pods and not candidates:
        found.append(Finding("C-04", "gap", STEP, "competition.check.c04_none"))
    if len(pods) > 3:
        found.append(Finding("C-07", "info", STEP, "competition.check.c07",
                             {"count": len(pods)}))
    return found
