"""Konseptikone on the command line, for consultants who script their exports:

    python -m concept export concept.json --format docx --lang fi -o out.docx

A thin layer over `concept.transfer` and `concept.export`: the same code as the app's buttons.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from concept.export import FORMATS, export, file_name
from concept.i18n import LANGUAGES, normalise_language, t
from concept.transfer import ImportProblem, concept_from_json

EXIT_BAD_INPUT = 2
EXIT_WRITE_FAILED = 3


def _environment_language() -> str:
    for name in ("KONSEPTIKONE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return normalise_language(value.split(".")[0])
    return normalise_language(None)


def build_parser(lang: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m concept", description=t("cli.description",
                                                                             lang))
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("export", help=t("cli.export_help", lang),
                                  description=t("cli.export_help", lang))
    command.add_argument("input", type=Path, help=t("cli.input_help", lang))
    command.add_argument("-f", "--format", choices=sorted(FORMATS), default="pdf",
                         help=t("cli.format_help", lang))
    command.add_argument("-l", "--lang", choices=LANGUAGES, default=lang,
                         help=t("cli.lang_help", lang))
    command.add_argument("-o", "--output", help=t("cli.output_help", lang))
    command.add_argument("--status", choices=("draft", "final"), help=t("cli.status_help", lang))
    pack = commands.add_parser("workshop-pack", help=t("pack.cli_help", lang),
                               description=t("pack.cli_help", lang))
    pack.add_argument("input", type=Path, help=t("cli.input_help", lang))
    pack.add_argument("-f", "--format", choices=("pdf", "docx"), default="pdf",
                      help=t("cli.format_help", lang))
    pack.add_argument("-l", "--lang", choices=LANGUAGES, default=lang,
                      help=t("cli.lang_help", lang))
    pack.add_argument("-r", "--recipe", help=t("pack.cli.recipe_help", lang))
    pack.add_argument("-o", "--output", help=t("cli.output_help", lang))
    move = commands.add_parser("migrate", help=t("migrate.help", lang),
                               description=t("migrate.help", lang))
    move.add_argument("--to", required=True, metavar="postgresql://…",
                      help=t("migrate.to_help", lang))
    move.add_argument("--from", dest="source", type=Path, help=t("migrate.from_help", lang))
    move.add_argument("--owner", metavar="EMAIL", help=t("migrate.owner_help", lang))
    return parser


def _fail(message: str, code: int) -> int:
    print(message, file=sys.stderr)
    return code


def _read(path: Path, lang: str):
    """(the concept in the file, None) or (None, the exit code after saying why)."""
    try:
        # The import reads the file in chunks and stops at its size limit.
        with path.open("rb") as handle:
            return concept_from_json(handle, lang), None
    except OSError as exc:
        return None, _fail(t("cli.cannot_read", lang, path=path, reason=exc.strerror or exc),
                           EXIT_BAD_INPUT)
    except ImportProblem as exc:
        return None, _fail(t("cli.bad_file", lang, path=path) + "\n" + str(exc),
                           EXIT_BAD_INPUT)


def run_export(args: argparse.Namespace) -> int:
    lang = args.lang
    path: Path = args.input
    concept, failed = _read(path, lang)
    if concept is None:
        return failed
    if args.status:
        concept.status = args.status
    data = export(concept, args.format, lang)
    return _write(data, args.output, path.with_name(file_name(concept, args.format)), lang)


def run_workshop_pack(args: argparse.Namespace) -> int:
    """The workshop pack of the concept's agenda; `--recipe` plans a fresh one from a recipe."""
    from concept import workshop
    from concept.export.workshop_pack import pack_docx, pack_file_name, pack_pdf
    from concept.recipes import builtin_recipes, find
    from concept.store import default_data_dir

    lang = args.lang
    path: Path = args.input
    concept, failed = _read(path, lang)
    if concept is None:
        return failed
    if args.recipe:
        recipe = find(args.recipe, default_data_dir())
        if recipe is None:
            keys = ", ".join(r.key for r in builtin_recipes())
            return _fail(t("pack.cli.no_recipe", lang, recipe=args.recipe, keys=keys),
                         EXIT_BAD_INPUT)
        workshop.choose_recipe(concept, recipe)
    data = (pack_pdf if args.format == "pdf" else pack_docx)(concept, lang)
    return _write(data, args.output, path.with_name(pack_file_name(concept, args.format)),
                  lang)


