"""A fake OpenAI-compatible HTTP server on 127.0.0.1 for tests, benchmarks and demos.

It speaks real HTTP (JSON chat completions, SSE streams, `/v1/models`), so the official openai
client is exercised end to end; nothing is mocked. Tests script the replies one by one:

    fake.script(json_reply({"suggestions": [...]}), status_reply(429))

and inspect `fake.requests` afterwards. With no script left, `fake.responder` (by default
`smart_reply`, which answers any task of the app sensibly) decides. Its fixtures
(`fake_openai`, `no_ai_from_outside`) reach every test through `pytest_plugins` in
tests/conftest.py; or run
`python -m tests.fake_openai --port 8765` for a manual try of the app.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest

MODEL = "fake-model"


@dataclass
class Reply:
    """One scripted answer to a chat completions request."""

    kind: str  # json | raw | stream | status
    content: str = ""
    chunks: list[str] = field(default_factory=list)
    status: int = 200
    message: str = ""
    delay: float = 0.0
    cut_after: int | None = None  # stream: close the connection after this many chunks
    finish: bool = True  # stream: send a finish_reason and [DONE]
    chunk_delay: float = 0.01  # stream: pause between chunks
    headers: dict[str, str] = field(default_factory=dict)


def json_reply(content: Any, delay: float = 0.0) -> Reply:
    """A normal completion whose message content is `content` (a dict is sent as JSON text)."""
    text = content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    return Reply("json", content=text, delay=delay)


def raw_reply(body: str, status: int = 200, content_type: str = "application/json") -> Reply:
    """A response body that is not a completion at all (a broken proxy, an HTML error page)."""
    return Reply("raw", content=body, status=status,
                 headers={"Content-Type": content_type})


def html_reply() -> Reply:
    """A 200 with an HTML page, as a captive portal or a misrouted proxy sends."""
    return raw_reply("<!DOCTYPE html><html><head><title>Sign in</title></head><body>"
                     "<h1>Welcome</h1></body></html>", content_type="text/html; charset=utf-8")


# How real servers say that they do not do structured outputs (HTTP 400 each).
STRUCTURED_OUTPUT_REFUSALS = {
    "openai": "Invalid parameter: 'response_format' of type 'json_schema' is not supported "
              "with this model. Learn more about supported models at the Structured Outputs "
              "guide.",
    "vllm": "The provided JSON schema contains features not supported by xgrammar.",
    "ollama": "invalid format: expected \"json\" or a JSON schema",
    "litellm": "litellm.UnsupportedParamsError: openai does not support parameters: "
               "['response_format'], for model=llama3. To drop these, set "
               "`litellm.drop_params=True` or for proxy: `litellm_settings: drop_params: true`.",
}
# 400s that have nothing to do with structured outputs.
OTHER_400S = {
    "unknown_model": "litellm.BadRequestError: Invalid model name passed in model=gpt-9. "
                     "Call `/v1/models` to view available models for your key.",
    "context": "This model's maximum context length is 8192 tokens. However, your messages "
               "resulted in 9120 tokens. Please reduce the length of the messages.",
    "content_filter": "The response was filtered due to the prompt triggering Azure OpenAI's "
                      "content management policy.",
    "bad_key": "Invalid API key format; the API key must start with 'sk-'.",
}


def refusal_reply(server: str) -> Reply:
    """A 400 refusing response_format, in the words of `server` (openai, vllm, ollama,
    litellm)."""
    return status_reply(400, STRUCTURED_OUTPUT_REFUSALS[server])


def unknown_model_reply() -> Reply:
    """LiteLLM's proxy answers an unknown model with 400, not 404."""
    return status_reply(400, OTHER_400S["unknown_model"])


def stream_reply(chunks: list[str], cut_after: int | None = None, delay: float = 0.0,
                 finish: bool = True, chunk_delay: float = 0.01) -> Reply:
    return Reply("stream", chunks=list(chunks), cut_after=cut_after, delay=delay, finish=finish,
                 chunk_delay=chunk_delay)


def status_reply(status: int, message: str = "", delay: float = 0.0) -> Reply:
    default = {401: "Incorrect API key provided.", 404: "The model does not exist.",
               429: "Rate limit reached.", 500: "The server had an error."}
    # A tiny retry-after keeps the client's automatic retries fast in tests.
    return Reply("status", status=status, message=message or default.get(status, "error"),
                 delay=delay, headers={"retry-after-ms": "10"})


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None
    raw: bytes

    def prompt_text(self) -> str:
        """All message contents of a chat request, joined."""
        messages = (self.body or {}).get("messages") or []
        return "\n".join(str(m.get("content", "")) for m in messages)


# --- a responder that answers every task of the app ---------------------------------------------

