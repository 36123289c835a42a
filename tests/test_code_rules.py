"""Which blocks run, after which earlier blocks, and what their cards say (issue: a
``disagrees`` a learner can trust)."""

from __future__ import annotations

from pathlib import Path

import pytest

from studydeck.pipeline import collect
from studydeck.model import CardKind
from studydeck.verify import code_check, sandbox, verify
from studydeck.verify.code import needs, read_block
from studydeck.verify.messages import answer_markdown, verdict_line
from studydeck.verify.result import Verdict

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "code"


def _results(name: str) -> dict[str, object]:
    cards = [c for d in collect([FIXTURES / name]) for c in d.cards if c.kind is CardKind.CODE]
    report = verify(cards, device="cpu", code_timeout=20, cache_path=None)
    by_uid = {r.uid: r for r in report.results}
    return {c.deck[-1]: (c, by_uid[c.uid]) for c in cards}


needs_sandbox = pytest.mark.skipif(sandbox.sandbox_problem() is not None,
                                   reason=f"the sandbox cannot start here: {sandbox.sandbox_problem()}")


@pytest.mark.parametrize("heading, reason, words", [
    ("Solve the normal equation in Octave", "unlabelled-not-python", "does not parse as Python"),
    ("Solve the normal equation in Octave, labelled", "not-python", "octave"),
    ("A documentation snippet", "undefined-names", "loss_fn, model"),  # (optim is taken for granted)
    ("An API signature", "signature", "signature"),  # asked to recall, never a “does not parse”
    ("A def line read in the source", "signature", "signature"),  # (its body left in the library)
])
def test_blocks_not_meant_to_run_are_unverified_with_the_reason(heading, reason, words) -> None:
    card, result = _results("not-meant-to-run.md")[heading]
    assert (result.verdict.value, result.reason) == ("unverified", reason)
    assert words in result.detail and result.output == ""
    assert verdict_line(result, "en").startswith("unverified")


@pytest.mark.parametrize("heading, rule", [
    ("A diagram", "left-out:not-code"),
    ("Prose in a fence", "left-out:not-code"),
    ("A shell line", "left-out:setup-only"),
])
def test_fences_that_hold_no_code_to_recall_give_no_card(heading, rule) -> None:
    (doc,) = collect([FIXTURES / "not-meant-to-run.md"])
    assert heading not in {c.deck[-1] for c in doc.cards}
    section = next(n for n in doc.notices if n.rule == rule and n.source.line > _line_of(heading))
    assert section


def test_another_frameworks_cell_gives_no_card_and_no_empty_section() -> None:
    (doc,) = collect([FIXTURES / "not-meant-to-run.md"])
    assert "A notebook cell for another framework" not in {c.deck[-1] for c in doc.cards}
    assert not [n for n in doc.notices if n.rule == "empty-section"]


@pytest.mark.parametrize("code, reason", [
    ("%%tab mxnet\nfrom mxnet import np\n", "notebook-magic"),
    ("Input → Linear/Conv → BatchNorm → ReLU\n", "diagram"),
    ("!pip install d2l\n", "notebook-magic"),
])
def test_the_verifier_names_why_a_python_fence_is_not_run(code, reason) -> None:
    assert read_block(code, "python").skip[0] == reason


def _line_of(heading: str) -> int:
    lines = (FIXTURES / "not-meant-to-run.md").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line == f"## {heading}")


@needs_sandbox
@pytest.mark.parametrize("heading, reason, words", [
    ("A misspelt method", "raises", "AttributeError: 'Tensor' object has no attribute 'bakward'"),
    ("An unclosed parenthesis", "syntax-error", "'(' was never closed"),
    ("A matrix used with the wrong shape", "raises", "cannot be multiplied (3x2 and 3x2)"),
    ("An output comment that differs", "wrong-output", "line 3 prints 6.0, the comment says 7.0"),
    ("A console transcript that shows a wrong value", "wrong-output", "prints torch.Size([2, 3])"),
    ("A wrong shape beside fresh weights", "wrong-output", "prints torch.Size([1, 2])"),
    ("An output pasted under the print that differs", "wrong-output", "prints torch.Size([3, 2])"),
    ("A value pasted beside its print that differs", "wrong-output", "line 3 prints tensor(3.), the comment says tensor(4.)"),
])
def test_the_notes_own_errors_still_disagree(heading, reason, words) -> None:
    card, result = _results("real-errors.md")[heading]
    assert (result.verdict.value, result.reason) == ("disagrees", reason)
    assert words in result.detail
    assert answer_markdown(result, card.lang).startswith("✘")
    assert result.culprits and result.culprits[0].line > card.source.line  # the line inside the block


