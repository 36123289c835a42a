"""Markdown as people write it: HTML, wikilinks, headings in lists, currency, clozes, media."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studydeck.cards import extract_cards
from studydeck.model import CardKind
from studydeck.notes import markdown, math_spans, parse_notes
from studydeck.render import MAX_MEDIA_BYTES, RenderEnv, to_html


def cards_of(text: str):
    return extract_cards(parse_notes(text, "t.md"))


def test_formatting_html_is_kept_and_everything_else_is_inert() -> None:
    html = to_html("a<br>b H<sub>2</sub>O <mark>x</mark> <kbd>Ctrl</kbd> <script>alert(1)</script> "
                   "<img src=x onerror=alert(1)> <iframe src=y></iframe> <b onclick=z>c</b>")
    assert "a<br>b" in html and "<sub>2</sub>" in html and "<mark>x</mark>" in html and "<kbd>" in html
    for live in ("<script", "<img", "<iframe", "<b onclick"):
        assert live not in html
    assert "&lt;script&gt;" in html and "&lt;iframe" in html


def test_an_html_block_is_escaped_but_keeps_its_line_breaks() -> None:
    html = to_html('<div onmouseover="x()">\nfirst<br/>second\n</div>\n')
    assert "<div" not in html and "&lt;div" in html and "first<br>second" in html


def test_wikilinks_read_as_their_alias_and_embeds_are_images(tmp_path: Path) -> None:
    (tmp_path / "Pasted image 1.png").write_bytes(b"\x89PNG")
    env = RenderEnv(base_dir=tmp_path, root=tmp_path)
    html = to_html("see [[Gradient descent|GD]] and [[Adam]] ![[Pasted image 1.png]]", env)
    assert "see GD and Adam" in html and "[[" not in html
    assert '<img src="' in html and list(env.media.values()) == [(tmp_path / "Pasted image 1.png").resolve()]


def test_a_heading_inside_a_list_item_starts_a_section() -> None:
    cards, _ = cards_of("# Notes\n\n3. ### Adam\n   $$m_t = \\beta_1 m_{t-1} + (1 - \\beta_1) g_t$$\n\n"
                        "4. ### SGD\n   $$\\theta_t = \\theta_{t-1} - \\eta g_t$$\n")
    assert [(c.deck[-1], c.kind) for c in cards] == [("Adam", CardKind.FORMULA), ("SGD", CardKind.FORMULA)]


def test_setext_headings_and_front_matter_title() -> None:
    cards, _ = cards_of("---\ntitle: Deep learning\n---\n\nLosses\n======\n\nHinge\n-----\n\n"
                        "- margin: the distance the hinge loss asks for\n")
    assert cards[0].deck == ("Deep learning", "Losses", "Hinge")


def test_headings_and_decks_lose_bidi_and_zero_width_characters() -> None:
    cards, _ = cards_of("# No\u202etes\n\n## Ad\u200bam\n\n- lr: step size\n")
    assert cards[0].deck == ("Notes", "Adam")


@pytest.mark.parametrize("text, math", [
    ("价格 $5 和 $10，不是公式。", []),
    ("It costs $5 or $6.", []),
    ("when $x = 1$, and $ y = 2 $ too", ["x = 1", " y = 2 "]),
    ("a \\$ sign and $z$", ["z"]),
    ("$$a = b$$ then $c$", ["a = b", "c"]),
])
def test_dollar_signs_follow_one_rule_in_parser_and_fields(text: str, math: list[str]) -> None:
    assert [body for _, _, body, _ in math_spans(text)] == math
    tokens = markdown().parseInline(text)[0].children
    assert [t.content for t in tokens if t.type.startswith("math")] == math


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["$", "$$", " ", "1", "x", "=", "\\", "和", "a b", "\n"]), max_size=30).map("".join))
def test_math_spans_agree_with_the_parser(text: str) -> None:
    tokens = markdown().parseInline(text)[0].children if text.strip() else []
    parsed = [t.content for t in tokens if t.type.startswith("math")]
    assert [body for _, _, body, _ in math_spans(text)] == parsed


def test_a_notes_own_unfinished_cloze_gives_no_card_and_says_so() -> None:
    cards, notices = cards_of("# T\n\nThe {{c1::gradient}} points uphill.\n\nAn unfinished {{c1::blank here.\n")
    assert [c.front for c in cards if c.kind is CardKind.CLOZE] == ["The {{c1::gradient}} points uphill."]
    assert [n.rule for n in notices] == ["left-out:broken-cloze"]


def test_a_generated_cloze_cannot_be_closed_by_the_notes_text() -> None:
    cards, _ = cards_of("# T\n\n## SGD\n- 参数说明:\n  - lr: 学习率}}，默认 {{c1::0.001\n")
    (cloze,) = [c for c in cards if c.kind is CardKind.CLOZE]
    assert cloze.front.count("{{c1::") == 1 and cloze.front.count("}}") == 1


def test_media_paths_are_decoded_and_confined_to_the_notes_folder(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    (notes / "img").mkdir(parents=True)
    for name in ("图1.png", "my image.png", "it's.png"):
        (notes / "img" / name).write_bytes(b"\x89PNG")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG")
    (notes / "img" / "notes.txt").write_text("not an image")
    os.symlink(tmp_path / "secret.png", notes / "img" / "link.png")
    (notes / "img" / "huge.png").write_bytes(b"\0" * (MAX_MEDIA_BYTES + 1))
    env = RenderEnv(base_dir=notes, root=notes)
    to_html("![a](img/图1.png) ![b](<img/my image.png>) ![c](img/it's.png) ![d](img/my%20image.png)", env)
    assert sorted(p.name for p in env.media.values()) == ["it's.png", "my image.png", "图1.png"]
    refused = "![e](../secret.png) ![f](img/link.png) ![g](img/notes.txt) ![h](img/huge.png) ![i](/etc/hostname)"
    html = to_html(refused, env)
    assert html.count("missing-image") == 5 and len(env.media) == 3
    assert env.missing == ["../secret.png", "img/link.png", "img/notes.txt", "img/huge.png", "/etc/hostname"]


def test_a_file_with_prose_and_no_card_is_named() -> None:
    _, notices = cards_of("# Diary\n\n- went for a walk and thought about optimisers\n"
                          "- read two chapters, found them long\n")
    assert [n.rule for n in notices] == ["no-cards"] and notices[0].source.line == 1


def test_bad_markdown_never_raises() -> None:
    hostile = ("# " + "[" * 5000 + "\n" + "$" * 3000 + "\n" + "- " * 2000 + "\n" + "{{c1::" * 500
               + "\n" + "(" * 165 + "x = 1" + ")" * 165 + "\n" + "<" * 1000 + "\n" + "![[" * 500 + "\n")
    cards, _ = cards_of(hostile)
    for card in cards:
        to_html(card.front, RenderEnv()) + to_html(card.back, RenderEnv())


@given(st.lists(st.sampled_from(list("abc :`，如见在(（)）中") + ["cite", "numref", "ref", "eqref", "as seen in "]),
                max_size=30).map("".join))
def test_text_without_a_role_has_no_reference_to_take_out(text: str) -> None:
    """What lets the outline skip the reference patterns: none of them matches without a role."""
    from studydeck.notes import CITATION, REFERENCE_PHRASE, ROLE_INLINE, _citation

    text = text.replace(":`", ": `")
    assert ROLE_INLINE.sub("", REFERENCE_PHRASE.sub("", CITATION.sub(_citation, text))) == text


def test_a_description_that_starts_with_a_hash_stays_text() -> None:
    """“Geometric(p): # trials until first success”: on the card's back it is not a heading."""
    (card,) = extract_cards(parse_notes("# N\n\n## Discrete\n\n- **Geometric(p)**: # trials until first success\n",
                                        "n.md"))[0]
    html = to_html(card.back)
    assert "<h1" not in html and html.startswith("# trials until first success")


