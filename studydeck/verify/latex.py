"""Read the LaTeX math of study notes into an expression tree that torch can evaluate.

The grammar (recursive descent; one token of look-ahead)::

    formula    := statement (SEP statement)*          SEP: top-level `,` `;` `\\\\` `\\text{and}`
    statement  := "\\text{if}" cond ":" [statement] | "\\text{else}" ":" statement
                | "\\text{return}" expr | relation
    relation   := expr (REL expr)*                     REL: = \\leftarrow \\gets \\to < > \\le \\ge \\neq \\approx
                                                        \\in \\sim (read, never checked)
    expr       := term (("+" | "-") term)*
    term       := unary (("*" | "/" | \\cdot | \\times | \\odot | <implicit>) unary)*
    unary      := ("-" | "+") unary | power
    power      := postfix ("^" group)*
    postfix    := atom ("_" group | "^" group | "^" LABEL | "^\\top" | "'" | \\prime | "!")*
                                                        LABEL: {max}, {(1)}: part of the name
    atom       := NUMBER | symbol | "(" expr ")" | "[" expr "]" | "{" expr "}" | "|" expr "|"
                | "\\|" expr "\\|" | \\frac group group | \\sqrt ["[" expr "]"] group
                | func "(" expr (ARG expr)* ")"         ARG: , ; \\mid \\|  (D(p \\| q), F(x; μ, σ))
                | func atom | \\int "_" group "^" group expr "d" SYMBOL
                | (\\sum | \\prod | \\max | \\min) "_" group ["^" group] term
                | \\mathbb{1} "[" relation "]" | \\cases{ (expr \\casesif [relation]) (\\casesrow …)* }

``\\begin{cases}`` is rewritten to the ``\\cases`` group before tokens are read. Nesting is
limited to :data:`MAX_DEPTH` levels and a plain-text formula to :data:`MAX_READINGS` readings,
so no input can exhaust the stack or the memory; the parser reads each token once.

Symbols are named by their base letter and decorations (``\\hat{m}`` is ``m̂``, ``\\mathbf{x}``
is ``x``: bold is typography); a subscript holding ``t`` (``m_{t-1}``) is a time index and
not part of the name, any other subscript is (``\\beta_1``). ``E[g^2]`` is one symbol.
Plain text that lost its markup (``ln(1 + ex)``) is read by the same grammar after
:func:`plain_readings` has proposed the repairs.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from typing import Any

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "θ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
    "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
NAMED = {"ell": "ℓ"}
TRANSPOSE = {"\\top", "\\intercal", "⊤"}
ARG_SEPARATORS = (",", ";", "\\|", "\\parallel", "\\mid")  # not `|`: |x| may sit inside brackets
UNICODE_GREEK = {v: v for v in GREEK.values()} | {"ϵ": "ε", "ϑ": "θ", "ϕ": "φ"}
DECORATIONS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0304",
               "tilde": "\u0303", "widetilde": "\u0303", "dot": "\u0307", "vec": "\u20d7"}
STYLES = {"mathbf", "boldsymbol", "bm", "mathrm", "mathit", "mathsf", "mathnormal", "mathbb",
          "mathcal", "mathscr", "mathfrak", "pmb"}
FUNCTIONS = {"exp", "ln", "log", "sin", "cos", "tan", "tanh", "sinh", "cosh", "sqrt", "erf",
             "max", "min", "abs", "sgn", "sign", "sigmoid", "softplus", "relu", "gelu", "mish",
             "silu", "softmax", "erfc", "Φ", "φ", "σ"}
RELATIONS = {"=": "=", "\\leftarrow": "<-", "\\gets": "<-", "←": "<-", "\\to": "->",
             "\\rightarrow": "->", "→": "->", "<": "<", ">": ">", "\\le": "<=", "\\leq": "<=",
             "\\leqslant": "<=", "\\geqslant": ">=", "\\in": "in", "\\notin": "in", "∈": "in", "\\sim": "sim",
             "\\propto": "sim", "\\subset": "in", "\\subseteq": "in",
             "≤": "<=", "\\ge": ">=", "\\geq": ">=", "≥": ">=", "\\neq": "!=", "\\ne": "!=",
             "≠": "!=", "\\approx": "~", "≈": "~", ":=": "=", "\\coloneqq": "="}
SPACES = {"\\quad", "\\qquad", "\\,", "\\;", "\\:", "\\!", "\\ ", "\\displaystyle", "\\left",
          "\\right", "\\big", "\\Big", "\\bigg", "\\Bigg", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr",
          "\\limits", "\\nolimits", "&", "~", "\\mathop"}
TIMES = {"*", "\\cdot", "\\times", "\\odot", "\\ast", "∗", "·", "×", "⊙"}
BRACKET_FUNCTIONS = {"\\lfloor": ("floor", "\\rfloor"), "⌊": ("floor", "⌋"),
                     "\\lceil": ("ceil", "\\rceil"), "⌈": ("ceil", "⌉")}
UNSUPPORTED = {"\\ldots", "\\cdots", "\\dots", "\\vdots", "…", "\\lim",
               "\\langle", "\\rangle", "\\min_", "\\argmin",
               "\\operatorname*", "\\infty_"}


NUMBER_START = re.compile(r"\d|\.\d")
LETTER = re.compile(r"[A-Za-z]$")
COMMAND = re.compile(r"\\[A-Za-z]+")
TEXT_TOKEN = re.compile(r"\\(text|textrm|mathrm|operatorname)\s*\{([^{}]*)\}$")


MAX_DEPTH = 40          # brackets, fractions and signs inside one another
MAX_READINGS = 64       # repairs tried for one plain-text formula


class LatexError(ValueError):
    """A formula the grammar cannot read; the message says which part."""


# --- the tree ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Sym:
    name: str
    time: int | None = None  # offset from t: m_{t-1} -> -1; None when there is no index


@dataclass(frozen=True)
class Op:
    op: str  # + - * / ^ neg
    args: tuple


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple


@dataclass(frozen=True)
class Integral:
    var: str
    lower: Any
    upper: Any
    body: Any


@dataclass(frozen=True)
class Reduce:
    """``\\sum_{i=1}^{n} x_i^2``: the body summed over the index, along the feature axis; or, where
    the body uses the index itself (``\\sum_{i=0}^{t} \\beta^i``), over the integers from ``lower``
    to ``upper``. (The bounds are not among the free symbols: the feature axis needs none.)"""
    op: str
    index: str
    body: Any
    lower: Any = None
    upper: Any = None


def over_a_range(node: Reduce) -> bool:
    """Whether a sum or product runs over a range of integers (``\\sum_{i=0}^{t} \\beta^i``: both
    bounds given and the body uses the index itself), not along the notes' vectors (``\\sum_i x_i``)."""
    return node.lower is not None and node.upper is not None and node.op in ("sum", "prod") \
        and any(isinstance(n, Sym) and n.name == node.index for n in nodes(node.body))


