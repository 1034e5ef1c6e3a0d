"""The concept description (konseptikuvaus) as a structured, renderer-neutral document.

`build_document(concept, lang)` gathers everything entered into sections of plain-text blocks
(headings, paragraphs, bullet lists, tables, label–value lists). The renderers in
`concept/export/` and the preview page only lay these blocks out; they never read the concept.
Section and label texts come from the catalogs in the export language; user text is kept as
entered, minus control characters that no document format can carry. Sections, tables, rows and
columns with nothing the user entered are left out (methodology §7). A draft ends with the
appendix of the analyses' findings; the final document leaves it out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from concept.checks import all_findings
from concept.figures import document_figures
from concept.formatting import format_day, format_number, format_percent
from concept.i18n import enum_label, has, t
from concept.labels import horizon_label, stage_label
from concept.model import Concept, CustomerProfile, Journey, Touchpoint
from concept.steps import STEP_KEYS

# C0 controls other than tab and newline, DEL, C1 controls, lone surrogates and the two
# non-characters XML forbids: none of them can be written to DOCX (XML) and none carry meaning.
_ILLEGAL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def clean(text: object) -> str:
    """User text as entered, with line breaks unified and unprintable control characters gone."""
    value = "" if text is None else str(text)
    return _ILLEGAL.sub("", _LINE_BREAKS.sub("\n", value))


# --- The document's building blocks ----------------------------------------------------------


@dataclass
class Heading:
    """A sub-heading inside a section (the section title itself is level 1)."""

    text: str
    level: int = 2


@dataclass
class Paragraph:
    text: str


@dataclass
class Bullets:
    items: list[str]


@dataclass
class KeyValue:
    """Label–value pairs, e.g. "Who: remote workers"."""

    items: list[tuple[str, str]]


@dataclass
class Curve:
    """The emotion curve of a journey map, drawn across the stage columns in row `row` of its
    table: one picture spanning those columns, each point over the middle of its stage. The
    row's cells keep the emotions as words (the labels under the points)."""

    row: int
    values: list[int | None]  # per stage column, in order


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    # A map laid out across: paged formats give it landscape pages, the first column (the row
    # names) repeated on each page when the columns continue.
    landscape: bool = False
    curve: Curve | None = None

    def columns(self, indexes: list[int]) -> Table:
        """The table of only these columns (the first, the row names, among them), its curve
        cut to the same stages."""
        curve = None
        if self.curve is not None:
            curve = Curve(self.curve.row, [self.curve.values[i - 1] for i in indexes if i > 0])
        return Table([self.headers[i] for i in indexes],
                     [[row[i] if i < len(row) else "" for i in indexes] for row in self.rows],
                     self.landscape, curve)


@dataclass
class Figure:
    """A chart (a Vega-Lite spec from concept.figures) with its caption; renderers draw it."""

    caption: str
    spec: dict[str, Any]


Block = Heading | Paragraph | Bullets | KeyValue | Table | Figure


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Cover:
    title: str
    kind: str  # "Concept description" / "Konseptikuvaus"
    tagline: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)
    # The running footer of paged formats: the name, and "Draft" while the concept is a draft.
    footer: str = ""
    author: str = ""
    # The short description, so the cover is not mostly blank (cut: the summary has it whole).
    summary: str = ""


@dataclass
class Document:
    lang: str
    cover: Cover
    sections: list[Section] = field(default_factory=list)
    contents_title: str = ""  # "Contents" / "Sisällys", for the paged formats' table of contents

    @property
    def title(self) -> str:
        return self.cover.title

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


# --- Helpers that skip what is empty ---------------------------------------------------------


class _Blocks(list):
    """A list of blocks whose adders ignore empty content, so no empty block is ever made."""

    def heading(self, text: str, level: int = 2) -> None:
        self.append(Heading(clean(text), level))

    def paragraph(self, text: str) -> None:
        if clean(text).strip():
            self.append(Paragraph(clean(text).strip()))

    def bullets(self, items: Iterable[str]) -> None:
        kept = [clean(i).strip() for i in items if clean(i).strip()]
        if kept:
            self.append(Bullets(kept))

    def key_values(self, items: Iterable[tuple[str, str]]) -> None:
        kept = [(clean(k), clean(v).strip()) for k, v in items if clean(v).strip()]
        if kept:
            self.append(KeyValue(kept))

    def table(self, headers: list[str], rows: Iterable[list[str]],
              landscape: bool = False) -> None:
        """A table without its empty rows and without the columns nobody filled in."""
        kept = [[clean(c).strip() for c in row] for row in rows]
        kept = [row for row in kept if any(row)]
        columns = [i for i in range(len(headers)) if any(row[i] for row in kept)]
        if kept:
            self.append(Table([clean(headers[i]) for i in columns],
                              [[row[i] for i in columns] for row in kept], landscape))

    def has_content(self) -> bool:
        return any(not isinstance(b, Heading) for b in self)


