"""Time to lay out and write a 1,000-node mind map (target: well under a second).

Prints the figures; it is a measurement, not a test. Run: python benchmarks/mindmap_layout.py
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from studydeck.mindmap.layout import layout
from studydeck.mindmap.render import freemind, opml, page
from studydeck.mindmap.tree import Node

WORDS = "梯度 下降 优化器 学习率 动量 Adam RMSprop 归一化 LayerNorm 激活函数 GELU 正则化 Dropout".split()


def random_tree(n: int, seed: int = 0) -> Node:
    rng = random.Random(seed)
    nodes = [Node("根")]
    while len(nodes) < n:
        parent = nodes[rng.randrange(len(nodes))] if len(nodes) > 1 else nodes[0]
        if len(parent.children) >= 8:
            continue
        label = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
        child = Node(label)
        parent.children.append(child)
        nodes.append(child)
    return nodes[0]


def main() -> None:
    tree = random_tree(1000)
    start = time.perf_counter()
    lay = layout(tree)
    laid = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        for name, writer in (("map.html", page), ("map.opml", opml), ("map.mm", freemind)):
            (Path(tmp) / name).write_text(writer(tree), encoding="utf-8")
        written = time.perf_counter() - start
    print(f"{tree.count()} nodes: layout {laid * 1000:.1f} ms, HTML+SVG, OPML and .mm written in "
          f"{written * 1000:.1f} ms ({lay.width:.0f}×{lay.height:.0f} px)")


if __name__ == "__main__":
    main()
