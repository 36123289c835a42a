"""Exercise cards: numbers computed by torch, fresh at each showing, never from a rule that disagrees."""

from __future__ import annotations

import inspect
import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import genanki
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT
from studydeck.pipeline import collect
from studydeck.exercise import (Exercise, Variant, check, feedback, fmt_answer, parse_number, render_answer,
                                render_prompt, render_tolerance, variant_for)
from studydeck.exercise_note import EXERCISE_FIELDS, exercise_fields, exercise_note
from studydeck.model import Source
from studydeck.verify import verify
from studydeck.verify.exercises import make_exercise, make_exercises

FIXTURES = ROOT / "tests" / "fixtures" / "exercises"


def verified(path: Path):
    cards = [c for d in collect([path]) for c in d.cards]
    return cards, verify(cards, device="cpu", cache_path=None).results


@pytest.fixture(scope="module")
def optimizers():
    cards, results = verified(FIXTURES / "optimizers.md")
    return cards, results, {ex.concept: ex for ex in make_exercises(cards, results, device="cpu")}


@pytest.fixture(scope="module")
def functions():
    cards, results = verified(FIXTURES / "functions.md")
    return cards, results, {ex.concept: ex for ex in make_exercises(cards, results, device="cpu")}


def torch_step(name: str, call: dict) -> float:
    """One run of ``torch.optim.<name>``, written here independently of the exercise code."""
    cls = getattr(torch.optim, name)
    kwargs = {k: v.default for k, v in inspect.signature(cls).parameters.items() if v.default is not v.empty}
    for key, value in call.items():
        base, _, index = key.partition("[")
        if key in ("param", "grads"):
            continue
        if index:
            items = list(kwargs[base])
            items[int(index[:-1])] = value
            kwargs[base] = tuple(items)
        else:
            kwargs[base] = value
    p = torch.nn.Parameter(torch.tensor([call["param"]], dtype=torch.float64))
    opt = cls([p], **kwargs)
    for g in call["grads"]:
        p.grad = torch.tensor([g], dtype=torch.float64)
        opt.step()
    return float(p.detach()[0])


# --- the value object and the quiz's functions ------------------------------------------------

names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=6)
numbers = st.floats(allow_nan=False, allow_infinity=False, width=64)
variants = st.builds(
    Variant,
    inputs=st.lists(st.tuples(names, st.one_of(numbers, st.booleans())), max_size=4).map(tuple),
    target=names, answer=numbers,
    steps=st.lists(st.tuples(names, numbers), max_size=4).map(tuple),
    call=st.lists(st.tuples(names, st.one_of(numbers, st.tuples(numbers, numbers))), max_size=3).map(tuple))
exercises = st.builds(
    Exercise, uid=st.text("0123456789abcdef", min_size=16, max_size=16), card_uid=names,
    deck=st.lists(names, max_size=3).map(tuple), source=st.builds(Source, names, st.integers(1, 10**6)),
    lang=st.sampled_from(["zh", "en"]), concept=names, reference=names, prompt=names,
    variants=st.lists(variants, min_size=1, max_size=4).map(tuple), tolerance=st.floats(0, 1))


@given(exercises)
def test_exercise_round_trips_through_json(ex: Exercise) -> None:
    assert Exercise.from_dict(json.loads(json.dumps(ex.to_dict(), ensure_ascii=False))) == ex


def small_exercise(n: int = 3) -> Exercise:
    vs = tuple(Variant((("x", float(i)),), f"f({i})", round(0.1234 * (i + 1), 4)) for i in range(n))
    return Exercise(Exercise.uid_for("card"), "card", ("D",), Source("n.md", 1), "en", "f", "torch.f",
                    "f at {inputs}: {target} = ?", vs)


def test_each_review_shows_another_variant_and_all_come_round() -> None:
    ex = small_exercise(5)
    shown = [variant_for(ex, n) for n in range(10)]
    assert all(a != b for a, b in zip(shown, shown[1:]))
    assert set(shown[:5]) == set(ex.variants)


