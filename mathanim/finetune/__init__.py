"""The fine-tuning pipeline: Manim code trees → chat dataset → LoRA SFT → evaluation (→ vLLM serving).

Modules: extract (scene classes with their helpers inlined), convert (ManimGL → CE), dataset (pairs, render
filter, dedupe, split, data card), synthetic (offline-engine pairs), tiny (a tiny model for tests), train
(SFTTrainer + LoRA, merge), eval (concept suite through OpenAI-compatible endpoints). CLI: `python -m
mathanim.finetune --help`.

Typical GPU run (configs/finetune/qwen2.5-coder-7b.json writes runs/manim/adapter, the path serving expects):
    python -m mathanim.finetune build --source Animations=animations=project --source ../videos=3b1b --out data/finetune
    python -m mathanim.finetune train --config configs/finetune/qwen2.5-coder-7b.json
    make serve-local LORA_BASE=/models/Qwen2.5-Coder-7B-Instruct LORA_ADAPTER=runs/manim/adapter
    python -m mathanim.finetune eval --endpoint base=http://127.0.0.1:8000/v1,/models/Qwen2.5-Coder-7B-Instruct \
        --endpoint adapter=http://127.0.0.1:8000/v1,manim-lora --suite bench/concepts.txt --out runs/eval
3b1b/videos is CC BY-NC-SA 4.0: add --exclude-noncommercial for a dataset fit for commercial use.
"""
