"""Toolbox: ecosystem (methodology §5.9), an extended tool of the recipes."""

from concept.checks import findings_for_step
from concept.ui.ai_panel import ai_panel
from concept.ui.frame import show_findings
from concept.ui.tools.common import begin_tool
from concept.ui.tools.extended import ecosystem_tool

concept = begin_tool("ecosystem")
ecosystem_tool(concept)
show_findings(findings_for_step(concept, "ecosystem"), quiet_when_none=True)
ai_panel("ecosystem")
