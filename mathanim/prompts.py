"""The prompt files in prompts/ (system, user, repair), loaded by name and filled with str.format fields."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version

from .backends.base import Request
from .config import ROOT, Settings
from .fewshot import format_exemplars, retrieve

PROMPTS = ROOT / "prompts"


@lru_cache(maxsize=8)
def _template(name: str) -> str:
    return (PROMPTS / f"{name}.md").read_text(encoding="utf-8")


def load_prompt(name: str, **fields) -> str:
    """prompts/<name>.md with its {fields} filled in."""
    return _template(name).format(**fields).strip() + "\n"


def manim_version() -> str:
    try:
        return version("manim")
    except Exception:  # noqa: BLE001 - only used in prompt text
        return "0.22"


def build_messages(request: Request, settings: Settings | None = None, k: int = 2) -> list[dict]:
    """Chat messages for a first request or a repair: system, any earlier history, then the user turn."""
    mv = manim_version()
    system = request.system or load_prompt("system", manim_version=mv,
                                           exemplars=format_exemplars(retrieve(request.concept, k)))
    if request.is_repair:
        user = load_prompt("repair", concept=request.concept, attempt=request.attempt - 1,
                           error=request.error.for_model(request.previous_code), code=request.previous_code.strip())
    else:
        user = request.prompt or load_prompt("user", concept=request.concept, manim_version=mv)
        if request.layout_plan:
            user += "\n" + load_prompt("layout_plan", plan=request.layout_plan)
    history = [m for m in request.history if m.get("role") in ("user", "assistant") and m.get("content")]
    return [{"role": "system", "content": system}, *history, {"role": "user", "content": user}]


def continuation_messages(messages: list[dict], partial: str) -> list[dict]:
    """The messages that ask the model to go on with a reply that was cut off (`partial`, joined so far)."""
    return [*messages, {"role": "assistant", "content": partial}, {"role": "user", "content": load_prompt("continue")}]
