"""Question generation: overgenerate from facts, check every candidate for defects, rank.

The entry point is `generate_questions(extraction)`. It reuses the extraction's parse when the
extraction carries it and parses the text once otherwise. Deterministic: the same extraction
and settings give the same questions in the same order.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from quizgen.nlp.actors import main_person
from quizgen.nlp.generate.builders import (
    Candidate,
    DatedEvent,
    clause_candidates,
    dated_event,
    echo_candidate,
    from_wh,
    matching,
    ordering,
    quoted_statement,
    unambiguous_events,
    who_said,
)
from quizgen.nlp.generate.clause import Antecedents, sentences_of
from quizgen.nlp.generate.concepts import term_candidates
from quizgen.nlp.generate.context import GenerationContext, _title
from quizgen.nlp.generate.defects import ALL_DEFECTS, find_defects
from quizgen.nlp.generate.faithful import cut_list, drops_unrealised
from quizgen.nlp.generate.falsify import SWAP, actor_swap, may_falsify, told_with_same_verb
from quizgen.nlp.generate.inplace import inplace_question, simplified_question
from quizgen.nlp.generate.rank import rank
from quizgen.nlp.generate.side_figures import baptism_at, kin_event_at
from quizgen.nlp.generate.simplify import simplified_statement, wh_from_statement
from quizgen.nlp.generate.text import MONTH_NAMES, contains_phrase, normalise
from quizgen.nlp.generate.wh import WhQuestion, echo_question, wh_question
from quizgen.nlp.parsed import doc_ents, doc_text
from quizgen.nlp.pipeline import DEFAULT_MODEL, load_pipeline
from quizgen.nlp.syntax import SUBJECT_DEPS
from quizgen.nlp.types import (
    ActorFact,
    DateFact,
    Extraction,
    Fact,
    FactKind,
    QuestionDraft,
    QuestionKind,
    QuoteFact,
    TermFact,
)

__all__ = ["ALL_DEFECTS", "ALL_KINDS", "find_defects", "generate_questions", "no_questions_reason"]

ALL_KINDS = (
    QuestionKind.MULTIPLE_CHOICE,
    QuestionKind.SHORT_ANSWER,
    QuestionKind.FILL_BLANK,
    QuestionKind.TRUE_FALSE,
    QuestionKind.NUMERIC,
    QuestionKind.ORDERING,
    QuestionKind.MATCHING,
)
NO_FACTS = (
    "The text has no dates, figures, people, organisations, places or defined terms to ask about."
)
NO_SAFE_QUESTIONS = (
    "The text has facts, but none stands in a sentence that makes a clear question on its own."
)


def generate_questions(
    extraction: Extraction,
    *,
    kinds: Iterable[str] | None = None,
    published_on: date | None = None,
    nlp: Language | None = None,
) -> list[QuestionDraft]:
    """Generate questions about the dates, figures, actors, quotes and terms of an extraction.

    `kinds` limits the question kinds (default: all of ALL_KINDS); `published_on` keeps date
    distractors from running past the text's own date. Returns drafts best first, each with
    its score, difficulty, defects and the `recommended` flag.
    """
    wanted = set(kinds or ALL_KINDS)
    unknown = wanted - set(ALL_KINDS)
    if unknown:
        raise ValueError(f"Unknown question kinds: {', '.join(sorted(unknown))}.")
    if not extraction.facts or not extraction.text.strip():
        return []
    doc = _doc_for(extraction, nlp)
    pipeline = nlp or load_pipeline(DEFAULT_MODEL)
    candidates = [
        c for c in _candidates(extraction, doc, published_on, pipeline) if c.kind in wanted
    ]
    context = GenerationContext.build(extraction, doc)
    return rank(_anchor_relative_dates(candidates, extraction), extraction, context)


_RELATIVE_DATE = re.compile(
    r"\b(this|last|next|previous|coming)\s+(year|month)\b|\b(yesterday|today|tomorrow)\b",
    re.IGNORECASE,
)


def _date_display(fact: DateFact) -> str | None:
    """ "March this year" as a reader away from the article's date needs it: "March 2025"."""
    parts = str(fact.value or "").split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return None
    if fact.precision == "year" and len(parts) == 1:
        return parts[0]
    if fact.precision == "month" and len(parts) == 2 and parts[1].isdigit():
        return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    if fact.precision == "day" and len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    return None