def test_prompt_is_plain_text_with_the_variants_numbers() -> None:
    ex = small_exercise()
    assert render_prompt(ex, ex.variants[2]) == "f at x = 2: f(2) = ?"
    assert render_answer(ex, ex.variants[2]) == "f(2) = 0.3702"


def test_typed_numbers_are_checked_within_the_tolerance() -> None:
    ex = small_exercise()
    v = ex.variants[1]                                  # answer 0.2468
    assert check(ex, v, "0.2468") and check(ex, v, " 0.247 ") and check(ex, v, "０.２４６８")
    assert check(ex, v, "0,2468")                      # a decimal comma
    assert check(ex, v, "0.25") is False and check(ex, v, "-0.2468") is False
    assert check(ex, v, "zero") is None and check(ex, v, "") is None
    assert parse_number("−1e-8") == -1e-8 and parse_number("1/4") == 0.25 and parse_number("1/0") is None


def test_feedback_is_one_line_in_the_notes_language() -> None:
    ex = replace(small_exercise(), variants=(Variant((("x", 1.0),), "f(1)", 0.5, (("y₁", 0.25),)),))
    v = ex.variants[0]
    assert feedback(ex, v, "0.5") == "✔ f(1) = 0.5000"
    assert feedback(ex, v, "0.6") == "✘ the answer is f(1) = 0.5000 (y₁ = 0.2500)"
    assert feedback(replace(ex, lang="zh"), v, "0.6") == "✘ 答案是 f(1) = 0.5000（y₁ = 0.2500）"
    assert feedback(ex, v, "half") == "“half” is not a number: type one, such as 0.25 or 1e-8"


def test_exercises_have_a_subdeck_of_their_own() -> None:
    ex = replace(small_exercise(), deck=("Notes", "Optimizers", "Adam"))
    assert ex.subdeck == ("Notes", "Exercises", "Optimizers", "Adam")
    assert replace(ex, lang="zh").subdeck == ("Notes", "练习", "Optimizers", "Adam")


def test_the_tolerance_is_stated_in_the_notes_language() -> None:
    ex = small_exercise()
    assert render_tolerance(ex) == "(to within 0.1%)"
    assert render_tolerance(replace(ex, lang="zh")) == "（误差不超过 0.1%）"