@dataclass(frozen=True)
class Word:
    """A word from ``\\text{…}`` used as a boolean flag: ``\\text{if maximize}``."""
    name: str


@dataclass
class Statement:
    kind: str              # assign | update | claim | guard | else | return
    target: Any = None     # Sym or Call (function definition) for assign/update
    expr: Any = None
    rel: str = ""
    rhs: Any = None        # for claims: the right side
    cond: Any = None       # for guards
    text: str = ""
    sides: tuple = ()      # for claims: every side of a chain `a = b ≈ c`, with ``rels`` between
    rels: tuple = ()


def nodes(node: Any):
    """Every node of a tree, depth first: the one walk the helpers below share. A stack,
    not recursion: `a + b + …` is as deep as it is long."""
    stack = [node]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (Op, Call)):
            children = node.args
        elif isinstance(node, Integral):
            children = (node.lower, node.upper, node.body)
        elif isinstance(node, Reduce):
            children = (node.body,)
        elif isinstance(node, tuple):
            children = node
        else:
            children = ()
        stack.extend(reversed(children))


def symbols_in(node: Any) -> set[str]:
    """The free symbols: an integral's variable and a sum's index are bound inside them."""
    out = {n.name for n in nodes(node) if isinstance(n, Sym)}
    bound = {n.var for n in nodes(node) if isinstance(n, Integral)} | \
            {n.index for n in nodes(node) if isinstance(n, Reduce)}
    return out - bound


def words_in(node: Any) -> set[str]:
    return {n.name for n in nodes(node) if isinstance(n, Word)}


def calls_in(node: Any) -> set[str]:
    return {n.func for n in nodes(node) if isinstance(n, Call)}


# --- tokens -----------------------------------------------------------------------------

TOKEN = re.compile(
    r"\\(?:text|textrm|mathrm|operatorname)\s*\{[^{}]*\}|\\[A-Za-z]+\*?|\\[,;:! |{}\\]|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|\.\d+|:=|[A-Za-z]|"
    r"[=<>+\-*/^_(){}\[\],;:|'!&~.]|[^\s]", re.S)


def tokenize(text: str) -> list[str]:
    text = text.replace("−", "-").replace("\u2212", "-")
    return [t for t in TOKEN.findall(text) if t.strip() or t == "\\ "]


# --- the parser -------------------------------------------------------------------------

