"""Which strings are words: wordfreq's frequency lists for English and Chinese, with British and
American spellings and inflections counted as words, and pinyin for Chinese input-method slips.
Each list is loaded the first time a candidate typo needs it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from studydeck.notes import CJK

# British and American spellings of one word; either is a word when the other is.
_SPELLINGS = [
    (re.compile(r"is(?=(e|es|ed|ing|er|ers|ation|ations)$)"), "iz"),
    (re.compile(r"iz(?=(e|es|ed|ing|er|ers|ation|ations)$)"), "is"),
    (re.compile(r"ys(?=(e|es|ed|ing)$)"), "yz"),
    (re.compile(r"yz(?=(e|es|ed|ing)$)"), "ys"),
    (re.compile(r"our(?=(s|ed|ing|ful|ite|ites)?$)"), "or"),
    (re.compile(r"tre(?=s?$)"), "ter"),
    (re.compile(r"ll(?=(ed|ing|er|ers)$)"), "l"),
    (re.compile(r"ogue(?=s?$)"), "og"),
]
_ENDINGS = ("s", "es", "ed", "d", "ing", "ly", "er", "ers")


@lru_cache(maxsize=1)
def _terms() -> tuple[str, ...]:
    text = (Path(__file__).parent / "terms.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def latin_terms() -> dict[str, str]:
    """Casefolded domain term -> its usual spelling."""
    return {w.casefold(): w for w in _terms() if not CJK.search(w)}


@lru_cache(maxsize=1)
def cjk_terms() -> tuple[str, ...]:
    return tuple(w for w in _terms() if CJK.search(w))


@lru_cache(maxsize=2)
def _frequencies(lang: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict(lang)


def spellings(word: str) -> set[str]:
    """The word, its other national spellings, and the stems its common endings leave."""
    forms = {word} | {rule.sub(repl, word) for rule, repl in _SPELLINGS}
    stems = {f[: -len(e)] for f in forms for e in _ENDINGS if f.endswith(e) and len(f) - len(e) >= 3}
    return forms | stems | {rule.sub(repl, s) for s in stems for rule, repl in _SPELLINGS}


def is_english_word(word: str) -> bool:
    low = word.casefold()
    known = _frequencies("en")
    terms = latin_terms()
    return any(form in known or form in terms for form in spellings(low))


def is_chinese_word(text: str) -> bool:
    return text in _frequencies("zh") or text in cjk_terms()


def is_common_chinese(text: str) -> bool:
    """Common enough that writing it was most likely meant (对于, 达到, 表示): a Zipf frequency
    of 4, about once in 100,000 words, or more."""
    return _frequencies("zh").get(text, 0.0) >= 1e-5


INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c",
            "s", "y", "w")


def sounds_alike(a: str, b: str) -> bool:
    """Two characters an input method confuses: read the same, or with the same initial and
    finals one letter apart (梯队 tī duì for 梯度 tī dù). Only each character's usual reading
    counts: with every rare reading, almost any two short syllables come out near."""
    from pypinyin import lazy_pinyin

    x, y = lazy_pinyin(a)[0], lazy_pinyin(b)[0]
    if x == y:
        return True
    ix = next((i for i in INITIALS if x.startswith(i)), "")
    iy = next((i for i in INITIALS if y.startswith(i)), "")
    return ix == iy and one_edit(x[len(ix):], y[len(iy):])


def one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one substitution, insertion or deletion."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))
