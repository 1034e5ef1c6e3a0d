"""AppTest: the competitive-edge step, plus its table logic (AppTest cannot type into
st.data_editor; tests/e2e/test_competition_browser.py proves one editor round trip)."""

from concept.checks.competition import effective_class
from concept.model import (
    CompetitiveAttribute,
    Competitor,
    CompetitorScore,
    Concept,
)
from concept.ui import bind, lazy
from concept.ui.competition import (
    DETAILS,
    SCORE_PREFIX,
    apply_attribute_changes,
    competitor_labels,
    competitor_matrix_chart,
)
from tests.helpers import open_app_with, stored

PAGE = "views/competition.py"


def widget(elements, suffix: str):
    matches = [w for w in elements if w.key and w.key.endswith(suffix)]
    assert matches, f"no widget with key ending {suffix!r}"
    return matches[0]


COLUMNS = [bind.Column("name", "Name"), bind.Column("customer_importance", "I", kind="scale"),
           bind.Column("our_score", "Us", kind="scale")]


def test_attribute_table_edits_scores_per_competitor_and_adds_rows():
    a, b = Competitor(name="A"), Competitor(name="B")
    attr = CompetitiveAttribute(name="Kahvi",
                                competitor_scores=[CompetitorScore(competitor_id=a.id, score=2)])
    changes = {
        "edited_rows": {0: {"our_score": 5, f"{SCORE_PREFIX}{a.id}": 4,
                            f"{SCORE_PREFIX}{b.id}": 3}},
        "added_rows": [{"name": "Wifi", "customer_importance": 4,
                        f"{SCORE_PREFIX}{b.id}": 5}],
        "deleted_rows": [],
    }
    items, removed, refused = apply_attribute_changes([attr], changes, COLUMNS, [a.id, b.id])
    assert (removed, refused) == ([], 0)
    assert items[0] is attr and attr.our_score == 5
    assert (attr.score_for(a.id), attr.score_for(b.id)) == (4, 3)
    assert items[1].name == "Wifi" and items[1].customer_importance == 4
    assert items[1].score_for(b.id) == 5 and items[1].score_for(a.id) is None


def test_attribute_table_clears_a_score_and_refuses_one_out_of_range():
    a = Competitor(name="A")
    attr = CompetitiveAttribute(name="Kahvi",
                                competitor_scores=[CompetitorScore(competitor_id=a.id, score=2)])
    apply_attribute_changes([attr], {"edited_rows": {0: {f"{SCORE_PREFIX}{a.id}": None}}},
                            COLUMNS, [a.id])
    assert attr.competitor_scores == []
    _, _, refused = apply_attribute_changes(
        [attr], {"edited_rows": {0: {f"{SCORE_PREFIX}{a.id}": 9, "our_score": 0}}},
        COLUMNS, [a.id])
    assert refused == 2 and attr.score_for(a.id) is None and attr.our_score == 3


def test_attribute_table_deletes_rows_and_keeps_ids():
    first, second = CompetitiveAttribute(name="1"), CompetitiveAttribute(name="2")
    items, removed, _ = apply_attribute_changes([first, second], {"deleted_rows": [0]},
                                                COLUMNS, [])
    assert items == [second] and removed == [first]


def test_duplicate_competitor_names_get_distinct_labels():
    concept = Concept()
    concept.competition.competitors = [Competitor(name="Kahvila"), Competitor(name="Kahvila"),
                                       Competitor(name="")]
    assert list(competitor_labels(concept.competition).values()) == [
        "Kahvila", "Kahvila (2)", "#3"]


def test_matrix_chart_has_a_cell_per_attribute_and_scorer(cafe):
    values = competitor_matrix_chart(cafe, "fi")["data"]["values"]
    cells = {(v["attribute"], v["who"]): v["score"] for v in values}
    assert cells[("Varattava paikka", "Me")] == 5
    assert cells[("Varattava paikka", "Ketjukahvila pääkadulla")] == 1
    # The do-nothing alternative has no scores, so it has no cells.
    assert len(cells) == 6
    assert competitor_matrix_chart(Concept(), "en") is None


