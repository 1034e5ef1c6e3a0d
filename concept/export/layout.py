"""Layout rules the PDF and DOCX renderers share: how a table's width is divided."""

from __future__ import annotations


def share_widths(wants: list[float], mins: list[float], total: float) -> list[float]:
    """Divide `total` between columns in proportion to `wants` (how much text each holds), but
    never below a column's minimum (its longest word), unless even the minimums do not fit."""
    if sum(mins) >= total:
        return [m * total / sum(mins) for m in mins]
    widths = [total * w / sum(wants) for w in wants]
    fixed: set[int] = set()
    for _ in range(len(widths)):
        short = {i for i, w in enumerate(widths) if w < mins[i] - 0.01} - fixed
        if not short:
            break
        fixed |= short
        free = total - sum(mins[i] for i in fixed)
        rest = sum(wants[i] for i in range(len(wants)) if i not in fixed)
        widths = [mins[i] if i in fixed else free * wants[i] / rest
                  for i in range(len(widths))]
    return widths


def text_weight(cells: list[str]) -> float:
    """How much room a column's text asks for: its average length, long texts capped."""
    return max(sum(min(len(c), 300) for c in cells) / max(len(cells), 1), 3.0)


def longest_word(texts: list[str]) -> str:
    # Words over 30 characters (links, hashes) are left to break; they would starve the rest.
    words = [w for text in texts for w in text.split() if len(w) <= 30]
    return max(words, key=len, default="")
