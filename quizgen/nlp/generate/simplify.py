"""Questions asked from a simplified statement of a long or unusually parsed sentence.

Where the sentence's own clause makes no clean question ("Mara was born in Alby and raised
in Tern, two villages near Hull": the parse hangs the apposition on both places), the
answer's clause is first cut down to a statement that reads well alone
(`inplace.simplified_question`: the main clause, without its fronted phrases, asides,
parentheses, non-restrictive relatives and appositions, the other clauses of a
coordination cut away and their subject kept), and that statement is parsed again as a
sentence of its own: its parse is short and plain, and the wh-question is built from it as
from any sentence of the text (`wh.wh_question`). Heilman and Smith's simplification step,
then their question transformation.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from quizgen.nlp.generate.clause import Antecedents
from quizgen.nlp.generate.inplace import simplified_question
from quizgen.nlp.generate.wh import WhQuestion, wh_question
from quizgen.nlp.types import Fact


def simplified_wh(
    doc: Doc, fact: Fact, start: int, end: int, antecedents: Antecedents, nlp: Language
) -> WhQuestion | None:
    """The wh-question on the answer at [start, end) of `doc`, asked from the simplified
    statement of its clause parsed on its own; None where there is no such statement, the
    answer is not written in it exactly once, or the statement makes no clean question.

    The question keeps its place in `doc` (offsets and sentence), so that everything
    selection reads of the source sentence (a report, a claim, a description the prompt
    repeats) is read there."""
    simplified = simplified_question(doc, fact, start, end, antecedents, statement_only=True)
    if simplified is None or not simplified.statement:
        return None
    statement = simplified.statement
    answer = simplified.answer_text
    found = [
        match.start() for match in re.finditer(rf"(?<!\w){re.escape(answer)}(?!\w)", statement)
    ]
    if len(found) != 1:
        return None
    parsed = nlp(statement)
    if len(list(parsed.sents)) != 1:
        return None  # the statement is one sentence, or it was cut badly
    asked = wh_question(parsed, fact, found[0], found[0] + len(answer), Antecedents())
    if asked is None:
        return None
    return replace(
        asked,
        start=start,
        end=end,
        sentence_index=simplified.sentence_index,
        # A pronoun written as its name was resolved, though the new parse cannot tell.
        subject_resolved=asked.subject_resolved or _resolved(doc, start, statement),
    )


def _resolved(doc: Doc, start: int, statement: str) -> bool:
    """Whether the statement opens with a word its sentence does not have: a pronoun
    subject ("he", "which") written as the name it stands for."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    words = statement.split()
    if span is None or not words:
        return False
    return words[0].lower() not in {t.lower_ for t in span.sent}
