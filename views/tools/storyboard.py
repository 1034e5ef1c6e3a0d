"""Toolbox: storyboards (methodology §5.6)."""

from concept.ui.tools.common import begin_tool, tool_findings
from concept.ui.tools.storyboard import storyboard_tool

concept = begin_tool("storyboard")
storyboard_tool(concept)
tool_findings(concept, "storyboard")
