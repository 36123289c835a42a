"""Exercise cards: a verified formula turned into practice with fresh numbers at each review.

An exercise holds K variants as data, each computed by torch when the deck was built; this
module only reads them (no torch), so the terminal quiz and the deck writer stay light.
"""

from __future__ import annotations

import hashlib
import math
import unicodedata
from dataclasses import dataclass
from typing import Any

from studydeck.model import Source

# A typed answer may differ from the exact one by this fraction: three significant figures
# typed carefully pass, a slip in the second does not.
DEFAULT_TOLERANCE = 1e-3
SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscript(n: int) -> str:
    return str(n).translate(SUBSCRIPTS)


def fmt_number(value: Any) -> str:
    """How an input is shown: ``0.1``, ``-0.5``, ``1e-8``, ``True``."""
    if isinstance(value, bool):
        return str(value)
    text = f"{value:g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        text = f"{mantissa}e{int(exp)}"
    return text


def fmt_answer(value: float) -> str:
    """Four significant figures, trailing zeros kept: they say how exact the answer is."""
    if value == 0:
        return "0"
    text = f"{value:#.4g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        return f"{mantissa}e{int(exp)}"
    return text.rstrip(".")


def round4(value: float) -> float:
    return float(fmt_answer(value)) if math.isfinite(value) else value


@dataclass(frozen=True)
class Variant:
    """One set of numbers for an exercise.

    ``inputs`` are shown in the prompt, named as the notes name them; ``call`` holds the
    same numbers as the reference takes them (``param``/``grads`` and keywords for an
    optimizer, ``x`` for a function), so the answer can be recomputed.
    """

    inputs: tuple[tuple[str, Any], ...]
    target: str
    answer: float
    steps: tuple[tuple[str, float], ...] = ()
    call: tuple[tuple[str, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"inputs": [list(p) for p in self.inputs], "target": self.target, "answer": self.answer,
                "steps": [list(p) for p in self.steps], "call": [list(p) for p in self.call]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Variant":
        def pairs(key: str) -> tuple[tuple[str, Any], ...]:
            return tuple((str(k), _tuple(v)) for k, v in data.get(key, ()))
        return cls(pairs("inputs"), str(data["target"]), float(data["answer"]),
                   tuple((str(k), float(v)) for k, v in data.get("steps", ())), pairs("call"))


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


@dataclass(frozen=True)
class Exercise:
    """Practice for one verified card: a prompt template with ``{inputs}`` and ``{target}``
    slots, and the variants that fill them."""

    uid: str
    card_uid: str
    deck: tuple[str, ...]
    source: Source
    lang: str
    concept: str
    reference: str
    prompt: str
    variants: tuple[Variant, ...]
    tolerance: float = DEFAULT_TOLERANCE

    @property
    def subdeck(self) -> tuple[str, ...]:
        """Exercises live in a subdeck of their own under the notes' top deck, with the
        notes' headings below it, so they can be studied apart from the facts."""
        if not self.deck:
            return ()
        return (self.deck[0], "练习" if self.lang == "zh" else "Exercises", *self.deck[1:])

    @staticmethod
    def uid_for(card_uid: str) -> str:
        """Follows the card's identity, so editing the formula updates the exercise in place."""
        return hashlib.sha1(f"{card_uid}:exercise".encode("utf-8")).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return {"uid": self.uid, "card_uid": self.card_uid, "deck": list(self.deck),
                "source": self.source.to_dict(), "lang": self.lang, "concept": self.concept,
                "reference": self.reference, "prompt": self.prompt,
                "variants": [v.to_dict() for v in self.variants], "tolerance": self.tolerance}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Exercise":
        return cls(str(data["uid"]), str(data["card_uid"]), tuple(data["deck"]), Source.from_dict(data["source"]),
                   str(data["lang"]), str(data["concept"]), str(data["reference"]), str(data["prompt"]),
                   tuple(Variant.from_dict(v) for v in data["variants"]),
                   float(data.get("tolerance", DEFAULT_TOLERANCE)))


# --- what the quiz needs ------------------------------------------------------------------

def variant_for(ex: Exercise, review: int) -> Variant:
    """The variant for the ``review``-th showing (0-based): a different one each review,
    starting at a place of the exercise's own so that exercises do not move in step."""
    start = int(ex.uid, 16) % len(ex.variants) if _is_hex(ex.uid) else 0
    return ex.variants[(start + review) % len(ex.variants)]


def _is_hex(text: str) -> bool:
    return bool(text) and all(c in "0123456789abcdef" for c in text.lower())


def render_inputs(ex: Exercise, variant: Variant) -> str:
    sep = "，" if ex.lang == "zh" else ", "
    return sep.join(f"{name} = {fmt_number(value)}" for name, value in variant.inputs)


def render_prompt(ex: Exercise, variant: Variant) -> str:
    """The question as plain text (Unicode math)."""
    return ex.prompt.replace("{inputs}", render_inputs(ex, variant)).replace("{target}", variant.target)


def render_answer(ex: Exercise, variant: Variant) -> str:
    """``θ₁ = 0.4000``."""
    return f"{variant.target} = {fmt_answer(variant.answer)}"


def render_steps(ex: Exercise, variant: Variant) -> str:
    sep = "，" if ex.lang == "zh" else ", "
    return sep.join(f"{name} = {fmt_answer(value)}" for name, value in variant.steps)


def render_tolerance(ex: Exercise) -> str:
    share = f"{ex.tolerance * 100:g}%"
    return f"（误差不超过 {share}）" if ex.lang == "zh" else f"(to within {share})"


def parse_number(typed: str) -> float | None:
    """What the learner typed, read as a number: full-width digits, ``−`` and ``，`` are
    what an input method gives; a fraction ``1/3`` is a number too. ``None`` if it is not one."""
    text = unicodedata.normalize("NFKC", typed).strip().replace("−", "-").replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")  # a decimal comma
    try:
        if "/" in text:
            top, bottom = text.split("/", 1)
            value = float(top) / float(bottom)
        else:
            value = float(text)
    except (ValueError, ZeroDivisionError):
        return None
    return value if math.isfinite(value) else None


def check(ex: Exercise, variant: Variant, typed: str) -> bool | None:
    """Whether the typed number is the answer within the exercise's tolerance; ``None``
    when what was typed is not a number (ask again rather than mark it wrong)."""
    value = parse_number(typed)
    if value is None:
        return None
    answer = variant.answer
    return abs(value - answer) <= ex.tolerance * abs(answer) + 1e-12


def feedback(ex: Exercise, variant: Variant, typed: str) -> str:
    """One line for the learner after an answer, in the notes' language."""
    verdict = check(ex, variant, typed)
    answer = render_answer(ex, variant)
    steps = render_steps(ex, variant)
    if verdict is None:
        return (f"“{typed.strip()}” 不是数字：请输入一个数，如 0.25 或 1e-8" if ex.lang == "zh" else
                f"“{typed.strip()}” is not a number: type one, such as 0.25 or 1e-8")
    if verdict:
        return f"✔ {answer}"
    if ex.lang == "zh":
        return f"✘ 答案是 {answer}" + (f"（{steps}）" if steps else "")
    return f"✘ the answer is {answer}" + (f" ({steps})" if steps else "")