@needs_sandbox
def test_a_value_beside_its_print_is_checked_and_not_shown_on_the_question() -> None:
    """``print(x.sum())  # tensor(3.)``: the value Python shows, pasted beside the print with no word that says so,
    is what the line must print; the card asks what the code prints without it."""
    card, result = _results("real-errors.md")["A value pasted beside its print that holds"]
    assert (result.verdict.value, result.reason) == ("agrees", "code-agrees"), result.detail
    assert "what does this code print?" in card.front and "tensor(3.)" not in card.front


@needs_sandbox
def test_an_output_comment_that_holds_agrees() -> None:
    card, result = _results("real-errors.md")["An output comment that holds"]
    assert (result.verdict.value, result.reason, result.output) == ("agrees", "code-agrees", "6.0")
    assert verdict_line(result, "zh") == "✔ 代码运行结果与笔记一致（核对了 1 处输出）"


@needs_sandbox
def test_an_output_pasted_under_the_print_over_two_lines_agrees() -> None:
    card, result = _results("real-errors.md")["An output pasted under the print, over two lines"]
    assert (result.verdict.value, result.reason, result.facts) == ("agrees", "code-agrees", {"checked": 1})


@needs_sandbox
@pytest.mark.parametrize("heading, verdict, reason, checked", [
    ("Values echoed", "agrees", "code-agrees", 2),           # a bare expression shows its value
    ("A wrong value echoed", "disagrees", "wrong-output", None),
    ("A comment after an echoed expression", "agrees", "code-agrees", 1),
    ("The error the session shows", "unverified", "expected-error", None),
    ("A value said to vary", "unverified", "ran-no-claims", None),
    ("A NumPy scalar", "agrees", "code-agrees", 1),          # NumPy 2 writes np.float64(…)
    ("A snippet that takes its imports for granted", "agrees", "code-agrees", 1),
    ("An object's address", "agrees", "code-agrees", 1),     # the address differs at every run
])
def test_sessions_and_snippets_without_imports(heading, verdict, reason, checked) -> None:
    card, result = _results("sessions.md")[heading]
    assert (result.verdict.value, result.reason) == (verdict, reason), result.detail
    if checked is not None:
        assert result.facts["checked"] == checked
    if reason == "wrong-output":  # a session shows its values; no comment says them
        assert "prints tensor(1.2910), the session shows tensor(1.1180)" in result.detail
        assert verdict_line(result, "zh") == "✘ 输出 tensor(1.2910)，会话里显示的是 tensor(1.1180)（第 " \
            f"{result.culprits[0].line} 行）"
        assert verdict_line(result, "en").startswith("✘ prints tensor(1.2910), the session shows tensor(1.1180)")


@needs_sandbox
def test_an_indented_excerpt_runs_as_the_lines_it_shows() -> None:
    card, result = _results("real-errors.md")["An excerpt lifted out of a function"]
    assert (result.verdict.value, result.reason) == ("agrees", "code-agrees")


