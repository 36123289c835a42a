"""Code that defines nothing and claims no output asks what it prints, and is a card only
when the verifier ran it and its output is steady: no card asks a question nobody answered."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from anki.collection import Collection

from anki_helpers import import_apkg
from studydeck.pipeline import Workspace, collect
from studydeck.printed import echo_evaluated, evaluated_claims, expected_outputs
from studydeck.verify import sandbox, verify

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "code" / "printed.md"


def _left_out(workspace: Workspace) -> dict[int, str]:
    return {n.source.line: n.rule for d in workspace.docs for n in d.notices if n.rule.startswith("left-out:")}


def test_without_a_run_no_card_asks_what_code_prints(tmp_path: Path) -> None:
    workspace = Workspace.load([FIXTURE], cache_dir=None)
    result = workspace.build(tmp_path, now=1_750_000_000, verify=False)
    assert result.exports == []  # its only cards wait for a run that did not happen
    assert sorted(_left_out(workspace).values()) == ["left-out:no-task"] * 3


@pytest.mark.skipif(sandbox.sandbox_problem() is not None,
                    reason=f"the sandbox cannot start here: {sandbox.sandbox_problem()}")
def test_a_run_answers_the_question_and_only_a_steady_answer_makes_a_card(tmp_path: Path) -> None:
    workspace = Workspace.load([FIXTURE], cache_dir=None)
    result = workspace.build(tmp_path / "decks", now=1_750_000_000, device="cpu", exercises=False)
    (doc,) = workspace.docs
    assert [c.deck[-1] for c in doc.cards] == ["Reshape"]
    assert set(_left_out(workspace)) == {17, 26}  # random numbers; nothing printed

    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_apkg(col, result.exports[0].path)
        (nid,) = col.find_notes("")
        shown = col.get_card(col.get_note(nid).card_ids()[0]).render_output()
        question, answer = (html.unescape(re.sub(r"<[^>]+>", "", t)) for t in (shown.question_text,
                                                                              shown.answer_text))
        assert "what does this code print?" in question and "x.reshape(2, 3)" in question
        assert "torch.Size([2, 3])" in answer.split("what does this code print?")[-1]
    finally:
        col.close()


SHOWN = Path(__file__).resolve().parent / "fixtures" / "code" / "shown-output.md"


def test_code_that_writes_its_outputs_asks_what_it_prints_without_them() -> None:
    (doc,) = collect([SHOWN])
    asked = {c.deck[-1]: c for c in doc.cards if "asks-output" in c.flags}
    assert set(asked) == {"Shapes", "Gradients accumulate"}
    shapes = asked["Shapes"]
    assert shapes.front.split("\n")[0].endswith(": what does this code print?")
    assert "print(x.shape, x.dtype)" in shapes.front and "print(x.sum())" in shapes.front
    assert "torch.Size([2, 2])" not in shapes.front and "tensor(10.)" not in shapes.front
    assert "# torch.Size([2, 2]) torch.float32" in shapes.back and "tensor(10.)" in shapes.back
    grads = asked["Gradients accumulate"]
    assert "tensor(24.)" not in grads.front and "accumulated" not in grads.front
    # words under a print state nothing; a block that needs another block's names cannot be
    # answered from the card alone
    assert "A comment in words under a print" not in asked and "Names from another block" not in asked


@pytest.mark.parametrize("code, claims", [
    ("print(x.shape, x.dtype)\n# torch.Size([2, 2]) torch.float32\n", {1: "torch.Size([2, 2]) torch.float32"}),
    ("print(w.grad)\n# tensor(24.)   <- accumulated!\n", {1: "tensor(24.)"}),
    ("print(y)\n# 输出:\n# tensor([[0, 1],\n#         [2, 3]])\n", {1: "tensor([[0, 1],\n        [2, 3]])"}),
    ("print(p)\n# [0.09003057 0.24472847 0.66524096]\n", {1: "[0.09003057 0.24472847 0.66524096]"}),
    ("print(loss)\n# 输出：tensor(0.4167)\n", {1: "tensor(0.4167)"}),
    ("print(x)\n# now the sum\ny = x.sum()\n", {}),
    ("print(x.sum())\n# print(x.mean())\n", {}),                   # code commented out, no output
    ("for i in range(3):\n    print(i)\n# 0\n# 1\n# 2\n", {}),      # one line per pass: no one value
    ("print(m)\n# Linear(in_features=2, out_features=1, bias=True)\n", {1: "Linear(in_features=2, out_features=1, bias=True)"}),
    ("print(x)\n# (N, C)\n", {}),
    ("print(x)  # 输出:\n", {}),
    # (beside the print: a value, then a remark two spaces on; as many values as it prints; the print last on its line)
    ("print(a.grad)  # tensor([4., 6., 8.])   should be 2a = [2, 4, 6] !!\n", {1: "tensor([4., 6., 8.])"}),
    ("print(a, b)  # tensor([1., 2.]) tensor([11., 12.])\n", {1: "tensor([1., 2.]) tensor([11., 12.])"}),
    ("r[0] = 99; print(t[0, 0])  # tensor(99.)  → was a view\n", {1: "tensor(99.)"}),
    ("y.sum().backward(); print(a.grad)  # tensor([2., 4., 6.])  ✓ correct 2a\n", {1: "tensor([2., 4., 6.])"}),
    ("print(a, b)  # tensor([1., 2.])\n", {}),                       # one value for two: which?
    ("print(a); print(b)  # tensor(1.)\n", {}),                       # two prints, one value
    ("print(a)  # tensor(1.)  tensor(2.)\n", {}),                     # two values for one
    ("print(x)  # tensor(3.)   expected by most, but it prints tensor(6.)\n", {}),  # a guess set against the output
    ("print(x.grad)  # tensor(3.)  ✗ my guess, wrong\n", {}),                        # a value the notes disown
])
def test_what_counts_as_a_stated_output(code, claims) -> None:
    assert expected_outputs(code) == claims


def test_code_that_leans_on_an_earlier_block_is_checked_but_no_card(tmp_path: Path) -> None:
    notes = tmp_path / "hooks.md"
    notes.write_text("# Hooks\n\n## Setup\n\n```python\nx = torch.ones(3, requires_grad=True)\n```\n\n"
                     "## Doubling\n\n```python\ny = x * 2\nprint(y)  # -> tensor([2., 2., 2.])\n```\n",
                     encoding="utf-8")
    workspace = Workspace.load([notes], cache_dir=None)
    (doc,) = workspace.docs
    leaning = [c for c in doc.cards if c.deck[-1] == "Doubling"]
    assert leaning and "leans-on:x" in leaning[0].flags  # read, and handed to the verifier
    workspace.settle()
    assert "Doubling" not in {c.deck[-1] for c in doc.cards}
    (notice,) = [n for n in doc.notices if n.rule == "left-out:leans-on"]
    assert notice.source.line == 11 and "uses x from a block before it" in notice.message


@pytest.mark.parametrize("line, value", [
    ("x.view(-1, 2)   # (6, 2)", "(6, 2)"),
    ("x.flatten()  # (12,)  keeps nothing else", "(12,)"),
    ("torch.arange(3)  # tensor([0, 1, 2]) -> int64", "tensor([0, 1, 2])"),
    ("x.dtype  # torch.float32", "torch.float32"),
    ("x.is_contiguous()  # False", "False"),
    ("torch.randn(4, 5)  # N(0,1), (4, 5)", None),      # a distribution named, no value shown
    ("torch.rand(3)  # random, e.g. tensor([0.1, 0.5, 0.9])", None),
    ("x.add_(1)  # tensor([2., 3.])", None),            # an in-place change: about x, not a value
    ("x  # tensor([1., 2.])", None),                    # a bare name shows nothing new
    ("y = x.T  # (4, 3)", "(4, 3)"),                    # the value bound to one name
    ("b = a.view(2, -1)  # -> (2, 12)", "(2, 12)"),     # an arrow leads to it
    ("x = torch.randn(3, 4)  # shape: (3, 4)", "(3, 4)"),
    ("a, b = x.chunk(2)  # (2, 3)", None),              # two names: which one?
    ("n = 5  # 5", None),                               # a constant shows nothing new
    ("h = model(x)  # (B, 10)", None),                  # letters, not a shape to check
    ("    x.view(6)  # (6,)", None),                    # inside a block of its own
    ("torch.cat([a, b])  # sizes 4, 4", None),
    ("x.sum()  # (15)", None),                          # a number in brackets: no tuple, no shape
    ("torch.zeros(3, 4)  # 3 rows, 4 cols", None),      # a number in a sentence
    ("x.view(-1, 4)  # -1 means infer", None),
    ("a @ b  # (2, 3) @ (3, 4) -> (2, 4)", None),       # worked out further on
    ("a.append(4)  # [1, 2, 3, 4]", None),              # about a; the call gives None
    ("total = 1 + \\\n    b.sum()  # tensor(4.)", None),   # a line of a statement, not one
    ('s = """\nx.sum()  # 6\n"""', None),              # a line of a string
    ("torch.tensor(70000.).half()  # inf", "inf"),      # a float's overflow, as it prints
    ("torch.log(p).sum()  # nan when any p < 0", None),  # when it is nan, not what it is
])
def test_a_value_beside_a_line_is_a_claim_only_when_python_would_show_it(line, value) -> None:
    assert evaluated_claims(line) == ({1: value} if value else {})


