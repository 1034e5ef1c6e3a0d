"""Toolbox: everyday life (methodology §5.2)."""

from concept.ui.toolbox import begin_tool, everyday_life_tool, tool_findings

concept = begin_tool("everyday_life")
everyday_life_tool(concept)
tool_findings(concept, "everyday_life")
