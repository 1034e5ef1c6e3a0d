"""Concept health: every check's findings with links to where they are fixed, and the charts."""

from concept.ui.health import health_page
from concept.ui.tools.common import begin_tool

concept = begin_tool("health")
health_page(concept)
