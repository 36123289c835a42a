"""Formula verdicts a learner can trust: ≈, the notes' own symbols, bounded work."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from studydeck.pipeline import collect
from studydeck.verify import verify
from studydeck.verify.latex import MAX_READINGS, LatexError, parse_formula, plain_readings
from studydeck.verify.messages import verdict_line
from studydeck.verify.result import Verdict

FIXTURES = Path(__file__).parent / "fixtures" / "formulas"


@pytest.fixture(scope="module")
def checked():
    cards = [c for d in collect([FIXTURES]) for c in d.cards]
    report = verify(cards, device="cpu", cache_path=None)
    by_uid = {r.uid: r for r in report.results}
    return [(c, by_uid[c.uid]) for c in cards if c.uid in by_uid]


def result_for(checked, text: str):
    """The result of the one card whose text holds ``text``."""
    (found,) = [(c, r) for c, r in checked if text in c.back]
    return found


def check_alone(checked, formula: str):
    """``formula`` checked on a card of its own (one the notes give no card, such as a worked
    value), taking its context from a plain fixture card."""
    from dataclasses import replace

    from studydeck.verify.functions import check_function_card

    card, _ = result_for(checked, r"\sqrt{2} \approx 1.41")
    return check_function_card(replace(card, formulas=(formula,)), torch.device("cpu"), "", False)


# --- ≈ means approximately ---------------------------------------------------------------

def test_sigmoid_approximation_of_gelu_holds_approximately(checked) -> None:
    card, r = result_for(checked, r"x\sigma(1.702x)")
    assert r.verdict is Verdict.AGREES and r.reason == "claims-hold-approx"
    assert 0.015 < r.max_abs_diff < 0.025  # says how close: |Δ| about 0.02
    assert verdict_line(r, card.lang) == "✔ holds approximately (max |Δ| 0.02)"


def test_tanh_approximation_is_torchs_approximate_gelu(checked) -> None:
    _, r = result_for(checked, r"\mathrm{GELU}(x) \approx")
    assert r.verdict is Verdict.AGREES and r.reason == "agrees"
    assert r.reference == "torch.nn.functional.gelu(x, approximate='tanh')" and r.facts["kwargs"] == {"approximate": "tanh"}
    assert r.max_abs_diff < 1e-12


def test_approximation_missing_its_factor_x_is_caught(checked) -> None:
    _, r = result_for(checked, "Missing its factor x")
    assert r.verdict is Verdict.DISAGREES and r.reason == "claim-fails"


@pytest.mark.parametrize("text, verdict", [
    (r"\sqrt{2} \approx 1.41", Verdict.AGREES),       # two decimals stated, and right
    (r"\sqrt{2} \approx 1.5", Verdict.DISAGREES),     # one decimal stated: 1.4
])
def test_numbers_at_their_stated_precision(checked, text, verdict) -> None:
    _, r = result_for(checked, text)
    assert r.verdict is verdict, r.detail


def test_a_power_of_ten_is_an_order_of_magnitude(checked) -> None:
    # worked arithmetic is no card (“…= 10^{12}” is left out as a worked value)
    r = check_alone(checked, r"2 \cdot 10^9 \cdot 16 \cdot 32 = 10^{12}")
    assert r.verdict is Verdict.AGREES, r.detail


def test_overflow_on_both_sides_is_unverified_never_agrees(checked) -> None:
    r = check_alone(checked, r"10^{10^{10}} = 10^{10^{10}} + 1")
    assert r.verdict is Verdict.UNVERIFIED and r.reason == "overflow"


# --- symbols mean what the notes say ---------------------------------------------------------

def test_sentence_names_the_function_a_letter_stands_for(checked) -> None:
    _, r = result_for(checked, r"\sigma(x) = \max(0, x)")  # “the ReLU activation function σ(x) = …”
    assert r.verdict is Verdict.AGREES and r.reference == "torch.nn.functional.relu"
    _, r = result_for(checked, r"g(z) = \frac{1}{1+e^{-z}}")  # the sentence says sigmoid, the heading does not
    assert r.verdict is Verdict.AGREES and r.reference == "torch.sigmoid"
    _, r = result_for(checked, r"g(z) = \frac{1}{1+e^{z}}")
    assert r.verdict is Verdict.DISAGREES and r.reference == "torch.sigmoid"


def test_a_letter_the_notes_define_is_not_the_well_known_function(checked) -> None:
    _, r = result_for(checked, r"\sigma(x) = x^3")
    assert r.verdict is Verdict.UNVERIFIED and r.reason == "definition"


def test_phi_density_is_not_the_cdf(checked) -> None:
    _, r = result_for(checked, r"\phi(x)")
    assert r.verdict is Verdict.UNVERIFIED


def test_case_labels_are_not_claims(checked) -> None:
    # a label is no card at all (a blank over a bare number), or, if asked, never a verdict
    labelled = [r for c, r in checked if any("y_i = -1" in f for f in c.formulas)]
    assert all(r.verdict is Verdict.UNVERIFIED for r in labelled)
    if not labelled:
        notices = [n for d in collect([FIXTURES]) for n in d.notices]
        assert any(n.rule == "left-out:declaration" and "y_i" in n.message for n in notices)


def test_a_subscripted_e_is_the_notes_symbol_not_eulers(checked) -> None:
    # the notes' line is a worked value (no card)
    r = check_alone(checked, r"e_{t,1} = \mathrm{sign}(1 \cdot 1) = 1")
    assert r.verdict is Verdict.AGREES, r.detail  # sign(1·1) = 1; e_{t,1} only names it


# --- bounded work ---------------------------------------------------------------------------

def test_deep_nesting_is_refused_without_recursion_error() -> None:
    with pytest.raises(LatexError, match="nested"):
        parse_formula("(" * 165 + "x" + ")" * 165)
    with pytest.raises(LatexError):
        parse_formula("-" * 5000 + "x")


def test_readings_of_plain_text_are_capped() -> None:
    readings = plain_readings("f(x)=x\n" + "2\n" * 60)
    assert 0 < len(readings) <= 2 * MAX_READINGS
    assert readings[0].repairs == ()  # the literal reading first


def test_hostile_formulas_through_verify(tmp_path: Path) -> None:
    notes = tmp_path / "bombs.md"
    notes.write_text("# Bombs\n\n## Nesting\n- $" + "(" * 165 + "x" + ")" * 165 + " = x$\n\n"
                     "## Long\n- $" + " + ".join(["f(1)"] * 3000) + " = 1$\n\n"
                     "## Plain\n- f(x)=x\n" + "2\n" * 60, encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards]
    report = verify(cards, device="cpu", cache_path=None)
    assert report.results and all(r.verdict is Verdict.UNVERIFIED for r in report.results)


# --- what torch knows, found in torch itself ---------------------------------------------------

@pytest.mark.parametrize("text, verdict, reference", [
    (r"\lambda \approx 1.0507", Verdict.AGREES, "torch.nn.functional.selu"),   # constants to four decimals
    (r"\lambda \approx 1.6733", Verdict.DISAGREES, "torch.nn.functional.selu"),  # λ and α swapped
    (r"{6}$", Verdict.AGREES, "torch.nn.functional.hardswish"),
    (r"{3}$", Verdict.DISAGREES, "torch.nn.functional.hardswish"),             # Hardswish with /3
    ("Softsign", Verdict.AGREES, "torch.nn.functional.softsign"),
    ("Tanhshrink", Verdict.AGREES, "torch.nn.functional.tanhshrink"),
    ("LogSigmoid", Verdict.AGREES, "torch.nn.functional.logsigmoid"),
    ("Hardsigmoid", Verdict.AGREES, "torch.nn.functional.hardsigmoid"),
])
def test_activations_torch_has(checked, text, verdict, reference) -> None:
    (card, r), = [(c, r) for c, r in checked if text in c.back and "activations.md" in c.source.path]
    assert r.verdict is verdict and r.reference == reference, r.detail


def _optimizer_results(checked, heading: str):
    return [r for c, r in checked if c.deck[-1] == heading and "optimizers.md" in c.source.path]


def test_an_optimizer_the_registry_does_not_list() -> None:
    cards = [c for d in collect([FIXTURES / "optimizers.md"]) for c in d.cards if c.deck[-1] == "Adamax"]
    report = verify(cards, device="cpu", cache_path=None)
    depth = {c.uid: len(c.deck) for c in cards}
    right = [r for r in report.results if depth[r.uid] == 2]
    wrong = [r for r in report.results if depth[r.uid] == 3]  # without bias correction
    assert right and all(r.verdict is Verdict.AGREES and r.reference == "torch.optim.Adamax" for r in right)
    assert right[0].binding == {"β_1": "betas[0]", "β_2": "betas[1]", "γ": "lr", "ε": "eps"}
    assert wrong and all(r.verdict is Verdict.DISAGREES for r in wrong)


@pytest.mark.parametrize("heading, switches", [
    ("SGD + momentum（带 dampening）", {"dampening"}),               # dampening applied at step 1
    ("SGD + weight decay 的顺序", {"momentum", "weight_decay"}),    # weight decay after momentum
])
def test_sgd_variants_named_in_headings(checked, heading, switches) -> None:
    results = _optimizer_results(checked, heading)
    assert results and all(r.verdict is Verdict.DISAGREES and r.reference == "torch.optim.SGD" for r in results)
    assert all(switches <= set(config) for config in results[0].configs_failing)
    assert len(results[0].configs_failing) < len(results[0].configs_checked)


def test_stated_defaults_of_nn_modules() -> None:
    from studydeck.verify import Task
    from studydeck.verify.registry import lookup
    from studydeck.verify.run import run_task

    cards = [c for d in collect([FIXTURES / "defaults.md"]) for c in d.cards if c.param]
    by_heading: dict[str, list] = {}
    for card in cards:
        by_heading.setdefault(card.deck[-1], []).append(card)
    results = []
    for heading, group in by_heading.items():
        results += run_task(Task("defaults", lookup(heading), group), torch.device("cpu"), "", 5.0)
    verdicts = {(r.reference, r.facts["param"], r.verdict) for r in results}
    assert verdicts == {
        ("torch.nn.LayerNorm", "eps", Verdict.AGREES),
        ("torch.nn.LayerNorm", "elementwise_affine", Verdict.AGREES),
        ("torch.nn.LayerNorm", "bias", Verdict.DISAGREES),   # torch's default is True
        ("torch.nn.BatchNorm2d", "momentum", Verdict.AGREES),
        ("torch.nn.BatchNorm2d", "affine", Verdict.AGREES),
    }
    wrong = next(r for r in results if r.verdict is Verdict.DISAGREES)
    assert verdict_line(wrong, "zh") == "✘ torch.nn.LayerNorm 的 `bias` 默认值为 True，笔记写的是 False"


HAT_Y = {"y\u0302": "input", "y": "target"}  # \hat{y}: y with a combining circumflex


@pytest.mark.parametrize("heading, verdict, reason, reference, binding", [
    ("均方误差", Verdict.AGREES, "agrees", "torch.nn.functional.mse_loss", HAT_Y),
    ("交叉熵", Verdict.AGREES, "agrees", "torch.nn.functional.cross_entropy", HAT_Y),
    ("Huber", Verdict.AGREES, "agrees", "torch.nn.functional.huber_loss", HAT_Y),
    ("Huber 漏了 ½", Verdict.DISAGREES, "loss-differs", "torch.nn.functional.huber_loss", None),
    ("KL 散度", Verdict.AGREES, "agrees", "torch.nn.functional.kl_div", {"q": "input", "p": "target"}),
    ("KL 散度，方向反了", Verdict.DISAGREES, "loss-swapped", "torch.nn.functional.kl_div", None),
])
def test_losses_of_a_prediction_and_a_target(checked, heading, verdict, reason, reference, binding) -> None:
    (r,) = [r for c, r in checked if "losses.md" in c.source.path and heading in c.deck[1:2]]
    assert (r.verdict, r.reason, r.reference) == (verdict, reason, reference), r.detail
    if binding is not None:
        assert r.binding == binding


def test_squared_loss_with_a_half_is_not_called_mse(checked) -> None:
    (r,) = [r for c, r in checked if "losses.md" in c.source.path and c.deck[-1] == "平方损失"]
    assert r.verdict is Verdict.UNVERIFIED  # ½(y − ŷ)² is a convention of its own, not F.mse_loss


# --- the LaTeX notes use ---------------------------------------------------------------------

@pytest.mark.parametrize("latex, value", [
    (r"\max_i x_i", 3.0),                                   # over the index
    (r"\prod_{i=1}^{n} x_i", 6.0),
    (r"\max(x_1, 2)", 2.0),                                 # of two values
    (r"\mathbb{1}[x_1 = 1]", 1.0),
    (r"\|x\|^2", 14.0),
    (r"n!", 120.0),
    (r"\begin{cases} 1 & n > 4 \\ 0 & \text{otherwise} \end{cases}", 1.0),
])
def test_grammar_values(latex, value) -> None:
    from studydeck.verify.evaluate import evaluate

    (stmt,) = parse_formula(latex)
    env = {"x": torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64), "x_1": torch.tensor(1.0, dtype=torch.float64),
           "n": torch.tensor(5.0, dtype=torch.float64)}
    assert float(evaluate(stmt.expr, env).reshape(-1)[0]) == pytest.approx(value)


@pytest.mark.parametrize("latex", [
    r"\ell(y, \hat{y}) = \frac{1}{2}(y - \hat{y})^2",
    r"F(x; \mu, \sigma) = \Phi\left(\frac{x - \mu}{\sigma}\right)",
    r"P(y \mid x) = \frac{P(x \mid y) P(y)}{P(x)}",
    r"\mathbf{w}^\top \mathbf{x} + b",
    r"\frac{\partial L}{\partial w}",
    r"\hat{v}^{max}_t = \max(\hat{v}^{max}_{t-1}, \hat{v}_t)",
    r"\hat{\mathbf{v}}_t = \frac{\mathbf{v}_t}{1 - \beta_1^t} \textrm{ and } \hat{\mathbf{s}}_t = \frac{\mathbf{s}_t}{1 - \beta_2^t}",
    r"x \sim \mathcal{N}(0, 1)",
    r"x \in \mathbb{R}^n",
])
def test_grammar_reads(latex) -> None:
    assert parse_formula(latex)


def test_max_of_two_values_is_a_function_not_m_a_x() -> None:
    (stmt,) = parse_formula(r"\hat{v}^{max}_t = \max(\hat{v}^{max}_{t-1}, \hat{v}_t)")
    assert stmt.expr.func == "max" and len(stmt.expr.args) == 2
    assert stmt.target.name == "v\u0302^max"


def test_two_definitions_joined_by_and() -> None:
    statements = parse_formula(r"\hat{v}_t = \frac{v_t}{1 - \beta_1^t} \textrm{ and } \hat{s}_t = \frac{s_t}{1 - \beta_2^t}")
    assert [s.target.name for s in statements] == ["v\u0302", "s\u0302"]


@pytest.mark.parametrize("heading, verdict, reference", [
    ("Gaussian", Verdict.AGREES, "torch.distributions.Normal(loc=0.3, scale=1.7).log_prob"),
    ("Gaussian, square root forgotten", Verdict.DISAGREES, "torch.distributions.Normal(loc=0.3, scale=1.7).log_prob"),
    ("正态分布的分布函数", Verdict.AGREES, "torch.distributions.Normal(loc=0.3, scale=1.7).cdf"),  # F(x; μ, σ)
    ("Exponential", Verdict.AGREES, "torch.distributions.Exponential(rate=0.8).log_prob"),
    ("Laplace", Verdict.AGREES, "torch.distributions.Laplace(loc=0.3, scale=1.7).log_prob"),
])
def test_densities_and_cdfs(checked, heading, verdict, reference) -> None:
    (r,) = [r for c, r in checked if "distributions.md" in c.source.path and c.deck[1] == heading]
    assert (r.verdict, r.reference) == (verdict, reference), r.detail
    assert r.binding.get("μ", "loc") == "loc"


def test_a_function_without_the_distributions_parameters_is_not_its_density(tmp_path: Path) -> None:
    notes = tmp_path / "family.md"
    notes.write_text("# Exponential Family\n\n- the underlying measure: $h(x) = \\frac{1}{\\sqrt{2\\pi}}$\n",
                     encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards]
    (r,) = verify(cards, device="cpu", cache_path=None).results
    assert r.verdict is Verdict.UNVERIFIED


def test_parameter_list_decides_bindings_for_hyper_parameters_read_from_torch() -> None:
    from studydeck.verify.optimizers import full_spec, stated_bindings
    from studydeck.verify.registry import lookup

    cards = [c for d in collect([FIXTURES / "nadam.md"]) for c in d.cards]
    # momentum_decay is not in the hand-written registry; torch.optim.NAdam's signature has it
    assert stated_bindings(cards, full_spec(lookup("NAdam"))) == {"γ": "lr", "ψ": "momentum_decay", "λ": "weight_decay"}


def test_the_wrong_line_is_blamed_not_the_whole_rule() -> None:
    notes = Path(__file__).parent / "fixtures" / "verify" / "broken.md"
    cards = [c for d in collect([notes]) for c in d.cards if c.deck[-1] == "Adagrad"]
    results = {r.uid: r for r in verify(cards, device="cpu", cache_path=None).results}
    by_text = {c.back: results[c.uid] for c in cards if c.uid in results}
    (wrong,) = [r for back, r in by_text.items() if r"\theta_t = \theta_{t-1} +" in back]  # θ + η…: uphill
    (step,) = [r for back, r in by_text.items() if "s_t = s_{t-1} + g_t^2" in back]
    assert wrong.verdict is Verdict.DISAGREES and wrong.reason == "wrong-sign" and wrong.culprits == [wrong.source]
    assert step.verdict is Verdict.AGREES and step.reason == "step-agrees" and step.culprits == [wrong.source]
    assert verdict_line(step, "en") == (f"✔ this step agrees with torch.optim.Adagrad; the rule as a whole goes "
                                        f"wrong at line {wrong.source.line}")


def test_missing_bias_correction_is_blamed_on_the_update() -> None:
    notes = Path(__file__).parent / "fixtures" / "verify" / "broken.md"
    cards = [c for d in collect([notes]) for c in d.cards if c.deck[-1] == "Adam"]
    results = {r.uid: r for r in verify(cards, device="cpu", cache_path=None).results}
    wrong = [results[c.uid] for c in cards if c.uid in results and results[c.uid].verdict is Verdict.DISAGREES]
    assert len(wrong) == 1 and wrong[0].reason == "no-bias-correction"
    assert r"\theta_t" in next(c.back for c in cards if c.uid == wrong[0].uid)


def test_a_letter_defined_elsewhere_in_the_file_is_that_definition() -> None:
    from studydeck.verify import Task
    from studydeck.verify.run import run_task

    cards = [c for d in collect([FIXTURES / "symbols.md"]) for c in d.cards if c.formulas]
    (midpoint,) = [c for c in cards if r"\sigma(0)" in c.back]
    alone = run_task(Task("function", None, [midpoint]), torch.device("cpu"), "", 5.0)[0]
    assert alone.verdict is Verdict.AGREES  # without the file around it, σ is the sigmoid
    in_file = run_task(Task("function", None, [midpoint], cards), torch.device("cpu"), "", 5.0)[0]
    assert in_file.verdict is Verdict.UNVERIFIED  # the file says σ(x) = x³ is any activation


def test_amsgrad_max_over_the_wrong_quantity(checked) -> None:
    right = [r for c, r in checked if "optimizers.md" in c.source.path and c.deck[1:] == ("AMSGrad",)]
    wrong = [r for c, r in checked if "optimizers.md" in c.source.path and c.deck[1].startswith("AMSGrad, ")]
    assert right and all(r.verdict is Verdict.AGREES for r in right)
    assert right[0].reference == "torch.optim.Adam" and right[0].facts["kwargs"] == {"amsgrad": True}
    assert wrong and all(r.verdict is Verdict.DISAGREES for r in wrong)


def test_every_verdict_has_a_sentence_in_both_languages(checked) -> None:
    from studydeck.verify.messages import FORMULA_MESSAGES

    for card, r in checked:
        assert r.reason in FORMULA_MESSAGES, r.detail
        for template in FORMULA_MESSAGES[r.reason]:  # every value the template names is in the facts
            template.format(reference=r.reference or r.concept, concept=r.concept, **r.facts)
        assert "\n" not in verdict_line(r, card.lang)


def test_a_new_alias_is_one_registry_entry(monkeypatch, tmp_path) -> None:
    """README: adding a concept is one entry in CONCEPTS, its reference named as torch names it."""
    from studydeck.model import CardKind
    from studydeck.pipeline import collect
    from studydeck.verify import registry, verify

    entry = registry.Function("缩放指数线性单元", ("缩放指数线性单元",), (("F.selu(x)", "selu"),))
    monkeypatch.setattr(registry, "CONCEPTS", registry.CONCEPTS + (entry,))
    monkeypatch.setattr(registry, "_BY_ALIAS", {**registry._BY_ALIAS, registry._alias_key("缩放指数线性单元"): entry})
    notes = tmp_path / "n.md"
    notes.write_text("# 激活\n\n## 缩放指数线性单元\n\n- $f(x) = 1.0507009873554805 \\max(0, x) + 1.0507009873554805 \\min(0, 1.6732632423543772 (e^x - 1))$\n",
                     encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards if c.kind is CardKind.FORMULA]
    (result,) = verify(cards, device="cpu", cache_path=None).results
    assert result.verdict.value == "agrees" and "selu" in result.reference


def test_a_build_reaches_the_stated_defaults_of_nn_modules() -> None:
    """plan() gives every parameter list under a heading that names a torch callable its check."""
    cards = [c for d in collect([FIXTURES / "defaults.md"]) for c in d.cards]
    report = verify(cards, device="cpu", cache_path=None)
    wrong = {(r.reference, r.facts.get("param")) for r in report.disagreements}
    assert ("torch.nn.LayerNorm", "bias") in wrong
    assert not [r for r in report.disagreements if r.facts.get("param") in ("eps", "momentum", "affine")]


def test_pi_with_an_index_is_a_name_not_the_constant(tmp_path: Path) -> None:
    """“$\\sum_k \\pi_k = 1$”: a mixture's weights, not 3.14… summed (it was read as the constant and “did not hold”,
    |Δ| 2.14); π alone stays the constant (the densities above agree with torch through their $\\sqrt{2\\pi}$)."""
    notes = tmp_path / "gmm.md"
    notes.write_text("# Klustring\n\n## Gaussiska blandningsmodeller (GMM)\n\n"
                     "För $\\pi_k$ behövs Lagrangemultiplikator för $\\sum_k\\pi_k=1$;\n", encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards]
    (r,) = verify(cards, device="cpu", cache_path=None).results
    assert r.verdict is not Verdict.DISAGREES, r.detail


def test_a_symbol_no_parameter_fits_gives_no_verdict_not_a_disagreement(tmp_path: Path) -> None:
    """SGD's mini-batch gradient “$g_t = \\frac1B\\sum_i …$”: B, the batch size, is no hyper-parameter of torch.optim.SGD;
    the search took it for the momentum, under which the rule “disagreed” by ∞. It is unverified, and says which symbol."""
    notes = tmp_path / "sgd.md"
    notes.write_text("# Optimisers\n\n## SGD\n\nA batch $\\mathcal{B}_t$ of size $B$ estimates the gradient:\n\n"
                     "$$g_t = \\frac{1}{B}\\sum_{i \\in \\mathcal{B}_t} \\nabla_\\theta \\ell_i(\\theta_t), \\qquad "
                     "\\theta_{t+1} = \\theta_t - \\eta\\, g_t$$\n", encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards]
    results = verify(cards, device="cpu", cache_path=None).results
    assert results and all(r.verdict is not Verdict.DISAGREES for r in results), [r.detail for r in results]
    assert any(r.reason == "guessed-binding" and "B" in r.facts.get("symbols", "") for r in results), \
        [r.detail for r in results]


# --- an approximation that holds near a point ------------------------------------------------

LOCAL = """# Tricks