def test_echoing_a_line_keeps_the_notes_own_underscore() -> None:
    code = "_, idx = torch.tensor([1., 3.]).max(0)\nidx.shape  # ()\nprint(_)"
    scope: dict = {"torch": __import__("torch")}
    import contextlib
    import io
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(echo_evaluated(code), scope)
    assert out.getvalue().splitlines() == ["()", "tensor(3.)"]  # (a 0-d tensor's shape is the empty tuple)


def test_values_written_beside_prints_in_ones_own_way_are_not_shown_on_the_question(tmp_path: Path) -> None:
    # (“print(pi)  # [0.8333 0.1667]” is numpy's “[0.83333333 0.16666667]” rounded: no claim to compare, but the front
    # showed it, and the verdict said the notes “do not state” what the code prints)
    notes = tmp_path / "markov.md"
    notes.write_text("# Markov chains\n\n## Stationary distribution\n\n```python\nimport numpy as np\n"
                     "P = np.array([[0.9, 0.1], [0.5, 0.5]])\nw, V = np.linalg.eig(P.T)  # 左特征向量\n"
                     "pi = np.real(V[:, np.isclose(w, 1)]).ravel()\npi /= pi.sum()\nprint(pi)  # [0.8333 0.1667]\n"
                     "print(round(float(pi[0]), 2))  # 0.83\n```\n", encoding="utf-8")
    workspace = Workspace.load([notes], cache_dir=None)
    report = workspace.verify(device="cpu")
    workspace.settle()
    (card,) = [c for d in workspace.docs for c in d.cards]
    assert "print(pi)\n" in card.front and "0.8333" not in card.front and "0.83\n" not in card.front, card.front
    assert "# 左特征向量" in card.front  # (a comment in words stays)
    from studydeck.printed import loose_outputs
    assert loose_outputs("print(x[:, 0])  # 0th column\nprint(f\"{m:.2f}\")  # 2 decimals\n") == {}  # (words, no value)
    (result,) = [r for r in report.results if r.uid == card.uid]
    assert result.reason == "printed-own-way" and "0.83333333 0.16666667" in result.output, (result.reason, result.output)


