"""The interview guide to print (DOCX or PDF): the questions of the method's customer-
understanding guide (methodology §2.1, §5.4-5.6), the storyboard request, what is still a guess
in this concept, and room for notes. Rendered by the document exporters."""

from __future__ import annotations

from datetime import date

from concept.document import Bullets, Cover, Document, Heading, KeyValue, Paragraph, Section, Table
from concept.evidence import top_unevidenced
from concept.i18n import t, t_list
from concept.model import Concept, Job

NOTE_ROWS = 14
GUIDE_FORMATS = ("docx", "pdf")


def still_a_guess(concept: Concept, lang: str) -> list[str]:
    """The primary profile's key jobs and pains with no evidence, each as a question to ask."""
    return [t(f"guide.ask.{'job' if isinstance(item, Job) else 'pain'}", lang,
              text=item.text.strip()) for item in top_unevidenced(concept)]


def guide_document(concept: Concept, lang: str, today: date | None = None) -> Document:
    def g(key: str, **values: object) -> str:
        return t(f"guide.{key}", lang, **values)

    blank = "_" * 40
    cover = Cover(title=g("title"), kind=concept.name.strip() or t("doc.unnamed", lang),
                  meta=[(g("printed"), (today or date.today()).isoformat())],
                  footer=g("title"))
    sections = [
        Section("before", g("before_title"), [
            Paragraph(g("consent_text")),
            KeyValue([(t("interviews.pseudonym", lang), blank),
                      (t("interviews.group", lang), blank),
                      (t("interviews.date", lang), blank),
                      (t("interviews.interviewer", lang), blank),
                      (g("consent_label"), g("consent_box"))]),
        ]),
        Section("questions", g("questions_title"), [
            Heading(g("journey_title")), Bullets(t_list("guide.journey_questions", lang)),
            Heading(g("needs_title")), Bullets(t_list("guide.needs_questions", lang)),
            Heading(g("context_title")), Bullets(t_list("guide.context_questions", lang)),
        ]),
        Section("storyboard", g("storyboard_title"), [Paragraph(g("storyboard_request")),
                                                       Bullets(t_list("guide.storyboard_questions",
                                                                 lang))]),
    ]
    guesses = still_a_guess(concept, lang)
    if guesses:
        sections.append(Section("guesses", g("guesses_title"), [Paragraph(g("guesses_intro")),
                                                                Bullets(guesses)]))
    sections.append(Section("notes", g("notes_title"), [
        Table([g("notes_time"), g("notes_text")], [["", ""] for _ in range(NOTE_ROWS)])]))
    return Document(lang=lang, cover=cover, sections=sections)


def render_guide(concept: Concept, fmt: str, lang: str, today: date | None = None) -> bytes:
    document = guide_document(concept, lang, today)
    if fmt == "docx":
        from concept.export.docx import render
    elif fmt == "pdf":
        from concept.export.pdf import render
    else:
        raise ValueError(fmt)
    return render(document)
