"""What code in the notes says it prints: the outputs written beside or under its prints, and
an interpreter session's lines. Read by the card rules (which ask what a block prints) and by
the verifier (which checks it), so it sits below both and imports neither."""

from __future__ import annotations

import ast
import builtins
import io
import re
import textwrap
import tokenize
import warnings

PROMPT = re.compile(r"^(>>>|\.\.\.)( |$)")

# The flag a code card carries the output pasted under its block with, as the notes show it printed.
SHOWN_OUTPUT = "shown-output:"

EXPECTED = re.compile(r"#\s*(?:输出|结果|(?:output|out|prints?)\b(?!\s*\()|=>|->)\s*[:：]?\s*(?P<value>.+?)\s*$", re.I)


WORDS = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def expected_outputs(code: str, beside: bool = True) -> dict[int, str]:
    """``print(x)  # 输出：2`` -> {line: "2"}. A comment in words (``# 输出：同上``, “same as
    above”) describes the output rather than stating it, and is no claim. What a print showed
    may also stand in the comment lines under it, as a notebook's output is pasted
    (``# tensor([1, 2])``, or ``# 输出:`` over the printed lines). ``beside``: and a value written beside its
    print as Python shows it, with no word that says so (``print(x.sum())  # tensor(6.)``)."""
    return {number: value for number, value, _, _ in _output_claims(code.splitlines(), beside)}


def without_shown_outputs(code: str) -> str:
    """The code with the outputs it states taken out: what a learner sees when asked what it
    prints (and a value written beside a print in its own way, “# [0.8333 0.1667]”, as well)."""
    lines = code.splitlines()
    keep = [True] * len(lines)
    claims = list(_output_claims(lines))
    for number, _, cut, below in claims:
        lines[number - 1] = lines[number - 1][:cut].rstrip()
        for i in range(number, number + below):
            keep[i] = False
    for number, cut in loose_outputs(code, {number for number, _, _, _ in claims}).items():
        lines[number - 1] = lines[number - 1][:cut].rstrip()
    for number, (expression, _) in asserted_claims(code).items():
        lines[number - 1] = expression  # (“assert x.dtype == torch.int64  # ints → int64”: asked as “x.dtype”)
    return "\n".join(line for line, kept in zip(lines, keep) if kept)


# A comment that is a value (“# [0.8333 0.1667]”, “# 0.25”, “# (2, 3)”, “# True”), not words (“# 0th column”).
VALUE_COMMENT = re.compile(r"#\s*+(?:->|=>|→)?\s*+(?:\[[-+\d.eE,\s]*+\]|\([-+\d.eE,\s]*+\)|[-+]?\d[\d.eE+-]*+|(?:tensor|array)\(.*\)|"
                           r"True|False|None)\s*+$")


def loose_outputs(code: str, claimed: set[int] | None = None) -> dict[int, int]:
    """{line: where its comment starts} for each print with a value beside it that is no claim (only a tensor's or an
    array's repr beside a print is one: “# [0.8333 0.1667]”, “# 3” are not): not checked, but the answer all the same.
    ``claimed``: the lines whose outputs are claims, where the caller has them already."""
    lines = code.splitlines()
    if claimed is None:
        claimed = {number for number, _, _, _ in _output_claims(lines)}
    found = {}
    for number, line in enumerate(lines, start=1):
        if number in claimed or "print(" not in line or "#" not in line:
            continue
        statement, comment = _without_comment(line)
        if comment and VALUE_COMMENT.match(REMARK_AFTER.sub("", comment.strip())):
            found[number] = line.index("#", len(statement))
    return found


