"""The verifier reaches the measured verdicts (reference/seed-truth.md) with real torch."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from click.testing import CliRunner

from conftest import NOTES, ROOT, corpus_dir
from studydeck.pipeline import collect
from studydeck.cli import cli
from studydeck.model import CardKind
from studydeck.verify import verify
from studydeck.verify.optimizers import build_program, run_program, run_torch, defaults
from studydeck.verify.registry import lookup
from studydeck.verify.messages import verdict_line
from studydeck.verify.result import Verdict

FIXTURES = Path(__file__).parent / "fixtures" / "verify"


@pytest.fixture(scope="module")
def seed():
    cards = [c for d in collect([NOTES]) for c in d.cards]
    report = verify(cards, device="cpu")
    by_uid = {r.uid: r for r in report.results}
    return cards, report, by_uid


def results_for(seed, deck: str, kind: CardKind = CardKind.FORMULA, checked_only: bool = True):
    """The results of a deck's cards; by default only the ones that were checked."""
    cards, _, by_uid = seed
    found = [by_uid[c.uid] for c in cards if c.deck[-1] == deck and c.kind is kind and c.uid in by_uid]
    return [r for r in found if r.verdict is not Verdict.UNVERIFIED] if checked_only else found


def verdicts(results) -> set[str]:
    return {r.verdict.value for r in results if r.verdict is not Verdict.UNVERIFIED}


def one_step(deck: str, optimizer: str, values: dict, kwargs: dict, theta0: float, grad: float):
    """The notes' rule and torch.optim, one step from the same θ₀ and g."""
    cards = [c for d in collect([NOTES]) for c in d.cards if c.deck[-1] == deck and c.kind is CardKind.FORMULA]
    program = build_program(cards)
    spec = lookup(optimizer)
    t0 = torch.tensor([theta0], dtype=torch.float64)
    g = [torch.tensor([grad], dtype=torch.float64)]
    flags = {f: bool(kwargs.get(f, False)) for f in program.flags}
    ours = run_program(program, values, flags, t0, g)[0].item()
    theirs = run_torch(spec, {**defaults(spec), **kwargs}, t0, g)[0].item()
    return ours, theirs


def culprit_and_steps(results):
    """The rule's ✘ cards, and the others, which say their step agrees."""
    wrong = [r for r in results if r.verdict is Verdict.DISAGREES]
    others = [r for r in results if r.verdict is not Verdict.DISAGREES]
    assert others and all(r.reason == "step-agrees" for r in others)
    assert all(r.culprits == wrong[0].culprits for r in others)  # they say where the rule goes wrong
    return wrong, others


def test_sgd_disagrees_only_with_maximize_and_weight_decay(seed) -> None:
    wrong, _ = culprit_and_steps(results_for(seed, "SGD"))
    (detail,) = wrong  # only the maximize line is blamed
    assert "maximize and weight decay" in detail.detail and detail.reason == "maximize-weight-decay"
    assert "if maximize" in next(c for c in seed[0] if c.uid == detail.uid).back
    failing = detail.configs_failing
    assert failing and all({"maximize", "weight_decay"} <= set(f) for f in failing)
    assert len(failing) < len(detail.configs_checked)  # the legal settings without that pair all agree
    assert detail.reference == "torch.optim.SGD" and detail.culprits == [detail.source]


def test_sgd_seed_truth_example() -> None:
    values = {"γ": 0.1, "λ": 0.01, "μ": 0.0, "τ": 0.0}
    ours, theirs = one_step("SGD", "SGD", values, {"lr": 0.1, "weight_decay": 0.01, "maximize": True}, 1.0, 0.0)
    assert ours == pytest.approx(1.001, abs=1e-12) and theirs == pytest.approx(0.999, abs=1e-12)
    same = one_step("SGD", "SGD", values, {"lr": 0.1, "weight_decay": 0.01}, 1.0, 0.5)
    assert same[0] == pytest.approx(same[1], abs=1e-15)


def test_adadelta_seed_truth_example(seed) -> None:
    values = {"γ": 1.0, "ρ": 0.9, "ε": 1e-6, "λ": 0.01}
    ours, theirs = one_step("Adadelta", "Adadelta", values, {"weight_decay": 0.01, "maximize": True}, 1.0, 0.0)
    assert ours == pytest.approx(1.003015, abs=1e-6) and theirs == pytest.approx(0.996985, abs=1e-6)
    (wrong,), _ = culprit_and_steps(results_for(seed, "Adadelta"))
    assert "maximize and weight decay" in wrong.detail
    assert all({"maximize", "weight_decay"} <= set(f) for f in wrong.configs_failing)