def test_the_quiz_side_and_the_note_type_never_import_torch() -> None:
    code = ("import sys, studydeck.exercise, studydeck.exercise_note; "
            "sys.exit('torch' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_answers_keep_four_significant_figures() -> None:
    assert [fmt_answer(v) for v in (0.4, 0.0001234567, -2.0, 1e-9, 1234.5678)] == \
        ["0.4000", "0.0001235", "-2.000", "1.000e-9", "1235"]


# --- exercises from verified notes -----------------------------------------------------------

def test_an_agreeing_optimizer_rule_gets_one_exercise_computed_by_torch(optimizers) -> None:
    cards, _, found = optimizers
    adam = found["Adam"]
    assert adam.card_uid == next(c.uid for c in cards if c.front.startswith("Adam: Update"))
    assert len(adam.variants) == 20 and len({v.inputs for v in adam.variants}) == 20
    for v in adam.variants:
        call = dict(v.call)
        expected = torch_step("Adam", call)
        assert v.answer == float(fmt_answer(expected))
        prompt = render_prompt(adam, v)
        assert f"θ₀ = {call['param']:g}" in prompt and f"η = {call['lr']:g}" in prompt
        assert v.target == f"θ{'₁₂'[len(call['grads']) - 1]}"
    first = adam.variants[0]
    assert render_prompt(adam, first).startswith("Adam as the notes write it (torch.optim.Adam): θ₀ = 0.5, g₁ = 0.2")
    # one step of Adam moves θ by η whatever the gradient's size: the first step's bias correction
    assert render_answer(adam, first) == "θ₁ = 0.4000"
    # the worked answer: the notes' own intermediate values, under the notes' names
    assert [n for n, _ in first.steps] == ["m₁", "v₁", "m̂₁", "v̂₁", "θ₁"]
    p = torch.nn.Parameter(torch.tensor([0.5], dtype=torch.float64))
    opt = torch.optim.Adam([p], lr=0.1)
    p.grad = torch.tensor([0.2], dtype=torch.float64)
    opt.step()
    m, v = float(opt.state[p]["exp_avg"][0]), float(opt.state[p]["exp_avg_sq"][0])
    expected = [m, v, m / (1 - 0.9), v / (1 - 0.999), float(p.detach()[0])]
    assert [value for _, value in first.steps] == [float(fmt_answer(e)) for e in expected]
    # without the cards around it, torch's own state tensors stand in
    card = next(c for c in cards if c.uid == adam.card_uid)
    bare = make_exercise(card, next(r for r in optimizers[1] if r.uid == card.uid), device="cpu")
    assert [n for n, _ in bare.variants[0].steps] == ["exp_avg₁", "exp_avg_sq₁", "θ₁"]
    assert bare.variants == tuple(replace(v, steps=b.steps) for v, b in zip(adam.variants, bare.variants))
    # a gradient as small as ε halves that step
    assert any(dict(v.call)["grads"][0] == dict(v.call).get("eps") for v in adam.variants)
    assert any(len(dict(v.call)["grads"]) == 2 for v in adam.variants)


def test_the_same_notes_give_the_same_exercises(optimizers) -> None:
    cards, results, found = optimizers
    again = {ex.concept: ex for ex in make_exercises(cards, results, device="cpu")}
    assert json.dumps([e.to_dict() for e in again.values()]) == json.dumps([e.to_dict() for e in found.values()])
    other = {ex.concept: ex for ex in make_exercises(cards, results, device="cpu", seed=1)}
    assert other["Adam"].variants[0] == found["Adam"].variants[0]  # the face without scripts stays
    assert other["Adam"].variants[1:] != found["Adam"].variants[1:]


def test_editing_the_formula_keeps_the_exercise_identity(tmp_path: Path, optimizers) -> None:
    before = optimizers[2]["Adam"]
    text = (FIXTURES / "optimizers.md").read_text(encoding="utf-8")
    edited = text.replace("\\theta_t = \\theta_{t-1} - \\eta \\frac{\\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\epsilon}",
                          "\\theta_t = \\theta_{t-1} - \\frac{\\eta \\hat{m}_t}{\\sqrt{\\hat{v}_t} + \\epsilon}")
    assert edited != text
    (tmp_path / "optimizers.md").write_text(edited, encoding="utf-8")
    cards, results = verified(tmp_path / "optimizers.md")
    after = {ex.concept: ex for ex in make_exercises(cards, results, device="cpu")}["Adam"]
    assert after.uid == before.uid and exercise_note(after).guid == exercise_note(before).guid


def test_a_rule_that_never_agrees_gets_no_exercise(optimizers, functions) -> None:
    assert "RMSprop" not in optimizers[2] and "Softplus" not in functions[2]


def test_a_rule_that_disagrees_somewhere_is_exercised_only_where_it_agrees(optimizers) -> None:
    cards, results, found = optimizers
    sgd = found["SGD"]
    for v in sgd.variants:
        call = dict(v.call)
        # the verifier lists what it checked: maximize alone agrees, maximize with weight decay does not
        assert not (call.get("maximize") and call.get("weight_decay"))
        assert v.answer == float(fmt_answer(torch_step("SGD", call)))
    # with the configurations the verifier checked listed, only the failing ones are left out
    card = next(c for c in cards if c.uid == sgd.card_uid)
    result = next(r for r in results if r.uid == card.uid)
    checked = [{}, {"maximize": True}, {"weight_decay": 0.01}, {"weight_decay": 0.01, "maximize": True}]
    listed = replace(result, configs_checked=checked, configs_failing=[checked[3]], inputs={})
    ex = make_exercise(card, listed, device="cpu")
    calls = [dict(v.call) for v in ex.variants]
    assert any(c.get("maximize") for c in calls)
    assert not any(c.get("maximize") and c.get("weight_decay") for c in calls)
    for v, call in zip(ex.variants, calls):
        assert v.answer == float(fmt_answer(torch_step("SGD", call)))
        assert ("maximize = True" in render_prompt(ex, v)) == bool(call.get("maximize"))
    every = replace(result, configs_checked=checked, configs_failing=checked, inputs={})
    assert make_exercise(card, every, device="cpu") is None


def test_functions_are_exercised_against_the_reference_they_agree_with(functions) -> None:
    _, _, found = functions
    assert set(found) == {"GELU", "Φ"}  # erf's card states an identity: nothing to compute
    normal = torch.distributions.Normal(torch.tensor(0.0, dtype=torch.float64), torch.tensor(1.0, dtype=torch.float64))
    for name, ref in (("GELU", lambda x: F.gelu(x, approximate="tanh")), ("Φ", normal.cdf)):
        ex = found[name]
        assert len(ex.variants) == 20
        for v in ex.variants:
            x = dict(v.call)["x"]
            assert v.answer == float(fmt_answer(float(ref(torch.tensor([x], dtype=torch.float64))[0])))
            assert render_prompt(ex, v).endswith(f"x = {x:g}. {name}({x:g}) = ?")
    # the notes write the tanh approximation: its answers are not exact GELU's
    gelu1 = found["GELU"].variants[0]
    one = torch.tensor(1.0, dtype=torch.float64)
    assert dict(gelu1.call)["x"] == 1.0 and gelu1.answer != float(fmt_answer(float(F.gelu(one))))


def test_the_reference_the_verifier_names_is_the_one_used(optimizers, functions) -> None:
    cards, results, _ = functions
    card = next(c for c in cards if c.deck[-1] == "GELU")
    result = next(r for r in results if r.uid == card.uid)
    named = make_exercise(card, replace(result, reference="torch.nn.functional.gelu(x, approximate='tanh')"))
    assert named.reference == "torch.nn.functional.gelu(x, approximate='tanh')"
    for v in named.variants:
        x = torch.tensor([dict(v.call)["x"]], dtype=torch.float64)
        assert v.answer == float(fmt_answer(float(F.gelu(x, approximate="tanh")[0])))
    # the notes write the approximation: exact GELU is not what they compute, so no exercise
    assert make_exercise(card, replace(result, reference="torch.nn.functional.gelu")) is None
    cards, results, found = optimizers
    card = next(c for c in cards if c.uid == found["Adam"].card_uid)
    result = next(r for r in results if r.uid == card.uid)
    ex = make_exercise(card, replace(result, reference="torch.optim.Adam", concept="Adam"), context=cards)
    assert ex.variants == found["Adam"].variants


def test_the_shipped_notes_give_exercises_for_the_rules_they_state_rightly(notes_copy: Path) -> None:
    cards, results = verified(notes_copy)
    found = {ex.concept: ex for ex in make_exercises(cards, results, device="cpu")}
    assert {"Adam", "AdamW", "SGD", "GELU", "Softplus", "erf", "Φ"} <= set(found)
    assert "RMSprop" not in found
    by_uid = {c.uid: c for c in cards}
    assert any("\\theta_{t-1} - \\gamma g_t" in f for f in by_uid[found["SGD"].card_uid].formulas)
    sgd_calls = [dict(v.call) for v in found["SGD"].variants]
    assert any(c["momentum"] > 0 for c in sgd_calls)  # momentum is part of the exercise
    assert not any(c.get("maximize") and c.get("weight_decay") for c in sgd_calls)
    for v in found["AdamW"].variants:
        assert v.answer == float(fmt_answer(torch_step("AdamW", dict(v.call))))
    assert found["Φ"].prompt.startswith("按笔记中 Φ 的定义")


# --- the Anki note type ----------------------------------------------------------------------

def write_package(exs: list[Exercise], path: Path) -> None:
    deck = genanki.Deck(1735_999_999, "exercises")
    for ex in exs:
        deck.add_note(exercise_note(ex))
    genanki.Package(deck).write_to_file(str(path))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, optimizers, functions):
    """Each exercise as the ``anki`` package renders it after importing the package."""
    from anki.collection import Collection

    from anki_helpers import import_apkg

    exs = [optimizers[2]["Adam"], functions[2]["Φ"]]
    folder = tmp_path_factory.mktemp("anki")
    write_package(exs, folder / "ex.apkg")
    col = Collection(str(folder / "c.anki2"))
    try:
        counts = import_apkg(col, folder / "ex.apkg")
        assert (counts.new, counts.conflicting) == (2, 0)
        out = {}
        for cid in col.find_cards(""):
            card = col.get_card(cid)
            note = card.note()
            assert note.note_type()["name"] == "studydeck exercise"
            assert list(note.keys()) == list(EXERCISE_FIELDS)
            ex = next(e for e in exs if note["Prompt"] == exercise_fields(e)[0])
            output = card.render_output()
            out[ex.concept] = (ex, output.question_text, output.answer_text)
        return out
    finally:
        col.close()


