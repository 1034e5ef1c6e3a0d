"""Toolbox: customer interviews, their quotes and the evidence they give (methodology §5.4)."""

from concept.ui.tools.common import begin_tool
from concept.ui.tools.interviews import interviews_tool

concept = begin_tool("interviews")
interviews_tool(concept)
