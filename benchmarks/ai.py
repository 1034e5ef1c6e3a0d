"""AI round trips against the fake OpenAI-compatible server (tests/fake_openai.py) with a fixed
server delay: the app's own added latency to the first streamed token (and for a whole typed
suggestion), measured against a bare HTTP request with the same body to the same server; and
the prompt size in characters of each task on the large concept."""

from __future__ import annotations

import http.client
import json
import time
from urllib.parse import urlsplit

from benchmarks.common import Comparison, compare, ms, print_comparison, print_header, print_note

SERVER_DELAY = 0.2


def _raw_post(base_url: str, body: dict, until_first_token: bool) -> None:
    """The same request with nothing but http.client: the floor the app is compared with."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("POST", parts.path + "/chat/completions", json.dumps(body),
                           {"Content-Type": "application/json",
                            "Authorization": "Bearer not-needed"})
        response = connection.getresponse()
        if not until_first_token:
            response.read()
            return
        while True:
            line = response.fp.readline()
            if not line:
                raise RuntimeError("the stream ended before any content")
            if line.startswith(b"data: {") and b'"content"' in line:
                event = json.loads(line[6:])
                if event["choices"] and event["choices"][0]["delta"].get("content"):
                    return
    finally:
        connection.close()


def prompt_size_table(concept, lang: str = "fi") -> dict[str, int]:
    """Characters sent for every task and choice (the largest owner of each list)."""
    from concept import ai

    sizes: dict[str, int] = {}

    def size(messages: list[dict[str, str]]) -> int:
        return sum(len(m["content"]) for m in messages)

    for tgt in ai.TARGETS:
        owners = tgt.owners(concept, lang)
        if owners:
            sizes[f"suggest_list:{tgt.key}"] = max(
                size(ai.suggest_messages(concept, tgt.key, oid, lang)) for oid, _ in owners)
    for step_key in (*ai.SECTION_STEPS, "description"):
        sizes[f"critique:{step_key}"] = size(ai.critique_messages(concept, step_key, lang))
    for kind in ("description", "statement"):
        sizes[f"draft_{kind}"] = size(ai.draft_messages(concept, kind, lang))
    return sizes


def prompt_sizes(concept, lang: str = "fi") -> dict[str, int]:
    """The largest prompt (characters, system + user message) of each task."""
    result: dict[str, int] = {}
    for name, chars in prompt_size_table(concept, lang).items():
        task = name.split(":")[0]
        result[task] = max(result.get(task, 0), chars)
    return result


def requests_after_other_400(ai, fake, settings, concept) -> int:
    """Chat requests one suggestion sends when the server answers 400 about the context window
    (not about response_format)."""
    from tests.fake_openai import OTHER_400S, status_reply

    before = len(fake.chat_requests())
    fake.script(status_reply(400, OTHER_400S["context"]))
    try:
        ai.suggest(settings, concept, "profiles.pains", concept.profiles[0].id, "fi")
    except ai.AIError:
        pass
    return len(fake.chat_requests()) - before


def run(rounds: int) -> list[Comparison]:
    print_header(f"AI against the fake server (fixed server delay {SERVER_DELAY * 1000:.0f} ms),"
                 " large concept, Finnish")
    try:
        from concept import ai
        from concept.ai_settings import AISettings
        from tests.fake_openai import MODEL, FakeOpenAI, json_reply, stream_reply
    except ImportError as exc:
        print_note(f"skipped: concept.ai or tests/fake_openai.py is not available ({exc})")
        return []
    from concept.samples import large_concept

    large = large_concept()
    results: list[Comparison] = []
    fake = FakeOpenAI()
    try:
        settings = AISettings(base_url=fake.base_url, model=MODEL, api_key="not-needed",
                              max_retries=0)
        chunks = [f"sana{n} " for n in range(30)]

        def app_first_token() -> float:
            fake.script(stream_reply(chunks, delay=SERVER_DELAY))
            start = time.perf_counter()
            stream = ai.stream_draft(settings, large, "description", "fi")
            next(stream)
            elapsed = time.perf_counter() - start
            for _ in stream:  # read the rest (not timed) so the connection ends cleanly
                pass
            return elapsed

        draft_body = {"model": MODEL, "stream": True,
                      "messages": ai.draft_messages(large, "description", "fi")}

        def raw_first_token() -> None:
            fake.script(stream_reply(chunks, delay=SERVER_DELAY))
            _raw_post(fake.base_url, draft_body, until_first_token=True)

        first_token = compare("draft: first streamed token", "app (concept.ai.stream_draft)",
                              app_first_token, "bare HTTP request", raw_first_token, rounds)
        print_comparison(first_token)
        print_note(f"app's added latency to the first token: "
                   f"{ms(first_token.median_a - first_token.median_b).strip()}")
        results.append(first_token)
        build = compare("  of which: building the prompt", "draft_messages (large)",
                        lambda: ai.draft_messages(large, "description", "fi"),
                        "make_client", lambda: ai.make_client(settings), rounds)
        print_note(f"building the draft prompt: {ms(build.median_a).strip()}, "
                   f"creating the openai client: {ms(build.median_b).strip()} (medians)")

        target = next(t for t in ai.TARGETS if t.owners(large, "fi"))
        owner_id = target.owners(large, "fi")[0][0]
        reply = {"suggestions": [{"text": f"ehdotus {n}", "reason": "syy"} for n in range(5)]}
        suggest_body = {"model": MODEL,
                        "messages": ai.suggest_messages(large, target.key, owner_id, "fi")}

        def app_suggest() -> None:
            fake.script(json_reply(reply, delay=SERVER_DELAY))
            ai.suggest(settings, large, target.key, owner_id, "fi")

        def raw_suggest() -> None:
            fake.script(json_reply(reply, delay=SERVER_DELAY))
            _raw_post(fake.base_url, suggest_body, until_first_token=False)

        suggestion = compare(f"suggestion round trip ({target.key})", "app (concept.ai.suggest)",
                             app_suggest, "bare HTTP request", raw_suggest, rounds)
        print_comparison(suggestion)
        print_note(f"app's added latency to a typed suggestion: "
                   f"{ms(suggestion.median_a - suggestion.median_b).strip()}")
        results.append(suggestion)
        print_note(f"requests sent per suggestion after a 400 that is not a structured-output "
                   f"refusal: {requests_after_other_400(ai, fake, settings, large)} "
                   f"(1 is right: no second, larger request)")
    finally:
        fake.close()

    results += brief_draft(rounds)
    for lang in ("fi", "en"):
        sizes = prompt_sizes(large, lang)
        print(f"  prompt size, characters (system + user), largest per task, {lang}:")
        for task, chars in sorted(sizes.items()):
            print(f"      {task:<30} {chars:8,d}")
    return results


def _raw_stream(base_url: str, body: dict) -> None:
    """A streamed request read to its end with nothing but http.client."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("POST", parts.path + "/chat/completions", json.dumps(body),
                           {"Content-Type": "application/json",
                            "Authorization": "Bearer not-needed"})
        connection.getresponse().read()
    finally:
        connection.close()


