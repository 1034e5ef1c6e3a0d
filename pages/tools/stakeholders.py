"""Toolbox: the stakeholder map (methodology §5.4)."""

from concept.ui.toolbox import begin_tool, stakeholder_tool

concept = begin_tool("stakeholders")
stakeholder_tool(concept)
