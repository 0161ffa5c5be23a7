"""A tiny causal LM built in code (Llama or Qwen2 architecture) with a byte-level BPE tokenizer trained locally.

No weights or tokenizers can be downloaded on these machines, so tests and the smoke run train this model;
the training code is the same one a GPU run uses with a real base model path.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# ChatML, the template Qwen2 models use; generation prompt = an open assistant turn.
CHAT_TEMPLATE = (
    "{% for message in messages %}<|im_start|>{{ message['role'] }}\n{{ message['content'] }}<|im_end|>\n"
    "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}"
)
SPECIAL = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<pad>"]


def corpus_from_jsonl(paths: Iterable[Path | str]) -> list[str]:
    """Every message text of chat JSONL files, for training the tokenizer."""
    texts = []
    for p in paths:
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts += [m["content"] for m in json.loads(line)["messages"]]
    return texts


def train_tokenizer(texts: list[str], vocab_size: int = 1024):
    """A byte-level BPE tokenizer trained on `texts`, wrapped for transformers with a ChatML template."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIAL,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(texts or ["from manim import *"], trainer=trainer)
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token=None, eos_token="<|im_end|>",
                                   pad_token="<pad>", unk_token=None)
    fast.chat_template = CHAT_TEMPLATE
    return fast


@dataclass(frozen=True)
class TinySpec:
    """The shape of a tiny model: architecture, tokenizer vocabulary and layer sizes."""

    arch: str = "qwen2"  # "qwen2" or "llama"
    vocab_size: int = 1024  # the BPE tokenizer's target vocabulary (the model gets the trained size)
    hidden: int = 64
    layers: int = 2
    heads: int = 4
    seed: int = 0  # the initial weights


def tiny_config(spec: TinySpec, vocab_size: int, max_pos: int = 2048):
    """A LlamaConfig or Qwen2Config of `spec`'s (tiny) size with `vocab_size` tokens."""
    from transformers import LlamaConfig, Qwen2Config

    cls = {"llama": LlamaConfig, "qwen2": Qwen2Config}[spec.arch]
    return cls(vocab_size=vocab_size, hidden_size=spec.hidden, intermediate_size=spec.hidden * 2,
               num_hidden_layers=spec.layers, num_attention_heads=spec.heads,
               num_key_value_heads=max(1, spec.heads // 2), max_position_embeddings=max_pos, tie_word_embeddings=False)


def build_tiny(out_dir: Path | str, texts: list[str] | None = None, spec: TinySpec = TinySpec()) -> Path:
    """Write a tiny model and its tokenizer to `out_dir` (loadable with from_pretrained); returns the path."""
    import torch
    from transformers import AutoModelForCausalLM

    torch.manual_seed(spec.seed)
    tok = train_tokenizer(texts or [], spec.vocab_size)
    cfg = tiny_config(spec, len(tok))
    cfg.pad_token_id, cfg.eos_token_id = tok.pad_token_id, tok.eos_token_id
    model = AutoModelForCausalLM.from_config(cfg)
    out = Path(out_dir)
    model.save_pretrained(out)
    tok.save_pretrained(out)
    return out
