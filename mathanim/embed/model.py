"""The code<->frame dual encoder: a small CNN over frames, a small transformer over tokenised scene code.

Both towers project into one shared space (L2-normalised); training uses the symmetric InfoNCE loss with a
learnable temperature (CLIP). The code tokenizer is a byte-level BPE trained locally with `tokenizers`, saved
inside the same checkpoint file, so one `model.pt` is everything `consistency()` needs.
"""

from __future__ import annotations

import ast
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

LONG_LITERAL = 6  # a list/tuple literal longer than this keeps its first items only (point lists, tables)


@dataclass(frozen=True)
class EmbedSpec:
    """The shape of the dual encoder and of its inputs."""

    dim: int = 64  # the shared embedding space
    width: int = 160  # frames are resized to width x height
    height: int = 90
    vocab: int = 2048
    max_tokens: int = 256  # the code view's head: constants and the scene's first lines
    code_dim: int = 64  # sized so an epoch over ~1,000 pairs costs seconds of one (shared) CPU core
    layers: int = 2
    heads: int = 4
    channels: tuple[int, ...] = (16, 32, 64, 96)


# ---- the code view: what of a scene's code the encoder reads ----------------------------------------------------

class _Trim(ast.NodeTransformer):
    """Shortens long list/tuple literals (point lists, value tables): their first items carry the signal."""

    def visit_List(self, node):  # noqa: N802 - ast visitor names
        self.generic_visit(node)
        node.elts = node.elts[:LONG_LITERAL]
        return node

    visit_Tuple = visit_List  # noqa: N815


def _drop_docstring(body: list[ast.stmt]) -> list[ast.stmt]:
    first = body[0] if body else None
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
        return body[1:] or [ast.Pass()]
    return body


def code_view(code: str) -> str:
    """The scene code without imports, module-level helper functions, docstrings and long literal tails.

    Engine-written scenes share hundreds of lines of helpers; the constants and the Scene classes are what
    tell one scene from another. Code that does not parse is used as it is.
    """
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code
    keep = [n for n in tree.body if not isinstance(n, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.Expr))]
    for node in ast.walk(ast.Module(body=keep, type_ignores=[])):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            node.body = _drop_docstring(node.body)
    module = _Trim().visit(ast.Module(body=keep, type_ignores=[]))
    try:
        return ast.unparse(module)
    except (ValueError, RecursionError):
        return code


