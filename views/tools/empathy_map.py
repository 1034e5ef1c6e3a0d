"""Toolbox: the empathy map (methodology §5.1)."""

from concept.ui.tools.common import begin_tool, tool_findings
from concept.ui.tools.empathy_map import empathy_map_tool

concept = begin_tool("empathy_map")
empathy_map_tool(concept)
tool_findings(concept, "empathy_map")
