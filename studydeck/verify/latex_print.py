"""Formula trees printed back as clean LaTeX (for repairs of plain-text formulas)."""

from __future__ import annotations

import math
from typing import Any

from studydeck.verify.latex import Call, Integral, Num, Op, Statement, Sym, Word

FUNCS = {"exp": "\\exp", "ln": "\\ln", "log": "\\log", "sin": "\\sin", "cos": "\\cos", "tan": "\\tan",
         "tanh": "\\tanh", "sinh": "\\sinh", "cosh": "\\cosh", "max": "\\max", "min": "\\min"}
GREEK = {"α": "\\alpha", "β": "\\beta", "γ": "\\gamma", "δ": "\\delta", "ε": "\\epsilon", "η": "\\eta",
         "θ": "\\theta", "λ": "\\lambda", "μ": "\\mu", "ρ": "\\rho", "σ": "\\sigma", "τ": "\\tau",
         "φ": "\\phi", "Φ": "\\Phi", "Δ": "\\Delta", "π": "\\pi"}
PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "neg": 3, "^": 4}
RELATIONS = {"<=": "\\le", ">=": "\\ge", "!=": "\\neq"}


def _num(value: float) -> str:
    if value == math.pi:
        return "\\pi"
    return f"{value:g}"


def _sym(sym: Sym) -> str:
    name = "".join(GREEK.get(ch, ch) for ch in sym.name)
    return name + ("_t" if sym.time == 0 else f"_{{t{sym.time:+d}}}" if sym.time else "")


def _paren(text: str) -> str:
    tall = any(mark in text for mark in ("\\frac", "\\sqrt", "\\left", "\\int"))
    return f"\\left({text}\\right)" if tall else f"({text})"


def expr(node: Any, parent: int = 0) -> str:
    if isinstance(node, Num):
        return _num(node.value)
    if isinstance(node, Sym):
        return _sym(node)
    if isinstance(node, Word):
        return f"\\text{{{node.name}}}"
    if isinstance(node, Call):
        args = ", ".join(expr(a) for a in node.args)
        if node.func == "sqrt":
            return f"\\sqrt{{{args}}}"
        if node.func == "abs":
            return f"\\left|{args}\\right|"
        name = FUNCS.get(node.func) or GREEK.get(node.func) or f"\\mathrm{{{_display_name(node.func)}}}"
        return name + _paren(args)
    if isinstance(node, Integral):
        return f"\\int_{{{expr(node.lower)}}}^{{{expr(node.upper)}}} {expr(node.body)} \\, d{node.var}"
    if isinstance(node, Op) and node.op not in PREC:  # a condition: x > 0
        return f"{expr(node.args[0])} {RELATIONS.get(node.op, node.op)} {expr(node.args[1])}"
    if isinstance(node, Op):
        prec = PREC[node.op]
        if node.op == "neg":
            text = "-" + expr(node.args[0], prec)
        elif node.op == "/":
            return f"\\frac{{{expr(node.args[0])}}}{{{expr(node.args[1])}}}"
        elif node.op == "^":
            base = expr(node.args[0], prec + 1)
            if isinstance(node.args[0], Sym) and node.args[0].name == "e":
                base = "e"
            text = f"{base}^{{{expr(node.args[1])}}}"
        elif node.op == "*":
            left, right = expr(node.args[0], prec), expr(node.args[1], prec)
            sep = " \\cdot " if right[:1].isdigit() else " "
            text = left + sep + right
        else:
            right_prec = prec + 1 if node.op == "-" else prec
            text = f"{expr(node.args[0], prec)} {node.op} {expr(node.args[1], right_prec)}"
        return _paren(text) if prec < parent else text
    raise TypeError(node)


_NAMES = {"gelu": "GELU", "mish": "Mish", "softplus": "Softplus", "relu": "ReLU", "silu": "SiLU", "erf": "erf",
          "sigmoid": "sigmoid", "softmax": "softmax", "elu": "ELU"}


def _display_name(func: str) -> str:
    return _NAMES.get(func, func)


def statement_latex(stmt: Statement) -> str | None:
    if stmt.kind in ("assign", "update"):
        rel = "=" if stmt.kind == "assign" else "\\leftarrow"
        return f"{expr(stmt.target)} {rel} {expr(stmt.expr)}"
    if stmt.kind == "expr":
        return expr(stmt.expr)
    return None
