"""Toolbox: everyday life (methodology §5.2)."""

from concept.checks import findings_for_step
from concept.ui.frame import show_findings
from concept.ui.tools.common import begin_tool
from concept.ui.tools.everyday_life import everyday_life_tool

concept = begin_tool("everyday_life")
everyday_life_tool(concept)
show_findings(findings_for_step(concept, "everyday_life"), quiet_when_none=True)
