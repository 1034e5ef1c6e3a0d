"""Workshop: the facilitator's run screen for a projector, with the countdown."""

from concept.ui.frame import require_concept
from concept.ui.workshop import run_page

run_page(require_concept())
