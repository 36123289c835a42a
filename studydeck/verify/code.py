"""What a code block is before it runs: whether it is Python meant to run, which earlier
blocks of its file it needs, and what it claims to print.

A block gets a verdict only when it is Python meant to run: fenced ``python``/``py``/
``pycon`` (or unlabelled and parsing as Python), free of notebook magics, and using no name
that the file never defines. It then runs after exactly the earlier blocks that define the
names it uses (and what those need in turn), never after the whole notebook.
"""

from __future__ import annotations

import ast
import builtins
import re
import symtable
import sys
import textwrap
import unicodedata
from dataclasses import dataclass, field

from studydeck.printed import MACHINE, PROMPT, as_pycon, echo_evaluated, pycon_source, transcript_output

TORCH_CALL = re.compile(r"\btorch\.([A-Za-z_][\w.]*)\s*\(")
DOC_DEPRECATED = re.compile(r"`?(torch\.[\w.]+)`? is deprecated in favou?r of :func:`(torch\.[\w.]+)`")

NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
# what makes a block's printed values differ from run to run, or from the notes' machine
UNSTEADY = re.compile(r"\brand\w*\(|random|normal_\(|uniform_\(|\binit\.|dropout|shuffle|multinomial|"
                      # (draws from a distribution: “q.rsample((1000,))”, “torch.normal(0, 1, (3,))”, “torch.bernoulli(p)”)
                      r"\.r?sample(?:_n)?\(|\b(?:torch\.)?(?:normal|bernoulli|poisson)\(|"
                      r"\bempty(?:_like)?\(|(?-i:\bTensor\()|"  # (memory left as it was found)
                      + MACHINE.pattern + "|"
                      r"\btime\.|datetime|perf_counter|nn\.(?:Linear|Conv|LSTM|GRU|RNN|Embedding|Bilinear|"
                      r"Transformer|MultiheadAttention|Parameter|LazyLinear)", re.I)
EXPECTS_ERROR = re.compile(r"#.*(?:error|raises|exception|fails|报错|错误|异常|出错)", re.I)


ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")
NUMPY_SCALAR = re.compile(r"\bnp\.(?:float|int|uint|bool|complex|str)\w*\(([^()]*)\)")


def same_output(expected: str, printed: str) -> bool:
    """Equal as printed, or number by number at the precision the notes write them."""
    # NumPy 2 writes a scalar as “np.float32(1.118034)”, NumPy 1 (and most notes) as “1.118034”;
    # an object's address (“<AddBackward0 object at 0x7f…>”) differs from run to run
    # (and IPython writes it without the “object”: “<torch._C.Generator at 0x7f…>”)
    a, b = (" ".join(ADDRESS.sub("0x…", NUMPY_SCALAR.sub(r"\1", text)).replace(" object at 0x…", " at 0x…").split())
            for text in (expected, printed))
    if a == b:
        return True
    scalar = ZERO_DIM.fullmatch(b)
    if scalar and re.fullmatch(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan)", a):
        # (“torch.tensor(1e-8).half()  # 0.”: the value of a one-number tensor, without its dtype; “inf” is only inf)
        stated, printed = a.lstrip("+"), scalar.group(1).lstrip("+")
        if re.search(r"inf|nan", stated + printed):
            return stated == printed
        return _close(stated, printed)
    if NUMBER.sub("#", a) != NUMBER.sub("#", b):
        return False
    return all(_close(x, y) for x, y in zip(NUMBER.findall(a), NUMBER.findall(b)))


# A tensor of one number as it prints (“tensor(0., dtype=torch.float16)”, “tensor(3)”, “tensor(inf)”).
ZERO_DIM = re.compile(r"tensor\(\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?(?:inf|nan))\s*(?:,\s*[a-z_]+=[^()]*)?\)")


def _close(stated: str, printed: str) -> bool:
    try:
        x, y = float(stated), float(printed)
    except ValueError:
        return False
    mantissa = re.split(r"[eE]", stated)[0]
    decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
    exponent = int(re.split(r"[eE]", stated)[1]) if re.search(r"[eE]", stated) else 0
    step = 10.0 ** (exponent - decimals)
    # (a value written with its exponent, “5.9605e-07”, is stated at its own scale: a rounding error of
    # 2.3842e-07 is not it, though both are below a millionth)
    scale = abs(x) if re.search(r"[eE]", stated) else max(1.0, abs(x))
    return abs(x - y) <= max(0.5 * step, 1e-6 * scale) + 1e-12 * scale


RANDOM_INTS = re.compile(r"randint|randperm|shuffle|multinomial|random\.(?:choice|sample)", re.I)


