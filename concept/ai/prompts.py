"""Prompt messages for each task, from the template files in `prompts/`."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from string import Template
from typing import Any, Literal

from concept.ai.context import (
    EXISTING_CHARS,
    _clip_block,
    _data,
    _focus,
    _label,
    build_context,
    omitting,
    section_title,
)
from concept.ai.targets import target
from concept.i18n import t
from concept.model import Concept

# In a checkout the prompt files are the repository's prompts/; an installed wheel carries the
# same files as the package data concept/prompts/ (see setup.py).
_INSTALLED = Path(__file__).resolve().parents[1] / "prompts"
_CHECKOUT = Path(__file__).resolve().parents[2] / "prompts"
PROMPTS_DIR = _INSTALLED if _INSTALLED.is_dir() else _CHECKOUT
LANGUAGE_NAMES = {"fi": "Finnish", "en": "English"}
SUGGESTION_COUNT = 5

DraftKind = Literal["description", "statement"]


@cache
def _template(name: str) -> Template:
    return Template((PROMPTS_DIR / name).read_text(encoding="utf-8"))


@cache
def guidance() -> dict[str, Any]:
    with (PROMPTS_DIR / "guidance.toml").open("rb") as handle:
        return tomllib.load(handle)


def _render(name: str, **values: Any) -> str:
    # One pass of substitution: "$" in the user's text is never expanded again.
    return _template(name).substitute(**values).strip()


def _messages(task_file: str, lang: str, **values: Any) -> list[dict[str, str]]:
    language = LANGUAGE_NAMES.get(lang, "English")
    return [
        {"role": "system", "content": _render("system.md", language=language)},
        {"role": "user", "content": _render(task_file, language=language, **values)},
    ]


def task_options(task: str) -> dict[str, Any]:
    """`max_tokens` and `temperature` of a task (suggest, critique, draft, check)."""
    return dict(guidance()["task"][task])


def example(kind: str, lang: str) -> str:
    return guidance()["example"].get(lang, guidance()["example"]["en"])[kind]


def suggest_messages(concept: Concept, target_key: str, owner_id: str,
                     lang: str) -> list[dict[str, str]]:
    tgt = target(target_key)
    existing = [e for e in tgt.existing(concept, owner_id) if str(e).strip()]
    existing_text = _clip_block("\n".join(f"- {_data(e, 120)}" for e in existing),
                                EXISTING_CHARS) or _label("none_yet", lang)
    # The items already in the list are sent once, under their own heading: the summary and
    # the focus leave them out.
    with omitting(existing):
        focus = _focus(concept, tgt, owner_id, lang)
        context = build_context(concept, tgt.step, lang,
                                focus_profile=owner_id if tgt.owner_kind == "profile" else "")
    if focus:
        context += f"\n\n## {_label('focus', lang)}\n{focus}"
    return _messages(
        "suggest_list.md", lang,
        field=t(tgt.label_key, lang), step=section_title(tgt.step, lang),
        focus_line=(f"The suggestions are for the item described under "
                    f"\"{_label('focus', lang)}\"." if focus else ""),
        field_help=guidance()["target"][tgt.key], context=context, existing=existing_text,
        existing_title=_label("existing", lang), count=SUGGESTION_COUNT,
        example=example("suggestions", lang),
    )


def critique_messages(concept: Concept, step_key: str, lang: str) -> list[dict[str, str]]:
    return _messages("critique.md", lang, step=section_title(step_key, lang),
                     step_help=guidance()["step"].get(step_key, ""),
                     context=build_context(concept, step_key, lang),
                     example=example("critique", lang))


def draft_messages(concept: Concept, kind: DraftKind, lang: str) -> list[dict[str, str]]:
    context = build_context(concept, "description", lang)
    if kind == "description":
        return _messages("draft_description.md", lang, context=context)
    shape = guidance()["statement"].get(concept.value_proposition.statement_template,
                                        guidance()["statement"]["short"])
    return _messages("draft_statement.md", lang, statement_shape=shape, context=context)
