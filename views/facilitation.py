"""Toolbox: the parking lot and the stop list (methodology §5.7–5.8)."""

from concept.checks import findings_for_step
from concept.ui.facilitation import parking_page
from concept.ui.frame import show_findings
from concept.ui.tools.common import begin_tool

concept = begin_tool("parking")
parking_page(concept)
show_findings(findings_for_step(concept, "parking"), quiet_when_none=True)