DEMO_SUGGESTIONS = {
    "en": [("Finding a quiet table at lunchtime", "Remote workers mention crowding at noon."),
           ("Unclear whether laptops are welcome", "Uncertainty keeps first-time visitors away."),
           ("Wifi drops during video calls", "A common complaint about cafés as workplaces.")],
    "fi": [("Hiljaisen pöydän löytäminen lounasaikaan", "Etätyöläiset mainitsevat ruuhkan."),
           ("Epäselvää, saako kannettavaa käyttää", "Epävarmuus karkottaa uusia kävijöitä."),
           ("Wifi katkeilee videopuheluissa", "Yleinen valitus kahviloista työpaikkoina.")],
}
DEMO_CRITIQUE = {
    "en": {"questions": ["How do you know remote workers would pay for a table?",
                         "Which of these pains did customers actually mention?"],
           "risks": ["The concept depends on lunch-time capacity you may not have."]},
    "fi": {"questions": ["Mistä tiedätte, että etätyöläiset maksaisivat pöydästä?",
                         "Mitä näistä murheista asiakkaat oikeasti mainitsivat?"],
           "risks": ["Konsepti nojaa lounasajan tilaan, jota ei ehkä ole."]},
}
DEMO_DRAFT = {
    "en": "Corner Café Kulma is a neighbourhood café for remote workers who want a calm place "
          "to work. It offers bookable tables and fast wifi.",
    "fi": "Korttelikahvila Kulma on lähikahvila etätyöläisille, jotka haluavat rauhallisen "
          "työpaikan. Se tarjoaa varattavat pöydät ja nopean verkon.",
}


def _lang_of(body: dict[str, Any]) -> str:
    text = "\n".join(str(m.get("content", "")) for m in body.get("messages") or [])
    return "fi" if "in Finnish" in text else "en"


def smart_reply(body: dict[str, Any]) -> Reply:
    """Answer like a model: suggestions, a critique or a streamed draft, in the asked language."""
    lang = _lang_of(body)
    if body.get("stream"):
        words = DEMO_DRAFT[lang].split(" ")
        return stream_reply([w + " " for w in words[:-1]] + [words[-1]])
    schema_name = ((body.get("response_format") or {}).get("json_schema") or {}).get("name", "")
    text = "\n".join(str(m.get("content", "")) for m in body.get("messages") or [])
    if schema_name == "critique" or "critique" in text.lower()[:400]:
        return json_reply(DEMO_CRITIQUE[lang])
    if schema_name == "suggestions" or "suggest" in text.lower():
        return json_reply({"suggestions": [{"text": t, "reason": r}
                                           for t, r in DEMO_SUGGESTIONS[lang]]})
    return json_reply("OK")


