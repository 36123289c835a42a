"""Markdown notes -> an outline of sections, lists, paragraphs, math and code.

Parsing is markdown-it-py with plugins; nothing here re-scans the text with regular
expressions except to recognise dialect roles (d2l's ``:label:``) on whole lines. Every
node keeps the line it came from.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from markdown_it import MarkdownIt
from mdit_py_plugins.amsmath import amsmath_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from studydeck.errors import NotesError
from studydeck.model import Notice, Source
from studydeck.text import CJK, clean_name, language, say

# d2l-style roles that stand on a line of their own and carry no content for a card.
ROLE_LINE = re.compile(r"^\s*:(label|eqlabel|begin_tab|end_tab|width|numref|cite)?:[`\w\-, ]*`?\s*$"
                       # an outliner's block property (Logseq, Obsidian Dataview: “id:: 64f1…”), on a line of its own
                       r"|^\s*[A-Za-z][\w\-]{0,30}::(?!:)\s+\S.*$"
                       # a MyST target (“(sec-autograd)=”), on a line of its own
                       r"|^\s*\([\w:.-]+\)=\s*$")
# A chat export's message header: when, and who (“**22:23 Momo🍵**”, “[2024-04-11 22:04] 老周：”), on a line
# of its own above what they said, set off in bold or in brackets, and a word or two. It is one only where
# the same name heads two or more lines of the file: a video's “**15:05 Placement**” or “[12:40] Inference:”
# names a part of the talk. Who said it is no part of a question or an answer.
_CHAT_TIME = r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s++)?(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?"
_CHAT_NAME = r"[^\s*_:：\d\[\]［］][^\s*_:：\[\]［］]{0,15}(?:\s[^\s*_:：\[\]［］]{1,16})?"  # (a word or two)
CHAT_HEADER = re.compile(rf"\s*+(?:(?:\*\*|__){_CHAT_TIME}\s++(?P<bold>{_CHAT_NAME})(?:\*\*|__)|"
                         rf"[\[［]\s*+{_CHAT_TIME}\s*+[\]］]\s*+(?P<bracketed>{_CHAT_NAME}))\s*+[:：]?\s*+")
TAB_LINE = re.compile(r"^(?:#@tab|%%tab)\s+([^\n]*)\n?")
KEPT_TABS = {"pytorch", "all"}
# Fenced blocks a notes app draws or runs as a query: a diagram, a Dataview list, a chart.
NOT_PROGRAMS = {"dataview", "dataviewjs", "query", "tasks", "mermaid", "plantuml", "dot", "graphviz", "chart",
                "tikz", "ad-note", "excalidraw"}
ROLE_INLINE = re.compile(r":(numref|eqref|cite|citet|citep|label|eqlabel|ref):`[^`]*`")
_ROLE = r":(?:numref|eqref|cite|citet|citep|ref):`[^`]*`"
# A cross-reference goes with the words that point at it (“as was seen in :numref:`x`”,
# “如 :numref:`x` 所示”): a card that stands alone has nothing for them to point at.
REFERENCE_PHRASE = re.compile(
    r"正如\s*在?\s*" + _ROLE + r"\s*中?\s*(?:那样|所示|所述)?[，,]?|[与和跟同]\s*" + _ROLE +
    r"\s*中?\s*(?:类似|相似|相同|一样)的?|[与和跟同]\s*" + _ROLE + r"\s*中?\s*的(?=区别|不同|差别|差异)|\s*[（(]\s*(?:见|参见|see\s+)?" + _ROLE + r"\s*[）)]|"
    r"[如见在]\s*" + _ROLE + r"\s*(?:中)?(?:所示|所述|所描述的)?[，,]?|\s*" + _ROLE + r"\s*中的?|"
    r"[,，]?\s*(?:(?:\bas (?:was |is |we have |we )?(?:shown|seen|discussed|described|illustrated|introduced|defined|"
    r"mentioned|noted)\s+)?(?:in|see|from|cf\.|to|with|of|by|than)\s+)?" + _ROLE + r"|\(\s*(?:see\s+)?" + _ROLE +
    r"\s*\)|" + _ROLE, re.I)
# A citation (“:cite:`Zeiler.2012`”, keys as Author.Year) reads as its author and year.
CITATION = re.compile(r"\s*:(?:cite|citet|citep):`([^`]*)`")
CITES_OBJECT = re.compile(r"(?:[在由见于]|\b(?:in|by|see|from))\s*$", re.I)


def _citation(match: re.Match) -> str:
    names = []
    for key in match.group(1).split(","):
        parts = [p for p in key.strip().split(".") if p]
        year = parts.pop() if len(parts) > 1 and parts[-1][:4].isdigit() else ""
        if parts:
            author = parts[0] + (" et al." if len(parts) > 2 else " and " + parts[1] if len(parts) == 2 else "")
            names.append((author, year))
    if not names:
        return ""
    if CITES_OBJECT.search(match.string, 0, match.start()) or not match.string[:match.start()].strip():
        return " " + "; ".join(f"{a} ({y})" if y else a for a, y in names)  # “proposed by Zeiler (2012)”
    return " (" + "; ".join(f"{a}, {y}" if y else a for a, y in names) + ")"  # “AdaGrad (Zeiler, 2012)”


def references(text: str) -> str:
    """Text with its cross-references taken out (with the words that point at them) and its
    citations read as author and year."""
    if "}`" in text:  # MyST writes a role as {eq}`chain`: read as d2l's :eqref:`chain`
        text = MYST_TERM.sub(r"\1", MYST_ROLE.sub(lambda m: f":{MYST_ROLES[m.group(1)]}:`", text))
    if ":`" not in text:
        return text  # every pattern here reads a role (:name:`…`); most text has none
    return ROLE_INLINE.sub("", REFERENCE_PHRASE.sub("", CITATION.sub(_citation, text)))


MYST_ROLES = {"eq": "eqref", "ref": "ref", "numref": "numref", "doc": "ref", "cite": "cite", "cite:p": "citep",
              "cite:t": "citet", "cite:ps": "citep", "cite:ts": "citet"}
MYST_ROLE = re.compile(r"\{(" + "|".join(re.escape(k) for k in sorted(MYST_ROLES, key=len, reverse=True)) + r")\}`")
MYST_TERM = re.compile(r"\{term\}`([^`<]*?)\s*(?:<[^>`]*>)?`")  # {term}`VJP <vjp>`: the word


# Obsidian's own marks in running text: a comment (“%% to self %%”) is for the writer, and a
# highlight (“==Why?==”) is emphasis, read as its words. Code and math keep theirs (“a == b”).
OBSIDIAN_COMMENT = re.compile(r"%%.*?%%", re.S)
HIGHLIGHT = re.compile(r"(?<![=\\])==(?=[^\s=])((?:[^=\n]|=(?!=))+?)(?<=[^\s=])==(?!=)")  # (“==lr = 1e-3==”)
KEPT_SPANS = re.compile(r"(`+)[^`]*?\1|\$\$.*?\$\$|\$[^$\n]*\$", re.S)


def obsidian_marks(text: str) -> str:
    """``text`` without Obsidian comments, its highlights as plain words."""
    masked = KEPT_SPANS.sub(lambda m: "x" * len(m.group()), text)  # marks inside them are not marks
    cuts = [m.span() for m in OBSIDIAN_COMMENT.finditer(masked)]
    cuts += [(m.start(), m.start() + 2) for m in HIGHLIGHT.finditer(masked)]
    cuts += [(m.end() - 2, m.end()) for m in HIGHLIGHT.finditer(masked)]
    out, i = [], 0
    for start, end in sorted(cuts):
        if start >= i:
            out.append(text[i:start])
            i = end
    return "".join(out) + text[i:]


# HTML that only lays out or colours a page (“<font color=red>重点</font>”, “<center>”, a rule, an
# anchor, a site's component such as “<Badge text="beta" />”): its words stay, the tags go.
LAYOUT_TAG = re.compile(r"(?i:</?(?:font|span|div|center|p|section|hr)\b[^>]*>|<a\s+(?:name|id)=[^>]*>\s*</a>)|"
                        r"<[A-Z]\w*\b[^>]*/>|"
                        # the tags of HTML written for layout (“<h2 id="1">门控</h2>”, “<details>”, “<small>”)
                        # and an MDX page's components (“<TabItem value="ucb">”): the reader sees what they
                        # hold, not them (attributes quoted, so no “$a<b$” is one); “<br>”, “<sup>”, “<kbd>”
                        # and the other tags Anki shows stay
                        r"</?(?i:small|big|h[1-6]|summary|details|ins)"
                        r"(?:\s+[\w:-]+=(?:\"[^\"<>\n]*\"|'[^'<>\n]*'))*\s*/?>")
# A line of nothing but an MDX page's components (“<Tabs>”, “<TabItem value="ucb" label="UCB1" default>”):
# a generic type in prose (“ArrayList<Integer>”) or a grammar's symbols (“<NP> <VP>”) share a line with words.
COMPONENT_LINE = re.compile(r"[ \t]*(?:</?[A-Z][A-Za-z]+(?:\s+[\w:-]+(?:=(?:\"[^\"<>\n]*\"|'[^'<>\n]*'|\{[^{}<>\n]*\}))?)*"
                            r"\s*/?>[ \t]*)+")
# Code and math in a line, where a “<” is what it says.
VERBATIM = re.compile(r"(`+)[^`]*?\1|\$\$?[^$]+\$\$?")


# Emphasis written in HTML (“<b>只用于选 top-k</b>”), as Markdown writes it: a rule that reads
# “**…**” reads it the same (and a card never splits a tag from the one that closes it). Only a tag
# closed on its line: “<s>” alone is a sequence's start token.
EMPHASIS_TAG = re.compile(r"<(b|strong|i|em|s|del)>(?=\S)([^<>\n]+?)(?<=\S)</\1>", re.I)
EMPHASIS_MARK = {"b": "**", "strong": "**", "i": "*", "em": "*", "s": "~~", "del": "~~"}


def _without_tags(text: str) -> str:
    """``text`` without its layout tags and with its emphasis in Markdown; code and math as they are."""
    if "\n" in text or COMPONENT_LINE.fullmatch(text):
        text = "\n".join(line for line in text.split("\n") if not COMPONENT_LINE.fullmatch(line))
    # (emphasis around math, “<b>$\sigma$</b>”, is emphasis; where code may hold a “<b>”, only outside it)
    whole = "`" not in text
    if whole:
        text = _emphasis(text)
    out, at = [], 0
    for span in VERBATIM.finditer(text):
        part = LAYOUT_TAG.sub("", text[at:span.start()])
        out += [part if whole else _emphasis(part), span.group()]
        at = span.end()
    rest = LAYOUT_TAG.sub("", text[at:])
    return "".join(out) + (rest if whole else _emphasis(rest))


def _emphasis(text: str) -> str:
    """HTML's emphasis as Markdown's (“<b>x</b>” → “**x**”)."""
    return EMPHASIS_TAG.sub(lambda m: f"{EMPHASIS_MARK[m.group(1).lower()]}{m.group(2)}{EMPHASIS_MARK[m.group(1).lower()]}",
                            text) if "<" in text else text

# An outliner's block reference (“((k3Tq9xZ1a))”) and tags (“#gotcha”, “#[[Deep Learning]]”) outside
# code: links for the app, not words. (See :func:`_without_outliner_marks` for where a tag stands;
# after “=”, “#leaves” is a count: “$T$ = #leaves”.)
OUTLINER_MARK = re.compile(r"\s*\(\([\w-]{6,}\)\)|(?<![\w&#/`$])(?<![=≈~<>]\s)(?<![=≈~<>])"
                           r"#(?:\[\[[^\]\n]+\]\]|[A-Za-z][\w/-]*)(?![\w`$(])")
# After a tag, what says it stands as one: the line's end, another tag, or punctuation.
# (a comma or a semicolon only before another tag: “#GPUs, go down …” goes on as a sentence)
AFTER_TAG = re.compile(r"[ \t]*(?:[.!?。！？]?[ \t]*$|#[A-Za-z\[]|[:：)）\]]|[,，;；][ \t]*#[A-Za-z\[])", re.M)


def _without_outliner_marks(text: str) -> str:
    """Block references and tags taken out: a tag stands at the start of a line, at its end, before
    another tag, a colon or a closing bracket (“- #card **Dropout**: …”, “… #todo #bn.”, “**Momentum**
    #optim :”, “(#cv, #aug)”);
    inside a sentence, “start at #CPU cores / #GPUs, go down …”, or as an argument, “O(#inputs)”, “#” counts
    and stays."""
    dropped = []

    def drop(match: re.Match) -> str:
        if not match.group().startswith("#"):
            return ""  # a block reference
        start, end = match.start(), match.end()
        if start >= 2 and text[start - 1] in "(（" and (text[start - 2].isalnum() or text[start - 2] == "]"):
            return match.group()  # (“cost ~ O(#inputs) passes”: a count, as an argument; “[Q1](#what-is-attention)”: a link)
        line_start = text.rfind("\n", 0, start) + 1
        if text[line_start:start].strip() and not AFTER_TAG.match(text, end):
            return match.group()
        if start == line_start and ANKI_HEADER.match(text, start):
            return match.group()  # (“#separator:tab” over the rows of an Anki export: how to read them)
        dropped.append(match)
        return TAKEN_TAG
    # (a line of tags under a label goes whole: “Tags: #adam #formula”, Logseq's “tags:: #a, #b”)
    text = TAGS_LINE.sub("", text) if "#" in text else text
    out = OUTLINER_MARK.sub(drop, text)
    # (the brackets that held only tags go with them: “flips and crops (#cv, #aug)”; a call's, “backward()”, stay)
    return EMPTY_BRACKETS.sub("", out).replace(TAKEN_TAG, "") if dropped else out


TAKEN_TAG = "\x00"  # where a tag was, until the brackets that held only tags are gone
EMPTY_BRACKETS = re.compile(r"(?<![ \t])[ \t]*+[(（][ \t,，;；]*+\x00[ \t,，;；\x00]*+[)）]")  # (tried once per run of spaces)
# The header of a note app's export as text, one line a setting (Anki's “#separator:tab”, “#html:true”,
# “#tags column:3”, “#notetype:Cloze”): the rows under it are notes, its fields split as it says.
ANKI_HEADER = re.compile(r"#(?:separator|html|tags|columns|notetype|deck|guid|(?:tags|notetype|deck|guid) column):[^\n]*",
                         re.I)
TAGS_LINE = re.compile(r"^[ \t]*+(?:[*_]{1,2})?(?:tags?|标签|keywords?)(?:[*_]{1,2})?[ \t]*+(?::{1,2}|：)?(?:[*_]{1,2})?"
                       r"(?:[ \t,，;；/]*+#(?:\[\[[^\]\n]+\]\]|[A-Za-z][\w/-]*+))++[ \t,，;；/.]*+(?:\n|$)", re.M | re.I)


HEADER_ATTRS = re.compile(r"\s*\{(?:\s*[#.][\w:.-]+)+\s*\}\s*$")
# A video's or a recording's time at the start of a line (“**[02:10]** …”, “[1:02:15] …”, “03:50 —”).
# (a bare “1:10 的正负样本比例” is a ratio, not a time: bare, it needs a dash after it)
TIMESTAMP_LEAD = re.compile(r"^[ \t]*(?:(?:\*\*)?[\[【(（]\d{1,2}:\d{2}(?::\d{2})?[\]】)）](?:\*\*)?"
                            r"(?:[ \t]*[-–—:：][ \t]*|[ \t]+)|\d{1,2}:\d{2}(?::\d{2})?[ \t]*[-–—][ \t]*)(?=\S)", re.M)
SLIDE_REF = re.compile(r"\s*\[\s*(?:slides?|ppt|幻灯片|第)\s*\d+(?:\s*[-–]\s*\d+)?\s*页?\s*\]", re.I)
FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
FOOTNOTE_TEXT = re.compile(r"^\s*\[\^[^\]\s]+\]:")

QUOTE_MARK = re.compile(r"^[ \t]*> ?", re.M)
CALLOUT = re.compile(r"^\s*\[!(?P<type>[A-Za-z][\w-]*)\][+-]?\s*(?P<title>.*)$")

# d2l marks the words its code demonstrates as `[**…**]` or `(**…**)`: emphasis, not brackets.
D2L_MARK = re.compile(r"\[\*\*(.+?)\*\*\]|\(\*\*(.+?)\*\*\)", re.S)


@dataclass
class Item:
    text: str
    source: Source
    children: list["Block"] = field(default_factory=list)
    number: int = 0  # an ordered list's item: the number written before it (“3.” after “1.” is 3)


@dataclass
class Block:
    kind: str  # paragraph | list | code | math | table | quote | rule | callout
    source: Source
    text: str = ""  # a callout's: its title
    items: list[Item] = field(default_factory=list)
    ordered: bool = False
    start: int = 1  # an ordered list's first number (“3.” goes on from an earlier list)
    language: str = ""  # a callout's: its type (note, tip, question, details, tab …)
    blocks: list["Block"] = field(default_factory=list)  # a callout's: what is inside it
    content_line: int = 0  # a display formula's and a code block's: the line its text starts on (after a fence)

    def text_line(self, n: int) -> int:
        """The file's line of the ``n``-th line (from 1) of a code block's text, below its fence if it has one."""
        return (self.content_line or self.source.line + 1) + n - 1


@dataclass
class Section:
    title: str
    level: int
    source: Source
    blocks: list[Block] = field(default_factory=list)
    sections: list["Section"] = field(default_factory=list)


@dataclass
class Outline:
    path: str
    title: str
    root: Section
    front_matter: dict[str, Any] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)
    # Whether the notes hold cards for Obsidian's Spaced Repetition plugin (a “#flashcards” tag): then “q::a” and a
    # question over a line “?” over its answer are cards as written.
    spaced_cards: bool = False


SPACED_TAG = re.compile(r"(?<![\w#&/])#flashcards(?![\w-])")


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """The one parser configuration for notes files (cards, lint)."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False})
    md.use(front_matter_plugin)
    md.disable(["html_block", "html_inline"])  # without the html option they never match
    # (“<h2 id="1">1. 门控</h2>” on a line of its own: a heading, as a browser shows it)
    md.block.ruler.before("heading", "html_heading", _html_heading, {"alt": ["paragraph", "reference", "blockquote"]})
    return configure(md)


HTML_HEADING = re.compile(r"<h([1-6])(?:\s+[\w:-]+=(?:\"[^\"<>\n]*\"|'[^'<>\n]*'))*\s*>(.*?)</h\1>\s*$", re.I)


def _html_heading(state, start: int, end: int, silent: bool) -> bool:
    """A heading written in HTML on a line of its own, read as the ATX heading it stands for."""
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    match = HTML_HEADING.match(state.src, state.bMarks[start] + state.tShift[start], state.eMarks[start])
    if match is None or not match.group(2).strip():
        return False
    if silent:
        return True
    level = int(match.group(1))
    state.line = start + 1
    token = state.push("heading_open", f"h{level}", 1)
    token.markup, token.map = "#" * level, [start, state.line]
    token = state.push("inline", "", 0)
    token.content, token.map, token.children = match.group(2).strip(), [start, state.line], []
    token = state.push("heading_close", f"h{level}", -1)
    token.markup = "#" * level
    return True


def configure(md: MarkdownIt) -> MarkdownIt:
    """What notes and card fields share: one reading of math, tables, wikilinks.

    Inline ``$`` follows :func:`dollar_math`. Math padded with spaces (``$ x $``) stays math:
    editors that preview notes accept it, and notes are full of it. A ``$$…$$`` on the line
    right after text is still display math.
    """
    md.use(dollarmath_plugin, double_inline=True)
    md.use(amsmath_plugin)
    md.use(deflist_plugin)
    md.inline.ruler.before("link", "wikilink", _wikilink)
    md.inline.ruler.before("math_inline", "dollar", _dollar)
    md.disable("math_inline")
    md.enable(["table", "strikethrough"])
    for name, first in FIRST_CHARACTERS.items():
        _call_only_on(md, name, first)
    return md


# What a block rule needs at the start of a line (after its indent); on any other line it
# matches nothing. markdown-it calls every rule on every line, and every rule that can end a
# paragraph on every line of one: these are called only where they can match.
FIRST_CHARACTERS = {
    "math_block": ("$",), "amsmath": ("\\",), "fence": ("`", "~"), "blockquote": (">",), "hr": ("*", "-", "_"),
    "list": tuple("*-+0123456789"), "reference": ("[",), "heading": ("#",), "html_heading": ("<",),
}


def _call_only_on(md: MarkdownIt, name: str, first: tuple[str, ...]) -> None:
    """Call block rule ``name`` only on lines that start with one of ``first``: the same
    tokens, without the calls that cannot match (and the debug logging each call makes)."""
    ruler = md.block.ruler
    if ruler.__find__(name) < 0:
        return  # (a rule only the notes' parser has)
    rule = ruler.__rules__[ruler.__find__(name)]
    fn = rule.fn

    def guarded(state, start: int, end: int, silent: bool) -> bool:
        return state.src.startswith(first, state.bMarks[start] + state.tShift[start]) and fn(state, start, end, silent)

    ruler.at(name, guarded, {"alt": rule.alt})


WIKILINK = re.compile(r"(!?)\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]*))?\]\]")


def _wikilink(state, silent: bool) -> bool:
    """Obsidian's ``[[page|alias]]`` reads as its alias (or page); ``![[file.png]]`` embeds."""
    match = WIKILINK.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        embed, target, alias = match.group(1), match.group(2).strip(), match.group(3)
        if embed:
            token = state.push("image", "img", 0)
            token.attrs = {"src": target, "alt": ""}
            token.content = alias or ""
            token.children = []
        else:
            token = state.push("text", "", 0)
            token.content = (alias or target).strip()
    state.pos = match.end()
    return True


def _dollar(state, silent: bool) -> bool:
    """Inline math by :func:`dollar_math`; a ``$`` that opens nothing is text."""
    if state.src[state.pos] != "$":
        return False
    found = dollar_math(state.src, state.pos)
    if found is None:
        if not silent:
            state.pending += "$"
        state.pos += 1
        return True
    end, body, display = found
    if not silent:
        token = state.push("math_inline_double" if display else "math_inline", "math", 0)
        token.content = body
        token.markup = "$$" if display else "$"
    state.pos = end
    return True


def dollar_math(src: str, pos: int) -> tuple[int, str, bool] | None:
    """``(end, body, display)`` of the formula the ``$`` at ``pos`` opens, or None.

    Pandoc's currency rule: a ``$`` right after a digit never opens; a formula whose closing
    ``$`` is followed by a digit, or that starts with a digit and ends in a space
    (``$5 和 $10``), is an amount of money.
    """
    if _escaped(src, pos) or (pos > 0 and src[pos - 1].isdigit()):
        return None
    display = src.startswith("$$", pos)
    mark = 2 if display else 1
    end = pos + mark
    while True:
        end = src.find("$", end)
        if end == -1:
            return None
        if _escaped(src, end) or (display and not src.startswith("$$", end)):
            end += 1
            continue
        break
    body, after = src[pos + mark:end], end + mark
    if not body or not display and (src[after:after + 1].isdigit() or (body[0].isdigit() and body[-1].isspace())):
        return None
    return after, body, display


def plain_inline(text: str) -> str:
    """A heading or a term as plain text: wikilinks read as their alias, names cleaned."""
    text = WIKILINK.sub(lambda m: "" if m.group(1) else (m.group(3) or m.group(2)).strip(), text)
    return clean_name(text)


def math_spans(text: str) -> list[tuple[int, int, str, bool]]:
    """``(start, end, body, display)`` of each formula in text already taken from the notes,
    by the rule the parser uses (:func:`dollar_math`); one pass, linear in the text."""
    return list(_math_spans(text)) if "$" in text else []


def without_math(text: str, instead: str = "") -> str:
    """``text`` with each of its formulas replaced by ``instead``: the words around the math."""
    out, last = [], 0
    for start, end, _, _ in math_spans(text):
        out += [text[last:start], instead]
        last = end
    return "".join(out + [text[last:]])


@lru_cache(maxsize=1 << 12)  # card extraction asks again about the same few texts
def _math_spans(text: str) -> tuple[tuple[int, int, str, bool], ...]:
    spans: list[tuple[int, int, str, bool]] = []
    i = text.find("$")
    while i != -1:
        found = dollar_math(text, i)
        if found is None:
            i = text.find("$", i + 1)
            continue
        end, body, display = found
        spans.append((i, end, body, display))
        i = text.find("$", end)
    return tuple(spans)


def _escaped(text: str, pos: int) -> bool:
    backslashes = 0
    while pos - backslashes - 1 >= 0 and text[pos - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def read_notes(path: Path, display: str | None = None) -> Outline:
    """Read one notes file; raise :class:`NotesError` naming it when it cannot be read."""
    shown = display or path.as_posix()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotesError(f"{shown}: no such file; check the path") from None
    except IsADirectoryError:
        raise NotesError(f"{shown}: is a directory, expected a Markdown file") from None
    except OSError as exc:
        raise NotesError(f"{shown}: cannot be read ({exc.strerror})") from None
    return parse_notes(decode_notes(raw, shown), shown)


# -- boxes: callouts, admonitions, tabs and folded answers --------------------------------
#
# Four dialects put a titled box around some notes: an Obsidian callout (“> [!tip] Title”),
# a MkDocs admonition (“!!! note "Title"”, folded “??? question "…"”) or content tab
# (“=== "PyTorch"”) over an indented body, and HTML's “<details><summary>Question</summary> …
# </details>”. Markdown reads only the first as a box; the second turns into code and the last
# into loose text. All are written as callouts before parsing, line for line, so every line
# keeps its number.

BOX_MARK = re.compile(r'^(?P<indent>[ \t]*)(?:(?P<mark>!!!|\?\?\?\+?)[ \t]+(?P<type>[A-Za-z][\w-]*)(?:[ \t]+[a-z][\w-]*)*'
                      r'(?:[ \t]+"(?P<title>[^"\n]*)")?|(?P<tab>===\+?)[ \t]+"(?P<tab_title>[^"\n]*)")\s*$')
DETAILS_OPEN = re.compile(r"^(?P<indent>[ \t]*)<details(?:\s[^>]*)?>\s*(?:<summary(?:\s[^>]*)?>(?P<summary>.*?)</summary>)?\s*$",
                          re.I)
SUMMARY = re.compile(r"^\s*<summary(?:\s[^>]*)?>(?P<summary>.*?)</summary>\s*$", re.I)
DETAILS_CLOSE = re.compile(r"^\s*</details>\s*$", re.I)
FENCE_LINE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
# A container of Docusaurus, VitePress (“::: tip 提示”, “::: details 点击查看”) or Pandoc and Quarto
# (“::: {.callout-note}”), closed by a line of colons.
COLON_OPEN = re.compile(r"^(?P<indent>\s{0,3})(?P<colons>:{3,})\s*(?:\{[^}]*?\.callout-(?P<callout>[\w-]+)[^}]*\}|"
                        r"\{\.?(?P<div>[\w-]*)[^}]*\}|(?P<type>[A-Za-z][\w-]*))(?P<title>[^\n]*?)\s*$")
# A MyST directive in a fence: a formula (```{math}) or a box (```{note}, ```{admonition} Title).
MYST_FENCE = re.compile(r"^(?P<indent>\s{0,3})(?P<fence>`{3,}|~{3,})\s*\{(?P<name>[\w-]+)\}\s*(?P<title>.*?)\s*$")
MYST_BOXES = {"note", "warning", "tip", "important", "hint", "caution", "attention", "danger", "error", "seealso",
              "admonition", "dropdown"}
OPTION_LINE = re.compile(r"^\s*:[\w-]+:(?:\s|$)")  # a directive's option (“:label: chain”, “:class: tip”)
COLON_CLOSE = re.compile(r"^\s{0,3}(:{3,})\s*$")
HEADING_LINE = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")


def _width(indent: str) -> int:
    return len(indent.expandtabs(4))


def _summary_text(html: str) -> str:
    """A summary's inline HTML as Markdown: code stays code, emphasis bold, other tags go."""
    text = re.sub(r"</?(?:code|kbd)>", "`", html, flags=re.I)
    text = re.sub(r"</?(?:b|strong)>", "**", text, flags=re.I)
    return " ".join(re.sub(r"<[^>]+>", "", text).split())


def as_callouts(text: str) -> str:
    """``text`` with its MkDocs boxes and HTML ``<details>`` written as callouts, line for line (and Vim's fold
    markers taken out)."""
    if "{{{" in text and FOLD_OPEN.search(text):
        text = _without_folds(text)
    if "<!--" in text:
        text = _without_comments(text)
    if "<t" in text and TABLE_OPEN.search(text):
        text = _html_tables(text)
    if ("#+" in text or ":PROPERTIES:" in text) and ORG_MARK.search(_unfenced(text)):
        text = _from_org(text)  # (Org shown in a fence, “```org”, in a note about Org is an example)
    if ("页】" in text or "lide" in text) and len(SLIDE_LINE.findall(text)) >= 3:
        text = _slides_as_headings(text)
    if ("\\pause" in text or "<" in text) and len(BEAMER_MARK.findall(text)) >= 2:
        text = _without_overlays(text)
    if "\\" in text and len(LATEX_MARK.findall(text)) >= 3 and len(LATEX_MARK.findall(_unfenced(text))) >= 3:
        text = _from_latex(text)  # (LaTeX shown in a fence, “```latex”, is an example)
    if "#" in text and len(TYPST_COMMAND.findall(text)) >= 2 and len(TYPST_COMMAND.findall(_unfenced(text))) >= 2:
        text = _from_typst(text)
    if len(ADOC_MARK.findall(text)) >= 3 and len(ADOC_MARK.findall(_unfenced(text))) >= 3:
        text = _from_asciidoc(text)
    if (".. " in text or ":`" in text) and len(RST_MARK.findall(text)) >= 3 \
            and len(RST_MARK.findall("\n".join(_without_literals(line) for line in _unfenced(text).split("\n")))) >= 3:
        text = _from_rst(text)  # (roles shown as code, “``:func:`f` ``”, are examples)
    if len(CONFLUENCE_MARK.findall(text)) >= 3 and len(CONFLUENCE_MARK.findall(_unfenced(text))) >= 3 \
            and len(re.findall(r"^h[1-6]\.[ \t]", text, re.M)) >= 2:
        text = _from_confluence(text)
    if not DIALECT_MARK.search(text) or not ANY_DIALECT.search(text):
        return text  # most notes: a few scans of the text, no line walked
    lines = text.split("\n")
    return "\n".join(_callout_lines(lines))


def _callout_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    i = 0
    fence = ""  # inside a fenced block, nothing is a box (“!!! note” shown as an example)
    while i < len(lines):
        line = lines[i]
        head = line.lstrip()[:1]  # most lines start with none of the marks: one look decides
        if head == "{" and (not fence or LIQUID_CLOSE.match(line) or RAW_TAG.match(line)):
            # (a site's tags shown in a fence are an example, but for “{% raw %}”, which the site itself reads, and
            # “{% endhighlight %}”, which closes the fence its tag opened)
            line = lines[i] = _liquid(line)
            head = line.lstrip()[:1]
        if fence:
            fence = "" if _closes(line, fence) else fence
            out.append(line)
            i += 1
            continue
        boxed = _myst_box(lines, i) if head in ("`", "~") else _colon_box(lines, i) if head == ":" else None
        if boxed is None and head in ("`", "~"):
            fence = FENCE_LINE.match(line).group(1) if FENCE_LINE.match(line) else ""
        if boxed is None and not fence:
            if "\\" in line or "{#" in line:
                line = lines[i] = _math_marks(line)
            boxed = _mkdocs_box(lines, i) if head in ("!", "?", "=") else _details_box(lines, i) if head == "<" else None
        if boxed is not None:
            box_lines, i = boxed
            out.extend(box_lines)
            continue
        out.append(line)
        i += 1
    return out


# Vim's fold markers, where notes kept in Vim fold by them: “## Adam {{{2” opens a fold, a line “}}}” closes one (also
# in a comment, “<!-- {{{1 -->”), and a modeline near the top or the end sets it up (“vim: set foldmethod=marker:”).
FOLD_OPEN = re.compile(r"\{\{\{\d*+[ \t]*+(?:-->)?[ \t\r]*+$", re.M)
FOLD_CLOSE = re.compile(r"\s*+(?:<!--\s*+)?\}\}\}\d*+\s*+(?:-->)?\s*+")
# (a modeline sets options: “vim: set foldmethod=marker:”, “vi: ts=4 sw=4”; “ex: radiation pressure …” is an example)
MODELINE = re.compile(r"\s*+(?:<!--\s*+)?(?:vi|vim|ex):\s*+(?:set?\s++[^:\n]++:|[\w:,+-]*+=[\w=:,+-]*+(?:[ \t]++[\w=:,+-]++)*+:?)\s*+")


def _without_folds(text: str) -> str:
    """``text`` without Vim's fold markers, line for line; a fenced block's and a display formula's lines stay as they
    are (“{{{” is a template's, “}}}” closes braces in LaTeX), and no more folds close than opened. Only where some line
    ends in an opening marker: a line “}}}” alone elsewhere closes braces."""
    lines = text.split("\n")
    depth = 0
    for i in _prose_lines(lines, math=True):
        line = lines[i]
        end = "\r" if line.endswith("\r") else ""
        if FOLD_CLOSE.fullmatch(line) and depth:
            lines[i], depth = end, depth - 1
        elif (i < 5 or i >= len(lines) - 5) and MODELINE.fullmatch(line.strip().removesuffix("-->")):
            lines[i] = end
        elif "{{{" in line and (marker := FOLD_OPEN.search(line)):
            # (“<!-- {{{1 -->” goes whole; “<!-- Adam {{{2 -->” keeps its words, still a comment)
            head = line[:marker.start()].rstrip()
            head = head.removesuffix("<!--").rstrip() if head.endswith("<!--") else \
                head + " -->" if "<!--" in head and "-->" in line[marker.start():] else head
            lines[i], depth = head + end, depth + 1
    return "\n".join(lines)


# An HTML comment (“<!-- check this -->”, “<!-- .element: class="fragment" -->”, a draft's hidden lines): no reader of
# Markdown shows it. (In code and in math a “<!--” is what it says.)
def _without_comments(text: str) -> str:
    """``text`` without its HTML comments, line for line: a comment over lines leaves them empty, and where it sat
    inside a sentence, what follows it joins the sentence's line. One that opens a line ends at the next “-->”, as an
    HTML block does, whatever lies between; one inside a paragraph ends before the paragraph does (a blank line, a
    heading, a fence, an item), or is text. Fenced blocks, display formulas and code spans outside comments stay."""
    lines = text.split("\n")
    shown = [line.removesuffix("\r") for line in lines]
    masked = [masked_code(line) if "`" in line else line for line in shown]
    # (for each line, the next line with a “-->” and the next that ends a paragraph: one pass from the end)
    next_close, next_break = [len(lines)] * (len(lines) + 1), [len(lines)] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        next_close[i] = i if "-->" in shown[i] else next_close[i + 1]
        next_break[i] = i if PARAGRAPH_BREAK.match(shown[i]) else next_break[i + 1]
    kept: dict[int, list[tuple[int, int]]] = {}  # the spans of each line touched that stay
    joins: list[tuple[int, int]] = []  # (the line a comment opened on, the line it closed on)
    fence, display, opened_on = "", False, None
    for i, line in enumerate(masked):
        if opened_on is None:
            if fence:
                fence = "" if _closes(line, fence) else fence
                continue
            if (fenced := FENCE_LINE.match(line.lstrip())):
                fence = fenced.group(1)
                continue
            if "<!--" not in line or display:
                if "$$" in line and _outside_code(shown[i]).count("$$") % 2:
                    display = not display
                continue
        segments, at = [], 0
        if opened_on is not None:
            close = shown[i].find("-->")
            if close < 0:
                kept[i] = []  # (all of it inside the comment)
                continue
            joins.append((opened_on, i))
            opened_on, at = None, close + 3
        while True:
            start = line.find("<!--", at)
            if start < 0:
                segments.append((at, len(line)))
                break
            close = shown[i].find("-->", start + 4)
            block = not line[:start].strip() and len(line) - len(line.lstrip()) <= 3
            if close >= 0:
                segments.append((at, start))
                at = close + 3
            elif next_close[i + 1] < len(lines) and (block or next_close[i + 1] < next_break[i + 1]):
                segments.append((at, start))
                opened_on = i
                break
            else:
                segments.append((at, len(line)))  # (never closed: it stays)
                break
        kept[i] = segments
        left = "".join(shown[i][a:b] for a, b in segments)
        if opened_on is None and "$$" in left and _outside_code(left).count("$$") % 2:
            display = not display  # (a formula opened beside a comment)
    words = {i: "".join(shown[i][a:b] for a, b in segments).rstrip() for i, segments in kept.items()}
    for first, last in joins:
        if words[first].strip() and words[last].strip() and not HEADING_LINE.match(words[first]):
            # (“adaptive moment <!-- check … later --> estimation”: one sentence, on the line it began on)
            words[first], words[last] = words[first] + " " + words[last].lstrip(), ""
    for i, said in words.items():
        lines[i] = (said if said.strip() else "") + ("\r" if lines[i].endswith("\r") else "")
    return "\n".join(lines)


# A line that ends the paragraph before it: a blank one, a heading, a fence, an item, a quote.
PARAGRAPH_BREAK = re.compile(r"\s*+$|\s{0,3}(?:#{1,6}(?:\s|$)|```|~~~|[-*+]\s|\d{1,9}[.)]\s|>)")


def masked_code(line: str) -> str:
    """``line`` with its code spans' characters as “x”, the same length."""
    out, at = [], 0
    for a, b in _code_spans(line):
        out += [line[at:a], "x" * (b - a)]
        at = b
    return "".join(out) + line[at:]


# A table written in HTML, as Pandoc writes a Word document's tables whose cells hold more than one line (“<table>” …
# “<tr>” “<td><b>方法</b></td>” “<td>冻结…<br>” … “</table>”), a cell on a line of its own, over lines, or a row on one.
TABLE_OPEN = re.compile(r"^ {0,3}<table\b[^<>\n]*+>[ \t\r]*+$", re.M | re.I)  # (indented four, it is code)
TABLE_CLOSE = re.compile(r"[ \t]*+</table>[ \t\r]*+", re.I)
TABLE_TAG = re.compile(r"<(?P<end>/?)(?P<tag>table|thead|tbody|tfoot|tr|td|th|colgroup|col|caption)\b(?P<attrs>[^<>]*+)>", re.I)
SPANNED = re.compile(r"\b(?:rowspan|colspan)\s*+=\s*+[\"']?\s*+(?:[2-9]|\d{2})", re.I)
# (what a cell's text is laid out with: paragraphs, lists, code; a line break ends a line of the cell)
CELL_TAG = re.compile(r"</?(?:p|div|span|ul|ol|li|code)\b[^<>]*+>", re.I)
LINE_BREAK_TAG = re.compile(r"(?<![ \t])[ \t]*+<br\s*+/?>[ \t]*+", re.I)
EMPHASIS_ONLY = re.compile(r"</?(?:b|strong|i|em)>", re.I)
ITEM_MARK = re.compile(r"(?:[-*+·•]|\d{1,3}[.)])\s++")
_Cell = tuple[int, list[str]]  # the line a cell starts on, and its text line by line


def _html_tables(text: str) -> str:
    """``text`` with its HTML tables written as the lists they would be in Markdown, line for line: a row an item named
    by its first cell, on that cell's line; each other cell a point under it, by its column's header where there is one
    (“- 推理延迟：无额外”), its lines (broken at “<br>”) points of their own; a row of two cells “- **名**：内容”. A table of
    anything else (a caption, a table in a cell, words between rows) stays as it is."""
    lines = text.split("\n")
    prose = list(_prose_lines(lines, math=True))
    k = 0
    while k < len(prose):
        start, first = prose[k], k
        k += 1
        if not TABLE_OPEN.fullmatch(lines[start]):
            continue
        while k < len(prose) and not TABLE_CLOSE.fullmatch(lines[prose[k]]):
            k += 1
        if k == len(prose):
            break  # (never closed: it stays)
        end = prose[k]
        k += 1
        if k - 1 - first != end - start:
            continue  # (a fence or a display formula inside it: it stays as it is)
        rows = _table_rows_html(lines[start + 1:end], start + 1)
        written = rows and (_table_as_pipes(rows, start, end) or _table_as_list(rows, start, end))
        if written:
            indent = lines[start][:len(lines[start]) - len(lines[start].lstrip())]
            for i, line in written.items():
                lines[i] = (indent + line if line else "") + ("\r" if lines[i].endswith("\r") else "")
    return "\n".join(lines)


def _table_rows_html(lines: list[str], first: int) -> list[tuple[bool, list[_Cell]]] | None:
    """The rows of an HTML table's ``lines`` (the first at line ``first``): whether each is a header row, and its cells;
    None where they are not rows of cells."""
    rows: list[tuple[bool, list[_Cell]]] = []
    cell: list[str] | None = None
    in_head = False
    for n, raw in enumerate(lines):
        line = raw.removesuffix("\r")
        if cell is not None:
            cell.append("")  # (the cell goes on, on this line)
        at = 0
        for tag in TABLE_TAG.finditer(line):
            name, closing = tag.group("tag").lower(), bool(tag.group("end"))
            between = line[at:tag.start()]
            if cell is not None:
                cell[-1] += between
            elif between.strip():
                return None  # (words outside every cell)
            at = tag.end()
            if name in ("td", "th") and SPANNED.search(tag.group("attrs")):
                return None  # (a cell over rows or columns: which row holds what, only the layout says)
            if name in ("td", "th"):
                if closing:
                    cell = None
                elif not rows or cell is not None:
                    return None
                else:
                    # (a header row: in “<thead>”, or all “<th>”; “<th>Adam</th><td>…</td>” names its row)
                    rows[-1] = ((in_head or name == "th") and (rows[-1][0] or not rows[-1][1]), rows[-1][1])
                    rows[-1][1].append((first + n, [""]))
                    cell = rows[-1][1][-1][1]
            elif cell is not None or name in ("table", "caption"):
                return None  # (a table in a cell, a caption)
            elif name == "tr" and not closing:
                rows.append((in_head, []))
            elif name == "thead":
                in_head = not closing
        rest = line[at:]
        if cell is not None:
            cell[-1] += rest
        elif rest.strip():
            return None
    return None if cell is not None or not any(cells for _, cells in rows) else rows


def _cell_lines(cell: list[str]) -> list[str]:
    """A cell's lines as Markdown: its emphasis as Markdown's, its other tags gone, a break inside a line a “；”."""
    out = []
    for line in cell:
        line = CELL_TAG.sub(lambda m: "- " if m.group().lower().startswith("<li") else "", _emphasis(line))
        parts = [p.strip() for p in LINE_BREAK_TAG.split(line)]
        out.append(("；" if CJK.search(line) else "; ").join(p for p in parts if p))
    return out


def _table_as_pipes(rows: list[tuple[bool, list[_Cell]]], start: int, end: int) -> dict[int, str] | None:
    """The lines ``start`` to ``end`` (an HTML table's whose first row is its header) as a Markdown table, by line: its
    header and rule on the table's first lines, each row on its own first line, a row of empty cells on every line
    between (a row no card is made of), a cell's lines joined; None for a table without a header or with rows of other
    lengths than the header's."""
    (is_header, header), body = rows[0], rows[1:]
    width = len(header)
    if not is_header or width < 2 or not body or any(h or len(cells) != width for h, cells in body) \
            or any("|" in part for _, cells in rows for _, cell in cells for part in cell):
        return None  # (a “|” in a cell, as in “$\|x\|$”, would cut a Markdown table's row: a list then)
    lines = [cells[0][0] for _, cells in body]
    if lines[0] <= start + 1 or any(b <= a for a, b in zip(lines, lines[1:])):
        return None  # (two rows on one line)
    empty = "|" + " |" * width
    out = {i: empty for i in range(start, end)}
    out[end] = ""
    out[start] = "| " + " | ".join(_pipe_cell(cell) for _, cell in header) + " |"
    out[start + 1] = "|" + "---|" * width
    for line, (_, cells) in zip(lines, body):
        out[line] = "| " + " | ".join(_pipe_cell(cell, named=k == 0) for k, (_, cell) in enumerate(cells)) + " |"
    return out


def _pipe_cell(cell: list[str], named: bool = False) -> str:
    """A cell's lines as one cell of a Markdown table: joined by “；” (or “; ”), a “|” in it escaped; a row's name
    (``named``) over a line break (“<strong>ACE inhibitors</strong><br>(lisinopril)”) with what follows it after a
    space."""
    if named:
        text = " ".join(LINE_BREAK_TAG.sub(" ", CELL_TAG.sub("", _emphasis(" ".join(cell)))).split())
    else:
        texts = [t for t in _cell_lines(cell) if t]
        text = ("；" if CJK.search(" ".join(texts)) else "; ").join(texts)
    return text.replace("|", "\\|")


def _table_as_list(rows: list[tuple[bool, list[_Cell]]], start: int, end: int) -> dict[int, str] | None:
    """The lines ``start`` to ``end`` (an HTML table's) written as a list, by line; None where two rows share a line."""
    out = {i: "" for i in range(start, end + 1)}
    owner: dict[int, int] = {}  # (which row wrote each line)
    names: list[str] = []
    for row, (is_header, cells) in enumerate(rows):
        for at, text in cells:
            for n in range(len(text)):
                if owner.setdefault(at + n, row) != row:
                    return None  # (“…</tr><tr>…” on one line: which point is whose, a list cannot say)
        if is_header:
            names = [" ".join(_cell_lines(lines)).strip().strip("*") for _, lines in cells]
            continue
        if not cells:
            continue
        (line, first), others = cells[0], cells[1:]
        label = " ".join(t for t in _cell_lines(first) if t).strip()
        if not label:
            continue
        # (a name in bold, over lines or not: “<b>秩的分析</b><br>（第7节）” is “**秩的分析 （第7节）**”)
        name_only = " ".join(LINE_BREAK_TAG.sub(" ", CELL_TAG.sub("", EMPHASIS_ONLY.sub("", " ".join(first)))).split())
        zh = bool(CJK.search(label)) or any(CJK.search(" ".join(c)) for _, c in others)
        colon = "：" if zh else ": "
        shown = f"**{name_only}**" if "**" not in name_only else label
        if not others:
            out[line] = f"- {label}"  # (a table of one column: a list)
            continue
        out[line] = f"- {shown}"
        for k, (at, text) in enumerate(others, start=1):
            texts = _cell_lines(text)
            name = names[k] if len(names) == len(cells) and len(others) > 1 and names[k] else ""
            said = texts[0]
            head = f"{name}{colon}{said}" if name and said else said
            if at == line or len(others) == 1 and sum(bool(t) for t in texts) == 1:
                # (a row on one line, or the second of two cells in one line: what the first names)
                joined = f"{colon}{head}" if out[line] == f"- {shown}" else ("；" if zh else "; ") + head
                out[line] += joined if head else ""
            elif head and out[at]:
                out[at] += ("；" if zh else "; ") + head  # (a cell beside another on its line)
            elif head:
                out[at] = f"  {head}" if ITEM_MARK.match(head) else f"  - {head}"
            for n, more in enumerate(texts[1:], start=1):
                if more:
                    out[at + n] = f"  {more}" if ITEM_MARK.match(more) else f"  - {more}"
    return out


# What Typst source pasted into notes leaves (“#set text(size: 11pt)”, “#let rank = math.op("rank")”, “= SVD”, “== Definition”,
# “// a comment”, “+ item”, “/ Term: what it is”, “*bold*”, “#defn[” … “]”), where a few of its lines open with its
# commands; its math (“$ A = U Sigma V^T $”, “$RR^(m times n)$”) is written as LaTeX where it only uses what both have.
TYPST_COMMAND = re.compile(r"^ {0,3}#(?:set|let|import|show)(?:[ \t]++[\w\"(]|:)", re.M)  # (“#include <vector>” is C, “#set-theory” a tag)
TYPST_HEADING = re.compile(r"(=+)[ \t]++(\S.*)")
TYPST_TERM = re.compile(r"([ \t]*+)/[ \t]++([^:\n]+?):[ \t]*+(.*)")
TYPST_ENUM = re.compile(r"([ \t]*+)\+[ \t]++(.*)")
TYPST_CALL_LINE = re.compile(r"[ \t]*+#[A-Za-z][\w-]*+\([^()\n]*+\)[ \t]*+")
TYPST_BOXED = re.compile(r"([ \t]*+)#[A-Za-z][\w-]*+(?:\([^()\n]*+\))?\[([^\[\]\n]*+)\][ \t]*+")
TYPST_WRAPPER = re.compile(r"[ \t]*+(?:#[A-Za-z][\w-]*+(?:\([^()\n]*+\))?\[|\])[ \t]*+")
TYPST_BOLD = re.compile(r"(?<![*\w\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])")
_TYPST_WORDS = {
    **{g: "\\" + g for g in ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau "
                             "upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega").split()},
    "sum": "\\sum", "prod": "\\prod", "integral": "\\int", "int": "\\int", "times": "\\times", "dot": "\\cdot",
    "in": "\\in", "RR": "\\mathbb{R}", "NN": "\\mathbb{N}", "ZZ": "\\mathbb{Z}", "QQ": "\\mathbb{Q}", "CC": "\\mathbb{C}",
    "quad": "\\quad", "qquad": "\\qquad", "oo": "\\infty", "infinity": "\\infty", "partial": "\\partial", "nabla": "\\nabla",
    "dots": "\\dots", "dots.c": "\\cdots", "dots.h": "\\dots", "approx": "\\approx", "lim": "\\lim", "log": "\\log",
    "ln": "\\ln", "exp": "\\exp", "sin": "\\sin", "cos": "\\cos", "tan": "\\tan", "max": "\\max", "min": "\\min",
    "det": "\\det", "forall": "\\forall", "exists": "\\exists", "union": "\\cup", "sect": "\\cap", "subset": "\\subset",
    "prop": "\\propto", "arrow.r": "\\rightarrow", "arrow.l": "\\leftarrow", "T": "T", "top": "\\top", "perp": "\\perp",
    "dif": "\\mathrm{d}", "emptyset": "\\emptyset", "div": "\\div", "dagger": "\\dagger", "compose": "\\circ",
    "aleph": "\\aleph", "equiv": "\\equiv", "subset.eq": "\\subseteq", "supset": "\\supset", "supset.eq": "\\supseteq",
    "dot.c": "\\cdot", "dots.v": "\\vdots", "plus.circle": "\\oplus", "times.circle": "\\otimes", "ast": "\\ast",
    "angle.l": "\\langle", "angle.r": "\\rangle", "star": "\\star", "without": "\\setminus", "not": "\\neg",
    "epsilon.alt": "\\varepsilon", "phi.alt": "\\varphi", "plus.minus": "\\pm", "ell": "\\ell", "tilde.op": "\\sim",
}
_TYPST_OPERATORS = {"->": "\\to", "=>": "\\Rightarrow", "<=": "\\le", ">=": "\\ge", "!=": "\\ne", "<-": "\\leftarrow",
                    "<=>": "\\iff", "<->": "\\leftrightarrow", "|->": "\\mapsto", "==>": "\\implies", "-->": "\\longrightarrow",
                    "<==": "\\impliedby", "...": "\\dots", "{": "\\{", "}": "\\}", "%": "\\%", "#": None, "&": None,
                    "\\": None, "[": "[", "]": "]"}
# (what it wraps: “sqrt(x)”, “bold(u)”, “norm(A)”; “frac(a, b)”, “binom(n, k)” their two parts)
_TYPST_CALLS = {"dot": ("\\dot{", "}"), "ddot": ("\\ddot{", "}"), "arrow": ("\\vec{", "}"), "sqrt": ("\\sqrt{", "}"),
                "bold": ("\\mathbf{", "}"), "hat": ("\\hat{", "}"), "tilde": ("\\tilde{", "}"), "bar": ("\\bar{", "}"),
                "overline": ("\\overline{", "}"), "cal": ("\\mathcal{", "}"), "bb": ("\\mathbb{", "}"),
                "upright": ("\\mathrm{", "}"), "norm": ("\\left\\|", "\\right\\|"), "abs": ("\\left|", "\\right|"),
                "floor": ("\\lfloor ", "\\rfloor"), "ceil": ("\\lceil ", "\\rceil")}
_TYPST_TWO = {"frac": "\\frac{", "binom": "\\binom{"}  # (two parts, split at the comma)
_TYPST_TOKEN = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|[A-Za-z][A-Za-z]*(?:\.[a-z]+)*|\d+(?:\.\d+)?|<=>|<->|\|->|==>|-->|<==|\.\.\.|"
                          r"->|=>|<=|>=|!=|<-|\\|\s+|.", re.S)