def test_anki_imports_exercise_notes_with_script_and_first_variant(rendered) -> None:
    for ex, question, answer in rendered.values():
        first = render_prompt(ex, ex.variants[0])
        assert "Math.random" in question and 'id="sd-ex-data"' in question
        assert first.replace("'", "&#x27;") in question
        data = json.loads(re.search(r'id="sd-ex-data">(.*?)</script>', question, re.S).group(1))
        assert [v["q"] for v in data["v"]] == [render_prompt(ex, v) for v in ex.variants]
        assert render_answer(ex, ex.variants[0]) in answer and "sessionStorage" in answer


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return path


FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Replaces Math.random with a seeded generator (mulberry32), so a run is repeatable.
SEEDED = """<script>(function () {{ var a = {seed};
Math.random = function () {{ a |= 0; a = a + 0x6D2B79F5 | 0; var t = Math.imul(a ^ a >>> 15, 1 | a);
t = t + Math.imul(t ^ t >>> 7, 61 | t) ^ t; return ((t ^ t >>> 14) >>> 0) / 4294967296; }}; }})();</script>"""
NO_SCRIPTS = "<meta http-equiv=Content-Security-Policy content=\"script-src 'none'\">"
# Shows the answer side in the same page, as Anki's desktop does: new HTML, its scripts run again.
FLIP = """<script>window.addEventListener('load', function () {{
  var box = document.getElementById('card'); var front = document.getElementById('sd-ex-prompt').textContent;
  box.innerHTML = {answer};
  box.querySelectorAll('script').forEach(function (old) {{
    var s = document.createElement('script');
    for (var a of old.attributes) s.setAttribute(a.name, a.value);
    s.text = old.text; old.replaceWith(s); }});
  document.getElementById('front').textContent = front; }});</script>"""


