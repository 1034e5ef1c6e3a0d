"""Every step and tool in the registries has all its pieces, so adding one cannot half-land.

After datasette's test that every plugin hook is documented: for every entry in STEPS and TOOLS,
its view file, its catalog texts in both languages, its document section and its AI context.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from concept import ai
from concept.document import SECTIONS as DOCUMENT_SECTIONS
from concept.document import build_document
from concept.i18n import LANGUAGES, catalog
from concept.samples import cafe_concept
from concept.steps import STEPS
from concept.toolbox import ACTIONS, HEALTH, TOOLS, WORKSHOP_PAGES

APP_DIR = Path(__file__).resolve().parent.parent
DOCUMENT_KEYS = {key for key, _ in DOCUMENT_SECTIONS}


@pytest.fixture(scope="module")
def documents():
    concept = cafe_concept()
    return {lang: build_document(concept, lang) for lang in LANGUAGES}


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.key)
def test_step_has_its_view(step):
    assert (APP_DIR / step.page).is_file(), f"step {step.key!r}: no view at {step.page}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.key)
def test_step_has_its_texts(step, lang):
    texts = catalog(lang)
    # The document step has nothing to ask and no worked example; every other step has both.
    parts = ("title", "purpose") if step.is_complete is None else (
        "title", "purpose", "questions", "example")
    for part in parts:
        key = f"step.{step.key}.{part}"
        assert texts.get(key), f"{lang}: step {step.key!r} has no {key}"
    if step.is_complete is not None:
        assert isinstance(texts[f"step.{step.key}.questions"], list)


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.key)
def test_step_has_its_document_section(step, documents):
    if step.is_complete is None:  # the document step itself shows every section
        assert step.document_sections == ()
        return
    assert step.document_sections, f"step {step.key!r} names no document section"
    for key in step.document_sections:
        assert key in DOCUMENT_KEYS, f"step {step.key!r}: no document section {key!r}"
        for lang, document in documents.items():
            section = document.section(key)
            assert section is not None, f"{lang}: the café sample has no {key!r} section"
            assert section.title == catalog(lang)[f"doc.section.{key}"]


@pytest.mark.parametrize("step", STEPS, ids=lambda s: s.key)
def test_step_has_its_ai_context(step):
    concept = cafe_concept()
    if step.ai_context == "description":  # drafts of the whole concept see every section
        sections = ai.SECTION_STEPS
    else:
        assert step.ai_context in ai.SECTION_STEPS, f"step {step.key!r}: no AI context section"
        sections = (step.ai_context,)
    context = ai.build_context(concept, step.ai_context, "fi", sections=sections)
    assert context.startswith("## "), f"step {step.key!r}: empty AI context for the café sample"


@pytest.mark.parametrize("tool", (*TOOLS, HEALTH, ACTIONS, *WORKSHOP_PAGES),
                         ids=lambda tool: tool.key)
def test_tool_has_its_view_and_texts(tool):
    assert (APP_DIR / tool.page).is_file(), f"tool {tool.key!r}: no view at {tool.page}"
    for lang in LANGUAGES:
        assert catalog(lang).get(f"tool.{tool.key}.title"), f"{lang}: no tool.{tool.key}.title"


@pytest.mark.parametrize("tool", TOOLS[:-1], ids=lambda tool: tool.key)
def test_workshop_tool_has_its_guidance(tool):
    for lang in LANGUAGES:
        texts = catalog(lang)
        assert texts.get(f"tool.{tool.key}.purpose"), f"{lang}: no tool.{tool.key}.purpose"
        assert isinstance(texts.get(f"tool.{tool.key}.questions"), list)


@pytest.mark.parametrize("tool", (*TOOLS, HEALTH, ACTIONS, *WORKSHOP_PAGES),
                         ids=lambda tool: tool.key)
def test_tool_document_section_exists(tool):
    if tool.document_section is not None:
        assert tool.document_section in DOCUMENT_KEYS


def test_every_document_section_has_a_title_in_both_languages():
    for lang in LANGUAGES:
        for key in DOCUMENT_KEYS:
            assert catalog(lang).get(f"doc.section.{key}"), f"{lang}: doc.section.{key}"


@pytest.mark.parametrize("tool", TOOLS, ids=lambda tool: tool.key)
def test_a_tool_with_ai_targets_has_its_ai_context_section(tool):
    from concept.ai.context import SECTIONS as AI_SECTIONS
    from concept.ai.context import TOOL_SECTIONS

    if not ai.targets_for(tool.key):
        assert tool.key not in TOOL_SECTIONS
        return
    assert tool.key in TOOL_SECTIONS and tool.key in AI_SECTIONS, tool.key
    assert TOOL_SECTIONS[tool.key] in ai.SECTION_STEPS
