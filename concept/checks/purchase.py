"""Checks of the purchase process (methodology §4.3): stage weights, balance, PP-01 … PP-06.

A touchpoint mapped to k stages counts 1/k toward each (all journeys together). Stage names in
the messages are resolved in the reader's language, since default stages have no fixed label.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from concept.checks.base import Finding, Worded, count_key
from concept.i18n import t
from concept.labels import stage_label
from concept.model import Concept, PurchaseStage

STEP = "purchase"
BALANCE_WARN = 75.0  # E < 0.75 → warning (shown on a 0–100 scale)
OVERWEIGHT_FLOOR = 0.40
NEGLECT_SHARE = 0.10


@dataclass(frozen=True)
class StageFinding(Finding):
    """A finding naming purchase stages: `stage_keys` become labels in the reader's language."""

    stage_keys: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # the user's own labels, "" for a default stage

    def message(self, lang: str, escape: Callable[[str], str] | None = None) -> str:
        stages = [PurchaseStage(key=key, label=label)
                  for key, label in zip(self.stage_keys, self.labels, strict=True)]
        names = [stage_label(stage, lang) for stage in stages]
        if escape is not None:
            names = [escape(name) for name in names]
        params = {k: escape(v) if escape and isinstance(v, str) else v
                  for k, v in self.worded_params(lang).items()}
        key = count_key(self.message_key, self.params.get("count", len(names)), lang)
        return t(key, lang, stages=", ".join(names), stage=names[0] if names else "",
                 next=names[1] if len(names) > 1 else "", **params)


@dataclass(frozen=True)
class StepsParam(Worded):
    """Moves from one stage to the next, "A → B", in the reader's language."""

    steps: tuple[tuple[str, str, str, str], ...]  # (key, label, next key, next label)

    def word(self, lang: str) -> str:
        return "; ".join(
            f"{stage_label(PurchaseStage(key=a, label=la), lang)} → "
            f"{stage_label(PurchaseStage(key=b, label=lb), lang)}"
            for a, la, b, lb in self.steps)


def _stage_finding(check_id: str, severity: str, key: str, stages: list[PurchaseStage],
                   **params: object) -> StageFinding:
    return StageFinding(check_id, severity, STEP, key, dict(params),  # type: ignore[arg-type]
                        stage_keys=tuple(s.key for s in stages),
                        labels=tuple(s.label for s in stages))


def stage_weights(concept: Concept) -> dict[str, float]:
    """Stage key → weighted number of touchpoints, in the process's order (all journeys)."""
    keys = [stage.key for stage in concept.purchase_process.stages]
    weights = dict.fromkeys(keys, 0.0)
    for touchpoint in concept.all_touchpoints():
        mapped = [key for key in dict.fromkeys(touchpoint.purchase_stage_keys) if key in weights]
        for key in mapped:
            weights[key] += 1 / len(mapped)
    return weights


def stage_shares(concept: Concept) -> dict[str, float]:
    """Stage key → share of all mapped touchpoints (all zero when nothing is mapped)."""
    weights = stage_weights(concept)
    total = sum(weights.values())
    return {key: (weight / total if total else 0.0) for key, weight in weights.items()}


def balance_index(concept: Concept) -> float | None:
    """PP-04: normalised Shannon evenness of the shares, 0–100; None without data or stages."""
    shares = stage_shares(concept)
    if len(shares) < 2 or not any(shares.values()):
        return None
    entropy = -sum(p * math.log(p) for p in shares.values() if p > 0)
    return 100 * entropy / math.log(len(shares))


def unmapped_touchpoints(concept: Concept) -> list:
    keys = {stage.key for stage in concept.purchase_process.stages}
    return [tp for tp in concept.all_touchpoints()
            if not any(key in keys for key in tp.purchase_stage_keys)]


def overweight_limit(stage_count: int) -> float:
    return max(OVERWEIGHT_FLOOR, 2 / stage_count) if stage_count else 1.0


def gap_stages(concept: Concept) -> list[PurchaseStage]:
    """PP-02: stages with no touchpoint (only once something is mapped)."""
    weights = stage_weights(concept)
    if not any(weights.values()):
        return []
    return [s for s in concept.purchase_process.stages if weights[s.key] == 0]


def overweight_stages(concept: Concept) -> list[PurchaseStage]:
    """PP-03: stages whose share exceeds max(0.40, 2/S)."""
    shares = stage_shares(concept)
    limit = overweight_limit(len(shares))
    return [s for s in concept.purchase_process.stages if shares[s.key] > limit]


