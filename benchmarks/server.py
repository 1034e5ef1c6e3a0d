"""The team server on PostgreSQL (a throwaway server, tests/pgserver.py), measured:

- listing one owner's concepts with 10,000 stored across 100 owners vs a database of 10 concepts
  and vs a database of only that owner's 100 (the store call; target 2x), and the start page
  (AppTest; without sign-in it lists them all; target 2x);
- one save with 10,000 stored vs with 10 (target 1.5x);
- 50 writer processes each saving its own concept and 5 more saving one shared concept, all at
  once for a while (60 s by default, `--server-seconds`): afterwards nothing may be lost (every
  acknowledged save is there, revisions without gaps or doubles), the shared concept's stale
  writers must have been refused, and the p95 save time is reported.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import textwrap
import time
from datetime import timedelta
from pathlib import Path

from benchmarks.common import Comparison, compare, ms, print_comparison, print_header, print_note

APP_DIR = Path(__file__).resolve().parent.parent
ISSUER = "https://login.example.com/bench"


def fill(url: str, count: int, owners: int) -> list[str]:
    """`count` copies of the café sample spread evenly over `owners` owners, written in one
    pipelined batch (the store would do the same rows one by one). Returns the owner keys."""
    import psycopg
    from psycopg.types.json import Jsonb

    from concept.model import Person, new_id, utc_now
    from concept.pgstore import PostgresConceptStore
    from concept.samples import cafe_concept

    PostgresConceptStore(url).close()  # creates the schema
    template = cafe_concept()
    people = [Person(issuer=ISSUER, subject=f"user-{n}", email=f"user{n}@example.com")
              for n in range(owners)]
    now = utc_now()
    rows = []
    for number in range(count):
        person = people[number % owners]
        data = template.model_dump(mode="json")
        changed = now - timedelta(seconds=number)
        data.update(id=new_id(), name=f"{template.name} {number + 1}", revision=1,
                    updated_at=changed.isoformat(), owner=person.model_dump(mode="json"))
        rows.append((data["id"], data["name"], data["industry"], person.key, Jsonb(data),
                     template.created_at, changed))
    with psycopg.connect(url) as conn, conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO concepts (id, name, industry, owner, revision, body, created_at,"
            " updated_at) VALUES (%s, %s, %s, %s, 1, %s, %s, %s)", rows)
    with psycopg.connect(url, autocommit=True) as conn:
        # Settle what a bulk load leaves to autovacuum, so it does not run during the timings.
        conn.execute("VACUUM ANALYZE concepts")
    return [person.key for person in people]


class _StartPage:
    """A start page session (AppTest) of an app whose store is the database at `url`."""

    def __init__(self, url: str) -> None:
        self.url = url

    def new_session(self):
        from streamlit.testing.v1 import AppTest

        from concept.store import DATABASE_URL_ENV

        os.environ[DATABASE_URL_ENV] = self.url
        at = AppTest.from_file(str(APP_DIR / "app.py"), default_timeout=300)
        at.session_state["lang"] = "fi"
        at.run()
        if at.exception:
            raise RuntimeError(f"the start page raised: {at.exception[0].message}")
        return at


WRITER = textwrap.dedent("""
    import json, sys, time
    from concept.pgstore import PostgresConceptStore
    from concept.store import StaleRevisionError
    url, concept_id, name = sys.argv[1], sys.argv[2], sys.argv[3]
    store = PostgresConceptStore(url, pool_size=1)
    concept = store.load(concept_id)
    print("ready", flush=True)
    seconds = float(sys.stdin.readline())
    deadline = time.monotonic() + seconds
    saved, stale, times, number = [], 0, [], 0
    while time.monotonic() < deadline:
        number += 1
        text = f"{name} {number}"
        concept.description.short_description = text
        started = time.perf_counter()
        try:
            store.save(concept)
        except StaleRevisionError:
            stale += 1
            concept = store.load(concept_id)  # what the app offers: load the latest version
            continue
        times.append(time.perf_counter() - started)
        saved.append([concept.revision, text])
    store.close()
    print(json.dumps({"saved": saved, "stale": stale, "times": times}), flush=True)