def test_a_number_beside_a_one_number_tensor_is_its_value(tmp_path: Path) -> None:
    # (“torch.tensor(1e-8).half()  # 0.” was “✘ gives tensor(0., dtype=torch.float16), the comment says 0.”)
    notes = tmp_path / "amp.md"
    notes.write_text("# AMP\n\n## Formats\n\n```python\nimport torch\ntorch.tensor(70000.).half()   # inf\n"
                     "torch.tensor(1e-8).half()   # 0.\ntorch.tensor(2.5).half()   # 2.5\n```\n\n"
                     "## Wrong\n\n```python\nimport torch\ntorch.tensor(1e-3).half()   # 1.\n```\n", encoding="utf-8")
    workspace = Workspace.load([notes], cache_dir=None)
    results = {r.uid: r for r in workspace.verify(device="cpu").results}
    by_section = {c.deck[-1]: results[c.uid] for d in workspace.docs for c in d.cards if c.uid in results}
    assert by_section["Formats"].reason == "code-agrees" and by_section["Formats"].facts.get("checked") == 3, \
        (by_section["Formats"].reason, by_section["Formats"].detail)
    assert by_section["Wrong"].reason == "wrong-value", by_section["Wrong"].detail  # (0.001 is no 1.)
    from studydeck.verify.code import same_output
    assert not same_output("inf", "tensor(65504., dtype=torch.float16)")  # (fp16's largest, no overflow)
    assert not same_output("inf", "tensor(-inf, dtype=torch.float16)") and same_output("-inf", "tensor(-inf)")


