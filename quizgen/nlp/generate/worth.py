"""Whether a draft is worth asking and asks one thing, whole: the trivial, vague and truncated
questions readers named, each a rule of English or of quiz writing.

Each rule is described where it lives: trivial questions in `trivial` (kin and people named
in passing in `side_figures`), vague ones in `vague`, truncated or ill-formed ones in
`truncated`. This module turns them into the ranker's features (`worth_features`) and names
them in the lists below.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from quizgen.nlp.generate.side_figures import (
    baptism_beside_birth,
    kin_event,
    relative_of_subject,
    side_figure_answer,
    side_figure_event,
)
from quizgen.nlp.generate.trivial import (
    contact_detail,
    incidental_number,
    parenthetical_answer,
    placing_result,
    reporting_tag,
    scholars_view,
    span_since,
    world_answer,
)
from quizgen.nlp.generate.truncated import (
    copied_opener,
    cut_coordination,
    dangling_end,
    doubled_run,
    dropped_complement,
    filler_verb,
    framing_participle,
    name_cut_in_prompt,
    piece_of_a_name,
    tacked_on_wh,
    who_for_place,
)
from quizgen.nlp.generate.vague import (
    also_dropped,
    contest_dropped,
    one_example_of_several,
    passive_by_date,
    same_predicate_elsewhere,
    when_for_a_seeming,
    year_as_noun,
)
from quizgen.nlp.types import FACT_ASKING as ASKING
from quizgen.nlp.types import QuestionDraft

# The ranker's features, by the hard rule each one triggers in `features.blocked_reason`.
TRIVIAL_FEATURES = (
    "contact",
    "side_figure",
    "kin_event",
    "baptism",
    "placing",
    "parenthetical",
    "world",
    "span_since",
    "scholars_view",
    "reporting_tag",
    "incidental_number",
)
VAGUE_FEATURES = (
    "relative",
    "year_as_noun",
    "same_predicate",
    "example_of_several",
    "also_dropped",
    "passive_by_date",
    "when_seeming",
    "contest_dropped",
)
TRUNCATED_FEATURES = (
    "name_piece",
    "dropped_complement",
    "framing_participle",
    "dangling_end",
    "cut_coordination",
    "tacked_wh",
    "doubled_run",
    "name_cut",
    "filler_verb",
    "who_for_place",
    "opener",
)


def worth_features(
    draft: QuestionDraft,
    span: Span | None,
    start: int,
    doc: Doc | None,
    subject_names: frozenset[str],
) -> dict[str, float]:
    """This module's rules as features of the draft (1.0 where a rule holds)."""
    return {
        "contact": float(contact_detail(draft)),
        "side_figure": float(
            side_figure_event(draft, span, start, subject_names)
            or side_figure_answer(draft, span, start, subject_names)
        ),
        "kin_event": float(kin_event(draft, span, start, subject_names)),
        "baptism": float(baptism_beside_birth(draft, span, start)),
        "relative": float(relative_of_subject(draft, doc, subject_names)),
        "placing": float(placing_result(draft, span)),
        "parenthetical": float(parenthetical_answer(draft, start)),
        "world": float(world_answer(draft)),
        "span_since": float(span_since(draft)),
        "scholars_view": float(scholars_view(draft, span, start)),
        "reporting_tag": float(reporting_tag(draft, span, start)),
        "incidental_number": float(incidental_number(draft, span)),
        "also_dropped": float(also_dropped(draft, span, start)),
        "passive_by_date": float(passive_by_date(draft)),
        "when_seeming": float(when_for_a_seeming(draft)),
        "contest_dropped": float(contest_dropped(draft, span, start)),
        "dangling_end": float(dangling_end(draft)),
        "year_as_noun": float(year_as_noun(draft)),
        "same_predicate": float(
            draft.kind in ASKING and same_predicate_elsewhere(span, start, doc)
        ),
        "name_piece": float(piece_of_a_name(draft, span, start)),
        "dropped_complement": float(dropped_complement(draft, span)),
        "framing_participle": float(framing_participle(draft, span)),
        "cut_coordination": float(cut_coordination(draft, span)),
        "tacked_wh": float(tacked_on_wh(draft)),
        "example_of_several": float(one_example_of_several(draft)),
        "doubled_run": float(doubled_run(draft)),
        "name_cut": float(name_cut_in_prompt(draft)),
        "filler_verb": float(filler_verb(draft)),
        "who_for_place": float(who_for_place(draft, span, start)),
        "opener": float(copied_opener(draft)),
    }
