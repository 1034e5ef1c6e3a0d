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
    parser.error(args.command)  # unreachable: argparse requires a known command
    return 2