def _output_claims(lines: list[str], beside: bool = True):
    """(print's line, stated value, where the comment on that line starts, comment lines under
    it that belong to the claim) for each print whose output the code states, and for each
    expression a cheat sheet writes its value beside (``x.unsqueeze(0)  # (1, 3, 4)``)."""
    for number, line in enumerate(lines, start=1):
        if "print(" not in line:
            claim = _evaluated(line)
            if claim is not None:
                yield number, claim[1], claim[0], 0
            continue
        match = EXPECTED.search(line)
        header = SHOWN_HEADER.search(line)
        if match and _value_like(match.group("value")):
            yield number, match.group("value"), match.start(), 0
        elif match and (lead := _leading_value(match.group("value"))) is not None:
            yield number, lead, match.start(), 0  # “# -> tensor(3.)   dz/dx = y”: the value, then a remark
        elif beside and (side := _printed_beside(line)) is not None:
            yield number, side[1], side[0], 0
        elif (shown := _shown_below(lines, number, headed=header is not None)) is not None:
            yield number, shown[0], header.start() if header else len(line), shown[1]


# What only a tensor, an array, a size or a dtype prints (“tensor(6.)”, “torch.Size([2, 3])”, “array([1, 2])”).
TORCH_REPR = re.compile(r"(?:tensor|array|torch\.Size)\(|torch\.(?:float|int|bool|complex|uint|bfloat)\d*\b")


def _printed_beside(line: str) -> tuple[int, str] | None:
    """``print(torch.logsumexp(x, 0))  # tensor(1002.4076)``: what the print showed, pasted beside it as Python
    writes it (where the comment starts, the value); not under a loop (a value each pass), not a shape written
    as a tuple (``# (2, 3)`` beside ``print(x.shape)``), not words (``# the mean``)."""
    if line[:1].isspace():
        return None
    statement, comment = _without_comment(line)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # (“'\d'” in the notes' code: an invalid escape, not ours to report)
            body = ast.parse(statement).body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    # (one print, run once, last on its line: not “for i in …: print(i)”, “pprint(…)”, “print(a); print(b)”; “r[0] = 99;
    # print(t[0, 0])” is one)
    printing = [node for node in body if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Name) and node.value.func.id in ("print", "pprint")]
    if not body or printing != body[-1:] or printing[0].value.func.id != "print" \
            or any(isinstance(node, (ast.For, ast.While, ast.If, ast.With, ast.Try)) for node in body):
        return None
    text = REMARK_AFTER.sub("", comment.strip()[1:].strip()) if comment else ""
    # (a repr that opens it, a value whole: not a tuple for a shape, “# (2, 3)”, nor a remark after one; as many
    # values as the print is given, “print(a, b)  # tensor([1., 2.]) tensor([11., 12.])”)
    values, rest = [], text
    while rest and len(values) < max(len(printing[0].value.args), 1):
        value = _leading_value(rest)
        if value is None or not TORCH_REPR.match(value) or not _value_like(value):
            return None  # (“# 10” may be milliseconds, “# 3” Python 2's answer: only a tensor's or an array's repr says so)
        values.append(value)
        rest = rest[len(value):].strip()
    if rest or len(values) != max(len(printing[0].value.args), 1) or printing[0].value.keywords:
        return None
    return line.index("#", len(statement)), " ".join(values)


def evaluated_claims(code: str) -> dict[int, str]:
    """``x.view(-1, 2)  # (6, 2)`` -> {line: "(6, 2)"}: the lines that are one expression with its
    value written beside it, as a cheat sheet writes what each line gives. A tuple of whole
    numbers stands for the value's shape (a tensor's, or the tuple itself)."""
    lines = code.splitlines()
    return {number: claim[1] for number in _one_line_statements(code)
            if "print(" not in lines[number - 1] and (claim := _evaluated(lines[number - 1])) is not None}


def _one_line_statements(code: str) -> set[int]:
    """The lines that hold exactly one whole statement of the block's top level (not a line of a
    string, of a bracket or backslash continued, or of a loop's body); none when it does not parse."""
    try:
        body = ast.parse(code).body
    except (SyntaxError, ValueError):
        return set()
    starts: dict[int, int] = {}
    for node in body:
        starts[node.lineno] = starts.get(node.lineno, 0) + 1
    return {node.lineno for node in body if node.lineno == node.end_lineno and node.col_offset == 0
            and starts[node.lineno] == 1}


