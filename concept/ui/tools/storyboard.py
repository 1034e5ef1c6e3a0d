"""The storyboard tool: frames of a customer's situation and how they want to be served."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from concept import i18n
from concept.formatting import plain
from concept.model import (
    Concept,
    Storyboard,
    StoryboardFrame,
)
from concept.ui import bind
from concept.ui.evidence import item_badge
from concept.ui.session import lang, t
from concept.ui.tools.common import (
    add_button,
    remove_button,
)

EMOTIONS = (None, -2, -1, 0, 1, 2)



def _storyboards(concept: Concept) -> list[Storyboard]:
    return concept.toolbox.storyboards


def _frames_of(board_id: str) -> Callable[[Concept], list[StoryboardFrame]]:
    def frames(concept: Concept) -> list[StoryboardFrame]:
        board = next((b for b in concept.toolbox.storyboards if b.id == board_id), None)
        return board.frames if board is not None else []
    return frames


def _emotion_labels() -> Callable[[int | None], str]:
    words = {value: i18n.enum_label("emotion", str(value), lang()) for value in EMOTIONS}
    words[None] = t("toolbox.storyboard.no_emotion")
    return lambda value: words.get(value, str(value))


FRAMES_PER_ROW = 3


def _frame(frame: StoryboardFrame, number: int, board_id: str) -> None:
    fid = frame.id
    with st.container(border=True):
        st.subheader(t("toolbox.storyboard.frame", number=number), anchor=False)
        bind.text(t("field.caption"), frame, "caption", key=f"frame.{fid}.caption")
        bind.text_area(t("field.situation"), frame, "situation", key=f"frame.{fid}.situation",
                       height=90)
        bind.choice(t("field.emotion"), frame, "emotion", EMOTIONS, key=f"frame.{fid}.emotion",
                    format_func=_emotion_labels(),
                    placeholder=t("toolbox.storyboard.emotion_placeholder"))
        remove_button(f"frame.{fid}", _frames_of(board_id), fid,
                       label=t("toolbox.storyboard.remove_frame"))


def storyboard_tool(concept: Concept) -> None:
    boards = concept.toolbox.storyboards
    if not boards:
        st.info(t("toolbox.storyboard.none"), icon=":material/info:")
    for number, board in enumerate(boards, start=1):
        bid = board.id
        with st.container(border=True):
            st.header(t("toolbox.storyboard.heading",
                        name=plain(board.title.strip() or f"#{number}")), anchor=False)
            bind.text(t("field.title"), board, "title", key=f"storyboard.{bid}.title")
            if not board.frames:
                st.caption(t("toolbox.storyboard.no_frames"))
            for start in range(0, len(board.frames), FRAMES_PER_ROW):
                columns = st.columns(FRAMES_PER_ROW)
                for offset, frame in enumerate(board.frames[start:start + FRAMES_PER_ROW]):
                    with columns[offset]:
                        _frame(frame, start + offset + 1, bid)
                        item_badge(concept, frame)
            add_button(t("toolbox.storyboard.add_frame"), f"storyboard.{bid}.add_frame",
                        _frames_of(bid), StoryboardFrame)
            bind.text_area(t("field.how_they_want_to_be_served"), board,
                           "how_they_want_to_be_served", key=f"storyboard.{bid}.served",
                           height=90)
            remove_button(f"storyboard.{bid}", _storyboards, bid)
    add_button(t("toolbox.storyboard.add"), "storyboard.add", _storyboards, Storyboard)