@needs_sandbox
def test_a_notebook_cell_runs_after_what_earlier_cells_did() -> None:
    """A cell that needs an earlier cell's effect (x.grad filled by backward) is not a fault;
    an error the notebook's output shows is expected; one it does not show still disagrees."""
    results = _results("notebook-state.md")
    zeroed = results["Zeroing a gradient the cell before filled"][1]
    assert zeroed.verdict is not Verdict.DISAGREES, zeroed.detail
    shown = results["An error the notebook shows"][1]
    assert (shown.verdict.value, shown.reason) == ("unverified", "expected-error")
    typo = results["An error the notebook does not show"][1]
    assert (typo.verdict.value, typo.reason) == ("disagrees", "raises") and "itme" in typo.detail
    # the cells before it run again first, the ones whose error the notebook shows included: what
    # they did before failing stays done (x.grad is filled), and their error stops nothing
    after = results["Zeroing again after the error the notebook shows"][1]
    assert after.verdict is not Verdict.DISAGREES, after.detail


@needs_sandbox
def test_notebook_order() -> None:
    results = _results("notebook.md")
    # the class needs only the imports: the block that uses an undefined name is not run before it
    layer = results["A class that needs only the imports"][1]
    assert (layer.verdict.value, layer.reason) == ("agrees", "code-agrees")
    broken = results["An earlier block with its own error"][1]
    assert (broken.reason, broken.facts["names"]) == ("undefined-names", "Multiheadattention")
    # a card shows only what its own block printed, never the setup block's output
    mean = results["Its own output only"][1]
    assert mean.output == "tensor([ 2.,  7., 12.])"
    assert "torch.Size" not in answer_markdown(mean, "en")
    # the error belongs to the block where it happens
    raised = results["A block that breaks after defining a name"][1]
    assert (raised.verdict.value, raised.reason, raised.facts["line"]) == ("disagrees", "raises", 2)
    after = results["A block that builds on the broken one"][1]
    assert (after.verdict.value, after.reason) == ("unverified", "earlier-failed")
    assert after.facts["line"] == results["A block that breaks after defining a name"][0].source.line


def test_a_block_needs_only_the_blocks_that_define_its_names() -> None:
    blocks = [read_block(src, "python") for src in (
        "import torch\n", "x = torch.ones(2)\nprint(x)\n", "y = 3\n", "print(x + 1)\n", "print(z)\n")]
    assert needs(3, blocks).run_first == [0, 1]
    assert (needs(4, blocks).run_first, needs(4, blocks).missing) == ([], {"z"})
    assert needs(2, blocks).run_first == []


def test_a_parameter_is_not_the_notebook_name() -> None:
    blocks = [read_block(src, "python") for src in (
        "def f_grad(x):\n    return 2 * x\n",
        "def gd(eta, f_grad):\n    return f_grad(eta)\n\nresults = gd(0.2, f_grad)\n")]
    assert needs(1, blocks).run_first == [0]


def test_a_block_that_builds_on_a_magic_cell_says_so() -> None:
    blocks = [read_block("%matplotlib inline\nimport torch\n", "python"), read_block("print(torch.ones(1))\n", "python")]
    assert blocks[0].skip[0] == "notebook-magic"
    assert (needs(1, blocks).blocked, needs(1, blocks).missing) == ([0], set())


def test_chinese_notes_get_chinese_verdicts(tmp_path) -> None:
    notes = tmp_path / "笔记.md"
    notes.write_text("# 笔记\n\n## 图示\n\n这是一个网络结构的图示说明。\n\n```python\n输入 → 卷积 → 池化 → 输出\n```\n",
                     encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards if c.kind is CardKind.CODE]
    (result,) = verify(cards, device="cpu", cache_path=None).results
    assert verdict_line(result, cards[0].lang) == "未验证：这是图示（含 →），不是代码"


def teardown_module() -> None:
    code_check.shutdown()


@needs_sandbox
@pytest.mark.parametrize("heading", ["An output comment in words", "An output comment that shows only a first line"])
def test_an_output_comment_that_is_not_a_whole_value_is_no_claim(heading) -> None:
    card, result = _results("real-errors.md")[heading]
    assert (result.verdict.value, result.reason) == ("unverified", "ran-no-claims")
    assert result.output