def _anchor_relative_dates(candidates: list[Candidate], extraction: Extraction) -> list[Candidate]:
    """Dates written relative to the article's date ("March this year") are shown resolved
    in questions and answers; what the article wrote stays an accepted answer."""
    anchored: dict[str, str] = {}
    for fact in extraction.of_kind(FactKind.DATE):
        text = fact.text.strip()
        if isinstance(fact, DateFact) and not fact.vague and _RELATIVE_DATE.search(text):
            display = _date_display(fact)
            if display is not None:
                anchored[text] = display
    if not anchored:
        return candidates

    swaps = [
        (text, display, re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE))
        for text, display in anchored.items()
    ]

    def swap(value: Any) -> Any:
        if isinstance(value, str):
            for text, display, pattern in swaps:
                value = _swap_date(value, text, display, pattern)
            return value
        if isinstance(value, list | tuple):
            return type(value)(swap(item) for item in value)
        return value

    result = []
    for candidate in candidates:
        if candidate.rule == "who_said":
            result.append(candidate)  # a quotation is shown as it was said ("today's game")
            continue
        accepted = candidate.accepted
        if candidate.answer_text in anchored:
            accepted = (anchored[candidate.answer_text], *accepted)
        result.append(
            replace(
                candidate,
                prompt=swap(candidate.prompt),
                question_text=swap(candidate.question_text),
                answer_text=swap(candidate.answer_text),
                options=swap(candidate.options),
                answer=swap(candidate.answer),
                accepted=tuple(dict.fromkeys(accepted)),
            )
        )
    return result


_PREPOSITION_BEFORE = re.compile(
    r"\b(in|on|during|since|by|until|till|from|of|before|after|for)\s+$", re.IGNORECASE
)


def _swap_date(value: str, text: str, display: str, pattern: re.Pattern[str]) -> str:
    """Write `display` for `text` in `value`, whatever the case the sentence gave it ("Last
    Year" moved after its verb reads "last Year"); a bare "last year" in a sentence becomes
    "in 2024", "yesterday" becomes "on 2 July 2025". `pattern` finds `text` as whole words."""
    if value.strip().casefold() == text.casefold():
        return display
    if pattern.search(value) is None:
        return value
    bare = bool(_RELATIVE_DATE.fullmatch(text))

    def written(match: re.Match[str]) -> str:
        before = value[: match.start()]
        if value[match.end() :].startswith(("'s", "’s")):
            return display  # "next year's competition" -> "2018's competition"
        if not bare or _PREPOSITION_BEFORE.search(before):
            return display
        preposition = "on" if display[:1].isdigit() and " " in display else "in"
        if not before.strip() or before.rstrip().endswith((":", "“", '"')):
            return preposition.capitalize() + " " + display
        return f"{preposition} {display}"

    return pattern.sub(written, value)


def no_questions_reason(extraction: Extraction, drafts: list[QuestionDraft]) -> str:
    """Why a text gave no questions, in words for a teacher ('' when it gave some)."""
    if drafts:
        return ""
    return NO_FACTS if not extraction.facts else NO_SAFE_QUESTIONS


def _doc_for(extraction: Extraction, nlp: Language | None) -> Doc:
    doc = extraction.doc
    if isinstance(doc, Doc) and doc_text(doc) == extraction.text:
        return doc
    pipeline = nlp or load_pipeline(DEFAULT_MODEL)
    return pipeline(extraction.text)


def _importance(doc: Doc) -> dict[int, float]:
    """Earlier sentences and sentences dense in named things matter more to a reader."""
    starts, sentences = sentences_of(doc)
    last = max(len(sentences) - 1, 1)
    named_in: Counter = Counter(bisect_right(starts, ent.start) - 1 for ent in doc_ents(doc))
    weights = {}
    for index, sentence in enumerate(sentences):
        named = named_in[index]
        weight = 1.0 - 0.3 * index / last + min(named, 4) * 0.025
        weights[sentence.start_char] = round(min(weight, 1.0), 4)
    return weights


