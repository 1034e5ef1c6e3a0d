"""Step: relationships. The editor comes with the steps issue; the frame and navigation are real."""

from concept.ui.frame import begin_step, step_navigation

concept = begin_step("relationships")
step_navigation("relationships")
