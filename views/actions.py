"""Development actions: the to-do list made from findings (methodology §6.3)."""

from concept.ui.actions import actions_page
from concept.ui.tools.common import begin_tool

concept = begin_tool("actions")
actions_page(concept)