def run_migrate(args: argparse.Namespace) -> int:
    """Copy every concept of a TinyDB folder into PostgreSQL (revisions kept); idempotent."""
    from concept.store import ConceptNotFound, StoreError, TinyDBConceptStore, default_data_dir

    lang = _environment_language()
    source: Path = args.source or default_data_dir()
    if not (source / "concepts").is_dir():
        return _fail(t("migrate.no_folder", lang, path=source), EXIT_BAD_INPUT)
    shown_url = _without_password(args.to)
    try:
        from concept.pgstore import PostgresConceptStore

        target = PostgresConceptStore(args.to, pool_size=2)
    except Exception as exc:  # psycopg missing, server unreachable, bad URL, no rights
        return _fail(t("migrate.no_database", lang, url=shown_url,
                       reason=str(exc).splitlines()[0] if str(exc) else type(exc).__name__),
                     EXIT_BAD_INPUT)
    with target:
        if target.read_only:
            return _fail(t("migrate.read_only", lang), EXIT_WRITE_FAILED)
        owner = None
        if args.owner:
            owner = target.user_by_email(args.owner)
            if owner is None:
                return _fail(t("migrate.unknown_owner", lang, email=args.owner), EXIT_BAD_INPUT)
        # Read-only: copying never changes (nor sets aside anything in) the laptop's folder.
        laptop = TinyDBConceptStore(source, read_only=True)
        counts = {"copied": 0, "updated": 0, "unchanged": 0, "unreadable": 0}
        summaries = laptop.list()
        listed = {summary.id for summary in summaries}
        # A file the store cannot read is not in its list: count and name it all the same.
        files = sorted(p for p in (source / "concepts").glob("*.json")
                       if not p.name.startswith("."))
        for path in files:
            if path.stem not in listed:
                counts["unreadable"] += 1
                print(t("migrate.unreadable", lang, name=path.name, reason="JSON"),
                      file=sys.stderr)
        for summary in summaries:
            try:
                concept = laptop.load(summary.id)
            except (ConceptNotFound, StoreError) as exc:
                counts["unreadable"] += 1
                print(t("migrate.unreadable", lang, name=summary.name,
                        reason=type(exc).__name__), file=sys.stderr)
                continue
            if owner is not None and concept.owner is None:
                # On a server with sign-in a concept without an owner is listed to nobody.
                concept.owner = owner.person()
            outcome = target.copy_in(concept)
            if outcome == "unchanged" and _server_is_newer(target, concept):
                print(t("migrate.newer_there", lang, name=concept.name), file=sys.stderr)
            counts[outcome] += 1
    print(t("migrate.report", lang, url=shown_url, path=source,
            total=len(listed | {p.stem for p in files}), **counts))
    return 0


def _server_is_newer(target, concept) -> bool:
    return any(s.id == concept.id and s.revision > concept.revision
               for s in target.list(owner="", ids=[concept.id]))


def _without_password(url: str) -> str:
    """The database address as it may be printed: a password in it is masked."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(":" + parts.password + "@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def _write(data: bytes, output: str | None, default: Path, lang: str) -> int:
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    target = Path(output) if output else default
    try:
        target.write_bytes(data)
    except OSError as exc:
        return _fail(t("cli.cannot_write", lang, path=target, reason=exc.strerror or exc),
                     EXIT_WRITE_FAILED)
    print(t("cli.written", lang, path=target, size=len(data)), file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(_environment_language())
    args = parser.parse_args(argv)
    if args.command == "export":
        return run_export(args)
    if args.command == "workshop-pack":
        return run_workshop_pack(args)
    if args.command == "migrate":
        return run_migrate(args)
    parser.error(args.command)  # unreachable: argparse requires a known command
    return 2