class _Parser:
    def __init__(self, tokens: list[str], functions: set[str], depth: list[int] | None = None) -> None:
        self.toks = [t for t in tokens if t not in SPACES]
        self.i = 0
        self.functions = functions
        self.depth = depth if depth is not None else [0]  # shared with the parsers of groups

    def nested(self, read):
        """Run one level of nesting; a formula nested deeper than people write is refused
        before it can exhaust the interpreter's stack."""
        self.depth[0] += 1
        try:
            if self.depth[0] > MAX_DEPTH:
                raise LatexError(f"nested more than {MAX_DEPTH} levels deep")
            return read()
        finally:
            self.depth[0] -= 1

    def peek(self, k: int = 0) -> str | None:
        try:
            return self.toks[self.i + k]
        except IndexError:
            return None

    def take(self, expected: str | None = None) -> str:
        tok = self.peek()
        if tok is None:
            raise LatexError(f"unexpected end of formula (expected {expected or 'more'})")
        if expected is not None and tok != expected:
            raise LatexError(f"expected “{expected}”, found “{tok}”")
        self.i += 1
        return tok

    def at_end(self) -> bool:
        return self.i >= len(self.toks)

    def balanced(self, open_: str, close: str) -> list[str]:
        """Take `open_ … close` (nesting counted); return what is between."""
        start = self.i
        self.take(open_)
        depth = 1
        while depth:
            tok = self.peek()
            if tok is None:
                raise LatexError(f"“{open_}” is never closed")
            self.i += 1
            depth += tok == open_
            depth -= tok == close
        return self.toks[start + 1: self.i - 1]

    # group: {…} or a single token
    def raw_group(self) -> list[str]:
        return self.balanced("{", "}") if self.peek() == "{" else [self.take()]

    def sub(self, toks: list[str]) -> "_Parser":
        return _Parser(toks, self.functions, self.depth)

    def group_expr(self) -> Any:
        toks = self.raw_group()
        p = self.sub(toks)
        node = p.expr()
        if not p.at_end():
            raise LatexError(f"cannot read “{' '.join(toks)}”")
        return node

    def text_group(self) -> str:
        return "".join(t if len(t) == 1 or not t.startswith("\\") else t for t in self.raw_group()).strip()

    # relation-level
    def relation(self) -> tuple[list[Any], list[str]]:
        sides, rels = [self.expr()], []
        while self.peek() in RELATIONS:
            rels.append(RELATIONS[self.take()])
            sides.append(self.expr())
        return sides, rels

    def expr(self) -> Any:
        return self.nested(self._expr)

    def _expr(self) -> Any:
        node = self.term()
        while self.peek() in ("+", "-"):
            op = self.take()
            node = Op(op, (node, self.term()))
        return node

    def starts_atom(self) -> bool:
        tok = self.peek()
        if tok is None:
            return False
        if tok in ("(", "[", "{", "|") or NUMBER_START.match(tok) or LETTER.match(tok):
            return tok != "|" or False
        if TEXT_TOKEN.match(tok):
            return True
        if tok.startswith("\\"):
            name = tok[1:]
            return (name in GREEK or name in DECORATIONS or name in STYLES or name in FUNCTIONS
                    or name in ("frac", "dfrac", "tfrac", "sqrt", "text", "mathrm", "operatorname",
                                "int", "sum", "prod", "nabla", "infty", "exp", "ln", "log", "sin", "cos", "tanh", "cases", "ell",
                                "Pr", "left"))
        return tok in UNICODE_GREEK or tok in ("π", "√", "∞", "∇")

    def term(self) -> Any:
        node = self.unary()
        while True:
            tok = self.peek()
            if tok in TIMES:
                self.take()
                node = Op("*", (node, self.unary()))
            elif tok == "/":
                self.take()
                node = Op("/", (node, self.unary()))
            elif self.starts_atom() and not self.at_differential():
                node = Op("*", (node, self.power()))
            else:
                return node

    def at_differential(self) -> bool:
        tok, nxt = self.peek(), self.peek(1)
        if tok == "d" and nxt is not None and LETTER.match(nxt) and getattr(self, "integrating", None) == nxt:
            return True
        return tok == "\\mathrm" and self.peek(2) == "d" and getattr(self, "integrating", None) is not None

    def unary(self) -> Any:
        if self.peek() == "-":
            self.take()
            return Op("neg", (self.nested(self.unary),))
        if self.peek() == "+":
            self.take()
            return self.nested(self.unary)
        return self.power()

    def power(self) -> Any:
        node = self.postfix()
        while self.peek() == "^":
            self.take()
            node = Op("^", (node, self.group_expr()))
        return node

    def postfix(self) -> Any:
        node = self.atom()
        while self.peek() in ("_", "^", "'", "\\prime", "!"):
            tok = self.peek()
            if tok == "!":
                self.take()
                node = Call("factorial", (node,))
                continue
            if tok == "\\prime" or (tok == "^" and self.peek(1) == "\\prime"):
                self.i += 1 if tok == "\\prime" else 2
                if isinstance(node, Sym):
                    node = Sym(node.name + "'", node.time)
                continue
            if tok == "^" and self.peek(1) in TRANSPOSE:
                self.i += 2
                if isinstance(node, Sym):
                    node = Sym(node.name + "ᵀ", node.time)  # x^⊤: a vector's transpose, one symbol
                continue
            if tok == "'":
                self.take()
                if isinstance(node, Sym):
                    node = Sym(node.name + "'", node.time)
                continue
            if tok == "^":
                self.take()
                label = self.superscript_label()
                if label is not None and isinstance(node, Sym):
                    node = Sym(f"{node.name}^{label}", node.time)  # v^{max}, W^{(1)}: part of the name
                    continue
                exponent = self.group_expr()
                node = Op("^", (node, exponent))
                continue
            self.take()
            toks = self.raw_group()
            if len(toks) == 1 and toks[0].lstrip("\\") in STYLES | set(DECORATIONS):
                toks = toks + ["{"] + self.raw_group() + ["}"]  # _\mathcal{B}
            node = self.subscript(node, toks)
        if isinstance(node, Sym) and self.peek() == "(" and (self.is_function(node.name) or self.several_args()):
            node = Call(node.name, self.call_args())
        return node

    def superscript_label(self) -> str | None:
        """A superscript that names rather than raises: a word (`max`) or a bracketed index (`(1)`)."""
        if self.peek() != "{":
            return None
        depth, j = 0, self.i
        while j < len(self.toks):
            depth += (self.toks[j] == "{") - (self.toks[j] == "}")
            if depth == 0:
                break
            j += 1
        inner = self.toks[self.i + 1:j]
        word = len(inner) >= 3 and all(LETTER.match(t) for t in inner)  # `xy` may be a product; `max` is not
        index = len(inner) >= 3 and inner[0] == "(" and inner[-1] == ")"
        if not (word or index):
            return None
        self.i = j + 1
        return "".join(inner)

    def several_args(self) -> bool:
        """`D_{KL}(p \\| q)`, `\\ell(y, \\hat{y})`: brackets holding a list are arguments, not a factor."""
        depth = 0
        for j in range(self.i, len(self.toks)):  # indices, not a slice: no copy of the rest
            tok = self.toks[j]
            depth += (tok in "([{") - (tok in ")]}")
            if depth == 0:
                return False
            if depth == 1 and tok in ARG_SEPARATORS:
                return True
        return False

    def is_function(self, name: str) -> bool:
        return name in self.functions or name.lower() in FUNCTIONS

    def subscript(self, node: Any, toks: list[str]) -> Any:
        if not isinstance(node, Sym):
            return node  # \nabla_\theta, \max_x: the subscript only decorates
        text = "".join(toks).replace(" ", "")
        time = _time_index(text)
        if time is not None and node.name != "π":  # (π_t, a policy at step t, is no time-step of the constant's name)
            return Sym(node.name, time)
        if node.name in ("∇",):
            return node
        label = "".join(_plain_symbol(t) for t in toks)
        return Sym(f"{node.name}_{label}", node.time)

    def call_args(self) -> tuple:
        self.take("(")
        args = [self.expr()]
        while self.peek() in ARG_SEPARATORS:  # D(p \| q), P(y | x), F(x; μ, σ): several arguments
            self.take()
            args.append(self.expr())
        self.take(")")
        return tuple(args)

    def atom(self) -> Any:
        tok = self.peek()
        if tok is None:
            raise LatexError("unexpected end of formula")
        if tok in UNSUPPORTED or tok.rstrip("*") in UNSUPPORTED:
            raise LatexError(f"“{tok}” is not supported")
        if NUMBER_START.match(tok):
            self.take()
            return Num(float(tok))
        if tok in ("(", "["):
            close = ")" if tok == "(" else "]"
            self.take()
            node = self.expr()
            self.take(close)
            return node
        if tok == "{":
            return self.group_expr()
        if tok == "|":
            self.take()
            node = self.expr()
            self.take("|")
            return Call("abs", (node,))
        if tok in BRACKET_FUNCTIONS:  # ⌊x⌋, ⌈x⌉
            name, close = BRACKET_FUNCTIONS[tok]
            self.take()
            node = self.expr()
            if self.peek() == "\\right":
                self.take()
            self.take(close)
            return Call(name, (node,))
        if tok in ("\\|", "\\Vert"):
            self.take()
            node = self.expr()
            self.take(tok)
            return Call("norm", (node,))
        if tok == "√":
            self.take()
            return Call("sqrt", (self.power(),))
        if tok in ("∞",):
            self.take()
            return Num(math.inf)
        if tok == "∇":
            self.take()
            return self.nabla()
        if tok in UNICODE_GREEK:
            self.take()
            return self.named(UNICODE_GREEK[tok])
        if LETTER.match(tok):
            return self.letters()
        if TEXT_TOKEN.match(tok):
            self.take()
            word = TEXT_TOKEN.match(tok).group(2).strip()
            if word in ("E", "Var") and self.peek() == "[":
                return self.bracketed(word)
            if tok.startswith("\\mathrm") and len(word) == 1:
                return Sym(word)
            return self.word_or_call(word)
        if tok.startswith("\\"):
            return self.command()
        raise LatexError(f"unexpected “{tok}”")

    def letters(self) -> Any:
        tok = self.take()
        # E[g^2], Var[x]: an expectation or a variance written as one symbol
        if tok == "E" and self.peek() == "[":
            return self.bracketed("E")
        if tok == "V" and self.toks[self.i:self.i + 3] == ["a", "r", "["]:
            self.i += 2
            return self.bracketed("Var")
        # a run of letters that spells a known function (plain text: tanh, ln, Softplus)
        j = self.i
        word = tok
        while j < len(self.toks) and LETTER.match(self.toks[j]):
            word += self.toks[j]
            j += 1
        for end in range(len(word), 1, -1):
            candidate = word[:end]
            if self.is_function(candidate) and (j - (len(word) - end)) <= len(self.toks):
                nxt_index = self.i + end - 1
                if nxt_index < len(self.toks) and self.toks[nxt_index] in ("(", "\\left"):
                    self.i = nxt_index
                    return Call(_function_name(candidate, self.functions), self.call_args())
        if tok == "e" and self.peek() == "^":
            return Sym("e")
        return self.named(tok)

    def bracketed(self, word: str) -> Sym:
        return Sym(f"{word}[" + "".join(self.balanced("[", "]")) + "]")

    def named(self, name: str) -> Any:
        if name == "π":
            # (with an index π is a name of its own: a mixture's weights π_k, a policy π_θ; alone, the constant)
            return Sym("π") if self.peek() == "_" else Num(math.pi)
        return Sym(name)

    def nabla(self) -> Any:
        # ∇_θ f(θ): the gradient of the objective, whatever it is called
        if self.peek() == "_":
            self.take()
            self.raw_group()
        while self.peek() is not None and self.peek() not in ("+", "-", ")", ",") and self.peek() not in RELATIONS:
            if self.peek() in ("(", "\\left"):
                if self.peek() == "\\left":
                    self.take()
                self.balanced("(", ")")  # the arguments, whatever they are: f(x_t, w)
                break
            self.atom_skip()
        return Sym("∇f")

    def atom_skip(self) -> None:
        tok = self.take()
        if tok.startswith("\\") and tok[1:] in STYLES | set(DECORATIONS):
            self.raw_group()
        if self.peek() == "_":
            self.take()
            self.raw_group()

    def command(self) -> Any:
        tok = self.take()
        name = tok[1:]
        for names, rule in COMMANDS:
            if name in names:
                return getattr(self, f"read_{rule}")(name)
        raise LatexError(f"“{tok}” is not supported")

    # one method per row of COMMANDS; each has just taken `\name`

    def read_greek(self, name: str) -> Any:
        if name == "Delta" and self.peek() is not None and (
                LETTER.match(self.peek()) or self.peek().lstrip("\\") in STYLES | set(GREEK)):
            inner = self.atom()  # Δx: the change of x, one symbol
            if isinstance(inner, Sym):
                return Sym("Δ" + inner.name, inner.time)
        return self.named(GREEK[name])

    def read_fraction(self, name: str) -> Any:
        num = self.group_expr()
        return Op("/", (num, self.group_expr()))

    def read_root(self, name: str) -> Any:
        if self.peek() == "[":
            self.take()
            index = self.expr()
            self.take("]")
            return Op("^", (self.group_expr(), Op("/", (Num(1.0), index))))
        return Call("sqrt", (self.group_expr(),))

    def read_decoration(self, name: str) -> Any:
        inner = self.raw_group()
        base = self.sub(inner).atom()
        if not isinstance(base, Sym):
            raise LatexError(f"cannot decorate “{''.join(inner)}”")
        return Sym(base.name + DECORATIONS[name], base.time)

    def read_style(self, name: str) -> Any:
        inner = self.raw_group()
        word = "".join(inner)
        if name == "mathbb" and word in ("1", "I") and self.peek() in ("[", "("):
            return self.indicator()
        if name in ("mathrm", "mathbb", "operatorname") and word in ("E", "Var") and self.peek() == "[":
            return self.bracketed(word)
        if name == "mathrm" and len(word) > 1 and word.isalpha():
            return self.word_or_call(word)
        p = self.sub(inner)
        node = p.atom()
        while not p.at_end() and isinstance(node, Sym):  # \mathbf{x}' etc.
            nxt = p.atom()
            if isinstance(nxt, Sym):
                node = Sym(node.name + nxt.name)
        return node

    def read_text(self, name: str) -> Any:
        return self.word_or_call("".join(self.raw_group()).strip())

    def read_function(self, name: str) -> Any:
        if name in ("max", "min") and self.peek() == "_":
            return self.reduction(name)  # \max_i x_i: over an index, not of two values
        if self.peek() in ("(", "\\left"):
            return Call(name, self.call_args())
        if self.peek() == "{":
            return Call(name, (self.group_expr(),))
        return Call(name, (self.power(),))

    def read_reduction(self, name: str) -> Any:
        return self.reduction(name)

    def read_integral(self, name: str) -> Any:
        return self.integral()

    def read_cases(self, name: str) -> Any:
        return self.cases(self.raw_group())

    def read_named(self, name: str) -> Any:
        return Sym(NAMED[name])

    def read_partial(self, name: str) -> Any:
        if self.peek() == "_":
            return self.nabla()  # ∂_x f(x): the gradient
        inner = self.atom()  # ∂L: the change of L, one symbol
        return Sym("∂" + inner.name, inner.time) if isinstance(inner, Sym) else Sym("∂")

    def read_gradient(self, name: str) -> Any:
        return self.nabla()  # ∇_θ f(θ)

    def read_infinity(self, name: str) -> Any:
        return Num(math.inf)

    def reduction(self, op: str) -> Reduce:
        """\\sum_{i=1}^{n}, \\prod_i, \\max_i: the body reduced over the index, along the feature axis."""
        index = lower = upper = None
        for _ in range(2):
            if self.peek() == "_":
                self.take()
                toks = self.raw_group()
                before, eq, after = (toks[:toks.index("=")], "=", toks[toks.index("=") + 1:]) if "=" in toks \
                    else (toks, "", [])
                letters = [t for t in before if LETTER.match(t)]
                index = letters[0] if letters else None
                lower = self._bound(after) if eq and len(letters) == 1 else None
            elif self.peek() == "^":
                self.take()
                upper = self._bound(self.raw_group())
        if index is None:
            raise LatexError(f"\\{op} needs its index (\\{op}_i …)")
        return Reduce(op, index, self.term(), lower, upper)

    def _bound(self, toks: list[str]) -> Any:
        """A sum's bound (``0``, ``t``, ``n-1``), or None where it is not an expression."""
        try:
            p = self.sub(toks)
            node = p.expr()
            return node if p.at_end() else None
        except LatexError:
            return None

    def indicator(self) -> Call:
        """\\mathbb{1}[c = y], \\mathbb{I}(h(x) \\neq y): 1 where the condition holds, else 0."""
        close = "]" if self.peek() == "[" else ")"
        toks = self.balanced(self.peek(), close)
        sides, rels = self.sub(toks).relation()
        if len(rels) != 1:
            raise LatexError(f"cannot read the condition “{' '.join(toks)}”")
        return Call("indicator", (Op(rels[0], (sides[0], sides[1])),))

    def cases(self, toks: list[str]) -> Call:
        """A piecewise value: ``Call("cases", (value, condition, value, condition, …))``; a
        row without a condition (otherwise) holds where the ones before do not."""
        args: list[Any] = []
        for row in _split(toks, "\\casesrow"):
            value, cond = (_split(row, "\\casesif") + [[]])[:2]
            args.append(self.whole(value))
            if not cond:
                args.append(Num(1.0))
                continue
            sides, rels = self.sub(cond).relation()
            if len(rels) != 1:
                raise LatexError(f"cannot read the condition “{' '.join(cond)}”")
            args.append(Op(rels[0], (sides[0], sides[1])))
        return Call("cases", tuple(args))

    def whole(self, toks: list[str]) -> Any:
        p = self.sub(toks)
        node = p.expr()
        if not p.at_end():
            raise LatexError(f"cannot read “{' '.join(toks)}”")
        return node

    def word_or_call(self, word: str) -> Any:
        key = word.strip()
        if key in ("E", "Var", "var", "Mean", "mean") and self.peek() == "[":
            return self.bracketed("E" if key.lower() in ("e", "mean") else "Var")
        if self.peek() in ("(", "\\left") and key:
            if self.peek() == "\\left":
                self.take()
            return Call(_function_name(key, self.functions), self.call_args())
        if re.fullmatch(r"[A-Za-z]", key):
            return Sym(key)
        return Word(key)

    def integral(self) -> Any:
        lower = upper = None
        for _ in range(2):
            if self.peek() == "_":
                self.take()
                lower = self.group_expr()
            elif self.peek() == "^":
                self.take()
                upper = self.group_expr()
        # find the differential: `d t` (or \mathrm{d} t) at the end of the integrand
        j = len(self.toks) - 1
        var = None
        for k in range(self.i, len(self.toks) - 1):
            if self.toks[k] == "d" and LETTER.match(self.toks[k + 1]):
                var, j = self.toks[k + 1], k
        if var is None or lower is None or upper is None:
            raise LatexError("an integral needs both limits and a differential (d t)")
        body_parser = self.sub(self.toks[self.i:j])
        body_parser.integrating = var
        body = body_parser.expr()
        self.i = j + 2
        return Integral(var, lower, upper, body)