@needs_sandbox
def test_time_budget_per_file(tmp_path) -> None:
    notes = tmp_path / "slow.md"
    notes.write_text("# Slow\n\n## A\n\n```python\nimport time\ntime.sleep(3)\n```\n\n"
                     "## B\n\n```python\nprint(1)\n```\n", encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards if c.kind is CardKind.CODE]
    runner = code_check.Runner(sandbox.Limits(timeout=10, per_file=2), "test")
    runner.pool.size = 1  # one block at a time, so the first spends the file's budget
    runner.threads = code_check.ThreadPoolExecutor(max_workers=1)
    try:
        results = runner.check_all([code_check.prepare(c, None, cards[:i]) for i, c in enumerate(cards)])
    finally:
        runner.close()
    assert [r.reason for r in results] == ["timeout", "budget"]
    assert results[1].facts == {"scope": "this file"}


@needs_sandbox
def test_a_console_transcript_runs_its_statements() -> None:
    card, result = _results("real-errors.md")["A console transcript"]
    assert (result.reason, result.output) == ("code-agrees", "6")


@needs_sandbox
@pytest.mark.parametrize("heading, verdict, reason", [
    ("Rounded as the notes write it", "agrees", "code-agrees"),
    ("Random values", "unverified", "unsteady-output"),
    ("Fresh weights", "unverified", "unsteady-output"),
    ("An error the notes announce", "unverified", "expected-error"),
    ("A GPU the sandbox does not have", "unverified", "environment"),
    ("Keyboard input", "unverified", "environment"),
])
def test_differences_that_are_not_errors(heading, verdict, reason) -> None:
    card, result = _results("not-errors.md")[heading]
    assert (result.verdict.value, result.reason) == (verdict, reason), result.detail


@pytest.mark.parametrize("code, first", [
    ("x += 1", [0]),                 # reads the x of the cell above before rebinding it
    ("x = x * 2", [0]),
    ("x = 0\nx += 1", []),           # its own x
])
def test_a_cell_that_rebinds_a_name_runs_after_the_cell_that_made_it(code, first) -> None:
    blocks = [read_block("import torch\nx = torch.ones(3)", "python"), read_block(code, "python")]
    need = needs(1, blocks)
    assert need.run_first == first and not need.missing


def test_the_names_taken_for_granted_are_the_ones_the_worker_provides() -> None:
    """The card rules and the verifier's worker agree on what notes may use without importing."""
    from studydeck.printed import TAKEN_FOR_GRANTED
    from studydeck.verify.worker import CONVENTIONAL
    assert set(CONVENTIONAL) == set(TAKEN_FOR_GRANTED)


@needs_sandbox
def test_a_cheat_sheets_values_beside_its_lines_are_checked() -> None:
    """``x.unsqueeze(0)  # (1, 3, 4)``: whole numbers in brackets are the shape the line gives (or
    the list it gives), anything else Python shows is its value; a wrong one disagrees at its line."""
    results = _results("cheat-sheet.md")
    shapes = results["Shapes that hold"][1]
    assert (shapes.verdict.value, shapes.reason, shapes.facts["checked"]) == ("agrees", "code-agrees", 6)
    values = results["Values that hold"][1]
    assert (values.verdict.value, values.facts["checked"]) == ("agrees", 3)
    card, wrong = results["A shape that is wrong"]
    assert (wrong.verdict.value, wrong.reason) == ("disagrees", "wrong-value")
    assert verdict_line(wrong, "en") == "✘ gives (4, 3), the comment says (2, 6) (line " \
        f"{card.source.line + 4})"
    assert "得到 (4, 3)，注释写的是 (2, 6)" in verdict_line(wrong, "zh")
    # lines before an error the notes show are checked too
    before = results["A wrong shape before the error the notes show"][1]
    assert (before.verdict.value, before.reason) == ("disagrees", "wrong-value")
    assert "gives (2, 12), the comment says (2, 6)" in before.detail


