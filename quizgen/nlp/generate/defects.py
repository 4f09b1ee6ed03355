"""The defect checker: names what is wrong with a candidate question, so a teacher sees it.

Every check reads only the draft and the extraction it came from, so it can run on any
question, generated or hand-made. A recommended question has no defect.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lemminflect import getAllLemmas

from quizgen.nlp.actors import is_name_title
from quizgen.nlp.generate.text import BLANK, contains_phrase, normalise, word_count
from quizgen.nlp.generate.wh import same_thing
from quizgen.nlp.syntax import without_dummy_it
from quizgen.nlp.types import (
    ActorFact,
    DateFact,
    Extraction,
    FactKind,
    QuestionDraft,
    QuestionKind,
)

ANSWER_IN_PROMPT = "answer_in_prompt"
OPTIONS_NOT_DISTINCT = "options_not_distinct"
WRONG_OPTION_COUNT = "wrong_option_count"
DISTRACTOR_TRUE_IN_TEXT = "distractor_true_in_text"
ANSWER_NOT_IN_SOURCE = "answer_not_in_source"
UNRESOLVED_REFERENCE = "unresolved_reference"
NOT_A_QUESTION = "not_a_question"
VAGUE_DATE_ANSWER = "vague_date_answer"
ANSWER_UNIQUE_IN_FORM = "answer_unique_in_form"
REFERENCE_MARK_IN_PROMPT = "reference_mark_in_prompt"
ANSWER_WITH_PUNCTUATION = "answer_with_punctuation"

ALL_DEFECTS = (
    ANSWER_IN_PROMPT,
    OPTIONS_NOT_DISTINCT,
    WRONG_OPTION_COUNT,
    DISTRACTOR_TRUE_IN_TEXT,
    ANSWER_NOT_IN_SOURCE,
    UNRESOLVED_REFERENCE,
    NOT_A_QUESTION,
    VAGUE_DATE_ANSWER,
    ANSWER_UNIQUE_IN_FORM,
    REFERENCE_MARK_IN_PROMPT,
    ANSWER_WITH_PUNCTUATION,
)

QUESTION_KINDS = {QuestionKind.SHORT_ANSWER, QuestionKind.MULTIPLE_CHOICE, QuestionKind.NUMERIC}
SINGLE_ANSWER_KINDS = QUESTION_KINDS | {QuestionKind.FILL_BLANK}
# Words that point back to something the prompt itself does not name.
_ALWAYS_UNRESOLVED = re.compile(r"\b(it|they|them|this|these|those)\b", re.IGNORECASE)
# "the decision", "the move": an event named earlier in the text, which a question on its own
# does not say; "the decision to ...", "the plan for ..." say it themselves.
_ANAPHORIC_EVENT = re.compile(
    r"\bthe\s+(decision|move|step|plan|deal|agreement|announcement|proposal|measures?|"
    r"changes?|incident|news)\b(?!\s+(of|to|that|which|for|about|by|between|with|on\s+the)\b)"
    r"(?!-)",
    re.IGNORECASE,
)
# Words that point back at something the text said before: "the subsequent tour", "the
# latter", "such a ruling", "so high an office", "the first one".
_ANAPHORIC_WORDS = re.compile(
    r"\b(subsequent|aforementioned|the (latter|former)|such an?|so [a-z]+ an?|"
    r"the (first|second|third|last|other|next|same|new|old) ones?)\b",
    re.IGNORECASE,
)
# A definite description that says which one only to a reader of the text: an ordinal ("the
# first child": whose?), a small number ("the two women": which?) or a person's role ("the
# couple") with no complement of its own ("the first woman to fly", "the two sides of the
# river", "the couple who ran it" say it themselves).
_COMPLEMENT = (
    r"(?!\s+(?:of|to|in|at|from|on|for|ever|who|whom|whose|that|which|with|since|by|among|"
    r"over|across|under|near|into|through|along|around|against|during|after|before|about|"
    r"outside|inside|beyond|behind|within|"
    r"between|named|called|based|built|made|known|held|designed|written|founded|owned|run|"
    r"led|used)\b)(?![-\w]|,?\s+[A-Z0-9])"
)
# The phrase ends there: punctuation, or the verb it is the subject of ("The first child
# was born"), not a further word of the phrase ("the first league rider to finish").
_PHRASE_ENDS = (
    r"(?=\s*(?:[?.,;:!]|$)|\s+(?:was|were|is|are|has|had|have|did|does|do|will|would|could|"
    r"can|may|might|must|should|[a-z]+ed)\b)"
)
_ORDINAL_NOUN = re.compile(
    r"\b[Tt]he\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|"
    r"final)\s+(?:[a-z]+\s+){0,2}?(?!(?:time|place|half|quarter|stage|round|one|ones|two|three|"
    r"four|five|six|seven|eight|nine|ten|twenty|hundred|few|several)\b)"
    r"[a-z]+" + _COMPLEMENT + _PHRASE_ENDS
)
_NOT_COUNTED = (
    r"(?!(?:metres|meters|miles|yards|kilometres|km|m|years|months|weeks|days|hours|minutes|"
    r"seconds|of|or|and|was|has|is|does|its|his|this|as|thus|always|were|had)\b)"
)
_NUMBER_NOUN = re.compile(
    r"\b[Tt]he\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[2-9]|1[0-9])"
    r"\s+(?:[a-z]+\s+)?|_____\s+)"
    + _NOT_COUNTED
    + r"(?:[a-z]{2,}s|men|women|children|people)\b"
    + _COMPLEMENT
    + _PHRASE_ENDS
)
_PERSON_ROLE = re.compile(
    r"\b[Tt]he\s+(?:[A-Za-z]+\s+)?(?:couple|pair|duo|man|woman|men|women|boy|girl|child|baby|"
    r"victim|suspect|singer|actor|actress|striker|twins)(?:['’]s?)?" + _COMPLEMENT
)
# "One" opening the clause as its subject ("One was built in 1850"): one of a set named before.
_ONE_SUBJECT = re.compile(
    r"^(?:(?:Fill in the blank|True or false):\s*)?One\s+(?P<next>[a-z]+)\b", re.IGNORECASE
)
# A subject question about a thing, whose "its" is the thing asked about.
_WHICH_THING_SUBJECT = re.compile(
    r"^Which [a-z]+\s+(?!did |does |do |was |is |were |are "
    r"|has |had |have |will |would |could |can )",
)
# A question asking for its clause's subject ("Who was booked …", "Fill in the blank: _____
# scored …"): a possessive "his" (or "its", "their") after it is bound by that subject.
_SUBJECT_ASKED = re.compile(
    rf"^(?:Who (?!did |does |do |will |would |could |can |should |might |may |must )"
    rf"(?!(?:was|is|were|are|has|had|have) (?:[A-Z]|the |a |an |his |her ))"
    rf"|(?:Fill in the blank: )?{re.escape(BLANK)} (?=[a-z]))"
)
_BLANK_SUBJECT = re.compile(rf"^(?:Fill in the blank: )?{re.escape(BLANK)} (?=[a-z])")
_NEEDS_PERSON = re.compile(r"\b(he|she|him|his|her)\b", re.IGNORECASE)
_NEEDS_NAME = re.compile(r"\b(its|their)\b", re.IGNORECASE)
_PREPOSITION_THAT = re.compile(
    r"\b(of|in|on|at|from|to|by|with|for|about|after|before|during)\s+that\b", re.IGNORECASE
)
_RELATIVE_TIME = re.compile(
    r"\bthis\s+(year|month|week|morning|afternoon|evening|century|decade|season|spring|summer|"
    r"autumn|fall|winter)\b",
    re.IGNORECASE,
)
# Time told from the moment of writing ("last year", "yesterday"): a question on its own does
# not say when that was.
_DEICTIC_TIME = re.compile(
    r"\b((last|next|past|previous|coming)\s+(year|month|week|decade|century|season|spring|"
    r"summer|autumn|fall|winter|night|weekend)|yesterday|tomorrow|today|tonight)\b",
    re.IGNORECASE,
)
# A bare number closing a clause right after a word ("the university 21?", "District 6-4A 3,"):
# a footnote or reference mark, unless it labels a capitalised name ("Chapter 3", "Apollo 11").
_CLAUSE_FINAL_NUMBER = re.compile(
    r"(?P<before>\S+)\s+(?P<number>\d{1,3})(?=\s*[?.,;:!](?!\d)|\s*$)"
)
# Sentence punctuation left at the end of an answer ("George V.") is a defect; these keep it.
ABBREVIATIONS = frozenset(
    "inc. ltd. co. corp. jr. sr. st. bros. plc. llc. no. dr. mr. mrs. ms. etc.".split()
)
_AUXILIARY_THAT = re.compile(
    r"\b(did|does|do|was|were|is|are|has|have|had|will|would|can|could)\s+that\b", re.I
)
AUXILIARIES = frozenset(
    "am is are was were be been being do does did has have had will would shall should "
    "can could may might must".split()
)
WH_QUANTIFIERS = frozenset({"many", "much", "which", "what", "whose"})
_GROUPED = re.compile(r"\d,\d{3}")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_UNIT_MARK = re.compile(r"[$£€%]|\b(percent|per cent|km|kg|miles?|metres?|meters?)\b", re.I)


class FactIndex:
    """What the checks read of an extraction, gathered once for all of its drafts."""

    def __init__(self, extraction: Extraction) -> None:
        self.facts = {fact.key: fact for fact in extraction.facts}
        # Every fact's text and value, where a stray number would be named if it were a fact.
        self.fact_texts = " ".join(
            [fact.text for fact in extraction.facts]
            + [str(fact.value) for fact in extraction.facts if fact.value is not None]
        )
        # The actor each of its names (normalised) belongs to.
        self.owner: dict[str, str] = {}
        for fact in extraction.of_kind(FactKind.ACTOR):
            assert isinstance(fact, ActorFact)
            for name in (str(fact.value), fact.text, *fact.aliases):
                self.owner.setdefault(normalise(name), fact.key)


def find_defects(
    draft: QuestionDraft, extraction: Extraction, index: FactIndex | None = None
) -> tuple[str, ...]:
    """Names of the defects of `draft`, in the order of ALL_DEFECTS.

    `index` is `FactIndex(extraction)`, passed in when many drafts of one extraction are
    checked."""
    index = index or FactIndex(extraction)
    found: set[str] = set()
    facts = index.facts
    answer_fact = facts.get(draft.fact_keys[0]) if draft.fact_keys else None
    correct = [text for text, is_correct in draft.options if is_correct]
    distractors = [text for text, is_correct in draft.options if not is_correct]
    answers = [a for a in (draft.answer_text, *draft.accepted_answers, *correct) if a]

    if draft.kind in SINGLE_ANSWER_KINDS and any(
        len(normalise(answer)) >= 2 and contains_phrase(draft.prompt, answer) for answer in answers
    ):
        found.add(ANSWER_IN_PROMPT)
    if draft.kind == QuestionKind.MULTIPLE_CHOICE:
        if len(draft.options) != 4 or len(correct) != 1:
            found.add(WRONG_OPTION_COUNT)
        if not _distinct([text for text, _ in draft.options], index):
            found.add(OPTIONS_NOT_DISTINCT)
        if correct and _unique_in_form(correct[0], distractors):
            found.add(ANSWER_UNIQUE_IN_FORM)
    if draft.kind == QuestionKind.TRUE_FALSE and (len(draft.options) != 2 or len(correct) != 1):
        found.add(WRONG_OPTION_COUNT)
    if distractors and draft.kind == QuestionKind.MULTIPLE_CHOICE:
        sentence = draft.source_sentence.text
        aliases = _aliases_of(answer_fact)
        if any(
            contains_phrase(sentence, d)
            or normalise(d) in aliases
            or any(same_thing(d, a) for a in aliases)
            for d in distractors
        ):
            found.add(DISTRACTOR_TRUE_IN_TEXT)
    if draft.kind in SINGLE_ANSWER_KINDS and answers:
        if not any(contains_phrase(draft.source_sentence.text, a) for a in answers):
            found.add(ANSWER_NOT_IN_SOURCE)
    if _unresolved(draft.prompt):
        found.add(UNRESOLVED_REFERENCE)
    if draft.kind in {QuestionKind.ORDERING, QuestionKind.MATCHING} and any(
        _unresolved(text) for text in _item_texts(draft)
    ):
        found.add(UNRESOLVED_REFERENCE)
    if not _well_formed(draft):
        found.add(NOT_A_QUESTION)
    if _reference_mark(draft.prompt, index.fact_texts):
        found.add(REFERENCE_MARK_IN_PROMPT)
    if draft.kind in SINGLE_ANSWER_KINDS and any(_ends_with_punctuation(a) for a in answers):
        found.add(ANSWER_WITH_PUNCTUATION)
    if isinstance(answer_fact, DateFact) and answer_fact.vague:
        found.add(VAGUE_DATE_ANSWER)
    if draft.kind in {QuestionKind.ORDERING, QuestionKind.MATCHING}:
        for key in draft.fact_keys:
            fact = facts.get(key)
            if isinstance(fact, DateFact) and fact.vague:
                found.add(VAGUE_DATE_ANSWER)
    return tuple(name for name in ALL_DEFECTS if name in found)


def _reference_mark(prompt: str, fact_texts: str) -> bool:
    """A stray number closing a clause that no fact of the text names."""
    for match in _CLAUSE_FINAL_NUMBER.finditer(_QUOTED.sub(" ", prompt)):
        before, number = match.group("before"), match.group("number")
        labels_a_name = before[:1].isupper() and before.isalpha()
        if labels_a_name or re.search(rf"(?<![\d.,]){number}(?![\d])", fact_texts):
            continue
        if before.lower().strip(",") in {"of", "than", "to", "and", "or", "about", "from"}:
            continue  # "one of 3", "more than 3": a figure the extraction did not keep
        return True
    return False


def _ends_with_punctuation(answer: str) -> bool:
    answer = answer.strip()
    if not answer.endswith((".", ",", ";", ":", "!", "?")):
        return False
    if not answer.endswith("."):
        return True
    last = answer.split()[-1]
    return "." not in last[:-1] and last.lower() not in ABBREVIATIONS


def _item_texts(draft: QuestionDraft) -> list[str]:
    texts = [text for text, _ in draft.options]
    if isinstance(draft.answer, list):
        for item in draft.answer:
            texts.extend(item if isinstance(item, list) else [item])
    return [str(text) for text in texts]


def _aliases_of(fact: object) -> set[str]:
    if isinstance(fact, ActorFact):
        return {normalise(str(fact.value))} | {normalise(alias) for alias in fact.aliases}
    return set()


def _distinct(options: list[str], known: FactIndex) -> bool:
    normalised = [normalise(option) for option in options]
    if len(set(normalised)) != len(normalised):
        return False
    for index, first in enumerate(options):
        for second in options[index + 1 :]:
            if same_thing(first, second) or _one_name_inside_other(first, second):
                return False
    # Two options naming the same actor ("USSR" and "Soviet Union") are not distinct either.
    owner = known.owner
    actors = [owner.get(option) for option in normalised if option in owner]
    return len(actors) == len(set(actors))


def _one_name_inside_other(first: str, second: str) -> bool:
    """ "Owen Ashworth" and "Owen Gareth Ashworth": names, one the other's words' subset."""
    a, b = set(first.casefold().split()), set(second.casefold().split())
    if min(len(a), len(b)) < 2 or not (first[:1].isupper() and second[:1].isupper()):
        return False
    if a <= b or b <= a:
        return True
    # "Sister Ilse Brandl" and "Ilse Brandl": an honorific before the same surname.
    same_surname = first.split()[-1].casefold() == second.split()[-1].casefold()
    return same_surname and any(is_name_title(word) for word in a | b)


def _form(text: str) -> tuple[bool, bool, bool]:
    return bool(_UNIT_MARK.search(text)), word_count(text) >= 2, bool(_GROUPED.search(text))


def _unique_in_form(answer: str, distractors: list[str]) -> bool:
    if not distractors:
        return False
    answer_form = _form(answer)
    forms = [_form(d) for d in distractors]
    for feature, value in enumerate(answer_form):
        if all(form[feature] != value for form in forms):
            return True
    longest_other = max(len(d) for d in distractors)
    return len(answer) >= 1.5 * longest_other and len(answer) - longest_other >= 6


def _unresolved(prompt: str) -> bool:
    text = _RELATIVE_TIME.sub(" ", _QUOTED.sub(" ", prompt))
    text = without_dummy_it(text)  # "makes it possible to …": "it" is the infinitive
    if (
        _ALWAYS_UNRESOLVED.search(text)
        or _DEICTIC_TIME.search(text)
        or _ANAPHORIC_EVENT.search(text)
        or _PREPOSITION_THAT.search(text)
        or _AUXILIARY_THAT.search(text)
        or _ANAPHORIC_WORDS.search(text)
        or _ORDINAL_NOUN.search(text)
        or _NUMBER_NOUN.search(text)
        or _PERSON_ROLE.search(text)
    ):
        return True
    one = _ONE_SUBJECT.match(text.strip())
    if one and _is_verb(one.group("next").lower()):
        return True
    words = text.split()
    for match in _NEEDS_PERSON.finditer(text):
        before = text[: match.start()].split()[1:]
        if match.group(0).lower() == "his" and _SUBJECT_ASKED.match(text):
            continue  # "Who was fined for his tackle?": bound by the subject asked for
        if not any(word[:1].isupper() for word in before):
            return True
    for match in _NEEDS_NAME.finditer(text):
        before = text[: match.start()].split()[1:]
        if _WHICH_THING_SUBJECT.match(text) or _BLANK_SUBJECT.match(text):
            continue  # "Which organisation removed the stations from its systems?": bound
        if not any(word[:1].isupper() for word in before):
            return True
    # A quotation on its own (a matching item) is the speaker's words: its "this" and "we"
    # are resolved by who said it.
    return not words and not _QUOTED.fullmatch(prompt.strip())


@lru_cache(maxsize=4096)
def _is_verb(word: str) -> bool:
    """An auxiliary, a form lemminflect knows as an inflected verb ("won", "signed"), or a
    word it knows only as a verb ("refer")."""
    if word in AUXILIARIES:
        return True
    lemmas = getAllLemmas(word)
    verbs = lemmas.get("VERB", ())
    if verbs and not set(lemmas) - {"VERB"}:
        return True  # only ever a verb: "refer"
    return any(lemma != word for lemma in verbs)


def _has_verb(text: str) -> bool:
    words = [word.lower().strip(".,;:?!“”\"'()") for word in text.split()]
    for position, word in enumerate(words):
        if position and words[position - 1] in WH_QUANTIFIERS and word not in AUXILIARIES:
            continue  # "How many lives": the noun of the wh-phrase
        if word and _is_verb(word):
            return True
    return False


# A period then a word that opens sentences: the prompt runs over into a second sentence.
_TWO_SENTENCES = re.compile(r"\.\s+(He|She|It|They|We|His|Her|Its|Their|The|This|These|Those)\b")


# A statement that is only a subordinate clause ("Even as many recognize the benefits …"):
# its main clause was left behind.
SUBORDINATE_ONLY = re.compile(
    r"^(?:True or false: |Fill in the blank: )?(?:Even as|Even though|Even if|Although"
    r"|Though|Because|Whereas|Unless)\b[^,;:]*\.$"
)
# A lone comma between a subject and its verb ("Germanicus' mother Antonia Minor, was a
# daughter of …"): the aside it opened was cut away.
COMMA_BEFORE_VERB = re.compile(
    r"^(?:Fill in the blank: |True or false: )?[^,\"“]+, "
    r"(?:was|is|were|are|has|had|became)\b[^,]*$"
)


def _well_formed(draft: QuestionDraft) -> bool:
    prompt = draft.prompt.strip()
    if _TWO_SENTENCES.search(_QUOTED.sub(" ", prompt)):
        return False
    if SUBORDINATE_ONLY.match(prompt) or COMMA_BEFORE_VERB.match(prompt):
        return False
    if draft.kind in QUESTION_KINDS:
        return prompt.endswith("?") and _has_verb(prompt)
    if draft.kind == QuestionKind.FILL_BLANK:
        return prompt.count(BLANK) == 1 and _has_verb(prompt.replace(BLANK, " "))
    if draft.kind == QuestionKind.TRUE_FALSE:
        return prompt.endswith(".") and _has_verb(prompt)
    return bool(prompt)
