"""Card text for a terminal: math in Unicode, code highlighted, CJK aligned by cell width.

LaTeX becomes Unicode with pylatexenc (``\\beta`` -> β, ``\\hat{v}`` -> v̂, ``\\sqrt`` -> √);
before it runs, sub- and superscripts that Unicode can write become ₜ ₋₁ ² ᵗ, and
``\\frac{a}{b}`` becomes ``(a)/(b)`` (plain ``a/b`` when both sides are single symbols).
"""

from __future__ import annotations

import re
from functools import lru_cache

from studydeck.model import Card
from studydeck.text import CLOZE as CLOZE_MARK

SUB = dict(zip("0123456789+-=()aehijklmnoprstuvxβγρφχ", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ"))
SUP = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzTβγδθφχ",
               "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀᵝᵞᵟᶿᵠᵡ"))
GREEK_NAMES = {"beta": "β", "gamma": "γ", "rho": "ρ", "phi": "φ", "chi": "χ", "theta": "θ", "delta": "δ"}
MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$", re.S)


def _script(body: str, table: dict[str, str]) -> str | None:
    body = body.strip()
    body = re.sub(r"\\(beta|gamma|rho|phi|chi|theta|delta)\b\s*", lambda m: GREEK_NAMES[m.group(1)], body)
    body = body.replace(" ", "")
    if body and all(ch in table for ch in body):
        return "".join(table[ch] for ch in body)
    return None


def _scripts(latex: str) -> str:
    def braced(mark: str, table: dict[str, str]):
        def repl(m: re.Match) -> str:
            out = _script(m.group(1), table)
            return "{}" + out if out is not None else m.group(0)
        return repl

    # `{}` keeps a macro before it whole: \theta{}ₜ, not the unknown macro \thetaₜ
    latex = re.sub(r"_\{([^{}]*)\}", braced("_", SUB), latex)
    latex = re.sub(r"\^\{([^{}]*)\}", braced("^", SUP), latex)
    latex = re.sub(r"_([0-9a-zA-Z])", lambda m: "{}" + SUB[m.group(1)] if m.group(1) in SUB else m.group(0), latex)
    latex = re.sub(r"\^([0-9a-zA-Z])", lambda m: "{}" + SUP[m.group(1)] if m.group(1) in SUP else m.group(0), latex)
    latex = re.sub(r"_\\(beta|gamma|rho|phi|chi)\b", lambda m: "{}" + SUB[GREEK_NAMES[m.group(1)]], latex)
    return latex


def _group(text: str, start: int) -> tuple[str, int]:
    """The braced group at ``start`` (after spaces): its content and the index after it."""
    i = start
    while i < len(text) and text[i] == " ":
        i += 1
    if i >= len(text) or text[i] != "{":
        return (text[i:i + 1], i + 1)
    depth = 0
    for j in range(i, len(text)):
        depth += text[j] == "{"
        depth -= text[j] == "}"
        if depth == 0:
            return text[i + 1:j], j + 1
    return text[i + 1:], len(text)


def _fracs(latex: str) -> str:
    """\\frac{a}{b} -> (a)/(b); a side that is one symbol keeps no parentheses."""
    match = re.search(r"\\[dt]?frac(?![A-Za-z])", latex)
    if not match:
        return latex
    num, after = _group(latex, match.end())
    den, end = _group(latex, after)
    return latex[:match.start()] + f"{_wrap(_fracs(num))}/{_wrap(_fracs(den))}" + _fracs(latex[end:])


def _wrap(part: str) -> str:
    simple = re.fullmatch(r"\s*(\\?[A-Za-z]+|[0-9.]+)(\{\})?[\u2080-\u209c\u1d62-\u1d6a\u2070-\u209f\u00b2\u00b3\u00b9\u1d43-\u1dbf]*\s*", part)
    return part.strip() if simple else "(" + part.strip() + ")"


@lru_cache(maxsize=1)
def _converter():
    from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

    db = get_default_latex_context_db().filter_context(keep_which=["macros", "environments", "specials"])
    extra = [MacroTextSpec("text", simplify_repl="%(1)s"), MacroTextSpec("mathrm", simplify_repl="%(1)s"),
             MacroTextSpec("operatorname", simplify_repl="%(1)s"), MacroTextSpec("mathbf", simplify_repl="%(1)s"),
             MacroTextSpec("boldsymbol", simplify_repl="%(1)s"), MacroTextSpec("left", simplify_repl=""),
             MacroTextSpec("right", simplify_repl=""), MacroTextSpec("quad", simplify_repl="  "),
             MacroTextSpec("qquad", simplify_repl="    "), MacroTextSpec("odot", simplify_repl="⊙"),
             MacroTextSpec("leftarrow", simplify_repl="←"), MacroTextSpec("nabla", simplify_repl="∇")]
    db.add_context_category("studydeck", prepend=True, macros=extra)
    return LatexNodes2Text(latex_context=db, math_mode="text", strict_latex_spaces=True)


@lru_cache(maxsize=512)
def math_to_unicode(latex: str) -> str:
    prepared = _fracs(_scripts(latex))
    try:
        text = _converter().latex_to_text(prepared)
    except Exception:  # a formula pylatexenc cannot read is shown as written
        return latex
    return " ".join(text.split())


def text_for_terminal(markdown: str) -> str:
    """Card Markdown with its math turned into Unicode; the rest stays Markdown for rich."""
    def repl(m: re.Match) -> str:
        display = m.group(1) is not None
        body = math_to_unicode((m.group(1) or m.group(2)).strip())
        return f"\n\n    {body}\n\n" if display else body
    return MATH.sub(repl, markdown)


def cloze_front(text: str) -> str:
    return CLOZE_MARK.sub("[…]", text)


def cloze_back(text: str) -> str:
    return CLOZE_MARK.sub(lambda m: f"**{m.group(2)}**", text)


def plain_text(markdown: str) -> str:
    """A card's text on one line, as a reader sees it: blanks as […], math in Unicode, no markup."""
    text = text_for_terminal(cloze_front(markdown))
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", text, flags=re.M)  # list markers
    text = re.sub(r"(\*\*|__|\*|`+)(.+?)\1", r"\2", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links keep their text
    return " ".join(text.split())


def plain_readings(cards: list[Card], results: dict) -> dict[str, str]:
    """Each formula the notes wrote without markup, by its text, as the verifier read it
    (``ln(1 + ex)`` -> ``\\ln(1+e^{x})``)."""
    return {" ".join(c.formulas[0].split()): results[c.uid].reading for c in cards
            if c.plain_formula and c.formulas and c.uid in results and results[c.uid].reading}


def with_readings(text: str, readings: dict[str, str]) -> str:
    """``text`` with each formula written without markup shown as the verifier read it."""
    for plain, reading in readings.items():
        if plain in text:
            text = text.replace(plain, math_to_unicode(reading))
    return text
