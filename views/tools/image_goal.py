"""Toolbox: the three-year image (methodology §5.3)."""

from concept.ui.tools.common import begin_tool
from concept.ui.tools.image_goal import image_goal_tool

concept = begin_tool("image_goal")
image_goal_tool(concept)