def train_code_tokenizer(texts: list[str], vocab: int):
    """A byte-level BPE over code views, digits split one by one (parameters are numbers)."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE(unk_token=None))
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                                 pre_tokenizers.ByteLevel(add_prefix_space=False)])
    trainer = trainers.BpeTrainer(vocab_size=vocab, special_tokens=["<pad>"],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(texts or ["from manim import *"], trainer=trainer)
    return tok


def encode_codes(tok, codes: list[str], max_tokens: int) -> torch.Tensor:
    """Token ids (batch, max_tokens) of the code views, 0-padded (id 0 is <pad>)."""
    out = torch.zeros((len(codes), max_tokens), dtype=torch.long)
    for i, enc in enumerate(tok.encode_batch([code_view(c) for c in codes])):
        ids = enc.ids[:max_tokens]
        out[i, : len(ids)] = torch.tensor(ids, dtype=torch.long)
    return out


def load_frame(path: Path | str, spec: EmbedSpec) -> torch.Tensor:
    """A PNG as a (3, height, width) float tensor in [-1, 1], resized with antialiasing."""
    from PIL import Image

    with Image.open(path) as im:
        im = im.convert("RGB")
        if im.size != (spec.width, spec.height):
            im = im.resize((spec.width, spec.height), Image.Resampling.BOX)
        arr = np.asarray(im, dtype=np.float32) / 127.5 - 1.0
    return torch.from_numpy(arr).permute(2, 0, 1).contiguous()


# ---- the towers ---------------------------------------------------------------------------------------------------

class ImageEncoder(nn.Module):
    """Strided conv blocks, then a coarse spatial pool (where things are matters), then a projection."""

    def __init__(self, spec: EmbedSpec):
        super().__init__()
        layers, c_in = [], 3
        for c in spec.channels:
            layers += [nn.Conv2d(c_in, c, 3, stride=2, padding=1), nn.BatchNorm2d(c), nn.GELU()]
            c_in = c
        self.convs = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d((3, 4))
        self.proj = nn.Linear(c_in * 12, spec.dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(self.pool(self.convs(x)).flatten(1))


class CodeEncoder(nn.Module):
    """Token and position embeddings, a small transformer encoder, masked mean pooling, a projection."""

    def __init__(self, spec: EmbedSpec):
        super().__init__()
        self.tok = nn.Embedding(spec.vocab, spec.code_dim, padding_idx=0)
        self.pos = nn.Embedding(spec.max_tokens, spec.code_dim)
        layer = nn.TransformerEncoderLayer(spec.code_dim, spec.heads, spec.code_dim * 2, dropout=0.1,
                                           batch_first=True, norm_first=True)
        self.body = nn.TransformerEncoder(layer, spec.layers, enable_nested_tensor=False)
        self.proj = nn.Linear(spec.code_dim, spec.dim)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        pad = ids == 0
        h = self.tok(ids) + self.pos(torch.arange(ids.shape[1], device=ids.device))[None]
        h = self.body(h, src_key_padding_mask=pad)
        keep = (~pad).unsqueeze(-1).float()
        return self.proj((h * keep).sum(1) / keep.sum(1).clamp(min=1.0))


class DualEncoder(nn.Module):
    """Both towers and the learnable temperature (stored as log of the logit scale, CLIP's init 1/0.07)."""

    def __init__(self, spec: EmbedSpec):
        super().__init__()
        self.spec = spec
        self.image = ImageEncoder(spec)
        self.code = CodeEncoder(spec)
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))

    def embed_frames(self, frames: torch.Tensor) -> torch.Tensor:
        return F.normalize(self.image(frames), dim=-1)

    def embed_codes(self, ids: torch.Tensor) -> torch.Tensor:
        return F.normalize(self.code(ids), dim=-1)

    def loss(self, frames: torch.Tensor, ids: torch.Tensor) -> torch.Tensor:
        """Symmetric InfoNCE over the batch: pair i's frame and code are positives, the rest negatives."""
        img, txt = self.embed_frames(frames), self.embed_codes(ids)
        logits = self.logit_scale.clamp(max=math.log(100.0)).exp() * img @ txt.T
        target = torch.arange(len(img), device=img.device)
        return (F.cross_entropy(logits, target) + F.cross_entropy(logits.T, target)) / 2


# ---- one checkpoint file ------------------------------------------------------------------------------------------

@dataclass
class Bundle:
    """A trained model with its tokenizer and what it was trained on."""

    model: DualEncoder
    tokenizer: object  # tokenizers.Tokenizer
    meta: dict

    def code_vectors(self, codes: list[str], batch: int = 64) -> torch.Tensor:
        """Unit vectors of scene codes (eval mode, no gradients)."""
        self.model.eval()
        with torch.no_grad():
            parts = [self.model.embed_codes(encode_codes(self.tokenizer, codes[i: i + batch],
                                                         self.model.spec.max_tokens))
                     for i in range(0, len(codes), batch)]
        return torch.cat(parts) if parts else torch.zeros((0, self.model.spec.dim))

    def frame_vectors(self, frames: torch.Tensor, batch: int = 128) -> torch.Tensor:
        """Unit vectors of (N, 3, H, W) frame tensors (eval mode, no gradients)."""
        self.model.eval()
        with torch.no_grad():
            parts = [self.model.embed_frames(frames[i: i + batch]) for i in range(0, len(frames), batch)]
        return torch.cat(parts) if parts else torch.zeros((0, self.model.spec.dim))


def save(bundle: Bundle, path: Path | str) -> Path:
    """Write model weights, spec, tokenizer and metadata to one file (atomically)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    torch.save({"spec": asdict(bundle.model.spec), "state": bundle.model.state_dict(),
                "tokenizer": bundle.tokenizer.to_str(), "meta": bundle.meta}, tmp)
    tmp.replace(path)
    return path


def load(path: Path | str) -> Bundle:
    """Read a checkpoint written by `save` (weights only: no pickled code runs)."""
    from tokenizers import Tokenizer

    blob = torch.load(path, map_location="cpu", weights_only=True)
    spec_d = blob["spec"]
    spec = EmbedSpec(**{**spec_d, "channels": tuple(spec_d["channels"])})
    model = DualEncoder(spec)
    model.load_state_dict(blob["state"])
    model.eval()
    return Bundle(model, Tokenizer.from_str(blob["tokenizer"]), blob.get("meta", {}))
