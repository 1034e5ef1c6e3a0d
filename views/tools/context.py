"""Toolbox: context analysis (methodology §5.5)."""

from concept.ui.toolbox import begin_tool, context_tool, tool_findings

concept = begin_tool("context")
context_tool(concept)
tool_findings(concept, "context")
