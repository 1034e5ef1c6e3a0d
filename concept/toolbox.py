"""The workshop side tools (the "Toolbox" section of the navigation), in the method's order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tool:
    key: str
    page: str
    icon: str

    @property
    def title_key(self) -> str:
        return f"tool.{self.key}.title"


# Filled as the side tools are built; each entry is one page in pages/.
TOOLS: tuple[Tool, ...] = ()
