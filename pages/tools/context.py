"""Toolbox: context analysis (methodology §5.5)."""

from concept.ui.toolbox import begin_tool, context_tool

concept = begin_tool("context")
context_tool(concept)
