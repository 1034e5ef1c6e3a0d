"""Toolbox: storyboards (methodology §5.6)."""

from concept.ui.toolbox import begin_tool, storyboard_tool, tool_findings

concept = begin_tool("storyboard")
storyboard_tool(concept)
tool_findings(concept, "storyboard")