_TEXT_ESCAPE = re.compile(r"([_%#&$])")


def _typst_math(body: str, ops: set[str]) -> str | None:
    """Typst's math ``body`` as LaTeX (as it is where it is LaTeX already, “$\\sigma_i$”, or the same in both, “$x_i$”), or
    None where it uses what this does not read (a matrix, a case split, an alignment, code)."""
    if re.search(r"\\[A-Za-z]", body):
        return body  # (LaTeX already)
    tokens = _TYPST_TOKEN.findall(body)
    if not any(len(t) > 1 and (t in _TYPST_WORDS or t in ops or t in _TYPST_CALLS or t in _TYPST_TWO or t in _TYPST_OPERATORS
                               or t in ("mat", "vec", "cases", "op", "root")) or t[:1] in "{}&\"" or t == "\\" for t in tokens) \
            and not re.search(r"[_^](?:\(|\d{2})", body):
        return body  # (the same in both)
    out: list[str] = []
    closers: list[str] = []  # (what each open bracket closes with; “}}” a first part, “]{” a root's degree)
    k = 0
    while k < len(tokens):
        tok = tokens[k]
        nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
        after = tokens[k + 2] if k + 2 < len(tokens) else ""
        if tok in ("_", "^") and nxt[:1].isdigit() and len(nxt) > 1:
            out.append(f"{tok}{{{nxt}}}")  # (“2^10”: all its digits up)
            k += 2
            continue
        if tok in ("_", "^") and (nxt in _TYPST_CALLS or nxt in _TYPST_TWO or nxt.startswith('"')):
            return None  # (“x^sqrt(2)”: what goes up is a call; this does not brace it)
        if tok.startswith('"'):
            out.append("\\text{" + _TEXT_ESCAPE.sub(r"\\\1", tok[1:-1].replace("\\\"", '"')) + "}")
        elif tok[0].isalpha():
            if tok in _TYPST_CALLS and nxt == "(":
                head, tail = _TYPST_CALLS[tok]
                out.append(head)
                closers.append(tail)
                k += 2
                continue
            if tok in _TYPST_TWO and nxt == "(":
                out.append(_TYPST_TWO[tok])
                closers.append("}}")  # (its comma closes the first part)
                k += 2
                continue
            if tok == "root" and nxt == "(":
                out.append("\\sqrt[")
                closers.append("]{")
                k += 2
                continue
            if tok == "op" and nxt == "(" and after.startswith('"') and k + 3 < len(tokens) and tokens[k + 3] == ")":
                out.append("\\operatorname{" + after[1:-1] + "}")  # (“op("tr")”)
                k += 4
                continue
            if tok in ("mat", "vec", "cases", "lr", "attach", "op", "class", "limits", "scripts", "root") and nxt == "(":
                return None
            if len(tok) == 1 or tok in _TYPST_WORDS:
                word = _TYPST_WORDS.get(tok, tok)
                out.append(word + (" " if word.startswith("\\") and nxt[:1].isalnum() else ""))
            elif "." in tok:
                return None  # (a symbol's variant this does not know)
            else:
                out.append(f"\\operatorname{{{tok}}}")
        elif tok in ("_", "^") and nxt == "(":
            out.append(tok + "{")
            closers.append("}")
            k += 2
            continue
        elif tok == "(":
            out.append("(")
            closers.append(")")
        elif tok == ")":
            if not closers:
                return None
            closing = closers.pop()
            if closing in ("}}", "]{"):
                return None  # (“frac(a)”, “root(3)”: a part missing)
            out.append(closing)
        elif tok == "," and closers and closers[-1] in ("}}", "]{"):
            out.append("}{" if closers[-1] == "}}" else "]{")
            closers[-1] = "}"
        elif tok in _TYPST_OPERATORS:
            if _TYPST_OPERATORS[tok] is None:
                return None  # (“&” aligns, “\\” breaks a line, “#” is code: not a formula this reads)
            out.append(_TYPST_OPERATORS[tok])
        else:
            out.append(tok)
        k += 1
    return None if closers else " ".join("".join(out).split())