def brief_draft(rounds: int) -> list[Comparison]:
    """The café brief drafted into every step (concept/ai/brief.py), in Finnish: requests,
    prompt characters and tokens per step, and the app's own time beside the same requests sent
    bare."""
    from concept.ai import brief as drafting
    from concept.ai_settings import AISettings
    from concept.model import Concept
    from tests.brief_answers import CAFE_BRIEF, brief_responder
    from tests.fake_openai import MODEL, FakeOpenAI

    print_header("Draft from a brief: the café brief, every step, Finnish")
    fake = FakeOpenAI()
    fake.responder = brief_responder
    try:
        settings = AISettings(base_url=fake.base_url, model=MODEL, api_key="not-needed",
                              max_retries=0)
        bodies: list[dict] = []

        def app_draft() -> drafting.BriefDraft:
            draft = drafting.new_draft(Concept(name="Korttelikahvila Kulma"), CAFE_BRIEF, "fi",
                                       "kahvila", list(drafting.DRAFT_STEPS),
                                       ["Sanna Korhonen"], MODEL)
            for step in draft.pending():
                for _ in drafting.draft_step(settings, draft, step):
                    pass
            return draft

        draft = app_draft()
        before = len(fake.chat_requests())
        app_draft()
        bodies = [r.body for r in fake.chat_requests()[before:]]

        def raw_draft() -> None:
            for body in bodies:
                _raw_stream(fake.base_url, body)

        whole = compare("brief: all eight steps", "app (concept.ai.brief)", app_draft,
                        "the same requests bare", raw_draft, rounds)
        print_comparison(whole)
        print_note(f"app's own added time for the whole draft: "
                   f"{ms(whole.median_a - whole.median_b).strip()}")
        used = draft.usage()
        print_note(f"requests: {len(draft.done)}, prompt tokens (the fake's estimate, 4 "
                   f"characters a token): {used.prompt_tokens if used else 0}, brief sent: "
                   f"{draft.brief.sent_chars} of {draft.brief.original_chars} characters")
        print(f"  {'step':<14} {'prompt chars':>12} {'tokens':>7} {'app work':>10}")
        for step, done in draft.done.items():
            tokens = done.usage.prompt_tokens if done.usage else 0
            print(f"  {step:<14} {done.prompt_chars:12,d} {tokens:7,d} "
                  f"{ms(done.app_seconds):>10}")
        return [whole]
    finally:
        fake.close()
