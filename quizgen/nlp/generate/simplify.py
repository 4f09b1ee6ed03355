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
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from quizgen.nlp.generate.clause import Antecedents
from quizgen.nlp.generate.inplace import simplified_question
from quizgen.nlp.generate.wh import WhQuestion, wh_question
from quizgen.nlp.types import Fact


@dataclass(frozen=True)
class SimplifiedStatement:
    """The simplified statement of the answer's clause, to be parsed on its own, with the
    answer's one place in it."""

    statement: str
    sentence_index: int
    answer_start: int  # the answer's character offset in `statement`
    answer_end: int


def simplified_statement(
    doc: Doc, fact: Fact, start: int, end: int, antecedents: Antecedents
) -> SimplifiedStatement | None:
    """The statement `simplified_wh` asks from, for the answer at [start, end) of `doc`;
    None where there is no such statement or the answer is not written in it exactly once."""
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
    return SimplifiedStatement(
        statement, simplified.sentence_index, found[0], found[0] + len(answer)
    )


def simplified_wh(
    doc: Doc, fact: Fact, start: int, end: int, antecedents: Antecedents, nlp: Language
) -> WhQuestion | None:
    """The wh-question on the answer at [start, end) of `doc`, asked from the simplified
    statement of its clause parsed on its own; None where there is no such statement, the
    answer is not written in it exactly once, or the statement makes no clean question.

    The question keeps its place in `doc` (offsets and sentence), so that everything
    selection reads of the source sentence (a report, a claim, a description the prompt
    repeats) is read there."""
    planned = simplified_statement(doc, fact, start, end, antecedents)
    if planned is None:
        return None
    return wh_from_statement(doc, fact, start, end, planned, nlp(planned.statement))


def wh_from_statement(
    doc: Doc, fact: Fact, start: int, end: int, planned: SimplifiedStatement, parsed: Doc
) -> WhQuestion | None:
    """`simplified_wh` once the statement is parsed (`parsed`): a caller with many
    statements parses them together (`nlp.pipe`), which costs spaCy far less than one call
    each."""
    if len(list(parsed.sents)) != 1:
        return None  # the statement is one sentence, or it was cut badly
    asked = wh_question(parsed, fact, planned.answer_start, planned.answer_end, Antecedents())
    if asked is None:
        return None
    return replace(
        asked,
        start=start,
        end=end,
        sentence_index=planned.sentence_index,
        # A pronoun written as its name was resolved, though the new parse cannot tell.
        subject_resolved=asked.subject_resolved or _resolved(doc, start, planned.statement),
    )


def _resolved(doc: Doc, start: int, statement: str) -> bool:
    """Whether the statement opens with a word its sentence does not have: a pronoun
    subject ("he", "which") written as the name it stands for."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    words = statement.split()
    if span is None or not words:
        return False
    return words[0].lower() not in {t.lower_ for t in span.sent}