def _candidates(
    extraction: Extraction, doc: Doc, published_on: date | None, nlp: Language
) -> list[Candidate]:
    # Only people named as the subject of a clause are antecedents of "he" or "she": the
    # person a passage is about, not someone mentioned in passing ("appointed by X").
    people = tuple(
        sorted(
            (mention.start, str(fact.value))
            for fact in extraction.of_kind(FactKind.ACTOR)
            if isinstance(fact, ActorFact) and fact.label == "person"
            for mention in fact.mentions
            if _named_as_subject(doc, mention.start, mention.end)
        )
    )
    mentions = _person_mentions(extraction, doc)
    main = _main_person(extraction, doc)
    antecedents = Antecedents(
        people=people, mentions=mentions, main=main, title=_personal_title(extraction)
    )
    importance = _importance(doc)
    found: list[Candidate] = []
    events: list[DatedEvent] = []
    title_people = _people_in_title(extraction)
    statements = _Statements()
    # Figures, dates, then actors, so that the value most often fairly changed decides the
    # true/false item of a statement they share ("In 2013, Pasco played in 26 games": 2013
    # dates a state, 26 may be changed), and a name is swapped only where no value may be.
    ordered = sorted(
        extraction.facts,
        key=lambda f: (isinstance(f, ActorFact), isinstance(f, DateFact), f.start),
    )
    asked = _wh_questions(doc, [f for f in ordered if _asked_in_place(f)], antecedents, nlp)
    for fact in ordered:
        weight = importance.get(fact.sentence.start, 0.8)
        if isinstance(fact, QuoteFact):
            found.extend(
                replace(quote, rule="who_said")
                for quote in who_said(fact, extraction, importance=weight)
            )
            continue
        if not _asked_in_place(fact):
            continue  # terms have questions of their own (`concepts.py`)
        for start, end, sentence_weight in _places(fact, importance):
            at = (doc, start, end)
            wh, asked_as = asked[id(fact), start, end]
            if wh is None:
                echo = _faithful(inplace_question(doc, fact, start, end, antecedents), *at)
                rule = "inplace"
                if echo is None:
                    echo = _faithful(simplified_question(doc, fact, start, end, antecedents), *at)
                    rule = "simplified"
                if echo is None:
                    echo, rule = _faithful(echo_question(doc, fact, start, end), *at), "echo"
                if echo is not None:
                    # The mention's own sentence, not the actor's first (often the title).
                    seen_from = _with_sentence(fact, extraction, start)
                    built = echo_candidate(echo, seen_from, extraction, sentence_weight or weight)
                    found.append(replace(built, rule=rule))
                    if echo.statement:
                        swap = actor_swap(doc, extraction, echo.statement, seen_from.sentence)
                        falsehood = may_falsify(doc, fact, start, end) or (SWAP if swap else "")
                        true_false = statements.choose(echo.statement, falsehood)
                        made = clause_candidates(
                            echo,
                            seen_from,
                            extraction,
                            importance=sentence_weight or weight,
                            published_on=published_on,
                            true_false=true_false,
                            swap=swap,
                            elsewhere=told_with_same_verb(doc, extraction, start, end),
                        )
                        found.extend(replace(c, rule=f"{rule}:{c.kind}") for c in made)
                continue
            context = _with_sentence(fact, extraction, start)
            # One true/false item per statement: the true and the false version side by side
            # would give each other away. A statement that can fairly be made false, by its
            # date or figure (`falsify.may_falsify`) or else by a name (`falsify.actor_swap`),
            # gets both, and `rank` keeps one so that about half the statements are false.
            swap = actor_swap(doc, extraction, wh.statement, context.sentence)
            falsehood = may_falsify(doc, fact, start, end) or (SWAP if swap else "")
            true_false = statements.choose(wh.statement, falsehood)
            made = from_wh(
                wh,
                context,
                extraction,
                importance=sentence_weight if sentence_weight else weight,
                published_on=published_on,
                true_false=true_false,
                swap=swap,
                elsewhere=told_with_same_verb(doc, extraction, start, end),
            )
            found.extend(replace(candidate, rule=f"{asked_as}:{wh.wh}") for candidate in made)
            if isinstance(fact, DateFact):
                event = dated_event(wh, fact)
                if event is not None and not _family_record(doc, start, title_people):
                    events.append(event)
    events = unambiguous_events(events, title_people)
    timeline = ordering(events, importance)
    if timeline is not None:
        found.append(replace(timeline, rule="ordering:dated_events"))
    found.extend(replace(m, rule="matching") for m in _matchings(extraction, events, importance))
    found.extend(term_candidates(extraction, importance))
    return found