def test_rmsprop_eps_inside_the_root(seed) -> None:
    values = {"η": 0.01, "ρ": 0.99, "ε": 1e-8}
    ours, theirs = one_step("RMSProp", "RMSprop", values, {}, 0.0, 1e-6)
    assert ours == pytest.approx(-1.0e-4, rel=1e-3) and theirs == pytest.approx(-0.0909, rel=1e-3)
    (wrong,), (step,) = culprit_and_steps(results_for(seed, "RMSProp"))
    assert "ε inside the square root; torch adds ε after it" in wrong.detail and wrong.reason == "eps-inside-root"
    assert "\\sqrt{E[g^2]_t + \\epsilon}" in next(c for c in seed[0] if c.uid == wrong.uid).back
    assert "E[g^2]_t = \\rho" in next(c for c in seed[0] if c.uid == step.uid).back  # its own step is right
    assert wrong.binding == {"η": "lr", "ρ": "alpha", "ε": "eps"}
    # the line as it should read, in the notes' own LaTeX
    assert verdict_line(wrong, "zh") == ("✘ 与 torch.optim.RMSprop 不一致：ε 应加在平方根之外，应为 "
                                         "$\\theta_{t+1} = \\theta_t - \\frac{\\eta}{\\sqrt{E[g^2]_t} + \\epsilon} \\cdot g_t$")
    assert verdict_line(wrong, "en").endswith("outside the square root; it should read "
                                              "$\\theta_{t+1} = \\theta_t - \\frac{\\eta}{\\sqrt{E[g^2]_t} + \\epsilon} \\cdot g_t$")
    assert verdict_line(step, "zh").startswith("✔ 这一步与 torch.optim.RMSprop 一致；整个规则在第")


@pytest.mark.parametrize("deck", ["Adam", "AdamW"])
def test_adam_and_adamw_agree(seed, deck) -> None:
    results = results_for(seed, deck)
    assert results and verdicts(results) == {"agrees"}
    assert "算例" in results[0].example and "PyTorch" in results[0].example


@pytest.mark.parametrize("deck, reading", [
    ("GELU", "approximate='tanh'"), ("Softplus", "F.softplus"), ("Mish", "F.mish"),
])
def test_plain_text_formulas_are_repaired_and_agree(seed, deck, reading) -> None:
    (result,) = results_for(seed, deck)
    assert result.verdict is Verdict.AGREES and reading in result.detail
    assert "lost its markup and was read as" in result.detail


def test_gelu_says_which_repairs(seed) -> None:
    (result,) = results_for(seed, "GELU")
    assert "√ restored" in result.detail and "exponent" in result.detail


def test_erf_and_phi_agree(seed) -> None:
    erf = results_for(seed, "误差函数", checked_only=False)
    # one card per fact: the definition, oddness, each limit (its condition named), erf(0)
    assert len(erf) == 5 and {r.verdict.value for r in erf} == {"agrees"}
    (phi,) = results_for(seed, "累积分布函数(CDF)")
    assert phi.verdict is Verdict.AGREES and "Normal(0, 1).cdf" in phi.detail


def test_rank_code_runs_and_agrees(seed) -> None:
    (code,) = results_for(seed, "秩", CardKind.CODE)
    assert code.verdict is Verdict.AGREES
    assert "matrix_rank = 2" in code.detail
    assert "torch.qr is deprecated; use torch.linalg.qr" in code.detail
    assert "torch.svd is deprecated; use torch.linalg.svd" in code.detail
    assert "通过 SVD 计算的秩: 2" in code.example


def test_every_stated_default_is_checked(seed) -> None:
    cards, _, by_uid = seed
    stated = [c for c in cards if "default" in c.flags]
    assert len(stated) == 17  # SGD 9, Adadelta 8
    assert all(by_uid[c.uid].verdict is Verdict.AGREES for c in stated)
    assert "inspect.signature" in by_uid[stated[0].uid].detail


def test_formula_without_reference_is_unverified() -> None:
    cards = [c for d in collect([FIXTURES / "broken.md"]) for c in d.cards]
    report = verify(cards, device="cpu")
    yogi = [r for r in report.results if "Yogi" in r.detail]
    assert len(yogi) == 2 and all(r.verdict is Verdict.UNVERIFIED for r in yogi)


@pytest.fixture(scope="module")
def broken():
    cards = [c for d in collect([FIXTURES]) for c in d.cards]
    report = verify(cards, device="cpu", code_timeout=5)
    return {(r.source.path.rsplit("/", 1)[-1], r.source.line): r for r in report.results}


