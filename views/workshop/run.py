"""Workshop: the facilitator's run screen for a projector, with the countdown."""

from concept.ui.frame import page_intro, require_concept
from concept.ui.workshop import run_page

page_intro("run", "tool")  # the page's title (h1); the projector needs no purpose text
run_page(require_concept())