def _from_typst(text: str) -> str:
    """``text`` with the Typst source pasted into it written as the Markdown it means, line for line: its settings gone,
    its headings, lists and term lists Markdown's, its bold “**…**”, its comments gone, its math LaTeX (or, where it
    is not LaTeX's, shown as code: no card asks a formula it cannot show); fenced blocks stay as they are."""
    lines = text.split("\n")
    ops = set(re.findall(r"#let\s+(\w+)\s*=\s*math\.op", text))
    depth = 0  # (the brackets a setting leaves open over lines)
    prose = list(_prose_lines(lines, math=True))
    shown: dict[int, str] = {}  # (a display formula over lines: its first line's LaTeX)
    commented = False
    for k, i in enumerate(prose):
        raw = lines[i]
        end = "\r" if raw.endswith("\r") else ""
        line = raw.removesuffix("\r")
        if i in shown:
            lines[i] = shown.pop(i) + end
            continue
        if commented or line.lstrip().startswith("/*"):
            commented = "*/" not in line  # (a block comment: gone, what follows it on its last line stays)
            lines[i] = ("" if commented else line.split("*/", 1)[1].strip()) + end
            continue
        if depth > 0 or TYPST_COMMAND.match(line):
            # (brackets in a string or a comment open nothing: “#let lp = "("”, “#let x = 1 // see (a”)
            bare = re.sub(r'"(?:[^"\\\n]|\\.)*"', "", line).split("//", 1)[0]
            depth = max(depth, 0) + sum(bare.count(c) for c in "([{") - sum(bare.count(c) for c in ")]}")
            lines[i] = end
            continue
        if line.lstrip().startswith("//") or TYPST_WRAPPER.fullmatch(line) or TYPST_CALL_LINE.fullmatch(line):
            lines[i] = end  # (a comment, a box's edges, a call that only lays out: “#v(1em)”, “#pagebreak()”)
            continue
        if (boxed := TYPST_BOXED.fullmatch(line)):
            line = boxed.group(1) + boxed.group(2)  # (“#align(center)[*Total: 50 points*]”: what it holds)
        if (line.strip() == "$" or line.strip().startswith("$ ")) and line.count("$") == 1:
            # (“$ integral_0^1 x^2 dif x” over lines to its closing “$”: one display, on its first line)
            close = next((n for n in range(k + 1, min(k + 12, len(prose))) if "$" in lines[prose[n]]
                          or not lines[prose[n]].strip() or HEADING_LINE.match(lines[prose[n]])), None)
            close = close if close is not None and "$" in lines[prose[close]] else None  # (a blank line, a heading: no)
            if close is not None and lines[prose[close]].rstrip("\r").rstrip().endswith("$") \
                    and lines[prose[close]].count("$") == 1 and prose[close] - i == close - k:
                body = " ".join(lines[prose[n]].strip() for n in range(k, close + 1)).strip().strip("$")
                latex = _typst_math(body, ops)
                if latex is not None:
                    lines[i] = f"$${latex}$$" + end
                    for n in range(k + 1, close + 1):
                        shown[prose[n]] = ""
                    continue
        if (heading := TYPST_HEADING.fullmatch(line)) and len(heading.group(1)) <= 5:
            # (one level down: a Typst file's “= Problem 1” is a section, its title set apart)
            line = "#" * (len(heading.group(1)) + 1) + " " + heading.group(2)
        elif (term := TYPST_TERM.fullmatch(line)):
            line = f"{term.group(1)}- **{term.group(2).strip()}**: {term.group(3)}"
        elif (item := TYPST_ENUM.fullmatch(line)):
            line = f"{item.group(1)}1. {item.group(2)}"
        lines[i] = (_typst_inline(line, ops) if "$$" not in line else line) + end  # (a line of LaTeX's own display)
    return "\n".join(lines)