@pytest.mark.parametrize("where, verdict, words", [
    (("broken.md", 6), "disagrees", "torch.optim.Adam"),                       # bias correction dropped
    (("adam_eps.md", 7), "disagrees", "ε inside the square root"),             # ε moved
    (("broken.md", 14), "disagrees", "wrong sign"),                            # θ + η…
    (("broken.md", 18), "disagrees", "`lr` defaults to 0.001, the notes say 0.01"),  # wrong default
    (("broken.md", 10), "agrees", "torch.optim.RMSprop"),                      # the correct rule
    (("broken.md", 27), "agrees", "approximate='tanh'"),
    (("broken.md", 28), "disagrees", "F.gelu"),                                # √ dropped
])
def test_deliberately_broken_formulas_are_caught(broken, where, verdict, words) -> None:
    result = broken[where]
    assert result.verdict.value == verdict and words in result.detail, result.detail


def test_code_that_loops_or_raises_is_reported(broken) -> None:
    assert broken[("code.md", 4)].verdict is Verdict.UNVERIFIED
    assert "still running after 5 s" in broken[("code.md", 4)].detail
    raised = broken[("code.md", 10)]
    assert raised.verdict is Verdict.DISAGREES and "raises at line 3: IndexError" in raised.detail
    claims = broken[("code.md", 17)]
    assert claims.verdict is Verdict.DISAGREES and claims.detail == "line 1 prints 2, the comment says 3"


def test_d2l_corpus_verdicts() -> None:
    cards = [c for d in collect([corpus_dir()]) for c in d.cards if c.kind is CardKind.FORMULA]
    report = verify(cards, device="cpu")
    by_file: dict[str, set[str]] = {}
    details: dict[str, str] = {}
    for r in report.results:
        if r.verdict is not Verdict.UNVERIFIED and r.concept:
            name = Path(r.source.path).stem
            by_file.setdefault(name, set()).add(r.verdict.value)
            if r.verdict is Verdict.DISAGREES or name not in details:
                details[name] = r.detail  # (the rule's verdict where a row of it goes wrong)
    # (an aligned block's rows are cards of their own: the rows that agree with torch's step say
    # so; the row where the rule goes wrong disagrees)
    assert "disagrees" in by_file["adagrad"] and "ε inside the square root" in details["adagrad"]
    assert "disagrees" in by_file["rmsprop"] and "ε inside the square root" in details["rmsprop"]
    assert "γ→alpha" in details["rmsprop"]  # d2l's γ is the decay, not the learning rate
    # Adam's rule agrees; the remark beside it, Σ_{i=0}^{t} β^i = (1 − β^t)/(1 − β), is off by one term
    # (the sum to t − 1 has that value), which the identity check finds
    adam = [r for r in report.results if Path(r.source.path).stem == "adam" and r.verdict is not Verdict.UNVERIFIED]
    assert {r.verdict for r in adam if r.reason != "identity-fails"} == {Verdict.AGREES}
    assert [r.facts["claim"] for r in adam if r.reason == "identity-fails"] == [
        "\\sum_{i=0}^t\\beta^i=\\frac{1-\\beta^t}{1-\\beta}"]
    assert "β_1→betas[0]" in next(r.detail for r in adam if r.reason != "identity-fails")
    assert by_file["adadelta"] == {"agrees"}
    assert by_file["momentum"] == {"agrees"} and "β→momentum" in details["momentum"]
    assert {name for name, verdicts in by_file.items() if "disagrees" in verdicts} == {"adagrad", "rmsprop", "adam"}
    # whole-tensor formulas: d2l's batch norm (μ̂_B, σ̂_B, then BN) and softmax (ŷ_j = exp(o_j)/∑_k exp(o_k))
    assert by_file["batch-norm"] == {"agrees"} and "F.batch_norm" in details["batch-norm"]
    assert by_file["softmax-regression"] >= {"agrees"}


def test_deck_carries_computed_answers(tmp_path: Path) -> None:
    from anki.collection import Collection

    from anki_helpers import import_apkg
    from studydeck.pipeline import build

    build([NOTES], tmp_path, now=1_750_000_000, device="cpu")
    col = Collection(str(tmp_path / "c.anki2"))
    try:
        import_apkg(col, tmp_path / "pytorch-notes.apkg")
        notes = [col.get_note(n) for n in col.find_notes("")]
        computed = {n["Source"].rsplit(":", 1)[1]: n["Computed"] for n in notes if "Computed" in n.keys()}
        assert "算例" in computed["167"] and "torch.optim.Adam" in computed["167"] and "PyTorch 2." in computed["167"]
        assert "✘ 与 torch.optim.RMSprop 不一致：ε 应加在平方根之外" in computed["190"]  # the notes' language
        assert "通过 SVD 计算的秩: 2" in computed["7"]
        assert "GELU(1) = 0.841192" in computed["221"]
        verdict = {n["Source"].rsplit(":", 1)[1]: n["Verdict"] for n in notes if "Verdict" in n.keys()}
        assert verdict["190"] == "verdict-disagrees" and verdict["167"] == "verdict-agrees"
    finally:
        col.close()


