"""Whether a true/false item may state a changed value, and so be keyed False.

A changed date is a fair falsehood only where the date is what its clause tells: the day
someone was born, died, was elected or appointed, the year a body was founded. A background
date ("the first coffee house opened in 1652", "a law passed in 1930") moved by a few years
tests memory of an incidental number, and a date under "by", "before", "until", "since",
"as early as" or "as of" is a bound: "widely used by 1900" is as true of 1905, and "over 500 by
1708" says nothing of 1703. A decade ("in the 1930s") dates a state that may well have lasted
into the next. A figure given as a bound ("over 500", "nearly 40") is no point value either.
Where no fair falsehood can be made, the statement is offered as the text makes it (True).

Between the two, a named actor's dated event ("the Soviet Union invaded Afghanistan in
1979") may be moved only to a date the text gives for another event: that tests which event
the text puts when, not memory of a year nudged by five.

A figure made false takes another value of the same measure the text gives ("9.8 seconds"
for "9.9 seconds", where another runner ran 9.8), else a nearby one written the same way
(`false_figures`): a fifth more or less, never an order of magnitude off.

A statement with no value to change may be made false by a name (`actor_swap`): one person,
organisation or place of the statement is swapped for another the text names in a
comparable role (a subject for a subject; a city for a city; a university for a
university), one the text never joins to the statement's verb, so a student who read the
text knows it is false.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from quizgen.nlp.dates import looks_like_year
from quizgen.nlp.generate.clause import sentences_of
from quizgen.nlp.generate.distractors import looks_like_a_name, part_of_longer_name
from quizgen.nlp.generate.text import format_like, normalise, split_number
from quizgen.nlp.generate.wh import fine_type, is_city, is_country
from quizgen.nlp.parsed import doc_text
from quizgen.nlp.syntax import SUBJECT_DEPS, subject_of
from quizgen.nlp.types import (
    ActorFact,
    DateFact,
    Extraction,
    Fact,
    FactKind,
    FigureFact,
    Mention,
    Sentence,
)

# Verbs (lemmas) whose date is the event's own, of one event in its subject's life: the date
# is the point of the clause.
POINT_EVENT_VERBS = frozenset(
    """bear die elect appoint found establish crown inaugurate marry assassinate execute
    graduate retire resign abdicate knight ordain canonise canonize beatify baptise baptize
    christen swear nominate succeed""".split()
)
# Verbs of a state, which may hold over many years: a date of theirs is no point in time.
STATE_VERBS = frozenset(
    """be have use live work serve remain stay continue exist hold own know contain include
    belong reside teach study play run lead keep spread grow flourish""".split()
)
# As `builders` reads them: any value, only a value the text gives, only a swapped name.
FALSE, FALSE_FROM_TEXT, SWAP = "false", "false:text", "false:swap"
# Prepositions after which a date is the time of the event, not a bound on it.
POINT_PREPOSITIONS = frozenset({"in", "on", "during"})
PRECISE = frozenset({"day", "month", "year"})
# Words that make the value that follows them a bound or an estimate.
BOUND_BEFORE = re.compile(
    r"\b(by|before|after|since|until|till|through|as early as|as late as|as of|up to|prior to|"
    r"no later than|no earlier than|not until|earlier than|later than|around|about|circa|c\.|"
    r"ca\.|over|more than|less than|fewer than|at least|at most|nearly|almost|roughly|"
    r"approximately|some|under|upwards of|as many as|as much as|close to|within|beyond)"
    r"\s+(the\s+)?((end|start|beginning|middle|turn)\s+of\s+(the\s+)?|early\s+|late\s+|mid-?)?$",
    re.IGNORECASE,
)
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
NEGATIONS = frozenset({"not", "never", "n't", "no"})
PERSONAL = frozenset({"he", "she"})


def may_falsify(doc: Doc, fact: Fact, start: int, end: int) -> str:
    """How the date or figure written at [start, end) of `doc` may be swapped for another
    value to make a statement that is certainly, and fairly, false: with any distractor
    (`FALSE`), only with a date the text gives elsewhere (`FALSE_FROM_TEXT`), or not ('')."""
    if isinstance(fact, DateFact):
        return _date_falsehood(doc, fact, start, end)
    if isinstance(fact, FigureFact):
        if fact.qualifier or _bounded(doc, start) or _defines_a_group(doc, start, end):
            return ""
        return FALSE
    return ""


# The link of a restrictive modifier to its noun: "people [earning $150,000]", "workers [who
# earn 500 pounds]", "families [with 3 children]".
RESTRICTIVE_DEPS = frozenset({"acl", "relcl"})
# Determiners of a noun that stands for every member of a group: "all workers who …".
GROUP_DETERMINERS = frozenset({"all", "any", "every", "each", "those", "anyone", "most"})


def _defines_a_group(doc: Doc, start: int, end: int) -> bool:
    """Whether the figure at [start, end) only says which members of a group the clause is
    about: it stands in a restrictive modifier of the clause's subject, a group noun (a
    plural with no article, or with "all", "any", "those"): "people earning $150,000 a year
    call themselves middle class", "workers who earn 500 pounds pay no tax", "families with
    3 children receive an allowance". What the sentence teaches is its predicate; people
    earning $180,000 may call themselves middle class as well, so the changed figure makes
    no certain falsehood. A modifier of one thing ("an attack that killed 149 people")
    tells of that thing, one of the object ("had to own estates valued at £7,000") is what
    the clause says, and one set off by a comma (", which employed 300 people") says a
    thing of its own: their figures may be changed."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span.root
    while token.head != token:
        noun = token.head
        restrictive = token.dep_ in RESTRICTIVE_DEPS or (
            token.dep_ == "prep" and token.lower_ == "with"
        )
        if restrictive and noun.pos_ in {"NOUN", "PRON"} and noun.dep_ in SUBJECT_DEPS:
            left = token.left_edge.i
            if left > 0 and doc[left - 1].text in {",", "(", "–", "—"}:
                return False
            return _a_group(noun)
        token = noun
    return False


