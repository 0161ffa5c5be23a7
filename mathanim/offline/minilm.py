"""all-MiniLM-L6-v2 (the classifier's sentence embedder) run directly on torch: the bundled model folder's
weights, its fast tokenizer, six BERT layers, mean pooling over real tokens, unit length. The same vectors as
sentence-transformers' encode(normalize_embeddings=True) (tests/test_minilm.py compares them), without importing
sentence-transformers and transformers: about 6 CPU-s less for every process that classifies a concept."""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path

import numpy as np

from ..torch_threads import one_torch_thread

# Fewer texts than this run on one thread (a request's few texts are too small to share out; see torch_threads.py:
# beside one busy process a query took 65 to 130 ms on two threads, 15 ms on one; on an idle machine 8 ms on two,
# 11 on one). Bulk encoding (the topics' phrases) keeps the pool.
BULK = 256


class MiniLM:
    """A BERT sentence encoder read from a sentence-transformers folder (Transformer, mean Pooling, Normalize)."""

    def __init__(self, folder: Path):
        from safetensors.torch import load_file
        from tokenizers import Tokenizer

        self.cfg = json.loads((folder / "config.json").read_text())
        max_len = json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"]
        self.w = load_file(str(folder / "model.safetensors"))
        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.enable_truncation(max_len)
        self.tok.enable_padding(pad_id=self.cfg["pad_token_id"], pad_token="[PAD]")  # to the batch's longest

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        import torch

        out = np.zeros((len(texts), self.cfg["hidden_size"]), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))  # similar lengths share a batch: less padding
        with torch.inference_mode(), one_torch_thread() if len(texts) < BULK else nullcontext():
            for i in range(0, len(texts), batch_size):
                rows = order[i:i + batch_size]
                enc = self.tok.encode_batch([texts[r] for r in rows])
                ids = torch.tensor([e.ids for e in enc])
                mask = torch.tensor([e.attention_mask for e in enc])
                out[rows] = self._pooled(ids, mask).numpy()
        return out

    def _pooled(self, ids, mask):
        import torch.nn.functional as F

        w, eps = self.w, self.cfg["layer_norm_eps"]
        x = (w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:ids.shape[1]]
             + w["embeddings.token_type_embeddings.weight"][0])
        x = F.layer_norm(x, x.shape[-1:], w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], eps)
        keep = mask[:, None, None, :].bool()  # attend to real tokens only
        for i in range(self.cfg["num_hidden_layers"]):
            x = self._layer(x, keep, f"encoder.layer.{i}.")
        m = mask[..., None].to(x.dtype)
        pooled = (x * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return F.normalize(pooled, p=2, dim=1)

    def _layer(self, x, keep, p: str):
        import torch.nn.functional as F

        w, eps, heads = self.w, self.cfg["layer_norm_eps"], self.cfg["num_attention_heads"]
        lin = lambda t, name: F.linear(t, w[p + name + ".weight"], w[p + name + ".bias"])  # noqa: E731
        b, n, d = x.shape
        split = lambda t: t.view(b, n, heads, d // heads).transpose(1, 2)  # noqa: E731
        q, k, v = (split(lin(x, f"attention.self.{s}")) for s in ("query", "key", "value"))
        att = F.scaled_dot_product_attention(q, k, v, attn_mask=keep).transpose(1, 2).reshape(b, n, d)
        x = F.layer_norm(x + lin(att, "attention.output.dense"), (d,), w[p + "attention.output.LayerNorm.weight"],
                         w[p + "attention.output.LayerNorm.bias"], eps)
        h = F.gelu(lin(x, "intermediate.dense"))
        return F.layer_norm(x + lin(h, "output.dense"), (d,), w[p + "output.LayerNorm.weight"],
                            w[p + "output.LayerNorm.bias"], eps)
