"""LoRA supervised fine-tuning with trl's SFTTrainer, from a JSON (or YAML) config file; and adapter merging.

The chat records are turned into trl's conversational prompt/completion format (prompt = system + user,
completion = the assistant turn), so the loss covers the completion only. The same code runs a tiny CPU
model in tests and a 7B base model on a GPU (bf16, gradient checkpointing); checkpoints are resumable.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path


@dataclass
class TrainConfig:
    """Everything `finetune train` reads from its config file (unknown keys are an error)."""

    base_model: str
    data_dir: str
    output_dir: str
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    target_modules: list[str] | str = field(default_factory=lambda: ["q_proj", "k_proj", "v_proj", "o_proj",
                                                                     "gate_proj", "up_proj", "down_proj"])
    completion_only_loss: bool = True
    max_length: int = 4096
    packing: bool = False
    bf16: str | bool = "auto"  # "auto": bf16 when a CUDA device supports it
    gradient_checkpointing: bool = False
    learning_rate: float = 2e-4
    num_train_epochs: float = 2.0
    max_steps: int = -1
    per_device_train_batch_size: int = 1
    gradient_accumulation_steps: int = 8
    warmup_steps: float = 0.03  # < 1: a fraction of the total steps (transformers 5)
    lr_scheduler_type: str = "cosine"
    logging_steps: int = 10
    save_steps: int = 200
    save_total_limit: int = 3
    eval_steps: int = 0  # 0: no evaluation during training
    seed: int = 42
    resume: bool | str = "auto"  # "auto": the newest checkpoint in output_dir; a path; or false
    max_train_samples: int = 0

    @classmethod
    def load(cls, path: Path | str, **overrides) -> TrainConfig:
        """Read a .json or .yaml config; `overrides` (e.g. from the command line) win."""
        text = Path(path).read_text(encoding="utf-8")
        if str(path).endswith((".yaml", ".yml")):
            import yaml

            data = yaml.safe_load(text)
        else:
            data = json.loads(text)
        data.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown keys in {path}: {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        return cls(**data)


def to_prompt_completion(record: dict) -> dict:
    """A chat record → trl's conversational prompt/completion example."""
    msgs = record["messages"]
    return {"prompt": msgs[:-1], "completion": msgs[-1:]}


def load_split(data_dir: str, split: str, limit: int = 0):
    """One split of the built dataset as a datasets.Dataset in prompt/completion form, or None if absent."""
    from datasets import load_dataset

    path = Path(data_dir) / f"{split}.jsonl"
    if not path.is_file() or path.stat().st_size == 0:
        return None
    ds = load_dataset("json", data_files=str(path), split="train")
    if limit:
        ds = ds.select(range(min(limit, len(ds))))
    return ds.map(to_prompt_completion, remove_columns=ds.column_names)


def latest_checkpoint(output_dir: str) -> str | None:
    """The newest checkpoint-N folder under output_dir."""
    cks = [p for p in Path(output_dir).glob("checkpoint-*") if p.name.split("-")[-1].isdigit()]
    return str(max(cks, key=lambda p: int(p.name.split("-")[-1]))) if cks else None


def _use_bf16(cfg: TrainConfig) -> bool:
    import torch

    if cfg.bf16 == "auto":
        return torch.cuda.is_available() and torch.cuda.is_bf16_supported()
    return bool(cfg.bf16)


def sft_args(cfg: TrainConfig, has_eval: bool):
    """trl's SFTConfig from our config."""
    import torch
    from trl import SFTConfig

    eval_on = has_eval and cfg.eval_steps > 0
    return SFTConfig(
        output_dir=cfg.output_dir, max_length=cfg.max_length, packing=cfg.packing,
        completion_only_loss=cfg.completion_only_loss, learning_rate=cfg.learning_rate,
        num_train_epochs=cfg.num_train_epochs, max_steps=cfg.max_steps,
        per_device_train_batch_size=cfg.per_device_train_batch_size,
        gradient_accumulation_steps=cfg.gradient_accumulation_steps, warmup_steps=cfg.warmup_steps,
        lr_scheduler_type=cfg.lr_scheduler_type, logging_steps=cfg.logging_steps, save_steps=cfg.save_steps,
        save_total_limit=cfg.save_total_limit, save_strategy="steps", eval_strategy="steps" if eval_on else "no",
        eval_steps=cfg.eval_steps if eval_on else None, bf16=_use_bf16(cfg),
        activation_checkpointing=cfg.gradient_checkpointing, seed=cfg.seed, report_to="none",
        use_cpu=not torch.cuda.is_available(), dataloader_num_workers=0, dataset_num_proc=1,
    )


