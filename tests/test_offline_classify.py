"""The classifier on a labelled set of phrasings (English, Chinese, typos, LaTeX): top-1 accuracy >= 95%."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from mathanim.offline.base import families
from mathanim.offline.params import extract
from mathanim.offline.understand import Classifier, alias_scores

DATA = Path(__file__).parent / "data" / "phrasings.tsv"


def load_rows() -> list[tuple[str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            text, fam = line.split("\t")
            rows.append((text, fam))
    return rows


def test_labelled_set_covers_every_family_in_both_languages():
    rows = load_rows()
    assert len(rows) >= 150
    fams = set(families())
    assert {f for _, f in rows} == fams
    assert all(any("\u4e00" <= ch <= "\u9fff" for t, f in rows if f == k for ch in t) for k in fams - {"formula"})


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("embeddings")


def test_top1_accuracy_at_least_95_percent(cache):
    clf = Classifier(cache_dir=cache)
    rows = load_rows()
    misses, sources = [], Counter()
    for text, want in rows:
        m = clf.classify(text, extract(text))
        sources[m.source] += 1
        if m.key != want:
            misses.append(f"{text!r}: want {want}, got {m.key} ({m.source})")
    acc = 1 - len(misses) / len(rows)
    print(f"\nclassifier top-1 accuracy: {acc:.1%} on {len(rows)} phrasings; decided by {dict(sources)}")
    print("\n".join("  miss " + m for m in misses))
    assert clf.embedder.available, "the embedding model did not load offline"
    assert acc >= 0.95


def test_embeddings_alone_rank_paraphrases_without_aliases_in_the_top_three(cache):
    clf = Classifier(cache_dir=cache, always_embed=True)
    for text, want in [("how steep is a curve at one point", "derivative"),
                       ("a spinning point traces a wave", "unit_circle"),
                       ("flip a coin many times and count heads", "binomial"),
                       ("a falling ball thrown sideways follows a parabola", "projectile")]:
        assert not alias_scores(text, clf.fams)[0]
        m = clf.classify(text, extract(text))
        assert m.source == "embedding" and want in [k for k, _ in m.ranked[:3]], (text, m)


def test_unknown_concepts_fall_back_and_say_so(cache):
    clf = Classifier(cache_dir=cache)
    m = clf.classify("quantum chromodynamics of gluons", extract("quantum chromodynamics of gluons"))
    assert not m.recognised and m.source == "fallback" and m.key == m.nearest
    m = clf.classify("x*e^(-x)", extract("x*e^(-x)"))
    assert m.key == "formula"


def test_a_written_composition_means_the_chain_rule(cache):
    clf = Classifier(cache_dir=cache)
    for text in ("how do you differentiate f(g(x))", "derivative of h(k(t))", "differentiate u( v(x) ) step by step"):
        assert clf.classify(text, extract(text)).key == "chain_rule", text
    assert clf.classify("differentiate x^3", extract("differentiate x^3")).key == "derivative"
