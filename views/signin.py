"""Sign in: the only page a signed-out visitor of a team server reaches."""

from concept.ui.gate import sign_in_page

sign_in_page()
