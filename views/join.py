"""A live workshop's participant page: join with the code, then the current activity, a note
form, own notes and the revealed wall. The one page other machines reach."""

from concept.ui.live import participant_page

participant_page()