def unsteady(code: str, expected: str, printed: str) -> bool:
    """Random numbers, fresh weights or clocks: values the notes cannot pin down. Only the
    values may differ (a shape or a count that differs is still wrong), and integers only
    where the code draws random integers."""
    a, b = " ".join(expected.split()), " ".join(printed.split())
    if UNSTEADY.search(code) is None or NUMBER.sub("#", a) != NUMBER.sub("#", b):
        return False
    differing = [(x, y) for x, y in zip(NUMBER.findall(a), NUMBER.findall(b)) if not _close(x, y)]
    floats = any(re.search(r"[.eE]", x + y) for x, y in differing)
    return floats or RANDOM_INTS.search(code) is not None


def expects_error(code: str, line: int, error: str = "") -> bool:
    """The line that raised says, in its comment, that it raises; or, in an interpreter
    session, the lines under it show that error (“>>> a.t().view(6)” over “RuntimeError: …”)."""
    lines = as_pycon(code).splitlines()
    if not 0 < line <= len(lines):
        return False
    if EXPECTS_ERROR.search(lines[line - 1]) is not None:
        return True
    kind = error.split(":", 1)[0].strip()
    # (IPython names a module's exception without its module: “StatisticsError: …” for statistics.StatisticsError)
    kinds = (kind, kind.rsplit(".", 1)[-1]) if kind else ()
    if not any(PROMPT.match(shown) for shown in lines):
        return False  # not an interpreter session: nothing under the line is what it showed
    for shown in lines[line:]:
        if PROMPT.match(shown):
            break
        if kind and shown.strip().startswith((*kinds, "Traceback")):
            return True
    return False


def deprecated_calls(code: str) -> list[tuple[int, str, str]]:
    """torch calls whose own documentation says they are deprecated: (line, call, replacement)."""
    found = []
    names = {m.group(1) for m in TORCH_CALL.finditer(code)}
    if not names:
        return found
    import torch

    for name in sorted(names):
        obj = torch
        for part in name.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                break
        doc = getattr(obj, "__doc__", None) or ""
        match = DOC_DEPRECATED.search(" ".join(doc.split()))
        if match:
            for number, line in enumerate(code.splitlines(), start=1):
                if re.search(rf"\btorch\.{re.escape(name)}\s*\(", line):
                    found.append((number, f"torch.{name}", match.group(2)))
    return found


def uses_missing_modules(code: str) -> list[str]:
    import importlib.util

    missing = []
    for match in re.finditer(r"^\s*(?:from|import)\s+([A-Za-z_][\w]*)", code, re.M):
        name = match.group(1)
        if name not in sys.builtin_module_names and importlib.util.find_spec(name) is None:
            missing.append(name)
    return sorted(set(missing))


PYTHON = {"python", "py", "python3", "ipython", "pycon", "ipython3", ""}
MAGIC = re.compile(r"^\s*(%%?[A-Za-z]|!\S)")
# arrows and box drawing: a fence that holds them outside strings is a diagram, not code
DIAGRAM = re.compile("[\u2190-\u21ff\u2500-\u257f\u27f0-\u27ff\u2900-\u297f]")
BUILTINS = set(dir(builtins)) | {"__name__", "__doc__", "__builtins__", "__spec__", "__loader__"}


@dataclass
class Block:
    """A code card as the runner sees it: its source and what it binds and needs."""

    source: str
    skip: tuple[str, dict] | None = None       # (reason, facts) when it must not run
    defines: set[str] = field(default_factory=set)
    uses: set[str] = field(default_factory=set)
    star: bool = False                           # ``from m import *``: defines unknown names
    shown: dict[int, str] | None = None          # a console transcript: line -> what it shows printed


def read_block(code: str, language: str) -> Block:
    language = language.lower()
    if language not in PYTHON:
        return Block(code, ("not-python", {"language": language}))
    shown = None
    code = as_pycon(code)
    if language == "pycon" or any(PROMPT.match(line) for line in code.lstrip("\n").splitlines()[:1]):
        code, shown = pycon_source(code), transcript_output(code)
    else:
        code = echo_evaluated(code)  # “x.view(-1, 2)  # (6, 2)”: the line shows what it gives
    code = textwrap.dedent(code)  # a few lines lifted out of a function, still indented: an excerpt
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError) as exc:
        block = Block(code, _unparsable(code, language, exc))
        if block.skip[0] == "notebook-magic":
            _magic_names(block)  # not run, but later blocks may build on what it defines
        return block
    block = Block(code, shown=shown)
    _names(tree, block)
    return block


