"""Toolbox: the empathy map (methodology §5.1)."""

from concept.checks import findings_for_step
from concept.ui.frame import show_findings
from concept.ui.tools.common import begin_tool
from concept.ui.tools.empathy_map import empathy_map_tool

concept = begin_tool("empathy_map")
empathy_map_tool(concept)
show_findings(findings_for_step(concept, "empathy_map"), quiet_when_none=True)
