"""The ground layer: what every stage needs to know about text, decided in one place.

Language (decided once per notes file), display width, the math and cloze patterns, names
that differ only in case or spacing, characters that must never reach a deck or file name,
and the one way files are written (atomically).
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Literal

Lang = Literal["zh", "en"]

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
LATIN_WORD = re.compile(r"[A-Za-z]+")
# Words only Chinese writes (“这”, “们”, “吗”, “说”, “还”, “给”, “让”, “从”, “个”, “时”, most in either script; not
# 給, 還 or 没, which Japanese writes too): a page with kana and two or more of these is Chinese about Japanese.
CHINESE_ONLY = re.compile(r"[这這们們么麼吗嗎说說还沒给让讓从從呢吧啊哪怎样樣个时对對过为]")
# Hiragana and katakana letters: what only Japanese writes among the CJK characters.
KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")  # (letters only: no “ー”, “・”, nor a kaomoji's “ゞ”, “ﾉ”)
# `$$…$$` or `$…$`, for text that is not parsed as Markdown (card fields already extracted).
MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)
# An Anki cloze deletion: {{c1::answer}} or {{c1::answer::hint}}.
CLOZE = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.S)
CLOZE_OPEN = re.compile(r"\{\{c\d+::")
# Words that say a piece of the notes is not finished yet (“没写完”, “待补充”, “先挖坑”, “unfinished”):
# the card rules leave out a box, a heading's aside or an answer that says so.
# (in either script: “還沒寫完”, “待補”)
UNFINISHED_WORDS = (r"[还還][没沒][写寫]完|[没沒][写寫]完|未[写寫]完|[还還][没沒][写寫]|未完成(?!的)|未完待[续續]|待[补補]充?|待完善|待[续續]|"
                    r"(?:先|再)?挖[个個]?坑|占[个個]?坑|坑待填|"
                    r"to be continued|not finished|unfinished")
# A log's or a diary's day before a heading's topic (“Wed 4.10 — MLE vs MAP”, “2024-03-13：BatchNorm”,
# “周三 4.10 | …”, “Day 13 · 10/25 · Adam”).
DATED = re.compile(r"^\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*\.?,?\s*|周[一二三四五六日天]\s*|星期[一二三四五六日天]\s*|"
                   r"(?:day|第)\s*\d+\s*天?\s*[·•|]\s*)?"
                   r"(?:\d{4}[-/.年]\s*)?\d{1,2}[-/.月]\s*\d{1,2}日?\s*(?:[(（][^()（）]{1,6}[)）]\s*)?(?:[—–|:：·•]+|-{1,2})\s*(?=\S)",
                   re.I)
# A callable's signature as notes copy it into a heading (“nn.Conv2d(in_channels, out_channels, stride=1)”),
# in backticks or not: read by the card rules (its defaults) and the verifier (the callable it names).
HEADING_SIGNATURE = re.compile(r"`?(?P<name>(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*)\((?P<args>.*)\)`?")
# Bidi controls and zero-width characters: invisible, and able to disguise a name.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def language(texts: Iterable[str]) -> Lang:
    """Chinese when CJK characters outweigh Latin words, math left out; else English.

    Japanese shares the characters but not the words of a Chinese question (“是什么”): notes
    written in it (kana among the characters, no word only Chinese writes) are asked in English,
    as notes in any other language are; Chinese notes that quote Japanese stay Chinese.
    """
    sample = MATH.sub(" ", " ".join(texts))
    han, kana = len(CJK.findall(sample)), len(KANA.findall(sample))
    chinese = len(CHINESE_ONLY.findall(sample))
    if kana >= 10 and 5 * kana >= han + kana and (chinese < 2 or 200 * chinese < kana):
        return "en"  # (kana among the characters and no word only Chinese writes: Japanese)
    return "zh" if han > len(LATIN_WORD.findall(sample)) else "en"



# The characters the prompts and messages are written with that traditional Chinese writes another way (traditional,
# simplified, pair by pair; 台 stays 台, as Taiwan writes “一台机器”).
_TEMPLATE_PAIRS = ("個个為为麼么義义習习於于價价會会關关寫写幾几刪删別别單单卻却參参發发號号後后實实審审對对導导開开"
                   "張张報报數数斷断時时術术構构標标欄栏沒没獨独現现碼码離离筆笔簽签線线練练結结節节補补見见認认記记"
                   "論论評评識识詞词譯译話话語语說说踐践輸输這这連连釋释裡里錯错閉闭問问際际項项題题驟骤內内著着們们"
                   "與与嗎吗業业東东兩两舉举書书從从決决準准劃划辦办務务動动變变啟启圍围圖图塊块處处頭头學学並并憶忆"
                   "換换據据無无顯显機机條条來来樣样檔档檢检匯汇測测狀状獻献環环畫画確确類类細细經经給给編编網网範范"
                   "裝装規规計计讓让訓训講讲設设證证誤误讀读課课誰谁調调談谈較较運运還还進进鏈链長长間间陳陈頁页顏颜"
                   "驗验棄弃態态選选")
TO_TRADITIONAL = str.maketrans({simp: trad for trad, simp in zip(_TEMPLATE_PAIRS[0::2], _TEMPLATE_PAIRS[1::2])})

def say(lang: Lang, zh: str, en: str, **kw) -> str:
    """The message in the notes' language, formatted with ``kw``."""
    return (zh if lang == "zh" else en).format(**kw)


def width(text: str) -> int:
    """Terminal display width: wide and full-width characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in text)


@lru_cache(maxsize=1 << 14)  # the few names of a file are compared again and again
def normalize_name(text: str) -> str:
    """Names that differ only in case or spacing are the same name (RMSProp / RMSprop)."""
    return "".join(text.split()).casefold()


@lru_cache(maxsize=1 << 14)  # a deck path or tag is cleaned once per card that carries it
def clean_name(text: str) -> str:
    """A name fit for a deck, tag or file: no bidi controls, zero-width or control characters."""
    text = INVISIBLE.sub("", text)
    return "".join(c for c in text if unicodedata.category(c) != "Cc" or c in "\t\n").strip()


def atomic_write(path: Path, data: bytes | Callable[[object], None], *, mode: int | None = None,
                 durable: bool = True) -> None:
    """Write ``path`` so that a reader sees the old file or the new one, never a part.

    A temporary file in the same folder is written, flushed and fsynced, renamed over the
    target, and the folder is fsynced. On any failure the temporary file is removed and the
    target is untouched; ``OSError`` propagates for the caller to word. ``durable=False``
    skips the fsyncs (a cache, which a crash may cost but never corrupt: a reader still sees
    a whole file or none).
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            if callable(data):
                data(fh)
            else:
                fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if not durable:
        return
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename itself is done
    finally:
        os.close(dir_fd)


def remove_stale_temps(folder: Path, name: str) -> None:
    """Remove temporary files a killed writer of ``name`` left in ``folder``."""
    for stale in folder.glob(f".{glob_escape(name)}.*.tmp"):
        try:
            stale.unlink()
        except OSError:
            pass


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
