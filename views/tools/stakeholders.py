"""Toolbox: the stakeholder map (methodology §5.4)."""

from concept.ui.tools.common import begin_tool, tool_findings
from concept.ui.tools.stakeholders import stakeholder_tool

concept = begin_tool("stakeholders")
stakeholder_tool(concept)
tool_findings(concept, "stakeholders")
