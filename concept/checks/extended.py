"""Checks of the extended tools (methodology §5.9): channels, operating environment, positioning.

Like the other side tools, each speaks only once the tool has been used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

from concept.checks.base import Finding, count_key
from concept.i18n import enum_label, t
from concept.model import ChannelRole, Concept, PositioningMap

HIGH_IMPORTANCE = 4
TOO_CLOSE = 0.15


@dataclass(frozen=True)
class ChannelFinding(Finding):
    """A finding naming channels: `channels` become labels in the reader's language."""

    channels: tuple[str, ...] = ()

    def message(self, lang: str, escape: Callable[[str], str] | None = None) -> str:
        names = ", ".join(enum_label("channel", key, lang) for key in self.channels)
        key = count_key(self.message_key, len(self.channels), lang)
        return t(key, lang, channels=names, **self.params)


def stages_served(concept: Concept, channel: str) -> set[str]:
    """The purchase stages the channel's touchpoints are placed on."""
    return {key for tp in concept.all_touchpoints() if tp.channel == channel
            for key in tp.purchase_stage_keys}


def channel_findings(concept: Concept) -> list[Finding]:
    roles: list[ChannelRole] = concept.toolbox.channel_roles
    if not roles:
        return []
    found: list[Finding] = []
    used = {tp.channel for tp in concept.all_touchpoints() if tp.channel}
    described = {r.channel for r in roles if r.channel and r.role.strip()}
    missing = tuple(sorted(used - described))
    if missing:
        found.append(ChannelFinding("CH-01", "warn", "channels",
                                    "check.extended.channel_no_role", channels=missing))
    channels = sorted({r.channel for r in roles if r.channel})
    for first, second in combinations(channels, 2):
        served = stages_served(concept, first)
        if served and served == stages_served(concept, second):
            found.append(ChannelFinding("CH-02", "info", "channels",
                                        "check.extended.channel_same_role",
                                        channels=(first, second)))
    for role in roles:
        if (role.channel and role.business_importance >= HIGH_IMPORTANCE
                and len(stages_served(concept, role.channel)) == 1):
            found.append(ChannelFinding("CH-03", "info", "channels",
                                        "check.extended.channel_one_stage",
                                        channels=(role.channel,)))
    return found


def ecosystem_findings(concept: Concept) -> list[Finding]:
    actors = concept.toolbox.ecosystem
    found: list[Finding] = []
    multi = [a.name.strip() for a in actors
             if a.name.strip() and len([r for r in a.roles if r.strip()]) > 1]
    if multi:
        found.append(Finding("EC-01", "info", "ecosystem", "check.extended.multi_role",
                             {"names": ", ".join(multi), "count": len(multi)}))
    known = {c.name.strip().casefold() for c in concept.competition.competitors}
    new = [a.name.strip() for a in actors
           if a.is_new and a.name.strip() and a.name.strip().casefold() not in known]
    if new:
        found.append(Finding("EC-02", "info", "ecosystem", "check.extended.new_actors",
                             {"names": ", ".join(new), "count": len(new)}))
    return found


def empty_quadrants(positioning: PositioningMap) -> list[str]:
    """The quadrants ("low_low", "low_high", "high_low", "high_high" as x_y) with no point."""
    taken = {("high" if p.x >= 0.5 else "low") + "_" + ("high" if p.y >= 0.5 else "low")
             for p in positioning.points}
    return [q for q in ("low_low", "low_high", "high_low", "high_high") if q not in taken]


def positioning_findings(concept: Concept) -> list[Finding]:
    positioning = concept.toolbox.positioning
    points = positioning.points
    if not points:
        return []
    found: list[Finding] = []
    competitors = [p for p in points if p.kind == "competitor"]
    for target in (p for p in points if p.kind == "us_target"):
        close = [c.name.strip() or "?" for c in competitors
                 if ((c.x - target.x) ** 2 + (c.y - target.y) ** 2) ** 0.5 < TOO_CLOSE]
        if close:
            found.append(Finding("PO-01", "warn", "positioning", "check.extended.too_close",
                                 {"names": ", ".join(close), "count": len(close)}))
    if len(points) >= 3:
        empty = empty_quadrants(positioning)
        if empty:
            found.append(Finding("PO-02", "info", "positioning", "check.extended.white_space",
                                 {"count": len(empty)}))
    return found


def findings(concept: Concept) -> list[Finding]:
    return [*channel_findings(concept), *ecosystem_findings(concept),
            *positioning_findings(concept)]