# How each `\name` is read: the first row naming it wins; adding a command is adding a row
# (and, for a new kind of reading, one `read_<rule>` method of the parser).
COMMANDS: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset(GREEK), "greek"),
    (frozenset({"frac", "dfrac", "tfrac", "cfrac"}), "fraction"),
    (frozenset({"sqrt"}), "root"),
    (frozenset(DECORATIONS), "decoration"),
    (frozenset(STYLES), "style"),
    (frozenset({"text", "textrm", "operatorname", "mathit"}), "text"),
    (frozenset({"exp", "ln", "log", "sin", "cos", "tan", "tanh", "sinh", "cosh", "max", "min", "sgn", "Pr"}),
     "function"),
    (frozenset({"sum", "prod"}), "reduction"),
    (frozenset({"int"}), "integral"),
    (frozenset({"cases"}), "cases"),
    (frozenset(NAMED), "named"),
    (frozenset({"partial"}), "partial"),
    (frozenset({"nabla"}), "gradient"),
    (frozenset({"infty"}), "infinity"),
)


def _split(toks: list[str], sep: str) -> list[list[str]]:
    """Split at ``sep`` outside braces."""
    parts: list[list[str]] = [[]]
    depth = 0
    for tok in toks:
        depth += (tok == "{") - (tok == "}")
        if tok == sep and depth == 0:
            parts.append([])
        else:
            parts[-1].append(tok)
    return parts


