"""Which strings are words: wordfreq's frequency lists for English and Chinese, with British and
American spellings and inflections counted as words, and pinyin for Chinese input-method slips.
Each list is loaded the first time a candidate typo needs it."""

from __future__ import annotations

import importlib.util
import re
import unicodedata
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
COMMON_BUCKETS = 501  # buckets 0..500: a frequency of 10^-5 or more (Zipf 4)
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
def _buckets(lang: str) -> list[list[str]]:
    """wordfreq's list: bucket i holds the words of frequency 10^(-i/100); reading it is a
    quarter of the time building wordfreq's word -> frequency dict takes."""
    from wordfreq import get_frequency_list

    return get_frequency_list(lang)


@lru_cache(maxsize=2)
def _words(lang: str) -> frozenset[str]:
    return frozenset().union(*_buckets(lang))


@lru_cache(maxsize=1)
def _common_chinese() -> frozenset[str]:
    return frozenset().union(*_buckets("zh")[:COMMON_BUCKETS])


def spellings(word: str) -> set[str]:
    """The word, its other national spellings, and the stems its common endings leave."""
    forms = {word} | {rule.sub(repl, word) for rule, repl in _SPELLINGS}
    stems = {f[: -len(e)] for f in forms for e in _ENDINGS if f.endswith(e) and len(f) - len(e) >= 3}
    return forms | stems | {rule.sub(repl, s) for s in stems for rule, repl in _SPELLINGS}


def is_english_word(word: str) -> bool:
    low = word.casefold()
    known = _words("en")
    terms = latin_terms()
    return any(form in known or form in terms for form in spellings(low))


def is_chinese_word(text: str) -> bool:
    return text in _words("zh") or text in cjk_terms()


def is_common_chinese(text: str) -> bool:
    """Common enough that writing it was most likely meant (对于, 达到, 表示): a Zipf frequency
    of 4, about once in 100,000 words, or more."""
    return text in _common_chinese()


INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c",
            "s", "y", "w")


def sounds_alike(a: str, b: str) -> bool:
    """Two characters an input method confuses: read the same, or with the same initial and
    finals one letter apart (梯队 tī duì for 梯度 tī dù). Only each character's usual reading
    counts: with every rare reading, almost any two short syllables come out near."""
    x, y = _reading(a), _reading(b)
    if x == y:
        return True
    ix = next((i for i in INITIALS if x.startswith(i)), "")
    iy = next((i for i in INITIALS if y.startswith(i)), "")
    return ix == iy and one_edit(x[len(ix):], y[len(iy):])


def _reading(char: str) -> str:
    """A character's usual reading, without tones: 度 -> du."""
    reading = _pinyin_table().get(ord(char), char).split(",")[0]
    return "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[int, str]:
    """pypinyin's character table alone: importing the package loads its phrase tables too,
    ten times the time, for context lint does not use."""
    spec = importlib.util.find_spec("pypinyin")
    path = Path(spec.origin).parent / "pinyin_dict.py" if spec and spec.origin else None
    if path is None or not path.exists():
        from pypinyin.pinyin_dict import pinyin_dict

        return pinyin_dict
    table = importlib.util.spec_from_file_location("_studydeck_pinyin_dict", path)
    module = importlib.util.module_from_spec(table)
    table.loader.exec_module(module)
    return module.pinyin_dict


def one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one substitution, insertion or deletion."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    return any(b[:i] + b[i + 1:] == a for i in range(len(b)))
