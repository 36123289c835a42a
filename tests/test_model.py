"""Serialized state round-trips: cards (the quiz store keeps them as JSON) and verdicts (the cache)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from studydeck.model import Card, CardKind, Source
from studydeck.verify.result import Result, Verdict

text = st.text(max_size=40)
sources = st.builds(Source, path=text, line=st.integers(min_value=1, max_value=10**6))
cards = st.builds(
    Card, kind=st.sampled_from(CardKind), key=text, doc=text, deck=st.tuples(text, text), front=text, back=text,
    source=sources, extra=text, concept=text, formulas=st.lists(text, max_size=3).map(tuple),
    plain_formula=st.booleans(), code=text, language=text, flags=st.lists(text, max_size=3).map(tuple),
    symbols=st.lists(st.tuples(text, text), max_size=3).map(tuple), guards=st.lists(text, max_size=2).map(tuple),
    lang=st.sampled_from(["zh", "en"]), param=text, default=st.none() | text,
    sibling=text, legacy_key=text)
results = st.builds(
    Result, uid=text, source=sources, concept=text, verdict=st.sampled_from(Verdict), detail=text,
    max_abs_diff=st.none() | st.floats(allow_nan=False), inputs=st.dictionaries(text, st.integers(), max_size=3),
    binding=st.dictionaries(text, text, max_size=3), example=text, fix_at=st.none() | sources, reason=text,
    facts=st.dictionaries(text, st.integers() | text, max_size=3), reference=text,
    notes_value=st.none() | st.floats(allow_nan=False), torch_value=st.none() | st.floats(allow_nan=False),
    culprits=st.lists(sources, max_size=3), reading=text, deprecations=st.lists(st.fixed_dictionaries({'line': st.integers(1, 99), 'call': text, 'use': text}), max_size=2),
    configs_checked=st.lists(st.dictionaries(text, st.booleans(), max_size=2), max_size=2),
    configs_failing=st.lists(st.dictionaries(text, st.booleans(), max_size=2), max_size=2), output=text)


@given(cards)
def test_card_round_trip(card: Card) -> None:
    again = Card.from_dict(json.loads(json.dumps(card.to_dict())))
    assert again == card and again.uid == card.uid


@given(results)
def test_result_round_trip(result: Result) -> None:
    assert Result.from_dict(json.loads(json.dumps(result.to_dict()))) == result


@given(cards, text)
def test_identity_does_not_depend_on_text(card: Card, other: str) -> None:
    from dataclasses import replace

    assert replace(card, front=other, back=other, source=Source("elsewhere.md", 1)).uid == card.uid
    assert replace(card, key=card.key + "x").uid != card.uid


@given(cards)
def test_card_json_is_its_dict_encoded(card: Card) -> None:
    """The JSON a card keeps of itself is what encoding its dict gives, and reads back as it."""
    assert card.json == json.dumps(card.to_dict(), ensure_ascii=False, sort_keys=True)
    assert Card.from_dict(json.loads(card.json)) == card


@given(cards)
def test_card_sent_to_another_process_keeps_its_digest(card: Card) -> None:
    import pickle

    digest = card.digest
    again = pickle.loads(pickle.dumps(card))
    assert again == card and again.digest == digest and again.json == card.json
