"""Toolbox: storyboards (methodology §5.6)."""

from concept.ui.toolbox import begin_tool, storyboard_tool

concept = begin_tool("storyboard")
storyboard_tool(concept)
