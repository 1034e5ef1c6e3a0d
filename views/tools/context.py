"""Toolbox: context analysis (methodology §5.5)."""

from concept.ui.tools.common import begin_tool, tool_findings
from concept.ui.tools.context import context_tool

concept = begin_tool("context")
context_tool(concept)
tool_findings(concept, "context")
