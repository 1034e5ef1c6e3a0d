"""In a real browser: the competitive-edge attribute table round trip (AppTest cannot type into
st.data_editor) and the value proposition's "fill from template" confirmation dialog."""

from playwright.sync_api import expect

from concept.samples import cafe_concept
from concept.store import TinyDBConceptStore
from tests.browser import type_into_new_row, wait_for_app_idle, wait_until
from tests.e2e.conftest import saved_after

SLOW = 20_000  # reruns can take a while on a busy machine


def open_step(page, app_server, concept, link: str) -> None:
    TinyDBConceptStore(app_server.data_dir).create(concept)
    page.goto(f"{app_server.url}/?c={concept.id}")
    page.get_by_role("link", name=link).click()


def open_competition(page, app_server, concept) -> TinyDBConceptStore:
    """The competitive-edge step of `concept`, drawn and ready; the store it saves to."""
    open_step(page, app_server, concept, "Competitive edge")
    page.get_by_role("heading", name="What customers compare").wait_for()
    wait_for_app_idle(page)
    return TinyDBConceptStore(app_server.data_dir)


def test_attribute_typed_into_the_table_is_saved_and_shown_after_reload(page, app_server):
    concept = cafe_concept()
    store = open_competition(page, app_server, concept)
    grid = page.get_by_test_id("stDataFrame").nth(1)
    type_into_new_row(page, grid, 3, "Nopea wifi")  # the new third row
    wait_until(page, lambda: len(store.load(concept.id).competition.attributes) == 3)
    expect(page.get_by_text("Nopea wifi · Neutral")).to_be_visible(timeout=SLOW)
    stored = store.load(concept.id)
    assert [a.name for a in stored.competition.attributes] == [
        "Hyvä kahvi", "Varattava paikka", "Nopea wifi"]
    page.reload()
    expect(page.get_by_text("Nopea wifi · Neutral")).to_be_visible(timeout=SLOW)


def test_fill_from_template_asks_before_replacing_the_users_text(page, app_server):
    concept = cafe_concept()
    concept.value_proposition.statement = "Oma muotoiluni."
    concept.value_proposition.statement_template = "moore"
    open_step(page, app_server, concept, "Value proposition")
    statement = page.get_by_label("Value proposition statement", exact=True)
    expect(statement).to_have_value("Oma muotoiluni.", timeout=SLOW)
    page.get_by_role("button", name="Fill from template").first.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("Replace it with this draft?")).to_be_visible(timeout=SLOW)
    dialog.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("dialog")).to_be_hidden(timeout=SLOW)
    wait_for_app_idle(page)
    expect(statement).to_have_value("Oma muotoiluni.", timeout=SLOW)

    page.get_by_role("button", name="Fill from template").first.click()
    page.get_by_role("dialog").get_by_role("button", name="Replace").click()
    expect(page.get_by_role("dialog")).to_be_hidden(timeout=SLOW)
    wait_for_app_idle(page)
    expect(statement).to_have_value(
        "For Keskittyvä etätyöläinen, who want to saada keskittynyttä työtä tehdyksi kodin "
        "ulkopuolella, Kahvila Kulma is a työskentelykahvila that promises: paikkasi ja "
        "lounaasi odottavat sinua. Unlike Ketjukahvila pääkadulla, it stands out with "
        "varattava paikka.", timeout=SLOW)
    stored = TinyDBConceptStore(app_server.data_dir).load(concept.id)
    assert stored.value_proposition.statement.startswith("For Keskittyvä etätyöläinen")


def test_attribute_details_open_on_demand_and_stay_open_while_edited(page, app_server):
    concept = cafe_concept()
    store = open_competition(page, app_server, concept)
    proof = page.get_by_label("Proof", exact=True)
    expect(proof).to_have_count(0)  # details are drawn only when opened
    page.get_by_text("Hyvä kahvi · Neutral").click()
    expect(proof).to_be_visible()
    override = page.get_by_label("Classification", exact=True)
    wait_for_app_idle(page)
    override.click()
    # Typing filters the options (and opens the list if the click landed during a redraw).
    override.press_sequentially("Needed to be")
    saved_after(page, store, concept.id, lambda: override.press("Enter"))
    # The title now shows the new class; the details stay open for the next field.
    expect(page.get_by_text("Hyvä kahvi · ", exact=False).first).to_be_visible()
    expect(proof).to_be_visible()
    saved_after(page, store, concept.id, lambda: (proof.fill("Paahtimo naapurissa"),
                                                  proof.press("Control+Enter")))
    saved = store.load(concept.id).competition.attributes[0]
    assert saved.classification_override == "pop_category"
    assert saved.proof_points == ["Paahtimo naapurissa"]
