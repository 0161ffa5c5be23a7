"""`consistency(code, frame_png)`: how well a rendered frame matches its scene code, by the trained dual encoder.

The model is loaded lazily, once per process (reloaded when its file changes), from `MATHANIM_EMBED_MODEL`, else
`Settings.media_dir/embed/model.pt` (a model the user trained), else the one shipped beside this file (SHIPPED:
trained on this engine's 2,830 pairs); with no model file the score is None, so callers can leave it out.
Scene code is only tokenised here, never run.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from pathlib import Path

from ..torch_threads import one_torch_thread

_LOCK = threading.Lock()
_LOADED: dict[str, tuple[float, object]] = {}  # path -> (mtime, Bundle)
_CODE_CACHE: OrderedDict[tuple[str, str], object] = OrderedDict()  # (model path, code hash) -> vector
CODE_CACHE_SIZE = 256
SHIPPED = Path(__file__).with_name("model.pt")  # python -m mathanim.embed build + train, see docs/ARCHITECTURE.md


def model_path(settings=None) -> Path:
    """Where the trained model is read from: MATHANIM_EMBED_MODEL, else <media_dir>/embed/model.pt when the user
    trained one, else the shipped model."""
    env = os.environ.get("MATHANIM_EMBED_MODEL", "").strip()
    if env:
        return Path(env).expanduser()
    if settings is None:
        from ..config import Settings

        settings = Settings.load()
    own = Path(settings.media_dir) / "embed" / "model.pt"
    return own if own.exists() else SHIPPED


def bundle(path: Path | None = None):
    """The loaded model at `path` (default: model_path()), or None when there is no file."""
    path = Path(path) if path else model_path()
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return None
    with _LOCK:
        cached = _LOADED.get(str(path))
        if cached is None or cached[0] != mtime:
            from .model import load

            cached = (mtime, load(path))
            _LOADED[str(path)] = cached
        return cached[1]


def _code_vector(b, key: str, code: str):
    """The code's vector, memoised (best-of-N scores one code against its own frame; reward calls repeat)."""
    ck = (key, hashlib.sha256(code.encode("utf-8", "replace")).hexdigest())
    with _LOCK:
        if ck in _CODE_CACHE:
            _CODE_CACHE.move_to_end(ck)
            return _CODE_CACHE[ck]
    vec = b.code_vectors([code])[0]
    with _LOCK:
        _CODE_CACHE[ck] = vec
        while len(_CODE_CACHE) > CODE_CACHE_SIZE:
            _CODE_CACHE.popitem(last=False)
    return vec


def consistency(code: str, frame_png: Path | str, model: Path | str | None = None) -> float | None:
    """Cosine similarity of the code's and the frame's embeddings, mapped to [0, 1] ((cos + 1) / 2).

    None when no trained model exists. A frame that cannot be read raises ValueError naming the file.
    """
    path = Path(model) if model else model_path()
    b = bundle(path)
    if b is None:
        return None
    from .model import load_frame

    try:
        frame = load_frame(frame_png, b.model.spec)
    except (OSError, ValueError) as e:
        raise ValueError(f"cannot read the frame {frame_png}: {e}") from e
    with one_torch_thread():
        fvec = b.frame_vectors(frame[None])[0]
        cos = float((fvec * _code_vector(b, str(path), code)).sum())
    return max(0.0, min(1.0, (cos + 1.0) / 2.0))


