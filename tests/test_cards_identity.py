"""Card identity comes from what a card is about, never from where it stands.

Anki keeps a note's review history under its GUID, and the GUID is the card's uid: a card
that keeps its content must keep its uid whatever is inserted, deleted or moved around it.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from studydeck.cards import extract_cards
from studydeck.model import Card, CardKind
from studydeck.notes import parse_notes


def cards_of(text: str) -> list[Card]:
    return extract_cards(parse_notes(text, "t.md"), "t.md")[0]


def uids_by_back(text: str) -> dict[str, str]:
    cards = cards_of(text)
    # code that asks what it prints shows its code on the front, its answer comes from a run
    by_back = {c.back or c.front: c.uid for c in cards}
    assert len(by_back) == len(cards), "every card of these notes has its own answer"
    return by_back


# One block of notes per fact, each with an anchor of its own: formulas with a left-hand
# side, formulas without one, formulas under a condition, code, hand-written questions.
def block(i: int) -> str:
    kind = i % 5
    if kind == 0:
        return f"- $f_{{{i}}}(x) = x + {i}$"
    if kind == 1:
        return f"- $x_{{{i}}} < {i} y$"
    if kind == 2:
        return f"- 当 $t = {i}$ 时，$b_t = {i} g_t$"
    if kind == 3:
        return f"```python\nvalue_{i} = {i}\nprint(value_{i})\n```"
    return f"Q: what is item {i}?\nA: the number {i}."


def section(indices: list[int]) -> str:
    return "# T\n\n## S\n\n" + "\n\n".join(block(i) for i in indices) + "\n"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 59), min_size=1, max_size=12, unique=True), st.data())
def test_inserting_or_deleting_a_card_changes_no_other_uid(indices: list[int], data) -> None:
    before = uids_by_back(section(indices))
    edited = list(indices)
    fresh = data.draw(st.integers(60, 99))
    edited.insert(data.draw(st.integers(0, len(edited))), fresh)
    if len(edited) > 2:
        del edited[data.draw(st.integers(0, len(edited) - 1))]
    after = uids_by_back(section(edited))
    for back, uid in after.items():
        if back in before:
            assert before[back] == uid, back
    assert len(set(after.values())) == len(after)


@settings(max_examples=30, deadline=None)
@given(st.permutations(["A", "B", "C", "D"]))
def test_reordering_sections_keeps_every_uid(order: list[str]) -> None:
    def notes(names: list[str]) -> str:
        parts = [f"## {n}\n\n- $g_{n}(x) = 2x$\n- {n}-term: what {n} means\n\n```python\nprint('{n}')\n```"
                 for n in names]
        return "# T\n\n" + "\n\n".join(parts) + "\n"

    original = {(c.deck, c.back): c.uid for c in cards_of(notes(["A", "B", "C", "D"]))}
    moved = {(c.deck, c.back): c.uid for c in cards_of(notes(order))}
    assert original == moved and len(original) == 12


ERF = """# 笔记

## erf
{insert}定义：$\\text{{erf}}(x) = \\frac{{2}}{{\\sqrt{{\\pi}}}} \\int_0^x e^{{-t^2}} dt$

性质：$\\text{{erf}}(-x) = -\\text{{erf}}(x)$
"""


def test_inserting_erfc_above_erf_keeps_the_history_where_it_was() -> None:
    before = cards_of(ERF.format(insert=""))
    after = cards_of(ERF.format(insert="插入：$\\text{erfc}(x) = 1 - \\text{erf}(x)$\n\n"))
    old = {c.back: c.uid for c in before}
    new = {c.back: c.uid for c in after}
    assert len(old) == 2 and len(new) == 3
    for back, uid in old.items():
        assert new[back] == uid
    (erfc,) = [c for c in after if "erfc" in c.back]
    assert erfc.uid not in old.values()


def test_legacy_keys_are_the_earlier_positional_keys() -> None:
    """A state file written by the earlier scheme maps these keys to GUIDs; export migrates them."""
    cards = cards_of(ERF.format(insert="") + "\n```python\nprint(1)\n```\n\nQ: why?\nA: because.\n")
    legacy = {c.kind: [] for c in cards}
    for card in cards:
        legacy[card.kind].append(card.legacy_key)
    assert legacy[CardKind.FORMULA] == ["formula:#1", "formula:#2"]
    assert legacy[CardKind.CODE] == ["code:1"] and legacy[CardKind.MANUAL] == ["manual:1"]
    assert all(c.legacy_uid and c.legacy_uid != c.uid for c in cards if c.kind is CardKind.FORMULA)


def test_equal_anchors_are_told_apart_by_their_order_among_equals_only() -> None:
    text = "# T\n\n## S\n\n- 步骤一：$y = a + 1$\n- 其他：$z = 3a$\n- 步骤二：$y = 2a$\n"
    keys = [c.key for c in cards_of(text)]
    assert keys == ["formula:/y", "formula:/z", "formula:/y#2"]
    unrelated_inserted = [c.key for c in cards_of(text.replace("- 其他", "- 新的：$w = a^2$\n- 其他"))]
    assert unrelated_inserted == ["formula:/y", "formula:/w", "formula:/z", "formula:/y#2"]
