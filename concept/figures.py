"""The charts of a concept as plain Vega-Lite specs (dicts), shared by the pages and the exports.

The pages draw them with `st.vega_lite_chart` (concept/ui/charts.py); the document renders the
same specs to SVG and PNG with vl-convert (concept/export/figures.py). Every builder takes the
language of its labels and returns None when there is nothing to draw, so an empty figure is
never made. No Streamlit here.

Altair builds the same specs but validates each one against the whole Vega-Lite schema on every
run: 20–80 ms per chart. A dict costs next to nothing and says exactly what is drawn
(tests/pages/test_charts.py validates them against the schema).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from concept.checks.journey import curve_highlights, emotion_curve
from concept.checks.purchase import gap_stages, overweight_stages, stage_weights
from concept.i18n import t
from concept.labels import horizon_label, stage_label
from concept.model import (
    CompetitiveAnalysis,
    Concept,
    CustomerProfile,
    Journey,
    PositioningMap,
    Stakeholder,
)
from concept.toolbox import HIGH, quadrant

Spec = dict[str, Any]
SCORES = [1, 2, 3, 4, 5]
EMOTION_VALUES = [-2, -1, 0, 1, 2]


def channel(field: str, kind: str = "nominal", **options: Any) -> dict[str, Any]:
    """One encoding channel: channel('score', 'quantitative', title='Score')."""
    return {"field": field, "type": kind, **options}


def rule_at(value: float, axis: str, **mark: Any) -> Spec:
    """A layer drawing one straight line across the chart at `value` on `axis` ('x' or 'y')."""
    # aria False: a guide line, not data; a screen reader would read it as "at: 0".
    return {"data": {"values": [{"at": value}]}, "mark": {"type": "rule", "aria": False, **mark},
            "encoding": {axis: channel("at", "quantitative")}}


def in_order(field: str) -> dict[str, str]:
    """Sort a nominal axis by a number carried in each row. Never a list of the user's texts:
    Vega-Lite compiles such a list into an expression, where a text like "\u2028" broke the
    chart (and a text is no business of the expression parser)."""
    return {"field": field, "op": "min"}


def profile_title(profile: CustomerProfile, number: int, lang: str) -> str:
    name = profile.name.strip() or t("profiles.new_name", lang, number=number)
    return f"{t('profiles.primary_mark', lang)} {name}" if profile.is_primary else name


def competitor_names(analysis: CompetitiveAnalysis) -> dict[str, str]:
    """A distinct display name per competitor (duplicates and blanks get a number)."""
    labels: dict[str, str] = {}
    seen: dict[str, int] = {}
    for index, competitor in enumerate(analysis.competitors):
        name = competitor.name.strip() or f"#{index + 1}"
        seen[name] = seen.get(name, 0) + 1
        labels[competitor.id] = name if seen[name] == 1 else f"{name} ({seen[name]})"
    return labels


# --- the builders ----------------------------------------------------------------------------


def priority_spec(concept: Concept, lang: str) -> Spec | None:
    """The profiles on the importance × difficulty plane (methodology P-05)."""
    if not concept.profiles:
        return None
    rows = [{"name": profile_title(p, i + 1, lang), "importance": p.business_importance,
             "difficulty": p.service_difficulty}
            for i, p in enumerate(concept.profiles)]
    axis = {"values": SCORES, "format": "d"}
    scale = {"domain": [0.5, 5.5], "nice": False}
    position = {
        "x": channel("difficulty", "quantitative", title=t("profiles.axis_difficulty", lang),
                     scale=scale, axis=axis),
        "y": channel("importance", "quantitative", title=t("profiles.axis_importance", lang),
                     scale=scale, axis=axis),
    }
    name = channel("name", title=t("field.name", lang))
    return {"data": {"values": rows}, "layer": [
        {"mark": {"type": "circle", "size": 160}, "encoding": {**position, "tooltip": [
            name,
            channel("importance", "quantitative", title=t("profiles.axis_importance", lang)),
            channel("difficulty", "quantitative", title=t("profiles.axis_difficulty", lang))]}},
        # The name beside its point: the point already says it to a screen reader.
        {"mark": {"type": "text", "align": "left", "dx": 10, "aria": False},
         "encoding": {**position, "text": name}},
        rule_at(3.5, "x", strokeDash=[4, 4]),
        rule_at(3.5, "y", strokeDash=[4, 4]),
    ]}


def emotion_spec(journey: Journey, lang: str) -> Spec | None:
    """The emotion curve of a journey (stages in order), its lowest point and its end marked
    (J-12: the end weighs most in memory); None when no emotion is set."""
    curve = emotion_curve(journey)
    lowest, end = curve_highlights(journey)
    notes = {lowest: t("journey.curve_lowest", lang), end: t("journey.curve_end", lang)}
    if lowest == end:
        notes = {end: t("journey.curve_lowest_end", lang)}
    rows = [{"stage": f"{i + 1}. {name or '?'}", "n": i, "emotion": value,
             "note": notes.get(i, "")}
            for i, (name, value) in enumerate(curve) if value is not None]
    if not rows:
        return None
    x = channel("stage", sort=in_order("n"), title=t("journey.stage_axis", lang),
                axis={"labelAngle": -30, "labelLimit": 140, "labelOverlap": False})
    y = channel("emotion", "quantitative", title=t("journey.emotion_axis", lang),
                scale={"domain": [-2, 2]},
                axis={"values": EMOTION_VALUES, "labelExpr":
                      "datum.value > 0 ? '+' + datum.value : datum.value"})
    marked = {"filter": "datum.note != ''"}
    stage = channel("stage", title=t("journey.stage_axis", lang))
    emotion = channel("emotion", "quantitative", title=t("journey.emotion_axis", lang))
    note = channel("note", title=t("a11y.chart.label", lang))
    return {"data": {"values": rows}, "layer": [
        rule_at(0, "y", color="#999"),
        {"mark": {"type": "line", "point": {"size": 80}, "strokeWidth": 3}, "encoding": {
            "x": x, "y": y,
            "tooltip": [stage, emotion],
        }},
        {"transform": [marked], "mark": {"type": "point", "size": 260, "filled": False,
                                         "strokeWidth": 3, "color": "#d62728"},
         "encoding": {"x": x, "y": y, "tooltip": [note, stage, emotion]}},
        # The note's text above its ring: the ring already says it to a screen reader.
        {"transform": [marked], "mark": {"type": "text", "dy": -16, "fontWeight": "bold",
                                         "color": "#d62728", "aria": False},
         "encoding": {"x": x, "y": y, "text": note}},
    ]}


CURVE_PX_PER_MM = 1 / 0.254  # a spec pixel is 0.254 mm in a figure placed at 200 dpi


def map_curve_spec(values: list[int | None], labels: list[str], widths: list[float],
                   height: float, inset: float = 0.0) -> Spec | None:
    """The emotion curve of a journey map, drawn across its stage columns: `widths` are the
    columns' widths in mm, each point sits over the middle of its column, and the picture is
    `height` mm high and as wide as the columns less `inset` mm at both ends (a cell's inner
    margin). The label under or over each point is the emotion in words; a stage without an
    emotion has no point, and the line joins its neighbours. None when no stage has one."""
    centres, left = [], 0.0
    for width in widths:
        centres.append(left + width / 2)
        left += width
    rows = [{"x": centre, "y": value, "label": label}
            for centre, value, label in zip(centres, values, labels, strict=True)
            if value is not None]
    if not rows:
        return None
    x = channel("x", "quantitative", axis=None,
                scale={"domain": [inset, left - inset], "nice": False, "zero": False})
    y = channel("y", "quantitative", axis=None,
                scale={"domain": [-2.9, 2.9], "nice": False, "zero": False})
    label = {"x": x, "y": y, "text": channel("label")}
    return {
        "width": round((left - 2 * inset) * CURVE_PX_PER_MM),
        "height": round(height * CURVE_PX_PER_MM),
        "autosize": {"type": "none"}, "padding": 0, "view": {"stroke": None},
        "background": "transparent",  # the table's cell borders show through
        "data": {"values": rows},
        "layer": [
            {"data": {"values": [{"y": 0}]},
             "mark": {"type": "rule", "aria": False, "color": "#bbbbbb", "strokeDash": [4, 3]},
             "encoding": {"y": y}},
            {"mark": {"type": "line", "strokeWidth": 2.5, "color": "#1f6f8b",
                      "point": {"size": 45, "filled": True, "color": "#1f6f8b"}},
             "encoding": {"x": x, "y": y}},
            # The words below a point above the middle line, over a point on or under it.
            {"transform": [{"filter": "datum.y > 0"}],
             "mark": {"type": "text", "baseline": "top", "dy": 6, "fontSize": 9},
             "encoding": label},
            {"transform": [{"filter": "datum.y <= 0"}],
             "mark": {"type": "text", "baseline": "bottom", "dy": -6, "fontSize": 9},
             "encoding": label},
        ]}


def stage_spec(concept: Concept, lang: str) -> Spec | None:
    """Bar chart of weighted touchpoints per stage, gaps and over-weighted stages marked."""
    weights = stage_weights(concept)
    if not any(weights.values()):
        return None
    gaps = {s.key for s in gap_stages(concept)}
    heavy = {s.key for s in overweight_stages(concept)}
    status_names = {"ok": t("purchase.status_ok", lang), "gap": t("purchase.status_gap", lang),
                    "heavy": t("purchase.status_overweight", lang)}
    rows = []
    for i, stage in enumerate(concept.purchase_process.stages):
        status = "gap" if stage.key in gaps else ("heavy" if stage.key in heavy else "ok")
        rows.append({"stage": f"{i + 1}. {stage_label(stage, lang)}", "n": i,
                     "count": round(weights[stage.key], 2), "status": status_names[status],
                     "marked": status == "gap"})
    # Horizontal bars keep long stage names readable; a gap has no bar, so it gets a label.
    position = {
        "y": channel("stage", sort=in_order("n"), title=t("purchase.chart_stage", lang),
                     axis={"labelLimit": 220}),
        "x": channel("count", "quantitative", title=t("purchase.chart_count", lang)),
        "tooltip": [channel("stage", title=t("purchase.chart_stage", lang)),
                    channel("count", "quantitative", title=t("purchase.chart_count", lang)),
                    channel("status", title=t("purchase.chart_status", lang))],
    }
    colours = {"domain": list(status_names.values()), "range": ["#4c78a8", "#e45756", "#f58518"]}
    return {"data": {"values": rows}, "height": 36 * max(len(rows), 1) + 40, "layer": [
        {"mark": "bar", "encoding": {
            **position, "color": channel("status", title=t("purchase.chart_status", lang),
                                         scale=colours)}},
        {"transform": [{"filter": "datum.marked"}],
         "mark": {"type": "text", "align": "left", "dx": 4, "fontWeight": "bold",
                  "color": "#c0392b", "aria": False},  # the bar's own words say it
         "encoding": {**position, "text": channel("status")}},
    ]}


def feeling_spec(concept: Concept, lang: str) -> Spec | None:
    """The target feeling per horizon as a line, when at least two horizons have one."""
    rows = [{"horizon": f"{i + 1}. {horizon_label(h, lang) or t('experience.unnamed', lang)}",
             "n": i, "rating": h.target_rating}
            for i, h in enumerate(concept.experience.horizons) if h.target_rating is not None]
    if len(rows) < 2:
        return None
    return {"data": {"values": rows}, "height": 220, "mark": {"type": "line", "point": True},
            "encoding": {
                # Titled for screen readers and tooltips; the axis needs no title.
                "x": channel("horizon", sort=in_order("n"), title=t("a11y.chart.horizon", lang),
                             axis={"labelAngle": 0, "labelLimit": 260, "title": None}),
                "y": channel("rating", "quantitative", title=t("field.target_rating", lang),
                             scale={"domain": [-2, 2]},
                             axis={"values": EMOTION_VALUES, "format": "+d"}),
                "tooltip": [
                    channel("horizon", title=t("a11y.chart.horizon", lang)),
                    channel("rating", "quantitative", title=t("field.target_rating", lang))],
            }}


def competitor_matrix_spec(concept: Concept, lang: str) -> Spec | None:
    """A heatmap: attributes (rows) × us and each competitor (columns), coloured by score."""
    analysis = concept.competition
    attributes = [a for a in analysis.attributes if a.name.strip()]
    if not attributes:
        return None
    us = t("competition.us", lang)
    labels = competitor_names(analysis)
    rows = []
    for a, attribute in enumerate(attributes):
        rows.append({"attribute": attribute.name, "a": a, "who": us, "w": 0,
                     "score": attribute.our_score})
        for w, competitor in enumerate(analysis.competitors, start=1):
            score = attribute.score_for(competitor.id)
            if score is not None:
                rows.append({"attribute": attribute.name, "a": a, "who": labels[competitor.id],
                             "w": w, "score": score})
    score_title = t("field.score", lang)
    who = t("a11y.chart.who", lang)
    attribute_title = t("competition.attribute", lang)
    # Titled for screen readers and tooltips; the axes need no title.
    position = {
        "x": channel("who", sort=in_order("w"), title=who,
                     axis={"orient": "top", "labelAngle": 0, "labelLimit": 160, "title": None}),
        "y": channel("attribute", sort=in_order("a"), title=attribute_title,
                     axis={"labelLimit": 220, "title": None}),
    }
    return {"data": {"values": rows}, "height": max(120, 38 * len(attributes)), "layer": [
        {"mark": {"type": "rect", "stroke": "white", "strokeWidth": 2}, "encoding": {
            **position,
            "color": channel("score", "quantitative", title=score_title,
                             scale={"domain": [1, 5], "scheme": "blues"}),
            "tooltip": [channel("attribute", title=attribute_title),
                        channel("who", title=who),
                        channel("score", "quantitative", title=score_title)],
        }},
        # The score written in its cell: the cell already says it to a screen reader.
        {"mark": {"type": "text", "fontSize": 14, "aria": False}, "encoding": {
            **position,
            "text": channel("score", "quantitative", title=score_title),
            "color": {"condition": {"test": "datum.score >= 4", "value": "white"},
                      "value": "black"},
        }},
    ]}


def stakeholder_spec(stakeholders: list[Stakeholder], lang: str) -> Spec | None:
    """The importance × influence grid with the four quadrants labelled; None when empty."""
    if not stakeholders:
        return None
    seen: dict[tuple[int, int], int] = {}
    rows = []
    for s in stakeholders:
        spot = (s.importance, s.influence)
        nth = seen.get(spot, 0)
        seen[spot] = nth + 1
        rows.append({
            "name": s.name.strip() or t("toolbox.unnamed", lang),
            "importance": s.importance,
            "influence": s.influence,
            # Several groups on the same spot: spread their labels downwards.
            "label_y": s.influence - 0.28 * nth,
            "right_side": s.importance < HIGH,
            "side": t("toolbox.stakeholders.internal_short", lang) if s.internal
            else t("toolbox.stakeholders.external", lang),
            "quadrant": t(f"toolbox.quadrant.{quadrant(s)}", lang),
        })
    scale = {"domain": [0.5, 5.5], "nice": False}
    axis = {"values": SCORES, "format": "d"}
    x = channel("importance", "quantitative", title=t("field.importance", lang), scale=scale,
                axis=axis)
    y = channel("influence", "quantitative", title=t("field.influence", lang), scale=scale,
                axis=axis)
    corners = [
        {"x": 5.4, "y": 5.4, "text": t("toolbox.quadrant.key_group", lang), "align": "right"},
        {"x": 5.4, "y": 0.6, "text": t("toolbox.quadrant.listen", lang), "align": "right"},
        {"x": 0.6, "y": 5.4, "text": t("toolbox.quadrant.keep_satisfied", lang),
         "align": "left"},
        {"x": 0.6, "y": 0.6, "text": t("toolbox.quadrant.monitor", lang), "align": "left"},
    ]
    corner_layers = [
        {"data": {"values": [c for c in corners if c["align"] == align]},
         # Corner names: each point's quadrant is in its own description.
         "mark": {"type": "text", "align": align, "baseline": "middle", "fontSize": 13,
                  "fontWeight": "bold", "opacity": 0.45, "aria": False},
         "encoding": {"x": channel("x", "quantitative", scale=scale),
                      "y": channel("y", "quantitative", scale=scale), "text": channel("text")}}
        for align in ("left", "right")
    ]
    points = {
        "data": {"values": rows},
        "mark": {"type": "circle", "size": 220, "opacity": 0.85},
        "encoding": {
            "x": x, "y": y,
            "color": channel("side", title=t("a11y.chart.side", lang),
                             legend={"orient": "bottom", "title": None}),
            "tooltip": [channel("name", title=t("field.name", lang)),
                        channel("quadrant", title=t("toolbox.stakeholders.grid_title", lang)),
                        channel("importance", "quantitative", title=t("field.importance", lang)),
                        channel("influence", "quantitative", title=t("field.influence", lang))],
        },
    }
    # Names sit beside their point, on the side that has room inside the chart.
    name_layers = [
        {"data": {"values": [r for r in rows if r["right_side"] == right]},
         # Names beside their points: each point already says its name.
         "mark": {"type": "text", "align": "left" if right else "right",
                  "dx": 12 if right else -12, "fontSize": 12, "aria": False},
         "encoding": {"x": channel("importance", "quantitative", scale=scale),
                      "y": channel("label_y", "quantitative", scale=scale),
                      "text": channel("name")}}
        for right in (True, False)
    ]
    return {"height": 420, "layer": [
        rule_at(3.5, "x", strokeDash=[4, 4], opacity=0.5),
        rule_at(3.5, "y", strokeDash=[4, 4], opacity=0.5),
        *corner_layers, points, *name_layers,
    ]}


def positioning_spec(positioning: PositioningMap, lang: str) -> Spec | None:
    """Who stands where on the two dimensions the customer tells alternatives apart by;
    None when no one is placed."""
    if not positioning.points:
        return None
    name = channel("name", title=t("field.name", lang))
    kind = channel("kind", title=t("extended.kind", lang), legend={"title": None})
    rows = [{"name": p.name or "?", "kind": t(f"extended.point_kind.{p.kind}", lang),
             "x": p.x, "y": p.y} for p in positioning.points]
    x = channel("x", "quantitative", scale={"domain": [0, 1]},
                title=positioning.x_label or t("extended.x", lang))
    y = channel("y", "quantitative", scale={"domain": [0, 1]},
                title=positioning.y_label or t("extended.y", lang))
    return {
        "data": {"values": rows},
        "layer": [
            {"mark": {"type": "point", "filled": True, "size": 160},
             "encoding": {"x": x, "y": y, "color": kind, "tooltip": [
                 name, channel("kind", title=kind["title"]),
                 channel("x", "quantitative", title=x["title"]),
                 channel("y", "quantitative", title=y["title"])]}},
            # The name above its point: the point already says it to a screen reader.
            {"mark": {"type": "text", "dy": -12, "aria": False},
             "encoding": {"x": x, "y": y, "text": name}},
        ],
        "height": 420,
    }


# --- the figures of a document ---------------------------------------------------------------


@dataclass(frozen=True)
class FigureSpec:
    """One figure the document shows: its section, its caption and the chart."""

    section: str
    caption: str
    spec: Spec


def document_figures(concept: Concept, lang: str) -> list[FigureSpec]:
    """Every figure of the concept description, in document order; empty ones left out."""
    found: list[FigureSpec] = []

    def add(section: str, caption: str, spec: Spec | None) -> None:
        if spec is not None:
            found.append(FigureSpec(section, caption, spec))

    add("profiles", t("doc.figure.priority", lang), priority_spec(concept, lang))
    names = {p.id: p.name.strip() for p in concept.profiles}
    for journey in concept.journeys:
        name = names.get(journey.profile_id) or t("doc.unnamed", lang)
        add("journey", t("doc.figure.emotion", lang, name=name), emotion_spec(journey, lang))
    add("purchase", t("doc.figure.stages", lang), stage_spec(concept, lang))
    add("experience", t("doc.figure.feeling", lang), feeling_spec(concept, lang))
    add("relationships", t("doc.figure.stakeholders", lang),
        stakeholder_spec(concept.toolbox.stakeholders, lang))
    add("competition", t("doc.figure.competitors", lang), competitor_matrix_spec(concept, lang))
    return found
