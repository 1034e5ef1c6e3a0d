"""AppTest: the settings page keeps the data folder section and sets up AI for the session."""

from __future__ import annotations

import pytest

from concept.model import Concept
from tests.fake_openai import FakeOpenAI
from tests.helpers import open_app_with, start_app

KEY = "sk-settings-SECRET-5d2e9a"
pytestmark = pytest.mark.usefixtures("no_ai_from_outside")


def settings_page(lang: str = "en"):
    at = start_app(lang)
    return at.switch_page("views/settings.py").run()


def fill_form(at, base_url: str, key: str, model: str):
    at.text_input(key="ai_form_base_url").input(base_url)
    at.text_input(key="ai_form_api_key").input(key)
    at.text_input(key="ai_form_model").input(model)
    submit = next(b for b in at.button if b.label in ("Use these settings",
                                                      "Käytä näitä asetuksia"))
    return submit.click().run()


def visible_text(at) -> str:
    parts = [str(e.value) for kind in ("markdown", "caption", "error", "success", "info",
                                       "warning", "title", "header", "subheader")
             for e in getattr(at, kind)]
    parts += [str(w.value) for w in at.text_input]
    return "\n".join(parts)


def test_settings_page_keeps_the_data_folder_section(data_dir):
    at = settings_page()
    assert not at.exception
    assert any("Where your data is kept" in s.value for s in at.header)
    assert any(str(data_dir) in m.value for m in at.markdown)


def test_without_ai_settings_the_page_says_how_to_switch_it_on(data_dir):
    at = settings_page()
    assert any("AI assistance is off" in i.value for i in at.info)
    assert at.button(key="ai_test_connection").disabled


def test_session_settings_switch_ai_on_and_the_key_is_never_shown(data_dir, fake_openai):
    at = settings_page()
    at = fill_form(at, fake_openai.base_url, KEY, "fake-model")
    assert not at.exception
    assert any("AI assistance is on" in s.value for s in at.success)
    assert at.text_input(key="ai_form_api_key").value == ""
    assert KEY not in visible_text(at)
    at.button(key="ai_test_connection").click().run()
    assert any("Connection works" in s.value for s in at.success)
    request = fake_openai.chat_requests()[-1]
    assert request.headers["authorization"] == f"Bearer {KEY}"


def test_connection_test_with_a_wrong_key_says_the_key_was_refused(data_dir):
    fake = FakeOpenAI(api_key="sk-the-right-key")
    try:
        at = fill_form(settings_page(), fake.base_url, KEY, "fake-model")
        at.button(key="ai_test_connection").click().run()
        errors = [e.value.replace("\\", "") for e in at.error]
        assert any("refused the API key (401)" in e for e in errors), errors
        assert KEY not in visible_text(at)
    finally:
        fake.close()


def test_connection_test_to_a_stopped_server_says_it_cannot_be_reached(data_dir):
    at = fill_form(settings_page("fi"), "http://127.0.0.1:9/v1", "", "llama3.1")
    at.button(key="ai_test_connection").click().run()
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("ei saatu yhteyttä" in e and "127.0.0.1:9" in e for e in errors), errors


def test_an_unknown_model_is_named_with_the_models_the_server_has(data_dir, fake_openai):
    from tests.fake_openai import status_reply

    fake_openai.script(status_reply(404))
    at = fill_form(settings_page(), fake_openai.base_url, "", "gpt-9")
    at.button(key="ai_test_connection").click().run()
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("gpt-9" in e and "fake-model" in e for e in errors), errors


def test_secrets_file_settings_are_used(data_dir, fake_openai):
    at = start_app()
    at.secrets["ai"] = {"base_url": fake_openai.base_url, "model": "secret-model"}
    at.switch_page("views/settings.py").run()
    assert not at.exception
    assert any("secret" in s.value and "model" in s.value for s in at.success)


def test_the_session_key_is_not_written_to_the_store(data_dir, fake_openai):
    concept = Concept(name="Avaintesti")
    at = open_app_with(concept, data_dir, page="views/settings.py")
    at = fill_form(at, fake_openai.base_url, KEY, "fake-model")
    at.switch_page("views/start.py").run()
    who = next(a for a in at.text_area if a.label.startswith("Who"))
    who.input("etätyöläiset").run()
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert KEY.encode() not in path.read_bytes()


def test_forgetting_session_settings_switches_ai_off_again(data_dir, fake_openai):
    at = fill_form(settings_page(), fake_openai.base_url, KEY, "fake-model")
    at.button(key="ai_forget_settings").click().run()
    assert any("AI assistance is off" in i.value for i in at.info)


# --- the server's settings and a visitor's never combine --------------------------------------

SERVER_KEY = "sk-server-SECRET-3b7e11"


def all_text(at) -> str:
    """Everything the page shows, labels and help included."""
    parts = [visible_text(at)]
    for kind in ("text_input", "button", "expander"):
        for element in getattr(at, kind):
            parts += [str(getattr(element, name, "") or "") for name in
                      ("label", "help", "placeholder", "value")]
    return "\n".join(parts)


def server_settings(monkeypatch, base_url: str, key: str = SERVER_KEY,
                    model: str = "server-model") -> None:
    monkeypatch.setenv("KONSEPTIKONE_AI_BASE_URL", base_url)
    monkeypatch.setenv("KONSEPTIKONE_AI_API_KEY", key)
    monkeypatch.setenv("KONSEPTIKONE_AI_MODEL", model)


