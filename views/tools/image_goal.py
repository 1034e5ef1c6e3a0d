"""Toolbox: the three-year image (methodology §5.3)."""

from concept.ui.toolbox import begin_tool, image_goal_tool

concept = begin_tool("image_goal")
image_goal_tool(concept)
