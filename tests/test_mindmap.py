"""Mind maps: the cards in Anki, the files mind-map applications read, and what a browser draws."""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import NOTES
from studydeck.pipeline import Workspace, build, collect
from studydeck.cli import cli
from studydeck.mindmap.layout import cells, layout, wrap
from studydeck.mindmap.render import svg
from studydeck.mindmap.tree import Node, tree_from_markdown
from studydeck.model import CardKind

QUESTIONS = ["如何解决过拟合，欠拟合", "如何解决梯度爆炸，梯度消失", "如何提高收敛", "RNN和 CNN的区别",
             "激活函数的区别", "优化器的区别", "损失函数的区别", "线性回归和逻辑回归的区别",
             "监督训练和无监督训练的区别", "微调技术的区别", "L1和L2的区别", "归一化的区别"]


@pytest.fixture(scope="module")
def question_cards():
    cards = [c for d in collect([NOTES]) for c in d.cards if c.kind is CardKind.QUESTION]
    return {c.front: c for c in cards}


def test_every_question_has_an_answer(question_cards) -> None:
    assert sorted(question_cards) == sorted(QUESTIONS)
    for question, card in question_cards.items():
        tree = tree_from_markdown(question, card.back)
        assert "mindmap" in card.flags and "needs-answer" not in card.flags
        assert tree.children, question
        if "mindmap-answers.md" in card.extra:  # written as answers: concise outlines
            assert 5 <= tree.leaves() <= 14, (question, tree.leaves())
        else:                                   # drawn from the section of the notes it asks about
            assert question in ("激活函数的区别", "优化器的区别", "归一化的区别") and tree.leaves() >= 2
    # built from the notes' own sections where they cover the question
    assert "GELU" in question_cards["激活函数的区别"].back and "LayerNorm" in question_cards["归一化的区别"].back
    assert "Adam" in question_cards["优化器的区别"].back and "AMSGrad" not in question_cards["优化器的区别"].back


def test_mindmap_cards_read_back_from_the_apkg(tmp_path: Path) -> None:
    from anki.collection import Collection

    from anki_helpers import import_apkg

    build([NOTES], tmp_path, now=1, verify=False)
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        for apkg in sorted(tmp_path.glob("*.apkg")):
            import_apkg(col, apkg)
        found = {}
        for nid in col.find_notes("tag:studydeck::mindmap"):
            note = col.get_note(nid)
            found[note["Front"]] = note["Back"]
        assert sorted(found) == sorted(QUESTIONS)  # the answers file's own copies stand in, not beside
        for question, back in found.items():
            assert back.startswith('<div class="mindmap"><svg'), question
            ET.fromstring(back[len('<div class="mindmap">'):back.index("</svg>") + 6])
            assert "<ul><li>" in back
    finally:
        col.close()


def same_tree(node: Node, element: ET.Element, attr: str, tag: str) -> bool:
    kids = element.findall(tag)
    return element.get(attr) == node.label and len(kids) == len(node.children) and \
        all(same_tree(n, e, attr, tag) for n, e in zip(node.children, kids))


def test_opml_and_freemind_hold_the_notes_tree(tmp_path: Path) -> None:
    tree = Workspace.load([NOTES / "pytorch-notes.md"]).mindmap()
    for suffix, attr, tag, top in ((".opml", "text", "outline", "body/outline"), (".mm", "TEXT", "node", "node")):
        out = tmp_path / f"map{suffix}"
        result = CliRunner().invoke(cli, ["mindmap", str(NOTES / "pytorch-notes.md"), "-o", str(out)])
        assert result.exit_code == 0 and f"{tree.count()} nodes" in result.output
        root = ET.parse(out).getroot().find(top)
        assert same_tree(tree, root, attr, tag)
    assert tree.label == "pytorch学习笔记" and [c.label for c in tree.children][:3] == ["张量", "秩", "pytorch训练流程"]


def test_section_and_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["mindmap", str(NOTES), "--section", "优化器::SGD", "-o", str(tmp_path / "a.svg")])
    assert result.exit_code != 0  # SGD is a list item, not a heading
    ok = CliRunner().invoke(cli, ["mindmap", str(NOTES), "--section", "优化器", "-o", str(tmp_path / "o.svg")])
    assert ok.exit_code == 0
    ET.parse(tmp_path / "o.svg")
    bad = CliRunner().invoke(cli, ["mindmap", str(NOTES), "-o", str(tmp_path / "x.pdf")])
    assert bad.exit_code == 1 and "unknown format" in bad.output


