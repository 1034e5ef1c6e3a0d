"""Each chart in one line of words, shown beside it for screen readers and for anyone who does
not read the picture (WCAG 1.1.1). Every summary is Markdown-safe: the user's texts go through
`plain()`. None when the chart is not drawn. No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Sequence

from concept.checks.journey import curve_highlights
from concept.checks.purchase import gap_stages, overweight_stages, stage_weights
from concept.figures import competitor_names, profile_title
from concept.formatting import format_number, plain
from concept.i18n import t
from concept.labels import horizon_label, stage_label
from concept.model import Concept, Journey, PositioningMap, Stakeholder
from concept.toolbox import HIGH, quadrant

QUADRANTS = ("key_group", "listen", "keep_satisfied", "monitor")


def signed(value: float) -> str:
    """+1, 0, −2: a feeling's sign is read out, with a real minus sign."""
    return f"+{value:g}" if value > 0 else f"{value:g}".replace("-", "−")


def names_list(names: Sequence[str], lang: str) -> str:
    """Plain names joined with commas; "none" when there are none."""
    return ", ".join(plain(name) for name in names) if names else t("a11y.chart.none", lang)


def emotion_summary(journey: Journey, lang: str) -> str | None:
    """The curve's lowest stage (the first, if several) and where it ends."""
    lowest, end = curve_highlights(journey)
    if lowest is None or end is None:
        return None

    def stage(index: int) -> str:
        return plain(f"{index + 1}. {journey.stages[index].name or '?'}")

    return t("a11y.emotion_summary", lang, low=stage(lowest),
             low_value=signed(journey.stages[lowest].emotion),
             last=stage(end), last_value=signed(journey.stages[end].emotion))


def priority_summary(concept: Concept, lang: str) -> str | None:
    """The profile most important to the business, and how many are important and hard."""
    if not concept.profiles:
        return None
    titles = {p.id: profile_title(p, i + 1, lang) for i, p in enumerate(concept.profiles)}
    top = max(concept.profiles,
              key=lambda p: (p.business_importance, p.service_difficulty))
    hard = [titles[p.id] for p in concept.profiles
            if p.business_importance >= HIGH and p.service_difficulty >= HIGH]
    return t("a11y.chart.priority", lang, name=plain(titles[top.id]),
             importance=top.business_importance, difficulty=top.service_difficulty,
             names=names_list(hard, lang))


def stage_summary(concept: Concept, lang: str) -> str | None:
    """The stage with the most touchpoints, and the stages with none (gaps) or too many."""
    weights = stage_weights(concept)
    if not any(weights.values()):
        return None
    stages = concept.purchase_process.stages
    most = max(stages, key=lambda s: weights[s.key])
    return t("a11y.chart.stages", lang, most=plain(stage_label(most, lang)),
             count=format_number(weights[most.key], lang, 2),
             gaps=names_list([stage_label(s, lang) for s in gap_stages(concept)], lang),
             heavy=names_list([stage_label(s, lang) for s in overweight_stages(concept)], lang))


def feeling_summary(concept: Concept, lang: str) -> str | None:
    """The target feeling at the first and the last horizon that has one."""
    rated = [(horizon_label(h, lang) or t("experience.unnamed", lang), h.target_rating)
             for h in concept.experience.horizons if h.target_rating is not None]
    if len(rated) < 2:
        return None
    (first, first_value), (last, last_value) = rated[0], rated[-1]
    return t("a11y.chart.feeling", lang, first=plain(first), first_value=signed(first_value),
             last=plain(last), last_value=signed(last_value))


def competitor_summary(concept: Concept, lang: str) -> str | None:
    """The attributes where we score above every competitor, and where one scores above us."""
    analysis = concept.competition
    attributes = [a for a in analysis.attributes if a.name.strip()]
    if not attributes:
        return None
    labels = competitor_names(analysis)
    ahead, behind = [], []
    for attribute in attributes:
        scores = {labels[c.id]: attribute.score_for(c.id) for c in analysis.competitors}
        scores = {name: score for name, score in scores.items() if score is not None}
        if not scores:
            continue
        best = max(scores.values())
        if attribute.our_score > best:
            ahead.append(attribute.name)
        elif best > attribute.our_score:
            leader = next(name for name, score in scores.items() if score == best)
            behind.append(t("a11y.chart.behind_item", lang, attribute=plain(attribute.name),
                            who=plain(leader)))
    return t("a11y.chart.competitors", lang, ahead=names_list(ahead, lang),
             behind=", ".join(behind) or t("a11y.chart.none", lang))


def stakeholder_summary(stakeholders: list[Stakeholder], lang: str) -> str | None:
    """The groups in each quadrant of the importance × influence grid."""
    if not stakeholders:
        return None
    parts = []
    for key in QUADRANTS:
        names = [s.name.strip() or t("toolbox.unnamed", lang) for s in stakeholders
                 if quadrant(s) == key]
        if names:
            parts.append(t("a11y.chart.quadrant", lang,
                           quadrant=t(f"toolbox.quadrant.{key}", lang),
                           names=names_list(names, lang)))
    return "; ".join(parts) + "."


def positioning_summary(positioning: PositioningMap, lang: str) -> str | None:
    """Who stands where on the map, each point by its two positions (0–1)."""
    if not positioning.points:
        return None
    x_label = positioning.x_label.strip() or t("extended.x", lang)
    y_label = positioning.y_label.strip() or t("extended.y", lang)
    points = [t("a11y.chart.point", lang, name=plain(p.name.strip() or "?"),
                kind=t(f"extended.point_kind.{p.kind}", lang),
                x_label=plain(x_label), x=format_number(p.x, lang, 2),
                y_label=plain(y_label), y=format_number(p.y, lang, 2))
              for p in positioning.points]
    return "; ".join(points) + "."
