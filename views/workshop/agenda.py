"""Workshop: the chosen recipe's agenda with clock times, breaks and totals, the pre-work
gates, and the workshop pack (methodology §8)."""

from concept.ui.frame import page_intro, require_concept
from concept.ui.workshop import agenda_page

page_intro("agenda", "tool")
agenda_page(require_concept())
