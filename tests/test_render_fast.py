"""Fields with no Markdown in them skip the parser; what they render to must not change."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from studydeck.render import _MARKUP, _one_paragraph, _renderer, to_html

plain = st.text(alphabet=st.sampled_from(list("ab Z中文，。：:1.)-#=\"'(){}/%^@?;,+0\u00a0")), min_size=1, max_size=16)


@settings(max_examples=400)
@given(plain)
def test_fast_path_renders_what_the_parser_renders(text: str) -> None:
    html = _renderer().render(text, {"sd": None}).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    assert to_html(text) == html, (text, _MARKUP.search(text))


pieces = st.sampled_from(list("ab Z中文：:1.)-#=*_`$\\[]()!<>&~|{}\t\u3000") +
                        ["$$", "**", "{{c1::", "}}", "![a](b.png)", "[[x|y]]", "<br>", "<p>", "\\begin{a}", "1. ",
                         "[a]: b", "$x$"])
markup = st.lists(pieces, min_size=1, max_size=10).map("".join)


@settings(max_examples=600)
@given(markup)
def test_one_paragraph_renders_what_the_parser_renders(text: str) -> None:
    """A single line that starts no block renders from its inline Markdown alone."""
    html = _renderer().render(text, {"sd": None}).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    assert to_html(text) == html, (text, _one_paragraph(text))


def test_a_field_rendered_again_is_rendered_for_its_own_card(tmp_path) -> None:
    """Rendering is remembered by text, but never across what differs: cloze, or an image
    that each card must pack (or report missing) for itself."""
    from studydeck.render import RenderEnv

    math = "$\\frac{a}{b}}}$ und `x`"
    plain = to_html(math, RenderEnv())
    assert to_html(math, RenderEnv(cloze=True)) != plain
    assert to_html(math, RenderEnv()) == plain == to_html(math)
    (tmp_path / "p.png").write_bytes(b"\x89PNG")
    for _ in range(2):
        env = RenderEnv(base_dir=tmp_path, root=tmp_path)
        assert "<img" in to_html("see ![a](p.png) *now*", env) and list(env.media)
        env = RenderEnv(base_dir=tmp_path, root=tmp_path)
        to_html("see ![a](q.png) *now*", env)
        assert env.missing == ["q.png"]
