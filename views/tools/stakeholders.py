"""Toolbox: the stakeholder map (methodology §5.4)."""

from concept.ui.toolbox import begin_tool, stakeholder_tool, tool_findings

concept = begin_tool("stakeholders")
stakeholder_tool(concept)
tool_findings(concept, "stakeholders")
