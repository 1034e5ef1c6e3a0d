"""Toolbox: the parking lot and the stop list (methodology §5.7–5.8)."""

from concept.ui.facilitation import parking_page
from concept.ui.tools.common import begin_tool, tool_findings

concept = begin_tool("parking")
parking_page(concept)
tool_findings(concept, "parking")