def _typst_inline(line: str, ops: set[str]) -> str:
    """A line's Typst math as LaTeX (“$ x $” alone on its line a display) and its bold as Markdown's, code as it is."""
    out, at = [], 0
    masked = masked_code(line) if "`" in line else line
    spans = sorted([*(("code", a, b) for a, b in _code_spans(line)),
                    *(("math", m.start(), m.end()) for m in re.finditer(r"\$[^$\n]+\$", masked))], key=lambda t: t[1])
    for kind, a, b in spans:
        out.append(TYPST_BOLD.sub(r"**\1**", line[at:a]))
        at = b
        if kind == "code":
            out.append(line[a:b])
            continue
        body = line[a + 1:b - 1]
        latex = _typst_math(body, ops)
        display = body.startswith(" ") and body.endswith(" ") and not line[:a].strip() and not line[b:].strip()
        out.append("`" + body.strip() + "`" if latex is None else f"$${latex}$$" if display else f"${latex}$")
    out.append(TYPST_BOLD.sub(r"**\1**", line[at:]))
    return "".join(out)


# What AsciiDoc pasted into notes leaves (“== Masking”, “[source,python]” over “----” … “----”, “[stem]” over “++++”,
# “stem:[\sqrt{d_k}]”, “NOTE: …”, “*bold*”, “. item”, “:toc: left”), where a few of its lines open with its marks.
# (its document attributes, “:toc: left”, go with it, but count for nothing: “:end_tab:” is another site's mark; nor do
# lines that open with “NOTE:” alone: plain notes write them too)
ADOC_MARK = re.compile(r"^\[(?:source|stem|latexmath)\b[^\]\n]*\][ \t\r]*$|(?:stem|latexmath):\[", re.M)
ADOC_HEADING = re.compile(r"(={1,6})[ \t]++(\S.*)")
ADOC_BLOCK_ATTR = re.compile(r"\[(?P<kind>source|stem|latexmath|listing|literal)(?:,[ \t]*+(?P<lang>[\w+-]+))?[^\]\n]*\][ \t]*+")
ADOC_ADMONITION = re.compile(r"(NOTE|TIP|WARNING|IMPORTANT|CAUTION):[ \t]++(.*)")
ADOC_INLINE_MATH = re.compile(r"(?:stem|latexmath):\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]")
ADOC_ITEM = re.compile(r"([*.]{1,5})[ \t]++(\S.*)")
ADOC_TITLE = re.compile(r"\.([^\s.][^\n]*)")