def test_cli_json_and_exit_code() -> None:
    result = CliRunner().invoke(cli, ["verify", str(NOTES), "--json", "--device", "cpu"])
    assert result.exit_code == 1  # the notes' RMSprop disagrees
    rows = json.loads(result.stdout)
    assert {"source", "concept", "verdict", "max_abs_diff", "detail"} <= set(rows[0])
    rms = [r for r in rows if r["concept"] == "RMSprop" and r["verdict"] == "disagrees"]
    assert len(rms) == 1 and rms[0]["max_abs_diff"] > 1e-3


def test_cli_table_and_strict_build(tmp_path: Path) -> None:
    table = CliRunner().invoke(cli, ["verify", str(NOTES), "--device", "cpu"])
    assert table.exit_code == 1
    flat = "".join(table.stdout.split())  # the table wraps at the terminal's width
    assert "pytorch-notes.md:190:RMSprop:✘与torch.optim.RMSprop不一致：ε应加在平方根之外" in flat
    assert re.search(r"\d+agree,3disagree,0unverified", flat)  # ✘ only on the three wrong lines
    strict = CliRunner().invoke(cli, ["build", str(NOTES), "-o", str(tmp_path), "--strict", "--device", "cpu"])
    assert strict.exit_code == 1 and "disagree with PyTorch" in strict.output
    assert not list(tmp_path.iterdir())


def test_cached_rebuild_does_not_import_torch(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from studydeck.pipeline import build\n"
        f"build([Path({str(NOTES)!r})], Path({str(tmp_path / 'd')!r}), now=1, device='cpu',"
        f" cache_dir=Path({str(tmp_path / 'cache')!r}))\n"
        "print('torch' in sys.modules)\n")
    first = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "True" and second.stdout.strip() == "False"


def test_missing_cuda_is_a_clear_error() -> None:
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    result = CliRunner().invoke(cli, ["verify", str(FIXTURES / "adam_eps.md"), "--device", "cuda"])
    assert result.exit_code == 1
    assert result.output.strip() == ("Error: --device cuda: no CUDA device is available to this torch build; "
                                     "use --device cpu")


from hypothesis import given, settings
from hypothesis import strategies as st

from studydeck.verify.latex import LatexError, parse_formula

LATEX_PIECES = ["x", "g_t", "\\theta_{t-1}", "=", "\\leftarrow", "+", "-", "\\frac{", "}{", "}", "{", "(", ")",
                "\\sqrt{", "^2", "^{", "\\text{if }", ":", "\\quad", ",", "\\\\", "\\epsilon", "E[g^2]_t", "\\int_0^x",
                "dt", "\\left(", "\\right)", "&", "\\hat{m}_t", "2", ".5", "\\cdot", "|", "\\begin{aligned}",
                "\\end{aligned}", "\\to", "\\infty", "\\sum", "'", "\\mathbf{x}"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LATEX_PIECES), max_size=30).map(" ".join))
def test_the_grammar_reads_or_says_why(latex: str) -> None:
    try:
        parse_formula(latex)
    except LatexError as exc:
        assert str(exc)


