"""Named results: "Fermat's last theorem" is not "Fermat's little theorem", and "Pell's equation" is in no topic.

A famous name carries most of a request's meaning for the embedding model, so a request about a different result
of the same person (or of a person the catalogue never names) lands on the catalogue's namesake with a confident
score: the worst failure, an unrelated animation. Here a text's named results (a possessive name and the word after
it, or a hyphenated pair of names such as Navier-Stokes; typed without the possessive, a name the catalogue bears
and the words after it, "Fermat last theorem", or a name it never uses before a kind of result, "Galois theory")
are compared with the topics' own: a topic that bears the
name with other words after it, or any topic at all when the catalogue bears the name nowhere, gets a penalty
unless the text also matches one of its names outright (an alias hit).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from .params import drop_accents
from .topics import Topic

_NAME = r"[A-Z][a-z]+(?:[-–][A-Z][a-z]+)*"
POSSESSIVE = re.compile(rf"\b({_NAME})(?:'s|’s|s'|s’|'|’)\s+([A-Za-z]+)(?:\s+of\s+([A-Za-z]+))?")
COMPOUND = re.compile(r"\b([A-Z][a-z]+[-–][A-Z][a-z]+)\b")
# what may follow a name in a result's name without changing which result it is
FILLER = frozenset("the a an of for in on".split())
# the words that make "Name's word" a named result; "Earth's gravity" or "Let's see" name no result
RESULTS = frozenset("theorem law equation conjecture lemma principle paradox problem formula identity constant "
                    "function inequality rule method algorithm hypothesis number series test transform effect "
                    "experiment criterion postulate relation distribution process triangle spiral curve".split())
# a capitalised name the catalogue does not know, then one of these, without the possessive: "Lebesgue integral",
# "Galois theory", "Banach space" (a word of the catalogue, or a typo of one, is no stranger: "Pythagorus theorem")
BARE = re.compile(r"(?<!['’])\b([A-Z][a-z]{3,})\s+(?i:(theorem|hypothesis|conjecture|lemma|integral|transform|theory|"
                  r"space|manifold|inequality|paradox|equations?|series|measure|group|algebra|function)s?)\b")
JOINERS = frozenset("and or to is was with from at by as vs versus".split())  # "Gauss and Euler" names no result
BARE_PAIR = re.compile(rf"(?<!['’\w])({_NAME})\s+([A-Za-z]+)(?:\s+of\s+([A-Za-z]+))?")
# interchangeable kinds: "Kirchhoff's rules" are his circuit laws, "Newton's law" any of his laws
LAWLIKE = frozenset("law rule principle".split())


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _result(word: str, of: str) -> str:
    word = _stem(word)
    return f"{word} of {_stem(of)}" if of and word in LAWLIKE else word


def _plain(text: str) -> str:
    """Accents dropped (Bézout → Bezout, L'Hôpital → L'Hopital), dashes made hyphens."""
    return drop_accents(text.replace("–", "-"))


def named_results(text: str) -> list[tuple[str, str]]:
    """(name, the word after it) for each named result in `text`, lower-cased; a compound name has word "";
    a law named by what it is of keeps that ("Newton's law of cooling": "law of cooling")."""
    plain = _plain(text)
    found = [(n.lower(), _result(w.lower(), of.lower())) for n, w, of in POSSESSIVE.findall(plain)]
    found += [(n.lower(), "") for n in COMPOUND.findall(plain) if n.lower() not in {f[0] for f in found}]
    return found


class Eponyms:
    """Which topics bear which names, and with which words after them."""

    def __init__(self, ts: dict[str, Topic]):
        self.heads: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.lawlike: set[str] = set()  # topics one of whose names is a law, rule or principle
        for key, t in ts.items():
            for name in (t.title_en, *t.aliases):
                if LAWLIKE & {_stem(w) for w in re.findall(r"[a-z]+", name.lower())}:
                    self.lawlike.add(key)
                for n, w in named_results(name):
                    self.heads[n][key].add(w)
                    self.heads[n.split("-")[-1]][key].add(w)  # "Navier-Stokes" also names Stokes' results

    def _bare(self, text: str, found: set[str]) -> list[tuple[str, str]]:
        """Named results of the catalogue's namesakes typed without the possessive ("Fermat last theorem", "Newton
        law of cooling"): a known name, capitalised, and the words after it, as named_results gives them; names
        already `found` with a possessive are left to it."""
        return [(n.lower(), _result(w.lower(), of.lower())) for n, w, of in BARE_PAIR.findall(_plain(text))
                if n.lower() in self.heads and n.lower() not in found and w.lower() not in FILLER | JOINERS]

    def penalised(self, text: str, spell: Callable[[str], str], known: Callable[[str], bool] = lambda w: True
                  ) -> tuple[set[str], set[str], bool]:
        """(topics named with other words after the name; of those, the ones whose own word after the name is a
        qualifier, so the text names another result outright (Fermat's *little* theorem vs his *last*); whether
        the text names someone no topic bears, with or without a possessive: `known` says whether a word is one of
        the catalogue's, `spell` corrects a typo to one)."""
        stranger = any(not known(n) and spell(n) == n and n not in self.heads
                       for n in (m.group(1).lower() for m in BARE.finditer(_plain(text))))
        wrong, other = set(), set()
        named = named_results(text)
        for name, word in named + self._bare(text, {n for n, _ in named}):
            head = word.split(" ")[0]
            bearers = self.heads.get(name) or self.heads.get(spell(name), {})
            if not bearers:
                stranger = stranger or head in RESULTS or not word
                continue
            if "-" in name and name not in self.heads:
                stranger = True  # a pair of names the catalogue never joins (Navier-Stokes, not Stokes)
            for key, words in bearers.items():
                if word in LAWLIKE and key in self.lawlike or head in words and head != word:
                    continue  # "Kirchhoff's rules" for his laws; "Faraday's law of induction" for "Faraday's law"
                if word and word not in FILLER and word not in words and "" not in words:
                    wrong.add(key)
                    # "Heron's area formula" may still be Heron's formula; a law of something else is not his
                    if not {w.split(" ")[0] for w in words} & RESULTS or head != word:
                        other.add(key)
        return wrong, other, stranger