def _function_name(word: str, known: set[str]) -> str:
    if word in known:
        return word
    low = word.lower()
    return low if low in FUNCTIONS else word


def _plain_symbol(tok: str) -> str:
    if tok.startswith("\\") and tok[1:] in GREEK:
        return GREEK[tok[1:]]
    if tok.startswith("\\") and tok[1:] in STYLES:
        return ""  # \mathcal{B} in a subscript is B
    return tok if tok not in "{}" else ""


def _time_index(text: str) -> int | None:
    """``t`` -> 0, ``t-1`` -> -1, ``t+1`` -> 1, ``t,t-1`` -> 0 (first index wins)."""
    first = text.split(",")[0]
    match = re.fullmatch(r"t([+-]\d+)?", first)
    if match:
        return int(match.group(1) or 0)
    return None


# --- formulas -> statements --------------------------------------------------------------

SPLIT_AND = re.compile(r"\\text\s*\{\s*(and|且|和|以及)\s*\}|\\\\|\\quad\s*,|,\s*\\quad|,\s*\\qquad|;")


def split_top(tokens: list[str]) -> list[list[str]]:
    """Split a formula at top-level separators into candidate statements."""
    parts: list[list[str]] = [[]]
    depth = 0
    for tok in tokens:
        if tok in ("{", "(", "["):
            depth += 1
        elif tok in ("}", ")", "]"):
            depth -= 1
        if depth == 0 and tok in (",", ";", "\\\\"):
            parts.append([])
            continue
        parts[-1].append(tok)
    cleaned = []
    for part in parts:
        while part and part[-1] in (".", "。"):
            part = part[:-1]
        if [t for t in part if t not in SPACES]:
            cleaned.append(part)
    return cleaned


