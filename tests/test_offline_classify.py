"""The classifier on labelled phrasings (English, Chinese, typos, LaTeX): the families' set at >= 95% top-1, and a
fixed sample of the held-out half of the catalogue-wide sets (bench/classifier_eval.py reports them whole)."""

from __future__ import annotations

import importlib.util
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from mathanim.config import Settings
from mathanim.offline import head
from mathanim.offline.base import families
from mathanim.offline.params import extract
from mathanim.offline.topics import catalogue_key, topics
from mathanim.offline.understand import HEAD, Classifier, alias_scores

DATA = Path(__file__).parent / "data" / "phrasings.tsv"
BENCH = Path(__file__).parent.parent / "bench" / "classifier_eval.py"


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
    fams, labels = set(families()), {f for _, f in rows}
    assert labels >= fams and labels - fams <= set(topics())
    assert all(any("\u4e00" <= ch <= "\u9fff" for t, f in rows if f == k for ch in t) for k in fams - {"formula"})


@pytest.fixture(scope="module")
def cache() -> Path:
    """The app's own cache folder: the topics' vectors are encoded once per catalogue, not once per run."""
    return Settings().vectors_dir


def bench():
    """bench/classifier_eval.py as a module (its split into calibration and held-out halves)."""
    spec = importlib.util.spec_from_file_location("classifier_eval", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_held_out_sample_is_understood_or_honestly_declined(cache):
    """60 in-scope and 40 out-of-scope lines of the held-out halves (never used to tune the classifier)."""
    ce, clf = bench(), Classifier(cache_dir=cache)
    ins = random.Random(1).sample(ce.halves(ce.load("offline_phrasings.jsonl"))[1], 60)
    outs = random.Random(1).sample(ce.halves(ce.load("offline_out_of_scope.jsonl"))[1], 40)
    clf.embedder.remember([r["text"] for r in ins + outs])  # one batch, cached on disk
    (rate_in, miss_in, _), (rate_out, miss_out, _) = ce.evaluate(clf, ins), ce.evaluate(clf, outs)
    print(f"\nin scope {rate_in:.0%}, out of scope {rate_out:.0%}\n" + "\n".join(miss_in + miss_out))
    assert clf.embedder.available, "the embedding model did not load offline"
    assert rate_in >= 0.90 and rate_out >= 0.95


def test_top1_accuracy_at_least_95_percent(cache):
    clf = Classifier(cache_dir=cache)
    rows = load_rows()
    clf.embedder.remember([text for text, _ in rows])  # one batch, cached on disk
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


@pytest.mark.parametrize("text, want", [
    pytest.param("how steep is a curve at one point", "derivative", marks=pytest.mark.xfail(
        strict=True, reason="over 328 topics the gradient, implicit differentiation and Newton's method rank first")),
    ("a spinning point traces a wave", "unit_circle"),
    ("flip a coin many times and count heads", "binomial"),
    ("a falling ball thrown sideways follows a parabola", "projectile")])
def test_embeddings_alone_rank_paraphrases_without_aliases_in_the_top_three(cache, text, want):
    clf = Classifier(cache_dir=cache, always_embed=True)
    assert not alias_scores(text, clf.fams)[0]
    m = clf.classify(text, extract(text))
    # the head may pick a narrower entry ("thrown sideways": the horizontal projectile); the score's ranking stands
    assert m.source in ("embedding", "fallback", "head") and want in [k for k, _ in m.ranked[:3]], (text, m)


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
    # a power with no composition: the derivative, or the power rule (its derivation then runs on x³)
    assert clf.classify("differentiate x^3", extract("differentiate x^3")).key in ("derivative", "power_rule")


def test_topic_vectors_are_shared_by_every_media_folder(tmp_path):
    """The vectors come from the catalogue alone: two media folders (two tests, two users) share one copy."""
    one = Settings.load(env={"MATHANIM_MEDIA_DIR": str(tmp_path / "a")}, dotenv=False)
    two = Settings.load(env={"MATHANIM_MEDIA_DIR": str(tmp_path / "b")}, dotenv=False)
    assert one.vectors_dir == two.vectors_dir and tmp_path not in one.vectors_dir.parents
    own = Settings.load(env={"MATHANIM_VECTORS_DIR": str(tmp_path / "v")}, dotenv=False)
    assert own.vectors_dir == tmp_path / "v"


def test_a_namesakes_other_result_or_a_stranger_is_declined(cache):
    """A famous name is not a topic: Fermat's last theorem is not his little one, and a name no topic bears
    (Pell, Navier-Stokes) leaves the request unrecognised, while the catalogue's own named results stay found."""
    clf = Classifier(cache_dir=cache)
    for text in ("Fermat's last theorem", "Fermat's Last Theorem and Wiles's proof", "Green's function of the Laplacian",
                 "Pell's equation x^2 - 2y^2 = 1", "Navier-Stokes equations for a viscous fluid"):
        assert not clf.classify(text, extract(text)).recognised, text
    for text, want in (("Fermat's little theorem", "fermats_little_theorem"), ("Green's theorem", "greens_theorem"),
                       ("Bézout's identity for 12 and 18", "bezout_identity"), ("Stokes' theorem", "stokes_theorem")):
        m = clf.classify(text, extract(text))
        assert m.recognised and catalogue_key(m.key) == want, (text, m.key)


def test_a_chinese_sentence_that_names_a_topic_is_understood(cache):
    clf = Classifier(cache_dir=cache)
    text = "哥尼斯堡七桥问题：能不能每座桥恰好走一次"
    m = clf.classify(text, extract(text))
    assert m.recognised and catalogue_key(m.key) == "eulerian_path"
    assert not clf.classify("弦理论中的额外维度", extract("弦理论中的额外维度")).recognised


@pytest.mark.parametrize("text, want", [
    ("multiply [[1,2],[3,4]] by [[0,1],[1,0]]", "matrix_multiplication"),
    ("(2 - i)(1 + 3i)", "complex_multiplication"),
    ("1/3 + 1/9 + 1/27 + …", "geometric_series"),
    ("1 + 1/2 + 1/3 + 1/4 + ...", "harmonic_series"),
])
def test_literal_inputs_are_read_by_their_shape_not_listed_as_aliases(cache, text, want):
    """Worked expressions are not names: no topic lists them, the signature of the notation finds the topic."""
    assert not [k for k, t in topics().items() if any(a.strip() and a in text for a in t.aliases if "[[" in a
                                                      or "(1+" in a or "1/2 +" in a)]
    m = Classifier(cache_dir=cache).classify(text, extract(text))
    assert m.recognised and catalogue_key(m.key) == want, m


@pytest.mark.parametrize("text, want", [
    ("probability of exactly 2 sixes in 10 dice rolls", "binomial_distribution"),  # was one roll's sample space
    ("chance of 4 heads in 6 coin tosses", "binomial_distribution"),  # was independent events
    ("掷骰子10次恰好出现2次6点的概率", "binomial_distribution"),
    ("a coin lands 60 heads in 100 tosses: is it fair at the 5% significance level?", "hypothesis_testing"),
    ("a train slows from 30 m/s to 10 m/s over 200 m", "kinematics_equations"),  # was declined
    ("a car brakes from 25 m/s to rest in 5 s", "kinematics_equations"),  # was the work-energy theorem
    ("a ball dropped from rest falls 20 m", "free_fall"),  # a fall is no level road
])
def test_the_shape_of_an_experiment_or_a_motion_names_its_topic(cache, text, want):
    """k outcomes in n trials is binomial; a change of speed over a time or distance is uniform acceleration."""
    m = Classifier(cache_dir=cache).classify(text, extract(text))
    assert m.recognised and catalogue_key(m.key) == want, m


def test_the_glossary_reads_chinese_terms_longest_first_and_skips_request_words():
    from mathanim.offline.zh_gloss import translate

    g = translate("求等差数列的前n项和 S_10")
    assert "arithmetic sequence" in g.text and "S_10" in g.text and "求" not in g.text
    assert 0.5 < g.cover <= 1.0
    assert translate("在吗").cover == 0.0  # request words only: nothing for the model to read
    assert translate("plain English stays as it is") == translate("plain English stays as it is")


@pytest.mark.parametrize("text", ["股票市场的波动能用数学预测吗", "工作压力大怎么办", "失恋以后的情绪波动",
                                  "区块链技术在金融行业有哪些应用", "用博弈论分析职场晋升"])
def test_everyday_words_are_read_so_a_physics_word_in_passing_names_no_topic(cache, text):
    """The glossary reads everyday words (stock market, work, heartbreak): before it did, they were dropped and
    "波动", "压力" alone were read as waves and work (the first three were travelling_wave, work_energy_theorem and
    travelling_wave)."""
    from mathanim.offline.zh_gloss import translate

    assert translate(text).cover >= 0.65, translate(text)
    m = Classifier(cache_dir=cache).classify(text, extract(text))
    assert not m.recognised, m


@pytest.mark.parametrize("text, want", [
    ("一块石头从悬崖顶端由静止落下，经过2秒落到地面，悬崖有多高", "free_fall"),  # no topic's name, only its situation
    ("为什么花样滑冰运动员收拢手臂以后旋转加快", "angular_momentum"),
])
def test_a_chinese_request_without_a_topic_name_is_understood_through_the_glossary(cache, text, want):
    from mathanim.offline import understand

    clf = Classifier(cache_dir=cache)
    m = clf.classify(text, extract(text))
    assert m.recognised and catalogue_key(m.key) == want, m
    saved = dict(understand.WEIGHTS)
    try:  # the glossary is what found it: without the glossed reading the request is declined or misread
        understand.WEIGHTS["gloss"] = 0.0
        m = clf.classify(text, extract(text))
        assert not (m.recognised and catalogue_key(m.key) == want)
    finally:
        understand.WEIGHTS.update(saved)


def test_a_glossed_passing_word_or_a_namesakes_other_result_is_no_topic(cache):
    clf = Classifier(cache_dir=cache)
    for text in ("给妈妈写一首生日的诗", "费马大定理的证明思路", "今天天气怎么样", "庞加莱猜想的证明", "希尔伯特第十问题"):
        assert not clf.classify(text, extract(text)).recognised, text


@pytest.mark.parametrize("text, want", [
    ("solve 3x + 7 = 22 step by step", "linear_equation"),
    ("gcd(1071, 462) by repeated division", "gcd_euclidean_algorithm"),
    (r"why does d/dx of \int_a^x f(t)\,dt give back f(x)", "fundamental_theorem_of_calculus"),
    (r"\iint_R xy\,dA over the unit square", "double_integral"),
    ("x = cos t y = sin 2t, find dy/dx", "parametric_equations"),
    ("solve x^2 - 5x + 6 = 0", "quadratic_formula"),  # its tail "5x + 6 = 0" is no linear equation
    ("解不等式 -x²+2x+3≥0", "quadratic_inequality"),
    ("画 ρ=sin2θ 的图像", "rose_curve"),  # ρ as Chinese textbooks write the polar radius
    ("ρ=a(1-sinθ) 用极坐标画出来", "cardioid"),
    ("2x + y = 7 and x - y = 2, where do the two lines cross", "linear_system_two_variables"),
])
def test_notation_names_its_topic(cache, text, want):
    m = Classifier(cache_dir=cache).classify(text, extract(text))
    assert m.recognised and catalogue_key(m.key) == want, m


@pytest.mark.parametrize("text, want", [
    ("best point of f = x y on the line x + y = 6 where ∇f = λ∇g", "lagrange_multipliers"),
    ("what does A = U Σ V^T do to the unit circle", "singular_value_decomposition"),
])
def test_unicode_maths_reads_as_the_tex_of_the_catalogue_formulas(cache, text, want):
    """∇, Σ, ∂ and other symbols typed as characters meet the formulas written in TeX (\\nabla, \\Sigma...)."""
    m = Classifier(cache_dir=cache).classify(text, extract(text))
    assert m.recognised and catalogue_key(m.key) == want, m


def test_a_named_rule_beats_the_general_operation_its_formula_writes(cache):
    """"lhopitals rule lim …" is the rule (typed without the accent and apostrophe of "L'Hôpital's rule"), not the
    general limit its formula's notation points at; a bare limit stays the limit."""
    from mathanim.offline.understand import _fold

    assert _fold("L'Hôpital ≠ Bézout") == "l'hopital ≠ bezout"  # accents go, a negated sign keeps its stroke
    clf = Classifier(cache_dir=cache)
    for text, want in (("lhopitals rule lim x->0 (e^x-1-x)/x^2", "lhopitals_rule"),
                       ("L'Hopital's rule", "lhopitals_rule"), ("limit of sin x / x as x -> 0", "limit")):
        m = clf.classify(text, extract(text))
        assert m.recognised and catalogue_key(m.key) == want, (text, m)


def test_another_word_for_the_same_kind_of_law_is_the_same_result(cache):
    """"Kirchhoff's rules" are his circuit laws, "Faraday's law of induction" is Faraday's law; "Newton's method"
    is still not one of Newton's laws, and his law of cooling or of viscosity (in no topic) is declined."""
    clf = Classifier(cache_dir=cache)
    for text, want in (("26.3 Kirchhoff's Rules", "kirchhoffs_laws"), ("Newton's method for square roots",
                                                                       "newtons_method"),
                       ("Faraday's law of induction", "faradays_law"), ("Newton's laws of motion", "newtons_second_law"),
                       ("Newton's law of universal gravitation", "universal_gravitation")):
        m = clf.classify(text, extract(text))
        assert m.recognised and catalogue_key(m.key) == want, (text, m)
    for text in ("Newton's law of cooling", "Newton's law of viscosity"):
        assert not clf.classify(text, extract(text)).recognised, text


def test_a_lone_chinese_character_names_no_topic(cache):
    """"在吗" ("are you there?") leaves only 在, the first character of "在B发生的条件下" in an alias: no topic."""
    m = Classifier(cache_dir=cache).classify("在吗", extract("在吗"))
    assert not m.recognised and m.ranked[0][1] < 0.5, m


def test_a_formula_two_topics_share_goes_to_the_one_it_is_first_for_in_every_process():
    """1/f = 1/u + 1/v is the lens equation and the mirror equation; the answer must not follow the hash seed."""
    code = ("from mathanim.offline.understand import Classifier\nfrom mathanim.offline.params import extract\n"
            "c = Classifier(use_embeddings=False)\nt = '1/f = 1/u + 1/v'\nprint(c.classify(t, extract(t)).key)")
    keys = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120,
                             cwd=Path(__file__).resolve().parent.parent, check=True)
        keys.add(out.stdout.strip())
    assert keys == {"thin_lens_equation"}