def breaks(concept: Concept) -> list[list[PurchaseStage]]:
    """PP-05: each run of empty stages that lies between two non-empty stages."""
    stages = concept.purchase_process.stages
    weights = stage_weights(concept)
    filled = [i for i, s in enumerate(stages) if weights[s.key] > 0]
    if len(filled) < 2:
        return []
    runs, run = [], []
    for stage in stages[filled[0]:filled[-1] + 1]:
        if weights[stage.key] > 0:
            if run:
                runs.append(run)
            run = []
        else:
            run.append(stage)
    return runs


def post_purchase_neglected(concept: Concept) -> bool:
    """PP-06: the last stage (after the purchase) holds under 10 % of the touchpoints."""
    shares = stage_shares(concept)
    if not shares or not any(shares.values()):
        return False
    last = concept.purchase_process.stages[-1].key
    return shares[last] < NEGLECT_SHARE


def stage_touchpoints(concept: Concept, key: str) -> list:
    return [tp for tp in concept.all_touchpoints()
            if key in tp.purchase_stage_keys and tp.dev_status != "remove"]


def decision_without_person(concept: Concept) -> PurchaseStage | None:
    """PP-07: the decision stage has touchpoints mapped but none human, while the relationship
    is meant to be close (closeness 4 or 5)."""
    decide = next((s for s in concept.purchase_process.stages if s.key == "decide"), None)
    if decide is None or (concept.relationship.closeness or 0) < 4:
        return None
    if not any(tp.purchase_stage_keys for tp in concept.all_touchpoints()):
        return None
    if any(tp.kind == "human" for tp in stage_touchpoints(concept, "decide")):
        return None
    return decide


def unbridged_steps(concept: Concept) -> list[tuple[PurchaseStage, PurchaseStage]]:
    """PP-08: consecutive stages, both with touchpoints, that share no channel and have no
    touchpoint mapped to both (one that hands the customer over)."""
    stages = concept.purchase_process.stages
    pairs = []
    for first, second in zip(stages, stages[1:], strict=False):
        before = stage_touchpoints(concept, first.key)
        after = stage_touchpoints(concept, second.key)
        if not before or not after:
            continue  # an empty stage is a gap (PP-02) or a break (PP-05)
        if {tp.id for tp in before} & {tp.id for tp in after}:
            continue
        channels_before = {tp.channel for tp in before if tp.channel}
        channels_after = {tp.channel for tp in after if tp.channel}
        if channels_before and channels_after and not channels_before & channels_after:
            pairs.append((first, second))
    return pairs


def findings(concept: Concept) -> list[Finding]:
    stages = concept.purchase_process.stages
    found: list[Finding] = []
    unmapped = unmapped_touchpoints(concept)
    if unmapped:
        found.append(Finding("PP-01", "warn", STEP, "purchase.check.unmapped",
                             {"count": len(unmapped),
                              "touchpoints": ", ".join(tp.name or "?" for tp in unmapped)}))
    for stage in gap_stages(concept):
        found.append(_stage_finding("PP-02", "gap", "purchase.check.gap", [stage]))
    shares = stage_shares(concept)
    for stage in overweight_stages(concept):
        found.append(_stage_finding(
            "PP-03", "warn", "purchase.check.overweight", [stage],
            share=round(100 * shares[stage.key]),
            limit=round(100 * overweight_limit(len(stages)))))
    index = balance_index(concept)
    if index is not None and index < BALANCE_WARN:
        found.append(Finding("PP-04", "warn", STEP, "purchase.check.unbalanced",
                             {"index": round(index)}))
    for run in breaks(concept):
        found.append(_stage_finding("PP-05", "gap", "purchase.check.break", run))
    if post_purchase_neglected(concept):
        found.append(_stage_finding("PP-06", "warn", "purchase.check.post_neglect",
                                    [stages[-1]], share=round(100 * shares[stages[-1].key])))
    decide = decision_without_person(concept)
    if decide is not None:
        found.append(_stage_finding("PP-07", "warn", "purchase.check.pp07", [decide],
                                    closeness=concept.relationship.closeness))
    steps = unbridged_steps(concept)
    if steps:
        found.append(StageFinding("PP-08", "info", STEP, "purchase.check.pp08",
                                  {"steps": StepsParam(tuple((a.key, a.label, b.key, b.label)
                                                             for a, b in steps))}))
    return found