CASES = re.compile(r"\\begin\{cases\}(.*?)\\end\{cases\}", re.S)
IF_WORD = re.compile(r"\\text\s*\{\s*(if|when|若|如果|当)\s*\}")
OTHERWISE = re.compile(r"(\\text\s*\{\s*(otherwise|else|否则|其他|其它)\s*\}|otherwise)?")


def _cases(match: re.Match) -> str:
    """`\\begin{cases} x & x > 0 \\\\ … \\end{cases}` as one group the grammar reads as a
    piecewise value: rows joined by `\\casesrow`, each value and its condition by `\\casesif`."""
    rows = []
    for row in re.split(r"\\\\", match.group(1)):
        if not row.strip():
            continue
        value, _, cond = row.partition("&")
        cond = IF_WORD.sub(" ", cond).strip().rstrip(",.，;。")
        rows.append(f"{value} \\casesif {'' if OTHERWISE.fullmatch(cond.strip()) else cond}")
    return " \\cases{" + " \\casesrow ".join(rows) + "} "


def prepare(latex: str) -> str:
    latex = CASES.sub(_cases, latex)
    text = re.sub(r"\\begin\{(aligned|align\*?|split|gathered|cases)\}|\\end\{(aligned|align\*?|split|gathered|cases)\}",
                  " \\\\\\\\ ", latex)
    text = re.sub(r"\\(?:text|textrm|mathrm)\s*\{\s*(and|且|和|以及|其中|where|with)\s*\}", " ; ", text)
    text = re.sub(r"\\(quad|qquad)", " ", text)
    text = text.strip().rstrip(".,。;")
    return text


