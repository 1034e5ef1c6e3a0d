"""Toolbox: the empathy map (methodology §5.1)."""

from concept.ui.toolbox import begin_tool, empathy_map_tool, tool_findings

concept = begin_tool("empathy_map")
empathy_map_tool(concept)
tool_findings(concept, "empathy_map")