""")


def writers(url: str, own: int, shared: int, seconds: float) -> dict[str, object]:
    """`own` processes each on its own concept, `shared` on one concept, for `seconds`."""
    from concept.model import Concept
    from concept.pgstore import PostgresConceptStore

    with PostgresConceptStore(url) as store:
        owned = [store.create(Concept(name=f"oma {n}")).id for n in range(own)]
        common = store.create(Concept(name="yhteinen")).id
    jobs = [(concept_id, f"w{n}") for n, concept_id in enumerate(owned)]
    jobs += [(common, f"s{n}") for n in range(shared)]
    env = {**os.environ, "PYTHONPATH": str(APP_DIR)}
    processes = [subprocess.Popen([sys.executable, "-c", WRITER, url, concept_id, name],
                                  cwd=APP_DIR, env=env, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True)
                 for concept_id, name in jobs]
    try:
        for process in processes:  # every writer has started and loaded before any writes
            if process.stdout.readline().strip() != "ready":
                raise RuntimeError("a writer process did not start")
        for process in processes:
            process.stdin.write(f"{seconds}\n")
            process.stdin.flush()
        results = [json.loads(process.communicate(timeout=seconds + 120)[0])
                   for process in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    return {"jobs": jobs, "results": results, "common": common}


def check_writers(url: str, run: dict) -> dict[str, object]:
    """What was acknowledged against what is stored; raises when anything was lost."""
    from concept.pgstore import PostgresConceptStore

    problems: list[str] = []
    times: list[float] = []
    common_revisions: list[int] = []
    stale = own_saves = 0
    with PostgresConceptStore(url) as store:
        for (concept_id, name), result in zip(run["jobs"], run["results"], strict=True):
            times += result["times"]
            if concept_id == run["common"]:
                stale += result["stale"]
                common_revisions += [revision for revision, _ in result["saved"]]
                continue
            own_saves += len(result["saved"])
            stored = store.load(concept_id)
            if result["stale"]:
                problems.append(f"{name} was refused on its own concept")
            if result["saved"]:
                revision, text = result["saved"][-1]
                if (stored.revision, stored.description.short_description) != (revision, text):
                    problems.append(f"{name}: acknowledged revision {revision} {text!r}, stored "
                                    f"{stored.revision} {stored.description.short_description!r}")
        final = store.load(run["common"])
    # Every acknowledged save of the shared concept made exactly one revision, none twice.
    if sorted(common_revisions) != list(range(2, final.revision + 1)):
        problems.append(f"shared concept: acknowledged revisions {len(common_revisions)}, "
                        f"stored revision {final.revision}, duplicates or gaps")
    if problems:
        raise RuntimeError("writers lost or mixed up saves: " + "; ".join(problems[:5]))
    times.sort()
    return {"own_saves": own_saves, "common_saves": len(common_revisions), "stale": stale,
            "p50": statistics.median(times) if times else 0.0,
            "p95": times[int(len(times) * 0.95)] if times else 0.0,
            "max": times[-1] if times else 0.0}


def run(rounds: int, many: int = 10_000, owners: int = 100, few: int = 10,
        seconds: float = 60.0, own_writers: int = 50, shared_writers: int = 5
        ) -> list[Comparison]:
    from concept.model import duplicate
    from concept.pgstore import PostgresConceptStore
    from concept.samples import cafe_concept
    from concept.store import DATABASE_URL_ENV
    from tests.pgserver import TempPostgres, missing

    print_header(f"Team server on PostgreSQL: {many:,} concepts across {owners} owners vs {few}")
    reason = missing()
    if reason:
        print_note(f"skipped: {reason}")
        return []
    previous = os.environ.get(DATABASE_URL_ENV)
    server = TempPostgres(max_connections=own_writers + shared_writers + 50)
    results: list[Comparison] = []
    try:
        big_url, small_url = server.new_database("many"), server.new_database("few")
        alone_url = server.new_database("alone")
        own = many // owners
        started = time.perf_counter()
        big_owners = fill(big_url, many, owners)
        small_owners = fill(small_url, few, 1)
        alone_owner = fill(alone_url, own, 1)[0]
        print_note(f"{many + few + own:,} concepts written in "
                   f"{time.perf_counter() - started:.1f} s")
        big, small = PostgresConceptStore(big_url), PostgresConceptStore(small_url)
        alone = PostgresConceptStore(alone_url)
        try:
            listing = compare(f"list one owner's {own} of {many:,}",
                              f"{many:,} stored", lambda: big.list(owner=big_owners[7]),
                              f"{few} stored", lambda: small.list(owner=small_owners[0]),
                              rounds * 4)
            print_comparison(listing)
            same = compare(f"list one owner's {own}: {many:,} vs {own} stored",
                           f"{many:,} stored", lambda: big.list(owner=big_owners[7]),
                           f"{own} stored (theirs only)", lambda: alone.list(owner=alone_owner),
                           rounds * 4, target=2.0)
            print_comparison(same)
            everything = compare("list all (summary columns only)", f"{many:,} stored",
                                 big.list, f"{few} stored", small.list, rounds)
            print_comparison(everything)
            # The café sample (about 12 kB of JSON), as in the TinyDB store's save benchmark.
            edited_big = big.create(duplicate(cafe_concept(), "muokattava"))
            edited_small = small.create(duplicate(cafe_concept(), "muokattava"))

            def save_in(store, concept):
                def action() -> None:
                    concept.description.short_description = f"muokkaus {concept.revision}"
                    store.save(concept)
                return action

            save = compare("save", f"{many:,} stored", save_in(big, edited_big), f"{few} stored",
                           save_in(small, edited_small), rounds * 4, target=1.5)
            print_comparison(save)
            page = compare("start page, new session (AppTest)", f"{many:,} stored",
                           _StartPage(big_url).new_session, f"{few} stored",
                           _StartPage(small_url).new_session, max(3, rounds // 2), target=2.0)
            print_comparison(page)
            results += [listing, same, everything, save, page]
        finally:
            big.close()
            small.close()
            alone.close()

        print_header(f"{own_writers} writer processes on their own concepts + {shared_writers} "
                     f"on one shared concept, {seconds:g} s")
        writers_url = server.new_database("writers")
        run_result = writers(writers_url, own_writers, shared_writers, seconds)
        figures = check_writers(writers_url, run_result)
        print_note(f"nothing lost: {figures['own_saves']:,} saves on own concepts and "
                   f"{figures['common_saves']:,} on the shared one, all stored as acknowledged")
        print_note(f"stale saves refused on the shared concept: {figures['stale']:,}")
        print(f"      save time p50 {ms(figures['p50'])}   p95 {ms(figures['p95'])}   "
              f"max {ms(figures['max'])}")
    finally:
        server.stop()
        if previous is None:
            os.environ.pop(DATABASE_URL_ENV, None)
        else:
            os.environ[DATABASE_URL_ENV] = previous
    print_note(f"one owner's list returns {many // owners} rows against {few} in the first "
               "figure; the second holds the rows returned equal (an index on owner, "
               "updated_at reads only those). The start page without sign-in lists every "
               "concept; with sign-in the owner's and shared ones (that query)")
    return results
