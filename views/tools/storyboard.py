"""Toolbox: storyboards (methodology §5.6)."""

from concept.checks import findings_for_step
from concept.ui.frame import show_findings
from concept.ui.tools.common import begin_tool
from concept.ui.tools.storyboard import storyboard_tool

concept = begin_tool("storyboard")
storyboard_tool(concept)
show_findings(findings_for_step(concept, "storyboard"), quiet_when_none=True)