def dump(tmp_path: Path, name: str, body: str, head: str = "") -> str:
    page = tmp_path / f"{name}.html"
    page.write_text(f"<!DOCTYPE html><meta charset=utf-8>{head}<body>{body}</body>", encoding="utf-8")
    profile = "--user-data-dir=" + str(tmp_path / f"profile-{name}")
    run = subprocess.run([chromium(), *FLAGS, profile, "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    return run.stdout


def shown(dom: str, element: str) -> str:
    return re.search(rf'id="{element}"[^>]*>(.*?)</', dom, re.S).group(1).replace("&amp;", "&")


def test_a_browser_shows_fresh_numbers_and_the_first_variant_without_scripts(tmp_path: Path, rendered) -> None:
    ex, question, answer = rendered["Adam"]
    prompts = [render_prompt(ex, v) for v in ex.variants]
    seen = [shown(dump(tmp_path, f"seed{seed}", SEEDED.format(seed=seed) + f"<div id=card>{question}</div>"),
                  "sd-ex-prompt") for seed in (1, 2)]
    assert all(s in prompts for s in seen) and seen[0] != seen[1]
    # a page that may run no script, like a client without JavaScript
    off = dump(tmp_path, "off", f"<div id=card>{question}</div>", head=NO_SCRIPTS)
    assert shown(off, "sd-ex-prompt") == prompts[0]
    # the answer side shows the variant the question side drew
    dom = dump(tmp_path, "flip", SEEDED.format(seed=2) + f"<div id=card>{question}</div><p id=front></p>"
               + FLIP.format(answer=json.dumps(answer).replace("</", "<\\/")))
    front = shown(dom, "front")
    i = prompts.index(front)
    assert i != 0 and shown(dom, "sd-ex-prompt") == front
    assert render_answer(ex, ex.variants[i]) in dom
