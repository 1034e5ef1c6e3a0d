"""A concept whose every user text is Markdown that would show an image and a live link, for
tests that check the UI shows user text literally."""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from concept import workshop
from concept.model import (
    ChannelRole,
    Concept,
    ContextTheme,
    EcosystemActor,
    EverydayLife,
    Interview,
    Journey,
    JourneyStage,
    LiveMark,
    PositioningMap,
    PositionPoint,
    PurchaseStage,
    Quote,
    Storyboard,
    StoryboardFrame,
)
from concept.recipes import find
from concept.samples import cafe_concept

HOSTILE = "![i](http://host/x.png) [ok](http://host/phish)"
# Fields that hold keys, dates or references rather than words the user typed.
NOT_TEXT = {"due_date", "raised_in_step", "statement_template", "key", "kind", "promoted",
            "purchase_stage_keys", "recipe", "tool", "part", "start_time",
            "live_session"}


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
    # Interviews with a quote behind a pain, and a current journey beside the target (issue 16).
    quote = Quote(text="q")
    concept.toolbox.interviews = [Interview(pseudonym="p", transcript="q t", interviewer="i",
                                            names_to_hide=["n"], quotes=[quote])]
    concept.profiles[0].pains[0].quote_ids = [quote.id]
    concept.journeys.append(Journey(profile_id=profile_id, kind="current", stages=[
        JourneyStage(name="s", emotion=-1)]))
    # A stage nothing is mapped to: its name appears in the purchase step's advice (PP-02).
    concept.purchase_process.stages.append(PurchaseStage(label="tyhjä"))
    # The extended tools (methodology §5.9), each with something in it.
    concept.toolbox.channel_roles = [ChannelRole(channel="web", role="r", strengths=["s"])]
    concept.toolbox.ecosystem = [EcosystemActor(name="a", roles=["r1", "r2"], is_new=True)]
    concept.toolbox.positioning = PositioningMap(x_label="x", y_label="y", points=[
        PositionPoint(name="p", kind="us_target", x=0.5, y=0.5),
        PositionPoint(name="q", kind="competitor", x=0.55, y=0.5)])
    # A workshop planned from a recipe, with a note on its first activity (run screen, summary).
    workshop.choose_recipe(concept, find("customers_and_paths"))
    workshop.add_note(concept.workshop, concept.workshop.items[0].id, "n", "Ryhmä 1")
    # A note taken in from a live session (the review's summary lists it with its mark).
    concept.workshop.live_marks = [LiveMark(session="ABCD2345", date="2026-11-27",
                                            target="parking_lot", text="m")]
    _poison(concept, [0])
    # An AI-written item (its mark shows on the page and in the draft's appendix).
    from concept.ai.provenance import mark

    pain = concept.profiles[0].pains[0]
    mark(concept, "profiles.pains", profile_id, pain.text, f"{HOSTILE} model", item_id=pain.id)
    # AI-written lines, named in a caption under their text area or table.
    vp, competitor = concept.value_proposition, concept.competition.competitors[0]
    mark(concept, "value.reasons_to_believe", "", vp.reasons_to_believe[0], f"{HOSTILE} model")
    mark(concept, "competition.weaknesses", competitor.id, competitor.weaknesses[0],
         f"{HOSTILE} model")
    return Concept.model_validate(concept.model_dump())
