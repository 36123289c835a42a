"""Card Markdown -> the HTML Anki shows: MathJax delimiters, highlighted code, media.

Math is never touched by Markdown or HTML escaping beyond what the browser undoes:
``$…$`` becomes ``\\(…\\)``, ``$$…$$`` becomes ``\\[…\\]``. Of the HTML people write in
notes, the formatting tags Anki shows (``<br>``, ``<sub>``, ``<b>`` …, without attributes)
are kept; everything else is escaped, so a ``<script>`` or an ``onerror=`` in copied text
cannot run inside Anki.
"""

from __future__ import annotations

import hashlib
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from studydeck.notes import configure

CLOZE_CLOSE = re.compile(r"\}\}")
# A link Anki can follow goes to the web or to mail (``https:``, ``mailto:``); an anchor in the page
# (``#q1``), a path beside the notes (``other.md``, ``C:/notes/x.md``) or a local server leads nowhere
# inside a card.
LINK_SCHEME = re.compile(r"(?:https?|ftp)://(?!localhost\b|127\.0\.0\.1\b)|mailto:", re.I)
# Formatting Anki shows as it is; only these tags, and only bare, survive.
KEPT_TAG = re.compile(r"&lt;(/?)(br|sub|sup|b|i|u|mark|kbd)\s*/?&gt;", re.I)
MEDIA_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .svg .webp .bmp .avif .mp3 .ogg .wav .m4a .flac .opus".split())
MAX_MEDIA_BYTES = 20 * 1024 * 1024


@dataclass
class RenderEnv:
    """Where relative image paths are resolved, and the media files they collect.

    ``root`` is the notes folder: a file outside it (after resolving links), one that is not
    a regular image or audio file, or one over :data:`MAX_MEDIA_BYTES` is never packaged.
    """

    base_dir: Path | None = None
    media: dict[str, Path] = field(default_factory=dict)  # name in the package -> file
    missing: list[str] = field(default_factory=list)
    cloze: bool = False
    root: Path | None = None


def safe_html(raw: str) -> str:
    """Raw HTML from the notes, escaped except for the bare formatting tags Anki shows."""
    return KEPT_TAG.sub(lambda m: f"<{m.group(1)}{m.group(2).lower()}>", escapeHtml(raw))


def _math(content: str, display: bool, env: dict) -> str:
    body = escapeHtml(content.strip())
    if env.get("sd") is not None and env["sd"].cloze:
        # A `}}` inside math would close the cloze deletion early.
        body = CLOZE_CLOSE.sub("} }", body)
    return f"\\[{body}\\]" if display else f"\\({body}\\)"


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    md = configure(MarkdownIt("commonmark", {"html": True}))

    def math_inline(self, tokens, idx, options, env):
        return _math(tokens[idx].content, False, env)

    def math_display(self, tokens, idx, options, env):
        return _math(tokens[idx].content, True, env)

    def fence(self, tokens, idx, options, env):
        token = tokens[idx]
        return highlight(token.content, token.info.strip().split(" ")[0] if token.info else "")

    def image(self, tokens, idx, options, env):
        token = tokens[idx]
        src = str(token.attrs.get("src", ""))
        alt = escapeHtml(token.content)
        sd: RenderEnv | None = env.get("sd")
        name = _media_name(src, sd)
        if name is None:
            return f"<span class=missing-image>[{alt}]</span>"
        return f'<img src="{escapeHtml(name)}" alt="{alt}">'

    md.add_render_rule("math_inline", math_inline)
    md.add_render_rule("math_inline_double", math_display)
    md.add_render_rule("math_block", math_display)
    md.add_render_rule("math_block_label", math_display)

    def link_open(self, tokens, idx, options, env):
        followed = bool(LINK_SCHEME.match(str(tokens[idx].attrs.get("href", ""))))
        env.setdefault("links", []).append(followed)
        return self.renderToken(tokens, idx, options, env) if followed else ""

    def link_close(self, tokens, idx, options, env):
        links = env.get("links")
        return self.renderToken(tokens, idx, options, env) if not links or links.pop() else ""

    md.add_render_rule("fence", fence)
    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_close)
    md.add_render_rule("image", image)
    md.add_render_rule("html_inline", lambda self, tokens, idx, options, env: safe_html(tokens[idx].content))
    md.add_render_rule("html_block", lambda self, tokens, idx, options, env: safe_html(tokens[idx].content))
    md.add_render_rule("amsmath", lambda self, tokens, idx, options, env: _math(tokens[idx].content, True, env))
    return md