def _from_asciidoc(text: str) -> str:
    """``text`` with the AsciiDoc pasted into it written as the Markdown it means, line for line: its titles headings,
    its listing and literal blocks fences, its “[stem]” blocks “$$” blocks, “stem:[…]” math, its admonitions labelled,
    its lists and bold Markdown's, its header's attributes and its comments gone. A block whose delimiter is never
    closed, a “++++” block not announced as “[stem]” (raw HTML) and fenced blocks and display formulas stay as they are."""
    lines = text.split("\n")
    prose = list(_prose_lines(lines, math=True))
    opened = ""  # (what closes the block that is open: “----” a listing, “++++” a formula)
    commented = False
    waiting = None  # (the block an attribute line announces: “source python”, “stem”)
    # (the document's header: a title “= …” opening it, and the attribute lines right under it)
    header = bool(prose) and bool(re.match(r"=[ \t]", lines[prose[0]]))
    for k, i in enumerate(prose):
        raw = lines[i]
        end = "\r" if raw.endswith("\r") else ""
        line = raw.removesuffix("\r")
        stripped = line.strip()
        if opened:
            if stripped == opened:
                lines[i], opened = ("$$" if opened == "++++" else "```") + end, ""
            continue
        if commented:
            commented = stripped != "////"
            lines[i] = end
            continue
        def later(n: int = 400, k: int = k) -> list[str]:  # (the lines after this one, as far as a block may run)
            return [lines[j].strip() for j in prose[k + 1:k + 1 + n]]
        if stripped == "////" and "////" in later():
            commented, lines[i] = True, end  # (a comment block: gone)
            continue
        if stripped in ("----", "++++", "....") and stripped in later():
            kind = waiting or ""
            if stripped == "++++" and not kind.startswith(("stem", "latexmath")):
                waiting = None  # (raw HTML passed through: as it is)
                continue
            if stripped == "++++":
                lines[i], opened = "$$" + end, stripped
            else:
                lines[i], opened = "```" + kind.partition(" ")[2].strip() + end, stripped
            waiting = None
            continue
        waiting = None
        if (attr := ADOC_BLOCK_ATTR.fullmatch(stripped)):
            waiting = attr.group("kind") + " " + (attr.group("lang") or "")
            lines[i] = end
            continue
        if not stripped:
            header = False
        if stripped.startswith("//") and not stripped.startswith("///") \
                or header and k and re.fullmatch(r":[\w-]+:(?:[ \t].*)?", stripped):
            lines[i] = end  # (a comment; an attribute of the document's header)
            continue
        if (heading := ADOC_HEADING.fullmatch(line)):
            line = "#" * len(heading.group(1)) + " " + heading.group(2)
        elif (note := ADOC_ADMONITION.fullmatch(line)):
            line = f"**{note.group(1).title()}:** {note.group(2)}"
        elif (item := ADOC_ITEM.fullmatch(line)):
            depth, ordered = len(item.group(1)) - 1, item.group(1)[0] == "."
            line = "    " * depth + ("1. " if ordered else "- ") + item.group(2)
        elif (title := ADOC_TITLE.fullmatch(line)) and (after := later(1)) \
                and (after[0][:1] == "[" or after[0] in ("----", "++++", "....", "====", "|===")):
            line = f"**{title.group(1).strip()}**"  # (“.Example” right over a block: its title)
        lines[i] = _markup_inline(ADOC_INLINE_MATH.sub(lambda m: f"${m.group(1).strip()}$", line)) + end
    return "\n".join(lines)


def _markup_inline(line: str) -> str:
    """A line's “*bold*” as Markdown's “**bold**” (AsciiDoc's, Confluence's), outside code and math."""
    if "*" not in line:
        return line
    out, at = [], 0
    masked = masked_code(line) if "`" in line else line
    for span in INLINE_MATH.finditer(masked):
        out += [TYPST_BOLD.sub(r"**\1**", line[at:span.start()]), line[span.start():span.end()]]
        at = span.end()
    return "".join(out) + TYPST_BOLD.sub(r"**\1**", line[at:])


# What reStructuredText pasted into notes leaves (“.. note::”, “.. math::” and “.. code-block:: python” over indented
# lines, “:math:`x`”, “:func:`f`”, “.. contents::”, a title's over- and underline), where a few of its lines open with
# its directives or use its roles.
RST_MARK = re.compile(r"^\.\. [\w:-]+::|:(?:math|func|class|meth|mod|attr|ref|py:\w+):`", re.M)
RST_DIRECTIVE = re.compile(r"([ \t]*+)\.\.[ \t]++(?P<name>[\w:-]+)::[ \t]*+(?P<arg>.*)")
RST_TARGET = re.compile(r"[ \t]*+\.\.[ \t]++(?:_[^:\n]+:|\|[^|\n]+\||\[[^\]\n]+\]).*")
RST_ROLE = re.compile(r":(?P<role>math|func|class|meth|mod|attr|ref|obj|data|py:\w+|doc|term):`(?P<text>[^`\n]+)`")
RST_RULE = re.compile(r"([=\-~^\"'`#*+])\1{2,}[ \t]*+")
RST_OPTION = re.compile(r"[ \t]++:[\w-]+:(?:[ \t].*)?\r?")
RST_VERSIONED = {"deprecated": "Deprecated since", "versionadded": "New in", "versionchanged": "Changed in"}
RST_SIGNATURES = {"class", "function", "method", "attribute", "data", "exception", "module", "py:class", "py:function",
                  "py:method", "py:attribute", "py:data", "py:exception", "py:module", "decorator", "classmethod",
                  "staticmethod", "autoclass", "autofunction", "automethod"}
RST_LAYOUT = {"contents", "toctree", "image", "figure", "only", "index", "highlight", "currentmodule", "autosummary",
              "automodule", "raw", "include", "sectionauthor", "moduleauthor", "meta", "rubric", "centered", "tabularcolumns"}
RST_NOTE = {"note", "tip", "warning", "important", "caution", "hint", "attention", "danger", "seealso", "admonition"}


def _from_rst(text: str) -> str:
    """``text`` with the reStructuredText pasted into it written as the Markdown it means, line for line: its math and
    code directives “$$” blocks and fences (their options dropped, closed on the blank line after their indented
    lines), its notes labelled with what they say, an API's signature kept, its roles math or code (outside code), its
    titles headings; what only lays out the page gone; other directives as they are."""
    lines = text.split("\n")
    prose = list(_prose_lines(lines, math=True))
    closing: dict[int, str] = {}
    opened_at = -1  # (the last line of the block open, if any)
    front = len(lines) > 1 and lines[0].strip() == "---"  # (front matter: its rules are not titles')
    for k, i in enumerate(prose):
        raw = lines[i]
        end = "\r" if raw.endswith("\r") else ""
        line = raw.removesuffix("\r")
        if i in closing:
            lines[i] = closing.pop(i) + end
            continue
        if i < opened_at:
            continue  # (inside a math or code block: as it is)
        if front:
            front = not (k and line.strip() == "---")
            continue
        if (directive := RST_DIRECTIVE.fullmatch(line)):
            name, arg = directive.group("name").lower(), directive.group("arg").strip()
            if name == "math" and arg:
                lines[i] = f"$${_rst_roles(arg)}$$" + end  # (“.. math:: a^2 + b^2”: the formula on its line)
                continue
            if name in ("math", "code-block", "code", "sourcecode"):
                block = _rst_block(lines, prose, k)
                if block is None:
                    continue  # (no blank line after it to close it on: as it is)
                options, last = block
                lines[i] = ("$$" if name == "math" else "```" + arg) + end
                for n in options:
                    lines[prose[n]] = ""
                closing[prose[last + 1]] = "$$" if name == "math" else "```"
                opened_at = prose[last + 1]
                continue
            if name in RST_NOTE:
                title = arg if name == "admonition" else name.replace("seealso", "see also").title()
                lines[i] = (f"**{title}:**" if name == "admonition" else f"**{title}:** {_rst_roles(arg)}").rstrip() + end
                continue
            if name in RST_VERSIONED:
                lines[i] = f"**{RST_VERSIONED[name]} {arg.split()[0] if arg else ''}:** {' '.join(arg.split()[1:])}".rstrip() + end
                continue
            if name in RST_SIGNATURES:
                lines[i] = f"**`{arg}`**" + end if arg else end  # (“.. class:: PurePath(*pathsegments)”: what is documented)
                continue
            if name in RST_LAYOUT:
                lines[i] = end  # (“.. contents::”, “.. toctree::”, “.. image::”: how the page is laid out)
                for n in range(k + 1, min(k + 40, len(prose))):  # (and its options under it, “   :depth: 2”)
                    if not RST_OPTION.fullmatch(lines[prose[n]]) or prose[n] - i != n - k:
                        break
                    lines[prose[n]] = ""
            continue
        if (target := RST_TARGET.fullmatch(line)):
            if line.lstrip()[3:4] == "[":
                lines[i] = line.lstrip()[3:] + end  # (a footnote: its text)
            else:
                lines[i] = end
            continue
        if RST_RULE.fullmatch(line):
            before = lines[i - 1].strip() if i else ""
            after = lines[i + 1].strip() if i + 1 < len(lines) else ""
            below = lines[i + 2].strip() if i + 2 < len(lines) else ""
            if before and not RST_RULE.fullmatch(before) and not before.startswith(("|", "=")) \
                    and len(line.strip()) >= min(len(before), 4):
                lines[i] = ("=" * len(line.strip()) if line.strip()[0] == "=" else "-" * len(line.strip())) + end
            elif after and not before and below == line.strip():
                lines[i] = end  # (a title's overline, with its underline the same)
            continue
        lines[i] = _rst_roles(line) + end
    return "\n".join(lines)


def _rst_block(lines: list[str], prose: list[int], k: int) -> tuple[list[int], int] | None:
    """The options (“:linenos:”) and the last indented line of the directive on ``prose[k]``, whose lines run through
    blank ones while the next holds on indented; None where no blank line follows them to close the block on."""
    options, last = [], None
    for n in range(k + 1, min(k + 400, len(prose))):
        j = prose[n]
        if prose[n] - prose[k] != n - k:
            return None  # (a fence or a formula among its lines)
        text = lines[j].removesuffix("\r")
        if text.strip() and not text[:1].isspace():
            break
        if last is None and not options and not text.strip():
            continue
        if last is None and RST_OPTION.fullmatch(text):
            options.append(n)
        elif text.strip():
            last = n
    else:
        return None
    if last is None or last + 1 >= len(prose) or prose[last + 1] != prose[last] + 1 or lines[prose[last + 1]].strip():
        return None
    return options, last


def _rst_roles(line: str) -> str:
    """A line's roles as Markdown: “:math:`x`” math, “:func:`f`” code, “:ref:`text <label>`” its text; code as it is."""
    if ":`" not in line:
        return line
    out, at = [], 0
    for a, b in _literal_spans(line):
        out += [RST_ROLE.sub(_rst_role, line[at:a]), line[a:b]]
        at = b
    return "".join(out) + RST_ROLE.sub(_rst_role, line[at:])


def _literal_spans(line: str) -> list[tuple[int, int]]:
    """Where ``line``'s inline literals are, as reStructuredText writes them: in double backticks (a single pair is a
    role's text, “:func:`f`”)."""
    return [(a, b) for a, b in _code_spans(line) if line.startswith("``", a)]


def _without_literals(line: str) -> str:
    out, at = [], 0
    for a, b in _literal_spans(line):
        out.append(line[at:a])
        at = b
    return "".join(out) + line[at:]


def _rst_role(m: re.Match) -> str:
    if m.group("role") == "math":
        return f"${m.group('text')}$"
    return m.group("text").split("<")[0].strip() if m.group("role") in ("ref", "doc", "term") else f"`{m.group('text')}`"


# What Confluence's wiki markup leaves (“h2. Setup”, “{code:python}” … “{code}”, “{note}…{note}”, “||Quantity||…||”,
# “# item” numbered, “{{mono}}”, “[~user]”, “[text|url]”), where a few of its lines use its headings or macros.
# (its headings and macros count where they open a line, outside code: “`{warning}`” in a LaTeX note is an example)
CONFLUENCE_MARK = re.compile(r"^(?:h[1-6]\.[ \t]|\{(?:code|noformat|note|info|tip|warning|panel|toc)\b)", re.M)
CONFLUENCE_HEADING = re.compile(r"h([1-6])\.[ \t]++(.*)")
CONFLUENCE_CODE = re.compile(r"[ \t]*+\{(?:code|noformat)(?::(?P<params>[^}\n]{0,200}))?\}[ \t]*+")
CONFLUENCE_MACRO = re.compile(r"\{(?:note|info|tip|warning|panel|quote|expand|toc|section|column)(?::(?P<params>[^}\n]{0,200}))?\}")
CONFLUENCE_ITEM = re.compile(r"([#*]{1,5})[ \t]++(\S.*)")
CONFLUENCE_MONO = re.compile(r"\{\{(?!c\d+::)([^{}\n]{1,200})\}\}")  # (“{{c1::Paris}}” is a cloze)
CONFLUENCE_LINK = re.compile(r"\[([^|\]\n]{1,200})\|((?:https?://|/|#|www\.)[^\]\s]{1,300}|[\w-]+(?: [\w-]+)*\.[a-z]{2,4})\]")
CONFLUENCE_MENTION = re.compile(r"\[~([\w.-]+)\]")


