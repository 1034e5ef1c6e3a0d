"""Labels of user-renamable defaults: purchase stages and experience horizons.

A default stage or horizon shows the catalog's label in the chosen language until the user types
their own; the user's own label is shown as entered, in every language.
"""

from __future__ import annotations

from concept.i18n import enum_label
from concept.model import ExperienceHorizon, PurchaseStage


def stage_label(stage: PurchaseStage, lang: str) -> str:
    if stage.label.strip():
        return stage.label
    return enum_label("purchase_stage", stage.key, lang) or stage.key


def horizon_label(horizon: ExperienceHorizon, lang: str) -> str:
    if horizon.label.strip():
        return horizon.label
    return enum_label("horizon", horizon.key, lang) if horizon.key else ""