# --- the server ----------------------------------------------------------------------------------


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (timeout test) leaves a broken pipe behind: not worth a trace.
        import sys

        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class FakeOpenAI:
    """The server and its script. Start it with `FakeOpenAI()`; stop it with `close()`."""

    def __init__(self, port: int = 0, api_key: str | None = None,
                 models: tuple[str, ...] = (MODEL,)) -> None:
        self.requests: list[Recorded] = []
        self.replies: deque[Reply] = deque()
        self.responder: Callable[[dict[str, Any]], Reply] = smart_reply
        self.api_key = api_key  # when set, any other bearer token gets 401
        self.models = list(models)
        self.reject_response_format = False  # act like a server without structured outputs
        self.cost_header: str | None = None  # like LiteLLM's x-litellm-response-cost
        self.reject_stream_options = False  # act like a server that does not know them
        # Act like a small local model: refuse prompts over this many tokens (HTTP 400, in the
        # words OpenAI uses for a context window that is too small).
        self.max_prompt_tokens: int | None = None
        # Monotonic times at which a client closed a stream before its end (Stop, navigation).
        self.closed_streams: list[float] = []
        self.stream_closed = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"fake": self})
        self.server = _QuietServer(("127.0.0.1", port), handler)
        # A short poll interval lets close() return quickly (tests start many servers).
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,),
                                       daemon=True, name="fake-openai")
        self.thread.start()

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def script(self, *replies: Reply) -> FakeOpenAI:
        with self._lock:
            self.replies.extend(replies)
        return self

    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests
                if urlsplit(r.path).path.rstrip("/").endswith("/chat/completions")]

    def next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            if self.replies:
                return self.replies.popleft()
        return self.responder(body)

    def wait(self, seconds: float) -> None:
        """Sleep, but wake up at once when the server is closing."""
        self._stopping.wait(seconds)

    def close(self) -> None:
        self._stopping.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    fake: FakeOpenAI
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet in tests
        return

    # --- plumbing ---

    def _record(self) -> Recorded:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        recorded = Recorded(self.command, self.path, {k.lower(): v for k, v in
                                                      self.headers.items()}, body, raw)
        self.fake.requests.append(recorded)
        return recorded

    def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _send_error(self, status: int, message: str, headers: dict[str, str] | None = None,
                    code: str | None = None) -> None:
        self._send_json(status, {"error": {"message": message, "type": "invalid_request_error",
                                           "code": code}}, headers)

    def _authorised(self) -> bool:
        expected = self.fake.api_key
        if expected is None:
            return True
        return self.headers.get("Authorization") == f"Bearer {expected}"

    # --- endpoints ---

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._record()
        if not self._authorised():
            self._send_error(401, "Incorrect API key provided.", code="invalid_api_key")
        elif urlsplit(self.path).path.rstrip("/").endswith("/models"):
            self._send_json(200, {"object": "list", "data": [
                {"id": m, "object": "model", "created": 0, "owned_by": "fake"}
                for m in self.fake.models]})
        else:
            self._send_error(404, "Not found")

    def do_POST(self) -> None:  # noqa: N802
        recorded = self._record()
        if not urlsplit(recorded.path).path.rstrip("/").endswith("/chat/completions"):
            self._send_error(404, "Not found")
            return
        if not self._authorised():
            self._send_error(401, "Incorrect API key provided.", code="invalid_api_key")
            return
        body = recorded.body or {}
        if self.fake.reject_response_format and body.get("response_format"):
            self._send_error(400, "response_format is not supported by this server",
                             code="unsupported_parameter")
            return
        if self.fake.reject_stream_options and body.get("stream_options"):
            self._send_error(400, "Unrecognized request argument supplied: stream_options")
            return
        limit = self.fake.max_prompt_tokens
        if limit is not None and _tokens(body) > limit:
            self._send_error(400, f"This model's maximum context length is {limit} tokens. "
                             f"However, your messages resulted in {_tokens(body)} tokens. "
                             "Please reduce the length of the messages.",
                             code="context_length_exceeded")
            return
        reply = self.fake.next_reply(body)
        if reply.delay:
            self.fake.wait(reply.delay)
        model = body.get("model") or MODEL
        if reply.kind == "status":
            self._send_error(reply.status, reply.message, reply.headers)
        elif reply.kind == "raw":
            data = reply.content.encode("utf-8")
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.headers.get("Content-Type",
                                                               "application/json"))
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        elif reply.kind == "stream":
            self._stream(reply, model, body)
        else:
            headers = {"x-litellm-response-cost": self.fake.cost_header} \
                if self.fake.cost_header else None
            self._send_json(200, completion(reply.content, model, _tokens(body)),
                            headers)

    def _stream(self, reply: Reply, model: str, body: dict[str, Any]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True

        def send(data: str) -> None:
            payload = f"data: {data}\n\n".encode()
            self.wfile.write(f"{len(payload):x}\r\n".encode() + payload + b"\r\n")
            self.wfile.flush()

        usage = bool((body.get("stream_options") or {}).get("include_usage"))
        events = stream_events(reply.chunks, model, reply.finish,
                               _tokens(body) if usage else None)
        try:
            for index, event in enumerate(events):
                if reply.cut_after is not None and index >= reply.cut_after:
                    # Half-way: drop the connection without ending the chunked body.
                    self.wfile.flush()
                    self.connection.shutdown(2)
                    return
                send(event)
                self.fake.wait(reply.chunk_delay)
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            # The client went away mid-stream: a real server would stop generating here.
            self.fake.closed_streams.append(time.monotonic())
            self.fake.stream_closed.set()


def _tokens(body: dict[str, Any]) -> int:
    """A rough prompt token count (four characters a token), for the usage the fake reports."""
    text = "\n".join(str(m.get("content", "")) for m in body.get("messages") or [])
    return max(1, len(text) // 4)


def completion(content: str, model: str = MODEL, prompt_tokens: int = 1) -> dict[str, Any]:
    completion_tokens = max(1, len(content) // 4)
    return {
        "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


def stream_events(chunks: list[str], model: str, finish: bool = True,
                  prompt_tokens: int | None = None) -> Iterator[str]:
    def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> str:
        return json.dumps({"id": "chatcmpl-fake", "object": "chat.completion.chunk",
                           "created": 0, "model": model,
                           "choices": [{"index": 0, "delta": delta,
                                        "finish_reason": finish_reason}]}, ensure_ascii=False)

    yield chunk({"role": "assistant", "content": ""})
    for text in chunks:
        yield chunk({"content": text})
    if finish:
        yield chunk({}, "stop")
        if prompt_tokens is not None:  # stream_options={"include_usage": True}
            yield json.dumps({"id": "chatcmpl-fake", "object": "chat.completion.chunk",
                              "created": 0, "model": model, "choices": [],
                              "usage": {"prompt_tokens": prompt_tokens,
                                        "completion_tokens": len(chunks),
                                        "total_tokens": prompt_tokens + len(chunks)}})
        yield "[DONE]"


@pytest.fixture(name="fake_openai")
def fake_openai_fixture() -> Iterator[FakeOpenAI]:
    """A running fake server for one test; stopped afterwards."""
    server = FakeOpenAI()
    try:
        yield server
    finally:
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the fake OpenAI-compatible server.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--key", default=None, help="accept only this API key")
    args = parser.parse_args()
    server = FakeOpenAI(port=args.port, api_key=args.key)
    print(f"fake OpenAI server at {server.base_url} (model {MODEL}); Ctrl+C stops it", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.close()


if __name__ == "__main__":
    main()


@pytest.fixture
def no_ai_from_outside(monkeypatch):
    """No AI endpoint from the machine's environment: each test configures its own."""
    from concept.ai_settings import ENV_NAMES

    for name in (*ENV_NAMES.values(), "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)