def test_a_typo_with_two_equally_common_corrections_reads_the_same_in_every_process():
    """"closer" is one letter from "close" and from "closed", "turing" from "during" and "tuning": the query the
    sentence model reads (and the head's training rows) must not follow the hash seed."""
    code = ("from mathanim.offline.understand import Classifier, reading\nc = Classifier(use_embeddings=False)\n"
            "print(reading(c.index, 'objects closer than they appear; turing machines; infinitely many primes')"
            ".gloss.text)")
    seen = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120,
                             cwd=Path(__file__).resolve().parent.parent, check=True)
        seen.add(out.stdout.strip())
    assert len(seen) == 1, seen


def test_processes_that_start_at_once_encode_the_topic_phrases_once(tmp_path, monkeypatch):
    """The first of them encodes under the lock file; the others wait and read its vectors from disk."""
    import threading
    import time

    import numpy as np

    from mathanim.offline.understand import Embedder

    calls = []

    def slow_encode(self, texts):
        calls.append(len(texts))
        time.sleep(0.5)
        return np.ones((len(texts), 4), dtype=np.float32)

    monkeypatch.setattr(Embedder, "encode", slow_encode)
    monkeypatch.setattr(Embedder, "_encoded", {})
    texts = [f"phrase {random.random()}" for _ in range(3)]
    got = []
    workers = [threading.Thread(target=lambda: got.append(Embedder(tmp_path).cached(texts, "topic-vectors")))
               for _ in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert calls == [3] and len(got) == 3 and all(g.shape == (3, 4) for g in got)
    assert len(list(tmp_path.glob("topic-vectors-*.npy"))) == 1 and not list(tmp_path.glob("*.part.npy"))


@pytest.mark.parametrize(("text", "want"), [
    ("bubblesort animation for 5 1 4 2 8", "bubble_sort"),
    ("binarysearch for 7 in [1,3,5,7,9]", "binary_search"),
    ("insertionsort [7, 3, 5, 1]", "insertion_sort"),
])
def test_two_words_of_a_name_typed_without_the_space_are_read_as_the_name(cache, text, want):
    from mathanim.offline.understand import index_of

    assert index_of(topics()).split("bubblesort") == "bubble sort"
    assert index_of(topics()).split("wavelength") == "wavelength"  # a word of the names stays whole
    m = Classifier(cache_dir=cache).classify(text, extract(text))
    assert m.recognised and catalogue_key(m.key) == want, m


@pytest.mark.parametrize(("text", "want"), [
    ("Galois theory", None),  # a name the catalogue does not know, then a kind of result: outside the catalogue
    ("Banach space", None),
    ("Chaos Theory explained", None),
    ("Fermat Last Theorem", None),  # a known name, no possessive: another of his results, not the little theorem
    ("Fermat little theorem", "fermats_little_theorem"),
    ("Pythagorus theorem", "pythagorean_theorem"),  # a known name typed with a typo stays known
    ("The Binomial Theorem", "binomial_theorem"),  # a heading's capitals name no stranger
    ("Bernoulli Equation", "bernoulli_equation"),
])
def test_a_result_named_without_a_possessive_is_read_as_with_one(cache, text, want):
    m = Classifier(cache_dir=cache).classify(text, extract(text))
    assert (catalogue_key(m.key) if m.recognised else None) == want, m


@pytest.mark.parametrize("text, want", [
    ("each pass picks the smallest remaining number and swaps it to the front, show it on [8, 2, 6, 4]",
     "selection_sort"),
    ("每次把相邻的两个数比较，大的往后换，演示 [5,1,4,2]", "bubble_sort"),
    # (its first wording: the score now reads it). Lost for a while to the everyday glossary's head (declined,
    # nearest prime numbers); read again since the head trains on the "written" set
    ("把一个合数写成几个质数的乘积，比如 84", "prime_factorization"),
])
def test_a_described_situation_that_names_no_topic_is_understood_by_the_learned_head(cache, text, want):
    """Written for this test (in no labelled set): the hand-weighed score declines them, the head names them."""
    m = Classifier(cache_dir=cache).classify(text, extract(text))
    assert m.recognised and catalogue_key(m.key) == want and m.source == "head"


def test_the_offline_backend_says_when_the_learned_head_chose_and_builds_that_topic():
    from mathanim.offline.engine import OfflineBackend, understand

    u = understand("each pass picks the smallest remaining number and swaps it to the front, show it on [8, 2, 6, 4]")
    assert u.match.source == "head" and catalogue_key(u.match.key) == "selection_sort" and not u.fallback_reason
    said = "\n".join(OfflineBackend.reasoning_lines(u))
    assert "Classified as 'selection_sort' by the learned classifier" in said and "8" in u.lesson.code


def test_the_learned_head_names_nothing_outside_the_catalogue(cache):
    clf = Classifier(cache_dir=cache)
    for text in ("write me a poem about the sea", "how do I bake sourdough bread", "Banach-Tarski paradox"):
        m = clf.classify(text, extract(text))
        assert not m.recognised, (text, m)


def test_the_learned_head_is_cached_on_disk_and_read_back_the_same(tmp_path, monkeypatch):
    """A tiny head (two topics and OUT, 4-d vectors): trained once, written, and read back with equal answers."""
    texts = {"bubble_sort": ["bubble sort swaps neighbours", "bubble sort passes", "swap neighbours in bubbles"],
             "binary_search": ["binary search halves the list", "binary search middle", "halves by the middle"],
             head.OUT: ["bake bread at home", "a poem about bread", "bake a poem"]}
    examples = [head.Example(t, t, label) for label, ts in texts.items() for t in ts]
    rng = np.random.default_rng(0)
    vecs = {label: rng.normal(size=4) for label in texts}
    vectors_of = lambda ex: np.array([vecs[e.label] + rng.normal(scale=0.1, size=4) for e in ex])  # noqa: E731
    first = head.cached_head(examples, vectors_of, tmp_path)
    assert len(list(tmp_path.glob("head-*.npz"))) == 1
    monkeypatch.setattr(head, "_trained", {})
    monkeypatch.setattr(head, "train", lambda *a: pytest.fail("trained again instead of reading the cache"))
    again = head.cached_head(examples, vectors_of, tmp_path)
    query = ("bubble sort neighbours", vecs["bubble_sort"])
    assert again.best(*query)[0] == "bubble_sort" and again.best(*query) == pytest.approx(first.best(*query), abs=1e-5)
    assert again.best("bake bread", vecs[head.OUT])[2] > 0.5  # OUT is likeliest
    assert head.digest(examples) != head.digest(examples[1:])


def test_the_heads_own_ngram_reading_is_sklearns_vectorizer():
    """A request reads its n-grams without sklearn (a second's import per process): the same indexes and weights as
    the TfidfVectorizer the head was trained with, for words shorter, as long as and longer than the n-grams."""
    texts = ["Law of Sines  in a\ttriangle", "正弦定理 a/sin A = 2R", "x^2 + y^2 = 25\n求导", "I a ab abc abcd",
             "\\frac{d}{dx} x^n", "Bayes' theorem, P(A|B)", "  两个孩子中至少一个男孩  "]
    vec = head._vectorizer()
    vec.fit(texts * head.SETTINGS["min_df"])
    h = head.Head(["a", head.OUT], vec.vocabulary_, vec.idf_, np.zeros((2, len(vec.idf_) + 3)), np.zeros(2))
    for text in [*texts, "LAW OF COSINES", "余弦定理", "a", ""]:
        row = vec.transform([text])
        idx, w = h.grams(text)
        assert dict(zip(idx.tolist(), w, strict=True)) == pytest.approx(dict(zip(row.indices.tolist(), row.data,
                                                                                  strict=True)), abs=1e-12), text
    assert h.predict(texts[:2], np.zeros((2, 3))) == pytest.approx(np.full((2, 2), 0.5))


LESS_SURE = (HEAD["agree"] + HEAD["accept"]) / 2  # between "agree" and "accept"
assert HEAD["agree"] < HEAD["accept"]


@pytest.mark.parametrize("said, recognised", [
    (("conditional_probability", LESS_SURE, 0.01), True),  # below "accept", but the score's best and nothing outside
    (("conditional_probability", LESS_SURE, 0.2), False),  # "outside" is not unlikely enough
    (("bayes_theorem", LESS_SURE, 0.01), False),  # another topic than the score's best
    (("conditional_probability", HEAD["agree"] - 0.1, 0.01), False),  # too unsure
])
def test_a_less_sure_head_is_taken_only_where_the_score_agrees(cache, monkeypatch, said, recognised):
    """The head's answer is fixed here, so the rule is tested and not the weights: a Chinese sentence whose score
    falls short but whose best topic is the head's. (The first sentence, "已知一个家庭有两个孩子…的概率", is read
    by its score alone since the glossary reads 孩子 and 男孩.)"""
    text = "两个孩子中至少一个男孩时两个都是男孩的机会"
    clf = Classifier(cache_dir=cache)
    monkeypatch.setattr(clf, "_model", lambda: type("Stub", (), {"best": lambda self, t, v: said})())
    m = clf.classify(text, extract(text))
    assert catalogue_key(m.nearest) == "conditional_probability" and m.score < 1  # the score alone declines it
    assert m.recognised == recognised and (m.key == said[0] and m.source == "head" if recognised else True), m


@pytest.mark.parametrize("said, want", [
    (("implicit_differentiation", 0.9, 0.0), "implicit_differentiation"),  # sure: taken over the notation's topic
    (("implicit_differentiation", 0.3, 0.0), "derivative"),  # unsure: the score's reading of dy/dx stands
])
def test_a_sure_head_outranks_the_general_topic_whose_notation_the_text_holds(cache, monkeypatch, said, want):
    """"dy/dx" is the derivative's notation, and the score reads it; the request asks for a specific method. The
    head's answer is fixed here, so the rule is tested and not the weights. (With its equation written, "x^2 + y^2 =
    25", the score itself reads implicit differentiation: see the signature test below.)"""
    text = "find dy/dx without solving for y, then the tangent at (3,4)"
    clf = Classifier(cache_dir=cache)
    monkeypatch.setattr(clf, "_model", lambda: type("Stub", (), {"best": lambda self, t, v: said})())
    m = clf.classify(text, extract(text))
    assert m.recognised and catalogue_key(m.key) == want, m
    assert catalogue_key(m.ranked[0][0]) == "derivative"  # the score alone reads the notation's topic


@pytest.mark.parametrize("text, want", [
    ("find dy/dx for x^2 + y^2 = 25 without solving for y, then the tangent at (3,4)", "implicit_differentiation"),
    ("求 x²+xy+y²=7 两边对 x 求导后的 y′", "implicit_differentiation"),
    ("x^2 + y^2 = 25: draw the circle", "equation_of_circle"),  # no derivative asked for
    ("g^{-1}(x) for g(x) = 5x - 2, and both graphs", "inverse_function"),
    ("求 f⁻¹(x)，f(x)=2x+1", "inverse_function"),
    ("sin^-1(0.5) in degrees", "inverse_trig_functions"),
])
def test_the_notation_of_an_implicit_equation_or_an_inverse_names_its_topic(cache, monkeypatch, text, want):
    """Written for this test: an equation in x and y where y is not alone, with a derivative asked for, is implicit
    differentiation; f⁻¹(x) is an inverse function. The score reads them (the head is left out)."""
    clf = Classifier(cache_dir=cache)
    monkeypatch.setattr(clf, "_model", lambda: type("Stub", (), {"best": lambda self, t, v: ("", 0.0, 0.0)})())
    m = clf.classify(text, extract(text))
    assert m.recognised and catalogue_key(m.key) == want and catalogue_key(m.ranked[0][0]) == want, m


@pytest.mark.parametrize("text, recognised", [
    ("四点共圆的条件是什么，对角互补怎么证明", True),  # a Chinese name matched well past the threshold stands
    ("four points on a circle and their angles", False),  # English at the same margin: "outside" still declines it
])
def test_outside_declines_a_chinese_name_only_near_its_threshold(cache, monkeypatch, text, recognised):
    """The head's "outside" reads Chinese characters and is least reliable there, so in Chinese a name matched a
    quarter past its threshold is not declined by it. The head's answer is fixed here ("outside" at 0.9)."""
    clf = Classifier(cache_dir=cache)
    monkeypatch.setattr(clf, "_model", lambda: type("Stub", (), {"best": lambda self, t, v: ("OUT", 0.05, 0.9)})())
    m = clf.classify(text, extract(text))
    assert catalogue_key(m.nearest) == "cyclic_quadrilateral" and m.recognised == recognised, m


@pytest.mark.parametrize(("text", "want"), [
    ("walk a maze with depth-first search, backing up at each dead end", "depth_first_search"),
    ("Graph traversal: depth-first search on a small graph", "depth_first_search"),
    # "Floyd" beside a gloss names no other result (checked on its own below). Declined for a while (the everyday
    # glossary's head said "outside"); read again since the head trains on the "written" set
    ("Floyd 三重循环算出每一对城市之间的最短路", "floyd_warshall"),
])
def test_a_topic_named_in_full_is_not_traded_for_its_sibling(cache, text, want):
    """Written for this test: a sure head once swapped a name typed in full for a sibling (DFS for BFS), and an
    English name beside a Chinese gloss ("Floyd loop") read as another of the namesake's results."""
    m = Classifier(cache_dir=cache).classify(text, extract(text))
    assert m.recognised and catalogue_key(m.key) == want, m


def test_an_english_name_beside_a_chinese_gloss_is_no_other_result_of_its_namesake(cache):
    """"Floyd 三重循环…" glosses to "Floyd loop …": no named result of Floyd's, so nothing is penalised."""
    from mathanim.offline.understand import evidence

    clf = Classifier(cache_dir=cache)
    text = "Floyd 三重循环算出每一对城市之间的最短路"
    ev = evidence(clf.index, text, extract(text))
    assert "floyd_warshall" not in clf._eponym_penalty(text, ev)
    assert catalogue_key(clf.classify(text, extract(text)).nearest) == "floyd_warshall"


def test_the_heads_training_vectors_reuse_the_topic_matrix_and_encode_only_the_rest(cache, tmp_path):
    """The topics' phrases are encoded once (the topic matrix); training the head encodes only its other texts."""
    import shutil

    for f in cache.glob("topic-vectors-*.npy"):
        shutil.copy(f, tmp_path / f.name)
    clf = Classifier(cache_dir=tmp_path)
    _, mat, _ = clf.embedder.topic_vectors(clf.fams, clf.index.keys)
    first = clf.fams[clf.index.keys[0]].english_phrases[0]  # row 0 of the matrix
    examples = [head.Example(first, first, "x"), head.Example("两个向量的夹角", "", "y"),
                head.Example("a ball rolls down a ramp", "", "z")]
    vecs = clf._training_vectors(examples)
    assert vecs.shape == (3, mat.shape[1]) and np.array_equal(vecs[0], mat[0])
    encoded = [np.load(f) for f in tmp_path.glob("head-queries-*.npy")]
    assert len(encoded) == 1 and encoded[0].shape[0] == 2  # the two texts that are no topic phrase
    assert float(vecs[1] @ vecs[2]) < 0.99  # each its own text's vector