## For small x
- $\\sin x \\approx x$
- $\\log(1+x) \\approx x$
- $\\cos x \\approx 1 - x^2$

## Tails
- For large $x$: $\\log(1+e^{x}) \\approx x$

## Første orden
- Brukt i utledningen: $\\log(1+x) \\approx x$

## Wrong coefficient
- For small $x$: $\\tan x \\approx x + x^3/6$

## Wrong constant
- For large $x$: $\\sqrt{x^2+x} \\approx x + 1$

## Right constant
- For large $x$: $\\sqrt{x^2+x} \\approx x + 1/2$
"""


def test_an_approximation_near_a_point_is_not_a_disagreement(tmp_path) -> None:
    # (“\\log(1+x) ≈ x” does not hold at x = 8, and never claimed to: it holds as x → 0; one that is off near 0
    # as far from it, “\\cos x ≈ 1 − x²”, is wrong)
    (tmp_path / "n.md").write_text(LOCAL, encoding="utf-8")
    cards = [c for d in collect([tmp_path]) for c in d.cards]
    report = verify(cards, device="cpu", cache_path=None)
    by_text = {next(c.back for c in cards if c.uid == r.uid): r for r in report.results}
    lines = {text: verdict_line(r, next(c.lang for c in cards if c.uid == r.uid)) for text, r in by_text.items()}

    def one(part: str, section: str):
        (found,) = [(r, lines[t]) for t, r in by_text.items() if part in t and
                    section in next(c.deck for c in cards if c.uid == r.uid)[-1]]
        return found

    r, line = one(r"\sin x", "small")
    assert r.verdict is Verdict.AGREES and line.startswith("✔ holds approximately as x → 0"), line
    r, line = one(r"\log(1+x)", "small")
    assert r.verdict is Verdict.AGREES and "at x = 0.001" in line, line
    r, _ = one(r"\cos x", "small")
    assert r.verdict is Verdict.DISAGREES
    r, line = one(r"\log(1+e^{x})", "Tails")
    assert r.verdict is Verdict.AGREES and "x → ∞" in line, line
    # (words that give no condition the checker can read: where it holds is said, not judged)
    r, line = one(r"\log(1+x)", "Første")
    assert r.verdict is Verdict.UNVERIFIED and r.reason == "local-approximation", line
    assert "holds only as x → 0" in line and "say for which x" in line
    # (a wrong coefficient is off by as much as its own term, near 0 or far out: no “holds” for it)
    assert one(r"\tan x", "coefficient")[0].verdict is Verdict.DISAGREES
    assert one(r"x + 1$", "Wrong constant")[0].verdict is Verdict.DISAGREES
    r, line = one(r"x + 1/2", "Right constant")
    assert r.verdict is Verdict.AGREES and "x → ∞" in line, line


def test_a_verdict_names_the_variable_the_notes_use(tmp_path: Path) -> None:
    # (“σ(z) = 1/(1+e^{z})” was “disagrees … at x = -8”, “sin t ≈ t” held “as x → 0”, and a loss that disagrees
    # said “x =  时笔记得 …”, with no point at all: a loss has none)
    notes = tmp_path / "n.md"
    notes.write_text("# Functions\n\n## Sigmoid\n\nSigmoid: $\\sigma(z) = \\frac{1}{1+e^{z}}$\n\n"
                     "## Small angles\n\nFor small $t$: $\\sin t \\approx t$\n\n"
                     "## MSE\n\nMSE 的公式：$\\mathrm{MSE}(y, \\hat y) = \\frac{1}{n}\\sum_i (y_i - \\hat y_i)^3$\n",
                     encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards]
    report = verify(cards, device="cpu", cache_path=None)
    lines = {next(c.deck[-1] for c in cards if c.uid == r.uid): verdict_line(r, next(c.lang for c in cards
                                                                                     if c.uid == r.uid))
             for r in report.results}
    assert lines["Sigmoid"].startswith("✘ disagrees with torch.sigmoid(x): at z = "), lines
    assert lines["Small angles"].startswith("✔ holds approximately as t → 0 (|Δ| "), lines
    assert "t = 0.001" in lines["Small angles"], lines
    (mse,) = [r for r in report.results if r.concept == "MSELoss"]
    call = mse.facts["call"]
    assert call.startswith("F.mse_loss(")
    assert lines["MSE"].startswith(f"✘ disagrees with {call}: on the same prediction and target the notes give "), lines
    assert verdict_line(mse, "zh").startswith(f"✘ 与 {call} 不一致：同一组预测与目标，笔记得 ")


@pytest.mark.parametrize("rule", [
    "$$v_{k+1} = \\beta v_k + \\nabla L(\\theta_k), \\qquad \\theta_{k+1} = \\theta_k - \\eta\\, v_{k+1}$$",
    "$$v^{(n+1)} = \\beta v^{(n)} + \\nabla L(\\theta^{(n)}), \\qquad \\theta^{(n+1)} = \\theta^{(n)} - \\eta\\, v^{(n+1)}$$",
])
def test_a_rule_that_counts_its_steps_by_k_is_checked_as_by_t(tmp_path: Path, rule: str) -> None:
    # (“θ_{k+1} = θ_k − η v_{k+1}” was “not a complete update rule (no update of the parameters)”: it is one)
    notes = tmp_path / "momentum.md"
    notes.write_text(f"# Optimisers\n\n## Momentum\n\n{rule}\n", encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards]
    results = verify(cards, device="cpu", cache_path=None).results
    assert results and all(r.verdict is Verdict.AGREES and r.reference == "torch.optim.SGD" for r in results), \
        [r.detail for r in results]


@pytest.mark.parametrize("rule, reason", [
    # (momentum as an average of the gradients, which torch's dampening follows only from step 2: it “disagreed only
    # when lr + momentum is set”)
    ("$$v_{k+1} = \\beta v_k + (1-\\beta) \\nabla f(x_k)$$\n\n$$x_{k+1} = x_k - \\alpha v_{k+1}$$", "averaged-momentum"),
    # (the gradient at a look-ahead point, which the check cannot follow: a typo in it “agreed” as well)
    ("$$v_{k+1} = \\beta v_k - \\alpha \\nabla f(x_k + \\beta v_k)$$\n\n$$x_{k+1} = x_k + v_{k+1}$$", "unreadable"),
])
def test_a_momentum_rule_the_check_cannot_follow_gets_no_verdict(tmp_path: Path, rule: str, reason: str) -> None:
    notes = tmp_path / "momentum.md"
    notes.write_text(f"# Optimisation\n\n## Momentum\n\n{rule}\n", encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards]
    results = verify(cards, device="cpu", cache_path=None).results
    assert results and all(r.verdict is Verdict.UNVERIFIED for r in results), [r.detail for r in results]
    assert any(r.reason == reason for r in results), [r.reason for r in results]


@pytest.mark.parametrize("section, formula, verdict", [
    # (a wrong coefficient written as a product or a fraction is as wrong as written as a sum)
    ("For small $x$", "\\tan x \\approx x(1 + x^2/6)", Verdict.DISAGREES),
    ("For small $x$", "\\log(1+x) \\approx \\frac{2x + x^2}{2}", Verdict.DISAGREES),
    # (far out, an offset that does not die away is wrong: the asymptote is x + 1/2)
    ("For large $x$", "\\sqrt{x^2+x} \\approx x + 0.52", Verdict.DISAGREES),
    ("For large $x$", "\\sqrt{x^2+x} \\approx 0.98x", Verdict.DISAGREES),
    # (the words must put it where it holds: sin x ≈ x holds as x → 0, not for large x)
    ("For large $x$", "\\sin x \\approx x", Verdict.UNVERIFIED),
    ("Useful approximations", "\\log(1+x) \\approx x", Verdict.UNVERIFIED),
    ("For small $x$", "e^x \\approx 1 + x + x^2/2 + x^3/6 + x^4/24", Verdict.AGREES),
])
def test_where_an_approximation_holds_is_checked_term_by_term(tmp_path: Path, section: str, formula: str,
                                                               verdict: Verdict) -> None:
    (tmp_path / "n.md").write_text(f"# Series\n\n## {section}\n\n- ${formula}$\n", encoding="utf-8")
    cards = [c for d in collect([tmp_path]) for c in d.cards]
    (r,) = verify(cards, device="cpu", cache_path=None).results
    assert r.verdict is verdict, r.detail


@pytest.mark.parametrize("rule, verdict", [
    # (an average of the gradients that steps uphill is still wrong; only where momentum is on does the average differ)
    ("$$v_t = \\beta v_{t-1} + (1-\\beta) g_t$$\n\n$$\\theta_t = \\theta_{t-1} + \\eta v_t$$", Verdict.DISAGREES),
    # (the look-ahead written with \\big( is a look-ahead too)
    ("$$v_{k+1} = \\beta v_k - \\alpha \\nabla f\\big(x_k + \\beta v_k\\big)$$\n\n$$x_{k+1} = x_k + v_{k+1}$$",
     Verdict.UNVERIFIED),
])
def test_a_wrong_momentum_rule_is_still_caught_and_a_look_ahead_is_not_followed(tmp_path: Path, rule: str,
                                                                               verdict: Verdict) -> None:
    notes = tmp_path / "momentum.md"
    notes.write_text(f"# Optimisation\n\n## Momentum\n\n{rule}\n", encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards]
    results = verify(cards, device="cpu", cache_path=None).results
    assert results and any(r.verdict is verdict for r in results), [r.detail for r in results]
    assert not any(r.verdict is Verdict.AGREES and r.reason == "optimizer-agrees" for r in results)


def test_a_value_a_function_takes_is_no_definition_of_it(tmp_path: Path) -> None:
    # (“Se $|C_I| = 1$ → …”: the size of a cluster, read as |x| = 1 it “disagreed with torch.abs”)
    notes = tmp_path / "silueta.md"
    notes.write_text("# Agrupamento\n\n## Coeficiente de silueta\n\nSe $|C_I| = 1$ → por convención $s(i) = 0$.\n",
                     encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards]
    results = verify(cards, device="cpu", cache_path=None).results
    assert results and not any(r.verdict is Verdict.DISAGREES for r in results), [r.detail for r in results]


@pytest.mark.parametrize("moment", ["$\\mathrm{Var}(X) = \\lambda$", "$E(X) = \\lambda$", "$D(X) = \\lambda$"])
def test_a_moment_of_a_distribution_is_not_its_density(tmp_path: Path, moment: str) -> None:
    # (“$E[X] = \lambda$ and $\mathrm{Var}(X) = \lambda$” under “Poisson” was “disagrees with
    # torch.distributions.Poisson(rate=0.8).log_prob(x): at X = 8 the notes give 0.8”)
    notes = tmp_path / "poisson.md"
    notes.write_text(f"# Distributions\n\n## Poisson\n\n- {moment}, for a Poisson count\n", encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards]
    results = verify(cards, device="cpu", cache_path=None).results
    assert results and not any(r.verdict is Verdict.DISAGREES for r in results), [r.detail for r in results]


def test_each_optimizer_under_a_heading_naming_two_is_checked_as_itself(tmp_path: Path) -> None:
    # (“## AdaGrad / RMSProp” over “AdaGrad：$$G_t = …$$” and “RMSProp：$$s_t = \beta s_{t-1} + …$$”: AdaGrad's check
    # said “β matches no parameter of torch.optim.Adagrad”)
    notes = tmp_path / "adaptive.md"
    notes.write_text("# 优化器\n\n## AdaGrad / RMSProp\n\nAdaGrad：\n$$ G_t = G_{t-1} + g_t^2, \\qquad "
                     "\\theta_{t+1} = \\theta_t - \\frac{\\eta}{\\sqrt{G_t}+\\epsilon}\\, g_t $$\n\n"
                     "RMSProp（Hinton 课上讲的，没发论文）：\n$$ s_t = \\beta s_{t-1} + (1-\\beta) g_t^2 $$\n", encoding="utf-8")
    cards = [c for d in collect([notes]) for c in d.cards]
    results = verify(cards, device="cpu", cache_path=None).results
    adagrad = [r for c in cards for r in results if r.uid == c.uid and "G_t" in c.back]
    assert adagrad and all(r.verdict is Verdict.AGREES for r in adagrad), [r.detail for r in adagrad]
    assert not any("β" in r.detail and "Adagrad" in r.detail for r in results), [r.detail for r in results]
