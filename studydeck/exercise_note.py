"""The Anki note type for exercises: every variant travels in the note, a few lines of plain
JavaScript show a random one on each showing.

The first variant is written into the card as text, so a client that runs no scripts
still shows a complete exercise. The model id and field list are frozen like the other
note types' (a changed field list under the same id makes Anki skip every existing note).
"""

from __future__ import annotations

import html
import json

import genanki

from studydeck.exercise import Exercise, render_answer, render_prompt, render_steps

EXERCISE_MODEL_ID = 1735_000_003
EXERCISE_FIELDS = ("Prompt", "Variants", "Answer", "Source")

# Anki desktop puts the card into a page that is already loaded and then runs its scripts;
# AnkiDroid and AnkiMobile load the card as a page and run them while parsing: waiting for
# the DOM covers both. The back shows {{FrontSide}} again, so the choice made on the front
# is carried (a global in the desktop's single page, sessionStorage where each side is a
# page of its own) instead of drawn again.
SCRIPT = """<script>
(function () {
  function show() {
    var data = document.getElementById('sd-ex-data');
    if (!data) return;
    var ex;
    try { ex = JSON.parse(data.textContent); } catch (e) { return; }
    if (!ex.v || !ex.v.length) return;
    var key = 'studydeck-exercise:' + ex.id;
    var answer = document.getElementById('sd-ex-answer');
    var i = null;
    if (answer) {
      var last = window.studydeckExercise;
      if (last && last.key === key) i = last.index;
      else { try { var kept = sessionStorage.getItem(key); if (kept !== null) i = parseInt(kept, 10); } catch (e) {} }
      if (!(i >= 0 && i < ex.v.length)) i = 0;
    } else {
      i = Math.floor(Math.random() * ex.v.length);
      window.studydeckExercise = {key: key, index: i};
      try { sessionStorage.setItem(key, String(i)); } catch (e) {}
    }
    var v = ex.v[i];
    document.getElementById('sd-ex-prompt').textContent = v.q;
    if (answer) {
      answer.querySelector('.exercise-answer').textContent = v.a;
      answer.querySelector('.exercise-steps').textContent = v.s;
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
  else show();
})();
</script>"""

QUESTION = ('<div id="sd-ex-prompt" class="exercise-prompt">{{Prompt}}</div>'
            '<script type="application/json" id="sd-ex-data">{{Variants}}</script>' + SCRIPT)
ANSWER = ('{{FrontSide}}<hr id=answer><div id="sd-ex-answer">{{Answer}}</div>'
          '<div class=source>{{Source}}</div>' + SCRIPT)

CSS = """
.card { font-family: -apple-system, "PingFang SC", "Noto Sans CJK SC", sans-serif;
        font-size: 20px; text-align: left; color: #222; background: #fff; line-height: 1.5; }
.nightMode.card, .night_mode .card { color: #eee; background: #1e1e1e; }
.exercise-answer { font-weight: bold; }
.exercise-steps { margin-top: .5em; font-size: 0.9em; color: #555; }
.source { margin-top: 1.5em; font-size: 0.7em; color: #999; font-family: monospace; }
"""


def exercise_model() -> genanki.Model:
    return genanki.Model(
        EXERCISE_MODEL_ID, "studydeck exercise",
        fields=[{"name": n} for n in EXERCISE_FIELDS],
        templates=[{"name": "Exercise", "qfmt": QUESTION, "afmt": ANSWER}],
        css=CSS,
    )


def variants_json(ex: Exercise) -> str:
    """The variants as the card's script reads them, safe inside a ``<script>`` element."""
    data = {"id": ex.uid, "v": [{"q": render_prompt(ex, v), "a": render_answer(ex, v), "s": render_steps(ex, v)}
                                for v in ex.variants]}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def exercise_fields(ex: Exercise, label: str | None = None) -> list[str]:
    """The note's fields; the first variant is written out for clients that run no scripts.
    ``label`` names the notes file as the deck shows it (default: the source's path)."""
    first = ex.variants[0]
    answer = (f'<div class="exercise-answer">{html.escape(render_answer(ex, first))}</div>'
              f'<div class="exercise-steps">{html.escape(render_steps(ex, first))}</div>')
    source = f"{label or ex.source.path}:{ex.source.line}"
    return [html.escape(render_prompt(ex, first)), variants_json(ex), answer, html.escape(source)]


def exercise_note(ex: Exercise, label: str | None = None) -> genanki.Note:
    """A note whose GUID follows the exercise, so a rebuilt deck updates it in place."""
    return genanki.Note(model=exercise_model(), fields=exercise_fields(ex, label), guid=genanki.guid_for(ex.uid),
                        tags=["studydeck::exercise"])
