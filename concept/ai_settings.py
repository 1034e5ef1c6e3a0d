"""Where the AI endpoint comes from: environment variables, a secrets mapping or the session.

Any OpenAI-compatible server works (OpenAI, Azure OpenAI, Ollama, LM Studio, vLLM). The API key
is held only in memory; `AISettings` never shows it in its repr, so a stray log line or
traceback cannot leak it.
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
    """The first layer's value wins for each field that it sets (session > secrets > env)."""
    result = AISettings()
    defaults = AISettings()
    for layer in reversed(layers):
        changes = {f.name: getattr(layer, f.name) for f in fields(AISettings)
                   if getattr(layer, f.name) != getattr(defaults, f.name)}
        result = replace(result, **changes)
    return result