def _from_confluence(text: str) -> str:
    """``text`` in Confluence's wiki markup written as the Markdown it means, line for line: headings, code blocks
    fenced, macros gone (what they hold stays), lists, tables (the header on the blank line before its row, where that
    blank line stands after another or a heading, and its rule on the header's own line), “{{mono}}” code, links and
    mentions as their words."""
    lines = text.split("\n")
    code = False
    listed = {i for i, line in enumerate(lines) if CONFLUENCE_ITEM.fullmatch(line.removesuffix("\r"))}
    for i in _prose_lines(lines, math=True):
        raw = lines[i]
        end = "\r" if raw.endswith("\r") else ""
        line = raw.removesuffix("\r")
        if (fence := CONFLUENCE_CODE.fullmatch(line)):
            params = dict(p.partition("=")[::2] for p in (fence.group("params") or "").split("|") if p)
            language = params.get("language") or next((k for k, v in params.items() if not v and k.isidentifier()), "")
            lines[i], code = ("```" + language if not code else "```") + end, not code
            continue
        if code:
            continue
        if (heading := CONFLUENCE_HEADING.fullmatch(line)):
            line = "#" * int(heading.group(1)) + " " + heading.group(2)
        elif line.startswith("||") and line.rstrip().endswith("||"):
            cells = [_confluence_inline(c.strip()) for c in line.strip().strip("|").split("||")]
            if i and not lines[i - 1].strip() and (i < 2 or not lines[i - 2].strip() or HEADING_LINE.match(lines[i - 2])):
                # (the header on the blank line before it, the rule on its own: the rows keep their lines)
                lines[i - 1] = "| " + " | ".join(cells) + " |" + ("\r" if lines[i - 1].endswith("\r") else "")
                line = "|" + "---|" * len(cells)
            else:
                line = "| " + " | ".join(cells) + " |"
        elif (item := CONFLUENCE_ITEM.fullmatch(line)) and (item.group(1)[-1] == "*" or i - 1 in listed or i + 1 in listed):
            # (“# item” in a run of items; a “## Bayes” alone is a Markdown heading)
            depth, ordered = len(item.group(1)) - 1, item.group(1)[-1] == "#"
            line = "    " * depth + ("1. " if ordered else "- ") + item.group(2)
        elif line.startswith("bq. "):
            line = "> " + line[4:]
        line = _confluence_inline(line)
        lines[i] = (line if line.strip() else "") + end
    return "\n".join(lines)


def _confluence_inline(line: str) -> str:
    """A line's macros gone (what they hold stays; a panel's title in bold), “{{mono}}” code, links and mentions as
    their words, bold Markdown's; code and math as they are."""
    out, at = [], 0
    masked = masked_code(line) if "`" in line else line
    spans = sorted([*_code_spans(line), *((m.start(), m.end()) for m in INLINE_MATH.finditer(masked))])
    for a, b in spans:
        if a >= at:
            out += [_confluence_words(line[at:a]), line[a:b]]
            at = b
    return "".join(out) + _confluence_words(line[at:])


def _confluence_words(text: str) -> str:
    text = CONFLUENCE_MACRO.sub(lambda m: f"**{title}** " if (title := _macro_title(m.group("params"))) else "", text)
    text = CONFLUENCE_MONO.sub(r"`\1`", text)
    return _markup_inline(CONFLUENCE_LINK.sub(r"[\1](\2)", CONFLUENCE_MENTION.sub(r"@\1", text)))


def _macro_title(params: str | None) -> str:
    return next((v for k, _, v in (p.partition("=") for p in (params or "").split("|")) if k == "title" and v), "")


# What Emacs's Org mode leaves in notes exported from it: its keyword lines (“#+TITLE: …”, “#+BEGIN_SRC python”), a
# heading's drawer of properties (“:PROPERTIES:” … “:END:”), the dates a task was planned or done (“CLOSED: [2024-03-02
# Sat 10:40]”), a done heading's keyword and its tags (“## DONE Momentum  :lecture:”), verbatim text (“=lr=1e-3=”,
# “~x~”), links (“[[https://…][Adam (2014)]]”) and tables ruled with “+” (“|----+----|”).
ORG_MARK = re.compile(r"^#\+(?:TITLE|AUTHOR|DATE|OPTIONS|STARTUP|FILETAGS|BEGIN_SRC|BEGIN_EXAMPLE|BEGIN_QUOTE)\b|"
                      r"^:PROPERTIES:[ \t\r]*+$", re.M | re.I)  # (“    :PROPERTIES:” indented is code, an example)
ORG_KEYWORD = re.compile(r"#\+(?P<key>[A-Za-z_]+)(?::[ \t]*+(?P<value>.*))?(?:[ \t]++(?P<lang>[\w+-]+).*)?", re.I)
ORG_DRAWER = re.compile(r"[ \t]*+:(?P<name>[A-Za-z_]+):[ \t]*+")
ORG_PLANNING = re.compile(r"[ \t]*+(?:(?:SCHEDULED|DEADLINE|CLOSED):[ \t]*+[<\[][^>\]\n]*+[>\]][ \t]*+)++")
ORG_DONE_HEADING = re.compile(r"(#{1,6}[ \t]++)(?:DONE|CANCEL(?:L)?ED)[ \t]++")
ORG_TAGS = re.compile(r":(?:[\w@#%]++:)++")
ORG_VERBATIM = re.compile(r"(?<![\w=~])([=~])(?=\S)([^\n]{0,200}?\S)\1(?=[\s.,;:!?)'\"]|$)")
ORG_LINK = re.compile(r"\[\[([^\[\]\n]+)\]\[([^\[\]\n]+)\]\]")
ORG_RULE = re.compile(r"[ \t]*+\|[-: ]++(?:\+[-: ]++)++\|[ \t]*+")


# A talk's notes page by page, on lines of their own (“【第4页】误差从哪来”, “[Slide 3] Attention”, “Slide 3: Attention”):
# each page a section.
SLIDE_LINE = re.compile(r"^[ \t]*+(?:【第\s*+\d++\s*+页】|\[slide\s*+\d++\]|(?:slide|幻灯片)\s*+\d++\s*+[:：—–-])"
                        r"[ \t]*+(?P<title>[^\n]*+)$", re.M | re.I)


SLIDE_TITLE = re.compile(r"(?:[^\s.。！!？?；;,—]++[ \t]*+){0,8}+|[^。！!？?；;.,—\n]{0,40}")


def _slides_as_headings(text: str) -> str:
    """``text`` with each slide's marker line a heading one level under the heading before it, line for line."""
    lines = text.split("\n")
    level = 1
    for i in _prose_lines(lines):
        line = lines[i]
        heading = re.match(r"(#{1,6})\s", line)
        if heading:
            level = len(heading.group(1))
        elif (slide := SLIDE_LINE.match(line)) and (i == 0 or not lines[i - 1].strip()) \
                and SLIDE_TITLE.fullmatch(slide.group("title").strip()):
            # (a title, short and no sentence: “Slide 3: Lung (H&E) — thin-walled alveoli, …” says a fact on the line)
            lines[i] = "#" * min(level + 1, 6) + " " + (slide.group("title").strip() or line.strip())
    return "\n".join(lines)


# What Beamer's slides leave in notes exported from them: a pause between a slide's parts (“\pause”), a part shown on
# one click only (“\only<2>{…}”, “\onslide<3->{…}”), a slide's columns, and its highlights (“\alert{noise floor}”).
BEAMER_MARK = re.compile(r"^[ \t]*+\\pause\b|\\(?:only|onslide|uncover|visible)<[^>\n]{1,10}>\{", re.M)
BEAMER_LINE = re.compile(r"[ \t]*+\\(?:pause|framebreak|vfill|(?:begin|end)\{columns?\}(?:\{[^}\n]*\})?|column\{[^}\n]*\})[ \t\r]*+")
OVERLAY_OPEN = re.compile(r"\\(?:only|onslide|uncover|visible)<[^>\n]{1,10}>\{")
ALERT = re.compile(r"\\alert\{([^{}\n]*+)\}")
BEAMER_BLOCK = re.compile(r"[ \t]*+\\(?:begin\{(?:alert|example)?block\}(?:\{([^{}\n]*+)\})?|end\{(?:alert|example)?block\})[ \t\r]*+")
FRAME_HEADING = re.compile(r"(#{1,6}[ \t]++)(?:frame|slide)(?:[ \t]*+\d++)?[ \t]*+[:：][ \t]*+(?=\S)", re.I)


def _without_overlays(text: str) -> str:
    """``text`` exported from Beamer, line for line, as the Markdown it shows: every overlay's content, none of the
    commands that stage it, and a highlight in bold; a fenced block's and a display formula's lines stay as they are."""
    lines = text.split("\n")
    open_parts = 0
    for i in _prose_lines(lines, math=True):
        line = lines[i]
        if BEAMER_LINE.fullmatch(line):
            lines[i] = ""
            continue
        if (boxed := BEAMER_BLOCK.fullmatch(line)):
            lines[i] = f"**{boxed.group(1)}**" if boxed.group(1) else ""  # (“\begin{block}{Descent lemma}”: its title)
            continue
        if line.startswith("#") and (framed := FRAME_HEADING.match(line)):
            lines[i] = framed.group(1) + line[framed.end():]  # (“### Frame: Momentum”: the slide's title)
            continue
        if open_parts and line.strip() == "}":
            lines[i], open_parts = "", open_parts - 1  # (the end of “\only<1>{” on a line of its own)
            continue
        line = ALERT.sub(r"**\1**", line)
        if OVERLAY_OPEN.search(line):
            line, unclosed = _unwrapped(line)
            open_parts += unclosed
        lines[i] = line
    return "\n".join(lines)


# What a LaTeX source pasted into notes leaves (“\section{PCA}”, “\begin{itemize}” … “\item …”, “\begin{align}” …
# “\end{align}”, “\textbf{center}”, a comment “% 坑：…”), where a few of its lines open with its commands.
LATEX_MARK = re.compile(r"^[ \t]*+\\(?:(?:sub){0,2}section\*?\{|begin\{(?:itemize|enumerate|description|align|equation|gather)\*?\}|"
                        r"item\b)", re.M)
LATEX_SECTION = re.compile(r"[ \t]*+\\(?P<sub>(?:sub){0,2})section\*?\{(?P<title>(?:[^{}\n]|\{[^{}\n]*+\})*+)\}[ \t\r]*+")
LATEX_LIST = re.compile(r"[ \t]*+\\(?P<end>begin|end)\{(?P<kind>itemize|enumerate|description)\}[ \t\r]*+")
LATEX_ITEM = re.compile(r"[ \t]*+\\item\b(?:\[(?P<label>[^\]\n]*+)\])?[ \t]*+")
LATEX_DISPLAY = re.compile(r"[ \t]*+\\(?P<end>begin|end)\{(?P<env>align|equation|gather|multline|eqnarray)\*?\}[ \t\r]*+")
LATEX_STYLE = re.compile(r"\\(?P<cmd>textbf|emph|textit|texttt|underline)\{(?P<arg>[^{}\n]*+)\}")
LATEX_ESCAPE = re.compile(r"\\([_%&#$])")  # (in code only: elsewhere Markdown reads “\_” as LaTeX does)
INLINE_MATH = re.compile(r"\$\$[^\n]*?\$\$|\$[^$\n]*+\$")
STYLE_MARK = {"textbf": "**", "emph": "*", "textit": "*", "texttt": "`", "underline": ""}