@needs_sandbox
def test_a_cheat_sheets_worked_out_numbers_are_checked_but_give_no_card(tmp_path: Path) -> None:
    """“F.softmax(logits)  # tensor([[0.6590, …]])”: arithmetic on the example's numbers is no
    behaviour to recall, and no code to write from memory; the verifier still checks it."""
    from studydeck.pipeline import Workspace

    workspace = Workspace.load([FIXTURES / "cheat-sheet.md"], cache_dir=None)
    report = workspace.verify(device="cpu")
    worked = next(c for c in workspace.cards if c.deck[-1] == "Numbers worked out")
    assert next(r for r in report.results if r.uid == worked.uid).verdict.value == "agrees"
    workspace.settle()
    assert worked.uid not in {c.uid for c in workspace.cards}
    assert any(n.rule == "left-out:worked-output" and n.source == worked.source for n in workspace.notices)


def test_words_beside_a_line_state_no_value_and_the_card_asks_what_each_line_gives() -> None:
    results = {c.deck[-1]: c for d in collect([FIXTURES / "cheat-sheet.md"]) for c in d.cards}
    assert "Words beside a line" not in results or "asks-output" not in results["Words beside a line"].flags
    card = results["Shapes that hold"]
    assert card.front.startswith("Shapes that hold: what does each line give?")
    assert "(1, 3, 4)" not in card.front and "(only for 2D)" not in card.front  # the values and their remarks
    assert "(1, 3, 4)" in card.back


@needs_sandbox
def test_the_output_pasted_under_a_block_is_what_it_must_print() -> None:
    """A REPL's output pasted in a fence under the code is checked, all of it: a wrong value is
    a disagree at its print's line; a warning pasted with it is stderr's; random values, or an
    output set out as no torch here prints it, get no verdict."""
    results = _results("pasted-output.md")
    assert results["Mean and sum"][1].reason == "code-agrees"
    card, wrong = results["Standard deviation"]
    assert (wrong.verdict, wrong.reason) == (Verdict.DISAGREES, "wrong-pasted-output")
    lines = (FIXTURES / "pasted-output.md").read_text(encoding="utf-8").splitlines()
    assert wrong.facts["line"] == lines.index("print(t.std())") + 1 - card.source.line
    assert "tensor(1.)" in wrong.detail and "0.8165" in wrong.detail
    assert results["A non-leaf's grad"][1].reason == "code-agrees"
    assert (results["Random numbers"][1].verdict, results["Random numbers"][1].reason) == \
        (Verdict.UNVERIFIED, "unsteady-output")
    assert results["Another version's repr"][1].reason == "pasted-output-differs"
    # (an “Output:” line of its own between the code and what it printed)
    assert results["An output under a lead of its own that holds"][1].reason == "code-agrees"
    card, wrong = results["An output under a lead of its own"]
    assert (wrong.verdict, wrong.reason) == (Verdict.DISAGREES, "wrong-pasted-output"), wrong.detail
    assert "torch.Size([3])" in wrong.detail
    # (a fence marked as plain text under the code: what it printed)
    assert results["An output fence marked as text"][1].reason == "code-agrees"
    assert results["An output fence marked as text that differs"][1].reason == "wrong-pasted-output"
    assert results["An output under a bold lead"][1].reason == "wrong-pasted-output"  # (“**Output:**”)
    # (a value with its exponent is compared at its own scale: 2.3842e-07 is not 5.9605e-07)
    assert results["A tiny value at its own scale"][1].reason == "wrong-pasted-output"


def test_a_session_that_uses_names_the_notes_define_nowhere_is_no_card(tmp_path) -> None:
    """“>>> model.layer3.register_forward_hook(…)” with no model in the notes: what it prints can
    be neither worked out from the card nor checked, so the card is left out, saying why."""
    from studydeck.pipeline import Workspace

    notes = tmp_path / "hooks.md"
    notes.write_text("# Hooks\n\n## Forward hooks\n\n```\n>>> feats = {}\n"
                     ">>> h = model.layer3.register_forward_hook(lambda m, i, o: feats.__setitem__('l3', o))\n"
                     ">>> _ = model(x)\n>>> feats['l3'].shape\ntorch.Size([8, 256, 14, 14])\n```\n", encoding="utf-8")
    workspace = Workspace.load([notes], cache_dir=tmp_path / "cache")
    assert any("feats" in c.front for c in workspace.cards)  # a card as read, until the verifier looks
    workspace.verify(device="cpu")
    workspace.settle()
    assert not any("feats" in c.front for c in workspace.cards)
    (left,) = [n for n in workspace.notices if n.rule == "left-out:undefined-names"]
    assert left.source.line == 5 and "model, x" in left.message