def _trainer(cfg: TrainConfig, log):
    """The SFT trainer with a LoRA config over the base model, and (tokenizer, train set size)."""
    import torch
    from peft import LoraConfig
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from trl import SFTTrainer

    tok = AutoTokenizer.from_pretrained(cfg.base_model)
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    train_ds = load_split(cfg.data_dir, "train", cfg.max_train_samples)
    if train_ds is None:
        raise ValueError(f"no training data: {cfg.data_dir}/train.jsonl is missing or empty")
    eval_ds = load_split(cfg.data_dir, "validation")
    dtype = torch.bfloat16 if _use_bf16(cfg) else torch.float32
    model = AutoModelForCausalLM.from_pretrained(cfg.base_model, dtype=dtype)
    lora = LoraConfig(r=cfg.lora_r, lora_alpha=cfg.lora_alpha, lora_dropout=cfg.lora_dropout,
                      target_modules=cfg.target_modules, task_type="CAUSAL_LM")
    trainer = SFTTrainer(model=model, args=sft_args(cfg, eval_ds is not None), train_dataset=train_ds,
                         eval_dataset=eval_ds if cfg.eval_steps > 0 else None, processing_class=tok, peft_config=lora)
    return trainer, tok, len(train_ds)


def _save(cfg: TrainConfig, trainer, tok) -> Path:
    """Save the adapter and tokenizer, and the loss log as JSONL; return the adapter folder."""
    adapter = Path(cfg.output_dir) / "adapter"
    trainer.save_model(str(adapter))
    tok.save_pretrained(str(adapter))
    with (Path(cfg.output_dir) / "loss_log.jsonl").open("w") as f:
        for row in trainer.state.log_history:
            f.write(json.dumps(row) + "\n")
    return adapter


def train(cfg: TrainConfig, log=print, on_trainer=None) -> dict:
    """Train a LoRA adapter; saves adapter + tokenizer in output_dir/adapter and the loss log; returns a summary.

    `on_trainer(trainer)` is called before and after training (tests inspect the weights through it).
    """
    trainer, tok, examples = _trainer(cfg, log)
    resume = latest_checkpoint(cfg.output_dir) if cfg.resume == "auto" else (cfg.resume or None)
    log(f"training on {examples} examples" + (f", resuming from {resume}" if resume else ""))
    if on_trainer:
        on_trainer(trainer)
    result = trainer.train(resume_from_checkpoint=resume)
    if on_trainer:
        on_trainer(trainer)
    adapter = _save(cfg, trainer, tok)
    history = trainer.state.log_history
    summary = {"adapter": str(adapter), "resumed_from": resume, "global_step": trainer.state.global_step,
               "train_loss": result.training_loss, "examples": examples,
               "losses": [r["loss"] for r in history if "loss" in r], "config": asdict(cfg)}
    (Path(cfg.output_dir) / "train_summary.json").write_text(json.dumps(summary, indent=1))
    return summary


def merge(base_model: str, adapter: str, out: str) -> str:
    """Merge a LoRA adapter into its base model and save the full model + tokenizer to `out`."""
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model = AutoModelForCausalLM.from_pretrained(base_model)
    merged = PeftModel.from_pretrained(model, adapter).merge_and_unload()
    merged.save_pretrained(out)
    AutoTokenizer.from_pretrained(adapter if (Path(adapter) / "tokenizer_config.json").exists() else base_model
                                  ).save_pretrained(out)
    return out