def _a_group(noun: Token) -> bool:
    """Whether a noun stands for a group's members at large: "people", "all workers",
    "those", not "an attack" or "the workers"."""
    if noun.lower_ in {"those", "anyone", "everyone", "anybody", "everybody"}:
        return True
    determiners = [c.lower_ for c in noun.children if c.dep_ in {"det", "poss", "predet"}]
    if determiners:
        return any(d in GROUP_DETERMINERS for d in determiners)
    return noun.tag_ == "NNS"


def _bounded(doc: Doc, start: int) -> bool:
    """Whether the words before character `start` make the value a bound ("by 1900")."""
    return bool(BOUND_BEFORE.search(doc_text(doc)[max(0, start - 40) : start]))


def _date_falsehood(doc: Doc, fact: DateFact, start: int, end: int) -> str:
    if fact.vague or fact.precision not in PRECISE or _bounded(doc, start):
        return ""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    verb = _dated_verb(span.root)
    if verb is None:
        return ""
    if any(child.dep_ == "neg" or child.lower_ in NEGATIONS for child in verb.children):
        return ""  # "was not elected in 1964" is as true of 1967
    lemma = verb.lemma_.lower()
    if lemma in POINT_EVENT_VERBS:
        return FALSE
    if lemma in STATE_VERBS or verb.pos_ == "AUX" or verb.tag_ == "VBG":
        return ""  # "was common in 1930", "lived in Leeds in 1930": true of other years too
    subject = subject_of(verb, through={"conj"})
    if subject is not None and (subject.pos_ == "PROPN" or subject.lower_ in PERSONAL):
        return FALSE_FROM_TEXT  # "he" a statement names, or leaves for a defect to catch
    return ""


