"""Toolbox: the stakeholder map (methodology §5.4)."""

from concept.checks import findings_for_step
from concept.ui.frame import show_findings
from concept.ui.tools.common import begin_tool
from concept.ui.tools.stakeholders import stakeholder_tool

concept = begin_tool("stakeholders")
stakeholder_tool(concept)
show_findings(findings_for_step(concept, "stakeholders"), quiet_when_none=True)
