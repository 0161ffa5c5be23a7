"""One torch thread for small forward passes (the scene embedder's code vectors, a request's sentence vectors).

On a busy shared CPU torch's default pool spins against the render processes: one code vector took 500 ms against
80 ms on one thread, one sentence vector 65 to 130 ms against 15. The previous setting comes back after, so bulk
work (training, the topics' phrases) keeps the pool.
"""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def one_torch_thread():
    """Run the block on one torch thread, then restore the thread count."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)
