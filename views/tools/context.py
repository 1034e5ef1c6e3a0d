"""Toolbox: context analysis (methodology §5.5)."""

from concept.checks import findings_for_step
from concept.ui.frame import show_findings
from concept.ui.tools.common import begin_tool
from concept.ui.tools.context import context_tool

concept = begin_tool("context")
context_tool(concept)
show_findings(findings_for_step(concept, "context"), quiet_when_none=True)
