"""A learned head for the offline classifier: which catalogue entry a request is about, or none.

understand.py's hand-weighed score is precise when a request names its topic, but a teacher's sentence that
describes a situation ("a ball thrown at 30 m/s ...", "每一趟选出最小元素") often names nothing, and the nearest topic
by cosine similarity was right more often than the score dared to say. This head is a multinomial logistic
regression over two views of the text:
- character n-grams (2 to 4, TF-IDF) of the raw text: the catalogue's words, typos of them, Chinese characters;
- the all-MiniLM-L6-v2 sentence vector of the query (the Chinese glossed to English, as for the similarities).
It is trained on the catalogue's own names, aliases and sentences (each entry's label is its catalogue id) plus
the phrasings in training/ (see bench/head_data.py: never the held-out half, blind2, blind3 nor dev6) and an extra
class, OUT, for requests the catalogue does not cover. Training (encoding the rows' queries, then the solver) takes
about two and a half minutes on two cores, once: the weights are cached in the vectors folder, keyed by a digest of
everything they were trained on.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..diskonce import load_or_compute
from . import zh_gloss
from .params import CJK
from .topics import catalogue_key

OUT = "__out__"  # the class of requests outside the catalogue
TRAINING = Path(__file__).parent / "training"
# "version" changes when the weights change for a reason the digest cannot see: 2, the topics' phrases take their
# vectors from the topic matrix (encoded in other batches, so the last digits differ and the solver, stopped at
# "tol", ends elsewhere); 3, a typo's correction no longer depends on the process's hash seed (ties of equally
# common candidates went either way, so the queries of a few training rows differed from process to process); 4, the
# solver runs in float32
# "min_df" 3 (was 2) since the "written" set: 45,020 n-grams instead of 73,966 for 16,541 texts, the solver 80 s
# instead of 111 s (its cost follows the weights' count); held-out half 98.6% -> 98.3% in scope, dev6 98.0% -> 97.7%
SETTINGS = {"ngrams": (2, 4), "min_df": 3, "C": 10.0, "row_weight": 3.0, "embedding_weight": 1.0, "max_iter": 100,
            "tol": 1e-3, "version": 4}


@dataclass
class Example:
    """One training text: the raw text (for n-grams), the query the sentence model reads, and the label."""

    text: str
    query: str  # "" until training asks for it (a labelled row's query comes from understand.evidence)
    label: str
    weight: float = 1.0


def examples(ts: dict, keys: list[str]) -> list[Example]:
    """The training texts: each topic's English names and sentences (as the similarities read them), its Chinese
    names (the model reads their gloss), and the labelled phrasings (their query is filled in at training time)."""
    out = []
    for k in keys:
        t, label = ts[k], catalogue_key(k)
        out += [Example(s, s, label) for s in t.english_phrases]
        glossed = ((a, zh_gloss.translate(a).text) for a in t.aliases if CJK.search(a))
        out += [Example(a, g, label) for a, g in glossed if g.strip()]
    return out + [Example(text, "", label, SETTINGS["row_weight"]) for text, label in labelled_rows()]


def labelled_rows() -> list[tuple[str, str]]:
    """(text, catalogue id or OUT) of the training phrasings shipped with the package."""
    out = []
    for kind in ("phrasings", "out_of_scope"):
        for line in (TRAINING / f"{kind}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append((row["text"], row.get("topic") or OUT))
    return out


def _vectorizer():
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer="char_wb", ngram_range=SETTINGS["ngrams"], lowercase=True, sublinear_tf=True,
                           min_df=SETTINGS["min_df"])


def _features(grams, vectors):
    """One row per text: its n-gram weights, then its sentence vector (weighed by the settings)."""
    from scipy import sparse

    return sparse.hstack([grams, sparse.csr_matrix(np.asarray(vectors) * SETTINGS["embedding_weight"])]).tocsr()


def char_grams(text: str, lo: int, hi: int) -> list[str]:
    """sklearn's "char_wb" analyzer (lower-cased): the n-grams inside each word padded with a space on both sides,
    a word shorter than n counted once. Here so that a request needs no sklearn (a second's import per process)."""
    out = []
    for word in text.lower().split():
        w = f" {word} "
        for n in range(lo, hi + 1):
            out.extend(w[i:i + n] for i in range(max(1, len(w) - n + 1)))
            if len(w) <= n:
                break
    return out


class Head:
    """The trained weights: predict() gives each class's probability for (texts, their query vectors)."""

    def __init__(self, classes: list[str], vocabulary: dict[str, int], idf, coef, intercept):
        self.classes, self.vocabulary, self.idf = classes, vocabulary, np.asarray(idf)
        self.coef, self.intercept = np.asarray(coef), np.asarray(intercept)
        self.out = classes.index(OUT)

    def grams(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """The text's TF-IDF row as the training vectorizer makes it (sublinear tf, idf, unit length): indexes and
        weights of the known n-grams."""
        counts: dict[int, int] = {}
        for g in char_grams(text, *SETTINGS["ngrams"]):
            i = self.vocabulary.get(g)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        idx = np.fromiter(counts, dtype=np.int64, count=len(counts))
        w = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.idf[idx]
        norm = np.sqrt(w @ w)
        return idx, (w / norm if norm else w)

    def predict(self, texts: list[str], vectors) -> np.ndarray:
        """Rows of class probabilities, one row per text."""
        n_grams = len(self.idf)
        dense = np.asarray(vectors, dtype=np.float64) * SETTINGS["embedding_weight"]
        z = dense @ self.coef[:, n_grams:].T + self.intercept
        for row, text in enumerate(texts):
            idx, w = self.grams(text)
            z[row] += self.coef[:, idx] @ w
        z = np.exp(z - z.max(axis=1, keepdims=True))
        return z / z.sum(axis=1, keepdims=True)

    def best(self, text: str, vector) -> tuple[str, float, float]:
        """(the most likely catalogue id, its probability, the probability of OUT) for one text."""
        p = self.predict([text], [vector])[0]
        out = float(p[self.out])
        p[self.out] = -1.0
        i = int(p.argmax())
        return self.classes[i], float(p[i]), out

    def save(self, path: Path) -> None:
        vocab = sorted(self.vocabulary, key=self.vocabulary.get)
        np.savez_compressed(path, classes=np.array(self.classes), vocab=np.array(vocab), idf=self.idf,
                            coef=self.coef.astype(np.float32), intercept=self.intercept)

    @classmethod
    def load(cls, path: Path) -> Head:
        with np.load(path, allow_pickle=False) as z:
            vocab = {str(g): i for i, g in enumerate(z["vocab"])}
            return cls([str(c) for c in z["classes"]], vocab, z["idf"], z["coef"], z["intercept"])


def train(examples: list[Example], vectors) -> Head:
    """Fit the head on `examples` (their query vectors in the same order)."""
    from sklearn.linear_model import LogisticRegression

    vec = _vectorizer()
    # float32: half the time of float64 (46 s against 90 s for 13,102 texts on two cores), the same number of solver
    # steps, weights within 0.002 of each other (they are stored as float32 anyway)
    x = _features(vec.fit_transform([e.text for e in examples]), vectors).astype(np.float32)
    model = LogisticRegression(C=SETTINGS["C"], max_iter=SETTINGS["max_iter"], tol=SETTINGS["tol"])
    model.fit(x, [e.label for e in examples], sample_weight=[e.weight for e in examples])
    return Head(list(model.classes_), vec.vocabulary_, vec.idf_, model.coef_, model.intercept_)


def digest(examples: list[Example]) -> str:
    """What the weights depend on: every example, the settings and the Chinese glossary (queries come from it)."""
    h = hashlib.sha256(json.dumps(SETTINGS, sort_keys=True).encode())
    h.update((Path(__file__).parent / "zh_glossary.tsv").read_bytes())
    for e in examples:
        h.update(f"{e.text}\x00{e.query}\x00{e.label}\x00{e.weight}\n".encode())
    return h.hexdigest()[:16]


_lock = threading.Lock()
_trained: dict[str, Head] = {}


def cached_head(examples: list[Example], vectors_of, cache_dir: Path | None) -> Head:
    """The head for `examples`, from memory, else the cache folder, else trained now (under a lock file, so that of
    the processes that start at once one trains and the others read its file). `vectors_of(examples)` gives their
    query vectors."""
    key = digest(examples)
    with _lock:
        if key not in _trained:
            _trained[key] = _load_or_train(examples, vectors_of, cache_dir / f"head-{key}.npz" if cache_dir else None)
        return _trained[key]


def _load_or_train(examples: list[Example], vectors_of, path: Path | None) -> Head:
    if path is None:
        return train(examples, vectors_of(examples))
    return load_or_compute(path, lambda: train(examples, vectors_of(examples)), Head.load, Head.save)