def test_cjk_width_and_wrapping() -> None:
    assert cells("梯度") == 4 and cells("abc") == 3 and cells("v̂") == 1
    lines = wrap("torch.optim.SGD 是 PyTorch 中实现的随机梯度下降（Stochastic Gradient Descent, SGD）优化器，", 28)
    assert all(cells(line) <= 29 for line in lines) and len(lines) > 2
    assert not any(line.startswith(("，", "）")) for line in lines)


labels = st.text(alphabet=st.sampled_from(list("abcdefghij 梯度下降优化器，。()")), min_size=1, max_size=60)
trees = st.recursive(st.builds(Node, labels), lambda kids: st.builds(Node, labels, st.lists(kids, max_size=5)),
                     max_leaves=60)


def overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@settings(max_examples=60, deadline=None)
@given(trees)
def test_no_two_boxes_overlap(tree: Node) -> None:
    boxes = [(b.x, b.y, b.x + b.width, b.y + b.height) for b in layout(tree).boxes]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not overlaps(a, b)


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs it")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

PROBE = """<script>
window.addEventListener('load', () => {
  const boxes = [...document.querySelectorAll('text.label')].map(t => {
    const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, t.textContent];
  });
  document.getElementById('out').textContent = JSON.stringify(boxes);
});
</script>"""


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB(A) PNG with the standard library: width, height, rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            channels = {2: 3, 6: 4}[color]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, prev = [], bytearray(stride)
    for r in range(height):
        f = raw[r * (stride + 1)]
        line = bytearray(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def test_browser_draws_it_without_overlaps(tmp_path: Path, question_cards) -> None:
    exe = chromium()
    card = question_cards["如何解决过拟合，欠拟合"]
    drawing = svg(tree_from_markdown(card.front, card.back))
    page = tmp_path / "map.html"
    page.write_text(f"<!DOCTYPE html><meta charset=utf-8><body style='margin:0'>{drawing}<pre id=out></pre>{PROBE}",
                    encoding="utf-8")
    profile = ["--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run([exe, *FLAGS, *profile, "--dump-dom", page.as_uri()], capture_output=True, text=True,
                         timeout=120).stdout
    boxes = json.loads(dom.split('<pre id="out">')[1].split("</pre>")[0])
    assert len(boxes) == tree_from_markdown(card.front, card.back).count()
    for i, a in enumerate(boxes):
        assert a[2] > a[0] and a[3] > a[1], a
        for b in boxes[i + 1:]:
            assert not overlaps(a, b), (a[4], b[4])
    shot = tmp_path / "shot.png"
    subprocess.run([exe, *FLAGS, *profile, f"--screenshot={shot}", "--window-size=1000,700", page.as_uri()],
                   capture_output=True, timeout=120)
    width, height, rows = png_pixels(shot.read_bytes())
    ink = sum(1 for row in rows[::4] for i in range(0, len(row) - 2, 12) if row[i:i + 3] != b"\xff\xff\xff")
    assert ink > 200, "the screenshot is blank"


def test_a_comparison_answer_shortens_at_clauses_never_mid_aside(tmp_path: Path) -> None:
    notes = tmp_path / "n.md"
    notes.write_text(
        "# 笔记\n\n## 优化器\n\n"
        "- SGD\n  - torch.optim.SGD 是 PyTorch 中实现的随机梯度下降（Stochastic Gradient Descent, SGD）优化器，\n"
        "- Adadelta\n  - torch.optim.Adadelta 是 PyTorch 中实现的 Adadelta 优化算法，它按坐标缩放学习率，不需要手动设定全局学习率。\n\n"
        "## 问题\n\n- 优化器的区别\n- 什么时候用 Adadelta\n", encoding="utf-8")
    (card,) = [c for d in collect([notes]) for c in d.cards if c.front == "优化器的区别"]
    lines = [line.strip("- ").strip() for line in card.back.splitlines()]
    assert "torch.optim.SGD 是 PyTorch 中实现的随机梯度下降优化器" in lines
    assert "torch.optim.Adadelta 是 PyTorch 中实现的 Adadelta 优化算法" in lines
    assert not any(line.endswith(("…", "，")) or "（" in line for line in lines)
