"""A concept whose every user text is Markdown that would show an image and a live link, for
tests that check the UI shows user text literally."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from concept.model import (
    Concept,
    ContextTheme,
    EverydayLife,
    PurchaseStage,
    Storyboard,
    StoryboardFrame,
)
from concept.samples import cafe_concept

HOSTILE = "![i](http://host/x.png) [ok](http://host/phish)"
# Fields that hold keys, dates or references rather than words the user typed.
NOT_TEXT = {"due_date", "raised_in_step", "statement_template", "key", "kind", "promoted",
            "purchase_stage_keys"}


def _is_text_field(annotation: Any) -> bool:
    return annotation is str


def _is_text_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) is not list:
        return False
    (item,) = typing.get_args(annotation) or (None,)
    if typing.get_origin(item) is typing.Annotated:
        item = typing.get_args(item)[0]
    return item is str


def _poison(model: BaseModel, counter: list[int]) -> None:
    for name, info in type(model).model_fields.items():
        if name in NOT_TEXT or name == "id" or name.endswith("_id") or name.endswith("_ids"):
            continue
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            _poison(value, counter)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for item in value:
                _poison(item, counter)
        elif _is_text_field(info.annotation) and isinstance(value, str):
            counter[0] += 1
            setattr(model, name, f"{HOSTILE} {counter[0]}")
        elif _is_text_list(info.annotation) and value:
            counter[0] += 1
            setattr(model, name, [f"{HOSTILE} {counter[0]}.{n}" for n in range(len(value))])


def hostile_concept() -> Concept:
    """The café sample with every tool used, then every text replaced by hostile Markdown."""
    concept = cafe_concept()
    profile_id = concept.profiles[0].id
    concept.toolbox.everyday_life = [EverydayLife(profile_id=profile_id, habits=["x"],
                                                  anxieties=["y"])]
    concept.toolbox.context_themes = [ContextTheme(name="a", details=["b"], handling="well"),
                                      ContextTheme(name="c", handling="difficult")]
    concept.toolbox.storyboards = [Storyboard(title="t", frames=[StoryboardFrame(caption="c")])]
    concept.toolbox.stakeholders[0].interview_candidate = True
    # A stage nothing is mapped to: its name appears in the purchase step's advice (PP-02).
    concept.purchase_process.stages.append(PurchaseStage(label="tyhjä"))
    _poison(concept, [0])
    # An AI-written item (its mark shows on the page and in the draft's appendix).
    from concept.ai.provenance import mark

    pain = concept.profiles[0].pains[0]
    mark(concept, "profiles.pains", profile_id, pain.text, f"{HOSTILE} model", item_id=pain.id)
    return Concept.model_validate(concept.model_dump())
