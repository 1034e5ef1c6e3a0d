"""Toolbox: everyday life (methodology §5.2)."""

from concept.ui.tools.common import begin_tool, tool_findings
from concept.ui.tools.everyday_life import everyday_life_tool

concept = begin_tool("everyday_life")
everyday_life_tool(concept)
tool_findings(concept, "everyday_life")
