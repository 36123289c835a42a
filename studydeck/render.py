"""Card Markdown -> the HTML Anki shows: MathJax delimiters, highlighted code, media.

Math is never touched by Markdown or HTML escaping beyond what the browser undoes:
``$…$`` becomes ``\\(…\\)``, ``$$…$$`` becomes ``\\[…\\]``. Raw HTML in the notes is
escaped, so a ``<script>`` in copied text cannot run inside Anki.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from mdit_py_plugins.dollarmath import dollarmath_plugin

CLOZE_CLOSE = re.compile(r"\}\}")


@dataclass
class RenderEnv:
    """Where relative image paths are resolved, and the media files they collect."""

    base_dir: Path | None = None
    root: Path | None = None  # media must lie inside this folder (the notes folder)
    media: dict[str, Path] = field(default_factory=dict)  # name in the package -> file
    missing: list[str] = field(default_factory=list)
    cloze: bool = False


def _math(content: str, display: bool, env: dict) -> str:
    body = escapeHtml(content.strip())
    if env.get("sd") is not None and env["sd"].cloze:
        # A `}}` inside math would close the cloze deletion early.
        body = CLOZE_CLOSE.sub("} }", body)
    return f"\\[{body}\\]" if display else f"\\({body}\\)"


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False})
    md.use(dollarmath_plugin, double_inline=True)
    md.enable(["table", "strikethrough"])

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
    md.add_render_rule("fence", fence)
    md.add_render_rule("image", image)
    return md


def _media_name(src: str, env: RenderEnv | None) -> str | None:
    if env is None or re.match(r"^[a-z]+:", src) or env.base_dir is None:
        return None if env is not None and env.base_dir is not None else src
    path = (env.base_dir / src).resolve()
    if not path.is_file():
        env.missing.append(src)
        return None
    digest = hashlib.sha1(path.read_bytes()).hexdigest()[:10]
    name = f"{digest}-{path.name}"
    env.media[name] = path
    return name


# A single line with none of these characters, and no block marker at its start, renders
# as itself, escaped: the Markdown parser can be skipped for it.
_MARKUP = re.compile(r"[\n\r\t\\`*_\[\]!<>&$~|]|^[\s\-+#=]|^\d+[.)]|\s$")


def to_html(text: str, env: RenderEnv | None = None) -> str:
    """Render one field. Single paragraphs render without the ``<p>`` wrapper."""
    if not text:
        return ""
    if not _MARKUP.search(text):
        return escapeHtml(text)
    html = _renderer().render(text, {"sd": env}).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return html


@lru_cache(maxsize=64)
def highlight(code: str, language: str) -> str:
    from pygments import highlight as pyg_highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    try:
        lexer = get_lexer_by_name(language or "text")
    except ClassNotFound:
        lexer = get_lexer_by_name("text")
    return pyg_highlight(code, lexer, HtmlFormatter(cssclass="highlight")).strip()


@lru_cache(maxsize=1)
def highlight_css() -> str:
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(style="default").get_style_defs(".highlight")
