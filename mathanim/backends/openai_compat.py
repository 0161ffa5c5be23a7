"""One backend for every OpenAI-compatible chat server: the DeepSeek API and a local vLLM server.

`stream(request)` sends the prompts (prompts/*.md) with stream=True and turns the reply into events:
Reasoning deltas (from `delta.reasoning_content`, `delta.reasoning` or `<think>…</think>` in the content),
Code/Notes snapshots (mathanim.extract), a final Code and Notes, then Usage. Failures raise BackendError
with a message for a person; the API key never appears in any message.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import openai

from ..config import Settings
from ..events import Code, Event, Notes, Reasoning, Status, Usage
from ..extract import ReplySplitter, ThinkSplitter, ends_broken, seam
from ..prompts import build_messages, continuation_messages
from .base import BackendError, Request


@dataclass(frozen=True)
class Profile:
    label: str
    key_var: str  # the environment variable that holds the key
    needs_key: bool
    url_var: str
    model_var: str


PROFILES = {
    "deepseek": Profile("DeepSeek", "DEEPSEEK_API_KEY", True, "DEEPSEEK_BASE_URL", "DEEPSEEK_MODEL"),
    "local": Profile("the local model server", "LOCAL_API_KEY", False, "LOCAL_BASE_URL", "LOCAL_MODEL"),
}
RETRY_STATUS = {408, 409, 429, 500, 502, 503, 504}


class OpenAICompatBackend:
    """Streams a scene from an OpenAI-compatible server; `from_profile` builds the deepseek/local flavours."""

    trusted = False  # model-written code is always checked in the sandbox

    def __init__(self, name: str, profile: Profile, base_url: str, model: str, api_key: str, settings: Settings):
        self.name, self.profile, self.base_url, self.model = name, profile, base_url.rstrip("/"), model
        self._key = api_key
        self.settings = settings
        self.timeout_s = settings.request_timeout_s
        self.max_retries = max(0, settings.max_retries)
        self.backoff_s, self.max_backoff_s = 1.0, 8.0
        self.max_continuations = 2  # a reply cut off at the length limit is continued at most this often

    @classmethod
    def from_profile(cls, name: str, settings: Settings, base_url: str | None = None,
                     model: str | None = None) -> OpenAICompatBackend:
        """The `deepseek` or `local` backend, with optional base URL and model overrides."""
        if name not in PROFILES:
            raise ValueError(f"unknown model backend {name!r}; choose one of: {', '.join(PROFILES)}")
        key = settings.deepseek_api_key if name == "deepseek" else settings.local_api_key
        url = base_url or (settings.deepseek_base_url if name == "deepseek" else settings.local_base_url)
        mdl = model or (settings.deepseek_model if name == "deepseek" else settings.local_model)
        return cls(name, PROFILES[name], url, mdl, key, settings)

    def warm_up(self) -> None:
        """Nothing to load: the server holds the model."""

    def __repr__(self) -> str:  # never shows the key
        return f"OpenAICompatBackend({self.name!r}, base_url={self.base_url!r}, model={self.model!r})"

    def scrub(self, text: str) -> str:
        """`text` with the key (if any) blanked out: server error bodies sometimes echo it."""
        return text.replace(self._key, "***") if self._key else text

    def _fail(self, message: str, kind: str = "backend") -> BackendError:
        return BackendError(self.scrub(message), kind)

    def stream(self, request: Request) -> Iterator[Event]:
        """Yield the reply as events; raise BackendError on failure (after yielding any partial output).

        A reply cut off at the length limit, or one whose code block stops mid-code, is continued (the model is
        asked to go on, the parts are joined) up to `max_continuations` times before anyone calls it failed."""
        p = self.profile
        if p.needs_key and not self._key:
            raise self._fail(f"{p.label} needs an API key: set {p.key_var} in the environment or in .env "
                             f"(see .env.example), or use --backend offline")
        messages = build_messages(request, self.settings)
        st = _StreamState()
        for part in range(self.max_continuations + 1):
            if part:
                yield Status("continue", f"the reply was cut off ({st.cut_reason()}); asking the model to go on "
                                         f"({part} of {self.max_continuations})")
                st.next_part()
            try:
                yield from self._one_reply(continuation_messages(messages, st.split.text) if part else messages, st)
            except BackendError as e:
                if not part:
                    raise
                st.failure = str(e)  # a continuation that cannot start: the parts so far are kept
            if st.failure or not st.cut_off():
                break
        yield from st.finish()
        self._raise_problem(st)

    def _one_reply(self, messages: list[dict], st: _StreamState) -> Iterator[Event]:
        """One streamed request, its chunks folded into `st`."""
        client = openai.OpenAI(api_key=self._key or "EMPTY", base_url=self.base_url, timeout=self.timeout_s,
                               max_retries=0)
        try:
            chunks = self._open(client, messages)
            yield from self._consume(chunks, st)
        finally:
            client.close()

    def _open(self, client: openai.OpenAI, messages: list[dict]):
        """Start the streamed completion, retrying 429/5xx and connection failures with bounded backoff."""
        for attempt in range(self.max_retries + 1):
            try:
                return client.chat.completions.create(model=self.model, messages=messages, stream=True,
                                                      stream_options={"include_usage": True})
            except openai.APITimeoutError:
                raise self._fail(f"{self.profile.label} at {self.base_url} did not answer within "
                                 f"{self.timeout_s:g} s (MATHANIM_REQUEST_TIMEOUT)", "backend") from None
            except openai.APIStatusError as e:
                err = self._status_error(e)
                retry_after = _retry_after(e)
                if e.status_code not in RETRY_STATUS or attempt == self.max_retries:
                    raise err from None
            except openai.APIConnectionError:
                err = self._fail(f"cannot connect to {self.profile.label} at {self.base_url} "
                                 f"(is the server running and the URL right? {self.profile.url_var})")
                retry_after = None
                if attempt == self.max_retries:
                    raise err from None
            time.sleep(min(self.max_backoff_s, retry_after if retry_after is not None
                           else self.backoff_s * 2 ** attempt))
        raise AssertionError("unreachable")

    def _status_error(self, e: openai.APIStatusError) -> BackendError:
        """A clear message for an HTTP error status (the body is scrubbed of the key)."""
        p, code = self.profile, e.status_code
        if code in (401, 403):
            return self._fail(f"{p.label} refused the request (HTTP {code}): check your key ({p.key_var})")
        if code == 404:
            return self._fail(f"{p.label} at {self.base_url} has no model {self.model!r} (HTTP 404): check "
                              f"{p.model_var} / --model and {p.url_var} / --base-url")
        if code == 429:
            return self._fail(f"{p.label} is rate-limiting or out of credit (HTTP 429) after "
                              f"{self.max_retries + 1} tries; try again later")
        if code >= 500:
            return self._fail(f"{p.label} had a server error (HTTP {code}) after {self.max_retries + 1} tries")
        return self._fail(f"{p.label} rejected the request (HTTP {code}): {_short(_body_message(e))}")

    def _consume(self, chunks, st: _StreamState) -> Iterator[Event]:
        """Turn streamed chunks into events; a stream that breaks off sets st.failure."""
        try:
            for chunk in chunks:
                yield from st.take(chunk)
        except openai.APITimeoutError:
            st.failure = f"{self.profile.label} stopped sending for more than {self.timeout_s:g} s"
        except openai.APIConnectionError:
            st.failure = f"the connection to {self.profile.label} dropped mid-reply"
        except openai.APIError as e:
            st.failure = f"{self.profile.label} reported an error mid-reply: {_short(_body_message(e))}"
        except Exception as e:  # noqa: BLE001 - dropped connections, timeouts and garbled SSE all end here
            st.failure = _stream_failure(e, self.profile.label, self.timeout_s)
        yield from st.end_part()

    def _raise_problem(self, st: _StreamState) -> None:
        """Raise a BackendError when the reply, all parts joined, ended badly."""
        problem = st.failure or st.problem(self.profile.label)
        if st.failure:
            problem += " (in the middle of the code)" if st.split.code_open else ""
            problem += "; the partial output is kept" if st.split.text or st.reasoning_chars else ""
        if problem:
            raise self._fail(problem)


class _StreamState:
    """What has arrived so far (all parts of a continued reply joined), and the events it turns into."""

    def __init__(self) -> None:
        self.think, self.split = ThinkSplitter(), ReplySplitter()
        self.reasoning_chars = 0
        self.finish_reason: str | None = None
        self.usage = (0, 0)  # of the part being received
        self.usage_total = (0, 0)  # of the parts already received
        self.failure: str | None = None
        self.parts = 1
        self.base_text = ""  # the joined text before the current part
        self.head: str | None = None  # a continuation's first characters, held until its seam is known
        self.open_at_cut = False

    def next_part(self) -> None:
        """A continuation starts: its text joins what came before at a seam (see extract.seam)."""
        self.parts += 1
        self.think, self.finish_reason, self.usage = ThinkSplitter(), None, (0, 0)
        self.base_text, self.head, self.open_at_cut = self.split.text, "", self.split.code_open

    def take(self, chunk) -> Iterator[Event]:
        if getattr(chunk, "usage", None):
            self.usage = (chunk.usage.prompt_tokens or 0, chunk.usage.completion_tokens or 0)
        for choice in getattr(chunk, "choices", None) or []:
            self.finish_reason = choice.finish_reason or self.finish_reason
            delta = choice.delta
            if delta is None:
                continue
            reasoning = _field(delta, "reasoning_content") or _field(delta, "reasoning")
            if reasoning:
                yield from self._reasoning(reasoning)
            if delta.content:
                r, c = self.think.feed(delta.content)
                if self.think.retract:  # this part's content so far was reasoning (an unopened </think>)
                    yield from self._restart_part()
                yield from self._reasoning(r)
                yield from self._content(c)

    def _restart_part(self) -> Iterator[Event]:
        """Drop the current part's content (the earlier parts stay)."""
        code = self.split.code
        self.split = ReplySplitter()
        self.split.feed(self.base_text)
        self.head = "" if self.parts > 1 else None
        if code != self.split.code:
            yield Code(self.split.code)
        yield Notes(self.split.notes)

    def _reasoning(self, text: str) -> Iterator[Event]:
        if text:
            self.reasoning_chars += len(text)
            yield Reasoning(text)

    def _content(self, text: str) -> Iterator[Event]:
        if self.head is not None:  # a continuation: wait until its first lines show how it joins
            self.head += text
            if self.head.count("\n") < 2 and len(self.head) < 300:
                return
            text = yield from self._join()
        if not text:
            return
        code_changed, notes_changed = self.split.feed(text)
        if code_changed:
            yield Code(self.split.code)
        if notes_changed:
            yield Notes(self.split.notes)

    def _join(self) -> Iterator[Event]:
        """Resolve the seam of a continuation; returns the text to append."""
        prev, text = seam(self.split.text, self.head, self.open_at_cut)
        self.head = None
        if prev != self.split.text:  # the model restarted the code: its partial copy goes
            self.split = ReplySplitter()
            self.split.feed(prev)
            yield Code(self.split.code)
        return text

    def end_part(self) -> Iterator[Event]:
        """The current part's stream ended: flush what was held back, count its tokens."""
        r, c = self.think.flush()
        yield from self._reasoning(r)
        yield from self._content(c)
        if self.head is not None:
            yield from self._content((yield from self._join()))
        self.usage_total = (self.usage_total[0] + self.usage[0], self.usage_total[1] + self.usage[1])
        self.usage = (0, 0)

    def finish(self) -> Iterator[Event]:
        yield Code(self.split.code, final=True)
        yield Notes(self.split.notes, final=True)
        if any(self.usage_total):
            yield Usage(*self.usage_total)

    def cut_off(self) -> bool:
        """Whether the reply stopped before its code was complete: at the length limit with no complete code
        yet, or with a code block left open whose code does not parse at its end."""
        code = self.split.code
        if not self.split.text.strip():
            return False  # nothing but reasoning: there is no reply to continue
        if self.finish_reason == "length":
            return not code.strip() or self.split.code_open or ends_broken(code)
        return self.finish_reason == "stop" and self.split.code_open and bool(code.strip()) and ends_broken(code)

    def cut_reason(self) -> str:
        return "the length limit" if self.finish_reason == "length" else "a code block that stops mid-code"

    def problem(self, label: str) -> str | None:
        """Why a reply that ended without an exception is still unusable, or None."""
        text = self.split.text.strip()
        if not text and not self.reasoning_chars and self.finish_reason is None:
            return f"{label} sent no usable reply (an empty or non-streaming response: is the base URL an " \
                   f"OpenAI-compatible /v1 endpoint?)"
        if not text:
            return f"{label} returned an empty reply (no text after the reasoning)"
        if self.finish_reason is None:
            where = " in the middle of the code" if self.split.code_open else ""
            return f"the reply from {label} was cut off{where} (the stream ended without a finish); " \
                   f"the partial output is kept"
        if self.cut_off():
            return f"the reply from {label} was still incomplete ({self.cut_reason()}) after {self.parts - 1} " \
                   f"continuation{'s' if self.parts != 2 else ''}; the partial output is kept"
        return None


def _field(delta, name: str) -> str | None:
    value = getattr(delta, name, None)
    if value is None and getattr(delta, "model_extra", None):
        value = delta.model_extra.get(name)
    return value if isinstance(value, str) else None


def _stream_failure(e: Exception, label: str, timeout_s: float) -> str:
    name = type(e).__name__
    if "Timeout" in name:
        return f"{label} stopped sending for more than {timeout_s:g} s"
    if "JSON" in name or isinstance(e, ValueError):
        return f"{label} sent a garbled stream (not JSON server-sent events)"
    return f"the connection to {label} dropped mid-reply ({name})"


def _retry_after(e: openai.APIStatusError) -> float | None:
    try:
        return float(e.response.headers.get("retry-after", ""))
    except (ValueError, AttributeError):
        return None


def _body_message(e: openai.APIError) -> str:
    body = getattr(e, "body", None)
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict) and inner.get("message"):
            return str(inner["message"])
    return str(getattr(e, "message", "") or e)


def _short(text: str, n: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"
