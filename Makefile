# Two commands for a new user on Debian/Ubuntu: `make run` (install what is missing, start the app) and
# `make test` (install what is missing, run ruff and the tests). A second run installs nothing.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# cairo/pango headers build pycairo and manimpango; texlive-latex-extra carries standalone.cls for MathTex;
# texlive-science adds siunitx; chromium drives the browser tests; fonts-noto-cjk renders Chinese titles;
# texlive-luatex (luaotfload) compiles study notes that contain Chinese with the Noto CJK font; espeak-ng speaks
# Chinese and other non-English narration; sox is the audio tool manim_voiceover calls.
APT_PKGS := libcairo2-dev libpango1.0-dev pkg-config ffmpeg dvisvgm texlive-latex-base texlive-latex-extra \
            texlive-fonts-recommended texlive-science texlive-luatex chromium fonts-noto-cjk util-linux bubblewrap \
            redis-server espeak-ng sox
export GRADIO_ANALYTICS_ENABLED := False
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run test deps sysdeps venv-torch lint pytest bench serve-local finetune-smoke clean worker

run: deps
	@if [ -f .env ] && [ -n "$$(find .env -perm /o=r)" ]; then \
	  echo "warning: .env is readable by every user of this machine; keep your keys private: chmod 600 .env" >&2; fi
	$(PY) app.py

# One test worker more than cores: a third worker overlaps the waits on browsers, brokers and workers (pytest 1,016 s
# against 1,171 s with two); a fourth only adds contention (the cores are busy ~99% of a run: 1,107 s against 1,044 s).
TEST_WORKERS ?= $(shell echo $$(($$(nproc) + 1)))

# The classifier's vectors and learned head are made once, in the background while the tests that never classify
# run (tests/conftest.py orders the files and holds the others back until it is done): not by one test worker
# while the rest wait, nor before the tests with a core idle.
test: deps
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=15

# The system packages (apt) and torch (the largest wheel, which needs none of them) at once, then the rest.
deps:
	@$(MAKE) --no-print-directory -j2 sysdeps venv-torch
	@$(MAKE) --no-print-directory $(STAMP)

# A head start while apt runs: the venv and torch, where python3 can make a venv already; $(STAMP) does the rest
# (or all of it, where this could not start or failed).
venv-torch:
	@if [ ! -f $(STAMP) ] && python3 -m venv --help >/dev/null 2>&1; then \
	  ( (test -x $(PY) || python3 -m venv $(VENV)) && $(VENV)/bin/pip install -q --upgrade pip \
	    && $(VENV)/bin/pip install -q torch==2.13.0 ) \
	  || { echo "torch will be installed after the system packages" >&2; test -x $(VENV)/bin/pip || rm -rf $(VENV); }; \
	fi

sysdeps:
	@missing=$$(for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	python3 -m venv --help >/dev/null 2>&1 || missing="$$missing python3-venv"; \
	if [ -n "$$(echo $$missing)" ]; then \
	  echo "Installing system packages:" $$missing; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi

# torch is installed first and pinned, so nothing that depends on it pulls a multi-GB CUDA build. The API index
# (.venv/manim_api-<version>.json) is built here; the app also builds it on first use if it is missing.
$(STAMP): requirements.txt requirements-plugins.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q torch==2.13.0
	$(VENV)/bin/pip install -q -r requirements.txt
	$(VENV)/bin/pip install -q --no-deps -r requirements-plugins.txt  # they pin an older manim; checked with ours
	$(PY) -m mathanim.api_index  # the installed manim's API (names, signatures) for repair hints and fixer rules
	touch $(STAMP)

# One render worker (Celery) for the app's broker: MATHANIM_RENDER_BROKER=redis://HOST:6379/0 make worker
# [WORKER_NAME=gpu1 WORKER_CONCURRENCY=4 MATHANIM_MEDIA_DIR=/shared/media]; see the README.
worker: deps
	$(PY) -m mathanim.executor.worker

lint: deps
	$(VENV)/bin/ruff check .

bench: deps
	$(PY) bench/render_overhead.py

clean:
	rm -rf media/work media/cache

# Serve the fine-tuned LoRA adapter with vLLM for --backend local (a GPU machine with vLLM in its own environment;
# vLLM is not in requirements.txt). Prints the .env settings for the app, then starts the server.
#   make serve-local LORA_BASE=Qwen/Qwen3-8B LORA_ADAPTER=runs/manim/adapter LORA_NAME=manim-lora [VLLM=~/vllm-env/bin/vllm]
LORA_BASE ?= Qwen/Qwen3-8B
LORA_ADAPTER ?= runs/manim/adapter
LORA_NAME ?= manim-lora
serve-local:
	scripts/serve_local.sh "$(LORA_BASE)" "$(LORA_ADAPTER)" "$(LORA_NAME)"

# Fine-tuning smoke run on CPU (< 5 min): dataset from Animations/ (render-checked) + one synthetic pair per
# offline family (checked by the families' own tests),
# a tiny Qwen2 model with a locally trained tokenizer, a few LoRA steps; the adapter lands in $(OUT)/run/adapter.
OUT ?= media/finetune-smoke
finetune-smoke: deps
	$(PY) -m mathanim.finetune build --source Animations=animations=project --out $(OUT)/data \
	  --synthetic-per-family 1 --max-per-source 12 --no-check-synthetic --system short --check-timeout 30 --workers 2
	$(PY) -m mathanim.finetune tiny --out $(OUT)/tiny --data-dir $(OUT)/data
	$(PY) -m mathanim.finetune train --config configs/finetune/smoke.json --base-model $(OUT)/tiny \
	  --data-dir $(OUT)/data --output-dir $(OUT)/run
	$(PY) -m mathanim.finetune grpo --config configs/finetune/grpo_smoke.json --base-model $(OUT)/tiny \
	  --adapter $(OUT)/run/adapter --data-dir $(OUT)/data --output-dir $(OUT)/grpo