def asserted_claims(code: str) -> dict[int, tuple[str, str]]:
    """``assert x.shape == (2, 3)  # a remark`` -> {line: ("x.shape", "(2, 3)")}: the top-level lines that assert
    what an expression gives, as notes that keep facts as asserts write them; the value a literal (a number, a
    string, a tuple or list of them) or a name (``torch.int64``). (``assert torch.allclose(a, b)`` checks the notes'
    own working, true whenever they are right: no value to recall.) None in a block that prints: what it prints is
    its claim, and an assert's value printed beside it would change that."""
    if "print(" in code:
        return {}
    lines = code.splitlines()
    out: dict[int, tuple[str, str]] = {}
    for number in _one_line_statements(code):
        statement, comment = _without_comment(lines[number - 1])
        try:
            (node,) = ast.parse(statement).body
        except (SyntaxError, ValueError):
            continue
        if not isinstance(node, ast.Assert) or SAYS_IT_FAILS.search(comment):
            continue  # (“assert 0.1 + 0.2 == 0.3  # AssertionError!”: shown failing, on purpose)
        test = node.test
        if isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], (ast.Eq, ast.Is)) \
                and _literal(test.comparators[0]) and not _literal(test.left) and not isinstance(test.left, ast.NamedExpr):
            out[number] = (ast.get_source_segment(statement, test.left), ast.get_source_segment(statement, test.comparators[0]))
    return out


# A comment that says its line fails (“# AssertionError!”, “# fails”, “# ❌ wrong”, “# 报错”).
SAYS_IT_FAILS = re.compile(r"error|raises|exception|fails?\b|wrong|❌|✗|✘|报错|错误|异常|出错|不成立", re.I)


def asserts(code: str) -> int:
    """How many asserts the code makes, wherever they stand (0 where it does not parse)."""
    try:
        return sum(isinstance(node, ast.Assert) for node in ast.walk(ast.parse(code)))
    except (SyntaxError, ValueError):
        return 0


def _asserted_of_value(statement: str) -> str:
    """``assert x.sum() == 15, "msg"`` -> ``assert __sd_value == 15, 'msg'``: the assert, of the value worked out once
    (an expression with a side effect, ``next(it)``, runs once)."""
    (node,) = ast.parse(statement).body
    test = node.test  # (a comparison: see asserted_claims)
    test.left = ast.Name("__sd_value", ast.Load())
    return ast.unparse(node)


