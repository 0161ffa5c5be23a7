"""GRPO with trl's GRPOTrainer: the reward is the renderer itself, in the sandbox.

Each sampled completion is read like a model reply (`extract.split_reply`); a completion without code scores
0. Its code goes through the static guard, then the sandboxed fast check (last frame), then, when it renders,
the layout checker; the reward adds the stages it passed (weights in `RewardWeights`). Equal code is checked
once per run. The reward object counts the completions it scored, the sandbox runs and their seconds, and keeps
one record per completion (written to reward_log.jsonl next to the adapter).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from .. import layout, render
from ..config import Settings
from ..extract import split_reply
from ..job import Job


@dataclass(frozen=True)
class RewardWeights:
    """What each stage adds; a completion that renders with a clean layout scores 1."""

    parses: float = 0.1  # the code parses and passes the static guard
    renders: float = 0.6  # the sandboxed fast check reaches the last frame
    layout: float = 0.3  # times the layout score (1: no defects)


class SandboxReward:
    """A trl reward function: one float per completion, from real sandboxed checks."""

    __name__ = "sandbox_check"  # trl names the reward column after it

    def __init__(self, settings: Settings | None = None, workers: int = 2, check_layout: bool = True,
                 weights: RewardWeights = RewardWeights()):
        self.settings = settings or Settings.load()
        self.workers, self.check_layout, self.weights = workers, check_layout, weights
        self.calls = 0  # completions scored
        self.batches = 0  # times trl called the function
        self.sandbox_runs = 0
        self.seconds = 0.0  # wall time inside the reward function
        self.records: list[dict] = []
        self._memo: dict[str, Future] = {}
        self._lock = threading.Lock()

    def score_code(self, code: str) -> dict:
        """{"reward", "stage", ...} of one scene's code (memoised by its hash)."""
        key = hashlib.sha256(code.encode("utf-8", "replace")).hexdigest()
        with self._lock:
            slot, owner = self._memo.get(key), False
            if slot is None:  # the first asker runs it; equal code sampled alongside waits for that result
                slot, owner = self._memo.setdefault(key, Future()), True
        if not owner:
            return {**slot.result(), "cached": True}
        try:
            slot.set_result(self._run(code))
        except Exception as e:  # noqa: BLE001 - the waiters get the same error as the owner
            slot.set_exception(e)
        return slot.result()

    def _run(self, code: str) -> dict:
        w = self.weights
        _, err = render.prepare(code, None)
        if err:
            return {"reward": 0.0, "stage": f"static: {err.kind}"}
        job = Job.make(self.settings)
        out = render.check(code, job)
        runs = 1
        if out.poster:
            Path(out.poster).unlink(missing_ok=True)
        if not out.ok:
            kind = out.error.kind if out.error else "error"
            rec = {"reward": w.parses, "stage": f"check: {kind}"}
        elif not self.check_layout:
            rec = {"reward": w.parses + w.renders, "stage": "renders"}
        else:
            rep = layout.check_layout(code, job.with_(scene=out.scene))
            runs += 1
            rec = {"reward": w.parses + w.renders + w.layout * float(rep.get("score", 0.0)), "stage": "layout",
                   "defects": len(rep.get("defects", []))}
        with self._lock:
            self.sandbox_runs += runs
        return rec

    def score(self, text: str) -> dict:
        """The record of one completion's text: 0 when it holds no code."""
        t0 = time.monotonic()
        code, _ = split_reply(text)
        rec = self.score_code(code) if code.strip() else {"reward": 0.0, "stage": "no code"}
        return {**rec, "seconds": round(time.monotonic() - t0, 3), "chars": len(text)}

    def __call__(self, prompts=None, completions=None, **kwargs) -> list[float]:
        texts = [c if isinstance(c, str) else (c[-1]["content"] if c else "") for c in (completions or [])]
        t0 = time.monotonic()
        with ThreadPoolExecutor(max(1, self.workers)) as pool:
            recs = list(pool.map(self.score, texts))
        with self._lock:
            self.seconds += time.monotonic() - t0
            self.calls += len(texts)
            self.batches += 1
            self.records += recs
        return [r["reward"] for r in recs]

    def summary(self) -> dict:
        """Counts and rates for the run's report."""
        return {"completions": self.calls, "batches": self.batches, "sandbox_runs": self.sandbox_runs,
                "seconds": round(self.seconds, 2),
                "completions_per_s": round(self.calls / self.seconds, 3) if self.seconds else None,
                "sandbox_runs_per_s": round(self.sandbox_runs / self.seconds, 3) if self.seconds else None,
                "with_code": sum(r["stage"] != "no code" for r in self.records),
                "mean_reward": round(sum(r["reward"] for r in self.records) / max(1, len(self.records)), 4)}