def _media_name(src: str, env: RenderEnv | None) -> str | None:
    if env is None or re.match(r"^[a-z]+:", src) or env.base_dir is None:
        return None if env is not None and env.base_dir is not None else src
    # The parser percent-encodes a link (图1.png -> %E5%9B%BE1.png); the file has the real name.
    shown = unquote(src)
    path = _media_file(env.base_dir, shown, env.root)
    if path is None:
        env.missing.append(shown)
        return None
    digest = hashlib.sha1(path.read_bytes()).hexdigest()[:10]
    name = f"{digest}-{path.name}"
    env.media[name] = path
    return name


def _media_file(base: Path, src: str, root: Path | None) -> Path | None:
    """The file ``src`` names, if it may go into a deck."""
    try:
        path = (base / src).resolve()
        if root is not None and not path.is_relative_to(root.resolve()):
            return None
        info = path.stat()
    except (OSError, RuntimeError, ValueError):  # missing, a link loop, a NUL in the name
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_MEDIA_BYTES:
        return None
    return path if path.suffix.lower() in MEDIA_SUFFIXES else None


# A single line with none of these characters, and no block marker at its start, renders
# as itself, escaped: the Markdown parser can be skipped for it.
_MARKUP = re.compile(r"[\n\r\t\\`*_\[\]!<>&$~|]|^[\s\-+#=]|^\d+[.)]|\s$")


# A single line that starts no block (no heading, list, quote, fence, rule, table, HTML block,
# link reference, display math or indented code) and has no space at either end is one
# paragraph whose content is the line itself: only its inline Markdown needs parsing.
_BLOCK = re.compile(r"[\n\r]|^[#>*\-_+=`~<\[$\\|:]|^\d+[.)]")


def _one_paragraph(text: str) -> bool:
    return not _BLOCK.search(text) and text == text.strip()


def to_html(text: str, env: RenderEnv | None = None) -> str:
    """Render one field. Single paragraphs render without the ``<p>`` wrapper."""
    if not text:
        return ""
    if not _MARKUP.search(text):
        return escapeHtml(text)
    if "![" not in text:
        # no image, so nothing found on disk: the HTML depends on the text and cloze alone
        return _pure_html(text, env is not None and env.cloze)
    return _html(text, env)


@lru_cache(maxsize=4096)
def _pure_html(text: str, cloze: bool) -> str:
    return _html(text, RenderEnv(cloze=True) if cloze else None)


def _html(text: str, env: RenderEnv | None) -> str:
    if _one_paragraph(text):
        # what the full parse would wrap in <p>…</p>: the inline rules never write a <p>
        return _renderer().renderInline(text, {"sd": env})
    html = _renderer().render(text, {"sd": env}).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


@lru_cache(maxsize=64)
def highlight(code: str, language: str) -> str:
    from pygments import highlight as pyg_highlight

    lexer, formatter = _highlighter(language)
    return pyg_highlight(code, lexer, formatter).strip()


@lru_cache(maxsize=16)
def _highlighter(language: str):
    """The lexer for ``language`` (plain text when Pygments knows none) and the HTML formatter:
    made once, since making them costs more than highlighting a card's code."""
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(language or "text")
    except ClassNotFound:
        lexer = get_lexer_by_name("text")
    return lexer, HtmlFormatter(cssclass="highlight")


@lru_cache(maxsize=1)
def highlight_css() -> str:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="default").get_style_defs(".highlight")