def _literal(node: ast.AST) -> bool:
    """A value written out: a constant, a negative one, a tuple or list of them, or a dotted name (``torch.float32``)."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return isinstance(node.operand, ast.Constant)
    if isinstance(node, (ast.Tuple, ast.List)):
        return all(_literal(e) for e in node.elts)
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name) and node.id in TAKEN_FOR_GRANTED


def echo_evaluated(code: str) -> str:
    """The code with each line of :func:`evaluated_claims` printing its value where it stands
    (the shape for a shape), so what runs shows what the notes say each line gives."""
    lines = code.splitlines()
    for number, (expression, _) in asserted_claims(code).items():
        # (an assert shows what its left side gives before it holds or fails: what torch gave, beside the claim)
        statement, comment = _without_comment(lines[number - 1])
        lines[number - 1] = f"__sd_value = ({expression}); print(repr(__sd_value)); {_asserted_of_value(statement)}{comment}"
    for number, value in evaluated_claims(code).items():
        line = lines[number - 1]
        statement, comment = _without_comment(line.strip())
        target = _bound_name(statement)
        shown = f"repr(__sd_shape(__sd_value, {value}))" if SHAPE.fullmatch(value) else "repr(__sd_value)"
        run = f"{statement}; __sd_value = {target}" if target else f"__sd_value = ({statement})"
        lines[number - 1] = f"{SHAPE_OF}; {run}; print({shown}){comment}"
    return "\n".join(lines)


# Whole numbers in brackets stand for a tensor's shape (“(3, 1, 4)”, “[8, 16, 16, 16]”) or for the
# value itself (a tuple, a list): shown as written when either holds, else as the shape it is.
# (Names of its own, so the notes' ``_`` keeps what the notes put in it.)
SHAPE_OF = ("__sd_shape = lambda v, c: c if (list(v.shape) == list(c) if hasattr(v, 'shape') else "
            "isinstance(v, (tuple, list)) and list(v) == list(c)) or (hasattr(v, 'tolist') and v.tolist() == list(c)) "
            "else type(c)(v.shape) if hasattr(v, 'shape') else v")


def _bound_name(statement: str) -> str | None:
    """``b = a.view(2, -1)`` -> ``b``: the one name a line binds, or None."""
    try:
        (node,) = ast.parse(statement).body
    except (SyntaxError, ValueError):
        return None
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id
    return None


# A shape written as whole numbers in brackets: “(3, 1, 4)”, “(12,)”, “[8, 16, 16, 16]” (“(15)” is
# a number in brackets, no tuple).
SHAPE = re.compile(r"\(\s*\d+\s*,(?:\s*\d+\s*,)*(?:\s*\d+\s*)?\)|\[\s*\d+\s*(?:,\s*\d+\s*)*\]|\(\s*\)")
# Methods that change their object and give None (“a.append(4)  # [1, 2, 3, 4]” is about ``a``).
IN_PLACE = frozenset({"append", "extend", "insert", "sort", "reverse", "update", "clear", "remove", "add",
                      "discard", "shuffle", "backward", "step", "zero_grad", "manual_seed", "seed"})


def _evaluated(line: str) -> tuple[int, str] | None:
    """(where the comment starts, the value it states) when ``line`` is one whole expression, or
    binds one name to one (``b = a.view(2, -1)  # -> (2, 12)``), whose comment starts with a value
    as Python shows it (no print, no call of a method that only changes its object); words after
    the value are a remark."""
    if "#" not in line or line[:1].isspace() or line.startswith((">>>", "...")):
        return None
    expression, comment = _without_comment(line)
    if not comment or not expression:
        return None
    try:
        (node,) = ast.parse(expression).body
    except (SyntaxError, ValueError):
        return None
    if isinstance(node, ast.Expr):
        body = node.value
    elif _bound_name(expression):
        body = node.value
    else:
        return None
    if isinstance(body, (ast.NamedExpr, ast.Constant, ast.Name)) or isinstance(body, ast.Call) and \
            isinstance(body.func, ast.Attribute) and (body.func.attr.endswith("_") and not body.func.attr.startswith("_")
                                                      or body.func.attr in IN_PLACE):
        return None  # a name or a constant shows nothing new; “x.add_(1)” is about x, not its value
    text = comment.strip().lstrip("#").strip()
    if VARIES.search(text):
        return None
    value = _leading_value(text)
    return (line.index(comment.strip()), value) if value is not None else None


def _leading_value(text: str) -> str | None:
    """“(2, 3) all 0.” -> “(2, 3)”; “tensor([0, 2, 4])  -> int64!” -> “tensor([0, 2, 4])”: the
    value the comment starts with, when what follows it is set apart by spaces. An arrow before the value
    (“-> (2, 12)”) or the word shape (“shape: (2, 12)”) leads to it."""
    text = re.sub(r"^(?:->|=>|→|⇒)\s*", "", text)
    shaped = re.match(r"(?:shape|size)\s*[:=]?\s*(?=\(|torch\.Size)", text, re.I)
    text = text[shaped.end():] if shaped else text
    depth, rest = 0, ""
    for i, ch in enumerate(text):
        depth += (ch in "([{") - (ch in ")]}")
        if depth < 0:
            return None
        if depth == 0 and ch.isspace():
            head, rest = text[:i], text[i:].strip()
            break
    else:
        head = text
    if rest:
        arrow = re.search(r"(?:->|=>|→|⇒)\s*(\S.*)$", rest)
        if re.match(r"(?!->|=>|<-)[-+*/@×÷%=<>|&^]", rest) or arrow and (SHAPE.match(arrow.group(1)) or
                                                             re.match(r"(?:tensor|torch\.Size)\(", arrow.group(1))):
            return None  # “(2, 3) @ (3, 4) -> (2, 4)”: the value is worked out further on, not stated first
        if re.fullmatch(r"[-+]?\d+(?:\.\d+)?", head):
            return None  # “3 rows, 4 cols”, “-1 means infer”: a number in a sentence
    head = head.rstrip(",;")
    if re.fullmatch(r"\(\s*[-+]?\d+(?:\.\d+)?\s*\)", head):
        return None  # “(15)”: a number in brackets, neither a tuple nor a shape
    if re.fullmatch(r"[-+]?(?:inf|nan)", head):
        return None if rest else head  # (“# inf”: a float's overflow, as Python writes it; “# nan when p < 0” says when)
    if not head or WORDS.search(head) or not (SHAPE.fullmatch(head) or SHOWN_VALUE.fullmatch(head)):
        return None  # a bare word (“ok”, “int64”) or a formula (“N(0,1)”) is no value shown
    if not SHAPE.fullmatch(head) and not re.match(r"[\w.]+\(", head) and not DOTTED.fullmatch(head):
        try:
            ast.literal_eval(head)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
    return head


# How Python shows a value a cheat sheet writes beside its line: a tensor, an array, a size, a
# dtype, a number, a list, a truth value.
SHOWN_VALUE = re.compile(r"(?:tensor|array|torch\.Size)\(.*\)|torch\.\w+|[-+]?\d[\d.eE+-]*j?|\[.*\]|\(.*\)|"
                         r"True|False|None|'[^']*'|\"[^\"]*\"", re.S)


# “# 输出:” with nothing after it: the printed lines follow as comments.
SHOWN_HEADER = re.compile(r"#\s*(?:输出|结果|output|out|prints?)\s*[:：]?\s*$", re.I)
COMMENT_LINE = re.compile(r"\s*#\s?(?P<text>.*?)\s*$")
# a remark after the pasted value: “# tensor(24.)   <- accumulated!”, “# tensor([4., 6., 8.])   should be [2, 4, 6] !!”
# (words set apart by two spaces after a bracket that closes it; not a second value, “tensor(1)  tensor(2)”)
# (nor words that set the value against another, “# tensor(3.)   expected by most, but it prints tensor(6.)”)
REMARK_AFTER = re.compile(r"(?<!\s)\s++(?:<-+|←|⬅|//|#).*$|"
                          r"(?<=[)\]])\s{2,}(?:(?:→|->|=>)\s*+)?(?!tensor\(|array\(|torch\.)(?:[^\W\d_]|[✓✔])"
                          r"(?![^\n]*(?:tensor\(|array\(|\bprints?\b|\bexpect|\bactual|\binstead\b|\bbut\b|\bwrong\b|"
                          r"\bincorrect\b|\bguess|而是|其实|实际|错|猜))[^\n]*$")


def _shown_below(lines: list[str], number: int, headed: bool) -> tuple[str, int] | None:
    """The printed value in the comments under line ``number`` (1-based) and how many comment
    lines hold it, or None. Without a
    “# 输出:” heading, only a comment that reads as Python's own output counts (``tensor(12.)``,
    ``torch.Size([3, 4]) torch.float32``, ``418``); words about the code never do."""
    shown: list[str] = []
    for used, line in enumerate(lines[number:number + 20], start=1):
        comment = COMMENT_LINE.fullmatch(line)
        if comment is None:
            break
        text = comment.group("text")
        if not shown and not headed and SHOWN_HEADER.fullmatch("#" + text):
            headed = True  # “# 输出:” on a line of its own
            continue
        said = EXPECTED.fullmatch("#" + text) if not shown else None
        if said:
            headed, text = True, said.group("value")  # “# 输出：tensor(0.4167)” under the print
        shown.append(text if shown else REMARK_AFTER.sub("", text))
        value = "\n".join(shown)
        if _balanced(value):
            value = REMARK_AFTER.sub("", value) if len(shown) > 1 else value
            if not (_value_like(value) if headed else _printed_like(value)):
                return None
            following = COMMENT_LINE.fullmatch(lines[number + used]) if number + used < len(lines) else None
            if following and _printed_like(REMARK_AFTER.sub("", following.group("text"))):
                return None  # “# 0”, “# 1”, “# 2” under a print in a loop: one line per pass, no one value
            return value, used
    return None


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch in "([{") - (ch in ")]}")
    return depth == 0


# what Python prints for one value: a call form (tensor(...), torch.Size([...])), a dotted name
# (torch.float32), a NumPy array's row of numbers
CALL_FORM = re.compile(r"(?:tensor|array|Parameter|(?:torch|np|numpy)\.\w+|[A-Z]\w*)\(.*\)", re.S)
DOTTED = re.compile(r"(?:torch|np|numpy)(?:\.\w+)+")
NUMBER_ROW = re.compile(r"\[[-+\d.eE\s\[\]]*\]")


def _printed_like(text: str) -> bool:
    """Reads as what ``print`` writes, every space-separated part of it a value, no words."""
    if WORDS.search(text) or not text.strip():
        return False
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch in "([{") - (ch in ")]}")
        if ch.isspace() and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts = [p for p in parts + [text[start:]] if p]
    return all(_one_printed_value(p) for p in parts)


def _one_printed_value(part: str) -> bool:
    if CALL_FORM.fullmatch(part) or DOTTED.fullmatch(part) or NUMBER_ROW.fullmatch(part) and re.search(r"\d", part):
        return True
    try:
        ast.literal_eval(part)
        return True
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False


def _value_like(text: str) -> bool:
    """A whole value, as Python would print it (``2``, ``[1, 2]``, ``tensor(6.)``,
    ``torch.Size([3, 5])``), not words about it (``同上``) or the first line of a longer print."""
    if re.fullmatch(r"[-+]?(?:inf|nan)", text.strip()):
        return True  # (“torch.tensor(70000.).half()  # inf”: a float's overflow, as it prints)
    if WORDS.search(text) or not re.search(r"\w", text):
        return False  # “同上”; a lone “:” left over from “# 输出:”
    try:
        ast.literal_eval(text)
        return True
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        pass
    depth = 0
    for ch in text:
        depth += (ch in "([{") - (ch in ")]}")
        if depth < 0:
            return False
    return depth == 0 and (" " not in text or re.fullmatch(r"[\w.]+\(.*\)", text, re.S) is not None)


# What only the machine that runs the code decides: a GPU, a version, a core count.
MACHINE = re.compile(r"\bis_available\(\)|device_count\(|get_device_name|__version__|version\.cuda|cpu_count\(|"
                     r"\bplatform\.", re.I)


# An IPython session's prompts (“In [12]: x.shape”, “   ...: ”, “Out[12]: torch.Size([2])”).
IPYTHON_IN = re.compile(r"^In \[[\d\s*]*\]: ?")
IPYTHON_MORE = re.compile(r"^\s*\.\.\.+: ?")
IPYTHON_OUT = re.compile(r"^Out\[\d*\]: ?")


def as_pycon(code: str) -> str:
    """An IPython session written as the standard interpreter writes one (``In [3]: x`` as
    ``>>> x``, ``Out[3]: 2`` as ``2``), line for line, a magic's cell blank; any other code as it is."""
    first = next((line for line in code.splitlines() if line.strip()), "")
    if not IPYTHON_IN.match(first):
        return code
    if not IPYTHON_IN.sub("", first, count=1).strip():
        # (“In [1]:” alone over a cell's code: a notebook's cells, not a session; the labels are no code)
        return "\n".join("" if IPYTHON_IN.match(line) and not IPYTHON_IN.sub("", line, count=1).strip() else line
                         for line in code.splitlines())
    out = []
    magic = False
    for line in code.splitlines():
        if IPYTHON_IN.match(line):
            # (a magic or a shell escape, “In [3]: %timeit f(x)”, and what it printed: the machine's, set aside)
            magic = IPYTHON_IN.sub("", line, count=1).lstrip().startswith(("%", "!"))
        if magic:
            out.append("")
            continue
        if IPYTHON_IN.match(line):
            line = ">>> " + IPYTHON_IN.sub("", line, count=1)
        elif IPYTHON_MORE.match(line):
            line = "... " + IPYTHON_MORE.sub("", line, count=1)
        elif IPYTHON_OUT.match(line):
            line = IPYTHON_OUT.sub("", line, count=1)
        out.append(line)
    return "\n".join(out)


