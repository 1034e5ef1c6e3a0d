"""Where the AI endpoint comes from: environment variables, a secrets mapping or the session.

Any OpenAI-compatible server works (OpenAI, Azure OpenAI, Ollama, LM Studio, vLLM). The API key
is held only in memory; `AISettings` never shows it in its repr, so a stray log line or
traceback cannot leak it.

The server's settings (secrets and environment, the operator's) and a visitor's settings (the
Settings page, one browser session) never combine: a visitor who could set only the address
would otherwise have the server send the operator's key there. With server settings, visitors use
them as they are unless the operator allows overrides; a visitor's own settings then stand alone.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

ENV_PREFIX = "KONSEPTIKONE_AI_"
DEFAULT_TIMEOUT = 60.0
DEFAULT_MAX_RETRIES = 1
# Local servers (Ollama, LM Studio) ignore the key, but the openai client insists on one.
PLACEHOLDER_KEY = "not-needed"


@dataclass(frozen=True)
class AISettings:
    base_url: str = ""
    api_key: str = field(default="", repr=False)
    model: str = ""
    api_version: str = ""  # Azure OpenAI only
    azure_deployment: str = ""  # Azure OpenAI only; defaults to the model name
    timeout: float = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES

    @property
    def configured(self) -> bool:
        """Enough to try a request: a model, and a server address or a key for OpenAI itself."""
        return bool(self.model.strip() and (self.base_url.strip() or self.api_key.strip()))

    @property
    def is_azure(self) -> bool:
        return bool(self.api_version.strip()) or ".openai.azure.com" in self.base_url.lower()

    @property
    def endpoint_label(self) -> str:
        """The address shown in messages (never the key)."""
        return self.base_url.strip() or "https://api.openai.com/v1"


TEXT_FIELDS = ("base_url", "api_key", "model", "api_version", "azure_deployment")
ENV_NAMES = {name: ENV_PREFIX + name.upper() for name in TEXT_FIELDS}
ENV_NAMES["timeout"] = ENV_PREFIX + "TIMEOUT"
ENV_NAMES["max_retries"] = ENV_PREFIX + "MAX_RETRIES"
# The operator's switch (the [ai] table of secrets.toml, or the environment) that lets visitors
# replace the server's settings with their own.
ALLOW_OVERRIDE = "allow_visitor_override"
ALLOW_OVERRIDE_ENV = ENV_PREFIX + "ALLOW_VISITOR_OVERRIDE"
_TRUE = {"1", "true", "yes", "on"}


def _number(value: Any, kind: type, default: Any, low: float, high: float) -> Any:
    try:
        number = kind(value)
    except (TypeError, ValueError):
        return default
    return min(max(number, kind(low)), kind(high))


def settings_from_mapping(values: Mapping[str, Any] | None) -> AISettings:
    """Settings from a plain mapping (a `[ai]` table of secrets.toml, the settings form)."""
    values = values or {}
    text = {name: str(values.get(name) or "").strip() for name in TEXT_FIELDS}
    timeout = _number(values.get("timeout"), float, DEFAULT_TIMEOUT, 1, 600)
    retries = _number(values.get("max_retries"), int, DEFAULT_MAX_RETRIES, 0, 3)
    return AISettings(**text, timeout=timeout, max_retries=retries)


def settings_from_env(environ: Mapping[str, str] | None = None) -> AISettings:
    """KONSEPTIKONE_AI_BASE_URL, _API_KEY (or OPENAI_API_KEY), _MODEL, _API_VERSION, ..."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {name: env.get(var, "") for name, var in ENV_NAMES.items()}
    if not values["api_key"]:
        values["api_key"] = env.get("OPENAI_API_KEY", "")
    return settings_from_mapping(values)


def merge(*layers: AISettings) -> AISettings:
    """The first layer's value wins for each field that it sets. Only for layers of one owner
    (the server's secrets over its environment), never for a visitor's settings: see `resolve`."""
    result = AISettings()
    defaults = AISettings()
    for layer in reversed(layers):
        changes = {f.name: getattr(layer, f.name) for f in fields(AISettings)
                   if getattr(layer, f.name) != getattr(defaults, f.name)}
        result = replace(result, **changes)
    return result


def is_set(settings: AISettings) -> bool:
    """True when any address, key, model or deployment field is filled in."""
    return any(str(getattr(settings, name)).strip() for name in TEXT_FIELDS)


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in _TRUE


def override_allowed(secrets: Mapping[str, Any] | None,
                     environ: Mapping[str, str] | None = None) -> bool:
    """The operator lets visitors use their own settings instead of the server's:
    `allow_visitor_override = true` in the [ai] secrets, or the environment variable
    KONSEPTIKONE_AI_ALLOW_VISITOR_OVERRIDE."""
    env = os.environ if environ is None else environ
    return _truthy((secrets or {}).get(ALLOW_OVERRIDE)) or _truthy(env.get(ALLOW_OVERRIDE_ENV))


@dataclass(frozen=True)
class Resolved:
    """The settings in force for one visitor, and whose they are."""

    settings: AISettings
    source: str  # "none" | "server" | "visitor"
    locked: bool  # the server's settings are fixed: the visitor cannot replace them

    @property
    def from_server(self) -> bool:
        return self.source == "server"


def resolve(visitor: AISettings, server: AISettings, allow_override: bool) -> Resolved:
    """The visitor's own settings alone, or the server's alone; never a mix of the two.

    With usable server settings and no override allowed, the visitor's are ignored (the page
    shows the server's as fixed). Otherwise a visitor who set anything uses exactly that: no key,
    address or model of the server's is added to it. Server settings that cannot work (say an
    OPENAI_API_KEY in the environment without a model) do not lock the page.
    """
    server_set = server.configured
    locked = server_set and not allow_override
    if is_set(visitor) and not locked:
        return Resolved(visitor, "visitor", locked)
    if server_set:
        return Resolved(server, "server", locked)
    return Resolved(AISettings(), "none", locked)
