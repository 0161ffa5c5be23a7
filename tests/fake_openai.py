"""A local OpenAI-compatible chat server for tests: real sockets, real SSE (chunked HTTP/1.1), scripted replies.

Each POST to /v1/chat/completions takes the next `Reply` from the script and records the request (path,
headers with lower-case names, JSON body). Replies can stream DeepSeek-style (`reasoning_content`), vLLM-style (`reasoning`) or
`<think>`-style deltas, fail with a status, stall, be cut off mid-stream, or send garbage.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """One scripted answer. mode: done (normal end) | cut (connection dropped) | stall (stop sending)."""

    chunks: list[dict] = field(default_factory=list)
    status: int = 200
    body: dict | str | None = None  # for error statuses, or a raw body for garbage
    headers: dict = field(default_factory=dict)
    mode: str = "done"
    raw_events: list[str] = field(default_factory=list)  # extra `data:` payloads sent verbatim (garbage)
    delay_s: float = 0.0  # before the status line (a slow server)
    keepalive: int = 0  # SSE comment lines (": keep-alive") sent first, as DeepSeek does while a request waits
    stall_s: float = 30.0


def chunk(delta: dict | None = None, finish: str | None = None, usage: dict | None = None,
          model: str = "fake") -> dict:
    """One chat.completion.chunk object."""
    choices = [] if delta is None and finish is None else [{"index": 0, "delta": delta or {}, "finish_reason": finish}]
    out = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 1, "model": model, "choices": choices}
    if usage is not None:
        out["usage"] = usage
    return out


def _pieces(text: str, n: int) -> list[str]:
    return [text[i:i + n] for i in range(0, len(text), n)]


def reply_chunks(content: str, reasoning: str = "", style: str = "deepseek", piece: int = 7,
                 usage: tuple[int, int] | None = (120, 340), finish: str | None = "stop") -> list[dict]:
    """The chunks of a streamed reply.

    style: deepseek (reasoning_content), vllm (reasoning), think (<think>…</think>), think_close (…</think>).
    """
    out = [chunk({"role": "assistant", "content": ""})]
    if style == "think":
        content = f"<think>{reasoning}</think>\n{content}" if reasoning else content
    elif style == "think_close":  # the chat template opened <think> in the prompt: only the close arrives
        content = f"{reasoning}</think>\n{content}" if reasoning else content
    elif reasoning:
        field_name = "reasoning_content" if style == "deepseek" else "reasoning"
        out += [chunk({field_name: p}) for p in _pieces(reasoning, piece)]
    out += [chunk({"content": p}) for p in _pieces(content, piece)]
    if finish:
        out.append(chunk({}, finish=finish))
    if usage:
        out.append(chunk(None, usage={"prompt_tokens": usage[0], "completion_tokens": usage[1],
                                      "total_tokens": sum(usage)}))
    return out


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # clients that hang up early are part of the tests
        pass


class FakeOpenAI:
    """Start with `with FakeOpenAI([Reply(...), ...]) as srv:`; `srv.base_url`, `srv.requests`."""

    def __init__(self, script: list[Reply] | None = None):
        self.script = list(script or [])
        self.requests: list[dict] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.server = _Server(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> FakeOpenAI:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()

    def next_reply(self, request: dict) -> Reply:
        with self.lock:
            self.requests.append(request)
            if self.script:
                return self.script.pop(0)
        return Reply(status=500, body={"error": {"message": "the fake server's script is exhausted"}})

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep the test output clean
                pass

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"unparsed": raw.decode(errors="replace")}
                reply = fake.next_reply({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}, "body": body})
                self.close_connection = True  # one request per connection keeps the script order simple
                if reply.delay_s:
                    fake.stopping.wait(reply.delay_s)
                if reply.status != 200:
                    return self._send_error(reply)
                self._send_stream(reply)

            def _send_error(self, reply: Reply):
                data = reply.body if isinstance(reply.body, str) else json.dumps(reply.body or {})
                payload = data.encode()
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for k, v in reply.headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(payload)

            def _write_chunk(self, data: bytes):
                self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
                self.wfile.flush()

            def _send_stream(self, reply: Reply):
                self.send_response(200)
                ctype = "text/html" if isinstance(reply.body, str) else "text/event-stream"
                self.send_header("Content-Type", ctype)
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                for _ in range(reply.keepalive):
                    self._write_chunk(b": keep-alive\n\n")
                if isinstance(reply.body, str):  # a non-SSE body, e.g. an HTML page from a proxy
                    self._write_chunk(reply.body.encode())
                for c in reply.chunks:
                    self._write_chunk(f"data: {json.dumps(c)}\n\n".encode())
                    time.sleep(0.001)  # real pacing: the client sees many small reads
                for ev in reply.raw_events:
                    self._write_chunk(f"data: {ev}\n\n".encode())
                if reply.mode == "cut":
                    self.close_connection = True
                    self.wfile.flush()
                    self.connection.shutdown(2)  # drop mid-body: no [DONE], no terminating chunk
                    return
                if reply.mode == "stall":
                    fake.stopping.wait(reply.stall_s)
                    return
                self._write_chunk(b"data: [DONE]\n\n")
                self.wfile.write(b"0\r\n\r\n")
                self.wfile.flush()

        return Handler
