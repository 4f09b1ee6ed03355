"""Whether a draft is worth asking and asks one thing, whole: the trivial, vague and truncated
questions readers named, each a rule of English or of quiz writing.

Trivial (not worth a student's time; `trivial`, `side_figures`):

- `contact_detail`: a telephone number, a helpline, a web or e-mail address ("call the
  helpline on 0800 111 222", "visit www.example.org"), a web address in the prompt (where
  the text got its data).
- `side_figure_event`: when someone other than the text's actors did something: the
  subject's parents or other kin ("Her parents married in York in 1895"), or, in a text
  about a person, someone it names once in passing; `side_figure_answer`: that someone as
  the answer ("Who fell into poor health?" for a politician a life names in an aside).
- `placing_result`: a figure of a competitor who did not win ("Costa finished fifth in
  2:29:40"), or one number out of a list of results (a sentence giving four numbers or more).
- `parenthetical_answer`: an answer inside a bracketed aside ("the Tower (which is ninety
  feet high)").
- `world_answer`: the world itself ("a crisis on _____": Earth), guessable.
- `span_since`: the span of a record ("its first deficit in _____": 16 years).
- `scholars_view`: which side a scholar takes ("The historian Ann Reed agrees with Kirby").

Vague (other answers fit; `vague`, `side_figures`):

- `year_as_noun`: a cloze blanking a year that is no time adjunct ("The finalists for _____
  include", "The _____ season", "Pasco opened _____ with Dunmore"): other words fill it as well.
- `relative_of_subject`: in a text about a person, a relative as the answer of a question
  that does not say the relation ("Who was a keen singer?" for the mother).
- `same_predicate_elsewhere`: the answer modifies a subject the text says the same thing of
  elsewhere ("Food shortages in _____ were severe" beside "Shortages in Wales were also
  severe").
- `one_example_of_several`: the answer is an example a list opens ("plays including _____",
  "institutions like _____", "geologists such as _____"): the others fit as well.
- `also_dropped`: "also" said of the clause a name is asked from, and dropped ("Corwin
  also was a surveyor in Fenland" asked as "… a surveyor in _____").
- `passive_by_date`: a date blanked after "by" behind a passive verb ("were ennobled by
  _____"), which reads as who did it.
- `when_for_a_seeming`: "When" for how something seemed ("When did the idea seem
  unlikely?"): a state, true at other times too.
- `contest_dropped`: a medal or a placing asked without the contest it was won in ("Who
  won bronze in the 800m?" of "Whitlock won gold at the 1996 Games, while Osei won bronze
  in the 800m"): the prompt keeps none of its sentence's names and dates but the answer.

Truncated or ill-formed (`truncated`):

- `piece_of_a_name`: the answer is part of a longer name ("the play The _____ Garden",
  "received the _____ of the Year Award", "the University of _____"): the name's own
  words before or after it are left outside; a title before a name ("Governor _____") is not
  part of it.
- `dropped_complement`: "begin", "start", "continue", "stop" … without the verb or gerund
  they take ("When did the settlers begin?" for "began petitioning for statehood").
- `framing_participle`: an aspectual participle that frames the clause ("Beginning in
  the 1920s, a new spirit changed …") asked as the clause's own event ("A new spirit began
  in the 1840s"), or after a preposition ("after starting at Leeds": "She started at Leeds").
- `dangling_end`: a prompt ending on a conjunction or an article, or a statement ending on a
  preposition ("… near Leeds and.", "… in _____ as.").
- `cut_coordination`: a clause complement coordinated with another ("proposed that X be
  admitted … and that Y …") cut after the first.
- `tacked_on_wh`: a statement with a wh-phrase hung on its end after a comma ("X was
  founded by merchants, in what year?").
- `doubled_run`: a run of words written twice over ("graduated from graduated from").
- `name_cut_in_prompt`: a name the prompt starts inside ("the Year Award" for "the
  Sportsman of the Year Award").
- `filler_verb`: "occur", "happen" or "take place" the sentence never used ("When did the
  history of the earth occur?").
- `who_for_place`: "Who" asking for a region, a valley, a coast ("Who began wielding
  influence?" for the Ohio Valley).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from quizgen.nlp.generate.side_figures import (
    relative_of_subject,
    side_figure_answer,
    side_figure_event,
)
from quizgen.nlp.generate.trivial import (
    contact_detail,
    parenthetical_answer,
    placing_result,
    scholars_view,
    span_since,
    world_answer,
)
from quizgen.nlp.generate.truncated import (
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
    "placing",
    "parenthetical",
    "world",
    "span_since",
    "scholars_view",
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
        "relative": float(relative_of_subject(draft, doc, subject_names)),
        "placing": float(placing_result(draft, span)),
        "parenthetical": float(parenthetical_answer(draft, start)),
        "world": float(world_answer(draft)),
        "span_since": float(span_since(draft)),
        "scholars_view": float(scholars_view(draft, span, start)),
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
    }
