"""Typos of the notes' own terms, reported only on strong evidence.

A word is a typo when it is one edit from a domain term and is not itself a word (wordfreq's
lists, British and American spellings alike). The fix is certain only when the intended term
also appears in the same file; otherwise it is a suggestion. A Chinese term is a typo when one
character inside it is replaced by one that sounds alike (the slip an input method makes) and
the result is neither a word nor the start or end of one with its neighbours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from studydeck.lint.findings import Confidence
from studydeck.lint.lexicon import (cjk_terms, is_chinese_word, is_common_chinese, is_english_word, latin_terms,
                                    one_edit, sounds_alike)
from studydeck.lint.text import Piece

LATIN_WORD = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z]{6,}(?![A-Za-z0-9_-])")
HAN = "\u3400-\u9fff"


@dataclass(frozen=True)
class Typo:
    line: int
    at: int | None          # offset of ``wrong`` in the file
    wrong: str
    right: str
    confidence: Confidence


def find_typos(prose: list[Piece], latin: dict[str, str] | None = None,
               cjk: tuple[str, ...] | None = None) -> list[Typo]:
    """Typos in the prose of one file, in order. ``latin`` (casefolded term -> spelling) and
    ``cjk`` are the domain terms; by default the ones in terms.txt."""
    latin = latin_terms() if latin is None else latin
    cjk = cjk_terms() if cjk is None else cjk
    return sorted(_latin(prose, latin) + _chinese(prose, cjk), key=lambda t: (t.line, t.at or 0))


def _at(piece: Piece, offset: int) -> int | None:
    return None if piece.at is None else piece.at + offset


def _inner_edit(a: str, b: str) -> bool:
    """One letter wrong, doubled or dropped inside the word: Transformmer, optimzer. An edit at
    either end is usually inflection (epochs, activations), not a typo."""
    if not one_edit(a, b):
        return False
    k = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return 0 < k < min(len(a), len(b)) - 1


@lru_cache(maxsize=4)
def _deletions(terms: frozenset[str]) -> dict[str, set[str]]:
    """Each term and each string one deletion from it -> the terms: one look-up per word finds
    every term one edit away, however many terms there are."""
    index: dict[str, set[str]] = {}
    for term in terms:
        for key in {term} | {term[:i] + term[i + 1:] for i in range(len(term))}:
            index.setdefault(key, set()).add(term)
    return index


def _near_terms(low: str, index: dict[str, set[str]]) -> list[str]:
    keys = {low} | {low[:i] + low[i + 1:] for i in range(len(low))}
    found = set().union(*(index.get(k, set()) for k in keys))
    return sorted(t for t in found if _inner_edit(low, t))


def _latin(prose: list[Piece], terms: dict[str, str]) -> list[Typo]:
    words = [(p, m) for p in prose for m in LATIN_WORD.finditer(p.text)]
    present = {m.group(0).casefold() for _, m in words}
    index = _deletions(frozenset(terms)) if words else {}
    verdicts: dict[str, tuple[str, Confidence] | None] = {}
    out = []
    for piece, match in words:
        word = match.group(0)
        if word not in verdicts:
            verdicts[word] = _judge_latin(word, present, terms, index)
        verdict = verdicts[word]
        if verdict:
            out.append(Typo(piece.line, _at(piece, match.start()), word, *verdict))
    return out


def _judge_latin(word: str, present: set[str], terms: dict[str, str],
                 index: dict[str, set[str]]) -> tuple[str, Confidence] | None:
    low = word.casefold()
    if low in terms:
        return None
    near = _near_terms(low, index)
    if len(near) != 1 or is_english_word(low):
        return None  # no term, two readings, or a word in its own right
    confidence = Confidence.CERTAIN if near[0] in present else Confidence.SUGGESTION
    return _same_case(word, terms[near[0]]), confidence


def _same_case(word: str, term: str) -> str:
    if any(c.isupper() for c in term[1:]):
        return term  # PyTorch, LayerNorm: one spelling
    if word.isupper():
        return term.upper()
    return term[0].upper() + term[1:] if word[0].isupper() else term.lower()


def _chinese(prose: list[Piece], terms: tuple[str, ...]) -> list[Typo]:
    text = "\n".join(p.text for p in prose)
    present = [t for t in terms if len(t) >= 4 and t in text]
    slips: dict[str, str] = {}          # the two characters typed -> the two meant, once proven
    out = []
    taken: set[tuple[int, int]] = set()  # (piece, offset) of each character a proven slip covers
    for index, piece in enumerate(prose):
        for term in present:
            if term[0] not in piece.text:
                continue  # as _windows would find: most terms are nowhere near most pieces
            for start, k in _windows(piece.text, term):
                window = piece.text[start:start + len(term)]
                if window not in terms and _certain_slip(piece.text, start, window, term, k):
                    slips[window[k - 1:k + 1]] = term[k - 1:k + 1]
                    taken.update((index, start + i) for i in range(len(term)))
                    out.append(Typo(piece.line, _at(piece, start), window, term, Confidence.CERTAIN))
    # the same slip elsewhere in the file is likely, but the two characters may be meant there
    for index, piece in enumerate(prose):
        for wrong, right in slips.items():
            for start in _occurrences(piece.text, wrong):
                if (index, start) not in taken:
                    out.append(Typo(piece.line, _at(piece, start), wrong, right, Confidence.SUGGESTION))
    return out


def _occurrences(text: str, part: str):
    start = text.find(part)
    while start >= 0:
        yield start
        start = text.find(part, start + 1)


def _windows(piece: str, term: str):
    """(start, k): a stretch of ``piece`` that is ``term`` with its character k (not the first:
    a different first character is usually another word, 层/批量 归一化) replaced."""
    if term[0] not in piece:
        return
    pattern = _mask_pattern(term)
    for match in pattern.finditer(piece):
        start = match.start()
        window = piece[start:start + len(term)]
        k = next(i for i, (a, b) in enumerate(zip(window, term)) if a != b)
        yield start, k


@lru_cache(maxsize=None)
def _mask_pattern(term: str) -> re.Pattern:
    options = [re.escape(term[:k]) + f"(?!{re.escape(term[k])})[{HAN}]" + re.escape(term[k + 1:])
               for k in range(1, len(term))]
    return re.compile("(?=(?:" + "|".join(options) + "))")


def _certain_slip(piece: str, start: int, window: str, term: str, k: int) -> bool:
    if is_chinese_word(window):
        return False
    before, after = piece[start - 1:start] if start else "", piece[start + len(window):start + len(window) + 1]
    # the text may read otherwise: 反向传方差 is 反向传 + 方差, not a slip for 反向传播
    if (before and is_chinese_word(before + window[0])) or (after and is_chinese_word(window[-1] + after)):
        return False
    if is_common_chinese(window[k - 1:k + 1]) or is_common_chinese(window[k:k + 2]):
        return False  # 可以达到 is not a slip for 可以得到, though 达 and 得 sound alike
    return sounds_alike(window[k], term[k])