def test_fields_save_and_survive_rerun_switch_and_reload(data_dir, cafe):
    attr = cafe.competition.attributes[0]  # "Hyvä kahvi": neutral by the rule
    gain = cafe.profiles[0].gains[1]
    at = open_app_with(cafe, data_dir, page=PAGE)
    assert not at.exception
    widget(at.text_area, "competition.frame").input("Kallion kahvilat")
    widget(at.text_area, "competition.no_concept").input("Kotona")
    at.run()
    assert not [w for w in at.selectbox if w.key and f"{attr.id}.override" in w.key]
    at.session_state[lazy.state_key(DETAILS)] = {attr.id}  # as when the user opens its details
    at.run()
    widget(at.selectbox, f"{attr.id}.override").set_value("pop_category").run()
    widget(at.multiselect, f"{attr.id}.linked_gain_ids").set_value([gain.id]).run()
    widget(at.text_area, f"{attr.id}.proof").input("Paahtimo naapurissa").run()
    widget(at.slider, "competition.threshold").set_value(4).run()
    assert not at.exception

    saved = stored(data_dir, cafe.id).competition
    assert saved.frame_of_reference == "Kallion kahvilat"
    assert saved.what_if_no_concept == "Kotona"
    assert saved.attributes[0].classification_override == "pop_category"
    assert saved.attributes[0].linked_gain_ids == [gain.id]
    assert saved.attributes[0].proof_points == ["Paahtimo naapurissa"]
    assert saved.category_threshold == 4
    assert effective_class(saved.attributes[1], saved) == "pod"

    text = " ".join(m.value for m in at.markdown)
    assert "**Hyvä kahvi**: you score 4, the category needs 4. In the game." in text
    assert "**Varattava paikka** (you score 5)" in text

    at.switch_page("views/start.py").run()
    at.switch_page(PAGE).run()
    at.session_state[lazy.state_key(DETAILS)] = {attr.id}
    at.run()
    assert widget(at.selectbox, f"{attr.id}.override").value == "pop_category"
    again = open_app_with(cafe, data_dir, page=PAGE)
    assert widget(again.text_area, "competition.frame").value == "Kallion kahvilat"
    assert widget(again.slider, "competition.threshold").value == 4


def test_not_in_the_game_is_shown_as_advice_in_finnish(data_dir, cafe):
    cafe.competition.attributes[0].classification_override = "pop_category"
    cafe.competition.attributes[0].our_score = 2
    at = open_app_with(cafe, data_dir, page=PAGE, lang="fi")
    assert at.title[0].value == "Kilpailuetu"
    assert any("Ei pelissä mukana" in w.value for w in at.info)
    assert any("Ei vielä pelissä mukana!" in m.value for m in at.markdown)


def test_reapplied_change_set_keeps_the_ids_of_rows_added_earlier():
    # The editor's change set is cumulative: a competitor added and then edited again must
    # keep its id, or the scores given to it meanwhile would point nowhere.
    made: list = []
    columns = [bind.Column("name", "Name")]
    changes = {"added_rows": [{"name": "Uusi kilpailija"}]}
    first, _, _ = bind.apply_table_changes([], changes, columns,
                                           bind.reusing_factory(Competitor, made))
    changes["added_rows"][0]["type"] = "substitute"
    again, _, _ = bind.apply_table_changes([], changes, columns,
                                           bind.reusing_factory(Competitor, made))
    assert again[0] is first[0] and again[0].id == first[0].id
    attr_made: list = []
    added = {"added_rows": [{"name": "Wifi"}]}
    one, _, _ = apply_attribute_changes([], added, COLUMNS, [],
                                        bind.reusing_factory(CompetitiveAttribute, attr_made))
    two, _, _ = apply_attribute_changes([], added, COLUMNS, [],
                                        bind.reusing_factory(CompetitiveAttribute, attr_made))
    assert one[0].id == two[0].id


def test_empty_parity_list_says_so_in_finnish(data_dir, cafe):
    at = open_app_with(cafe, data_dir, page=PAGE, lang="fi")
    text = " ".join(m.value for m in at.markdown)
    assert "Yksikään kilpailutekijä ei vielä ole pelissä pysymisen edellytys." in text
    assert "**Varattava paikka** (sinä 5)" in text


def _column_config(editor) -> dict:
    import json

    return json.loads(editor.proto.columns)


def test_new_rows_show_the_models_defaults_and_empty_cells_show_empty(data_dir, cafe):
    """A new competitor row shows the stored type ("direct", by its label) and an empty
    summary, a new attribute row the stored scores (3); an empty cell never shows Streamlit's
    "None"."""
    at = open_app_with(cafe, data_dir, page=PAGE, lang="fi")
    assert not at.exception
    competitors, attributes = at.data_editor[0], at.data_editor[1]
    config = _column_config(competitors)
    assert Competitor().type == "direct"
    assert config["type"]["default"] == "Suora kilpailija"  # the label, as the cells hold
    assert config["summary"]["default"] == "" and config["strengths"]["default"] == ""
    new = CompetitiveAttribute()
    config = _column_config(attributes)
    for attr in ("customer_importance", "our_score", "deliverability", "defensibility"):
        assert config[attr]["default"] == getattr(new, attr) == 3
    for editor in (competitors, attributes):
        assert editor.proto.placeholder == ""
