"""In a real browser: a Teams caption file is uploaded to an interview, a quote from it is
linked to a pain, the profile shows the evidence badge and the concept description the appendix."""

from pathlib import Path

from playwright.sync_api import expect

from concept.model import Concept, CustomerProfile, Interview, Pain
from concept.store import TinyDBConceptStore
from tests.browser import wait_for_app_idle

WAIT = 20_000  # ms: a save and rerun can be slow on a busy machine
VTT = Path(__file__).parents[1] / "data" / "teams_interview.vtt"
QUOTE = "Asemalla on aina jono, ja jos jonotan, myöhästyn junasta."


def _poll(page, condition) -> None:
    """Wait until the store holds what the last action should have saved."""
    for _ in range(100):
        if condition():
            return
        page.wait_for_timeout(200)
    assert condition()


def _go(page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    page.get_by_role("heading", name=title).first.wait_for()
    wait_for_app_idle(page)


def test_upload_link_and_see_the_badge_and_the_appendix(page, app_server):
    concept = Concept(name="Asemakahvila", profiles=[CustomerProfile(
        name="Kiireinen", is_primary=True, pains=[Pain(text="Jonot ovat pitkiä", severity=5)])])
    concept.toolbox.interviews = [Interview(pseudonym="H1")]
    store = TinyDBConceptStore(app_server.data_dir)
    store.create(concept)
    page.goto(f"{app_server.url}/?c={concept.id}")
    page.get_by_role("heading", name="Start").wait_for()
    wait_for_app_idle(page)
    _go(page, "Interviews")

    def interview() -> Interview:
        return store.load(concept.id).toolbox.interviews[0]

    # A file of the wrong kind: a clear message, nothing imported.
    page.locator('input[type="file"]').set_input_files(
        {"name": "litterointi.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.7"})
    expect(page.get_by_text("litterointi.pdf")).to_be_visible(timeout=WAIT)
    wait_for_app_idle(page)
    page.get_by_role("button", name="Add the file's text").click()
    expect(page.get_by_text("This file type cannot be read as a transcript. Use one of these: "
                            ".txt, .docx, .vtt, .srt")).to_be_visible(timeout=WAIT)
    assert interview().transcript == ""
    wait_for_app_idle(page)  # the refused file's uploader is replaced by a fresh one

    page.locator('input[type="file"]').set_input_files(str(VTT))
    expect(page.get_by_text("teams_interview.vtt")).to_be_visible(timeout=WAIT)
    wait_for_app_idle(page)
    page.get_by_role("button", name="Add the file's text").click()
    _poll(page, lambda: "Pekka Korhonen: No, herään kuudelta" in interview().transcript)
    assert "-->" not in interview().transcript

    box = page.get_by_label("New quote (copy the interviewee's words from the text above)")
    box.fill(QUOTE)
    box.press("Control+Enter")
    wait_for_app_idle(page)
    page.get_by_role("button", name="Add the quote").click()
    _poll(page, lambda: [q.text for q in interview().quotes] == [QUOTE])

    page.get_by_test_id("stMultiSelect").filter(has_text="Linked to").click()
    page.get_by_role("option", name="Pain: Jonot ovat pitkiä (Kiireinen)").click()
    _poll(page, lambda: store.load(concept.id).profiles[0].pains[0].quote_ids
          == [interview().quotes[0].id])
    page.keyboard.press("Escape")
    wait_for_app_idle(page)

    _go(page, "Customer profiles")
    page.get_by_text("Evidence behind each item").click()
    expect(page.get_by_text("Seen in interviews: 1").first).to_be_visible(timeout=WAIT)
    expect(page.get_by_text(f"“{QUOTE}” (H1)")).to_be_visible(timeout=WAIT)

    _go(page, "Concept description")
    expect(page.get_by_text("Appendix: interviews and quotes").first).to_be_visible(
        timeout=WAIT)
    expect(page.get_by_text("Pain: Jonot ovat pitkiä").first).to_be_visible(timeout=WAIT)
