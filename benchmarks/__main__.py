"""`python -m benchmarks [--quick] [--only GROUP,...] [--rounds N]`; groups in GROUPS."""

from __future__ import annotations

import argparse
import logging
import os
import platform
import sys
import time

GROUPS = ("pages", "store", "list", "exports", "start", "ai", "browser", "transcripts",
          "workshop", "server")


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Konseptikone benchmarks: each figure measured side by side (interleaved "
                    "rounds), printed as a ratio plus the raw medians.")
    parser.add_argument("--quick", action="store_true",
                        help="a fast smoke run: few rounds, 100 stored concepts instead of 1,000")
    parser.add_argument("--rounds", type=int, default=None,
                        help="rounds per figure (default 15, with --quick 2)")
    parser.add_argument("--only", default=",".join(GROUPS),
                        help=f"comma-separated groups to run, of: {', '.join(GROUPS)}")
    parser.add_argument("--pages", default="",
                        help="comma-separated step keys to limit the page benchmark to")
    parser.add_argument("--participants", default="",
                        help="comma-separated participant counts for the workshop group "
                             "(default 5,10,20,30)")
    parser.add_argument("--server-seconds", type=float, default=None,
                        help="how long the server group's concurrent writers run (default 60, "
                             "with --quick 2)")
    args = parser.parse_args(argv)
    args.only = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = set(args.only) - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}")
    if args.rounds is None:
        args.rounds = 2 if args.quick else 15
    return args


def _quiet_streamlit() -> None:
    # AppTest and bare-mode imports log "missing ScriptRunContext" warnings by the dozen.
    os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")
    import streamlit.logger
    import streamlit.testing.v1  # noqa: F401 - creates the loggers that are quietened below

    streamlit.logger.set_log_level("error")
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
    logging.getLogger("fpdf").setLevel(logging.ERROR)
    noise = ("missing ScriptRunContext", "Session state does not function")
    for logger in logging.root.manager.loggerDict.values():
        if isinstance(logger, logging.Logger) and logger.name.startswith("streamlit"):
            # Streamlit may reset the levels when it reads its config; filters stay.
            logger.addFilter(lambda record: not record.getMessage().startswith(noise)
                             and "ScriptRunContext" not in record.getMessage())


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    sys.stdout.reconfigure(line_buffering=True)  # progress shows at once, also in a pipe
    _quiet_streamlit()
    started = time.perf_counter()
    print(f"Konseptikone benchmarks  ({'quick' if args.quick else 'full'} run, "
          f"{args.rounds} rounds; Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {platform.system()})")
    print("Ratio = median of the first variant / median of the second, measured interleaved.")
    if "pages" in args.only:
        from benchmarks import pages

        only = [p.strip() for p in args.pages.split(",") if p.strip()] or None
        if args.quick and only is None:
            only = ["start", "profiles", "description"]
        pages.run(args.rounds, only)
    if "store" in args.only:
        from benchmarks import store

        store.run(args.rounds, many=100 if args.quick else 1_000)
    if "list" in args.only:
        from benchmarks import startlist

        startlist.run(args.rounds, sizes=(100,) if args.quick else (1_000, 10_000))
    if "exports" in args.only:
        from benchmarks import exports

        exports.run(args.rounds, quick=args.quick)
    if "start" in args.only:
        from benchmarks import coldstart

        coldstart.run(1 if args.quick else max(3, args.rounds // 3))
    if "ai" in args.only:
        from benchmarks import ai

        ai.run(args.rounds)
    if "browser" in args.only:
        from benchmarks import browser

        browser.run(1 if args.quick else max(3, args.rounds // 3))
    if "transcripts" in args.only:
        from benchmarks import transcripts

        transcripts.run(args.rounds)
    if "workshop" in args.only:
        from benchmarks import workshop

        workshop.run(args.quick, tuple(int(n) for n in args.participants.split(",") if n))
    if "server" in args.only:
        from benchmarks import server

        seconds = args.server_seconds or (2.0 if args.quick else 60.0)
        if args.quick:
            server.run(args.rounds, many=500, owners=10, seconds=seconds, own_writers=5,
                       shared_writers=2)
        else:
            server.run(args.rounds, seconds=seconds)
    print()
    print(f"Done in {time.perf_counter() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