def pycon_source(code: str) -> str:
    """The statements of a console transcript; output lines become blank, so lines keep their
    numbers. A line that is one whole expression shows its value, as the interpreter does."""
    lines = code.splitlines()
    out = []
    for number, line in enumerate(lines):
        if not PROMPT.match(line):
            out.append("")
            continue
        statement = PROMPT.sub("", line, count=1)
        if _echoed(lines, number):
            expression, comment = _without_comment(statement)
            statement = f"print(repr(_)) if (_ := ({expression})) is not None else None{comment}"
        out.append(statement)
    return "\n".join(out)


def _echoed(lines: list[str], number: int) -> bool:
    """``>>> torch.tensor(5) / 2`` alone on its prompt: the interpreter prints its value."""
    line = lines[number]
    if not line.startswith(">>> ") or "print(" in line or \
            number + 1 < len(lines) and lines[number + 1].startswith("..."):
        return False
    try:
        tree = ast.parse(line[4:], mode="eval")
    except SyntaxError:
        return False
    return not isinstance(tree.body, ast.NamedExpr)


def _without_comment(statement: str) -> tuple[str, str]:
    """``t.std()   # newer: …`` -> (``t.std()``, ``   # newer: …``)."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(statement).readline):
            if token.type == tokenize.COMMENT:
                cut = token.start[1]
                return statement[:cut].rstrip(), "  " + statement[cut:]
    except (tokenize.TokenError, SyntaxError):
        pass
    return statement, ""


def transcript_output(code: str) -> dict[int, str]:
    """``>>> print(x)`` (or a bare expression) and the lines under it: what the transcript
    says that line shows. A shown value with a remark that it varies (“# garbage, differs every
    run”) states nothing."""
    lines = code.splitlines()
    out: dict[int, str] = {}
    current = None
    warned = False
    for number, line in enumerate(lines, start=1):
        if PROMPT.match(line):
            current = number if line.startswith(">>>") and ("print(" in line or _echoed(lines, number - 1)) else None
            warned = False
            continue
        if WARNED.match(line) or warned and line.startswith("  "):
            # (a warning goes to stderr, with the source line it points at under it, but for one typed at the plain
            # console's prompt, “<stdin>:1: UserWarning: …”, which shows none: not what the line printed)
            warned = WARNED.match(line) is not None and not line.startswith("<stdin>")
            continue
        warned = False
        if current is not None and line.strip():
            shown, _, remark = line.partition("  #")
            if VARIES.search(remark) or NOT_PRINTED.match(shown):
                # a value that changes, or a warning or an error the session shows: no printed claim
                out.pop(current, None)
                current = None
                continue
            out[current] = (out[current] + "\n" + shown.rstrip()) if current in out else shown.rstrip()
    return out


# A warning as Python reports it (“<stdin>:1: UserWarning: Using a target size …”), its source line under it.
WARNED = re.compile(r"\S[^\n]*?:\d+: [A-Za-z]*Warning: ")
# What an interpreter session shows that is no printed value: a warning, an error.
NOT_PRINTED = re.compile(r"\s*(?:Traceback|[\w.]*(?:Warning|Error|Exception)\b)")
# A remark that what was shown changes from run to run.
VARIES = re.compile(r"differ|random|garbage|uninitiali[sz]ed|varies|arbitrary|随机|每次|不确定|不一样", re.I)


# The names notes use without importing them (the verifier's worker provides them).
TAKEN_FOR_GRANTED = frozenset({"torch", "nn", "F", "optim", "np", "numpy", "math"})
PYTHON_LANGUAGES = {"python", "py", "python3", "ipython", "pycon", "ipython3", ""}


def free_names(code: str, language: str) -> set[str] | None:
    """The names a Python block uses that it does not bind and Python does not provide; None
    when it is no Python, does not parse, or imports ``*`` (what it binds is then unknown)."""
    if language.lower() not in PYTHON_LANGUAGES:
        return None
    code = as_pycon(code)
    if language.lower() == "pycon" or code.startswith(">>>"):
        code = pycon_source(code)
    try:
        tree = ast.parse(textwrap.dedent(code))
    except (SyntaxError, ValueError):
        return None
    bound, used = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (used if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                if alias.name == "*":
                    return None
                bound.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return used - bound - set(dir(builtins))