def test_boxes_keep_every_line_number_and_code_keeps_its_text() -> None:
    from studydeck.notes import as_callouts

    text = ('# T\n\n```markdown\n!!! note "shown as an example"\n\n    body\n```\n\n'
            '!!! tip "Warmup"\n\n    - **Warmup**: a small learning rate at first.\n\n'
            '<details>\n<summary>Why warm up?</summary>\n\nAdam\'s early steps are noisy.\n</details>\n')
    boxed = as_callouts(text)
    assert len(boxed.split("\n")) == len(text.split("\n"))
    assert '```markdown\n!!! note "shown as an example"\n\n    body\n```' in boxed  # a fence is left alone
    cards, _ = cards_of(text)
    by_front = {c.front: c for c in cards}
    assert by_front["Why warm up?"].back == "Adam's early steps are noisy."
    assert by_front["Why warm up?"].source.line == text.split("\n").index("<details>") + 1
    definition, = [c for c in cards if c.kind is CardKind.DEFINITION]
    assert definition.source.line == text.split("\n").index("    - **Warmup**: a small learning rate at first.") + 1


def test_a_video_timestamp_before_a_line_is_not_part_of_what_it_says() -> None:
    notes = ("# 动手学深度学习 · 残差网络\n\n## ResNet\n\n**[03:50]** 残差块加入快速通道来得到 $f(x) = x + g(x)$ 的结构\n\n"
             "- [12:00] **stem**：7×7 conv 64, stride 2 → BN → 3×3 maxpool\n- 10:05 — **瓶颈块**：1×1 降维、3×3、1×1 升维\n")
    cards, _ = cards_of(notes)
    assert cards and not any(":0" in c.front or ":5" in c.front or "[" in c.front for c in cards)
    assert any(c.kind is CardKind.FORMULA and c.front.startswith("ResNet：残差块") for c in cards)
    assert any("**瓶颈块**" in c.front and c.back.startswith("1×1") for c in cards)
