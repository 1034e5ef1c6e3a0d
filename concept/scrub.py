"""Personal data stays home: before interview text goes to an AI server, the names the user
entered, e-mail addresses, phone numbers (Finnish and international), Finnish personal identity
codes and street addresses become placeholders such as [PERSON_1]; the answer gets them back.

Rules and a well-kept library (`phonenumbers`) only: nothing is downloaded at run time. Names
are matched in any letter case and with their Finnish case endings (Pekka, Pekan, Pekalle;
Korhonen, Korhosen): a common word that happens to share a name's stem is hidden too, which
costs the model a word but never leaks a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# Placeholders are in square brackets with an upper-case kind; the model is asked to keep them.
KINDS = ("PERSON", "EMAIL", "PHONE", "ID", "ADDRESS")
_PLACEHOLDER = re.compile(r"\[(?:" + "|".join(KINDS) + r")_\d+\]")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Finnish personal identity code: ddmmyy, century sign, individual number, check character.
_HETU = re.compile(r"\b(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[-+A-FU-Y]\d{3}[0-9A-Y]\b",
                   re.IGNORECASE)
_STREET_ENDINGS = ("katu", "kadu", "tie", "kuja", "polku", "väylä", "raitti", "ranta", "kaari",
                   "rinne", "aukio", "tori", "kulma", "puistikko", "bulevardi", "penger",
                   "gatan", "vägen", "gränd")
_HOUSE = r"(?:\s+\d{1,4}(?:\s?[A-Za-z](?:\s?\d{1,3})?)?(?:\s?as\.?\s?\d{1,3})?)?"
_STREET_FI = re.compile(
    r"\b[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?:" + "|".join(_STREET_ENDINGS) + r")[a-zåäö]*" + _HOUSE
    + r"(?:,?\s+\d{5}(?:\s+[A-ZÅÄÖ][a-zåäö]+)?)?")
_STREET_EN = re.compile(r"\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|"
                        r"Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl)\b\.?")
_POSTAL = re.compile(r"\b\d{5}\s+[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]+")
_WORD = re.compile(r"[\wåäöÅÄÖ-]+")


@dataclass
class Scrubbed:
    """The text to send and how to undo it: placeholder → original."""

    text: str
    originals: dict[str, str] = field(default_factory=dict)

    def restore(self, text: str) -> str:
        return _PLACEHOLDER.sub(lambda m: self.originals.get(m.group(0), m.group(0)), text)

    def counts(self) -> dict[str, int]:
        """How many different things of each kind were hidden."""
        found = dict.fromkeys(KINDS, 0)
        for placeholder in self.originals:
            found[placeholder[1:].rsplit("_", 1)[0]] += 1
        return found


def _stem_pattern(word: str) -> str:
    """A regex for a name with Finnish case endings: Korhonen → Korhose-n, Virtanen →
    Virtase-n, Pekka → Peka-n (consonant gradation of kk, pp, tt), any name → name-lle."""
    stems = [re.escape(word)]
    lower = word.lower()
    if len(word) >= 5 and lower.endswith("nen"):
        stems.append(re.escape(word[:-3]) + "se")
    if len(word) >= 4 and lower[-3] == lower[-2] and lower[-2] in "kpt":
        stems.append(re.escape(word[:-3] + word[-2:]))
    if len(word) >= 5 and lower[-1] in "aeiouyäö":
        stems.append(re.escape(word[:-1]))  # Laura → Lauraa, Lauran; Mäki → Mäe-n is missed
    return r"(?:" + "|".join(sorted(set(stems), key=len, reverse=True)) + r")[\wåäöÅÄÖ]*"


def _name_regex(names: Iterable[str]) -> re.Pattern[str] | None:
    """Full names first (longest first), then each of their words of three letters or more."""
    wholes: list[str] = []
    parts: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if len(name) < 2:
            continue
        words = _WORD.findall(name)
        if len(words) > 1:
            wholes.append(r"\s+".join(re.escape(w) for w in words[:-1]) + r"\s+"
                          + _stem_pattern(words[-1]))
        parts += [_stem_pattern(w) for w in words if len(w) >= 3]
    patterns = sorted(set(wholes), key=len, reverse=True) + sorted(set(parts), key=len,
                                                                      reverse=True)
    if not patterns:
        return None
    return re.compile(r"(?<![\wåäöÅÄÖ])(?:" + "|".join(patterns) + r")(?![\wåäöÅÄÖ])",
                      re.IGNORECASE)


def speaker_names(text: str) -> list[str]:
    """The speakers named at the start of transcript lines ("Pekka Korhonen: …"): caption files
    keep them, and they are real names."""
    found = re.findall(r"^([A-ZÅÄÖ][\wåäöÅÄÖ.-]*(?:\s+[A-ZÅÄÖ][\wåäöÅÄÖ.-]*){0,3}):\s",
                       text, re.MULTILINE)
    return list(dict.fromkeys(found))


def _phones(text: str) -> list[tuple[int, int]]:
    import phonenumbers

    spans = []
    for match in phonenumbers.PhoneNumberMatcher(text, "FI", leniency=phonenumbers.Leniency.VALID):
        spans.append((match.start, match.end))
    return spans


def scrub(text: str, names: Iterable[str] = ()) -> Scrubbed:
    """Replace personal data in `text` with numbered placeholders, one per distinct value."""
    result = Scrubbed(text)
    by_value: dict[tuple[str, str], str] = {}

    def placeholder(kind: str, value: str) -> str:
        key = (kind, value.casefold() if kind != "PERSON" else " ".join(value.split()).casefold())
        if key not in by_value:
            number = sum(1 for k in by_value if k[0] == kind) + 1
            by_value[key] = f"[{kind}_{number}]"
            result.originals[by_value[key]] = value
        return by_value[key]

    def replace(pattern: re.Pattern[str], kind: str, current: str) -> str:
        return pattern.sub(lambda m: placeholder(kind, m.group(0)), current)

    current = replace(_EMAIL, "EMAIL", text)
    current = replace(_HETU, "ID", current)
    current = replace(_STREET_FI, "ADDRESS", current)
    current = replace(_STREET_EN, "ADDRESS", current)
    current = replace(_POSTAL, "ADDRESS", current)
    # Phones after the codes and addresses, so their digits are not read as numbers.
    pieces, last = [], 0
    for start, end in _phones(current):
        if _PLACEHOLDER.search(current[start:end]):
            continue
        pieces += [current[last:start], placeholder("PHONE", current[start:end])]
        last = end
    current = "".join(pieces) + current[last:]
    regex = _name_regex(names)
    if regex is not None:
        current = regex.sub(lambda m: placeholder("PERSON", m.group(0)), current)
    result.text = current
    return result