@needs_sandbox
def test_a_block_whose_pasted_output_holds_stays_a_card_and_its_output_is_no_tag(tmp_path) -> None:
    from studydeck.export import card_tags
    from studydeck.pipeline import Workspace

    workspace = Workspace.load([FIXTURES / "pasted-output.md"], cache_dir=tmp_path / "cache")
    workspace.verify(device="cpu", code_timeout=20)
    workspace.settle()
    (card,) = [c for c in workspace.cards if c.deck[-1] == "Mean and sum"]
    assert workspace.results()[card.uid].reason == "code-agrees"
    assert not any("shown-output" in tag or "tensor" in tag for tag in card_tags(card))


@needs_sandbox
@pytest.mark.parametrize("heading, verdict, checked", [
    ("Broadcasting in IPython", "agrees", 2),
    ("A value IPython shows wrongly", "disagrees", None),
    ("An object's place in memory", "agrees", 2),   # (IPython writes “<… at 0x…>” without “object”)
    ("A warning over the value", "agrees", 1),      # (the warning went to stderr; the value is still checked)
    ("A module's error, as IPython names it", "unverified", None),   # (the error the session shows: no failure)
    ("A warning in a console session, then an indented print", "agrees", 2),  # (a rule of dashes printed is checked)
    ("A warning raised inside the library", "agrees", 1),  # (the library's line under it is no output)
    ("A session with a magic cell", "agrees", 1),  # (the magic and what it printed are set aside, the rest is asked)
    ("A Monte Carlo estimate", "unverified", None),  # (a value drawn from a distribution differs from run to run)
])
def test_an_ipython_session_is_asked_and_checked_as_a_console_transcript(heading, verdict, checked) -> None:
    card, result = _results("ipython-session.md")[heading]
    assert "what do these lines print?" in card.front and "Out[" not in card.front
    assert "\n1.0\n" not in card.front and "UserWarning" not in card.front  # (what the session showed is the answer)
    assert result.verdict.value == verdict, result.detail
    if checked is not None:
        assert result.facts == {"checked": checked}


def test_a_failure_of_the_toolchain_torch_compile_builds_with_is_the_sandboxs_not_the_codes() -> None:
    """`torch.compile` builds kernels with a C++ compiler: when that fails in the sandbox, the code is not at fault
    (no “✘ the code raises”), and what the compiler printed after the error's first paragraph is no part of it."""
    from studydeck.verify.worker import _describe

    compile_error = type("CppCompileError", (RuntimeError,), {"__module__": "torch._inductor.exc"})
    try:
        raise compile_error("C++ compile error\n\nCommand:\ng++ -x c++-header /tmp/x.h -O3\n\nOutput:\nfatal error")
    except RuntimeError as exc:
        described = _describe(exc, __import__("traceback"))
    assert described["error_kind"] == "environment", described
    assert described["error"] == "torch._inductor.exc.CppCompileError: C++ compile error", described
    # a graph break is the code's own: `torch._dynamo` refusing `.item()` under fullgraph=True is what it does
    unsupported = type("Unsupported", (RuntimeError,), {"__module__": "torch._dynamo.exc"})
    try:
        raise unsupported("Tensor.item")
    except RuntimeError as exc:
        assert _describe(exc, __import__("traceback"))["error_kind"] == "raises"


def test_an_index_out_of_bounds_in_a_compiled_kernel_is_the_codes_own() -> None:
    from studydeck.verify.worker import _describe

    kernel_error = type("InductorError", (RuntimeError,), {"__module__": "torch._inductor.exc"})
    try:
        raise kernel_error("RuntimeError: kernel, /tmp/main.cpp:20, index out of bounds: 0 <= tmp3 < 4")
    except RuntimeError as exc:
        assert _describe(exc, __import__("traceback"))["error_kind"] == "raises"