def _asked_in_place(fact: Fact) -> bool:
    """Whether the fact is asked at its places in the text: not a quotation (asked who said
    it), a vague date, or a term (`concepts.py`)."""
    if isinstance(fact, QuoteFact | TermFact):
        return False
    return not (isinstance(fact, DateFact) and fact.vague)


def _wh_questions(
    doc: Doc, facts: list[Fact], antecedents: Antecedents, nlp: Language
) -> dict[tuple[int, int, int], tuple[WhQuestion | None, str]]:
    """The wh-question at each place of each fact, by (id(fact), start, end), with how it was
    asked: from its own sentence ("wh"), or, for a long or unusually parsed sentence, from its
    simplified statement parsed on its own ("simplified_wh"). The simplified statements of a
    text are parsed together: spaCy's `nlp.pipe` costs a fraction of one call each."""
    asked: dict[tuple[int, int, int], tuple[WhQuestion | None, str]] = {}
    pending = []
    for fact in facts:
        for start, end, _ in _places(fact, {}):
            wh = _faithful(wh_question(doc, fact, start, end, antecedents), doc, start, end)
            asked[id(fact), start, end] = (wh, "wh" if wh is not None else "simplified_wh")
            if wh is None:
                planned = simplified_statement(doc, fact, start, end, antecedents)
                if planned is not None:
                    pending.append((fact, start, end, planned))
    parses = nlp.pipe(planned.statement for *_, planned in pending)
    for (fact, start, end, planned), parsed in zip(pending, parses, strict=True):
        wh = wh_from_statement(doc, fact, start, end, planned, parsed)
        asked[id(fact), start, end] = (_faithful(wh, doc, start, end), "simplified_wh")
    return asked


class _Statements:
    """One true/false item per statement: a statement already made gives no second one
    ("none"). One that can fairly be made false (`falsify`) gets its false version beside the
    true one, and `rank` keeps one of the two."""

    def __init__(self) -> None:
        self.made: set[str] = set()

    def choose(self, statement: str, falsehood: str) -> str:
        if statement in self.made:
            return "none"
        self.made.add(statement)
        return falsehood or "true"


def _faithful(asked: WhQuestion | None, doc: Doc, start: int, end: int) -> WhQuestion | None:
    """`asked` unless it drops a word that says its clause's event did not happen ("Nearly
    winning the battle, Dobell ..." never becomes "When did Dobell win the battle?") or cuts a
    list short (`faithful`)."""
    if asked is None or drops_unrealised(doc, start, end, asked.question, asked.statement):
        return None
    if cut_list(doc, start, end, asked.statement):
        return None
    return asked


def _person_mentions(extraction: Extraction, doc: Doc) -> tuple[tuple[int, str, str], ...]:
    """Every mention of a person with its role: the subject of its sentence's main clause
    ("main"), of another clause ("subject"), or neither ("other")."""
    found = []
    for fact in extraction.of_kind(FactKind.ACTOR):
        if not isinstance(fact, ActorFact) or fact.label != "person":
            continue
        for mention in fact.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            if root.dep_ in {"compound", "appos"}:
                root = root.head
            while root.dep_ == "conj" and root.head != root:
                root = root.head  # "Carl Dahl and Ivar Berg joined …": both are subjects
            role = "other"
            if root.dep_ in SUBJECT_DEPS:
                verb = root.head
                while verb.dep_ == "conj" and verb.head != verb:
                    verb = verb.head
                role = "main" if verb.dep_ == "ROOT" else "subject"
            found.append((mention.start, str(fact.value), role))
    return tuple(sorted(found))