def test_build_on_a_missing_gpu_is_a_clear_error(tmp_path: Path) -> None:
    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    result = CliRunner().invoke(cli, ["build", str(FIXTURES / "adam_eps.md"), "-o", str(tmp_path), "--device", "cuda"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().endswith("no CUDA device is available to this torch build; use --device cpu")
    assert not list(tmp_path.iterdir())


def test_normalization_formulas() -> None:
    cards = [c for d in collect([FIXTURES / "norms.md"]) for c in d.cards]
    results = {r.source.line: r for r in verify(cards, device="cpu").results}
    assert results[4].verdict is Verdict.AGREES and "F.layer_norm" in results[4].detail
    assert results[7].verdict is results[8].verdict is Verdict.AGREES  # RMS(x) defined, then used
    assert results[11].verdict is Verdict.AGREES and "F.batch_norm" in results[11].detail  # stats over the batch
    assert results[15].verdict is Verdict.DISAGREES  # an unbiased variance is not what LayerNorm uses


def test_a_default_that_is_a_string_is_compared_as_one() -> None:
    """`'mean'` as stated is torch's 'mean'; `'batchmean'` is not KLDivLoss's default."""
    cards = [c for d in collect([FIXTURES / "string-defaults.md"]) for c in d.cards if "default" in c.flags]
    by_uid = {r.uid: r for r in verify(cards, device="cpu").results}
    results = {c.param + "@" + c.concept: by_uid[c.uid] for c in cards}
    assert results["reduction@`nn.MSELoss`"].verdict is Verdict.AGREES
    assert results["ignore_index@`nn.CrossEntropyLoss`"].verdict is Verdict.AGREES
    wrong = results["reduction@`nn.KLDivLoss`"]
    assert wrong.verdict is Verdict.DISAGREES and "'mean'" in wrong.detail and "batchmean" in wrong.detail


def test_a_loss_formula_is_never_said_to_disagree_on_a_guess() -> None:
    """Another loss than the heading's (BCE under cross-entropy), or two symbols that neither
    name says is the prediction (μ, σ): unverified with the reason, not “disagrees”."""
    cards = [c for d in collect([FIXTURES / "losses-trust.md"]) for c in d.cards if c.kind is CardKind.FORMULA]
    by_uid = {r.uid: r for r in verify(cards, device="cpu").results}
    results = {c.deck[-1]: by_uid[c.uid] for c in cards}
    assert results["MSE"].verdict is Verdict.AGREES
    bce = results["交叉熵（Cross Entropy）"]
    assert (bce.verdict, bce.reason) == (Verdict.UNVERIFIED, "other-loss") and "BCE" in bce.detail
    kl = results["KL 散度"]
    assert (kl.verdict, kl.reason) == (Verdict.UNVERIFIED, "roles-unknown")
    assert verdict_line(kl, "zh").startswith("未验证")


def test_a_heading_that_names_one_callable_among_words_is_about_it() -> None:
    """“PyTorch 里的 nn.Embedding” is nn.Embedding; a heading that names two is about neither."""
    cards = [c for d in collect([FIXTURES / "api-in-heading.md"]) for c in d.cards if "default" in c.flags]
    by_uid = {r.uid: r for r in verify(cards, device="cpu").results}
    results = {c.param + "@" + c.deck[-1]: by_uid.get(c.uid) for c in cards}
    assert results["padding_idx@PyTorch 里的 nn.Embedding"].verdict is Verdict.AGREES
    wrong = results["sparse@PyTorch 里的 nn.Embedding"]
    assert wrong.verdict is Verdict.DISAGREES and "False" in wrong.detail
    neither = results["bias@nn.Embedding 和 nn.Linear 的区别"]  # no verdict, or an unverified one
    assert neither is None or neither.verdict is Verdict.UNVERIFIED


def test_a_table_of_defaults_with_a_row_per_callable_is_checked_cell_by_cell() -> None:
    """“| Optimizer | `lr` | … |” with a row per optimizer, or cells that name their parameter
    (“`alpha=0.9`”), under words that say it holds defaults; schedulers by their bare names."""
    cards = [c for d in collect([FIXTURES / "defaults-table.md"]) for c in d.cards if "default" in c.flags]
    by_uid = {r.uid: r for r in verify(cards, device="cpu").results}
    results = {c.deck[-1] + "." + c.param: by_uid[c.uid] for c in cards}
    # a header that names no single parameter (“momentum / betas”) asks nothing; 1/3 is no value
    assert sorted(results) == ["Adam.amsgrad", "Adam.eps", "Adam.lr", "ExponentialLR.gamma", "RMSprop.alpha",
                               "RMSprop.centered", "RMSprop.eps", "RMSprop.lr", "RMSprop.momentum", "StepLR.gamma"]
    wrong = {name for name, r in results.items() if r.verdict is Verdict.DISAGREES}
    assert wrong == {"RMSprop.alpha", "ExponentialLR.gamma"}
    assert "defaults to 0.99, the notes say 0.9" in results["RMSprop.alpha"].detail
    assert "required" in results["ExponentialLR.gamma"].detail
    assert all(r.verdict is Verdict.AGREES for name, r in results.items() if name not in wrong)


def test_lint_says_to_correct_a_wrong_default_not_a_formula(tmp_path: Path) -> None:
    from studydeck.pipeline import Workspace
    workspace = Workspace.load([FIXTURES / "defaults-table.md"], cache_dir=tmp_path / "cache")
    workspace.build(tmp_path / "decks", now=1_750_000_000, device="cpu", exercises=False)
    lint = Workspace.load([FIXTURES / "defaults-table.md"], cache_dir=tmp_path / "cache").lint()
    fixes = {f.source.line: f.fix for f in lint.findings if f.rule == "disagrees-with-pytorch"}
    lines = (FIXTURES / "defaults-table.md").read_text(encoding="utf-8").splitlines()
    rmsprop = next(i for i, line in enumerate(lines, 1) if line.startswith("| `RMSprop`"))
    assert fixes[rmsprop] == "correct the default to match PyTorch"


@pytest.mark.parametrize("ours, theirs", [(1.0, 1.0 + 9e-10), (0.999999999, 0.9999999981), (-1.0, -0.99901), (2.5, 2.5)])
def test_a_disagreement_shows_values_that_differ(ours: float, theirs: float) -> None:
    from studydeck.verify.result import fmt_pair
    a, b = fmt_pair(ours, theirs)
    assert (a != b) == (ours != theirs) and float(a) == pytest.approx(ours) and float(b) == pytest.approx(theirs)


def test_floor_and_ceiling_brackets_are_read() -> None:
    """“\\left\\lfloor \\frac{W - K + 2P}{S} \\right\\rfloor + 1”: a conv's output size reads as floor()."""
    (statement,) = parse_formula(r"\text{out} = \left\lfloor \frac{W - K + 2P}{S} \right\rfloor + 1")
    assert "floor" in repr(statement.rhs)
    (ceiling,) = parse_formula(r"n = \lceil N / B \rceil")
    assert "ceil" in repr(ceiling.expr)


def test_defaults_of_a_class_that_passes_its_arguments_on() -> None:
    """nn.LSTM(*args, **kwargs) hands its parameters to nn.RNNBase: they are found there."""
    cards = [c for d in collect([FIXTURES / "lstm-defaults.md"]) for c in d.cards if "default" in c.flags]
    by_uid = {r.uid: r for r in verify(cards, device="cpu").results}
    verdicts = {c.param: by_uid[c.uid].verdict for c in cards}
    assert verdicts == {"num_layers": Verdict.AGREES, "batch_first": Verdict.AGREES, "dropout": Verdict.DISAGREES}


def test_a_rule_written_two_ways_is_not_run_as_one() -> None:
    """The paper's form and PyTorch's form of one update, in one section, are no single
    program: no verdict rather than a wrong one."""
    cards = [c for d in collect([FIXTURES / "nesterov-two-ways.md"]) for c in d.cards if c.kind is CardKind.FORMULA]
    results = verify(cards, device="cpu").results
    assert results and all(r.verdict is Verdict.UNVERIFIED for r in results)
    assert any("written twice" in r.detail for r in results)


def test_a_line_of_defaults_under_a_heading_that_names_a_callable_is_checked() -> None:
    """“默认：lr=1e-3, β1=0.9, β2=0.99, eps=1e-8” under “Adam 的原理，默认参数？”: one cloze per
    default, checked like a parameter list's (β₁ and β₂ as ``betas``); a sentence after “默认：”
    states no parameter."""
    cards = [c for d in collect([FIXTURES / "defaults-line.md"]) for c in d.cards if "default" in c.flags]
    by_uid = {r.uid: r for r in verify(cards, device="cpu").results}
    results = {c.deck[-1] + "." + c.param: by_uid[c.uid] for c in cards}
    assert sorted(results) == ["Adam.betas", "Adam.eps", "Adam.lr", "CrossEntropyLoss.ignore_index",
                               "CrossEntropyLoss.reduction", "ReduceLROnPlateau.factor", "ReduceLROnPlateau.mode",
                               "ReduceLROnPlateau.patience", "torch.optim.Adam.betas", "torch.optim.Adam.lr"]
    wrong = {name for name, r in results.items() if r.verdict is Verdict.DISAGREES}
    # (an item “默认 …” under a line that names the callable; a comment beside its call)
    assert wrong == {"Adam.betas", "CrossEntropyLoss.ignore_index", "torch.optim.Adam.lr"}
    assert "defaults to (0.9, 0.999), the notes say (0.9, 0.99)" in results["Adam.betas"].detail
    assert all(r.verdict is Verdict.AGREES for name, r in results.items() if name not in wrong)


def test_a_signature_copied_into_a_heading_states_its_defaults(tmp_path: Path) -> None:
    """“### nn.LayerNorm(normalized_shape, eps=1e-6, …)”: each default is a card, checked against
    the signature; a heading that passes values of its own (“nn.Linear(d_model, d_ff, bias=False)”)
    is a call, so it states no default and gives no card once the verifier has looked."""
    from studydeck.pipeline import Workspace

    notes = FIXTURES / "signature-headings.md"
    (doc,) = collect([notes])
    stated = {(c.concept, c.param, c.default) for c in doc.cards if "default" in c.flags}
    assert ("nn.LayerNorm", "eps", "1e-6") in stated and ("nn.MaxPool2d", "stride", "None") in stated
    assert not any(c.concept.startswith(("nn.MSELoss", "nn.L1Loss")) for c in doc.cards)  # two calls, no signature
    by_uid = {r.uid: r for r in verify(doc.cards, device="cpu").results}
    verdicts = {(c.concept, c.param): by_uid[c.uid] for c in doc.cards if c.uid in by_uid}
    wrong = verdicts[("nn.LayerNorm", "eps")]
    assert wrong.verdict is Verdict.DISAGREES and "1e-05" in wrong.detail and "1e-6" in wrong.detail
    # nn.LSTM takes its parameters through nn.RNNBase, after `mode`: still its signature
    assert verdicts[("nn.LSTM", "batch_first")].verdict is Verdict.AGREES
    assert verdicts[("nn.MaxPool2d", "stride")].verdict is Verdict.AGREES
    call = verdicts[("nn.Linear", "bias")]
    assert (call.verdict, call.reason) == (Verdict.UNVERIFIED, "a-call") and "d_model" in call.detail
    workspace = Workspace.load([notes], cache_dir=tmp_path / "cache")
    workspace.build(tmp_path / "decks", now=1_750_000_000, device="cpu", exercises=False)
    assert not any(c.concept == "nn.Linear" for c in workspace.cards)
    left = [n for n in workspace.notices if n.rule == "left-out:a-call"]
    heading = notes.read_text(encoding="utf-8").splitlines().index("### nn.Linear(d_model, d_ff, bias=False)") + 1
    assert [n.source.line for n in left] == [heading] and "签名" in left[0].message


def test_a_line_that_names_a_callable_and_states_its_defaults_is_checked() -> None:
    """“- `AdamW`: `lr=1e-3, …, weight_decay=0`” under “默认值：” states AdamW's defaults (a wrong
    one among them); a parameter named with a leading underscore (`_weight`) keeps its name."""
    notes = FIXTURES / "defaults-named-rows.md"
    cards = [c for d in collect([notes]) for c in d.cards if "default" in c.flags]
    by_uid = {r.uid: r for r in verify(cards, device="cpu").results}
    verdicts = {(c.concept.strip("`"), c.param): by_uid[c.uid] for c in cards}
    assert verdicts[("AdamW", "weight_decay")].verdict is Verdict.DISAGREES
    assert verdicts[("AdamW", "lr")].verdict is verdicts[("Adam", "betas")].verdict is Verdict.AGREES
    assert verdicts[("nn.Embedding", "_weight")].verdict is Verdict.AGREES


def test_a_convention_with_no_value_as_written_is_never_said_to_fail() -> None:
    """“约定 $0\\log 0 = 0$”: 0 · log 0 is NaN as written; it states a convention (or a limit)."""
    results = [r for r in _verdicts("# 信息论\n\n## 熵\n\n- 约定 $0\\log 0 = 0$\n- $H(X) \\ge 0$\n")
               if "0\\log" in r.detail or "0\\log 0" in str(r.facts)]
    assert results and all(r.verdict is Verdict.UNVERIFIED and r.reason == "undefined" for r in results)


def test_a_side_undefined_only_off_its_domain_is_still_checked() -> None:
    """log x is NaN for x < 0, which is its domain, not a convention: `log(x^2) = 3 log x` is still wrong."""
    results = [r for r in _verdicts("# 对数\n\n## 对数的性质\n\n- 幂的对数：$\\log(x^2) = 3\\log x$\n") if "log" in r.detail]
    assert results and all(r.verdict is Verdict.DISAGREES and r.reason == "claim-fails" for r in results), \
        [(r.verdict, r.reason, r.detail) for r in results]


def _verdicts(notes: str) -> list:
    from studydeck.notes import parse_notes
    from studydeck.cards import extract_cards

    cards, _ = extract_cards(parse_notes(notes, "i.md"))
    return verify(cards, device="cpu").results


def test_an_identity_in_free_symbols_is_checked_at_drawn_values() -> None:
    """Σ_{i=0}^{t} β^i is (1 − β^{t+1})/(1 − β): the sum to t − 1 holds, the sum to t with β^t fails,
    and the message names the values where the two sides part, in the notes' language."""
    wrong, right = _verdicts("# 级数\n\n## 几何级数\n\n- 前 t+1 项：$\\sum_{i=0}^t \\beta^i = \\frac{1 - \\beta^t}{1 - \\beta}$\n"
                             "- 前 t 项：$\\sum_{i=0}^{t-1} \\beta^i = \\frac{1 - \\beta^t}{1 - \\beta}$\n")
    assert (wrong.verdict, wrong.reason) == (Verdict.DISAGREES, "identity-fails")
    at = dict(wrong.inputs)
    beta, t = at["β"], int(at["t"])
    assert wrong.notes_value == pytest.approx(sum(beta ** i for i in range(t + 1)))
    assert wrong.torch_value == pytest.approx((1 - beta ** t) / (1 - beta))
    assert "不成立" in verdict_line(wrong, "zh") and f"t = {t}" in verdict_line(wrong, "zh")
    assert 0 < beta < 1  # (the plainest values that show it, though negative ones were drawn too)
    assert right.verdict is Verdict.AGREES


@pytest.mark.parametrize("formula", [
    "$2w - 4 = 0$",                      # an equation to solve: w appears on one side only
    "$a + b = c$",                       # quantities related by the notes, c on one side only
    "$AB = BA$",                         # matrices, not scalars
    "$x_1 + x_2 = 2\\bar{x}$",           # the notes' own quantities
    "当 $a > 1$ 时，$\\log(a^2) = 3\\log a$",  # a condition stated in words
    "For small $t$, $\\log(1+t) = t$",          # an approximation
    "欧拉公式 $e^{i\\theta} = \\cos\\theta + i\\sin\\theta$",  # i is the imaginary unit
    "$\\sum_{i=1}^{n} c = nc$",                  # a sum whose body is no term of a range
    "$\\sqrt{a^2} = a$",                         # true for a ≥ 0 only
    "$\\lfloor n/2 \\rfloor + \\lceil n/2 \\rceil = n$",  # n an integer, never said
])
def test_a_relation_that_is_no_identity_of_free_scalars_gets_no_verdict(formula: str) -> None:
    (result,) = _verdicts(f"# 代数\n\n## 关系\n\n- 笔记里的一句：{formula}\n")
    assert result.verdict is Verdict.UNVERIFIED, result.detail


def test_a_claim_is_checked_where_both_sides_have_a_value() -> None:
    """`e^{log x} = x` holds where log x has a value; `log(x^2) = 3 log x` fails there."""
    right, wrong = _verdicts("# 对数\n\n## 性质\n\n- 互逆：$e^{\\log x} = x$\n- 幂：$\\log(x^2) = 3\\log x$\n")
    assert right.verdict is Verdict.AGREES, right.detail
    assert wrong.verdict is Verdict.DISAGREES, wrong.detail


def test_an_identity_beside_an_update_rule_is_checked_too() -> None:
    """A remark under an optimizer's heading is no step of its rule, yet an identity in it is checked."""
    results = _verdicts("# 优化\n\n## Adam\n\n偏差修正用到 $\\sum_{i=0}^t \\beta^i = \\frac{1 - \\beta^t}{1 - \\beta}$。\n")
    assert [(r.verdict, r.reason) for r in results] == [(Verdict.DISAGREES, "identity-fails")]


@pytest.mark.parametrize("written, repaired", [
    (r"\theta = \theta - \frac{\eta}{\sqrt{v_t + \epsilon}} g_t", r"\theta = \theta - \frac{\eta}{\sqrt{v_t} + \epsilon} g_t"),
    (r"\theta = \theta - \eta g / \sqrt{\varepsilon + v_t}", r"\theta = \theta - \eta g / \left(\sqrt{v_t} + \varepsilon\right)"),
    (r"x = \frac{\sqrt{u + \epsilon_{0}}}{\sqrt{v + \epsilon_{0}}}", r"x = \frac{\sqrt{u} + \epsilon_{0}}{\sqrt{v} + \epsilon_{0}}"),
    (r"\theta = \theta - \eta \left(\sqrt{v + \epsilon_{\text{num}}}\right)^{-1} g",
     r"\theta = \theta - \eta \left(\sqrt{v} + \epsilon_{\text{num}}\right)^{-1} g"),  # its own brackets
    (r"s = \sqrt{\epsilon + v_t}", r"s = \sqrt{v_t} + \epsilon"),  # all of the right side
    (r"x = \frac{m}{\sqrt{v} + \epsilon}", None),  # already outside
    (r"x = \sqrt{v + \epsilon^2}", None),  # not ε added alone
])
def test_eps_is_moved_out_of_the_root_in_the_notes_own_latex(written, repaired) -> None:
    from studydeck.verify.blame import eps_outside_latex
    from studydeck.verify.latex import parse_formula

    assert eps_outside_latex(written) == repaired
    if repaired is not None:
        parse_formula(repaired)  # what the learner is told to write reads back as a formula


def test_a_heading_names_its_optimizer_inside_or_outside_brackets_and_an_unclosed_run_is_read_once() -> None:
    """(A heading of 5,000 unclosed “[a](” took 10 s: each bracket was read to the end of the line.)"""
    assert [getattr(lookup(h), "name", None) for h in (
        "Adam（自适应矩估计）", "自适应矩估计 (Adam)", "AdamW (decoupled (L2) weight decay)", "[a](" * 5000)] == [
        "Adam", "Adam", "AdamW", None]