@pytest.mark.skipif(sandbox.sandbox_problem() is not None,
                    reason=f"the sandbox cannot start here: {sandbox.sandbox_problem()}")
def test_a_loops_log_of_long_numbers_is_no_answer_to_recall(tmp_path: Path) -> None:
    # (a gradient-descent loop printing “100 1.9044 0.2173 0.0034710976497046232” every 100 steps was asked
    # “what does this code print?”, its answer eleven lines of floats)
    notes = tmp_path / "gd.md"
    notes.write_text("# GD\n\n## Loop\n\n```python\nw = 0.0\nfor it in range(500):\n    w = w - 0.1 * (w - 2.0)\n"
                     "    if it % 100 == 0:\n        print(it, w, (w - 2.0) ** 2 / 3)\n```\n\n"
                     "## Shape\n\n```python\nimport torch\nprint(torch.zeros(2, 3).shape)\n```\n\n"
                     "## Floating point\n\n```python\nprint(0.1 + 0.2, 0.1 * 3, 1 - 0.9)\n```\n", encoding="utf-8")
    workspace = Workspace.load([notes], cache_dir=None)
    workspace.build(tmp_path / "decks", now=1_750_000_000, device="cpu", exercises=False)
    (doc,) = workspace.docs
    # (one line of long numbers is the point of a card on floating point)
    assert [c.deck[-1] for c in doc.cards] == ["Shape", "Floating point"]
    assert "left-out:long-output" in _left_out(workspace).values()


def test_facts_kept_as_asserts_are_asked_without_their_values(tmp_path: Path) -> None:
    # (“assert torch.tensor([1, 2, 3]).dtype == torch.int64  # python ints -> int64”: a fact, as notes that keep facts
    # as asserts write it; it made no card)
    notes = "# Tensor facts\n\n## dtypes\n\n```python\nimport torch\n" \
            "assert torch.tensor([1, 2, 3]).dtype == torch.int64  # python ints -> int64\n" \
            "assert torch.arange(6).view(2, 3).t().is_contiguous() is False\n```\n\n" \
            "## Matmul\n\n```python\nimport torch\nA, B = torch.randn(2, 3), torch.randn(3, 4)\n" \
            "assert torch.allclose(torch.einsum('ik,kj->ij', A, B), A @ B)\nassert (A @ B).shape == (2, 4)\n```\n"
    (tmp_path / "facts.md").write_text(notes, encoding="utf-8")
    (doc,) = collect([tmp_path / "facts.md"])
    # (an assert that checks the notes' own working, “assert torch.allclose(…)”, is true whenever they are right)
    (card,) = [c for c in doc.cards if "asks-output" in c.flags]
    assert card.front.startswith("dtypes: what does each line give?"), card.front
    assert "torch.tensor([1, 2, 3]).dtype\n" in card.front and "int64" not in card.front and "assert" not in card.front
    assert "== torch.int64" in card.back


