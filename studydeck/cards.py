"""Outline -> cards: the extraction rules, one function per kind of card.

Cards come from the structure ordinary notes already have: ``term：definition`` lines,
parameter lists with defaults, numbered steps, formulas, code, questions. Nothing needs
special syntax; two explicit forms exist for cards written by hand (see README).
"""

from __future__ import annotations

import ast
import collections
import csv
import hashlib
import html
import itertools
import re
import sys
import textwrap
import unicodedata
from collections import Counter, defaultdict
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable

from studydeck.gates import (BACK_REFERENCE, BACK_WORDS, BACK_WORDS_EN, BARE_SYMBOL, BLANK, FIRST_CLAUSE, MAGIC, UNSURE,
                             OUTPUT_CLAIM, RESTATING, before_the_hole, blank_said_around, commands, gate, hidden_formula,
                             named_formula, names_it_after, python_tree, setup_commands, top_level_parts)
from studydeck.model import Card, CardKind, Notice, Source, normalize_name
from studydeck.notes import (ANKI_HEADER, CJK, INLINE_MATH, Block, Item, Outline, Section, iter_sections, masked_code,
                             math_spans, mathjax_as_dollars, outline_markdown, plain_inline, without_math)
from studydeck.text import (CLOZE as COMPLETE_CLOZE, CLOZE_OPEN, DATED, HEADING_SIGNATURE, TO_TRADITIONAL, UNFINISHED_WORDS,
                           language)
from studydeck.printed import (PYTHON_LANGUAGES, SHOWN_OUTPUT, TAKEN_FOR_GRANTED, as_pycon, asserted_claims, asserts,
                               evaluated_claims, expected_outputs, free_names, without_shown_outputs)
# “3.3.3 牛顿法”, “2. Adam”, “第三章 回归”: the number orders the notes; the name is the rest.
# A heading's number (“3.2”, “IV.”, “第三章”, a lecture's “4 - 5 -”) and a video's length (“(8 min)”).
SECTION_NUMBER = re.compile(r"^\s*+(?:-?\s*\d+\s+-\s+(?:\d+\s+-\s+)?|\d+(?:\.\d+)*\.?\s+|\d+(?:\.\d+)+\.?|"
                            r"[IVX]+\.\s*|第\s*[一二三四五六七八九十百\d]+\s*(?:章|节|部分|讲|课)\s*(?:[:：、．—–]\s*|[.-](?=\s|[\u4e00-\u9fff])\s*)?|"
                            # (a tutor's or a course's session, with its date: “第 2 次（3/16）相似对角化”)
                            r"第\s*+[一二三四五六七八九十\d]++\s*+次\s*+(?:课\s*+)?[（(][^()（）\n\d]{0,8}+\d{1,2}\s*+[/.月]\s*+\d{1,2}(?!\d)"
                            r"[^()（）\n]{0,12}+[)）]\s*+(?:[:：—–-]\s*+)?|[一二三四五六七八九十]+[、.．]\s*|"
                            r"[(（]\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）]\s*|"
                            # a slide's or a page's number (“p.12  Challenges”, “Slide 7 — Recall”, “P5”)
                            r"(?:pp?\.\s*|slide\s*|第\s*(?=\d+\s*页))\d+(?:\s*[-–]\s*(?:pp?\.\s*)?\d+)?\s*页?\s*"
                            r"(?:[—–:：·•|-]\s*)?)(?=\S)|"
                            r"(?<!\s)\s*+[（(]\s*\d+\s*(?:min|mins|minutes|分钟|分)\s*[）)]\s*$|"
                            # a lecture's timestamp (“输出尺寸 (26:30)”, “(0:00 – 12:30)”)
                            # (each from the start of a run of spaces only: once per run, not once per space)
                            r"(?<!\s)\s*+[（(]\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[–—-]\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*[）)]", re.I)
RELATION = re.compile(
    r"=|\\leftarrow|\\gets|\\to\b|\\rightarrow|\\mapsto|\\neq|\\ne\b|<|>|\\le(?:q|qslant)?\b|"
    r"\\ge(?:q|qslant)?\b|\\approx|\\sim|\\propto|\\equiv|\\in\b")
STEP_PREFIX = re.compile(r"^\s*(?:第\s*[\d一二三四五六七八九十]+\s*步[：:、.\s]*|\(?(\d+)\s*[、.．)）:：]\s*)")
MNEMONIC = re.compile(r"(?<!\s)\s+([A-Z])\s*$")
QUESTION = re.compile(
    r"[?？]\s*$|^\s*(如何|怎么|怎样|为什么|为何|什么|哪些|是否|(how|why|what|which|when)\b)|"
    r"(区别|差异|异同|比较|对比|\bdifferences?\s+(?:between|of|from|in)\b|\bthe differences?\b|\bcompar(?:e|ing|ison)\b|\bvs\.?\b)",
    re.I)
# A line of a card draft that is the writer's aside (“-- hmm, make them c1 and c2”, “// TODO”).
DRAFT_ASIDE = re.compile(r"\s*(?:--|//|%%)\s")
# A heading that asks about the writer, not the subject (“what I got wrong”, “how we did it”, “我学到了什么”).
ABOUT_THE_WRITER = re.compile(r"^\s*(?:what|how|why|where|which \w+)\s+(?:(?-i:I)|we|my|our)\s+(?:(?!(?:ne|fe|se|spe|ble)ed\b)\w{2,}ed|got|get|did|do|"
                              r"keep|learnt|wish|went|forgot|messed up|screwed up)\b|things (?:(?-i:I)|we) (?:got|keep|"
                              r"learned|learnt|did|missed|changed|tried|forgot)\b|^\s*我(?:们)?(?:学到|做错|弄错|搞错|踩|错|收获)了?(?:什么|哪些)", re.I)
MINDMAP = re.compile(r"思维导图|脑图|mind\s*-?map", re.I)
PARAM_LABEL = re.compile(
    r"^(?:公共|常用|共同|主要|重要|通用|common |shared |main |key |important |general )?"
    r"(参数(说明|列表|介绍)?|输入参数|超参数|(hyper-?)?parameters?|arguments?|args)$", re.I)
INTRO_LABEL = re.compile(r"^(介绍|简介|定义|概述|说明|introduction|definition|overview|summary)$", re.I)
IDENT = re.compile(r"^`?([A-Za-z_][\w.]*)`?$")
LABELLED = re.compile(
    r"^\s*+(?:\*\*(?P<bc>[^*]*?[^*\s])\s*+[：:]\s*\*\*|\*\*(?P<b>[^*]+?)\*\*\s*[：:]|(?P<p>[^：:\n]{1,40}?)\s*[：:])"
    r"\s*(?P<rest>.*)$", re.S)
# An Obsidian (Dataview) field, “key:: value”: metadata of the note.
DATAVIEW_FIELD = re.compile(r"^\s*[\w\- ]{1,30}::(?!:)")
# ``Term — what it is``: a dash between a short name and its description.
DASHED = re.compile(r"^\s*(?P<t>(?:\*\*[^*]+\*\*|[^—–\n*]{1,40}?))\s+[—–]{1,2}\s+(?P<rest>\S.*)$", re.S)
# A description that is only the value usually taken (“建议取 0 ~ 0.5”, “一般设为 `1e-3`”, “usually 0.9”).
_VALUE = r"(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?%?|`[^`\n]+`|\$[^$\n]+\$)"
USUAL_VALUE = re.compile(rf"\s*(?:(?:建议|推荐|通常|一般|常|常用|经验上)\s*(?:取|设|用|设为|取为|选)?\s*(?:为|在)?|"
                         rf"(?:usually|typically|commonly|often|recommended|a good (?:default|value|choice) is)\s*"
                         rf"(?:set to|use|around|about|between)?)\s*[:：]?\s*{_VALUE}"
                         rf"(?:\s*(?:~|～|-|–|到|至|to|and|或|or|/)\s*{_VALUE})?\s*(?:左右|之间)?\s*[。.]?\s*", re.I)
# After a name, an attribute of it and its value, nothing else (“步长上限 $2/L$”, “默认学习率 0.001”);
# a verb between them (“正好是 $D_{KL}$”, “约为 0.1”, “近似于 …”, “输出变成 …”) makes a sentence of it
# instead, and a usual choice (“常用 0.1”, “建议取 0.5”) names no attribute.
ATTRIBUTE_VALUE = re.compile(r"(?P<attribute>(?!常|通常|一般|建议|推荐|大约|大概|最好|默认\s*(?:\$|\d))"
                             r"(?:(?![是为即约就都也很正恰于成到变])[\u4e00-\u9fff]){2,8})\s*"
                             r"(?P<value>\$[^$\n]+\$|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?%?)")
# (a letter alone before a Chinese word is part of its name: “F 检验看整体显著性”, “t 分布”)
NAME_DESC = re.compile(r"^\s*(?![A-Za-z]\s)(?P<name>[A-Za-z][\w\-+.]*(?: [A-Za-z][\w\-+.]*)*)"
                       r"(?!(?<= [A-Za-z])\s+(?:分布|检验|统计量|大调|小调|矩阵|向量|值|函数|空间))"  # (“Student t 分布”)
                       r"\s+(?P<rest>(?![/|,;:·\-–—])\S.*)$", re.S)


def _a_glossary(items: list[Item]) -> bool:
    """Whether numbered items of the form “name 说明” are a glossary: most of them so begin. In a
    numbered list of steps, one that opens on a name (“2. BN 折叠进卷积”) is a sentence like the others."""
    named = [it.text.strip() for it in items if it.text.strip()]
    # (“- **Repository**: …” glosses a name too, and “- PReLU” is a name not yet glossed)
    entries = sum(bool((glossed := NAME_DESC.match(text)) and CJK.search(glossed.group("rest")))
                  or bool(split_label(text)) or _is_bare_name(text) for text in named)
    return len(named) < 3 or entries * 2 >= len(named)


def _remarks(rest: str) -> bool:
    """Whether the Chinese after a name is a remark on it rather than what it is or does: the
    writer's feeling or guess (“终于通了”, “是不是 SDPA”, “大约 2n³”), a look or a setting (“看调用栈”,
    “用 Dice + 交叉熵 一起”, “用的是 6B”), a person or a pointer (“我写…”, “那个例子”), a manner (“是轮流分配
    的”), a comparison (“比用 SFT 好”), an equation, an arrow or a cry. “是均方误差”, “用对比学习对齐图像和文本”, “衡量的是两个分布的差异”, “训练刚开始的
    时候用较小的学习率”, “正好是 $D_{KL}$” say what it is or does."""
    clause = re.split(r"[，,。；;\n]", strip_math(rest), maxsplit=1)[0].strip()
    said = re.match(r"(?:是|指)(?!不是|否)([^（(]+)", clause)
    if said and said.group(1).rstrip().endswith("的"):
        return True  # “是轮流分配的”: how it behaves, not what it is
    return REMARK_ON_NAME.search(clause) is not None


# In the clause after a name, positive signs of a remark (see _remarks).
REMARK_ON_NAME = re.compile(r"^(?:用的是\s*+\d|用\s*+(?=`|\d|\w+\s*+=)|看(?![作成])|是不是|大约|大概|终于)|我|那个|这个|那一|"
                            # (a comparison, “比 SFT 好”, and an equation outside math, “返回值个数 = 输入个数”,
                            # not after “是”)
                            r"就行|[?？!！→⇒]|^(?![是即指]).*=|(?<![对])比(?![例率值特如较])[^，,。]{0,12}?"
                            r"(?:好|差|大|小|快|慢|高|低|多|少|强|弱)")


# After a name, words that carry on its sentence rather than describe it: a particle or a
# preposition (“CIFAR-10 上试了 110 层”, “degradation 的根本原因”), a word that makes one noun of
# them (“ReLU 系激活函数”, “Adam 类优化器”), math, a number or an operator
# (“MSE + sigmoid 是非凸的”, “weight decay 1e-4”), or a question (“BN 原文到底放在哪？”).
RUNS_ON = re.compile(r"\s*(?:[^\u4e00-\u9fff]|[上下里中内外前后的地得和与及跟同对在把被将也都就还又才再能会可要应该不没比说已系类族型等时侧端]|"
                     r"默认|通常|一般|往往|经常|总是|只|仅|必须|需|之|"
                     # how much, or what to do first, or where: an opinion or advice about it (“freeze BN
                     # stats 很重要”, “CNN 先试 static PTQ”, “LLM 那边 …”, “ReLU6 有上界”)
                     r"[很太挺更最真级有]|非常|特别|比较|相当|那边|这边|这里|那里|本身|自身|层面|粒度|"
                     # advice, and a setting for one stage (“CNN 先试 static PTQ”, “Switch 训练用 CF=1.25”)
                     r"先(?:试|看|检查|跑|确认)|(?:训练|推理|测试|评估)用|"
                     # what one did with it once (“PaLM 用过 z-loss”, “Redux 用过两年”): a statement about it (what it
                     # did, “Fleming 发现了青霉素”, “React 用了虚拟 DOM”, is what it is known for)
                     r"(?:用|做|试|跑|见|遇|碰|踩)过|"
                     # a change or a condition (“batch 大了 …”, “CF 大 → 浪费”)
                     r"[大小多少高低长短快慢](?:了|\s*(?:→|->|⇒|=>|时|的话|[，,]))|"
                     # a noun that makes one noun of them (“FM 部分”, “embedding 维度”, “batch 大小”)
                     r"部分|维度|大小|曲线|数量|个数|模块|分支|"
                     # (“running 统计量用 …”, “PyTorch 版本不同 …”; “Git 版本控制系统” names what Git is)
                     r"(?:统计量|版本|接口|写法|代码)(?=\s*(?:[用是在有会要不都也就可能被把从将对里中仍还只已]|[，,。；;：:（(]|$)))|"  # (“PyTorch 默认 `p=0.1`”: a statement)
                     r"[^。！!.\n]*[?？]|"
                     r"[^，,。；;\n]{0,8}?(?:说|认为|觉得|提到|指出)", re.S)  # (“ResNet 论文里说…”: a report)
DEFAULT = re.compile(
    r"(?:默认|缺省)(?:值)?(?:为|是|:|：)?\s*`?(?P<zh>[(\[][^\s，,。；;）)]*|[^\s，,。；;）)（(]+)|"
    r"\bdefaults?(?: value)?(?: is|:|=| to)?\s*`?(?P<en>[(\[][^\s,;)]*|[^\s,;()]+)",
    re.I)
IMPLIED_DEFAULT = re.compile(r"[（(]\s*(None|True|False)\s*(?:表示|means)")
SYMBOL_IN_DESC = re.compile(r"[（(]\s*(\$[^$]+\$)\s*[）)]")
IDENT_IN_DESC = re.compile(r"[（(]\s*`?([A-Za-z_]\w*)`?\s*[）)]")
# A quiz's numbered question (“**Q1.**”, “Q1:”, “问1.”) or the answer of that number further on
# (“**A1.**”, “答1：”)
# (the number right after the letter: “A 2-layer MLP …” is no answer)
NUMBERED_MARK = re.compile(r"^\s*(?:\*\*)?(?:(?P<q>Q|问)|A|答)(?P<n>\d+)\s*(?:[.:：)）]\s*(?:\*\*)?|\*\*\s*[.:：]?)\s*")
QA_HEADING = re.compile(r"^(?:Q|问)\s*\d*\s*[:：.]\s*(?P<q>.+)$")
ANSWER_LEAD = re.compile(r"^\s*(?:\*\*)?(?:A|答)\s*[:：](?:\*\*)?\s*")
# An answer written as a list's first item under its question (“- Q：…” over “  - A：不是。…”): the bullet before its mark.
LISTED_ANSWER = re.compile(r"^\s*+[-*+]\s++(?=(?:\*\*)?(?:A|答)\s*[:：])")
# A card on one line, as spaced-repetition plugins write them: “question :: answer” (“:::”
# asks both ways).
INLINE_CARD = re.compile(r"(?P<q>[^:\n]*[^:\s])\s+:{2,3}\s+(?P<a>\S.*)")
# A rule written as its case and what to do (“**IF** the loss is NaN **THEN** lower the learning rate”, “**如果** … **那么** …”).
IF_THEN = re.compile(r"\*\*(?:IF|If|if|WHEN|When|如果|若)\*\*\s*+(?P<cond>(?:[^\n*]|\*(?!\*))+?)\s*+\*\*(?:THEN|Then|then|那么|则)\*\*\s*+"
                     r"(?P<then>(?:(?!\*\*(?i:else|otherwise|and|or)\b[^*\n]{0,10}\*\*|\*\*否则)[^\n])+)")  # (“**AND**”, “**ELSE**”: a rule of more parts)


def _masked_line(line: str) -> str:
    """``line`` with its code spans and inline math blanked out, each character kept in its place: where a mark is
    found in it, it stands outside code and math."""
    masked = masked_code(line) if "`" in line else line
    return INLINE_MATH.sub(lambda m: "x" * len(m.group()), masked) if "$" in masked else masked


def _spaced_card(line: str) -> re.Match | None:
    """A card on one line as Obsidian's Spaced Repetition plugin takes it, spaces or not (“Entropy of a fair coin in
    bits::1 bit”), in notes tagged for it (elsewhere “std::vector” is a name): its mark outside code and math."""
    masked = _masked_line(line)
    at = masked.find("::")
    if at < 0:
        return None
    stop = at + 2 + (masked[at + 2] == ":" if at + 2 < len(masked) else 0)
    question, answer = line[:at].strip(), line[stop:].strip()
    address = line[at - 1:at].isspace() and re.match(r"[0-9a-fA-F]{1,4}(?::|\s|$)", line[stop:])  # (“::1”)
    if not question or not answer or masked.find("::", stop) >= 0 or SCOPED_NAME.match(line[stop:]) \
            or CODE_SCOPE.search(line[:at]) or address:
        return None  # (“Widget::draw()”, “std::sort”, “fe80::1”: a name in code, not a card)
    return _PAIR.fullmatch(question + "\x00" + answer)  # (its sides, as a match: “q”, “a”)


# What makes “::” a scope in code rather than a card's mark: a name right after it called, scoped again or ended like
# a statement (“draw()”, “filesystem;”), or a namespace right before it (“std”, “boost”, “torch”), or an address.
SCOPED_NAME = re.compile(r"[A-Za-z_]\w*+(?:\(|::|;|<|\[|\.\w)")
CODE_SCOPE = re.compile(r"(?:\b(?:std|boost|torch|at|c10|Eigen|cv|fs|detail|absl|tf|llvm)|\b[0-9a-fA-F]{2,4}|[A-Z][a-z0-9]+[A-Z]\w*)$")


_PAIR = re.compile(r"(?P<q>[^\x00]*)\x00(?P<a>.*)", re.S)
# RemNote's and Logseq's other card marks: “question >> answer”, “a <> b” both ways, “term ;; description” (outside
# code and math: “`x >> 1`” shifts).
ARROW_CARD = re.compile(r"(?P<q>[^\n]*?[^\s<>;])\s++(?:>>|<>|;;)\s++(?P<a>\S.*)")
# A question and its answer on one line, a dash between (“Nesterov vs plain momentum? — it evaluates the gradient at
# …”, “Inverted dropout — what scaling and when? — …”, “Why bias correction in Adam? (v2) — …”): a card as the learner
# wrote it, in notes that write three or more so and say they are cards (see ``self.dashes``). (“Why? — …” asks nothing
# alone; such lines in an essay, a dialogue or among open questions are questions and what one made of them.)
DASH_CARDS = 3
DASH_CARD = re.compile(r"(?P<q>[^\n]{8,200}?[?？](?:\s*+[(（][^()（）\n]{1,12}[)）])?)\s++[—–]{1,2}\s++(?P<a>\S[^\n]*)")
# Notes that say they are cards (“flashcard drafts”, “Anki cards”, “format: `Q — A`”, “卡片”).
CARDS_NAMED = re.compile(r"\bflash\s?cards?\b|\bcards?\b|\banki\b|\bQ\s*[—–-]+\s*A\b|卡片|闪卡|记忆卡", re.I)
# A day of the year in words (“24 Feb”, “Mar 3rd”, “3 March”).
_MONTH_NAME = (r"(?-i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|"
               r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b\.?")
DAY_AND_MONTH = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_NAME}|\b{_MONTH_NAME}\s+\d{{1,2}}(?:st|nd|rd|th)?(?![\d:]))")
# What one's reviews of a card did, after its question or its answer (“✓ 3/2 ✗ 9/2 (said eps 1e-6) ✓ 14/2”, “✗ 24 Feb
# ✗ 3 Mar”, “✗ 3月2日”): the learner's log, with one tick or cross at the least (“p ~ 1/2” is an answer).
REVIEW_MARKS = re.compile(r"(?:\s++[✓✗✔✘~]\s*+(?:\d{1,2}/\d{1,2}(?:/\d{2,4})?+|\d{4}-\d{1,2}-\d{1,2}|"
                          rf"\d{{1,2}}\s*+月\s*+\d{{1,2}}\s*+日?|{DAY_AND_MONTH})(?:\s*+\([^()\n]*\))?+)++\s*+$")


def _marked_qa(text: str) -> re.Match | None:
    """``QA``'s match, where the marks say it is a question and its answer: a colon after the “Q” or the “A”, or a
    question that asks (“**Q1. Bayes' rule (8 pts)**” over “A disease has prevalence 1%. …” is a problem's title
    and its first sentence; “Q: Why …” over “A because …” is a card)."""
    qa = QA.match(text)
    if qa is None:
        return None
    answer_line = text[text.rfind("\n", 0, qa.start("a")) + 1:qa.start("a")]
    if re.search(r"[:：]", text[:qa.start("q")]) or re.search(r"[:：]", answer_line) \
            or qa.group("q").rstrip("* \n").endswith(("?", "？")):
        return qa
    return None


def _unreviewed(answer: str) -> str:
    """``answer`` without the review marks after it (only a run with a tick or a cross in it is one)."""
    if not re.search(r"[✓✗✔✘]", answer):
        return answer  # (no tick nor cross: no review marks, and no search through a long line)
    marks = REVIEW_MARKS.search(answer)
    return answer[:marks.start()] if marks and re.search(r"[✓✗✔✘]", marks.group(0)) else answer


# What marks a side of “… >> …” as code or as a comparison, not a card: a shell's redirect or a stream (“cmd >> log.txt”,
# “std::cin >> n;”), SQL's or Excel's “<>” (“price <> 0”), a label before it (“tee -a: like >> …”), a quantity much
# greater than a symbol or a number (“Re >> 1”, “n >> p”).
CODE_SIDE = re.compile(r"[;&|\[\]{}<]|(?<![A-Za-z])'|'(?![a-z])|\"[^\"]*\"|std::|^\s*[(=-]|\w\(|\$\(|^\S+\.\w{1,4}\s*$")
# (a label before the mark, “tee -a: like >> …”; a quantity much greater than a symbol, “Re >> 1”, “n >> p”)
LABEL_SIDE = re.compile(r":\s")
MUCH_GREATER = re.compile(r"(?:^|\s)\w{1,2}(?:_\w+)?$")
SYMBOL_SIDE = re.compile(r"\s*+[-+]?\d[\d.,]*+(?:[\s:,;)]|$)")


# The line between a drafted card's front and back, as card apps import them (“--” alone, between rules “---”).
SIDE_BREAK = re.compile(r"\s*--\s*")
# A mark of one's own before a drafted question (“(!) Why …?”, “★ …”).
MARK_PREFIX = re.compile(r"^\s*+(?:\(!+\)|\[[^\]\n]{1,12}\]|[★☆⭐❗‼🔥])\s*+")


def _written_card(line: str, dashes: bool = False) -> re.Match | None:
    """A card written on one line as spaced-repetition apps write them (“q :: a”, “q >> a”, “q ;; a”), or, in notes
    that write their cards so (``dashes``), “q? — a”."""
    if "\n" in line:
        return None
    card = INLINE_CARD.fullmatch(line)
    if card is None and dashes and (dashed := DASH_CARD.fullmatch(line)) is not None \
            and len(dashed.group("q").split()) >= 2 and not TASK_ITEM.match(dashed.group("q")):
        card = dashed
    if card is None:
        card = ARROW_CARD.fullmatch(line)
        if card is None or any(CODE_SIDE.search(strip_math(side)) for side in (card.group("q"), card.group("a"))) \
                or LABEL_SIDE.search(strip_math(card.group("q"))) or SYMBOL_SIDE.match(card.group("a")) \
                or ">>" in card.group(0)[len(card.group("q")):card.start("a")] and MUCH_GREATER.search(card.group("q")):
            return None
    question = card.group("q")
    return card if question.count("`") % 2 == 0 and question.count("$") % 2 == 0 and not question.startswith(">") else None


# Cards pasted as an app exports or imports them, in a block of their own: comma-separated with a header that names the
# sides (“"front","back"”, “term,definition”, “问题,答案”), or a side each side of a tab (Quizlet's “term⇥definition”).
CARD_SIDES = {("front", "back"), ("question", "answer"), ("q", "a"), ("term", "definition"), ("正面", "背面"),
              ("问题", "答案"), ("术语", "定义"), ("问", "答")}
PASTED_LANGUAGES = {"", "csv", "tsv", "text", "txt", "plain", "plaintext"}


def _pasted_cards(block: Block) -> list[tuple[int, str, str]]:
    """The cards in a code block that holds cards pasted as delimited text, each with its line's number in the block's
    text (from 1), its front and its back; [] for any other block (a data set's CSV names no sides, a survey's
    “question,answer” over “Q1 …,4” answers in numbers, a week's “Mon⇥Rest” is a plan, a table of three columns has two
    tabs a row; a Quizlet row's definition runs on to the next line when Enter was pressed inside it, in lower case)."""
    if block.language.casefold() not in PASTED_LANGUAGES:
        return []
    lines = block.text.splitlines()
    rows = [(k, line) for k, line in enumerate(lines, start=1) if line.strip()]
    if len(rows) < 3:
        return []
    if sum(line.count("\t") == 1 for _, line in rows) * 3 >= len(rows) * 2:
        cards: list[list] = []
        for k, line in rows:
            front, tab, back = line.partition("\t")
            if tab:
                cards.append([k, front.strip(), back.strip()])
            elif cards and (line.strip()[:1].islower() or line.strip()[:1].isdigit()):
                cards[-1][2] += " " + line.strip()  # (a definition broken across lines)
        if cards and tuple(c.casefold() for c in cards[0][1:]) in CARD_SIDES:
            cards = cards[1:]  # (a header: “term⇥definition”)
    else:
        try:
            reader = csv.reader(block.text.splitlines(keepends=True))
            records, start = [], 1
            for fields in reader:  # (each record at the line it starts on, a quoted field over lines or not)
                if any(f.strip() for f in fields):
                    records.append((start, fields))
                start = reader.line_num + 1
        except csv.Error:
            return []  # (not CSV after all: a quote left open, a field too long)
        if not records or tuple(c.strip().casefold() for c in records[0][1]) not in CARD_SIDES \
                or sum(len(fields) == 2 for _, fields in records[1:]) * 3 < (len(records) - 1) * 2:
            return []
        # (MathJax's delimiters, as cards for Anki are written, “\\( H(p,q) \\)”: the notes' dollars)
        cards = [[k, mathjax_as_dollars(fields[0].strip()), mathjax_as_dollars(" ".join(fields[1].split()))]
                 for k, fields in records[1:] if len(fields) == 2]
    cards = [(k, f, b) for k, f, b in cards if f and b]
    if len(cards) < 3 or 2 * sum(_worded(b) for _, _, b in cards) < len(cards) \
            or 2 * sum(bool(TIME_SLOT.fullmatch(f)) for _, f, _ in cards) >= len(cards):
        return []
    return cards


# Anki's names of the separators its header may give (“#separator:tab”); else the character itself (“#separator:|”).
ANKI_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}
# What the HTML of an exported field means in the notes' Markdown: emphasis and code by their marks (the space inside
# a tag outside the marks: “<b>bold </b>word”), line breaks, blocks and list items as lines; the tags Anki shows bare
# (“<sub>”, “<sup>”) stay, and a picture, whose file is not in the notes, goes.
ANKI_MARKED = re.compile(r"<(?P<tag>b|strong|i|em|code)\b[^<>]*>(?P<inner>[^<>]*)</(?P=tag)\s*>", re.I)
ANKI_MARKS = {"b": "**", "strong": "**", "i": "*", "em": "*", "code": "`"}
ANKI_BREAK = re.compile(r"<(?P<end>/?)(?P<tag>br|div|p|li|ul|ol|pre|span|font|img|b|strong|i|em|code)\b[^<>]*>", re.I)
# A line of a field that Markdown would read as a list item or a heading (“- item”, “1. one”, “# of layers”).
ANKI_BLOCK_LINE = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:\s|$)")


def _anki_field(text: str, markup: bool) -> str:
    """A field of an Anki export as the notes would write it: with the header's “#html:true” its HTML as Markdown
    (:data:`ANKI_MARKED`, :data:`ANKI_BREAK`; an entity that opens a tag, “&lt;b&gt;”, stays text), its lines
    as the lines of a hard break (a list item's as the list's), and MathJax's delimiters as dollars."""
    if markup:
        def marked(m: re.Match) -> str:
            inner, mark = m["inner"], ANKI_MARKS[m["tag"].lower()]
            core = inner.strip()
            return inner[:len(inner) - len(inner.lstrip())] + (mark + core + mark if core else "") + \
                inner[len(inner.rstrip()):]
        text = ANKI_MARKED.sub(marked, text)
        text = ANKI_BREAK.sub(lambda m: "\n- " if m["tag"].lower() == "li" and not m["end"] else
                              "\n" if m["tag"].lower() in ("br", "div", "p", "li", "ul", "ol", "pre") else "", text)
        text = re.sub(r"&(?!lt;/?[A-Za-z])#?\w+;", lambda m: html.unescape(m.group()), text).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in mathjax_delimited(text).split("\n")]
    lines = ["\\" + line if line.startswith("#") else line for line in lines if line]
    # (a hard break between lines; none before a list's item, nor after a line that ends in a backslash already)
    return "".join(line + ("" if n + 1 == len(lines) else "\n" if ANKI_BLOCK_LINE.match(lines[n + 1]) or line.endswith("\\")
                           else "\\\n") for n, line in enumerate(lines))


def mathjax_delimited(text: str) -> str:
    """``text`` with every “\\( … \\)” as “$…$” and “\\[ … \\]” as “$$…$$” (as Anki writes math; an empty pair goes),
    scanned once from left to right."""
    out, at = [], 0
    while (start := min((i for i in (text.find("\\(", at), text.find("\\[", at)) if i >= 0), default=-1)) >= 0:
        close = "\\)" if text[start + 1] == "(" else "\\]"
        end = text.find(close, start + 2)
        if end < 0:
            break
        body, mark = text[start + 2:end].strip(), "$" if close == "\\)" else "$$"
        out += [text[at:start], mark + body + mark if body else ""]
        at = end + 2
    return "".join(out) + text[at:]


def _anki_export_cards(block: Block) -> list[tuple[int, str, str, bool]]:
    """The notes of an Anki export pasted as text under its header (“#separator:tab”, “#html:true”, “#tags column:3”,
    “#notetype:Cloze”), in a paragraph or in a block marked as text: each with its line in the block (from 1), its
    first field and the others (a cloze note's text and its “Back Extra”), and whether it is a cloze; the columns the
    header names for tags, a deck, a note type or an id are none of its sides. [] for any other block."""
    if block.kind != "paragraph" and not (block.kind == "code" and block.language.casefold() in PASTED_LANGUAGES):
        return []
    lines = block.text.splitlines(keepends=True)
    settings: dict[str, str] = {}
    header = 0
    while header < len(lines) and ANKI_HEADER.fullmatch(lines[header].strip()):
        key, _, value = lines[header].strip()[1:].partition(":")
        settings[key.casefold()] = value.strip()
        header += 1
    if "separator" not in settings or header == len(lines):
        return []
    value = settings["separator"]
    separator = ANKI_SEPARATORS.get(value.casefold(), value if len(value) == 1 else None)
    if separator is None:
        return []
    skipped = set()
    for key in ("tags column", "notetype column", "deck column", "guid column"):
        if settings.get(key, "").isdigit():
            skipped.add(int(settings[key]) - 1)
    typed = settings.get("notetype column", "")
    cloze_type = "cloze" in settings.get("notetype", "").casefold()
    markup = settings.get("html", "").casefold() == "true"
    # (a field quoted over lines, “"forward pass⏎backward pass"”, keeps its lines; each note at the line it starts on)
    reader = csv.reader(lines[header:], delimiter=separator, quotechar='"')
    notes, start = [], header + 1
    try:
        for fields in reader:
            typed_cloze = typed.isdigit() and "cloze" in (fields[int(typed) - 1:int(typed)] or [""])[0].casefold()
            sides = [_anki_field(f, markup) for k, f in enumerate(fields) if k not in skipped]
            cloze = cloze_type or typed_cloze or bool(sides and CLOZE_OPEN.search(sides[0]))
            # (a note of three fields or more, “la cebolla⇥[la θe.ˈβo.ʎa]⇥onion”: all but the first answer it)
            rest = "\\\n".join(side for side in sides[1:] if side)
            if sides and sides[0] and (cloze or rest):
                notes.append((start, sides[0], rest, cloze))
            start = header + reader.line_num + 1
    except csv.Error:
        return []  # (a quote left open: not rows Anki would read either)
    return notes


def _listed_cards(block: Block) -> list[tuple[int, str, str]]:
    """The cards a paragraph holds when a card app's export is pasted as text, a line each, the term and its definition
    split by a tab (Quizlet's “Variance⇥Var(X) = E[(X - E[X])^2]”) or by a spaced hyphen (“Rank - dimension of the
    column space”): each with its line in the paragraph (from 1), its front and its back. Every line so (a tab's
    definition may run on to a line in lower case), three at least, the term a name of six words at most that ends no
    sentence; a mark of one's own on the term (“*Law of total variance”) is not part of it."""
    lines = block.text.splitlines()
    if block.kind != "paragraph" or len(lines) < 3:
        return []
    for separator in ("\t", " - ", " → "):
        # (“question → answer”, a line each: the question may be a phrase, and its answer an arrow of its own,
        # “CLT in one line → standardised sum … → N(0, 1)”; a chain of three, “Input → Conv → ReLU → Pool”, is a diagram)
        arrow = separator == " → "
        cards: list[list] = []
        for k, line in enumerate(lines, start=1):
            line = LINE_DRESS.sub("", line.strip())  # (“*Rank - …*”, a hard break's “\”, “<br>”)
            # (the separator outside code and math: “$f(x) - f(y)$ bounds …”, “`ls - a`” are no cards)
            masked = _masked_line(line)
            at = masked.find(separator)
            front, split, back = (line[:at], separator, line[at + len(separator):]) if at >= 0 else (line, "", "")
            front = front.strip()
            if split and (masked.count(separator) <= 2 if arrow else masked.count(separator) == 1) and front \
                    and back.strip() and len(front.split()) <= (14 if arrow else 6) \
                    and not FIRST_PERSON.match(front) and not FIRST_PERSON.match(back.strip()) \
                    and not front.endswith((":", "：", "。", ",", "，", ";")) and not (front.endswith(".") and " " in front) \
                    and front.count("`") % 2 == 0:
                cards.append([k, re.sub(r"^(?:\*(?!\*)|[★☆⭐])\s*+", "", front), back.strip()])
            elif separator == "\t" and cards and not split and line.strip()[:1].islower():
                cards[-1][2] += " " + line.strip()  # (a definition broken across lines)
            else:
                break
        else:
            if arrow and (any(re.search(r"[:：]", _masked_line(f)) for _, f, _ in cards)
                          or 2 * sum("=" in _masked_line(f) for _, f, _ in cards) >= len(cards)
                          or {b for _, _, b in cards} & {f for _, f, _ in cards}
                          or all(" → " in _masked_line(b) and f.lstrip().startswith(("(", "[")) for _, f, b in cards)
                          or all(len(f.split()) == 1 and not re.search(r"[^\W\d_]{2}", b) for _, f, b in cards)):
                # (“f: ℝ² → ℝ”, a map's signature; “x + 2 = 5 → x = 3”, a derivation; “Pending → Running” with
                # “Running → Done”, a chain of states; “(B, 3, 224, 224) → conv1 → …” on every line, a trace of
                # shapes; “cat → 0”, an encoding)
                continue
            cards = [(k, f, b) for k, f, b in cards if f.count("*") % 2 == 0]
            # (most lines a file's particulars, “Course - CS229”, numbered steps, “Step 1 - load the data”, or someone's
            # view, “Alice - thinks we should…”: no glossary; a river's “Source - where it begins” among its terms is one)
            asides = [bool(NOTES_FIELD.fullmatch(f) or REPORT_FIELD.fullmatch(f) or CLASS_FIELD.fullmatch(f)
                           or LISTED_NOT_A_TERM.fullmatch(f) or SAYS.match(b)) for _, f, b in cards]
            if len(cards) == len([line for line in lines if separator in line]) and len(cards) >= 3 and 2 * sum(asides) < len(cards) \
                    and (arrow or 2 * sum(_worded(b) for _, _, b in cards) >= len(cards)) \
                    and 2 * sum(bool(TIME_SLOT.fullmatch(f)) for _, f, _ in cards) < len(cards):
                # (the glossary's terms only: a river's “Source - the place where it begins” is one, “Course - GEOG101” not;
                # a composer's view among composers, “Schoenberg - said tonality was exhausted”, is what to learn of him)
                return [tuple(card) for card, aside in zip(cards, asides)
                        if not aside or SAYS.match(card[2])
                        or not LISTED_NOT_A_TERM.fullmatch(card[1]) and DEFINING_OPENING.match(card[2])]
    return []


# What dresses a pasted line and is no part of its sides: italics around it whole, a hard break's “\” or “<br>” at its end.
LINE_DRESS = re.compile(r"^\*(?=[^*\s])(?=[^*]*\*$)|(?<=[^*\s])\*$|\\$|\s*<br\s*/?>\s*$|^<b>|</b>(?=\s)", re.I)
# How a definition opens (“the place where a river begins”, “to decide”, “一种…”), where a file's field has a value
# (“Course - GEOG101”).
DEFINING_OPENING = re.compile(r"(?i:an?|the|to|one|any|where|when|how|what|which)\b|一种|一个|指|是")
# A line's name that is no term: a step or a part by number (“Step 1 - load the data”, “第 2 步 - …”).
LISTED_NOT_A_TERM = re.compile(r"(?:step|phase|stage|part|week|day|round|task)\s*+\d+|第\s*+\S{1,3}\s*+[步周天轮部]", re.I)
# What someone thinks or says (“Alice - thinks we should…”): a meeting's views, not a definition.
SAYS = re.compile(r"(?:thinks|says|said|wants|will|agreed|agrees|suggested|suggests|asked|asks|proposed|proposes|"
                  r"prefers|argued|argues|disagreed|disagrees|mentioned|volunteered|is going to|觉得|认为|说|建议|同意|反对)\b",
                  re.I)


def _worded(text: str) -> bool:
    """Three words or more (or Chinese characters): a definition, not a value."""
    return len(re.findall(r"[A-Za-z]{2,}|[\u4e00-\u9fff]", text)) >= 3


# A question and its answer on one line: “Q: Why scale by 1/(1-p)? A: So …”, “Q：…？A：…”, “Q1: …? — A1: …” (the
# question ends in its question mark right before the answer's mark: “Q: matrix A: a 3×3 …” names a matrix)
# (a mark of one's own may come first: “★ Q: …” for one got wrong)
_Q_MARK = r"(?:[★☆✗✘❌✅⭐❗‼🔥]\uFE0F?\s*+)*+(?:\*\*)?(?:Q|问|問|(?i:question))\s*+\d*+\s*+(?:\*\*)?[:：]"
_A_MARK = r"(?:\*\*)?(?:A|答|(?i:answer))\s*+\d*+\s*+(?:\*\*)?[:：](?:\*\*)?\s*+"
ONE_LINE_QA = re.compile(_Q_MARK + r"(?:\*\*)?\s*+(?P<q>[^\n]*?[?？])\s*+(?:[—–-]++\s*+)?" + _A_MARK + r"(?P<a>\S[^\n]*)")
# A question on a line of its own among them, its answer from the next (“★ Q: BatchNorm train vs eval?” over “A: …”,
# “★ Q: Write the Adam update.” over “A:” and the lines of the update).
ASKED_LINE = re.compile(_Q_MARK + r"(?:\*\*)?\s*+(?P<q>\S[^\n]*?)(?:\*\*)?")
ANSWER_LINE = re.compile(_A_MARK + r"(?P<a>[^\n]*)")
# Where the next pair begins on the same line (“… A: Opioid overdose. Q: Why give flumazenil? A: …”).
NEXT_PAIR = re.compile(r"(?<![\s★☆✗✘❌✅⭐❗‼🔥\uFE0F])\s++(?=" + _Q_MARK + r")")
# An answer in the first person (“A: I forgot zero_grad”, “A: Yes, I was.”, “答：我觉得…”): one's own answer or a
# witness's, not a fact to recall (a remark of one's own after it, “(Priya — I only said …)”, is no matter).
FIRST_PERSON = re.compile(r"\W*+(?:(?i:yes|no|yeah|nope)\b\W*+)?(?:I(?=\s+[a-z])|I'm|I've|I'd|me|[Mm]y|[Ww]e|[Oo]ur)\b|"
                          r"\W*+(?:(?:是的?|对|不是?|没有)[，,]?\s*+)?我")
# (a short label may come before its marked question, and stays before it: “Ribosome: Q: …”, “追问弹幕：**Q：** …”;
# “Question:”/“Answer:”, “问题：”/“答案：” mark them as well; “QAT …”, “And …” do not)
QA = re.compile(r"^\s*+(?:(?!(?:Q|问题?)\s*+\d*+\s*+[:：])(?P<label>[^\s*:：\n]{1,8})[:：]\s*+"
                r"(?=(?:\*\*)?(?:Q|(?i:question)|问题?)\s*+\d*+\s*+(?:\*\*)?\s*+[:：]))?"
                r"(?:\*\*)?(?:Q(?![A-Za-z])|(?:q|(?i:question)\b)(?=\s*+\d*+\s*+(?:\*\*)?\s*+[:：])|问题?)\s*+\d*+\s*+"
                # (“**Q1. Token ids going in?**”: the number's period is no part of the question)
                r"(?:(?<=\d)[.．、]\s*+)?(?:[(（][^()（）\n]{1,16}[)）])?\s*+[:：]?(?:\*\*)?\s*+[:：]?\s*+(?P<q>[^\n]+?(?:\n[^\n]+?)*?)\n[^\S\n]*+(?:\*\*)?"
                r"(?:A(?![A-Za-z])|a(?=\s*+(?:\*\*)?\s*+[:：])|(?i:answer|ans)\b\.?|答案?)\s*+[:：]?(?:\*\*)?"
                r"\s*+[:：]?\s*+(?P<a>.+)$",
                re.S)


# One's own guess, as a field (“Predict:”, “My guess:”, “I said:”, “我的预测：”, “我猜：”); “Prediction:” is a term.
OWN_GUESS = re.compile(r"predict|my (?:prediction|guess)|(?:i|we) (?:said|guessed|predicted|thought)|"
                       r"我(?:的)?(?:预测|猜测|猜的|以为的?)|我猜", re.I)  # (“Predicted:” is a theory's, “予想” a conjecture)
# A label for someone's words in an exchange (“**What I said:**”, “**What Okafor said:**”, “What the examiner asked:”):
# a turn of it, right or wrong, and no question or term.
SAID_BY = re.compile(r"(?i:what\s+)?(?:(?i:i|we|the\s+\w+)|(?:(?:Prof|Dr|Mr|Ms|Mrs)\.?\s+)?[A-Z][\w'-]+)\s+"
                     r"(?i:said|says|asked|replied|answered|wrote|suggested)")
# A column of one's guesses beside what came out (“| code | predicted | actual |”, “| 预测 | 实际 |”).
PREDICTED_COLUMN = re.compile(r"predict(?:ed|ion)?|my guess|guess|预测|猜测|予想", re.I)
# What came out, beside a guess (“Actual:”, “Got:”, “实际：”).
OBSERVED_FIELD = re.compile(r"actual(?:ly)?(?: (?:output|shape|result|answer))?|got|result|实际(?:输出|结果|形状)?|结果|結果", re.I)
# The fields of a question asked and answered, in a list of fields (“- **问题**：…”, “- **回答**：…”).
QUESTION_FIELD = re.compile(r"问题|提问|question|q", re.I)
ANSWER_FIELD = re.compile(r"回答|答案?|解答|answer|a", re.I)
FIELD_LINE = re.compile(r"\s*+[-*]?\s*+\*\*[^*\n]{1,20}\*\*\s*+[:：]")
QA_LABEL_ONLY = re.compile(r"复习|练习|自测|测验|例\s*\d*|习题\s*\d*|ex(?:ercise)?\s*\d*|review|recap|quiz|q&a|flashcards?|卡片", re.I)


DOC_PARAM = re.compile(r"^\s*\*{0,2}`?(?P<name>[A-Za-z_]\w*)`?\*{0,2}\s*(?P<type>\([^)]*\))?\s*[–—]\s*(?P<desc>.+)$", re.S)


# A deletion as RemNote and Mochi write it (“{{likelihood}}”, “{{1::prior}}”), outside math and code.
BARE_CLOZE = re.compile(r"(?<![\w\"'=\\$({}])(?<!=\s)\{\{(?!c\d+::)(?:(?P<n>\d+)::)?"
                        r"(?P<text>(?:\$[^$\n]+\$|[^\W_])(?:[^{}$|()=,#/\\<>\n]|\$[^$\n]+\$)*?)(?<!\s)\}\}(?!\})")
# (not a template's “{{ name }}”, “{{.Name}}”, “{% … %}”, a format string's “f"{{x}}"”, LaTeX's “\frac{{a}}{{b}}”, a set
# “{{1,2}}”)
TEMPLATE_MARKS = re.compile(r"\{%|\{\{[#/>!{]|\{\{\s")


def _bare_clozes(text: str) -> bool:
    """Whether ``text`` holds deletions as RemNote writes them, outside math and code, and no template's marks."""
    if TEMPLATE_MARKS.search(text):
        return False
    inside = [(s, e) for s, e, _, _ in math_spans(text)] + [m.span() for m in re.finditer(r"`[^`\n]*`", text)]
    return any(not any(s <= m.start() < e for s, e in inside) for m in BARE_CLOZE.finditer(text))


def _numbered_clozes(text: str) -> str:
    """``text`` with its bare deletions numbered as Anki's (“{{likelihood}} × {{prior}}” → “{{c1::likelihood}} ×
    {{c2::prior}}”); those inside math or code stay as they are."""
    inside = [(s, e) for s, e, _, _ in math_spans(text)] + [m.span() for m in re.finditer(r"`[^`\n]*`", text)]
    # (after the highest number written: “{{1::mean}} and {{variance}}” hides each in a card of its own)
    count = itertools.count(max((int(m.group("n")) for m in BARE_CLOZE.finditer(text) if m.group("n")), default=0) + 1)

    def number(m: re.Match) -> str:
        if any(s <= m.start() < e for s, e in inside):
            return m.group(0)
        return "{{c%s::%s}}" % (m.group("n") or next(count), m.group("text"))
    return BARE_CLOZE.sub(number, text)


def _one_line_pairs(lines: list[str]) -> list[tuple[int, str, str]]:
    """The questions and answers of lines that each hold one or more “Q: …? A: …” pairs, with the line each is on; a
    line with no pair goes on with the answer before it. Empty unless the first line holds a pair."""
    pairs: list[tuple[int, str, str]] = []
    asked: re.Match | None = None  # a question on a line of its own, waiting for its answer
    for offset, line in enumerate(lines):
        found = [ONE_LINE_QA.fullmatch(part) for part in NEXT_PAIR.split(line)]
        if asked is not None:
            answered = ANSWER_LINE.fullmatch(line)
            if answered is None:
                return []
            pairs.append((offset - 1, asked.group("q").strip(), answered.group("a").strip()))
            asked = None
        elif all(found):
            pairs += [(offset, m.group("q").strip(), m.group("a").strip()) for m in found]
        elif pairs and (lone := ASKED_LINE.fullmatch(line)) is not None and (
                lone.group("q").rstrip().endswith(("?", "？", ".", "。"))
                or offset + 1 < len(lines) and ANSWER_LINE.fullmatch(lines[offset + 1])):
            asked = lone  # (its answer starts on the next line)
            continue
        elif pairs and not re.match(_Q_MARK, line):
            at, question, answer = pairs[-1]
            pairs[-1] = (at, question, (answer + "\n" + line).strip())
        else:
            return []
    return pairs if asked is None and all(answer for _, _, answer in pairs) else []


# A default said last (“…，默认 0.001”, “… (default: 0.3)”, “…; defaults to `True`.”).
TRAILING_DEFAULT = re.compile(r"(?<!\s)(?:\s*+[，,;；]\s*+默认值?\s*+[:：为是]?\s*+(?:[(（][^()（）\n]*+[)）]|[^，,。；;\s()（）]++)|"
                              r"\s*+[(（]\s*+default:?\s*+(?:\([^()\n]*+\)|[^()（）]++)[)）]|"
                              r"\s*+[,;.]\s*+defaults?(?: to| is|:)\s*+(?:\([^()\n]*+\)|[^\s,;()（）]++))(?=[)）]?\s*+[。.]?\s*+$)", re.I)


def split_doc_param(text: str) -> tuple[str, str] | None:
    """PyTorch's own documentation style: ``lr (float, optional) – learning rate (default: 1e-3)``."""
    match = DOC_PARAM.match(text)
    if not match:
        return None
    desc = match.group("desc").strip()
    return match.group("name"), (f"{match.group('type')} " if match.group("type") else "") + desc


def _is_param_label(text: str) -> bool:
    return PARAM_LABEL.match(text.strip().strip("*#").strip().rstrip(":：").strip().strip("*")) is not None


def table_parameters(table: str, source: Source, zh: bool = True) -> list[tuple[str, list[Item]]]:
    """A parameter table (a name column, and a meaning or a default column) as list items,
    grouped by what they belong to when a column before the name says so (“| 优化器 | 参数 |
    默认值 |”: RMSprop's ``lr``, Adagrad's ``lr``); the owner is empty when none does."""
    rows = _table_rows(table, source)
    if len(rows) < 2:
        return []
    header = [h.casefold() for h in rows[0][1]]

    def column(*words: str) -> int | None:
        return next((i for i, h in enumerate(header) if any(w in h for w in words)), None)

    name = column("参数", "parameter", "name", "arg")
    desc = column("说明", "描述", "含义", "作用", "description", "meaning")
    default = column("默认", "default")
    if name is None or (desc is None and default is None) or name in (desc, default):
        return []
    owned = name > 0 and 0 not in (desc, default)
    groups: dict[str, list[Item]] = {}
    owner = ""
    for line, row in rows[1:]:
        if name >= len(row) or not row[name]:
            continue
        text = row[desc] if desc is not None and desc < len(row) else ""
        if default is not None and default < len(row) and row[default]:
            # (in the notes' language: “…，默认 0.3”, “… (default: 0.3)”)
            text = (f"{text}，默认 {row[default]}" if text else f"默认 {row[default]}") if (CJK.search(text) if text else zh) else \
                (f"{text} (default: {row[default]})" if text else f"default: {row[default]}")
        if owned:
            owner = clean_term(row[0]) or owner  # an empty cell: the owner of the row above, as if merged
        groups.setdefault(owner, []).append(Item(f"{row[name].strip('`* ')}: {text}", Source(source.path, line)))
    return list(groups.items())


def table_default_matrix(table: str, source: Source, context: str, zh: bool,
                         callable_named: Callable[[str], bool]) -> list[tuple[str, list[Item]]]:
    """A table of defaults with a row per callable and a column per parameter (“| Optimizer |
    `lr` | `eps` |”, or cells that name their parameter, “`alpha=0.99`”), under words that say
    it holds defaults: each row's parameters as list items under the row's name. A cell under a
    header that names no single parameter (“momentum / betas”) says nothing the card can ask."""
    rows = _table_rows(table, source)
    if len(rows) < 2 or len(rows[0][1]) < 3 or not DEFAULTS_WORD.search(context + " " + " ".join(rows[0][1])):
        return []
    header = [IDENT.match(h.strip("* ")) for h in rows[0][1]]
    groups: dict[str, list[Item]] = {}
    for line, row in rows[1:]:
        owner = clean_term(row[0]).strip("`")
        if not owner or not IDENT.match(owner) or not callable_named(owner):
            continue  # a row that names no torch callable (“ResNet18 | 69.8”) states no default
        for column, cell in enumerate(row[1:len(header)], start=1):
            for piece in _cell_values(cell):
                named = NAMED_VALUE.fullmatch(piece)
                name, value = (named.group(1), named.group(2)) if named else \
                    (header[column].group(1), piece.strip("`")) if header[column] else (None, None)
                if name and VALUE_CELL.fullmatch(value):
                    groups.setdefault(owner, []).append(_default_item(name, value, Source(source.path, line), zh))
    return list(groups.items())


def _default_item(name: str, value: str, source: Source, zh: bool) -> Item:
    """A stated default as a parameter list's item would say it, for :meth:`parameters`."""
    said = f"默认 {value}（`{name}={value}`）" if zh else f"default: {value} (`{name}={value}`)"
    return Item(f"`{name}`: {said}", source)


def _cell_values(cell: str) -> list[str]:
    """“`momentum=0`, `centered=False`” -> its two pieces; a tuple stays whole."""
    return [p.strip() for p in top_level_parts(cell, "[,，]") if p.strip()]


DEFAULTS_WORD = re.compile(r"\bdefaults?\b|默认", re.I)
# A label that introduces a callable's defaults (“默认：”, “默认参数：”, “Defaults:”).
DEFAULTS_LABEL = re.compile(r"(?:PyTorch\s*)?(?:默认(?:值|参数|超参数?|设置)?|defaults?(?: values?| param(?:eter)?s| settings)?)",
                            re.I)
# An item that states defaults without a colon (“默认 `reduction='mean'`，`ignore_index=-1`”).
DEFAULTS_PREFIX = re.compile(r"\s*(?:默认(?:值|参数)?|defaults?)\s*[:：]?\s*(?=`?[A-Za-z_βε])", re.I)
# A word of a heading that may name a torch callable (“Adam”, “nn.LSTM”, “CrossEntropyLoss”).
OWNER_WORD = re.compile(r"(?<![\w.])(?:[A-Za-z_][\w]*\.)*[A-Z]\w*")
# What notes write for a parameter instead of its name: β₁ and β₂ are the two of ``betas``.
PARAM_ALIASES = {"ε": "eps", "epsilon": "eps", "学习率": "lr", "learning rate": "lr"}
BETA = re.compile(r"(?:β|beta)_?\{?([12₁₂])\}?", re.I)


SIGNATURE_PART = re.compile(r"\s*(?P<name>[A-Za-z_]\w*)\s*(?::\s*[\w\[\]., |]+?\s*)?(?:=\s*(?P<value>\S.*?))?\s*")


def signature(text: str) -> tuple[str, list[str], list[tuple[str, str]]] | None:
    """A callable's signature as notes copy it: its name, the parameters without a default (in
    order) and those with one. None for a call (“nn.Linear(512, 10)”), which passes values: a
    value where a parameter's name should stand, or no default stated at all; and None where only
    keywords stand (“nn.Dropout(p=0.1)”), which a call writes as well."""
    match = HEADING_SIGNATURE.fullmatch(text.strip())
    if not match or not _brackets_nest(match.group("args")):
        return None  # (“nn.MSELoss(reduction='mean') / nn.L1Loss(…)”: two calls, not one)
    bare: list[str] = []
    pairs: list[tuple[str, str]] = []
    for part in top_level_parts(match.group("args"), ","):
        if part.strip() in ("*", "/") or re.fullmatch(r"\s*\*{1,2}[A-Za-z_]\w*\s*", part):
            continue
        piece = SIGNATURE_PART.fullmatch(part)
        if piece is None:
            return None
        if piece.group("value") is None:
            if pairs:
                return None  # a name after a default: not how a signature reads
            bare.append(piece.group("name"))
        else:
            pairs.append((piece.group("name"), piece.group("value")))
    # (all keywords, “nn.Dropout(p=0.1)”, reads as a call as well as a signature: no claim either way)
    return (match.group("name"), bare, pairs) if pairs and bare else None


def _brackets_nest(text: str) -> bool:
    depth = 0
    for mark in re.findall(r"[()\[\]{}]", text):
        depth += 1 if mark in "([{" else -1
        if depth < 0:
            return False
    return depth == 0


def default_pairs(desc: str) -> list[tuple[str, str]]:
    """“lr=1e-3, β1=0.9, β2=0.999, eps=1e-8” -> [("lr", "1e-3"), ("betas", "(0.9, 0.999)"),
    ("eps", "1e-8")]; [] unless every piece is a name and a value (a sentence states no defaults)."""
    pairs: list[tuple[str, str]] = []
    betas: dict[str, str] = {}
    desc = re.sub(r"\*\*|__", "", desc)  # (“**weight_decay=1e-2**”: the one to mind, in bold)
    for piece in top_level_parts(desc.strip().rstrip("。.；;"), "[,，、；;]"):
        if REMARKED_NAME.fullmatch(piece):
            continue  # “lr（老版本必填）”: a parameter with no default, only a remark
        match = re.fullmatch(r"\s*`?\s*([^=`:：]+?)\s*[=:：]\s*([^`]+?)\s*`?\s*", piece)
        if match is None or not VALUE_CELL.fullmatch(match.group(2)):
            return []
        name, value = match.group(1).strip(), match.group(2)
        beta = BETA.fullmatch(name)
        if beta:
            betas["12"["₁₂".find(beta.group(1))] if beta.group(1) in "₁₂" else beta.group(1)] = value
            continue
        name = PARAM_ALIASES.get(name.lower(), name)
        if not IDENT.match(name):
            return []
        pairs.append((name, value))
    if len(betas) == 2:
        pairs.append(("betas", f"({betas['1']}, {betas['2']})"))
    return pairs
REMARKED_NAME = re.compile(r"\s*`?[A-Za-z_]\w*`?\s*[（(][^（）()]*[）)]\s*")
NAMED_VALUE = re.compile(r"`?([A-Za-z_]\w*)\s*=\s*([^`=]+?)`?")
# A value as Python writes it: a number, a bool or None, a tuple, a quoted string.
VALUE_CELL = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|True|False|None|\([^()]*\)|'[^']*'|\"[^\"]*\"")


def _table_rows(table: str, source: Source) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    for index, line in enumerate(table.splitlines()):
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        # the rule under the header (an empty header row, “| | |”, is a row: the header)
        rule = any(cells) and all(re.fullmatch(r":?-{2,}:?", c or "--") for c in cells)
        if "|" in line and not rule:
            rows.append((source.line + index, cells))
    return rows


# A lesson plan's columns of what the teacher and the students do and why (“教师活动”, “学生活动”, “设计意图”).
LESSON_COLUMN = re.compile(r"教师活动|学生活动|设计意图|(?:teacher|student)(?:'s|s')? (?:activity|activities)",
                           re.I)
# A vocabulary's column of word classes (“POS”, “词性”: “adv.” for “substantially”): the word's form gives it away.
WORD_CLASS_HEADER = re.compile(r"pos|part of speech|word class|词性", re.I)
# A column of examples (“tiny example”, “例子”): where its cells work a case out (“$x=(1,2), y=(3,4)$ → $11$”), numbers of
# that case, not what to learn of the row.
EXAMPLE_HEADER = re.compile(r"(?:tiny |small |toy |worked |quick )?examples?|e\.g\.|(?:小)?例子|示例|举例|算例", re.I)
# A column that only numbers a table's rows (“#”, “No.”, “序号”).
ROW_NUMBER_HEADER = re.compile(r"#|no\.?|nr\.?|n°|序号|编号|序", re.I)


def _unnumbered(block: Block) -> Block:
    """A sheet of formulas without the column that numbers its rows (“| # | formula | … |” over “| 1 | $x^\\top y$ | … |”),
    so that each row is named by its formula; any other table as it is. Every line stays where it was."""
    lines = block.text.splitlines()
    if "\\|" in block.text:
        return block  # (“$\\|x\\|_\\infty$” in a cell: a bar that splits no cell)
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
    if len(rows) < 4 or not ROW_NUMBER_HEADER.fullmatch(rows[0][0]) or any(len(cells) < 3 for cells in rows) \
            or not all(re.fullmatch(r"\d{1,4}\.?", cells[0]) for cells in rows[2:]) \
            or 4 * sum(bool(re.fullmatch(r"\$[^$]+\$(?:[^$]{0,12}\$[^$]+\$)*", cells[1])) for cells in rows[2:]) < 3 * len(rows[2:]):
        return block  # (only a sheet of numbered formulas: a review log's “| # | Front | Back | Lapses |” stays as it is)
    return replace(block, text="\n".join("| " + " | ".join(cells[1:]) + " |" for cells in rows))


# A value struck through at the start of an answer with its correction after it (“~~$\frac{1-p}{p}$~~ $\frac{1-p}{p^2}$”).
STRUCK_BEFORE = re.compile(r"^~~(?!~)[^~\n]+~~[ \t]*+(?:→|->|⇒)?[ \t]*+(?=[^\s~—–\-❌✗✘×(（])(?!(?i:wrong|incorrect|错)\b)")
# An answer struck through whole, bar a verdict on it (“~~an L2 penalty~~ — wrong”, “~~0.5~~ ❌”, “~~…~~ (TODO: fix)”).
STRUCK_ONLY = re.compile(r"~~(?!~)[^~\n]+~~(?:[\s—–-]*+(?:wrong|incorrect|错了?|❌|✗|✘|×|[(（][^()（）\n]*+[)）]|~~(?!~)[^~\n]+~~))*+"
                         r"[\s.。]*+", re.I)
# <br> at the start or the end of a text: a line break with nothing on one side.
EDGE_BREAKS = re.compile(r"^(?:\s*<br\s*/?>)+|(?:<br\s*/?>\s*)+$", re.I)
# A section that works an example through with numbers.
WORKED_HEADING = re.compile(r"\bworked[- ](?:out|(?:\w+[- ]){0,2}examples?)|\bby hand\b|"
                            # (one counterexample worked through, “反例 A：…”, “Counterexample 2”: its working)
                            r"^\s*+(?:反例|counter-?example)(?!s)\s*+(?:(?-i:[A-Z])|\d++|[一二三四五六七八九十]++)(?!\w)|\b(?:numerical|toy) example|例题|算例|手算|"
                            r"(?<![\u4e00-\u9fff])手[计計]|计算实例|數值例子|数值例子|^\s*(?:ex|example)\.?\s*\d|^\s*例\s*\d|"
                            # (with where it comes from beside it: “例子（lecture 7 p.12）”, “Example (past paper Q4)”; a topic
                            # there, “Example (Michaelis–Menten kinetics)”, names what it shows)
                            r"^\s*+(?:example|e\.g\.|例子|举例|舉例)\s*+\d*+\s*+(?:[(（](?=[^()（）\n]*?(?:\d|lecture|lec\b|slides?|p\.|"
                            r"pages?|paper|讲|講|页|頁|真题|真題))[^()（）\n]*+[)）]\s*+)?(?:[:：]|$)|"
                            # a paper's results, dataset by dataset: measurements, not definitions
                            r"\b(?:results|highlights|findings)\b|实验结果|"
                            # (a worked example in other languages' notes: “Contoh hitung”, “Esempio svolto”, “Rechenbeispiel”)
                            r"\bcontoh (?:hitung|soal|perhitungan)\b|\besempio (?:svolto|numerico)\b|\bejemplo (?:resuelto|numérico)\b|"
                            r"\bexemplo (?:resolvido|numérico)\b|\bexemple (?:résolu|corrigé|numérique)\b|"
                            r"\b(?:rechenbeispiel|beispielrechnung|zahlenbeispiel)\b|числовой пример|пример (?:расчёта|расчета|вычисления)|"
                            r"\bví dụ (?:tính|số)\b|\bprzykład (?:liczbowy|obliczeniowy)\b|"
                            r"\b(?:číselný|řešený) příklad\b|"
                            r"\b(?:rekenvoorbeeld|uitgewerkt voorbeeld)\b", re.I)
# A section that is an answer and nothing else (“### 答案”, “## Solution”): after a worked example's (“### 例题”), its working.
ANSWER_SECTION = re.compile(r"\s*+(?:(?:参考)?答案|解答|解|solutions?|answers?)\s*+", re.I)
# The notes' key to their own shorthand above their first heading (“**符号**：B = batch size，η = learning rate，→ =
# 然后”): what a symbol means in these notes, two pairs or more; a subject's own symbols (“**Symbols**: 0 = standard
# subdivisions” in Dewey's, chess's “! = good move”) are knowledge.
SYMBOL_KEY = re.compile(r"符号|记号|图例|标记|legend", re.I)
KEYED = re.compile(r"(?:^|[，,;；、]\s*+)[^\s，,;；=]{1,12}\s*+[=＝:：]\s*+[^，,;；=]+")
# An answer that is a number alone (“3”, “4/12”, “$0.7$”, “**25%**”).
NUMBER_ONLY = re.compile(r"[\s$*`]*+[-+−]?\d[\d.,/]*+%?[\s$*`]*+")
# An example shown on the board or a problem done again (“Malý příklad z tabule”, “Q3 redone with the corrected
# density”, “第 3 题重做”): its values are that example's; a general rule stated there (“$h = \frac12 g t^2$”) is one.
EXAMPLE_AGAIN = re.compile(r"\bmalý příklad\b|\bpříklad z tabule\b|\bprzykład z tablicy\b|"
                           # (a solved example in more languages' notes: “Räkneexempel”, “Exemplu rezolvat”, “مثال محلول”)
                           r"\b(?:räkneexempel|löst exempel)\b|\bexemplu (?:rezolvat|numeric)\b|\b(?:çözümlü|sayısal) örnek\b|"
                           r"(?:розв['’]язаний|числовий) приклад|приклад розрахунку|(?:λυμένο|αριθμητικό) παράδειγμα|"
                           r"مثال (?:محلول|عددي|تطبيقي)|"
                           r"\b(?:q|question|problem|exercise|ex\.)\s*+\d+[a-z]?\b.{0,30}?\b(?:redone|reworked|done again)\b|"
                           r"(?<!\d)\d++\s*+题\s*+(?:重做|再做一遍)", re.I)
# The label of a worked problem's final answer (“**Final answer:** …”, “**最终答案：**”).
FINAL_ANSWER = re.compile(r"\s*+\*\*\s*+(?:final answers?|最终答案)\s*+[:：]?\s*+\*\*", re.I)
# A label that opens the working of a problem (“**解**：”, “**Solution:**”, “**Working:**” over its steps; “Steps:”
# alone may derive a general result).
SOLVING_LABEL = re.compile(r"[\s*【\[]*+(?:解|解题(?:步骤|过程)|解答过程|solution(?: steps)?|working)[\s*】\]]*+[:：]?[\s*]*+",
                           re.I)


def _comes_to_numbers(text: str) -> bool:
    r"""Whether a formula's last side is numbers only (“$v_2=\frac1{\sqrt2}(1,-1)^\top$”, “$= 3\sqrt5$”)."""
    spans = [m.group(0) for m in re.finditer(r"\$[^$]+\$", text)] or [text]
    value = spans[-1].strip("$").rsplit("=", 1)[-1]
    value = re.sub(r"\\[A-Za-z]+", " ", value)
    return bool(re.search(r"\d", value)) and not re.search(r"[A-Za-z\u0370-\u03ff]", value)


# A table's corner that says its rows work one example (“worked example”, “算例”; “Example” alone heads a
# column of examples).
WORKED_CORNER = re.compile(r"(?:an? )?worked(?:[- ]out)? example\s*\d*|算例\s*\d*|手算|计算实例|数值例子", re.I)
# A corner that sets a value (“t=1, g scalar”, “$n = 3$”): the table works that case out.
# (a number alone: “T = 298 K” and “n = 2 shell” name a condition the rows' facts hold under)
SETTING_CORNER = re.compile(r"\s*+\$?\s*+[A-Za-z]\w*+\s*+=\s*+-?\d++(?:\.\d++)?+(?:[eE][-+]?\d++)?+\s*+\$?"
                            r"(?:\s*+[(（][^()（）\n]*+[)）])?+(?:\s*+[,，;；]\s*+[^,，;；|\n]*+)*+")
# A problem of a homework or one of its parts (“Problem 1: derive …”, “第 2 题”, “1c. back through …”),
# and what says the notes are homework (“作业 3”, “HW 2 write-up”, “Problem set 4”): under both,
# the formulas work that problem through. (“Problem 1: exploding gradients” alone names a topic.)
HOMEWORK_PART = re.compile(r"^\s*(?:problem|exercise)\s*\d+|^\s*第\s*(?:\d+|[一二三四五六七八九十]+)\s*题|"
                           r"^\s*\d+[a-h][.)]\s", re.I)
HOMEWORK = re.compile(r"\b(?:homework|hw\s*\d+|assignments?\s*\d+|problem\s*sets?|psets?|solutions? to|write-?up)\b|"
                      r"作业|习题(?:解答|答案)?|题解", re.I)
# Words that name a general law or formula inside a worked solution (“The present value formula is”, “by Newton's second
# law”, “由全概率公式”): that formula is learnt, though the problem's working is not.
NAMED_LAW = re.compile(r"\b(?:formula|law|theorem|rule|identity|definition)\b|公式|定律|定理|法则|恒等式", re.I)
# A question that states what to judge or complete (“True / False”, “判断题”, “选择题”, “填空题”): its formulas are facts.
STATEMENT_ITEM = re.compile(r"true\s*+/\s*+false|multiple[- ]choice|判断题|选择题|填空题", re.I)
# A problem's heading that carries its marks (“题 2 连续型随机变量（10 分）”, “3. Bayes (8 marks)”): an exam's problem.
MARKED_PROBLEM = re.compile(r"^\s*+(?:第\s*+)?(?:题|problem|question|q)?\s*+\d{1,3}\b.*[(（]\s*+\d{1,3}\s*+"
                            r"(?:分(?!钟)|pts?\.?|points?|marks?)\s*+[)）]", re.I)
# A paragraph that opens a worked example (“**例 9.1** 求…”, “**Example 3.2.** Compute…”), one that
# opens anything else under a bold label (“**定理 9.2**”), and a solution's lead (“**解**：”).
EXAMPLE_LEAD = re.compile(r"\s*\*\*\s*((?:例题?|示例|example|ex\.)\s*\d+(?:\.\d+)*)\s*[.:：]?\s*\*\*", re.I)
BOLD_LEAD = re.compile(r"\s*\*\*[^*\n]+\*\*")
SOLUTION_LEAD = re.compile(r"\s*\*\*\s*(?:解|答|解答|solution|answer)\s*[.:：]?\s*\*\*", re.I)
SOLUTION_WORD = re.compile(r"\s*(?:解|答|解答|solution|answer)\s*[.:：]", re.I)

# A paragraph that is only a short label over what follows (“总结：”, “Summary:”).
BARE_LABEL_LINE = re.compile(r"\s*[^\s$:：]{1,12}\s*[:：]\s*")
# A lead that sets two things side by side: the table after it compares, it defines nothing.
COMPARISON = re.compile(r"\bvs\.?\b|\bversus\b|对比|比较|区别|异同|\bcompar(?:ed|ison|ing)\b|\bdifferences?\b", re.I)


def table_definitions(table: str, source: Source) -> list[tuple[str, str, Source, str]]:
    """A two-column table is a glossary: each row a term and what it is; or, when the second
    column's header names something else (“| | 归一化的维度 |”, “| layer | output shape |”), a
    term and that attribute of it (the fourth of each row)."""
    rows = _table_rows(table, source)
    if len(rows) < 2 or any(len(cells) != 2 for _, cells in rows):
        return []
    header = plain_inline(rows[0][1][1]).strip()
    values = [cells[1] for _, cells in rows[1:]]
    if RECORD_CORNER.fullmatch(plain_inline(rows[0][1][0]).strip()) or header and _measured(header, values) or \
            WORKED_CORNER.fullmatch(plain_inline(rows[0][1][0]).strip()) or SETTING_CORNER.fullmatch(plain_inline(rows[0][1][0])) or \
            sum(bool(re.search(r"\d\s*±\s*\d", v)) for v in values) * 2 > len(values) or \
            not BARE_TIME.fullmatch(header) and _result_column(header, values, scored=True) or \
            _locators(header, values) or any(_tally_row(cells) for _, cells in rows[1:]) \
            or SELF_RATED.search(header) or OWN_USE_HEADER.search(header) \
            or RATED_ON.fullmatch(header) and all(RATING_VALUE.match(_cell_text(v)) for v in values) \
            or _traced([plain_inline(c).strip() for c in rows[0][1]], rows[1:]):
        # (“| | acc |”, “| run | val AUC |”: one's own results, no glossary; “| 任务 | Loss |” is one;
        # “| worked example | value |”: that example's numbers;
        # “| 关键词 | 卡 |” over “4/5b”: an index; a table with a total row: a tally)
        return []
    attribute = "" if not header or MEANING_HEADER.search(header) else header
    corner = rows[0][1][0].strip()
    return [(_of_corner(corner, cells[0]), cells[1], Source(source.path, line), attribute)
            for line, cells in rows[1:] if cells[0] and cells[1] and not EMPTY_NAME.fullmatch(cells[0])
            and not _cited(header, cells[1])]


def _of_corner(corner: str, thing: str) -> str:
    """A row's name with the variable its table's corner names (“| $\tau$ | samples |” over
    “| ~ 1 | soft |”: “$\tau$ ~ 1”): the row is a value of it, not a thing of its own."""
    if not thing or not SYMBOL_CORNER.fullmatch(corner) or corner.strip("$") in thing:
        return thing
    value = thing.strip()
    number = re.fullmatch(r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)", value)  # (not “...”, not “1.2.3”)
    if RELATION_FIRST.match(value) or not (re.fullmatch(r"\$[^$]+\$", value) or number) \
            or not ONE_VARIABLE.fullmatch(corner.strip()):
        return f"{corner} {thing}"  # (“~ 1”, “small”: a relation or a word; “$10^k$” over “9”: k is 9, not 10^k)
    return f"{corner} = {value}"  # (“$\alpha_i$” over “$0$”: “$\alpha_i$ = $0$”, the case the row is)


# A corner that is one variable, perhaps with a letter for its index (“$\alpha_i$”, “$\ell$”, “τ”; not “$10^k$”, “$X_2$”).
ONE_VARIABLE = re.compile(r"\$\s*+\\?[A-Za-z]++(?:_\{?[a-z]\}?)?\s*+\$|[\u0370-\u03ff]")
# A row's value that opens with its own relation (“~ 1”, “$\le 1$”, “> 0”).
RELATION_FIRST = re.compile(r"\$?\s*+(?:[~<>=≈≤≥≠→]|\\(?:le|ge|leq|geq|approx|sim|ne|neq|to|in)(?![A-Za-z]))")


SYMBOL_CORNER = re.compile(r"\$[^$]+\$|[\u0370-\u03ff]")


def _table_header(table: str, source: Source) -> str:
    """The text of a table's header row (empty for “| | |”)."""
    rows = _table_rows(table, source)
    return "".join(rows[0][1]) if rows else ""


def _tally(table: str, source: Source) -> bool:
    """A table of one's own tally (“| 部分 | 题数 | 错 |”, “| Topic | Attempts | Correct |”): two columns or more
    after the first, each a count or a score, one of them how many were tried, and every cell under
    them a number. A confusion matrix's “| Prediction | Correct | Wrong |”, an exam's “| 科目 | 满分 |”
    and a rubric say what things are."""
    rows = _table_rows(table, source)
    header = [plain_inline(cell).strip() for cell in rows[0][1]] if rows else []
    if len(header) < 3 or not all(TALLY_COLUMN.fullmatch(cell) for cell in header[1:]) \
            or not any(TRIED_COLUMN.fullmatch(cell) for cell in header[1:]):
        return False
    cells = [plain_inline(cell).strip() for _, row in rows[1:] for cell in row[1:]]
    return all(re.match(r"[\d.]*\d", cell) for cell in cells if cell)


def _plan_table(table: str, source: Source) -> bool:
    """One's own plan, ticked off (“| 周 | 主题 | 资料 | 产出 | 完成? |” over “| W1 | 卷积基础… | … | ✅ |”): a column
    headed as done or status whose cells are marks of progress. A table of what a status code means (“| Status | Meaning
    |” over “| 404 | not found |”) is knowledge."""
    rows = _table_rows(table, source)
    header = [plain_inline(cell).strip().rstrip("?？") for cell in rows[0][1]] if rows else []
    for j, name in enumerate(header):
        if j and PROGRESS_HEADER.fullmatch(name):
            cells = [plain_inline(row[j]).strip() for _, row in rows[1:] if len(row) > j and row[j].strip()]
            if cells and 2 * sum(bool(PROGRESS_MARK.match(c)) for c in cells) > len(cells):
                return True
    return False


# A column of how far one got (“完成?”, “状态”, “Status”, “Done?”), and the marks in it (“✅”, “⚠️ 一半”, “⏳”, “done”).
PROGRESS_HEADER = re.compile(r"完成(?:情况|度)?|状态|進度|进度|status|done|progress|complete(?:d)?", re.I)
PROGRESS_MARK = re.compile(r"[✅⚠⏳❌✔✗☐☑✓✘🟢🟡🔴]|(?:done|todo|in progress|skipped|partly|完成|未完成|一半|进行中|没做|跳过)\b", re.I)


# A column of one's own tally (“题数”, “错”, “得分”, “Correct”, “Attempts”), and one of how many were tried.
TRIED_COLUMN = re.compile(r"题数|错题数|attempts|total|tried", re.I)
TALLY_COLUMN = re.compile(r"题数|错|错题(?:数)?|对|得分|分数|失分|扣分|满分|(?:my )?scores?|correct|wrong|mistakes|"
                          r"attempts|total|points|marks", re.I)


# A column headed by a mark alone (“✅”, “⚠️”, “❌”, “✓”, “×”, “★”).
MARK_HEADER = re.compile(r"\s*+(?:[✅✔✓☑❌✗✘×⚠❓❗★☆⭐🟢🟡🔴]\uFE0F?)\s*+")


def table_grid(table: str, source: Source, known: str = "", runs: bool = False,
               own: bool = False, zh: bool = False, lesson: bool = False) -> list[tuple[str, str, str, Source]]:
    """A table with a row per thing and a column per property (“| 分布 | 期望 | 方差 |”): each cell
    the value of its column's property for its row's thing, as (thing, property, value, line).
    Columns of remarks or of what a thing is (“备注”, “Notes”, “含义”) give none; nor does a table
    whose corner is empty (which way it reads, the table does not say); nor the column of ``known``,
    the framework notes that go from it to another already know, beside that other's; nor, in an
    experiment's own tables (``runs``), a column of a speed or a time measured (“训练 img/s”: 1080, 1120); nor, in a
    table of one's own mistakes (``own``), how each was caught."""
    rows = _table_rows(table, source)
    header = [plain_inline(cell).strip() for cell in rows[0][1]] if rows else []
    if len(rows) < 3 or len(header) < 3 or not header[0] or any(len(cells) != len(header) for _, cells in rows):
        return []
    counted = [all(COUNT_CELL.fullmatch(_cell_text(c)) for c in cells[1:] if c.strip()) for _, cells in rows[1:]]
    if any(TOTAL_ROW.fullmatch(_cell_text(cells[0])) and tallied for (_, cells), tallied in zip(rows[1:], counted)) \
            and 3 * sum(counted) >= 2 * (len(rows) - 1):
        return []  # (“| label | train | val | test |” over counts and a total row: a data set's tally, cell by cell)
    if all(MARK_HEADER.fullmatch(name) for name in header[1:]) and 3 * sum(counted) >= 2 * (len(rows) - 1):
        return []  # (“| Part | ✅ | ⚠️ | ❌ |” over counts: one's own tally of marks, by part)
    if 2 * sum(sum(bool(WORKED_CELL.search(cell)) for cell in cells[1:]) >= 2 for _, cells in rows[1:]) >= len(rows) - 1:
        # (“| free | 3 | 1 | 4/10 = 0.4 | 2/12 ≈ 0.167 |”: an example worked out on the board, two sums or more in half
        # its rows; one sum a row, “| conv3-64 | 224×224×64 | 3×3×3×64 = 1728 |”, is how each count comes about)
        return []
    if _records(header, rows[1:]) or 2 * sum(bool(FILE_NAME.fullmatch(_cell_text(cells[0]))) for _, cells in rows[1:]) \
            >= len(rows) - 1 and any(2 * sum(bool(COUNT_CELL.fullmatch(_cell_text(cells[j]))) for _, cells in rows[1:])
                                     >= len(rows) - 1 for j in range(1, len(header))):
        return []  # (“| file | rows | what |” over “`orders.csv` | 1.31M”: one project's files; what each is for is not)
    corner = rows[0][1][0].strip()
    out = []
    # (only where the known side's cells are its code, “`torch.tensor([1., 2.])`”: how one writes it there; a
    # layout or a default, “HWIO”, “float64”, is a fact of that side to learn too)
    learnt = [name for name in header[1:] if known and FRAMEWORK_NAME.search(name)
              and known.casefold() not in name.casefold()]
    if learnt and not all(sum(_cell_text(cells[j]) != cells[j].strip() or not cells[j].strip() or "`" in cells[j]
                              for _, cells in rows[1:]) * 4 >= (len(rows) - 1) * 3
                          for j, name in enumerate(header) if j and known.casefold() in name.casefold()):
        learnt = []
    given = _example_columns(header, rows[1:])
    # (the first column of what each thing is, “| 术语 | 含义 | 例子 |”: asked as a glossary's, what the thing is)
    meaning = next((j for j, name in enumerate(header[1:], 1) if WHAT_IT_IS_HEADER.fullmatch(name)), None)
    if meaning is not None and meaning > 1 and PLACE_CORNER.fullmatch(header[0]):
        # (“| Chapter | Key term | Definition |”, “| Page | Quote | Speaker | Meaning |”: the rows are placed by the first
        # column and named by the second; what each named thing is, and nothing of the chapter)
        named = next((j for j in range(1, meaning) if TERM_COLUMN.fullmatch(header[j])), 1)
        return [(cells[named].strip(), "", cells[meaning].strip(), Source(source.path, line)) for line, cells in rows[1:]
                if cells[named].strip() and cells[meaning].strip() and not EMPTY_CELL.fullmatch(cells[meaning].strip())]
    for j, name in enumerate(header[1:], 1):
        if j == meaning and not given:
            out.extend((_of_corner(corner, cells[0].strip()), "", cells[j].strip(), Source(source.path, line))
                       for line, cells in rows[1:] if _of_corner(corner, cells[0].strip()) and cells[j].strip()
                       and not EMPTY_CELL.fullmatch(cells[j].strip()) and not EMPTY_NAME.fullmatch(cells[0].strip()))
            continue
        if learnt and known.casefold() in name.casefold():
            continue  # (“| 操作 | PyTorch | JAX |” in notes “PyTorch → JAX”: the PyTorch side is the cue)
        if given and j in given[:-1]:
            continue  # (what goes in, and the call, are the givens of what comes out)
        # (a longer header in words, “shape in → shape out”, still names a property; one with numbers,
        # “Test (in-dist., n=2,725)”, names a split of one's own data)
        long = 24 if not CJK.search(name) and not re.search(r"\d|\b(?:I|my|me|we|our)\b", name) else 16
        if not name or len(name) > long or MEANING_HEADER.search(name) or REMARK_HEADER.search(name) \
                or _result_column(name, [cells[j] for _, cells in rows[1:]]) \
                or _metadata_field(name, "") and not CAUTION_HEADER.fullmatch(PAREN_TAIL.sub("", name).strip()) \
                or SETTING_HEADER.fullmatch(name) or OWNER_COLUMN.search(name) and not OWN_ANSWER.fullmatch(name) \
                or SELF_RATED.search(name) or REJECTED_HEADER.search(name) or OWN_USE_HEADER.search(name) \
                or PREDICTED_COLUMN.fullmatch(name) and any(OBSERVED_FIELD.fullmatch(h) for h in header) \
                or OPTION_HEADER.fullmatch(name) or own and CAUGHT_HEADER.search(name) \
                or (RATING_FIELD.fullmatch(name) or RATED_ON.fullmatch(name)
                    or RATING_SCALE.fullmatch(name) and CRITERIA_CORNER.fullmatch(_cell_text(corner))) and all(RATING_VALUE.match(_cell_text(cells[j])) or EMPTY_CELL.fullmatch(
                    _cell_text(cells[j])) for _, cells in rows[1:]) \
                or ARGUMENTS_HEADER.fullmatch(name) or WRONG_HEADER.fullmatch(name.strip()) \
                or WORD_CLASS_HEADER.fullmatch(name.strip()) and 3 * sum(len(_cell_text(cells[j]).strip()) <= 8
                                                                     for _, cells in rows[1:]) >= 2 * (len(rows) - 1) \
                or lesson and LESSON_COLUMN.fullmatch(name.strip()) \
                or EXAMPLE_HEADER.fullmatch(name.strip()) and 2 * sum("→" in cells[j] or "⇒" in cells[j] or "=>" in cells[j]
                                                                  for _, cells in rows[1:]) >= len(rows) - 1 \
                or _measured(name, [cells[j] for _, cells in rows[1:]]) \
                or 2 * sum(bool(LIKENESS.fullmatch(_cell_text(cells[j]))) for _, cells in rows[1:]) > len(rows) - 1 \
                or 2 * sum(bool(SHAPE_CHANGE.fullmatch(_cell_text(cells[j]))) for _, cells in rows[1:]) >= len(rows) - 1 \
                or _locators(name, [cells[j] for _, cells in rows[1:]]) \
                or runs and RATE_HEADER.search(name) and 2 * sum(
                    bool(COUNT_CELL.fullmatch(_cell_text(cells[j]))) for _, cells in rows[1:]) >= len(rows) - 1 \
                or _worked_column(rows[0][1][0], rows[0][1][j], [cells[j] for _, cells in rows[1:]]):
            continue
        for line, cells in rows[1:]:
            thing, value = _of_corner(corner, cells[0].strip()), cells[j].strip()
            if HEADCOUNT_ROW.fullmatch(_cell_text(thing)) and re.fullmatch(r"\s*\d{1,3}\s*", _cell_text(value)):
                continue  # (“| 分数段 | 90–100 | 80–89 |” over “| 人数 | 7 | 15 |”: how many people in each, a tally)
            if thing and value and not EMPTY_CELL.fullmatch(value) and not MARK_CELL.fullmatch(value) \
                    and not _cited(name, value) and not _cited(thing, value) \
                    and not EMPTY_NAME.fullmatch(thing) \
                    and len(value) <= 80 and not _names_itself(thing, value) and not VALUE_CELL.fullmatch(thing) \
                    and not (SIZE_CELL.fullmatch(_cell_text(cells[0])) and EXAMPLE_IN.fullmatch(_cell_text(corner))):
                # (“我的译法” beside “标准译法” stays “我的”: two renderings)
                shown = OWN_ANSWER.sub(r"\g<what>", name)
                shown = shown if not any(h != name and shown in h for h in header[1:]) else name
                if RIGHT_HEADER.fullmatch(name.strip()) and any(WRONG_HEADER.fullmatch(h.strip()) for h in header[1:]):
                    shown = "正确说法" if zh else "correct answer"  # (“| 问题 | 容易答错的 | 正确 |”)
                knowns = [f"{header[k]} {cells[k].strip()}" for k in given[:-1]
                          if cells[k].strip() and not EMPTY_CELL.fullmatch(cells[k])] if given and j == given[-1] else []
                if knowns:  # (a row without its input asks what comes out, as any other)
                    shown = f"{'，'.join(knowns)} 时的{shown}" if CJK.search(name) else \
                        f"given {', '.join(knowns)}, {shown}"
                out.append((thing, shown, value, Source(source.path, line)))
    return out


# How alike two things are, and nothing more (“很像”, “一模一样”, “有点像”, “very similar”, “not really”): a column
# mostly of these (“类比成立的程度” over “很像”, “像”, “一模一样”) rates one's analogies, no fact.
LIKENESS = re.compile(r"\s*(?:很|非常|有点|一半|不太|不|挺)?像|一模一样|几乎一样|差不多|"
                      r"(?:very |quite |somewhat |not (?:very |really )?)?(?:similar|alike)|identical|not really\s*[.!。！]?\s*", re.I)


def _worked_column(corner: str, header: str, cells: list[str]) -> bool:
    """A column that works out a sum or a product of the corner's symbol, row by row (“| $\\eta$ | $1-2\\eta$ |” over
    “| 0.9 | −0.8 |”): arithmetic on each row's value, no fact to recall."""
    symbol = re.fullmatch(r"\s*\$\s*(\\?[A-Za-z]+(?:_\{?\w+\}?)?)\s*\$\s*", corner)
    if not symbol or not re.search(r"\$[^$]*(?<![A-Za-z\\])" + re.escape(symbol.group(1)) + r"(?![A-Za-z])[^$]*\$", header):
        return False
    rest = re.sub(r"(?<![A-Za-z\\])" + re.escape(symbol.group(1)) + r"(?![A-Za-z])", "", header)
    if not re.search(r"[-+*/−·×]|\\(?:frac|cdot|times)", rest) or re.search(r"[\^!]|\\(?:sqrt|log|ln|exp|binom)", rest):
        return False  # (a column named by the symbol alone, or with an index, is a property; “$2^n$”, “$n!$” are
        # values one learns by heart)
    numbers = [bool(COUNT_CELL.fullmatch(_cell_text(c).replace("−", "-").strip("$ "))) for c in cells if c.strip()]
    return bool(numbers) and 3 * sum(numbers) >= 2 * len(numbers)


# An example's tensor going through, in numbers (“(8, 3, 32, 32) → (8, 32, 32, 3)”): which sizes were picked is the
# example's (“(B, C, H, W) → (B, H, W, C)” says what the operation does to any).
_SIZES = r"`?[(\[]\s*+\d++(?:\s*+,\s*+\d++)*+\s*+,?\s*+[)\]]`?"
SHAPE_CHANGE = re.compile(rf"\s*+{_SIZES}\s*+(?:→|->|=>|⟶|⇒)\s*+{_SIZES}\s*+")
# A row named only by a size (“| 32×32 | conv 5×5 | 28×28 |”, “| (3, 224, 224) | …”): under an input column, a worked
# example's input, no thing to ask about (“32×32 的 layer？”); a lookup table's “8 × 12” plate is one.
SIZE_CELL = re.compile(rf"\s*+(?:\d++(?:\s*+[×x*]\s*+\d++)++|{_SIZES})\s*+")


# A file's name (“orders.csv”, “train.py”, “configs/base.yaml”): a table of them lists one project's files.
FILE_NAME = re.compile(r"\s*+`?[\w./~-]*\w\.(?:csv|tsv|json|jsonl|parquet|txt|py|ipynb|yaml|yml|toml|md|pt|pth|ckpt|npy|npz|"
                       r"h5|pkl|zip|tar|gz|log|sh|sql|xlsx?)`?\s*+", re.I)


# A column of one's own habits (“When I use it”, “I'd pick it when”, “我常用吗”): the learner's practice, no fact of the row.
OWN_USE_HEADER = re.compile(r"\b(?:i|we)\s++(?:(?:would|'d|usually|often|always|never)\s++)?(?:use|used|prefer|pick|choose|reach for)\b|"
                            # (how one's own mistake came to light: “caught by”, “how I found it”, “怎么发现的”)
                            r"\bhow i (?:found|caught|noticed)(?: it)?\b|我(?:是)?怎么发现的?|"
                            # (and what one would answer: “what I'd say”, “my call”, “我会怎么答”)
                            r"\bwhat (?:i|we)(?:'d| would) (?:say|pick|choose|answer|do)\b|\bmy (?:answer|call|pick)\b|我(?:会)?怎么(?:答|说|选)|"
                            r"\bmy (?:take|pick|choice|usage|preference|go-to|default)\b|我(?:常用|会用|一般用|喜欢用|的选择)", re.I)


# A column of one alternative among others (“option A”, “choice 2”, “方案B”): the row's choices, side by side; a cell
# alone answers nothing.
OPTION_HEADER = re.compile(r"(?:option|choice|alternative|approach|design|方案|选项|选择)\s*+[A-Da-d1-4一二三四甲乙丙]", re.I)


# How a mistake came to light (“caught by”, “怎么发现的”), under a heading of one's own mistakes (“Mistakes I've actually
# made”, “我的错题”): the learner's story, where elsewhere (a defect class “caught by” a type checker) it is a fact.
CAUGHT_HEADER = re.compile(r"\bcaught (?:by|it|with)\b|\bhow (?:i|we) (?:found|caught|noticed)\b|怎么发现的?|发现(?:方式|途径)", re.I)
OWN_MISTAKES = re.compile(r"\bmistakes? (?:i|i'?ve|i have|we)\b|\bmy (?:mistakes|bugs|errors)\b|错题|我的错|我犯的|我踩(?:过)?的坑", re.I)


# A column named by a question (“会不会拷贝”, “是否原地”, “能否求导”, “要不要 contiguous”).
ASKING_COLUMN = re.compile(r"^(?:会不会|是否|能否|能不能|可否|要不要|需不需要|有没有)|吗$")
# Columns that make each row a worked example, what goes in and what comes out (“| 操作 | 输入形状 | 调用 |
# 输出形状 |”): what goes in is only that example's. (“| 操作 | Before | After |” asks each side.)
EXAMPLE_IN = re.compile(r"(?:输入|input)\s*+(?:形状|shape|size|维度|dims?|尺寸)?", re.I)
EXAMPLE_OUT = re.compile(r"(?:输出|output)\s*+(?:形状|shape|size|维度|dims?|尺寸)?", re.I)


def _example_columns(header: list[str], rows: list[tuple[int, list[str]]]) -> tuple[int, ...]:
    """The columns from what goes in to what comes out, if the table has both and they hold code or shapes
    (“`(B, T, D)`”, “28×28×1”) in most rows, else () (“| Stage | Input | Location | Output |” over glycolysis's
    glucose and ATP: each column a fact of its row). The columns between say how (“调用”)."""
    names = [PAREN_TAIL.sub("", _cell_text(h)).strip() for h in header]
    ins = [j for j, h in enumerate(names) if j and EXAMPLE_IN.fullmatch(h)]
    outs = [j for j, h in enumerate(names) if j and EXAMPLE_OUT.fullmatch(h)]
    if not (ins and outs and ins[0] < outs[0]):
        return ()
    worked = sum(all(EXAMPLE_VALUE.search(cells[j]) for j in (ins[0], outs[0])) for _, cells in rows)
    if 2 * worked < len(rows):
        return ()
    # (a column between them of code says how, “调用”; one of words, “说明”, is a property of its own)
    how = [j for j in range(ins[0] + 1, outs[0]) if 2 * sum("`" in cells[j] for _, cells in rows) >= len(rows)]
    return (ins[0], *how, outs[0])


# A value that is code or a shape (“`x.view(B, -1)`”, “(B, T, D)”, “28×28×1”, “[3, 224, 224]”).
EXAMPLE_VALUE = re.compile(r"`|[(\[]\s*+[\w*+.…-]++(?:\s*+,\s*+[\w*+.…-]++)++\s*+[)\]]|\d\s*+[×x]\s*+\d")


# A framework's or a language's name, and notes that go from one to another (“PyTorch → JAX 转换笔记”,
# “NumPy to PyTorch”, “从 TensorFlow 迁移到 PyTorch”): the first is what the learner knows.
FRAMEWORK_NAME = re.compile(r"\b(?:PyTorch|TensorFlow|JAX|Keras|NumPy|MATLAB|pandas|scikit-learn|sklearn|MXNet|Paddle(?:Paddle)?|"
                            r"Flax|optax|TF|torch)\b", re.I)
TRANSLATION = re.compile(rf"(?:从\s*)?(?P<known>{FRAMEWORK_NAME.pattern})\s*(?:→|->|=>|⇒|➡️?|\bto\b|转到?|迁移到|切换到|到)\s*"
                         rf"(?:{FRAMEWORK_NAME.pattern})", re.I)


def _translated_from(text: str) -> str:
    """The framework notes go from to another (“PyTorch → JAX 转换笔记” → “PyTorch”), or ""."""
    moved = TRANSLATION.search(text)
    return moved.group("known") if moved else ""


# A column of what to watch out for with each row (“| op | shape | gotcha |”): a property of the row's
# thing, though the same word alone labels a remark (“**Gotcha:** …”).
CAUTION_HEADER = re.compile(r"(?:common )?(?:gotchas?|pitfalls?|caveats?|traps?)|(?:常见的?)?(?:坑|易错点?)", re.I)


def _records(header: list[str], rows: list[tuple[int, list[str]]]) -> bool:
    """A table of outcomes, not of things with properties: rows that are runs (“| run | max_depth
    |”), or a column of results beside the others (“| index | top-20 | ms/q | RAM |”, “| Model |
    Year | Top-5 error |”): what a run was set to, and when a scored model came out, are that
    table's record, not knowledge asked cell by cell."""
    if RECORD_CORNER.fullmatch(plain_inline(header[0]).strip()) or SETTING_CORNER.fullmatch(plain_inline(header[0])):
        return True  # (“| t=1, g scalar | no correction | correct both |”: one case worked out)
    if _samples(rows):
        return True  # “| 天气 | 风 | 打球 |” over “| 晴 | 弱 | 是 |”, “| 晴 | 强 | 否 |”: a data set's rows
    if TIME_CORNER.fullmatch(_cell_text(header[0])) and any(AGENDA_HEADER.fullmatch(_cell_text(h)) for h in header[1:]) \
            and all(TIME_SPAN.fullmatch(_cell_text(cells[0])) for _, cells in rows):
        return True  # “| 时间 | 内容 | 形式 |” over “| 0–5 | 回顾 | 提问 |”: a lesson's or a meeting's timetable
    numeric = sum(all(NUMBER_CELL.fullmatch(_cell_text(cell)) for cell in cells) for _, cells in rows)
    if numeric == len(rows) or len(rows) >= 3 and numeric * 3 >= len(rows) * 2 \
            and SETTING_HEADER.fullmatch(_cell_text(header[0]).strip()):
        # “| ε | max u | min u |” over “| 0.1 | 3.7e6 | 2.1e-11 |”: a sweep's numbers, row by row (under a
        # variable's name, a row in words among them, “| 1–4 | ≈ t | – |”, is one of them; under
        # “confidence”, “| 95% | 1.96 |” are values to know)
        return True
    if any(_tally_row(cells) for _, cells in rows):
        return True  # “| **total** | **27** | **20.5** |”: a tally (a self-test's score, a budget), no knowledge
    if PEOPLE_CORNER.fullmatch(_cell_text(header[0])) and (any(
            DUE_HEADER.fullmatch(_cell_text(h)) or ROSTER_HEADER.fullmatch(_cell_text(h)) for h in header[1:])
            or TEAM_CORNER.fullmatch(_cell_text(header[0])) and any(DUTY_HEADER.search(_cell_text(h)) for h in header[1:])
            and any(OWN_ROW.fullmatch(_cell_text(cells[0])) for _, cells in rows)):
        # “| 人 | 负责 | 产出 | DDL |”: who does what in one's own group by when, a plan; “| 成员 | 学号 | 负责 |
        # 贡献比例 |”: who did what, a team's roster; “| 队员 | 主要负责 |” with the writer in a row (“我（阿哲）”):
        # one's own team's split of the work (“| Person | Pinyin |” over “| 我 | wǒ |” is a pronoun's table, and
        # “| Member | Daily Scrum |” with “Me (dev)” a process's roles)
        return True
    if any(_tally_column(_cell_text(header[0]), [_cell_text(cells[0]) for _, cells in rows], name,
                         [cells[j] for _, cells in rows])
           for j, name in enumerate(header[1:], 1)):
        return True  # “| name | A (5) | B (8) | total |”: the same tally, one row per person
    if all(LOCAL_ID.fullmatch(_cell_text(cells[0])) for _, cells in rows) and \
            all(NUMBER_CELL.fullmatch(_cell_text(cell)) for _, cells in rows for cell in cells[1:]):
        return True  # “| b1 | 6 | 5 | 1 |”: the counts of an example's own values
    if _traced(header, rows):
        return True
    if _counted_by_place(header, rows):
        return True  # “| 错因 | 次数 | 题号 |”: how often each kind of one's own slip, and where
    if _plan_and_actual(header, rows):
        return True  # “| 阶段 | 计划 | 实际 |”: one's own schedule and how it went
    return any(name and _result_column(name, [cells[j] for _, cells in rows], scored=True)
               for j, name in enumerate(header[1:], 1))


def _traced(names: list[str], rows: list[tuple[int, list[str]]]) -> bool:
    """A trace of the notes' own code (“| `x` | (5, 16) | float32 |”, “| **b** | `deg` | (5,) |”): rows
    named by its variables or its lines' letters, a column of shapes in numbers, and beside it what
    a trace records too (a dtype, the expression), or rows named by letters. (“| `W_Q` | 512×64 |”,
    “| `x.flatten(1)` | (2, 12) |”, “| `conv1.weight` | (64, 3, 7, 7) |”: a model's or an API's
    shapes, to know; so is “| `nn.Linear(in, out)` | `(N, out)` |”, the shape in symbols.) ``names``:
    the header's cells as plain text."""
    shapes = [j for j, name in enumerate(names) if j and SHAPE_HEADER.search(name)]
    lettered = all(re.fullmatch(r"[a-z]", _cell_text(cells[0])) for _, cells in rows)
    if not shapes or not (lettered or any(TRACE_HEADER.fullmatch(name) for name in names[1:])):
        return False
    return all(VARIABLE_CELL.fullmatch(_cell_text(cells[0])) for _, cells in rows) and any(
        all(NUMBER_SHAPE.fullmatch(_cell_text(cells[j]).strip("`")) for _, cells in rows if cells[j].strip())
        for j in shapes)


# What a trace records of each variable besides its shape.
TRACE_HEADER = re.compile(r"dtypes?|expressions?|exprs?|code|devices?|类型|表达式|代码", re.I)
SHAPE_HEADER = re.compile(r"\b(?:shapes?|sizes?|dims?|dimensions?)\b|形状|尺寸|维度", re.I)
# A shape in numbers (“(5, 16)”, “(10,)”, “[2, 10]”, “5×32”), or several (“(5, 32) / (5, 8)”).
NUMBER_SHAPE = re.compile(r"\s*+(?:[(\[]\s*+\d++(?:\s*+,\s*+\d++)*+\s*+,?\s*+[)\]]|\d++(?:\s*+[×x*]\s*+\d++)++)"
                          r"(?:\s*+/\s*+(?:[(\[]\s*+\d++(?:\s*+,\s*+\d++)*+\s*+,?\s*+[)\]]|\d++(?:\s*+[×x*]\s*+\d++)++))*+\s*+")
# A variable of the notes' code, in backticks, or a line's letter (“`x`”, “`edge_index[0]`”, “`lin(x)`”,
# “`.view(N, H, C)`”, “b”, “`a_s`, `a_d`”): not a library's name (“`nn.Linear(…)`”, “`torch.cat`”).
VARIABLE_CELL = re.compile(r"(?!`?(?:torch|nn|F|np|tf)\.)(?:`[^`]{1,40}`(?:\s*+\([^()]{0,20}\))?(?:\s*+[,/]\s*+`[^`]{1,40}`)*+|"
                           r"[a-z])\s*+(?:[(（][^()（）]{0,20}[)）])?")  # (“conv1 | 112×112” names a known net's layer)


# An example's own name for a value or a case (“a1”, “b2”, “x_3”, “$s_1$”), not a thing to know.
LOCAL_ID = re.compile(r"\$?[a-z]_?\{?\d{1,2}\}?\$?")  # (“C1”, “S2” name LeNet's layers)


def _samples(rows: list[tuple[int, list[str]]]) -> bool:
    """Rows that are a data set's samples, not things: a name in the first column more than once
    (“晴” over two rows of a weather table). A glossary or a table of things names each once."""
    names = [_cell_text(cells[0]).casefold() for _, cells in rows if cells and _cell_text(cells[0])]
    return len(set(names)) < len(names)


def _counted_by_place(names: list[str], rows: list[tuple[int, list[str]]]) -> bool:
    """A tally of the notes' own items: a column of where they are (question numbers, pages) and
    every other column a count (“| 错因 | 次数 | 题号 |” over “| 计算 | 3 | 1, 4, 6 |”)."""
    # (beside counts, a column of question numbers, “Q1, Q4”, “第 3 题”, says where too)
    places = [j for j in range(1, len(names))
              if _locators(names[j], [cells[j] for _, cells in rows if j < len(cells)])
              or all(QUESTION_PLACE.fullmatch(part) for _, cells in rows if j < len(cells)
                     for part in re.split(r"[,，、;；]", _cell_text(cells[j])) if part.strip())]
    counts = [j for j in range(1, len(names)) if j not in places]
    return bool(places) and bool(counts) and all(COUNT_HEADER.search(names[j]) for j in counts) and all(
        re.fullmatch(r"\s*\d{1,4}\s*", _cell_text(cells[j])) for j in counts for _, cells in rows if j < len(cells))


QUESTION_PLACE = re.compile(r"\s*+(?:Q\s*+\d++[a-z]?+|第\s*+\d++\s*+题)\s*+", re.I)
# A column that counts (“次数”, “count”, “# wrong”): with a column of places, a tally (“| 端口 | 页码 |” is no count).
COUNT_HEADER = re.compile(r"次数|个数|题数|数量|频次|count|times|frequency|#", re.I)


def _tally_row(cells: list[str]) -> bool:
    """A total row of numbers (“| **total** | **27** | **20.5** |”); “| 总计 | $L = L_{cls} + \\lambda L_{reg}$ |”
    sums formulas, and is a row like the others."""
    return bool(TOTAL_ROW.fullmatch(_cell_text(cells[0]))) and all(
        NUMBER_CELL.fullmatch(_cell_text(c)) for c in cells[1:] if c.strip())


def _tally_column(corner: str, rows: list[str], name: str, column: list[str]) -> bool:
    """People's marks added up: rows named for people (“| name | A (5) | B (8) | total |” over “| Mei |
    5 | 8 | **13** |”) and a column of numbers named total. (“| 格式 | 符号位 | 指数位 | 尾数位 | total |”
    adds up a format's bits, a fact of each format; so does “| Name | … | total |” over “| FP32 | … |”:
    a name with a digit names no person.)"""
    return bool(PEOPLE_CORNER.fullmatch(corner) and TOTAL_COLUMN.fullmatch(_cell_text(name))) \
        and not any(re.search(r"\d", row) for row in rows) and all(
        NUMBER_CELL.fullmatch(_cell_text(cell)) or EMPTY_CELL.fullmatch(_cell_text(cell)) for cell in column) and any(
        NUMBER_CELL.fullmatch(_cell_text(cell)) for cell in column)


# The corner of a timetable, and the span of minutes or of the clock a row of it takes (“0–5”,
# “14:00–14:20”, “5-15 min”, “第 1 节”); “| 时间 | 含义 |” over “| 墙钟时间 | … |” names kinds of time.
TIME_CORNER = re.compile(r"时间|时段|时间段|时刻|时长|用时|time|times|slot|time ?slot|schedule|when|duration|min(?:ute)?s?|分钟",
                         re.I)
# What a timetable's other columns hold: what is done then, how, by whom (a TCP exchange's “| 时间 |
# 客户端 | 服务器 |” or a schedule's “| 时间 | 学习率 |” are knowledge by time).
AGENDA_HEADER = re.compile(r"内容|形式|活动|环节|安排|主题|议程|讲者|主讲|负责人?|topics?|activit(?:y|ies)|format|contents?|agenda|"
                           r"items?|speakers?|who|what|session", re.I)
TIME_SPAN = re.compile(r"\s*+\d{1,3}(?::\d{2})?\s*+(?:min|mins|分钟|')?\s*+[–—~-]+\s*+\d{1,3}(?::\d{2})?\s*+"
                       r"(?:min|mins|分钟|')?\s*+|\s*+\d{1,2}:\d{2}\s*+|\s*+第\s*+\d+\s*+[节课]\s*+", re.I)


# The corner of a table whose rows are people (“name”, “姓名”, “组员”, “谁”), the column adding their marks
# up, and the column of when each is to be done: a group's plan. (“| 谁 | 任务 | 输入 |” over a GAN's
# generator and discriminator, “| 成员 | 职责 |” over Raft's roles: parts of a system, no due date.)
PEOPLE_CORNER = re.compile(r"names?|姓名|名字|人|谁|who|students?|学生|同学|members?|成员|组员|队员|负责人|people|persons?|"
                           r"owners?|assignees?|players?|teams?|队伍|小组|组名|组别|选手", re.I)
# The writer named in a row of people (“我”, “我（阿哲）”, “me (Sam)”), the members of a team, and what each is to do.
OWN_ROW = re.compile(r"\s*+(?:我|me|myself)\s*+(?:[(（][^()（）\n]{0,12}[)）])?+\s*+", re.I)
TEAM_CORNER = re.compile(r"队员|组员|成员|(?:team ?)?members?|teammates?", re.I)
DUTY_HEADER = re.compile(r"负责|分工|任务|职责|要做|要练|responsib|in charge|assigned|tasks?|duties|owns", re.I)
DUE_HEADER = re.compile(r"ddl|截止(?:日期|时间)?|期限|deadline|due(?: date)?", re.I)
# A column that tells people apart or weighs what each did (“学号”, “email”, “贡献比例”): a roster.
ROSTER_HEADER = re.compile(r"学号|工号|邮箱|e-?mail|student ?(?:id|no\.?|number)|贡献比例|贡献占比|分工比例|"
                           r"contributions? ?(?:\(%\)|%)|share of (?:the )?work", re.I)
TOTAL_COLUMN = re.compile(r"total|grand total|sum|合计|总计|总分|总成绩|总评|overall", re.I)


def _cell_text(cell: str) -> str:
    """A cell's text without its emphasis (“**total**” → “total”)."""
    return plain_inline(cell).strip().strip("*_").strip()


# The row that adds a table up (“total”, “合计”): the table is a tally.
# A cell that works a frequency out from counts (“4/10 = 0.4”, “2/12 ≈ 0.167”), in whatever language the table is; not a
# conversion or a size worked out, “100 × 9/5 + 32 = 212”, “3×3×3×64 = 1728”, which are the facts to learn.
WORKED_CELL = re.compile(r"(?<![\d.×*/+−-])\s*\d+\s*/\s*\d+\s*(?:=|≈)\s*0?\.\d")
TOTAL_ROW = re.compile(r"total|grand total|合计|总计|总分|小计|共计", re.I)
# A column that says where something is in the notes or a book (“| 关键词 | 卡 |” over “4/5b”, “Page”,
# “§”), not what it is: an index.
LOCATOR_HEADER = re.compile(r"卡号|卡片(?:号|编号)?|cards? ?(?:no\.?|ids?|#)|pages?|页码?|章节|sections?|chapters?|§|"
                            r"题号|题目编号|(?:problems?|questions?|exercises?) ?(?:no\.?|#|numbers?)|q ?#|"
                            r"refs?|links?|出处|"
                            # (where else a formula or a section is used: “| 小节 | 引用的 |” over “3.1, 3.2”; “Used in” over
                            # “BERT” names what uses it)
                            r"引用(?:的|了)(?:式子|公式)?(?:[（(].*[)）])?|引用(?:式子|公式)|用到的?(?:式子|公式)|cross[- ]?refs?", re.I)
# (a card's id has a slash or a dot, “4/5b”, “4/1a1”; “7B”, “2k”, “32bit” are sizes)
LOCATOR_CELL = re.compile(r"\s*+(?:(?:pp?\.|§|第)\s*+)?\d++(?:[./]\d++)++[a-z]?\d*+(?:[a-z]\d*+)*+\s*+|"
                          r"\s*(?:pp?\.|§)\s*\d+(?:[./-]\d+)*\s*|\s*第\s*\d+\s*[页章节]\s*", re.I)


def _locators(header: str, values: list[str]) -> bool:
    """A column of places (“4/5b”, “4/1a, 4/1b”, “p. 12”, “§3.2”), one named for them (“卡号”, “Page”), one
    named for a book's chapter, whose cells say where in it (“GBC ch. 7” over “7.1.1, long derivation”), or one of
    the files of one's project (“`model.py`”)."""
    cells = [part for v in values for part in re.split(r"[,，、;；]", _cell_text(v)) if part.strip()]
    placed = sum(bool(LEADING_SECTION.match(_cell_text(v))) for v in values)
    return bool(LOCATOR_HEADER.fullmatch(header.strip())) or bool(CHAPTER_HEADER.search(header)) and 2 * placed >= len(values) \
        or bool(cells) and all(LOCATOR_CELL.fullmatch(c) for c in cells) \
        or 3 * sum(bool(PROJECT_FILE.match(v)) for v in values) >= 2 * len(values) > 0 \
        or bool(NUMBERED_ITEMS.fullmatch(header.strip())) and all(ITEM_NUMBERS.fullmatch(_cell_text(v)) for v in values) \
        and any("," in v or "、" in v for v in values)


# A file of one's project a cell opens on (“`train.py` top”, “`data.py::build_loaders(cfg)`”, “`configs/base.yaml`”): where
# something went in it, no fact.
PROJECT_FILE = re.compile(r"\s*+`[\w./-]+?\.(?:py|ya?ml|json|ipynb|sh|toml|cfg|ini)(?:::[\w.]++(?:\([^()`]*+\))?)?`")
# A column of the notes' own items by number (“| family | bugs |” over “5, 6, 10”, “| 题型 | 题号 |”).
NUMBERED_ITEMS = re.compile(r"bugs?|examples?|entries|problems?|questions?|exercises?|see|[例题]|例题|错题|条目|见", re.I)
# (numbers of the notes' own items, “5, 6, 10”, “#3、#7”; “1,920” is a count)
ITEM_NUMBERS = re.compile(r"\s*+#?\d{1,3}(?:\s*+(?:,\s++|、\s*+)#?\d{1,3})*+\s*+")


# A column header that names a chapter of a book (“GBC ch. 7”, “UDL chapter 9”, “花书 第 7 章”), over cells
# that mostly open on a section's number (“7.1.1, long derivation”); one over notation (“$a_j = \sum_i …$”)
# says how that book writes it.
CHAPTER_HEADER = re.compile(r"\b(?:ch|chap|chapter)\.?\s*+\d|第\s*+\d++\s*+章", re.I)
LEADING_SECTION = re.compile(r"\s*+(?:§\s*+)?\d++(?:\.\d++)++(?![\d.])")


# A cell that is only a number (“0.1”, “3.7e6”, “~62”, “**0.512**”).
NUMBER_CELL = re.compile(r"\s*+(?:[~≈<>]\s*+)?[-+−]?\s*+(?:\d++(?:\.\d*+)?|\.\d++)(?:[eE][-+−]?\d++)?\s*+(?:%\s*+)?")


def _result_column(name: str, values: list[str], scored: bool = False) -> bool:
    """A column of scores or measurements (“val AUC”, “ms/q”, “fp32 (ms)”), not of complexities
    (“Time complexity”, or “Time” over “O(n^2 d)”). ``scored``: one that makes the whole table a
    record, so its values must be numbers too (“| Task | Activation | Loss |” over “MSE” is no score)."""
    big_o = sum(bool(re.match(r"\W*(?:O|Θ|Ω|\\Theta|\\Omega)\s*\(", v)) for v in values) * 2 > len(values) > 0
    spread = sum(bool(re.search(r"\d\s*±\s*\d", v)) for v in values) * 2 > len(values) > 0  # (“56.1 ± 0.6”)
    named = bool(RESULT_HEADER.search(name)) and not COMPLEXITY.search(name) and not big_o
    return named and (not scored or _mostly_numbers(values)) or spread or _measured(name, values)


# One's own plan against what happened (“| 阶段 | 计划 | 实际 |”, “| | estimate | actual |”): two columns
# so named, of numbers (“20min”, “~4.0 GB”); “实际有效位数” alone, or “估计” alone, is a fact's column.
PLAN_HEADER = re.compile(r"(?:planned|plan|estimated?|expected|计划|预计|预估|估计|估算)(?:\s*[(（][^()（）]*[)）])?", re.I)
ACTUAL_HEADER = re.compile(r"(?:actual|measured|real|实际|实测|真实)(?:\s*[(（][^()（）]*[)）])?", re.I)


def _plan_and_actual(names: list[str], rows: list[tuple[int, list[str]]]) -> bool:
    numeric = [j for j in range(1, len(names)) if _mostly_numbers([cells[j] for _, cells in rows if j < len(cells)])]
    return any(PLAN_HEADER.fullmatch(names[j]) for j in numeric) and any(ACTUAL_HEADER.fullmatch(names[j]) for j in numeric)


def _mostly_numbers(values: list[str]) -> bool:
    """Most cells a number (“0.8431”, “~ 62”, “3.1 GB”, “+0.40”), not words or formulas."""
    return sum(bool(re.match(r"\W{0,3}\d", v)) for v in values) * 2 > len(values) > 0


COMPLEXITY = re.compile(r"complexit|复杂度|big-?o\b", re.I)
# A bare “Time” over numbers is no result in a two-column table: “| Event | Time |” over “8 minutes
# 20 seconds” holds facts (“Time (s)”, “Runtime” are measurements).
BARE_TIME = re.compile(r"\s*(?:time|时间)\s*", re.I)
# A column of how the learner rates themself, or counts their own encounters with each row
# (“掌握程度”, “confidence”, “被问次数”, “times missed”): theirs, not the row's.
SELF_RATED = re.compile(r"掌握(?:程度|情况)?|熟练(?:度|程度)|熟悉(?:度|程度)|自评|自我评价|^(?:把握|信心)(?:程度)?$|"
                        r"[讲答学做推写]得(?:怎么样|怎样|如何)|\bhow (?:well )?(?:did )?(?:i|it) (?:do|did|go|went)\b|"
                        r"^我的?(?:打分|评分)$|^my (?:rating|score)$|"
                        r"(?:被问|被考|考过|考到|做错|答错|错|遇到|见过)(?:的)?(?:次数|几次)|"
                        r"^(?:my )?(?:mastery|confidence|comfort(?: level)?|self[- ]?(?:rating|assessment)|how well i know(?: it)?)$|"
                        r"times? (?:asked|seen|missed|wrong|failed|got (?:it )?wrong)|#\s*(?:asked|seen|missed|wrong)", re.I)
# A column of one person's or one's own choices (“Priya's”, “我的”, “ours”): theirs, not the row's.
OWNER_COLUMN = re.compile(r"^[A-Z][a-z]+['’]s\b|^(?:my|our|ours|mine|his|her|their)\b|我的|我们的|他的|她的|自己的|"
                          r"^(?:我|我们)(?:现在|实际|自己|这边)?(?:用|跑|设|选|改)的", re.I)  # (“我现在用的”)


# One's own rendering of each row (“我的译法”, “My translation”): the table's answer, asked without the “my”.
OWN_ANSWER = re.compile(r"(?:我的|my\s+)(?P<what>译法|翻译|译名|中文名?|定义|解释|translations?|definitions?|"
                        r"explanations?|answers?|答案)", re.I)
# A column of the wrong answers beside the right ones (“| 问题 | 容易答错的 | 正确 |”, “| Topic | Misconception | Fact |”):
# what not to learn; and the column that sets them right. (A pitfall, “常见错误 | 后果”, “Common mistake | How to avoid”,
# is knowledge.)
WRONG_HEADER = re.compile(r"(?:容易|常)(?:答|写|记|说|想)错的?(?:答案|说法|写法|理解)?|错误(?:答案|说法|理解|的说法)|误区|误解|错解|"
                          r"(?:common )?(?:wrong(?: answers?| beliefs?)?|misconceptions?|myths?|incorrect(?: answers?)?)", re.I)
RIGHT_HEADER = re.compile(r"正确(?:答案|说法|理解|的)?|正解|实际上|事实|(?:the )?(?:right|correct(?: answers?)?|truth|facts?|reality)",
                          re.I)
# A column of words not to use (“备选 / 不用的”, “Avoid”, “误译”): asking it teaches them.
# (“如何避免”, “Avoid when”, “不用会怎样”, “常见误用” say when or why: knowledge)
REJECTED_HEADER = re.compile(r"(?:不用|弃用|别用|不要用|不推荐|不建议用?)(?:的)?(?:译法|译名|词|说法|写法|术语)?\s*$|误译|"
                             r"错误(?:的)?(?:译法|译名|写法|说法)|\brejected\b|\bavoid(?:ed)?\s*$|"
                             r"\b(?:don'?t|do not)\s+use\s*$|\bnot\s+used\s*$|\bwrong\s+(?:translations?|words?|terms?)", re.I)


# A heading or a line over a table that says the table records one's own runs.
OWN_RUNS = re.compile(r"跑过的|跑了\S{0,4}实验|(?:我|自己)(?:自己)?的?(?:小)?(?:实验|测试|测速|跑的)|实测|测速|"
                      r"\bmy (?:quick |own |little |small )?(?:sim(?:ulation)?s?|runs?|experiments?|results|benchmarks?)\b|"
                      r"\b(?:experiments?|runs?|sims?) (?:I|we) (?:ran|did)\b", re.I)
# A lead that says the numbers after it are made up for an example (“我的例子：我家这边的天气（随便编的概率）”, “toy data”).
MADE_UP = re.compile(r"(?:随便|瞎)编|编的(?:概率|数据|数字)|假设的(?:数据|概率|数字)|(?:我|自己)编的例子|"
                     r"\b(?:made[- ]up|invented|fake|toy) (?:numbers|data|probabilities|values)\b", re.I)
# A lead that says the list after it is what one's own runs shared (“Fixed across all runs unless
# noted:”, “所有实验统一设置：”).
RUNS_SETUP = re.compile(r"\s*(?:\*\*)?\s*(?:fixed|held fixed|kept fixed|(?:kept )?the same|shared|constant)\s+(?:across|for|in|over)\s+"
                        r"(?:all |every |each )?(?:the |my |our )?(?:runs?|experiments?|trials?|sweeps?)\b|"
                        r"\s*(?:以下|下面)?(?:所有|全部)(?:的)?(?:实验|运行|run)(?:都|均)?(?:统一|相同|一样|固定)", re.I)
# A heading of one experiment among several (“实验 2：pin_memory”, “Experiment 3”, “Run 12”), and a column of
# a speed or a time measured (“训练 img/s”, “it/s”, “latency (ms)”, “耗时”).
# A plan to try or read something (“want to try: RoPE instead of …”).
WANT_TO = re.compile(r"(?:things |ideas )?(?:i )?(?:want|wanna) to (?:try|read)(?: next)?", re.I)
EXPECTED_FIELD = re.compile(r"expected (?:output|result)s?|预期(?:输出|结果)|期望输出", re.I)
TO_JUDGE = re.compile(r"(?:q\d+[.:：]?\s*)?判断(?:题|对错)?|true or false|t/f", re.I)
JUDGED = re.compile(r"[（(]\s*(?:对|错|√|×|✓|✗|T|F|true|false)\s*[)）]|\b(?:true|false)\b|[✓✗√×]|(?:^|[。.；;，,\s])(?:对|错)(?:[。.；;，,\s]|$)",
                    re.I)
# How sure the writer is of what they wrote, and a level of it (“Confidence: med”, “把握：高”, “confidence: 3/5”).
OWN_CONFIDENCE = re.compile(r"(?:my )?confidence(?: level)?|certainty|sureness|把握(?:程度)?|信心|自信度|确定度", re.I)
CONFIDENCE_LEVEL = re.compile(r"\s*+(?:(?:very |fairly |quite |pretty )?(?:high|med(?:ium)?|low|mid)|[高中低]|较高|较低|一般|"
                              r"\d(?:\.\d)?\s*+/\s*+\d+|[★☆⭐]+)\s*+[.!。]?\s*+(?:[(（][^()（）\n]{0,40}[)）])?\s*+", re.I)


# A section that records one numbered try (“Attempt 2 — warmup + cosine”, “Try #3:”, “第 2 次尝试”), and the
# fields of its record (“Config”, “Curves”, “Rationale at the time”): what was run and what it did.
# (“Experiment 2: Stroop” over its results, “Trial 3” in medicine, report others' work; “尝试十字相乘法”, “try 3
# times” count no tries)
# (or one run of one's own by its id: “2024-03-04  exp01  baseline”, “run_3 — bs 256”, “Run #4”; a day alone heads a
# lecture or an event, and “Experiment 2 — Asch conformity”, “Run 2 of the study”, C's “exp2”, “Exp1 — the standard
# exponential” name things to learn; and what a run led to: “下一步：加 warmup”)
ATTEMPT_HEADING = re.compile(r"(?:\b(?:attempt|try)\s*+#?|尝试\s*+)\d++(?=\s*+(?:$|[—–:：(（-]))|第\s*+[\d一二三四五六七八九十]++\s*+次尝试|"
                             r"\b(?:exp|run)(?:[-_#]|\s#)\d+\b|\b(?:exp|run)0\d+\b", re.I)
RUN_FIELD = re.compile(r"config(?:uration)?|setup|settings|(?:what the )?curves?(?: did)?|curves? with .{1,20}|plots?|"
                       r"results?|outcome|observations?|observed|what happened|rationale(?: at the time)?|hypothesis|what changed|"
                       r"changes?|diagnosis|verdict|next(?: steps?)?|配置|设置|曲线|结果|现象|观察|改动|变动|假设|下一步|下步|后续|"
                       # (what the runs share and what they ran on: “**统一**：Adam lr=1e-3”, “**基础**：SmallCNN”, “**模型**：…”)
                       r"统一(?:设置|配置)?|基础(?:设置|配置)?|基线|模型|超参数?|训练时间|错误数|"
                       r"baseline|model|hyper-?parameters?|training time|shared settings", re.I)
def _swept(table: str, source: Source) -> bool:
    """Rows keyed by the values a setting took (“| $\\alpha$ | 100 步后 $J$ |” over 0.01, 0.1, 0.3, 0.5): a sweep's runs,
    not things named (“| Indicator | pH range |”, “| 激活函数 | 公式 |”)."""
    rows = _table_rows(table, source)[1:]
    return len(rows) >= 2 and all(COUNT_CELL.fullmatch(_cell_text(cells[0])) or SETTING_VALUE.fullmatch(cells[0])
                                  for _, cells in rows if cells)


# A setting's value as a sweep writes it (“1e-3”, “$10^{-3}$”, “$3 \times 10^{-4}$”).
SETTING_VALUE = re.compile(r"\s*\$?\s*(?:[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+|\s*\\times\s*10\^\{?-?\d+\}?)?|10\^\{?-?\d+\}?)\s*\$?\s*",
                           re.I)


# An experiment by name (“学习率试验”, “Learning-rate trial”, “batch size sweep”): under a dated heading, over the
# values a setting took, one's own runs.
TRIAL = re.compile(r"实验|试验|\b(?:experiments?|trials?|sweeps?|ablations?|runs?)\b", re.I)
NUMBERED_RUN = re.compile(r"实验\s*[\d一二三四五六七八九十]+|\b(?:experiment|exp|run|trial)\s*#?\d+", re.I)
RATE_HEADER = re.compile(r"(?:img|imgs|images?|it|samples?|tok|tokens?|seqs?|steps?|batch(?:es)?)\s*/\s*(?:s|sec|秒)\b|"
                         r"\bthroughput\b|\blatency\b|[(（]\s*(?:ms|s|sec|min|秒|毫秒|分钟)\s*[)）]|吞吐|耗时|用时|延迟", re.I)
COUNT_CELL = re.compile(r"\s*[~≈约]?\s*[-+]?\d[\d,.]*\s*(?:[~–-]\s*\d[\d,.]*)?\s*(?:%|[a-zA-Z/]{1,6}|秒|分钟|毫秒)?"
                        r"\s*(?:[(（][^()（）]*[)）])?\s*")
# The corner of a table whose rows are one's runs (“run”, “exp”, “#”, “实验编号”).
RECORD_CORNER = re.compile(r"(?:runs?|rows?|日期|dates?|days?|exp(?:eriment)?s?|trials?|ids?|#|no\.?|run (?:id|name)|"
                           r"实验|试验|编号|序号|轮次|实验编号)", re.I)


# A measured value: a decimal, with a unit or a remark after it (“21.3G”, “4.5 (per micro step)”, “93.2%”).
MEASURED_CELL = re.compile(r"\s*[-+]?\d*\.\d+\s*(?:%|[a-zA-Z/]{1,6})?\s*(?:[(（][^()（）]*[)）])?\s*")


def _measured(name: str, column: list[str]) -> bool:
    """A column of scores or measurements (“| MultiNLI | 91.0 | 90.8 |”, “| 显存 | 21.3G |”): every
    cell a decimal, and the column no default or other setting (“默认 lr”: 0.01, 0.001 are what is
    to be recalled)."""
    cells = [_cell_text(cell) for cell in column]
    cells = [cell for cell in cells if cell.strip(" .…")]  # (a “| ... | | |” row says the table goes on)
    return not re.search(r"默认|default|推荐|recommended|常用|typical", name, re.I) and len(cells) >= 2 \
        and all(MEASURED_CELL.fullmatch(cell) for cell in cells)


def _names_itself(thing: str, value: str) -> bool:
    """Code that calls what the row names (“sort” → `np.sort(a)`), or the row's name spelled
    another way (“Squared error” → `"squared_error"`): the answer is on the front."""
    letters = lambda text: re.sub(r"[^a-z]", "", text.lower())
    if letters(value) and letters(value) == letters(thing):
        return True
    number = re.fullmatch(r"\s*(\d+)\s*\S{0,2}\s*", value)  # (“SimLex-999” → “999 对”, “VGG-16” → 16)
    if number and re.search(rf"(?<!\d){number.group(1)}(?!\d)", thing):
        return True
    if not re.search(r"`|\w\(", value):
        return False
    words = {w.lower() for w in re.findall(r"[A-Za-z_]{3,}", thing)}
    return any(w in words for w in (w.lower() for w in re.findall(r"[A-Za-z_]{3,}", value)))


# A column of remarks, questions or sources beside a table's properties.
REMARK_HEADER = re.compile(r"备注|补充|疑问|问题|注意|评价|感想|备忘|来源|出处|链接|参考|"
                           r"\b(?:notes?|remarks?|comments?|questions?|sources?|links?|refs?|references?|todo)\b", re.I)
# A column of one run's outcomes (“CV AUC”, “top-1 acc”, “BLEU”): results, not properties to recall.
RESULT_HEADER = re.compile(r"(?<![A-Za-z])(?:auc|acc(?:uracy)?|f1|score|bleu|ppl|perplexity|top-?\d+|mse|rmse|mae|loss|error|"
                           r"results?|runtime|time|speed|lb|leaderboard|public|private|cv|memory|mem|vram|ram|throughput|"
                           r"latency|fps|qps|it/s|steps?/s|samples?/s|ms/\w+|ms|secs?|seconds|speed-?up|p-?values?|reject\??|regret|"
                           # one's own time per step (“时间/iter”, “time per epoch”)
                           r"(?:时间|耗时|time|speed|速度)\s*(?:/\s*|per\s+|每)(?:iter(?:ation)?|step|epoch|batch|it|步|个?迭代)|"
                           r"每(?:步|次迭代|个?iter(?:ation)?|个?step|个?epoch)(?:时间|耗时)|"
                           r"rouge(?:-\w+)?|meteor|cider|wer|cer|pts|points|"
                           # a ranking's measures (“nDCG@10”, “R@100”, “MRR”, “HR@10”)
                           r"n?dcg(?:@\d+)?|mrr(?:@\d+)?|(?:recall|precision|map|[rp]|hits?|hr)@\d+)(?!\w)|"
                           r"分值|人数|"
                           r"^p\s*[(（]|准确率|精度|得分|分数|误差|结果|耗时|速度|排名|"
                           r"显存|内存|吞吐|延迟|实测|加速比?|"
                           r"(?-i:\bm?AP(?:\d+|@[\d.:]+)?(?!\w))|"  # (“mAP@0.5”, “AP50”)
                           # (a column in a unit: “fp32 (ms)”, “大小（MB）”)
                           r"[(（]\s*(?:ms|s|sec|min|h|KB|MB|GB|[KMG]|%|秒|毫秒|分钟|小时)\s*[)）]", re.I)
# A column of a notation's arguments (“参数” beside “$B(n, p)$”): the row's name shows them.
ARGUMENTS_HEADER = re.compile(r"参数|params?|parameters?|arguments?|args", re.I)
# A column named by one symbol (“r”, “N”, “$d_k$”): one experiment's settings, not a property.
SETTING_HEADER = re.compile(r"\$?\\?[A-Za-z]{1,2}(?:_\{?[\w,]+\}?)?\$?")
# A cell that only ticks or crosses (“✓”, “×”, “是”, “⭐⭐”, “⚠️”), or points to a footnote as well (“⚠️ (2)”,
# “❌ [4]”): a comparison's mark, no value to recall.
MARK_CELL = re.compile(r"\s*+(?:(?:[✓✔✗✘❌✅√×⭐★☆⚠❓+\-]\ufe0f?+)++(?:\s*+(?:\(\d{1,2}\)|\[\d{1,2}\]))?+|"
                       r"yes|no|y|n|是|否|有|无|支持|不支持|可以|不可以|能|不能)\s*+[!！]*+\s*+", re.I)
# A cell that gives no value (“—”, “同上”, “N/A”).
# A row's name that marks it has none (“—”, “N/A”); “-”, “--”, “/”, “//”, “…” and “?” are an operator's.
EMPTY_NAME = re.compile(r"\s*(?:[—–]+|N/?A|n/?a|同上|ditto)\s*")
EMPTY_CELL = re.compile(r"\s*(?:[-—–/?？…]+|N/?A|n/?a|同上|无|略|ditto|same as above|\(?same\)?)\s*", re.I)


# The answer column of a table of questions (“| Q | A |”, “| 问题 | 答案 |”, “| 正面 | 背面 |”).
ANSWER_HEADER = re.compile(r"a|answers?|答|答案|回答|解答|back|背面", re.I)
# A glossary's second column: what each term is (“含义”, “Meaning”, “说明”, “Description”), or a table of
# questions' answers.
# (or a value, which only the term's own section can say the question of: “| 超参数 | 取值 |”)
MEANING_HEADER = re.compile(r"含义|意思|意义|解释|说明|定义|描述|释义|备注|简介|概念|内容|笔记|要点|取值|值$|"
                            r"\b(?:meaning|definition|description|explanation|notes?|what it (?:is|does)|"
                            r"summary|remarks?|details?|values?|settings?|comments?)\b|"
                            rf"^\s*(?:{ANSWER_HEADER.pattern})\s*$", re.I)


# A first column that numbers or places the rows, not names them (“#”, “Chapter”, “Week”, “日期”, “第几讲”).
PLACE_CORNER = re.compile(r"\s*(?:#|no\.?|nr\.?|ch(?:apter)?s?\.?|sections?|§|pages?|p\.|dates?|days?|weeks?|lectures?|lec\.?|"
                          r"index|序号|编号|章节?|节|页码?|日期|时间|周次?|第.{0,3}[讲章节周课])\s*", re.I)
# A column of the things a table names (“Key term”, “Term”, “Quote”, “术语”, “概念”, “符号”).
TERM_COLUMN = re.compile(r"\s*(?:(?:key )?terms?|words?|concepts?|names?|symbols?|quotes?|phrases?|术语|概念|名词|词语?|符号|原文|引文)\s*",
                         re.I)
# A column that says what each thing is, and only that (“含义”, “Meaning”, “Definition”, “What it is”).
WHAT_IT_IS_HEADER = re.compile(r"\s*(?:含义|意思|释义|定义|\b(?:meaning|definition|what it is)\b)\s*", re.I)


def has_formula(text: str) -> bool:
    return any(RELATION.search(body) for _, _, body, _ in math_spans(text))


def formulas_in(text: str) -> tuple[str, ...]:
    return tuple(body.strip() for _, _, body, _ in math_spans(text) if RELATION.search(body))


def is_plain_formula(text: str) -> bool:
    """Text that is a formula without markup: ``Mish(x)=x∗Tanh(Softplus(x))``, ``ln(1 + ex)``."""
    # (a link beside a formula cites it; beside no relation, it is what the line gives: “LLM.int8(): https://…”)
    linked = re.sub(r"\(?<?https?://[^\s)>]+>?\)?", "", text or "").strip()
    if linked != (text or "").strip() and "=" not in linked:
        return False
    text = linked
    if not text or "$" in text or CJK.search(text) or len(text) > 300:
        return False
    if re.search(r"\*\*|`|<\w|\w:\s", text):  # emphasis, code, HTML or a `label: ` is prose
        return False
    if "=" not in text and len(re.findall(r"→|->|⇒|=>", text)) >= 2:
        return False  # “conv(5×5) → avgpool → FC 120 → 10”: a pipeline of stages, not a formula
    words = re.findall(r"[A-Za-z]{4,}", text)
    if PROSE_WORDS.search(text):
        return False  # “check for log(0) / division by zero”: words in a row are a sentence
    has_call = re.search(r"\w\(", text) is not None
    operators = re.search(r"[=+\-*/^∗·×]", text) is not None
    return operators and (("=" in text and has_call) or has_call) and len(words) <= 6


# Two words in a row that are not the names of functions: prose, not a formula.
_FUNCTION_NAMES = r"(?:sin|cos|tan|exp|log|max|min|sum|sqrt|det|arg|lim|sup|inf|mod|var|cov)\b"
PROSE_WORDS = re.compile(rf"\b(?!{_FUNCTION_NAMES})[A-Za-z]{{3,}} (?!{_FUNCTION_NAMES})[A-Za-z]{{3,}}\b", re.I)


def strip_math(text: str) -> str:
    """The words around the math (the math as “…”): how earlier versions named a context."""
    return " ".join(without_math(text, " … ").split())


SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|(?<=\.)\s")


def context_words(text: str, before_end: bool = False, limit: int = 60) -> str:
    """The words that say what a formula is: the sentence holding it (or, for a display
    formula, the sentence before it), with the math replaced by “…”."""
    sentences = [s for s in SENTENCE_END.split(text) if s and s.strip()]
    if before_end:
        chosen = sentences[-1] if sentences else ""
    else:
        chosen = next((s for s in sentences if has_formula(s)), text)
    words = strip_math(chosen)
    if len(words) > limit:
        words = "…" + words[-limit:]
    return words


def parse_default(text: str) -> str | None:
    """The default value a parameter description states, if any (``默认 0.001``)."""
    match = DEFAULT.search(text)
    if not match:
        implied = IMPLIED_DEFAULT.search(text)  # “None 表示自动选择”: None is what you get by default
        return implied.group(1) if implied else None
    value = (match.group("zh") or match.group("en") or "").strip("`'\"，,。").rstrip(".")
    if value and value[0] in "([":
        # a tuple or list default: take it whole, up to its closing bracket
        start = match.start("zh") if match.group("zh") else match.start("en")
        close = {"(": ")", "[": "]"}[value[0]]
        end = text.find(close, start)
        if end != -1:
            value = text[start:end + 1]
    if REQUIRED.fullmatch(value):
        return None  # “(required)”, “必填”: the parameter has no default
    return value or None


_PARAM_WORD = r"(?:常用)?(?:参数|默认值|超参数?|parameters?|arguments?|args|defaults?|options)"
PARAM_SUFFIX = re.compile(rf"\s*的?\s*{_PARAM_WORD}(?:\s*(?:&|and|和|与|及|/|、)\s*{_PARAM_WORD})*\s*[:：]?\s*$", re.I)
CODE_SPAN = re.compile(r"(`+)[^`]+?\1")  # kept whole: “`(batch, seq, feature)`” is no aside
REQUIRED = re.compile(r"[(（]?\s*(?:required|mandatory|无|没有|必填|必需|必须|必选)\s*[)）]?", re.I)


ONLY_REQUIRED = re.compile(r"\s*(?:默认值?|defaults?)?\s*[:：]?\s*" + REQUIRED.pattern + r"\s*[。.]?\s*", re.I)


def _param_meaning(desc: str) -> str:
    """What a parameter is, in the words before its first pause: no type, no long aside in
    parentheses, never the words that state the default (“(float, optional) learning rate
    (default: 1e-3)”, “L2 惩罚（加在梯度上，…）” -> “learning rate”, “L2 惩罚”; “学习率（γ）” stays)."""
    bare = re.sub(r"^\s*\([^)]*\)\s*", "", desc)
    spans = [(a, b) for a, b, _, _ in math_spans(bare)] + [m.span() for m in CODE_SPAN.finditer(bare)]
    out, i = [], 0
    while i < len(bare):
        char = bare[i]
        inside = next((b for a, b in spans if a <= i < b), None)
        if inside is not None:
            out.append(bare[i:inside])
            i = inside
            continue
        if char in "（(":
            close = _closing(bare, i)
            aside = bare[i + 1:close]
            if not re.search(r"[，,。;；]|默认|缺省|default", aside, re.I) and len(aside) <= 12:
                out.append(bare[i:close + 1])  # a short aside names the symbol: “学习率（γ）”
            i = close + 1
            continue
        if char in "，,。;；":
            break
        out.append(char)
        i += 1
    meaning = "".join(out)
    meaning = meaning[:m.start()] if (m := IMPLIED_DEFAULT.search(meaning)) else meaning
    meaning = re.split(r"默认|缺省|\bdefault", meaning, maxsplit=1, flags=re.I)[0]
    return " ".join(meaning.split())


def _closing(text: str, at: int) -> int:
    """Where the bracket opened at ``at`` closes (the end of the text if it never does)."""
    depth = 0
    for i in range(at, len(text)):
        depth += (text[i] in "（(") - (text[i] in "）)")
        if depth == 0:
            return i
    return len(text)


SYMBOL_ASIDE = re.compile(r"(?<!\s)\s*+[（(]\s*\$[^$]*\$\s*[)）]\s*$")  # (once per run of spaces)


@lru_cache(maxsize=1 << 13)  # an item's text is tried as a label by several readers of the list
def split_label(text: str) -> tuple[str, str] | None:
    """``**term**：desc`` / ``term: desc`` -> (term, desc); None for plain prose."""
    if DATAVIEW_FIELD.match(text):
        return None  # “status:: 🌱 in progress”: a field of the note's metadata, not a term
    match = LABELLED.match(text)
    if not match:
        dashed = DASHED.match(text)
        if dashed is None or len(dashed.group("t").split()) > 5:
            return None
        term, rest = clean_term(dashed.group("t")), dashed.group("rest").strip()
        return (term, rest) if term and _brackets_balance(term) and not re.search(r"[，。,;；]", term) else None
    raw = match.group("bc") or match.group("b") or match.group("p") or ""
    if match.group("p") and raw.count("**") % 2:
        return None  # emphasis that opens before the colon and closes after it is prose
    if match.group("p") and (raw.count("(") != raw.count(")") or raw.count("（") != raw.count("）")
                             or raw.count("[") != raw.count("]")  # “![bg right:40%](…)”: inside an image's text
                             or re.search(r"(?:^|[\s→>])\d+\s*$", raw) and re.match(r"\d", match.group("rest"))
                             or raw.count("`") % 2
                             or re.match(r"\w:\w", text[match.end("p") - 1:])
                             or re.search(r"\*\*(?=[^*]*?(?:[A-Za-z]{2,}[^*A-Za-z\n]+[A-Za-z]{2,}|[\u4e00-\u9fff]{3}))[^*]*[.。!！?？]\s*\*\*\s*\S",
                                          raw)):
        # “(19:40) 严格来说…”, “参数量比？→ 4:3”: a time or a ratio, not a label; “`OutOfMemoryError:
        # CUDA out of memory`”: a colon inside code; “看到 cuda:0 上…”: a colon inside a word;
        # “**Seeds / variance.** CIFAR: 3 seeds”: a bold lead ends its sentence before the colon
        return None
    term = clean_term(raw)
    core = SYMBOL_ASIDE.sub("", term)  # “**Stride** ($S$)”: the term with its symbol
    if not core or core.count("$") % 2 or "$" in core and not core.startswith("$"):
        return None
    if len(term) > 30 or "](" in term or term.endswith(("http", "https")) or len(CJK.findall(term)) > 10 \
            or re.search(r"[，。,;；]", term) and not IN_SHORT.fullmatch(term):  # (“**TL;DR:**” is a label)
        return None
    if not _brackets_balance(term):
        return None  # “**(root mean square prop**: fun fact …)”: an aside that opens before the colon
    rest = match.group("rest")
    if any(len(re.findall(f"<{tag}>", term, re.I)) > len(re.findall(f"</{tag}>", term, re.I))
           and re.search(f"</{tag}>", rest, re.I) for tag in re.findall(r"<(\w+)>", term)):
        return None  # “<sup>注：Shazeer 原文说…</sup>”: a tag that opens before the colon holds it
    rest = match.group("rest").strip()
    if raw.startswith("*") and not raw.startswith("**") and raw.count("*") % 2 and rest.startswith("*") \
            and not rest.startswith("**"):
        rest = rest[1:].lstrip()  # (“*why:* a too-large step …”: the italics close after the colon)
    return term, rest


def _about_the_notes(block: Block) -> bool:
    """What notes open with before their subject: a quote, a rule, a line in italics or in
    brackets (“*last edit: before the midterm*”), or lines each a label and its value
    (“视频：B站…”, “**When:** Thu 7pm”)."""
    if block.kind in ("rule", "quote"):
        return True
    if block.kind == "table":
        # a page's properties (“| **Status** | 🟡 In progress |”, “| **Created** | March 2 |”): a
        # two-column table whose rows are mostly the notes' own fields
        rows = _table_rows(block.text, block.source)
        if not rows or not PROPERTY_HEADER.fullmatch(plain_inline(rows[0][1][0]).strip()):
            return False  # (“| 常数 | 数值 |” under the title is the subject beginning)
        terms = [clean_term(cells[0]) for _, cells in rows[1:] if len(cells) == 2 and cells[0].strip()]
        return len(terms) >= 2 and all(len(cells) == 2 for _, cells in rows) and \
            2 * sum(_metadata_field(term, "") for term in terms) >= len(terms)
    if block.kind == "list" and not any(it.children for it in block.items):
        # the same fields as a list (“- 日期：2024/10/15”, “- 老師：林老師”), an aside without a label among them
        # (“- 上週請假沒來”): at least two fields, every one about the notes or the class, and no formula (a poem's
        # “- 作者：李白” over “- 体裁：五言古绝” is the subject beginning)
        labels = [label for label in (split_label(it.text.strip()) for it in block.items) if label and label[1]]
        return len(labels) >= 2 and not any("$" in it.text for it in block.items) and \
            all(_opening_field(*label, dated=_dated(labels)) for label in labels)
    if block.kind != "paragraph":
        return False
    lines = [line.strip() for line in block.text.splitlines() if line.strip()]
    labels = [split_label(line) for line in lines if not EMPHASIZED_LINE.fullmatch(line)]
    # (“**Adam**：keeps running averages …” under the title is the subject itself, not its source)
    # (and lines mostly about the notes: “**约定**: …” over “**logits**: …” is the subject beginning)
    if all(label and label[1] for label in labels) and any(
            EXAM_FIELD.fullmatch(_bare(term).strip()) and DATE_OR_LINK.search(value) for term, value in labels):
        return True  # (“**Exam:** Mon 12 May, 09:30” over “**Allowed:** …”, “**Not allowed:** …”)
    # (the class's own fields, “Lec 6 (Tue Oct 15): …”, “Slides: …”, must be more than half)
    return all(label and label[1] for label in labels) and (
        not labels or 2 * sum(_metadata_field(*label) for label in labels) >= len(labels)
        or 2 * sum(_opening_field(*label, dated=_dated(labels)) for label in labels) > len(labels))


# What the notes were read from, by its kind (“- Tutorial: *A Gentle Introduction…*”, “- API: `torch.autograd`”): in a
# list above the first section whose every field is one, a reading list.
MATERIAL_FIELD = re.compile(r"tutorials?|docs?|documentation|api(?: docs?| reference)?|papers?|videos?|blogs?(?: posts?)?|"
                            r"articles?|lecture notes|textbook|教程|文档|官方文档|论文|视频|博客", re.I)
# A value that names a work: a title set off (“*A Gentle Introduction*”, “《…》”, “"…"”), code, a link.
SOURCE_VALUE = re.compile(r"\s*+(?:\*[^*\n]+\*|_[^_\n]+_|[“\"《「][^”\"》」\n]+[”\"》」]|`[^`\n]+`|\[[^\]\n]+\]\(|https?://)")
# Who teaches, and the class's material, in the lines a page of class notes opens with (“老師：林老師”, “Slides: week 6
# folder”), counted only beside the class's day (a philosopher's “Teacher: Socrates” is knowledge).
CLASS_FIELD = re.compile(r"老师|老師|教师|教師|讲师|講師|授课(?:老师|教师)?|授課(?:老師|教師)?|课件|讲义|講義|投影片|"
                         r"lecturer|instructor|teacher|prof(?:essor)?|slides|readings?", re.I)
# A class named by its number (“Lec 6”, “Lecture 7”, “Week 3”, “第 6 讲”): with its day, a line of the class's schedule.
CLASS_SLOT = re.compile(r"(?:lec(?:ture)?|week|class|session|seminar|tutorial|recitation)\s*+\.?\s*+\d|"
                        r"第\s*+[\d一二三四五六七八九十]++\s*+[讲講周週课課节節次]", re.I)


def _dated(labels: list[tuple[str, str]]) -> bool:
    """Whether one of the fields gives the class's day (“日期：2024/10/15”, “Lec 6 (Tue Oct 15)”)."""
    return any(DATE_ONLY.search(value) or DAY_NAMED.search(term) for term, value in labels)


def _opening_field(term: str, value: str, dated: bool = False) -> bool:
    """A field of the lines notes open with: one about the notes, a class by its number and its day
    (“Lec 6 (Tue Oct 15): …”), beside the class's day who teaches it and its slides, a report's author and
    supervisor, or a work read (“Tutorial: *A Gentle Introduction…*”)."""
    return _metadata_field(term, value) or bool(CLASS_SLOT.match(_bare(term).strip()) and DAY_NAMED.search(term)) \
        or _reporter(term, value) \
        or dated and bool(CLASS_FIELD.fullmatch(PAREN_TAIL.sub("", _bare(term)).strip())) \
        or bool(MATERIAL_FIELD.fullmatch(PAREN_TAIL.sub("", _bare(term)).strip()) and SOURCE_VALUE.match(value))


# A stretch of time a plan is laid out by (“6月上旬”, “第 3 周”, “Week 2”, “周一”), under a heading that names a plan
# (“下一步工作计划”, “Study plan”, “安排”): what one means to do then, no concept.
TIME_SLOT = re.compile(r"\d{1,2}\s*月\s*(?:上旬|中旬|下旬|初|中|底|末|份)?|[上中下]旬|第?\s*\d+\s*[周天週]|"
                       r"(?:week|day|month)\s*\d+(?:\s*[-–]\s*\d+)?|(?:周|星期|礼拜)[一二三四五六日天]|"
                       r"(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?", re.I)
# How long each part of one's own talk takes (“## 时间分配” over “| 论点 1 | 2:30 |”), on a clock.
TIMING_TITLE = re.compile(r"时间分配|时长分配|时间预算|\btime (?:budget|allocation)\b", re.I)
CLOCK_TIME = re.compile(r"\d{1,2}:\d{2}(?:\s*[-–~]\s*\d{1,2}:\d{2})?")
# (one's own: “下一步工作计划”, “我的复习安排”, “Study plan”, “Next week's plan”; a training plan's phases, a recipe's
# “三天时间安排”, a cycle's timeline are facts)
PLAN_TITLE = re.compile(r"(?:下一步|接下来|下(?:个|一)?(?:月|周|阶段|学期)|我的|个人)的?(?:学习|复习|工作|研究)?(?:计划|安排|打算)|"
                        r"(?:学习|复习|备考)(?:计划|安排)|\b(?:my|next|study|revision|learning|reading)(?: week'?s| month'?s)? "
                        r"(?:plans?|schedule)\b|\bplans? for next\b", re.I)


# Who gives a report and who supervises it, in the lines it opens with (“**汇报人**：陈思远”, “**指导教师**：王老师”,
# “Prepared by: …”); a name, not what the role is.
REPORTER_FIELD = re.compile(r"汇报人|报告人|汇报者|指导(?:老师|教师|教授)|批改人|评阅人|阅卷人|"
                            r"(?:prepared|presented|submitted|reported|graded|marked) by", re.I)


def _reporter(term: str, value: str) -> bool:
    """Who gave, marked or supervised a report, by name (“**批改人**：王助教”; “**汇报人**：在材料末尾署名的人” says what the
    role is)."""
    bare = PAREN_TAIL.sub("", _bare(term)).strip()
    return bool(REPORTER_FIELD.fullmatch(bare) or COMPILER_FIELD.fullmatch(bare) and DATE_OR_LINK.search(value)) \
        and len(value) <= 40 and not re.search(r"[是指的]|\b(?:is|are|means)\b", value)


# Who put the notes together, with the day (“整理人：陈思远　日期：2024年4月16日”; “《诗经》的整理者：相传孔子删定” is a fact).
COMPILER_FIELD = re.compile(r"整理人|整理者|记录人|记录者")


# The corner of a page's properties table (“| Property | Value |”, “| 属性 | 值 |”).
# (or a header left empty, “| | |”)
PROPERTY_HEADER = re.compile(r"(?:propert(?:y|ies)|fields?|keys?|attributes?|meta(?:data)?|属性|字段|元数据|信息项)?", re.I)


# A line that is only a bold label (“**坑**”, “**Returns:**”, “**参数**：”): it heads what comes after it.
BOLD_LABEL_LINE = re.compile(r"\s*+\*\*[^\W\d_][^*\n:：$]{0,15}[:：]?\*\*\s*+[:：]?\s*+")
LINE_DONE = ("。", ".", "！", "!", "？", "?", "）", ")", "`")


# Three pieces or more set apart by a spaced dot or bar (“`[resolved]` · 👍 31 · tags”): a line of a
# post's or a page's fields, not a name (“冯·诺依曼” has no spaces; “P(A | B)”, “Q · K” are math).
FIELDS_LINE = re.compile(r"\S\s+([·•|｜])\s+\S.*?\s\1\s+\S")


def _metadata_field(term: str, value: str) -> bool:
    """A label and its value that tell about the notes: where they come from, when, who, what
    they cover (“视频：B站…”, “**When:** Thu 7pm”, “范围：ch10 HMM”, “Source:: [[…]]”)."""
    term = PAREN_TAIL.sub("", _bare(term)).strip()
    return bool(REPORT_FIELD.fullmatch(term) or LOG_SLOT.fullmatch(term) or LABEL_TERM.match(term)
                or NOTES_FIELD.fullmatch(term) or DATE_OR_LINK.search(value)
                or re.fullmatch(r"队伍|队员|组员|team(?: members)?", term, re.I) and OWN_NAME.search(value)

                # (the textbook one studies from, by its title: “**课本**：茆诗松《概率论与数理统计教程》”)
                or re.fullmatch(r"课本|textbook", term, re.I) and re.search(r"《|\bedition\b|版|第\s*\d|\bch(?:apter)?\.?\s*\d", value, re.I))


# People named one after another (“Priya Raman, Tom Okafor and Wen-Hao Chu”, “A. Chen; R. Okafor”).
NAME_LIST = re.compile(r"[A-Z][\w.'’-]*+(?:\s++[A-Z][\w.'’-]*+){0,3}(?:\s*+(?:[,;&]|\band\b)\s*+(?:and\s++)?[A-Z][\w.'’-]*+"
                       r"(?:\s++[A-Z][\w.'’-]*+){0,3})*+\.?")
# An email's header fields (“From:”, “发件人：”): the lines with them are its header.
EMAIL_FIELD = re.compile(r"from|to|cc|bcc|sender|recipients?|发件人|收件人|抄送|寄件人", re.I)
# (and its subject, with when it was sent beside it)
EMAIL_SUBJECT = re.compile(r"主题|subject|邮件主题", re.I)
SENT_FIELD = re.compile(r"时间|日期|发送时间|date|time|sent", re.I)
RUN_IN_RESULT = re.compile(r"(?:results?|findings?|outcome|结果|实测)[.。]\s*+\S", re.I)
# What notes say about themselves in their opening lines.
NOTES_FIELD = re.compile(r"范围|来源|出处|作者|日期|时间|更新|创建|状态|标签|课程|书|教材|讲次|起因|缘由|写在前面|阅读建议|"
                         r"[一二三初首]刷|整理自|compiled from|"
                         r"when|where|who|why i wrote (?:this|it)|how to read(?: this)?|"
                         r"source|author|date|updated?|created|status|tags?|course|book|covered|scope|"
                         # (a database's properties of each entry: “Topic: Optimizers”, “Difficulty: Medium”, “难度：★★”)
                         r"topics?|difficulty|难度|"
                         # (an issue's or a pull request's fields: “Labels on the original: `module: autograd` · …”)
                         r"labels?(?: on the (?:original|issue|thread|pr))?|assignees?|milestone|reviewers?|"
                         r"last (?:edit|updated?|modified)", re.I)
# What a database export writes of each entry, a line each above its page (“Topic: Optimizers”, “Difficulty: Easy”,
# “Status: Reviewed”, “Last reviewed: October 28”).
ENTRY_PROPERTY = re.compile(r"topics?|difficulty|status|tags?|last reviewed|reviewed|难度|状态|标签|复习日期", re.I)
# An exam named with its day or time above notes for it (“**Exam:** Mon 12 May, 09:30”): the lines with it are its
# particulars (“**Allowed:** one A4 sheet”).
EXAM_FIELD = re.compile(r"(?:final |midterm )?exam|考试|期中(?:考试)?|期末(?:考试)?", re.I)
# A day named by its weekday or its month (“Tue Oct 15”, “周二”).
DAY_NAMED = re.compile(r"\b(?-i:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|rsday|urday)?\b\.?|"
                       rf"\b{_MONTH_NAME}\s++\d{{1,2}}\b|\b\d{{1,2}}\s++{_MONTH_NAME}|"
                       r"[周週][一二三四五六日天](?![\u4e00-\u9fff])|(?:星期|礼拜|禮拜)[一二三四五六日天]")
# (a date alone: “Mark 12:28–34” is a verse, not a time)
DATE_ONLY = re.compile(r"\d{4}[-/.年]\d{1,2}|(?<![\d:])\d{1,2}[/.月]\d{1,2}日?(?![\d:])")
DATE_OR_LINK = re.compile(r"\d{4}[-/.年]\d{1,2}|\d{1,2}[/.月]\d{1,2}日?|\d{1,2}:\d{2}|https?://|\[\[")


# A tutor's log of a session: where the student got stuck (their confusions, as they held them), and how it was
# explained (the section's own content).
STUCK_LABEL = re.compile(r"(?:学生|他|她)?(?:卡在哪(?:里|儿)?|哪里卡住了?)|where (?:s?he|they|the student) (?:got|gets|was) stuck",
                         re.I)
# (as are one's own reading of what was taught, “**我的理解：**”, and a talk's notes, “**Speaker notes:**”)
# An answer's marking scheme (“**评分要点**：” over “- 指出后果：长距离依赖难学 1分”): how marks are given, not what is known.
# (“评分标准” may name a contest's metric, a fact to learn.)
MARKING_LABEL = re.compile(r"评分要点|得分点|给分点|采分点|(?:marking|mark|grading) (?:scheme|points|guide)|how (?:it is|it's) marked",
                           re.I)
# (and one's own remarks on what is above them, “**>> me:**”, “**(me)**”, “**My notes:**”, “**我的批注：**”)
TAUGHT_LABEL = re.compile(r"(?:我是?)?怎么讲的|讲解过程|how i (?:explained|taught) it|我的理解|个人理解|"
                          r"my (?:own )?(?:understanding|take)|in my (?:own )?words|speaker notes?|讲稿|"
                          r"[>»\s]*+[(（]?(?:me|my (?:own )?(?:notes?|remarks?|comments?)|note to self|我|我的(?:笔记|筆記|批注|批註|注释|註釋|备注|備註))[)）]?",
                          re.I)
# An arrow a formula's sentence ends on: what it implies comes after it, in another line.
LEADS_TO = re.compile(r"\s*+(?:⇒|⟹|→|=>|->)\s*+$")
# A play's stage direction: a line in brackets, in italics or not (“*[TEACHER writes on the board:]*”).
STAGE_DIRECTION = re.compile(r"\s*+([*_]?+)\[[^\[\]\n]++\]\1\s*+")
# a line in italics, or one in brackets (“（我是 1.5 倍速看的）”): an aside on the notes
EMPHASIZED_LINE = re.compile(r"(\*|_)[^*_].*\1|（[^（）]*）|\([^()]*\)")


# A heading over a study's own setup (“Setup”, “Experiments”, “实验设置”).
STUDY_SETUP = re.compile(r"\b(?:setup|experiments?|experimental|evaluation)\b|实验|设置", re.I)


def _names_listed(desc: str) -> bool:
    """Three names or more, listed (“full fine-tuning, adapters, prefix tuning, BitFit”); not a
    sentence's clauses (“the state value, estimated by a critic, subtracted from the return”)."""
    items = [i.strip() for i in re.split(r"[,，、;；]", desc.strip(" .。")) if i.strip()]
    return len(items) >= 3 and all(len(i) <= 48 and len(i.split()) <= 6 and not CLAUSE_START.match(i) for i in items)


# How a clause, not a name, begins (“the state value”, “estimated by a critic”, “so variance drops”).
CLAUSE_START = re.compile(r"(?:the|a|an|so|which|that|and|or|but|then|thus|hence)\b|[a-z]+ed\b")


def _a_value(desc: str) -> bool:
    """A field's value rather than a description: versions or counts (“torch 2.1 + CUDA 12.1，单卡
    3090”), or a short list (“bug, amp, P2”); “智能体交互的外部世界，接收动作返回奖励” describes."""
    items = [i.strip() for i in re.split(r"[,，、;；/+]", desc) if i.strip()]
    return bool(re.search(r"\d", desc)) or len(items) >= 2 and all(len(i) <= 16 for i in items)


# Who a show or an interview had, when a person's name follows (“guest: **Dr. Priya Raman**”, “嘉宾：李飞飞教授”);
# a guest OS, an interviewer agent are defined.
PEOPLE_FIELD = re.compile(r"guests?|嘉宾|interviewers?|interviewees?|hosts?|主持人?|主讲人?", re.I)
PERSON_VALUE = re.compile(r"\s*+\**+\s*+(?:(?:dr|prof|professor|mr|mrs|ms)\.?\s+)?(?-i:[A-Z][a-z]+(?:[ -][A-Z][a-z]+)+)\b|"
                          r"\s*+\**+\s*+[\u4e00-\u9fff]{2,3}(?:老师|教授|博士|同学|博后)", re.I)


def _claim(text: str) -> bool:
    """Words that state something (“spike 一般是 Adam eps 太大导致的”), not a name (“`F.upsample`”, “Variable”)."""
    words = strip_math(text).strip()
    return not words.startswith("`") and (len(CJK.findall(words)) >= 4 or len(words.split()) >= 4)


# A title that says the notes are a glossary, in several languages (“glossario”, “słownik”, “глоссарий”, “thuật ngữ”).
GLOSSARY_TITLE = re.compile(r"glossar|glossary|gloss[aá]rio|glosario|glosarium|słownik|словарь|глоссарий|thuật ngữ|术语|词汇表|名词解释",
                            re.I)
# A course's particulars in other languages' notes, at their head (“Dosen”, “Mata kuliah”, “Tgl”, “Wykładowca”,
# “Преподаватель”, “Giảng viên”), by a value that is a name, a date or a code (“Bu Ratna”, “Selasa 14 Okt”); in a
# glossary, or defined in words (“Przedmiot: to, na co skierowany jest akt poznania”), a term.
COURSE_PARTICULAR = re.compile(r"dosen|mata kuliah|tanggal|tgl\.?|wykładowca|prowadzący|przedmiot|docente|professore|"
                               r"преподаватель|лектор|дата|giảng viên|môn học|викладач|"
                               r"المادة|المقرر|المحاضرة?|الدكتورة?|الأستاذة?|μάθημα|διδάσκων|διδάσκουσα|ημερομηνία", re.I)


# A date in a field's value (“24. 10. (utorok)”, “2024-03-12”, “12/3”, “11 月 12 日”, “3 Mar”).
HEAD_DATE = re.compile(r"(?<![\d.])\d{1,2}\.\s?\d{1,2}\.(?!\d)|(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\d/])|"
                       rf"\b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b|\d{{1,2}}\s*月\s*\d{{1,2}}\s*日|(?<![\w.]){DAY_AND_MONTH}")


# With whom a report was done, at its head (“**同组**：刘畅”, “Lab partner: Tom”); in a course on teams, a term.
REPORT_PARTNER = re.compile(r"同组(?:成员|同学)?|组员|lab partners?|teammates?", re.I)


def _setup_field(term: str, desc: str, ctx: "_Ctx") -> bool:
    """A line of the writer's own setup (“GPU: RTX 3090 24GB”, “软件：PyTorch 2.1.2 + CUDA 12.1”,
    “Params: 11.18 M”) under a heading that says so (“环境”, “Hardware”, “Model details”): the
    machine and the model one ran, not knowledge. (“**奖励**：环境对动作的即时反馈” under “环境” is
    an environment's part; “Supervised learning” under “Setup” is no field of a machine.)"""
    heading = SECTION_NUMBER.sub("", ctx.deck[-1]).strip() if ctx.deck else ""
    field = PAREN_TAIL.sub("", _bare(term)).strip()
    if not SETUP_HEADING.fullmatch(heading) or _says_what_it_is(desc):
        return False
    # (a package and its version, “| numpy | 1.26.2 |”, “| torch | 2.1 |”; the seeds one ran, “seeds: 3 (0,
    # 1, 2)”; settings written as code, “DataLoader: batch_size=32, shuffle=True”)
    return bool(SETUP_FIELD.fullmatch(field) and (PRODUCT.match(desc) or VERSION_VALUE.fullmatch(desc)
                                                  or COUNTED_PRODUCT.fullmatch(PAREN_TAIL.sub("", desc)))
                or RELEASE_VALUE.fullmatch(desc) or SEEDS_FIELD.fullmatch(field) and re.match(r"\s*\d", desc)
                or SETTINGS_VALUE.fullmatch(desc)) and _a_value(desc)


# A version number alone (“2.1”, “v3.11”), and one no decimal is written like (“1.26.2”, “v2”).
VERSION_VALUE = re.compile(r"\s*`?v?\d+(?:\.\d+){1,3}(?:\+[\w.]+)?`?\s*")  # (and a build's tag: “2.1.0+cu118”)
RELEASE_VALUE = re.compile(r"\s*`?(?:v\d+(?:\.\d+)*|\d+\.\d+\.\d+(?:\.\d+)?)`?\s*")
# Settings written as code (“batch_size=32, shuffle=True”, “`lr=1e-3`, `betas=(0.9, 0.999)`”).
_SETTING = r"`?\w+\s*=\s*(?:\([^()]*\)|\[[^\[\]]*\]|[^,`=()\[\]]+)`?"
SETTINGS_VALUE = re.compile(rf"\s*`?{_SETTING}(?:\s*,\s*{_SETTING})+`?\s*")
SEEDS_FIELD = re.compile(r"seeds?|随机种子|种子", re.I)


# A value that opens on a product and its model or version number (“RTX 3090”, “Xeon Silver 4210R”,
# “PyTorch 2.1.2”, “ResNet-18”); “图形处理器，有上千个小核心”, “32×32 的灰度图像”, “175B” do not.
PRODUCT = re.compile(r"\s*+(?:[A-Za-z][\w+.-]*\s+){0,3}[A-Za-z][A-Za-z+.]*[\s-]?v?\d")
# (or after how many, in a short value that says nothing more: “单卡 RTX 3090 24G”, “1× RTX 3090”; not “8× A100 80GB per
# DGX A100, linked by NVSwitch”, “单卡 H100 SXM 的 FP16 峰值约 989 TFLOPS”)
COUNTED_PRODUCT = re.compile(r"\s*+(?:[单双四八]卡|\d+\s*+[×x])\s*+(?:[A-Za-z][\w+.-]*\s+){0,3}[A-Za-z][A-Za-z+.]*[\s-]?v?\d"
                             r"(?![^\n]*(?:的|是|约|\bper\b|\bat\b|\blinked\b))[^\n]{0,30}")


# A section of the machine, the software and the model one's runs used.
SETUP_HEADING = re.compile(
    r"(?:我的|我们的)?(?:(?:实验|运行|测试|硬件|软件|开发|训练|机器|服务器|软硬件)环境|环境(?:与配置|和配置|配置|信息|说明)?|"
    r"硬件(?:配置)?|(?:实验|训练|测试)(?:配置|设置))|"
    r"(?:(?:experiment(?:al)?|test|benchmark|training|hardware|software|system|compute|my|our)\s+)?"
    r"(?:setup|environment|env|specs?)|hardware(?: used)?|machines?|model details",
    re.I)
# The fields of such a section (“GPU”, “存储”, “软件”, “Framework”, “Size on disk”).
SETUP_FIELD = re.compile(
    r"gpus?|cpus?|显卡|内存|显存|ram|vram|memory|存储|硬盘|磁盘|disks?|storage|ssd|软件|software|硬件|hardware|os|"
    r"系统|操作系统|python|cuda|cudnn|drivers?|驱动|pytorch|torch|torchvision|框架|frameworks?|libraries|库|"
    r"数据|数据集|data(?:set)?|模型|models?|architecture|架构|网络|network|backbone|params|parameters|参数量|"
    r"size(?: on disk)?|大小|inputs?|outputs?|输入|输出|机器|machines?|servers?|服务器|nodes?|节点|版本|versions?",
    re.I)


# Fields that are concepts too (“环境” in RL, “Label”, “Dependencies” in parsing): fields only over a value.
VALUED_FIELD = re.compile(r"环境|environment|labels?|tags?|标签|dependencies|依赖", re.I)
# One's own rating of a paper or a talk (“打分：⭐⭐⭐⭐ / 兴趣 5”, “评分：4/5”); “**rating**：用户对物品的显式打分，
# 如 1–5 星” defines one.
# (with its scale, “评分（1-10）”; or the scale alone beside the criteria rated, “| Criterion | 1–5 | Comment |”: a
# mineral's “| 1–10 |” hardness or a survey's “| Response anchor | 1–5 |” codes are facts)
RATING_FIELD = re.compile(r"(?:(?:我的?)?(?:打分|评分|兴趣(?:度)?|推荐度)|(?:my )?(?:ratings?|scores?|interest)|"
                          r"[\u4e00-\u9fff]{0,3}(?:小测|测验|随堂测?|期中|期末|作业|考试)(?:得分|成绩|分数)|(?:quiz|test|exam|midterm|final) score)"
                          r"(?:\s*[(（]\s*[01]\s*[–—~-]\s*(?:3|4|5|7|10|100)\s*[)）])?", re.I)
RATING_SCALE = re.compile(r"[01]\s*+(?:[–—~～−-]|to)\s*+(?:3|4|5|7|10|100)\s*+分?")
CRITERIA_CORNER = re.compile(r"criteri(?:on|a)|评分项|评价项|评分标准|评价维度|rubric(?: item)?", re.I)
# A column of how sure or at home the writer is with each row, on a scale (“Conf. (1–5)”, “熟悉度（1-5）”): their
# marks, when its cells are marks (“Severity (1–5)”, “辣度（1-5）” rate the rows themselves: facts).
RATED_ON = re.compile(r"(?:my\s++)?(?:conf(?:idence)?\.?|mastery|familiarity|comfort(?: level)?|understanding|self[- ]?rating|"
                      r"熟悉(?:度|程度)|熟练(?:度|程度)|掌握(?:程度|度)?|理解(?:程度|度)|把握|信心|自评)\s*+[(（]\s*+"
                      + RATING_SCALE.pattern + r"\s*+[)）]", re.I)
RATING_VALUE = re.compile(r"^[\s*_]*+(?:[⭐★☆✩]|\d++(?:\.\d++)?\s*+(?:/\s*+(?:5|10|100)\b|分(?![制钟])|\**\s*$))", re.I)


def _says_what_it_is(desc: str) -> bool:
    """“the underlying storage of a Parameter”, “是一种…”: a definition, not a field's value."""
    return bool(HEADLESS.match(desc) or SAYS_WHAT.search(desc) or re.match(r"\s*(?:the|a|an)\s", desc, re.I))


def _brackets_balance(text: str) -> bool:
    """As many closing brackets as opening ones, half- and full-width alike (“交叉熵（Cross Entropy)”)."""
    return text.count("(") + text.count("（") == text.count(")") + text.count("）") \
        and text.count("【") == text.count("】") and text.count("[") == text.count("]")


# A span in single-asterisk italics inside a name (“*batch* GD”, “*LR range test* / "lr finder"”).
ITALIC_SPAN = re.compile(r"(?<![*A-Za-z0-9_])\*(?![\s*])([^*\n]{1,80}?)(?<![\s*])\*(?![*A-Za-z0-9_])")


def clean_term(text: str) -> str:
    """A term as its name: no emphasis markers, links read as their text."""
    text = re.sub(r"!?\[([^\[\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\*\*([^*]+)\*\*|__([^_]+)__", lambda m: m.group(1) or m.group(2), text)
    text = plain_inline(text).strip()
    if "$" not in text and "`" not in text:
        text = ITALIC_SPAN.sub(r"\1", text)  # (“*batch* GD”: the word in italics, not a marker left at the front)
    text = text.strip("*").strip()
    if len(text) > 2 and text[0] == text[-1] == "_":
        text = text.strip("_").strip()  # “_italic_”, but not the underscore of a name (“_weight”)
    while text and (unicodedata.category(text[0]) == "So" or text[0] == "\ufe0f"):
        text = text[1:].lstrip()  # “⚠ 坑”, “⭐ Adam”: a mark before the name
    return text


@dataclass(frozen=True)
class _Ctx:
    deck: tuple[str, ...]
    concept: str
    labels: tuple[str, ...] = ()
    guards: tuple[str, ...] = ()
    # the note's opening lines, above its first heading, when it has headings: what it says
    # about itself (its source, date, scope), not the subject
    preamble: bool = False
    # The labels as earlier versions wrote them (math as “…”), for the legacy keys.
    legacy: tuple[str, ...] = ()
    # What a bold line over a list names (“**Gaussian**”): the list's definitions are its own.
    scope: str = ""
    # Under “**解**：”: the steps of a problem's solution, whose formulas are that problem's working.
    working: bool = False

    def within(self, label: str, legacy: str | None = None, guards: tuple[str, ...] = ()) -> "_Ctx":
        return replace(self, labels=self.labels + (label,), guards=self.guards + guards,
                       legacy=self.legacy + (label if legacy is None else legacy,))


class _Extractor:
    def __init__(self, outline: Outline, doc: str, callable_named: Callable[[str], bool] | None = None) -> None:
        self.outline = outline
        self.doc = doc
        self.callable_named = callable_named or (lambda name: False)
        self.path = outline.path
        self.cards: list[Card] = []
        self.notices: list[Notice] = list(outline.notices)
        self.zh = _is_chinese(outline)
        self.traditional = self.zh and _is_traditional(outline)  # (“是什麼？” for notes in traditional characters)
        self.counters: dict[tuple[str, ...], int] = {}
        # terms that number instances of one thing (训练集1, 训练集2): an example's parts
        self.enumerated: set[str] = set()
        self.consumed: set[int] = set()  # blocks (by id) an answer before them took in
        self.present = _attendees(outline)  # (whoever a meeting's notes list: “到场：阿澈、小满”)
        self.speakers, self.section_turns = _speakers(outline, self.present)
        self.repliers = _repliers(outline)
        self.scripted = _is_script(outline)  # (a comic's or a video's script: its panels' directions are no cards)
        self.turns_here: set[str] = set()  # (the roles taking turns in the section being read)
        # (and in any: “**面试官的评价**：…” in a wrap-up is theirs)
        self.turn_takers: set[str] = set().union(*self.section_turns.values())
        self.cites_here = False  # (the section being read opens with a bibliography entry)
        self.story_here = range(0)  # (the lines of one's own story in it: “**S:** … **T:** … **A:** … **R:**”)
        self.options_here = False  # (whether it shows a choice question's lettered options)
        self.spaced = outline.spaced_cards  # (cards written for Obsidian's Spaced Repetition: “q::a”, “q” over “?” over “a”)
        self.tracked_here = False  # (whether it is one's own tracked issue: an id for a heading, a status under it)
        self.heading_here = ""
        self.opening_here: set[int] = set()
        self.tags = _tags(outline)  # (“**[me]**”, “【老周】”: whose words a paragraph holds)
        # (“Time complexity:” in every section: a facet of each; “Break:” in two or more, a log's breaks)
        self.recurring, self.rewrites, self.twice = _recurring_labels(outline)
        self.faq = _faq_sections(outline)  # (the headings that ask on a page of questions and their answers)
        # (notes where some reply is by a name, “- @小鹿：…”, “@Kevin_W”: there every “@Yuki” is someone's too)
        lines = [text.strip() for text in _lines(outline)]  # (walked once, read three times below)
        self.chat = any(CHAT_MENTION.match(text) for text in lines)
        # (and the plain handles that open two turns or more: a review's thread, “**@jkowalski:** done in docstring.”)
        handles = collections.Counter(m.group(1) for m in map(HANDLE_TURN.match, lines) if m)
        # (no name a code block writes as a decorator, nor one of Python's own: “@staticmethod” twice is a glossary's)
        decorators = {m.group(1) for _, section in iter_sections(outline.root) for block in section.blocks
                      if block.kind == "code" for m in DECORATOR_LINE.finditer(block.text)} | PYTHON_DECORATORS \
            if handles else set()
        self.handles = {"@" + name for name, n in handles.items() if n >= 2 and name not in decorators}
        self.nb_spelled = any(NB_SPELLED.search(text) for text in lines)
        # (a post-mortem of one's answers: “**What I said:**” and “**Right answer:**” both, as a viva's or an interview's
        # look back writes them; there what was said in the room is no card, in the sections that hold one's answer)
        labelled = [_said_label(text) for text in lines]
        self.post_mortem = any(OWN_ANSWER_LABEL.fullmatch(label) for label in labelled) \
            and any(ANSWER_LABEL.fullmatch(label) for label in labelled)
        self.answered_here = {path for path, section in iter_sections(outline.root) if self.post_mortem and any(
            b.kind == "paragraph" and OWN_ANSWER_LABEL.fullmatch(_said_label(b.text)) for b in section.blocks)}
        # (notes that write their cards as “q? — a”, three or more, and say so: review marks after them, or cards named
        # at their head; an essay's questions, a dialogue's or an interview's turns are no cards)
        dashed = [line for line in lines if _written_card(line, True) is not None
                  and not INLINE_CARD.fullmatch(line) and not ARROW_CARD.fullmatch(line)]
        self.dashes = len(dashed) >= DASH_CARDS and (
            sum(_unreviewed(line) != line for line in dashed) >= 2
            or CARDS_NAMED.search(" ".join((outline.title, *(b.text for b in outline.root.blocks[:2])))) is not None)
        self.corrected = _corrected_lines(outline)  # (“**原文**：…” over “**应为**：…”: the wrong version)
        self.superseded = _superseded_code(outline)  # (code a “订正版：” after it rewrites)
        self.verdicts = _review_verdicts(outline)  # (a paper review's “Weaknesses”, “Rating”: its verdict)
        self.views = _changed_views(outline)  # (“- old: …” over “+ new: …”: what one thought, and what is so)
        self.legend = _colour_keys(outline)  # (“- 🟨 yellow: main claim”: what the notes' own colours mean)
        self.solved = _solved_examples(outline.root)
        self.said: dict[str, list[tuple[Card, frozenset[str]]]] = {}  # (the cards made so far, by what they answer)
        self.said_upto = 0
        # (the notes' head, above their first heading: where a key to their own marks stands)
        self.first_heading = outline.root.sections[0].source.line if outline.root.sections else 0
        self.bugs = self.bug_cases()  # (code over “**Symptom:** …”, “**Fix:** …”, “**Why:** …”)

    # -- helpers ---------------------------------------------------------------
    def add(self, ctx: _Ctx, kind: CardKind, key: str, front: str, back: str, source: Source, **kw) -> None:
        if kind is CardKind.FORMULA:
            kw.setdefault("guards", ctx.guards)
        kw.setdefault("legacy_key", key)
        if kind is CardKind.FORMULA and source.line in self.corrected \
                and not _marked_out(kw.get("flags", ())):
            kw["flags"] = tuple(kw.get("flags", ())) + (LEFT_OUT + "crossed-out",)  # what an erratum corrects
        if kind in (CardKind.MANUAL, CardKind.QUESTION) and LISTED_ANSWER.match(back):
            back = ANSWER_LEAD.sub("", LISTED_ANSWER.sub("", back, count=1), count=1)  # “- A：不是。…”: the answer itself
        if kind in (CardKind.MANUAL, CardKind.QUESTION) and self.options_here and LETTER_ONLY.fullmatch(back) \
                and not (OPTION_A.search(front) and OPTION_B.search(front)):
            # (“Q4 — Ridge = MAP with ?” → “B”, the options left in the section: elsewhere “C” may be the answer)
            kw["flags"] = tuple(kw.get("flags", ())) + (LEFT_OUT + "letter-only",)
        if "\\tag" in back or "\\label" in back:  # the notes' own equation numbers mean nothing on a card
            front, back = EQUATION_NUMBER.sub("", front), EQUATION_NUMBER.sub("", back)
        self.cards.append(Card(kind=kind, key=key, doc=self.doc, deck=ctx.deck, front=front, back=back,
                               source=source, concept=ctx.concept, lang="zh" if self.zh else "en", **kw))

    def _asked_of(self, ctx: _Ctx, asked: str) -> str:
        """“{subject}：{asked}？”, of the section where the label is the concept itself (“Why it works” over its reasons),
        or the question alone where the section is too."""
        about = _named_concept(ctx)
        if normalize_name(asked) in normalize_name(about):
            about = SECTION_NUMBER.sub("", ctx.deck[-1]).strip() or ctx.deck[-1]
        if normalize_name(asked) in normalize_name(about):
            return asked + self.t("？", "?")
        return self.t("{c}：{q}？", "{c}: {q}?", c=about, q=asked)

    def ordinal(self, ctx: _Ctx, what: str) -> int:
        slot = tuple(normalize_name(d) for d in ctx.deck) + (what,)
        self.counters[slot] = self.counters.get(slot, 0) + 1
        return self.counters[slot]

    def subjected(self, question: str, path: tuple[str, ...]) -> str:
        """“Why?” under “Train/serve skew”: asked of the heading above, which names the subject."""
        if len(path) >= 2 and _says_no_subject(question):
            parent = SECTION_NUMBER.sub("", path[-2]).strip() or path[-2]
            return self.t("{p}：{q}", "{p}: {q}", p=parent, q=question)
        return question

    def t(self, zh: str, en: str, **kw) -> str:
        if self.zh and self.traditional:
            zh = zh.translate(TO_TRADITIONAL)  # (the template only: the notes' own words stay as written)
        return (zh if self.zh else en).format(**kw)

    # -- walk --------------------------------------------------------------------
    def run(self) -> tuple[list[Card], list[Notice]]:
        root = self.outline.root
        self.answer_key()
        self.answer_list()
        self.sided_cards()
        for path, section in iter_sections(root):
            if any(NO_CARDS.search(title) for title in (self.outline.title, *path)):
                continue  # (“## 对比表（不做卡，自己看）”: the learner says so)
            if id(section) in self.verdicts:
                # (a review's “## Weaknesses”, “## Rating”: the reviewer's judgement of one paper)
                if any(b.kind != "rule" for b in section.blocks):
                    self.notices.append(Notice(section.source, "left-out:review-verdict", self.t(
                        "“{t}”一节是审稿意见里的评价（对一篇论文的看法、打分），不是要记住的知识，不做卡片；要记的事实写到别的小节里",
                        "section “{t}” is a review's verdict on one paper (the reviewer's judgement or score), not "
                        "knowledge to recall, so no cards are made from it; write the facts to remember in a section of "
                        "their own", t=section.title)))
                continue
            self.turns_here = self.section_turns.get(id(section), set())
            self.cites_here = _opens_with_a_paper(section.blocks)
            self.story_here = _star_story(section.blocks)
            self.options_here = _shows_options(section.blocks)
            self.tracked_here = bool(ISSUE_ID.match(section.title)) and _has_status(section.blocks)
            self.heading_here = section.title
            # (the paragraphs a section opens with, before its first list, formula, code or table: where it is
            # summed up, “**TL;DR:** …”, if anywhere)
            opening = list(itertools.takewhile(lambda b: b.kind == "paragraph", section.blocks))[:3]
            self.opening_here = {b.source.line for b in opening}
            if section is not root and all(b.kind == "rule" for b in section.blocks) and not section.sections:
                self.notices.append(Notice(section.source, "empty-section", self.t(
                    "“{t}”一节是空的；写上内容，或删去这个标题",
                    "section “{t}” is empty; write its content or remove the heading", t=section.title)))
            concept = SECTION_NUMBER.sub("", section.title if path else self.outline.title) or section.title
            concept = TRAILING_MARKS.sub("", HEADING_ASIDE.sub("", concept)) or concept
            concept = _asked(concept).strip() or concept  # “Q11. 1x1 卷积的作用”: what it is about
            concept = DATED.sub("", concept) or concept  # “Wed 4.10 — MLE vs MAP”: a log's day, then its topic
            # (a reader's annotation, “### 🟨 Highlight · p. 2 · [open](zotero://…)”, is of the paper the notes are on:
            # no subject, no deck of its own)
            shown = tuple(title for title in path if not ANNOTATION_HEADING.fullmatch(title))
            if path and ANNOTATION_HEADING.fullmatch(path[-1]):
                concept = SECTION_NUMBER.sub("", shown[-1]).strip() if shown else self.outline.title
            ctx = _Ctx(deck=(self.outline.title,) + shown, concept=concept,
                       preamble=section is root and bool(root.sections))
            if id(section) in self.solved:
                # (“### 答案” after “### 例题（2007 数一）”: that example's working, whose values are its own; a rule
                # stated there, “$VAC = BAC - EAC$”, is one)
                ctx = replace(ctx, working=True)
            called = HEADING_SIGNATURE.fullmatch(concept.strip()) if path else None
            if called and self.callable_named(called.group("name")):
                # “### nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0)”: the
                # section is about nn.Conv2d, and a signature states each default as a parameter
                # list would
                ctx = replace(ctx, concept=called.group("name"))
                signed = signature(concept)
                if signed:
                    _, bare, pairs = signed
                    self.parameters([_default_item(p, value, section.source, self.zh) for p, value in pairs], ctx,
                                    flags=("signature:" + ",".join(bare),))
            asked = QA_HEADING.match(section.title) if path else None
            # “### Q9. 梯度消失怎么解决”: a numbered question asks wherever its question word stands
            asks = QUESTION.search(section.title) or asked and ASKING_HEADING.search(asked.group("q"))
            record = _choice_fields(section.blocks[0]) if path and section.blocks and section.blocks[0].kind == "list" else None
            if record is not None:
                # (“## 第 10 题 `model.eval()` 做了什么” over “- 选项：A. … - 我选的：D - 正确答案：B - 解析：…”: the
                # heading asks, with the options; the right answer and why answer)
                shown, answer = record
                question = TRAILING_MARKS.sub("", section.title).strip()
                question += "" if question.endswith(("?", "？")) else self.t("？", "?")
                self.answered(_Ctx(ctx.deck[:-1], ctx.concept), question + "\n\n" + shown, answer, section.source,
                              flags=("choice",))
                self.blocks(section.blocks[1:], ctx, section=section)
                continue
            if path and asks and not BARE_COMPARISON.fullmatch(concept) and not ABOUT_THE_WRITER.search(concept) \
                    and not BACK_MATTER.match(_bare(concept)) and any(b.kind == "list" for b in section.blocks) \
                    and not _beside_the_outline(section.blocks) \
                    and not _answered_choice(section.blocks) \
                    and not any(_choice_options(b) and (CHOOSES.search(concept) or _bare_options(b))
                                for b in section.blocks):
                # (“哪个说法正确？” over lettered options and “答案：B”: a choice question, no outline)
                # a question as the heading, its answer as an outline: a mind-map card

                # (“- **My answer:** … - **Confidence:** 4 - **Result:** ❌ - **Why:** …”: one's own try, marked;
                # what answers the question is the reason given, and one's answer only where it was right)
                self.add(_Ctx(ctx.deck[:-1], ctx.concept), CardKind.QUESTION,
                         "q:" + normalize_name(section.title), self.subjected(_asked(concept) or section.title, path),
                         _attempt_answer(section.blocks) or outline_markdown(section.blocks),
                         section.source, flags=("mindmap",))
                # its code still makes cards of its own, checked (“b = a.view(2, -1)  # -> (2, 12)”)
                self.blocks([b for b in section.blocks if b.kind == "code"], ctx, section=section)
                continue
            if asked and section.blocks and section.blocks[0].kind == "paragraph" \
                    and ANSWER_LEAD.match(section.blocks[0].text):
                # “### Q: L1 和 L2 的区别？” over “A: …”: the heading asks, the paragraph answers
                answer = [replace(section.blocks[0], text=ANSWER_LEAD.sub("", section.blocks[0].text, count=1)),
                          *_answer_blocks(section.blocks[1:])]
                self.answered(_Ctx(ctx.deck[:-1], ctx.concept), asked.group("q").strip(), answer, section.source)
                self.blocks(section.blocks[len(answer):], ctx, section=section)
                continue
            verdict = _verdict(section.blocks[0], section.title) if path and section.blocks else None
            if verdict is not None and _judged_statement(concept):
                # “### 4. `AdamW` 的默认 `weight_decay` 是 0。” over “**判断：×**” and “改正：…”: a statement to judge,
                # its verdict and what corrects or explains it; a statement judged wrong names nothing the
                # cards under it are about (its parent does)
                wrong, said, judged = verdict
                statement = JUDGE_BLANK.sub("", _claimed(concept)).strip()
                answer = [replace(section.blocks[0], text=said), *_reasons(section.blocks[1:], wrong, judged)]
                self.answered(_Ctx(ctx.deck[:-1], ctx.concept),
                              self.t("判断对错：{s}", "True or false: {s}", s=statement), answer, section.source,
                              flags=("choice",))
                if wrong:
                    ctx = replace(ctx, concept=SECTION_NUMBER.sub("", ctx.deck[-2]).strip() or ctx.deck[-2])
                self.blocks(section.blocks[1:], ctx, section=section)
                continue
            # (“## Why clip gradients?”, “### 5. 为什么 conv 后接 BN 时不要 bias？” among headings that mostly ask: a
            # page of questions and their answers, numbered or not)
            asked_here = bool(path) and (asked is not None or id(section) in self.faq)
            # (a dialogue under a heading that asks, “### What does momentum do?” over “**me:** …”, “**tutor:** …”)
            guessed = bool(path) and asks and (asked_here or QUESTION_END.search(section.title) is not None) \
                and self._guessed_first(section.blocks)
            asked_here = asked_here or guessed == "tutor"
            if guessed:
                # “### Q5. Why the bias correction?” over “**me:** …so the early steps are too small.” and “**tutor:**
                # Right about the cause, wrong about…”: one's own guess first, then the answer, from the tutor; where
                # that only confirms (“**tutor:** Exactly.”), one's own answer with what it adds. (With anyone else,
                # an interviewer, a peer, a student one teaches, neither turn answers: who is right the card cannot say.)
                own, other = section.blocks[0], section.blocks[1]
                said = LEAD_LABEL.sub("", other.text, count=1)
                mine = LEAD_LABEL.sub("", own.text, count=1)
                if guessed == "own":
                    self.blocks(section.blocks[:2], ctx, section=section)
                    section = replace(section, blocks=section.blocks[2:])
                elif CONFIRMS.match(said) and not QUESTION_END.search(mine) \
                        and not BUT.search(_first_sentence(said)):
                    section = replace(section, blocks=[replace(own, text=mine + "\n\n" + said), *section.blocks[2:]])
                else:
                    self.blocks(section.blocks[:1], ctx, section=section)
                    section = replace(section, blocks=[replace(other, text=said), *section.blocks[2:]])
            if asked_here and asks and section.blocks and section.blocks[0].kind == "paragraph" \
                    and (not (opens := split_label(section.blocks[0].text)) or REPLY_WORD.fullmatch(_bare(opens[0]).strip())) \
                    and not _prompt(section.blocks[0]) \
                    and not _whole_answer_label(section.blocks[0]) \
                    and (asked is not None or _answers_its_heading(section)):
                # “### Q10. Dropout 训练和测试有什么不同” over its answer in prose: an interview
                # list's question and answer, without the “A:”
                answer = []
                for block in _answer_blocks(section.blocks[:3]):
                    if block.kind in ("math", "list") and answer and answer[-1].text.rstrip().endswith((":", "：")):
                        answer.append(block)  # “计算：” over the formula it announces, “经验：” over its points
                        break
                    label = split_label(block.text) if block.kind == "paragraph" else None
                    if block.kind != "paragraph" or len(answer) == (2 if (asked or COMPARISON.search(concept)) and not guessed else 1) \
                            or label and (
                            DEFAULTS_LABEL.fullmatch(label[0].strip()) or _is_param_label(label[0])):
                        break  # (“默认：lr=1e-3, …” under the answer: cards of its own, checked)
                    answer.append(block)
                # (words that open what follows: “…like this:”, and a sentence that runs on into its formula,
                # “Writing $s = \mathrm{softmax}(z)$, the Jacobian is” over $$…$$)
                opened = answer and answer[-1].kind == "paragraph" and len(answer) < len(section.blocks) and (
                    answer[-1].text.rstrip().endswith((":", "："))
                    or section.blocks[len(answer)].kind == "math" and not re.search(r"[.。!！?？)）]\s*$", answer[-1].text))
                shown = section.blocks[len(answer)] if opened else None
                tabled = shown is not None and shown.kind == "table"
                if shown is not None and (shown.kind in ("math", "list", "table")
                                          or shown.kind == "code" and len(shown.text.splitlines()) <= MAX_SHOWN_CODE):
                    # (“Launch with:” over the command; “以 (N, C, H, W) 为例：” over a table, whose cells are asked too)
                    answer.append(shown)
                elif opened and _only_opens("\n".join(b.text for b in answer)):
                    answer = []  # (“没有标准答案。经验：” over a long listing: the answer is in what it opens)
                question = QUESTION_NUMBER.sub("", _asked(concept)).strip()
                question += "" if question.endswith(("?", "？")) else self.t("？", "?")
                if answer and self.answered(_Ctx(ctx.deck[:-1], ctx.concept), question, answer, section.source):
                    # (a table shown in the answer is still asked cell by cell)
                    self.blocks(section.blocks[len(answer) - 1 if tabled else len(answer):], ctx, section=section)
                    continue
            if any(_back_matter_heading(t) for t in (self.outline.title, *path)) \
                    or LESSON_PLAN_TITLE.fullmatch(self.outline.title.strip()) \
                    and any(LESSON_SECTION.fullmatch(_bare(SECTION_NUMBER.sub("", t)).strip()) for t in path) \
                    or any(NOT_EXAMINED.fullmatch(_bare(SECTION_NUMBER.sub("", t)).strip()) and not CONTRAST.search(t)
                           for t in path) \
                    or any(CONTENTS.match(bare) or NOT_READ_YET.match(bare)
                           for bare in (_bare(SLIDE_NUMBER.sub("", SECTION_NUMBER.sub("", t))) for t in path)):
                # exercises, reading lists: only the cards written by hand are taken
                for block in section.blocks:
                    if block.kind == "paragraph":
                        self.manual(block.text, block.source, ctx)
                    elif block.kind == "callout" and QUESTION.search(box_title(block.text)):
                        self.box(block, ctx)  # a folded answer under its question: written by hand too
                continue
            self.blocks(section.blocks, ctx, section=section)
        cards, notices = gate(_dedupe(self.cards), self.traditional)
        if not self.cards and _has_prose(self.outline):
            notices.append(Notice(Source(self.path, 1), "no-cards", self.t(
                "这个文件有正文却没有生成卡片；用“术语：解释”、列表或 $公式$ 写下要记住的内容",
                "this file has prose but gives no card; write what to remember as “term: meaning”, "
                "a list, or a $formula$")))
        return cards, sorted(self.notices + notices, key=lambda n: n.source.line)

    def answer_key(self) -> None:
        """A quiz with its answers further on (“**Q1.** Entropy of a fair die?” … “**A1.** log₂ 6”):
        each question a card, answered by the paragraph of its number and what follows it up to the
        next answer or heading. Both are then taken: neither is read again for cards of its own."""
        waiting: dict[str, tuple[Block, _Ctx, list[Block]]] = {}  # by number, the latest question not yet answered
        pairs: list[tuple[Block, _Ctx, list[Block], list[Block]]] = []
        for path, section in iter_sections(self.outline.root):
            ctx = _Ctx(deck=(self.outline.title,) + path, concept=section.title if path else self.outline.title)
            current: list[Block] | None = None
            shown: list[Block] | None = None  # the code or math a question asks about, right under it
            for block in section.blocks:
                mark = NUMBERED_MARK.match(block.text) if block.kind == "paragraph" else None
                if mark and mark.group("q"):
                    shown = None
                    if block.text[mark.end():].strip():  # (a bare “**Q1.**” asks nothing)
                        under: list[Block] = []
                        waiting[mark.group("n")] = (block, ctx, under)
                        shown = under if POINTS_AT.search(block.text) else None
                    current = None
                elif mark and mark.group("n") in waiting:
                    question, asked_in, under = waiting.pop(mark.group("n"))
                    current, shown = [block], None
                    pairs.append((question, asked_in, under, current))
                elif shown is not None and block.kind in ("code", "math"):
                    shown.append(block)  # “**Q9.** What does this print?” over its code
                elif current is not None and block.kind in ("math", "code", "list", "paragraph") \
                        and not (block.kind == "paragraph" and split_label(block.text)):
                    current.append(block)  # the answer goes on: its formula, its list, its next words
                else:
                    current = None  # (a definition of its own after it: not the answer's)
                if block.kind not in ("code", "math") and not (mark and mark.group("q")):
                    shown = None
        if len(pairs) < 2:
            return  # one “Q1.” and one “A1.” make no answer key
        for question, ctx, under, answer in pairs:
            first = replace(answer[0], text=NUMBERED_MARK.sub("", answer[0].text, count=1))
            asked = "\n\n".join([NUMBERED_MARK.sub("", question.text, count=1).strip(), *map(_block_markdown, under)])
            self.answered(ctx, asked, [first, *answer[1:]] if first.text.strip() else answer[1:], question.source)
            self.consumed |= {id(question), *(id(b) for b in under), *(id(b) for b in answer)}

    def bug_cases(self) -> dict[int, tuple[str, str]]:
        """Code with a bug, in a section that then says how to fix it (“```…```” over “**Symptom:** …”, “**Fix:** …”,
        “**Why:** …”): by the code block's id, what one sees (shown on the front) and the fix with why (the back). The
        paragraphs that say so, and the fixed code after the fix, are taken with it."""
        bugs: dict[int, tuple[str, str]] = {}
        for _, section in iter_sections(self.outline.root):
            blocks = section.blocks
            for c, code in enumerate(blocks):
                if code.kind != "code" or id(code) in self.consumed:
                    continue
                # (what is written under it, up to the next code that is not the fixed version)
                under = list(itertools.takewhile(lambda b: b.kind != "code", blocks[c + 1:]))
                fixes = [k for k, b in enumerate(under) if b.kind == "paragraph" and BUG_FIX.match(b.text)]
                if not fixes:
                    continue
                # (a bug said to be one: what one sees, an error shown, or a heading or a line before it that says
                # so; and the fix before why: “**Why:**” then “**Fix:** if already pushed” explains correct code)
                why = [k for k, b in enumerate(under) if b.kind == "paragraph" and BUG_WHY.match(b.text)]
                seen = any(b.kind == "paragraph" and BUG_SYMPTOM.match(b.text) for b in under[:fixes[0]])
                named = BUG_WORDS.search(" ".join((self.outline.title, section.title,
                                                   *(b.text for b in blocks[max(0, c - 1):c] if b.kind == "paragraph"))))
                shown = SHOWN_ERROR.search(code.text) is not None  # (an error's cause comes before its fix)
                if why and why[0] < fixes[0] and not (seen or shown) or not (seen or named or shown):
                    continue
                taken, symptom, answer = [], "", []
                for k in range(c + 1, len(blocks)):
                    block = blocks[k]
                    labelled = block.kind == "paragraph" and (BUG_SYMPTOM.match(block.text) or BUG_FIX.match(block.text)
                                                              or BUG_WHY.match(block.text))
                    after = blocks[k + 1] if k + 1 < len(blocks) else None
                    if block.kind == "code" and after is not None and after.kind == "paragraph" \
                            and (BUG_SYMPTOM.match(after.text) or BUG_FIX.match(after.text)):
                        break  # (the next bug's code, with its own symptom and fix)
                    if not labelled and not (block.kind in ("code", "math") and answer):
                        break
                    taken.append(block)
                    if block.kind == "paragraph" and BUG_SYMPTOM.match(block.text):
                        symptom = block.text.strip()
                    else:
                        answer.append(block.text.strip() if block.kind == "paragraph" else _block_markdown(block))
                if answer:
                    bugs[id(code)] = (symptom, "\n\n".join(answer))
                    self.consumed.update(id(b) for b in taken)
        return bugs

    def sided_cards(self) -> None:
        """Cards drafted as a card app imports them: between rules (“---”), the front, a line “--” of its own, then
        the back (“What is the update rule of plain SGD?” / “--” / “$$\\theta_{t+1} = …$$”), each a card as written.
        Two at least on a page (a “--” once is a dash); the learner's asides in a quote under the back are no part of
        it."""
        drafts: list[tuple[_Ctx, list[Block], int]] = []
        for path, section in iter_sections(self.outline.root):
            if any(NO_CARDS.search(title) for title in (self.outline.title, *path)) or id(section) in self.verdicts:
                continue
            ctx = _Ctx(deck=(self.outline.title,) + path, concept=section.title if path else self.outline.title)
            chunk: list[Block] = []
            ruled = False  # (whether a rule is above the blocks gathered)
            for block in [*section.blocks, None]:
                if block is not None and block.kind != "rule":
                    chunk.append(block)
                    continue
                breaks = [i for i, b in enumerate(chunk) if b.kind == "paragraph" and SIDE_BREAK.fullmatch(b.text)]
                if len(breaks) == 1 and 0 < breaks[0] < len(chunk) - 1 and (ruled or block is not None) \
                        and not any(id(b) in self.consumed for b in chunk):
                    drafts.append((ctx, chunk, breaks[0]))
                chunk, ruled = [], True
        # (each front one line of its own that asks, “What is …?”, “Write down the full Adam update.”: one slide over the
        # next, “--” a deck's vertical break, holds no question)
        drafts = [(ctx, chunk, i) for ctx, chunk, i in drafts
                  if i == 1 and chunk[0].kind == "paragraph" and (_asks(front := MARK_PREFIX.sub("", chunk[0].text))
                                                                  or "\n" not in front and IMPERATIVE.match(front))]
        if len(drafts) < 2:
            return
        for ctx, chunk, i in drafts:
            front = "\n\n".join(_written(b) for b in chunk[:i])
            back = [b for b in chunk[i + 1:] if b.kind != "quote"]
            if back and self.answered(ctx, front.strip(), back, chunk[0].source):
                self.consumed.update(id(b) for b in chunk)

    def answer_list(self) -> None:
        """A worksheet with its answers numbered under a heading of their own further on (“**Q3.** …
        stored in the ________ attribute” or “3. BN 的均值在哪几维上算？” … “## Answer key” / “## 答案”
        over “3. `.grad`”): each question a card, answered by the item of its number. The questions
        are the ordered list right before the key, when it asks, or else the paragraphs numbered
        “Q1.” …; every answer must find its question, at least half the questions their answer, and
        no other list that asks could be the one answered. What follows a numbered question that does
        not ask yet (“**Q8.**”, “This fails:”) up to the next one (its code, “Prints: ____”) is part of it."""
        key: dict[int, Item] = {}
        key_lists: list[Block] = []
        key_section: Section | None = None
        for _, section in iter_sections(self.outline.root):
            if ANSWER_KEY_TITLE.fullmatch(HEADING_ASIDE.sub("", SECTION_NUMBER.sub("", section.title)).strip()):
                lists = [b for i, b in enumerate(section.blocks) if b.kind == "list" and b.ordered
                         and id(b) not in self.consumed
                         and not (i and section.blocks[i - 1].kind == "paragraph"
                                  and section.blocks[i - 1].text.rstrip().endswith((":", "："))
                                  and STEPS_LEAD.search(section.blocks[i - 1].text))]
                # (a list of steps a line introduces, “第 3 题的步骤：”, “Generic checklist, try in this order:”, is no key)
                numbers = [n for b in lists for n in _numbers(b)]
                if len(numbers) >= 2 and len(set(numbers)) == len(numbers):
                    key = {n: item for b in lists for n, item in zip(_numbers(b), b.items)}
                    key_lists, key_section = lists, section
                    break
        if key_section is None or 2 * sum(bool(TERM_FIRST.match(it.text)) for it in key.values()) >= len(key) \
                or any(NAMES_ITS_QUESTION.match(it.text) for it in key.values()):
            return  # (“1. **Gradient clipping**: …” under “Solutions”: a glossary of remedies, no answers;
            # “1. (Q3) λ”: the item says which question it answers, not its number)
        marked: dict[int, tuple[_Ctx, list[Block]]] = {}  # “**Q3.** …” and what follows it
        lists: list[tuple[_Ctx, Block]] = []  # the ordered lists, in order
        repeated = False
        after_marks = False  # whether an ordered list comes after the last “Q3.”
        answered_here = 0  # the “Q3.” with words of an answer right under them
        for path, section in iter_sections(self.outline.root):
            if section is key_section:
                break
            ctx = _Ctx(deck=(self.outline.title,) + path, concept=section.title if path else self.outline.title)
            current: list[Block] | None = None
            numbered = sum(b.kind == "list" and b.ordered or b.kind == "paragraph" and bool(NUMBERED_PARAGRAPH.match(b.text))
                           for b in section.blocks)
            for block in section.blocks:
                mark = NUMBERED_MARK.match(block.text) if block.kind == "paragraph" else None
                if id(block) in self.consumed or block.kind == "rule" or mark and not mark.group("q"):
                    current = None
                elif mark:
                    repeated |= int(mark.group("n")) in marked
                    current, after_marks = [block], False
                    marked[int(mark.group("n"))] = (ctx, current)
                elif current is not None and (block.kind in ("code", "math") or block.kind == "paragraph" and (
                        ASKS_OR_BLANK.search(block.text) or not _asks_yet(current))):
                    current.append(block)  # (“Why? it needs its ________”, not “random thought: …” after it)
                else:
                    answered_here += current is not None and block.kind == "paragraph" \
                        and bool(QUESTION_END.search(current[0].text))
                    current = None
                    if block.kind == "list" and block.ordered:
                        # (a quiz's own list: under a heading that sets questions, the only numbered thing there)
                        lists.append((ctx if numbered == 1 and QUIZ_TITLE.search(section.title)
                                      and not NOT_A_QUIZ.search(section.title) else None, block))
                        after_marks = True
        if marked and not after_marks:
            if repeated or len(marked) < 2 or 2 * answered_here >= len(marked):
                return  # (“Q1.” in each part: which one a “1.” answers is not said; or each answered under it)
            questions = marked
            taken: list[Block] = [b for _, blocks in marked.values() for b in blocks]
        else:
            asking = [(ctx, b) for ctx, b in lists if _asking_list(b) and set(key) <= set(_numbers(b))]
            if not lists or not asking or asking[-1][1] is not lists[-1][1] or len(asking) > 1 or asking[-1][0] is None:
                return  # (the list right before the key asks nothing, or is no quiz's, or two lists ask)
            ctx, block = asking[-1]
            # (a question's options and code under it are part of it)
            questions = {n: (ctx, [Block("paragraph", item.source, item.text), *item.children])
                         for n, item in zip(_numbers(block), block.items)}
            taken = [block]
        if not set(key) <= set(questions) or 2 * len(key) < len(questions):
            return
        for n, item in sorted(key.items()):
            ctx, blocks = questions[n]
            first = NUMBERED_MARK.sub("", blocks[0].text, count=1).strip()
            asked = "\n\n".join(p for p in [first, *map(_written, blocks[1:])] if p)
            told = [replace(b, items=[it for it in b.items if not it.text.lstrip().startswith("~~")])
                    if b.kind == "list" else b for b in item.children if b.kind in ("code", "math", "list")]
            answer = [Block("paragraph", item.source, item.text), *(b for b in told if b.kind != "list" or b.items)]
            self.answered(ctx, asked, answer, blocks[0].source)
        self.consumed |= {id(b) for b in (*taken, *key_lists)}

    def blocks(self, blocks: list[Block], ctx: _Ctx, section: Section | None = None) -> None:
        lead: Block | None = None
        self.enumerated |= _enumerated_terms([b for b in blocks if b.kind == "paragraph"])
        shown = [b for b in blocks if b.kind not in ("rule", "callout")]  # a box aside, the text begins
        intro_done = bool(shown) and shown[0].kind != "paragraph"
        outside = ctx
        own_answer = False  # (below a line “**我的答案：**”, “**My answer:**”, up to the next paragraph)
        answered_final = False
        for i, block in enumerate(blocks):
            if answered_final:
                ctx, answered_final = outside, False  # (“**Final answer:** …” ends the working)
            if id(block) in self.consumed:
                continue  # already the end of the answer before it
            if ctx.preamble and not _about_the_notes(block) and not (
                    block.kind == "paragraph" and "\n" not in block.text.strip()
                    and block.text.rstrip().endswith((":", "：")) and i + 1 < len(blocks) and _about_the_notes(blocks[i + 1])):
                # the subject begins: what follows is knowledge, even above the first heading (a line that introduces
                # the fields under it, “读的是这几页：”, is one of them)
                ctx, outside = replace(ctx, preamble=False), replace(outside, preamble=False)
            if block.kind == "paragraph":
                # “**例 9.1** 求 A 的特征值” opens a worked example: what follows is that example's
                # numbers, up to the next bold label (“**定理 9.2**”) or heading
                example = EXAMPLE_LEAD.match(block.text)
                if example:
                    ctx = outside.within(example.group(1).strip())
                elif SOLVING_LABEL.fullmatch(block.text.strip()) or FINAL_ANSWER.match(block.text):
                    # (“**Solution:**” alone on its line over the steps, and “**Final answer:** …” after them)
                    ctx = replace(outside, working=True)
                    # (the label alone on its line keeps the working on to the answer under it)
                    answered_final = (final := FINAL_ANSWER.match(block.text)) is not None \
                        and bool(block.text[final.end():].strip())
                elif BOLD_LEAD.match(block.text) and not SOLUTION_LEAD.match(block.text) \
                        or BARE_LABEL_LINE.fullmatch(block.text) and not SOLUTION_WORD.match(block.text):
                    ctx = outside  # (“总结：” over a list: the example is over)
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if block.kind == "paragraph" and BLANK.search(block.text) and (filled := _filled_blanks(blocks, i)):
                # “**2.** 把 `momentum` 设为 ____ 时…” over “我填：0 ❌” and “> **订正**：是 `None`。”: the blank
                # asks, what was filled in answers, and one marked wrong never does (its correction does)
                pairs, taken = filled
                self.consumed |= {id(b) for b in taken}
                for prompt, answer, source in pairs:
                    if answer:
                        self.answered(ctx, prompt, [replace(block, text=answer)], source)
                lead = None
                continue
            if block.kind == "paragraph" and (settled := _accepted_answer(blocks, i)):
                # “**题目**：…” with the members' replies under it and then “**✅ 采纳答案**（…）”: the problem and the
                # answer the thread settled on (the replies, wrong as often as not, are no cards)
                asked, taken, answer = settled
                if not TRAILING_MARKS.sub("", asked.split("\n\n", 1)[0]).endswith(("?", "？")) and ctx.concept:
                    asked = self.t("{c}：{q}", "{c}: {q}", c=TRAILING_MARKS.sub("", ctx.concept).strip(), q=asked)
                self.consumed |= {id(b) for b in (*taken, *answer)}
                self.answered(ctx, asked, answer, block.source)
                self.blocks(_formulas_of(answer), ctx)
                lead = None
                continue
            if block.kind == "paragraph" and (pair := _asked_and_answered(blocks, i)):
                # “**学生问：** 同一个 loss 做两次 backward，第二次就报错了。” over “**助教答：** …”: the question
                # (with its heading, when it only tells what happened) and the answer, up to the next turn
                asked, taken = pair
                answer = taken[max(n for n, b in enumerate(taken) if _turn(b)):]  # (the last turn: what corrects)
                if asked.startswith(("```", "$$")) and ctx.concept:
                    asked = TRAILING_MARKS.sub("", ctx.concept).strip() + "\n\n" + asked  # (its code under its heading)
                elif (not TRAILING_MARKS.sub("", asked).endswith(("?", "？")) or FOLLOW_UP.match(asked)) and ctx.concept:
                    # (and a question that goes on from the one before, “那推理时呢？”, under its heading)
                    asked = self.t("{c}：{q}", "{c}: {q}", c=TRAILING_MARKS.sub("", ctx.concept).strip(), q=asked)
                self.consumed |= {id(b) for b in taken}
                answer = [replace(answer[0], text=CORRECTING_TURN.sub("", LEAD_LABEL.sub("", answer[0].text, count=1),
                                                                     count=1).strip()), *answer[1:]]
                self.answered(ctx, asked, answer, block.source)
                # (and the formulas the answer states, cards of their own: “$$\mathrm{Var}(q\cdot k) = d_k$$”)
                self.blocks(_formulas_of(answer), ctx)
                lead = None
                continue
            if block.kind == "paragraph" and ASKING_HEADING.search(ctx.concept) and (answer := _labelled_answer(blocks, i)):
                # “## Q1 为什么要除以 √d_k？” over “**应该怎么答：**” and the list and formula under it: the heading
                # asks, they answer (what one answered before it, “**我的回答：**”, is no answer)
                question = TRAILING_MARKS.sub("", ctx.concept)
                question += "" if question.endswith(("?", "？")) else self.t("？", "?")
                if _says_no_subject(question) and len(ctx.deck) >= 2:
                    # (“### 为什么？” under “## Dropout”: asked of it)
                    parent = SECTION_NUMBER.sub("", ctx.deck[-2]).strip() or ctx.deck[-2]
                    question = self.t("{c}：{q}", "{c}: {q}", c=parent, q=question)
                self.consumed |= {id(b) for b in answer if b.kind != "math"}
                self.answered(ctx, question, answer, block.source)
                lead = None
                continue
            if block.kind == "paragraph" and nxt is not None and nxt.kind == "code" and ASKING_HEADING.search(ctx.concept) \
                    and _whole_answer_label(block):
                lead = None  # (“**应该怎么答：**” over code: the code answers the heading, asked by it)
                continue
            if block.kind == "paragraph" and ASKING_HEADING.search(ctx.concept) and (answer := _marked_answer(blocks, i)):
                # “## Q1 BN 在 train 和 eval 下差在哪？” over “**答（老王）：** …”: someone's answer on a question
                # wall or in a thread, with what runs on from it, up to the next turn
                question = TRAILING_MARKS.sub("", ctx.concept)
                question += "" if question.endswith(("?", "？")) else self.t("？", "?")
                self.consumed |= {id(b) for b in answer[1:]}
                self.answered(ctx, question, [replace(block, text=LEAD_LABEL.sub("", block.text, count=1)), *answer[1:]],
                              block.source)
                lead = None
                continue
            prompted = block.kind == "paragraph" and _short_prompt(block, ctx.concept)
            guesses = _guesses(blocks, i + 1) if prompted else []
            if prompted and i + 1 + len(guesses) < len(blocks) \
                    and (answer := _marked_answer(blocks, i + 1 + len(guesses))):
                # “`einsum('ij,jk->ik', …)` — shape?” over “**Answer:** `(3, 5)`” and “**Why:** …”: a
                # puzzle and its answer, whatever the heading (and the wrong first guesses between, none);
                # a prompt that does not ask (“`torch.einsum('bn,bn->b', a, b)`”) is asked under its heading
                self.consumed |= {id(b) for b in guesses + answer}
                asked = block.text.strip()
                if not TRAILING_MARKS.sub("", asked).endswith(("?", "？")) and ctx.concept:
                    asked = self.t("{c}：{q}", "{c}: {q}", c=_named_concept(ctx), q=asked)
                self.answered(ctx, asked,
                              [replace(answer[0], text=LEAD_LABEL.sub("", answer[0].text, count=1)), *answer[1:]],
                              block.source)
                lead = None
                continue
            if (record := _problem_record(blocks, i)) is not None:
                # “**题目**：…” over its options, its working (“**秒杀思路**：…”, a table of values) and “**答案**：B”: the
                # problem asked whole, answered by its answer with the working under it and its “**解析**” after it;
                # the working's steps alone are that problem's, no cards of their own
                asked, answer, taken, chosen = record
                self.consumed |= {id(b) for b in taken}
                self.answered(ctx, asked, answer, block.source, flags=("choice",) if chosen else ())
                lead = None
                continue
            choice = (_choice(blocks, i) or _true_or_false(blocks, i) or _choice_record(blocks, i, ctx.concept)) \
                if block.kind == "paragraph" else None
            if choice is not None:
                # a choice question written line by line (“下列哪个…？”, “A. …”, “B. …”, “答案：C”)
                asked, answer, taken = choice
                self.consumed |= {id(b) for b in taken}
                self.answered(ctx, asked, answer, block.source, flags=("choice",))
                lead = None
                continue
            options = nxt
            if block.kind == "paragraph" and nxt is not None and nxt.kind == "list" and nxt.items \
                    and (glued := _glued_answer(nxt)) is not None:
                options = glued[0]  # (“- D. …\n答案：A”: the answer under its options)
                answer = _choice_answer([glued[1], *blocks[i + 2:]]) if _choice_options(options) else []
            else:
                answer = _choice_answer(blocks[i + 2:]) if block.kind == "paragraph" and nxt is not None \
                    and _choice_options(nxt) else []
            if answer:
                # a multiple-choice question: its stem and options asked whole, answered by the
                # answer written under them (“**答案：A**”) and the reasons after it; an option alone
                # states nothing (the wrong ones least of all). (Without an answer written, lettered
                # points are points: “误差分解成哪几部分？” over “A. 偏差：…”.)
                self.consumed |= {id(nxt), *(id(b) for b in answer)}
                stem = block.text.strip()
                if not TRAILING_MARKS.sub("", stem).endswith(("?", "？")) and ASKING_HEADING.search(ctx.concept):
                    # (“(2024 期中第 3 题)” asks nothing: its heading does)
                    stem = TRAILING_MARKS.sub("", ctx.concept).strip() + "\n\n" + stem
                self.answered(ctx, stem + "\n\n" + _list_markdown(options), answer, block.source,
                              flags=("choice",))
                lead = None
                continue
            if block.kind == "paragraph" and nxt is not None and _choice_options(nxt) \
                    and any(has_formula(it.text) for it in nxt.items) and not any(split_label(it.text) for it in nxt.items) \
                    and (ASKS_TO_CHOOSE.search(block.text) or _one_unknown(nxt)
                         and re.match(r"\s*+\*\*\s*+\d{1,3}[.)]\s*+\*\*", block.text)):
                # (“**6.** Which statement is **not necessarily** true?” over “- (c) $\det(Q) = 1$”: a choice question
                # whose answer is elsewhere; its options, the wrong ones least of all, state nothing; “误差分解成哪几部分？”
                # over “- A. 偏差：…” names its parts)
                self.consumed.add(id(nxt))
            prompt = _prompt(block)
            said = re.sub(r"(?m)^\s*>\s?", "", blocks[i + 2].text).strip() \
                if prompt and i + 2 < len(blocks) and blocks[i + 2].kind in ("quote", "paragraph") else ""
            if prompt and nxt is not None and _option_lines(nxt) and CHOICE_ANSWER.match(said):
                # “**1. FP16 能表示的最大有限值约为？**” over “A. 3.4e38　B. 65504 …” and “> 答案：**B**。…”: a choice
                # question, answered by the letter under its options (lettered points with no letter under them, a
                # question's cases or steps, are its answer, as before)
                self.consumed |= {id(nxt), id(blocks[i + 2])}
                numbered = QA_HEADING.match(prompt.strip())  # (“Q3. Which …?”: the question without its number)
                stem = numbered.group("q").strip() if numbered else prompt
                self.answered(ctx, stem + "\n\n" + nxt.text.strip(), [replace(blocks[i + 2], kind="paragraph", text=said)],
                              block.source, flags=("choice",))
                lead = None
                continue
            if prompt:
                # “8. Residual connections — why do they work?” and the paragraphs under it
                answer = _answer_blocks(blocks[i + 1:])
                if answer:
                    self.consumed |= {id(b) for b in answer}
                    self.answered(ctx, prompt, answer, block.source)
                    lead = None
                    continue
            if block.kind == "quote" and (pairs := _quoted_pairs(block)):
                # “> **Q:** does the flip matter at all?” over “> **A:** not for learning…”: a question asked in
                # class and its answer, set off as a quote in the margin, each pair a card as written
                for text, line in pairs:
                    self.manual(text, Source(block.source.path, line), ctx)
                lead = None
                continue
            if own_answer and block.kind in ("list", "table", "math", "code"):
                # (under “**我的答案：**” that a grader marks wrong after it, “【批】输出 ✓。参数量 ✗”: one's own
                # working, its parts named by labels that ask nothing without the question; the correction,
                # “【订正】…”, is read as notes are)
                continue
            own_answer = block.kind == "paragraph" and OWN_ANSWER_LINE.fullmatch(block.text.strip()) is not None \
                and _marked_wrong(blocks[i + 1:]) or own_answer and block.kind not in ("paragraph", "rule")
            if block.kind == "paragraph" and i and blocks[i - 1].kind == "code" and RAN_OUTPUT.match(block.text):
                lead = block  # “output: all `True`. expected …” under code: what it printed, in words
                continue
            if block.kind == "paragraph" and (exported := _anki_export_cards(block)):
                self.exported(exported, ctx, lambda k, b=block: Source(b.source.path, b.source.line + k - 1))
                lead = block
                continue
            if block.kind == "paragraph" and (pasted := _listed_cards(block)):
                # (“Variance⇥Var(X) = …” a line each: the learner's own cards, as a card app exports them)
                for offset, front, back in pasted:
                    self.add(ctx, CardKind.MANUAL, "manual:" + anchor(front), front, back,
                             Source(block.source.path, block.source.line + offset - 1), formulas=formulas_in(back))
                lead = block
                continue
            if block.kind == "paragraph":
                intro_done = self.paragraph(block, nxt, ctx, intro_done)
                # only a section's first paragraph can say what it is (an image before it aside)
                intro_done = intro_done or len(strip_math(LINK.sub("", block.text))) >= 8
                lead = block
                continue
            choosing = block.kind == "list" and lead is None and _choice_options(block)
            answer = _choice_answer(blocks[i + 1:]) or _own_choice_answer(blocks[i + 1:]) \
                if choosing and ASKING_HEADING.search(ctx.concept) else []
            if answer or choosing and (CHOOSES.search(ctx.concept)
                                       or _bare_options(block) and ASKING_HEADING.search(ctx.concept)):
                # “### 7. Pre-LN 和 Post-LN，哪个说法正确？” over “- A. …”, “- B. …” and “**我的答案：B ✅**”: the
                # heading's question and its options, answered by the letter marked right; an option alone
                # states nothing (the wrong ones least of all), answered or not. (Under “误差分解成哪几部分？”,
                # with no answer, “A. 偏差：…” is a point.)
                self.consumed |= {id(b) for b in answer}
                if answer:
                    # (with the code it shows right before its options: “What does this print?” over code)
                    shown = [_block_markdown(blocks[i - 1])] if i and blocks[i - 1].kind == "code" else []
                    stem = "\n\n".join([TRAILING_MARKS.sub("", ctx.concept).strip(), *shown, _list_markdown(block)])
                    self.answered(ctx, stem, answer, block.source, flags=("choice",))
                    # (the formulas its reasons state are cards of their own, “Pre-LN：$x_{l+1} = …$”, unless
                    # the reasons quote a mistake: “我把系数写反了，写成了 $…$”)
                    if not any(MISTAKE.search(b.text) for b in answer[1:]):
                        self.blocks([replace(b) for b in answer[1:] if b.kind in ("paragraph", "math")], ctx)
                continue
            if block.kind == "list" and lead is not None and _is_param_label(lead.text):
                self.parameters(block.items, ctx)  # “参数说明：” / “Parameters:” on a line of its own
            elif block.kind == "list" and section is not None and ctx.labels == () and _is_param_label(section.title) \
                    and len(ctx.deck) > 1:
                parent = SECTION_NUMBER.sub("", ctx.deck[-2]) or ctx.deck[-2] if len(ctx.deck) > 2 else ctx.concept
                self.parameters(block.items, replace(ctx, concept=parent))
            elif block.kind == "list" and lead is not None and lead.text.strip() \
                    and REFERENCES_LEAD.fullmatch(lead.text.splitlines()[-1]) \
                    and any(LINKED.search(it.text) for it in block.items) and not any("$" in it.text for it in block.items):
                # “References I'm diffing against:”, “参考：” over a list with links: the works read, not what
                # they say (a list of facts under “参考：”, with its formulas, is what it says)
                pass
            elif block.kind == "list":
                mini = _mini_heading(lead.text) if lead is not None and not ctx.labels else ""
                # a speaker's turn names no list after it
                mini = "" if mini in self.speakers or mini in self.turns_here or self._tagged(mini) else mini
                if mini and (STUCK_LABEL.fullmatch(mini) or MARKING_LABEL.fullmatch(mini)):
                    lead = None  # (a tutor's “**学生卡在哪**”: the student's confusions, as they held them)
                    continue
                # (a tutor's “**怎么讲的**”: the section's own content, under no name of its own)
                mini = "" if TAUGHT_LABEL.fullmatch(mini) else mini
                if mini and self.post_mortem and ANSWER_LABEL.fullmatch(mini) and ASKING_HEADING.search(ctx.concept) \
                        and _bare(lead.text).strip().rstrip(":：").strip() == mini \
                        and any(OWN_ANSWER_LABEL.fullmatch(_said_label(b.text)) for b in blocks[:i] if b.kind == "paragraph"):
                    # (“## "Why not just use Newton's method?"” over “**Right answer:**” over the list of reasons: the
                    # list answers the heading, not an “answer” whose items are terms)
                    question = TRAILING_MARKS.sub("", ctx.concept).strip().strip("\"“”")
                    question += "" if question.endswith(("?", "？")) else self.t("？", "?")
                    self.answered(ctx, question, [block], block.source)
                    lead = None
                    continue
                if (mini and PROOF_LEAD.fullmatch(mini)) or \
                        (block.ordered and lead is not None and not ctx.labels and _opens_a_proof(lead.text)):
                    # “**Proof idea.**” over “1. From Claim 2: … 2. Convexity: … 3. Combine: …”: the
                    # steps of an argument, each meaningless alone; its code still makes cards
                    self.blocks([b for it in _all_items(block) for b in it.children if b.kind == "code"], ctx)
                    lead = None
                    continue
                # “**Gaussian $\mathcal{N}(\mu, \sigma^2)$**” over a list of its pdf, mean, …: the
                # bold line names what the list is about, as a heading would; one that names only an
                # aspect (“**常见变形：**”, “**Properties**”) names it of the subject above it
                concept = f"{self._aspect_owner(blocks[:i], ctx)} › {mini}" if mini and ctx.concept and \
                    ASPECT.fullmatch(mini) else mini
                if mini and REMARKS_BY.fullmatch(mini):
                    # (“**王老师点评**” over “- profile 结论很清楚…”: someone's remarks, each on what it names,
                    # none saying what that is)
                    self.list_(block, ctx.within(mini), lead, section)
                else:
                    self.list_(block, replace(ctx, concept=concept, scope=normalize_name(mini)) if mini else ctx,
                               lead, section)
            elif block.kind == "table":
                block = _unnumbered(block)  # (“| # | formula | intuition |” over “| 1 | $x^\top y$ | …”: rows by their formula)
                params = table_parameters(block.text, block.source, self.zh) or table_default_matrix(
                    block.text, block.source, " ".join((ctx.concept, lead.text if lead is not None else "")), self.zh,
                    self.callable_named)
                if section is not None and not ctx.labels and _is_param_label(SECTION_NUMBER.sub("", section.title)) \
                        and len(ctx.deck) > 2:
                    # “### 公共参数”: the parameters of the section above
                    ctx = replace(ctx, concept=SECTION_NUMBER.sub("", ctx.deck[-2]) or ctx.deck[-2])
                for owner, items in params:
                    # “| 优化器 | 参数 | 默认值 |”: each optimizer's parameters under its own name
                    owned = replace(ctx, concept=owner, deck=ctx.deck + (owner,)) \
                        if owner and normalize_name(owner) != normalize_name(ctx.deck[-1]) else ctx
                    self.parameters(items, owned)
                compared = lead is not None and COMPARISON.search(lead.text)
                # (“## 跑过的小实验”, “My quick sim:” over it: one's own runs, however its rows are named)
                own = OWN_RUNS.search(" ".join((ctx.deck[-1], lead.text if lead is not None else ""))) \
                    or HEAD_DATE.search(ctx.deck[-1]) and TRIAL.search(ctx.deck[-1]) and _swept(block.text, block.source) \
                    or _tally(block.text, block.source) or _plan_table(block.text, block.source) \
                    or lead is not None and MADE_UP.search(lead.text) \
                    or lead is not None and TALLY_LEAD.match(lead.text) or _answers_counted(block.text, block.source) \
                    or lead is not None and OWN_CONFIG.search(lead.text) \
                    or nxt is not None and nxt.kind == "paragraph" and SETS_A_TASK.match(nxt.text) is not None
                # (“| 天气 | 样本数 | 正例 |” over “求 $H(D)$ 和 $\mathrm{Gain}(D, 天气)$。”: a problem's data, asked of it)
                rows = [] if params or compared or own else table_definitions(block.text, block.source)
                header = _table_rows(block.text, block.source)[0][1] if rows else []
                if rows and QA_CORNER.fullmatch(plain_inline(header[0]).strip()) \
                        and ANSWER_HEADER.fullmatch(plain_inline(header[1]).strip()):
                    # “| Q | A |” over “| Which axes does LayerNorm reduce over? | The last … |”: a row that asks
                    # is a question and its answer; one that does not (“| **TODO** | … |”) is read as before
                    asking = [r for r in rows if ASKS_OR_BLANK.search(r[0].strip()) or SETS_A_TASK.match(r[0])]
                    for term, desc, source, _ in asking:
                        if not UNSURE.search(desc) and not UNKNOWN.fullmatch(desc.strip()) and not re.match(r"\s*[?？]", desc):
                            # (“| Why does GQA keep the quality? | ??? ask in office hours |”: not answered yet)
                            self.answered(ctx, term.strip(), [Block("paragraph", source, desc)], source)
                    rows = [r for r in rows if r not in asking]
                # a table with no header whose rows include labels or facets (“| Idea | … |”, “| Defaults | … |”)
                # is a sheet of fields about one subject, not a glossary: no field names a concept
                # (one label among terms, “| Note | … |”, is only that row's)
                sheet = not _table_header(block.text, block.source) and sum(
                    self.is_label(clean_term(term), desc) and not FRAMEWORK.fullmatch(clean_term(term).strip())
                    or bool(FACET.fullmatch(clean_term(term).strip())) for term, desc, _, _ in rows) >= 2
                # (“以 7B 参数的模型为例：” over it: its cells are that example's, asked with it)
                setting = _example_setting(lead.text) if lead is not None else ""
                cells = replace(ctx, concept=self.t("{c}（{s}）", "{c} ({s})", c=ctx.concept, s=setting)) \
                    if setting else ctx
                for term, desc, source, attribute in rows:
                    self.definition(term, desc, source, cells, attribute=attribute, sheet=sheet)
                known = _translated_from(" ".join((*ctx.deck, lead.text if lead is not None else "")))
                # (“## 实验 2：pin_memory” over “| 变量 | 训练 img/s |”: that experiment's throughput, measured)
                runs = bool(NUMBERED_RUN.search(ctx.deck[-1]))
                for term, attribute, value, source in ([] if params or compared or own or rows else
                                                       table_grid(block.text, block.source, known, runs,
                                                                  own=bool(OWN_MISTAKES.search(ctx.deck[-1])), zh=self.zh,
                                                                  lesson=bool(LESSON_PLAN_TITLE.fullmatch(self.outline.title.strip())))):
                    if not self._stated_before(term, attribute, value, cells.deck):
                        self.definition(term, value, source, cells, attribute=attribute, grid=bool(attribute))
            elif block.kind == "code":
                if exported := _anki_export_cards(block):
                    self.exported(exported, ctx, lambda k, b=block: Source(b.source.path, b.text_line(k)))
                elif pasted := _pasted_cards(block):
                    # (“"front","back"” over “"KL 对称吗？","不对称…"”: the learner's own cards, as an app takes them in)
                    for offset, front, back in pasted:
                        self.add(ctx, CardKind.MANUAL, "manual:" + anchor(front), front, back,
                                 Source(block.source.path, block.text_line(offset)), formulas=formulas_in(back))
                elif DEBUGGER_SESSION.search(block.text):
                    pass  # “(Pdb) s … -> def __iter__”: a walk through someone's code, not code to write
                elif not (_is_output(block) and (i and blocks[i - 1].kind == "code" or PRINTED.match(block.text)
                                                 or lead is not None and OUTPUT_LEAD.search(lead.text))):
                    # (else what the code above it printed: a notebook's output)
                    shown = _pasted_below(blocks, i)
                    shows_error = shown is not None and SHOWN_ERROR.search(shown) is not None
                    if lead is not None and (BARE_FIX.match(lead.text) or FIXED_VERSION.match(lead.text)):
                        lead = None  # (“**Fix:**” over the mended function says what it is no more than the heading does)
                    self.code(block, ctx, lead, shows_error=shows_error, shown=None if shows_error else shown)
            elif block.kind == "math":
                self.math(block, ctx, lead, after=nxt)
                if nxt is not None and nxt.kind == "math" and lead is not None and _carries_on(lead.text, block, nxt):
                    continue  # “Adam 维护一阶矩和二阶矩：” over two displays in a row: it introduces both
            elif block.kind == "callout":
                self.box(block, ctx)
            # “- 推理时可以把 BN fold 进前面的 conv：” as a list's last item introduces the formula under the list
            lead = _introducing_item(block) if nxt is not None and nxt.kind == "math" else None

    def paragraph(self, block: Block, nxt: Block | None, ctx: _Ctx, intro_done: bool) -> bool:
        text = block.text
        lines = text.splitlines()
        while len(lines) >= 2 and BOLD_LABEL_LINE.fullmatch(lines[-1]) and nxt is not None and nxt.kind == "list" \
                and lines[-2].rstrip().endswith(LINE_DONE):
            # “**用途**：…” over a last line “**坑**”: that line heads the list after it, not this answer
            lines.pop()
            text = "\n".join(lines)
        if self.manual(text, block.source, ctx, nxt):
            return intro_done
        if _is_param_label(text) and nxt is not None and nxt.kind == "list":
            return intro_done  # “Parameters:” introduces the list after it
        theorem = NAMED_THEOREM.match(text)
        if theorem and text.rstrip().endswith(SENTENCE_FINAL):
            # “**Thm 1.5 (separating hyperplane).** If … then …”: a result stated whole, by its name
            # (unless a formula card asks what it concludes)
            before = (len(self.cards), len(self.notices))
            if has_formula(text):
                self.formula(text, block.source, ctx, prose=True)
            statement = text[theorem.end():].strip()
            if len(self.cards) == before[0] and len(statement) <= 400:
                del self.notices[before[1]:]
                self.definition(_theorem_name(theorem), statement, block.source, ctx)
            return intro_done
        if has_formula(text):
            self.formula(text, block.source, ctx, prose=True)
            return intro_done
        lines = [line for line in text.splitlines() if line.strip()]
        fixed = next((k for k, line in enumerate(lines) if k and FIX_LABEL.match(line)), None)
        if fixed is not None and BUG_WHY.match(lines[0]) and ctx.concept and len(ctx.deck) > 1 \
                and not NO_SUBJECT.search(ctx.concept):
            # (“## 2. Tensors on different devices” over the error, then “**Cause:** … **Fix:** …”: why the problem the
            # heading names happens, and its fix)
            front = self.t("{c}：原因是什么？怎么改？", "{c}: what causes it, and what is the fix?", c=ctx.concept)
            said = "\n".join(itertools.takewhile(lambda line: not SIGNED_LINE.match(line), lines)).strip()
            if said.endswith((":", "：")) and nxt is not None and nxt.kind == "code":
                said += f"\n\n```{nxt.language}\n{nxt.text.rstrip()}\n```"  # (“**Fix:** print the shape once:” over it)
            self.add(ctx, CardKind.MANUAL, "cause-fix:" + anchor(ctx.concept), front, said, block.source,
                     formulas=formulas_in(said))
            return True
        if fixed is not None and not split_label(lines[0]) and ctx.concept and len(ctx.deck) > 1:
            # (“### Softmax before CrossEntropyLoss” over what happened, then “**Fix:** return raw logits …” and who
            # signed it: the fix of the problem the heading names)
            fix = [FIX_LABEL.sub("", lines[fixed], count=1).strip()]
            fix += list(itertools.takewhile(lambda line: not split_label(line) and not SIGNED_LINE.match(line),
                                            lines[fixed + 1:]))
            front = self.t("{c}：怎么改？", "{c}: what is the fix?", c=ctx.concept)
            said = "\n".join(fix).strip()
            if said:
                at = [n for n, line in enumerate(text.splitlines()) if line.strip()][fixed]
                self.add(ctx, CardKind.MANUAL, "fix:" + anchor(ctx.concept), front, said,
                         Source(block.source.path, block.source.line + at), formulas=formulas_in(said))
                return True
        # (a sentence wrapped onto the next line goes on there: “…, training, which” over “regularises the network —
        # like …”)
        lines, starts = _unwrapped(lines)
        if len(lines) >= 2 and all((split_label(line) or ("", ""))[1] for line in lines):
            # “Up: [[MOC]]\nRelated: [[A]] · [[B]]\nSource: …”: one label and its value a line
            fields = [_bare(split_label(line)[0]).strip() for line in lines]
            if any(EMAIL_FIELD.fullmatch(f) for f in fields) or any(EMAIL_SUBJECT.fullmatch(f) for f in fields) \
                    and any(SENT_FIELD.fullmatch(f) for f in fields):
                return True  # (“**主题：** …\n**发件人：** 我\n**时间：** …”: an email's header, line by line)
            if len(ctx.deck) <= 1 and len(lines) >= 3 and any(HEAD_DATE.search(split_label(line)[1]) for line in lines):
                return True  # (“**Téma:** …\n**Dátum:** 24. 10. (utorok), B-102\n**Prednášal:** …” under the title: the
                # lecture's particulars, whatever the language)
            own = [line for f, line in zip(fields, lines) if OWN_SPEAKER.fullmatch(f)]
            if len(own) >= 2 and all(ACTED_OR_SAID.fullmatch(split_label(line)[1].strip()) for line in own):
                return True  # (“me: *changes the seed*\nmodel: *accuracy drops 4%*”: who says what, a joke's turns)
            for i, line in enumerate(lines):
                term, desc = split_label(line)
                if ENTRY_PROPERTY.fullmatch(fields[i]) and sum(bool(ENTRY_PROPERTY.fullmatch(f)) for f in fields) >= 2:
                    continue  # (a database entry's properties, “Topic: Optimizers” over “Difficulty: Easy”: about the entry)
                self.definition(term, desc, Source(block.source.path, block.source.line + starts[i]), ctx)
            return True
        labelled = split_label(text)
        if labelled and labelled[1]:
            term, desc = labelled
            if nxt is not None and nxt.kind == "math" and not text.rstrip().endswith(SENTENCE_FINAL):
                return True  # “Gradient descent: repeat until convergence” runs on into its formula
            self.definition(term, desc, block.source, ctx)
            return True
        if not intro_done and ctx.labels == () and not (nxt is not None and nxt.kind == "code") \
                and _introduces(text, ctx.concept) \
                and (not text.rstrip().endswith((":", "：")) or (nxt is not None and nxt.kind == "list")):
            back = text
            if nxt is not None and nxt.kind == "list" and text.rstrip().endswith((":", "：")):
                back = text + "\n\n" + _list_markdown(nxt)
            self.definition(ctx.concept, back, block.source, ctx)
            return True
        return intro_done

    def box(self, block: Block, ctx: _Ctx) -> None:
        """A callout, admonition, tab or folded ``<details>``: a question (or task) in its title is
        answered by all the box holds; a title that names something heads the box's notes as a
        heading would. Summaries, quotes, examples, to-dos and unfinished boxes give no card."""
        title = box_title(block.text)
        if block.language in BOX_NOT_CARDS or UNFINISHED_BOX.search(block.text) or not block.blocks:
            return
        if re.search(r"[?？]", title) or _asks(title) or BOX_TASK.match(title):
            self.answered(ctx, title, block.blocks, block.source, render=_box_markdown)
        elif block.language in BOX_QUESTIONS:
            return  # “Open questions”: questions to oneself, not answered here
        elif not title or GENERIC_BOX.fullmatch(title) or normalize_name(title) == normalize_name(block.language):
            self.blocks(block.blocks, ctx)
        else:
            self.blocks(block.blocks, replace(ctx, deck=ctx.deck + (title,), concept=title, labels=(), legacy=()))

    def answered(self, ctx: _Ctx, question: str, blocks: list[Block], source: Source, render=None,
                 flags: tuple[str, ...] = ()) -> bool:
        """A question card whose answer is ``blocks`` written back as Markdown; False when
        they hold nothing (an empty bullet). A question too short to name its subject
        (“怎么选？”, “Why?”) is asked of the section's."""
        render = render or _written
        marked = QA_HEADING.match(question.strip())
        question = marked.group("q").strip() if marked else question  # “Q：…”: the question itself
        if blocks and blocks[0].kind == "paragraph" and ANSWER_LEAD.match(blocks[0].text):
            # “Q：…” over “A：…”: the answer without its mark
            blocks = [replace(blocks[0], text=ANSWER_LEAD.sub("", blocks[0].text, count=1)), *blocks[1:]]
        # (over a record of one's own try, “- I said: … - Correct: …”: what answers it, without the try)
        answer = _attempt_answer(blocks) or \
            "\n\n".join(text for text in map(render, blocks) if text.strip())  # (“**背面：**” alone over its formula)
        if not answer.strip(" -\n"):
            return False
        if (path := _decision_path(ctx.labels)):
            # (“- **Q2. Is it a transformer?**” over “- **YES** → AdamW” over “- Q2c. loss spikes?”: a decision
            # tree's question, asked on the branch it is on)
            question = f"{path} → {question}"
        elif _says_no_subject(question) and ctx.concept:
            question = self.t("{c}：{q}", "{c}: {q}", c=_named_concept(ctx), q=question)
        self.add(ctx, CardKind.MANUAL, "manual:" + anchor(question), question, answer, source,
                 formulas=tuple(f for b in blocks for f in formulas_in(b.text)), flags=flags)
        return True

    def manual(self, text: str, source: Source, ctx: _Ctx, nxt: Block | None = None) -> bool:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if (rule := IF_THEN.fullmatch(text.strip())):
            # “**IF** the loss is NaN **THEN** lower the lr”: a rule, asked by its case
            question = self.t("如果{c}，该怎么办？", "If {c}, what then?", c=rule.group("cond").rstrip("，,。. "))
            self.add(ctx, CardKind.MANUAL, "manual:" + anchor(question), question, rule.group("then").strip(), source,
                     formulas=formulas_in(rule.group("then")))
            return True
        if self.spaced and ("?" in lines[1:-1] or "??" in lines[1:-1]):
            # (“Entropy of N(μ, σ²)” over “?” over its answer: a card written for the plugin, its sides split at the “?”)
            cut = next(n for n, line in enumerate(lines) if n and line in ("?", "??"))
            question, answer = "\n".join(lines[:cut]), "\n".join(lines[cut + 1:])
            self.add(ctx, CardKind.MANUAL, "manual:" + anchor(question), question, answer, source,
                     formulas=formulas_in(answer))
            return True
        pairs = [_written_card(line, self.dashes) or (_spaced_card(line) if self.spaced and "::" in line else None)
                 for line in lines]
        if not (pairs and all(pairs)) and (written := _one_line_pairs(lines)):
            # “Q: … ? A: …”, a line each (and the lines an answer runs on to): written as cards already
            for offset, question, answer in written:
                question, answer = _unreviewed(question).strip(), _unreviewed(answer).strip()  # (“…? ✗ 24 Feb”)
                if not FIRST_PERSON.match(answer):
                    self.add(ctx, CardKind.MANUAL, "manual:" + anchor(question), question, answer,
                             Source(source.path, source.line + offset), formulas=formulas_in(answer))
            return True
        if pairs and all(pairs):
            # “sample mean unbiased? :: yes, E[x̄] = μ”, a line each: written as cards already
            for offset, pair in enumerate(pairs):
                if pair.group("q").startswith("~~") and re.search(r"~~\s*(?:$|[✓✗✔✘~←(])", pair.group("a")):
                    continue  # (“~~Does `model.eval()` turn off gradients? — yes~~ ✗ 3/2 ← WRONG”: struck, as wrong)
                question = STRUCK_BEFORE.sub("", _unreviewed(pair.group("q")).strip())  # (“~~old wording~~ new wording?”)
                answer = _unreviewed(pair.group("a")).strip()
                answer = STRUCK_BEFORE.sub("", answer)  # (“~~5 GB~~ 25 GB”: the value set right)
                self.add(ctx, CardKind.MANUAL, "manual:" + anchor(question), question, answer,
                         Source(source.path, source.line + offset), formulas=formulas_in(answer))
            return True
        qa = _marked_qa(text)
        if qa:
            n = self.ordinal(ctx, "manual")
            question = _unreviewed(qa.group("q")).strip()  # (“Q: $e^{10} \\approx$ ?   ✗ 24 Feb ✗ 3 Mar”)
            if question.count("**") % 2:
                question = question.removesuffix("**").strip()  # “**Q: …？**”: the bold wraps the label too
            answer = _judged_answer(qa.group("a").strip())
            label = qa.group("label")
            named = label and re.search(rf"(?<![^\W\d_]){re.escape(label)}(?![^\W\d_])" if label.isascii()
                                        else re.escape(label), answer, re.I)
            if label and not named and not QA_LABEL_ONLY.fullmatch(label):
                # (“Ribosome: Q: …”: its subject; not one the answer names, “Ribosome: Q: Which organelle …? A: The
                # ribosome.”, nor a page's own, “复习: Q:”, “Ex1: Q:”)
                question = self.t("{l}：{q}", "{l}: {q}", l=label, q=question)
            if answer and nxt is not None and (nxt.kind == "list"
                                               or answer.endswith((":", "：")) and nxt.kind in ("code", "math")):
                # “…梯度累积：” and the code it announces; a list right under an answer goes on with it (not under an
                # answer marked wrong with nothing to set it right: that card is left out)
                answer += "\n\n" + _block_markdown(nxt)
                self.consumed.add(id(nxt))
            self.add(ctx, CardKind.MANUAL, "manual:" + anchor(question), question, answer, source,
                     formulas=formulas_in(answer), legacy_key=f"manual:{n}")
            return True
        if not CLOZE_OPEN.search(text) and _bare_clozes(text):
            text = _numbered_clozes(text)  # “posterior ∝ {{likelihood}} × {{prior}}”, as RemNote and Mochi write them
        # (a deletion shown as code, “Anki 支持 `{{c1::...}}` cloze”, is an example of the syntax)
        if CLOZE_OPEN.search(CODE_SPAN.sub("", text)):
            # a draft's own asides under it (“-- hmm c1 on both hides both”, “-- cloze this? meh”):
            # the writer talking to themselves, no part of the card
            text = "\n".join(line for line in text.splitlines() if not DRAFT_ASIDE.match(line)).strip()
            if not CLOZE_OPEN.search(text):
                return False
            if CROSSED_OUT.search(text):
                self.notices.append(Notice(source, "left-out:crossed-out", self.t(
                    "“{t}” 在笔记里被标成错的（删除线），不是要记住的内容；删去它，或写出改好的那一张",
                    "“{t}” is struck through in the notes, not something to recall; delete it or write the "
                    "corrected card", t=text if len(text) <= 40 else text[:17].rstrip() + "…" + text[-22:].lstrip())))
                return True
            n = self.ordinal(ctx, "cloze")
            if not complete_cloze(text):
                self.notices.append(Notice(source, "left-out:broken-cloze", self.t(
                    "完形填空没有闭合（每个 “{{{{c1::” 都要以 “}}}}” 结束）；补全后才会生成卡片",
                    "a cloze is not closed (each “{{{{c1::” needs its “}}}}”); close it to get the card")))
                return True
            self.add(ctx, CardKind.CLOZE, "cloze:" + anchor(COMPLETE_CLOZE.sub(r"\2", text)), text, "", source,
                     legacy_key=f"cloze:{n}")
            return True
        return False

    def exported(self, notes: list[tuple[int, str, str, bool]], ctx: _Ctx, where: Callable[[int], Source]) -> None:
        """The notes of an Anki export pasted into the notes (:func:`_anki_export_cards`), each a card as the learner
        made it: a cloze as a cloze, with its “Back Extra” under it."""
        for k, first, second, cloze in notes:
            if cloze and complete_cloze(first) and CLOZE_OPEN.search(first):
                self.add(ctx, CardKind.CLOZE, "cloze:" + anchor(COMPLETE_CLOZE.sub(r"\2", first)), first, second, where(k))
            elif cloze:
                self.notices.append(Notice(where(k), "left-out:broken-cloze", self.t(
                    "这条完形填空笔记没有完整的挖空（每个 “{{{{c1::” 都要以 “}}}}” 结束）；补全后才会生成卡片",
                    "this cloze note has no complete deletion (each “{{{{c1::” needs its “}}}}”); complete it to get the card")))
            else:
                self.add(ctx, CardKind.MANUAL, "manual:" + anchor(first), first, second, where(k),
                         formulas=formulas_in(second))

    def list_(self, block: Block, ctx: _Ctx, lead: Block | None, section: Section | None) -> None:
        if lead is not None and SOLVING_LABEL.fullmatch(lead.text.strip()):
            ctx = replace(ctx, working=True)  # “**解**：” over its steps: a problem's working
        if lead is not None and TODO_LEAD.fullmatch(lead.text.strip()):
            # “TODO：” over what is still to do: nothing known yet, but a formula written out whole
            # (“施密特正交化公式老记错，$\beta_2 = …$ 抄十遍”) is known
            for it in block.items:
                if has_formula(it.text):
                    self.item(it, ctx, siblings=block.items, lead=lead)
            return
        if sum(bool((entry := REVERSE_ENTRY.search(it.text)) and not BRANCH.fullmatch(entry.group("term").strip()))
               for it in block.items) >= 3:
            # a glossary written to be covered: each item's description, then “→ **term**” on a line of its own
            rest = []
            for it in block.items:
                entry = REVERSE_ENTRY.search(it.text)
                description = MARK_PREFIX.sub("", it.text[:entry.start()].strip()) if entry else ""
                if entry and (len(strip_math(description).split()) >= 3 or len(CJK.findall(description)) >= 4) \
                        and not BRANCH.fullmatch(entry.group("term").strip()):
                    back = (entry.group("term") + entry.group("tail")).strip()
                    notes = _children_text(it) if it.children else ""
                    self.add(ctx, CardKind.MANUAL, "manual:" + anchor(description), description,
                             back + ("\n\n" + notes if notes.strip() else ""), it.source,
                             formulas=formulas_in(description))
                else:
                    rest.append(it)
            if not rest:
                return
            block = replace(block, items=rest)
        if any(BLANK.search(it.text) for it in block.items):
            left = self.filled_blanks(block.items, ctx)
            if not left:
                return
            block = replace(block, items=left)
        items = block.items
        fields = [split_label(it.text.strip()) for it in items]
        said_by = [_bare(f[0]).strip() for f in fields if f]
        if any(OWN_SPEAKER.fullmatch(name) for name in said_by) and sum(bool(PERSON_NAME.fullmatch(name)) for name in said_by) >= 2 \
                and (ATTEMPTS.search(ctx.deck[-1]) or lead is not None and ATTEMPTS.search(lead.text)):
            # (“- **Tom:** …”, “- **Wei:** …”, “- **me:** …”: what each said or tried, not what a “Tom” is)
            self.notices.append(Notice(block.source, "left-out:attempts", self.t(
                "这是几个人各自的回答（{n}），不是这些名字的定义；把要记住的结论单独写成一句",
                "these are what each person answered ({n}), not what the names mean; state the point to remember on "
                "its own", n="、".join(said_by[:3]) if self.zh else ", ".join(said_by[:3]))))
            return
        # (only a question that asks: “- **Q**: a query matrix”, “- **Question**: a formal request to a minister” are terms)
        # the items that make no card of their own, found in one pass and set aside together
        labels = [_bare(f[0]).strip() if f else "" for f in fields]
        if _counted_series(labels):
            # (“疊 3×3 conv（stride 1）：” over “- 1 層：3×3”, “- 2 層：5×5”: what comes of each count, in the case the
            # line before sets; asked in that case)
            setting = last_sentence(lead.text).strip() if lead is not None else ""
            if setting.endswith((":", "：")) and len(setting) <= 60:
                ctx = replace(ctx, concept=self.t("{c}（{s}）", "{c} ({s})", c=ctx.concept, s=setting.rstrip(":： "))
                              if ctx.concept else setting.rstrip(":： "))
        # (the comments under a post, each by its votes and its writer: someone's remark, not what a name means)
        voted = {n for n, it in enumerate(items) if VOTED_COMMENT.match(it.text)}
        for n in sorted(voted):
            self.notices.append(Notice(items[n].source, "left-out:comment", self.t(
                "这是帖子下的一条评论（票数和作者），不是要记住的知识；把其中的结论单独写成一句",
                "this is a comment under a post (its votes and its writer), not knowledge to recall; state the point "
                "it makes on its own")))
        # one's own guess before running or checking (“- Predict: `(4, 16, 32, 32)`”, “- I said: …”), and what came out
        # beside it (“- Actual: …”): a record of one's try, without the code or the question it was of
        guessed = {n for n, label in enumerate(labels) if OWN_GUESS.fullmatch(label)}
        seen = {n for n, label in enumerate(labels) if OBSERVED_FIELD.fullmatch(label)}
        if not seen and all(labels[n].casefold() == "predict" and not re.match(r"\s*[`(\[\d]", fields[n][1]) for n in guessed):
            guessed = set()  # (“- **predict**: returns the predicted labels” in an API's list is a method; “Predict: `(2, 8)`” a guess)
        seen = seen if guessed else set()
        for n in sorted(guessed | seen):
            self.notices.append(Notice(items[n].source, "left-out:own-attempt", self.t(
                "“{t}” 记的是自己的预测和实际结果，离开代码或题目问不出什么；把学到的规律写成一句",
                "“{t}” records one's own guess and what came out, which asks nothing without the code or the "
                "question; state the rule learnt as a sentence", t=labels[n])))
        # a record of a question asked and answered (“- **提问人**：李想 - **问题**：… - **回答人**：… - **回答**：…”): each
        # question and the answer after it (before the next question), one card; who asked and who answered are no cards
        # (only a question that asks: “- **Q**: a query matrix”, “- **Question**: a formal request to a minister” are terms)
        asks = [n for n, f in enumerate(fields) if f and f[1].strip() and QUESTION_FIELD.fullmatch(labels[n])
                and f[1].rstrip().endswith(("?", "？"))
                and not any(FIELD_LINE.match(line) for line in f[1].splitlines()[1:])]
        paired = set()
        for k, asked in enumerate(asks):
            until = asks[k + 1] if k + 1 < len(asks) else len(fields)
            answered = next((n for n in range(asked + 1, until) if fields[n] and fields[n][1].strip()
                             and ANSWER_FIELD.fullmatch(labels[n])), None)
            if answered is None:
                continue
            # (its lines joined as one: no space where both sides are Chinese)
            question = re.sub(r"(?<=[\u4e00-\u9fff，、])\s*\n\s*(?=[\u4e00-\u9fff])", "", fields[asked][1].strip())
            question, answer = " ".join(question.split()), fields[answered][1].strip()
            if items[answered].children:
                answer += "\n\n" + _children_text(items[answered])
            self.add(ctx, CardKind.MANUAL, "manual:" + anchor(question), question, answer, items[asked].source,
                     formulas=formulas_in(answer))
            paired |= {asked, answered}
        if (aside := voted | guessed | seen | paired):
            items = [it for n, it in enumerate(items) if n not in aside]
            if not items:
                return
            block = replace(block, items=items)
            fields = [split_label(it.text.strip()) for it in items]
        if any(f and TRANSLATION_DRAFT.fullmatch(_bare(f[0]).strip()) for f in fields):
            # a translation exercise (“- 我的翻译：…” over “- 修改：…”, “- 笔记：…”): its fields ask nothing without the
            # sentence translated; what is left (a term's gloss) is asked as usual
            for it, f in zip(items, fields):
                if f and (TRANSLATION_DRAFT.fullmatch(_bare(f[0]).strip()) or TRANSLATION_FIELD.fullmatch(_bare(f[0]).strip())):
                    self.notices.append(Notice(it.source, "left-out:label-term", self.t(
                        "“{t}” 是翻译练习的一栏，离开原句问不出什么；把要记的词或结构写成“词：释义”",
                        "“{t}” is a field of a translation exercise and asks nothing without the sentence; write the "
                        "word or pattern to remember as “term: meaning”", t=_bare(f[0]).strip())))
            dropped = [it for it, f in zip(items, fields)
                       if f and (TRANSLATION_DRAFT.fullmatch(_bare(f[0]).strip())
                                 or TRANSLATION_FIELD.fullmatch(_bare(f[0]).strip()))]
            for it in dropped:
                if it.children:
                    self.blocks(it.children, ctx)  # (“- 笔记：” over “- **BLEU**：…”: the glosses under it are terms)
            items = [it for it in items if it not in dropped]
            block = replace(block, items=items)
        named = [it for it in items if it.text.strip()]
        for it in items:
            if not it.text.strip() and not it.children:
                self.notices.append(Notice(it.source, "empty-item", self.t(
                    "空的列表项；删去这个单独的“-”", "empty list item; remove the bare “-”")))
        if not named:
            for it in items:  # “- $$P(A) = …$$”: an item that is only a formula (or code) block
                if it.children:
                    self.blocks(it.children, ctx)
            return
        questions = [it for it in named if QUESTION.search(it.text)]
        if len(questions) * 5 >= len(named) * 3 and len(named) >= 2:
            heading = section.title if section else ctx.concept
            mindmap = bool(MINDMAP.search(heading))
            for it in named:
                question = STEP_PREFIX.sub("", it.text, count=1)
                if self.answered(ctx, question, [b for b in it.children if b.kind in ANSWER_KINDS], it.source):
                    continue  # “1. 什么是过拟合？怎么解决？” with its answer nested under it
                flags = ("needs-answer",) + (("mindmap",) if mindmap else ())
                self.add(ctx, CardKind.QUESTION, "q:" + normalize_name(it.text), question, "", it.source, flags=flags)
            return
        if lead is not None and RUNS_SETUP.match(lead.text):
            return  # “Fixed across all runs unless noted:” over “- aug: RandomCrop…”: one's own runs' settings
        conditions = lead is not None and CONDITIONS_WORD.search(lead.text) and not DOING.search(lead.text)
        if block.ordered and ctx.concept and conditions and CONDITIONS_LEAD.fullmatch(lead.text.strip()):
            # (“线性的两个几何条件：” over “1. … 2. …”: the conditions, asked as such, not steps)
            if self.answered(ctx, self._asked_of(ctx, lead.text.strip().rstrip("：: ").replace("**", "")), [block], lead.source):
                return
        if lead is not None and block.ordered and REASONS_LEAD.fullmatch(lead.text.strip().strip("*").strip()) and ctx.concept:
            # “为什么需要：” over “1. … 2. …”: the reasons, in no order to recall, for the section's subject
            question = self._asked_of(ctx, lead.text.strip().strip("*").strip().rstrip("：: "))
            if self.answered(ctx, question, [block], lead.source):
                return
        if PLAN_TITLE.search(ctx.concept) and all((label := split_label(it.text.strip())) and TIME_SLOT.fullmatch(
                _bare(label[0]).strip()) for it in named):
            return  # (“下一步工作计划” over “1. 6月上旬：精读…”, “2. 6月下旬：…”: what one means to do when)
        # (“3. 为什么有效：” over “1. … 2. …”, or “## Why substitution works” over them: reasons, in no order)
        named_by = ctx.labels[-1] if ctx.labels else ctx.concept if lead is None else ""
        if block.ordered and REASONS_WORD.match(named_by.strip("*")) and not STEPS_NAMED.search(named_by) \
                and not IN_ORDER.search(named_by) and ctx.concept:
            question = self._asked_of(ctx, named_by.strip("*").rstrip("：:？? "))
            if self.answered(ctx, question, [block], block.source):
                return
        # (a lead, a heading or a label that says the list is steps, “分两步：”, “## 训练步骤”: steps, whatever their form)
        steps_said = any(STEPS_NAMED.search(t) or STEP_COUNT.search(t)
                         for t in (lead.text if lead is not None else "", ctx.labels[-1] if ctx.labels else "")) \
            or bool(STEPS_HEADING.search(ctx.concept))
        if _is_steps(block, steps_said) and not conditions \
                and not (lead is not None and KINDS.search(lead.text) and not STEPS_NAMED.search(lead.text)) \
                and not (REASONS_WORD.search(named_by) and not STEPS_NAMED.search(named_by)
                         and not IN_ORDER.search(named_by)):
            self.steps(block, ctx, lead)
            return
        self.enumerated |= _enumerated_terms(named)
        sentences = block.ordered and not _a_glossary(items)  # (“2. BN 折叠进卷积” among steps)
        seen: dict[str, Item] = {}
        top = not ctx.labels
        for it in items:
            if top and it.children and it.text.strip():
                key = normalize_name(it.text)
                if key in seen:
                    first = seen[key]
                    self.notices.append(Notice(it.source, "duplicate-section",
                        f"“{it.text.strip()}” repeats “{first.text.strip()}” (line {first.source.line}); "
                        "its cards are taken once; merge the two"))
                seen.setdefault(key, it)
            self.item(it, ctx, siblings=items, lead=lead, in_steps=sentences)

    def filled_blanks(self, items: list[Item], ctx: _Ctx) -> list[Item]:
        """The cards of a recall sheet's blanks among ``items`` (“softmax：$…$ = ______” over “- 默：$…$ ✅”, or
        a next item “- 默：…”): the blank asks and what was filled in answers, or the correction after it
        (“- → $…$”; see ``_settled``), with the remarks under it (“- 记忆：…”); with no answer, no card.
        The items that are not such a blank or its answer are returned."""
        left: list[Item] = []
        k = 0
        while k < len(items):
            it = items[k]
            under = it.children[0].items if it.children and it.children[0].kind == "list" else []
            # (“22. SGD + momentum：” over “- 默：…” asks as a blank does; “38. 参数量 ______” over “- （没写完）”
            # and “- → $…$”: the correction answers)
            blank = BLANK.search(it.text) is not None
            # (“2. 第 2 题（见课本 P45）：” names no question: only where to find it)
            asks = blank or it.text.rstrip().endswith((":", "：", "?", "？")) and len(ONLY_WHERE.sub("", it.text)) >= 2
            settled = _settled(under[0].text, [u.text for u in under[1:2]], it.text, bare=blank) \
                if asks and under else None
            if settled is None and blank and under and CORRECTED.match(under[0].text):
                settled = (_correction(under[0].text) if len(BLANK.findall(it.text)) < 2 else "", 0)
            if settled is not None:
                answer, used = settled
                remarks = [r.text.strip() for r in self.filled_blanks(under[1 + used:], ctx) if r.text.strip()]
                if answer:
                    answer = answer + "\n\n" + "\n".join(f"- {r}" for r in remarks) if remarks else answer
                    self.answered(ctx, _blank_prompt(it.text), [Block("paragraph", it.source, text=answer)], it.source)
                self.blocks(it.children[1:], ctx)
                k += 1
                continue
            settled = _settled(items[k + 1].text, [n.text for n in items[k + 2:k + 3]], it.text) \
                if blank and not it.children and k + 1 < len(items) else None
            if settled is not None:
                answer, used = settled
                if answer:
                    self.answered(ctx, _blank_prompt(it.text), [Block("paragraph", it.source, text=answer)], it.source)
                k += 2 + used
                continue
            left.append(it)
            k += 1
        return left

    def item(self, it: Item, ctx: _Ctx, siblings: list[Item], lead: Block | None = None,
             in_steps: bool = False) -> None:
        """One list item's cards. ``in_steps``: the item is one of a numbered list of sentences
        (steps, not a glossary), so a name at its start begins its sentence."""
        text = it.text.strip()
        said = DEFAULTS_PREFIX.match(text)
        if said and not it.children and self.defaults_line(text[said.end():], it.source, ctx,
                                                           lead.text if lead is not None else ""):
            return  # “- 默认 `reduction='mean'`，`ignore_index=-1`” under “CrossEntropyLoss 的几个点”
        if not text:
            if it.children:
                self.blocks(it.children, ctx)
            return
        if self.manual(text, it.source, ctx):
            if it.children and all(_written_card(line.strip(), self.dashes) for line in text.splitlines() if line.strip()):
                self.blocks(it.children, ctx)  # (“MLE of σ² >> …” over “Bessel's correction :: …”: cards of their own)
            return
        if TASK_ITEM.match(text):
            # “[ ] do the softmax Jacobian by hand”: a to-do, not something known yet; what is written
            # under one done (“- [x] 秩” over “- 知识点：列秩 = 行秩”) is what was learned doing it
            if it.children and DONE_TASK.match(text):
                task = TRAILING_MARKS.sub("", text[TASK_ITEM.match(text).end():]).strip()
                self.blocks(it.children, ctx.within(task) if task else ctx)
            return
        labelled = split_label(text)
        if it.children:
            answer = [b for b in it.children if b.kind in ANSWER_KINDS]
            if _asks(text) and QUESTION_END.search(text) and answer and not _asks_more(answer) \
                    and self.answered(ctx, text, answer, it.source):
                return  # “▶ Why only 3×3?” over its answer: a question and its answer, whatever the list around
            if has_formula(text) or is_plain_formula(text):
                self.formula(text, it.source, ctx, extra=_children_text(it), otherwise=_else_of(it, siblings))
                sub = ctx.within(label_of(text), strip_math(text), guards=formulas_in(text))
                self.blocks(it.children, sub)
                return
            label = labelled[0] if labelled else text.rstrip(":： ")
            plain_label = label.strip("*` ")
            if "**" in plain_label:
                plain_label = re.sub(r"\*\*([^*]+)\*\*", r"\1", label).strip("*` ")  # (“**likelihood** vs **probability**”)
            if BOLD_NAME_ASIDE.fullmatch(label):
                plain_label = _bare(label)  # (“**Focal loss** (Lin et al. 2017, RetinaNet)”: the name, its source aside)
            if PARAM_LABEL.match(plain_label):
                self.parameters(_child_items(it), ctx)
                return
            if INTRO_LABEL.match(plain_label):
                self.definition(ctx.concept, _children_text(it, prose_only=True), it.source, ctx)
                return
            if _names_a_concept(text, labelled, top=not ctx.labels):
                self.concept(it, ctx, plain_label)
                return
            if text.endswith((":", "：")) and labelled is None or (labelled and not labelled[1]):
                self.enumeration(it, ctx, plain_label)
                return
            sub = ctx.within(plain_label)
            if labelled and labelled[1]:
                self.definition(labelled[0], labelled[1] + "\n\n" + _children_text(it), it.source, ctx)
            self.blocks(it.children, sub)
            return
        # a leaf
        if has_formula(text) and not (labelled and labelled[1] and (_formulas_aside(labelled[1])
                                                                    or labelled[0].rstrip().endswith(("?", "？")))):
            # (“**which is NOT a good lr decay?**: $\alpha = e^t \alpha_0$”: the label asks, the formula answers)
            # “We could simply compute $A = BC$”: an item written as a sentence is running text
            before = (len(self.cards), len(self.notices))
            self.formula(text, it.source, ctx, otherwise=_else_of(it, siblings),
                         prose=RUNNING_TEXT.match(strip_math(text)) is not None)
            if (len(self.cards), len(self.notices)) != before or not (labelled and labelled[1]):
                return
            # its formulas state no fact to ask (“attends only to $j \le i$”): the term's definition
        if is_plain_formula(text):
            self.formula(text, it.source, ctx, plain=True)
            return
        if labelled and labelled[1]:
            term, desc = labelled
            if INTRO_LABEL.match(term):
                self.definition(ctx.concept, desc, it.source, ctx)
            else:
                earlier = siblings[:siblings.index(it)] if it in siblings else []
                self.definition(term, desc, it.source, ctx, within=_formula_with(term, earlier, ctx.guards))
            return
        name_desc = NAME_DESC.match(text)
        if name_desc and CJK.search(name_desc.group("rest")) and not ctx.labels \
                and not RUNS_ON.match(name_desc.group("rest")) and not in_steps:
            rest = name_desc.group("rest").strip()
            valued = ATTRIBUTE_VALUE.fullmatch(rest)
            if valued:  # “GD 步长上限 $2/L$”: what GD's step limit is
                self.definition(name_desc.group("name"), valued.group("value"), it.source, ctx,
                                attribute=valued.group("attribute"))
            else:
                self.definition(name_desc.group("name"), rest, it.source, ctx, loose=True)
            return
        if _is_bare_name(text) and any(s.children or len(s.text.split()) > 1 for s in siblings if s is not it):
            self.notices.append(Notice(it.source, "empty-item", self.t(
                "“{t}”只有名字没有内容；写上它是什么，或删去这一项",
                "“{t}” is named but has no content; write what it is or remove it", t=text)))

    def concept(self, it: Item, ctx: _Ctx, name: str) -> None:
        """A top-level item with children: a concept of its own (``SGD`` under 优化器)."""
        same = normalize_name(name) == normalize_name(ctx.deck[-1])
        sub = _Ctx(ctx.deck if same else ctx.deck + (name,), name)
        # (a child written as a card, “Var(aX + b) >> a^2 Var(X)”, is a card of its own: no part of what the name is)
        prose = [c for c in _child_items(it) if not c.children and c.text.strip()
                 and split_label(c.text) is None and not has_formula(c.text) and not is_plain_formula(c.text)
                 and not ("\n" not in c.text.strip() and _written_card(c.text.strip(), self.dashes))
                 and not _bare_clozes(c.text)]
        # (“- Ba, Kiros, Hinton 2016” under “- LayerNorm”: who proposed it, no part of what it is)
        cited = [c for c in _child_items(it) if not c.children and CITATION_ALONE.fullmatch(_cell_text(c.text))]
        cited = cited if any(c not in cited for c in prose) else []  # (a history's “GAN: Goodfellow et al. 2014”)
        prose = [c for c in prose if c not in cited]
        if prose:
            # one line beside code or labelled points is a remark on the concept, not what it is
            line = prose[0].text.strip()
            aside = len(prose) == 1 and (len(it.children) > 1 or len(_child_items(it)) - len(cited) > 1) \
                and normalize_name(name) not in normalize_name(line) and not SAYS_WHAT.search(line)
            # points of which the first does not say what it is (“用极大似然估计”, “没有闭式解”):
            # what to remember about the concept, not what it is
            facts = len(prose) > 1 and POINT_START.match(line) is not None and not _says_what_it_is(line) \
                and not re.search(re.escape(name) + r"\W{0,3}(?:是|is\b|are\b)", line, re.I)
            self.definition(name, "\n".join(f"- {c.text.strip()}" for c in prose), prose[0].source, sub,
                            remark=aside, points=facts and not aside)
        rest = [b for b in it.children]
        for block in rest:
            if block.kind == "list":
                kept = [c for c in block.items if c not in prose and c not in cited]
                if kept:
                    self.list_(Block("list", block.source, items=kept, ordered=block.ordered), sub, None, None)
            else:
                self.blocks([block], sub)

    def enumeration(self, it: Item, ctx: _Ctx, label: str) -> None:
        """``label:`` over a list: a card listing the terms, then the items themselves."""
        terms = []
        for child in _child_items(it):
            split = split_label(child.text)
            if split and split[1]:
                terms.append(split[0])
        # the pieces of a formula (“$\rho v_{t-1}$: …”) are explained, not listed from memory
        # (a label that says something, “各方法各有问题”, “写法不一样”, names no set to list)
        # (nor does one that holds a sentence, “⚠️ Table is one seed. Reran seeds 2 and 3 (…):”, over one's runs)
        if len(terms) >= 2 and not any("$" in t for t in terms) and not COMPARISON.search(label) \
                and not SAYING_LABEL.search(label.rstrip("：: ")) and not SENTENCE_IN_LABEL.search(label) \
                and not (SEEDS.search(" ".join((*ctx.deck, label)))
                         and all(RUN_SERIES.match(split_label(c.text)[1]) for c in _child_items(it) if split_label(c.text))):
            front = self.t("{concept}：{label} 有哪些？", "{concept}: {label}: which ones?",
                           concept=ctx.concept, label=label.rstrip("：: "))
            self.add(ctx, CardKind.DEFINITION, "enum:" + normalize_name(label), front,
                     "\n".join(f"- {t}" for t in terms), it.source)
        self.blocks(it.children, ctx.within(label))

    def _guessed_first(self, blocks: list[Block]) -> str:
        """A dialogue's section that opens with the writer's own turn (“**me:** …”) and then another speaker's:
        “tutor” where that one teaches (“**tutor:** …”, “**老师：**”; not where it asks back, “…合理吗？”), “own”
        where it does not (“**Interviewer:**”, “**Amy:**”); else ""."""
        names = [(lead.group(1) or lead.group(2)).strip() if b.kind == "paragraph" and (lead := LEAD_LABEL.match(b.text))
                 else "" for b in blocks[:2]]
        if not (len(names) == 2 and all(n in self.speakers for n in names)
                and OWN_SPEAKER.fullmatch(names[0]) is not None and OWN_SPEAKER.fullmatch(names[1]) is None):
            return ""
        said = LEAD_LABEL.sub("", blocks[1].text, count=1)
        if QUESTION_END.search(said):
            return ""  # (a question back, “…合理吗？”: no answer yet)
        # (with anyone else, a peer, an interviewer, a student one teaches, who is right the card cannot say: the
        # one's own turn is still no card, “what is its me?”, but neither turn answers)
        return "tutor" if TEACHES.fullmatch(PAREN_TAIL.sub("", names[1]).strip()) else "own"

    def _own_answers_here(self, ctx: _Ctx) -> bool:
        """Whether ``ctx`` is in a section of a post-mortem that holds one's own answer (“**What I said:**”)."""
        return any(path == tuple(ctx.deck[1:1 + len(path)]) and (path or len(ctx.deck) == 1) for path in self.answered_here)

    def is_label(self, term: str, desc: str) -> bool:
        """A term that labels a remark, a field or a place rather than names a concept
        (“**注意**：…”, “Note:”, “[解析]”, “Deadline: …”)."""
        # (a tag before it, “【注】顺便：…”, “[Note] also:”: the label is what follows)
        return bool(LABEL_TERM.match(term.strip("[]【】()（）\\ ")) or LABEL_TERM.match(LEADING_TAG.sub("", term).strip())
                    or ANSWER_LABEL.fullmatch(term.strip())
                    # what an erratum quotes or puts instead (“**改为**：…”, “Correction:”)
                    # (“正确版本：” under a false statement is what it should have said: a facet of it)
                    # (“**应为**：” in every section of an errata list is asked of each: a facet)
                    or CORRECTION.match(_bare(term) + "：") and not FACET.fullmatch(_bare(term).strip())
                    and _bare(term).casefold() not in self.recurring
                    or QUOTED_ORIGINAL.match(_bare(term) + "：")
                    # (“**关键点**：…” alone; a table's column “关键点” is asked of each row)
                    or re.fullmatch(r"关键点|(?:the )?key point", _bare(term).strip(), re.I)
                    # (a lecture's scribes by name, “**Scribes:** Priya Raman, Tom Okafor”; Egypt's scribes are a class)
                    or re.fullmatch(r"scribes?|scribed by|note[- ]?takers?", _bare(term).strip(), re.I) is not None
                    and NAME_LIST.fullmatch(desc.strip()) is not None
                    # (a lab book's “**Signed**: MO   Witnessed: J. Lindqvist”; “Signed: an integer type that …” is a term)
                    or re.fullmatch(r"signed(?: off)?(?: by)?|witnessed(?: by)?", _bare(term).strip(), re.I) is not None
                    and len(desc.split()) <= 8 and not re.search(r"\b(?:a|an|the|that|which|is|are|can)\b", desc, re.I)
                    or term.strip() in self.speakers or PAREN_TAIL.sub("", _bare(term)).strip() in self.speakers
                    or _bare(term).strip() in self.turns_here or PERSON_TURN.fullmatch(_bare(term).strip())
                    # (“**注释：**” under a paper's reference: the reader's annotation of that paper)
                    or self.cites_here and re.fullmatch(r"注释|annotations?", _bare(term).strip(), re.I)
                    or SOMEONES.search(term.strip("* ")) or PAGE_IN_TERM.search(term) or CHECKED_TERM.search(term)
                    or DIARY_TERM.match(_bare(term))
                    # (“Rule of thumb she uses: …”, “Intuition she drew: …”, “Not dead — …”: whose words, a reply, no term)
                    or SOMEONE_DOES.search(_bare(term)) is not None or REPLY_TERM.fullmatch(_bare(term).strip()) is not None
                    or PLEASES.fullmatch(_bare(term).strip()) is not None \
                    and _bare(term).strip().casefold() not in desc.casefold()
                    # (“**线代**：填空2、填空5、判断3”: which of an exam's questions, one's own tally)
                    or QUESTION_REFS.fullmatch(desc.strip()) is not None
                    # (a classmate by the name one calls them, “小王：一定。→ 老师：不一定！”: whose answer it is)
                    or NICKNAME.fullmatch(_bare(term).strip())
                    # (a board's card by its labels, “**Labels:** `paper` `efficiency`”; “Labels: the targets y” a term)
                    or re.fullmatch(r"labels?|tags?|标签", _bare(term).strip(), re.I) is not None
                    and TAG_VALUES.fullmatch(desc.strip()) is not None
                    # (a thread's reply by someone named beside it: “**Follow-up (hkwan)**: yes. Works now”)
                    or FOLLOW_UP_BY.fullmatch(term.strip("* "))
                    # (an exam's course and classes, by their hours and numbers: “**课程**：线性代数（48学时）”, “**班级**：计科2301”;
                    # “**课程**：广义指学生在学校获得的全部经验” is the term)
                    or re.fullmatch(r"课程|班级", _bare(term).strip()) is not None and re.search(r"学时|学分|课时|\d{3,}|\d+\s*人|\d{1,2}[:：]\d{2}|周[一二三四五六日天]", desc)
                    # (“**Compare with 4.11**: there the indicators were dependent”: a pointer to another exercise)
                    or POINTER_TERM.fullmatch(_bare(term).strip())
                    # (“**师兄的建议**：有 A100 就直接 bf16”, “**Marco's feedback**:”: someone's word, no concept)
                    or REMARKS_BY.fullmatch(_bare(term).strip()) is not None
                    # (“**NB**: …” is nota bene, where neither the notes nor what follows spell it out as a term:
                    # “Naive Bayes”, “net benefit, …”, “Nash bargaining solution (NB)”)
                    or re.fullmatch(r"N\.?\s?B\.?", _bare(term).strip(), re.I) is not None and not self.nb_spelled
                    and not DEFINES.match(desc) and not NB_SPELLED.match(desc)
                    # (labels in Danish, Norwegian, Swahili, Croatian, Afrikaans and Galician notes, unless what follows
                    # glosses the word,
                    # as a word list does: “**Mfano**: noun (m-mi class), "example"”)
                    or REMARK_LABEL.fullmatch(_bare(term).strip()) is not None and not WORD_GLOSS.match(desc)
                    or (AMBIGUOUS_LABEL.fullmatch(PAREN_TAIL.sub("", _bare(term)).strip())
                        or FRAMEWORK.fullmatch(_bare(term).strip()) and desc.lstrip().startswith("`")) and not DEFINES.match(desc)
                    or len(desc) <= 200 and LEGEND.fullmatch(desc.strip())
                    or self._tagged(term)
                    or _bare(term).casefold() in self.rewrites
                    or WHOSE_TERM.search(term.strip("* ")) or self._someones(_bare(term))
                    or PEOPLE_FIELD.fullmatch(PAREN_TAIL.sub("", _bare(term)).strip()) and PERSON_VALUE.match(desc)
                    or RATING_FIELD.fullmatch(PAREN_TAIL.sub("", _bare(term)).strip()) and RATING_VALUE.match(desc)
                    or TIME_SPENT.match(_bare(term))
                    # (what one's own run gave, under a run-in label: “**Result.** baseline: **0.908**. So …”; an
                    # email's subject, a reply: “**主题：** Re: 训练一开始 loss 就 NaN”)
                    or RUN_IN_RESULT.match(_bare(term)) and re.match(r"[\s*_~≈]*+[-+−]?\d", desc)
                    or EMAIL_SUBJECT.fullmatch(_bare(term).strip()) and re.match(r"\s*+(?:re|fwd?|回复|转发)\s*+[:：]", desc, re.I)
                    # (what a lab's code should print, “**Expected output:** `tensor(18.)`”, not what an expected output
                    # is in economics or an expected result in testing; a statement to judge with no verdict beside it,
                    # “**Q4. 判断**：max pooling 有参数。”)
                    or EXPECTED_FIELD.fullmatch(_bare(term).strip()) and (desc.lstrip().startswith("`") or len(desc.strip()) <= 12)
                    or TO_JUDGE.fullmatch(_bare(term).strip()) and not JUDGED.search(desc)
                    # (how sure one is of a claim: “Confidence: high”, “把握：中”)
                    or OWN_CONFIDENCE.fullmatch(_bare(term).strip()) and CONFIDENCE_LEVEL.fullmatch(desc)
                    # (a numbered attempt's record: “## Attempt 2 — warmup” over “**Curves**: still 2.46 plateau”)
                    or RUN_FIELD.fullmatch(PAREN_TAIL.sub("", _bare(term)).strip()) and ATTEMPT_HEADING.search(self.heading_here)
                    # (a list of materials by their links: “**资料**：[LLM 八股整理 repo](https://…)”)
                    or re.fullmatch(r"资料|materials?|resources?", _bare(term).strip(), re.I) and re.match(r"\s*+<?(?:\[|https?://)", desc)
                    # (“want to try: RoPE instead of …”: a plan; “**want to try** 想尝试（…）” glosses the phrase)
                    or WANT_TO.fullmatch(_bare(term).strip()) and not re.match(r"\s*+[\u4e00-\u9fff]", desc)
                    # (“用时：3h” under a task: how long it took; “**用时**：最坏情况下的运行时间” is a term)
                    or re.fullmatch(r"time|duration|用时|耗时|时长", _bare(term).strip(), re.I) and TIME_SPENT.match(desc)
                    or LABEL_TERM.match(_bare(term))
                    # (a comment named by its number and votes: “**c1** (+52)”, “#3 (+9)”, “@mira (+31)”)
                    or VOTED_NAME.fullmatch(term.replace("*", "").strip())
                    or REPORT_FIELD.fullmatch(PAREN_TAIL.sub("", _bare(term)).strip()) and not _says_what_it_is(desc)
                    and (not VALUED_FIELD.fullmatch(PAREN_TAIL.sub("", _bare(term)).strip()) or _a_value(desc))
                    or LOG_SLOT.fullmatch(PAREN_TAIL.sub("", _bare(term)).strip()) or LOG_SLOT.fullmatch(term.strip("* "))
                    # (a study's baseline named with its numbers or a list of methods; RL's “$V(s)$，减小方差” is a term)
                    or re.fullmatch(r"baselines?", _bare(term).strip(), re.I) and "$" not in desc
                    and (re.search(r"\d", desc) or _names_listed(desc) or STUDY_SETUP.search(self.heading_here))
                    or LABEL_TERM.match(PAREN_TAIL.sub("", term).strip()) or re.fullmatch(r"\\?[\[【].*\\?[\]】]", term)
                    or FIELDS_LINE.search(term)
                    or SECTION_REF.search(term) or NUMBERED_REF.search(term) or term in self.enumerated
                    or (PROSE_LABEL_ZH if CJK.search(term) else PROSE_LABEL).search(term))

    def _someones(self, term: str) -> bool:
        """A term that is a speaker's own (“小满踩的坑”, “老周说的”, “Priya's trick”)."""
        return any(term.startswith(name) and OWNED_BY.match(term, len(name))
                   for name in self.speakers | self.turn_takers) or any(
            term.startswith(name) and DOES_OWN.match(term, len(name)) for name in self.present - self.speakers)

    def _tagged(self, text: str) -> bool:
        """Text that opens on an annotator's tag (“[me] so”, “【小鹿】✅ 记下了”)."""
        tag = TAG_OPENING.match(_bare(text))
        return bool(tag) and (tag.group(1) or tag.group(2)) in self.tags

    def definition(self, term: str, desc: str, source: Source, ctx: _Ctx, within: str = "",
                   remark: bool = False, points: bool = False, attribute: str = "", sheet: bool = False,
                   grid: bool = False, loose: bool = False) -> None:
        """A card asking what ``term`` is; ``within``: the formula a term written in math is a
        part of (“$(1-\\rho) g_t^2$：当前梯度平方的贡献” under $v_t = \\rho v_{t-1} + (1-\\rho) g_t^2$);
        ``attribute``: what of the term ``desc`` gives instead (a table's column: “归一化的维度”);
        ``sheet``: the term is one field of a sheet about the section's subject (left out as a label);
        ``grid``: one cell of a table of things by properties (a card per property of the term);
        ``loose``: the term is only the name a line opens on (“- RoPE 终于通了”): asked what it is
        only when what follows is no remark on it (else left out, said)."""
        desc = EDGE_BREAKS.sub("", desc.strip())
        desc = STRUCK_BEFORE.sub("", desc)  # (“~~$\frac{1-p}{p}$~~ $\frac{1-p}{p^2}$”: the value the notes set right)
        desc = _unreviewed(desc)  # (“… eps=1e-8   ✓ 3/2 ✗ 9/2 (said 1e-6)”: how one's reviews went)
        if "\n" not in desc:
            # “# trials until first success” after a colon: on a card of its own it must not turn
            # into a heading
            desc = re.sub(r"^(#+\s)", r"\\\1", desc)
        if not desc.strip():
            return
        term = clean_term(term)
        if not term:
            return
        if source.line in self.views and not self.views[source.line]:
            return  # (“- old: softmax is needed for argmax” over “+ new: …”: asked by the card of what replaced it)
        if self.views.get(source.line):
            # what one got wrong, and what is so instead: a card of the mistake
            front = self.t("{c}：以前以为“{o}”——实际上呢？", "{c}: I used to think “{o}”; what is actually so?",
                           c=_named_concept(ctx), o=self.views[source.line])
            self.add(ctx, CardKind.MANUAL, "view:" + anchor(self.views[source.line]), front, desc, source,
                     formulas=formulas_in(desc))
            return
        if DEFAULTS_LABEL.fullmatch(term.strip()) and self.defaults_line(desc, source, ctx):
            return
        if self.callable_named(term.strip().strip("`")) and self.defaults_line(desc, source, ctx, call=term):
            return  # “**AdamW**：lr=1e-3, betas=(0.9, 0.999), weight_decay=1e-2”: its defaults, each checked
        if self.scripted and any(SCENE_HEADING.fullmatch(SECTION_NUMBER.sub("", title).strip()) for title in ctx.deck[1:]) \
                and (PRODUCTION_WORD.fullmatch(_bare(term).strip()) or SPOKEN_LINE.fullmatch(desc.strip())
                     or SAID_HOW.search(_bare(term).strip())):
            # (“### 分镜 3” over “- 画面：…”, “- 旁白：…”, “- 猫老师：「…」”: what a panel shows and who says what in
            # it, not what a term is; its formulas and code are cards still)
            self.notices.append(Notice(source, "left-out:script", self.t(
                "“{t}” 是脚本里一格（一场）的说明或台词，不是要记住的知识；把它讲的结论单独写成一句",
                "“{t}” is a direction or a line in a script's panel or scene, not knowledge to recall; state the fact "
                "it shows on its own", t=term if len(term) <= 40 else term[:39] + "…")))
            return
        if self._own_answers_here(ctx) and SAID_BY.fullmatch(_bare(term).strip()):
            self.notices.append(Notice(source, "left-out:said-by", self.t(
                "“{t}” 记的是某人当时说的话，不是问题也不是术语；把其中的结论单独写成一句",
                "“{t}” records what someone said, neither a question nor a term; state the point it makes on its own",
                t=term)))
            return
        asks = ASKS.match(term) is not None
        if len(term.split()) > 8 or term.rstrip().endswith((".", "。", "!", "！")) \
                or term.rstrip().endswith(("?", "？")) and not asks or CLAUSE_TERM.search(term) and not asks:
            self.notices.append(Notice(source, "left-out:no-subject", self.t(
                "“{t}” 是一句话，不是一个术语；用几个字写出它的名字，再写解释",
                "“{t}” is a sentence, not a term; name the thing in a few words, then explain it",
                t=term if len(term) <= 40 else term[:39] + "…")))
            return
        if ANSWER_LABEL.fullmatch(term.strip()) and ASKING_HEADING.search(ctx.concept):
            # “## BatchNorm 训练和推理有什么区别” over “**正确答案：** …”: the heading asks, this answers
            question = TRAILING_MARKS.sub("", ctx.concept)
            question += "" if question.endswith(("?", "？")) else self.t("？", "?")
            self.add(ctx, CardKind.MANUAL, "manual:" + anchor(question), question, desc, source,
                     formulas=formulas_in(desc))
            return
        # (“**Practical**: CE takes raw logits”, “Important detail: …”: what matters in practice, of the section's
        # subject, not a label that takes its fact with it)
        practice = PRACTICE.fullmatch(term.strip()) is not None and bool(ctx.concept) and not (attribute or grid) \
            and not THREAD_TURN.search(ctx.concept) and not NO_SUBJECT.search(ctx.concept) \
            and not GLOSSARY_HEADING.search(ctx.concept)  # (“**ptr** replied on Mar 3”, “第 3 周 周报”: no subject)
        # (“**TL;DR:** …”, “**一句话总结**：…” under BatchNorm: what BatchNorm is, in one line)
        brief = IN_SHORT.fullmatch(_bare(term).strip()) is not None and bool(ctx.concept) and not (attribute or grid) \
            and source.line in self.opening_here and not NO_SUBJECT.search(ctx.concept) and not COMPARISON.search(ctx.concept) \
            and not ASKS.match(ctx.concept) and not re.match(r"\s*(?:\d{4}|how to\b|怎么|如何)", ctx.concept, re.I) \
            and not ABOUT_THE_TEXT.match(desc) and not re.search(r"(?:这|本)(?:一)?(?:章|节|篇|讲)|\bthis (?:chapter|post|section)\b", desc, re.I)
        # (“Why I switched…”, “How to fix OOM”, “2012–2015: …” sum up no thing; “这一章讲的是…” sums up the text)
        label = not practice and not brief and (sheet or self.is_label(term, desc)) or _setup_field(term, desc, ctx) \
            or len(ctx.deck) <= 1 and REPORT_PARTNER.fullmatch(_bare(term).strip()) is not None \
            and not _says_what_it_is(desc) \
            or len(ctx.deck) <= 1 and COURSE_PARTICULAR.fullmatch(_bare(term).strip()) is not None \
            and not _says_what_it_is(desc) and not GLOSSARY_TITLE.search(self.outline.title) \
            and (re.search(r"\d", desc) is not None or len(desc.split()) <= 3) \
            or INTERVIEW_SETTING.fullmatch(_bare(term).strip()) is not None and not attribute \
            and INTERVIEW_PAGE.search(" ".join((self.outline.title, *ctx.deck))) is not None \
            or _cited(_bare(term), desc) \
            or LOG_BREAK.fullmatch(_bare(term)) is not None and _bare(term).casefold() in self.twice \
            or (self.chat or _bare(term) in self.handles) and _bare(term).startswith("@")  # (a log's breaks, a chat's replies)
        # (“**Introduced**: Hochreiter & Schmidhuber, 1997”: where the thing comes from, a field of the notes)
        # (a struck name, “~~`torch.autograd.Variable`~~：0.4 起弃用”, is a deprecated API and what replaced it)
        struck = term.strip("* ")
        # (a strike that runs over the line, “~~First try: "…” over “determined"~~ — wrong”, crosses out both)
        why = "crossed-out" if struck.startswith("~~") and ("~~" in desc or struck.endswith("~~") and _claim(struck.strip("~"))) \
            or CODE_SPAN.sub("", struck).count("~~") % 2 and "~~" not in CODE_SPAN.sub("", desc) and "~~~" not in struck \
            or STRUCK_ONLY.fullmatch(desc.strip()) else \
            "old-view" if OLD_VIEW.fullmatch(PAREN_TAIL.sub("", _bare(term)).strip()) \
            else "preamble" if ctx.preamble and normalize_name(term) != normalize_name(ctx.concept) \
            else "plan-item" if TIME_SLOT.fullmatch(_bare(term).strip()) and PLAN_TITLE.search(ctx.concept) \
                or TIMING_TITLE.search(ctx.concept) and CLOCK_TIME.fullmatch(desc.strip()) \
            else "report-field" if _reporter(term, desc) \
            else "notation" if _notation(term, ctx) \
            else "marked-reply" if MARKED_REPLY.match(desc) and (_bare(term).strip() in self.repliers
                                                                 or SOMEONE.fullmatch(_bare(term).strip())) \
            else "personal" if label and _bare(term).strip() in self.speakers and OWN_SPEAKER.fullmatch(_bare(term).strip()) \
                or source.line in self.story_here \
            else "tally" if TALLY_TERM.fullmatch(_bare(term).strip()) and not EXAM_PARTS.search(desc) \
                or len(MARK_COUNT.findall(desc)) >= 2 and (MARK_TALLY.fullmatch(desc.strip()) or len(COUNTED_MARK.findall(desc)) >= 2) \
            else "legend" if source.line in self.legend or source.line < self.first_heading \
                and SYMBOL_KEY.fullmatch(_bare(term).strip()) and len(KEYED.findall(desc)) >= 2 \
            else "topic-list" if TOPIC_PARTS.fullmatch(desc.strip()) \
            else "label-term" if label or self.options_here and CHOICE_TERM.fullmatch(_bare(term).strip()) \
            else "example" if _valued_math(term) or _one_of_an_example(term, desc) \
            else "refers-back" if REFERS_BACK.match(desc) or len(desc) < 60 and POINTS_BACK.search(desc) \
            else "about-the-text" if PAGE_REF.search(desc) or ABOUT_THE_TEXT.match(desc) \
            else "example" if _works_an_example(ctx) or _exercise_arithmetic(term.strip(), desc, ctx) \
                or _shows_an_example(ctx) and NUMBER_ONLY.fullmatch(desc) \
                or _worked_data(desc, ctx) \
            else "result" if (OWN_RUNS.search(ctx.deck[-1]) and MEASURED_VALUE.search(desc)
                              # (“- xavier: 0.585 / 0.350 / 0.090” under “Experiment 2: …”: one's runs, seed by seed)
                              or (OWN_RUNS.search(ctx.deck[-1]) or NUMBERED_RUN.search(ctx.deck[-1]))
                              and RUN_SERIES.match(desc) and SEEDS.search(" ".join((*ctx.deck, *ctx.labels)))
                              or RESULT_LABEL.fullmatch(_bare(term)) and MEASURED.search(desc)
                              and (MEASURED_VALUE.search(desc) or BEFORE_AFTER.search(desc)
                                   or re.search(r"\b(?:after|before) the fix", term, re.I))
                              # (“**修完之后**：稳定 71.8%” under “Chain 4：…”: how one's own incident stood after it)
                              or INCIDENT.match(ctx.concept) and FIXED_LABEL.fullmatch(_bare(term)) and MEASURED.search(desc)) \
                             and not grid \
            else "aside" if remark else ""
        shown = term if "$" in term or "`" in term else f"**{term}**"
        keyed = f"{term} {attribute}" if grid else term  # what the card's identity is made of
        # a facet, or a label the writer gives a part of every section (“**推文版**”, “Time complexity”):
        # asked of the section's subject
        facet = FACET.fullmatch(term.strip()) or _bare(term).casefold() in self.recurring
        if facet and TASK_STATEMENT.search(strip_math(desc)):
            why = why or "label-term"  # “**Problem**: implement iou(a, b) …”: an exercise's task, no drawback
        if ARGUMENT_PART.fullmatch(term.strip()) or facet and not brief and (
                DOC_HEADING.search(ctx.concept) or GENERIC_HEADING.match(ctx.concept)
                or FACET.fullmatch(ctx.concept.strip())):
            why = why or "label-term"  # “后续的反思：**问题**：…”: the problem of what, the card cannot say
        if attribute:
            # (a remark in brackets, “（对 N,C,H,W）”, may list the very values asked for)
            asked = (PAREN_TAIL.sub("", attribute) or attribute).rstrip("？?：: ")
            # (a column that asks, “会不会拷贝”, asks it of the row: “**view** 会不会拷贝？”)
            front = self.t("{c}：{t} {a}？" if ASKING_COLUMN.search(asked) else "{c}：{t} 的{a}？", "{c}: {t}: {a}?",
                           c=_named_concept(ctx), t=shown, a=asked)
        elif USUAL_VALUE.fullmatch(strip_math(desc) if "$" not in desc else desc) and not why:
            # “**margin**：建议取 0 ~ 0.5”: the value it usually takes, not what it is
            front = self.t("{c}：{t} 通常取多少？", "{c}: what value does {t} usually take?",
                           c=_named_concept(ctx), t=shown)
        elif CITATION.fullmatch(term.strip()) and not why:
            # “**Szegedy 2014**: 发现了对抗样本”: what that work found, not what it “is”
            front = self.t("{c}：{t} 提出或发现了什么？", "{c}: what did {t} propose or show?", c=_named_concept(ctx),
                           t=shown)
        elif re.search(r"[^\s*]\s*是$", _bare(term).strip()) and CJK.search(term) and not SHI_WORD.fullmatch(_bare(term).strip()) \
                and not ASKS.match(_bare(term)) and not why:
            # “**作者的论点是**：…”, “**GPU 上的 kernel 基本是**：…”: a sentence that stops where its answer begins
            front = self.t("{c}：{t}什么？", "{c}: {t} what?", c=_named_concept(ctx), t=_bare(term).strip())
        elif COUNTED.fullmatch(term.strip()) and not why:
            # “Two gates: update and reset” under GRU: which they are
            front = self.t("{c}的{t}是什么？", "{c}: what are the {t}?", c=_named_concept(ctx), t=term.strip().lower())
        elif practice and not why:
            front = self.t("{c}：实践中要注意什么？", "{c}: what matters in practice?", c=_facet_owner(ctx))
        elif (PLAIN_WORDS.fullmatch(_bare(term).strip()) or brief) and not why:
            # “**人话**：截断 SVD 就是最好的秩 k 近似” under 低秩近似: what it is, said plainly (under “Overview”,
            # what the file is about); “**TL;DR:** …”: what it is, in one line
            owner = SECTION_NUMBER.sub("", ctx.deck[-2]).strip() or ctx.deck[-2] \
                if len(ctx.deck) >= 2 and (DOC_HEADING.fullmatch(ctx.concept.strip()) or GENERIC_HEADING.match(ctx.concept)) \
                else _facet_owner(ctx)
            front = self.t("{c}：一句话说是什么？", "{c}: what is it, in one line?", c=owner) if brief else \
                self.t("{c}：通俗地说是什么？", "{c}: what is it, in plain words?", c=owner)
        elif facet and SYMPTOM.fullmatch(term.strip()) and not why and (
                _only_what_one_sees(ctx.concept, desc) or INCIDENT.match(ctx.concept) and OBSERVED.search(ctx.concept)
                or self.tracked_here and ISSUE_ID.match(ctx.concept)):
            # (under “Chain 1：loss 跑到第 3 个 epoch 突然变 nan”, one's own incident named by what one saw: what
            # happened that time; under “坑 1：两个 view 是同一张图”, a cause, what one sees of it is a fact of it)
            # “**Symptom:** loss prints nan” under “Loss is nan”: the heading names it already; a symptom is
            # what one sees, to ask its cause by (those of a cause, “Exploding gradients” → “NaNs, loss
            # spikes”, are a fact of it)
            why = "symptom"
            front = self.t("{c}的{t}是什么？", "{c}: what is its {t}?", c=_facet_owner(ctx, term), t=term.strip().casefold())
        elif facet and not why:
            # “**problem**: G_t only grows …” under AdaGrad: the problem of AdaGrad (under a page's title that names
            # no one thing, “cards draft — optimizers”, “Talk notes — …”, of which, the card cannot say)
            if len(ctx.deck) == 1 and not ctx.labels and COLLECTION_TITLE.search(ctx.concept):
                why = "facet-of-page"
            low = term.strip().casefold()
            verb = FACET_VERB.fullmatch(_bare(low).strip())
            front = self.t("{c}的{t}是什么？", "{c}: what does it {v}?", c=_facet_owner(ctx, term), t=low,
                           v=verb and f"{verb[1]}{'y' if verb[1] in ('appl', 'rel') else ''} {verb[2]}") if verb else \
                self.t("{c}的{t}是什么？", "{c}: what {v} {t}?", c=_facet_owner(ctx, term), t=low,
                       v="is it" if low.endswith(" for") else "are its" if low.endswith("s") else "is its")
        elif ASKS.match(term) or COMPARISON.search(term):
            # “**为什么 FFN 先升维到 4d**：…”: the term is itself the question
            named = _named_concept(ctx)
            if ctx.labels and _says_no_subject(term):
                # “1. **Loss at init.** … ≈ log K” over “- why: …”: the why of the item it hangs from
                named = _statement(ctx.labels[-1]) or named
                keyed = named + " " + term  # (each item's why a card of its own)
            elif normalize_name(named) == normalize_name(term):
                # “- Why” over its reasons, under “Feature stores”: asked of the section, not of itself
                named = _heading_above(ctx, term) or named
            front = self.t("{c}：{q}", "{c}: {q}", c=named,
                           q=term if term.endswith(("?", "？")) else term + self.t("？", "?"))
            if GENERIC_HEADING.match(SECTION_NUMBER.sub("", ctx.concept).strip()) \
                    and SUBJECTLESS.fullmatch(ASKING_WORDS.sub("", term)):
                why = why or "label-term"  # (“简答题” over “**为什么有效？**”: of what, the card cannot say)
        elif ctx.labels and COMPARISON.search(ctx.labels[-1]) \
                and not (PROSE_LABEL_ZH if CJK.search(ctx.labels[-1]) else PROSE_LABEL).search(ctx.labels[-1]):
            # “参数对比（每层 C 个通道）：” over “三个 3x3：参数少”: this case of what the label compares
            front = self.t("{c} › {l}：{t} → ？", "{c} › {l}: {t} → ?", c=_named_concept(ctx),
                           l=ctx.labels[-1].rstrip("：: "), t=shown)
        elif CHOOSING.search(ctx.concept) or BARE_COMPARISON.fullmatch(ctx.concept):
            # “怎么选” over “**多标签**：BCEWithLogits”: which one for this case; under a bare “比较”,
            # “**GoogLeNet**: 最高效” cannot say what is compared
            front = self.t("{c}：{t} → ？", "{c}: {t} → ?", c=_named_concept(ctx), t=shown)
            why = why or ("" if CHOOSING.search(ctx.concept) else "comparison-case")
        elif within:
            front = self.t("{c}：在 ${f}$ 中，{t} 是什么？", "{c}: in ${f}$, what is {t}?", c=_named_concept(ctx),
                           f=within, t=shown)
        elif ctx.concept and normalize_name(term) != normalize_name(ctx.concept) and not NAMED_THING.search(term) \
                and (_case_answer(desc) or CASE_WORD.fullmatch(term.strip()) or CASE_TERM.fullmatch(term.strip())):
            # “数据增强” over “**图像**：翻转、随机裁剪”, “DDP” over “every rank logs: guard with rank 0”:
            # what the section says for this case, never what the case itself is
            front = self.t("{c}：{t} → ？", "{c}: {t} → ?", c=_named_concept(ctx), t=shown)
        elif (remark or points) and (normalize_name(term) == normalize_name(ctx.concept) or not ctx.concept):
            front = self.t("关于 {t}，要记住什么？", "What should you remember about {t}?", t=shown)
        elif REMARK.match(desc) or remark or loose and ONE_OF_A_KIND.match(desc) \
                or REMARKS_HEADING.search(ctx.concept) and not _says_what_it_is(desc) \
                or len(desc) < 120 and STATES_THEOREM.search(desc) \
                and not NAMED_RESULT.search(PAREN_TAIL.sub("", term)) and not re.search(r"性$|\bproperty$", term):
            # (a law, a theorem or a property is what its statement says: asked what it is)
            # “GRU: ~3/4 the params, usually just as good”: a remark on the term, not what it is
            front = self.t("{c}：关于 {t}，要记住什么？", "{c}: what should you remember about {t}?",
                           c=_named_concept(ctx), t=shown)
        elif normalize_name(term) == normalize_name(ctx.concept) or not ctx.concept or LETTER.fullmatch(ctx.concept):
            front = self.t("什么是 {t}？", "What is {t}?", t=shown)
            why = why or ("remark" if loose and _remarks(desc) else "")  # (“- RoPE 终于通了”: a remark on it)
        else:
            front = self.t("{c}：{t} 是什么？", "{c}: what is {t}?", c=_named_concept(ctx), t=shown)
            why = why or ("remark" if loose and _remarks(desc) else "")
        if practice and not why:
            same = next((n for n, c in enumerate(self.cards) if c.front == front and c.deck == ctx.deck), None)
            if same is not None:  # (“In practice: …” and “Practical: …” in one section: one card, both)
                self.cards[same] = replace(self.cards[same], back=self.cards[same].back + "\n\n" + desc,
                                           formulas=self.cards[same].formulas + formulas_in(desc))
                return
        # (an attribute's value may be a bare number: what it is, not a number worked out)
        flags = ((LEFT_OUT + why,) if why else ()) + (("attribute",) if attribute else ())
        self.add(ctx, CardKind.DEFINITION, "def:" + (ctx.scope + "/" if ctx.scope else "") + normalize_name(keyed),
                 front, desc, source, formulas=formulas_in(desc), flags=flags)

    def _stated_before(self, thing: str, attribute: str, value: str, deck: tuple[str, ...]) -> bool:
        """Whether a card of these notes already asks this cell's fact: a summary table at the end (“| Bernoulli | $p$ |
        $p(1-p)$ |”) over sections that stated each (“#### Bernoullijeva razdioba” over “$\\mathrm{Var}(X) = p(1-p)$”): a
        formula card with the property and the value in one chain of equals, under the thing's name, or a card that asks
        that property of it and is answered by the value alone. (Looked up by the value, in an index of the cards made.)"""
        prop, said = _bare_math(attribute), _bare_math(value)
        names = [word[:6] for word in re.findall(r"[^\W\d_]{3,}", plain_inline(thing).casefold())]
        asked = plain_inline(attribute).strip().casefold()
        if not prop or not said or not names:
            return False
        for card in self.cards[self.said_upto:]:
            if "attribute" in card.flags:
                continue  # (another table's cell is no statement of its own)
            if card.kind is CardKind.FORMULA:
                for span in formulas_in(card.back):
                    sides = frozenset(map(_bare_math, re.split(r"(?<![<>!≤≥])=(?!=)", span)))
                    for side in sides:
                        self.said.setdefault(side, []).append((card, sides))
            elif card.kind is CardKind.DEFINITION:
                self.said.setdefault(_bare_math(card.back), []).append((card, frozenset()))
        self.said_upto = len(self.cards)

        def named(card: Card) -> bool:  # (“Bern($p$)” in “### Bernoulli($p$)”: each word of the row's name begins one)
            words = re.findall(r"[^\W\d_]{3,}", " ".join((card.deck[-1], card.front)).casefold())
            return all(any(word.startswith(name) for word in words) for name in names)
        # (a card of the table's own section is a sibling, no earlier statement)
        return any(card.deck != deck and named(card)
                   and (prop in sides if card.kind is CardKind.FORMULA else
                        # (“Bernoulli($p$): what is its mean?” → “$p$” before “| Bern($p$) | $p$ |” under “mean”, “var”)
                        bool(asked) and re.search(rf"(?<!\w){re.escape(asked)}", card.front.casefold()) is not None)
                   for card, sides in self.said.get(said, ()))

    def defaults_line(self, desc: str, source: Source, ctx: _Ctx, lead: str = "", call: str = "") -> bool:
        """“默认：lr=1e-3, β1=0.9, β2=0.999, eps=1e-8” under a heading (or a line over its list)
        that names a torch callable (“Adam 的原理，默认参数？”): each default asked, and checked,
        as a parameter list's would be (``call``: the code a comment stating them stands beside,
        which alone names the callable). False when none is named or a piece is not ``name=value``."""
        places = (call,) if call else (ctx.concept, *ctx.labels, lead)
        owner = next((w for text in places for w in OWNER_WORD.findall(text) if self.callable_named(w)), None)
        pairs = default_pairs(desc)
        if owner is None or not pairs:
            return False
        items = [_default_item(name, value, source, self.zh) for name, value in pairs]
        # (filed under the callable's name, as a table's row is: what the verifier looks up)
        owned = replace(ctx, concept=owner, deck=ctx.deck + (owner,)) \
            if normalize_name(owner) != normalize_name(ctx.deck[-1]) else ctx
        self.parameters(items, owned)
        return True

    def parameters(self, items: list[Item], ctx: _Ctx, flags: tuple[str, ...] = ()) -> None:
        # “`nn.LSTM` 参数 & 默认值” over the table: the parameters of `nn.LSTM`
        ctx = replace(ctx, concept=PARAM_SUFFIX.sub("", ctx.concept).strip() or ctx.concept)
        for child in items:
            split = split_label(child.text) or split_doc_param(child.text)
            if not split or not split[1]:
                continue
            name, desc = split
            ident = IDENT.match(name)
            if ident:
                pname = ident.group(1)
                symbols = tuple((pname, m.strip("$ ")) for m in SYMBOL_IN_DESC.findall(desc))
                default = parse_default(desc)
                # “(float, optional) learning rate (default: 1e-3)” -> “learning rate”
                meaning = _param_meaning(desc) if default is not None else desc
                if ONLY_REQUIRED.fullmatch(desc):
                    meaning = ""  # “默认 必填”, “默认：无”: nothing said of what it is
                cloze = "" if default is None else self.t(
                    "{c} 的参数 `{p}`（{m}）默认为 {{{{c1::{d}}}}}", "{c}: `{p}` ({m}) defaults to {{{{c1::{d}}}}}",
                    c=ctx.concept, p=pname, m=no_cloze(meaning), d=no_cloze(default)) if meaning \
                    else self.t("{c} 的参数 `{p}` 默认为 {{{{c1::{d}}}}}", "{c}: `{p}` defaults to {{{{c1::{d}}}}}",
                                c=ctx.concept, p=pname, d=no_cloze(default))
                # (asked what it is; its default, where one is said, is asked by the cloze below, unless the
                # meaning says the default too, “If True, adds a bias. Default: True”, and the cloze is left out:
                # then this card asks it)
                front = self.t("{c} 的参数 `{p}` 是什么？默认值？", "{c}: what is the parameter `{p}`, and its default?",
                               c=ctx.concept, p=pname) if cloze and blank_said_around(cloze) else \
                    self.t("{c} 的参数 `{p}` 是什么？", "{c}: what is the parameter `{p}`?", c=ctx.concept, p=pname)
                if meaning:  # (a default alone is asked once, by the cloze below)
                    # (what it is, without the default the cloze asks, where that only ends it: “学习率，默认 0.001”,
                    # “fraction of steps spent increasing (default: 0.3)”)
                    said = TRAILING_DEFAULT.sub("", desc) if cloze and not blank_said_around(cloze) else desc
                    self.add(ctx, CardKind.PARAMETER, "param:" + pname, front, said.strip() or desc, child.source,
                             symbols=symbols,
                             param=pname, default=default, sibling=f"param:{pname}", flags=flags)
                if cloze:
                    self.add(ctx, CardKind.CLOZE, "default:" + pname, cloze, desc, child.source,
                             symbols=symbols, flags=("default", *flags), param=pname, default=default,
                             sibling=f"param:{pname}")
            elif name.startswith("$"):
                symbol = name.strip("$ ")
                idents = IDENT_IN_DESC.findall(desc)
                symbols = ((idents[0], symbol),) if idents else ()
                front = self.t("{c} 中的符号 {s} 表示什么？", "{c}: what does {s} stand for?", c=ctx.concept, s=name)
                self.add(ctx, CardKind.DEFINITION, "sym:" + normalize_name(symbol), front, desc, child.source,
                         symbols=symbols)

    def steps(self, block: Block, ctx: _Ctx, lead: Block | None) -> None:
        items = [it for it in block.items if it.text.strip()]
        names, initials = [], []
        for it in items:
            text = STEP_PREFIX.sub("", it.text.strip(), count=1)
            mn = MNEMONIC.search(text)
            if mn:
                initials.append(mn.group(1))
                text = text[: mn.start()]
            names.append(text.strip())
        subject = ctx.concept if not ctx.labels else ctx.labels[-1]
        if lead is not None:
            split = split_label(lead.text)
            if split and not STEP_COUNT.fullmatch(split[0].strip()):
                subject = split[0]  # (“分两步：”, “Two steps:” name no procedure: the section's it is)
        # “式(9.5)的解释 的 4 个步骤”: a heading that only numbers an equation names no procedure
        # (or a label such as “要点”, “Notes”: a list of remarks, not steps)
        # (and “学习顺序（拓扑排序一下）”: the order one means to study in, a plan; “易错点汇总”: pitfalls, in no order)
        flags = (LEFT_OUT + "label-term",) if NUMBERED_REF.search(subject) or LABEL_TERM.match(subject) \
            or REMARKS_HEADING.search(subject) and not IN_ORDER.search(subject) \
            or STUDY_ORDER.fullmatch(PAREN_TAIL.sub("", subject).strip()) else ()
        hint = "-".join(initials) if len(initials) == len(names) else ""
        front = self.t("{s} 的 {n} 个步骤依次是？", "{s}: what are the {n} steps, in order?", s=subject, n=len(names))
        if hint:
            front += f"（{hint}）" if self.zh else f" ({hint})"
        back = "\n".join(f"{i}. {n}" + (f" ({initials[i - 1]})" if hint else "") for i, n in enumerate(names, 1))
        key = "steps:" + normalize_name(subject)
        self.add(ctx, CardKind.STEPS, key, front, back, block.source, sibling=key, flags=flags)
        cloze_lines = [f"{i}. {{{{c{i}::{no_cloze(n)}}}}}" + (f" ({initials[i - 1]})" if hint else "")
                       for i, n in enumerate(names, 1)]
        head = self.t("{s} 的步骤：", "{s}, step by step:", s=subject)
        self.add(ctx, CardKind.CLOZE, "cloze-" + key, head + "\n\n" + "\n".join(cloze_lines), "", block.source,
                 flags=("steps",) + flags, sibling=key)

    def formula(self, text: str, source: Source, ctx: _Ctx, lead: str = "", extra: str = "",
                plain: bool = False, prose: bool = False, otherwise: str = "", named_by: str = "") -> None:
        """One card per fact a formula text states: its sentence, with the formula's right-hand
        side (or the whole formula) asked for, and the conditions it holds under shown.
        ``named_by``: the clause after a display formula that names it (“则称 $f$ 为凸函数。”)."""
        label = LEAD_LABEL.match(text)
        named = label and (label.group(1) or label.group(2)).strip()
        said = _said_label(text)
        if self._own_answers_here(ctx) and OWN_ANSWER_LABEL.fullmatch(said):
            # (“**What I said:** $\\eta_t = 1/t^2$” in a viva's post-mortem: one's own answer given in the room, the right
            # one under its own label; what “Author said” at a poster explains is the author's to teach)
            self.notices.append(Notice(source, "left-out:said-by", self.t(
                "这一行记的是自己当时的回答（“{t}”），不一定对，不做卡片；把正确的结论单独写成一行",
                "this line records one's own answer at the time (“{t}”), right or wrong, so it makes no card; write "
                "the right statement on a line of its own", t=said)))
            return
        if named and WRONG_HEADER.fullmatch(named):
            # (“**Wrong:** $E[X^2] = (E[X])^2$” in a sheet of traps: what not to think, the right one after it)
            self.notices.append(Notice(source, "left-out:crossed-out", self.t(
                "这一行标着“错误”，是错的说法，不做卡片；把正确的写法单独写成一行",
                "this line is marked wrong, so it makes no card; write the right statement on a line of its own")))
            return
        first_line = source.line
        if named and (ANSWER_LABEL.fullmatch(named) or LABEL_TERM.match(named) or named in self.speakers
                      or named in self.turns_here):
            # (“**STUDENT:** So $y = …$”: nor is who says it)
            first_line += text[:label.end()].count("\n")
            text = text[label.end():]  # “**正确答案：** 假设 …”: the label is no part of the sentence
        legacy = [l for l in ctx.legacy if l.strip(" …：:，,。")]
        n = self.ordinal(replace(ctx, deck=ctx.deck + tuple(legacy)), "formula")
        legacy_key = "formula:" + "/".join(normalize_name(l) for l in legacy) + f"#{n}"
        labels = [l for l in ctx.labels if l.strip(" …：:，,。")]
        context = " › ".join(dict.fromkeys(p for p in [_named_concept(ctx), *labels] if p))
        if otherwise:  # “else:” names the case it stands for, not only that it is another one
            context += self.t("（{g} 不成立时）", " (when {g} does not hold)", g=otherwise)
        slot = "formula:" + "/".join(anchor(l) for l in labels) + "/"
        for asked in ask_formulas(text, lead, plain, self.t("［？］", "[?]"), prose=prose):
            # a boxed formula (the author's own mark), or one the text calls its result, is what the
            # argument arrives at
            boxed = not plain and any(BOXED.search(f) for f in asked.formulas)
            words_before = _words_before(asked.prompt)
            holds_alone = not plain and (_cites_a_known_result(words_before) or _for_every_case(words_before))
            result = boxed or holds_alone or not plain and bool(RESULT_LEAD.search(strip_math(lead + " " + asked.prompt)))
            if holds_alone:
                asked = _without_the_next_step(asked)
            if named_by:
                asked = replace(asked, prompt=f"{asked.prompt} {named_by}")
            remark = REMARK_AFTER_HOLE.search(asked.prompt)
            if remark and NAMES_THE_EQUATION.search(remark.group("words")) and not REMARK_CASE.search(remark.group("words")) \
                    and len(CJK.findall(remark.group("words"))) <= 12 and len(remark.group("words").split()) <= 6 \
                    and _answer_in_question(asked.prompt, asked.answer):
                # (“$H^2 = ?$（投影两次不变，幂等）”, “$H^\\top = ?$ (symmetric)”, “$E[\\hat\\theta] = ?$ (unbiased)”: the
                # property's name is the equation asked, its answer written in the asked side; on the back only. A remark
                # that names a case or a condition, “(Fletcher–Reeves)”, “(if unbiased)”, “(idempotent)” over
                # “tr(P) = rank(P)”, stays.)
                asked = replace(asked, prompt=asked.prompt[:remark.start("remark")].rstrip() + remark.group("end"))
            if LEADS_TO.search(asked.prompt):  # (“Newton's second law, $F = ?$ ⇒” over what it implies, below)
                asked = replace(asked, prompt=LEADS_TO.sub("", asked.prompt), answer=LEADS_TO.sub("", asked.answer))
            # a formula the text names as a definition, before it or after it, is no step either
            defined = not plain and named_formula(asked.prompt)
            if not plain and (max(map(relation_steps, asked.formulas), default=0) > MAX_STEPS
                              or max(map(chain_length, asked.formulas), default=0) > MAX_CHAIN):
                self.notices.append(Notice(source, "left-out:derivation", self.t(
                    "这是一段推导（一个式子连着推了好几步），不是一个要记住的事实；把结论单独写成一行公式",
                    "this is a derivation (one expression carried through several steps), not one fact "
                    "to recall; write its result as a formula of its own")))
                continue
            # (a sentence that starts by naming the section's subject names it once)
            named_first = asked.prompt and re.match(re.escape(context) + r"\s*[:：]", asked.prompt)
            front = asked.prompt if named_first else \
                self.t("{c}：{q}", "{c}: {q}", c=context, q=asked.prompt) if asked.prompt else \
                self.t("{c}：写出公式", "{c}: write the formula", c=context)
            back = f"`{' '.join(text.split())}`" if plain else asked.answer
            formulas = (text.strip(),) if plain else asked.formulas
            why = asked.why or ("" if boxed or defined else self._why_not_formula(ctx, asked))
            # (“Then Claim 2: $…$. Iterate. $\\square$”: the last step of a proof, not a fact of its own)
            why = why or ("derivation-step" if _proof_step(text, asked) and not boxed else "")
            # (“我之前整错了：以为 PyTorch 是 $v = ?$ 那种 EMA 写法”, “I thought $v = ?$”: what one believed, then corrected)
            why = why or ("old-view" if MISBELIEF.search(strip_math(_words_before(asked.prompt))) and not boxed else "")
            # (“Because $\sum_k y_k = ?$.”: a reason given for a step, nothing said of what it is about)
            why = why or ("derivation-step" if REASON_ONLY.fullmatch(strip_math(asked.prompt)) and not boxed else "")
            # (“$\\mathrm{PPL} = ?$ = `torch.exp(ce)`”: the sentence writes the asked side again, another way)
            why = why or ("answer-in-front" if EQUAL_AFTER_HOLE.search(asked.prompt) else "")
            flags = (("plain-text",) if plain else ()) + (("result",) if result else ()) + \
                ((LEFT_OUT + why,) if why else ())
            # the line the asked formula begins on (as a display block is at its “$$”), in a
            # paragraph that runs over several
            at = Source(source.path, first_line + text[:asked.at].count("\n")) if not lead else source
            self.add(ctx, CardKind.FORMULA, slot + asked.anchor, front, back, at, extra=extra,
                     formulas=formulas, plain_formula=plain, flags=flags, legacy_key=legacy_key)
            legacy_key = ""  # the earlier version made one card of the whole text

    def _unspoken(self, words: str) -> str:
        """A line without the name of who says it (“**STUDENT:** Subtract, divide, then…:”), and no line at all
        where it only sets a scene (“*[TEACHER writes on the board:]*”)."""
        cast = self.speakers | self.turns_here
        label = LEAD_LABEL.match(words)
        if label and (label.group(1) or label.group(2)).strip() in cast:
            words = words[label.end():]
        staged = STAGE_DIRECTION.fullmatch(words)
        return "" if staged and any(name in staged.group(0) for name in cast) else words

    def _aspect_owner(self, before: list[Block], ctx: _Ctx) -> str:
        """Whose aspect a bold line over a list names: the nearest line above it that is only a bold name, if
        that names a subject (“**指数分布 $\\mathrm{Exp}(\\lambda)$**” over its mean, then “**特点**”), else the
        section's (after “**证明要点**”, “**例子**” is the section's)."""
        for block in reversed(before[:-1]):  # (the last is the aspect's own line)
            only_bold = block.kind == "paragraph" and ONLY_BOLD.fullmatch(block.text.strip())
            mini = _mini_heading(block.text) if only_bold else ""
            if mini:  # the nearest: it names a subject, or the section's is meant (“**证明要点**”, then “**例子**”)
                named = not (ASPECT.fullmatch(mini) or LABEL_TERM.match(mini) or GENERIC_HEADING.match(mini)
                             or FACET_HEADING.fullmatch(mini) or DERIVING.search(mini) or mini in self.speakers
                             or self._tagged(mini))
                return mini if named else _named_concept(ctx)
        return _named_concept(ctx)

    @staticmethod
    def _why_not_formula(ctx: _Ctx, asked: Asked) -> str:
        """Why the headings make ``asked`` no card: a section that works an example through, one
        that derives or proves (its formulas are steps), or one named by an equation number
        with a sentence that names nothing (“式(10.19)的解释：$\\mathbf{X} = ?$”)."""
        headings = [*ctx.deck[1:], *ctx.labels]  # the sections, not the file's title
        if _works_an_example(ctx) or _shows_an_example(ctx) and _comes_to_numbers(asked.answer) \
                or ctx.working and (_comes_to_numbers(asked.answer) or any(
                MARKED_PROBLEM.match(h) and not STATEMENT_ITEM.search(h) for h in headings)
                and not DEFINED_AS.search(asked.prompt) and not NAMED_LAW.search(_words_before(asked.prompt))):
            # “A worked example by hand”, “作业 3 / Problem 1 / 1c.”, a step under “**解**：” that comes to numbers, or
            # any step of one under an exam's problem by its marks (“题 2 …（10 分）” over “**解题步骤：**”)
            # (“$v_2=\frac1{\sqrt2}(1,-1)^\top$”; an identity, “$\tanh'(x) = 1 - \tanh^2(x)$”, is learnt): that example's working
            return "example"
        lead = _words_before(asked.prompt)
        if any(DERIVING.search(h) for h in headings) and not DEFINED_AS.search(asked.prompt) \
                and not NAMED_STATEMENT.match(asked.prompt) and not _cites_a_known_result(lead) \
                and not _for_every_case(lead):
            return "derivation-step"
        if _named_by_number(ctx.concept) and not DEFINED_AS.search(asked.prompt) and not NAMED_RESULT.search(lead):
            return "derivation-step"  # “式(9.5)的解释”: it works through that equation, step by step
        words = re.sub(r"\W|写出公式|write the formula", "", strip_math(asked.prompt.replace("［？］", "").replace("[?]", "")))
        named = [h for h in (ctx.concept, *ctx.labels) if h and not _named_by_number(h)]
        return "no-subject" if len(words) < 4 and not named else ""

    def code(self, block: Block, ctx: _Ctx, lead: Block | None, shows_error: bool = False,
             shown: str | None = None) -> None:
        """A code card; ``shows_error``: the notebook's output under it is the error it raises,
        which the verifier then expects; ``shown``: the output pasted under it, which the verifier
        compares with what it prints."""
        if id(block) in self.bugs:
            # (“spot the bug”: the code, then what one sees, the fix and why: asked as the bug it has)
            symptom, answer = self.bugs[id(block)]
            fence = "```" + block.language + "\n" + block.text.rstrip("\n") + "\n```"
            front = (self.t("{c}：这个报错是什么原因？怎么改？\n\n{f}", "{c}: what causes this error, and the fix?\n\n{f}",
                            c=_named_concept(ctx), f=fence) if SHOWN_ERROR.search(block.text)
                     or re.search(r"\b[A-Z]\w*(?:Error|Exception)\b", symptom) else
                     self.t("{c}：这段代码有什么问题？怎么改？\n\n{f}", "{c}: what is wrong with this code, and the fix?\n\n{f}",
                            c=_named_concept(ctx), f=fence)) + (f"\n\n{symptom}" if symptom else "")
            self.add(ctx, CardKind.MANUAL, "bug:" + anchor(block.text), front, answer, block.source,
                     formulas=formulas_in(answer), flags=("shows-code",))
            return
        known = _translated_from(" ".join(ctx.deck[:-1]))
        if known and re.fullmatch(rf"(?:in\s+)?{re.escape(known)}\s*(?:的)?\s*(?:版本?|写法|实现|代码|version|implementation|"
                                  r"code|side|way)?", PAREN_TAIL.sub("", ctx.concept).strip(), re.I):
            return  # (“### PyTorch 版” in notes “PyTorch → JAX”: the side the learner knows, the cue of the other)
        about = (_clip(last_sentence(lead.text), before=True).strip().rstrip("：:。.，,") if lead is not None
                 else "")
        bare = about.strip("*_ :：")
        if REMARK_LEAD.search(about) or LABEL_TERM.match(bare) or ARGUMENT_PART.fullmatch(bare) or self._tagged(about) \
                or FIXED_VERSION.match(bare + "：") \
                or _opens_inside_brackets(about) or CONTINUES.match(about) \
                or GOES_ON.match(about) and not _names_a_task(about):
            # “没写完，卡住了…”, “**解决**：”: the writer's story or a label; “just to see it):”, the end
            # of an aside: the section names the code
            about = ""
        about = about or " › ".join((ctx.concept,) + ctx.labels)
        rewritten = self.superseded.get(block.source.line, set())
        wrong = rewritten >= {_function_name(d) for d in defined_names(block.text, block.language)}
        if rewritten and not wrong:
            # (“def log_softmax …; def nll …” over “订正版：” and “def nll_stable …”: the helper alone)
            block = replace(block, text=_without_definitions(block.text, rewritten))
        for offset, line in enumerate(block.text.splitlines(), start=1):
            # “torch.optim.Adam(model.parameters())   # 默认 lr=1e-4”: defaults stated beside the call
            code, _, comment = line.partition("#")
            said = DEFAULTS_PREFIX.match(comment)
            if said and OWNER_WORD.search(code):
                self.defaults_line(comment[said.end():], Source(block.source.path, block.text_line(offset)),
                                   ctx, call=code)
        defined = defined_names(block.text, block.language)
        fence = "```" + block.language + "\n" + block.text.rstrip("\n") + "\n```"
        back, flags = fence, ()
        if defined and not OUTPUT_CLAIM.search(block.text):
            # what to write is the function: its demonstration after it stays in the notes
            back = "```" + block.language + "\n" + definitions_only(block.text, block.language) + "\n```"
        if defined and all(EXAMPLE_FUNCTION.fullmatch(d.strip("`").split("(")[0].removeprefix("class "))
                           for d in defined):
            flags = (LEFT_OUT + "example-code",)  # f(x), f_grad(x): a worked example, not a method
        if lead is not None and WRONG_CODE.search(last_sentence(lead.text)) or rewritten and wrong \
                or block.language.casefold() in PYTHON_LANGUAGES and BUG_COMMENT.search(block.text):
            # “first version (WRONG, …)”, “原代码：”, “手滑写成了”, or a function a corrected version below
            # rewrites: not the one to recall
            flags = (LEFT_OUT + "wrong-code",)
        if defined and not OUTPUT_CLAIM.search(block.text):
            # the function is what to recall: name it, so the question says what to write
            front = self.t("{a}：写出 {d}", "{a}: write {d}", a=about, d="、".join(defined) if self.zh
                           else ", ".join(defined))
        elif SIGNATURE.fullmatch(block.text.strip()) and re.search(r"->|=|\*", block.text):
            # “torch.cat(tensors, dim=0, *, out=None) -> Tensor”: an API's signature
            front = self.t("{a}：写出它的签名", "{a}: write its signature", a=about)
            flags = flags + ("signature",)  # to recall, not to run
        elif block.language == "diff":
            # “-h += residual / +h = h + residual”: a change that fixes something, asked as that fix
            front = self.t("{a}：怎么改？", "{a}: what is the fix?", a=_named_concept(ctx) or about)  # (the bug: the section)
            changed = [line for line in block.text.splitlines() if line[:1] in "+-" and line[1:].strip()
                       and not line.startswith(("+++", "---"))]
            said = " ".join((*ctx.deck, lead.text if lead is not None else ""))
            if changed and all(CONFIG_LINE.fullmatch(line[1:]) for line in changed) and not BUG_WORDS.search(said) \
                    and (COMPARED_RUNS.search(said) or SEEDS.search(said) or OWN_RUNS.search(said)):
                # (“- label_smoothing: 0.0 / + label_smoothing: 0.1” over two runs' metrics: one setting changed for an
                # experiment, no fix of anything)
                flags = flags + (LEFT_OUT + "config-diff",)
        elif block.language in SHELL_LANGUAGES or not block.language and commands(block.text):
            # “torchrun --nproc_per_node=4 train.py”: a command to recall, nothing to run here
            front = self.t("{a}：写出命令", "{a}: write the command", a=about)
            if setup_commands(block.text) and not _marked_out(flags):
                flags = flags + (LEFT_OUT + "setup-commands",)  # “conda create …; pip install -r …”
            elif not _names_a_task(about) and not _marked_out(flags):
                flags = flags + (LEFT_OUT + "unnamed-code",)  # “单机：写出命令”: which command?
        elif REPL_LINE.match(as_pycon(block.text).lstrip("\n")):
            # an interpreter session pasted in (IPython's “In [3]:” too): what its lines printed is the answer
            # (the verifier runs them and compares)
            typed = "\n".join(line for line, read in zip(block.text.splitlines(), as_pycon(block.text).splitlines())
                               if read.startswith((">>>", "...")))
            front = self.t("{a}：这些语句输出什么？", "{a}: what do these lines print?", a=about) + \
                f"\n\n```{block.language}\n{typed}\n```"
            flags = flags + ("asks-output",)
        elif not defined and _shows_what_it_prints(block.text, block.language):
            # short code that says what each print shows (“print(x.shape)  # torch.Size([2])”,
            # or the output pasted as comments under it): asked with the outputs taken out
            # (the code it shows is the question: the section names its subject, not the sentence before)
            shows = about if GENERIC_HEADING.match(ctx.concept) else _named_concept(ctx) or about
            asked = self.t("{a}：每一行得到什么？", "{a}: what does each line give?", a=shows) \
                if evaluated_claims(block.text) or asserted_claims(block.text) else \
                self.t("{a}：这段代码输出什么？", "{a}: what does this code print?", a=shows)
            front = asked + f"\n\n```{block.language}\n{without_shown_outputs(block.text)}\n```"
            flags = flags + ("asks-output",)
        elif OUTPUT_CLAIM.search(block.text) or expected_outputs(block.text, beside=False) \
                or python_tree(block.text, block.language) is None:
            # (a value beside a print with no word that says so, “print(x.sum())  # tensor(6.)”, is checked, but makes
            # no code to recall: it is asked what it prints, below)
            # the code is what to recall; what it prints stays on the answer side, checked. A
            # sentence before it names the code only when it introduces it (“…自己写一个：”)
            named = about if lead is not None and _captions(lead.text) \
                or GENERIC_HEADING.match(ctx.concept) else _named_concept(ctx) or about
            front = self.t("{a}：写出代码", "{a}: write the code", a=named)
            leans = _leans_on(block.text, block.language)
            if not defined and lead is not None and (CHECK_CAPTION.fullmatch(lead.text)
                                                     or CHECKING_LEAD.search(last_sentence(lead.text))) \
                    and python_tree(block.text, block.language) is not None:
                flags = flags + (CHECKED_ONLY + "check-code",)  # “Quick check:” over a loop that prints: checked, not asked
            elif leans:  # “x.grad = None; y = x * 2 …” with x from a block before: not a card on its own
                flags = flags + ("leans-on:" + ", ".join(leans),)
            elif not defined and any(_worked_number(v) for v in expected_outputs(block.text, beside=False).values()):
                # code that shows the numbers it works out from its example (“print(loss)  # 输出：tensor(0.4167)”,
                # “F.softmax(logits)  # tensor([[0.6590, …”): no lines to write from memory, no
                # behaviour to ask (still checked)
                flags = flags + (CHECKED_ONLY + "worked-output",)
            elif not _names_a_task(named) and not _marked_out(flags) and not (
                    block.language.lower() in PYTHON_LANGUAGES and (block.language or python_tree(block.text, "") is not None)):
                # “Architecture: write the code” over a diagram, pseudocode or a config: which code?
                # (Python stays: the verifier checks what it claims, or that it runs at all)
                flags = flags + (LEFT_OUT + "unnamed-code",)
        else:
            # nothing defined, nothing claimed: the question is what it prints, answered by
            # running it (a card only if it ran; see gates.unrun)
            # (the values pasted beside its prints taken out of the question: they answer it)
            asked = without_shown_outputs(block.text).rstrip("\n")
            front = self.t("{a}：这段代码输出什么？", "{a}: what does this code print?", a=about) + \
                f"\n\n```{block.language}\n{asked}\n```"
            back, flags = "", ("computed-output",)
        if shows_error:
            flags = flags + ("shows-error",)
        elif shown is not None and shown.strip() and block.language.lower() in ("python", "py", "python3", "") \
                and "print(" in block.text:
            flags = flags + (SHOWN_OUTPUT + shown.strip("\n"),)
        n = self.ordinal(ctx, "code")
        self.add(ctx, CardKind.CODE, "code:" + first_statement(block.text), front, back, block.source,
                 code=block.text, language=block.language, legacy_key=f"code:{n}", flags=flags)

    def math(self, block: Block, ctx: _Ctx, lead: Block | None, after: Block | None = None) -> None:
        """A display formula, with the sentence before it (and the clause after it that names it)."""
        words = self._unspoken(last_sentence(lead.text)) if lead is not None else ""
        if words and LEAD_MARKS_WRONG.search(strip_math(words)):
            # (“**Back (old, WRONG):**”, “Old version (wrong):”, “My answer:” over it: the formula the
            # writer marks wrong; “❌ missing the log-det term. Correct:” introduces the right one)
            self.corrected.update(range(block.source.line, block.source.line + block.text.count("\n") + 2))
        if is_plain_formula(words.strip()):
            words = ""  # the formula once more without markup (“J(θ) = -1/m Σ …”): it would answer the card
        rows = stated_rows(block.text)
        said = WORDS_EQUATION.fullmatch(strip_math(LEAD_LABEL.sub("", words)).strip("*"))
        name, told = re.split(r"[=＝]", said.group(0), maxsplit=1) if said else ("", "")
        if said and len(re.findall(_TERM_JOIN, re.sub(r"[(（][^()（）]*[)）]", "", told))) + 1 \
                == _terms(rows[0][1] if rows else block.text):
            # or said in words, term for term (“口诀：方差 = 平方的期望 − 期望的平方” over “D(X)=E(X^2)-[E(X)]^2”: the
            # front names what the left side is, “方差”, and no more; “Adam = Momentum + RMSProp + 偏差修正” over its
            # rows names the rule's parts; a remark in brackets is a fact of its own)
            name = re.split(r"[:：]\s*", name)[-1].strip()  # (“口诀：方差”, “Mnemonic: profit”: the name alone)
            asides = " ".join(re.findall(r"[(（][^()（）]*[)）]", told))  # (“(zero covariance does NOT imply …)”: a fact too)
            words = name + ("：" if CJK.search(name) else ":") + (" " + asides if asides else "")
        if rows:
            # “\begin{aligned} m_t &= … \\ v_t &= … \end{aligned}”: each row states a fact of its own
            # (an update rule's steps), asked one by one as a list's items would be
            for offset, row in rows:
                line = (block.content_line or block.source.line) + offset
                self.formula(f"$${row}$$", Source(block.source.path, line), ctx, lead=words)
            return
        self.formula(f"$${block.text}$$", block.source, ctx, lead=words, named_by=_named_after(after, words))


# An equation in words (“方差 = 平方的期望 − 期望的平方”, “Variance = mean of the squares minus the square of the
# mean”): a name, then what it is, two terms or more added or taken away, as ``_terms`` counts a formula's; a given
# (“设 x = 2”) is not one.
_TERM_JOIN = r"(?:\s*+[−\-+]\s*+|\s++(?:minus|plus)\s++|减去|加上)"
WORDS_EQUATION = re.compile(rf"\s*+[^\W\d][^=＝$…]{{0,24}}?\s*+[=＝]\s*+(?:[^\W\d][^=＝$…−\-+×·/÷]*?{_TERM_JOIN})++"
                            rf"[^\W\d][^=＝$…]*?[\s:：.。]*+", re.I)


@lru_cache(maxsize=1 << 14)
def _bare_math(text: str) -> str:
    """Math without its dressing, to compare (“$\\mathrm{Var}(X)$” and “\\operatorname{Var}(X) ” alike: “Var(X)”)."""
    text = re.sub(r"\\(?:mathrm|operatorname|text|mathit|left|right|[,;!:]|\s)", "", text)
    return re.sub(r"[\s${}]", "", text).rstrip(".,，。")


def _terms(formula: str) -> int:
    """How many terms the right side of a formula's first equation adds up (“D(X)=E(X^2)-[E(X)]^2”: 2), counting
    no sign inside brackets or braces, nor one that opens the side."""
    side = re.split(r"(?<![<>!\\])=", formula.strip().strip("$"), maxsplit=1)[-1]
    side = re.split(r",\s*\\q?quad|\\q?quad|,\s*$|\\\\", side)[0].strip()
    depth, count = 0, 1
    for i, ch in enumerate(side):
        depth += ch in "([{" or side.startswith("\\left", i)
        depth -= ch in ")]}" or side.startswith("\\right", i)
        count += depth == 0 and ch in "+-" and i > 0 and side[:i].strip()[-1:] not in "+-=(^_{"
    return count


def _shows_what_it_prints(code: str, language: str) -> bool:
    """Every print of a short block has its output written beside or under it, what it shows is
    how the API behaves (shapes, dtypes, small values) rather than arithmetic on the example's
    numbers (“tensor(0.4167)”), and the block needs no name from elsewhere in the notes (a
    reader sees only the card)."""
    claims = expected_outputs(code)
    prints = sum("print(" in line for line in code.splitlines())
    # (a cheat sheet's lines that write what they give beside them count as prints that say so,
    # and such a sheet is read line by line: it may be longer; so are the lines that assert what they give,
    # “assert x.dtype == torch.int64”)
    evaluated = len(evaluated_claims(code))
    asserted = asserted_claims(code)
    # (where asserts are what a block claims, one that is no such claim, “assert torch.allclose(C, A @ B)”, would stand
    # on the question as written)
    if not prints + evaluated == len(claims) or not 0 < len(claims) + len(asserted) \
            or asserted and asserts(code) > len(asserted) or \
            len(code.splitlines()) > (CHEAT_SHEET_LINES if evaluated + len(asserted) > prints else SHORT_CODE_LINES):
        return False
    if any(_worked_number(value) for value in [*claims.values(), *(value for _, value in asserted.values())]):
        return False
    free = free_names(code, language or "python")
    return free is not None and not free - TAKEN_FOR_GRANTED


def _captions(text: str) -> bool:
    """A line right above code that introduces it (“自己写一个：”) or names it as a caption does
    (“使用 torch.svd 快速计算秩”), rather than a sentence about something else."""
    text = text.strip()
    return text.endswith((":", "：")) or len(text) <= 40 and not text.endswith(SENTENCE_FINAL)


def _leans_on(code: str, language: str) -> list[str]:
    """The names a Python block uses that neither it nor Python nor the usual imports define."""
    free = free_names(code, language or "python")
    return sorted(free - TAKEN_FOR_GRANTED) if free else []


def _worked_number(value: str) -> bool:
    """A value with three or more significant decimals (“0.4167”, “1.2910”): computed from the
    example's numbers, not a fact about the API (“2.5000” and “torch.Size([2, 3])” are)."""
    return any(len(d.rstrip("0")) >= 3 for d in re.findall(r"\d\.(\d+)", value))


# A card the verifier checks and the deck leaves out, for the reason after the colon (see gates.unrun).
CHECKED_ONLY = "checked-only:"
# Lines of code a learner reads at a glance, to say what it prints; a cheat sheet's lines, each
# with what it gives, are read one at a time.
SHORT_CODE_LINES = 15
CHEAT_SHEET_LINES = 24


# The end of a sentence begun before (“which makes no sense:”, “so the fix:”): it names nothing.
CONTINUES = re.compile(r"(?:which|that|but|because|since|or|hence|thus)\b")
# A lead that goes on from the one before (“then launch one process per GPU:”): a fragment unless
# it names a task.
GOES_ON = re.compile(r"(?:then|so|and|also)\b")
# A lead that tells the writer's story rather than what the code is.
REMARK_LEAD = re.compile(r"没写完|没写出来|卡住|后来补|补上的|待补|\b(?:TODO|FIXME)\b|\bI (?:got stuck|forgot|gave up|"
                         r"couldn'?t|did ?n[o']t)\b|\b(?:not finished|unfinished|got stuck)\b", re.I)


def _marked_out(flags: tuple[str, ...]) -> bool:
    return any(f.startswith(LEFT_OUT) for f in flags)


def _names_a_task(phrase: str) -> bool:
    """Whether the words a code card asks by say what the code does: a task anywhere in them
    (“使用 torch.svd 快速计算秩”, “我们可以用下面的命令安装 CPU 版”, “You can install the CPU build
    with pip”, “Distributed training”, “多卡训练”), or an algorithm over its pseudocode (“Dijkstra's
    algorithm”); not only where the code sits (“单机”, “The old way”, “Config she's using”, “韦恩图”,
    “Architecture”, “试了”)."""
    part = " ".join(phrase.split("›")[-1].split())[:200]  # (its words, as a card shows them)
    part = SECTION_NUMBER.sub("", re.sub(r"[*_`]", "", part)).strip()
    # (a task word only in what the thing was for, “Config she's using for training”, “The config I
    # used for the final run”, “试了训练时加上”, names no task; nor does a record's noun, “…的训练配置”)
    part = re.sub(r"\b(?:for|of|during|after|before|from)\b.*$|[\u4e00-\u9fff]{1,4}时", "", part, flags=re.I)
    if RECORD_HEAD.search(part):
        return False
    return bool(TASK_EN.search(part) or TASK_ZH.search(part) or IN_A_LANGUAGE.search(part))


# What “NB” stands for where it is a term (“Naive Bayes”, “net benefit”, “Nash bargaining solution (NB)”).
NB_SPELLED = re.compile(r"\s*(?:naive[\s-]bayes|negative[\s-]binomial|net[\s-]benefits?|nash[\s-]bargaining)\b|"
                        r"\b[Nn]\w+[\s-]+(?:\w+[\s-]+)?[Bb]\w+\s*\(NB\)", re.I)
# Labels in Danish, Norwegian, Swahili, Croatian, Afrikaans and Galician notes (“**Vigtigt**:” important, “**Eksempel fra slides**:”,
# “**Næste gang (F8)**:” next time, “**Kwa hivyo**:” therefore, “**Kumbuka**:” remember, “**Napomena**:” note,
# “**Konzultacije**:” office hours), and one's open points (“Open for me:”). (“Forbindelse”, a compound, and
# “Sammenheng”, a context, are terms as well.)
REMARK_LABEL = re.compile(r"vigtigt|viktig|husk|eksempel(?: fra \S.*)?|n[æe]ste gang.*|kwa hivyo|kwa hiyo|kumbuka|muhimu|"
                          r"mfano|napomena|pazi|primjer|konzultacije|va[žz]no|open (?:for me|questions?|points?)|"
                          # (and Afrikaans and Galician: “**Belangrik**:”, “**Dus**:” therefore, “**Let op**:”, “**Ollo**:”)
                          r"belangrik|dus|onthou|let (?:op|wel)|ollo(?: con)?", re.I)
# What a word list says of a word: its class, or its meaning in quotes (“adjective, "important"”, “noun (f.), …”).
WORD_GLOSS = re.compile(r"\s*(?:(?:\w+\s+){0,2}(?:nouns?|verbs?|adjectives?|adverbs?|adverbial|imperative|conjunction|"
                        r"preposition|pronoun|interjection|phrase|名词|动词|形容词|副词)\b|[\"“‘][^\"”’\n]{1,30}[\"”’])",
                        re.I)


# A lead over one's own run's settings (“Run config at the time (`configs/unet_v3.yaml`):”, “My config for run 2”,
# “我当时的训练配置”): the table under it is that run's, no fact to learn. (“Fleet configuration at the time of the
# battle”, “Defaults in `php.ini`” are facts.)
OWN_CONFIG = re.compile(r"\b(?:my|our)\s+(?:run\s+|training\s+)?config(?:uration)?s?\b|\brun\s+config(?:uration)?\s+at the time\b|"
                        r"\bconfig(?:uration)? (?:of|for) (?:my|our|this|that|the) (?:run|experiment)\b|"
                        r"\bconfig(?:uration)?\s+(?:that |which )?(?:i|we) (?:used|ran)\b|"
                        r"(?:我|我们)(?:当时)?的?(?:训练|实验)?配置", re.I)


# What a block is when its lead names a record of a run rather than a task (“实验 3 的训练配置”,
# “Architecture we ended up training”, “The config I used”).
RECORD_HEAD = re.compile(r"^(?:the |my |our |her |his )?(?:config(?:uration)?|architecture|setup|output|log|results?)\b|"
                         r"(?:配置|日志|输出|结果)$|^试了", re.I)


_VERBS_EN = ("activate", "add", "apply", "build", "calculate", "check", "clip", "clone", "commit", "compare", "compile",
             "compute", "concatenate", "configure", "convert", "copy", "count", "create", "debug", "decode", "define",
             "delete", "deploy", "disable", "distill", "download", "draw", "enable", "encode", "estimate", "evaluate",
             "execute", "export", "extract", "fetch", "filter", "find", "fine-tune", "finetune", "fit", "freeze",
             "generate", "import", "implement", "initialize", "initialise", "inspect", "install", "kill", "launch",
             "load", "log", "mask", "measure", "merge", "monitor", "move", "normalize", "pad", "plot", "predict",
             "preprocess", "print", "profile", "pull", "push", "quantize", "read", "register", "remove", "replace",
             "reshape", "resume", "revert", "run", "sample", "save", "select", "serve", "set", "show", "shuffle",
             "solve", "sort", "split", "stack", "start", "stop", "test", "tokenize", "train", "transform", "undo",
             "uninstall", "unzip", "update", "upgrade", "verify", "visualize", "wrap", "write")
# An English task anywhere in the words (“Set your identity once”, “Saving a model”, “You can install
# the CPU build”, “Gradient clipping”, “Installation”), or an algorithm (over its pseudocode).
TASK_EN = re.compile(r"\b(?:" + "|".join(
    v[:-1] + "(?:e|es|ed|ing|ation)" if v.endswith("e") else
    v[:-1] + "(?:y|ies|ied|ying|ication)" if v.endswith("y") else
    v + "(?:s|es|ed|ing|ation|" + v[-1] + "ing|" + v[-1] + "ed)?" for v in _VERBS_EN) +
    r"|algorithms?|pseudo-?code)\b", re.I)
# A thing written in a language (“Softmax kernel in CUDA”, “Linear regression in R”, “用 SQL 实现”): that
# thing's code.
IN_A_LANGUAGE = re.compile(r"\b(?:in|with|using)\s+(?-i:R|SQL|CUDA|C\+\+|C|Julia|MATLAB|Octave|Rust|JavaScript|"
                           r"TypeScript|Java|Go|Scala|Triton|JAX|NumPy|PyTorch|TensorFlow|Bash)\b|"
                           r"用\s*[A-Za-z+]+\s*(?:实现|写)", re.I)
# A Chinese task anywhere in the words (“使用 torch.svd 快速计算秩”, “接下来安装 torchvision”, “多卡训练”,
# “激活环境”), or an algorithm (“Dijkstra 算法”, “伪代码”).
TASK_ZH = re.compile(
    r"计算|求解|实现|构造|构建|搭建|创建|新建|定义|安装|卸载|启动|运行|执行|训练|微调|加载|载入|导入|导出|保存|读取|读入|写入|"
    r"画图|绘制|可视化|生成|转换|转成|查看|检查|设置|初始化|获取|拟合|评估|测试|比较|采样|划分|切分|拆分|排序|合并|拼接|下载|"
    r"上传|更新|升级|注册|冻结|冻住|裁剪|打印|统计|查找|删除|添加|开启|关闭|启用|禁用|激活|撤销|提交|推送|拉取|克隆|解压|压缩|"
    r"归一化|编码|解码|分词|预测|推理|复制|调试|恢复|部署|替换|验证|估计|预处理|筛选|打乱|封装|编写|手写|写一个|模拟|清空|"
    r"释放|指定|固定|设定|配置|计时|测量|监控|量化|蒸馏|算法|伪代码")


# A shell's languages: what such a block holds is a command to recall, not a program that prints.
SHELL_LANGUAGES = {"bash", "sh", "shell", "zsh", "console", "shell-session", "powershell", "ps1", "cmd", "bat"}
# An interpreter session: its first line is a prompt.
REPL_LINE = re.compile(r"^>>> ")


# Words that present a formula as where an argument arrives (“Hence the final form:”, “最终得到”).
RESULT_LEAD = re.compile(r"\bfinal (?:form|formula|result|expression)|最终(?:形式|公式|的?表达式)", re.I)
# The names an example gives its functions: a letter, with at most a suffix (f, g2, f_grad).
EXAMPLE_FUNCTION = re.compile(r"[A-Za-z]\d?(?:_[a-z]+)?")


# A sentence ends at these marks (outside math); a clause at these.
# A line break ends a sentence in Chinese notes (one sentence a line), not in wrapped English.
# A line that ends on a word that leads into more (因为, 而, 令, 的, …) was wrapped, not ended.
# A period after an abbreviation (“p.d.f.”, “e.g.”, “i.e.”, “etc.”, “Fig.”, Russian “т.к.”; not “в К.”, kelvin) ends no sentence, nor
# one that a Russian word in lower case follows (“стац. точка”: a word cut short), nor a word of two or three letters
# cut short that a word of four letters or more in lower case follows (“Diskretna sl. varijabla”; “in the lab. m =
# 0.5 kg” starts a sentence on a symbol).
# (a sentence in bold that ends its line ends with its bold: “**Check the loss at initialisation.**”; “**Lactobacillus
# spp.** the …” goes on)
_STOP = r"(?:[!?;]|(?<!\b[A-Za-z])(?<!\b[а-яё])(?<!\betc)(?<!\bvs)(?<!\bcf)(?<!\bFig)(?<!\bfig)(?<!\bEq)(?<!\beq)(?<!\bal)(?!(?<=\b[a-zà-ž]{2})\.[ \t]+[a-zà-ž]{4,}\b)(?!(?<=\b[a-zà-ž]{3})\.[ \t]+[a-zà-ž]{4,}\b)\.(?![ \t]+[а-яё]))(?:(?:\*{1,3}|_{1,3})(?![*_])(?=[ \t]*\n))?(?=\s)"
SENTENCE_END_MARK = re.compile(r"[。！？；]|" + _STOP + r"|\n\s*\n|"
                               r"(?<=[\u3400-\u9fff）」』”])(?<![因而令则即的在和与及或为是对将把被当若设由从得且但并其以])"
                               r"\n(?!\s*\$\$)")
# In Chinese prose that ends its sentences with marks, or wraps its lines after a comma or a
# word that leads into more, a line break is only where the line was wrapped (“…计算单隐藏层多层感知机的输出\n$\mathbf{O}$：”).
SENTENCE_END_WRAPPED = re.compile(r"[。！？；]|" + _STOP + r"|\n\s*\n")
PUNCTUATED_LINE = re.compile(r"(?:[。！？；，,]|[因而令则即的在和与及或为是对将把被当若设由从得且但并其以])[ \t]*\n")
CLAUSE_MARK = re.compile(r"[，,：:]")
# Words that say what follows was believed, wrongly (“以为 PyTorch 是 … 那种写法”, “我把它当成了”, “我第一反应写”, “I used
# to think”; not “可以为”, “不以为然”, “习以为常”, “把 $x^2$ 当成整体 $t$” (a substitution), “第一反应应该是洛必达” (advice), nor
# “I thought the cleanest way is …”, “I assumed $\mathrm{Var}(\varepsilon) = \sigma^2$”, a premise).
MISBELIEF = re.compile(r"(?<![可所难足用借认不习引自])以为|我把[^，,。；;：:]{0,12}当成了|我的?第一反应(?!是?(?:应该|要|就是?用))|"
                       r"\bmy first instinct was\b|\bi (?:used to think|(?:once |had |wrongly )believed|wrongly (?:thought|assumed))\b|"
                       r"\bmistakenly\b", re.I)
# A sentence that is only the word giving a reason, around its formula (“Because $\sum_k y_k = 1$.”, “因为 $…$。”).
REASON_ONLY = re.compile(r"\s*(?:because|since|as|for|因为|由于)\s*[,，]?\s*…\s*[.。;；]?\s*", re.I)
CONNECTIVE_ONLY = re.compile(r"^\s*(?:then|so|thus|hence|i\.e\.|that is|and|即|则|那么|于是|从而|也就是)?\s*[,，:：]?\s*$", re.I)
# A clause that says again (or shows by example) what the one before it said.
RESTATES = re.compile(rf"\s*(?:{RESTATING}|\be\.\s?g\.?(?!\w))", re.I)
# A formula that says when the next one holds: “当 $t > 1$ 时”, “for $t = 1$”, “if $x < 0$”.
CONDITION_BEFORE = re.compile(
    r"(当|对于|若|如果|假设|假定|令|设|给定|其中|if|for|when|whenever|where|given|let|assume|suppose)\s*$", re.I)
CONDITION_AFTER = re.compile(r"^\s*(时|的时候|成立时|情况下)")
CONDITION_FORMULA = re.compile(r"^\s*(\\text\{\s*(if|for|when)|\\forall|\\mathrm\{if)")
# Relations that split a formula into what it names and what that is.
DEFINING = re.compile(r"(?<![<>!\\])=|\\leftarrow\b|\\gets\b|\\to\b|\\rightarrow\b|\\mapsto\b|\\approx\b|"
                      r"\\equiv\b|\\triangleq\b|:=|\\coloneqq\b|\\propto\b|\\sim\b")
ENVIRONMENT = re.compile(r"^\s*\\begin\{(aligned|align\*?|split|gathered|eqnarray\*?|array)\}(\{[^}]*\})?(.*)"
                         r"\\end\{\1\}\s*(?:\\(?:tag\*?|label)\{[^{}]*\}\s*)*$", re.S)  # (a number after it, “\tag{5}”)
LINK = re.compile(r"!\[\[[^\[\]]*\]\]|!\[[^\[\]]*\]\([^)]*\)|\[([^\[\]]*)\]\([^)]*\)")


# A formula shown as an illustration, not stated as a fact, or an exercise's (“Problem 2: …”, “习题：…”, and
# “Problem: 3 flips, 3 heads → …”, whose numbers come before its formula; not “Problem: its derivative … is”).
EXAMPLE = re.compile(r"\b(?:for example|for instance|e\.g\.|as an example|toy example)|"
                     r"^\s*(?:\*\*)?(?:(?:problem|exercise)\s*\d+|(?:例题|习题|练习|题目)\s*\d*)(?:\*\*)?\s*[:：]|"
                     r"^\s*(?:\*\*)?(?:problem|exercise)(?:\*\*)?\s*[:：][^…\d]*\d|例如|比如|譬如|举例|举个例子|"
                     r"为例|示例|例子|(?<![例假])如\s*[:：]", re.I)
# A signature under an entry of a shared page (“— Priya, 2023-02-14”, “-- Jonas”).
SIGNED_LINE = re.compile(r"\s*+(?:—|–|--)\s*+[A-Z\u4e00-\u9fff][^\n]{0,40}$")
# Words that say runs are set side by side (“Pair 1 — label smoothing”, “baseline vs. warmup”, “消融”).
COMPARED_RUNS = re.compile(r"\bpairs?\b|\bvs\.?\b|\bversus\b|\bablations?\b|\bexperiments?\b|\bcompar\w+|对比|比较|消融|实验",
                           re.I)
# A setting written as a config file writes it (“lr: 0.1”, “milestones: [60, 120]”, “seed: 1 / 2 / 3”; not code, “h = h +
# residual”).
CONFIG_LINE = re.compile(r"\s*+[\w.\-]++\s*+[:=]\s*+(?:\[[^\]\n]*+\]|[-+]?[\w.\-]*+(?:\s*+/\s*+[\w.\-]++)*+)\s*+(?:#.*)?")
# A sentence that ends inside a label, another after it (“Table is one seed. Reran seeds 2 and 3”; not “e.g. Adam”).
SENTENCE_IN_LABEL = re.compile(r"(?<!\b[eE]\.g)(?<!\b[iI]\.e)(?<!\bcf)(?<!\bvs)(?<!\betc)(?<!approx)(?<!\bal)(?<!\bNo)(?<!\bFig)"
                               r"(?<!\bEq)(?<!\bProf)(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bSt)(?<!\bSec)(?<!\bCh)(?<!\bVol)"
                               r"(?<!\b[A-Z])"
                               r"\.\s+[A-Z]|[!?]\s+[A-Z]|[。！？]\s*[^\s)）]")
# A counterexample: the function or the object it gives is a fact to recall (“反例：$f(x) = \min(|x|, 1)$”);
# what it works out from them is its working (“$f_1 + f_2 = x^3 - x$”, “$p^* = 0$”).
COUNTEREXAMPLE = re.compile(r"反例|\bcounter-?examples?\b", re.I)
THE_OBJECT = re.compile(r"\s*+(?:[A-Za-z]|\\math\w++\{[^{}]*+\}|\\[A-Za-z]++)(?:_\{?\w+\}?)?\s*+"
                        r"(?:\(\s*+[a-z](?:\s*+,\s*+[a-z])*+\s*+\))?\s*+")
# “Consider the function …”, “考虑这个函数”: an illustration unless the sentence names it.
CONSIDER = re.compile(r"\bconsider\b|考虑", re.I)
# How a line that breaks off mid-sentence ends: a comma, a colon, a verb waiting for its object.
FRAGMENT_END = re.compile(r"(?:[,，:：]|变为|变成|为|是|有|则|即|得|如下|下式|满足|其中|的|"
                          r"\b(?:is|are|as|by|of|the|to|and|or|with|where|becomes|gives|yields))\s*$", re.I)
# How the words before a whole formula to recall introduce it: a colon, “as follows”, “如下”.
INTRODUCES = re.compile(r"(?:[:：]|\bas follows|\bfollowing|\bgiven by|\bdefined (?:as|by)|如下|下式|以下|公式为|"
                        r"表达式为|定义为|写作|写成)\s*$", re.I)
# A lead that speaks of the formula it introduces: “让我们详细写出这些方程式。”, “the update rule is”.
FORMULA_NOUN = re.compile(r"方程|公式|等式|表达式|更新规则|更新公式|\b(?:equations?|formulas?|formulae|update rules?|"
                          r"expressions?)\b", re.I)
# A left side that is only a symbol (A, \mathbf{A}_{ij}, \hat{y}_i, b'): in running text it needs
# the sentence to say what it stands for.
BARE_NAME = re.compile(r"^(?:\\(?:mathbf|boldsymbol|bm|hat|tilde|bar|mathcal|mathrm)\{)*\\?[A-Za-z]+\}*'*"
                       r"(?:[_^](?:\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\w))*'*$")
# A noun phrase set off before the formula names it: “a leaky average of the squared gradients, $s_t = …$”.
APPOSITION = re.compile(r"(?:[A-Za-z]+\s+){2,}[A-Za-z]+\s*[,:]\s*$|[\u3400-\u9fff]{3,}\s*[，：]\s*$")
# A sentence that opens as a guess (“I think yes: …”, “我猜…”, “大概是…”).
HEDGED = re.compile(r"\s*+(?:\*\*\s*+)?(?:I (?:think|guess|believe|suspect)|probably|maybe|perhaps|my (?:current )?understanding|"
                    r"我(?:觉得|猜|认为|估计|感觉|的理解|理解的是)|大概|也许|应该是|(?:目前|暂时|现在)的?理解(?!了)|"
                    r"current understanding)", re.I)
def _opens_inside_brackets(text: str) -> bool:
    """Text that begins inside an aside (“just to see the pattern):”), a list's “1)” aside."""
    text = re.sub(r"^\s*\d+[.)）]\s*", "", text)
    return text.count(")") + text.count("）") > text.count("(") + text.count("（")


# A line before code that says the code is wrong, or the version before a fix (“first version (WRONG,
# keeping it so I remember)”, “有 bug 的写法”, “原代码：”, “Before:”).
# (not what a lead says is free of them: “没有 bug 的版本”, “不容易出错的写法”, “instead of the wrong way”)
# (a bug's reproduction, “**Repro**”, “最小复现：”: the code that fails, as the log shows it)
_REPRO = (r"repro|minimal repro(?:duction)?|mcve|minimal (?:reproducible|failing) example|(?:bug |error )?reproducer|"
          r"最小复现(?:代码)?|复现(?:bug|问题|报错)的?代码")
WRONG_CODE = re.compile(r"(?-i:\bWRONG\b)|手滑写|^\s*(?:the )?wrong (?:version|way|code|implementation)\b|[(（]wrong[)）]|"
                        r"\bbuggy\b|(?<![没无])(?:有|含|带)[^，。,；;:：]{0,6}?\s*bugs?\b|(?<![不没无])错误(?:的)?(?:版本|写法|代码|实现)|"
                        r"(?<![出不没无易])错的(?:版本|写法)?|"
                        r"^\s*(?:\*\*)?(?:原代码|原来的代码|修改前|改之前|before(?: the fix)?|original(?: code)?|old version|"
                        r"attempt\s*1|first (?:attempt|try)|第一次(?:尝试|写的)|" + _REPRO + ")"
                        r"(?:\*\*)?\s*[(（:：]|"
                        # (alone on its line: “**before**”, “**原代码**”; “**Original**” alone may be the first of two right ones)
                        r"^\s*(?:\*\*)?(?:原代码|原来的代码|修改前|改之前|before(?: the fix)?|original code|old version|" + _REPRO + ")"
                        r"(?:\*\*)?\s*$", re.I)
# A comment beside a line of Python that marks it a bug (“return softmax(x)  # BUG: ignores g”, “# 错了：少了 keepdim”);
# a comment on a line of its own may be over the wrong way shown commented out, and “# BUG fixed here” marks a fix.
BUG_COMMENT = re.compile(r"^[ \t]*+[^#\s][^#\n\"']*#[ \t]*+(?:(?-i:BUG|WRONG)[ \t]*+[:：!]|错误[:：]|错了[:：，,]|"
                         # (“# <- bug”, “# <- bug: no copy”: the arrow points at it; not “# <- bug was here”, “fixed”)
                         r"(?:<-+|←|⬅)[ \t]*+(?i:bug|wrong|错误?)[ \t]*+(?:[:：!][^\n]*)?$)", re.M)
# A lead that only says a formula follows (“写成式子”, “用公式表示就是”, “In symbols:”): what the
# formula is, the sentence before it said.
ONLY_A_FORMULA_FOLLOWS = re.compile(r"\s*(?:(?:那么|所以|也就是|即)?(?:写成|写作|用)(?:式子|公式|数学式|数学语言)"
                                    r"(?:表示|表达|写|来写|写出来)?(?:就是|是|为|如下)?|"
                                    r"(?:式子|数学式)(?:就是|是|为|如下)|写出来(?:就是)?|"
                                    r"(?:written |put )?(?:in symbols|formally|mathematically|as a formula|as an equation)"
                                    r"(?:,? (?:this|that|it) (?:is|reads))?)\s*[:：,，]?\s*", re.I)
# What one had written before a fix (“I had written the Adam update as”, “I originally had”, “Fixed: I had”);
# not “I had written on the cheat sheet”, “I had to”, “I first had to look it up”, “I'd put it as” (how one
# would say it).
OWN_EARLIER = (r"\bI had (?:(?:previously|originally|first|mistakenly) )?(?:written|wrote) (?:\S+ ){0,5}?as\b|"
               r"\bI (?:originally|previously|first) had\b(?! to\b)|\bI had mistakenly (?:written|wrote|put)\b|"
               r"\bfixed\b[^\w\n]*+I (?:previously )?had\b(?! to\b)|"
               # (“**what I wrote first:**”, “**My first attempt:**” over the display it got wrong)
               r"^\W*+(?:what I (?:wrote|put|had) (?:first|at first|initially)|(?:my )?first (?:attempt|try))\W*+")
# (the line before a display formula that ends by saying so: “**Fixed:** I had written the Adam update as”
# over $$…$$; not “**Fixed:** I had a typo in the next formula, now correct:”)
OWN_EARLIER_LEAD = re.compile(rf"(?:{OWN_EARLIER})\s*+[:：]?\s*+$", re.I)
# What marks a statement as wrong: struck through, or answered with “NO”, “✗”, “（错）”.
CROSSED_OUT = re.compile(r"~~|\*\*NO\*\*|\bNO\b[.!]*\s*$|[✗✘❌]|（错）|\(wrong\)|错误的?写法|"
                         # (“还有人写成 $r(AB)=…$，那就是错的”, “…, which is wrong”: the sentence marks it wrong)
                         r"(?:那|这)就?是错(?:的|误的)|[,，;；—–]\s*(?:that|this|which) is wrong[.!]?\s*$|"
                         r"[(（][^()（）\n]{0,20}(?-i:\bWRONG\b)[^()（）\n]{0,20}[)）]|(?-i:\bWRONG\b)\s*+\**+\s*+[:：]|\*\*\s*+(?-i:WRONG)\s*+\*\*|^\s*(?:\*\*)?" + r"(?:%s)" % (
    "what I (?:wrote|said|put|answered)(?: (?:first|at first|initially|before))?|my (?:answer|attempt)|(?:my )?first (?:attempt|try|version)|my first (?:draft|definition)|我(?:当时|考试时)?(?:写的|的答案|的回答|答的|的做法)|"
    # (one's own first go at it, before the book's: “我的第一版：”, “我的初稿定义：”)
    "我的?(?:第一版|初版|初稿|第一遍)(?:定义|答案|理解|写法)?|"
    # (a 错题本's wrong solution: “**我的错解**：…”, “错误解法：…”, “My wrong attempt:”)
    "(?:我的)?错解|错误解法|my (?:wrong|incorrect) (?:answer|attempt|solution)|wrong (?:answer|attempt|solution)|"
    # (“Mistake I made: wrote $\Gamma(n) = n!$ …. It's $(n-1)!$.”, “我犯过的错：”)
    "(?:(?:a |one )?mistake I (?:made|make|keep making)|my (?:old |usual |common )?mistake)(?=\\W*+(?:I )?(?:wrote|had written|put|used)\\b)"
) + r"\s*+(?:\*\*)?+\s*+[:：]|"
    # (or what an earlier version of the notes said: “My first version of this note said $wd = \lambda$”)
    # (“The original version had the ReLU after the addition” tells of ResNet v1: a fact)
    r"\bmy (?:first|earlier|previous|old|original) (?:version|draft|notes?)(?: of (?:this|these|the|my) notes?)? "
    r"(?:said|had|claimed|wrote)\b|\b(?:the )?(?:first|earlier|previous|old|original|v\d+) (?:version|draft) of "
    r"(?:this|these|my) notes? (?:said|had|claimed)\b|\bmy notes? (?:said|had|claimed)\b|"
    r"\b(?:previously|originally|first|earlier) I wrote\b|\bI (?:previously|originally|first) wrote\b|"
    # (a changelog's “**Fixed:** I had written the Adam update as $$…$$”: what the fix replaced)
    + OWN_EARLIER + "|" +
    r"(?:我|笔记里?|这里)(?:之前|以前|原来|一开始|原先)(?:写的是|写成了?)|(?:之前|以前|原来|一开始|原先)(?:我|笔记里?|这里)(?:写的是|写成了?|写的)|"
    r"(?:旧版|初版|第一版|上一版)(?:笔记)?里?(?:写的是|写成了?)|笔记初版写的是|上次写成了?", re.I)
# (or what a mistake log says one wrote: “**What I wrote:** …”)
# A lead that ends by marking what follows wrong (“**Back (old, WRONG):**”, “Old version (wrong):”,
# “What I wrote:”); “Old version (wrong), fixed:” and “❌ … Correct:” introduce the right one.
LEAD_MARKS_WRONG = re.compile(r"(?:[(（]\s*+(?:(?:old|original|first|previous|my)\s*+[,，]?\s*+)?wrong\b[^()（）\n]{0,20}[)）]|(?-i:\bWRONG\b)|（错）|错误(?:的)?(?:版本|写法)|"
                              r"^\s*+\**+(?:what I (?:wrote|said|put|answered)|my (?:answer|attempt)|"
                              r"我(?:当时|考试时)?(?:写的|的答案|的回答|答的|的做法)|"
                              # (one's understanding on a first pass, which the second corrects: “**一刷时的理解：**”)
                              r"[一初首]刷(?:时)?的?(?:理解|写法|笔记)|(?:之前|以前|当时|原来)的?(?:理解|以为)|当时的写法|"
                              r"my first[- ]pass(?: understanding| version)?|first[- ]pass (?:understanding|version)|what i (?:first|used to) (?:thought|think|believed?)))"
                              r"\s*+\**+\s*+[:：]\s*+\**+\s*+$", re.I)
# An item that starts as a sentence does, with its subject (“We could …”, “我们可以…”).
RUNNING_TEXT = re.compile(r"\s*(?:(?:we|i|you|one|it|this|that|they|let'?s|then|so|here)\b|我们|你们?|这|那)", re.I)
# A label that names what the formula after it is (“Adagrad：$G_t = …$”, “**MSE**: $\ell = …$”).
LABEL_BEFORE = re.compile(r"^\s*(?:\*\*)?[^\s：:，,。;；]{2,24}(?:\*\*)?\s*[:：]\s*$")
# Words by which running text says what a symbol is: “the entropy … is”, “… 的方差为”.
DEFINING_CUE = re.compile(r"\b(?:is|are|equals?|given by|defined|denotes?|called|known as|written)\b|"
                          r"是|为|等于|定义|表示|称为|记为|记作", re.I)
# How a line that starts mid-sentence goes on after its first formula (“$…$ 之外其它位置…”).
FRAGMENT_START = re.compile(r"^(?:之外|之|的|中|时|为|和|与|及|或|等|都|也|则|可|处|上|下|里|内|后|前|来说|而言)")
# Words that make a formula a premise of the text around it (“let $z = H_t(x)$”, “可令 $z=…$”):
# a name chosen for the argument, not a fact to recall.
PREMISE = re.compile(r"(?:\b(?:let|suppose|assume|assuming|set|setting|initiali[sz]e\w*|choose|chose|pick)\b|"
                     r"(?<![建预])设(?![置计定])|(?<!命)令|假设|假定|初始化|不妨|选择|选取|若将|如果将)"
                     r"[^，,。；;：:]{0,32}$", re.I)
# The rest of a problem's sentence, setting the task after its givens (“，求秩…”, “，证明 $A$ 可逆”, “; find the rank”).
TASK_AFTER = re.compile(r"[^。.!?？！\n]{0,40}?(?:[，,；;]\s*+(?:试|请|并)?(?:求(?![和导])|证明|求证|试证|判断)(?![^，,。；;]{0,8}时)|"
                        r"[,;]\s*+(?:find|show that|prove that|prove|compute|determine)\b)", re.I)
# (a task in the clause that says when a formula is used is no task set: “，证明不等式时要用到”, “，求根时先算判别式”)
TASK_USE = re.compile(r"[^。.!?？！\n]{0,40}?[，,；;]\s*+(?:试|请|并)?(?:求|证明|求证|试证|判断)[^，,。；;]{0,30}?时")
# (nor after a name given to the formula: “**韦达定理**：…，求两根之和…”, “**Ideal gas law**: $PV = nRT$, find …”)
NAMED_BEFORE = re.compile(r"\*\*[^*\n]{1,40}\*\*\s*[:：]|^[^，,。.;；:：]{1,30}[:：]\s*$")
# A sentence that opens with its premise (“设目标函数 … 连续可微, 且 …”, “Suppose …, then …”):
# what follows, up to the end of the sentence, is argued from it.
PREMISE_START = re.compile(r"(?:设(?![置计定])|令|假设|假定|若将|如果将|如将|其中|让我们|我们来看|"
                           r"\b(?:let|suppose|assume|assuming|where)\b)", re.I)
# Markup and an aside in parentheses at the start of a sentence (“**（本部分内容参考了…）**”).
OPENING = re.compile(r"^(?:[\s*_]|[（(][^（()）]*[）)])*")


def _opening(text: str) -> str:
    return text[OPENING.match(text).end():]


# “where $g_t = …$”, “其中 $g_t = …$” as the whole lead: the symbols of the formula before it.
WHERE = re.compile(r"^\s*(?:\S+\s*[:：]\s*)?(?:其中|这里|此处|where|here)\s*[,，:：]?\s*$", re.I)
# Words that say the formula gives a name its meaning: what is then worth recalling.
NAMING = re.compile(r"定义|称为|称作|叫做|记为|记作|表示|\b(?:defin\w*|called|denote\w*|known as|we write|be the)\b",
                    re.I)


@dataclass(frozen=True)
class Asked:
    """One question a formula text gives: the prompt, its answer, its identity anchor, and
    why no card should ask it (empty when one should)."""

    prompt: str
    answer: str
    anchor: str
    formulas: tuple[str, ...]
    why: str = ""
    at: int = 0  # where in the text the asked formula begins (its opening “$”)


def ask_formulas(text: str, lead: str, plain: bool, hole: str, prose: bool = False) -> list[Asked]:
    """The questions ``text`` (a sentence, an item, or a display formula after ``lead``) asks;
    ``prose``: ``text`` is a paragraph of running text, not a list item or a labelled line."""
    if plain:
        lhs = text.split("=", 1)[0].strip() if text.count("=") == 1 else ""
        prompt = f"`{' '.join(lhs.split())} = ?`" if lhs and "\n" not in lhs else ""
        return [Asked(prompt, text, anchor(lhs) if lhs else "~" + digest(text), (text.strip(),))]
    asked = []
    every = math_spans(text)
    starts = [span[0] for span in every]
    for start, end in _sentences(text, every):
        sentence = text[start:end]
        spans = [(s - start, e - start, body, d)
                 for s, e, body, d in every[bisect_left(starts, start):bisect_left(starts, end)]]
        related = [i for i, sp in enumerate(spans) if RELATION.search(sp[2])]
        conditions = {i for i in related if _is_condition(sentence, i, spans)}
        index = next((i for i in reversed(related) if i not in conditions and relation_steps(unboxed(spans[i][2]))),
                     None)
        if index is None:
            continue  # only says when something holds (“if $\mu \neq 0$:”); its items say what
        target = spans[index]
        split = split_formula(unboxed(target[2]))
        in_words = split is None and _named_in_words(sentence[:target[0]], unboxed(target[2]))
        if in_words:
            split = in_words  # “precision $= \dfrac{TP}{TP+FP}$”: the words right before are its left side
        elif split is None and len(normalize_latex(target[2])) < 12 or split and not re.search(r"[A-Za-z\\]", split[0]):
            continue  # “for any $\alpha>0$”, “rows $14 \sim 21$”: an assumption or a range, not a fact
        mark = "$$" if target[3] else "$"
        # English says in more letters what Chinese says in fewer characters
        room = 80 if CJK.search(sentence) else 140
        after = _clip(sentence[target[1]:], before=False)
        after = "" if not after.strip(" ,，:：") else after  # “…中 $\pi_i = ?$,”: the pause alone says nothing
        cond = "|".join(anchor(spans[i][2]) for i in sorted(conditions))
        cond = cond if len(cond) <= 48 else "~" + digest(cond)
        whole, at = (text, start) if lead else (sentence, 0)
        listed = _listed_formulas(target[2]) if split else []
        # several results in one pair of dollars (“$\frac{\partial |X|}{\partial X} = …, \frac{\partial a^T x}{\partial x} = a$”):
        # one question each, answered by its own formula alone
        # “幂等 $A^2 = A$：EV 只能是 0 或 1；$r(A) = \operatorname{tr}(A)$”: a later clause that is only its
        # formula holds under what the line's head says; the head comes with it
        head = _head_of(text, every) if start and not lead and not _words(sentence[:target[0]]) else ""
        for n, (part, part_split) in enumerate(listed or [(target[2], split)]):
            shown = f"{mark}{part_split[1]} ?{mark}" if in_words else \
                f"{mark}{part_split[0]} {part_split[1]} ?{mark}" if part_split else hole
            prompt = _clip(sentence[:target[0]], before=True, limit=room) + shown + after
            if head:
                prompt = head + prompt.lstrip()
            if part_split is None and len(re.sub(r"\W", "", strip_math(prompt.replace(hole, "")) + lead)) < 8:
                continue  # “再化简 ［？］”: nothing says which formula is meant
            if lead:
                prompt = _unlink(lead).strip() + "\n\n" + prompt.strip()
            key = (anchor(part_split[0]) if part_split else "~" + digest(target[2])) + (f"|{cond}" if cond else "")
            key += "|listed" if n else ""  # (so a later card with the same left side keeps its identity)
            answer = (whole[:at + target[0]] + f"{mark}{part.strip()}{mark}" + whole[at + target[1]:] if listed
                      else whole).strip()
            one = (target[0], target[1], part, target[3])
            why = _why_not(sentence, one, lead, part_split, prose and not conditions, in_words=bool(in_words))
            if not why and part_split and (
                    any(_same_left(spans[i][2], part_split[0]) for i in related if i != index)
                    or any(_same_left(body, part_split[0], loose=True) for _, _, body, _ in math_spans(lead))):
                # “the function $f(x) = \exp(x)$ … no $x$ for which $f(x) = ?$”; “$P(X=x_1)=\theta_1, …$，
                # 其概率质量函数为 $$P(X=x_i) = ?$$”: the question already gives the answer
                why = "answer-in-front"
            formulas = tuple(part.strip() if i == index else spans[i][2].strip() for i in related)
            asked.append(Asked(" ".join(prompt.split(" ")).strip(), answer, key, formulas, why, start + target[0]))
    return asked


# A formula that opens on its relation (“$= \dfrac{TP}{TP+FP}$”, “$\approx 0.47$”).
OPENS_ON_RELATION = re.compile(r"\s*+(=|:=|\\approx\b|\\equiv\b|\\propto\b|\\coloneqq\b)(?!=)")
# The words of a name ending right before it, opening its line or sentence: “precision ”, “recall = TPR ”, “参数量 ”
# (not a label's value, “**应为**：中位数 $= …$”, nor a clause after a comma).
NAME_BEFORE = re.compile(r"(?:^|[。；;!?！？]\s*+)(?:[-*+]\s++)?(?P<name>[^\s$，,。；;：:!?！？()（）][^$，,。；;：:!?！？()（）\n]{0,39}?)"
                         r"(?<=[^\W_]|`|\*)\s*+$")


def _named_in_words(before: str, body: str) -> tuple[str, str] | None:
    r"""``(name, relation)`` when ``body`` opens on its relation and the words right before it name what it
    gives (“precision $= \dfrac{TP}{TP+FP}$”, “参数量 $= K^2 C_{in} C_{out}$”); None otherwise."""
    relation = OPENS_ON_RELATION.match(body)
    if relation is None or not re.search(r"[A-Za-z\\]", body[relation.end():]):
        return None  # (“harmonic $\approx 0.0198$”: a value worked out, no formula)
    name = NAME_BEFORE.search(before[-48:])
    if name is None or "$" in name.group("name") or not re.search(r"[^\W\d_]{2,}", name.group("name")):
        return None
    return _bare(name.group("name")).strip(), relation.group(1)


def _words(text: str) -> bool:
    """Whether ``text`` has words outside its math."""
    return bool(re.search(r"[^\W\d_]", strip_math(text)))


def _head_of(text: str, spans) -> str:
    """What a line says it is about before its first colon outside math (“幂等 $A^2 = A$：”, “For an
    idempotent matrix $A^2 = A$:”), when words say it; else nothing."""
    for m in re.finditer(r"[:：]", text):
        if any(s <= m.start() < e for s, e, _, _ in spans):
            continue
        head = text[:m.end()]
        if head.count("**") % 2 and text.startswith("**", m.end()):
            head += "**"  # (“**Note:**”)
        # (a speaker's tag, “**M:**”, says no subject)
        if "\n" in head.strip() or len(strip_math(head)) > 40 or not re.search(r"[^\W\d_]{2,}", strip_math(head)):
            return ""
        words = re.sub(r"^[^\w\s]+\s*", "", _bare(strip_math(head)).strip().rstrip("*:： "))
        if LABEL_TERM.match(words) or CORRECTION.match(words + "：") or re.fullmatch(r"订正|纠正|改正", words):
            return ""  # (“✅ 订正：”, “Note:”: a label, no subject)
        return head.strip() + ("" if head.rstrip("*").endswith("：") else " ")
    return ""


# Words written in math (“\textrm{ with equality if and only if }”).
WORDS_IN_MATH = re.compile(r"\\(?:text\w*|mbox|mathrm)\s*\{[^{}]*[^\W\d_]{2,}\s+[^\W\d_]{2,}[^{}]*\}")
# A part that opens on words or a quantifier (“\text{if } i = j”, “\text{where } \ell_i = …”, “\forall x”).
CLAUSE_IN_MATH = re.compile(r"\s*(?:\\(?:text\w*|mbox|mathrm)\s*\{\s*(?:if|where|and|or|for|when|whenever|otherwise|with|"
                            r"s\.t\.|such that|else|若|如果|当|其中|且|对于?)(?![A-Za-z])|"
                            r"\\(?:forall|exists|iff|implies|Rightarrow))", re.I)
# Shapes multiplied (“(H, N)(N, C)”).
SHAPES = re.compile(r"(?:\([^()]*\))+")
# A range of values (“0..L-K”, “1, 2, \ldots, n”).
RANGE = re.compile(r"\w\s*\.\.\s*\w|^\s*[\w\\{}^]+(?:\s*,\s*[\w\\{}^]+)*\s*,\s*(?:\\[lc]?dots|…)\s*,\s*[\w\\{}^]+\s*$")
# Spacing at either end of a formula cut from a list (“, \quad \hat{v}_t = …”).
SPACING = re.compile(r"^(?:\s|\\(?:q?quad|[,;:! ])|~)+|(?<![\s~])(?:\s|\\(?:q?quad|[,;:! ])|~)+$")  # (once per run)


def _listed_formulas(body: str) -> list[tuple[str, tuple[str, str]]]:
    r"""The formulas of a math span that lists several, each naming something of its own
    (“$\frac{\partial |X|}{\partial X} = |X| X^{-T}, \frac{\partial a^T x}{\partial x} = a$”), with their
    sides; empty when it states one (“$\|x\|_p = …, p \ge 1$” is one formula and its condition)."""
    if ENVIRONMENT.match(body) or BOXED.search(body):
        return []  # (a boxed list is one result the text marks as such)
    parts = [SPACING.sub("", p) for p in top_level_parts(body, r"(?<!\\)[,;]|\\q?quad\b")]  # (not “\,”, a thin space)
    parts = [p for p in parts if p.strip()]
    if len(parts) < 2:
        return []
    sides = [split_formula(p.strip()) for p in parts]
    if any(s is None or s[1] != "=" or not re.search(r"[A-Za-z\\]", s[0]) for s in sides):
        return []
    if len({normalize_latex(s[0]) for s in sides}) < len(sides):
        return []  # “$x = 1, x = 2$”: values of one symbol
    rights = [p.strip()[p.strip().find("=", len(s[0])) + 1:].strip() for p, s in zip(parts, sides)]
    # not names, ranges or shapes said together (“记 $A = f_{xx}, B = f_{xy}$”, “$i = 0..L-K$”,
    # “$(H, N)(N, C) = (H, C)$”): those stay one formula
    if all(BARE_SYMBOL.fullmatch(r.rstrip(".,;")) for r in rights) or \
            any(RANGE.search(r) or SHAPES.fullmatch(s[0].strip()) for r, s in zip(rights, sides)):
        return []
    if any(WORDS_IN_MATH.search(p) or CLAUSE_IN_MATH.match(p) for p in parts):
        # “…, \textrm{ with equality if and only if } P = Q”, “$\delta_{ij} = 1, \text{if } i = j$”,
        # “…, \forall x”: a condition or a clause of the sentence, not a formula of its own
        return []
    return [(p.strip(), s) for p, s in zip(parts, sides)]


def _same_left(body: str, lhs: str, loose: bool = False) -> bool:
    """Whether formula ``body`` (or, ``loose``, any of its parts, whatever their indices) gives
    the same left-hand side ``lhs`` a value of its own."""
    index = (lambda t: INDEX.sub("_#", normalize_latex(t))) if loose else normalize_latex
    parts = top_level_parts(body, ",") if loose else [body]
    return any((other := split_formula(unboxed(p))) is not None and index(other[0]) == index(lhs) for p in parts)


# A subscript that is one index (x_1, x_i, \theta_{k}): the same symbol whatever the index.
INDEX = re.compile(r"_\{?[0-9a-zA-Z]\}?")


# Words enough before a colon to say what the formula after it does (“每过固定 epoch 乘以 γ：”,
# “multiply the rate by γ every s epochs:”).
DESCRIBES = re.compile(r"[\u4e00-\u9fff]{3}|(?:\b[A-Za-z]{2,}\b\W+){3}")


def _why_not(sentence: str, target: tuple, lead: str, split: tuple | None, prose: bool, in_words: bool = False) -> str:
    r"""Why the formula ``target`` of ``sentence`` (after ``lead``) states no fact of its own.
    ``prose``: running text, where a bare symbol needs the sentence (or a condition such as
    “if $X \sim \mathrm{Bernoulli}(p)$”) to say what it is; ``in_words``: its left side is the words
    before it (“precision $= …$”), a name and no bare symbol."""
    named = split is not None
    words = strip_math(lead + " " + sentence)
    if EXAMPLE.search(words) or CONSIDER.search(words) and not NAMING.search(words) \
            or _concrete_function(target[2]) \
            or COUNTEREXAMPLE.search(words) and split is not None and not THE_OBJECT.fullmatch(split[0]):
        return "example"
    if sentence.rstrip().endswith(("?", "？")):
        return "question"  # “…的下标即 $l = i$ ?”: the text wonders; it states nothing
    if HEDGED.match(strip_math(sentence)):
        return "unsure"  # “I think yes: $\hat x_0 = …$”: a guess at something, not a fact
    if CROSSED_OUT.search(strip_math(sentence)) or OWN_EARLIER_LEAD.search(strip_math(lead)):
        return "crossed-out"  # “$\mathrm{Var}(X - Y) = \mathrm{Var}X - \mathrm{Var}Y$ ~~~ **NO**”: marked wrong
    before = sentence[:target[0]]
    clause = re.split(r"[，,。；;：:]", before)[-1] if before.strip() else lead
    if (PREMISE.search(strip_math(clause)) or PREMISE_START.match(_opening(strip_math(before)))) \
            and not NAMING.search(words):
        return "premise"
    if WHERE.search(strip_math(before if before.strip() else lead)):
        return "premise"  # “其中 $g_t = …$”: a symbol of the formula before, not a fact of its own
    if TASK_AFTER.match(strip_math(sentence[target[1]:])) and not TASK_USE.match(strip_math(sentence[target[1]:])) \
            and not NAMED_BEFORE.search(strip_math(before)) \
            and not (NAMING.search(strip_math(before)) or DEFINING_CUE.search(strip_math(before))):
        return "premise"  # “$A^2-A-2I=O$，证明 $A$ 可逆”, “Let … = 3, find …”: a problem's givens, what it asks after
    said = NAMING.search(words) or DEFINING_CUE.search(words) or APPOSITION.search(strip_math(before)) \
        or LABEL_BEFORE.match(strip_math(before))
    if ONLY_A_FORMULA_FOLLOWS.fullmatch(strip_math(before if before.strip() else lead)):
        return "no-subject"  # “写成式子 $$\pi(\theta') = …$$”: what it writes, the sentence before said
    if target[3] or lead:
        said_before = strip_math(lead or before).rstrip()
        if said_before.count(")") + said_before.count("）") > said_before.count("(") + said_before.count("（"):
            return "unfinished"  # “…表达式的由来):”: the lead starts inside a parenthesis
        # a lead that runs on into the formula (“即它使用状态变量”, “as follows:”) introduces it
        if not named and said_before.endswith(("。", ".", "!", "！", "?", "？", "；", ";")) \
                and not INTRODUCES.search(said_before) and not FORMULA_NOUN.search(said_before):
            return "no-subject"  # “…the bias satisfies $b \in …$. ［？］”: nothing says which formula
        return ""
    if prose and named and not in_words and BARE_NAME.match(split[0].strip()) and not said \
            and not (DESCRIBES.search(strip_math(before)) and before.rstrip().endswith(("：", ":"))):
        return "no-subject"  # “we could simply compute $\mathbf{A} = ?$”: A is never said to be anything
    before_words = strip_math(before)
    if not named and not before.rstrip().endswith((":", "：")) and not NAMING.search(words) \
            and not _for_every_case(before_words):
        return "no-subject"  # “one can show that ［？］ velocity converges”: which formula?
    after = strip_math(sentence[target[1]:]).strip()
    # (a list item that ends on its list's comma, “* $\mu_X = p$,” over “* $\sigma_X^2 = p(1-p)$.”, is whole)
    list_pause = not prose and after in (",", "，", ";", "；")
    if FRAGMENT_END.search(after) and not list_pause and not _cites_a_known_result(before_words) \
            and not _for_every_case(before_words) \
            or after.count("(") + after.count("（") > after.count(")") + after.count("）"):
        # “$C = \alpha_i + \mu_i$ 变为”: the line breaks off mid-sentence (a result it cites on the way,
        # “由概率公式 $P(AB) = P(A|B)P(B)$ 可得：”, or states for every case, “对于任何凸函数…都满足”, is whole)
        return "unfinished"
    aside = before_words
    if aside.count("(") + aside.count("（") > aside.count(")") + aside.count("）"):
        return "bracketed"  # “… and decaying α ($\alpha_t = …$)”: inside a parenthesis, an aside
    if aside.count("(") + aside.count("（") < aside.count(")") + aside.count("）"):
        return "unfinished"  # after a parenthesis the line never opened: it starts mid-sentence
    if not before.strip() and FRAGMENT_START.match(after):
        return "unfinished"  # “$(\Sigma)_{ii}=\sigma_i$ 之外…”: the line starts mid-sentence
    return ""


# A function named by a bare letter (f, g, h) with its own arguments only on the right:
# one worked function (f(x) = 0.1 x_1^2 + 2 x_2^2), not a law with symbols of its own.
GENERIC_FUNCTION = re.compile(r"^\s*(?:\\nabla\s*|\\partial_\{?[^{}]*\}?\s*)?(?:\\mathbf\{)?[fghFGH]\}?"
                              r"(?:_\{?\w+\}?)?\s*(?:\\left)?\((?P<args>[^()]*)(?:\\right)?\)\s*=(?P<rhs>[^=]+)$")
LATEX_WORD = re.compile(r"\\[A-Za-z]+")


def _concrete_function(body: str) -> bool:
    match = GENERIC_FUNCTION.match(body.strip().rstrip(".,;"))
    if match is None:
        return False
    letters = lambda t: set(re.findall(r"[A-Za-z]", LATEX_WORD.sub(" ", t)))
    rhs = match.group("rhs")
    # a decimal coefficient or the argument's components (x_1, x_2) make it one worked case;
    # f(x) = \max(0, x) under a heading “ReLU” is that function's definition
    worked = re.search(r"\d\.\d|[A-Za-z]_\{?\d", rhs)
    return bool(worked) and bool(letters(rhs)) and letters(rhs) <= letters(match.group("args"))


def _inside_brackets(text: str, at: int) -> bool:
    """Whether ``at`` falls inside a short aside in brackets (“核心公式（记住！）：”): a mark there ends
    no sentence."""
    depth = sum(text.count(c, 0, at) for c in "(（") - sum(text.count(c, 0, at) for c in ")）")
    return depth > 0 and re.match(r"[^()（）\n]{0,20}[)）]", text[at:]) is not None


def _sentences(text: str, spans: list | None = None) -> list[tuple[int, int]]:
    """Sentence boundaries of ``text``, never inside math."""
    marks = SENTENCE_END_WRAPPED if PUNCTUATED_LINE.search(text) else SENTENCE_END_MARK
    cuts, last = [], 0
    for start, end, body, display in (math_spans(text) if spans is None else spans) + [(len(text), len(text), "", False)]:
        cuts += [m.end() for m in marks.finditer(text, last, start) if not _inside_brackets(text, m.end())
                 and not _run_in_title(text, m.end())]
        if display and body.rstrip().endswith(".") and re.match(r"\s+[A-Z]", text[end:]):
            cuts.append(end)  # “… if and only if P = Q.$$ Alternatively, …”: the period sits in the math
        last = end
    bounds = [0] + cuts + [len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if text[a:b].strip()]


# A bold title a line opens with, up to its closing mark (“1. **核心思想。**”).
RUN_IN_TITLE = re.compile(r"[ \t]*+(?:[-*+]|\d{1,3}[.)])?[ \t]*+\*\*[^*\n]{1,40}")


def _run_in_title(text: str, end: int) -> bool:
    """Whether a sentence mark right before ``end`` closes a bold title the paragraph runs on from (“**核心思想。**
    论文假设…”, as “**Core idea.** The paper assumes…” is read): the title goes with what it heads."""
    # (a question in bold, “**追问 2：收敛速度？**”, is asked, and what follows answers it; a bold phrase inside the
    # sentence, “…称为**核心思想。**”, heads nothing)
    if not (text.startswith("**", end) and text[end - 1:end] == "。"):
        return False
    start = text.rfind("\n", max(0, end - 60), end) + 1
    return (start > 0 or end <= 60) and RUN_IN_TITLE.fullmatch(text, start, end) is not None


def _is_condition(sentence: str, index: int, spans) -> bool:
    span = spans[index]
    before = sentence[spans[index - 1][1] if index else 0:span[0]]
    after = sentence[span[1]:spans[index + 1][0] if index + 1 < len(spans) else len(sentence)]
    guard_only = CONDITION_FORMULA.match(span[2]) and not RELATION.search(span[2].split(":", 1)[-1]) \
        if ":" in span[2] else CONDITION_FORMULA.match(span[2])
    return bool(CONDITION_BEFORE.search(before) or CONDITION_AFTER.match(after) or guard_only)


def _clip(words: str, before: bool, limit: int = 80) -> str:
    """The clauses next to the asked formula, at most ``limit`` characters of words (more where
    the first clause kept only restates the one before it: that one comes too)."""
    words = _unlink(words)
    if len(strip_math(words)) <= limit:
        return words
    spans = [(s, e) for s, e, _, _ in math_spans(words)]
    gaps = [(0, 0)] + spans + [(len(words), len(words))]
    marks = [m.end() for (_, a), (b, _) in zip(gaps, gaps[1:]) for m in CLAUSE_MARK.finditer(words, a, b)]
    if before:
        # from the last clause back, while the words after the cut stay short (one pass)
        cut, k, math_after = (marks[-1] if marks else 0), len(spans), 0
        for mark in reversed(marks):
            while k and spans[k - 1][0] >= mark:
                k -= 1
                math_after += spans[k][1] - spans[k][0] - 3
            if len(words) - mark - math_after > limit:
                break
            cut = mark
        earlier = [m for m in marks if m < cut]
        if earlier and CONNECTIVE_ONLY.match(strip_math(words[cut:])):
            cut = earlier[-1]  # “…, then $$H(X) = ?$$”: a bare “then” says nothing; keep its clause
        elif cut and RESTATES.match(words[cut:]):
            # “…, i.e., $$p(z) = …$$”: what it restates is the subject; begin with that clause
            cut = earlier[-1] if earlier else 0
        return words[cut:]
    cut = next((m for m in marks if m > 0), len(words))
    return words[:cut]


def _unlink(text: str) -> str:
    """Images and link targets have no place in a question: links read as their text."""
    return LINK.sub(lambda m: m.group(1) or "", text)


def relation_steps(body: str) -> int:
    r"""How many relations a formula states at its top level: 0 for a term (``\sum_{x \in D}``,
    ``P(f(x) = y)``), 1 for a fact, more for a chain or a derivation (one per aligned row)."""
    env = ENVIRONMENT.match(body)
    if env:
        return sum(relation_steps(row.replace("&", "")) > 0 for row in re.split(r"\\\\", env.group(3)))
    body = CASES.sub(" C ", body)  # a case's condition (“j > i”) is no step
    depth, last, steps = 0, 0, 0
    for match in RELATION.finditer(body):
        segment = body[last:match.start()].replace("\\{", "").replace("\\}", "")
        depth += sum(segment.count(c) for c in "{([") - sum(segment.count(c) for c in "})]")
        last = match.start()
        steps += depth <= 0
    return steps


def chain_length(body: str) -> int:
    r"""The most relations one left side is carried through: 2 for ``a = b = c``, and in an
    ``aligned`` block a row that starts with its relation (``&= …``) goes on with the row
    before it, while a row with a left side of its own starts a new chain."""
    env = ENVIRONMENT.match(body)
    if not env:
        return relation_steps(_chained(body))
    longest = current = 0
    for row in re.split(r"\\\\", env.group(3)):
        row = _chained(row.replace("&", ""))
        steps = relation_steps(row)
        if not steps:
            continue
        first = RELATION.search(row)
        current = current + steps if first and not row[:first.start()].strip() else steps
        longest = max(longest, current)
    return longest


# Where a formula's chain stops and its conditions begin: “, 1 \le i \le N”, “\text{ if } t < T”.
CHAIN_STOP = re.compile(r"\\(?:text|textrm|mathrm)\s*\{\s*(?:if|for|when|where|with|otherwise|and|or)\b|"
                        r"\\q?quad\b|\\begin\{cases\}")


def _chained(body: str) -> str:
    """The part of a formula that one chain of relations runs through: up to its first
    condition, case split or comma outside brackets."""
    stop = CHAIN_STOP.search(body)
    body = body[:stop.start()] if stop else body
    body = re.sub(r"=\s*\\[lc]?dots\s*,?\s*(?=,?\s*=)|,\s*(?==)", "", body)  # “= \ldots, = …” goes on
    depth = 0
    for i, char in enumerate(body):
        depth += (char in "{([") - (char in "})]")
        if char == "," and depth <= 0:
            return body[:i]
    return body


CASES = re.compile(r"\\begin\{cases\}.*?\\end\{cases\}", re.S)
BOXED = re.compile(r"\\boxed\s*\{")


def unboxed(body: str) -> str:
    r"""``\boxed{a = b}`` as ``a = b``: the box marks the result, it is not part of it."""
    match = BOXED.search(body)
    if match is None:
        return body
    depth = 1
    for i in range(match.end(), len(body)):
        depth += (body[i] == "{") - (body[i] == "}")
        if depth == 0:
            return body[:match.start()] + body[match.end():i] + unboxed(body[i + 1:])
    return body


def stated_rows(body: str) -> list[tuple[int, str]]:
    """The rows of an ``aligned`` (or ``align``, ``gathered``) block that each name what they
    compute, with the line each starts on (counted from the formula's first line), when there
    are two or more and they name different things; [] for one expression carried on over rows
    (``&= …``), where the block is one derivation or one fact."""
    env = ENVIRONMENT.match(body.strip())
    if not env or env.group(1) in ("array", "split"):
        return []
    start = body.index(env.group(3)) if env.group(3) else 0
    rows = []
    for offset, piece in _top_level_rows(env.group(3)):
        if piece.strip():
            line = body.count("\n", 0, start + offset + len(piece) - len(piece.lstrip()))
            rows.append((line, piece.strip()))
    sides = [split_formula(unboxed(row)) for _, row in rows]
    named = [normalize_latex(s[0]) for s in sides if s]
    if len(rows) < 2 or len(named) < len(rows) or len(set(named)) < len(named):
        return []
    return rows


def _top_level_rows(text: str) -> list[tuple[int, str]]:
    """The rows of an environment's body with where each starts, split at its own row breaks
    (“\\\\”, “\\\\[4pt]”) and with its own alignment marks (“&”) taken out; those of an
    environment inside it (a ``cases`` in an ``aligned`` row) stay as they are."""
    rows, depth, start, out, i = [], 0, 0, [], 0
    while i < len(text):
        if text.startswith("\\begin{", i):
            depth += 1
        elif text.startswith("\\end{", i):
            depth -= 1
        elif text.startswith("\\\\", i) and depth == 0:
            rows.append((start, "".join(out)))
            spacing = re.match(r"\\\\(?:\[[^\]]*\])?", text[i:])
            i += spacing.end()
            start, out = i, []
            continue
        elif text[i] == "\\" and i + 1 < len(text):
            out.append(text[i:i + 2])  # (an escaped character, “\\&”, “\\\\” inside: as it is)
            i += 2
            continue
        if not (text[i] == "&" and depth == 0):
            out.append(text[i])
        i += 1
    rows.append((start, "".join(out)))
    return rows


def split_formula(body: str) -> tuple[str, str] | None:
    """``(left-hand side, relation)`` of a formula that names what it computes, else None.

    Only a relation outside braces counts; in an ``aligned`` block, the first row's left side,
    when the other rows continue it (``&= …``) rather than state facts of their own.
    """
    env = ENVIRONMENT.match(body)
    if env:
        rows = [r for r in re.split(r"\\\\", env.group(3)) if r.strip()]
        sides = [split_formula(r.replace("&", "")) for r in rows]
        named = {normalize_latex(s[0]) for s in sides if s and s[0]}
        return sides[0] if sides and sides[0] and len(named) == 1 else None
    depth, last = 0, 0
    for match in DEFINING.finditer(body):
        segment = body[last:match.start()]
        # braces, parentheses and brackets: “p(y = j | x) = …” names p(y = j | x), not p(y
        depth += sum(segment.count(c) for c in "{([") - sum(segment.count(c) for c in "})]")
        last = match.start()
        if depth == 0:
            lhs = body[:match.start()].strip().strip("&").strip()  # an alignment mark, not a matrix's “&”
            # “\text{if } \lambda \neq 0: \quad g_t \leftarrow …”: the guard stays on the left
            named = top_level_parts(lhs)[-1].strip()
            listed = top_level_parts(top_level_parts(lhs, ":")[-1], ",")
            if any(relation_steps(p) for p in listed[:-1]):
                return None  # “μ ≥ 0, g ≤ 0, h = 0”: a list of conditions, asked whole
            if named and not relation_steps(named):
                return lhs, match.group(0)
            return None
    return None


ELSE = re.compile(r"^\s*\\(?:text|mathrm)\{\s*(?:else|otherwise)\s*\}|^\s*(?:否则|else|otherwise)\b", re.I)
IF_GUARD = re.compile(r"\\(?:text|mathrm)\{\s*if\s*([^{}]*)\}\s*([^:]*):")


def _else_of(it: Item, siblings: list[Item]) -> str:
    r"""For an item ``$\text{else}: …$``, the condition of the ``$\text{if …}: …$`` item before it
    (``nesterov``, ``$\mu \neq 0$``); empty for any other item."""
    bodies = [body for _, _, body, _ in math_spans(it.text)]
    if not bodies or not ELSE.match(bodies[0]):
        return ""
    for other in reversed(siblings[:siblings.index(it)] if it in siblings else []):
        for _, _, body, _ in math_spans(other.text):
            guard = IF_GUARD.search(body)
            if guard:
                words, math = guard.group(1).strip(), guard.group(2).strip()
                return " ".join(p for p in (words, f"${math}$" if math else "") if p)
    return ""


def label_of(text: str) -> str:
    r"""A formula item as the label of the items under it: short math kept, a guard
    (``\text{if } \mu \neq 0:``) kept up to its colon, a long formula by what it names."""
    out, last = [], 0
    for start, end, body, _ in math_spans(text):
        out.append(text[last:start])
        last = end
        body = body.strip()
        guard = CONDITION_FORMULA.match(body)
        if guard:
            body = body.split(":", 1)[0].strip()
        elif len(body) > 24:
            split = split_formula(body)
            body = split[0] if split and len(split[0]) <= 24 else ""
        out.append(f"${body}$" if body else "")
    return " ".join("".join(out + [text[last:]]).split()).strip(" :：,，")


def normalize_latex(text: str) -> str:
    return re.sub(r"\\(left|right|displaystyle)\b|\s+", "", text)


def anchor(text: str) -> str:
    """What a card is about, as part of its identity: short names as they are, long ones hashed."""
    norm = normalize_latex(text) if "\\" in text or "$" in text else normalize_name(text)
    return norm if len(norm) <= 48 else "~" + digest(norm)


def digest(text: str) -> str:
    return hashlib.sha1(normalize_latex(text).encode("utf-8")).hexdigest()[:10]


def defined_names(code: str, language: str) -> list[str]:
    """The functions and classes Python ``code`` defines at its top level, as signatures
    (```f(x, p)```, ```class Net```); none for code in another language."""
    tree = python_tree(code, language)
    if tree is None:
        return []
    out = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs]
            out.append(f"`{node.name}({', '.join(args)})`")
        elif isinstance(node, ast.ClassDef):
            out.append(f"`class {node.name}`")
    return out[:3]


def definitions_only(code: str, language: str) -> str:
    """The imports, functions and classes of Python ``code`` without the statements that
    try them out; all of ``code`` when that is all it is (or it is not Python)."""
    tree = python_tree(code, language)
    if tree is None:
        return code.rstrip("\n")
    kept = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    if all(isinstance(node, kept) or _is_docstring(node) for node in tree.body) and not MAGIC.search(code):
        return code.rstrip("\n")  # (a notebook's “%matplotlib inline” is no part of the function)
    lines = code.splitlines()
    parts, last = [], None
    for node in tree.body:
        if not isinstance(node, kept):
            continue
        start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
        if last is not None and start > last:
            parts.append("")
        parts.extend(lines[start:node.end_lineno])
        last = node.end_lineno
    return "\n".join(parts)


def _mini_heading(text: str) -> str:
    """What a paragraph that is only a bold name, or starts with one (“**Bernoulli(p)** — one
    coin flip”), names; empty for any other paragraph."""
    if (rule := IF_THEN.fullmatch(text.strip())):
        return rule.group("cond")  # (“**IF** the loss is NaN **THEN** …” over its “why:”, “check:”: of that case)
    bold = re.fullmatch(r"\s*\*\*([^*\n]{1,60})\*\*(?:\s*[:：]|\s+[—–-]{1,2}\s)?[^\n]*", text.strip())
    name = clean_term(bold.group(1)).rstrip(":： ") if bold else ""
    said = text.strip()[bold.end(1):].strip(" *:：—–-") if bold else ""
    if said and (LABEL_TERM.match(name) or REPORT_FIELD.fullmatch(name) or ANSWER_LABEL.fullmatch(name)
                 or ARGUMENT_PART.fullmatch(name)):
        return ""  # “**Started:** sat 14 oct”: a field and its value, no heading for what follows
    if WHOLE_ANSWER.fullmatch(PAREN_TAIL.sub("", name).strip()):
        return ""  # (“**应该怎么答：**” over a list: the answer's points, of the heading, not of “应该怎么答”)
    return name


def _formula_with(term: str, earlier: list[Item], guards: tuple[str, ...]) -> str:
    """The formula, among the items before this one and the ones it sits under, that a term
    written in math is a part of; empty when it is none or the term is words."""
    if not term.startswith("$"):
        return ""
    part = re.sub(r"\s+", "", term.strip("$ "))
    candidates = [body for it in reversed(earlier) for _, _, body, _ in reversed(math_spans(it.text))]
    for body in candidates + list(reversed(guards)):
        if RELATION.search(body) and part and part in re.sub(r"\s+", "", body) and len(body) <= 160:
            return " ".join(body.split())
    return ""


def _formulas_aside(text: str) -> bool:
    """Every formula of ``text`` sits in parentheses (“zeros added around the border (for
    $S=1$, $P = (K-1)/2$)”): the text defines its term, the formulas are an aside."""
    spans = [sp for sp in math_spans(text) if RELATION.search(sp[2])]
    def inside(start: int) -> bool:
        before = strip_math(text[:start])
        return before.count("(") + before.count("（") > before.count(")") + before.count("）")
    return bool(spans) and all(inside(start) for start, _, _, _ in spans)


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def first_statement(code: str) -> str:
    """A code block's identity: its first statement (comments and blank lines skipped)."""
    for line in code.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", "//", "%")):
            return anchor(line)
    return "~" + digest(code)


def complete_cloze(text: str) -> bool:
    """Every ``{{cN::`` the text opens is closed."""
    return CLOZE_OPEN.search(COMPLETE_CLOZE.sub("", text)) is None and "::" not in COMPLETE_CLOZE.sub("", text)


def no_cloze(text: str) -> str:
    """Text from the notes placed inside a generated cloze: its braces cannot end the deletion."""
    return text.replace("{{", "{ {").replace("}}", "} }")


def last_sentence(text: str) -> str:
    """The sentence that introduces a display formula: the last one before it."""
    bounds = _sentences(text)
    return text[bounds[-1][0]:].strip() if bounds else ""


def extract_cards(outline: Outline, doc: str | None = None,
                  callable_named: Callable[[str], bool] | None = None) -> tuple[list[Card], list[Notice]]:
    """All cards of one notes file, in file order, with the notices found on the way.

    ``doc`` names the document for card identity (default: the file name). ``callable_named``
    says whether a name is a torch callable's (“RMSprop”, “StepLR”): a table of defaults gives
    cards only for rows that name one; without it, none does.
    """
    return _Extractor(outline, doc or outline.path.rsplit("/", 1)[-1], callable_named).run()


def _is_chinese(outline: Outline) -> bool:
    """Questions are asked in the notes' language: Chinese when CJK outweighs Latin words."""
    return language(_prose_texts(outline)) == "zh"


def _prose_texts(outline: Outline) -> list[str]:
    """The headings, paragraphs and items of the notes, without code and LaTeX (Latin in every language)."""
    texts: list[str] = []

    def walk(blocks: list[Block]) -> None:
        for block in blocks:
            if block.kind in ("code", "math"):
                continue
            texts.append(block.text)
            for item in block.items:
                texts.append(item.text)
                walk(item.children)

    for _, section in iter_sections(outline.root):
        texts.append(section.title)
        walk(section.blocks)
    return texts


# Characters written one way in traditional Chinese and another in simplified: the ones that tell a page's script.
_SCRIPT_PAIRS = ("們们這这個个說说為为麼么會会來来時时過过對对還还點点開开關关當当機机經经讓让發发應应從从動动將将長长實实現现裡里"
                 "問问間间義义學学體体題题與与網网頁页數数據据類类後后無无並并專专際际選选參参計计習习練练權权優优損损嗎吗隨随態态區区處处"
                 "統统")
TRADITIONAL = frozenset(_SCRIPT_PAIRS[0::2])
SIMPLIFIED = frozenset(_SCRIPT_PAIRS[1::2])


def _is_traditional(outline: Outline) -> bool:
    """Whether Chinese notes are written in traditional characters (“這個”, “為什麼”): then the prompts are too."""
    text = "".join(_prose_texts(outline))
    traditional = sum(ch in TRADITIONAL for ch in text)
    return traditional >= 5 and traditional > 3 * sum(ch in SIMPLIFIED for ch in text)


# Steps beyond which a formula is a derivation to follow, not a fact to recall.
MAX_STEPS = 3
# Relations one expression may be carried through and still be one fact (“σ'(x) = … = σ(x)(1-σ(x))”);
# a longer chain works something out.
MAX_CHAIN = 2
# Words about the document rather than the concept (“本节内容…”, “as shown below”), a reference list.
SELF_REFERENCE = re.compile(r"本节|本章|本文|本部分|下面|如下|以下|this (?:section|chapter|page)|below|following|^\s*\[\d+\]", re.I)
# A result under a bold label that names it (“**Thm 1.5 (separating hyperplane).**”, “**定理3（辛钦大数定律）**”,
# “**定理 5.1**（迹与行列式）”).
NAMED_THEOREM = re.compile(
    r"\s*\*\*\s*(?P<kind>定理|引理|推论|命题|theorem|thm|lemma|corollary|proposition|prop)\.?\s*[\d.]*\s*"
    r"(?:[(（](?P<name>[^()（）\n]{2,40})[)）]\s*[.:：]?\s*\*\*|[.:：]?\s*\*\*\s*[(（](?P<after>[^()（）\n]{2,40})[)）]\s*[.:：]?)",
    re.I)
_KINDS = {"thm": "theorem", "prop": "proposition"}


def _theorem_name(match: re.Match) -> str:
    """“separating hyperplane theorem”, “辛钦大数定律”, “迹与行列式（定理）”: the result by its name and kind."""
    name = (match.group("name") or match.group("after")).strip()
    kind = match.group("kind")
    if CJK.search(kind):
        return name if re.search(r"(?:定理|定律|引理|推论|命题|不等式|公式|准则|条件|法则)$", name) else f"{name}（{kind}）"
    kind = _KINDS.get(kind.lower(), kind.lower())
    return name if re.search(r"\b(?:theorem|lemma|corollary|proposition|law|inequality|rule|conditions?|"
                             r"principle|duality|bound)\b", name, re.I) \
        else f"{name} {kind}"


# A heading about a numbered equation, figure or table (“式(3.7)的推导”) names no concept.
NUMBERED_REF = re.compile(r"(?:[式图表例]|引理|定理|推论|习题)\s*[(（]?\d|"
                          r"\b(?:eq|eqn|fig|figure|table|equation|lemma|theorem|example|exercise)\.?\s*[(]?\d", re.I)
# Where a heading says its place in a book beside its subject (“Gibbs' inequality (Lemma 4.1, p. 71)”,
# “Softmax is shift-invariant (line under eq. 4.10)”): the brackets it can go without.
CITED_PLACE = re.compile(r"(?<!\s)\s*+[(（\[［]([^()（）\[\]［］]*+)[)）\]］]")  # (tried once per run of spaces)


def _named_by_number(heading: str) -> bool:
    """Whether a heading names an equation, a figure or an exercise as its subject (“式(9.5)的解释”,
    “Eq. (3) explained”, “Walkthrough (eq. 3)”), not only where its subject stands in the book."""
    subject = CITED_PLACE.sub(lambda m: " " if NUMBERED_REF.search(m.group(1)) else m.group(), heading)
    if not re.search(r"\w\w", subject) or WORKS_THROUGH.search(subject):
        subject = heading
    return NUMBERED_REF.search(subject) is not None


# Words of a heading that works through what its brackets cite (“Walkthrough (eq. 3)”, “逐项解释（式 7.32）”).
WORKS_THROUGH = re.compile(r"walk-?through|explain\w*|explanation|interpret\w*|term by term|step by step|"
                           r"解释|讲解|解读|说明|推导|证明|逐项|逐步", re.I)


# What follows a name that is being defined: “… 功能是”, “ is”, “（…）指”, “: ”.
IS_AFTER_NAME = re.compile(r"(?:[（(][^）)]{0,30}[）)])?[^，,。；;：:]{0,4}?(?:是|指|即|称为|叫做|表示|定义为|:|：|"
                           r"is|are|means|refersto|denotes|describes)")  # spaces are gone: no \b


SENTENCE_FINAL = (".", "。", "!", "！", "?", "？", ";", "；", "…")
# A heading that names a part of the document, not a concept it could define.
# (“分析” only as a section's own name, “误差分析”: “线性判别分析”, “因子分析” are methods)
DOC_HEADING = re.compile(
    r"\b(?:implementations?|implementing|from scratch|concise|analysis|experiments?|training|summary|exercises?|"
    r"discussions?|introduction|overview|background|motivation|preliminaries|setup|appendix|examples?)\b|"
    r"实现|从零开始|简洁|^(?:误差|结果|实验|数据|复杂度|性能|案例|原因|对比|理论|收敛性|稳定性)?分析$|实验|训练|小结|总结|练习|习题|讨论|引言|简介|概述|背景|动机|预备|附录|示例|例子|"
    r"反思|心得|感想|补充|结果|\bresults?\b|\bmark(?:ing)? schemes?\b|\bmarking guide\b|评分(?:标准|细则|要点)", re.I)
# A section of things the writer has not read yet (“Other / later”, “To read”, “以后再看”):
# a list of topics for later, not knowledge.
NOT_READ_YET = re.compile(r"^\s*(?:other\s*/\s*later|later|to read|reading queue|以后再看|待看|待读)\s*$", re.I)
# A section that lists what the notes or a lecture will cover (“Outline”, “本讲内容”, “目录”):
# topics, not knowledge. (A heading, not the file's title: notes may be titled by their first one.)
CONTENTS = re.compile(r"(?:outline|(?:table of )?contents|agenda|目录|大纲|本[节章讲课]内容|今天的内容)$", re.I)
# A slide's number before its title (“P2 目录”, “Slide 14: Outline”, “第 3 页 封面”).
SLIDE_NUMBER = re.compile(r"^\s*+(?:P|p|slide|第)\s*+\d{1,3}\s*+页?\s*+[:：.|·-]?\s*+(?=\S)", re.I)
# A heading's aside that says its section is not for cards (“对比表（不做卡，自己看）”, “Raw notes (no cards)”,
# “(don't make cards, just read)”); not one that says it was so before (“（之前不做卡，这次全部补上）”).
NO_CARDS = re.compile(r"[(（](?![^()（）]*(?:之前|以前|补|\bused to\b|\bbut\b|\bshould\b|\bnow\b))\s*"
                      r"(?:不(?:用|要)?(?:做|制作|出)(?:成)?卡(?![方尔])|别做卡|不制卡|不进\s*anki|"
                      r"\bno\s+(?:anki\s+|flash)?cards?(?=\s*(?:[,，;；)）]|please))|"
                      r"\bnot\s+for\s+(?:anki|cards|flashcards)\b|\bdon['’]?t\s+(?:make\s+)?(?:anki\s+|flash)?cards?\b|"
                      r"\bskip\s+(?:for\s+)?(?:anki|cards|flashcards)\b)[^()（）]*[)）]", re.I)
# A script's panel, shot or scene, numbered (“分镜 3”, “分镜 6（…）”, “第 2 格”, “Panel 4: the mask”, “Scene 2”).
SCENE_HEADING = re.compile(r"(?:分镜|镜头|(?i:panel|scene|shot))\s*+\d+[a-z]?(?:\s*+[（(:：—–-].*)?|第\s*+\d+\s*+[格幕场镜](?:\s*+[（(:：—–-].*)?")
# What a script's line is, as its writer labels it: what is shown (“画面：”, “Visual:”), said over it (“旁白：”,
# “Narration:”, “V.O.:”), heard (“音效：”, “SFX:”), written on it (“字幕：”, “Caption:”).
PRODUCTION_LABEL = re.compile(r"\s*+(?:[-*+]\s++)?(?:\*\*)?(?:画面|旁白|镜头|台词|字幕|音效|配乐|BGM|(?i:visual|narration|narrator|"
                              r"voice-?over|v\.o\.|sfx|caption|on[- ]screen|b-roll|camera))(?:\*\*)?\s*+[:：]")


# What a panel's line is labelled as, as its name whole (“画面”, “6a 画面”, ““它”的内心 OS”, “脚注（小字）”, “下一小格”; not
# a term that holds such a word, “推镜头”).
PRODUCTION_WORD = re.compile(r"(?:\d+[a-z]?\s*+|[^\s的]{1,8}的)?(?:画面|旁白|镜头|台词|字幕|音效|配乐|BGM|内心\s*+OS|脚注|"
                             r"(?:下一|上一|这一|最后一|彩蛋)?小?格|(?i:visual|narration|narrator|voice-?over|v\.o\.|sfx|caption|"
                             r"on[- ]screen|b-roll|camera|footnote))(?:\s*+[（(][^()（）]*[)）])?")
# A line said in a panel, in a script's quotes whole (“「……明明是我」”; a quote in “…” may be a rule's wording), and who
# says it how (“学生（小声）”).
SPOKEN_LINE = re.compile(r"「[^」]*」|『[^』]*』")
SAID_HOW = re.compile(r"[（(](?:小声|大声|低声|旁白|画外音|内心|心想|whisper(?:ing|s)?|aside|shout(?:ing|s)?|"
                      r"o\.s\.|v\.o\.)[^()（）]*[)）]$", re.I)


def _is_script(outline: Outline) -> bool:
    """Whether the notes are a script (a comic's storyboard, a video's): two numbered panels or scenes at least, and two
    lines at least labelled as a script labels what is shown or said (“画面：…”, “旁白：…”, “Visual: …”)."""
    scenes = labelled = 0
    for _, section in iter_sections(outline.root):
        scenes += bool(SCENE_HEADING.fullmatch(SECTION_NUMBER.sub("", section.title).strip()))
        stack = list(section.blocks)
        while stack:
            block = stack.pop()
            stack.extend(block.blocks)
            stack.extend(child for it in block.items for child in it.children)
            texts = [block.text] if block.kind == "paragraph" else [it.text for it in block.items]
            labelled += sum(bool(PRODUCTION_LABEL.match(line)) for text in texts for line in text.splitlines())
    return scenes >= 2 and labelled >= 2


# Sections that follow the content: questions without answers, reading lists, pointers.
BACK_MATTER = re.compile(
    r"^(?:exercises?|problems?|discussions?|references?|bibliography|further reading|"
    r"(?:additional |more )?resources|next steps|see also|acknowledge?ments?|练习|习题|思考题|课后习题|讨论|参考文献|"
    r"参考资料|参考链接|参考|延伸阅读|扩展阅读|推荐阅读|推荐资料|学习资料|学习资源|资料|相关资源|下一步|致谢|"
    r"(?:下一步|接下来|之后|后续|下周)的?(?:学习)?(?:计划|打算|安排)|next (?:plans?|week'?s plans?)|"
    # what a teacher means to do differently next time (“下次要改的”, “What I'd change next time”; a
    # series' “Next time” may say what the next part builds on, a mistakes log's “下次注意” the lesson)
    r"下次(?:要|该|可以|得)?(?:改|改进|调整)的?(?:地方|点|内容)?|"
    r"(?:what|things) (?:i'?d|i would|i'?ll) (?:change|do differently)(?: next time)?|"
    # (what one would try with more time: “What I'd do next”, “If I had more time”)
    r"(?:what|things) (?:i'?d|i would|i'?ll|to) (?:do|try) next|if i had (?:more|another) (?:time|week|day)|"
    r"what to (?:change|do differently) next time|"
    # how often each mistake came up in a grader's pile (“Common-error tally”), a meeting's other business,
    # one's own run (“final run (0414) config”; the defaults of a method, or a config kept “for reference”,
    # are facts)
    r"(?:common[- ])?(?:error|mistake)s? tally(?:\s*[(（].*)?|错误统计|any other business|a\.?o\.?b\.?|"
    r"(?:(?:my|our)\s+)?(?:final|best|last)\s+(?:run|experiment)s?(?![\w-]).*|"
    r"(?:my|our)\s+(?:runs?|experiments?|training)\b.*\b(?:config(?:uration)?|setup|settings|hyper-?parameters)\b.*|"
    r"推荐(?:读|看)的?(?:东西|资料|材料|论文|文章)?|(?:建议|值得)(?:读|看|阅读)的?(?:东西|资料|论文|文章)?|必读|"
    r"recommended (?:reads?|reading|links|papers)|things to (?:read|look into)|"
    r"not yet processed(?:\s*[(（][^()（）]*[)）])?|unprocessed(?: links| bookmarks)?|"
    # what is left to do, and how to hand a report in (“剩下要做的（按优先级）”, “实验报告要求”)
    r"(?:剩下|剩余|还)(?:要|需要)?做的(?:事|事情)?(?:\s*[(（][^()（）]*[)）])?|remaining (?:work|tasks|to-?dos?)|"
    # notes about the notes (“Meta / todo”), the plan of what goes on one's cheat sheet (“Cheat sheet plan”)
    r"(?:cheat ?sheet|crib sheet|小抄)\s*(?:plan|layout|布局|计划|排版)|A4 ?纸?\s*(?:plan|计划)|"
    # what the page means to cover later (“Things I want to add / check”, “Not covered (maybe later)”, “还没讲的”)
    r"(?:things )?i (?:want|need|plan|have) to (?:add|check|cover|read|look into)(?:\s*+(?:/|and|&)\s*+\w+)*+|"
    r"things to (?:add|check|cover)(?:\s*+(?:/|and|&)\s*+\w+)*+ (?:later|next)|"
    r"not yet covered|not covered yet|"
    r"(?:还没|尚未)讲(?:到)?的?(?:内容)?|"
    r"(?:复习|备考)资料|"
    r"(?:实验)?报告要求|提交要求|submission(?: requirements)?|"
    r"reading list(?:\s+(?:that|which|i|we)\b.*|\s*[(（].*)?|(?:recommended |learning )?(?:materials|readings)|"
    r"(?:\w+\s+)?(?:sources|licen[cs]es?|credits|changelog|attributions?)|来源|出处|版权声明|许可证?|更新日志|"
    r"修改记录|变更记录|编辑记录|更新记录|revision history|"
    # whom to ask and how, a club's own news, one's score on a practice sheet
    r"who to ask|whom to ask|contacts?|联系人|联系方式|找谁|问谁|(?:club|group|lab|course) (?:stuff|news|business|logistics)|"
    r"社团(?:通知|事务)|群(?:通知|公告)|(?:得分|成绩|分数)\s*[&/、和与]\s*(?:反思|总结)|my scores?|scores?\s*[&/]\s*reflections?|"
    # the course's own business (“作业 & 考试”, “Logistics”)
    r"(?:作业|考试|期中|期末|课程安排|课程信息|homework|exams?|midterms?|grading|logistics|administrivia|"
    r"feedback received|评语|老师反馈|"
    r"attendees|participants|参会(?:人员)?|出席(?:人员)?|与会(?:人员)?)"
    r"(?:\s*[&/、,，和与及]\s*(?:作业|考试|期中|期末|homework|exams?|midterms?|grading))*|"
    # a project's look back: what its author tried and how it went
    r"what (?:(?:didn'?t|did not|also|else) )?(?:worked|work|helped|failed|went (?:wrong|well|badly|poorly))"
    r"(?: for (?:the |my |me)?[\w -]+)?|"
    r"what i (?:tried|learned|did)|lessons? learned|lessons? \(?for (?:the )?next\b.*|"
    r"(?:总结(?:一下)?)?\S{0,8}?(?:经验)?教训(?:总结)?|"  # (“总结一下这两周的教训”)
    # the tricks a contest's look back says did not work (“没用 / 负收益的 trick ❌”)
    r"(?:没用|无效|没效果|负收益|失败)(?:\s*/\s*(?:没用|无效|没效果|负收益|失败))*的?\s*(?:tricks?|技巧|方法|尝试|做法)\s*[❌✗]?|"
    r"(?:project )?(?:retrospective|retro|post-?mortem|复盘)(?:\s*[:：—–-].*)?|"
    r"(?:open )?action items|复盘|踩坑记录|经验教训|"
    # what the writer has yet to understand: questions to oneself, not answered here
    r"(?:still )?unsure|open questions?|questions? i still have|things i don'?t get|还没(?:搞|弄)?懂(?:的)?|没懂的?|"
    r"疑问|待解决(?:的问题)?|"
    # a repository's own business
    r"contributing|contributors?|how to contribute|贡献(?:指南)?|star history|todo(?: list)?|to-?dos?|待办(?:事项)?|"
    # a log's own business, and what its writer decided to leave for later
    r"杂事|things (?:i'?m|i am|we'?re|we are|i'?ll|we'?ll) not (?:going to )?\w+(?: \w+)?|"
    # a talk's cover and its outlook, one's feelings after reading, a contest's or a project's particulars
    r"封面|cover (?:page|slide)|title slide|展望|未来(?:的)?(?:工作|方向)|后续工作|future (?:work|directions)|outlook|"
    r"读后感|碎碎念|闲聊|杂谈|随想|musings|rants?|"
    r"(?:比赛|竞赛|项目|课程)(?:基本)?信息|基本信息|(?:competition|contest|project) (?:info(?:rmation)?|details|overview)|"
    r"(?:basic|general) info(?:rmation)?|"
    r"(?:not|won'?t be) (?:chasing|pursuing|doing|covering|trying)(?: \w+)?|"
    r"暂(?:时)?不(?:考虑|研究|看|做)的?(?:东西|方向)?|以后再(?:看|说|做)|"
    r"links?|related(?: notes| pages)?|backlinks|相关链接|相关笔记|"
    # what a candidate asks the interviewer at the end (“反问环节”, “Questions I asked them”): the company's answers
    r"(?:通用)?反问(?:环节|清单|问题)?|(?:my |our )?questions (?:for|to) (?:the )?(?:interviewers?|team|company|them)|"
    # a talk's outline of what it covers today (“Outline”, “Agenda”, “本讲提纲”)
    r"outline|agenda|today'?s (?:plan|agenda|outline)|本(?:讲|节|次)(?:内容|提纲|安排)|提纲|"
    # how one rates one's own grasp (“自评”, “Self-assessment”)
    r"自评|自我(?:评价|评估)|self[- ]?(?:assessment|evaluation|rating)|"
    r"questions (?:i|we) asked(?: them| the interviewers?)?|reverse questions|"
    # a quiz's answers: the options they choose among are not on the page
    r"quiz(?:zes)?(?: answers)?|测验|小测(?:验)?(?:答案)?|"
    # a course's timetable (“本周安排（不考）”, “Schedule”)
    r"(?:本周|本节|课程|考试)安排(?:\s*[(（][^()（）]*[)）])?|(?:course|class) schedule|logistics|"
    # one's own plan to revise (“Revision schedule”, “复习计划（倒数两周）”)
    r"(?:revision|exam prep)\s+(?:schedule|plan|timetable)|(?:复习|备考)(?:计划|安排|时间表|日程)"
    r"(?:\s*[(（][^()（）]*[)）])?)$", re.I)
# A heading that says what is under it will not be examined (“老师明确说不考的”, “本章不考”, “Not on the exam”);
# “HMM 不考” and “（第 8 章不考）” say it of a part, and keep their knowledge.
NOT_EXAMINED = re.compile(r"(?:老师)?(?:明确)?(?:说)?(?:\*\*)?不考(?:\*\*)?的?(?:内容|部分|章节|知识点)?|(?:这|本)(?:章|节|部分)不考|"
                          r"(?:(?:misc(?:ellaneous|ellany)?|other|extras?|杂项|其他|其它)\s*[/|–—-]\s*)?"
                          r"not (?:examined|examinable|(?:on|for|in) the (?:exam|final|midterm)|tested)", re.I)
# … unless its aside says it matters all the same (“不考的（但面试常问）”).
CONTRAST = re.compile(r"但|不过|要用|需要|会用|面试|\b(?:but|still)\b", re.I)
# A heading that says what is under it is no card (“leftover / not cards”, “不做卡片”).
NOT_CARDS = re.compile(r"not (?:for |as )?(?:flash)?cards?(?: yet)?|不(?:做|是|要做)成?卡片", re.I)


# A heading over what the page leaves for another day (“Not covered (maybe later)”).
LEFT_FOR_LATER = re.compile(r"\W*+not (?:yet )?covered\b[^()（）]*+[(（][^()（）]*?(?:later|maybe|yet|以后|之后)[^()（）]*+[)）]", re.I)
# A slide's number before its title (“Slide 5 | Sources”, “p.12 · …”, “第 3 页”).
SLIDE_TITLE = re.compile(r"\s*(?:slide\s*\d|pp?\.\s*\d|第\s*\d+\s*页)", re.I)
# What a talk's slides hold besides its subject: its cover, its outline, its questions, its thanks and works cited.
SLIDE_BACK = re.compile(r"封面|(?:cover|title)(?: page| slide)?|目录|大纲|agenda|outline|(?:table of )?contents|q\s*&\s*a|问答|"
                        r"谢谢|致谢|thanks|thank you|references?|参考文献|参考资料", re.I)


# A lesson plan's own business, in a page that is one (“《K-均值聚类》教学设计”, “Lesson plan: photosynthesis”): the class it
# is for, its aims, its methods, the teacher's reflection (in a course on teaching, these are the subject).
LESSON_SECTION = re.compile(r"教材分析|学情分析|教学目标|教学(?:重点|难点|重难点|重点与难点|重点和难点)|教学(?:方法|手段|准备|资源)"
                            r"(?:与准备|和准备)?|教学反思|课后反思|(?:teaching|lesson) (?:objectives|aims|methods|materials|"
                            r"reflection)|student analysis|learner analysis", re.I)
LESSON_PLAN_TITLE = re.compile(r"(?!如何|怎样|怎么|关于)(?:《[^》]{1,40}》|[^\n]{1,40}?)\s*(?:的)?(?:教学设计|教案)(?:\s*[(（][^()（）]*[)）])?|"
                               r"(?i:lesson plan\s*[:：—–-]\s*\S.{0,60}|(?!how\b|writing\b).{1,60}?\s[—–-]\s*lesson plan)")


def _back_matter_heading(title: str) -> bool:
    """A heading of back matter; on a slide (“Slide 5 | Sources”), only the talk's own (its cover, “Q&A”,
    “References”): a slide titled “Sources” or “Resources” is about them."""
    bare = _bare(SLIDE_NUMBER.sub("", SECTION_NUMBER.sub("", title)))
    if LEFT_FOR_LATER.match(title):
        return True  # (“Not covered (maybe later)”: what the page leaves for another day; “Not covered” alone may
        # be the subject, an insurance's exclusions)
    if SLIDE_TITLE.match(title):
        return SLIDE_BACK.fullmatch(bare.strip()) is not None
    return _back_matter(bare)


def _back_matter(heading: str) -> bool:
    """A heading of back matter, or of two joined (“Open questions / TODO”, “参考资料 & 致谢”), or one that
    says its notes are no cards."""
    if BACK_MATTER.match(heading) or NOT_CARDS.fullmatch(heading.strip()):
        return True
    parts = re.split(r"\s*(?:/|&|\+|、|\b(?i:and)\b|和|与|及)\s*", heading)
    return len(parts) > 1 and (all(part and (BACK_MATTER.match(part) or re.fullmatch(r"meta", part, re.I)) for part in parts)
                               and any(BACK_MATTER.match(part) for part in parts)
                               or any(NOT_CARDS.fullmatch(part) for part in parts))


# A heading that is a bare kind of section (“The Algorithm”, “算法”, “Properties”).
GENERIC_HEADING = re.compile(
    r"^(?:the\s+)?(?:常见的?|常用的?|主要的?|其[他它]的?|(?:common|main|other)\s+)?(?:algorithms?|methods?|models?|theory|definitions?|properties|basics|details|formulas?|"
    r"derivations?|proofs?|intuition|idea|notation|techniques|算法|方法|手段|技巧|模型|理论|定义|性质|原理|公式|推导|证明|基本思想|思路|符号|细节|"
    r"记号|"
    # a kind of exam question (“二、简答题”, “多选题”): which, not what about
    r"(?:单项|多项|单|多)?(?:选择|选|填空|判断|简答|计算|问答|论述|编程|综合)题|"
    # a day of a log (“2024-03-13”, “2024年3月13日（周三）”, “Day 12”): when, not what
    r"\d{4}[-/.年]\s*\d{1,2}[-/.月]\s*\d{1,2}日?(?:\s*[(（]?\w{0,9}[)）]?)?|(?:day|week)\s*\d+|第\s*\d+\s*[天周])$", re.I)
ONLY_BOLD = re.compile(r"\*\*[^*\n]++\*\*\s*+[:：]?")
# A bold line over someone's remarks: a teacher's, a reviewer's, a named person's (“王老师点评”, “审稿意见”,
# “Reviewer 2's comments”, “Comments from reviewer 2”, “Marco's feedback”); not a kind of feedback (“负反馈”,
# “人类反馈”, “Human feedback”) nor the comments of code.
_REMARKER = r"(?:[\u4e00-\u9fff]{0,3}(?:老师|导师|师兄|师姐|助教|教授|审稿人|评委)|(?:reviewer|referee|ta|prof\.?|teacher|advisor|grader)\s*\d*|(?-i:[A-Z][a-z]+))"
REMARKS_BY = re.compile(rf"(?:{_REMARKER}(?:'s|的)?\s?)?(?:点评|评语|批注|批改意见|审稿意见|修改意见)|"
                        rf"{_REMARKER}(?:'s|的)\s?(?:comments?|feedback|remarks|反馈|意见)|"
                        r"[\u4e00-\u9fff]{0,3}(?:老师|导师|师兄|师姐|学长|学姐|助教)的?建议|"
                        rf"(?:[\u4e00-\u9fff]{{0,3}}(?:老师|导师|师兄|师姐|助教|评委))(?:反馈|意见)|"
                        rf"(?:comments?|feedback|remarks) (?:from|by) (?:the )?{_REMARKER}", re.I)
# What a bold line over a list may name of the subject above it, not a subject of its own (“常见变形”,
# “适用条件”, “Properties”, “When to use it”).
ASPECT = re.compile(r"(?:常见的?|主要的?|其他的?|其它的?)?(?:变形|变体|变种|推广|形式|性质|特点|特性|优点|缺点|优缺点|局限性?|"
                    r"适用(?:条件|场景|范围)|使用场景|应用场景|注意事项|用法|例子|示例)|"
                    r"(?:(?:common|main|other|key)\s+)?(?:variants?|variations?|forms|properties|pros(?:\s+(?:and|&)\s+cons)?|"
                    r"cons|advantages|disadvantages|limitations|use cases|when to use(?: it)?|usage|examples?)", re.I)
# A heading that joins two things (“Vectorization and Caches”, “凸性与二阶导数”) is a topic.
TOPIC = re.compile(r"\s(?:and|&|vs\.?|versus)\s|[与和及]", re.I)
# A definition written without its subject: “A technique that …”, “是一种…”, “指…”.
HEADLESS = re.compile(r"^\s*(?:(?:A|An)\s|(?:是|指)(?:一种|一个|一类|用来|用于)?|一种|用于|用来)", re.I)
# A term that is a question of its own (“为什么 FFN 先升维到 4d”, “Why not an MLP?”).
ASKS = re.compile(r"\s*(?:为什么|为何|怎么|怎样|如何|何时|什么时候|哪些|\b(?:why|how|when|which|what)\b)|.*[?？]\s*$", re.I)
# A description that is a remark on its term rather than what the term is: a number, code, a
# caution or a habit (“~3/4 the params”, “`out` last dim is 2H”, “can't use for online …”, “通常…”).
REMARK = re.compile(r"\s*(?:[~≈<>±]\s*\d|\d|`|O\(|(?:can'?t|cannot|don'?t|doesn'?t|mind|usually|never|always|only|"
                    r"needs?|requires?|must|should|sufficient|necessary)\b|"
                    r"不能|无法|不要|别|一般|通常|只有|只能|需要|要先|必须|是?\**(?:充分|必要)|容易|易于|"
                    # what must be done with it (“输入要先过 sigmoid”, “target 必须是 long”)
                    r"(?!一种|一个|一类)[\u4e00-\u9fff\w]{1,6}?(?:要先|必须|不能|不要|只能)|"
                    # how it compares or behaves in one case (“泛化一般更好，训练开销大”, “eval 时不丢弃”,
                    # “better than …”, “stochastic or deterministic”)
                    r"[^，,。；;\n]{0,8}?(?:更|较|比较)(?:好|差|大|小|快|慢|高|低|稳|容易|难|少|多)|[^，,。；;\n$]{1,10}?时[，,]?\s*(?:不|没|别|也|要|才|仍|还)|"
                    r"(?:better|worse|faster|slower|cheaper|easier|harder|more|less)\b|\w+ or \w+\s*$)", re.I)
# A line that opens on a name as one of a kind it goes on about (“- ResNet-50 这类模型，INT8 掉点 < 1%”): a
# remark on that kind. (After a colon, “**线粒体**：这种细胞器…”, it says what the term is.)
ONE_OF_A_KIND = re.compile(r"\s*(?:这|此|那)(?:一)?(?:类|种|些)|\s*(?:such|these) (?:models?|layers?|methods?|networks?)\b|"
                           r"\s*(?:models?|layers?|methods?|networks?) like (?:this|these|it)\b", re.I)
# A short text that states a theorem about its term (“半正定 ⟺ 凸”, “independent ⇒ uncorrelated”):
# something to remember about it, not what it is.
STATES_THEOREM = re.compile(r"⟺|⇔|⇒|\biff\b|当且仅当")
# An explanation that starts from a formula the card does not show (“这个式子可以…”, “This equation says…”).
REFERS_BACK = re.compile(r"\s*(?:这个|这一|该|此|上|上面的?|以上)(?:式子|公式|等式|不等式|式)|"
                         r"\s*(?:this|the above|the previous|that)\s+(?:equation|formula|expression|identity|inequality)",
                         re.I)
# A section of pitfalls, tips or criticism: what it says of a term is a remark on it, not what it is
# (“新同学常踩的坑” over “**embedding**：维度不是越大越好”).
REMARKS_HEADING = re.compile(r"坑|血泪|批评|吐槽|误区|易错|易混|常见错误|常犯的?错|^\s*经验值?\s*$|"
                             r"\b(?:pitfalls?|gotchas?|critiques?|criticisms?|caveats?|mistakes?)\b", re.I)
# Words that say a list is in order (“排查顺序”, “踩坑后的处理步骤”, “debugging steps”).
IN_ORDER = re.compile(r"顺序|步骤|流程|次序|排查|\b(?:order|steps?|procedure|workflow|troubleshoot\w*)\b", re.I)
# A sentence that opens by naming what it states in bold (“**感知机模型**：… 可表示为 $y = ?$”): in a
# derivation, the model or result the steps are about, not one of the steps.
NAMED_STATEMENT = re.compile(r"\s*\*\*[^*\n]{2,24}\*\*\s*[:：]")
# An answer that opens by speaking of the text itself (“作为“西瓜书”介绍机器学习模型的开篇，…”,
# “本章介绍…”, “This chapter covers …”): an introduction, not what the term is.
ABOUT_THE_TEXT = re.compile(r"\s*(?:作为[^，。]{0,30}(?:开篇|第一章|引言|导论)|本(?:章|节|书|文)(?:将|主要|首先)?(?:介绍|讲|讨论|学习)|"
                            r"in this (?:chapter|section|book)|this (?:chapter|section|book) (?:covers|introduces|presents|is about))", re.I)
# A short answer that only points at what the notes said before (“用上面三个 boxed 公式更新”).
# (“这个问题”, “this problem” too, when no clause before it in the answer states the problem)
POINTS_BACK = re.compile(r"^\s*(?:用|见|按|照|同|如)?(?:上面|上述|前面|以上)(?:的|那|说的)?\s*\S{0,6}?"
                         r"(?:公式|式子|方程|几个|三个|两个|方法|步骤|结果|结论|定义|内容)|"
                         r"^[^，,；;。]*?(?:这个\S{0,4}问题|这一问题)|"
                         r"^\s*(?:see |as in |same as |use )?(?:the )?(?:above|previous|preceding) "
                         r"(?:formulas?|equations?|steps?|results?|ones?|definition)\b|"
                         r"^[^,;.]*?\b(?:this|that) (?:problem|issue)\b|"
                         # (another row of a derivation's table by its number: “same as step 5”, “as in row 2”, “同第 3 步”)
                         r"^\s*(?:same as|as in|as for|like|see) (?:step|row|line|case) \d+\b|^\s*同第?\s*\d+\s*步", re.I)
# A page of a book (“第 258 页”, “P130 页”, “page 12”, “p. 12”): an answer that cites one talks about the text.
PAGE_REF = re.compile(r"第\s*\d+\s*页|\bP\s*\d+\s*页|\bpages?\s+\d+|\bpp?\.\s*\d+", re.I)
# A bracketed tag that opens a label (“【注】顺便”, “[Note] also”).
# (or marks that warn: “!! careful: …”, “⚠️ Achtung: …”; not CSS's “!important”; or a bullet journal's sign for a
# note, an event, a task done: “– careful: …”)
LEADING_TAG = re.compile(r"^\s*+(?:[【\[（(][^】\]）)]{1,6}[】\]）)]|[!！]{2,}(?=\s)|(?:[‼⚠❗]\ufe0f?)++|[–—•○×](?=\s))\s*+")
# Terms that label a remark rather than name a concept (“**注意**：…”, “[解析]”, “Note:”).
LABEL_TERM = re.compile(
    r"^(?:解析|注|注意|说明|提示|备注|例|示例|举例|证明|推导|答案|解答|结论|要点|重点|划重点|思路|分析|来源|出处|标签|相关|笔记|"
    r"to sum up|in sum|总之|综上(?:所述)?|"
    # (the same labels in German, French and Spanish notes: “**Achtung**:”, “**Remarque** :”, “**OJO**:”)
    r"achtung|bemerkung|anmerkung|randnotiz|hinweis|merke|beispiel|remarque|exemple|rappel|"
    r"ojo|nota|ejemplo|observaci[oó]n|"
    # (Italian, Portuguese, Russian and Vietnamese: “**Attenzione**:”, “**Obs.**:”, “**Замечание**:”, “**Chú ý**:”)
    # (not a word that is also a term: “Intuizione” in Kant, “Atenção”/“Chú ý” in psychology, “Вывод” a derivation)
    r"attenzione|nota bene|esempio|es\.|(?:nella |in )pratica|"
    r"exemplo|obs\.|dica|"
    r"замечание|примечание|пример|важно|напоминание|заметка|итог|"
    # (Ukrainian, Swedish, Romanian and Greek: “**Зверни увагу**:”, “**Obs**:”, “**Atenție**:”, “**Προσοχή**:”)
    # (a word that is also a term stays one: “Увага”/“Προσοχή” attention, “Παράδειγμα” a paradigm, “Notă” a grade)
    r"зверн(?:и|іть) увагу|"
    # (Persian, Malay and Hungarian notes' own labels and plans: “**سؤال خودم**” my own question, “**نکته امتحانی**” an exam
    # tip, “**جلسه‌ی بعد**” next session, “**Penyelesaian**” the working, “**Jövő hétre**” for next week)
    r"سؤال خودم|سوال خودم|نکته(?:‌ی)? امتحانی|جلسه(?:‌ی|ی| ی)? بعد|penyelesaian|jövő hétre|"
    r"lưu ý|ví dụ|ghi chú|"
    # (Uzbek, Azerbaijani and Marathi notes' own labels: “**Misol**” an example, “**Eslatma**” a note, “**Qiziq**” interesting,
    # “**jami**” in all, “**Yəni**” that is, “**Qeyd**” a note, “**लक्षात ठेवा**” remember, “**टीप**” a note; “Nümunə”
    # is also a statistical sample)
    r"misol|eslatma|qiziq|jami|yəni|qeyd|लक्षात ठेवा|टीप|"
    # a summary named by when or how, not by its subject (“本讲小结”, “一周小结”, “课堂小结”; “PCA小结” is PCA's)
    r"(?:(?:本|这|今|全|各|上|下|前|第\s*+[\d一二三四五六七八九十]*+\s*+)(?:章|节|讲|课|周|天|部分){1,2}|阶段|期中|期末|"
    r"一句话|一周|今日|今天|每日|每周|简单|课堂|全文|最后|核心|复习|要点|重点|知识点|内容|个人)?(?:小结|总结)|"
    r"notes?|tips?|hints?|examples?|e\.g\.|proofs?|remarks?|answers?|solutions?|summary|conclusions?|"
    r"analysis|warnings?|caution|important|key points?|tl;?dr|todo|sources?|related|up|tags?|links?|see also|"
    r"intuition|idea|直觉|直观理解|status|状态|careful|beware|gotchas?|pitfalls?|坑|注意事项|rules? of thumb|经验法则|"
    r"(?:my )?doubts?|"
    r"核心|核心思想|关键|知识点|"
    # works leaned on, and what one saw only in hindsight (“**main refs**：…”, “**后来才意识到**：…”)
    r"(?:main |key )?refs|自己测(?:了|的|过)?|(?:后来|事后)(?:才)?(?:意识到|发现|明白|想通)|in hindsight|(?:i )?realized later|"
    r"批改|批注|评语|grader(?:'s)? comments?|ta comments?|"
    # why one lost marks (“**扣分原因**：没写全概率公式那一步”): one's own exam, not the subject
    r"(?:扣分|丢分|失分)(?:原因|点)?|被扣分的?(?:原因|地方)?|"
    # a result's kind without its name (“**推论**：…”, “Corollary:”): which one, the card cannot say
    r"(?:推论|引理|命题|corollary|lemma|proposition)\s*+\d*+(?:\.\d++)*+|"
    # a memory aid, or where the code lives: no concept either
    r"mnemonics?|记忆方法|记法|口诀|助记|files?|文件|路径|"
    # what the writer makes of it (“**个人感觉**：先看李航再看 PRML”)
    r"个人(?:感觉|看法|理解|观点|体会|意见|评价|总结|想法)|我的(?:看法|理解|想法)|my (?:take|view|opinion|two cents)\b.*|"
    r"实践|实际经验|key (?:things?|ideas?|insights?|takeaways?)|takeaways?|"
    # a bare number names nothing (“**2**: full marks”)
    r"\d++(?:\.\d++)?|"
    # a caveat to what the text said (“**唯一例外**：…”, “Exception: …”)
    r"(?:唯一的?|一个|重要的?)?(?:例外|特例|特殊情况)|(?:the only |one |an? )?(?:exceptions?|special cases?)|"
    # a count standing for what the text said before (“Two: update and reset”, “两个：…”)
    r"(?:one|two|three|four|five|six)|[一二两三四五六][个种类点条]|"
    # the course's own business, and when the note was read
    r"office hours?(?:\s+(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?(?:\s.*)?)?|deadlines?|due(?: date)?|grading|homework|作业|截止(?:日期|时间)?|答疑|read(?: on)?|读于|阅读日期|"
    # a citation key (“@muller2019”): a work the card cannot show; someone mentioned in a chat (“@小鹿”,
    # “@Kevin_W”, “@阿泽（我）”): whose reply it is (a decorator or an annotation, “@property”, “@Transactional”,
    # is a term: a name in Latin letters is a mention only with an underscore or a digit, or one's own, “@Sam (me)”)
    r"@[a-z]+\d{2,4}[a-z]*|@[^\s@:：,，.()（）]{0,12}[\u4e00-\u9fff][^\s@:：,，.()（）]{0,12}(?:\s*[(（][^()（）]*[)）])?|"
    r"@[A-Za-z][A-Za-z]*(?:[_\d][\w-]*)(?:\s*[(（][^()（）]*[)）])?|@[A-Za-z][\w-]{0,23}\s*[(（](?:me|我|本人)[)）]|"
    r"(?:本章|本节|本周)?(?:学习|阅读)时间|(?:本章|本节)?配套\S{0,6}|视频教程|"
    # what the page will cover, rather than what it says
    r"(?:本章|本节|本页|学习)?(?:目标|内容|大纲|目录)|(?:learning )?(?:goals|objectives)|outline|agenda|"
    r"(?:table of )?contents|"
    # an assignment's own prompts (“Inline Question 2”, “Your Explanation”), an outline's places
    r"(?:inline )?question\s*+\d*+|your (?:answer|explanation|solution)s?|earlier|later|then|next|finally|afterwards|"
    # the note's own metadata (“Created: October 3, 2023”, “阅读时间：3.2”)
    r"created|last (?:edit(?:ed)?|update[ds]?|modified|cleanup|cleaned(?: up)?|review(?:ed)?|checked)|updated|modified|date|authors?|阅读时间|日期|时间|作者|"
    r"(?:创建|更新|修改)(?:时间|于|日期)|"
    # a report's own header: when it was done (“**实验日期**：11 月 12 日”)
    r"(?:实验|报告|提交|完成)(?:日期|时间)|"
    # a place in what the text lays out (“中间：纹理”, “后面：更高级”)
    r"前面|中间|后面|最后|开头|结尾|之前|之后|然后|.{0,8}例子|例题|样例|参考(?:资料|文献|书目)?|references?|"
    # a source cited for an example (“ResNet paper: lr=0.1, ÷10 at 30, 60”)
    r".+\s(?:paper|article|blog post)|.+(?:论文|原文)|"
    # a step of an argument (“**第一步**：先求雅可比”)
    r"第\s*[一二三四五六七八九十\d]+\s*步|(?:first|second|third|next|final|last) step|step \d++|"
    # the page's own furniture: a licence footer, an editor's update, one more aside
    r"版权声明|转载声明|声明|原文链接|copyright|licen[cs]e|disclaimer|update(?:s|d)?(?:\s*[(（]?\d{4}[)）]?)?|更新|edit(?:s|ed)?|"
    r"one more (?:thing|subtlety|note|point)|(?:another|a) (?:subtlety|gotcha|aside)|aside|p\.?s\.?|"
    # a lecturer's side story, the talk's speaker, how the class ended, what went wrong for the writer, how a
    # grader splits the work (“**Side story**: he reviewed a paper once…”, “**报告人**：L 博士”, “**Bit us**: …”,
    # “Grading split: Q1–Q2 Priya”; a digression, an anecdote, a speaker, a presenter are terms of rhetoric, of
    # speech and of software too)
    r"side (?:story|stories|rant)|story time|题外话|报告人|主讲人|演讲者|"
    r"(?:he |she |they |we |it )?ended (?:with|on)|closing (?:quote|joke)|grading split|"
    # a homework's header, a session's own business (“Late days used: 1”, “Feedback on the session: too long
    # on Q2”, “Known gaps at the time: …”; food, a machine, collaborators, late days are terms elsewhere)
    r"late days? used|feedback on (?:the |this |our |my |today'?s )?(?:session|meeting|discussion|workshop)|"
    r"known (?:gaps|issues) at the time|"
    r"(?:this |that |it )?(?:bit|got|burned|bitten) (?:us|me)|"
    # a page of notes named as a whole (“loss functions cheat sheet”, “优化器速查”), the learner's
    # own asides (“bug of the day”, “记住”, “弹幕”), a study plan
    r".+\s(?:cheat ?sheet|notes|recap|overview)|.+(?:速查表?|笔记|备忘录?)|"
    r"(?:复习)?优先级|priorit(?:y|ies)|记住|记一下|(?:另外|还要|也要|再)记(?:住|一下)?|remember|note to self|弹幕|评论|comments?|"
    # one's own tries at a quiz (“Attempt log: 1st try 14/22”)
    r"(?:attempt|score|try) (?:log|history)|答题记录|做题记录|"
    # a student's wrong answer quoted, and how an exam was graded (“**Wrong answer C**: forgot to center”,
    # “**Full credit needed**: …”, “**Overall (out of 90)**: mean 63.4”)
    r"(?:common |typical |student'?s? )?wrong answers?(?:\s+[A-Z\d])?|(?:常见的?)?错误答案|"
    r"(?:full|partial|half) credit\s+(?:needed|requires?|for|if)\b.*|overall\s*[(（]\s*out of \d+\s*[)）]|"
    # a remark, links to elsewhere on the page, what is still to come (“**Hmm**: …”, “Quick links”; “Nice”, “Cool”,
    # “Wow” name a treaty, a jazz style and a tape fault, “HMM” and “AHA” are a model and an association)
    r"(?-i:[Hh]mm+|[Aa]ha)|quick links|useful links|相关链接|still to (?:add|do|read|write|cover|learn)|"
    r"did(?:n'?t| not) (?:do|get to|finish|read|cover)|skipped(?: for now)?|"
    # a translation exercise's own fields (“- 我的翻译：…”, “- 修改：…”, “- 笔记：…”)
    r"我的翻译|改译|"

    # one's own code set right (“**My fixed version**: same loop with …”; “Observation” is what a study saw, “Working
    # version” and “Fixed version” a text's or a code's)
    r"my (?:fixed|corrected|own) version|"
    r"易错点?|易混点?|常错|套路题?|题型|考点|常考|(?:考试|考試)(?:会考|會考|必考)|还要做|还要看|待做|待办|to-?do list|个人理解|我的理解|更深的理解|深入理解|my (?:understanding|take)|"
    r"(?:who|when|where|what time)\??|ddl|(?:作业|hw|homework|assignment)\s*+\d*+\s*+(?:ddl|deadline|截止(?:日期|时间)?)|"
    r"办公时间|答疑时间|评分要点|得分点|给分点|采分点|"
    # what the writer does not know yet (“??? q”: a question left open)
    r"\?{2,}.*|？{2,}.*|"
    r"attendees|participants|参会人?|参加(?:者|人员)?|action items?|notation|记号|符号说明|符号约定|"
    r"(?:another|other|alternative) (?:view|way to see it|interpretation|explanation)|另一种(?:理解|解释|看法)|"
    r"abbrev(?:iation)?s?|缩写|(?:cool |neat )?tricks?|.+ of the day|"
    # one's own look back (“Biggest lesson honestly:”, “最大的收获：”)
    r"(?:the |my )?(?:biggest|big|main|key|most important|one|real) (?:lessons?|takeaways?)(?:\s+\w+)?|最大的?(?:收获|教训)|"
    r"(?:my|random|stray|some) thoughts?|musings?|"
    # a source named as saying what follows (“PyTorch docs themselves say: use DDP”; not “Needless to say”, “have a
    # say”), a rung of a question ladder alone (“**Level 1** — …”; “Level 2 — partial automation” names one)
    r"(?:.+\s)?(?:docs?|documentation|paper|authors?|book|textbook|teacher|prof(?:essor)?|lecturer|slides|they|he|she)"
    r"(?:\s+(?:themselves|itself|also|all))?\s+(?:say|says|said)|"
    r"(?:level|rung)\s*\d+|"
    # a connective (“另外：…”, “此外：…”, “顺便：…”): what follows adds to the text before it
    r"另外|此外|还有|其次|再者|补充|顺便|顺带|btw|by the way|also|also\s.+|进阶|拓展|扩展|advanced|bonus|extras?|"
    # (“Alternative: …”, “to add: cosine annealing, EMA, …”: another way, or what the page still lacks)
    r"alternatives?|alternatively|to[- ]add|待加|待添加|"
    # (“同理：…”: the same argument again, for what the text said before)
    r"同理|同样|类似地|similarly|likewise|"
    # the same again for another case, or the other side of a comparison alone (“same for binary: BCEWithLogitsLoss”,
    # “vs original post-LN: …”): what it is about, the text before said
    r"same (?:for|as|with|here)\b.*|(?:(?-i:vs)\.?|versus|compared (?:to|with))\s.+|"
    # a day of a plan (“**Mon**: §1–6”), an error's number in a log, a tuning log, the notes' own format
    # (“SAT”, “Sun”, the Sunday algorithm name other things: weekdays only, Title case or lower case)
    r"monday|tuesday|wednesday|thursday|friday|"
    r"(?-i:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri)|(?:mon|tue|tues|wed|thu|thur|thurs|fri))|"
    r"周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|(?:error|bug|报错|错误)\s*+#?\d++|"
    r"调参记录|实验记录|(?:tuning|sweep|run|experiment) log|(?:本文|笔记|本笔记)?的?格式|"
    # a date as a term (“**Apr 9**: updated the RMSNorm section”)
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s++\d{1,2}(?:st|nd|rd|th)?|"
    # what the learner felt (“写完最大的感受”; “本体感受” is a sense)
    r"\S{0,8}的(?:感受|感想|体会)|"
    # one side of a fix shown as before and after (“**before the fix:** loop was …”)
    r"before the fix|after the fix|修改前|修改后|改前|改后|"
    # the learner's state of mind, and what they mean to watch, read or present next
    r"心态|心情|(?:下一个|下次|接下来)?想(?:看|读|学|做|试)的?\S{0,6}|"
    # a study log's break, and what is still unclear to the learner (“**Break**: made coffee”, “still fuzzy”)
    r"休息|茶歇|still (?:fuzzy|unclear|confus\w*|unsure|not sure|open|shaky|don'?t get|do not get)|open questions?|"
    r"(?:还|仍)(?:不懂|没懂|没搞懂|不清楚|模糊)\S{0,4}|还是?不太?(?:会|懂)|还没(?:搞|弄)?(?:懂|明白)|"
    # an assignment's requirements, and what one's own runs measured (“要求：三组都输出 True”, “实测：…”)
    r"要求|requirements?|实测|measured|"
    # a pledge, one more small point, a detail the text stresses (“立个 flag：”, “还有一个小点：”, “Important detail:”)
    r"立个?\s*flag|还有(?:一个|一点)\S{0,4}|(?:an? |one )?(?:important|small|minor) (?:details?|points?|notes?|things?)|"
    # an annotation's own label in an annotated reading list, and an old exam's question (“**我的注释：**”,
    # “**去年判断题原题**”)
    r"我的注释|批注|评注|按语|my annotations?|(?:去年|往年|历年)?\S{0,6}?原题|"
    # a version of the notes or of a handout (“v1：步骤 2 的输入尺寸写成了 15”)
    r"(?-i:v)\d+(?:\.\d+)*|"
    r"(?:talk|presentation|slides?|reading|study|review|复习|学习|讲解|分享)\s*plan|(?:复习|学习|分享|汇报)(?:计划|安排)|"
    r"(?:cheat ?sheet|crib sheet|小抄)\s*(?:plan|layout|布局|计划|排版)|A4 ?纸?\s*(?:plan|计划)|"
    # what a speaker says aloud on a slide, and how the learner felt (“口播：…”, “感想：…”)
    r"讲稿|speaker notes?|感想|感受|心得|体会|reflections?|(?:整体|总体)(?:感觉|感受)|"
    # a way of saying it rather than a thing (“工程上”, “反过来”, “in practice”)
    r"(?:工程|实际|理论|事实|实践|原理)上|反过来|反之|相反|in practice|in theory|conversely|"
    # one more of what the text had (“另一个坑”, “another trap”), what one learned (“经验”, “Lesson”)
    r"(?:另|又)一个\S{1,4}|another \S+|经验|教训|lessons?(?: learned)?|"
    # where the notes' code lives, a line of what was shown, a way of writing it
    r"wandb|(?:最后|上|下|这)一行\S{0,6}|第\s*\d+\s*行|"
    r"(?:新|旧|老|正确的?|错误的?)?写法|(?:小)?实验|(?:本质|根本)原因|关于\S.*|about\s.+|"
    r"(?:my |honest |hot )?takes?|"
    # an email's header, a thread's numbering (“1/ hot take”), a talk's own business
    r"from|to|cc|bcc|sent|date sent|\d{1,2}/\s.*|(?:draft\s*\d*\s*)?changes?|changelog|改动|编辑记录|更新记录|修改记录|"
    r"写在(?:最)?后(?:面)?|"
    r"timing(?: budget)?|时间分配|punchline|fig\.?|listened(?: to| on)?|watched(?: on)?|原话|"
    r"(?:honest|short|long|quick|my|her|his|the) answer|第\s*\d+\s*次\s*\S{0,6}|"
    r"watch out|heads[- ]up(?:\s+(?:for|on|about)\s.+)?|小心|警告|"
    # a note to oneself, a draft the text then revises, a page's length, a pointer to another day's question
    r"reminders?\s+to\s+(?:self|myself)|notes?\s+to\s+myself|提醒自己|顺[便带](?:记|说|提)(?:一下|一句|下)?|fyi|碎碎念|"
    # (a draft of a text; “草稿”, “draft model” name a model in speculative decoding)
    r"初译|初稿|二稿|原稿|原译|"
    # links and books to read, the material one revised from, how long it took, what is left to tidy,
    # the order one means to study in, one's own aside or surprise
    r"相关(?:链接|资料|阅读|笔记|文章)|推荐(?:读|看|阅读)(?:的)?(?:论文|文章|书|书目|资料|材料|东西)?|推荐书(?:目|籍)|"
    r"(?:延伸|拓展|扩展)阅读|(?:recommended|suggested|further) (?:reading|reads?|books?)|book (?:recs?|recommendations?)|"
    r"(?:复习|学习|参考|备考)资料|实际用时|time spent|还没(?:整理|看|写|做|学|读)完?的?|待整理|still to (?:read|do)|"
    r"(?:nice|pleasant|big|fun|small) surprise|惊喜|my (?:aside|note|comment)s?|"
    # what one got out of a session, when the next one is, what someone else added
    r"(?:今天|本次|这次|今日)?(?:最大的)?收获|下次(?:时间|上课|见面)|"
    r".{0,30}\b(?:also mentioned|pointed out|also (?:said|noted|added))|.{0,10}(?:也提到|还提到|顺便提到)(?:的)?|"
    r"回答\s*+\S.{0,14}?的?问题|answer(?:ing|s)?\s+(?:to\s+)?\S.{0,14}?['’]s\s+questions?|"
    r"(?:first|second|final|old|new) version|初版|第[一二三\d]版|其他|其它|plus|refs?|画图|"
    # a part of the page (“Implementation”, “Theory bit”, “Claim”, “Ablation”, “last thing”), a term
    # of a formula before (“第二项”), a rewording (“Equivalently”)
    r"implementation(?: notes?| details?)?|theory(?: bit| part)?|(?:the )?math(?: bit| part)|claims?|"
    r"(?:one )?last thing|第\s*[一二三四五六七八九十\d]+\s*[项点条个]|"
    r"(?:the )?(?:first|second|third|last) (?:term|point|part)|equivalently|namely|in other words|换句话说|等价地|"
    r"最后(?:编辑|更新|修改)(?:于|时间)?|(?:编辑|更新|修改)于|"
    # a self-test's own marks (“**Q**: … **A**: …”)
    r"q|a|问|答|"
    # (someone's turn in a transcript, “**网友答**”, “**学生回答**”, “**老师讲解**”: who speaks, no term)
    r"[\u4e00-\u9fff]{1,3}(?:问|答|回答|提问|追问|讲解)|复盘|点评|"
    # the notes' own legend, a link to another subject (“图例：⭐ = 必考”, “ML 联系”)
    r"图例|legend|(?:和|与)?(?:ML|机器学习|深度学习|AI)\s*(?:的)?联系|connection to \S+|"
    # (and the key to one's own marks: “Confidence key: 1 = pure guess”, “难度说明”)
    r"(?:confidence|rating|difficulty|mastery|score)\s+(?:key|legend)|(?:把握|难度|掌握程度|星级)(?:说明|标记|含义)|"
    # what a session went through (“Covered: MLE, MAP, CLT”)
    r"covered|topics(?: covered)?|discussed|内容回顾|讨论了?|"
    # a way of looking at what the text said (“另一个角度”, “直观”, “换个视角”), the notes' conventions
    r"(?:另一个|换个|从另一个)(?:角度|视角)|直观|直观上|直观解释|约定|"
    r"another (?:angle|perspective)|intuitively|conventions?|"
    # a kind of remark (“小技巧”, “踩坑”, “Debug tip”), a kind of exam question (“填空”), a viewer's aside
    r"小?技巧|踩坑|坑点|避坑|填空题?|选择题|判断题|简答题|弹幕\S{0,4}|\S{0,4}吐槽|"
    # why the learner got a question wrong, in a log of mistakes (“错因：默认 A 对称了”)
    r"错因|错误原因|出错原因|错的原因|失分点|"
    # the notes' own business: a team's remark, what to read later, what the exam asks, the paper's link
    r"\S{0,4}备注|待看|待读|待补|to[- ]read|reading list|考试要求|考纲|考试范围|论文|原文|papers?|"
    # a counterexample, to what the card cannot say
    r"反例|counter-?examples?|"
    # the catch, a verdict on what was said, what a review added (“讲评补充”), a flashcard by its
    # number (“card 3b”)
    r"the catch|(?:the )?logic|last pass|rationale|逻辑|理由|wrong|incorrect|错了|不对|"
    r"(?:讲评|老师|课上|课后|助教|评论区?|群里)补充|\S{1,3}(?:哥|姐|老师|师兄|师姐|学长|学姐)补充|cards?\s*+#?\d++[a-z]?\d*+|"
    r"(?:debug(?:ging)?|pro|quick|general|useful) (?:tips?|rules?|tricks?)|"
    # what an interviewer checks (“**考察点**：能不能推一下”), a reviewer's or the authors' reply in a review thread
    # (“**R3 回复**：I keep my score.”), one's own notes and feelings on it (“**笔记**”, “**做完感想**”), what to bring
    r"考察点|考查点|考核点|what (?:they(?:'re| are)?|the interviewer(?:'s| is)?) (?:testing|looking for|checking)|"
    r"(?:r\d|reviewer\s*\d*|审稿人\s*\d*|作者|authors?)\s*(?:的)?(?:回复|答复|reply|response|rebuttal)|my notes|"
    r"\S{1,4}(?:感想|心得)|(?:what )?to bring|需要(?:带|准备)|要带|"
    # a tutor's own log of a session (“**摸底**”, “**学生卡在哪**”, “**怎么讲的**”, “**留的题**”, “**还没讲**”), an
    # email's header (“**发件人：** 我”)
    r"摸底|(?:学生|他|她)?卡在哪(?:里|儿)?|怎么讲的|(?:今天|这次|本次)?讲了(?:什么|啥|哪些)|作业情况|留的(?:题|作业)|"
    r"还没讲(?:的)?|下次(?:要)?讲(?:的)?|where (?:s?he|they|the student) (?:got|gets|was) stuck|"
    r"how i (?:explained|taught) it|发件人|收件人|抄送|邮件主题|"
    # the notes' own key to their shorthand (“**符号**：B = batch size，→ = 然后”, “Notation:”), Dutch notes' labels
    # (“**Let op**:”, “**Niet vergeten**:”), an exam tip, a day's end in a log (“End of 2024-06-12”)
    r"记号|(?:符号|记号)(?:说明|约定|表)|notation|缩写说明|"
    # (the notes' sources, what the exam will ask, one's own first go: “**References**:”, “**المراجع**:”, “**للامتحان**:”,
    # “**E3 first attempt**:”)
    r"(?:for|on) the exam|للامتحان|(?:\S+ )?first (?:attempt|try|version)|"
    r"niet vergeten|"
    r"(?:exam|tentamen|prüfungs?|examen)[- ]?tipp?s?|考试提示|(?:end|start|beginning) of(?=\s*+\d)|"
    # one's own mistake, again or in other languages (“❌ 二刷又错”, “Moje chyba na cvičení”, “Fout die ik eerst maakte”)
    r"[?？]?\s*+(?:不确定|不太确定|存疑|待确认)|(?:[一二三四]刷|再次)?又错了?|(?:moje|má) chyba\b.*|chyba,? kterou jsem\b.*|fout die ik\b.*|mijn fout\b.*|"
    r"mein(?:e)? fehler\b.*|mon erreur\b.*|il mio errore\b.*|meu erro\b.*|mój błąd\b.*|moja pomyłka\b.*|моя ошибка\b.*)"
    # (a label numbered among its kind is a label: “坑1”, “Note 2”, “注意 3”)
    # (or dated: “更新 3/22”, “Update 2024-03-12”)
    r"\s*+(?:\d++|[(（]\d+[)）]|\d{1,2}/\d{1,2}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}月\d{1,2}日)?$|"
    # an aside with what it is about after a dash (“aside — gradient inversion”; “Lemma — Jensen's
    # inequality” and “Tip – gradient clipping” name their subject)
    r"^(?:aside|btw|p\.?s\.?|update|更新|题外话|旁注|插一句)\s++[—–]\s*+\S|"
    # a numbered stage of a process the card does not name (“第一阶段 reduce-scatter：走 N-1 步”;
    # “Phase 1 trial”, “Stage 4 cancer” are names)
    r"^第\s*+[一二三四五六七八九十\d]++\s*+(?:阶段|步|轮)\s*+\S", re.I)
# An answer that is a choice's letter alone (“B”, “**正确答案**：B”, “(c)”), and the options of a front that shows them
# (a section with options leaves such an answer out).
_ONE_LETTER = r"(?:[(（]?(?-i:[A-F])[)）]?|[(（](?-i:[a-f])[)）])"
LETTER_ONLY = re.compile(r"[\s*]*+(?:(?:正确)?答案|答|选|answer|ans\.?)?[\s*]*+[:：]?[\s*]*+" + _ONE_LETTER +
                         r"(?:\s*+[,，、/&]\s*+" + _ONE_LETTER + r")*+[\s*.。]*+", re.I)
# Under a question's lettered options, a choice's letter, or who picked it (“C：uniform prior 下 MAP = MLE”, “选 D 的同学：
# …”): it names an option, not a concept (elsewhere “B” is a vitamin, a key, a hex digit, a blood type).
CHOICE_TERM = re.compile(r"(?-i:[A-F])|[选選]\s*+(?-i:[A-F])\s*+[项項]?(?:的(?:同学|同學|人))?|"
                         r"(?:those |people |students )?who (?:chose|picked) (?-i:[A-F])", re.I)
# Options lettered from A in a paragraph or a list (“A. Laplace　B. Gaussian”, “- (a) …” over “- (b) …”): an “A.” that
# opens a line (“Vitamin A. Needed for vision.” is a sentence), a “B.” after it.
OPTION_A = re.compile(r"^[ \t]*+(?:[-*+][ \t]++)?(?:\*\*)?[(（]?(?-i:A)(?:\*\*)?[.．、)）][ \t]*+\S", re.M)
OPTION_B = re.compile(r"(?:^|\s)(?:[-*+][ \t]++)?(?:\*\*)?[(（]?(?-i:B)(?:\*\*)?[.．、)）][ \t]*+\S", re.M)


def _shows_options(blocks: list[Block]) -> bool:
    """Whether a section holds a choice question's lettered options (A and B at least)."""
    for block in blocks:
        text = block.text if block.kind == "paragraph" else "\n".join(it.text for it in block.items) \
            if block.kind == "list" else ""
        if OPTION_A.search(text) and OPTION_B.search(text):
            return True
    return False
# A slot of a report, a log or a course page whose value belongs to that one project, paper or
# day (“Metric: ROC AUC”, “check: … → True”, “标题：Attention Is All You Need”, “Started: sat
# 14 oct”): no concept, unless what follows says what the thing is (“**data**: the storage of
# a Parameter”).
REPORT_FIELD = re.compile(
    r"name|姓名|学号|student id|data|metrics?|final|最终|score|results?(?: on .+)?|setup|check|started|finished|"
    r"sanity check|验证|检验|自检|"
    # a report's settings (“**设置：** 4×A100 …”; “实验设置” may be a concept of experimental design)
    r"设置|"
    r"(?:开始|结束|完成)(?:时间|日期)?|视频|video|next \S+|my \S+(?: \S+)?|"
    r"标题|题目|title|会议|期刊|venue|journal|发表(?:于|在)?|链接|地址|代码|code|github|arxiv|下期(?:预告)?|本期|下次|预告|"
    r"考试(?:时间|范围)?|exams?|教材|textbooks?|(?:course )?(?:site|website|homepage)|课程主页|主页|官网|"
    # where and when a talk or a class was, and who gave it
    r"场合|地点|时长|日期|讲者|主讲人?|演讲者|occasion|location|date|speakers?|"
    # a meeting's roles and what was assigned to read
    r"scribe|note-?takers?|facilitators?|hosts?|moderators?|presenters?|(?:assigned )?readings?|记录人?|主持人?|"
    r"领读人?|导读人?|分享人|到场|签到(?:打卡)?|打卡|"
    r"(?:my |last |latest |best )?score(?: (?:on |of )?(?:the |my )?(?:last |latest |first |best )?attempt)?(?: \d+)?|"
    r"attempt \d+|得分|成绩|"
    # who came, and a ticket's or an exported note's fields
    r"present|absent|attendance|出席|缺席|缺勤|请假|type|priority|status|assignee|reporter|components?|"
    r"milestone|resolution|folder|文件夹|(?:创建|修改|更新)(?:时间|日期)|created|updated|modified|"
    r"运行环境|实验环境|环境|environment|labels?|tags?|标签|dependencies|依赖|"
    # a design document's fields, and where the notes come from
    r"depends on|tracking|owners?|reviewers?|负责人|(?:主要)?(?:来源|出处)|sources?|"
    # a model card's or a run's own fields (“Model type”, “Hardware”, “Seeds”, “Out of scope”)
    r"model type|version history|intended use|out of scope|developed by|hardware|硬件|版本历史|"
    # a study's own setup, as a poster or a paper summary lists it (“Tasks: IWSLT'14 …”, “Logged: …”)
    r"tasks|variants|logged|datasets|"
    # who put a talk on (“主办：某开源社区”), and a stand-up's blocker (“Blocker: 无”)
    r"主办|blockers?|"
    # a course's staff (“Instructors: Prof. Okafor, TAs: Lena”)
    r"instructors?|lecturers?|tas|助教|讲师|(?:授课|任课|主讲)(?:老师|教师)|"
    # a book's editions, and who an interview or a show had
    r"editions?|版次|受访(?:者|人)?|采访(?:者|人)|访谈对象|"
    # a team's name, a contest's task
    r"队名|赛题|team name|组号|group (?:number|no\.?|#)|贴的人|发帖人|提问人|提问者|posted by|asked by|"
    # who answered (“回答人：王浩”, “Answered by: Liu”)
    r"回答人|答疑人|回复人|answered by|replied by|"
    # an exam's particulars (“**课程**：线性代数（48学时）”, “**班级**：计科2301”, “**命题/阅卷**：本人”)
    r"命题\s*/\s*阅卷|应考|实考|考试时间|考试时长|"
    # a draft's own plan (“回应”, “决定”)
    r"回应|决定|我们的方案|"
    # a debate's motion, sides and rules
    r"辩题|正方|反方|赛制|辩位|[一二三四]辩|结辩|motion|(?:government|opposition|proposition) side", re.I)
# The order one means to study in (“学习顺序”, “Reading order”) heading a numbered list: a plan. (As a
# term defined, “reading order” of Image GPT or “学习顺序” of curriculum learning, a concept.)
STUDY_ORDER = re.compile(r"(?:我的)?(?:学习|阅读|复习)(?:顺序|路线图?|路径|计划)|(?:my )?(?:study|reading|learning) (?:order|path|roadmap|plan)",
                         re.I)
# A log's slot for a day or a week (“本周目标”, “下周”, “Today's plan”): never a concept.
LOG_SLOT = re.compile(
    r"(?:本|上|下|这|每)(?:周|星期|月)\w{0,4}|下一?次|next time|"
    # (the next round of one's drill, dated: “下一轮（3/30）重点”, “次回 (5/18)”; “次回” alone is a word, “next time”)
    r"(?:下一?(?:轮|遍|回)|次回)\s*+[(（]\s*+\d{1,2}\s*+[/.月-]\s*+\d{1,2}\s*+日?\s*+[)）]\s*+\w{0,4}|(?:今|明|昨)[天日]\w{0,4}|(?:this|next|last) (?:week|month)(?:'s)?(?: \w+)?|"
    r"(?:today|tomorrow|yesterday)(?:'s)?(?: \w+)?|(?:weekly|daily) (?:goals?|plan|review|summary)|"
    r"(?:学习|复习)(?:目标|计划|进度)|(?:study|learning|review) (?:goals?|plan|progress)", re.I)


# A point that starts by saying what is done with the thing or how it behaves (“用极大似然估计”,
# “没有闭式解”, “can't be used online”), not by naming what it is (“convolutions over a grid”).
POINT_START = re.compile(r"\s*(?:用|通过|把|将|对|在|没有|没|不|可以|可|能|会|需要|需|要|只|先|直接|基于|采用|使用|"
                         r"引入|加|减|保留|去掉|容易|适合|适用|常用|一般|通常|主要|"
                         r"(?:no|not|can|cannot|can't|must|should|always|never|only|usually|often|needs?)\b)", re.I)
# A term that names a thing of its own: code, or a name written with capitals inside
# (“ReLU”, “BatchNorm”, “AdamW”): asked what it is, even when a list describes it.
NAMED_THING = re.compile(r"`|\b[A-Za-z][a-z]+[A-Z]\w*|\b[A-Z][a-z]*[A-Z][a-z]\w*")


# A glossary's section for one letter (“### A”, “B–C”): no subject of its own.
LETTER = re.compile(r"\s*[A-Z](?:\s*[-–—]\s*[A-Z])?\s*")
# A situation rather than a thing: a size or an amount (“bigger dataset”, “few samples”, “数据量小”).
CASE_TERM = re.compile(r"(?:very |much )?(?:big|bigger|small|smaller|large|larger|little|more|less|few|fewer|many|high|"
                       r"higher|low|lower|short|shorter|long|longer|similar|different)\s+[\w\s-]{2,30}|"
                       r"[\u4e00-\u9fff]{1,6}(?:量|数)(?:大|小|多|少|很大|很小|很多|很少)(?:时|的时候)?", re.I)
# A stage or a side rather than a thing (“**train**: …”, “**test**: …”, “**输入**：…”).
CASE_WORD = re.compile(r"train(?:ing)?|test(?:ing)?|inference|eval(?:uation)?|input|output|"
                       r"训练(?:时|阶段)?|测试(?:时|阶段)?|推理(?:时|阶段)?|输入|输出", re.I)


def _case_answer(desc: str) -> bool:
    """A text that only lists things (“翻转、随机裁剪、cutout”, “NaNs, loss spikes”) or says what
    to do (“guard with …”, “save … only on rank 0”): it answers “what for this case?”, not
    “what is it?”."""
    text = strip_math(desc).strip().rstrip("。.")
    if "\n" in text or not text:
        return False
    if INSTRUCTION.match(text):
        return True
    parts = [p.strip() for p in re.split(r"、|,\s|;\s|；", text)]
    return len(parts) >= 2 and all(_short_item(p) for p in parts) and not SAYS_WHAT.search(text)


def _short_item(text: str) -> bool:
    """One item of a list: a few words, or a few characters of Chinese (“随机裁剪”, “loss spikes”)."""
    cjk = len(CJK.findall(text))
    return 0 < len(text) and (cjk <= 8 if cjk else len(text.split()) <= 3) and "，" not in text


# What a text that tells what to do starts with.
INSTRUCTION = re.compile(r"(?:use|set|call|guard|save|wrap|avoid|don'?t|do not|never|always|make sure|"
                         r"pass|put|move|keep|switch to|prefer|try|freeze|fine-tune|start with)\b|"
                         r"(?:不要|别忘|记得|改用|换成|改成)", re.I)


# Words that say what a thing is (“X 是一种…”, “is a”, “refers to”).
SAYS_WHAT = re.compile(r"\b(?:is an?|are|refers? to|means|stands for)\b|是一种|是一个|是指|指的是|即|表示", re.I)
# A label over a list that says something of the items rather than naming them (“已有方法各有问题”,
# “PyTorch 的写法和论文的不一样”); “采用以下策略” still names what it lists.
SAYING_LABEL = re.compile(r"(?:各有|不一样|不相同|不同|一样|相同|有问题)\w{0,4}$|\b(?:differ|differs)$", re.I)
# A term that is a clause (“implementation is super cheap”, “`F.kl_div` 是个大坑”): it says
# something, it names nothing.
CLAUSE_TERM = re.compile(r"\S\s+(?:is|are|was|were|isn'?t|aren'?t|doesn'?t|don'?t|can'?t|won'?t)\s+\S|"
                         r"\S\s+(?:says|said|thinks|recommends|suggests|argues)$|"  # “Jeremy says”: whose words follow
                         r"\S\s+(?:matters|helps|works|fails|wins|hurts|breaks|explodes|vanishes)$|"  # “Schedule matters”
                         # what one saw (“deep trees overfit fast”, “AUC basically unchanged”, “best_iter=41”)
                         r"\S\s+(?:\w+ly\s+)?(?:overfit|underfit|converge|diverge)s?(?:\s+\w+)?$|"
                         r"\S\s+(?:basically|mostly|almost(?! surely| everywhere)|roughly|largely|barely)\s+\w+$|"
                         r"^[^`]*?[^\s$]{2}\s*(?:→|->|⟶|⇒)\s*[^\s$]{2}[^`]*$|"  # “溢出的 token → dropped”: what happens to it
                         r"^[^`]*\w\s*=\s*\d[^`]*$|"
                         r"[\u4e00-\u9fff]的$|"  # “A4 纸上要写的”: what is to be written, named by a clause
                         r"\bdefaults?\s+`?\w+\s*=|默认\s*`?\w+\s*=|"  # “`MSELoss` default `reduction='mean'`”: a claim
                         r"\bdue\s+(?:\w+day|tomorrow|today|next|on|by)\b|"  # “Pset 5 due Monday”
                         r"[\w`）)]\s*是(?:个|一个)|[\u4e00-\u9fff]了[\u4e00-\u9fff]|"
                         # a case, not a name (“是 H（概率 1/2）：结束”, “如果 lr 太大：发散”)
                         r"^(?!.*……)\s*(?:是|若|如果|假如|要是)(?:\s+|(?=[A-Za-z\d$`]))\S|"
                         # a sentence cut before its complement, and a case by its excess (“So the whole algorithm is”,
                         # “Batch size actually too big”, “lr 太大”)
                         r"^(?:so|then|thus|hence|and|the|this|that|which|it|here)\s+(?:\S+\s+){1,}(?:is|are)$|"
                         # what something does, in lower case after a bullet (“costs memory”, “doesn't matter for
                         # learning”): a predicate whose subject is the item above (“cost function”, “costs follow the
                         # event”, “cannot contract out” are terms)
                         r"^(?-i:doesn't|does not)\s+\S|^(?-i:costs?)\s+(?:more |extra |a lot of )?(?:memory|time|compute|O\(|\d)|"
                         r"^(?=\S*?[A-Za-z\d_])\S++(?:\s++\S++){0,3}\s++too (?:big|small|large|high|low|long|short|many|few)$|"
                         # (a setting written in Latin letters: “lr 太大”, “batch 過大”; “羊水过多” is a diagnosis)
                         r"[A-Za-z\d]\s*(?:太|过|過)(?:大|小|高|低|长|長|短|多|少)$", re.I)
# A remark in brackets after a heading's words (“P4 Tensor 基础（这集是我自己补的，UP主没细讲）”,
# “Dataset 类 (05:30开始是重点)”): how the notes came about, no part of what the section is about.
HEADING_ASIDE = re.compile(r"(?<!\s)\s*+[(（][^()（）]*(?:\d+:\d+|我|自己|老师|UP主|没讲|不一定|考|必背|重点|\bI\s+[a-z]|"
                           rf"\b[Mm]y\b|\bexam|\bWIP\b|\bTODO\b|{UNFINISHED_WORDS})[^()（）]*[)）]\s*$|"
                           # how much an exam weighs it (“⭐⭐⭐ 重点中的重点”, “🔥 必考计算题”)
                           r"(?<!\s)\s*+[⭐★☆🔥❗‼️\u2600-\u27bf\U0001F300-\U0001FAFF]+\s*(?:重点|必考|常考|考点|高频|必背|必会|必看)[^\s()（）]*\s*$|"
                           r"(?<!\s)\s*+\[\s*(?:slides?|p\.?|pp\.?|page|ppt|幻灯片)\s*\d+(?:\s*[-–]\s*\d+)?\s*\]")  # “[slide 14]”
# (each tried from the start of a run of spaces only)
# A remark in brackets after a term (“下期（第 8 期）”, “Final (public LB)”).
PAREN_TAIL = re.compile(r"(?<!\s)\s*+[(（][^()（）]*+[)）]\s*+$")  # (tried once per run of spaces)
SHOULD_HAVE = r"应该(?:怎么|这么|这样|如何)(?:答|回答)|正确的?(?:答法|回答)|标准答法|what i should have (?:said|answered)"
# A label that introduces the answer to what the heading asks (“**正确答案：**”, “**Answer:**”).
ANSWER_LABEL = re.compile(r"(?:正确|参考|标准|最终)?(?:答案|解答)|正解|正确|(?:(?:the )?(?:correct|right|model|reference|final) )?"
                          r"(?:answer|solution)|correct(?:ion)?|right|"
                          # what one should have answered (“**应该怎么答：**” after “**我的回答：**” in an interview's look back)
                          rf"{SHOULD_HAVE}", re.I)
# A label that gives the whole answer to what the heading asks (“**参考答案：**”, “**Model answer:**”, “**应该怎么答：**”);
# not “**Right:**” (one side of two), nor “**更好的回答：**” (an addition to an answer).
WHOLE_ANSWER = re.compile(rf"(?:正确|参考|标准)?答案|(?:正确|参考|标准)解答|正解|(?:(?:the )?(?:correct|model|reference) )?answer|"
                          rf"(?:the )?(?:correct|model|reference) solution|"
                          rf"{SHOULD_HAVE}", re.I)
# Someone's answer on a question wall or in a thread (“**答（老王）：**”, bracket and name removed); a turn
# that asks (“**追问（小鱼）：**”, “**问**：”, “**Q:**”); one that corrects what was said (“**更正：**”, a turn
# opening “不对。”). (One that goes on explaining, “**解析：**”, “**Why:**”, is EXPLAINS.)
ANSWER_MARK = re.compile(r"答|回答|解答|answer|a", re.I)
ASKING_TURN = re.compile(r"问|追问|提问|q|question|follow-?up|q \(follow-?up\)", re.I)
# A card drafted as its two sides, “**正面：** …？” over “**背面：** …” (“**Front:**” over “**Back:**”): only where
# the front asks (“**Front:** React + Vite” over “**Back:** Django” are a web app's two ends).
FRONT_SIDE = re.compile(r"正面|front", re.I)
BACK_SIDE = re.compile(r"背面|back", re.I)
CORRECTION_TURN = re.compile(r"更正|纠正|订正|正确答案|correction|corrected|erratum", re.I)
CORRECTING_TURN = re.compile(r"\s*(?:不对|错了|不是这样|wrong|not quite|actually,? no)\s*[。，,.!！:：;；]", re.I)


def _turn(block: Block) -> str:
    """A paragraph's turn, by its bold lead without the speaker in brackets (“**答（老王）：**” → “答”)."""
    lead = LEAD_LABEL.match(block.text) if block.kind == "paragraph" else None
    return PAREN_TAIL.sub("", (lead.group(1) or lead.group(2))).strip() if lead else ""


def _formulas_of(answer: list[Block]) -> list[Block]:
    """The blocks of an answer that state formulas, and the lines that lead to them, read again as notes are
    (“$$\\mathrm{Var}(q\\cdot k) = d_k$$”, “AdamW（Loshchilov & Hutter）：” over its update): cards of their own."""
    return [replace(b) for b in answer if b.kind in ("math", "list")
            or b.kind == "paragraph" and ("$" in b.text or b.text.rstrip().endswith((":", "：")))]


# A statement that leans on what is shown below it (“写出下图所示…”, “the graph below”).
SHOWN_BELOW = re.compile(r"下图|下表|如图|如下|下面的?(?:图|表|列表|数据|网络|有向图|矩阵)|给定下面|\b(?:below|following|shown)\b", re.I)
IMAGE_ONLY = re.compile(r"\s*!\[[^\]]*\]\([^)]*\)\s*")
# A problem's statement (“**题目**：…”, “**Question:** …”), and the answer a thread or a class settled on
# (“**✅ 采纳答案**（@不想调参 的思路）”, “**参考答案**：…”, “**Accepted answer:**”).
STATEMENT_TURN = re.compile(r"题目|题干|question|problem", re.I)
SETTLED_ANSWER = re.compile(r"\s*\*\*\s*(?:[✅✔]\ufe0f?\s*)?(?:采纳答案|参考答案|标准答案|最佳答案|accepted answer|model answer)"
                            r"\s*[:：]?\s*\*\*\s*(?:[(（][^()（）\n]*[)）])?\s*[:：]?\s*", re.I)


def _accepted_answer(blocks: list[Block], i: int) -> tuple[str, list[Block], list[Block]] | None:
    """``blocks[i]`` a problem's statement and, later in its section, before the next statement or rule, the
    answer settled on: the question (with the code it shows), the blocks it takes besides the answer (that
    code, the answer's label paragraph) and the answer (what the label's line says and what follows it, up
    to the next bold label, quote or rule, four blocks at most); else None."""
    if blocks[i].kind != "paragraph" or not STATEMENT_TURN.fullmatch(_turn(blocks[i])):
        return None
    # (one settled answer to each statement of the section, or which answers which it cannot say: “**题目**” three
    # times over one “**参考答案**：” and its list)
    statements = sum(b.kind == "paragraph" and STATEMENT_TURN.fullmatch(_turn(b)) is not None for b in blocks)
    if statements != sum(b.kind == "paragraph" and SETTLED_ANSWER.match(b.text) is not None for b in blocks):
        return None
    question = LEAD_LABEL.sub("", blocks[i].text, count=1).strip()
    # (a statement asks, “…一样吗？”, “写出…”, “Show that …”; “**Problem:** RNNs are sequential” in a paper's
    # summary tells the problem it solves)
    if not PROBLEM_ASKS.search(question):
        return None
    # (with the code or formula it shows right after it: “**题目**：下面代码有什么问题？” over the code; a figure,
    # a table or a list it needs cannot go on the card)
    shown = list(itertools.takewhile(lambda b: b.kind in ("code", "math"), blocks[i + 1:i + 3]))
    nxt = blocks[i + 1 + len(shown)] if i + 1 + len(shown) < len(blocks) else None
    if nxt is not None and (nxt.kind in ("table", "list") or nxt.kind == "paragraph" and IMAGE_ONLY.fullmatch(nxt.text)) \
            or SHOWN_BELOW.search(question) and not shown:
        return None
    question = "\n\n".join([question, *(_block_markdown(b) for b in shown)]) if question else ""
    for j in range(i + 1 + len(shown), len(blocks)):
        block = blocks[j]
        if block.kind == "rule" or block.kind == "paragraph" and STATEMENT_TURN.fullmatch(_turn(block)):
            return None
        settled = SETTLED_ANSWER.match(block.text) if block.kind == "paragraph" else None
        if settled is None:
            continue
        said = block.text[settled.end():].strip()
        answer = [replace(block, text=said)] if said else []
        for after in blocks[j + 1:]:
            if after.kind == "paragraph" and (CORRECTION_TURN.search(_turn(after)) or REVIEW_TURN.search(_turn(after))):
                return None  # (“**更正**：上面的参考答案错了…”: the settled answer is not)
            if len(answer) == 4 or after.kind in ("rule", "quote", "callout") \
                    or after.kind == "paragraph" and (_turn(after) or SETTLED_ANSWER.match(after.text)):
                break
            answer.append(after)
        if not question or not answer or all(b.kind == "table" for b in answer):
            return None
        return question, [*shown, block], answer
    return None


# A turn that asks or answers with who takes it before it (“**学生问：**”, “**助教答：**”, “**TA answer:**”).
ROLE_ASKS = re.compile(r"(?:[\u4e00-\u9fff]{1,3}|student|learner)\s*(?:问|提问|追问)|(?:student|learner)'?s? question", re.I)
ROLE_ANSWERS = re.compile(r"(?:[\u4e00-\u9fff]{1,3}|ta|teacher|instructor|prof\.?|tutor)\s*(?:答|回答|解答)|"
                          r"(?:ta|teacher|instructor|tutor)'?s? answer", re.I)


# A person's turn in a class or an interview (“**同学A 回答**”, “**老师提问**”, “**面试官追问**”): who speaks, no term.
PERSON_TURN = re.compile(r"(?:老师|教授|同学|学生|助教|学长|学姐|师兄|师姐|面试官|候选人|主讲人?|听众|观众)\s*[A-Z\d]?\s*"
                         r"(?:问|提问|追问|答|回答|解答|补充)")


def _asked_and_answered(blocks: list[Block], i: int) -> tuple[str, list[Block]] | None:
    """``blocks[i]`` a turn that asks (“**问：** …”, “**学生问：** …”, with the code it shows after it) and the
    next a turn that answers it (“**答：**”, “**助教答：**”): the question, and the blocks after ``blocks[i]``
    it takes: the question's code, and the answer's first paragraph with what it opens with a colon (a run
    of formulas or code, or a list; four blocks at most); else None. Not where the talk goes on about the
    same question (a next turn that reviews or corrects it: “**复盘：** 正确的说法是…”, “**答（楼主补充）：** 不对”),
    where one's own or another student's answer is given (“**我答：**”, unsure), where letters are options
    or names (“**A:** ReLU” beside “**B:** GELU”; “**Q:** the action value” beside “**V:**”), nor where the
    answer only says where it is or that it is not known yet (“See the previous section.”, “TODO”)."""
    asked = _turn(blocks[i])
    front = LEAD_LABEL.sub("", blocks[i].text, count=1).strip()
    drafted = FRONT_SIDE.fullmatch(asked) is not None and bool(
        "?" in front or "？" in front or ASKS_OR_BLANK.search(front) or SETS_A_TASK.match(front))
    if not (ASKING_TURN.fullmatch(asked) or ROLE_ASKS.fullmatch(asked) or drafted) or _struck(blocks[i]):
        return None
    # (the question may go on over code it shows, “**学生问：**” over the code that printed None)
    j = next((j for j in range(i + 1, min(i + 4, len(blocks))) if blocks[j].kind not in ("code", "math")
              or _turn(blocks[j])), len(blocks))
    if j >= len(blocks) or blocks[j].kind != "paragraph":
        return None
    answers = _turn(blocks[j])
    if not (BACK_SIDE.fullmatch(answers) if drafted else ANSWER_MARK.fullmatch(answers) or ROLE_ANSWERS.fullmatch(answers)) \
            or _struck(blocks[j]):
        return None
    letters = {t.casefold() for b in blocks if len(t := _turn(b)) == 1 and t.isascii()}
    if letters - {"q", "a"} and (len(asked) == 1 and asked.isascii() or len(answers) == 1 and answers.isascii()):
        return None
    # (the next turn, when it is no new question, may correct this answer: “**复盘：**”, “**答（楼主补充）：** 不对”,
    # another answer; one that adds to it, “**补充（阿杰）：**”, does not)
    first = j
    following = next((n for n in range(j + 1, len(blocks)) if _turn(blocks[n])), None)
    if following is not None:
        t, said = _turn(blocks[following]), LEAD_LABEL.sub("", blocks[following].text, count=1)
        fixes = CORRECTION_TURN.search(t) or REVIEW_TURN.search(t) or CORRECTING_TURN.match(said)
        if fixes and blocks[following].kind == "paragraph" and CORRECTING_TURN.sub("", said, count=1).strip():
            # (then the one that corrects it answers: “**复盘：** 正确的说法是…”, “**答（楼主补充）：** 不对。loss 要…”)
            j = following
        elif fixes or ANSWER_MARK.fullmatch(t) or ROLE_ANSWERS.fullmatch(t):
            return None  # (two answers, and which is right the notes do not say)
    if j == first and ROLE_ANSWERS.fullmatch(answers) and OWN_ANSWERER.match(answers):
        return None  # (one's own answer, or another student's, that nothing after confirms)
    said = CORRECTING_TURN.sub("", LEAD_LABEL.sub("", blocks[j].text, count=1), count=1).strip()
    if NO_ANSWER.match(said):
        return None
    question = "\n\n".join([LEAD_LABEL.sub("", blocks[i].text, count=1).strip(),
                             *(_block_markdown(b) for b in blocks[i + 1:first])]).strip()
    out = [*blocks[i + 1:j], blocks[j]]
    # (the answer's first paragraph, and what it opens with a colon; what follows is read as notes are,
    # each formula or term a card of its own)
    opens = not said or blocks[j].text.rstrip().endswith((":", "："))
    run = ""
    for block in blocks[j + 1:]:
        if len(out) == j - i + 4 or block.kind in ("quote", "rule", "callout") or _turn(block) \
                or not (opens or run and block.kind == run):
            break
        out.append(block)
        opens = block.kind == "paragraph" and block.text.rstrip().endswith((":", "："))
        run = block.kind if block.kind in ("math", "code") else ""  # (“分三步推：” over three formulas)
    if len(out) == j - i and not said or not question:
        return None
    return question, out


# A question that goes on from the one before (“那推理时呢？”, “What about eval?”, “And why?”).
FOLLOW_UP = re.compile(r"\s*(?:那么?|如果|还有|另外|为什么[?？]|why\?|what about\b|and\b|so\b|then\b|but\b)", re.I)
# A turn that goes over what was answered (“**复盘：**”, “**老师讲解：**”, “**点评：**”).
REVIEW_TURN = re.compile(r"复盘|讲解|点评|正解|正确|纠正|review|feedback", re.I)
# One's own answer, or another learner's, in a transcript (“**我答：**”, “**学生回答：**”): not known right.
OWN_ANSWERER = re.compile(r"我|本人|自己|学生|同学|网友")
# An answer that only says where the answer is, or that it is not known yet.
NO_ANSWER = re.compile(r"(?:see (?:the )?(?:previous|above|below|next|earlier)|见上|同上|参见|见下|"
                       r"(?:good question\W+)?(?:nobody|no one)\b.{0,30}\bknew|not sure|no idea|不确定|不知道|不清楚|"
                       r"todo|tbd|待查|待补|回头(?:再)?查)", re.I)


def _struck(block: Block) -> bool:
    return LEAD_LABEL.sub("", block.text, count=1).lstrip(" *").startswith("~~")


def _guesses(blocks: list[Block], i: int) -> list[Block]:
    """The paragraphs from ``blocks[i]`` on (two at most) that give a first guess (“My first answer: …”,
    “Tempting: …”, “我一开始以为…”), before the answer."""
    out = []
    for block in blocks[i:i + 2]:
        if block.kind != "paragraph" or not GUESS.match(block.text):
            break
        out.append(block)
    return out


# A first guess, before the answer (“My first answer: `(3, 4)`”, “Tempting: …”, “我一开始以为…”).
GUESS = re.compile(r"\s*(?:\*\*)?\s*(?:(?:my )?first (?:guess|answer|thought|try|attempt)|tempting|"
                   r"i (?:first )?(?:thought|guessed|expected)|(?:my )?guess|我?(?:一开始|原来|本来|当时)?(?:以为|猜|预期|预想)|第一反应|直觉(?:上)?(?:以为|觉得))", re.I)


def _short_prompt(block: Block, heading: str) -> bool:
    """A paragraph of three lines at most, with no label of its own, that may be the prompt of the
    answer after it: it asks (“`torch.einsum('ij,jk->ik', A, B)` — shape?”), or, under a heading that
    does not, shows code or an expression to work out (“`torch.einsum('bn,bn->b', a, b)`”,
    “$\\int_0^1 x^2\\,dx$”) rather than stating something (“$\\hat m_t = m_t / (1 - \\beta_1^t)$”, a
    sentence about code that ends “…不要求。”)."""
    text = TRAILING_MARKS.sub("", block.text.strip())
    if text.count("\n") >= 3 or len(text) > 240 or _turn(block):
        return False
    if text.endswith(("?", "？")):
        return True
    if not ("`" in text or "$" in text) or ASKING_HEADING.search(heading):
        return False
    if IMPERATIVE.match(text) and (not SETTING_UP.match(text) or COMMANDS.search(text)):
        return True  # (“Let $c = \\max_i z_i$; then …” states; “已知 $p = 0.5$，求 $H(p)$” asks)  # “写出 `einsum('ij,jk->ik', A, B)` 的输出形状。”, “Compute $\\hat m_1$ when $g_1 = 2$.”
    if any(STATES.search(body) for _, _, body, _ in math_spans(text)):
        return False  # a formula stated (“Bias correction $\\hat m_t = …$”), asked as a formula
    # (else code or math with a few words: “`torch.einsum('bn,bn->b', a, b)`”, “$\\int_0^1 x e^x\\,dx$，提示：分部积分”;
    # “Notation: $\\lambda$ is the decoupled weight decay” is a sentence)
    return len(re.sub(r"`[^`\n]*`|\$[^$]*\$|[\s,，.。;；:：()（）]", "", text)) <= 16


# A prompt that tells what to do (“写出 …”, “求 …”, “Compute …”, “What is …”).
IMPERATIVE = re.compile(r"\s*(?:写出|求出?|计算|说出|给出|算出|推导|判断|输出|结果|形状|证明|解释|说明|为什么|已知|设|"
                        r"(?:compute|find|write|give|derive|evaluate|calculate|what|which|how|why|show|prove|explain|"
                        r"verify|given|with|suppose|let)\b|"
                        r"(?:the )?(?:output|shape|result|value|d?type)s?(?: shape)? (?:of|for)\b)", re.I)


# A prompt's opening that only sets things up (“Let …”, “With …”, “已知 …”), and a word that then asks.
SETTING_UP = re.compile(r"\s*(?:已知|设|given|with|suppose|let)\b", re.I)
COMMANDS = re.compile(r"[?？]|求|计算|证明|写出|推导|多少|\b(?:compute|find|show|prove|derive|evaluate|calculate|what|how)\b",
                      re.I)
# A problem's statement that asks (“…一样吗？”, “写出…”, “Show that …”): the words a puzzle's prompt asks by, and
# more that set an exercise.
PROBLEM_ASKS = re.compile(rf"{COMMANDS.pattern}|判断|说明|解释|比较|实现|给出|列举|举出|给\S{{0,4}}理由|"
                          r"\b(?:why|which|when|write|explain|implement|give|list|name)\b", re.I)
# A relation that states something (“=”, “≤”, “←”, “≈”), in LaTeX or as typed.
STATES = re.compile(r"=|\\(?:le|ge|leq|geq|leftarrow|approx|propto|equiv|sim)\b|[<>≤≥≈←]")


# A line that is only a label, with a remark in brackets (“**应该怎么答（整理后的版本）：**”, “**参考答案**：”).
LABEL_ONLY = re.compile(r"(?:\*\*)?\s*(?P<label>[^*:：()（）\n]{1,24}?)\s*(?:[(（][^()（）\n]*[)）])?\s*"
                        r"(?:[:：]\s*(?:\*\*)?|(?:\*\*)?\s*[:：])")


def _labelled_answer(blocks: list[Block], i: int) -> list[Block]:
    """``blocks[i]`` a line that only labels the whole answer (“**应该怎么答：**”, “**Model answer:**”), the only one
    of its section, with nothing but one's own answer, a grade or an aside before it, and what it labels: a list,
    prose or a formula, with the lists and formulas that go on from it (three blocks at most) up to the next
    labelled line, code, table or rule, or an aside; else nothing: prose that goes on past it, an answer that only
    cites its place or is an option's mark, or one a grader marks wrong (code under it is a card of its own)."""
    if not _whole_answer_label(blocks[i]) or sum(map(_whole_answer_label, blocks)) > 1:
        return []  # (three “**参考答案：**” under one heading: which answers what it cannot say)
    if not all(b.kind == "paragraph" and _beside_the_problem(b) for b in blocks[:i]):
        # (a problem's statement, its data or options, a follow-up question, “**面试官追问**：…”, before it would be
        # what it answers, and the card could not show it; one's own answer, a source line, a hint, a grade may come)
        return []
    out: list[Block] = []
    for block in blocks[i + 1:]:
        ends = block.kind in ("code", "table", "rule", "quote", "callout") \
            or block.kind == "paragraph" and (LEAD_LABEL.match(block.text) or BOLD_LEAD.match(block.text))
        # (what follows the first block goes on with it only as a list or a formula, or after a lead's colon)
        goes_on = not out or block.kind in ("list", "math") \
            or out[-1].kind == "paragraph" and out[-1].text.rstrip().endswith((":", "："))
        if ends or not goes_on or len(out) == 3:
            # (prose after it, “面试官听完点点头…”, “参考：《图解 HTTP》”, is notes of their own; more than three
            # blocks that go on, an answer longer than a card, gives none)
            # (and prose after it that is no aside goes on with the answer, a proof's last step, perhaps: where
            # the answer ends is not said)
            if out and not ends and (goes_on or not ASIDE_AFTER.fullmatch(block.text.strip())):
                return []
            break
        out.append(block)
    if not out or out[0].kind == "math" or out[-1].kind == "paragraph" and out[-1].text.rstrip().endswith((":", "：")):
        return []  # (“If you have not pushed yet:” over the command: the code answers, asked as code)
    if out[0].kind == "paragraph" and (NO_ANSWER.match(out[0].text) or _only_cites(out[0].text)):
        return []  # (“见课本 p.145 例 4-3”, “Rudin, Theorem 2.41, p. 40.”: where the answer is, not the answer)
    if len(out) == 1 and re.fullmatch(r"\s*[(（]?\s*(?:[A-Fa-f]|[①-⑳]|\d)\s*[)）.]?\s*", out[0].text):
        return []  # (“③”, “(b)”: an option's mark, without the options)
    if not any(OWN_TURN.match(b.text) for b in blocks[:i]) and _marked_wrong(blocks[i + 1 + len(out):]):
        return []  # (“**批改**：✗ 应为 O(n²)” under it, and no answer of one's own before it: this one was wrong)
    return out


def _only_cites(text: str) -> bool:
    """An answer that only says where the answer is: “见课本 p.145”, “Refer to Clayden, pp. 614–616”, “Rudin, Theorem
    2.41, p. 40.”, “课本第 88 页定义 4.18。”; not “时域卷积对应频域相乘，证明见第 4 章”."""
    if re.match(r"\s*(?:见|参见|详见|see\b|cf\.|refer to\b)", text, re.I):
        return True
    rest = PAGE_REF.sub("", text)
    rest = re.sub(r"(?:theorem|thm|definition|def|lemma|scheme|fig(?:ure)?|eq|例|定理|定义|引理|图|式)\.?\s*[\d.()-]+|"
                  r"《[^》]*》|(?-i:\b[A-Z][a-z]+\b)|课本|教材|书上?", "", rest, flags=re.I)  # (and names: “Rudin”)
    return bool(PAGE_REF.search(text)) and len(re.findall(r"[A-Za-z]|[\u4e00-\u9fff]", rest)) < 6


def _beside_the_problem(block: Block) -> bool:
    """A paragraph before an answer that states no part of the problem: one's own answer (“**我的回答：** …”), a
    grade (“**批改**：✗”), a line in brackets or italics (“（2023 年期末第 3 题，10 分）”, “*提示：…*”), or a short
    tag (“🔥 高频｜字节二面”); not “A fair die is rolled twice…”, which the card could not show."""
    text = block.text.strip()
    return bool(OWN_TURN.match(text) or GRADED.match(text) or EMPHASIZED_LINE.fullmatch(text)
                or len(text) <= 24 and not re.search(r"[\d$?？。.:：①-⑳()（）]", text))


# One's own answer before the one that should have been given (“**我的回答：** …”, “**My answer:** …”).
OWN_TURN = re.compile(r"\s*(?:\*\*)?\s*(?:我的(?:回答|答案|作答)|我答|my (?:answer|attempt))\s*(?:\*\*)?\s*[:：]", re.I)
# A remark after an answer, on its own line: in brackets, or pointing to a source (“（我当时只答出了一半）”,
# “参考：《图解 HTTP》第 7 章”, “See also Clayden ch. 15”).
ASIDE_AFTER = re.compile(r"[(（].*[)）][。.]?|(?:参考|参见|出处|来源)\s*[:：]?.*|(?:see also|cf\.|sources?|refs?|references?)\b.*|"
                         # (or one's own reflection: “这题其实答到第二点就够了”, “I blanked on…”, “I hope this helps”)
                         r"(?:这题|这道题|this (?:one|question)|我(?!们|国|方)|(?-i:I)(?:'|\s+(?!/))|my\b).*", re.I | re.S)


def _whole_answer_label(block: Block) -> bool:
    label = LABEL_ONLY.fullmatch(block.text.strip()) if block.kind == "paragraph" else None
    return label is not None and WHOLE_ANSWER.fullmatch(label.group("label").strip()) is not None


def _marked_answer(blocks: list[Block], i: int) -> list[Block]:
    """``blocks[i]`` and what goes on explaining it, when it is the first answer of its section
    (“**答（老王）：**”; one struck out before it does not count) that no question turn precedes (“**问**：…”
    is what it answers) and no later turn corrects (“**答（老王）：** 不对。…”, “**更正：**”), and no
    “**B:**” follows (then “**A:**” is a matrix, an option, a speaker); else nothing."""
    if not ANSWER_MARK.fullmatch(_turn(blocks[i])) or _struck(blocks[i]):
        return []
    # (an answer turn before it comes first: the scan stops there, so a thread of many turns stays linear)
    if any(ASKING_TURN.fullmatch(t) or ANSWER_MARK.fullmatch(t) and not _struck(b)
           for b in blocks[:i] if (t := _turn(b))):
        return []
    later = [b for b in blocks[i + 1:] if b.kind == "paragraph"]
    if any(CORRECTION_TURN.fullmatch(_turn(b)) or ANSWER_LABEL.fullmatch(_turn(b))
           or CORRECTING_TURN.match(LEAD_LABEL.sub("", b.text, count=1)) for b in later) \
            or _turn(blocks[i]).casefold() == "a" and any(_turn(b).casefold() == "b" for b in later):
        return []
    out = [blocks[i]]
    opens = blocks[i].text.rstrip().endswith((":", "："))  # (“攒够再 `step()`：” over its code)
    for block in blocks[i + 1:]:
        if len(out) == 4 or _prompt(block):
            break
        if block.kind == "paragraph" and EXPLAINS.fullmatch(_turn(block)):
            out.append(block)  # (“**解析：** …”, “**Why:** …”: the answer goes on)
            opens = block.text.rstrip().endswith((":", "："))
            continue
        if opens and block.kind in ("code", "math", "list"):
            out.append(block)
            continue
        break  # (notes of their own after the answer, or the next turn)
    return out


# What was filled into a blank, with its mark (“默：$…$ ✅”, “我填：γ，β ✔️”, “❌ 我填了 `0.1`”, “My answer: …”).
FILLED = re.compile(r"\s*(?:[❌✅✔✓✗✘]\ufe0f?\s*)?(?:\*\*)?(?:(?:默写?|我填|我写|我的答案|填|答案?|(?:my )?answer)\s*(?:\*\*)?"
                    r"\s*[：:]|(?:我填了|我写了)(?=\s))\s*(?:\*\*)?\s*", re.I)
# The correction of one filled in wrong: an arrow (“→ $…$”) or a label (“> **订正**：…”, “✅ 正确：…”), and the
# labels that give the right answer whatever was filled in (“参考答案：$1-p$”, “Correct answer: …”); on the
# line of the wrong one, also “应为 0.999”.
REFERENCE_ANSWER = re.compile(r"\s*(?:>\s*)?(?:[✅✔✓]\ufe0f?\s*)?(?:\*\*)?(?:订正|更正|改正|参考答案|标准答案|正确答案|正确|正解|"
                              r"应为|应该是|correct(?:ion|ed)?(?: answer)?|right answer|reference answer)\s*(?:\*\*)?\s*[：:]\s*"
                              r"(?:\*\*(?!\S*\*\*))?", re.I)
CORRECTED = re.compile(rf"{REFERENCE_ANSWER.pattern}|\s*(?:>\s*)?(?:→|⇒|->)\s*", re.I)
CORRECTED_HERE = re.compile(rf"{CORRECTED.pattern}|\s*(?:应为|应该是)\s*", re.I)
RIGHT_MARK = re.compile(r"\s*[✅✔✓☑]\ufe0f?\s*")
MARK = re.compile(r"[✅✔✓☑❌✗✘]")
WRONG_MARK = re.compile(r"[❌✗✘]")
# What says nothing was filled in (“忘了”, “（空着，没想起来）”, “不会 😭 下次再看”, “no idea, look it up”, “TODO”):
# the words alone, or with only a remark after them (“忘记门”, “不确定性（…）”, “不会（eval 下不更新）” answer).
UNKNOWN = re.compile(r"(?:忘了|忘记了|不会|不知道|不记得|没想起来|想不起来|空着|没写完?|没做完?|跳过|不确定|待查|待补|"
                     r"no idea|(?:i )?don'?t know|forgot|skipped|left (?:it )?blank|not sure|todo|tbd|[?？—…-]+)", re.I)
UNKNOWN_TAIL = re.compile(r"(?:[\s，,、。.!！~～;；:：]|[\u2600-\u27bf\U0001F300-\U0001FAFF])[^$`（(]*")


def _says_unknown(said: str, attempt: str, prompt: str) -> bool:
    """Whether what was filled in says nothing was (“忘了”, “不会 😭 下次再看”); never one marked right, nor
    one of the options the prompt gives (“（填 会/不会）” over “答：不会”)."""
    if RIGHT_MARK.search(attempt):
        return False
    unknown = UNKNOWN.match(said)
    if unknown is not None and unknown.group(0) in prompt:
        return False
    return not said or unknown is not None and (unknown.end() == len(said)
                                                or UNKNOWN_TAIL.fullmatch(said, unknown.end()) is not None)


def _cleaned(answer: str) -> str:
    """An answer without the marks of right, and what a mark parts from it (“cos ✅  这个我一直记得…”) a
    paragraph of its own."""
    answer = re.sub(r"\s*[✅✔✓☑]\ufe0f?\s+(?=[^\s（(，。；、,;✅✔✓☑])", "\n\n", answer.strip(), count=1)
    answer = re.sub(r"[ \t]*[✅✔✓☑]\ufe0f?[ \t]*", " ", answer)
    return re.sub(r"[ \t]+(?=[（，。；、）])", "", TRAILING_MARKS.sub("", answer)).strip()


def _answers_each(correction: str, blanks: int) -> bool:
    """A correction that answers each of several blanks, parted as the attempt was (“实数；**正交**。…”), not
    one of them (“第二空是 B·T 组”, “LLaMA 用 RMSNorm”)."""
    return not re.search(r"第\s*[\d一二三四五六七八九十]+\s*[空个]|\b(?:first|second|third|last|other)\b|没错|没问题|"
                         r"\b(?:was|is) (?:right|correct)\b", correction, re.I) \
        and len(re.split(r"[；;]", correction)) >= blanks


def _correction(text: str, here: bool = False) -> str:
    """The right answer a correction line gives (“→ $…$　忘了除以 K”), or "" (``here``: after the mark on the
    line of the wrong one, where “应为 0.999” needs no colon)."""
    said = (CORRECTED_HERE if here else CORRECTED).match(text)
    return _cleaned(text[said.end():]) if said else ""


def _settled(attempt: str, after: list[str], prompt: str, bare: bool = False) -> tuple[str, int] | None:
    """The answer to ``prompt``'s blank, from the line filled into it (``attempt``) and the lines ``after`` it,
    and how many of those it takes: the attempt, without its label and marks, when it is marked right or
    not marked and no reference answer follows; else the correction, after the mark on its line (“❌ 应为
    0.999”) or on the next (“→ …”, “**订正**：…”, “参考答案：…”), and "" when there is none or it corrects
    one blank of several (which one, it cannot say). Wrong: an attempt whose first mark is one of wrong
    (“上次填成 $d_k$ ❌” after a ✅ is a remark), for several blanks any mark of wrong outside brackets
    (“$h$ ✅，$d$ ❌”), or one that says nothing was filled in (“忘了”, “no idea”). None when ``attempt`` is
    no line filled in (``bare``: a remark alone, “（没写完，时间到了）”, may say nothing was)."""
    filled = FILLED.match(attempt)
    marked = 0
    while filled and marked < len(after) and MARK.match(after[marked].strip()) and not CORRECTED.match(after[marked]):
        marked += 1  # (“- 我的答案：…” over “- ✅” or “- ❌（半对）”: its mark on a line of its own)
    attempt, after = " ".join([attempt, *after[:marked]]), after[marked:]
    settled = _settled_marked(attempt, after, prompt, bare)
    return None if settled is None else (settled[0], settled[1] + marked)


def _settled_marked(attempt: str, after: list[str], prompt: str, bare: bool = False) -> tuple[str, int] | None:
    """``_settled`` for an attempt with its marks on its line."""
    filled = FILLED.match(attempt)
    rest = attempt[filled.end():] if filled else attempt
    said = TRAILING_MARKS.sub("", rest).strip().strip("（）()*_ ")
    if not filled and not (bare and said and _says_unknown(said, attempt, prompt)):
        return None
    blanks = len(BLANK.findall(prompt))
    one = blanks < 2
    marks = re.sub(r"（[^（）]*）|\([^()]*\)", lambda m: " " * len(m.group(0)), attempt)  # (a remark's, in brackets)
    first = MARK.search(marks)
    wrong = (first if first is not None and WRONG_MARK.fullmatch(first.group(0)) else None) if one \
        else WRONG_MARK.search(marks)
    if wrong is not None or _says_unknown(said, attempt, prompt):
        line = attempt[wrong.end():] if wrong is not None else ""
        if _correction(line, here=True):
            return (_correction(line, here=True) if one else ""), 0
        if after and CORRECTED.match(after[0]):
            return (_correction(after[0]) if one or _answers_each(_correction(after[0]), blanks) else ""), 1
        return "", 0
    if not MARK.search(attempt) and after and REFERENCE_ANSWER.match(after[0]):
        # (“我的答案：p” over “参考答案：$1-p$”)
        return (_correction(after[0]) if one or _answers_each(_correction(after[0]), blanks) else ""), 1
    answer = _cleaned(rest)
    # (“`max_length=______` — for BERT the usual max is 512.” over “512 ✅”: the front says it)
    shown = re.sub(r"[$`*\s]", "", answer)
    # (an option in brackets, “（填 会/不会）”, is no answer given away)
    asked = re.sub(r"[$`*\s]|（[^（）]*）|\([^()]*\)", "", BLANK.sub(" ", _blank_prompt(prompt)))
    return ("" if len(shown) >= 2 and shown in asked else answer), 0


def _blank_prompt(text: str) -> str:
    """The question a line with a blank asks (“**1.** BN 训练时 … ____。” → “BN 训练时 … ____。”)."""
    text = re.sub(r"^\s*\*\*\s*(?:Q|q|第)?\s*\d+\s*[.．、题]?\s*\*\*\s*", "", text)
    text = re.sub(r"^\s*(?:\*\*)?(?:题目|问题|question)\s*(?:\*\*)?\s*[：:]\s*(?:\*\*)?\s*", "", text, flags=re.I)
    return STEP_PREFIX.sub("", text, count=1).strip()


# A line that starts a numbered question (“**2.**”, “2.”, “Q3”, “第 4 题”).
NUMBERED_PROMPT = re.compile(r"\s*(?:\*\*\s*)?(?:(?:Q|q|第)\s*\d+\s*(?:题)?|\d+\s*[.．、)）])")


def _filled_blanks(blocks: list[Block], i: int) -> tuple[list[tuple[str, str, Source]], list[Block]] | None:
    """The blanks written in a paragraph and what was filled into each, on the line after it (“**1.** … ____。”
    over “我填：γ，β ✔️”, and “**2.** …” over its own, in one paragraph) or, for the last, in the next
    paragraph, with the correction after (“> **订正**：…”, “✅ 正确：…”; see ``_settled``), and the lines that go
    on from an answer until the next numbered one: each blank's prompt, answer ("" for none) and line, and
    the blocks after ``blocks[i]`` that they take; None when no blank in it is filled in."""
    block = blocks[i]
    lines = block.text.splitlines()
    pairs: list[tuple[str, str, Source]] = []
    taken: list[Block] = []
    below = blocks[i + 1] if i + 1 < len(blocks) else None
    if BLANK.search(lines[-1]) and sum(bool(BLANK.search(line)) for line in lines) == 1 and below is not None \
            and below.kind == "list" and below.items and FILLED.match(below.items[0].text) \
            and not any(FILLED.match(it.text) for it in below.items[1:]):
        # “**2.** … ______。” over “- 我的答案：…”, “- ✅” / “- ❌”, “- 订正：…”, “- 备注：…”: the list answers
        prompt = "\n".join(lines[next((n for n in range(len(lines) - 1, 0, -1) if NUMBERED_PROMPT.match(lines[n])),
                                       0):])
        texts = [it.text.strip() for it in below.items]
        answer, used = _settled(texts[0], texts[1:], prompt) or ("", 0)
        # (its remarks, not a link or what comes next: “- 参考：https://…”, “- 下一题开始是第 7 章”)
        remarks = [t for t in texts[1 + used:] if t and not MARK.match(t) and not CORRECTED.match(t)
                   and not LINKED.search(t) and not re.search(r"下一[题道]|next (?:question|problem)|第\s*\d+\s*章", t)]
        if answer and remarks:
            answer += "\n\n" + "\n".join(f"- {r}" for r in remarks)
        return [(_blank_prompt(prompt), answer, block.source)], [below]
    start = k = 0
    while k < len(lines):
        if not BLANK.search(lines[k]) or not (k + 1 < len(lines) and FILLED.match(lines[k + 1])) \
                and not (k + 1 == len(lines) and i + 1 < len(blocks) and blocks[i + 1].kind == "paragraph"
                         and FILLED.match(blocks[i + 1].text)):
            k += 1
            continue
        prompt = "\n".join(lines[start:k + 1])
        if k + 1 < len(lines):
            more = lines[k + 1:]
        else:
            taken.append(blocks[i + 1])
            more = blocks[i + 1].text.splitlines()
        # (what goes on from the answer, up to the next numbered question)
        end = next((n for n in range(1, len(more)) if NUMBERED_PROMPT.match(more[n]) or BLANK.search(more[n])),
                   len(more))
        nxt = blocks[i + 1 + len(taken)] if i + 1 + len(taken) < len(blocks) else None
        after = more[1:2] or ([re.sub(r"^\s*>\s?", "", nxt.text, flags=re.M)]
                              if nxt is not None and nxt.kind in ("paragraph", "quote") else [])
        attempt = more[0]
        if FILLED.fullmatch(attempt) and not MARK.search(attempt):
            # (“答：” alone over the formula that answers, on the next line or in the next block)
            if len(more) > 1:
                attempt, more = attempt + more[1], [attempt + more[1], *more[2:]]
                end = max(1, end - 1)
                after = more[1:2] or after
            elif nxt is not None and nxt.kind in ("math", "paragraph"):
                taken.append(nxt)
                attempt, after = attempt + (f"$${nxt.text}$$" if nxt.kind == "math" else nxt.text), []
        settled = _settled(attempt, after, prompt)
        answer, used = settled if settled is not None else ("", 0)
        if used and not more[1:2]:
            taken.append(nxt)  # (the correction in the block after)
        elif answer and end > 1 + used:
            answer = "\n".join([answer, *more[1 + used:end]])
        pairs.append((_blank_prompt(prompt), answer.strip(), Source(block.source.path, block.source.line + start)))
        if k + 1 >= len(lines) or end >= len(more):
            break
        start = k = k + 1 + end
    return (pairs, taken) if pairs else None


# A bold label that opens a paragraph (“**正确答案：** …”, “**Note:** …”).
def _said_label(text: str) -> str:
    """The bold label a line opens on, without an aside after it (“**What I said** (when asked …):” → “What I said”)."""
    said = SAID_LEAD.match(text)
    return (said.group(1) or said.group(2)).strip() if said else ""


# One's own answer given at the time, by its label (“What I said”, “My answer”, “我的回答”).
OWN_ANSWER_LABEL = re.compile(r"(?:what\s+)?(?:i|we)\s+(?:said|answered|wrote|guessed)|my (?:answer|reply)|我的(?:回答|答案)|"
                              r"我(?:当时)?(?:答|说)的", re.I)
# A bold label, with an aside after it, before a colon (“**What I said** (when asked for a schedule): …”).
SAID_LEAD = re.compile(r"\s*\*\*([^*\n]{1,30}?)\*\*\s*(?:[(（][^()（）\n]{1,100}[)）]\s*)?[:：]|\s*\*\*([^*\n]{1,30}?)[:：]\s*\*\*")
LEAD_LABEL = re.compile(r"^\s*\*\*([^*\n]{1,20}?)\s*[:：]\s*\*\*\s*|^\s*\*\*([^*\n]{1,20}?)\*\*\s*[:：]\s*")
# A heading that asks (“BatchNorm 训练和推理有什么区别”, “Why does Adam need bias correction”).
ASKING_HEADING = re.compile(r"[?？]|什么|吗|区别|哪|是否|能否|多少|为什么|为何|怎么|怎样|如何|"
                            r"^(?:why|how|what|which|when|does|do|is|are|can|should)\b|\bdifference", re.I)
def _speakers(outline: Outline, present: set[str]) -> tuple[set[str], dict[int, set[str]]]:
    """The names a transcript's turns start with (“**M:** And check…”, “**Jen:** …”): at least two
    of them, each opening two paragraphs or more. A label seen once is a term, as in a glossary. And,
    by section, the Chinese roles, or a play's cast in capitals, that take turns somewhere (“**面试官**：…”,
    “**候选人**：…”, A B A B; “**TEACHER:** …”, “**STUDENT:** …”);
    where a section names them (“## 角色” over “**提议者**：…”, “## 术语” over “- **学生**：要训练的小模型”)
    they are terms."""
    turns: Counter = Counter()
    handles: defaultdict = defaultdict(Counter)  # a chat's lowercase names: their turns, and those reacted to
    by_section: dict[int, set[str]] = {}
    naming: set[int] = set()
    answering: Counter = Counter()  # (a name whose turn comes right after the writer's own, “**me:**”)
    written = None  # (the names the notes write in title case, “Maya”: read once, where a cast may need them)
    for _, section in iter_sections(outline.root):
        roles = []
        before = ""
        for block in section.blocks:
            said, before = before, ""
            if block.kind == "paragraph" and (lead := LEAD_LABEL.match(block.text)):
                name = (lead.group(1) or lead.group(2)).strip()
                before = name
                if FACET.fullmatch(name) or LABEL_TERM.match(name):
                    continue
                if OWN_SPEAKER.fullmatch(said) and not OWN_SPEAKER.fullmatch(name) and not ANSWER_LABEL.fullmatch(name) \
                        and not CORRECTION_TURN.fullmatch(name):
                    answering[name] += 1  # (not the answer one's own is checked against: “**正解：**”, “**Correct:**”)
                if SPEAKER_NAME.fullmatch(name):
                    turns[name] += 1
                elif CHAT_HANDLE.fullmatch(name):
                    # (a chat's name as typed, “deniz”, “priya.k”, speaks where others reacted to what it said:
                    # its paragraph ends with the reactions, “👍 11 ✅ 2”)
                    said = handles[PAREN_TAIL.sub("", name).strip()]
                    said["turns"] += 1
                    said["reacted"] += REACTIONS.fullmatch(block.text.rstrip().rsplit("\n", 1)[-1]) is not None
                    said["own"] += OWN_HANDLE.search(name) is not None
                elif CJK_ROLE.fullmatch(name):
                    roles.append(name)
                elif CAST_NAME.fullmatch(name):
                    if written is None:
                        written = set(re.findall(r"\b[A-Z][a-z]{1,11}\b", " ".join(_lines(outline))))
                    if CAST_ROLE.fullmatch(name) or name.title() in written:
                        roles.append(name)
        # (a Chinese role speaks only where two take turns, A B A B, in its section: “**生产者**：…
        # **消费者**：…” under each of two headings are two terms, twice)
        if sum(a != b for a, b in zip(roles, roles[1:])) >= 3:
            by_section[id(section)] = {name for name in roles if roles.count(name) >= 2}
        elif len(set(roles)) >= 2 or GLOSSARY_HEADING.search(section.title):
            naming.add(id(section))
    # (a role that takes turns speaks in the transcript's wrap-up too, “- **面试官**：全程很看重推导细节”; not
    # where a section names the roles, “## 角色” over “**提议者**：…”, or a glossary defines them)
    taking = set().union(*by_section.values()) if by_section else set()
    by_section = {id(s): taking for _, s in iter_sections(outline.root) if id(s) not in naming} | by_section
    talking = {name for name, n in turns.items() if n >= 2}
    # (one's own turns with an AI tutor's or a teacher's after them, “**me:** …?” over “**tutor:** …”: both speak)
    if any(OWN_SPEAKER.fullmatch(name) for name in talking) and sum(answering.values()) >= 2:
        talking |= set(answering)  # (one who answers once among others who do: “**Tom:**”, “**Profesora:**”)
    # (a name that opens two paragraphs or more, one of them reacted to; then the writer's own too)
    reacted = {name for name, said in handles.items() if said["reacted"] and said["turns"] >= 2}
    if reacted:
        talking |= reacted | {name for name, said in handles.items() if said["own"]}
    # (a comment's mark before its writer, even the only one: “💬 Kevin：…”, “↳ me: …”)
    # (after an arrow, which also marks a sub-point, only a name met twice, or “me”: “↳ Chain rule: …” is a point)
    turns_marked = Counter((m.group(1), m.group(0).lstrip()[:1] in "↳⤷➥") for text in _lines(outline)
                           if (m := COMMENT_TURN.match(text)))
    commented = {PAREN_TAIL.sub("", name).strip() for (name, arrow), n in turns_marked.items()
                 if not arrow or n >= 2 or SPEAKER_NAME.fullmatch(name.strip())}
    talking |= commented
    # (and whoever a meeting's notes list as present, even speaking once: “**Present:** Priya, Tom, Jun, me (Sam)”)
    listed: set[str] = set()
    if present:
        spoke = re.compile(r"\s*\**(" + "|".join(map(re.escape, sorted(present))) + r")\**\s*[:：]")
        listed = {m.group(1) for text in _lines(outline) if (m := spoke.match(text))}
    talking |= listed
    return (talking if len(talking) >= 2 else commented | listed), by_section


def _lines(outline: Outline):
    """Each line of the paragraphs and list items of the notes (a turn may open any of them)."""
    for _, section in iter_sections(outline.root):
        for block in section.blocks:
            for text in [block.text] if block.kind == "paragraph" else [it.text for it in block.items]:
                yield from text.splitlines()


def _unwrapped(lines: list[str]) -> tuple[list[str], list[int]]:
    """The lines of a paragraph with each line that goes on with the sentence of the long line before it joined to
    it, as the writer's editor wrapped it (“…, training, which” over “regularises the network — like …”); and where
    each joined line starts. Not one field after another (“act: relu” over “loss: mse”), nor a line that opens on a
    label of its own (“gradient descent: an iterative method that moves the parameters against the gradient” over
    “learning rate: the size of each step”)."""
    joined: list[str] = []
    starts: list[int] = []
    for i, line in enumerate(lines):
        before = lines[i - 1] if i else ""
        if joined and len(before.strip()) >= 50 and not before.rstrip().endswith(
                (*SENTENCE_FINAL, ":", "：", "*", ")", "）")) and re.match(r"\s*[a-zа-яё]", line) \
                and not re.match(r"\s*[^:：]{1,30}[:：]", line):
            joined[-1] += "\n" + line
        else:
            joined.append(line)
            starts.append(i)
    return joined, starts


def _recurring_labels(outline: Outline) -> tuple[set[str], set[str], set[str]]:
    """The bold words or the label lines open on in three sections or more (“**推文版**：…”, “Time
    complexity:”, “干扰：…”): a part the writer gives each section, asked of that section's subject
    as a facet is (“Quicksort: what is its time complexity?”), not a concept to define; and, of
    those, the ones that retell each section, named so (“推文版”, “TL;DR”) or whose lines run on as
    prose (60 characters or more, as a rule): no card. (A question, “why:”, is asked as one already.) And
    the labels met in two sections or more."""
    where: dict[str, set[int]] = {}
    lengths: dict[str, list[int]] = {}
    for n, (_, section) in enumerate(iter_sections(outline.root)):
        stack = list(section.blocks)
        while stack:
            block = stack.pop()
            stack.extend(block.blocks)
            stack.extend(child for it in block.items for child in it.children)
            for text in [block.text] if block.kind == "paragraph" else [it.text for it in block.items]:
                for line in text.splitlines():
                    opening = BOLD_OPENING.match(line) or PLAIN_LABEL_OPENING.match(line)
                    if opening:
                        term = _bare(opening.group(1)).casefold()
                        where.setdefault(term, set()).add(n)
                        lengths.setdefault(term, []).append(len(line) - opening.end())
    recurring = {term for term, sections in where.items()
                 if len(sections) >= 3 and not FACET.fullmatch(term) and not ASKS.match(term)}
    return recurring, {term for term in recurring
                       if REWRITE.fullmatch(term) or sorted(lengths[term])[len(lengths[term]) // 2] >= 60}, \
        {term for term, sections in where.items() if len(sections) >= 2}


# What one does or says in a joke's or a chat's turns: an action in italics (“*changes the seed*”), a quote (“"my
# method is robust" 📈”).
ACTED_OR_SAID = re.compile(r"(?:\*[^*\n]+\*|_[^_\n]+_|\"[^\"\n]+\"|“[^”\n]+”|「[^」\n]+」)\W*")


# A facet said as a verb and its preposition (“Leads to”, “Depends on”, “Builds on”): what the subject does so.
FACET_VERB = re.compile(r"(lead|depend|build|relate|refer|belong|point|map|reduce|converge|link|connect|generali[sz]e|"
                        r"extend|feed|rel(?=ies)|appl(?=ies))(?:s|ies) (to|on|from|into|with)")


# A retelling of a section (“推文版”, “白话版”, “一句话总结”, “TL;DR”, “ELI5”), not a part of its subject.
REWRITE = re.compile(r".{0,4}版|tweets?|tl;?dr|eli5|in one (?:sentence|line)|一句话\S{0,3}|(?:大)?白话\S{0,2}|通俗\S{0,3}",
                     re.I)


# The bold words a line opens on (“**推文版**：…”, “**My take:** …”), or a short label and its colon
# (“干扰：微信 ×1”, “ML：…”).
BOLD_OPENING = re.compile(r"\s*\*\*([^*\n]{1,30}?)\*\*")
PLAIN_LABEL_OPENING = re.compile(r"\s*([^\s:：*`$|]{1,12}(?: [^\s:：*`$|]{1,12})?)\s*[:：]\s*\S")


def _states_the_old(text: str) -> bool:
    """An erratum's line that gives the old version (“v1 中…写成了 $…$”, “v1 wrote the Adam step as $…$”):
    one formula that states something, before any word that corrects it (“fixed to $p = …$”)."""
    if not ERRATUM_OLD.match(text):
        return False
    stated = [start for start, _, body, _ in math_spans(text) if STATES.search(body)]
    fixed = CORRECTING_WORDS.search(text)
    return len(stated) == 1 and (fixed is None or stated[0] < fixed.start())


# Words that give the right version (“fixed to”, “the correct one is”, “should be”, “应为”, “改为”).
CORRECTING_WORDS = re.compile(r"\b(?:fixed|corrected|correct|should|now|right)\b|应为|改为|改成|正确|更正", re.I)
# A heading over a list of errata (“勘误（v1 → v2）”, “Errata”).
ERRATA = re.compile(r"勘误|\berrat(?:a|um)\b", re.I)


def _corrected_lines(outline: Outline) -> set[int]:
    """The lines of what an erratum quotes in order to correct it: under a section with a line that
    says what should be instead (“**应为**：”, “更正：”, “Should be:”), or under errata, the text given
    as the original (“**原文**：$S(t) = 1 - e^{-H(t)}$”, or “**原文**：” over its formula; “v1 中…写成了
    $…$”). (In a translation, “原文” is the source, and nothing there corrects it.)"""
    lines: set[int] = set()
    for _, section in iter_sections(outline.root):
        texts = [(b.text, b.source.line) for b in section.blocks if b.kind == "paragraph"] + \
                [(it.text, it.source.line) for b in section.blocks for it in b.items]
        if not ERRATA.search(section.title) and not any(CORRECTION.match(line) for text, _ in texts
                                                        for line in text.splitlines()):
            continue
        quoting = False
        for block in section.blocks:
            for text, line in [(block.text, block.source.line)] if block.kind != "list" else \
                    [(it.text, it.source.line) for it in block.items]:
                quoted = QUOTED_ORIGINAL.match(text)
                if quoted or quoting or ERRATA.search(section.title) and _states_the_old(text):
                    # (a line that gives the right formula after the old one keeps it: no line is taken whole)
                    lines.update(range(line, line + text.count("\n") + 1))
                quoting = bool(quoted) and not text[quoted.end():].strip()  # “**原文**：” over its formula
    return lines


def _superseded_code(outline: Outline) -> dict[int, set[str]]:
    """The functions of a code block (by its first line) that a corrected version right after it
    rewrites: “订正版：” (“Fixed version:”, “改正后：”) over a function of the same name, or of that name
    with a fix's suffix (``my_ce`` → ``my_ce_stable``); “修改后：” over one of the same name; a bare “**Fix:**” over
    the same function again, straight after the code or after words saying what was wrong with it. The first
    attempt is not the one to recall; a helper beside it (“log_softmax”) is."""
    lines: dict[int, set[str]] = {}
    for _, section in iter_sections(outline.root):
        blocks = section.blocks
        for i, block in enumerate(blocks):
            led = block.kind == "code" and i and blocks[i - 1].kind == "paragraph"
            said = last_sentence(blocks[i - 1].text) if led else ""
            fixing, revising = FIXED_VERSION.match(said), REVISED_VERSION.match(said)
            earlier = next((b for b in reversed(blocks[:i - 1]) if b.kind == "code"
                            and (not BARE_FIX.match(said) or defined_names(b.text, b.language))), None)
            if BARE_FIX.match(said) and earlier is not None:
                # (“**Fix:**” over the same function again, after what was wrong with the code before it: “**What's
                # wrong:** no `model.eval()`”; not after “This already worked — refactor only”)
                between = " ".join(b.text for b in blocks[blocks.index(earlier) + 1:i - 1] if b.kind == "paragraph")
                fixing = fixing or (SAID_WRONG.search(between) or not between.strip() and not REFACTOR.search(said) or None)
            if not (fixing or revising):
                continue
            fixed = [_function_name(d) for d in defined_names(block.text, block.language)]
            if earlier is None:
                continue
            signatures = defined_names(earlier.text, earlier.language)
            names = {_function_name(d) for d in signatures}
            # (after “修改后：”, the same name with the same parameters: “train_step(…, scaler)” extends it)
            revised = {_function_name(d) for d in defined_names(block.text, block.language) if d in signatures}
            rewritten = {old for old in names for new in fixed
                         if fixing and (new == old or new.startswith(old) and FIX_SUFFIX.fullmatch(new[len(old):]))
                         or not fixing and old in revised}
            if rewritten:
                lines[earlier.source.line] = rewritten
    # (and the code named the first version, by its heading or the line over it, “## First version of the code”, “初版：”,
    # where a later block named the final or fixed one defines its functions again: what the review or the fix made of
    # them is the one to recall; “The first implementation of quicksort” beside Lomuto's is one of two to learn)
    code = [(" ".join((path[-1] if path else "", last_sentence(section.blocks[i - 1].text)
                       if i and section.blocks[i - 1].kind == "paragraph" else "")), b)
            for path, section in iter_sections(outline.root) for i, b in enumerate(section.blocks) if b.kind == "code"]
    for i, (said, block) in enumerate(code):
        if not FIRST_VERSION.search(said):
            continue
        names = {_function_name(d) for d in defined_names(block.text, block.language)}
        later = {_function_name(d) for named, b in code[i + 1:] if FINAL_VERSION.search(named)
                 for d in defined_names(b.text, b.language)}
        if names & later:
            lines[block.source.line] = lines.get(block.source.line, set()) | (names & later)
    return lines


# What names the version that replaces a first try (“## Final version (merged 2024-05-02)”, “Fixed version:”, “终版”).
FINAL_VERSION = re.compile(r"\b(?:final|fixed|corrected|revised|updated|merged|improved|refactored)\b|\bv[2-9]\b|"
                           r"\b(?:second|2nd) (?:version|draft|try|attempt)\b|\bversion [2-9]\b|\bafter (?:the )?(?:review|fix)\b|"
                           r"终版|最终版|定稿|修正|订正|改正|改进|修改后|修复后|修复版|第二版", re.I)
# What names a first try that a later one replaces (“First version of the code”, “My initial attempt”, “初版”, “第一版
# 代码”; not “A naive version”, nor “the first implementation”, which may stand beside the other).
FIRST_VERSION = re.compile(r"\b(?:first|initial|old|earlier|v1)\s+(?:version|draft|attempt|try)\b|"
                           r"初版|第一版|旧版|初始版本|第一次(?:尝试|写的)", re.I)


# The line over a new version of code that may extend it (“修改后：”, “Updated version:”): a function
# it defines again under the same name replaces the one before.
REVISED_VERSION = re.compile(r"\s*+(?:\*\*\s*+)?(?:修改后|改后|更新后|(?:the )?(?:updated|revised) (?:version|code))"
                             r"(?:的(?:版本|代码|写法))?\s*+(?:\*\*\s*+)?[:：]\s*+(?:\*\*)?\s*+$", re.I)


def _without_definitions(code: str, names: set[str]) -> str:
    """Python ``code`` without the top-level functions and classes called ``names``."""
    tree = python_tree(code, "python")
    if tree is None:
        return code
    lines = code.splitlines()
    drop: set[int] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name in names:
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            drop.update(range(start - 1, node.end_lineno))
    return "\n".join(line for n, line in enumerate(lines) if n not in drop).strip("\n") + "\n"


# What a corrected function's name adds to the first one's (“_stable”, “_fixed”, “_v2”, “2”).
FIX_SUFFIX = re.compile(r"_?(?:stable|safe|fixed|fix|correct(?:ed)?|new|good|right|ok|final|better|v?\d+)", re.I)


def _function_name(signature: str) -> str:
    return signature.strip("`").removeprefix("class ").split("(")[0].strip()


# The line over a corrected version of code (“订正版：”, “**改正后**：”, “Fixed version:”, “Corrected:”);
# “修改后：” may extend the code rather than mend it.
FIXED_VERSION = re.compile(r"\s*+(?:\*\*\s*+)?(?:(?:订正|改正|修正|更正)(?:版|后|版本|后的(?:版本|代码|写法)?)?|"
                           r"(?:the )?(?:fixed|corrected|correct)(?: version| code)?|"
                           r"正确(?:的)?(?:版本|写法|代码|实现))\s*+(?:\*\*\s*+)?[:：]\s*+(?:\*\*)?\s*+$", re.I)


# A bare “**Fix:**” over code, and what says, before it, that the code above was wrong.
BARE_FIX = re.compile(r"\s*+(?:\*\*\s*+)?(?:(?:the )?fix|修复(?:后)?)\s*+(?:\*\*\s*+)?[:：]\s*+(?:\*\*)?\s*+$", re.I)
SAID_WRONG = re.compile(r"what'?s wrong|\bbug(?:gy|s)?\b|\bwrong\b|\bbroken\b|\bfails?\b|\bcrash(?:es|ed)?\b|\berrors?\b|"
                        r"exception|incorrect|double[- ]count|错在|出错|有问题|报错|崩溃|不对|错误", re.I)
REFACTOR = re.compile(r"(?:pure|just a|only a) refactor|refactor only|already work(?:s|ed)|只是重构|本来就(?:对|能用)", re.I)
# The label an erratum puts before what should be instead (“**应为**：”, “更正：”, “正确写法：”, “Should
# be:”, “Correction:”); a doubt (“我当时以为：应该是 $a_{ij}$？”) or “正确理解：” corrects nothing.
CORRECTION = re.compile(r"\s*+(?:[-*+]\s++)?(?:\*\*\s*+)?(?:应为|应该是|更正(?:为|后)?|改为|改成|"
                        r"正确(?!理解|率|性)(?:的)?(?:应该)?(?:是|版本|写法|公式|式子|答案)?|correct(?:ion|ed)?(?: version)?|"
                        r"should (?:be|read))\s*+(?:\*\*\s*+)?[:：]", re.I)
# The original an erratum quotes (“**原文**：”, “课件写的：”, “Original:”, “The slides say:”).
QUOTED_ORIGINAL = re.compile(r"\s*+(?:\*\*\s*+)?(?:(?:原文|原式|原句|课件(?:上)?(?:写的|原文)?|讲义(?:上)?(?:写的)?|书上(?:写的)?|"
                             r"original|the (?:book|slides?|notes|lecture) (?:says?|said|wrote|has)|slides? (?:says?|said))"
                             r"\s*+(?:\*\*\s*+)?[:：]|"
                             # or said in prose (“原文写的是 $H = …$”, “课件上写成了”)
                             r"(?:原文|原式|课件|讲义|书)上?(?:写的是|写作|写成了?)[:：]?)\s*+(?:\*\*)?", re.I)
# An erratum's line on what an old version had (“v1 中感受野公式写成了 $…$”, “v1 里 padding 写成了 $p = k/2$”).
ERRATUM_OLD = re.compile(r"\s*v\d+\s*(?:中|里|版|的)?\s*.{0,20}?(?:写成了?|误写为|错写成|写错成|had|wrote|said)(?!了)(?!正确|对的)",
                         re.I)


def _attendees(outline: Outline) -> set[str]:
    """The names a line such as “Present: Priya, Tom, Jun”, “参会：小王、小李” or “时间：周四 ｜
    参与：阿哲、Kevin” lists."""
    names: set[str] = set()
    stack = [b for _, section in iter_sections(outline.root) for b in section.blocks]
    while stack:
        block = stack.pop()
        stack.extend(block.blocks)
        # (a list item too, “- 到场：…”, where it names a meeting's own: “- 成员：属性、方法” lists a class's parts)
        texts = [block.text] if block.kind == "paragraph" else [it.text for it in block.items]
        for line in (line for text in texts for line in text.splitlines()):
            field = ATTENDEES.search(line)
            if field and block.kind != "paragraph" and not MEETING_ATTENDEES.search(line):
                continue
            if field and TEAM_LABEL.search(line[:field.start("names")]) and not OWN_NAME.search(field.group("names")):
                continue  # (“Team: Goalkeeper, Defenders, …”, “队员：控球后卫 / 中锋”: positions, not a team one is on)
            if field:
                for part in re.split(r"[,，、/&;；]|\band\b|和", field.group("names")):
                    # (“**Dr. Priya Raman**”: the name without its emphasis or title)
                    word = TITLE.sub("", re.sub(r"[(（][^)）]*[)）]", " ", part).replace("*", " ").strip()).split()
                    if word and (SPEAKER_NAME.fullmatch(word[0]) or CJK_NAME.fullmatch(word[0])):
                        names.add(word[0])
    return names


def _tags(outline: Outline) -> set[str]:
    """The tags two paragraphs or more open on (“**[me]** …”, “【老周】…”): an annotator's or a
    commenter's mark, as a transcript's names are. A bracketed term met once (“[CLS] token”) is none."""
    seen = Counter(tag.group(1) or tag.group(2) for text in _lines(outline)
                   if (tag := TAG_OPENING.match(text.lstrip(" *_\t"))))
    return {tag for tag, n in seen.items() if n >= 2}


# A line that lists who was there (“**Present:** Priya, Tom”, “Attendees: …”, “参会人：…”), at its
# start or as one of the fields a line holds (“时间：周四 ｜ 参与：阿哲、小鱼”).
ATTENDEES = re.compile(r"(?:^|[|｜·•;；])\s*+\**+\s*+(?:present|attendees|attending|participants|people|members|"
                       r"team(?: members)?|参会人?|出席|与会|参加者?|参与(?:者|人员)?|成员|到场|在场|到会|签到|队伍|队员|组员)"
                       r"\s*+(?:[:：]\s*+\**+|\**+\s*+[:：])\s*+(?P<names>[^|｜\n]+)", re.I)
# A team's label, and the writer among its names (“队伍：老何 / 阿杰 / 我（记录）”, “Team: Priya / Tom / me”).
TEAM_LABEL = re.compile(r"team|队伍|队员|组员", re.I)
OWN_NAME = re.compile(r"\b(?:me|myself)\b|我", re.I)
TITLE = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|miss)\.?\s+", re.I)
# The words only a meeting's notes list people under (not “成员”, “members”, “participants”).
MEETING_ATTENDEES = re.compile(r"present|attendees|attending|参会|参加|出席|与会|到场|在场|到会|签到|队伍|队员|组员", re.I)
# A Chinese name or nickname (“阿哲”, “老孟”, “小鱼”, “张三”): two to four characters.
CJK_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
# A tag a paragraph opens on: “[me]”, “【老周】” (what a notes' legend may call “my annotation”).
# (a task list's box, “[ ]”, “[x]”, is none)
TAG_OPENING = re.compile(r"\s*(?:\\?\[(?![ xX]?\\?\])([^\[\]\n]{1,12})\\?\]|【([^【】\n]{1,12})】)")


# Words that are a label in notes about one's own work (“**Aim**: set up the loop”, “**Subject**: Re: …”,
# “**Ablation**: removing Cutout hurts”) and a concept elsewhere (“**Repository**: a directory whose
# history git tracks”): a label unless what follows says what the thing is.
AMBIGUOUS_LABEL = re.compile(r"repo(?:sitory)?|subject|ablations?|(?:quick )?sanity(?: checks?)?(?:\s.*)?|"
                             r"(?:time )?budget|figures?|aims?|purpose|goal|plan|"
                             r"caveats?|(?:cheap |quick |dirty )?hacks?|(?:full |short )?title|"
                             # (a decision record's “Realisation:”; a realization of a random variable is defined)
                             r"(?:(?:big|key|main|my) )?reali[sz]ation", re.I)
# A library named as a label (“PyTorch：`GradScaler` 是动态 scaling”): how it is done there, not what
# the library is. (A row of a subject's fact sheet so named is that subject's, and no sign of a sheet.)
FRAMEWORK = re.compile(r"(?-i:PyTorch|Pytorch|pytorch|TensorFlow|Tensorflow|tensorflow|JAX|Keras|keras|NumPy|Numpy|numpy|"
                       r"sklearn|scikit-learn|Hugging ?Face)|(?:in|with) (?-i:PyTorch|pytorch|TensorFlow|JAX|Keras|NumPy|numpy)")
# What a definition opens with: “a directory whose …”, “the noun phrase that …”, “是…”, “指…”
# (“a working training loop by Friday”, “the usual ablations first” say what one will do).
DEFINES = re.compile(r"\s*(?:(?:a|an|the)\s+(?:\S+\s+){0,4}?(?:that|which|whose|who|where|in which|used (?:to|for))\b|"
                     r"(?:是|指|即|就是)\s?\S)", re.I)
# Someone's words or choice (“Tom's pitch”, “problem (guest's words)”, “TA 原话”): whose, not what.
# (“Slater's condition”, “Bessel's correction”: a result named after its finder, a concept)
SOMEONES = re.compile(r"^(?-i:[A-Z][a-z]+)['’]s\s+(?:pitch|words|take|view|opinion|point|one-liner|advice|tips?|hints?|comments?|"
                      r"questions?|answers?|summary|notes|config|runs?|results?|suggestions?|slides?|framing)\b|"
                      r"['’]s words\b|原话", re.I)
# What an examiner or a teacher likes, wants or will not take (“She likes: a concrete example first”, “He never
# accepts: …”): how to please them, not the subject (“He init”, “He et al.” name things; a grammar's “**He likes**:
# third person adds -s — ‘He likes tea’” quotes it).
PLEASES = re.compile(r"(?:s?he|they|(?:the |our |my )?(?:teacher|prof(?:essor)?|lecturer|examiner|tutor|instructor|ta))"
                     r"(?:\s+(?:also|really|always|never|often|usually|strongly|absolutely|especially))?\s+"
                     r"(?:likes?|hates?|loves?|dislikes?|wants?|prefers?|expects?|insists?|accepts?|recommends?|"
                     r"suggest(?:s|ed)?|warn(?:s|ed)?|tells?|told|asks?|asked|mentioned|stress(?:es|ed)|emphasi[sz]e[sd]|"
                     r"keeps? saying|(?:does ?n[o']?t|won'?t|will not) (?:like|want|accept|take))", re.I)
# A term that ends on someone doing something (“Rule of thumb she uses”, “Intuition she drew”, “the trick they used”):
# theirs, named by who says it (a capital He is a name: “Kaiming He init”; “Luther — what he believed”, “Weber — the
# ethic he described” are what a course asks of them).
SOMEONE_DOES = re.compile(r"^(?![^—–:]*\b(?:what|how|why|who|whom|where|when)\s+(?:s?he|they)\b)[^—–:]*?"
                          r"\b(?-i:she|he|they)\s+(?:also\s+|always\s+|often\s+)?(?-i:[a-z]+(?:s|ed|ew|ld|ught|ok|ave))$", re.I)
# A reply rather than a name (“Not dead — it is a finding too”, “Not really: …”; “Not guilty”, “Not only” are terms).
REPLY_TERM = re.compile(r"(?-i:[Nn]ot\s+(?:dead|really|quite|exactly|necessarily|always|yet|so fast|at all|bad|even close))|"
                        r"(?:yes|no|nope|yep|sure|exactly|right|correct|wrong)\b[\s,，!！.]*", re.I)
# A list of an exam's questions by their numbers (“填空2、填空5、判断3”, “选择4、计算1(2)”, “problem 2 and problem 5”;
# “Q1, Q2” may be quadrants).
_QUESTION_REF = (r"(?:(?:填空|选择|判断|计算|简答|证明|大题|解答|应用|question|problem)\s*\d+|第\s*\d+\s*题)"
                 r"(?:\s*[(（](?:\d+|[a-z])[)）])*")
QUESTION_REFS = re.compile(rf"{_QUESTION_REF}(?:\s*(?:、|,|，|;|；|and|和|及)\s*{_QUESTION_REF})+\s*[.。]?", re.I)
# A back that only names the parts of a topic to know (“formula and why it helps in long valleys”, “definition +
# proof”, “公式和为什么收敛快”), as a syllabus or an exam's list of topics writes it: one such part at least, and two or more.
_TOPIC_PART = (r"(?:the |its |a )?(?:formulas?|equations?|definitions?|proofs?|derivations?|intuitions?|examples?|update rules?|"
               r"algorithms?|pseudo-?code|implementations?|pros and cons|(?:dis)?advantages|properties|assumptions|"
               r"complexity|geometric (?:meaning|view)|interpretations?)|公式|定义|证明|推导|直观理解|直观解释|例子|优缺点|性质|假设|"
               r"复杂度|代码实现|几何意义")
_TOPIC_ASK = (r"(?:why|how|when|where|what)\b(?:(?!\band\b)[^,;+&/、，；])*+|"
              r"(?:为什么|为何|怎么|如何|何时)[^,;+&/、，；和及与]*+")
_TOPIC_AND = r"\s*+(?:,\s*+and\b|,|\+|&|/|\band\b|、|，|和|及|与)\s*+"
TOPIC_PARTS = re.compile(rf"(?:(?:{_TOPIC_ASK}){_TOPIC_AND})*+(?:{_TOPIC_PART})(?:{_TOPIC_AND}(?:{_TOPIC_PART}|{_TOPIC_ASK}))++"
                         r"\s*+[.。]?", re.I)
# A term that is someone's or something's before it (“its cost”, “their extension”, “它的缺点”), what
# someone gave (“rule of thumb he gave”), or a date (“03-05 v2”, “3/13 晚”, “2024-03-14 run”; not
# “0-1 分布”, “68-95-99.7 rule”, “80/20 rule”, “10-20 system”): it names nothing
# a card can show.
# A log's time spent before what was done (“1h 目标分布”, “⏱ 30min”, “2 hours:”).
TIME_SPENT = re.compile(r"\s*+(?:⏱\s*+)?\d+(?:\.\d+)?\s*+(?:h|hrs?|hours?|min|mins|minutes|小时|分钟)(?![A-Za-z])", re.I)
# After a name a list of people holds, what only a person does (“小满踩的坑”, “老周说的”): “生成器的目标”
# and “Adam's bias correction” are a thing's, whatever a list called them.
DOES_OWN = re.compile(r"踩|说(?!明|法)|问(?!题)|提到|讲的|觉得|认为|\s+(?:says?|said|asked|thinks?|thought)\b")
# After a person's name: what follows is theirs (“的”, “踩的坑”, “’s”, “ said”).
OWNED_BY = re.compile(r"的|踩|说(?!明|法)|问(?!题)|提|讲|觉得|认为|补充|['’]s\b|\s+(?:says?|said|asked|thinks?|thought)\b")
WHOSE_TERM = re.compile(r"^(?:its|their|his|her|our|this|that|these|those)\b|^(?:它|它们|他|她|他们|她们|我们)的|"
                        # a pointer to elsewhere (“见 E05 表最后两列”, “Look at (2.26)”), a note to oneself
                        r"^(?:见|参见|详见|see\s|look at\s|cf\.?\s)|\bfor myself\b|给自己|"
                        r"\b(?:he|she|they|someone|the (?:presenter|speaker|author|TA|prof(?:essor)?))\s+"
                        r"(?:gave|said|used|showed|mentioned|suggested|recommended|proposed|pushed|shared|wrote|made)\b|"
                        # what a stream's or a talk's audience said (“joke from chat”)
                        r"\b(?:jokes?|questions?|comments?|remarks?|quips?) from (?:the )?(?:chat|audience)\b|"
                        r"^(?:\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?(?![\d./-])|"
                        r"(?:0?[1-9]|1[0-2])[-/](?:0?[1-9]|[12]\d|3[01])(?![\d./-])(?!\s*+(?:rule|split|system|time|法则|原则)))", re.I)
# A page of the notes' own source in a term (“BN bug (p.38)”): a record of where, not a concept.
# A term that records a check's outcome or a rating (“H1 ✓”, “Sol. manual. ✔. Params”, “整体 7/10”): one's own verdict.
CHECKED_TERM = re.compile(r"[✓✔✗✘✅❌☑]|(?<![\d.])\d{1,2}(?:\.\d)?\s*+/\s*+10(?![\d/])")
# A term that says what the writer did (“Looked at the curves”, “Tried a smaller lr”): a diary's line.
DIARY_TERM = re.compile(r"(?:looked|tried|checked|ran|re-?ran|noticed|found|saw|realized|realised|fixed|switched|plotted|"
                        r"compared|launched|killed|bumped|spotted)\s+(?:at|the|a|an|it|this|that|these|those|my|our|with|on|"
                        r"up|out|over|into|again|back)\b", re.I)
# A term that points to another numbered place (“Compare with 4.11”, “cf. Eq. (3)”, “参见 2.3 节”, “对比第 5 题”).
POINTER_TERM = re.compile(r"(?:compare (?:with|to)|cf\.?|see(?: also)?|参见|参照|对比|对照|比较)\s*+"
                          r"(?:§|ex(?:ercise)?\.?|eq(?:uation)?\.?|problem|question|section|chapter|式|第)?\s*+"
                          r"[(（]?(?!\d{4}\b)\d+(?:[.-]\d+)*[)）]?\s*+(?:节|章|题|式)?", re.I)  # (“Compare with 1905” is history)
# A row of how many people (“人数”, “students”), in a class's numbers (a census's millions are facts; so is a “count”).
HEADCOUNT_ROW = re.compile(r"\s*+(?:人数|(?:# |number of )?students)\s*+", re.I)
# A comment under a post, by its votes (“- ▲ 3 — *noisy_gradient*: @kjetil_b fair, edited.”, “👍 12 · Wei: …”).
VOTED_COMMENT = re.compile(r"\s*+[▲△⬆👍]\uFE0F?\s*+\d{1,5}\s*+[—–·:-]")
# A comment named by its number or its author and its votes (“c1 (+52)”, “#3 (+9)”, “@mira (+31 votes)”); a name
# with no number, “Fe (+3)”, is an ion's charge, a capital with one, “C1 (+1)”, an atom's oxidation state, and
# “x1 (+1)” a labelled sample.
VOTED_NAME = re.compile(r"(?:(?-i:c)\d{1,3}|#\d{1,4}|@[\w.-]{2,30}|(?:comment|reply|answer)\s*+\d{1,3}|(?:评论|回复)\s*+\d{1,3}|"
                        r"\d{1,4}\s*+楼)\s*+[(（]\s*+[+▲↑]\s*+\d{1,5}\s*+(?:votes?|赞|票)?\s*+[)）]", re.I)
# A follow-up by someone (“Follow-up (hkwan)”, “追问（王浩）”): a thread's reply; “Follow-up” alone is a plan's part.
FOLLOW_UP_BY = re.compile(r"(?:follow-?ups?|追问|补充)\s*+(?:[(（]\s*+@?[A-Za-z][\w.-]{1,20}\s*+[)）]|[(（][\u4e00-\u9fff]{2,4}[)）])", re.I)
# A line that says the table under it counts (“Tally (students gave 2–3 answers each):”, “计票：”).
TALLY_LEAD = re.compile(r"\s*+(?:\*\*)?(?:tally|tallies|vote counts?|计票|票数)(?:\*\*)?\s*+(?:[(（:：]|$)", re.I)
# The answers people gave, counted (“| answer | count | verdict |”, “| 回答 | 人数 |”): a class's or a poll's tally.
# (“| Response | Votes |” over a referendum's “| Leave | 17410742 |” is history; “| 选项 | n | l |” quantum numbers)
ANSWERS_CORNER = re.compile(r"\s*+(?:answers?|回答|答案)\s*+", re.I)
COUNTED_HEADER = re.compile(r"\s*+(?:count|人数|(?:# |number of )?students)\s*+", re.I)


def _answers_counted(table: str, source: Source) -> bool:
    rows = _table_rows(table, source)
    if len(rows) < 3 or not ANSWERS_CORNER.fullmatch(_cell_text(rows[0][1][0])):
        return False
    return any(COUNTED_HEADER.fullmatch(_cell_text(name)) and all(
        re.fullmatch(r"\s*\d+\s*", _cell_text(cells[j])) for _, cells in rows[1:] if len(cells) > j)
        for j, name in enumerate(rows[0][1]) if j)


# One's own marks counted (“❌ 11 条，⚠️ 5 条”, “✅ 12 / ❌ 3”): a tally of how one did.
MARK_COUNT = re.compile(r"[✅❌⚠✔✘✗☑✓]\uFE0F?\s*+[×x]?\d++\s*+(?:条|题|道|个|次|处)?")
# (counted in a unit, “❌ 11 条”, or nothing but marks and counts, “✅ 12 / ❌ 3”; “✅ 3 vs 1, ❌ 3 vs 2” are cases)
COUNTED_MARK = re.compile(r"[✅❌⚠✔✘✗☑✓]\uFE0F?\s*+[×x]?\d++\s*+(?:条|题|道|个|次|处)")
MARK_TALLY = re.compile(r"(?:[✅❌⚠✔✘✗☑✓]\uFE0F?\s*+[×x]?\d++\s*+[,，/;；·|]?\s*+)++")
# What an exam's part holds (“每篇 5 题”, “共 40 分”): “精读 4 篇” over it is the exam's, no tally.
EXAM_PARTS = re.compile(r"每[篇题道个小]|共\s*+\d|\d\s*+分(?![钟析布类])|\b(?:each|per) (?:passage|question|item)\b|\bmarks?\b|\bpoints\b", re.I)
# A tally of one's own work as a term (“精读论文2篇”, “刷题 30 道”, “Read 3 papers”): what a report counts, no concept.
# (“阅读 4 篇”, “写 2 篇”, “做 15 题” with no “了” state what an exam holds)
TALLY_TERM = re.compile(r"(?:精读|泛读|细读|刷了?|(?:阅读|读|看|完成|学习?|做|写)了)\s*+(?:论文|文献|书|章节?|题目?|视频|博客)?"
                        r"\s*+\d++\s*+(?:篇|本|章|节|道|题|个|次|集|(?:个)?小时|h)(?:论文|文献|书|题)?|"
                        r"(?:read|finished|completed|did|solved|watched|wrote)\s++\d++\s++(?:\w+\s++)?"
                        r"(?:papers?|chapters?|books?|problems?|exercises?|videos?|lectures?|hours?|posts?)", re.I)
PAGE_IN_TERM = re.compile(r"[(（]\s*(?:p|pp|page|页)\.?\s*\d+|(?<![\w-])(?-i:pp?)\.\s*\d+|第\s*\d+\s*页", re.I)
# What the marks of the notes mean (“🔴 must fix / 🟠 should fix / ⚪ nit”): a key to the notes, no knowledge.
MARK_SYMBOL = "[\u2600-\u27bf\u2b50\u2b55\U0001F300-\U0001FAFF]"
LEGEND = re.compile(rf"(?:[\s/|,，;；]*{MARK_SYMBOL}\ufe0f?\s*(?:(?!{MARK_SYMBOL})[^\n])+){{2,}}")
# A comment's writer after a speech balloon (“💬 Kevin：”, “🗨️ **小鱼（记录人）**:”).
COMMENT_TURN = re.compile(r"\s*+(?:💬|🗨️?|🗣️?|↳|⤷|➥)\s*+\**([^:：*\n]{1,20}?)\**\s*[:：]")
# A person's name or initial as a transcript writes it (“M”, “Jen”, “Prof”), not a label (“Note”).
SPEAKER_NAME = re.compile(r"[A-Z]{1,2}|[A-Z][a-z]{1,11}|me|我")
# The writer, taking a turn in a dialogue (“**me:** …”, “**Me:**”, “**我：**”).
OWN_SPEAKER = re.compile(r"me|我", re.I)
# Who teaches in a dialogue with the writer (“tutor”, “ChatGPT”, “老师”, “助教”, “师兄”).
TEACHES = re.compile(r"(?:ai |math |writing )?(?:tutor|teacher|prof(?:essor)?|ta|instructor|lecturer|mentor|coach|"
                     r"ai|chatgpt|gpt(?:-?[\d.o]+)?|claude|gemini|copilot|assistant|bot|llm|sensei|profesora?|professeur|"
                     r"lehrer(?:in)?|maestr[oa])|老师|教授|助教|导师|师兄|师姐|学长|学姐|教练|先生", re.I)
# A turn that takes back what it grants (“Right about the cause, wrong about…”, “对，但是…”).
BUT = re.compile(r"\b(?:wrong|but|however|not quite|partly)\b|不过|但|不对|(?<![没不])错|只对", re.I)
# A turn that says the one before it was right (“Exactly.”, “Good. Now…”, “对。”, “没错，另外…”).
CONFIRMS = re.compile(r"\s*(?!(?:good|great|nice|fair) (?:question|point)|好问题)(?:yes|yep|yeah|exactly|right|correct|good|great|perfect|nice|solid|fine|indeed|bingo|"
                      r"oui|parfait|très bien|sí|genau|richtig|对|对的|没错|是的|正确|很好|不错|没问题|完全正确|好)(?![\w\u4e00-\u9fff])\s*[.!！。,，:：;；]?", re.I)
# A chat's name as typed (“deniz”, “priya.k”, “tomek_b”, “mara (me)”), a line of reactions to a message
# (“👍 14 🔥 3 🧠 2”), and the writer's own name (“(me)”).
CHAT_HANDLE = re.compile(r"[a-z][a-z0-9._]{1,15}(?:\s*[(（](?:me|我)[)）])?")
REACTIONS = re.compile(r"\s*(?:(?:👍|👎|❤️?|🔥|😂|🎉|✅|🙏|💯|👀|🧠|😅|➕|🚀|👏|🤔)\ufe0f?\s*\d+\s*)+")
OWN_HANDLE = re.compile(r"[(（](?:me|我)[)）]")

# A heading over definitions (“术语”, “角色”, “Glossary”, “名词解释”).
GLOSSARY_HEADING = re.compile(r"术语|角色|定义|名词解释|概念|glossary|terms|terminology|definitions|roles", re.I)
# Who speaks in a Chinese transcript (“面试官”, “候选人”, “老师”, “小林”, “甲”), by a role's ending or a
# nickname's opening.
CJK_ROLE = re.compile(r"[\u4e00-\u9fff]{0,3}(?:官|人|者|师|生|员|友|哥|姐|弟|妹)|(?:小|老|阿)[\u4e00-\u9fff]{1,2}|"
                      r"[甲乙丙丁]|助教|导师|同学|学长|学姐|师兄|师姐")
# A play's cast, in capitals (“**TEACHER:** …”, “**MAYA:** …”): a role, or a name the notes also write as one
# (“Maya”); capitals that are neither are acronyms, “**TCP:** …” beside “**UDP:** …”.
CAST_NAME = re.compile(r"[A-Z]{2,12}")
CAST_ROLE = re.compile(r"TEACHER|STUDENT|TUTOR|PROF|PROFESSOR|TA|INSTRUCTOR|LECTURER|INTERVIEWER|CANDIDATE|HOST|GUEST|"
                       r"USER|ASSISTANT|NARRATOR|MODERATOR|MENTOR|ME|YOU|DOCTOR|PATIENT|CLIENT|AUDIENCE|CHILD|PARENT")


def _valued_math(term: str) -> bool:
    """“$2.1/L$”, “$\\lambda_1 = 1$”: math that holds a number (beyond its indices): one setting of
    an example or a run, not a thing to define."""
    math = re.fullmatch(r"\s*\$([^$]+)\$\s*", term)
    if math is None:
        return False
    body = re.sub(r"[_^]\{[^{}]*\}|[_^]\w", "", math.group(1))
    return bool(re.search(r"\d\.\d|\d\s*/|=\s*-?\d", body))  # “2.1/L”, “= 1”: not “(1 - ρ)”


def _notation(term: str, ctx: _Ctx) -> bool:
    """“$N$：样本数” in a list of the notes' notation (“记号：”, “## Notation”): what a letter
    stands for here, not knowledge."""
    math = re.fullmatch(r"\s*\$([^$]+)\$\s*", term)
    return math is not None and all(BARE_NAME.match(p.strip()) for p in math.group(1).split(",")) \
        and any(NOTATION.fullmatch(SECTION_NUMBER.sub("", h).strip(" ：:")) for h in (*ctx.labels, ctx.concept))


NOTATION = re.compile(r"(?:本文|本章|常用)?(?:记号|符号|符号说明|记号说明|符号约定|记号约定)|notations?|symbols?|"
                      r"(?:a note on )?notation(?: used)?", re.I)


def _without_the_next_step(asked: Asked) -> Asked:
    """A result a derivation cites on its way, without the clauses that go on to the next step
    (“由概率公式 $P(AB) = ?$ 可得：” asks “由概率公式 $P(AB) = ?$”; “… it holds that [?] for all
    $x$ and $y$, by convexity we have” keeps “for all $x$ and $y$”)."""
    prompt = asked.prompt
    span = hidden_formula(prompt)
    if span is None:
        return asked
    tail = prompt[span[1]:]
    if not tail.strip() or not asked.answer.endswith(tail):
        return asked
    inside = [(a, b) for a, b, _, _ in math_spans(tail)]
    breaks = [0] + [m.start() for m in CLAUSE_BREAK.finditer(tail) if not any(a <= m.start() < b for a, b in inside)
                     and _outside_brackets(tail[:m.start()])]
    for cut in breaks:
        clause = CLAUSE_BREAK.split(strip_math(tail[cut:]).lstrip(" ，,；;：:"), maxsplit=1)[0].strip()
        if clause and (LEANS_BACK.search(clause) or FRAGMENT_END.search(clause)):
            kept = len(tail) - cut
            return replace(asked, prompt=prompt[:len(prompt) - kept].rstrip(" ，,；;"),
                           answer=asked.answer[:len(asked.answer) - kept].rstrip(" ，,；;"))
    return asked


def _outside_brackets(before: str) -> bool:
    """Whether the text after ``before`` stands outside any bracket or bold it opened."""
    opened = sum(before.count(c) for c in "(（[【") - sum(before.count(c) for c in ")）]】")
    return opened <= 0 and before.count("**") % 2 == 0


CLAUSE_BREAK = re.compile(r"[，,；;]")


def _words_before(prompt: str) -> str:
    """The words of a formula card's question before the formula it hides (its math as “…”)."""
    return strip_math(before_the_hole(prompt))


def _cites_a_known_result(lead: str) -> bool:
    """Whether the words before a formula in a derivation cite the result it states by its kind
    (“由概率公式”, “一阶 Taylor 展开”), in a clause that does not lean on the steps before it."""
    clause = re.split(r"[。；;，,：:]", lead.rstrip(" ：:，,"))[-1]
    return bool(CITED_RESULT.search(lead)) and not LEANS_BACK.search(clause)


def _for_every_case(lead: str) -> bool:
    """Whether the words just before a formula (its math as “…”) state it for every case (“for any
    convex function … it holds that”), no other formula between them and it."""
    found = list(UNIVERSAL.finditer(lead))
    return bool(found) and "…" not in lead[found[-1].end():]


# What one used to think, and what one knows now, as two labels in a row (“- old: …” / “+ new: …”, “以前以为：…” /
# “现在知道：…”, “I thought: …” / “Actually: …”).
OLD_VIEW = re.compile(r"old (?:belief|view|understanding)|my old (?:belief|view|understanding)|(?:what )?i (?:used to think|thought|believed)|"
                      r"以前以为|原来以为|之前以为|我以为|以前的理解|原来的理解|旧的?(?:理解|认识|看法)", re.I)
NEW_VIEW = re.compile(r"new (?:belief|view|understanding)|(?:what i know )?now|actually|in fact|现在(?:知道|明白|的理解)|其实|实际上|"
                      r"后来(?:知道|明白)|新的?(?:理解|认识|看法)", re.I)
# (bare “old:” / “new:” on a page of one's changed beliefs only: “belief diff log”, “误区”; a vocabulary's “old: 老的”
# and a reform's “Before: … After: …” are facts)
BARE_OLD, BARE_NEW = re.compile(r"old|before|以前|原来", re.I), re.compile(r"new|now|after|现在", re.I)
BELIEF_PAGE = re.compile(r"belief|misconception|things i got wrong|what i got wrong|i used to think|误区|误解|以为|认知(?:变化|更新)",
                         re.I)


def _changed_views(outline: Outline) -> dict[int, str]:
    """The lines of a belief changed, as two labelled lines in a row, the old over the new (in one list or two, “-”
    then “+”): the old line's number to nothing and the new one's to what the old said. (“Before: 12 s” over “After:
    3 s” measures a fix: only where the old view is a sentence of words, not a number.)"""
    views: dict[int, str] = {}
    for _, section in iter_sections(outline.root):
        lines = [(it.source.line, it.text) for b in section.blocks if b.kind == "list" for it in b.items] + \
                [(b.source.line, b.text) for b in section.blocks if b.kind == "paragraph" and "\n" not in b.text]
        lines.sort()
        for (at, text), (then, after) in zip(lines, lines[1:]):
            old, new = split_label(text.strip()), split_label(after.strip())
            believed = BELIEF_PAGE.search(" ".join((outline.title, section.title))) is not None
            if old and new and old[1] and new[1] and then - at <= 2 \
                    and (OLD_VIEW.fullmatch(_bare(old[0]).strip()) or believed and BARE_OLD.fullmatch(_bare(old[0]).strip())) \
                    and (NEW_VIEW.fullmatch(_bare(new[0]).strip()) or believed and BARE_NEW.fullmatch(_bare(new[0]).strip())) \
                    and len(re.findall(r"[A-Za-z]{2,}|[\u4e00-\u9fff]", strip_math(old[1]))) >= 3:
                views[at], views[then] = "", old[1].strip()
    return views


# A reader's annotation exported from a PDF reader (Zotero, Hypothesis, Readwise): its kind, its page, a link back
# (“🟨 Highlight · p. 2 · [open](zotero://…)”, “Note (page 4)”).
ANNOTATION_HEADING = re.compile(r"\s*+(?:[\U0001F7E0-\U0001F7EB\u2B1B\u2B1C]\ufe0f?\s*+)?(?:highlight|image|underline|note|annotation|"
                                r"ink|comment|strikeout)s?(?:\s++\d++)?\s*+[·•|,(（-]?\s*+(?:p\.|page)\s*+\d++\s*+[)）]?"
                                r"(?:\s*+[·•|]\s*+\[[^\]\n]*+\]\([^)\n]*+\))?(?:\s*+[·•|]\s*+[\d:/ -]++)?\s*+", re.I)
# A key to the notes' own colours or marks (“- 🟨 yellow: main claim”, “- 红色：没懂”): three or more items, each a colour.
COLOUR_TERM = re.compile(r"\s*+(?:[\U0001F7E0-\U0001F7EB\u2B1B\u2B1C🔴🟠🟡🟢🔵🟣⚪⚫]\ufe0f?\s*+)?(?:\*\*)?(?:yellow|green|red|blue|purple|"
                         r"orange|pink|grey|gray|black|white|黄色?|绿色?|红色?|蓝色?|紫色?|橙色?|粉色?|灰色?)(?:\*\*)?\s*+", re.I)


KEY_LEAD = re.compile(r"\bcolou?r[- ]?(?:key|code|legend)s? \(?(?:same |used )?(?:in|for) my\b|\bcolou?r key\b|\blegend\b|"
                      r"\bmy (?:colou?rs|highlights?|marks)\b|\bhighlight(?:s|ing)? (?:key|colou?rs)\b|图例|(?:颜色|高亮|标注|记号)(?:的)?(?:说明|含义)",
                      re.I)
# What a note's own colour stands for (“main claim / remember this”, “don't buy it”, “没懂”, “重点”).
NOTE_TAKING = re.compile(r"claim|remember|definition|equation|disagree|don'?t buy|confus|check|follow[- ]?up|to-?do|important|"
                         r"question|implement|reference|重点|没懂|不懂|疑问|待查|定义|结论|存疑|不同意|公式|回头", re.I)


def _solved_examples(root: Section) -> set[int]:
    """The ids of the sections that answer the worked example right before them (“### 例题（2007 数一）” then
    “### 答案”), with the parts under them (“#### 第二问”); an answer key of a test of its own (“## 参考答案” after
    “## 五、数理统计”) is none."""
    solved: set[int] = set()
    for _, section in iter_sections(root):
        for before, after in zip(section.sections, section.sections[1:]):
            if ANSWER_SECTION.fullmatch(SECTION_NUMBER.sub("", after.title)) and WORKED_HEADING.search(before.title):
                solved.update(id(part) for _, part in iter_sections(after))
    return solved


def _colour_keys(outline: Outline) -> set[int]:
    """The lines of a list that keys the notes' own colours (three items or more, each labelled by a colour: “- 🟨
    yellow: main claim / remember this”, “- 红色：没懂”); a list of pigments or of flags' colours says more than a word
    or two a colour."""
    lines: set[int] = set()
    for _, section in iter_sections(outline.root):
        for i, block in enumerate(section.blocks):
            if block.kind != "list" or len(block.items) < 3 or not (
                    i and section.blocks[i - 1].kind == "paragraph" and KEY_LEAD.search(section.blocks[i - 1].text)):
                continue  # (under a line that says it is a key: “Colour key (same in my whole library):”, “颜色说明：”)
            labels = [split_label(it.text.strip()) for it in block.items]
            if all(label and label[1] and COLOUR_TERM.fullmatch(label[0]) and len(label[1]) <= 60 for label in labels) \
                    and 2 * sum(bool(NOTE_TAKING.search(label[1])) for label in labels) >= len(labels):
                lines |= {it.source.line for it in block.items}
    return lines


BUG_WORDS = re.compile(r"\bbugs?\b|\bbuggy\b|\bmistakes?\b|\bwrong\b|\bbroken\b|\bspot the\b|错误|有错|报错|bug", re.I)
# What a “spot the bug” entry says under its code: what one sees, the fix, and why (“**Symptom:** …”, “**Fix:** …”, “**Why:**
# …”; “**现象**：”, “**修复**：”, “**原因**：”).
_BUG_LABEL = r"\s*+(?:\*\*)?(?:{})\s*+(?:\*\*)?\s*+[:：](?:\*\*)?"
BUG_SYMPTOM = re.compile(_BUG_LABEL.format(r"symptoms?|what you see|(?:the )?error(?: message)?|现象|症状|表现|报错(?:信息)?|"
                                            r"错误信息"), re.I)
BUG_FIX = re.compile(_BUG_LABEL.format(r"(?:the )?fix(?:ed)?|solution|correction|修复|改法|解决(?:办法|方法)?|正确写法|修正"), re.I)
BUG_WHY = re.compile(_BUG_LABEL.format(r"why|(?:root )?cause|原因|为什么"), re.I)
# A fix by its own name (“**Fix:**”, “修复：”), not a solution or a correction of anything.
FIX_LABEL = re.compile(_BUG_LABEL.format(r"(?:the )?fix(?:ed)?|修复|改法"), re.I)


# The fields of a paper review (OpenReview's, a journal's, 审稿意见): a summary of the paper, then the reviewer's verdict.
REVIEW_FIELD = re.compile(r"(?:paper )?summary|(?:summary of )?strengths?(?: and weaknesses)?|weakness(?:es)?|"
                          r"questions?(?: (?:for|to) (?:the )?authors?)?|(?:overall )?(?:rating|score|recommendation)|"
                          r"confidence|soundness|presentation|contribution|limitations|decision|(?:major|minor) "
                          r"(?:issues|comments|concerns|points)|clarity|originality|significance|quality|"
                          r"论文(?:概述|总结|摘要)|概述|总结|优点|缺点|不足|主要问题|问题|给作者的问题|评分|总体评价|置信度|推荐意见|建议",
                          re.I)
# (the verdict: what the reviewer judges; the paper's summary is the paper's)
REVIEW_VERDICT = re.compile(r"strengths?(?: and weaknesses)?|weakness(?:es)?|questions?(?: (?:for|to) (?:the )?authors?)?|"
                            r"(?:overall )?(?:rating|score|recommendation)|confidence|soundness|presentation|contribution|"
                            r"decision|(?:major|minor) (?:issues|comments|concerns|points)|clarity|originality|significance|"
                            r"优点|缺点|不足|主要问题|给作者的问题|评分|总体评价|置信度|推荐意见", re.I)
PAPER_SIGN = re.compile(r"\b(?:papers?|submissions?|manuscripts?|authors?|openreview|preprint|arxiv)\b|论文|审稿|投稿|稿件|作者",
                        re.I)
REVIEW_SCORE = re.compile(r"(?:overall )?(?:rating|score|recommendation)|confidence|decision|评分|置信度|推荐意见", re.I)


def _review_verdicts(outline: Outline) -> set[int]:
    """The sections (by id) of a paper review's verdict: on a page whose headings are a review's fields, three or more,
    with both its strengths and weaknesses (“优点”, “缺点”) and a score (“Rating”, “Confidence”, “评分”), the sections
    that judge the paper (a study note's “### Weaknesses” of a method, with no rating beside it, keeps its cards)."""
    fields = {}
    for path, section in iter_sections(outline.root):
        if path:
            name = SECTION_NUMBER.sub("", HEADING_ASIDE.sub("", section.title)).strip().rstrip(":：")
            if REVIEW_FIELD.fullmatch(name):
                fields[id(section)] = name.casefold()
    names = set(fields.values())
    # (of a paper: said in the title or a heading, “Questions for authors”, “论文…”; a film's or a patient's scale is not)
    if not any(PAPER_SIGN.search(title) for title in (outline.title, *fields.values())):
        return set()
    if len(names) < 3 or not any(REVIEW_SCORE.fullmatch(n) for n in names) \
            or not any(re.search(r"strength|优点", n) for n in names) or not any(re.search(r"weakness|缺点|不足", n) for n in names):
        return set()
    # (and what is under them: “## Weaknesses” over “### W1 Overhead”)
    return {id(sub) for _, section in iter_sections(outline.root) if id(section) in fields
            and REVIEW_VERDICT.fullmatch(fields[id(section)]) for _, sub in iter_sections(section)}


def _shows_an_example(ctx: _Ctx) -> bool:
    """Whether the sections show an example on the board or do a problem again (:data:`EXAMPLE_AGAIN`)."""
    return any(EXAMPLE_AGAIN.search(h) for h in (*ctx.deck[1:], *ctx.labels))


def _works_an_example(ctx: _Ctx) -> bool:
    """Whether the sections work an example or a homework problem through (“A worked example by
    hand”; “作业 3 / Problem 1 / 1c.”), so what they say is that example's working, not facts."""
    headings = [*ctx.deck[1:], *ctx.labels]  # the sections, not the file's title
    return any(WORKED_HEADING.search(h) for h in headings) \
        or any(HOMEWORK_PART.match(h) for h in headings) and any(HOMEWORK.search(h) for h in ctx.deck)


# A heading of an exercise or an exam's problem (“习题 3：感受野”, “第 4 题”, “Problem 2”).
EXERCISE_HEADING = re.compile(r"^\s*(?:[\d.]+\s*)?(?:课后)?(?:习题|练习|作业|思考题|例题|大题)(?:\s*[\d一二三四五六七八九十]|\s*[:：]|\s*$)|"
                              r"第\s*[\d一二三四五六七八九十]+\s*题|^\s*(?:exercise|problem|homework|hw)\s*\d", re.I)


def _worked_data(desc: str, ctx: _Ctx) -> bool:
    """In notes whose title says they work an example by hand (“BPE vs WordPiece — worked by hand”), an answer that is
    that example's data: numbers, the example's own tokens or a list of them, with hardly a word (“**17**”,
    “t 7, e 7, b 4”, “**[ea, ##t]**”); a rule stated there (“split into chars, then apply the merges in the order
    learned”) is one."""
    if not WORKED_TITLE.search(ctx.deck[0]) or MEASURE.search(desc):
        return False  # (a recipe's “62–65%”, “24 °C”, “2 h”: the amounts to remember, by hand or not)
    bare = re.sub(r"`[^`\n]*`|\$[^$\n]*\$|\[[^\[\]\n]*\]", " ", desc)
    words = re.findall(r"[A-Za-z]{2,}|[\u4e00-\u9fff]{2,}", bare)
    # (a name beside the number, “30000 in BERT”, says what holds beyond the example)
    return len(words) <= 3 and bool(re.search(r"\d", bare) or re.search(r"`|\[", desc)) \
        and not any(w[0].isupper() for w in words)


# A title that says the notes work an example through by hand (“BPE vs WordPiece — worked by hand”, “手算 GCN”; not a
# paper's “Highlights”).
# (“手推公式”: derivations by hand, in symbols)
WORKED_TITLE = re.compile(r"\bby hand\b|\bworked[- ](?:out|through|examples?)\b|\b(?:numerical|toy) example|手算|"
                          r"(?<![\u4e00-\u9fff])手[计計]|算例|计算实例|數值例子|数值例子", re.I)
# A quantity with its unit, a share or a range (“62–65%”, “24 °C”, “2 h”, “450 ℃”, “1–2 tsp”).
MEASURE = re.compile(r"%|°|℃|\d\s*+[-–~]\s*+\d|\d\s*+(?:[kmµμ]?(?:g|l|m|s|Hz|Pa|J|W|V|A)|min|h|hrs?|K|atm|tsp|tbsp|cups?|"
                     r"ml|mL|kg|mg|cm|mm|km|℃|小时|分钟|克|千克|毫升|升|米|厘米)\b")


def _exercise_arithmetic(term: str, desc: str, ctx: _Ctx) -> bool:
    """Numbers worked out under an exercise (“第1层：$1 + 2 = 3$”, “普通：$3\\cdot3\\cdot64 = 576$”): that
    exercise's working, under a short label (a value alone, “Derivative of tanh at 0: $1$”, and a sum a
    long name states, “两层 3×3 卷积的感受野：$3 + 2 = 5$”, may be facts)."""
    plain = re.sub(r"\\(?:cdot|times|div)", "*", re.sub(r"\\[,;]|\\quad|[$\s{}]", "", desc))
    # (and what it is carried on to: “$32/2 = 16$ → $16\times16\times16$”)
    return bool(re.fullmatch(r"[\d.,()]+(?:[-+*/×·÷^][\d.,()]+)+=[\d.,()]+(?:(?:→|->|⇒|=)[\d.,()]+(?:[-+*/×·÷^][\d.,()]+)*)*",
                             plain)) and len(term) <= 8 \
        and any(EXERCISE_HEADING.search(h) for h in (*ctx.deck[1:], *ctx.labels))


def _facet_list(block: Block) -> bool:
    """A list of points most of which are labelled facets (“- 优点：…”, “- 缺点：…”, “- Pros: …”), two or
    more (a remark among them, “- 面试官追问过…”, goes with them)."""
    labels = [split_label(it.text) for it in block.items if it.text.strip()]
    facets = sum(bool(label and FACET.fullmatch(label[0].strip())) for label in labels)
    return facets >= 2 and facets * 2 > len(labels)


def _one_of_an_example(term: str, desc: str) -> bool:
    """“(c) mode”: one part of an exercise; “例 指数分布 f = λe^{-λx}”: a worked example's title;
    “Bag 1” over “4 red, 6 green. Bag 2: 7 red”: one of the numbered things an example sets up,
    its numbers beside it."""
    if EXERCISE_PART.match(term) or EXAMPLE_TITLE.match(term):
        return True
    # (“Bag 1” beside “Bag 2”; not “GPT-4”, “β2”, nor a year, “VGG 2014” beside “VGG16”)
    numbered = re.fullmatch(r"(.*\w)\s+(\d{1,2})", term.strip())
    return bool(numbered) and any(other != numbered.group(2) for other in
                                  re.findall(re.escape(numbered.group(1)) + r"\s+(\d{1,2})\b", desc))


EXERCISE_PART = re.compile(r"\s*[(（][a-h][)）]\s")
# A worked example's title, which the term of a list item can be (“例 指数分布”, “Example 2: …”).
EXAMPLE_TITLE = re.compile(r"\s*(?:例|例题|example|e\.g\.)\s*\d*(?:\.\d+)*[\s:：]", re.I)


def _bare(title: str) -> str:
    """A heading without its marks around it (“🤝 Contributing”, “**作业**：”)."""
    return PAREN_TAIL.sub("", TRAILING_MARKS.sub("", LEADING_MARKS.sub("", title))).strip(" *:：")


LEADING_MARKS = re.compile(r"^[\s⭐★☆✨❗❓\u2600-\u27bf\U0001F300-\U0001FAFF]+")


# A question's number before it, after the arrow of a follow-up (“↳↳ Q0.3.1 ”, “Q12 ”).
QUESTION_NUMBER = re.compile(r"^[\s↳⤷➥→]*(?:(?:Q|问)\s*\d+(?:\.\d+)*\s*[:：.、]?\s*)?")


def _answers_its_heading(section: Section) -> bool:
    """A heading that asks (“## Why clip gradients?”) over a paragraph that answers it: not an exercise's or a
    worksheet part's (“第 2 题 … 是否无偏？”, “Part C — where does the norm go?”), whose paragraph states the
    task; not one about the course or oneself (“When is the midterm?”, “这章考不考？”), nor one that names no
    subject (“Why?”, “What's next?”); not where headings under it answer (the paragraph only leads into them), nor
    where the paragraph asks back, is about the text or one's own grasp of it, only points elsewhere, says too
    little, or shows only a picture or a mark (“What is `x.grad` now and why?”, “本节引入随机变量的概念”,
    “这个我还没完全搞懂”, “见第 5 讲的 slides。”, “Three steps.”, “![axes](…)”, “**Q8.**”)."""
    title, text = section.title, section.blocks[0].text.strip()
    asked = QUESTION_NUMBER.sub("", SECTION_NUMBER.sub("", title))  # (“↳ Q0.7 Should you…”: the question itself)
    words = _word_count(text)
    return not (EXERCISE_HEADING.search(title) or WORKSHEET_PART.match(title) or COURSE_QUESTION.search(title)
                or NUMBERED_TASK.match(title) or LEADS_IN.match(text) or LEADS_IN_LATER.search(_first_sentence(text))
                or CJK.search(title) is None and not set(re.findall(r"[a-z]+", title.casefold())) - NO_SUBJECT_WORDS
                or _personal_question(asked) or DATE_OR_LINK.search(asked)
                or _says_no_subject(TRAILING_MARKS.sub("", asked).strip())
                or section.sections and (words < 6 or re.search(r"\b(?:I|we)\b|我", text))  # (“Three steps.”, “so I split it up”)
                or QUESTION_END.search(text) or words < 4
                or SELF_REFERENCE.search(text[:40]) or ABOUT_THE_TEXT.match(text) or OWN_GRASP.search(text) or OWN_VOICE.match(text)
                or NO_ANSWER.match(text) or _only_cites(text)
                or re.fullmatch(r"(?:!\[[^\]]*\]\([^)]*\)\s*)+|\*\*[^*]+\*\*", text))


def _faq_sections(outline: Outline) -> set[int]:
    """The sections (by id) whose heading asks, three or more of them, at least half the headings of the page or
    of their siblings (“## Why clip gradients?”, “## Is Adam always better than SGD?”, …): a page of questions and
    their answers. (A question among headings that do not ask, “## Where does the energy go?” between “## Kinetic
    energy” and “## Potential energy”, is the text's own.)"""
    def asks(section: Section) -> bool:
        title = TRAILING_MARKS.sub("", HEADING_ASIDE.sub("", section.title))
        return bool(QUESTION_END.search(title) or ASKING_HEADING.search(SECTION_NUMBER.sub("", title))) \
            and not FACET_HEADING.fullmatch(title.strip(" ?？"))  # (“### What” under “## Adam”: a facet of it)

    headings = [section for path, section in iter_sections(outline.root) if path]
    asking = [section for section in headings if asks(section)]
    if len(asking) >= 3 and 2 * len(asking) >= len(headings):
        return {id(section) for section in asking}
    out: set[int] = set()
    for _, section in iter_sections(outline.root):
        kids = [k for k in section.sections if asks(k)]
        if len(kids) >= 3 and 2 * len(kids) >= len(section.sections):
            out |= {id(k) for k in kids}
    return out


# An exercise, an example or an exam's question by its number (“Question 4: …”, “Example 3.2 — …”, “例 2 …”,
# “问题1：…” over the chapter's working); not an interview list's “Q5 …”, a number only.
NUMBERED_TASK = re.compile(r"\s*(?:question|example|ex\.?|exercise|problem|task|例题?|题|问题)\s*[\d.]+", re.I)
# A paragraph that only leads into the answer: a set-up, a count of what follows, the first of several
# (“Consider a ball rolling…”, “There are three main reasons.”, “这个问题可以从两个角度来理解。”, “首先，…”).
LEADS_IN = re.compile(r"\s*(?:consider|think (?:about|of)|imagine|suppose|recall (?:that|what|how)|let'?s|let us|surprisingly|"
                      r"first(?:ly)?,|"
                      r"(?:there|here) are \w+ (?:main |key |big )?(?:reasons?|ways?|steps?|parts?|things?|points?|answers?)|"
                      r"(?:two|three|four|several|a few) (?:separate |different |main |big )?(?:things|reasons|problems|issues|"
                      r"causes|parts|steps)\b|"
                      r"(?:this|it|that) (?:depends|varies)|it'?s complicated|(?:good|great|fair) (?:question|point)|好问题|看情况|视情况|"
                      r".{0,60}\bfor (?:a|one) (?:good|simple) reason\b|"
                      # (someone's view, reported: “Maria thought it was…”, “学姐说她三月开始看数学”)
                      r"[^.。!?！？]{0,40}?\b(?:thought|thinks|argued|argues|said|says|felt|believes|believed|suggested|"
                      r"disagreed|recommended|recommends)\b|[^。！？]{0,12}?(?:她|他|学姐|学长|师兄|师姐|同学|老师)(?:说|推荐|觉得|认为)|"
                      r"假设|考虑|想象|设想|回忆一下|我们先|先来|先看|首先|第一[，,、：:]|其一|"
                      r"(?:主要|大概|一共)?有[两二三四五六七八九十几\d]+(?:个|点|种|条|方面)|(?:可以)?从[两二三四五\d]+个(?:角度|方面))", re.I)
# A question about someone, or about what happened (“What am I grateful for?”, “Where did we stay?”, “Why use it?”,
# “What went well?”, “她为什么…”): a journal's, a trip's, a meeting's; or one whose subject is in the heading above.
PERSONAL_QUESTION = re.compile(r"\b(?:we|us|our|he|she|him|her|his|they|them|their|it|its)\b|\bthis\??$|"
                               r"\bwhat (?:happened|went|did)\b|\bhow did\b|\b(?:go|goes|went|going) well\b|"
                               r"\b(?:the|my|our|a) plan\b|\bwhen is the next\b|"
                               r"^\s*who\b(?! (?:proposed|invented|introduced|discovered|coined|developed|designed|created|wrote|first))|"
                               r"[我你他她它]|计划|安排", re.I)


def _personal_question(title: str) -> bool:
    """A question about someone or what happened (PERSONAL_QUESTION); “I” and “you” too, unless the question names
    a technical thing (“Should you decay γ and β?”, “Should I use DDP or FSDP?”, “Why do I need `set_epoch`?”; not
    “What motivates you?”, “Can I drive?”, “What am I grateful for?”)."""
    how_to = re.sub(r"\bhow (?:do|can|should|would) (?:i|you)\b", "how", title, flags=re.I)  # (“How do I freeze a layer?”)
    return bool(PERSONAL_QUESTION.search(how_to)) or re.search(r"\b(?:i|me|my|mine|you|your|yourself)\b", how_to, re.I) is not None \
        and not re.search(r"[`$]|\b[A-Z]{2,}|\b\w*[a-z][A-Z]\w*|[^\x00-\x7f‘’“”—–…]", how_to)
# A paragraph that leads in further into its first sentence (“这个问题可以从两个角度来理解。”), or agrees with what
# was said before it (“没错，这两个都是充要条件。”, “Yes, these two…”).
LEADS_IN_LATER = re.compile(r"(?:可以)?从[两二三四五\d]+个(?:角度|方面)|(?:主要|一共)有[两二三四五六七八九十几\d]+(?:个|点|种|条)|"
                            r"^(?:没错|对|是的|yes|right)[，,.!！]?\s*(?:这|那|these|those|both)", re.I)


def _word_count(text: str) -> int:
    """Words of a text, a Chinese character counting as one and a formula as one."""
    return len(re.findall(r"[A-Za-z]+|[\u4e00-\u9fff]|\$[^$]+\$", text))


def _first_sentence(text: str) -> str:
    text = text.strip()
    bounds = _sentences(text)
    return text[slice(*bounds[0])] if bounds else text


# A question about the course or the exam, or about oneself (“When is the midterm?”, “What should I bring?”,
# “这章考不考？”, “你最近读的一篇论文是什么？”).
COURSE_QUESTION = re.compile(r"\b(?:exams?|midterms?|final exams?|quiz(?:zes)?|office hours?|bring|deadlines?|due date|grades?|"
                             r"homework|assignments?|syllabus)\b|考试|考不考|会考|期中|期末|作业|截止|答疑|带什么|"
                             r"你(?:最近|自己|平时|当时|那时)|\byour (?:recent|favou?rite|last)\b|\b(?:did|were|was) you\b|"
                             r"what'?s next|what (?:is|comes) next|next time|下节课|下次课?|接下来(?:讲|学)|"
                             # (an exam's, a meeting's, an interview's: “这一章重要吗？”, “Should we move to Kafka?”,
                             # “What's your biggest weakness?”; the text's own: “Who is this for?”)
                             r"重要吗|重点|这题|这道题|老师|\b(?:should|shall|can|do) we\b|我们(?:要不要|该不该|是否)|要不要|"
                             r"\bdo you (?:want|like|prefer|think)\b|\byour (?:biggest|greatest|main|favou?rite|strengths?|weakness(?:es)?)\b|"
                             r"\bwho (?:is|'s) this for\b|\bwhat (?:will|you'?ll) you learn\b|\bwhat'?s in this\b|^\s*ready\b|"
                             r"本文|这篇|本笔记|\bhave you ever\b|你有没有想过|"
                             # (the state of a team or a day: “Who owns the rota now?”, “Why did Friday's deploy fail?”)
                             r"\b(?:today|yesterday|tomorrow|this (?:week|sprint|quarter)|"
                             r"(?:mon|tues|wednes|thurs|fri|satur|sun)day'?s?)\b|目前|现在|今天|昨天|本周|这周", re.I)
# The words of a question that name no subject (“What happened?”, “So what?”, “Is it worth it?”, “Questions?”).
NO_SUBJECT_WORDS = {"what", "why", "how", "who", "when", "where", "which", "is", "are", "was", "were", "it", "its", "this",
                    "that", "these", "those", "so", "do", "does", "did", "we", "you", "i", "happened", "happens", "change",
                    "changed", "worth", "next", "the", "a", "an", "question", "questions", "ready", "then", "now", "else",
                    "about", "ever", "have", "has", "any", "more", "there", "again", "really", "actually", "s", "matter",
                    "matters", "mean", "means", "wrong", "right", "go", "went", "work", "works", "all", "to"}
# An answer about oneself (“It took me a whole evening…”, “I think…”, “我当时…”).
OWN_VOICE = re.compile(r"\s*(?:I\b|I'(?:m|ve|d|ll)\b|(?i:my|it took me)\b|我(?!们|国|方))")
# One's own grasp of what the text says (“这个我还没完全搞懂，先记一下。”, “I'm still fuzzy on this”).
OWN_GRASP = re.compile(r"(?:还)?没(?:完全|太|怎么)?(?:搞|弄|看|想)?(?:懂|明白|清楚)|不太懂|还不懂|"
                       r"\b(?:still (?:fuzzy|confused|unsure)|not sure|don'?t (?:fully |really )?(?:get|understand))\b", re.I)


# The most lines of code an answer may show after the words that open it (“用 `no_sync()`：” over the loop).
MAX_SHOWN_CODE = 15


def _only_opens(text: str) -> bool:
    """An answer that ends on a colon and says little before it (“没有标准答案。经验：”), or points at a table
    (“抄的 Table 5(WikiSQL / MNLI acc):”): what it opens is the answer; not “用 `torch.autograd.grad` 配
    `create_graph=True`，让求出的梯度本身也带计算图：” over the code."""
    bare = strip_math(text).strip()
    bounds = _sentences(bare)
    last = bare[slice(*bounds[-1])] if bounds else bare
    return _word_count(bare) < 10 or re.search(r"\btable\b|\bbelow\b|\bfollowing\b|下表|如下|见下", last, re.I) is not None


# A reply's first word before a colon (“Usually no: …”, “Yes: keep an EMA…”, “不会：…”): the answer begins, no term.
REPLY_WORD = re.compile(r"(?:(?:usually|mostly|mainly|generally|almost always|not always|partly|basically)\s*,?\s*)?"
                        r"(?:yes|no|not really|not quite|almost|close|nearly|partly|both|neither|it depends|right|correct|exactly|"
                        r"casi|presque|sí|oui|ja|nein)|(?:一般|通常|基本)?(?:是的?|不是|对|不对|会|不会|"
                        r"可以|不可以|不行|要|不要|需要|不需要|不一定|差不多|接近了?)", re.I)
# A worksheet's or an exam's part (“Part B — what does this print?”, “第二部分：…”).
WORKSHEET_PART = re.compile(r"\s*(?:part\s+(?:[A-Z]|\d+|[IVX]+)\b|第\s*[一二三四五六七八九十\d]+\s*部分)", re.I)


def _asked(title: str) -> str:
    """A heading as the question it asks: without “Q:” and the marks after it (“⭐⭐”)."""
    qa = QA_HEADING.match(title)
    return TRAILING_MARKS.sub("", qa.group("q") if qa else title)


# “\tag{5}”, “\label{eq:loss}” in a formula.
EQUATION_NUMBER = re.compile(r"\s*\\(?:tag\*?|label)\{[^{}]*\}")
# Marks after a heading's words (“有什么区别 ⭐”, “… 🔥🔥”): how often it came up, not the question.
# (and tally marks, “✅ ||||”: how often one got it wrong)
TRAILING_MARKS = re.compile(r"(?<![\s⭐★☆✨❗❓\u2600-\u27bf\U0001F300-\U0001FAFF|])"  # (tried once per run of marks)
                            r"(?:[\s⭐★☆✨❗❓\u2600-\u27bf\U0001F300-\U0001FAFF]|(?<=\s)\|+|(?<=[?？])[(（][!！]+[)）]|(?<=[?？]\s)[(（][!！]+[)）])+$")


# A task-list item (“[ ] read ch. 7”, “[x] …”): something to do; and one done.
DONE_TASK = re.compile(r"\s*(?:\[[xX]\]|DONE(?=\s))\s")
TASK_ITEM = re.compile(r"\s*(?:\[[ xX]\]|(?:TODO|LATER|NOW|DOING|DONE|WAITING|CANCEL+ED)(?=\s))\s")  # (and Logseq's)
# A heading that asks which to choose (“怎么选”, “Which loss to use”): its terms are the cases.
CHOOSING = re.compile(r"怎么选|如何选|选哪个|用哪个|怎么挑|\bwhich\b.*\b(?:to use|to choose|to pick)\b|"
                      r"\bhow to (?:choose|pick)\b|\bwhen to use\b|\bchoosing\b", re.I)
# A heading that says it compares without saying what (“比较 (50:00)”, “Comparison”).
BARE_COMPARISON = re.compile(r"\s*(?:比较|对比|区别|差异|异同|comparisons?|compare|differences?)\s*[:：]?\s*", re.I)
# A term that names a side of the concept its section is about (“**缺点**：…” under MSE,
# “**Used for**: …”, “**problem**: …”): asked as that side of the concept.
FACET = re.compile(
    r"(?:缺点|优点|优缺点|特点|用途|作用|用法|问题|局限性?|限制|好处|坏处|适用场景|应用场景|默认值|定义|算法|代价|"
    r"definition|algorithm|cost|症状|现象|symptoms?|(?:基本|主要|核心)?思想|定理|求解|解法|规则|法则|rules?|"
    r"(?:充分|必要|充要)条件|(?:做题|解题|计算)?步骤|流程|(?:解决)?方案|steps|procedure|"
    r"(?:used|needed|good) for|use cases?|pros|cons|advantages?|disadvantages?|drawbacks?|downsides?|"
    r"problems?|issues?|limitations?|defaults?|purpose|benefits?|本质|essence|history|历史|"
    # what a wrong statement should have said (“正确版本”, under a statement that is false)
    r"正确(?:的)?(?:版本|说法|结论|写法)|correct(?:ed)? (?:version|statement))", re.I)
# What one sees of a problem (“**Symptom:**”, “**现象**：”), and the words of what one sees (“nan”, “hangs”, “报错”).
SYMPTOM = re.compile(r"症状|现象|symptoms?", re.I)
OBSERVED = re.compile(r"\b(?:nan|inf|spikes?|hangs?|hanging|killed|errors?|crash(?:es)?|stuck|slow|freez\w*|oom|"
                              r"out of memory|low (?:gpu )?utili[sz]ation)\b|报错|卡住|卡死|不降|不收敛|不下降|爆显存|变慢|很慢|崩溃|挂了|"
                              r"利用率(?:低|只有|很低)", re.I)
# A label that says a thing plainly (“**人话**：…”, “ELI5: …”, “In plain English:”): what it is, plainly put.
PLAIN_WORDS = re.compile(r"(?:说)?人话|大白话|通俗(?:地说|来说|来讲|理解|解释|版|说法)?|白话版?|eli5|"
                         r"in plain (?:english|words)|plain english", re.I)
# A label that sums a thing up in a line (“**TL;DR:**”, “**一句话总结**：”, “In one sentence:”).
# (“一句话：” alone, after a comparison or a timeline, says what it comes to: no definition)
IN_SHORT = re.compile(r"tl\s*;\s*dr|in (?:one|a) (?:sentence|line|nutshell)|一句话(?:总结|概括|定义|解释)|简而言之",
                      re.I)
# A word that says something (two letters or more, no function word), or a run of Chinese characters.
CONTENT_WORD = re.compile(r"(?!(?:the|and|for|with|from|after|before|then|than|this|that|are|was|its|not|but|is|"
                          r"of|in|on|to|at|by|or|as|it|an)\b)"
                          r"[a-z]{2,}|[\u4e00-\u9fff]{3,}")


def _words_of(text: str) -> set[str]:
    """Its words by their first five letters (“spike”, “spikes”), and its runs of Chinese characters by
    three in a row (“显存一直在涨” and “显存一直涨” share “显存一”)."""
    found = CONTENT_WORD.findall(strip_math(text).casefold())
    return {w[:5] for w in found if w.isascii()} | {w[i:i + 3] for w in found if not w.isascii()
                                                      for i in range(len(w) - 2)}


def _only_what_one_sees(heading: str, symptom: str) -> bool:
    """Whether a heading names a problem only by what one sees of it, all of which its symptom says again
    (“Loss is nan / inf” over “loss prints nan …”, “CUDA out of memory” over “CUDA out of memory. Tried …”);
    one that names a cause (“Exploding gradients → NaN loss”, “Overfitting: validation error goes up”) does not."""
    seen = OBSERVED.findall(heading)
    return bool(seen) and _words_of(heading) - _words_of(" ".join(seen)) <= _words_of(symptom)
# A label for what matters in practice (“Practical:”, “In practice:”, “Important detail:”, “实践中：”).
PRACTICE = re.compile(r"practical(?: (?:tips?|notes?|points?))?|in practice|(?:an? |one )?important (?:details?|points?)|"
                      r"实践中|实际使用中?|实用(?:技巧|要点)?", re.I)
# A line that introduces a list of works or links (“References I'm diffing against:”, “参考：”, “Links:”).
REFERENCES_LEAD = re.compile(r"\s*(?:\*\*)?\s*(?:(?:references?|参考(?:资料|文献|链接)?|相关链接|延伸阅读|扩展阅读|推荐阅读)"
                             r"(?:\s+[^:：\n]{1,40})?|links?)\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*", re.I)
# A link, or a paper cited by its arXiv number or its authors (“[arXiv:1706.03762](…)”, “Caron et al., 2021”).
LINKED = re.compile(r"https?://|\]\(|\barxiv\b|\bet al\.", re.I)
# A number measured, with its unit (“~38 ms”, “13.5 GB”, “1.6×”, “97.9%”, “120 it/s”).
# (a before and an after, “FP32 ~38 ms → INT8 ~14 ms”: a spec, “A100 显存：80 GB”, or a claim, is no run's)
_UNIT = r"\d(?:[\d.,]*\d)?\s*(?:ms|s\b|sec|min\b|h\b|[KMGT]i?B\b|%|×|x\b|it/s|tok(?:ens)?/s|fps|秒|分钟|小时)"
MEASURED = re.compile(_UNIT, re.I)
BEFORE_AFTER = re.compile(r"\b(?:before|after)\s*(?:the fix(?:es)?\s*)?[:：]|修改前|修改后|改前|改后|优化前|优化后", re.I)
# A label of what a run came to (“**Speedup**: 41 → 11.5 min/epoch”, “**Result after the fixes**: 86.9% val”).
RESULT_LABEL = re.compile(r"(?:(?:final|my|our)\s+)?(?:results?|speed-?ups?)(?:\s+(?:after|before|with|of|on)\b.*)?|"
                          r"(?:实验|最终|实测|我的)?(?:结果|效果)|加速比?", re.I)
FIXED_LABEL = re.compile(r"(?:修|改)(?:完|好)(?:之)?后|修复(?:之)?后|after (?:the )?fix(?:es)?", re.I)
# A word that ends in 是 (“于是”, “但是”, “实事求是”): a word, not a sentence that stops before its answer.
SHI_WORD = re.compile(r"(?:于|凡|要|若|总|还|但|可|就|或|不|只|正|便|即|乃|也|亦|都|皆|倒|硬|老|真|像|算|而|可能|而不|并不|也不|还不|都不)是|"
                      r"实事求是|莫衷一是|自以为是|各行其是|比比皆是|俯拾皆是")
# A heading that numbers one of one's own incidents (“Chain 1：loss 突然变 nan”, “Bug #3: training hangs”).
INCIDENT = re.compile(r"\s*(?:chain|bug|翻车)\s*#?\s*\d+\b", re.I)
# One's own issue by its tracker's id (“KI-001 — Cross-entropy on softmax output”, “BUG-12: …”, “Issue #7”), with its
# status under it (“**Status:** 🟢 Fixed”): what was seen that time is its log; its cause, fix and lesson are what to learn
# (“COVID-19 — …”, “CVE-2021-44228 — Log4Shell” have no status: what one sees of them is a fact).
STATUS_LINE = re.compile(r"^[\s>*+-]*+(?:\*\*)?(?:status|状态|狀態)(?:\*\*)?\s*+[:：]", re.I | re.M)


def _has_status(blocks: list[Block]) -> bool:
    return any(STATUS_LINE.search(b.text if b.kind == "paragraph" else "\n".join(it.text for it in b.items)) for b in blocks
               if b.kind in ("paragraph", "list"))


ISSUE_ID = re.compile(r"\s*(?:(?-i:[A-Z]{1,5})-\d{2,5}\b|(?:issue|ticket)\s*#?\d+\b)\s*(?:[—–:：-]|$)", re.I)
MEASURED_VALUE = re.compile(rf"{_UNIT}.{{0,30}}?(?:→|->|=>|\bvs\.?|对比)\s*.{{0,30}}?{_UNIT}", re.I)
# Values of several runs side by side (“0.585 / 0.350 / 0.090”, “71.2% / 70.8% / 71.5%”), under words that say they are
# runs or seeds (a handout's “pKa: 2.15 / 7.20 / 12.35”, “RK4 weights: 1/6 / 1/3 / 1/3 / 1/6” are facts).
RUN_SERIES = re.compile(r"\s*+[-+]?\d*+\.\d++%?(?:\s*+/\s*+[-+]?\d*+\.\d++%?){2,}")
SEEDS = re.compile(r"\bseeds?\b|\bruns?\b|\breruns?\b|\btrials?\b|种子|随机种子|重跑|跑了\s*\d", re.I)
# A log's break (“**Break**: made coffee”), in two sections or more (once, in a glossary, Python's is a term).
LOG_BREAK = re.compile(r"breaks?", re.I)
# A heading named by a time or a bucket, not a subject (“第 3 周 周报”, “Misc”, “杂记”, “Week 3 log”).
NO_SUBJECT = re.compile(r"周报|日报|月报|日志|日记|随记|杂记|杂项|其[他它]|(?<![-\w])(?:misc\w*|log|diary|journal|other)(?![-\w])|"
                        r"第\s*[\d一二三四五六七八九十]+\s*[周天]|\b(?:week|day)\s*\d", re.I)
# Python's own decorators, by name.
PYTHON_DECORATORS = frozenset({"property", "staticmethod", "classmethod", "dataclass", "abstractmethod", "wraps", "cache",
                               "lru_cache", "cached_property", "contextmanager", "overload", "override", "total_ordering",
                               "singledispatch", "final"})
# A decorator as code writes it, on a line of its own (“@staticmethod”, “    @torch.no_grad()”).
DECORATOR_LINE = re.compile(r"^[ \t]*@([A-Za-z_][\w]*)", re.M)
# A line that is someone's reply in a chat, by a name no code annotation has (“- @小鹿：…”, “@Kevin_W: …”).
CHAT_MENTION = re.compile(r"\s*(?:[-*+]\s+)?\**@(?:[^\s@:：]*[\u4e00-\u9fff]|[A-Za-z]+[_\d])[^\s@:：]*\**\s*[:：]")
# A line that opens on a handle and a colon (“**@mnair:**”, “- @tchen: nit: …”).
HANDLE_TURN = re.compile(r"\s*(?:[-*+]\s+)?\**@([A-Za-z][\w-]*)\**\s*[:：]")
# What is left of a question without its asking words when it names no subject (“为什么有效？” → “有效”).
ASKING_WORDS = re.compile(r"[\W_]|为什么|为何|怎么|如何|什么|是|吗|呢")
SUBJECTLESS = re.compile(r"(?:有效|可行|可以|这样做?|它|这|重要|必要|合理|对|好|行|能|会|好用|管用)*")
# A numbered exercise that only says where to find it (“第 2 题（见课本 P45）：”, “Q3:”).
ONLY_WHERE = re.compile(r"第\s*\d+\s*题|[(（][^()（）]*[)）]|\b(?:Q|problem|exercise|ex)\s*\d+|[\W\d_]", re.I)
# A heading that is someone's turn in a thread (“**ptr-kovacs** replied on Mar 3”, “3 楼回复”).
THREAD_TURN = re.compile(r"\b(?:replied|wrote|commented)\b|回复|\d+\s*楼", re.I)
# What an exercise's statement starts with (“Implement …”, “Given …”, “Write …”, “实现…”).
TASK_STATEMENT = re.compile(r"(?:^|[.。;；]\s*)(?:implement|write|given|return|design|build|code up|"
                            r"实现|编写|写出|给定)\b", re.I)
# A term that names a step of an argument (“**结果**：…”, “**cause**: …”, “**fix**: …”): the
# result, the cause or the fix of what the text said before it, which the card cannot show.
ARGUMENT_PART = re.compile(r"(?:结果|原因|效果|动机|目的|解决|解决方法|解决办法|结论|假设|更好的(?:办法|做法|解决办法|方法)|"
                           r"(?:better|proper|real|quick|simple|simpler|cleaner|permanent|temporary)\s+"
                           r"(?:fix(?:es)?|solutions?|way|workaround|approach)|"
                           r"results?|causes?|effects?|fix(?:es)?|solutions?|motivation|outcome)", re.I)


# Words that introduce a definition, stronger than naming a symbol in passing (“表示”).
DEFINED_AS = re.compile(r"定义为|定义式|定义是|^\s*定义(?=\s*\$)|称为|(?<!标)记为|记作|"
                        r"(?<![因作认成称])为\s*[“\"「《][^”\"」》\n]{2,24}[”\"」》]|"  # (“$\ell_\epsilon(z)$ 为“ε不敏感损失函数””: a name given)
                        r"\b(?:is defined|defined as|is called)\b|^\s*define\b", re.I)
# A term that points at a part of the text (“注意8.1节最后一段提到”) or reads as a clause
# (“One thing to note”, “You may be curious”) names no concept.
SECTION_REF = re.compile(r"(?<![\d.])\d++(?:\.\d++)+\s*+节|第\s*[\d一二三四五六七八九十]+\s*[节章段行题问页讲课期]|\bsection\s*\d|"
                         r"^\s*+(?-i:[A-Z]{2,6})\s++§?\d++\.\d++\.\d++\s*+$|"  # (“UDL 9.3.1”: a book's section)
                         r"^\s*+\d++(?:\.\d++)+\s*+的|\b(?:line|row|step)\s*\d", re.I)
PROSE_LABEL_ZH = re.compile(r"我们|你|这|那|就|一下|一点|一句|吧|了$|注意|大家|疑问|可能|可以|我|该|此|待办|下一篇|"
                            rf"{UNFINISHED_WORDS}|^\s*(?:→|⇒|->|=>)|老师|助教|课上|课后|下节课|下次课|不考|"
                            # a clause, not a name (“Huber 把两者结合起来”, “所以 [3] 提出了…”, “也不是梯度消失”)
                            r"^(?:和|与|跟|把|被|所以|因此|因为|如果|但是|而且|也)|把|(?<![假学小传演])说|^对\s*(?:\$|[A-Za-z])|"
                            r"\b(?:TODO|FIXME|TBD)\b|"
                            r"(?:表明|理解为|即为|说明|指出|的定义式?)$|"
                            # what holds now, or most (“现在最常用”, “目前最好的”): a clause whose subject is the answer
                            r"^(?:现在|目前|如今|当前|当下|通常|实际上|其实)|最(?:常用|常见|好|重要|流行|主流|多)的?$")
PROSE_LABEL = re.compile(r"^(?:for|in|on|at|with|when|if|after|before|during|by|from|as|via|without|more|most|less|least)\s|"  # “For images”
                         r"^(?:but|and|or|so|also|however|thus|hence|therefore|because|since|although|otherwise|yet|"
                         r"similarly|likewise|moreover|furthermore|conversely|meanwhile|instead|besides|additionally)$|"
                         r"^\s*(?:→|⇒|->|=>)|"  # (“→ so we need attention”: a consequence)
                         r"\b(?:TA|prof|professor|lecturer)\b|\bnext (?:lecture|class|week)\b|"  # (the course, not the subject)
                         r"^(?:think of|imagine|consider|remember|recall|keep in mind|make sure|be careful|don'?t|do not)\b|"
                         r"(?<!Type )\bI\b(?![/-])|\b(?:you|we|they|it|this|that|these|those|one thing|may|might|can|could|will|would|"
                         r"should|let'?s|note|here|more in|see|todo|to-do|fixme|tbd)\b|#|"
                         # (“not at load time. Makes sense”: two sentences, no name; “Gen. Grant”, “Mt. Vernon” one)
                         r"(?-i:\S\s+[A-Za-z][a-z]{2,}\.\s+[A-Z][a-z])|"
                         r"\w-ish\b", re.I)  # (“class-balanced-ish”: a hedged description, not a name)
# A named result just before its formula (“满足马尔可夫细致平稳条件 $$…$$”, “Jensen's inequality:”).
NAMED_RESULT = re.compile(r"(?:条件|公式|定理|引理|不等式|定律|准则|法则|分布|熵|\b(?:condition|theorem|lemma|inequality|law|"
                          r"rule|distribution|entropy))\s*[:：,，]?\s*$", re.I)
# A step of a derivation that cites a known result by its kind just before stating it (“由概率公式
# $P(AB) = P(A|B)P(B)$ 可得”, “进行一阶 Taylor 展开 $$f(x) \approx …$$”, “由矩阵求导的法则”): that result
# holds on its own. Not when the clause leans on the text before (“代入上式”, “所以由公式(3.5)”).
CITED_RESULT = re.compile(r"(?:(?:公式|定理|引理|不等式|定律|恒等式|展开式|(?:Taylor|泰勒|麦克劳林)\s*展开|按[行列]展开|"
                          r"\b(?:formula|theorem|lemma|inequality|identity|(?:Taylor|Maclaurin) expansion))\s*[:：,，]?|"
                          # a rule named as the label of what follows (“链式法则：$H(X,Y) = …$”), not applied (“由链式法则”)
                          r"(?:法则|\brule)\s*[:：])\s*$", re.I)
LEANS_BACK = re.compile(rf"{BACK_WORDS}|前文|式\s*[(（]?\d|第\s*[\d一二三四五六七八九十]+\s*[行步项]|[(（]\d+\.\d+[)）]|"
                        rf"故|进而|我们有|\b(?:{BACK_WORDS_EN}|previous|we (?:have|get|obtain)|it follows)\b", re.I)
# A statement for every case, which holds whatever came before it (“Since for any convex function $f$ it
# holds that …”, “对于任何凸函数 $f$，所有 $x$ 和 $y$ 都满足 …”).
UNIVERSAL = re.compile(r"\bfor (?:any|all|every)\b[^.;,]*?\b(?:it holds|holds|we have)\b|"
                       r"对于?(?:任何|任意|所有|一切)[^。；;]*?(?:都|均|总)(?:满足|成立|有)|"
                       r"对于?(?:任何|任意)[^。；;]*?(?:满足|成立)", re.I)


def _named_after(after: "Block | None", lead: str) -> str:
    """The clause after a display formula that names it (“则称 $f$ 为 $D$ 上的凸函数。”), or ""."""
    if after is None or after.kind != "paragraph":
        return ""
    text = after.text.strip()
    if not names_it_after(text, strip_math(lead)):
        return ""
    clause = FIRST_CLAUSE.match(text).group().strip()
    return clause if 2 < len(strip_math(clause)) <= 60 else ""


# A heading over a derivation or a proof: its formulas are steps, not facts of their own.
DERIVING = re.compile(r"推导|证明|收敛性?分析|理论分析|对\S{1,12}求导|"
                      r"\b(?:derivations?|deriving|proofs?|(?:convergence|theoretical) analysis)\b", re.I)
# A remark in brackets after the asked formula, to the end of the sentence.
REMARK_AFTER_HOLE = re.compile(r"\?\s*+\$++(?P<remark>\s*+[(（](?P<words>[^()（）$\n]{1,40})[)）])(?P<end>[.。]?)\s*+$")
# A remark that sets a case or a condition (“(if unbiased)”, “(symmetric case)”, “(symmetric about 0)”, “(n odd)”).
REMARK_CASE = re.compile(r"\b(?:if|when|case|about|for|only|where|assum\w*|given|odd|even)\b|若|如果|时|情形|情况", re.I)


def _answer_in_question(prompt: str, answer: str) -> bool:
    """Whether the asked side's answer is written in the side that asks (“$H^2 = ?$” → “H”; “$\\mathbb E[\\hat\\theta] = ?$”
    → “\\theta”): an equation a property's name states."""
    hole = re.search(r"\$([^$]*?)=\s*\?\s*\$", prompt)
    if not hole:
        return False
    lhs = hole.group(1).strip()
    said = re.search(re.escape(lhs) + r"\s*=\s*([^$]+)\$", answer)
    return bool(said) and bool(_bare_math(said.group(1))) and _bare_math(said.group(1)) in _bare_math(lhs)


# The name of a property that is an equation (symmetric: Hᵀ = H; idempotent: H² = H; unbiased: E[ĝ] = g).
NAMES_THE_EQUATION = re.compile(r"(?<![\w-])(?:symmetr(?:ic|y)|idempoten(?:t|cy)|unbiased|симметрич|несмещ|идемпотент|simetri|"
                                r"symetri|sümmeetri)|(?<![非不反])(?:对称|幂等|无偏)", re.I)
# A hole the sentence goes on to equal something outside its formula (“$H = ?$ = −Σ p log p”).
EQUAL_AFTER_HOLE = re.compile(r"(?:\?\s*\$|\[\?\]|［？］)\s*(?:=(?!=)|≈|≡)(?!\s*[-−]?\s*[\d.])")  # (“≈ 1/137” is its value)
# A bold line that opens a proof (“**Proof idea.**”, “**证明**”, “**Derivation of the update**”), not a
# thing whose name has the word (“列表推导式”, “Zero-knowledge proofs”, “工作量证明”).
PROOF_LEAD = re.compile(r"\s*(?:(?:proof|derivation)(?:\s+(?:idea|sketch|outline))?(?:\s+(?:of|via|for|by)\s.*)?|"
                        r"(?:sketch|outline) of (?:the )?proof|证明|证|推导|证明思路|证明过程|推导过程|证明如下|推导如下)"
                        r"\s*[.:：。]?\s*", re.I)
# What may follow a bold opening that is all the line says: an aside in brackets, a colon.
ONLY_AN_ASIDE = re.compile(r"\s*+[.:：。]?\s*+(?:[(（][^()（）\n]*+[)）])?\s*+[.:：。]?\s*+")


def _opens_a_proof(lead: str) -> bool:
    """A line that opens a proof with an aside on it (“**Proof** (margin, version using $\\log t \\le t - 1$):”,
    “**Proof (sketch):**”); over numbered steps, those of the proof (over a bulleted list, the tools it
    uses may be named results)."""
    lead = lead.strip()
    opening = BOLD_OPENING.match(lead)
    if opening is None or not ONLY_AN_ASIDE.fullmatch(lead, opening.end()) or NAMES_ITS_TOOLS.search(lead):
        return False  # (“**Proof** (the lemmas it uses):” over named results, each worth knowing)
    return PROOF_LEAD.fullmatch(PAREN_TAIL.sub("", opening.group(1).strip().rstrip(".:：。"))) is not None


# An aside that says the list holds what a proof uses, not its steps.
NAMES_ITS_TOOLS = re.compile(r"\b(?:lemmas?|tools?|ingredients?|results?|facts?|theorems?)\b|引理|工具|用到|定理|结论", re.I)


# The mark that ends a proof (“$\\square$”, “∎”, “Q.E.D.”, “证毕”).
QED = re.compile(r"\\(?:square|blacksquare|qed)\b|[□∎]|\bQ\.E\.D\.|证毕")
# A word that opens a proof inside a paragraph (“Jensen: … (proof: …) $\\square$”).
PROOF_WORD = re.compile(r"\bproof\b|\bpf\.|证明|证：", re.I)
# The flag that carries an extraction rule's verdict to the gates (see gates.marked).
LEFT_OUT = "left-out:"


# Sentences that continue an argument rather than start one.
LEADING_ON = re.compile(r"\s*(?:(?:however|but|now|next|then|so|thus|in other words|let'?s|we|here|this|these)\b|"
                        r"但是|然而|接下来|现在|下面|然后|因此|所以|这|我们|此外)", re.I)


def _enumerated_terms(items: list[Item]) -> set[str]:
    """Terms of one list that share a stem and differ by a trailing number (“训练集1”, “训练集2”,
    “Split 1”, “Split 2”): instances in an example, not concepts. “L1”, “L2” have no stem."""
    stems: dict[str, set[str]] = {}
    for it in items:
        split = split_label(it.text)
        match = re.fullmatch(r"(.*?\D)\s*(\d+)", split[0]) if split else None
        if match and len(match.group(1).strip()) >= 2:
            stems.setdefault(match.group(1).strip(), set()).add(split[0])
    return {term for terms in stems.values() if len(terms) >= 2 for term in terms}


# The term a description leads to, on the item's last line of its own (“The scalar $\eta$ in …; too big → divergence.” over
# “→ **learning rate (step size)**”).
REVERSE_ENTRY = re.compile(r"\n[ \t]*+(?:→|->|⇒|=>)[ \t]*+\*\*(?P<term>[^*\n]{1,80})\*\*(?P<tail>[^*\n]{0,80})$")
# What heads a list of what each person answered (“### Attempts”, “Replies”, “同学的回答”).
ATTEMPTS = re.compile(r"\b(?:attempts?|answers?|responses?|replies|guesses|who said what|solutions?|dialogues?|role[- ]?plays?|"
                      r"lösungen|antworten|rollenspiel|dialog)\b|回答|作答|尝试|对话|答案|(?:同学|大家)(?:们)?的?(?:答案|说法)", re.I)
# A person's first name as a list labels what they said (“Tom”, “Priya”, “Wei”, “Dr. Chen”).
PERSON_NAME = re.compile(r"(?!(?:You|She|Her|His|Him|They|Them|Their|Our|Its|This|That|These|Those)\b)"
                         r"(?:(?:Dr|Prof|Mr|Ms|Mrs)\.?\s+)?[A-Z][a-z]{2,11}(?:\s+[A-Z]\.?)?")
# Tags and nothing else (“`paper` `efficiency`”, “#nlp #attention”).
TAG_VALUES = re.compile(r"(?:`[^`\n]++`|#[\w-]++)(?:[\s,，、]++(?:`[^`\n]++`|#[\w-]++))*+(?:\s*+[✅✔✓❌✗⭐★🔥]\uFE0F?)*+")
# Someone by the name classmates call them: 小, 老 or 阿 and a surname (“小王”, “老李”, “阿陈”; “小波” is a wavelet).
NICKNAME = re.compile(r"[小老阿](?:王|李|张|刘|陈|杨|黄|赵|吴|周|徐|孙|马|朱|胡|郭|何|高|林|罗|郑|梁|谢|宋|唐|许|韩|冯|邓|曹|彭|曾|"
                      r"萧|田|董|袁|潘|蒋|蔡|余|杜|叶|程|苏|魏|吕|丁|任|沈|姚|卢|姜|崔|钟|谭|陆|汪|范|金|石|廖|贾|夏|韦|方|"
                      r"白|邹|孟|熊|秦|邱|江|尹|薛|闫|段|雷|侯|龙|史|陶|黎|贺|顾|毛|郝|龚|邵|万|钱|严|覃|武|戴|莫|孔|向|汤)")
# A branch of a decision tree: the answer to the question over it (“**YES** → AdamW”, “NO (CNN)”, “是：…”).
BRANCH = re.compile(r"(?:\*\*)?(?P<b>yes|no|是|否|不是)(?:\*\*)?(?=\s*+(?:$|[→:：(（,，*—–-]))", re.I)


def _decision_path(labels: tuple[str, ...]) -> str:
    """The way down a decision tree to where a question hangs (“Fine-tuning a pretrained model? YES”), from the items
    over it that ask and the branches under them that answer; "" where the question hangs from no branch."""
    steps = [f"{_bare(labels[k - 1]).strip()} {BRANCH.match(labels[k]).group('b').upper()}"
             for k in range(1, len(labels)) if BRANCH.match(labels[k]) and labels[k - 1].rstrip("* ").endswith(("?", "？"))]
    return " → ".join(steps) if steps and BRANCH.match(labels[-1]) else ""


def _facet_owner(ctx: _Ctx, term: str = "") -> str:
    """What a facet (“problem: …”) is of: the name of the item it hangs from (“- AdaGrad” over
    “- problem: $G_t$ only grows”), else the concept of the section; never the facet itself (“- **Prerequisites**”
    over its points, under “## Expectation”: the prerequisites of Expectation)."""
    label = ctx.labels[-1].strip() if ctx.labels else ""
    if label and _is_bare_name(label) and len(label.split()) <= 3 and not GENERIC_HEADING.match(label) \
            and not LABEL_TERM.match(label) and not FACET.fullmatch(label):
        return label
    named = _named_concept(ctx)
    if term and normalize_name(_bare(named)) == normalize_name(_bare(term)):
        return _heading_above(ctx, term) or named
    return named


def _heading_above(ctx: _Ctx, term: str) -> str:
    """The nearest heading over the section that is not ``term`` itself (“- Why” under “Feature stores”, “- **Leads
    to**” under “Expectation”: what they are of), without its number; "" where there is none."""
    return next((SECTION_NUMBER.sub("", d).strip() for d in reversed(ctx.deck[:-1])
                 if normalize_name(_bare(d)) != normalize_name(_bare(term))), "")


def _named_concept(ctx: _Ctx) -> str:
    """The concept a card is about, as its question names it: a heading that names only a part
    of the document (“The Algorithm”, “实现”, “式(9.5)的解释”) goes after the heading above it
    (“Adadelta › The Algorithm”)."""
    if FACET_NAMED.fullmatch(ctx.concept.strip()):
        # (“### What” under “## Adam”, “#### When” under “### How” under “## Adam”: a facet of the nearest
        # heading above that names something)
        parent = next((name for name in (SECTION_NUMBER.sub("", d).strip() or d for d in reversed(ctx.deck[:-1]))
                       if not FACET_NAMED.fullmatch(name)), "")
        return f"{parent} › {ctx.concept}" if parent else ctx.concept
    generic = DOC_HEADING.search(ctx.concept) or GENERIC_HEADING.match(ctx.concept) \
        or _named_by_number(ctx.concept)
    if generic and len(ctx.deck) >= 2:
        parent = SECTION_NUMBER.sub("", ctx.deck[-2]).strip() or ctx.deck[-2]
        if normalize_name(parent) != normalize_name(ctx.concept) and not _named_by_number(parent):
            return f"{parent} › {ctx.concept}"
    return ctx.concept


# A heading that is only the question it answers of the heading above (“### Why”, “### What”, “### Gotchas”).
FACET_HEADING = re.compile(r"(?:(?:common|main|other|more)\s+)?(?:why|what|how|when|where|gotchas|pitfalls|caveats|usage|"
                           r"when to use)|(?:常见的?)?(?:是什么|为什么|怎么用|怎么做|用法|注意事项)|踩?坑点?", re.I)
# (and a few more that only name a side of the heading above: “When not to use”, “Use cases”, “How it works”, “使用场景”;
# on a page of questions, “## When not to use?” is one of them)
FACET_NAMED = re.compile(FACET_HEADING.pattern + r"|(?:when (?:not )?to use(?: it)?|use cases?|how it works)|"
                         r"(?:使用场景|适用场景|什么时候用)", re.I)


# A reference as a bibliography writes it: authors by surname and initials, then the year
# (“Ioffe, S., & Szegedy, C. (2015).”, “Ba, J. L., Kiros, J. R., & Hinton, G. E. (2016)”).
BIBLIOGRAPHY_ENTRY = re.compile(r"\s*[*_]*\s*[A-Z][\w'’-]+,\s*(?:[A-Z]\.\s*)+(?:,?\s*(?:&|and|et al\.?)?\s*"
                                r"(?:[A-Z][\w'’-]+,\s*(?:[A-Z]\.\s*)+)?)*[(（]?(?:19|20)\d{2}[a-z]?[)）]?")


# The parts of a story told the STAR way (“**S:** …”, “**Task:**”, “**行动**：”), by the letter each stands for.
STAR_PART = {"s": "s", "situation": "s", "情境": "s", "情景": "s", "背景": "s", "t": "t", "task": "t", "任务": "t",
             "a": "a", "action": "a", "actions": "a", "行动": "a", "r": "r", "result": "r", "results": "r", "结果": "r"}


def _star_story(blocks: list[Block]) -> range:
    """The lines of a story told the STAR way in a section (“**S:** moving our classifier to 8 GPUs…”, “**T:** I
    owned the migration”, “**A:**” over what one did, “**R:** 6.9×”, and an aside right after, “*Differently:* …”):
    what its labels name (“root cause: …”) is that story's, no concept. All four parts as letters, or three as words
    (“Situation”, “行动”) told in the first person; no other one-letter label beside them (“**u**”, “**v**” for
    SUVAT, “**B**” for a choir)."""
    labelled = [(i, PAREN_TAIL.sub("", lead.group(1) or lead.group(2)).strip()) for i, b in enumerate(blocks)
                if b.kind == "paragraph" and (lead := LEAD_LABEL.match(b.text))]
    parts = [(i, STAR_PART.get(name.casefold()), name) for i, name in labelled]
    found = {part for _, part, _ in parts if part}
    letters = {name for _, part, name in parts if len(name) == 1}
    told = re.sub(r'"[^"\n]*"|“[^”\n]*”', "",  # (what it quotes: say “I”, not “we”)
                  " ".join(blocks[i].text for i, part, _ in parts if part in ("s", "t", "a")))
    own = re.search(r"\b(?:I|we|my|our|me|us)\b|我", told, re.I) is not None
    if not (found == {"s", "t", "a", "r"} and letters == {"S", "T", "A", "R"}
            and (own or not re.search(r"\b(?:you|your)\b|你", told, re.I))
            or len(found) >= 3 and {"s", "a"} <= found and not letters and own):
        # (one's own: “**S:** Switched a model to AMP…”, “**Situation:** our classifier…”; not how the method goes,
        # “**Situation:** where you were”, nor a case study's, “**背景**：二战后日本市场小”)
        return range(0)
    first = min(i for i, part, _ in parts if part)
    last = max(i for i, part, _ in parts if part) + 1
    while last < len(blocks) and blocks[last].kind != "paragraph":
        last += 1  # (what the last part holds: “**A:**” over its list)
    if last < len(blocks) and re.match(r"\s*(?:\*\*?|_)[^*_\n]{1,30}[:：]", blocks[last].text):
        last += 1  # (an aside on it: “*Differently:* would add a smoke test”)
    end = blocks[last].source.line if last < len(blocks) else sys.maxsize  # (to the section's end)
    return range(blocks[first].source.line, end)


def _opens_with_a_paper(blocks: list[Block]) -> bool:
    """A section whose first two blocks cite a paper or link to one (“**Ioffe, S., & Szegedy, C. (2015).**”,
    “[Batch Normalization](https://arxiv.org/abs/1502.03167)”)."""
    texts = [b.text if b.kind == "paragraph" else b.items[0].text for b in blocks[:2] if b.kind == "paragraph" or b.items]
    return any(BIBLIOGRAPHY_ENTRY.match(text) or PAPER_LINK.search(text) for text in texts)


# A link to a paper (“[…](https://arxiv.org/abs/1502.03167)”, “arXiv:1502.03167”, “doi.org/…”).
PAPER_LINK = re.compile(r"arxiv\.org/|\barXiv:\s*\d|doi\.org/|openreview\.net/|aclanthology\.org/", re.I)


def _introduces(text: str, concept: str) -> bool:
    """A section's first paragraph says what its concept is: its first sentence names the
    concept and says what it is, or is a definition without a subject (“A technique that …”,
    “是一种…”). A question, words about the document, or a heading that names an equation, a
    figure or a part of the document (“Concise Implementation”, “小结”) give no definition."""
    if text.rstrip().endswith(("?", "？")) or _named_by_number(concept) or not concept.strip():
        return False
    if DOC_HEADING.search(concept) or GENERIC_HEADING.match(concept) or len(concept.split()) > 4 \
            or len(CJK.findall(concept)) > 12 or TOPIC.search(concept):
        return False
    words = LINK.sub("", text)
    if len(strip_math(words)) < 8:
        return False  # an image or a link under a heading says nothing a card can ask
    bounds = _sentences(words)
    first = words[slice(*bounds[0])] if bounds else words
    if SELF_REFERENCE.search(first):
        return False  # “本章介绍概率图模型…”: about the chapter, not the concept
    if BIBLIOGRAPHY_ENTRY.match(words):
        return False  # “**Ioffe, S., & Szegedy, C. (2015).** *Batch Normalization: …*”: the paper, not what it says
    names = {n for n in (normalize_name(concept), normalize_name(concept.rsplit(".", 1)[-1])) if n}
    said = normalize_name(first)
    # the first sentence names the concept (“PyTorch 的 Autograd 是…”); one that only leads on
    # from the text before (“However, …”, “接下来…”) defines nothing
    if LEADING_ON.match(first):
        return False
    found = [(said.find(name), name) for name in names if name in said]
    if found:
        # “Dropout is …”, “PyTorch 的 Autograd 功能是…”: the name, then what it is, close by;
        # not “有了组成编码器的基础组件，现在…”
        at, name = min(found)
        if at == 0 and len(text) <= 200 and (not CJK.search(first) or ZH_COPULA.search(re.split(r"[，,]", first)[0])):
            # “Adam keeps running averages of …”: a short description that starts with it (in
            # Chinese, one that says what it is in its first clause, not “强化学习作为…”)
            return True
        return IS_AFTER_NAME.match(said, at + len(name)) is not None
    return len(text) <= 200 and not SELF_REFERENCE.search(text) and HEADLESS.match(first) is not None


ZH_COPULA = re.compile(r"是|指|即|(?<![作因认成以])为|表示|描述")
# A lead that announces kinds or cases (“样本对有四种情形：”, “three kinds of layers:”): its
# numbered list is a set to know, not steps to take in order.
# A lead that only counts the steps after it (“分两步”, “三步走”, “Two steps”, “In 3 steps”).
STEP_COUNT = re.compile(r"(?:分|共|一共)?\s*[两二三四五六七八九十\d]+\s*(?:个)?步(?:走|骤)?|"
                        r"(?:in |into )?(?:two|three|four|five|six|\d+) steps", re.I)
# A lead over what is still to do (“TODO：”, “待办：”, “To do:”, “Next steps:”).
TODO_LEAD = re.compile(r"\**\s*(?:todo|to[- ]do|待办|待做|待补充?|待看|下一步|next steps?)\s*(?:list)?\s*[:：]?\s*\**", re.I)
# A lead that asks why, its subject left to the heading (“为什么需要：”, “原因：”, “Why:”, “Reasons:”).
# A heading that says its list is steps (“## 训练流程”, “## Steps to deploy”; “## Gaussian process” names a model).
STEPS_HEADING = re.compile(r"步骤|流程|分\S{1,2}步|\bsteps?\b|\bprocedure\b|\bhow to\b", re.I)
REASONS_WORD = re.compile(r"为什么|为何|原因|理由|\bwhy\b|\breasons?\b", re.I)
REASONS_LEAD = re.compile(r"(?:为什么|为何|原因|理由|why|reasons?)[^，,。.；;：:!！?？]{0,20}[：:]", re.I)
# A lead that says its list is steps (“定位 NaN 原因的步骤：”, “Steps to find the causes:”).
STEPS_NAMED = re.compile(r"步骤|流程|分\S{1,2}步|\bsteps?\b|\bprocedure\b|\bprocess\b|\bpipeline\b|\bworkflow\b", re.I)
KINDS = re.compile(r"情形|情况|种类|类型|类别|性质|特点|特性|优点|缺点|方法|手段|措施|技巧|来源|原因|因素|"
                   r"[两二三四五六七八九十\d]\s*[种类]|\b(?:sources|causes|factors|reasons|cases|kinds|types|"
                   r"categories|properties|features|characteristics|pros|cons|advantages|disadvantages|methods|"
                   r"techniques|approaches|tricks)\b", re.I)  # (a list of them, in no order to recall)
# A lead that names its list as the conditions of something (“**线性**的两个几何条件：”, “CLT assumptions:”): the word ends
# it, and no doing is named (“计算条件概率的做法：”, “假设检验怎么做：” are procedures).
CONDITIONS_LEAD = re.compile(r"[^：:\n]*(?:条件|前提|假设|\bconditions|\bassumptions|\brequirements)\s*+[：:]\s*+", re.I)
# (the words themselves, not 条件概率, 假设检验: “Conditions for a valid contract:” lists no steps either)
CONDITIONS_WORD = re.compile(r"条件(?!概率|分布|期望|独立|数学期望)|前提|假设(?!检验)|\bconditions\b|\bassumptions\b|\brequirements\b",
                             re.I)
DOING = re.compile(r"做法|步骤|操作|顺序|怎么|如何|作法|流程|\bhow\b|\bsteps?\b|\border\b|\bprocedure\b|\bthen\b", re.I)


def _proof_step(text: str, asked: "Asked") -> bool:
    """A formula in the text of a proof that ends here (“Then Claim 2: $…$. Iterate. $\\square$”);
    not a result stated before its proof in the same text (“**Theorem.** …”, “Jensen: $…$ (proof: …) ∎”)."""
    if not QED.search(text) or NAMED_STATEMENT_HEAD.match(text):
        return False
    proof = PROOF_WORD.search(text)
    return not (proof and asked.at < proof.start())


# A text that states a named result (“**Theorem.**”, “Lemma 2:”, “定理 3.1”).
NAMED_STATEMENT_HEAD = re.compile(r"\s*(?:\*\*)?\s*(?:theorem|lemma|claim|corollary|proposition|定理|引理|推论|命题)\b", re.I)


def _beside_the_outline(blocks: list[Block]) -> bool:
    """Whether a section holds more of its answer than its lists: prose that is not only a lead into
    a list (“有以下几种：”), a table or a display formula. An outline of its lists alone would answer
    its question in part, or with what was only said beside the answer (“## BatchNorm 在多卡下效果变差？”
    over the cause in prose, the fix in code, and a list of caveats). A line of introduction or a
    pointer beside the list is not enough."""
    prose = 0
    for i, block in enumerate(blocks):
        if block.kind in ("table", "math"):
            return True
        if block.kind == "paragraph":
            text = block.text.strip()
            leads = text.endswith((":", "：")) and i + 1 < len(blocks) and blocks[i + 1].kind == "list"
            if not leads:
                words = re.sub(r"\W", "", strip_math(LINK.sub("", text)))
                prose += len(words) + len(CJK.findall(words))  # (a Chinese character says about two letters' worth)
    # (“There are a few reasons.”, “See also the paper.” around the list are not its answer)
    return prose >= 60


def _is_steps(block: Block, said: bool = False) -> bool:
    """Numbered, short names: steps one recalls in order. Items that are paragraphs are not, nor (unless the notes
    ``said`` the list is steps) items among which one asks why over its own points, or that each name a facet (a
    procedure's items named by what one does, “1. Preheat: 180 °C”, “1. **Send for help**”, are steps)."""
    items = [it for it in block.items if it.text.strip()]
    if len(items) < 2 or any(len(strip_math(it.text)) > 40 or SENTENCE_INSIDE.search(it.text.strip()[:-1])
                             or not re.search(r"\w", strip_math(it.text)) or has_formula(it.text) for it in items):
        return False  # long items, sentences, or formulas (facts, equal expressions) are no steps
    if said:
        return block.ordered or all(STEP_PREFIX.match(it.text) for it in items)
    if any(it.children and it.text.rstrip().endswith((":", "：")) and REASONS_WORD.search(it.text) for it in items):
        return False  # (“3. 为什么有效：” over its own points: a fact about what is above, not a step)
    labels = [split_label(it.text.strip()) for it in items]
    if all(label and label[1] and (FACET.fullmatch(_bare(label[0]).strip()) or LABEL_TERM.match(_bare(label[0]).strip()))
           for label in labels):
        return False  # (“1. 本质：…” “2. 注意：…”: facets, each by its label)
    return block.ordered or all(STEP_PREFIX.match(it.text) for it in items)


# Marks of a statement rather than a name: an arrow, an equals sign, a clause break, an
# exclamation, a question, an ellipsis, a finished action (“老师放了那张图”).
STATEMENT = re.compile(r"[→⇒=,，!！?？…了是]|\.\.\.|->|\s[-–—]\s|(?:最|很|更)?(?:常用|重要|好用)$")


def _states(text: str) -> bool:
    """Whether an outline line says something rather than names things; “Lookahead, LAMB,
    Lion…” (single names, a trailing “…”) only names."""
    text = re.sub(r"(?:\.\.\.|…)\s*$", "", text.strip())
    if all(len(part.split()) == 1 for part in re.split(r"[,，]", text)):
        text = re.sub(r"[,，]", " ", text)
    return STATEMENT.search(text) is not None


# A work cited by its authors and year (“Szegedy 2014”, “Goodfellow et al. (2014b)”, “Luong (2015)”).
CITATION = re.compile(r"[A-Z][a-z]+(?: et al\.?| (?:and|&) [A-Z][a-z]+)?,? \(?\d{4}[a-z]?\)?")
# A work cited alone, by its authors and year (“Ba, Kiros, Hinton 2016”, “Kingma & Ba 2015”, “Vaswani
# et al. (2017)”): where an idea comes from, not the idea. (One capitalised word and a year may be a
# month, a place or a product, “May 2018”, “ImageNet 2012”; several may be countries, so in a table it
# counts only under a header that asks where a thing comes from, “提出”, “Proposed”.)
_NAME = r"(?:[A-Z](?:[a-z]++(?:[A-Z][a-z]++)?|[A-Z][a-z]++)|[A-Z]\.)(?:[ -][A-Z][a-z]++)?"  # (no backtracking within a name)
CITATION_ALONE = re.compile(rf"\s*{_NAME}(?:(?:(?:,| (?:and|&)|, (?:and|&)) {_NAME})+(?: et al\.?)?| et al\.?),? \(?\d{{4}}[a-z]?\)?\s*")
CITED_HEADER = re.compile(r"提出(?:者|人)?|出处|来源|论文|作者|proposed(?: by)?|introduced(?: by)?|papers?|authors?|sources?|"
                          r"references?|citations?", re.I)


def _cited(header: str, value: str) -> bool:
    """A citation (several authors, or “et al.”) under a header that asks where a thing comes from."""
    return bool(CITED_HEADER.fullmatch(PAREN_TAIL.sub("", _cell_text(header)).strip())
                and CITATION_ALONE.fullmatch(_cell_text(value)))
# A count of things (“Two gates”, “三个优点”): which they are is what the card asks.
COUNTED = re.compile(r"(?:two|three|four|five|six|seven|\d+)\s+[a-z][\w-]*s|[两二三四五六七八九十\d]+\s*[个种类点条大项][^\s，,。]{1,6}", re.I)
PART_OF_TOPIC = re.compile(r"(?:细节|要点|注意事项|小结|总结|\b(?:details|notes|summary|takeaways))$", re.I)


def _names_a_concept(text: str, labelled: tuple[str, str] | None, top: bool) -> bool:
    """A top-level item with children that names a thing (``SGD``, ``**常见的噪声类型**``),
    not a label that introduces a list (``计算过程:``)."""
    if not top or LABEL_TERM.match(text.strip("*:： ")) or GENERIC_HEADING.match(text.strip("*:： ")) \
            or PART_OF_TOPIC.search(text.strip("*:： ")):
        return False  # “细节”, “训练细节”, “Details”: a part of what the section is about, not a thing of its own
    if labelled is None:
        # “32x32x3 的图片 → 拉平成 3072x1”, “更小的 filter, 更深的网络”: a statement, not a name (a bold name with an
        # aside in brackets, “**Focal loss** (Lin et al. 2017, RetinaNet)”, is the name)
        name = _bare(text) if BOLD_NAME_ASIDE.fullmatch(text) else text
        return not text.endswith((":", "：")) and not _states(name) and len(name) <= 40
    return not labelled[1] and "**" in text


# A name in bold with an aside in brackets after it (“**Focal loss** (Lin et al. 2017, RetinaNet)”).
BOLD_NAME_ASIDE = re.compile(r"\s*+\*\*[^*\n]{1,40}\*\*\s*+[(（][^()（）\n]{1,80}[)）]\s*+")


def _is_bare_name(text: str) -> bool:
    """“Adam”, “Layer Norm”: a name alone; “SGD + momentum 0.9” sets a value."""
    return not CJK.search(text) and re.fullmatch(r"[\w\-+. ]{1,30}", text.strip()) is not None \
        and not re.search(r"\s[\d.]+\b", text)


def _all_items(block: Block) -> list[Item]:
    """A list's items, and the items of the lists inside them, in order."""
    out = []
    for it in block.items:
        out.append(it)
        for child in it.children:
            if child.kind == "list":
                out.extend(_all_items(child))
    return out


def _child_items(it: Item) -> list[Item]:
    return [c for b in it.children if b.kind == "list" for c in b.items]


def _introduces_each(lead: str) -> bool:
    """A sentence over displays in a row that introduces each of them (“Adam 维护一阶矩和二阶矩：”,
    “量化与反量化过程为：”), rather than the first alone: not a step (“Setting the gradient to zero, we
    get:” leads to the step, not to the result after it), not an example's setting, and not one
    thing defined (“交叉熵定义为：”, “The loss is:”) unless it names two or more."""
    words = last_sentence(lead)
    several = MORE_THAN_ONE.search(strip_math(words)) is not None
    if BACK_REFERENCE.search(words) or STEP_LEAD.search(words) and not several or EXAMPLE_SETTING.search(words) \
            or re.search(r"=\s*-?\d", words):
        return False  # (“对偶问题的两个约束：”, “取对数后的两条性质：” name two: each display is one)
    return not ONE_DEFINED.search(words) or several


def _carries_on(lead: str, display: Block, after: Block) -> bool:
    """Whether the sentence over ``display`` is also the lead of the display ``after`` it: it introduces
    each (above), and ``after`` is not what an equation set to zero solves for (“… = 0” over
    “$$b = \\bar y - w \\bar x$$”), nor, after words that set things to zero (“对 $w$ 和 $b$ 分别求偏导并令其
    为零：”), anything but another equation set to zero."""
    zero = re.compile(r"=\s*0\s*$")
    several = MORE_THAN_ONE.search(strip_math(last_sentence(lead))) is not None
    if not _introduces_each(lead) or zero.search(display.text.strip()) and not zero.search(after.text.strip()) \
            and (not several or STEP_LEAD.search(last_sentence(lead))):
        return False
    return not SET_TO_ZERO.search(last_sentence(lead)) or zero.search(after.text.strip()) is not None


# Words that set something to zero (“令其为零”, “setting the gradient to zero”): the equations they lead to.
_ZEROED = r"令\S{0,10}?(?:为零|为\s*0|等于零|等于\s*0)"
SET_TO_ZERO = re.compile(rf"{_ZEROED}|\bto (?:zero|0)\b", re.I)


# A sentence that sets up a step (“对 $w$ 求偏导并令其为零：”, “Setting the derivative with respect to $w$
# to zero:”, “Taking the log of the likelihood:”, “Applying the chain rule:”).
STEP_LEAD = re.compile(rf"{_ZEROED}|求(?:偏)?导|对\S{{1,12}}?求导|取对数|"
                       r"\bsett?ing\b.{0,60}?\bto (?:zero|0)\b|"
                       r"\btak(?:e|ing) the (?:log|logarithm|derivative|gradient)\b|"
                       r"\bapply(?:ing)? the (?:\w+ )?(?:rule|theorem|lemma|trick|identity)\b|\bdifferentiat\w*", re.I)
# A sentence that ends on the one thing it defines (“交叉熵定义为：”, “The loss is:”).
ONE_DEFINED = re.compile(r"(?:定义为|定义如下|即为|为|是|等于|\bis(?: defined as| given by)?|\bequals|\breads)\s*[:：]?\s*$", re.I)
# Words that name more than one (“一阶矩和二阶矩”, “量化与反量化”, “both”, “each”).
MORE_THAN_ONE = re.compile(r"(?<!求)和|与|及|、|分别|[两二三四几多]\s*[个条种点类项组]|二者|各|\b(?:and|both|each|respectively|two|three)\b",
                           re.I)


def _counted_series(labels: list[str]) -> bool:
    """Whether the list's items are each named by a count of the same thing (“1 層”, “2 層”, “3 層”; “4 GPUs”, “8 GPUs”):
    the values of a series, not things of their own."""
    counted = [COUNT_OF.fullmatch(label) for label in labels if label]
    return len(counted) >= 2 and len(counted) == len(labels) and all(counted) \
        and len({m.group(1).casefold().removesuffix("s") for m in counted}) == 1


# A count of something (“2 層”, “4 GPUs”, “3 epochs”, “10 次”).
COUNT_OF = re.compile(r"\d+(?:\.\d+)?\s*+([^\W\d_]{1,8})")


def _example_setting(lead: str) -> str:
    """The sentence before a table that sets the example its numbers are for (“以 7B 参数的模型为例：”,
    “For a 7B model:”, “e.g. with batch size 32:”), with a number, a formula or code in it, or ``""``
    (“假设你已经装好了 Miniconda：” sets none)."""
    words = last_sentence(lead).strip()
    if len(words) > 60 or not words.endswith((":", "：")) or not EXAMPLE_SETTING.search(words) \
            or BARE_EXAMPLE.fullmatch(words) \
            or not re.search(r"\d|\$|`|以.{1,30}?为例|\btake .{1,30} as an example\b", words, re.I):
        return ""  # (a bare “例如：” sets no example of its own)
    return words.rstrip(":： ")


# An example's mark alone (“例如：”, “For example:”): no setting of its own.
BARE_EXAMPLE = re.compile(r"\**\s*(?:例如|比如|举个?例子?|for (?:example|instance)|e\.g\.?|假设|假如|suppose)"
                          r"\s*\**\s*[,，]?\s*[:：]\s*\**", re.I)
# A sentence that sets up an example (“以 7B 模型为例”, “比如 batch 为 32 时”, “For a 7B model”).
EXAMPLE_SETTING = re.compile(r"以.{1,30}?为例|举个?例|(?<!对)比如|例如|假设(?!检验|空间|函数)|假如|\bfor (?:example|instance)\b|\be\.g\.|"
                             r"\btake .{1,30} as an example\b|\bsuppose\b|\bfor an? (?:\S+ )?\d", re.I)


def _introducing_item(block: Block) -> Block | None:
    """A list's last item as the lead of what follows the list, when it ends in a colon and has
    nothing under it (“- 推理时可以把 BN fold 进前面的 conv：”)."""
    if block.kind != "list" or not block.items:
        return None
    last = block.items[-1]
    text = last.text.strip()
    if last.children or not text.endswith((":", "：")) or TASK_ITEM.match(text) or BARE_LABEL_LINE.fullmatch(text) \
            or BACK_MATTER.match(_bare(PAREN_TAIL.sub("", text.rstrip(":： ")))) or NOT_UNDERSTOOD.search(text) \
            or REMARK_HEADER.match(_bare(text)):
        # (“- [ ] 背下面这个：”, “- 课后作业：”, “- See also (Hölder):”, “- 还没看懂的地方，问助教：”, “- Questions
        # for office hours:” introduce nothing of the formula)
        return None
    return Block("paragraph", last.source, text=text)


# What the writer has not understood yet (“还没看懂”, “don't get”): a note to oneself.
NOT_UNDERSTOOD = re.compile(r"(?:还)?没(?:搞|弄|看|想)?(?:懂|明白|清楚)|不(?:太)?(?:懂|明白|理解)|"
                            r"\b(?:don'?t|do not|still not) (?:get|understand)\b|unclear to me", re.I)


def _children_text(it: Item, prose_only: bool = False) -> str:
    lines = []
    for block in it.children:
        if block.kind == "list":
            lines.extend(f"- {c.text.strip()}" for c in block.items if c.text.strip()
                         and not (prose_only and c.children))
        elif block.kind == "paragraph":
            lines.append(block.text)
        elif block.kind == "math" and not prose_only:
            lines.append(f"$${block.text}$$")  # (“learn $F(x)$ and output” runs on into it)
    return "\n".join(lines)


def _list_markdown(block: Block, depth: int = 0) -> str:
    """A list written back as Markdown, with its numbers and the blocks under its items."""
    lines = []
    for n, item in enumerate(block.items, block.start):
        if not item.text.strip() and not item.children:
            continue
        mark = f"{n}. " if block.ordered else "- "
        children = list(item.children)
        head = " ".join(item.text.split())
        if not head and children[0].kind != "list":
            # (“- > a quote”: the item is its first block; it goes on the mark's line)
            first = textwrap.dedent(_box_markdown(children.pop(0), depth + 1)).splitlines()
            head = "\n".join([first[0], *(("    " * (depth + 1) + line).rstrip() for line in first[1:])])
        lines.append("    " * depth + mark + head)
        after_text = False
        for child in children:
            inner = _box_markdown(child, depth + 1)
            if child.kind == "list":
                lines.append(("\n" if after_text else "") + inner)
            else:  # a paragraph, table, formula or code under the item: a block of its own, inside it
                lines.append("\n" + "\n".join(("    " * (depth + 1) + line).rstrip()
                                               for line in textwrap.dedent(inner).splitlines()))
            after_text = child.kind != "list"
    return "\n".join(lines)


# A prompt written as a numbered item of its own, answered by the blocks under it: a question
# (“3. Xavier vs He initialisation?”) or a subject and a task (“9. Self-attention — write the
# formula and explain the scaling.”, “2. Vanishing gradients — causes and fixes.”).
ANSWER_KINDS = ("paragraph", "list", "math", "code")  # what an answer written under a question holds
PROMPT_TASK = re.compile(r"^[^—–\n]{2,60}?\s+[—–]{1,2}\s+\S.*$")


def _prompt(block: Block) -> str:
    """The prompt a block poses, if it is one item of a numbered list standing alone (the
    list's next number comes after the answer), or a bold line that is a question."""
    if block.kind == "list" and block.ordered and len(block.items) == 1 and not block.items[0].children:
        text = block.items[0].text.strip()
    elif block.kind == "paragraph" and re.fullmatch(r"\*\*[^*\n]+[?？](?:\s*[（(][^()（）\n]*[)）])?\*\*",
                                                     block.text.strip()):
        text = block.text.strip().strip("*").strip()
    elif block.kind == "paragraph" and QA_HEADING.match(block.text.strip()) and "\n" not in block.text.strip():
        text = block.text.strip()  # “Q：缩放点积注意力的时间复杂度？” on a line of its own, its “A：” below
    else:
        return ""
    return text if _asks(text) else ""


def _asks_more(blocks: list[Block]) -> bool:
    """Blocks under a question that ask further questions (its sub-questions, not its answer)."""
    items = [it for b in blocks if b.kind == "list" for it in b.items if it.text.strip()]
    return bool(items) and 2 * sum(bool(QUESTION_END.search(it.text.strip())) for it in items) >= len(items)


def _asks(text: str) -> bool:
    text = text.strip()
    return "\n" not in text and len(text) <= 160 and not QA.match(text) \
        and (QUESTION_END.search(text) is not None or PROMPT_TASK.match(text) is not None)


# A question's end: its mark, and what is given in brackets after it (“参数量？（d_model=512, h=8）”).
QUESTION_END = re.compile(r"[?？]\s*(?:[（(][^()（）\n]{0,60}[)）])?\s*$")


# A heading written in bold: numbered (“**Q9. 一张表总结**”, “**3. 小结**”), or a few words that are
# no sentence (“**所以 Transformer 用 LN，因为…**” is one, and goes on with the answer).
BOLD_LINE = re.compile(r"\*\*\s*(?:(?:Q|问题?|题)\s*\d+|\d+\s*[.、)）]|第\s*\d+\s*[题节])[^*\n]*\*\*\s*[:：]?|"
                       r"\*\*[^*\n，,。；;！!？?]{1,30}\*\*\s*[:：]?")


# A choice question's option (“A. …”, “(b) …”, “C、…”) and the line that gives its answer (“**答案：B**”,
# “Answer: (b)”, “正确答案：A C”).
CHOICE_OPTION = re.compile(r"\s*+(?:\(?(?P<l>[A-Fa-f])[.．、)）]|(?P<m>[A-F])\s*+[:：])\s*+\S")
# (capital letters, or small ones in brackets: “答：e^x …”, “Answer: a model's …”, “答：A/B 两组…”, “C++” are words)
_LETTER = r"(?:[(（][A-Fa-f][)）]|(?-i:[A-F]))"
CHOICE_ANSWER = re.compile(r"\s*(?:\*\*)?\s*(?:(?:正确)?(?:答案|选项)|答|(?:the |correct )?answer(?: is)?|ans\.?)\s*(?:\*\*)?\s*"
                           r"(?:[:：]|为|是|is|[—–-])?\s*(?:\*\*)?\s*" + _LETTER +
                           r"(?:(?:\s*[,，、&和]\s*|\s+and\s+|\s*)" + _LETTER + r")*"
                           r"(?=\s*(?:$|\*\*|[,，.。;；:：(（)）—–-]|because\b|since\b|as\b|因为|是|正确|对))", re.I | re.M)
# Words by which a question points at what is under it (“What does this print?”, “下面代码输出什么”, “Given:”);
# “**Q1.** Derive the derivative of the sigmoid.” over a formula has its answer under it.
# The heading of a worksheet's answers (“Answer key”, “Answers”, “Solutions”, “答案”, “参考答案”, “小测验答案”).
ANSWER_KEY_TITLE = re.compile(r"[\W_]*(?:(?:quiz|review|self-?check|exercises?|questions?)\s+)?(?:answer\s*key|answers|"
                              r"solutions)[\W_]*|[\W_]*(?:小测验?|测验|自测|练习|习题|思考题)?(?:参考)?(?:答案|解答)"
                              r"(?:[与和及](?:解析|讲解))?[\W_]*", re.I)
# A question that asks by its end (“…？”) or by a blank to fill (“________”, “（ ）”).
ASKS_OR_BLANK = re.compile(rf"{QUESTION_END.pattern}|{BLANK.pattern}|[(（]\s+[)）]")
# A key's item that names the question it answers (“(Q3) λ”, “Q1: 3.5”, “第 2 题：…”).
NAMES_ITS_QUESTION = re.compile(r"\s*[(（\[]?\s*(?:Q|问|题|第)\s*\d+\s*(?:题)?\s*[)）\]:：.]", re.I)
# A paragraph numbered as an exercise (“**1.** Show that …”, “Exercise 2.”, “**第 1 题**”).
NUMBERED_PARAGRAPH = re.compile(r"\s*(?:\*\*)?\s*(?:\d+\s*[.)、．]|(?:exercise|problem|question|q)\s*\d+\s*[.:：)]|第\s*\d+\s*题)",
                                re.I)
# A line that introduces steps or a checklist (“第 3 题的步骤：”, “try in this order:”, “Mistakes I made:”).
STEPS_LEAD = re.compile(r"步骤|过程|流程|顺序|依次|checklist|steps?\b|in (?:this|that) order|procedure|mistakes?|错误|犯的错", re.I)
# The heading of a set of questions (“Quiz”, “Review questions”, “课后习题”, “二、计算题”), and one of questions
# still open (“Open questions (ask TA)”, “我还没搞懂的”).
QUIZ_TITLE = re.compile(r"quiz|questions?|exercises?|problems?|self[- ]?(?:check|test)|worksheet|practice|"
                        r"\bcheck\b|understanding|review|test yourself|"
                        r"小测验?|测验|习题|练习|思考题|自测|题目|复习|课后题|作业|题\s*$", re.I)
NOT_A_QUIZ = re.compile(r"\bopen questions?\b|\bask\b|\blater\b|\btodo\b|还没|不懂|没搞懂|待|疑问|想查", re.I)
# An item that starts with its term in bold and a colon (“**Gradient clipping**: rescale …”).
TERM_FIRST = re.compile(r"\s*\*\*[^*\n]{1,60}\*\*\s*[:：]|\s*\*\*[^*\n]{1,60}[:：]\s*\*\*")


def _numbers(block: Block) -> list[int]:
    """The numbers an ordered list's items are written with (“1.”, “3.”, “5.” for the odd ones)."""
    return [item.number or block.start + i for i, item in enumerate(block.items)]


# The question column of a table of questions and answers (“| Q | A |”, “| 问题 | 答案 |”, “| Front | Back |”).
QA_CORNER = re.compile(r"q|questions?|问|问题|题目|prompt|front|正面", re.I)
# An exercise that asks by its first word (“Derive the gradient …”, “求 $A$ 的特征值。”; not “计算图”).
SETS_A_TASK = re.compile(r"\s*(?:(?:compute|find|show|prove|derive|evaluate|calculate|explain|implement|describe|state|"
                         r"write|sketch|estimate)\b|(?:求|证明|写出|推导|计算|判断|说明|解释|比较|列举|给出)(?=[\s$`：:]))", re.I)


def _asking_list(block: Block) -> bool:
    """Whether most of a list's items ask (“…？”, “____”, “Derive …”): a list of questions."""
    return 2 * sum(bool(ASKS_OR_BLANK.search(it.text.strip()) or SETS_A_TASK.match(it.text))
                   for it in block.items) >= len(block.items)


def _asks_yet(blocks: list[Block]) -> bool:
    """Whether a numbered question's words so far ask (“**Q1.** Implement a stable softmax.”), or wait
    for what follows (“**Q8.**” alone, “This fails during backward:”)."""
    words = NUMBERED_MARK.sub("", " ".join(b.text for b in blocks if b.kind == "paragraph"), count=1).strip()
    return bool(words) and not words.endswith((":", "：")) or any(
        ASKS_OR_BLANK.search(b.text) for b in blocks if b.kind == "paragraph")


POINTS_AT = re.compile(r"\b(?:this|these|the following|below|given)\b|下面|下列|以下|如下|这段|这个|给定|已知|[:：]\s*$", re.I)
# A paragraph that explains a choice question's answer (“解析：…”, “逐项分析：”, “Why:”): it goes on the back.
EXPLAINS = re.compile(r"\s*(?:\*\*)?\s*(?:解析|分析|逐项分析|解释|补充说明|讲解|理由|原因|注|注意|备注|explanation|why|reason(?:ing)?|"
                      r"note|because)\b", re.I)
QA_LINE = re.compile(r"\s*(?:\*\*)?(?:Q\d*|问)\s*[:：.]", re.I)
# A line that opens the answer to the question above it (“**A:** …”, “答：…”).
A_LINE = re.compile(r"\s*(?:\*\*)?\s*(?:A|答)\s*(?:\*\*)?\s*[:：]", re.I)
# A grader's remark on one's answer (“【批】输出 ✓。参数量 ✗”, “**批改**：…”, “Grader's comment: …”).
GRADED = re.compile(r"\s*(?:>\s*)?(?:【\s*批[改注语]?\s*】|(?:\*\*)?\s*(?:批改|批注|老师(?:批注|批改|评语)|评语|"
                    r"grader(?:'s)? (?:comments?|notes?|remarks?)|ta (?:comments?|remarks?))\s*(?:\*\*)?\s*[:：])", re.I)


MARKED_WRONG = re.compile(r"[✗✘❌×]|扣\s*\d|[−-]\s*\d+\s*分|[(（][−-]\s*\d+[)）]|错|不对|漏了|\b(?:wrong|incorrect|missing)\b",
                          re.I)


def _attempt_answer(blocks: list[Block]) -> str | None:
    """What answers a question over a record of one's own try at it (“- **My answer:** … - **Confidence:** 4
    - **Result:** ❌ wrong - **Why:** …”): the reasons, and one's answer where the result says it was right;
    None where the list is no such record, or nothing in it answers (the list is the answer as written)."""
    first = next((b for b in blocks if b.kind == "list"), None)
    if first is None:
        return None
    fields = [(term.strip(), desc, item) for item in first.items
              for term, desc in [split_label(item.text) or ("", "")] if term]
    own = [(desc, item) for term, desc, item in fields if ATTEMPT_OWN.fullmatch(_bare(term))]
    marks = [(desc, item) for term, desc, item in fields if ATTEMPT_MARK.fullmatch(_bare(term))]
    # (or one's answer and the correct one beside it, unmarked: “- I said: unbiased - Correct: biased. …”)
    # (a “Correct: ✅” or “Correct answer: same as mine” marks one's answer right; it says no answer of its own)
    corrected = [term for term, desc, _ in fields if CORRECT_FIELD.fullmatch(_bare(term))
                 and len(re.findall(r"[A-Za-z]{2,}|[\u4e00-\u9fff]|\$", MARK_WORDS.sub(" ", desc))) >= 2
                 and not re.fullmatch(r"\W*(?:same as mine|yes|no|right|correct|对|正确|同上)\W*", desc, re.I)]
    if not own or not (marks or corrected):
        return None  # (how sure one was is no mark: “**Confidence:** 5” alone leaves the answer as written)
    right = any(MARKED_RIGHT.search(m) for m, _ in marks) and \
        not any(MARKED_WRONG.search(m) or PARTLY.search(m) for m, _ in marks)
    kept = list(own) if right else []
    # (a result that says more than its mark answers too: “❌ — it rises only ~0.1 °C, no difference”)
    kept += [(desc, item) for desc, item in marks
             if len(re.findall(r"[A-Za-z]{2,}|[\u4e00-\u9fff]", MARK_WORDS.sub(" ", desc))) >= 2]
    kept += [(desc, item) for term, desc, item in fields if ATTEMPT_WHY.fullmatch(_bare(term))]
    parts = []
    for desc, item in kept:
        parts += [desc.strip(), *map(_written, item.children)]
    return "\n\n".join(p for p in parts if p) or None  # (nothing kept: the list as written)


# The fields of a record of one's own try at a question: the answer one gave, how it was marked (how sure one
# was is no mark), and the reasons that answer the question.
ATTEMPT_OWN = re.compile(r"(?:my|our) (?:answer|attempt|solution|guess|prediction)|(?:i|we) (?:said|answered|wrote|guessed|put)|predict|"
                         r"我的(?:答案|作答|解答|回答)|我(?:写|答|说)的|(?:私|自分)の(?:答え|解答)", re.I)
CORRECT_FIELD = re.compile(r"correct(?:ion| answer)?|right answer|(?:正确|参考|标准)答案|正解|订正|actual(?: (?:output|shape|result))?|实际(?:输出|结果)?", re.I)
ATTEMPT_MARK = re.compile(r"result|verdict|score|marks?|graded?|结果|对错|得分|判分|批改", re.I)
ATTEMPT_WHY = re.compile(r"why|reasons?|explanation|correct(?:ion| answer)?|right answer|the fix|fix|actual(?: answer)?|"
                         r"(?:model |the )?(?:answer|solution)|解析|原因|正解|(?:正确|参考|标准)答案|订正|讲解|为什么", re.I)
MARKED_RIGHT = re.compile(r"✅|✓|✔|\bcorrect\b|\bright\b|full marks|满分|答对|全对|^\s*对(?:了|的)?\s*[!！。]?\s*$")
PARTLY = re.compile(r"\b(?:not|partly|partially|half|mostly|almost|but)\b|-ish\b|½|部分|一半|基本|半对|不太|但")
# (what a result says besides its mark: all but these, “wrong-ish: staling happens even in sealed bags”)
MARK_WORDS = re.compile(rf"{MARKED_WRONG.pattern}|{MARKED_RIGHT.pattern}|{PARTLY.pattern}|\b(?:idea|place|answer)\b", re.I)


# A line under an answer that marks it (“**判：** ❌ 答偏了”, “Verdict: ✓”), and a line that adds to it or sets it right
# (“**补充：** …”, “Correction: …”).
VERDICT_LINE = re.compile(r"\s*+(?:\*\*)?\s*+(?:判|判定|对错|批改|评判|verdict|graded?)\s*+(?:\*\*)?\s*+[:：]\s*+(?:\*\*)?(?P<mark>.*)",
                          re.I)
# (the mark opens it: “❌ 答偏了”, “✓”, “⚠️ 半对”, “wrong —”; words alone, “not guilty”, and a word that opens a
# sentence, “Wrong word order in my draft but …”, “correct answer is …”, mark nothing)
VERDICT_MARK = re.compile(r"\s*+(?:\*\*)?\s*+(?:(?:⚠️?\s*+)?(?P<wrong>[❌✗✘×]|错(?![\u4e00-\u9fff])|错[了的误]|答错|不对|不正确|"
                          r"(?:wrong|incorrect)\b(?!\s+[a-z]))|(?P<partly>(?:(?:⚠️?|❓)\s*+)?(?:半对|部分对|基本对|partly(?: right| correct)?|"
                          r"partially(?: right| correct)?|half(?: right)?|mostly right|½)|⚠️?|❓)|"
                          r"(?P<right>[✅✓✔√]|对(?![\u4e00-\u9fff])|对[了的]|正确(?!答案)|(?:right|correct)\b(?!\s+[a-z])))", re.I)
REMARK_AFTER_MARK = re.compile(r"\s*+(?:wrong|right|correct|incorrect|对[了的]?|错[了的误]?|正确)?\s*+(?:[(（](?P<aside>[^()（）]+)[)）]\s*+$|"
                               r"[—–:：-]\s*+(?P<remark>.+))", re.I)
ADDED_LINE = re.compile(r"^\s*+(?:\*\*)?\s*+(?:补充|订正|更正|正解|纠正|addendum|correction|note\b)\s*+(?:\*\*)?\s*+[:：]\s*+(?:\*\*)?\s*+",
                        re.I)


def _judged_answer(answer: str) -> str:
    """An answer a quizzing partner marked (“是，会卡在局部最小。” over “**判：** ❌ 答偏了” and “**补充：** 大部分是鞍点…”):
    the answer given, where the mark says it was right, and what was added; the mark itself is no part of it."""
    lines = answer.splitlines()
    at = next((n for n, line in enumerate(lines) if n and VERDICT_LINE.fullmatch(line)), None)
    if at is None:
        return answer
    said = VERDICT_LINE.fullmatch(lines[at]).group("mark")
    mark = VERDICT_MARK.match(said)
    if mark is None:
        return answer  # (“Graded: 8/10” says how much, not whether; a court's “Verdict: not guilty” is the answer)
    added = [ADDED_LINE.sub("", line, count=1) for line in lines[at + 1:] if line.strip()]
    # (a mark that explains itself after a dash, a colon or a bracket answers too: “✓ — contrast the balance of
    # probabilities in civil cases”, “✗ — also the intention to permanently deprive”; “✅ nice, remembered it” is chatter)
    remark = REMARK_AFTER_MARK.match(said, mark.end())
    remark = remark and (remark.group("aside") or remark.group("remark")).strip()
    # (after a wrong mark, any remark sets it right: “✗ — 80S”)
    told = [remark] if remark and (mark.group("wrong") or len(re.findall(r"[A-Za-z]{2,}|[\u4e00-\u9fff]", remark)) >= 3) \
        else []
    if mark.group("wrong"):
        # (what it should have been, in its lines or after its mark, “判：错误，应为核糖体”; with nothing to set it right,
        # no answer: a wrong one taught is worse; one marked only partly right keeps both)
        # (“❌ 答偏了” says only how it went)
        rest = re.match(r"\s*+[,，:：;；]\s*+(.+)", said[mark.end():])
        told = told or ([rest.group(1).strip(" \t*。.")] if rest and not added else [])
        return "\n".join((*told, *added)).strip()
    return "\n".join(line for line in (*lines[:at], *told, *added) if line.strip()).strip()


def _marked_wrong(blocks: list[Block]) -> bool:
    """Whether a grader's remark marks one's answer wrong (“【批】感受野 ✗（−4）”), in one of the next two
    paragraphs after it (“比例 ≈ 0.12” may end the answer first); one marked right (“【批】✓ 满分”) is read."""
    after = [b for b in blocks if b.kind in ("paragraph", "quote")][:2]
    return any(GRADED.match(b.text) and MARKED_WRONG.search(b.text) for b in after)


# A choice's option on a line of its own (“**B:** dropout”, “C) weight decay”).
OPTION_LINE = re.compile(r"\s*(?:\*\*)?[B-F]\s*(?:\*\*)?\s*[:：.)）]", re.I)
# A question put to someone about themselves (“您当年为什么…”, “Do you still think…”): an interview's.
ADDRESSED = re.compile(r"您|\b(?:do|did|would|will|were|are|have|had) you\b|\byour (?:view|opinion|take|advice)\b", re.I)
# A line that is only a label over one's own answer (“**我的答案：**”, “**My answer:**”, “我的解答：”).
OWN_ANSWER_LINE = re.compile(r"(?:\*\*)?\s*(?:我的(?:答案|解答|作答|解法|回答)|my (?:answer|attempt|solution|working))\s*"
                             r"(?:[:：]\s*(?:\*\*)?|(?:\*\*)?\s*[:：])", re.I)


# Someone's words in quotes, then a mark on them (“- Priya: "Predictions depend on the batch." ✔”, “- Someone at the
# back: "The running stats get overwritten." → ✔ partly”): a reply in class, marked, not what the name is.
MARKED_REPLY = re.compile(r"\s*+[\"“「『][^\"”」』\n]{2,400}+[\"”」』]\s*+(?:→\s*+)?[✔✓✗✘❌✅]")


# A page's title that names a collection, not one thing (“cards draft — optimizers”, “Talk notes — …”, “复习笔记”).
COLLECTION_TITLE = re.compile(r"\s[—–]\s|:\s|\b(?:drafts?|notes|cards|talk|review|cheat ?sheet|summary)\b|笔记|草稿|整理|复习|汇总",
                              re.I)
# Where an interview question was asked, as a label over the question's notes (“**场景**：某厂一面，给了一张 A4 纸”; a
# table's column “场景” says when a test is used).
INTERVIEW_SETTING = re.compile(r"场景|面试场景|面试官|面试形式|interviewers?|format", re.I)
# (on an interview's page only: a design pattern's or a frame's “场景” is when it applies)
INTERVIEW_PAGE = re.compile(r"面试|[一二三四]面|interview|真题|八股", re.I)
# One's own first try at translating a sentence (“我的翻译：…”, “初译：…”, “My translation: …”), and the fields a
# translation exercise writes beside it (“修改：…”, “笔记：…”, “语法：…”; “修改程序” in a constitution is a term).
TRANSLATION_DRAFT = re.compile(r"我的翻译|我的译文|初译|第一遍|my (?:translation|draft)|first (?:try|draft)", re.I)
TRANSLATION_FIELD = re.compile(r"修改(?:后|版)?|改译|译文|笔记|语法|notes?|revised|revision|grammar|corrected", re.I)
# Someone answering in class, as notes of a lecture's questions record them (“A (Priya): "…"”, “- Tom: "Dropout stays
# on." ✔”, “Someone at the back”, “有同学”).
REPLY_TAG = re.compile(r"(?:^|\n)[ \t]*+(?:[-*+][ \t]++)?(?:\*\*)?(?:A|答)[ \t]*+[(（][ \t]*+(?P<a>[A-Z][a-z]+|[\u4e00-\u9fff]{1,3})|"
                       r"(?:^|\n)[ \t]*+[-*+][ \t]++(?P<b>[A-Z][a-z]+|[\u4e00-\u9fff]{1,3})[ \t]*+[:：][ \t]*+[\"“「]")
SOMEONE = re.compile(r"someone\b.*|a student\b.*|another student\b.*|(?:有|某|一位|一个)?同学\S{0,3}|有人", re.I)


def _repliers(outline: Outline) -> set[str]:
    """The names that answer in class on this page, each at least twice (“A (Priya): …”, “- Priya: "…" ✔”)."""
    seen: Counter = Counter()
    for _, section in iter_sections(outline.root):
        for block in section.blocks:
            text = block.text if block.kind == "paragraph" else "\n".join("- " + it.text for it in block.items) \
                if block.kind == "list" else ""
            seen.update(m.group("a") or m.group("b") for m in REPLY_TAG.finditer(text))
    return {name for name, n in seen.items() if n >= 2}


def _quoted_pairs(block: Block) -> list[tuple[str, int]]:
    """A quote made of questions and their answers (“> **Q:** …” over “> **A:** …”): each pair's text, without
    the quote's marks, and its line; empty for any other quote (a passage quoted, a remark, a callout)."""
    lines = [re.sub(r"^\s*>\s?", "", line) for line in block.text.splitlines()]
    if any(line.lstrip().startswith(">") for line in lines):
        return []  # (a quote within the quote: someone else's words, answered or not)
    starts = [n for n, line in enumerate(lines) if QA_LINE.match(line)]
    if not starts or any(line.strip() for line in lines[:starts[0]]):
        return []
    if any(OPTION_LINE.match(line) for line in lines):
        return []  # (“A: batch size” beside “B: dropout”: a choice's options, not an answer)
    pairs = []
    for start, end in zip(starts, [*starts[1:], len(lines)]):
        text = "\n".join(lines[start:end]).strip()
        qa = QA.match(text)
        if not any(A_LINE.match(line) for line in lines[start + 1:end]) or qa is None:
            return []  # (a question not answered here: it asks, nothing more)
        if not ASKS_OR_BLANK.search(qa.group("q")) or ADDRESSED.search(qa.group("q")):
            # (“> **Q:** charge on each plate” over “> **A:** area of one plate”: a legend of symbols; “> **Q:**
            # 您当年为什么…”: an interview, someone's views)
            return []
        pairs.append((text, block.source.line + start))
    return pairs
# A line that asks (a question mark, a blank to fill “（ ）”, options inline “A. … B. …”): the next question.
ASKS_AGAIN = re.compile(r"[?？]\s*$|[(（]\s*[)）]|(?:^|\s)[(（]?A[.)）．、]\s*\S.*\s[(（]?B[.)）．、]\s*\S", re.M)


def _option_lines(block: Block) -> bool:
    """A paragraph of two options or more lettered from A on, a line each or side by side (“A. 3.4e38　B. 65504”)."""
    if block.kind != "paragraph":
        return False
    letters = [m.group(1).upper() for m in re.finditer(r"(?:^|\s)\(?([A-Fa-f])[.．、)）]\s*\S", block.text)]
    return len(letters) >= 2 and letters == [chr(ord("A") + n) for n in range(len(letters))] \
        and CHOICE_OPTION.match(block.text) is not None


# A stem that asks to choose among its options (“Which statement is not necessarily true?”, “以下哪个说法正确”,
# “正确的是”); “Which equations define …?” and “下列公式要背” ask for them all.
ASKS_TO_CHOOSE = re.compile(r"\bwhich (?:of the following|one|statement|option|claim)s?\b|以下哪|下列(?:哪|说法|选项|表述|叙述)|"
                            r"(?:正确|错误|不正确|不对)的是|\b(?:not necessarily|always|never) (?:true|holds?)\b", re.I)


def _one_unknown(block: Block) -> bool:
    """Lettered options, under a numbered question, that are values of one unknown (“(a) $A^{-1}v = \\lambda v$”,
    “(b) $A^{-1}v = \\frac{1}{\\lambda} v$”): the same left side in each, so they are alternatives, not identities
    to learn."""
    sides = [m.group(1).replace(" ", "") for it in block.items if (m := re.search(r"(?<![\w$])\$([^$=<>]+)=", it.text))]
    # (three at least, and an option in words among them may say none holds: “(d) $v$ is not an eigenvector”)
    return len(sides) >= 3 and len(set(sides)) == 1


def _choice_options(block: Block) -> bool:
    """A list of two options or more lettered from A (or a) on: the options of a choice question."""
    if block.kind != "list" or len(block.items) < 2:
        return False
    letters = [(m.group("l") or m.group("m")).upper() if (m := CHOICE_OPTION.match(it.text)) else "" for it in block.items]
    return letters == [chr(ord("A") + n) for n in range(len(letters))]


def _choice(blocks: list[Block], i: int) -> tuple[str, list[Block], list[Block]] | None:
    """A choice question written in one paragraph ``blocks[i]``, a line each (its stem, its lettered
    options, its answer and what follows): the front, the answer's blocks, and the blocks after it
    they take."""
    block = blocks[i]
    if "\n" not in block.text:
        return None
    lines = block.text.splitlines()
    first = next((n for n, line in enumerate(lines) if n and (m := CHOICE_OPTION.match(line))
                  and (m.group("l") or m.group("m")).upper() == "A"), None)
    if first is None:
        return None
    options = []
    for line in lines[first:]:
        m = CHOICE_OPTION.match(line)
        if not m or (m.group("l") or m.group("m")).upper() != chr(ord("A") + len(options)):
            break
        options.append(line.strip())
    rest = lines[first + len(options):]
    if len(options) < 2 or not rest or not CHOICE_ANSWER.match(rest[0]):
        return None
    # (the answer's lines end where a line asks again: “Q: ReLU 的缺点是什么？”)
    end = next((n for n, line in enumerate(rest) if n and (ASKS_AGAIN.search(line) or QA_LINE.match(line))), len(rest))
    rest = rest[:end]
    asked = "\n".join(lines[:first]).strip() + "\n\n" + "\n".join(f"- {o}" for o in options)
    answer = _choice_answer([replace(block, text="\n".join(rest).strip()), *blocks[i + 1:]])
    return asked, answer, answer[1:]


# A statement to judge (“ReLU 在 0 点可导。（ ）”) and its verdict (“答案：×”, “**答案：√**”, “答：错”, “Answer: False”).
JUDGE_BLANK = re.compile(r"(?:（\s*）|\(\s+\))\s*$")
JUDGE_ANSWER = re.compile(r"\s*(?:\*\*)?\s*(?:(?:正确)?答案|答|(?:the )?answer)\s*(?:\*\*)?\s*(?:[:：]|为|是|is)?\s*(?:\*\*)?\s*"
                          r"(?:[√✓✔×✗✘]|对|错|正确|错误|true\b|false\b)", re.I)


def _true_or_false(blocks: list[Block], i: int) -> tuple[str, list[Block], list[Block]] | None:
    """A true-or-false question: a statement ending in a blank “（ ）” and its verdict, on the next line
    or in the next paragraph, with what explains it: the front, the answer's blocks, the blocks taken."""
    lines = blocks[i].text.splitlines()
    if not lines or not JUDGE_BLANK.search(lines[0]):
        return None  # (the statement opens its paragraph: a line above it is notes of its own)
    rest = lines[1:]
    # (the verdict's lines end where the next statement begins)
    rest = rest[:next((n for n, line in enumerate(rest) if JUDGE_BLANK.search(line)), len(rest))]
    if rest:
        if not JUDGE_ANSWER.match(rest[0]):
            return None
        answer = _explained([replace(blocks[i], text="\n".join(rest).strip()), *blocks[i + 1:]])
        return lines[0].strip(), answer, answer[1:]
    if i + 1 < len(blocks) and blocks[i + 1].kind == "paragraph" and JUDGE_ANSWER.match(blocks[i + 1].text):
        answer = _explained(blocks[i + 1:])
        return blocks[i].text.strip(), answer, answer
    return None


# A line that judges the statement above it (“**判断：×**”, “答案：对”, “**True or false:** False”, “T/F: T”).
VERDICT = re.compile(r"\s*(?:\*\*)?\s*(?P<label>判断|判定|对错|答案|答|结论|true or false|t\s*/\s*f|answer|verdict)\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*"
                     r"(?P<v>[√✓✔×✗✘]|正确|错误|看情况|视情况而定|不一定|"
                     # (a word that may begin a sentence, “对 $\theta$ 求导”, “False promise…”, only where it ends)
                     r"(?:对|错|true|false|it depends|(?-i:T|F))(?=\s*(?:$|\*\*|[.。,，;；!！(（—–-]))"
                     r")(?!\w)(?!\s*[=(（])"
                     r"\s*(?:\*\*)?", re.I | re.M)
WRONG_VERDICT = re.compile(r"[×✗✘]|错|错误|false|f", re.I)
DEPENDS_VERDICT = re.compile(r"it depends|看情况|视情况而定|不一定", re.I)
# What names a claim before it (“Myth 1: “Adam needs no tuning””, “误区 3：…”, “Claim:”), and the quotes around it.
_CLAIM_WORDS = r"myths?|misconceptions?|claims?|statements?|误区|误解|说法|谣言|迷思"
_CLAIM_NUMBER = r"\s*#?\s*[\d一二三四五六七八九十]*\s*[:：.、]"
CLAIM_LABEL = re.compile(rf"\s*(?:{_CLAIM_WORDS}|观点){_CLAIM_NUMBER}\s*", re.I)
# A heading that names a claim as one (“## Myth 7: “Double the batch…””, “### 误区 2：…”).
# (“观点：” names a view, which it strips, not a claim to judge)
CLAIMED = re.compile(rf"\s*(?:\d+[.)]\s*)?(?:{_CLAIM_WORDS}){_CLAIM_NUMBER}", re.I)
# A label that asks to judge (“判断：”, “True or false:”), against one that only answers (“答案：”, “Answer:”).
JUDGING_LABEL = re.compile(r"判断|判定|对错|true or false|t\s*/\s*f", re.I)


def _claimed(heading: str) -> str:
    """The claim a heading states, without what names it and its quotes (“Myth 1: “Adam needs no tuning”” →
    “Adam needs no tuning”)."""
    claim = CLAIM_LABEL.sub("", heading, count=1).strip()
    return claim[1:-1].strip() if len(claim) > 2 and claim[0] + claim[-1] in ('""', "“”", "「」", "''", "‘’") else claim
# What corrects a statement judged wrong (“改正：…”, “**Correction:** …”, “应为…”).
CORRECTS = re.compile(r"\s*(?:\*\*)?\s*(?:改正|更正|订正|纠正|正确(?:的)?说法|应为|应该是|correction|corrected|"
                      r"the (?:right|correct) (?:statement|version))\s*(?:\*\*)?\s*[:：]?", re.I)


def _verdict(block: Block, heading: str = "") -> tuple[bool, str, bool] | None:
    """A paragraph that opens with a verdict on the statement ``heading`` (“**判断：×** （~~我一开始判了√~~）”):
    whether it judges it wrong, the verdict as the answer says it (“×（错）”, “False”), and whether it asks to judge
    (“判断：”, or a claim named so, “Myth 2:”), so that a paragraph under it explains it; else None."""
    match = VERDICT.match(block.text) if block.kind == "paragraph" else None
    if match is None:
        return None
    wrong = WRONG_VERDICT.fullmatch(match.group("v")) is not None
    depends = DEPENDS_VERDICT.fullmatch(match.group("v")) is not None
    said = ("看情况" if depends else "×（错）" if wrong else "√（对）") if CJK.search(block.text) else \
        ("It depends" if depends else "False" if wrong else "True")
    judging = JUDGING_LABEL.fullmatch(match.group("label")) is not None
    if (depends and not judging or match.group("label").casefold() in ("verdict", "结论")) and not CLAIMED.match(heading):
        return None  # (“Verdict: It depends” under a laptop's name, “结论：不一定” under a topic's: no claim to judge)
    wrong = wrong or depends  # (a myth true only sometimes names nothing the cards under it are about either)
    judged = judging or CLAIMED.match(heading) is not None
    # (what the line adds, without its struck asides and its remarks in brackets: “（~~我一开始判了√~~ 😅）”)
    rest = PAREN_TAIL.sub("", re.sub(r"~~[^~]*~~", "", block.text[match.end():])).strip(" *")
    if not re.search(r"\w", rest):
        return wrong, said, judged
    return wrong, said + rest if rest[0] in ",，.。;；:：" else f"{said} {rest}", judged


def _judged_statement(heading: str) -> bool:
    """A heading that states something to judge (“Adagrad 的有效学习率随训练单调不增。”, “Adam is invariant to
    rescaling the gradient”), not a label (“Q3”, “第 2 题”)."""
    bare = JUDGE_BLANK.sub("", heading).strip()
    if ASKS.match(bare) or re.search(r"[?？]|什么|哪|吗|呢|多少|几[个种]", bare) or SETS_A_TASK.match(bare):
        return False  # (“What does bool("False") evaluate to”, “Find the period…”: a question, answered “True”)
    return len(re.findall(r"[\u4e00-\u9fff]", bare)) + len(re.findall(r"[A-Za-z]\w*", bare)) >= 6


def _reasons(blocks: list[Block], wrong: bool, claimed: bool = False) -> list[Block]:
    """What a verdict's answer takes after it: the paragraph that corrects a statement judged wrong (“改正：…”),
    else the one that explains it (“理由：…”), if it comes first; else a short paragraph right under it."""
    for block in blocks[:2]:
        if block.kind != "paragraph":
            break
        if wrong and CORRECTS.match(block.text) or not wrong and EXPLAINS.match(block.text):
            return [block]
    # (on a page of myths or a 判断题 sheet, a paragraph that says why right under it, unlabelled: “`3e-4` is a decent
    # default, that's all.”; under a bare “Answer:” such a line may be anything, “Next week: chapter 6”)
    first = blocks[0] if blocks and claimed else None
    if first is not None and first.kind == "paragraph" and len(first.text) <= 300 and not LEAD_LABEL.match(first.text) \
            and not first.text.rstrip().endswith((":", "：")) and not ASIDE_AFTER.fullmatch(first.text.strip()) \
            and not _only_cites(first.text) and not re.match(r"\s*(?:见|参见|详见|see\b|cf\.)", first.text, re.I):
        return [first]
    return []


def _glued_answer(block: Block) -> tuple[Block, Block] | None:
    """Options whose last one runs on into the answer, no blank line between (“- D. …\n答案：A”):
    the options without it, and the answer as a paragraph of its own."""
    last = block.items[-1]
    lines = last.text.splitlines()
    cut = next((n for n, line in enumerate(lines) if n and CHOICE_ANSWER.match(line)), None)
    if cut is None:
        return None
    kept = replace(last, text="\n".join(lines[:cut]))
    answer = Block("paragraph", Source(last.source.path, last.source.line + cut), text="\n".join(lines[cut:]).strip())
    return replace(block, items=[*block.items[:-1], kept]), answer


def _bare_options(block: Block) -> bool:
    """Lettered options that are a few words each, with nothing said of them (“A. ReLU”, “B. tanh”): a
    quiz's, not the points of an answer (“A. **偏差**：模型的期望预测与真实值之差”)."""
    return all(len(CHOICE_OPTION.sub("", it.text, count=1).strip()) <= 24 and not re.search(r"[:：]", it.text)
               and not it.children for it in block.items)


def _answered_choice(blocks: list[Block]) -> bool:
    """Lettered options among ``blocks`` with the right letter written under them."""
    return any(_choice_options(b) and bool(_choice_answer(blocks[i + 1:]) or _own_choice_answer(blocks[i + 1:]))
               for i, b in enumerate(blocks))


def _own_choice_answer(blocks: list[Block]) -> list[Block]:
    """A 错题本's answer under a choice question's options: “**我的答案：A ❌　正确答案：B**” or “**我的答案：B
    ✅**”, written as the right letter (“答案：B”), and its reasons after it; empty when the right letter
    is not said."""
    if not blocks or blocks[0].kind != "paragraph":
        return []
    mine = OWN_CHOICE.match(blocks[0].text)
    if mine is None:
        return []
    right = mine.group("right") or (mine.group("mine") if mine.group("mark") in RIGHT_MARKS else None)
    if right is None:
        return []
    return _explained([replace(blocks[0], text=f"答案：{right}"), *blocks[1:]])


# Words that quote one's mistake (“写成了”, “写反了”, “I wrote”); “option A is wrong” quotes none.
MISTAKE = re.compile(r"写成|写反|写错|误写|错写|错成|我写|\bI (?:wrote|had|put)\b", re.I)
# A question that asks to choose among options (“哪个说法正确？”, “下列…错误的是”, “Which of the following”).
CHOOSES = re.compile(r"下列|以下哪|哪(?:个|一个|一项|些)(?:说法|选项|表述|叙述)|(?:正确|错误|不正确|不对)的是|"
                     r"\bwhich of the following\b|\bwhich statement\b", re.I)
# One's own answer to a choice question, marked, and the right one (“**我的答案：A ❌（第二次错了！！）　正确答案：B**”).
OWN_CHOICE = re.compile(r"\s*(?:\*\*)?\s*(?:我的答案|我选的?|my answer)\s*[:：]?\s*(?P<mine>[A-F])\s*(?P<mark>✅|✔️?|√|❌|✗|×)?"
                        r"(?:[^\n]*?(?:正确答案|正解|correct(?: answer)?)\s*[:：]?\s*(?:\*\*)?\s*(?P<right>[A-F]))?", re.I)
RIGHT_MARKS = ("✅", "✔", "✔️", "√")


# A choice question's record in a mistakes log: its options, the answer that is right and why (one's own pick
# beside them, “我选的：C”, is no answer).
OPTIONS_FIELD = re.compile(r"选项|options?|choices?|备选答案", re.I)
KEY_FIELD = re.compile(r"(?:正确|参考|标准)?答案|正解|correct(?: answer| option| choice)?|right answer|(?:answer )?key|answer", re.I)
WHY_FIELD = re.compile(r"解析|讲解|原因|错因|分析|为什么|why|explanation|reason(?:ing)?|rationale", re.I)


def _choice_record(blocks: list[Block], i: int, concept: str) -> tuple[str, list[Block], list[Block]] | None:
    """``blocks[i]`` a question, and under it a list of its options, the right answer and why (“- 选项：A. 1　B. 0.5
    - 我选的：B - 正确答案：**C** - 解析：…”): the question with its options, the answer with its reasons, and the
    blocks it takes; else None."""
    block, nxt = blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is None or nxt.kind != "list" or not (record := _choice_fields(nxt)):
        return None
    stem = block.text.strip()
    if not TRAILING_MARKS.sub("", stem).endswith(("?", "？")):
        if not concept:
            return None
        stem = TRAILING_MARKS.sub("", concept).strip() + "\n\n" + stem  # (“设 $X$ …” under “第 2 题 …”)
    shown, answer = record
    return stem + "\n\n" + shown, answer, [nxt]


# A problem's statement under its label (“**题目**：设 …”, “**Problem:** Show that …”), and its answer under its own
# label past the working (“**答案**：B”, “**Answer:** 1/3”).
PROBLEM_LABEL = re.compile(r"[\s*【\[]*+(?:题目|题干|原题|problem(?: statement)?|exercise|aufgabe|exercice|ejercicio|esercizio)"
                           r"[\s*】\]]*+[:：][\s*]*+", re.I)
PROBLEM_ANSWER = re.compile(r"[\s*【\[]*+(?:(?:正确|参考|最终)?答案|(?:final |correct )?answer|antwort|réponse|respuesta|risposta)"
                            r"[\s*】\]]*+[:：][\s*]*+(?=\S)", re.I)


def _problem_record(blocks: list[Block], i: int) -> tuple[str, list[Block], list[Block], bool] | None:
    """``blocks[i]`` a problem's statement under its label that asks (“求…”, “…（ ）”, “Find …”, “…?”) and, further on
    past its working, its answer under its own: the problem as asked (with the formula it shows and its options right
    under it), the answer with the working before it and the explanation after it (“**解析**：…”), the blocks it takes,
    and whether it offers options; else None. Only where nothing but working stands between (from its label on,
    “**秒杀思路**：”, “**Solution:**”) and the data the problem shows (a table, the line over it: “**全班选项分布**”
    over the class's votes): notes of their own between, a list of definitions, a question asked (“Can silence …?”),
    say the answer may be another problem's. Not where the answer is marked wrong or set right after it (“**Answer:**
    A ❌”, “**更正**：…”), nor where the problem shows code (“What does this print?”: the code's card, checked)."""
    block = blocks[i]
    if block.kind != "paragraph" or not (label := PROBLEM_LABEL.match(block.text)):
        return None
    stem = block.text[label.end():].strip()
    if not (PROBLEM_ASKS.search(stem) or PROBLEM_BLANK.search(stem) or OPTION_A.search(stem) and OPTION_B.search(stem)):
        return None  # (“**Problem:** RNNs are sequential and slow to train.”: the problem a paper solves, told)
    end = next((j for j in range(i + 1, len(blocks))
                if blocks[j].kind == "paragraph" and PROBLEM_LABEL.match(blocks[j].text)), len(blocks))
    key = next((j for j in range(i + 1, end) if blocks[j].kind == "paragraph" and PROBLEM_ANSWER.match(blocks[j].text)), None)
    if key is None or WRONG_ANSWER_MARK.search(blocks[key].text) or any(
            b.kind == "paragraph" and (CORRECTION_TURN.search(_turn(b)) or CORRECTING_TURN.match(b.text)) for b in blocks[key + 1:end]):
        return None
    # (a statement that needs the figure or the table below it, “写出下图所示…”, cannot go on a card)
    if blocks[i + 1].kind in ("table", "code") or blocks[i + 1].kind == "paragraph" and IMAGE_ONLY.fullmatch(blocks[i + 1].text):
        return None
    shown, j = [stem], i + 1
    while j < key and blocks[j].kind == "math":
        shown.append(_written(blocks[j]))  # (“**Problem:** Solve the system” over its $$…$$)
        j += 1
    options = j
    while j < key and (_choice_options(blocks[j]) or blocks[j].kind == "paragraph"
                       and OPTION_A.search(blocks[j].text) and OPTION_B.search(blocks[j].text)):
        shown.append(_written(blocks[j]))  # (“(A) $-9$　(B) 9　(C) 18　(D) $-18$”)
        j += 1
    working = next((n for n in range(j, key) if blocks[n].kind == "paragraph"
                    and (EXPLAINS.match(blocks[n].text) or WORKING_LEAD.match(blocks[n].text))), key)
    if not all(blocks[n].kind == "table" or blocks[n].kind == "paragraph" and "\n" not in blocks[n].text.strip()
               and n + 1 < working and blocks[n + 1].kind == "table" for n in range(j, working)):
        return None
    explained = _explained(blocks[key:end])
    chosen = j > options or bool(OPTION_A.search(stem) and OPTION_B.search(stem))
    return "\n\n".join(shown), [explained[0], *blocks[working:key], *explained[1:]], \
        blocks[i + 1:key + len(explained)], chosen


# A problem that asks by a blank to fill (“则 $r(A^*)=$（ ）”, “$E[X] = $ ____”) or a question mark.
PROBLEM_BLANK = re.compile(r"[?？]|[(（]\s*+[)）]|_{3,}|=\s*+\$?\s*+$|求|证明|计算|"
                           r"\b(?:solve|find|compute|calculate|show|prove|determine|evaluate|derive|simplify)\b", re.I)
# An answer marked wrong on its line (“**Answer:** A ❌”, “**答案**：A（错）”): one's own, not the key.
WRONG_ANSWER_MARK = re.compile(r"[❌✗✘×]|[(（]\s*+(?:错|wrong|incorrect)\s*+[)）]", re.I)
WORKING_LEAD = re.compile(r"[\s*【\[]*+\S{0,4}思路|[\s*]*+(?:approach|idea|hints?|working|solution|lösung|rechnung|ansatz)\b", re.I)


def _choice_fields(block: Block) -> tuple[str, list[Block]] | None:
    """A list that records a choice question's options, its right answer and why: the options as shown, and the
    answer with its reasons; else None."""
    fields = [(_bare(term).strip(), desc.strip(), item) for item in block.items
              for term, desc in [split_label(item.text) or ("", "")]]
    options = [(desc, item) for term, desc, item in fields if OPTIONS_FIELD.fullmatch(term)]
    keys = [(desc, item) for term, desc, item in fields if KEY_FIELD.fullmatch(term) and desc]
    if len(options) != 1 or len(keys) != 1:
        return None
    desc, item = options[0]
    shown = "\n".join([desc, *(_list_markdown(b) if b.kind == "list" else b.text for b in item.children)]).strip()
    if not (OPTION_A.search(shown) and OPTION_B.search(shown)):
        return None
    # (the answer names an option: “**B**”, “B. 15”, “BC”; a poll's “still undecided” or a config's “any
    # combination may be listed” answers no choice question)
    if not re.match(r"[\s*【\[(（]*+(?-i:[A-F])(?:\s*+[,，、/]?\s*+(?-i:[A-F]))*+(?![A-Za-z])", keys[0][0]):
        return None
    why = [(desc, item) for term, desc, item in fields if WHY_FIELD.fullmatch(term)]
    answer = [Block("paragraph", it.source, "\n\n".join([d, *map(_written, it.children)]).strip())
              for d, it in (*keys, *why)]
    return shown, answer


def _choice_answer(blocks: list[Block]) -> list[Block]:
    """The answer under a choice question's options (“**答案：B**”) and its reasons after it, up to
    the next question; empty when no answer is written."""
    if blocks and blocks[0].kind == "paragraph" and "\n" in blocks[0].text:
        # (one's own pick on a line above the right one, “我的答案：C ❌” over “正确答案：B”: the right one answers)
        first, rest = blocks[0].text.split("\n", 1)
        if OWN_PICK.match(first) and CHOICE_ANSWER.match(rest):
            blocks = [replace(blocks[0], text=rest), *blocks[1:]]
    if not blocks or blocks[0].kind != "paragraph" or not CHOICE_ANSWER.match(blocks[0].text):
        return []
    return _explained(blocks)


OWN_PICK = re.compile(r"\s*+(?:\*\*)?(?:我的答案|我选(?:的)?|我的选择|my (?:answer|pick|choice)|i (?:chose|picked|answered))", re.I)


def _explained(blocks: list[Block]) -> list[Block]:
    """An answer ``blocks[0]`` and what explains it after it, up to the next question."""
    out = [blocks[0]]
    explaining = EXPLAINS.search(blocks[0].text) is not None  # (“答案：B\n解析：…” in one paragraph)
    for n, block in enumerate(blocks[1:], 1):
        if len(out) == 4 or _prompt(block) \
                or block.kind in ("paragraph", "quote") and (n + 1 < len(blocks) and _choice_options(blocks[n + 1])
                                                             or ASKS_AGAIN.search(block.text)
                                                             or NUMBERED_MARK.match(block.text) or QA.match(block.text)) \
                or block.kind == "list" and (_choice_options(block) or any(ASKS_AGAIN.search(it.text) for it in block.items)):
            break  # the next question
        if block.kind in ("paragraph", "quote") and EXPLAINS.match(block.text.lstrip("> ")):
            out.append(block)  # (“解析：…”, “> 解析：…”, “逐项分析：”)
            explaining = True
            continue
        if explaining and block.kind in ("list", "code", "math") and out[-1] is blocks[n - 1]:
            out.append(block)  # what the explanation shows right under it (“逐项分析：” over “- A. 对：…”)
            continue
        break  # (notes of their own after the answer: a definition, a formula, the next point)
    return out


def _answer_blocks(blocks: list[Block]) -> list[Block]:
    """The blocks that answer a prompt: what follows it up to the next prompt (or a table,
    a quote), at most a few; and a list of the answer's facets right after them (“- 优点：…”, “- 缺点：…”
    under “…和 SGD 比有什么优缺点？”), which has no other subject."""
    out: list[Block] = []
    for block in blocks:
        if len(out) == 4 and block.kind == "list" and _facet_list(block):
            out.append(block)
            break
        if block.kind == "callout" and not out and GENERIC_BOX.fullmatch(box_title(block.text)):
            return [block]  # a folded “答案” under the question
        if out and block.kind == "paragraph" and BOLD_LINE.fullmatch(block.text.strip()):
            break  # “**Q9. 一张表总结**”: a heading written in bold begins the next part
        if block.kind not in ANSWER_KINDS or _prompt(block) or QA.match(block.text) \
                or len(out) == 4 or block.ordered and any(_asks(it.text) for it in block.items):
            break  # (a numbered list of questions: the prompts after it, numbered on)
        out.append(block)
    return out


# A call's signature as API documentation writes it, one per line.
# Its arguments are names, with defaults or a bare “*”, never values; a call in the notes passes
# values (“torch.randint(1, n, size=(10, 10))”, “print(c.grad)”).
_PARAMETER = r"\s*(?:\*{0,2}[A-Za-z_]\w*(?:\s*:\s*[\w.\[\]| ]+)?(?:\s*=\s*[^,()\n]+)?|\*|/)\s*"
# (or a ``def`` line copied out of the source, without its body: “def zero_grad(self, set_to_none: bool = True):”)
SIGNATURE = re.compile(rf"(?:(?:def\s+)?[A-Za-z_][\w.]*\((?:{_PARAMETER}(?:,{_PARAMETER})*)?\)(?:\s*->\s*[\w.\[\], ]+)?"
                       rf":?[ \t]*\n?)+")
# A line that says what follows is what a program printed (“输出：”, “Output:”, “运行结果如下”).
OUTPUT_LEAD = re.compile(r"(?:^|[\s，,。.])(?:输出|运行结果|结果|打印出?|output|prints?|result)\s*(?:如下|is|was)?\s*"
                         r"(?:[(（][^()（）\n]*[)）]\s*)?[:：]\s*$", re.I)  # (“output (pasted):”)
# A paragraph that says what the code above it printed (“output: all `True`”, “**输出**：…”).
RAN_OUTPUT = re.compile(r"\s*+\**(?:输出|运行结果|output|printed|prints|it prints|"
                        # (“checks out: $2x + 3$ → 7, 9 ✓”: the output is what the writer expected)
                        r"checks? out|matches|as expected|对上了|符合预期|结果正确)\**\s*+[:：,，]\**\s*+\S", re.I)
# A caption that only says the code checks something (“Quick check:”, “验证一下：”): it checks a claim
# of the text, with nothing of its own to write from memory.
CHECK_CAPTION = re.compile(r"\s*(?:\*\*)?(?:(?:a )?(?:quick|sanity|numerical|numeric|small) )?(?:check|verification|test)"
                           r"(?: it| this)?(?:\*\*)?\s*[:：.]?(?:\*\*)?\s*|"
                           r"\s*(?:\*\*)?(?:简单|快速)?(?:验证|检验|检查|自检)(?:一下)?(?:\*\*)?\s*[:：]?(?:\*\*)?\s*", re.I)
# A sentence that says the code after it checks a claim (“a sanity demo I wrote to convince myself the
# product is unchanged:”, “自己验证一下形状对不对：”).
CHECKING_LEAD = re.compile(r"\bsanity[- ](?:check|demo|test)\b|\bto convince myself\b|说服自己|自己(?:验证|确认)一下", re.I)
# A debugger's session pasted in (“(Pdb) n”, “ipdb> c”, “(gdb) bt”).
DEBUGGER_SESSION = re.compile(r"^\s*(?:\((?:Pdb|gdb|lldb)\)|i?pdb>)", re.M)
# What a program printed rather than code: an error, a traceback, a tensor's repr.
# An error a notebook's output shows (“RuntimeError: …”, a traceback).
SHOWN_ERROR = re.compile(r"Traceback \(most recent call last\)|^\s*[A-Z]\w*(?:Error|Exception)\b", re.M)
PRINTED = re.compile(r"\s*(?:Traceback \(most recent call last\)|[A-Z]\w*(?:Error|Exception|Warning):|tensor\(|-{20,})")


def _pasted_below(blocks: list[Block], i: int) -> str | None:
    """What the code block ``i`` printed, as the notes paste it: an output block right under it,
    or under a lead of its own (“Output:”, “输出：”) between them."""
    below = blocks[i + 1:i + 3]
    if below and below[0].kind == "paragraph" and len(below[0].text) <= 40 \
            and OUTPUT_LEAD.search(re.sub(r"[*_]", "", below[0].text)):  # (“**Output:**” too)
        below = below[1:]
    return below[0].text if below and below[0].kind == "code" and _is_output(below[0]) else None


# The languages a fence of what a program printed is marked with (“```text”, “```output”).
OUTPUT_LANGUAGES = frozenset("text txt plaintext plain output out stdout".split())


def _is_output(block: Block) -> bool:
    """A block with no language that is not Python, or one marked as plain text: text a program
    printed, as a notebook exported to Markdown shows it under its cell."""
    if block.language:
        # (a traceback shows the line that failed, “print(x @ x)”, and is still what was printed)
        return block.language.lower() in OUTPUT_LANGUAGES and ("print(" not in block.text or bool(SHOWN_ERROR.search(block.text)))
    tree = python_tree(block.text, "python")  # “tensor([2., 4., 6.])” reads as Python too: a value
    return tree is None or all(isinstance(st, ast.Expr) for st in tree.body) and "print(" not in block.text


def _written(block: Block) -> str:
    """A block as the notes wrote it: a paragraph's text, any other block written back as Markdown."""
    return block.text if block.kind == "paragraph" else _block_markdown(block)


def _block_markdown(block: Block) -> str:
    """A code, list or math block written back as Markdown."""
    if block.kind == "code":
        return "```" + block.language + "\n" + block.text.rstrip("\n") + "\n```"
    if block.kind == "math":
        return f"$${block.text}$$"
    if block.kind == "callout":  # “答案”, folded: what it holds
        return "\n\n".join(_box_markdown(b) for b in block.blocks)
    if block.kind in ("quote", "table"):  # (“> 解析：…” under a choice question's answer; a table as written)
        return block.text
    return _list_markdown(block)


# A box: its types that hold no card (a summary of the page, a quote, an example, a to-do), those
# that ask, and the titles that only say “here is the answer”.
BOX_NOT_CARDS = {"abstract", "summary", "tldr", "quote", "cite", "example", "todo"}
BOX_QUESTIONS = {"question", "faq", "help"}
GENERIC_BOX = re.compile(r"(?:参考)?答案|解答|解析|答|(?:点击)?(?:展开|查看|显示)(?:答案|详情|代码)?|详情|代码|提示|注意|说明|"
                         r"(?:show |see |the )?(?:answer|solution|details?|hint|code)s?|click to (?:expand|show|see)|"
                         r"note|tip|info|important|warning|caution|attention|danger|success|check|done", re.I)
UNFINISHED_BOX = re.compile(rf"🚧|\bTODO\b|\bWIP\b|{UNFINISHED_WORDS}", re.I)
BOX_TASK = re.compile(r"^(?:手写|手推|写出|推导|证明|实现|列出|简述|比较)|^(?:implement|write|derive|prove|explain|compare)\b", re.I)
BOX_LEAD = re.compile(r"^(?:(?:Q|问题?)\s*\d*\s*[:：.]|\d+\s*[.、)）]|(?:点击)?(?:展开|查看|显示)(?:答案|详情|解析)?\s*[:：]|"
                      r"click to (?:expand|show|see)(?: the)?(?: answer)?\s*[:：])\s*", re.I)


def _statement(text: str) -> str:
    """An item's text as the subject of a question about it: its emphasis marks out, its final
    stop dropped, no longer than a front can show."""
    text = " ".join(re.sub(r"\*\*|__", "", text).split()).rstrip("。.；;：:，, ")
    return _clip(text, before=False, limit=60 if CJK.search(text) else 100)


def _says_no_subject(question: str) -> bool:
    """“怎么选？”, “为什么？”, “Why?”, “How so?”: a question of a few words that names nothing."""
    words = strip_math(question).strip(" ?？*")
    return bool(words) and "`" not in question and "$" not in question and (
        len(CJK.findall(words)) <= 4 and not re.search(r"[A-Za-z]{2,}", words) if CJK.search(words)
        else words.lower() in ("why", "why not", "how", "how so", "when", "which one", "what for", "what else")
        or PRONOUN_QUESTION.fullmatch(words) is not None) or FACET_NAMED.fullmatch(words) is not None


# A question whose only subject is a pronoun (“What is it?”, “How to prevent”, “Why does it
# happen”): the section above names what it asks about.
PRONOUN_QUESTION = re.compile(r"(?:what|why|how|when|where)(?: (?:is|are|was|does|do|did|can|should|would))?"
                              r" (?:it|this|that|they|them)(?: \w+)?(?: (?:it|this|that|them))?|"
                              r"how to (?:prevent|fix|avoid|solve|detect|handle|use|choose)(?: it| this| them)?", re.I)


def box_title(text: str) -> str:
    """A box's title without its marks: “⭐ 2. 梯度消失的原因？” -> “梯度消失的原因？”,
    “👉 展开：手写 MHA” -> “手写 MHA”."""
    title = text.strip()
    for _ in range(3):
        title = title.lstrip("⭐★☆🔥👉💡❓❗✅✨📌🌟 \ufe0f").strip()
        title = BOX_LEAD.sub("", title)
    return UI_HINT.sub("", title).strip()


# What a folded box says about itself (“（点开看）”, “(click to expand)”): no part of its title.
UI_HINT = re.compile(r"\s*[(（][^()（）]*(?:点开|点击|展开|折叠|click|expand|spoiler|reveal)[^()（）]*[)）]", re.I)


def _box_markdown(block: Block, depth: int = 0) -> str:
    """What a box holds, written back as Markdown with its lists' numbers and nesting."""
    if block.kind in ("paragraph", "table", "quote"):
        return block.text
    if block.kind == "list":
        return _list_markdown(block, depth)
    if block.kind == "callout":
        title = box_title(block.text)
        inner = "\n\n".join(_box_markdown(b) for b in block.blocks)
        return f"**{title}**\n\n{inner}" if title and not GENERIC_BOX.fullmatch(title) else inner
    return _block_markdown(block)


SENTENCE_INSIDE = re.compile(r"[。；;！!？?]")
# Kinds whose key is an anchor two cards may share (two formulas for one left-hand side):
# the second and later get an occurrence count among equal anchors only.
ANCHORED = {CardKind.FORMULA, CardKind.CODE, CardKind.MANUAL}


def _dedupe(cards: list[Card]) -> list[Card]:
    """One card per identity, and one per (concept, kind, content): a section written twice
    (RMSProp / RMSprop) yields one set of cards. Deck names take the first spelling."""
    spelling: dict[tuple[str, ...], tuple[str, ...]] = {}
    by_uid: dict[str, Card] = {}
    by_content: set[tuple] = set()
    occurrences: dict[tuple, int] = {}
    out: list[Card] = []
    for card in cards:
        norm = tuple(normalize_name(d) for d in card.deck)
        deck = spelling.setdefault(norm, card.deck)
        if deck != card.deck:
            card = replace(card, deck=deck)
        content = (norm, card.kind, normalize_name(card.back) or normalize_name(card.front),
                   # (two properties of one thing may have one value: a Poisson's mean and variance; two
                   # questions to choose or judge may have one answer: “B”, “False”)
                   normalize_name(card.front) if "attribute" in card.flags or "choice" in card.flags
                   or card.kind is CardKind.MANUAL else "")  # (“Is HCl strong? — Yes”, “Is HF? — No”, “Is HNO₃? — Yes”)
        if content in by_content:
            continue
        if card.kind in ANCHORED or card.key.startswith("cloze:"):
            slot = (norm, card.kind, card.key)
            occurrences[slot] = occurrences.get(slot, 0) + 1
            if occurrences[slot] > 1:
                card = replace(card, key=f"{card.key}#{occurrences[slot]}")
        if card.uid in by_uid:
            continue
        by_uid[card.uid] = card
        by_content.add(content)
        out.append(card)
    return out


def _has_prose(outline: Outline) -> bool:
    return any(b.kind in ("paragraph", "list") and (b.text.strip() or b.items)
               for _, section in iter_sections(outline.root) for b in section.blocks)
