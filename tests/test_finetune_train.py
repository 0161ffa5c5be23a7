"""LoRA SFT on a tiny model built in code (CPU): LoRA weights move, base weights stay, the adapter saves and
reloads to the same outputs, training resumes from a checkpoint, merge gives the same logits."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import require

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
torch = require("torch")

from mathanim.finetune.tiny import TinySpec, build_tiny  # noqa: E402
from mathanim.finetune.train import TrainConfig, latest_checkpoint, merge, to_prompt_completion, train  # noqa: E402


def _records(n: int = 10) -> list[dict]:
    out = []
    for i in range(n):
        code = f"from manim import *\n\nclass Ring{i}(Scene):\n    def construct(self):\n        self.play(Create(Circle(radius={i % 3 + 1})))\n"
        out.append({"messages": [
            {"role": "system", "content": "You write Manim CE scenes."},
            {"role": "user", "content": f"Concept: a circle of radius {i % 3 + 1}"},
            {"role": "assistant", "content": f"Key formulas\n$$A = \\pi r^2$$\n\n```python\n{code}```\n\nNotes: area."}]})
    return out


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> tuple[Path, Path]:
    """(model dir, data dir): a tiny Qwen2 model whose tokenizer was trained on the data."""
    root = tmp_path_factory.mktemp("ft")
    data = root / "data"
    data.mkdir()
    rows = _records()
    (data / "train.jsonl").write_text("\n".join(json.dumps(r) for r in rows[:8]) + "\n")
    (data / "validation.jsonl").write_text("\n".join(json.dumps(r) for r in rows[8:]) + "\n")
    texts = [m["content"] for r in rows for m in r["messages"]]
    return build_tiny(root / "tiny", texts, TinySpec(arch="qwen2", vocab_size=400, hidden=32)), data


def _cfg(tiny, out: Path, **kw) -> TrainConfig:
    model, data = tiny
    base = dict(base_model=str(model), data_dir=str(data), output_dir=str(out), lora_r=4, lora_alpha=8,
                lora_dropout=0.0, target_modules=["q_proj", "v_proj"], max_length=256, learning_rate=5e-2,
                per_device_train_batch_size=2, gradient_accumulation_steps=1, logging_steps=1, save_steps=2,
                max_steps=2, warmup_steps=0, eval_steps=2)
    return TrainConfig(**{**base, **kw})


def test_prompt_completion_split():
    ex = to_prompt_completion(_records(1)[0])
    assert [m["role"] for m in ex["prompt"]] == ["system", "user"]
    assert [m["role"] for m in ex["completion"]] == ["assistant"]


def test_lora_moves_base_stays_and_adapter_reloads(tiny, tmp_path):
    snaps = []

    def snap(trainer):
        named = dict(trainer.model.named_parameters())
        snaps.append({k: v.detach().clone() for k, v in named.items()})
        snaps.append(trainer.model)

    summary = train(_cfg(tiny, tmp_path / "run"), log=lambda m: None, on_trainer=snap)
    before, _, after, model = snaps
    lora = [k for k in before if "lora_" in k]
    frozen = [k for k in before if "lora_" not in k]
    assert lora and frozen
    assert any(not torch.equal(before[k], after[k]) for k in lora), "no LoRA weight changed"
    assert all(torch.equal(before[k], after[k]) for k in frozen), "a base weight changed"
    assert summary["global_step"] == 2 and len(summary["losses"]) == 2
    assert all(v == v and v > 0 for v in summary["losses"])  # finite, positive losses were logged
    log_rows = [json.loads(x) for x in (tmp_path / "run" / "loss_log.jsonl").read_text().splitlines()]
    assert any("loss" in r for r in log_rows) and any("eval_loss" in r for r in log_rows)

    # the saved adapter (with its tokenizer) reloads onto a fresh base and gives the trained model's logits
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    adapter = Path(summary["adapter"])
    assert (adapter / "adapter_model.safetensors").is_file() and (adapter / "tokenizer.json").is_file()
    tok = AutoTokenizer.from_pretrained(adapter)
    ids = tok("from manim import *", return_tensors="pt")["input_ids"]
    reloaded = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(tiny[0]), adapter).eval()
    model.eval()
    with torch.no_grad():
        want = model(input_ids=ids).logits
        got = reloaded(input_ids=ids).logits
        plain = AutoModelForCausalLM.from_pretrained(tiny[0])(input_ids=ids).logits
    assert torch.allclose(want, got, atol=1e-5)
    assert not torch.allclose(plain, got, atol=1e-4), "the adapter changes nothing"

    merged = merge(str(tiny[0]), str(adapter), str(tmp_path / "merged"))
    with torch.no_grad():
        merged_logits = AutoModelForCausalLM.from_pretrained(merged)(input_ids=ids).logits
    assert torch.allclose(merged_logits, got, atol=1e-4)


def test_resume_from_checkpoint(tiny, tmp_path):
    out = tmp_path / "run"
    first = train(_cfg(tiny, out, max_steps=2, eval_steps=0), log=lambda m: None)
    assert first["resumed_from"] is None and latest_checkpoint(str(out)).endswith("checkpoint-2")
    second = train(_cfg(tiny, out, max_steps=4, eval_steps=0), log=lambda m: None)
    assert second["resumed_from"].endswith("checkpoint-2")
    assert second["global_step"] == 4
    # the log history of steps 1-2 is restored from the checkpoint, not recomputed; steps 3-4 are new
    assert len(second["losses"]) == 4 and second["losses"][:2] == first["losses"]
    assert latest_checkpoint(str(out)).endswith("checkpoint-4")


def test_config_file_and_unknown_keys(tmp_path):
    p = tmp_path / "c.json"
    p.write_text(json.dumps({"base_model": "m", "data_dir": "d", "output_dir": "o", "lora_r": 8}))
    assert TrainConfig.load(p, max_steps=3).lora_r == 8 and TrainConfig.load(p, max_steps=3).max_steps == 3
    p.write_text(json.dumps({"base_model": "m", "data_dir": "d", "output_dir": "o", "lora_rank": 8}))
    with pytest.raises(ValueError, match="lora_rank"):
        TrainConfig.load(p)


def test_packing_keeps_completion_only_loss(tiny, tmp_path):
    """packing=True packs the short examples into fewer max_length rows and still masks the prompt tokens."""
    seen = {}
    summary = train(_cfg(tiny, tmp_path / "packed", packing=True, max_length=512, eval_steps=0),
                    log=lambda m: None, on_trainer=lambda t: seen.setdefault("trainer", t))
    ds = seen["trainer"].train_dataset
    assert len(ds) < 8, len(ds)  # 8 examples of ~100 tokens packed into fewer rows of up to 512 tokens
    row = ds[0]
    assert len(row["seq_lengths"]) > 1  # several examples share the row (positions restart at each)
    kept = sum(x != -100 for x in row["labels"])
    assert 0 < kept < len(row["input_ids"])  # the prompts inside the packed row are masked out of the loss
    assert len(row["input_ids"]) <= 512 and all(0 < x < 100 for x in summary["losses"])