def parse_formula(latex: str, functions: set[str] | frozenset = frozenset()) -> list[Statement]:
    """All statements of one formula, in order. Raises :class:`LatexError`."""
    known = set(functions)
    tokens = tokenize(prepare(latex))
    known |= _defined_names(tokens)
    statements: list[Statement] = []
    parts = split_top(tokens)
    merged: list[list[str]] = []
    for part in parts:  # a comma inside a statement (no relation after it) is not a separator
        if merged and not any(t in RELATIONS for t in part) and not _is_keyword_start(part):
            merged[-1] += [","] + part
        elif merged and [t for t in part if t not in SPACES][:1] and [t for t in part if t not in SPACES][0] in RELATIONS:
            merged[-1] += part  # `& = …` on the next row continues a derivation
        else:
            merged.append(part)
    for part in merged:
        statements.extend(_statement(part, known))
    return statements


def _defined_names(tokens: list[str]) -> set[str]:
    """`f(x) = …` defines a function: later `f(…)` is a call, not a product. One pass: the
    next `)` after each position is known from the right."""
    names: set[str] = set()
    next_close = len(tokens)
    for k in range(len(tokens) - 2, -1, -1):
        if tokens[k + 1] == ")":
            next_close = k + 1
        if tokens[k + 1] == "(" and re.match(r"[A-Za-z]$|\\[A-Za-z]+$", tokens[k]):
            if next_close + 1 < len(tokens) and tokens[next_close + 1] == "=":
                name = GREEK.get(tokens[k][1:]) or NAMED.get(tokens[k][1:]) or tokens[k].lstrip("\\")
                if k >= 2 and tokens[k - 1] == "_" and LETTER.match(tokens[k - 2]):
                    name = f"{tokens[k - 2]}_{name}"  # p_X(x) = …
                names.add(name)
    return names


def _is_keyword_start(part: list[str]) -> bool:
    return bool(part) and TEXT_TOKEN.match(part[0]) is not None


def detokenize(tokens: list[str]) -> str:
    out: list[str] = []
    for tok in tokens:
        if out and out[-1][-1:].isalpha() and tok[:1].isalpha() and COMMAND.fullmatch(out[-1]):
            out.append(" ")  # `\alpha x`, not `\alphax`
        out.append(tok)
    return "".join(out)