def _magic_names(block: Block) -> None:
    plain = "\n".join("" if MAGIC.match(line) else line for line in block.source.splitlines())
    try:
        tree = ast.parse(plain)
    except (SyntaxError, ValueError):
        return
    names = Block(plain)
    _names(tree, names)
    block.defines, block.uses, block.star = names.defines, names.uses, names.star


def _unparsable(code: str, language: str, exc: Exception) -> tuple[str, dict]:
    magic = next((line.strip() for line in code.splitlines() if MAGIC.match(line)), None)
    if magic is not None:
        return "notebook-magic", {"magic": magic[:60]}
    bare = _outside_strings(code)
    if DIAGRAM.search(bare):
        return "diagram", {"char": DIAGRAM.search(bare).group()}
    if _prose(bare):
        return "prose", {}
    if not language:
        return "unlabelled-not-python", {}
    line = getattr(exc, "lineno", None) or 1
    return "syntax-error", {"error": f"{type(exc).__name__}: {getattr(exc, 'msg', exc)}", "line": line}


def _outside_strings(code: str) -> str:
    """The code without its string literals and comments (a best effort for code that does not parse)."""
    code = re.sub(r"(\"\"\"|''')[\s\S]*?(\1|$)", "", code)
    code = re.sub(r"\"[^\"\n]*\"|'[^'\n]*'", "", code)
    return re.sub(r"#.*", "", code)


def _prose(bare: str) -> bool:
    """Sentences, not statements: most lines are mostly letters of a script Python names rarely use."""
    lines = [line for line in bare.splitlines() if line.strip()]
    if not lines:
        return False
    wordy = sum(1 for line in lines
                if sum(1 for ch in line if ord(ch) > 0x2e7f and unicodedata.category(ch).startswith("L")) * 2
                > len(line.strip()))
    return wordy * 2 > len(lines)


def _names(tree: ast.AST, block: Block) -> None:
    """What the block binds at module level and the module-level names it reads, scope by
    scope: a function's parameter ``f`` is not the notebook's ``f``."""
    block.star = any(isinstance(n, ast.ImportFrom) and any(a.name == "*" for a in n.names) for n in ast.walk(tree))
    try:
        top = symtable.symtable(block.source, "<card>", "exec")
    except (SyntaxError, ValueError):
        return
    tables = [top]
    while tables:
        table = tables.pop()
        tables.extend(table.get_children())
        for sym in table.get_symbols():
            name = sym.get_name()
            if table is top:
                if sym.is_assigned() or sym.is_imported() or sym.is_namespace():
                    block.defines.add(name)
                elif sym.is_referenced():
                    block.uses.add(name)
            elif sym.is_global():
                if sym.is_declared_global() and sym.is_assigned():
                    block.defines.add(name)
                elif sym.is_referenced():
                    block.uses.add(name)
    early = _read_before_bound(tree)
    block.uses |= early
    block.uses -= (block.defines - early) | BUILTINS


def _read_before_bound(tree: ast.AST) -> set[str]:
    """Module-level names a statement reads as it rebinds them (``x += 1``, ``x = x * 2``)
    before anything earlier in the block bound them: the block needs them from an earlier one
    although it also binds them."""
    out: set[str] = set()
    bound: set[str] = set()
    for statement in getattr(tree, "body", []):
        here: set[str] = set()
        todo = [statement]
        while todo:
            node = todo.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                continue
            if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                here.add(node.target.id)
            elif isinstance(node, ast.Assign):
                targets = {t.id for t in node.targets if isinstance(t, ast.Name)}
                here |= targets & {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
            todo.extend(ast.iter_child_nodes(node))
        out |= here - bound
        bound |= {n.id for n in ast.walk(statement) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        bound |= {n.name for n in ast.walk(statement) if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        bound |= {(a.asname or a.name).split(".")[0] for n in ast.walk(statement)
                  if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
    return out


@dataclass
class Needs:
    """What block ``index`` needs first: earlier blocks to run (file order), names no earlier
    block defines, and earlier blocks it builds on that are not run themselves."""

    run_first: list[int]
    missing: set[str]
    blocked: list[int]


def needs(index: int, blocks: list[Block]) -> Needs:
    wanted: set[int] = set()
    blocked: set[int] = set()
    missing: set[str] = set()
    todo = [index]
    while todo:
        at = todo.pop()
        for name in sorted(blocks[at].uses):
            giver = next((j for j in range(at - 1, -1, -1) if name in blocks[j].defines or blocks[j].star), None)
            if giver is None:
                if not blocks[at].star:
                    missing.add(name)
            elif blocks[giver].skip is not None:
                blocked.add(giver)
            elif giver not in wanted:
                wanted.add(giver)
                todo.append(giver)
    return Needs(sorted(wanted), missing, sorted(blocked))