def _drop_empty_headings(blocks: list[Block]) -> list[Block]:
    """Remove sub-headings with nothing under them before the next heading of the same level."""
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Heading):
            following = blocks[index + 1:]
            body = next((b for b in following
                         if not isinstance(b, Heading) or b.level <= block.level), None)
            if body is None or isinstance(body, Heading):
                continue
        kept.append(block)
    return kept


def cut(text: str, limit: int) -> str:
    """`text` on one line, at most `limit` characters: cut at a word with "…" when longer."""
    flat = " ".join(clean(text).split())
    if len(flat) <= limit:
        return flat
    head = flat[:limit - 1]
    if " " in head[limit // 2:]:
        head = head[:head.rindex(" ")]
    return head.rstrip(" ,.;:–-") + "…"


def _columns(*lists: list[str]) -> list[list[str]]:
    """Lists side by side as table rows (shorter lists padded with empty cells)."""
    rows = max((len(items) for items in lists), default=0)
    return [[items[i] if i < len(items) else "" for items in lists] for i in range(rows)]


def _score(value: int | None) -> str:
    return f"{value}/5" if value is not None else ""


def _join(values: Iterable[str], sep: str = ", ") -> str:
    return sep.join(v for v in (clean(x).strip() for x in values) if v)


def _day(iso: str, lang: str) -> str:
    try:
        return format_day(date.fromisoformat(iso.strip()), lang)
    except ValueError:
        return clean(iso)


Variant = Literal["draft", "final"]


class _Builder:
    def __init__(self, concept: Concept, lang: str, variant: Variant) -> None:
        self.concept = concept
        self.lang = lang
        self.variant = variant

    def t(self, key: str, **kw: object) -> str:
        return t(key, self.lang, **kw)

    def field(self, name: str) -> str:
        return t(f"field.{name}", self.lang)

    def enum(self, name: str, value: str | None) -> str:
        return enum_label(name, value, self.lang)

    def yes(self, flag: bool) -> str:
        return self.t("doc.yes") if flag else ""

    # --- cover and summary ---

    def cover(self, today: date) -> Cover:
        c = self.concept
        meta = [
            (self.t("doc.cover.date"), format_day(today, self.lang)),
            (self.field("author"), clean(c.author).strip()),
            (self.field("organisation"), clean(c.organisation).strip()),
            (self.field("industry"), clean(c.industry).strip()),
            (self.field("status"), self.enum("concept_status", self.variant)),
        ]
        return Cover(
            title=clean(c.name).strip() or self.t("doc.untitled"),
            kind=self.t("doc.kind"),
            tagline=clean(c.description.tagline).strip(),
            meta=[(label, value) for label, value in meta if value],
            footer=self._footer(),
            author=clean(c.author).strip(),
            summary=cut(c.description.short_description, 600),
        )

    def _footer(self) -> str:
        name = clean(self.concept.name).strip()[:80] or self.t("doc.untitled")
        if self.variant == "draft":
            return self.t("doc.footer_draft", name=name,
                          status=self.enum("concept_status", "draft"))
        return name

    def summary(self, b: _Blocks) -> None:
        c = self.concept
        b.paragraph(c.description.short_description)
        b.key_values([
            (self.field("key_promise"), c.value_proposition.key_promise),
            (self.field("statement"), c.value_proposition.statement),
        ])

    # --- the concept on a page ---

    def onepager(self, b: _Blocks) -> None:
        """The concept on one page: long texts cut with "…" here only, never elsewhere."""
        c, desc, idea = self.concept, self.concept.description, self.concept.idea
        vp = c.value_proposition
        b.key_values([(self.t("doc.onepager.tagline"), cut(desc.tagline, 140)),
                      (self.field("background"), cut(c.background, 260)),
                      (self.field("objective"), cut(c.objective, 260))])
        b.key_values([
            (self.t("doc.glance.who"), cut(desc.who.strip() or idea.who, 220)),
            (self.t("doc.glance.what_value"), cut(desc.what_value.strip() or idea.what_value,
                                                  220)),
            (self.t("doc.glance.how"), cut(desc.how.strip() or idea.how, 220)),
            (self.field("key_promise"), cut(vp.key_promise, 220)),
        ])
        proofs = [cut(r, 110) for r in vp.reasons_to_believe if r.strip()][:3]
        if proofs:
            b.heading(self.field("reasons_to_believe"))
            b.bullets(proofs)
        profile = c.primary_profile()
        if profile is not None:
            def top(items, score) -> list[str]:
                kept = [i for i in items if i.text.strip()]
                return [cut(i.text, 90) for i in sorted(kept, key=score, reverse=True)[:3]]

            b.heading(self.t("doc.onepager.profile",
                             name=cut(profile.name, 80) or self.t("doc.unnamed")))
            b.table([self.field("jobs"), self.field("pains"), self.field("gains")],
                    _columns(top(profile.jobs, lambda j: j.importance),
                             top(profile.pains, lambda p: p.severity),
                             top(profile.gains, lambda g: g.relevance)))
        from concept.checks.competition import effective_class

        edge = [cut(a.name, 110) for a in c.competition.attributes
                if a.name.strip() and effective_class(a, c.competition) == "pod"][:3]
        if edge:
            b.heading(self.t("doc.onepager.edge"))
            b.bullets(edge)
        excluded = [cut(e.text, 110) for e in desc.exclusions if e.text.strip()][:3]
        if excluded:
            b.heading(self.t("doc.section.exclusions"))
            b.bullets(excluded)

    def background(self, b: _Blocks) -> None:
        b.key_values([(self.field("background"), self.concept.background),
                      (self.field("objective"), self.concept.objective)])
        brief = self.concept.brief
        if brief.text.strip():  # the consultant's brief a draft was made from
            when = _day(brief.added.date().isoformat(), self.lang) if brief.added else ""
            b.key_values([(self.t("brief.doc.source"), self.t(
                "brief.doc.source_value", name=brief.file_name or self.t("brief.doc.pasted"),
                date=when))])

    def at_a_glance(self, b: _Blocks) -> None:
        desc, idea = self.concept.description, self.concept.idea
        # The final answers of the value step; until they are written, the starting idea.
        b.key_values([
            (self.t("doc.glance.who"), desc.who.strip() or idea.who),
            (self.t("doc.glance.what_value"), desc.what_value.strip() or idea.what_value),
            (self.t("doc.glance.how"), desc.how.strip() or idea.how),
            (self.field("category"), desc.category),
            (self.field("differentiation"), desc.differentiation),
        ])

    # --- profiles ---

    def profiles(self, b: _Blocks) -> None:
        primary = self.concept.primary_profile()
        for profile in self.concept.profiles:
            name = clean(profile.name).strip() or self.t("doc.unnamed")
            if primary is profile and len(self.concept.profiles) > 1:
                name = self.t("doc.profiles.primary", name=name)
            b.heading(name)
            b.paragraph(profile.summary)
            b.key_values([
                (self.field("business_importance"), _score(profile.business_importance)),
                (self.field("service_difficulty"), _score(profile.service_difficulty)),
                (self.field("experience_essentials"), _join(profile.experience_essentials)),
            ])
            # The evidence column appears once the concept has research to show (issue 16).
            level = self._evidence_column()
            extra = [self.t("evidence.title")] if self._has_research else []
            b.table([self.field("jobs"), self.field("type"), self.field("importance"),
                      self.field("current_satisfaction"), *extra],
                     [[j.text, self.enum("job_type", j.type), _score(j.importance),
                       _score(j.current_satisfaction), *level(j)]
                      for j in profile.jobs if j.text.strip()])
            b.table([self.field("pains"), self.field("type"), self.field("severity"), *extra],
                    [[p.text, self.enum("pain_type", p.type), _score(p.severity), *level(p)]
                     for p in profile.pains if p.text.strip()])
            b.table([self.field("gains"), self.field("type"), self.field("relevance"), *extra],
                    [[g.text, self.enum("gain_type", g.type), _score(g.relevance), *level(g)]
                     for g in profile.gains if g.text.strip()])

    @property
    def _has_research(self) -> bool:
        from concept.evidence import has_research

        return has_research(self.concept)

    def _evidence_column(self) -> Callable[[Any], list[str]]:
        """Each item's evidence level as a cell; no cell while the concept has no interviews
        and names no source (a column would only say "assumption" everywhere)."""
        from concept.evidence import evidence_label

        if not self._has_research:
            return lambda item: []
        return lambda item: [evidence_label(self.concept, item, self.lang)]

    def interviews(self, b: _Blocks) -> None:
        """Appendix: the interviews (pseudonyms only) and the quotes behind the key items."""
        from concept.evidence import interviews_appendix

        interviews, quotes = interviews_appendix(self.concept, self.lang)
        b.table([self.t("interviews.pseudonym"), self.t("interviews.group"),
                 self.t("interviews.date"), self.t("doc.interviews.quotes")], interviews)
        if quotes:
            b.heading(self.t("doc.interviews.quotes_title"), 3)
            b.table([self.t("doc.interviews.item"), self.t("evidence.title"),
                     self.t("doc.interviews.quotes")], quotes)

    # --- value proposition ---

    def value(self, b: _Blocks) -> None:
        from concept.checks.value import fit

        c = self.concept
        vp = c.value_proposition
        body = _Blocks()
        jobs = {j.id: j.text for j in c.all_jobs()}
        body.table([self.field("products_services"), self.field("description"),
                    self.field("job_ids")],
                   [[p.name, p.description, _join(jobs.get(i, "") for i in p.job_ids)]
                    for p in vp.products_services])
        # Until a pain reliever or gain creator is written, the fit would be rows of "not
        # answered yet" and 0 %: what the customer needs is in the profiles section already.
        answered = any(r.text.strip() for r in [*vp.pain_relievers, *vp.gain_creators])
        result = fit(c)
        touchpoints = {tp.id: tp.name for tp in c.all_touchpoints()}
        rows = []
        for pain in result.top_pains if answered else ():
            answers = [r for r in vp.pain_relievers if pain.id in r.pain_ids]
            rows.append([self.t("doc.value.pain"), pain.text, _score(pain.severity),
                         _join((r.text for r in answers), "\n") or self.t("doc.value.none"),
                         _join((touchpoints.get(i, "") for r in answers
                                for i in r.touchpoint_ids), "\n")])
        for gain in result.top_gains if answered else ():
            answers = [g for g in vp.gain_creators if gain.id in g.gain_ids]
            rows.append([self.t("doc.value.gain"), gain.text, _score(gain.relevance),
                         _join((g.text for g in answers), "\n") or self.t("doc.value.none"),
                         _join((touchpoints.get(i, "") for g in answers
                                for i in g.touchpoint_ids), "\n")])
        if rows:
            body.heading(self.t("doc.value.fit_heading"))
            if result.share is not None:
                body.paragraph(self.t("doc.value.fit_share",
                                      share=format_percent(result.share, self.lang)))
            body.table([self.t("doc.value.kind"), self.t("doc.value.need"),
                        self.t("doc.value.weight"), self.t("doc.value.answer"),
                        self.field("touchpoints")], rows)
        # Relievers and creators that answer nothing in the top lists still belong to the map.
        top_ids = {p.id for p in result.top_pains} | {g.id for g in result.top_gains}
        others = [r.text for r in vp.pain_relievers if not set(r.pain_ids) & top_ids]
        others += [g.text for g in vp.gain_creators if not set(g.gain_ids) & top_ids]
        if any(o.strip() for o in others):
            body.heading(self.t("doc.value.other_answers"))
            body.bullets(others)
        if any(r.strip() for r in vp.reasons_to_believe):
            body.heading(self.field("reasons_to_believe"))
            body.bullets(vp.reasons_to_believe)
        scores = vp.quality_self_check.scores()
        if scores:
            body.heading(self.t("value.quality.title"))
            body.table([self.t("doc.value.criterion"), self.t("doc.value.score")],
                       [[self.t(f"value.quality.{key}"), _score(score)]
                        for key, score in scores.items()])
        # The chosen profile alone is no value proposition: it is named only above content.
        profile = c.profile(vp.profile_id)
        if body.has_content() and profile is not None and profile.name.strip():
            b.key_values([(self.field("profile_id"), profile.name)])
        b.extend(body)

    # --- journey ---

    def journey(self, b: _Blocks) -> None:
        several = len(self.concept.target_journeys()) > 1
        for journey in self.concept.target_journeys():
            if not (journey.stages or journey.touchpoints or journey.entry_point.strip()):
                continue
            profile = self.concept.profile(journey.profile_id)
            if several or profile is not None:
                b.heading(self._journey_title(journey, profile))
            b.key_values([
                (self.field("entry_point"), journey.entry_point),
                (self.field("scope_start"), journey.scope_start),
                (self.field("scope_end"), journey.scope_end),
            ])
            b.table([self.field("stages"), self.field("customer_goal"), self.field("emotion"),
                     self.field("successes"), self.field("failures")],
                    [[self._stage_name(s.name, s.is_beyond_concept), s.customer_goal,
                      self._emotion(s.emotion), _join(s.successes, "\n"),
                      _join(s.failures, "\n")] for s in journey.stages])
            b.table([self.field("stage_id"), self.field("touchpoints"), self.field("channel"),
                     self.field("dev_status")],
                    [[stage, self._touchpoint_name(tp), self.enum("channel", tp.channel),
                      self.enum("dev_status", tp.dev_status)]
                     for stage, tp in self._ordered_touchpoints(journey)])
            self._journey_map(b, journey)

    def _journey_map(self, b: _Blocks, journey: Journey) -> None:
        """The journey as people draw it: stages as columns, a row per aspect (landscape)."""
        stages = journey.stages
        if not stages:
            return
        points = {s.id: [tp for tp in journey.touchpoints if tp.stage_id == s.id]
                  for s in stages}

        def touchpoint(tp: Touchpoint) -> str:
            channel = self.enum("channel", tp.channel)
            return self._touchpoint_name(tp) + (f" ({channel})" if channel else "")

        rows = [
            (self.field("customer_goal"), [s.customer_goal for s in stages]),
            (self.field("touchpoints"),
             [_join((touchpoint(tp) for tp in points[s.id]), "\n") for s in stages]),
            (self.field("emotion"), [self._emotion(s.emotion) for s in stages]),
            (self.field("successes"), [_join(s.successes, "\n") for s in stages]),
            (self.field("failures"), [_join(s.failures, "\n") for s in stages]),
            (self.field("dev_status"),
             [_join((f"{clean(tp.name).strip() or self.t('doc.unnamed')}: "
                     f"{self.enum('dev_status', tp.dev_status)}" for tp in points[s.id]), "\n")
              for s in stages]),
        ]
        # The map's name sits in its top-left cell, so it never stays behind on the page before.
        names = [f"{i + 1}. {self._stage_name(s.name, s.is_beyond_concept)}"
                 for i, s in enumerate(stages)]
        kept = [[label, *cells] for label, cells in rows if any(c.strip() for c in cells)]
        b.table([self.t("doc.journey.map"), *names], kept, landscape=True)
        emotion = [i for i, row in enumerate(kept) if row[0] == self.field("emotion")]
        if emotion:
            table = b[-1]
            # The stages the table kept (a stage with nothing entered has no column).
            shown = [i for i in range(1, len(stages) + 1) if any(clean(row[i]).strip()
                                                                  for row in kept)]
            table.curve = Curve(emotion[0], [stages[i - 1].emotion for i in shown])

        self._current_journeys(b)

    def _current_journeys(self, b: _Blocks) -> None:
        """Each current journey (mapped from interviews) and, with a target journey beside it,
        the two side by side stage by stage (issue 16)."""
        from concept.journeys import side_by_side

        for current in self.concept.journeys:
            if current.kind != "current" or not current.stages:
                continue
            profile = self.concept.profile(current.profile_id)
            name = (clean(profile.name).strip() if profile else "") or self.t("doc.unnamed")
            b.heading(self.t("doc.journey_compare.current_title", name=name))
            b.table([self.field("stages"), self.field("emotion"), self.field("successes"),
                     self.field("failures")],
                    [[self._stage_name(s.name, s.is_beyond_concept), self._emotion(s.emotion),
                      _join(s.successes, "\n"), _join(s.failures, "\n")]
                     for s in current.stages])
            target = self.concept.journey_for(current.profile_id)
            if target is None or not target.stages:
                continue
            b.heading(self.t("doc.journey_compare.compare_title", name=name))
            b.table([self.t("journeys.kind.current"), self.t("journeys.emotion_current"),
                     self.t("journeys.kind.target"), self.t("journeys.emotion_target")],
                    [[clean(p.current.name) if p.current else self.t("journeys.only_target"),
                      self._emotion(p.current.emotion) if p.current else "",
                      clean(p.target.name) if p.target else self.t("journeys.only_current"),
                      self._emotion(p.target.emotion) if p.target else ""]
                     for p in side_by_side(current, target)])

    def _journey_title(self, journey: Journey, profile: CustomerProfile | None) -> str:
        name = clean(profile.name).strip() if profile is not None else ""
        return self.t("doc.journey.of_profile", name=name or self.t("doc.unnamed"))

    def _stage_name(self, name: str, beyond: bool) -> str:
        name = clean(name).strip() or self.t("doc.unnamed")
        return self.t("doc.journey.beyond", name=name) if beyond else name

    def _emotion(self, value: int | None) -> str:
        return "" if value is None else self.enum("emotion", str(value))

    def _touchpoint_name(self, tp: Touchpoint) -> str:
        name = clean(tp.name).strip() or self.t("doc.unnamed")
        return self.t("doc.journey.moment_of_truth", name=name) if tp.is_moment_of_truth else name

    def _ordered_touchpoints(self, journey: Journey) -> list[tuple[str, Touchpoint]]:
        order = {s.id: i for i, s in enumerate(journey.stages)}
        names = {s.id: clean(s.name).strip() for s in journey.stages}
        ordered = sorted(journey.touchpoints, key=lambda tp: order.get(tp.stage_id, len(order)))
        return [(names.get(tp.stage_id, ""), tp) for tp in ordered]

    # --- purchase process ---

    def purchase(self, b: _Blocks) -> None:
        from concept.checks import purchase as analysis

        c = self.concept
        stages = c.purchase_process.stages
        touchpoints = c.all_touchpoints()
        # Touchpoints placed on no purchase stage would make every stage a "gap": the purchase
        # step was not done yet, and the document says nothing about it.
        if any(tp.purchase_stage_keys for tp in touchpoints):
            weights = analysis.stage_weights(c)
            shares = analysis.stage_shares(c)
            names = {}
            for tp in touchpoints:
                for key in tp.purchase_stage_keys:
                    names.setdefault(key, []).append(clean(tp.name).strip())
            b.table([self.t("doc.purchase.stage"), self.t("doc.purchase.weight"),
                     self.t("doc.purchase.share"), self.field("touchpoints")],
                    [[stage_label(s, self.lang),
                      format_number(weights.get(s.key, 0.0), self.lang),
                      format_percent(shares.get(s.key, 0.0), self.lang),
                      _join(names.get(s.key, []), "\n") or self.t("doc.purchase.gap")]
                     for s in stages])
            balance = analysis.balance_index(c)
            if balance is not None:
                b.paragraph(self.t("doc.purchase.balance",
                                   index=format_number(balance, self.lang, digits=0)))
            found = [f for f in analysis.findings(c) if f.severity in ("gap", "warn")]
            if found:
                b.heading(self.t("doc.purchase.gaps"))
                b.bullets(f.message(self.lang) for f in found)
        details = []
        for s in stages:
            items = [
                (self.field("info_needs"), s.info_needs),
                (self.field("decision_makers"),
                 _join(self.enum("person_role", r) for r in s.decision_makers)),
                (self.field("triggers_to_next"), s.triggers_to_next),
                (self.field("drop_off_risks"), s.drop_off_risks),
            ]
            if any(clean(v).strip() for _, v in items):
                details.append((stage_label(s, self.lang), items))
        if details:
            b.heading(self.t("doc.purchase.details"))
            for label, items in details:
                b.heading(label, level=3)
                b.key_values(items)
        b.paragraph(c.purchase_process.notes)

    # --- experience over time ---

    def experience(self, b: _Blocks) -> None:
        exp = self.concept.experience
        b.key_values([(self.field("intended_pattern"),
                       self.enum("experience_pattern", exp.intended_pattern))])
        for horizon in exp.horizons:
            items = [
                (self.field("essentials"), _join(horizon.essentials)),
                (self.field("target_experience"), horizon.target_experience),
                (self.field("target_rating"), self._emotion(horizon.target_rating)),
                (self.field("delight_moments"), _join(horizon.delight_moments)),
                (self.field("churn_risks"), _join(horizon.churn_risks)),
            ]
            if any(v.strip() for _, v in items):
                b.heading(horizon_label(horizon, self.lang) or self.t("doc.unnamed"))
                b.key_values(items)
        b.paragraph(exp.notes)

    # --- relationships ---

    def relationships(self, b: _Blocks) -> None:
        rel = self.concept.relationship
        b.key_values([
            (self.field("types"), _join(self.enum("relationship_type", x) for x in rel.types)),
            (self.field("closeness"), _score(rel.closeness)),
            (self.field("duration"), self.enum("relationship_duration", rel.duration)),
            (self.field("contact_frequency"), self.enum("contact_frequency",
                                                        rel.contact_frequency)),
            (self.field("rationale_for_value_proposition"),
             rel.rationale_for_value_proposition),
            (self.field("honesty_note"), rel.honesty_note),
            (self.field("impact_on_journey"), rel.impact_on_journey),
            (self.field("impact_on_purchase"), rel.impact_on_purchase),
        ])
        if rel.people:
            b.heading(self.field("people"))
            b.table([self.field("role"), self.field("description"), self.field("influence"),
                     self.field("needs_own_touchpoints")],
                    [[self.enum("person_role", p.role), p.description, _score(p.influence),
                      self.yes(p.needs_own_touchpoints)] for p in rel.people])

    # --- competitive edge ---

    def competition(self, b: _Blocks) -> None:
        from concept.checks.competition import effective_class

        comp = self.concept.competition
        b.key_values([
            (self.field("frame_of_reference"), comp.frame_of_reference),
            (self.field("what_if_no_concept"), comp.what_if_no_concept),
        ])
        if comp.competitors:
            b.heading(self.field("competitors"))
            b.table([self.t("doc.competition.competitor"), self.field("type"),
                     self.field("strengths"), self.field("weaknesses")],
                    [[x.name, self.enum("competitor_type", x.type), _join(x.strengths, "\n"),
                      _join(x.weaknesses, "\n")] for x in comp.competitors])
        groups: dict[str, list[str]] = {}
        for attribute in comp.attributes:
            if not attribute.name.strip():
                continue
            best = max((s.score for s in attribute.competitor_scores), default=None)
            line = self.t("doc.competition.attribute", name=clean(attribute.name).strip(),
                          ours=attribute.our_score,
                          best=best if best is not None else "–")
            proof = _join(attribute.proof_points, "; ")
            if proof:
                line += " – " + self.t("doc.competition.proof", proof=proof)
            groups.setdefault(effective_class(attribute, comp), []).append(line)
        for heading, classes in (("doc.competition.in_the_game", ("pop_category",
                                                                  "pop_competitive")),
                                 ("doc.competition.edge", ("pod",)),
                                 ("doc.competition.weaknesses", ("disadvantage",))):
            lines = [line for cls in classes for line in groups.get(cls, [])]
            if lines:
                b.heading(self.t(heading))
                b.bullets(lines)

    # --- exclusions, open questions, findings ---

    # --- extended tools (methodology §5.9) ---

    def ecosystem(self, b: _Blocks) -> None:
        actors = [a for a in self.concept.toolbox.ecosystem if a.name.strip()]
        b.table([self.t("doc.extended.actor"), self.t("doc.extended.roles"),
                 self.t("doc.extended.new")],
                [[a.name, _join(a.roles, ", "), self.yes(a.is_new)] for a in actors])

    def positioning(self, b: _Blocks) -> None:
        positioning = self.concept.toolbox.positioning
        if not positioning.points:
            return
        b.key_values([(self.t("doc.extended.x_axis"), positioning.x_label),
                      (self.t("doc.extended.y_axis"), positioning.y_label)])
        b.table([self.t("doc.extended.alternative"), self.t("doc.extended.kind"), "x", "y"],
                [[p.name, self.t(f"extended.point_kind.{p.kind}"), f"{p.x:.2f}", f"{p.y:.2f}"]
                 for p in positioning.points])

    def channels(self, b: _Blocks) -> None:
        roles = [r for r in self.concept.toolbox.channel_roles if r.channel]
        b.table([self.t("doc.extended.channel"), self.t("doc.extended.role"),
                 self.t("doc.extended.importance"), self.t("doc.extended.strengths")],
                [[self.enum("channel", r.channel), r.role, f"{r.business_importance}/5",
                  _join(r.strengths, ", ")] for r in roles])

    def exclusions(self, b: _Blocks) -> None:
        c = self.concept
        b.bullets(e.text for e in c.description.exclusions)
        already = {e.from_stop_item_id for e in c.description.exclusions if e.from_stop_item_id}
        stopped = [s for s in c.stop_list
                   if s.status == "stopped" and s.id not in already and s.text.strip()]
        if stopped:
            b.heading(self.t("doc.exclusions.stopped"))
            b.table([self.t("doc.exclusions.topic"), self.t("doc.exclusions.why")],
                    [[s.text, _join([self.enum("stop_reason", s.reason), s.rationale], ": ")]
                     for s in stopped])

    def actions(self, b: _Blocks) -> None:
        """Development actions (methodology §6.3), open ones first, most urgent first."""
        from concept.actions import for_document

        b.table([self.t("doc.actions.action"), self.field("owner"),
                 self.t("doc.actions.priority"), self.field("status")],
                [[a.text, a.owner, _score(a.priority), self.enum("action_status", a.status)]
                 for a in for_document(self.concept)])

    def open_questions(self, b: _Blocks) -> None:
        items = [p for p in self.concept.parking_lot if p.status == "open" and p.text.strip()]
        b.table([self.t("doc.open.question"), self.field("owner"), self.field("due_date"),
                 self.field("raised_in_step")],
                [[p.text, p.owner, _day(p.due_date, self.lang) if p.due_date else "",
                  self._step_title(p.raised_in_step)] for p in items])

    def _step_title(self, key: str) -> str:
        """The title of the step or toolbox tool named by `key`, else the key itself."""
        if key in STEP_KEYS:
            return self.t(f"step.{key}.title")
        if has(f"tool.{key}.title", self.lang) or has(f"tool.{key}.title", "en"):
            return self.t(f"tool.{key}.title")
        return clean(key)

    def findings(self, b: _Blocks) -> None:
        """The draft's appendix, in the app's own words: no internal check codes."""
        if self.variant == "final":
            return
        found = [f for f in all_findings(self.concept) if f.severity in ("gap", "warn")]
        b.table([self.t("doc.findings.severity"), self.t("doc.findings.step"),
                 self.t("doc.findings.message")],
                [[self.t(f"doc.severity.{f.severity}"), self._step_title(f.step),
                  f.message(self.lang)] for f in found])
        self._ai_written(b)

    def _ai_written(self, b: _Blocks) -> None:
        """Items the AI wrote and nobody has edited since (concept/ai/provenance.py)."""
        from concept.ai.provenance import live_marks, step_of

        marks = live_marks(self.concept)
        if marks:
            b.heading(self.t("ai.provenance.doc_title"))
            b.table([self.t("ai.provenance.doc_step"), self.t("ai.provenance.doc_text"),
                     self.t("ai.provenance.doc_model")],
                    [[self._step_title(step_of(m)), m.text,
                      f"{m.model}, {_day(m.added.date().isoformat(), self.lang)}"]
                     for m in marks])


# The order of methodology §7. Each entry: section key, catalog key of its title, builder.
SECTIONS: tuple[tuple[str, Callable[[_Builder, _Blocks], None]], ...] = (
    ("onepager", _Builder.onepager),
    ("summary", _Builder.summary),
    ("background", _Builder.background),
    ("at_a_glance", _Builder.at_a_glance),
    ("profiles", _Builder.profiles),
    ("value", _Builder.value),
    ("journey", _Builder.journey),
    ("purchase", _Builder.purchase),
    ("experience", _Builder.experience),
    ("relationships", _Builder.relationships),
    ("competition", _Builder.competition),
    ("ecosystem", _Builder.ecosystem),
    ("positioning", _Builder.positioning),
    ("channels", _Builder.channels),
    ("exclusions", _Builder.exclusions),
    ("actions", _Builder.actions),
    ("open_questions", _Builder.open_questions),
    ("interviews", _Builder.interviews),
    ("findings", _Builder.findings),
)


def build_document(concept: Concept, lang: str, today: date | None = None,
                   variant: Variant | None = None) -> Document:
    """The concept description of `concept` in `lang` ("fi" or "en"); empty sections left out.

    `variant` "draft" ends with the appendix of findings and says "Draft" in the footer;
    "final" leaves both out. By default it follows the concept's saved status.
    """
    builder = _Builder(concept, lang, variant or concept.status)
    document = Document(lang=lang, cover=builder.cover(today or date.today()),
                        contents_title=t("doc.contents", lang))
    figures = document_figures(concept, lang)
    for key, build in SECTIONS:
        blocks = _Blocks()
        build(builder, blocks)
        blocks += [Figure(clean(f.caption), f.spec) for f in figures if f.section == key]
        kept = _drop_empty_headings(list(blocks))
        if any(not isinstance(block, Heading) for block in kept):
            document.sections.append(Section(key, t(f"doc.section.{key}", lang), kept))
    return document
