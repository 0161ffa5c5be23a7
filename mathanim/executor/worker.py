"""`make worker` / `python -m mathanim.executor.worker`: one Celery render worker, configured from the
environment: MATHANIM_RENDER_BROKER (required), WORKER_NAME (default: worker), WORKER_CONCURRENCY (default:
the CPU count), MATHANIM_MEDIA_DIR (the artifact store: the same shared folder the app uses)."""

from __future__ import annotations

import os
import sys

from ..config import Settings, environment
from .celery_app import QUEUE


def worker_argv(env: dict[str, str]) -> list[str]:
    """The `celery worker` arguments for this environment."""
    name = env.get("WORKER_NAME", "").strip() or "worker"
    concurrency = env.get("WORKER_CONCURRENCY", "").strip() or str(os.cpu_count() or 1)
    # fair scheduling and a prefetch of one: a long render never holds back a queued job another worker could take
    return ["worker", "-n", f"{name}@%h", "-c", concurrency, "-O", "fair", "-Q", QUEUE, "-l", "INFO",
            "--without-mingle", "--without-gossip"]


def main() -> None:
    if not Settings.load().render_broker:
        sys.exit("set MATHANIM_RENDER_BROKER=redis://HOST:PORT/0 (the broker the app uses) to start a worker")
    from .celery_app import app  # configured from the same environment

    app.worker_main(worker_argv(environment()))  # the environment wins over .env, as for the app


if __name__ == "__main__":
    main()
