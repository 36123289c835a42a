"""A quiz written with its answers further on (“**Q1.** …” over “**A1.** …”): each question a
card, answered by its own number, and neither half read again for cards of its own."""

from __future__ import annotations

from studydeck.cards import extract_cards
from studydeck.model import CardKind
from studydeck.notes import parse_notes

QUIZ = """# Self-quiz: entropy

## Questions

**Q1.** Entropy of a fair 6-sided die?

**Q2.** When is $H(X,Y) = H(X) + H(Y)$?

**Q3.** $I(X;Y) = 0$ iff ... ?

## Answers

**A1.** $\\log_2 6 \\approx 2.585$ bits.

**A3.** iff X and Y are independent.

**A2.** Chain rule first:

$$H(X,Y) = H(X) + H(Y \\mid X)$$

so exactly when X and Y are independent.

## Also

- Cross-entropy: the expected code length under q of data from p
"""


def test_each_question_is_answered_by_the_answer_of_its_number() -> None:
    cards, _ = extract_cards(parse_notes(QUIZ, "quiz.md"))
    asked = {c.front: c for c in cards if c.kind is CardKind.MANUAL}
    assert set(asked) == {"Entropy of a fair 6-sided die?", "When is $H(X,Y) = H(X) + H(Y)$?",
                          "$I(X;Y) = 0$ iff ... ?"}
    assert asked["Entropy of a fair 6-sided die?"].back == "$\\log_2 6 \\approx 2.585$ bits."
    assert asked["$I(X;Y) = 0$ iff ... ?"].back == "iff X and Y are independent."
    # an answer runs on to its formula and the words after it, up to the next answer or heading
    two = asked["When is $H(X,Y) = H(X) + H(Y)$?"].back
    assert two.startswith("Chain rule first:") and "H(Y \\mid X)" in two and two.endswith("independent.")
    assert asked["Entropy of a fair 6-sided die?"].source.line == QUIZ.splitlines().index(
        "**Q1.** Entropy of a fair 6-sided die?") + 1
    # neither half makes cards of its own (no formula card cut from a question or an answer);
    # the rest of the notes still does
    assert not [c for c in cards if c.kind is CardKind.FORMULA]
    assert any(c.kind is CardKind.DEFINITION and "Cross-entropy" in c.front for c in cards)



def test_an_answer_pairs_with_the_latest_question_of_its_number_and_a_is_not_always_an_answer() -> None:
    notes = ("# Notes\n\n## Week 1\n\n**Q1.** What is a perceptron?\nA linear threshold unit.\n\n"
             "A 2-layer MLP can overfit a small dataset.\n\n**Dropout**: zeroes activations at random.\n\n"
             "## Week 2\n\n**Q1.** What does softmax output?\n\n**Q2.** What is the cross-entropy of one-hot y?\n\n"
             "## Week 2 answers\n\n**A1.** A probability distribution.\n\n**A2.** $-\\log p_y$\n\n"
             "**Momentum**: a running average of gradients.\n")
    cards, _ = extract_cards(parse_notes(notes, "w.md"))
    asked = {c.front: c.back for c in cards if c.kind is CardKind.MANUAL}
    assert asked["What does softmax output?"] == "A probability distribution."
    assert asked["What is the cross-entropy of one-hot y?"] == "$-\\log p_y$"
    # the answers end where a definition of its own begins; Week 1's own lines are read as ever
    definitions = {c.front: c.back for c in cards if c.kind is CardKind.DEFINITION}
    assert any("Momentum" in f for f in definitions) and any("Dropout" in f for f in definitions)
    assert not any("-layer MLP" in back for back in asked.values())