def test_server_settings_are_fixed_and_their_address_is_never_shown(data_dir, monkeypatch):
    server_settings(monkeypatch, "http://127.0.0.1:9/v1")
    at = settings_page()
    assert not at.exception
    assert any("server\\-model" in s.value and "set up on this server" in s.value
               for s in at.success)
    assert not [w for w in at.text_input if w.key == "ai_form_base_url"]  # no form to change it
    at.button(key="ai_test_connection").click().run()
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("the address set on the server" in e for e in errors), errors
    text = all_text(at)
    assert "127.0.0.1:9" not in text and SERVER_KEY not in text


def test_a_visitor_cannot_send_requests_elsewhere_when_server_settings_are_fixed(
        data_dir, monkeypatch, fake_openai):
    visitor_server = FakeOpenAI()  # where a visitor would like the requests to go
    try:
        server_settings(monkeypatch, fake_openai.base_url, model="fake-model")
        at = start_app()
        at.session_state["ai_session_settings"] = {"base_url": visitor_server.base_url,
                                                   "model": "fake-model"}
        at.switch_page("views/settings.py").run()
        at.button(key="ai_test_connection").click().run()
        assert any("Connection works" in s.value for s in at.success)
        assert not visitor_server.chat_requests()
        assert fake_openai.chat_requests()[-1].headers["authorization"] == f"Bearer {SERVER_KEY}"
    finally:
        visitor_server.close()


def test_a_visitor_who_changes_only_the_address_never_sends_the_servers_key(
        data_dir, monkeypatch, fake_openai):
    # The operator allows overrides; the visitor names a capturing server and no key.
    server_settings(monkeypatch, "http://127.0.0.1:9/v1", model="fake-model")
    at = start_app()
    at.secrets["ai"] = {"allow_visitor_override": True}
    at.switch_page("views/settings.py").run()
    assert any("replace them for your session" in c.value for c in at.caption)
    assert at.text_input(key="ai_form_base_url").value == ""  # the server's address stays hidden
    assert at.text_input(key="ai_form_model").value == ""
    at = fill_form(at, fake_openai.base_url, "", "fake-model")
    at.button(key="ai_test_connection").click().run()
    assert any("Connection works" in s.value for s in at.success)
    headers = fake_openai.chat_requests()[-1].headers
    assert SERVER_KEY not in str(headers)
    assert headers["authorization"] != f"Bearer {SERVER_KEY}"
    assert "127.0.0.1:9" not in all_text(at)


def test_server_settings_with_override_allowed_stay_in_use_until_a_visitor_sets_their_own(
        data_dir, monkeypatch, fake_openai):
    server_settings(monkeypatch, fake_openai.base_url, model="fake-model")
    monkeypatch.setenv("KONSEPTIKONE_AI_ALLOW_VISITOR_OVERRIDE", "true")
    at = settings_page("fi")
    assert any("määritetty tällä palvelimella" in s.value for s in at.success)
    assert fake_openai.base_url not in all_text(at)
    at.button(key="ai_test_connection").click().run()
    assert fake_openai.chat_requests()[-1].headers["authorization"] == f"Bearer {SERVER_KEY}"


def test_timeout_retries_and_azure_deployment_are_kept_for_the_session(data_dir, fake_openai):
    at = settings_page()
    at.number_input(key="ai_form_timeout").set_value(120)
    at.number_input(key="ai_form_retries").set_value(0)
    at.text_input(key="ai_form_azure_deployment").input("my-deployment")
    at = fill_form(at, fake_openai.base_url, KEY, "fake-model")
    kept = at.session_state["ai_session_settings"]
    assert (kept["timeout"], kept["max_retries"], kept["azure_deployment"]) == (
        120.0, 0, "my-deployment")
    assert at.number_input(key="ai_form_timeout").value == 120


def test_the_model_picker_lists_the_servers_models_and_free_text_stays(data_dir, fake_openai):
    fake_openai.models = ["llama3.1:8b", "qwen2.5:7b"]
    at = fill_form(settings_page("fi"), fake_openai.base_url, "", "tuntematon")
    at.button(key="ai_list_models").click().run()
    assert any("llama3.1:8b, qwen2.5:7b" in c.value.replace("\\", "") for c in at.caption)
    at.selectbox(key="ai_form_model_pick").set_value("qwen2.5:7b")
    submit = next(b for b in at.button if b.label == "Käytä näitä asetuksia")
    at = submit.click().run()
    assert at.session_state["ai_session_settings"]["model"] == "qwen2.5:7b"
    assert at.text_input(key="ai_form_model").value == "qwen2.5:7b"
    at.text_input(key="ai_form_model").input("oma-malli")
    at = next(b for b in at.button if b.label == "Käytä näitä asetuksia").click().run()
    assert at.session_state["ai_session_settings"]["model"] == "oma-malli"


def test_a_failed_connection_test_to_an_unknown_model_offers_the_servers_models(data_dir,
                                                                                 fake_openai):
    fake_openai.models = ["llama3.1:8b"]
    from tests.fake_openai import unknown_model_reply

    fake_openai.script(unknown_model_reply())
    at = fill_form(settings_page(), fake_openai.base_url, "", "gpt-9")
    at.button(key="ai_test_connection").click().run()
    assert any("does not know the model" in e.value for e in at.error)
    assert at.selectbox(key="ai_form_model_pick").options == [
        "(type the name below)", "llama3.1:8b"]
