"""The typed answers the model is asked for, and their schema for structured outputs."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Suggestion(BaseModel):
    text: str = Field(max_length=2000)
    reason: str = Field(default="", max_length=2000)


class Suggestions(BaseModel):
    suggestions: list[Suggestion] = Field(max_length=50)


class Critique(BaseModel):
    questions: list[str] = Field(max_length=30)
    risks: list[str] = Field(max_length=30)


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema in the strict form structured outputs accept."""

    def tidy(node: Any) -> Any:
        if isinstance(node, dict):
            node = {k: tidy(v) for k, v in node.items()
                    if k not in ("title", "default", "maxLength", "maxItems", "description")}
            if node.get("type") == "object":
                node["additionalProperties"] = False
                node["required"] = list(node.get("properties", {}))
            return node
        if isinstance(node, list):
            return [tidy(v) for v in node]
        return node

    return tidy(model.model_json_schema())
