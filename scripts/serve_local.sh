#!/usr/bin/env bash
# Serve the fine-tuned LoRA adapter with vLLM's OpenAI-compatible server, for the app's "local" backend.
#
#   scripts/serve_local.sh [BASE_MODEL] [ADAPTER_DIR] [NAME]        (or: make serve-local BASE=… ADAPTER=… NAME=…)
#
# Runs on a GPU machine with vLLM installed in its OWN environment (vLLM pins its own torch and transformers,
# so it is not in requirements.txt):  python3 -m venv ~/vllm-env && ~/vllm-env/bin/pip install vllm
# then  VLLM=~/vllm-env/bin/vllm scripts/serve_local.sh Qwen/Qwen3-8B runs/manim/adapter manim-lora
#
# Settings (environment): BASE_MODEL, ADAPTER_DIR, LORA_NAME, HOST (127.0.0.1), PORT (8000), VLLM (vllm),
# REASONING_PARSER (guessed from the base model: qwen3, deepseek_r1; "none" to disable), MAX_MODEL_LEN (16384),
# API_KEY (optional; then clients need LOCAL_API_KEY), EXTRA_ARGS (more vllm serve flags), DRY_RUN=1 (print only).
set -euo pipefail

BASE=${1:-${BASE_MODEL:-Qwen/Qwen3-8B}}
ADAPTER=${2:-${ADAPTER_DIR:-runs/manim/adapter}}
NAME=${3:-${LORA_NAME:-manim-lora}}
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
VLLM=${VLLM:-vllm}
MAX_MODEL_LEN=${MAX_MODEL_LEN:-16384}

# The reasoning parser makes vLLM stream the model's thinking as delta.reasoning (the app shows it live);
# without one, <think>…</think> stays in the content, which the app also handles.
if [ -z "${REASONING_PARSER:-}" ]; then
  case "${BASE,,}" in
    *qwen3*|*qwq*) REASONING_PARSER=qwen3 ;;
    *deepseek-r1*|*r1-distill*) REASONING_PARSER=deepseek_r1 ;;
    *) REASONING_PARSER=none ;;
  esac
fi

# vLLM refuses adapters whose rank exceeds --max-lora-rank (default 16): read the rank from the adapter.
RANK=""
if [ -f "$ADAPTER/adapter_config.json" ]; then
  RANK=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("r", ""))' "$ADAPTER/adapter_config.json")
elif [ -z "${DRY_RUN:-}" ]; then
  echo "error: no LoRA adapter at '$ADAPTER' (expected $ADAPTER/adapter_config.json); pass ADAPTER_DIR" >&2
  exit 2
fi

CMD=("$VLLM" serve "$BASE" --host "$HOST" --port "$PORT" --enable-lora --lora-modules "$NAME=$ADAPTER"
     --max-model-len "$MAX_MODEL_LEN")
[ "$REASONING_PARSER" != none ] && CMD+=(--reasoning-parser "$REASONING_PARSER")
[ -n "$RANK" ] && [ "$RANK" -gt 16 ] && CMD+=(--max-lora-rank "$RANK")
[ -n "${API_KEY:-}" ] && CMD+=(--api-key "$API_KEY")
# shellcheck disable=SC2206  # EXTRA_ARGS is split on purpose
[ -n "${EXTRA_ARGS:-}" ] && CMD+=($EXTRA_ARGS)

cat <<SETTINGS
# Put these in the app's .env (or the environment), then use:  text_to_manim.py "CONCEPT" --backend local
LOCAL_BASE_URL=http://$HOST:$PORT/v1
LOCAL_MODEL=$NAME
SETTINGS
[ -n "${API_KEY:-}" ] && echo "LOCAL_API_KEY=<the key you passed as API_KEY>"
echo "# Starting: ${CMD[*]}" | sed "s/--api-key [^ ]*/--api-key ***/"

if [ -n "${DRY_RUN:-}" ]; then
  exit 0
fi
if ! command -v "$VLLM" >/dev/null 2>&1; then
  echo "error: '$VLLM' not found. Install vLLM in its own environment on a GPU machine:" >&2
  echo "  python3 -m venv ~/vllm-env && ~/vllm-env/bin/pip install vllm   then  VLLM=~/vllm-env/bin/vllm $0 ..." >&2
  exit 1
fi
exec "${CMD[@]}"
