"""Where the AI settings come from: the server's (secrets over environment) or a visitor's own,
never a mix of the two, so a visitor can never have the operator's key sent anywhere."""

from __future__ import annotations

import pytest

from concept.ai_settings import (
    ALLOW_OVERRIDE_ENV,
    AISettings,
    is_set,
    merge,
    override_allowed,
    resolve,
    settings_from_env,
    settings_from_mapping,
)

SERVER_KEY = "sk-server-SECRET-81c3f0"
SERVER = AISettings(base_url="http://ai.internal:8000/v1", api_key=SERVER_KEY,
                    model="server-model", api_version="2024-10-21")


def test_a_visitor_who_sets_only_the_address_never_gets_the_servers_key():
    visitor = settings_from_mapping({"base_url": "http://attacker.example/v1"})
    resolved = resolve(visitor, SERVER, allow_override=True)
    assert resolved.source == "visitor"
    assert resolved.settings.base_url == "http://attacker.example/v1"
    assert resolved.settings.api_key == ""
    assert (resolved.settings.model, resolved.settings.api_version) == ("", "")
    assert SERVER_KEY not in repr(resolved) and resolved.settings.api_key != SERVER_KEY


def test_a_visitors_own_settings_stand_alone_with_their_own_key():
    visitor = settings_from_mapping({"base_url": "http://localhost:11434/v1", "model": "llama3.1",
                                     "api_key": "sk-visitor"})
    resolved = resolve(visitor, SERVER, allow_override=True)
    assert resolved.settings == visitor and not resolved.locked


def test_without_the_operators_permission_server_settings_are_fixed():
    visitor = settings_from_mapping({"base_url": "http://attacker.example/v1", "model": "x"})
    resolved = resolve(visitor, SERVER, allow_override=False)
    assert resolved.locked and resolved.from_server
    assert resolved.settings == SERVER


def test_without_visitor_settings_the_servers_are_used_and_not_locked_when_allowed():
    resolved = resolve(AISettings(), SERVER, allow_override=True)
    assert resolved.from_server and not resolved.locked
    assert resolved.settings == SERVER


def test_with_no_server_settings_a_visitor_sets_up_their_own():
    visitor = settings_from_mapping({"model": "gpt-4o-mini", "api_key": "sk-own"})
    resolved = resolve(visitor, AISettings(), allow_override=False)
    assert resolved.source == "visitor" and not resolved.locked
    assert resolve(AISettings(), AISettings(), allow_override=False).source == "none"


def test_a_server_key_without_a_model_neither_locks_the_page_nor_joins_the_visitors():
    # A developer's OPENAI_API_KEY in the environment is not a working server setup.
    server = settings_from_env({"OPENAI_API_KEY": SERVER_KEY})
    visitor = settings_from_mapping({"base_url": "http://localhost:1234/v1", "model": "qwen"})
    resolved = resolve(visitor, server, allow_override=False)
    assert not resolved.locked and resolved.source == "visitor"
    assert resolved.settings.api_key == ""
    assert resolve(AISettings(), server, allow_override=False).source == "none"


@pytest.mark.parametrize("secrets, env, allowed", [
    ({}, {}, False),
    ({"allow_visitor_override": True}, {}, True),
    ({"allow_visitor_override": "true"}, {}, True),
    ({"allow_visitor_override": False}, {}, False),
    ({"allow_visitor_override": "no"}, {}, False),
    ({}, {ALLOW_OVERRIDE_ENV: "1"}, True),
    ({}, {ALLOW_OVERRIDE_ENV: "TRUE"}, True),
    ({}, {ALLOW_OVERRIDE_ENV: "0"}, False),
    (None, {}, False),
])
def test_the_operator_allows_overrides_in_secrets_or_the_environment(secrets, env, allowed):
    assert override_allowed(secrets, env) is allowed


def test_secrets_win_over_the_environment_field_by_field():
    secrets = settings_from_mapping({"model": "secret-model", "base_url": "http://secret/v1"})
    env = settings_from_env({"KONSEPTIKONE_AI_MODEL": "env-model",
                             "KONSEPTIKONE_AI_API_KEY": "sk-env"})
    merged = merge(secrets, env)
    assert (merged.model, merged.base_url, merged.api_key) == (
        "secret-model", "http://secret/v1", "sk-env")


def test_is_set_sees_any_text_field_but_not_the_numeric_defaults():
    assert not is_set(AISettings(timeout=5, max_retries=3))
    assert is_set(AISettings(api_version="2024-10-21"))


def test_a_visitors_time_limit_or_retries_never_combine_with_the_servers_settings():
    from concept.ai_settings import AISettings, resolve, settings_from_mapping

    server = AISettings(base_url="http://operator/v1", api_key="sk-operator-key", model="m",
                        timeout=30.0)
    only_numbers = settings_from_mapping({"timeout": 300, "max_retries": 3})
    chosen = resolve(only_numbers, server, allow_override=True)
    assert chosen.source == "server" and chosen.settings == server
    own = settings_from_mapping({"base_url": "http://mine/v1", "model": "x", "timeout": 300,
                                 "max_retries": 0, "azure_deployment": "d"})
    chosen = resolve(own, server, allow_override=True)
    assert chosen.source == "visitor" and chosen.settings.api_key == ""
    assert (chosen.settings.timeout, chosen.settings.max_retries,
            chosen.settings.azure_deployment) == (300.0, 0, "d")