@pytest.mark.skipif(sandbox.sandbox_problem() is not None,
                    reason=f"the sandbox cannot start here: {sandbox.sandbox_problem()}")
def test_an_assert_that_holds_agrees_and_one_that_fails_says_what_torch_gives(tmp_path: Path) -> None:
    notes = tmp_path / "asserts.md"
    notes.write_text("# Facts\n\n## Division\n\n```python\nimport torch\nassert (torch.tensor([1, 2]) / 2).dtype == torch.float32\n"
                     "assert torch.tensor([1, 2]).sum().item() == 3\n```\n\n## Floor\n\n```python\nimport torch\n"
                     "assert (torch.tensor([-7]) // 2).item() == -3\n```\n\n## Printed\n\n```python\nimport torch\n"
                     "x = torch.ones(2)\nassert x.sum().item() == 2.0\nprint(x.shape)  # torch.Size([2])\n```\n",
                     encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards]
    results = verify(cards, device="cpu", cache_path=None).results
    by_section = {c.deck[-1]: r for c in cards for r in results if r.uid == c.uid}
    assert (by_section["Division"].reason, by_section["Division"].facts["checked"]) == ("asserts-hold", 2)
    floor = by_section["Floor"]
    assert (floor.verdict.value, floor.reason, floor.facts["printed"]) == ("disagrees", "assert-fails", "-4"), floor.detail
    # (a block that prints: its prints are its claims, and its output is only theirs)
    assert (by_section["Printed"].reason, by_section["Printed"].output) == ("code-agrees", "torch.Size([2])")


def test_an_assert_shown_failing_on_purpose_is_no_fact() -> None:
    # (“assert 0.1 + 0.2 == 0.3  # AssertionError!” under “This assert FAILS, which is the whole point” was a card
    # teaching 0.3, and its check said to correct the notes)
    from studydeck.printed import asserted_claims
    code = "import math\nassert 0.1 + 0.2 == 0.3  # AssertionError!\nassert math.isclose(0.1 + 0.2, 0.3) == True\n"
    assert list(asserted_claims(code)) == [3]


@pytest.mark.skipif(sandbox.sandbox_problem() is not None,
                    reason=f"the sandbox cannot start here: {sandbox.sandbox_problem()}")
def test_an_assert_that_needs_the_cell_before_it_and_one_in_a_console_session(tmp_path: Path) -> None:
    # (“x.add_(1)” in one cell, “assert x.item() == 1.0” in the next: it holds once the cell before has run, as in the
    # notebook; a console session's asserts print nothing to read back, so nothing says they held)
    notes = tmp_path / "cells.md"
    notes.write_text("# Cells\n\n## Make\n\n```python\nimport torch\nx = torch.zeros(())\n```\n\n## Bump\n\n```python\n"
                     "x.add_(1)\nprint(x)\n```\n\n## Check\n\n```python\nassert x.item() == 1.0\n```\n\n## Session\n\n```pycon\n"
                     "import torch\nassert torch.tensor([1]).dtype == torch.float32\n```\n", encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards]
    results = verify(cards, device="cpu", cache_path=None).results
    by_section = {c.deck[-1]: r for c in cards for r in results if r.uid == c.uid}
    assert by_section["Check"].verdict.value == "agrees", by_section["Check"].detail
    assert by_section["Session"].verdict.value != "agrees", by_section["Session"].detail