def _statement(tokens: list[str], functions: set[str]) -> list[Statement]:
    toks = [t for t in tokens if t not in SPACES]
    text = detokenize(toks)
    # \text{if …}: / \text{else}: / \text{return …}
    first = TEXT_TOKEN.match(toks[0]) if toks else None
    if first:
        words = first.group(2).split()
        head = words[0].lower() if words else ""
        rest = toks[1:]
        if head in ("if", "如果", "若", "当", "when"):
            cond_word = " ".join(words[1:]).strip()
            colon = rest.index(":") if ":" in rest else len(rest)
            cond_expr_toks = rest[:colon]
            cond: Any
            if cond_word and not cond_expr_toks:
                cond = Word(cond_word)
            else:
                sides, rels = _Parser(cond_expr_toks, functions).relation() if cond_expr_toks else ([], [])
                if not rels:
                    raise LatexError(f"cannot read the condition of “{text}”")
                cond = (rels[0], sides[0], sides[1])
            guard = Statement("guard", cond=cond, text=text)
            body = rest[colon + 1:]
            out = [guard]
            if [t for t in body if t not in SPACES]:
                out.extend(_statement(body, functions))
                out[0].kind = "if"  # a guard with a body governs only that body
            return out
        if head in ("else", "otherwise", "否则"):
            colon = rest.index(":") if ":" in rest else -1
            body = rest[colon + 1:]
            out = [Statement("else", text=text)]
            if [t for t in body if t not in SPACES]:
                out.extend(_statement(body, functions))
            return out
        if head == "return":
            return [Statement("return", text=text)]
    parser = _Parser(toks, functions)
    sides, rels = parser.relation()
    if not parser.at_end():
        raise LatexError(f"cannot read “{' '.join(parser.toks[parser.i:])}” in “{text}”")
    if not rels:
        return [Statement("expr", expr=sides[0], text=text)]
    if len(rels) == 1 and rels[0] == "=" and isinstance(sides[0], Op) and sides[0].op == "^" \
            and isinstance(sides[0].args[0], Sym) and sides[0].args[1] == Num(2.0):
        # `σ^2 = …` defines σ
        return [Statement("assign", target=sides[0].args[0], expr=Call("sqrt", (sides[1],)), rel="=", text=text)]
    if len(rels) == 1 and rels[0] in ("=", "<-") and isinstance(sides[0], (Sym, Call)):
        kind = "update" if rels[0] == "<-" else "assign"
        return [Statement(kind, target=sides[0], expr=sides[1], rel=rels[0], text=text)]
    return [Statement("claim", expr=sides[0], rel=rels[0], rhs=sides[-1], text=text, sides=tuple(sides),
                      rels=tuple(rels))]


# --- plain text that lost its markup ----------------------------------------------------

@dataclass(frozen=True)
class Reading:
    latex: str
    repairs: tuple[str, ...] = ()


def plain_readings(text: str) -> list[Reading]:
    """The ways to read a formula whose superscripts and roots were lost in a copy.

    Each line break is where the copy dropped structure: a lone number after a term was an
    exponent (``x⏎3`` is x³) or a factor; a lone fraction after ``(`` sat under a root
    (``(⏎2/π`` is √(2/π)) or not; ``ex`` in ``ln(1 + ex)`` was eˣ or e·x. The first
    reading is the most literal one.
    """
    base = (text.replace("∗", "*").replace("×", "*").replace("·", "*").replace("−", "-")
            .replace("π", "\\pi "))
    lines = [l.strip() for l in base.split("\n") if l.strip()]
    choices: list[list[tuple[str, str | None]]] = []
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else ""
        if i and re.fullmatch(r"\d+", line) and re.search(r"[\w)]\s*$", prev):
            choices.append([(" " + line + " ", None), ("^{" + line + "}", f"{line} on its own line read as an exponent")])
        elif i and re.fullmatch(r"[\w\\ .]+/[\w\\ .]+", line) and prev.endswith("("):
            choices.append([("(" + line + ")", None), ("\\sqrt{" + line + "}", f"√ restored over {line}")])
        else:
            choices.append([(line, None)])
    readings: list[Reading] = []
    # the fewest repairs first, and only so many: N doubtful lines are 2^N readings
    for combo in itertools.islice(_fewest_first(choices), MAX_READINGS):
        latex = " ".join(c[0] for c in combo).replace(" ^{", "^{")
        repairs = tuple(c[1] for c in combo if c[1])
        for variant, extra in _exponent_e(latex):
            readings.append(Reading(variant, repairs + extra))
    readings.sort(key=lambda r: len(r.repairs))
    return readings


def _fewest_first(choices: list[list[tuple[str, str | None]]]):
    """Combinations of the choices, those with fewer repairs first, generated lazily."""
    doubtful = [i for i, c in enumerate(choices) if len(c) > 1]
    for repairs in range(len(doubtful) + 1):
        for picked in itertools.combinations(doubtful, repairs):
            yield [c[1] if i in picked else c[0] for i, c in enumerate(choices)]


def _exponent_e(latex: str) -> list[tuple[str, tuple[str, ...]]]:
    match = re.search(r"(?<![A-Za-z\\])e([a-z])(?![A-Za-z(])", latex)
    if not match:
        return [(latex, ())]
    literal = latex[: match.start()] + f"e {match.group(1)}" + latex[match.end():]
    power = latex[: match.start()] + f"e^{{{match.group(1)}}}" + latex[match.end():]
    return [(literal, ()), (power, (f"e{match.group(1)} read as e^{match.group(1)}",))]
