"""AppTest: user text is never Markdown in the UI. Every page is rendered with a concept whose
every text is `![i](http://host/x.png) [ok](http://host/phish)`; every text Streamlit shows as
Markdown (bodies, labels, help, titles, radio and pill options) is rendered with markdown-it
(CommonMark, tables, strikethrough and bare-URL links, like GitHub-flavoured Markdown) and
must have no image and no link to that host."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from concept.steps import STEPS
from concept.toolbox import HEALTH, TOOLS, WORKSHOP_PAGES
from concept.ui import lazy
from concept.ui.competition import DETAILS
from concept.ui.journey import STAGES
from tests.helpers import open_app_with
from tests.hostile import hostile_concept

PAGES = [s.page for s in STEPS] + [tool.page for tool in (*TOOLS, *WORKSHOP_PAGES)] + [
    HEALTH.page, "views/settings.py", "views/about.py"]
# Proto fields whose text Streamlit renders as Markdown. Select boxes, multiselects and
# tables show their options as plain text, so they are not read here.
MARKDOWN_FIELDS = {"body", "label", "help", "title", "content"}
RENDERER = MarkdownIt("commonmark", {"linkify": True}).enable(
    ["table", "strikethrough", "linkify"])


def markdown_texts(message, owner: str = "") -> list[tuple[str, str]]:
    """(where, text) for every Markdown-bearing string field in a proto message, nested."""
    found = []
    for field, value in message.ListFields():
        where = f"{owner}.{field.name}" if owner else field.name
        single = isinstance(value, (str, bytes, int, float, bool)) or hasattr(value, "ListFields")
        items = [value] if single else value
        for item in items:
            if hasattr(item, "ListFields"):
                found += markdown_texts(item, where)
            elif not isinstance(item, str):
                continue
            elif field.name in MARKDOWN_FIELDS:
                found.append((where, item))
            elif field.name == "options" and "radio" in owner:
                found.append((where, item))
    return found


def tree_texts(node) -> list[tuple[str, str]]:
    found = []
    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "ListFields"):
        found += markdown_texts(proto, type(node).__name__.lower())
    for child in getattr(node, "children", {}).values():
        found += tree_texts(child)
    return found


def unsafe(texts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    bad = []
    for where, text in texts:
        html = RENDERER.render(text)
        if "<img" in html or ("<a " in html and "://host/" in html):
            bad.append((where, text))
    return bad


def test_the_checker_sees_a_link_and_an_image_when_they_are_there():
    assert unsafe([("x", "![i](http://host/x.png)")]) and unsafe([("x", "see http://host/y")])
    assert not unsafe([("x", r"!\[i\]\(http\://host/x\.png\)")])


def open_everything(at, concept) -> None:
    """Open every section that is drawn only while open (stages, attribute details)."""
    at.session_state[lazy.state_key(STAGES)] = {
        stage.id for journey in concept.journeys for stage in journey.stages}
    at.session_state[lazy.state_key(DETAILS)] = {a.id for a in concept.competition.attributes}


def assert_safe(at) -> None:
    assert not at.exception, at.exception
    texts = tree_texts(at._tree)
    assert any("://host/" in text for _, text in texts), "none of the user's text is shown"
    assert unsafe(texts) == []


@pytest.mark.parametrize("page", PAGES)
def test_no_page_turns_user_text_into_an_image_or_a_link(data_dir, page):
    concept = hostile_concept()
    at = open_app_with(concept, data_dir, lang="en")
    open_everything(at, concept)
    at.switch_page(page).run()
    assert_safe(at)


def test_confirmation_dialogs_show_user_text_literally(data_dir):
    concept = hostile_concept()
    at = open_app_with(concept, data_dir, page="views/profiles.py", lang="en")
    at.button(key=f"profile.{concept.profiles[0].id}.delete").click().run()
    assert_safe(at)  # the profile is referred to: the dialog lists what goes with it
    at = open_app_with(concept, data_dir, page="views/journey.py", lang="en")
    open_everything(at, concept)
    at.run()
    stage = concept.journeys[0].stages[0]
    at.button(key=f"journey.{concept.journeys[0].id}.stage.{stage.id}.delete").click().run()
    assert_safe(at)  # the stage has touchpoints: the dialog offers the other stages
    at.switch_page("views/start.py").run()
    at.button(key=f"del_{concept.id}").click().run()
    assert_safe(at)


def test_the_run_screen_shows_earlier_outputs_literally(data_dir):
    concept = hostile_concept()
    concept.workshop.current = 3  # the journey, which builds on the three activities before
    at = open_app_with(concept, data_dir, lang="en")
    at.switch_page("views/workshop/run.py").run()
    assert any(e.label.startswith("Builds on") for e in at.expander)
    assert_safe(at)