@dataclass
class GrpoConfig:
    """Everything `finetune grpo` reads from its config file (unknown keys are an error)."""

    base_model: str
    data_dir: str
    output_dir: str
    adapter: str = ""  # an SFT adapter to continue from ("": a fresh LoRA over the base model)
    lora_r: int = 16
    lora_alpha: int = 32
    target_modules: list[str] | str = field(default_factory=lambda: ["q_proj", "k_proj", "v_proj", "o_proj"])
    num_generations: int = 4
    max_completion_length: int = 512
    temperature: float = 1.0
    beta: float = 0.0
    learning_rate: float = 1e-5
    max_steps: int = 100
    per_device_train_batch_size: int = 4
    gradient_accumulation_steps: int = 1
    logging_steps: int = 1
    save_steps: int = 50
    seed: int = 0
    max_prompts: int = 0  # 0: every training prompt
    reward_workers: int = 2
    check_layout: bool = True
    check_timeout_s: int = 60
    threads: int = 0  # torch CPU threads (0: torch's default); 1 is far faster on a busy shared CPU

    @classmethod
    def load(cls, path: Path | str, **overrides) -> GrpoConfig:
        """Read a JSON config; `overrides` that are not None win."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        data.update({k: v for k, v in overrides.items() if v is not None})
        unknown = sorted(set(data) - {f.name for f in fields(cls)})
        if unknown:
            raise ValueError(f"unknown keys in {path}: {', '.join(unknown)}")
        return cls(**data)


def prompts(data_dir: str, limit: int = 0):
    """The training split's prompts (system + user turns) as a datasets.Dataset with one "prompt" column."""
    from .train import load_split

    ds = load_split(data_dir, "train", limit)
    if ds is None:
        raise ValueError(f"no training data: {data_dir}/train.jsonl is missing or empty")
    return ds.remove_columns([c for c in ds.column_names if c != "prompt"])


def _model(cfg: GrpoConfig):
    """The policy: the base model with the SFT adapter (trainable) or with a fresh LoRA config to apply."""
    from peft import LoraConfig, PeftModel
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(cfg.base_model)
    if cfg.adapter:
        return PeftModel.from_pretrained(model, cfg.adapter, is_trainable=True), None
    return model, LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, target_modules=cfg.target_modules,
                             lora_dropout=0.0, task_type="CAUSAL_LM")


def grpo_args(cfg: GrpoConfig):
    """trl's GRPOConfig from ours (CPU unless CUDA is there; nothing reported anywhere)."""
    import torch
    from trl import GRPOConfig

    return GRPOConfig(
        output_dir=cfg.output_dir, num_generations=cfg.num_generations, max_completion_length=cfg.max_completion_length,
        temperature=cfg.temperature, beta=cfg.beta, learning_rate=cfg.learning_rate, max_steps=cfg.max_steps,
        per_device_train_batch_size=cfg.per_device_train_batch_size,
        gradient_accumulation_steps=cfg.gradient_accumulation_steps, logging_steps=cfg.logging_steps,
        save_steps=cfg.save_steps, save_strategy="steps", seed=cfg.seed, report_to="none",
        use_cpu=not torch.cuda.is_available(), dataloader_num_workers=0, bf16=False,
    )


def train_grpo(cfg: GrpoConfig, log=print, reward: SandboxReward | None = None) -> dict:
    """Run GRPO; saves the adapter in output_dir/adapter, reward_log.jsonl and grpo_summary.json."""
    from transformers import AutoTokenizer
    from trl import GRPOTrainer

    if cfg.threads:
        import torch

        torch.set_num_threads(cfg.threads)
    tok = AutoTokenizer.from_pretrained(cfg.adapter or cfg.base_model)
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    settings = Settings.load().with_(check_timeout_s=cfg.check_timeout_s)
    reward = reward or SandboxReward(settings, cfg.reward_workers, cfg.check_layout)
    model, lora = _model(cfg)
    ds = prompts(cfg.data_dir, cfg.max_prompts)
    log(f"GRPO on {len(ds)} prompts, {cfg.num_generations} completions each, {cfg.max_steps} steps")
    trainer = GRPOTrainer(model=model, reward_funcs=[reward], args=grpo_args(cfg), train_dataset=ds,
                          processing_class=tok, peft_config=lora)
    t0 = time.monotonic()
    trainer.train()
    return _save_run(cfg, trainer, tok, reward, time.monotonic() - t0)


def _save_run(cfg: GrpoConfig, trainer, tok, reward: SandboxReward, seconds: float) -> dict:
    """The adapter and tokenizer in output_dir/adapter, every reward record, and the run's summary."""
    out = Path(cfg.output_dir)
    trainer.save_model(str(out / "adapter"))
    tok.save_pretrained(str(out / "adapter"))
    with (out / "reward_log.jsonl").open("w", encoding="utf-8") as f:
        for r in reward.records:
            f.write(json.dumps(r) + "\n")
    summary = {"adapter": str(out / "adapter"), "global_step": trainer.state.global_step,
               "seconds": round(seconds, 1), "reward": reward.summary(), "config": asdict(cfg),
               "log": [r for r in trainer.state.log_history if "reward" in r or "loss" in r]}
    (out / "grpo_summary.json").write_text(json.dumps(summary, indent=1))
    return summary