def _dated_verb(root: Token) -> Token | None:
    """The verb the date is the time of: "[born] in 1921", "[died] 3 May 1990"; None when the
    date hangs on a noun ("the 1930 law"), or on a preposition that makes it a bound."""
    if root.dep_ == "pobj":
        preposition = root.head
        if preposition.lower_ not in POINT_PREPOSITIONS or preposition.dep_ != "prep":
            return None
        head = preposition.head
        if head.ent_type_ in PLACE_TYPES and head.dep_ == "pobj" and head.head.dep_ == "prep":
            head = head.head.head  # "born in Dover in 1921", the year hung on the place
    elif root.dep_ in {"npadvmod", "tmod"}:
        head = root.head
    else:
        return None
    return head if head.pos_ in {"VERB", "AUX"} else None


def told_with_same_verb(doc: Doc, extraction: Extraction, start: int, end: int) -> str:
    """The other sentences of the text with the verb whose date or figure is written at
    [start, end), joined: a value they give may be true of the statement too ("He returned
    to Norway in 1931" keeps 1931 out of "Venn returned to Norway in 1936"). A sentence whose
    verb has another named subject is left out when the value's own verb has a named
    subject: "Kim ran it in 10.2 seconds" says nothing of Lee's time."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    verb = span.root
    for _ in range(4):
        if verb.pos_ == "VERB" or verb.head == verb:
            break
        verb = verb.head
    if verb.pos_ != "VERB":
        return ""
    index = _swap_index(doc, extraction)
    own = _sentence_at(index.sentence_chars, start)
    lemma = verb.lemma_.lower()
    subjects = index.subjects.get((own, lemma), set())
    _, sentences = sentences_of(doc)
    return " ".join(
        sentence.text
        for number, sentence in enumerate(sentences)
        if number != own
        and lemma in index.sentence_lemmas[number]
        # Another named subject's value ("Kim ran the 100 metres in 10.2 seconds") is no
        # value of this one's, when this one is named too.
        and not (subjects and index.subjects.get((number, lemma), subjects).isdisjoint(subjects))
    )


# Figures -----------------------------------------------------------------------------------

# How far a figure made false moves when the text gives no other value of its measure: a
# measurement written with decimals ("9.9 seconds") a tenth, a count or a sum a fifth.
NEARBY_FACTORS = (1.2, 0.8)
NEARBY_FACTORS_DECIMAL = (1.1, 0.9)


def false_figures(fact: FigureFact, answer: str, extraction: Extraction) -> list[str]:
    """The values a true/false item may give for `answer` to be false and still plausible,
    best first, written exactly like `answer`: another value of the same measure and unit the
    text gives (within half to twice the answer, from a sentence naming none of the actors of
    the answer's own sentence), then a nearby value rounded as the answer is: a tenth more and
    a tenth less of a value with decimals ("9.9 seconds" -> "10.9 seconds" / "8.9 seconds"),
    a fifth of others ("500" -> "600" / "400"), one more and one less of a count under four."""
    parts = split_number(answer)
    if parts is None or parts[1] <= 0:
        return []
    _, number, decimals, _, _ = parts
    percent = _is_percent(answer)
    found: list[str] = []
    own_actors = _actors_in(extraction, fact.sentence)
    for other in extraction.of_kind(FactKind.FIGURE):
        if not isinstance(other, FigureFact) or other.key == fact.key or other.qualifier:
            continue
        if (
            other.unit != fact.unit
            or other.counted != fact.counted
            or not (other.unit or other.counted)
        ):
            continue
        other_parts = split_number(other.text.strip())
        if other_parts is None or other_parts[2] != decimals or _is_percent(other.text) != percent:
            continue
        value = other_parts[1]
        if value == number or not 0.5 <= value / number <= 2:
            continue
        if own_actors & _actors_in(extraction, other.sentence):
            continue  # the same actor's other value: maybe of another time
        written = format_like(answer, value)
        if written and written not in found:
            found.append(written)
    if looks_like_year(answer) and answer.strip().isdigit():
        # A count written like a year ("1998 games") read as one: "2398 games" is no
        # plausible other value but an absurd year; only the text's own values will do.
        return found
    step = 10.0**-decimals if decimals else _granularity(int(number))
    if number < 4 and not decimals:
        nearby = [number + 1, number - 1]
    else:
        nearby = []
        for factor in NEARBY_FACTORS_DECIMAL if decimals else NEARBY_FACTORS:
            value = round(number * factor / step) * step
            if value == number:
                value = number + step if factor > 1 else number - step
            nearby.append(value)
    for value in nearby:
        if value <= 0 or (percent and value > 100):
            continue
        if (value == 1) != (number == 1) and parts[4].strip()[:1].isalpha():
            continue  # "1 brothers", "2 brother"
        written = format_like(answer, value)
        if written and written != answer and written not in found:
            found.append(written)
    return found


def _is_percent(text: str) -> bool:
    return "%" in text or "percent" in text.lower()


def _granularity(whole: int) -> float:
    """The rounding a whole number shows: 500 is written to the hundred, 26 to the unit."""
    step = 1
    while whole and whole % (step * 10) == 0:
        step *= 10
    return float(step)


def _actors_in(extraction: Extraction, sentence: Sentence) -> set[str]:
    return {
        fact.key
        for fact in extraction.of_kind(FactKind.ACTOR)
        if isinstance(fact, ActorFact)
        and any(sentence.start <= m.start < sentence.end for m in fact.mentions)
    }


# Names -------------------------------------------------------------------------------------

SWAP_LABELS = frozenset({"person", "organisation", "country", "place"})
SUBJECT, OBJECT = "subject", "object"
# Dependents of a name that tie it to more than itself ("Carrow, Velmark"; "Ada and Tom"): a
# name swapped there would leave them behind.
TIED = frozenset({"conj", "cc", "appos", "npadvmod", "prep", "relcl", "acl", "poss", "nummod"})
# Words telling that the same may be true of someone else, or again.
ALSO = re.compile(r"\b(also|too|as well|again|both|either|neither|among|like)\b", re.I)
# Sentences after a name in which a pronoun may still stand for it.
PRONOUN_REACH = 2
# Prepositions after which a person stands as a person ("beaten by X", "sold to X"); after
# "in", "at" or "near" the name is a place whatever the tagger says ("in exile in Norland").
PERSON_PREPOSITIONS = frozenset({"by", "with", "to", "for", "against", "from", "under"})
# Verbs of where and how one came into the world: the text gives them for few of its people,
# so another's name there is no falsehood it settles ("Klein was born near Ashby").
OWN_ORIGIN_VERBS = frozenset({"bear", "raise", "grow", "baptise", "baptize", "christen"})
# An actor the text names in fewer sentences than this, never as the subject of a verb, is
# named in passing: what the text never says of it may still be true ("stopped off in
# Japan" for "in Nigeria", where Japan is only where a cup was held).
PASSING_MENTIONS = 2
_SWAP_KEY = ("quizgen", "swap_index")


@dataclass(frozen=True)
class Swap:
    """A name as the statement writes it and another actor's name to put in its place."""

    original: str
    replacement: str


@dataclass(frozen=True)
class _Slot:
    verb: int  # the token index of the verb the name is an argument of
    lemma: str
    role: str  # SUBJECT or OBJECT (a direct object or a preposition's)
    preposition: str = ""  # the preposition of an OBJECT that is its object


class _SwapIndex:
    """What `actor_swap` reads of one parse and its actors, computed once per doc."""

    def __init__(self, doc: Doc, extraction: Extraction) -> None:
        starts, sentences = sentences_of(doc)
        self.text = extraction.text
        self.sentence_lemmas = [{t.lemma_.lower() for t in s} for s in sentences]
        self.sentence_chars = [s.start_char for s in sentences]
        self.actors = [
            fact
            for fact in extraction.of_kind(FactKind.ACTOR)
            if isinstance(fact, ActorFact) and fact.label in SWAP_LABELS and fact.mentions
        ]
        body = [s for s in extraction.sentences if getattr(s, "region", "body") == "body"]
        self.slots: dict[int, _Slot | None] = {}
        self.roles: dict[str, set[str]] = {}
        # The named subjects of each verb lemma in each sentence.
        self.subjects: dict[tuple[int, str], set[str]] = {}
        self.mention_sentences: dict[str, set[int]] = {}
        self.in_body: set[str] = set()
        # The actors the text makes the subject of an active verb: who does something.
        self.agents: set[str] = set()
        # For each verb lemma, the sentences where a pronoun is its subject.
        self.pronoun_verbs: dict[str, set[int]] = {}
        for number, sentence in enumerate(sentences):
            for token in sentence:
                if token.dep_ in SUBJECT_DEPS and token.pos_ == "PRON":
                    lemma = token.head.lemma_.lower()
                    self.pronoun_verbs.setdefault(lemma, set()).add(number)
        for fact in self.actors:
            for mention in fact.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                slot = _slot(span) if span is not None and len(span) else None
                self.slots[mention.start] = slot
                index = _sentence_at(self.sentence_chars, mention.start)
                if slot is not None:
                    self.roles.setdefault(fact.key, set()).add(slot.role)
                if span is not None and len(span) and span.root.dep_ == "nsubj":
                    self.agents.add(fact.key)
                if span is not None and len(span) and span.root.dep_ in SUBJECT_DEPS:
                    lemma = span.root.head.lemma_.lower()
                    self.subjects.setdefault((index, lemma), set()).add(fact.key)
                self.mention_sentences.setdefault(fact.key, set()).add(index)
                if any(s.start <= mention.start < s.end for s in body):
                    self.in_body.add(fact.key)


def _sentence_at(starts: list[int], char: int) -> int:
    index = 0
    for position, start in enumerate(starts):
        if start > char:
            break
        index = position
    return index


def _swap_index(doc: Doc, extraction: Extraction) -> _SwapIndex:
    index = doc.user_data.get(_SWAP_KEY)
    if index is None or index[0] is not extraction:
        index = (extraction, _SwapIndex(doc, extraction))
        doc.user_data[_SWAP_KEY] = index
    return index[1]


def _slot(span: Span) -> _Slot | None:
    """The verb the name at `span` is the subject or object of, when it stands there alone."""
    root = span.root
    if root.dep_ in {"compound", "appos", "conj", "poss", "nmod"}:
        return None
    for child in root.children:
        if span.start <= child.i < span.end:
            continue
        if child.dep_ in TIED or child.dep_ not in {"det", "case", "punct"}:
            return None  # "Carrow, Velmark", "the Velmish capital Carrow"
    if root.dep_ in SUBJECT_DEPS:
        verb, role = root.head, SUBJECT
    elif root.dep_ == "dobj":
        verb, role = root.head, OBJECT
    elif root.dep_ == "pobj" and root.head.dep_ in {"prep", "agent"}:
        verb, role = root.head.head, OBJECT
    else:
        return None
    if verb.pos_ != "VERB" or verb.lemma_.lower() in STATE_VERBS:
        return None  # "was a judge", "lived in Leeds": true of others as well
    if any(child.dep_ == "neg" or child.lower_ in NEGATIONS for child in verb.children):
        return None
    preposition = root.head.lower_ if root.dep_ == "pobj" else ""
    return _Slot(verb=verb.i, lemma=verb.lemma_.lower(), role=role, preposition=preposition)


def actor_swap(doc: Doc, extraction: Extraction, statement: str, sentence: Sentence) -> Swap | None:
    """A name of `statement` (made from `sentence`) and another actor's to put in its place
    so that the statement is certainly false per the text, or None.

    Only a person, an organisation or a place standing alone as the subject or object of a
    verb of an event (not "be", "live", "play": what others may do as well), in a clause
    that is not negated and says nothing of "also", "again" or "with". The other actor is of
    the same kind (a person; a country for a country, a city for a city, an organisation or a
    place whose name says what it is, of the same kind: a university for a university), is
    named in the running text in a comparable role (as a subject for a subject), shares no
    word of its name with the first (no relative), is named neither in the sentence nor in
    the next, and never in a sentence with the statement's verb, nor in the two sentences
    before one where a pronoun is that verb's subject ("Ada ... She also won the prize"
    keeps Ada out).
    Among several, the one the text names most."""
    if ALSO.search(sentence.text):
        return None
    index = _swap_index(doc, extraction)
    sentence_number = _sentence_at(index.sentence_chars, sentence.start)
    here = sorted(
        (mention.start, mention, fact)
        for fact in index.actors
        for mention in fact.mentions
        if sentence.start <= mention.start < sentence.end
    )
    for _, mention, fact in here:
        slot = index.slots.get(mention.start)
        if slot is None or len(_occurrences(statement, mention.text)) != 1:
            continue
        if not _occurrences(statement, doc[slot.verb].text):
            continue  # the statement is not the clause of this verb
        if _subordinate(doc[slot.verb], statement):
            continue  # "With the Republic distracted, the moment looked right": background
        replacement = _replacement(index, fact, mention, slot, sentence_number, statement)
        if replacement is not None:
            return Swap(original=mention.text, replacement=replacement)
    return None


def _subordinate(verb: Token, statement: str) -> bool:
    """Whether the verb heads a clause that only sets the scene of another clause the
    statement keeps (an adverbial, a participle, a clause on a noun): a name changed there
    changes the background, not what the statement says."""
    if verb.dep_ in {"ROOT", "conj", "ccomp"}:
        return False
    head = verb.head
    return head is not verb and bool(_occurrences(statement, head.text))


def apply_swap(statement: str, swap: Swap) -> str | None:
    """The statement with the swap made, capitalised where it opens the statement."""
    found = _occurrences(statement, swap.original)
    if len(found) != 1:
        return None
    start, end = found[0]
    replacement = swap.replacement
    if start == 0:
        replacement = replacement[:1].upper() + replacement[1:]
    elif statement[:start].endswith(("the ", "The ")) and replacement.lower().startswith("the "):
        replacement = replacement[4:]
    return statement[:start] + replacement + statement[end:]


def _occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    if phrase and phrase not in text:
        return []  # no pattern built for a phrase the text never writes
    pattern = re.compile(rf"(?<![\w'’-]){re.escape(phrase)}(?![\w'’-])")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _replacement(
    index: _SwapIndex,
    fact: ActorFact,
    mention: Mention,
    slot: _Slot,
    sentence_number: int,
    statement: str,
) -> str | None:
    names = _name_words(fact)
    kind = _kind(fact)
    if kind is None:
        return None
    if kind == "person" and slot.preposition and slot.preposition not in PERSON_PREPOSITIONS:
        return None  # "returned from exile in Norland": a place, whatever the tagger says
    if kind == "person" and slot.role == SUBJECT and slot.lemma in OWN_ORIGIN_VERBS:
        return None  # "Dorran was born near Ashby": where was the other born?
    near = {sentence_number, sentence_number + 1}
    ranked = []
    for other in index.actors:
        if other.key == fact.key or other.label != fact.label or _kind(other) != kind:
            continue
        if other.key not in index.in_body or names & _name_words(other):
            continue
        if (
            len(index.mention_sentences.get(other.key, ())) < PASSING_MENTIONS
            and other.key not in index.agents
        ):
            continue  # named once in passing, doing nothing: the text cannot rule it out
        if kind == "person" and not (
            looks_like_a_name(str(fact.value)) and looks_like_a_name(str(other.value))
        ):
            continue  # "Twitter" tagged a person
        if all(part_of_longer_name(index.text, m.start) for m in other.mentions):
            continue  # "Vale Brannock" of the poem "Ave Vale Brannock"
        sentences = index.mention_sentences.get(other.key, set())
        if sentences & near or any(_occurrences(statement, m.text) for m in other.mentions):
            continue
        roles = index.roles.get(other.key, set())
        if slot.role not in roles:
            continue  # a subject for a subject; an object or a place for an object
        if kind == "person" and slot.role == SUBJECT and other.key not in index.agents:
            continue  # a person does something in the text ("Lent was observed" names none)
        if any(slot.lemma in index.sentence_lemmas[i] for i in sentences):
            continue  # the text may say the other did it too
        reach = {i + step for i in sentences for step in range(1, PRONOUN_REACH + 1)}
        if reach & index.pronoun_verbs.get(slot.lemma, set()):
            continue  # "he" may be the other: "Tom Berg ... He won the cup"
        form = _form(other, mention, fact)
        if form is None:
            continue
        first = min(sentences)
        ranked.append((-len(other.mentions), abs(first - sentence_number), form))
    return min(ranked)[2] if ranked else None


def _same_part(word: str, other: ActorFact, original: str, fact: ActorFact) -> bool:
    """Whether one-word `word` is the part of `other`'s full name that `original` is of
    `fact`'s: its last word (a surname) or its first (a given name). A one-word name ("Osric")
    is both."""
    own, theirs = str(fact.value).split(), str(other.value).split()
    if len(own) < 2 or len(theirs) < 2:
        return True
    if original == own[-1]:
        return word == theirs[-1]
    if original == own[0]:
        return word == theirs[0]
    return True


def _name_words(fact: ActorFact) -> set[str]:
    words = set()
    for name in (str(fact.value), *fact.aliases):
        words.update(w for w in normalise(name).split() if w not in {"the", "of", "and"})
    if fact.label != "person":
        # "the University of Leeds" and "the University of York" share only the kind's noun.
        words = {w for w in words if fine_type(w) is None}
    return words


def _kind(fact: ActorFact) -> str | None:
    """What kind of thing the actor is, as far as a swap needs it; None when unsure."""
    names = [str(fact.value), *fact.aliases]
    if fact.label == "person":
        return "person"
    if fact.label in {"country", "place"}:
        if any(is_country(name) for name in names):
            return "country"
        if any(is_city(name) for name in names):
            return "city"
    typed = {fine_type(name) for name in names} - {None}
    return f"{fact.label}:{typed.pop()}" if len(typed) == 1 else None


def _form(other: ActorFact, mention: Mention, fact: ActorFact) -> str | None:
    """The other actor's name as the text writes it most, of as many words as the name it
    replaces is (a surname for a surname, a full name for a full name), where it can be. A
    surname standing alone is replaced by a surname, a given name by a given name: "Mary"
    (of "Mary Fenn") is no stand-in for "Pellow" (of "Ada Pellow")."""
    forms = Counter(m.text for m in other.mentions if "\n" not in m.text)
    if not forms:
        return None
    if other.label == "person":
        several = len(mention.text.split()) > 1
        same = [f for f in forms if (len(f.split()) > 1) == several]
        if not several:
            same = [f for f in same if _same_part(f, other, mention.text, fact)]
        if not same:
            return None
        return max(same, key=lambda f: (forms[f], len(f), f))
    form = max(forms, key=lambda f: (forms[f], len(f), f))
    # A name's article is lower case inside a sentence ("The U.S. froze" -> "the U.S.").
    return "the " + form[4:] if form.startswith("The ") else form
