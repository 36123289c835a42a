"""Fields with no Markdown in them skip the parser; what they render to must not change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from studydeck.render import _MARKUP, _renderer, to_html

plain = st.text(alphabet=st.sampled_from(list("ab Z中文，。：:1.)-#=\"'(){}/%^@?;,+0\u00a0")), min_size=1, max_size=16)


@settings(max_examples=400)
@given(plain)
def test_fast_path_renders_what_the_parser_renders(text: str) -> None:
    html = _renderer().render(text, {"sd": None}).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    assert to_html(text) == html, (text, _MARKUP.search(text))