def _from_latex(text: str) -> str:
    """``text`` with the LaTeX source pasted into it written as the Markdown it means, line for line: its sections
    headings, its lists lists, its displayed equations “$$” blocks, its emphasis Markdown's, its comments gone (as
    LaTeX leaves them out); fenced blocks and “$$” blocks stay as they are."""
    lines = text.split("\n")
    prose = list(_prose_lines(lines, math=True))
    closing: dict[int, str] = {}  # the line that ends a displayed equation, and what it becomes
    lists: list[list] = []  # the lists open: their kind and their count so far
    for k, i in enumerate(prose):
        line = lines[i]
        end = "\r" if line.endswith("\r") else ""
        if i in closing:
            lines[i] = closing.pop(i) + end
            continue
        if closing or line.count("$$") % 2:
            continue  # (inside an equation, or a line that opens or closes one written in dollars: as it is)
        if (shown := LATEX_DISPLAY.fullmatch(line)) and shown.group("end") == "begin":
            last = next((j for j in prose[k + 1:k + 60] if (e := LATEX_DISPLAY.fullmatch(lines[j])) and e.group("end") == "end"),
                        None)
            if last is not None:
                # (several lines aligned at “&”, or broken by “\\”: MathJax's “aligned” inside the dollars)
                aligned = any("&" in lines[j] or "\\\\" in lines[j] for j in range(i + 1, last))
                lines[i] = ("$$\\begin{aligned}" if aligned else "$$") + end
                closing[last] = "\\end{aligned}$$" if aligned else "$$"
            continue
        if line.lstrip().startswith("%"):
            lines[i] = end  # (a comment: LaTeX leaves it out)
            continue
        if (section := LATEX_SECTION.fullmatch(line)):
            lines[i] = "#" * (2 + len(section.group("sub")) // 3) + " " + _latex_words(section.group("title")) + end
            lists = []  # (a section ends any list left open)
            continue
        if HEADING_LINE.match(line):
            lists = []  # (so does a Markdown heading)
            continue
        if (opened := LATEX_LIST.fullmatch(line)):
            if opened.group("end") == "begin":
                lists.append([opened.group("kind"), 0])
            elif lists:
                lists.pop()
            lines[i] = end
            continue
        # (four spaces a level, inside “1. ” and “- ” alike; a list opened before any item of the one around it is not inside one)
        indent = "    " * min(sum(1 for _, count in lists[:-1] if count), 4)  # (nested deeper, it is as deep as four)
        if lists and (item := LATEX_ITEM.match(line)):
            lists[-1][1] += 1
            kind, count = lists[-1]
            mark = f"{count}. " if kind == "enumerate" else "- "
            label = f"**{_latex_words(item.group('label'))}**：" if item.group("label") else ""
            lines[i] = indent + mark + label + _latex_words(line[item.end():].removesuffix("\r")) + end
        elif lists and line.strip():
            lines[i] = indent + "    " + _latex_words(line.strip()) + end  # (the item goes on)
        elif "\\" in line:
            lines[i] = _latex_words(line.removesuffix("\r")) + end
    return "\n".join(lines)


def _latex_words(text: str) -> str:
    r"""``text``'s emphasis as Markdown writes it (“\textbf{center}” → “**center**”, “\texttt{full\_matrices}” →
    “`full_matrices`”); code and math as they are."""
    masked = masked_code(text) if "`" in text else text
    out, at = [], 0
    for span in INLINE_MATH.finditer(masked):
        out += [_latex_style(text[at:span.start()]), text[span.start():span.end()]]
        at = span.end()
    return "".join(out) + _latex_style(text[at:])


def _latex_style(text: str) -> str:
    if "\\" not in text:
        return text
    return LATEX_STYLE.sub(lambda m: STYLE_MARK[m.group("cmd")] + (LATEX_ESCAPE.sub(r"\1", m.group("arg"))
                                                                   if m.group("cmd") == "texttt" else m.group("arg"))
                           + STYLE_MARK[m.group("cmd")], text)


def _unwrapped(line: str) -> tuple[str, int]:
    r"""``line`` with each overlay's command and its closing brace taken out (“\only<2>{Minibatch …}” → “Minibatch …”),
    in one pass; and how many overlays it opens that close on a later line."""
    out, stack, k = [], [], 0
    for part in OVERLAY_OPEN.finditer(line):
        for ch in line[k:part.start()]:
            if ch == "{":
                stack.append(False)
            elif ch == "}" and stack:
                if stack.pop():
                    continue  # (an overlay's own closing brace)
            out.append(ch)
        stack.append(True)
        k = part.end()
    for ch in line[k:]:
        if ch == "{":
            stack.append(False)
        elif ch == "}" and stack:
            if stack.pop():
                continue
        out.append(ch)
    return "".join(out), sum(stack)


def _unfenced_lines(lines: list[str]) -> Iterator[str]:
    """``lines`` outside fenced blocks."""
    for i in _prose_lines(lines):
        yield lines[i]


def _unfenced(text: str) -> str:
    """``text`` without its fenced blocks' lines."""
    return "\n".join(_unfenced_lines(text.split("\n")))


BACKTICKS = re.compile(r"`+")


def _code_spans(line: str) -> list[tuple[int, int]]:
    """Where ``line``'s code spans are: a run of backticks to the next run as long, in one pass."""
    runs = [m.span() for m in BACKTICKS.finditer(line)]
    following: list[int | None] = [None] * len(runs)
    seen: dict[int, int] = {}
    for k in range(len(runs) - 1, -1, -1):  # (each run's next run of the same length)
        length = runs[k][1] - runs[k][0]
        following[k] = seen.get(length)
        seen[length] = k
    spans, k = [], 0
    while k < len(runs):
        closing = following[k]
        if closing is None:
            k += 1
            continue
        spans.append((runs[k][0], runs[closing][1]))
        k = closing + 1
    return spans


def _outside_code(line: str) -> str:
    """``line`` without its code spans."""
    out, at = [], 0
    for a, b in _code_spans(line):
        out.append(line[at:a])
        at = b
    return "".join(out) + line[at:]


def _prose_lines(lines: list[str], math: bool = False) -> Iterator[int]:
    """The indices of ``lines`` outside fenced blocks (a fence indented under a list item too) and, with ``math``,
    outside display formulas; the lines that open or close a fence are neither."""
    fence, inside = "", False
    for i, line in enumerate(lines):
        if fence:
            fence = "" if _closes(line, fence) else fence
            continue
        if (opened := FENCE_LINE.match(line.lstrip())):
            fence = opened.group(1)
            continue
        if math and "$$" in line and (line.count("$$") if "`" not in line else _outside_code(line).count("$$")) % 2:
            inside = not inside  # (a “$$” shown as code opens nothing)
        if not inside:
            yield i


def _from_org(text: str) -> str:
    """``text`` exported from Org mode, line for line, as the Markdown it means: the title a heading, its source blocks
    fences, what only Org reads gone."""
    lines = text.split("\n")
    fence, drawer, titled = "", False, False
    closes = _drawers_closing(lines)
    for i, raw in enumerate(lines):
        line, end = (raw[:-1], "\r") if raw.endswith("\r") else (raw, "")  # (a CRLF file keeps its line ends)
        if fence:
            if fence != "```" and line.strip().upper().startswith(("#+END_SRC", "#+END_EXAMPLE")):
                lines[i], fence = "```" + end, ""
            elif fence == "```" and line.lstrip().startswith(("```", "~~~")):
                fence = ""
            continue
        if drawer:
            drawer = ORG_DRAWER.fullmatch(line) is None or ORG_DRAWER.fullmatch(line).group("name").upper() != "END"
            lines[i] = end
            continue
        keyword = ORG_KEYWORD.fullmatch(line) if line.startswith("#+") else None
        if keyword:
            key = keyword.group("key").upper()
            if key in ("BEGIN_SRC", "BEGIN_EXAMPLE"):
                lines[i], fence = "```" + (keyword.group("lang") or "") + end, key
            elif key == "TITLE" and keyword.group("value") and not titled:
                lines[i], titled = "# " + keyword.group("value").strip() + end, True
            else:
                lines[i] = end
            continue
        if line.lstrip().startswith(("```", "~~~")):
            fence = "```"  # (a Markdown fence in it: its lines stay as they are)
            continue
        drawn = ORG_DRAWER.fullmatch(line)
        if drawn and drawn.group("name").upper() in ("PROPERTIES", "LOGBOOK") and closes[i]:
            lines[i], drawer = end, True  # (a drawer never closed before the next heading is left as written)
        elif ORG_PLANNING.fullmatch(line):
            lines[i] = end
        elif ORG_RULE.fullmatch(line):
            lines[i] = line.replace("+", "|") + end
        else:
            if line.startswith("#"):
                line = ORG_DONE_HEADING.sub(r"\1", line)
                head, space, tags = line.rstrip().rpartition(" ")  # (“## Adam   :paper:optim:”: its tags last)
                line = head.rstrip() if space and ORG_TAGS.fullmatch(tags) else line
            lines[i] = (_org_inline(line) if ("=" in line or "~" in line or "[[" in line) else line) + end
    return "\n".join(lines)


def _drawers_closing(lines: list[str]) -> list[bool]:
    """For each line, whether an “:END:” follows it before the next heading (read once, from the end)."""
    closes, state = [False] * len(lines), False
    for i in range(len(lines) - 1, -1, -1):
        closes[i] = state
        line = lines[i].rstrip("\r")
        if line.startswith("#"):
            state = False
        elif re.fullmatch(r"[ \t]*+:END:[ \t]*+", line, re.I):
            state = True
    return closes


def _org_inline(line: str) -> str:
    """A line's Org verbatim text as code and its links as Markdown's, outside its math (“$a = b$” stays)."""
    parts = re.split(r"(\$[^$\n]*\$)", line)
    return "".join(part if k % 2 else ORG_LINK.sub(r"[\2](\1)", ORG_VERBATIM.sub(r"`\2`", part))
                   for k, part in enumerate(parts))


def _closes(line: str, fence: str) -> bool:
    """Whether ``line`` closes a code fence opened by ``fence`` (“```”, “~~~~”)."""
    return line.strip().startswith(fence) and not line.strip().strip(fence[0])


def _quoted(indent: str, header: str, body: list[str], closing: bool = True) -> list[str]:
    """A box as callout lines: its header, its body (boxes inside it too), and the blank line
    that ends it where a closing line stood."""
    return [f"{indent}> {header}".rstrip(), *(f"{indent}> {l}".rstrip() for l in _callout_lines(body))] + \
        ([""] if closing else [])


def _myst_box(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """```{math} as a formula; ```{note}, ```{admonition} Title as a box (without their options)."""
    myst = MYST_FENCE.match(lines[i])
    if myst is None or not (myst.group("name") == "math" or myst.group("name") in MYST_BOXES):
        return None
    close = _fence_end(lines, i + 1, myst.group("fence"))
    if close is None:
        return None
    indent, name = myst.group("indent"), myst.group("name")
    body = [("" if OPTION_LINE.match(l) else l) for l in lines[i + 1:close]]
    if name == "math":
        return [indent + "$$", *body, indent + "$$"], close + 1
    title = myst.group("title") if name in ("admonition", "dropdown") else ""
    return _quoted(indent, f"[!{name}] {title}", body), close + 1


def _colon_box(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """“::: tip 提示”, “::: {.callout-note}” over “## Title”, “:::{warning}”, up to its colons."""
    colons = COLON_OPEN.match(lines[i])
    close = _colon_end(lines, i + 1, len(colons.group("colons"))) if colons else None
    if close is None:
        return None
    kind = (colons.group("callout") or colons.group("type") or colons.group("div") or "div").lower()
    title = (colons.group("title") or "").strip()
    body = [("" if OPTION_LINE.match(l) else l) for l in lines[i + 1:close]]
    first = next((j for j, l in enumerate(body) if l.strip()), None)
    heading = HEADING_LINE.match(body[first]) if first is not None and not title else None
    if heading:  # Quarto: “## Title” as the box's first line
        title, body = heading.group(1), body[:first] + [""] + body[first + 1:]
    return _quoted("", f"[!{kind}] {title}", body), close + 1


def _mkdocs_box(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """“!!! note "Title"”, “??? question "…"”, “=== "PyTorch"” over a body indented four spaces."""
    box = BOX_MARK.match(lines[i])
    if box is None:
        return None
    indent = box.group("indent")
    end = _indented_end(lines, i + 1, _width(indent) + 4)
    if end == i + 1:
        return None
    body = [_dedent(l, _width(indent) + 4) for l in lines[i + 1:end]]
    if box.group("tab"):
        kind, fold, title = "tab", "", box.group("tab_title")
    else:
        kind, title = box.group("type").lower(), box.group("title")
        fold = "" if box.group("mark") == "!!!" else "+" if box.group("mark").endswith("+") else "-"
        title = kind.capitalize() if title is None else title
    return _quoted(indent, f"[!{kind}]{fold} {title}", body, closing=False), end


def _details_box(lines: list[str], i: int) -> tuple[list[str], int] | None:
    """“<details><summary>Question</summary> … </details>”: its summary is the title."""
    details = DETAILS_OPEN.match(lines[i])
    close = _details_end(lines, i + 1) if details else None
    if close is None:
        return None
    indent, summary, start = details.group("indent"), details.group("summary"), i + 1
    if summary is None and start < close and SUMMARY.match(lines[start]):
        summary = SUMMARY.match(lines[start]).group("summary")
        start += 1
    body = [l[len(indent):] if l.startswith(indent) else l.lstrip() for l in lines[start:close]]
    quoted = _quoted(indent, f"[!details]- {_summary_text(summary or '')}", body)
    return quoted[:1] + [f"{indent}>"] * (start - i - 1) + quoted[1:], close + 1


def _indented_end(lines: list[str], start: int, width: int) -> int:
    """Where the body indented by ``width`` that starts at ``start`` ends (blank lines after
    it are not its own)."""
    end = last = start
    while end < len(lines) and (not lines[end].strip() or _width(lines[end][:len(lines[end]) - len(lines[end].lstrip())]) >= width):
        end += 1
        if lines[end - 1].strip():
            last = end
    return last


def _dedent(line: str, width: int) -> str:
    expanded = line.expandtabs(4)
    return expanded[width:] if expanded[:width].strip() == "" else expanded.lstrip()


# Jekyll's Liquid code tags (“{% highlight python %}”) are a fence; its raw tags, and kramdown's
# attribute lines (“{: .notice--info}”), are for the site. Pandoc labels an equation after its
# closing “$$” (“$$ {#eq-loss}”). MathJax's own delimiters, “\(…\)” and “\[…\]” (doubled in
# kramdown), are dollars.
LIQUID_OPEN = re.compile(r"^(\s*)\{%-?\s*highlight\s+([\w+-]+)[^%]*-?%\}\s*$")
LIQUID_CLOSE = re.compile(r"^(\s*)\{%-?\s*endhighlight\s*-?%\}\s*$")
# (a site's own tags on lines of their own: Jekyll's “{% raw %}”, kramdown's “{: .note}”, GitBook's tabs “{% tabs %}”,
# “{% tab title="Pure PyTorch" %}”; what they hold stays)
RAW_TAG = re.compile(r"^\s*\{%-?\s*(?:end)?raw\s*-?%\}\s*$")
SITE_LINE = re.compile(r"^\s*(?:\{%-?\s*(?:end)?(?:raw|tabs?)\b[^%\n]{0,200}-?%\}|\{:[^}]*\})\s*$")
EQUATION_LABEL = re.compile(r"(\$\$)\s*\{#[^}]*\}\s*$")
INLINE_DELIMITERS = re.compile(r"\\\\\((.+?)\\\\\)|\\\((.+?)\\\)|\\\\\[(.+?)\\\\\]")


DIALECT_MARK = re.compile(r"!!!|\?\?\?|===|:::|<details|\{[%:#]|\\[(\[\]]|[`~]{3}\s*\{", re.I)  # a quick first look
ANY_DIALECT = re.compile(r"^[ \t]*(?:!!!|\?\?\?|===|:::|<details|\{[%:]|\\{1,2}[\[\]][ \t]*$|[`~]{3,}\s*\{[\w-]+\})|\\\(|\\\\\[|\$\$[ \t]*\{#",
                         re.M | re.I)


def _liquid(line: str) -> str:
    if "{%" not in line and "{:" not in line:
        return line
    opens = LIQUID_OPEN.match(line)
    if opens:
        return f"{opens.group(1)}```{opens.group(2)}"
    closes = LIQUID_CLOSE.match(line)
    if closes:
        return f"{closes.group(1)}```"
    return "" if SITE_LINE.match(line) else line


def _math_marks(line: str) -> str:
    line = EQUATION_LABEL.sub(r"\1", line) if "{#" in line else line
    if line.strip() in ("\\[", "\\]", "\\\\[", "\\\\]"):  # a display's delimiter on its own line
        return line[:len(line) - len(line.lstrip())] + "$$"
    return INLINE_DELIMITERS.sub(_dollars, line) if "\\(" in line or "\\\\[" in line else line


def mathjax_as_dollars(text: str) -> str:
    """``text`` with MathJax's delimiters (“\\( … \\)”, “\\[ … \\]”) written as dollars, line by line, as the notes are read."""
    return "\n".join(map(_math_marks, text.split("\n"))) if "\\" in text else text


def _dollars(match: re.Match) -> str:
    if match.group(3) is not None:
        return f"$${match.group(3).strip()}$$"
    if match.group(2) is not None and not re.search(r"[\\^_=]", match.group(2)):
        return match.group()  # “\(2\)”: Markdown's escaped brackets around a number, not math
    return f"${(match.group(1) or match.group(2)).strip()}$"


def _fence_end(lines: list[str], start: int, fence: str) -> int | None:
    return next((j for j in range(start, len(lines)) if _closes(lines[j], fence)), None)


def _colon_end(lines: list[str], start: int, colons: int) -> int | None:
    depth, fence = 1, ""
    for j in range(start, len(lines)):
        opens = None if fence else FENCE_LINE.match(lines[j])
        if fence or opens:  # colons inside code close nothing
            fence = ("" if _closes(lines[j], fence) else fence) if fence else opens.group(1)
            continue
        close = COLON_CLOSE.match(lines[j])
        if close and len(close.group(1)) >= colons:
            depth -= 1
            if depth == 0:
                return j
        elif COLON_OPEN.match(lines[j]):
            depth += 1
    return None  # never closed: left as it is


def _details_end(lines: list[str], start: int) -> int | None:
    depth = 1
    for j in range(start, len(lines)):
        if DETAILS_OPEN.match(lines[j]):
            depth += 1
        elif DETAILS_CLOSE.match(lines[j]):
            depth -= 1
            if depth == 0:
                return j
    return None  # never closed: left as it is


def decode_notes(raw: bytes, shown: str) -> str:
    """The text of a notes file; :class:`NotesError` naming the line when it is not UTF-8."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise NotesError(
            f"{shown}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise NotesError(f"{shown}:{line}: holds a NUL byte, so it is not a text file; remove it")
    return as_callouts(text)


def parse_notes(text: str, path: str, tokens: list | None = None) -> Outline:
    """``tokens``: ``markdown().parse(text)`` when the caller already has them."""
    if tokens is None:
        text = as_callouts(text)
        tokens = markdown().parse(text)
    builder = _Builder(path, text.splitlines())
    return builder.build(_tree(tokens, builder.lines))


class _Node:
    """A container block of the token stream (a list, an item, a paragraph …) with the blocks
    it holds: what markdown-it's ``SyntaxTreeNode`` gives for it. A block with nothing inside
    (a fence, a formula, an inline run) is its token itself, which answers to the same names;
    the outline never reads the parts of an inline token, which are most of that tree's cost."""

    __slots__ = ("type", "tag", "map", "content", "info", "attrs", "children")

    def __init__(self, type_: str, token=None) -> None:
        self.type, self.children = type_, []
        if token is None:
            self.tag, self.map, self.content, self.info, self.attrs = "", None, "", "", {}
        else:
            self.tag, self.map, self.content, self.info = token.tag, token.map, token.content, token.info
            self.attrs = token.attrs


def _tree(tokens: list, lines: list[str] = ()) -> _Node:
    """The block tokens nested as their open and close tokens nest them. In a list, a line
    underlined by a lone “-” is a question over an empty bullet, not a setext heading."""
    root = _Node("root")
    stack = [root.children]
    for token in tokens:
        if token.nesting == 1:
            kind = token.type.removesuffix("_open")
            if kind == "heading" and token.level > 0 and token.markup == "-" and token.map \
                    and 0 < token.map[1] <= len(lines) and lines[token.map[1] - 1].strip() == "-":
                kind = "paragraph"
            node = _Node(kind, token)
            stack[-1].append(node)
            stack.append(node.children)
        elif token.nesting == -1:
            stack.pop()
        else:
            stack[-1].append(token)
    return root


class _Builder:
    def __init__(self, path: str, lines: list[str]) -> None:
        self.path = path
        self.lines = lines
        self.notices: list[Notice] = []
        self._lang: str | None = None
        # d2l marks each framework's copy of a code block with `#@tab NAME` (a block with no
        # such line is then the MXNet copy) or `%%tab NAME` (a block with none is for every
        # framework). Keep the PyTorch and framework-neutral copies.
        self.uses_tabs = any(line.startswith("#@tab") for line in lines)
        self.d2l = self.uses_tabs or any(TAB_LINE.match(line) for line in lines) or any(ROLE_LINE.match(line) and line.strip() for line in lines)
        headers = Counter(m.group("bold") or m.group("bracketed") for m in map(CHAT_HEADER.fullmatch, lines) if m)
        self.speakers = {name for name, count in headers.items() if count >= 2}

    def _chat_header(self, line: str) -> bool:
        header = CHAT_HEADER.fullmatch(line)
        return header is not None and (header.group("bold") or header.group("bracketed")) in self.speakers

    def say(self, zh: str, en: str, **kw) -> str:
        """A message in the language of these notes (worked out once, when first needed)."""
        if self._lang is None:
            self._lang = language(self.lines[:400])
        return say(self._lang, zh, en, **kw)

    def _content_line(self, node: _Node) -> int:
        """The line a display formula's text starts on: past its opening “$$” (or “\\[”) when
        that stands alone, and past blank lines after it."""
        if not node.map:
            return 0
        first, end = node.map
        text = node.content.strip()
        for number in range(first, min(end, len(self.lines))):
            line = self.lines[number].strip()
            if line and line not in ("$$", "\\[", "```math", "~~~math") and text[:1] and text[:8] in line:
                return number + 1
        return first + 1

    def src(self, node: _Node) -> Source:
        line = node.map[0] + 1 if node.map else 1
        return Source(self.path, line)

    def build(self, tree: _Node) -> Outline:
        front: dict[str, Any] = {}
        nodes = list(tree.children)
        if nodes and nodes[0].type == "front_matter":
            front = _parse_front_matter(nodes.pop(0).content)
        title = plain_inline(str(front.get("title", "")))
        title_heading: _Node | None = None
        if not title:
            title_heading = next((n for n in nodes if n.type == "heading"), None)
            title = _heading_text(title_heading) if title_heading else Path(self.path).stem
        root = Section(title=title, level=0, source=Source(self.path, 1))
        stack: list[Section] = [root]
        for node in _hoist_headings(nodes):
            if node is title_heading:
                root.source = self.src(node)
                continue
            if node.type == "heading":
                level = int(node.tag[1])
                section = Section(self.inline(_heading_text(node)), level, self.src(node))
                while len(stack) > 1 and stack[-1].level >= level:
                    stack.pop()
                stack[-1].sections.append(section)
                stack.append(section)
                continue
            block = self.block(node)
            if block is not None:
                stack[-1].blocks.append(block)
        _join_broken_lines(root, self.notices, self.say)
        spaced = any(SPACED_TAG.search(masked_code(line) if "`" in line else line) for line in _unfenced_lines(self.lines))
        return Outline(self.path, title, root, front, self.notices, spaced_cards=spaced)

    def block(self, node: _Node) -> Block | None:
        kind = node.type
        if kind == "paragraph":
            if FOOTNOTE_TEXT.match(_inline_source(node)):
                return None  # a footnote's text (“[^1]: Ioffe & Szegedy, 2015”): where a claim comes from
            lines = _inline_source(node).splitlines()
            said = next((i for i, line in enumerate(lines) if not self._chat_header(line)), len(lines))
            text = "\n".join(line for line in lines[said:] if not ROLE_LINE.match(line) and not self._chat_header(line))
            text = self.inline(text)
            source = self.src(node)
            source = Source(source.path, source.line + said) if said else source
            return Block("paragraph", source, text=text) if text else None
        if kind in ("bullet_list", "ordered_list"):
            items = [self.item(child) for child in node.children]
            start = node.attrs.get("start", 1) if kind == "ordered_list" else 1
            return Block("list", self.src(node), items=items, ordered=kind == "ordered_list", start=int(start))
        if kind == "fence":
            chunk = CODE_CHUNK.match(node.info.strip())
            if node.info.strip().startswith("{") and not node.info.strip().startswith("{.") and not chunk:
                return None  # a MyST directive (```{note}): prose for a reader of the rendered page
            language, code = _fence_language(node.info, node.content)
            code = _without_line_numbers(code)
            skipped = 0  # (the lines taken off the code's top: its chunk options, “#| echo: false”)
            if chunk:  # ```{python} (Quarto, R Markdown), ```{code-cell} ipython3 (MyST): code that runs
                language = chunk.group(1) or chunk.group(2)
                language = "python" if language.startswith("ipython") else language
                skipped = LEADING_OPTIONS.match(code).group().count("\n")
                code = CHUNK_OPTION.sub("", code)
            if language in NOT_PROGRAMS:
                return Block("other-code", self.src(node), text=code, language=language)
            tab = TAB_LINE.match(code)
            frameworks = {n.strip().lower() for n in tab.group(1).split(",")} if tab else set()
            if (frameworks or self.uses_tabs) and not frameworks & KEPT_TABS:
                # another framework's version of the code: no card, but the section is not empty
                return Block("other-code", self.src(node), text=code, language=language)
            first = self.src(node).line + 1 + skipped  # (below the fence)
            if tab:
                first += code[:tab.end()].count("\n")
                code = code[tab.end():]
            return Block("code", self.src(node), text=code, language=language, content_line=first)
        if kind == "code_block":
            if _looks_like_prose(node.content):
                self.notices.append(Notice(self.src(node), "prose-as-code", self.say(
                    "缩进的正文被 Markdown 当成了代码块；已按正文读（去掉行首的空格）",
                    "indented prose is read as a code block by Markdown; treated as text "
                    "(remove the leading spaces)")))
                return Block("paragraph", self.src(node), text=" ".join(node.content.split()))
            return Block("code", self.src(node), text=node.content, language="", content_line=self.src(node).line)
        if kind in ("math_block", "math_block_label", "amsmath"):
            return Block("math", self.src(node), text=node.content.strip(), content_line=self._content_line(node))
        if kind == "dl":
            return Block("list", self.src(node), items=self.definitions(node))
        if kind == "table":
            return Block("table", self.src(node), text=self.raw(node))
        if kind == "blockquote":
            return self.callout(node) or Block("quote", self.src(node), text=self.raw(node))
        if kind == "hr":
            return Block("rule", self.src(node))  # a break in the text: what is above does not run on below
        return None

    def callout(self, node: _Node) -> Block | None:
        """A callout (“> [!tip]- Title” over its body): a box with a type, a title and blocks."""
        children = list(node.children)
        first = children[0] if children and children[0].type == "paragraph" else None
        head, _, rest = _inline_source(first).partition("\n") if first is not None else ("", "", "")
        match = CALLOUT.match(head)
        if match is None:
            return None
        source = self.src(node)
        blocks = []
        if rest.strip():
            blocks.append(Block("paragraph", Source(self.path, source.line + 1), text=self.inline(rest)))
        for block in (self.block(c) for c in children[1:]):
            if block is not None and block.kind in ("table", "quote"):
                block.text = QUOTE_MARK.sub("", block.text)  # its source lines, less the box's “> ”
            if block is not None:
                blocks.append(block)
        return Block("callout", source, text=self.inline(match.group("title")), language=match.group("type").lower(),
                     blocks=blocks)

    def item(self, node: _Node) -> Item:
        children = list(node.children)
        text = ""
        source = self.src(node)
        if children and children[0].type == "paragraph":
            first = children.pop(0)
            text = "\n".join(line for line in _inline_source(first).splitlines() if not ROLE_LINE.match(line))
            text = TOGGLE.sub("", self.inline(text), count=1)  # (“▶ Output size”: a toggle's mark, no text)
            source = self.src(first)  # (“-” alone on its line, the text below it: the item is where its text is)
        blocks = [b for b in (self.block(c) for c in children) if b is not None]
        for block in blocks:
            if block.kind in ("quote", "table") and block.source.line == self.src(node).line:
                # (“- > a quote” on the item's own line: its source lines start with the item's mark)
                block.text = LIST_MARK.sub("", block.text, count=1)
        return Item(text=text, source=source, children=blocks, number=int(node.info) if node.info.isdigit() else 0)

    def inline(self, text: str) -> str:
        if "{" in text:
            text = HEADER_ATTRS.sub("", text)  # pandoc's “Overview {#overview}”: an anchor, not words
        text = references(text)
        if self.d2l:
            text = D2L_MARK.sub(lambda m: m.group(1) or m.group(2), text)
        if "%%" in text or "==" in text:
            text = obsidian_marks(text)
        if "<" in text:
            text = _without_tags(text)
        if "[^" in text:
            text = FOOTNOTE_MARK.sub("", text)  # the note it points to is the page's, not the card's
        if "((" in text or "#" in text:
            text = _without_outliner_marks(text)  # Roam, Logseq: a block's reference, a page's tag
        if "[" in text:
            text = SLIDE_REF.sub("", text)  # “[slide 36]”: where the lecture showed it, not what it says
        if ":" in text:
            text = TIMESTAMP_LEAD.sub("", text)  # “**[02:10]** 核心思想…”: where the video said it
        return text.strip()

    def definitions(self, node: _Node) -> list[Item]:
        """A definition list reads as ``term: definition`` items, as it would be written."""
        items: list[Item] = []
        for child in node.children:
            if child.type == "dt":
                items.append(Item(_inline_source(child).strip(), self.src(child)))
            elif child.type == "dd" and items:
                parts = [b.text for b in (self.block(c) for c in child.children) if b is not None and b.text]
                if parts and not items[-1].text.endswith((":", "：")):
                    items[-1].text += ": " + " ".join(parts)
        return [it for it in items if ":" in it.text]

    def raw(self, node: _Node) -> str:
        start, end = node.map or (0, 0)
        return "\n".join(self.lines[start:end])


def _heading_text(node: _Node) -> str:
    return plain_inline(references(_inline_source(node)))


def _hoist_headings(nodes: list[_Node]):
    """A list whose items start with headings (``3. ### Adam``) is the outline of sections,
    not a list: its items' contents take the place of the list."""
    for node in nodes:
        if node.type in ("bullet_list", "ordered_list") and any(
                item.children and item.children[0].type == "heading" for item in node.children):
            for item in node.children:
                yield from _hoist_headings(list(item.children))
        else:
            yield node


LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+")
# The mark an exported toggle list leaves before its title (Notion, Logseq): “▶ Output size formula”.
TOGGLE = re.compile(r"^\s*[▶▸►▷▹▾▼▽]\ufe0f?\s+")


def _inline_source(node: _Node) -> str:
    inline = node.children[0] if node.children else None
    return inline.content if inline is not None else ""


# An executable chunk: ```{python}, ```{r, echo=FALSE}, ```{code-cell} ipython3; its “#| echo: false”
# lines are options for the renderer.
CODE_CHUNK = re.compile(r"^\{\s*(python|r|julia|bash|sh)\b[^}]*\}|^\{code-cell\}\s*(\w+)", re.I)
CHUNK_OPTION = re.compile(r"^#\|.*\n?", re.M)
LEADING_OPTIONS = re.compile(r"(?:#\|.*\n)*")


NUMBERED_LINE = re.compile(r"^\s*(\d+)(?: |$)")


def _without_line_numbers(code: str) -> str:
    """Code copied from a page that numbers its lines (“1 import torch”, “2 ”, …) without the numbers."""
    lines = code.splitlines()
    numbers = [NUMBERED_LINE.match(line) for line in lines]
    if len(lines) < 3 or not all(numbers) or \
            [int(m.group(1)) for m in numbers] != list(range(int(numbers[0].group(1)), int(numbers[0].group(1)) + len(lines))):
        return code
    # numbers padded to one width (“1  x”, “10 y”): the code starts one space after the widest
    start = max(m.end(1) for m in numbers) + 1
    return "\n".join(line[start:] if not line[m.end(1):start].strip() else line[m.end(1) + 1:]
                     for line, m in zip(lines, numbers)) + ("\n" if code.endswith("\n") else "")


def _fence_language(info: str, code: str) -> tuple[str, str]:
    """``python``, ``{.python .input}`` (pandoc) -> ``python``; d2l's ``#@tab`` line kept."""
    info = info.strip()
    match = re.match(r"\{\s*\.([\w+-]+)", info)
    language = match.group(1) if match else (info.split()[0] if info else "")
    return language.lower(), code


def _looks_like_prose(content: str) -> bool:
    text = content.strip()
    if not text or not CJK.search(text):
        return False
    code_marks = sum(text.count(c) for c in "=(){}[];#")
    return code_marks == 0 or len(CJK.findall(text)) > 3 * code_marks


def _parse_front_matter(content: str) -> dict[str, Any]:
    """A tolerant reader of the ``key: value`` lines of YAML front matter."""
    data: dict[str, Any] = {}
    for line in content.splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "-", "#")):
            data[key.strip()] = value.strip().strip("'\"")
    return data


def paren_balance(text: str) -> int:
    return sum(text.count(c) for c in "([{") - sum(text.count(c) for c in ")]}")


def _join_broken_lines(section: Section, notices: list[Notice], say) -> None:
    """Re-attach the tail of a plain-text formula that a copy-paste split into blocks.

    Text copied from a rendered page loses superscripts and roots to line breaks; a blank
    line then ends the list, and the rest of the formula lands in a paragraph of its own.
    When a list's last item leaves brackets open and the next paragraph closes them, they
    are one formula.
    """
    blocks = section.blocks
    i = 0
    while i < len(blocks) - 1:
        block, nxt = blocks[i], blocks[i + 1]
        leaf = _last_leaf(block) if block.kind == "list" else None
        if leaf is not None and nxt.kind == "paragraph" and not CJK.search(nxt.text):
            open_ = paren_balance(leaf.text)
            if open_ > 0 and open_ + paren_balance(nxt.text) == 0:
                leaf.text = leaf.text + "\n" + nxt.text
                notices.append(Notice(leaf.source, "broken-formula", say(
                    "一个公式被拆在了第 {a}-{b} 行（复制时丢了格式）；已合为一个读；用 $…$ 写成 LaTeX",
                    "a formula is split over lines {a}-{b} (it lost its markup when copied); read as one; "
                    "write it as $…$ LaTeX", a=leaf.source.line, b=nxt.source.line)))
                del blocks[i + 1]
                continue
        i += 1
    for child in section.sections:
        _join_broken_lines(child, notices, say)


def _last_leaf(block: Block) -> Item | None:
    if not block.items:
        return None
    item = block.items[-1]
    while item.children and item.children[-1].kind == "list" and item.children[-1].items:
        item = item.children[-1].items[-1]
    return item


def iter_sections(section: Section, path: tuple[str, ...] = ()):
    """Yield ``(heading path below the title, section)`` depth first, in file order."""
    yield path, section
    for child in section.sections:
        yield from iter_sections(child, path + (child.title,))


def outline_markdown(blocks: list[Block], depth: int = 0) -> str:
    """Blocks as a nested Markdown list: the text form of a mind map."""
    lines: list[str] = []
    for block in blocks:
        if block.kind == "list":
            for item in block.items:
                if item.text.strip():
                    lines.append("  " * depth + "- " + " ".join(item.text.split()))
                sub = outline_markdown(item.children, depth + 1)
                if sub:
                    lines.append(sub)
        elif block.kind == "paragraph" and depth > 0:
            lines.append("  " * depth + "- " + " ".join(block.text.split()))
    return "\n".join(lines)