def _main_person(extraction: Extraction, doc: Doc) -> str:
    """The name of the person the document is about (`actors.main_person`), if any."""
    people = [
        fact
        for fact in extraction.of_kind(FactKind.ACTOR)
        if isinstance(fact, ActorFact) and fact.label == "person" and len(fact.value.split()) > 1
    ]
    if not people:
        return ""
    entries = []
    for fact in people:
        spans = [doc.char_span(m.start, m.end, alignment_mode="expand") for m in fact.mentions]
        entries.append(([str(fact.value), *fact.aliases], [s for s in spans if s is not None]))
    found = main_person(entries)
    return "" if found is None else str(people[found].value)


def _personal_title(extraction: Extraction) -> str:
    """The title where it is a short name ("Ada Byron"), as a life's title is; else ''."""
    title = _title(extraction).strip()
    words = title.split()
    if 2 <= len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words):
        return title
    return ""


def _family_record(doc: Doc, start: int, subjects: frozenset[str]) -> bool:
    """Whether the date at character `start` is a relative's event or the subject's baptism
    beside a dated birth (`side_figures.kin_event`, `baptism_beside_birth`): no timeline or
    date matching asks it either."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    return kin_event_at(span[0], subjects) or baptism_at(span[0])


def _people_in_title(extraction: Extraction) -> frozenset[str]:
    """The normalised names (and surnames) of the people the document's title names."""
    title = _title(extraction)
    names: set[str] = set()
    for fact in extraction.of_kind(FactKind.ACTOR):
        if not isinstance(fact, ActorFact) or fact.label != "person" or not title:
            continue
        forms = [str(fact.value), *fact.aliases]
        if any(contains_phrase(title, form) for form in forms):
            names.update(normalise(form) for form in forms)
            names.update(normalise(form.split()[-1]) for form in forms if " " in form)
    return frozenset(name for name in names if name)


def _named_as_subject(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ in {"compound", "appos"}:
        root = root.head
    return root.dep_ in SUBJECT_DEPS


def _places(fact: Fact, importance: dict[int, float]) -> list[tuple[int, int, float]]:
    if isinstance(fact, ActorFact) and fact.mentions:
        return [(m.start, m.end, 0.0) for m in fact.mentions]
    return [(fact.start, fact.end, 0.0)]


def _with_sentence(fact: Fact, extraction: Extraction, start: int) -> Fact:
    """The actor as seen from one of its mentions: the sentence is that mention's."""
    if not isinstance(fact, ActorFact) or fact.sentence.start <= start < fact.sentence.end:
        return fact
    sentence = next((s for s in extraction.sentences if s.start <= start < s.end), fact.sentence)
    return replace(fact, sentence=sentence)


def _matchings(
    extraction: Extraction, events: list[DatedEvent], importance: dict[int, float]
) -> list[Candidate]:
    found: list[Candidate] = []
    people = [
        (str(fact.value), fact.role, fact)
        for fact in extraction.of_kind(FactKind.ACTOR)
        if isinstance(fact, ActorFact) and fact.label == "person" and fact.role
    ]
    roles = matching(
        people,
        "Match each person with the right role.",
        "roles",
        "The article names them: " + "; ".join(f"{n}, {r}" for n, r, _ in people) + ".",
        importance,
    )
    if roles is not None:
        found.append(roles)
    quotes = [
        (f"“{statement}”", fact.speaker, fact)
        for fact in extraction.of_kind(FactKind.QUOTE)
        if isinstance(fact, QuoteFact)
        and fact.speaker
        and (statement := quoted_statement(fact)) is not None
        and len(statement.split()) <= 25
    ]
    said = matching(
        quotes,
        "Match each quotation with the right speaker.",
        "quotes",
        "Each quotation is attributed to its speaker in the article.",
        importance,
    )
    if said is not None:
        found.append(said)
    dated = sorted(events, key=lambda e: e.fact.start)
    pairs = [(e.event, e.fact.text.strip(), e.fact) for e in dated]
    dates = matching(
        [p for p in pairs if len(p[0].split()) <= 18][:4],
        "Match each event with the right date.",
        "dates",
        "The article dates them: " + "; ".join(f"{e.fact.text.strip()}: {e.event}" for e in dated),
        importance,
    )
    if dates is not None:
        found.append(dates)
    return found
