"""Workshop: the closing review (methodology §8.2 pattern 7) and the workshop summary."""

from concept.ui.frame import page_intro, require_concept
from concept.ui.workshop import review_page

page_intro("review", "tool")
review_page(require_concept())
