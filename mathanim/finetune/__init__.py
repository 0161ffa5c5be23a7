"""The fine-tuning pipeline: Manim code trees → chat dataset → LoRA SFT → evaluation (→ vLLM serving).

Modules: extract (scene classes with their helpers inlined), convert (ManimGL → CE), dataset (pairs, render
filter, dedupe, split, data card), synthetic (offline-engine pairs), tiny (a tiny model for tests), train
(SFTTrainer + LoRA, merge), eval (concept suite through OpenAI-compatible endpoints). CLI: `python -m
mathanim.finetune --help`.
"""
