"""GRPO: the sandboxed reward on real completions, and a few GRPOTrainer steps on the tiny model."""

from __future__ import annotations

import json

import torch

from mathanim.config import Settings
from mathanim.finetune.grpo import GrpoConfig, SandboxReward, train_grpo
from mathanim.finetune.tiny import build_tiny

SCENE = "from manim import *\nclass Ring(Scene):\n    def construct(self):\n        self.add(Circle())\n"
REPLY = f"```python\n{SCENE}```\n"
PROMPT = [{"role": "system", "content": "You write Manim scenes."}, {"role": "user", "content": "A circle"}]
BROKEN = "```python\nfrom manim import *\nclass B(Scene):\n    def construct(self):\n        self.add(Circle(1 / 0))\n```"


def settings(tmp_path) -> Settings:
    return Settings.load().with_(media_dir=tmp_path / "media", check_timeout_s=60)


def test_reward_scores_stages_and_counts_calls(tmp_path):
    reward = SandboxReward(settings(tmp_path), workers=2, check_layout=False)
    refused = "```python\nimport os\nfrom manim import *\nclass R(Scene):\n    def construct(self):\n" \
              "        os.system('true')\n```"
    out = reward(prompts=[PROMPT] * 3, completions=[[{"role": "assistant", "content": t}]
                                                     for t in ("no code at all", BROKEN, refused)])
    assert out == [0.0, 0.1, 0.0]
    stages = [r["stage"] for r in reward.records]
    assert stages[0] == "no code" and stages[1] == "check: runtime" and stages[2].startswith("static:")
    assert reward.calls == 3 and reward.batches == 1 and reward.sandbox_runs == 1 and reward.seconds > 0


def memorise(model_dir, steps: int = 300) -> None:
    """Full fine-tune the tiny model on one prompt -> REPLY, so sampling at temperature 1 yields real code."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForCausalLM.from_pretrained(model_dir)
    text = tok.apply_chat_template(PROMPT, add_generation_prompt=True, tokenize=False) + REPLY + "<|im_end|>"
    ids = torch.tensor([tok(text)["input_ids"]])
    optim = torch.optim.Adam(model.parameters(), lr=3e-3)
    for _ in range(steps):
        loss = model(input_ids=ids, labels=ids).loss
        optim.zero_grad()
        loss.backward()
        optim.step()
        if loss.item() < 0.02:
            break
    assert loss.item() < 0.1
    model.save_pretrained(model_dir)


def test_grpo_steps_on_the_tiny_model_with_a_sandboxed_reward(tmp_path):
    torch.manual_seed(0)
    torch.set_num_threads(1)  # a tiny model on a shared 2-core CPU: one thread is many times faster
    base = build_tiny(tmp_path / "tiny", [REPLY, *(m["content"] for m in PROMPT)] * 20)
    memorise(base)
    data = tmp_path / "data"
    data.mkdir()
    row = {"messages": [*PROMPT, {"role": "assistant", "content": REPLY}]}
    (data / "train.jsonl").write_text("\n".join(json.dumps(row) for _ in range(4)) + "\n")
    cfg = GrpoConfig(base_model=str(base), data_dir=str(data), output_dir=str(tmp_path / "grpo"), lora_r=4,
                     lora_alpha=8, num_generations=4, max_completion_length=48, learning_rate=1e-3, max_steps=2,
                     per_device_train_batch_size=4, save_steps=100, check_timeout_s=60, threads=1)
    reward = SandboxReward(settings(tmp_path), workers=2, check_layout=True)
    summary = train_grpo(cfg, log=lambda m: None, reward=reward)
    assert summary["global_step"] == 2
    adapter = tmp_path / "grpo" / "adapter"
    assert (adapter / "adapter_config.json").is_file() and (adapter / "adapter_model.safetensors").is_file()
    assert reward.calls == 8  # 2 steps x 1 prompt x 4 completions
    assert reward.sandbox_runs >= 2  # at least one completion was checked and laid out in the sandbox
    assert reward.sandbox_runs <= 2 * len({r["chars"] for r in reward.records})  # equal code checked once
    assert max(r["reward"] for r in reward.records) >= 0.7, reward.records
    log = (tmp_path / "grpo" / "reward_log.jsonl").read_text().splitlines()
    assert len(log) == 8 and summary["reward"]["completions_per_s"] > 0
