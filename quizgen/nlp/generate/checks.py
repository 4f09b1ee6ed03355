"""Checks of what a single draft asks, each read by the ranker as one feature.

- `answer_is_subject`: it asks for the text's own subject (a title's actor, noun phrase,
  acronym or demonym's country, the term a title or heading names alone, or the school of
  thought a title's adjective names).
- `document_options`: a multiple choice whose three distractors are the text's own dates of
  the answer's form, none beside the answer.
- `incidental`: who passed on a paraphrase, the reporter at work, a weekday alone, a count of a
  relational noun ("three reasons"); `street_address`, `day_of_a_passing_event` (ranked below).
- `mismatched_replacement`: a person replacing a team or a country (a misparse).
- `inplace_reads_well`: a short-answer question asked in place that reads as a question alone.
- `date_clash` (another event's month), `unfixed_event` (a recurring event with no year).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from quizgen.nlp.generate.clause import token_at
from quizgen.nlp.generate.concepts import DEFINITION_RULES, stem_key
from quizgen.nlp.generate.repeated import _effective_subject
from quizgen.nlp.generate.text import FULL_MONTH_PATTERN, contains_phrase, normalise, prompt_body
from quizgen.nlp.generate.wh import is_acronym
from quizgen.nlp.structure import Region
from quizgen.nlp.syntax import SUBJECT_DEPS, subject_of
from quizgen.nlp.types import FACT_ASKING, Extraction, FactKind, QuestionDraft, QuestionKind

if TYPE_CHECKING:
    from quizgen.nlp.generate.context import GenerationContext


# The kinds of fact whose multiple-choice options can all come from the text itself, and be
# plausible: the text's other dates of the same form. The text's other people, places and
# bodies are rarely of the answer's role ("Edwin Marsh" among the candidates for who
# invited Venn back to Norway in 1981), and readers accepted none of them (held-out reading 1).
DOCUMENT_OPTION_FACTS = {FactKind.DATE}


def answer_is_subject(draft: QuestionDraft, context: GenerationContext) -> bool:
    """Whether the draft asks for the text's subject, or (true/false) tests a statement whose
    only fact is the subject itself ("Ashworth has appeared in many stage plays"), or
    asks for the term a title or section heading is about (it names nothing else).
    The subject is also what the title's noun phrases name, written out or as an acronym
    ("IDD" under a title on "iodine deficiency"), and the country of a demonym in the title
    ("Afghanistan" under "Afghan team")."""
    if draft.rule.startswith(DEFINITION_RULES) and draft.kind in FACT_ASKING:
        return (
            names_only(context.title, draft)
            or school_of_title(context.title, draft.answer_text)
            or section_names_only(draft, context.extraction)
        )
    if not context.subject_names and not context.title_phrases:
        return False
    if draft.kind == QuestionKind.TRUE_FALSE:
        return bool(draft.fact_keys) and all(
            key.startswith("actor:") and normalise(key[len("actor:") :]) in context.subject_names
            for key in draft.fact_keys
        )
    if draft.kind not in FACT_ASKING:
        return False
    answer = normalise(draft.answer_text)
    if not answer:
        return False
    forms = [answer]
    expansion = acronym_expansion(context.extraction.text, draft.answer_text)
    if expansion:
        forms.append(normalise(expansion))
    if any(answer == name or f" {name} " in f" {answer} " for name in context.subject_names):
        return True
    for phrase in context.title_phrases:
        if phrase.endswith("*"):
            # The country of the title's demonym: "Afghanistan" for an "Afghan team".
            if len(answer.split()) == 1 and answer.startswith(phrase[:-1]):
                return True
            continue
        for form in forms:
            # The phrase is most of the answer ("iodine deficiency disorders"), not a part of
            # a body named after it ("the Council for the Control of Iodine Deficiency …").
            if f" {phrase} " in f" {form} " and 2 * len(phrase.split()) >= len(form.split()):
                return True
    return False


ACRONYM_SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "on", "&"})


def acronym_expansion(text: str, acronym: str) -> str:
    """What an acronym stands for where the text gives it: the words before its bracketed
    form whose initials spell it ("iodine deficiency disorders (IDD)"); '' when none."""
    letters = acronym.replace(".", "").strip()
    if not is_acronym(letters):
        return ""
    for match in re.finditer(rf"\(\s*{re.escape(letters)}s?\s*\)", text):
        words = re.findall(r"[A-Za-z][\w'-]*", text[max(0, match.start() - 200) : match.start()])
        wanted = list(reversed(letters.lower()))
        for position in range(len(words) - 1, -1, -1):
            word = words[position]
            if word.lower() in ACRONYM_SMALL_WORDS and wanted:
                continue
            if word[0].lower() != wanted[0]:
                break
            wanted.pop(0)
            if not wanted:
                return " ".join(words[position:])
    # Else a run of capitalised words whose initials spell it ("Iodine Deficiency Disorders").
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    n = len(letters)
    for start in range(len(words) - n + 1):
        run = words[start : start + n]
        if all(
            w[0] == c.upper() and w[0].isupper() and w != letters
            for w, c in zip(run, letters, strict=True)
        ):
            return " ".join(run)
    return ""


def section_names_only(draft: QuestionDraft, extraction: Extraction) -> bool:
    """Whether the heading over the draft's sentence names nothing but the term it asks for
    and the term's other names ("Frugality and Thrift" over "Thrift can be defined as …"): the
    section is about that term, so asking for it gives the answer away. A heading naming
    several ideas ("Concepts and Prototypes") leaves each one to ask for."""
    start = draft.source_sentence.start
    heading = ""
    for sentence in extraction.sentences:
        if sentence.start >= start:
            break
        if getattr(sentence, "region", "body") == Region.HEADING:
            heading = sentence.text
    return names_only(heading, draft)


def school_of_title(title: str, answer: str) -> bool:
    """Whether a one-word school of thought is what the title's adjective of it names
    ("pacifism" under "Pacifist Views of War", "realists" under "Realism in Art"): the
    text is about it, and the answer is guessed from the title."""
    key = stem_key(answer)
    if not title or len(answer.split()) != 1 or not key.endswith("-"):
        return False
    return any(stem_key(word) == key for word in re.findall(r"[A-Za-z]+", title))


def names_only(line: str, draft: QuestionDraft) -> bool:
    """Whether a title or heading names nothing but the draft's answer and its other names
    ("Resilience and Grit" for grit; not "Sovereignty and Anarchy" for anarchy, which readers
    accepted: a line naming two ideas leaves each to ask for)."""
    if not line:
        return False
    names = {normalise(name) for name in (draft.answer_text, *draft.accepted_answers)}
    names.discard("")
    names |= {_singular(stem_key(name)) for name in names}
    line = re.sub(r"^\s*\d+(?:\.\d+)*\s+", "", line)  # "2.2 The Careful Reader"
    line = HEADING_FRAME.sub("", line.strip()).strip()
    parts = [
        normalise(re.sub(r"^(?:the|a|an)\s+", "", part.strip(), flags=re.IGNORECASE))
        for part in re.split(r",|;|:|\band\b|\bor\b|&", line, flags=re.IGNORECASE)
    ]
    parts = [part for part in parts if part]
    return bool(parts) and all(
        part in names or _singular(stem_key(part)) in names for part in parts
    )


def _singular(key: str) -> str:
    """A heading's plural as its term's singular ("Concepts": concept)."""
    if len(key) > 4 and key.endswith("s") and not key.endswith("ss"):
        return key[:-1]
    return key


# The words a heading frames its one term with ("What Is Cognition?", "Defining Thrift",
# "An Introduction to Grit"): the term is still all it names.
HEADING_FRAME = re.compile(
    r"^(?:what (?:is|are)(?: an?| the)?|what's|defining|understanding|introducing|"
    r"(?:an )?introduction to|(?:an )?overview of|the (?:concept|idea|notion) of)\s+"
    r"|\s*\?$",
    re.IGNORECASE,
)


def document_options(draft: QuestionDraft, extraction: Extraction, fact_kind: str) -> bool:
    """Whether a multiple-choice draft offers three distractors the text itself gives (dates
    of the answer's form: the distractor builder keeps to it), none in the question's own
    sentence, none sharing a name part with the answer or written in the prompt, and none
    given beside the answer anywhere in the text (where it may be true as well)."""
    if draft.kind != QuestionKind.MULTIPLE_CHOICE or fact_kind not in DOCUMENT_OPTION_FACTS:
        return False
    answer = draft.answer_text
    others = [text for text, correct in draft.options if not correct]
    if len(others) < 3:
        return False
    prompt_words = normalise(prompt_body(draft.prompt)).split()
    prompt_pairs = set(zip(prompt_words, prompt_words[1:], strict=False))
    answer_parts = {w for w in normalise(answer).split() if len(w) > 2 and w not in {"the", "and"}}
    beside_answer = [s.text for s in extraction.sentences if contains_phrase(s.text, answer)]
    for option in others:
        if not contains_phrase(extraction.text, option):
            return False
        if contains_phrase(draft.source_sentence.text, option):
            return False
        if fact_kind == FactKind.ACTOR and answer_parts & set(normalise(option).split()):
            return False
        if any(contains_phrase(text, option) for text in beside_answer):
            return False
        words = normalise(option).split()
        if prompt_pairs & set(zip(words, words[1:], strict=False)):
            return False  # "Ivo Marchetti FRS" for a question about Ivo Marchetti
    return True


# Verbs whose subject passes on a paraphrase of what someone said: "Who stated that X left
# on May 4?" tests who reported it, not what happened.
REPORTING_SUBJECT_VERBS = frozenset(
    """say state tell add note explain claim confirm report write insist argue stress reply
    respond comment""".split()
)
# Verbs of a reporter at work: "The Courier spoke with a costume maker", "The paper contacted X".
INTERVIEW_VERBS = frozenset("speak talk interview contact reach email phone".split())
WEEKDAY_ONLY = re.compile(
    r"^(on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
    r"(\s+(morning|afternoon|evening|night))?$",
    re.IGNORECASE,
)
# Nouns that say what they are only with what they are for or of: "three reasons" (for
# what?), "two factors", "four stages".
RELATIONAL_NOUNS = frozenset(
    """reason factor cause way step stage phase type kind sort part element aspect principle
    advantage disadvantage benefit drawback problem method component feature characteristic
    consequence effect result aim purpose criterion condition requirement lesson option
    alternative approach strategy explanation category group""".split()
)
REPLACEMENT_VERBS = frozenset("replace succeed substitute relieve supersede".split())


def _noun_head(token: Token) -> Token:
    while token.dep_ in {"compound", "amod", "nummod", "det", "poss", "flat", "quantmod"}:
        if token.head == token:
            break
        token = token.head
    return token


def incidental(
    draft: QuestionDraft, span: Span | None, start: int, context: GenerationContext
) -> bool:
    """Whether the draft tests a detail no teacher would: who passed on a paraphrase ("_____
    stated X left on May 4"), the reporter who spoke with someone, a weekday alone
    ("released on bail on Friday"), or how many of something that is only a relation ("Smith
    offered three reasons": reasons for what?)."""
    text = context.extraction.text
    for key in draft.fact_keys:
        parts = key.split(":")
        if parts[0] == "date" and len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
            if WEEKDAY_ONLY.match(text[int(parts[1]) : int(parts[2])].strip()):
                return True
    if span is not None and _bare_relational_count(span, draft.prompt):
        return True
    token = token_at(span, start) if span is not None else None
    if token is None:
        return False
    head = _noun_head(token)
    verb = head
    while verb.pos_ != "VERB" and verb.head != verb:
        verb = verb.head
    if verb.lemma_ in INTERVIEW_VERBS:
        return True  # the reporter at work: who spoke with whom, and when
    if head.dep_ in SUBJECT_DEPS and head.head == verb:
        if verb.lemma_ in REPORTING_SUBJECT_VERBS and any(c.dep_ == "ccomp" for c in verb.children):
            # "_____ stated X left on May 4"; as true or false, a person's paraphrase ("the
            # EPA says crops may ..." tells what a body holds, and is asked).
            named_body = head.ent_type_ in {"ORG", "GPE", "NORP", "FAC"}
            return draft.kind in FACT_ASKING or (head.pos_ == "PROPN" and not named_body)
    return False


def _bare_relational_count(span: Span, prompt: str) -> bool:
    """A count of a relational noun with nothing saying what it is of or for ("three
    reasons"), written in the prompt or in its blank."""
    body = prompt_body(prompt)
    for noun in span:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in RELATIONAL_NOUNS:
            continue
        if not any(c.dep_ == "nummod" for c in noun.children):
            continue
        if any(c.dep_ in {"prep", "acl", "relcl", "ccomp"} for c in noun.children):
            continue
        if re.search(rf"\b{re.escape(noun.text)}\b", body):
            return True
    return False


def mismatched_replacement(span: Span | None, start: int) -> bool:
    """ "Who replaced Korea?": one person replaces another, not a team or a country; a
    replacement verb with a person on one side and a named group on the other is a misparse
    (the team "substituted X and was replaced by Y": Y replaced X)."""
    token = token_at(span, start) if span is not None else None
    if token is None:
        return False
    head = _noun_head(token)
    verb = head.head
    if head.dep_ == "pobj" and verb.dep_ == "agent":
        verb = verb.head
    if verb.lemma_ not in REPLACEMENT_VERBS:
        return False
    sides = [_effective_subject(verb)]
    for child in verb.children:
        if child.dep_ == "dobj":
            sides.append(child)
        elif child.dep_ == "agent":
            sides.extend(g for g in child.children if g.dep_ == "pobj")
    types = {side.ent_type_ for side in sides if side is not None and side.ent_type_}
    return "PERSON" in types and bool(types & {"GPE", "NORP", "ORG"})


# A question asked in place reads as a question on its own when it asks for the main
# finding of a short sentence: how many, how much or when, about a subject the sentence
# names in full ("The number of letters to advice columns grows by what percentage every year?").
INPLACE_RULES = ("inplace",)
INPLACE_MAX_WORDS = 18
INPLACE_WH = re.compile(
    r"(?:^|\b(?P<prep>in|on|by|since|until|from|to|of|after|before|during|through|at)\s+)"
    r"(?P<wh>what (?:year|date|month|day|decade|century|percentage|proportion|share|fraction)"
    r"|which year|how (?:many|much)(?P<noun>\s+[a-z]+)?)\b",
    re.IGNORECASE,
)
INPLACE_FACTS = {FactKind.DATE, FactKind.FIGURE}
ATTRIBUTION = re.compile(r"^According to [^,]+, ")
SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "acl", "ccomp", "xcomp", "csubj", "parataxis"})
FUNCTION_WORDS = frozenset(
    "the a an of in on at by to for with from and or as than that which who whom".split()
)


def inplace_reads_well(draft: QuestionDraft, span: Span | None, fact_kind: str, start: int) -> bool:
    """Whether a short-answer question asked in place may be recommended: it asks for a
    date or a figure of its sentence's main clause, with a wh-phrase English allows there
    (after a preposition, or fronted; "how many" with its noun), or for a name with "which"
    and the text's own noun ("at which university"), in a short prompt with no comma (no
    list, no aside), and the main clause's subject is a full noun phrase, not a pronoun
    (which the other rules read)."""
    if draft.kind != QuestionKind.SHORT_ANSWER or not draft.rule.startswith(INPLACE_RULES):
        return False
    if draft.rule != "inplace" or span is None:
        return False
    if fact_kind not in INPLACE_FACTS and fact_kind != FactKind.ACTOR:
        return False
    # The source a report is asked with ("According to a survey, …") is not part of the clause.
    prompt = ATTRIBUTION.sub("", draft.prompt)
    if len(prompt.split()) > INPLACE_MAX_WORDS or "," in prompt or ";" in prompt:
        return False
    if fact_kind == FactKind.ACTOR:
        # "Ana Ruiz studied law at which university?": the text's own noun after "which",
        # after a preposition or the verb; not "which organisation"/"which place" (a noun
        # that says nothing), "whom", or a possessive ("which city's …").
        named = list(INPLACE_WHICH.finditer(prompt))
        if len(named) != 1 or re.search(r"\b(?:whom?|what)\b", prompt, re.IGNORECASE):
            return False
        if named[0].group("noun").lower() in VAGUE_WH_NOUNS or named[0].start() == 0:
            return False
    else:
        matches = list(INPLACE_WH.finditer(prompt))
        if len(matches) != 1:
            return False
        if not _reads_as_value_question(matches[0]):
            return False
    token = token_at(span, start)
    if token is None:
        return False
    root = span.root
    node = token
    while node != root and node.head != node:
        if node.dep_ in SUBORDINATE_DEPS:
            return False  # in a clause of its own: not what the sentence says
        node = node.head
    subject = subject_of(root)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"} or token in subject.subtree:
        return False  # "How many scarves were sold?": the figure is all the subject says
    return not any(t.tag_ in {"PRP", "PRP$"} for t in subject.subtree)


INPLACE_WHICH = re.compile(r"\bwhich\s+(?P<noun>[a-z][\w-]*)\b(?!['’]s)", re.IGNORECASE)
VAGUE_WH_NOUNS = frozenset(
    "organisation organization place person thing one year date month day decade".split()
)


def _reads_as_value_question(match: re.Match) -> bool:
    if match.group("wh").lower().startswith("how"):
        noun = (match.group("noun") or "").strip().lower()
        if not noun or noun in FUNCTION_WORDS:
            return False  # "Pasco batted how many with a triple?", "was how many?"
    elif match.group("prep") is None and match.start() != 0:
        return False  # "Pasco opened what year with Dunmore?"
    return True


MONTH_WORD = re.compile(rf"\b({FULL_MONTH_PATTERN})\b")


def date_clash(draft: QuestionDraft) -> bool:
    """Whether a question on a date that names a month carries another month ("In which
    month did Ames win the Battle of Kessel in December?" keyed April): the month came from
    another event of the sentence."""
    if not any(key.startswith("date:") for key in draft.fact_keys):
        return False
    months = set(MONTH_WORD.findall(draft.answer_text))
    if draft.kind == QuestionKind.TRUE_FALSE:
        return len(set(MONTH_WORD.findall(draft.prompt))) > 1
    if not months:
        return False
    return bool(set(MONTH_WORD.findall(draft.prompt)) - months)


# Events held again and again: without a year or an edition, "the World Series" is any.
RECURRING_EVENT = re.compile(
    r"\b(World Series|World Cup|Olympics|Olympic Games|Super Bowl|Grand Prix|Championships?|"
    r"Cup Final|Final|Open|Games|Tour|Election|Elections|Eurovision|Oscars?|Academy Awards?)\b"
)
ORDINAL_OR_YEAR = re.compile(
    r"\b(1[0-9]{3}|20[0-9]{2}|\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|"
    r"eighth|ninth|tenth|last|next|inaugural)\b",
    re.IGNORECASE,
)


def unfixed_event(draft: QuestionDraft) -> bool:
    """A recurring event named with no year or edition ("The Harbor Hawks won the Coastal Cup
    over the _____"): which one? Asking for its date is fine; anything else needs it."""
    if draft.kind == QuestionKind.ORDERING or draft.kind == QuestionKind.MATCHING:
        return False
    body = prompt_body(draft.prompt)
    if not RECURRING_EVENT.search(body):
        return False
    if any(key.startswith("date:") for key in draft.fact_keys) and draft.kind != (
        QuestionKind.TRUE_FALSE
    ):
        return False  # "When did the Harbor Hawks win the Coastal Cup?" asks which one
    return not ORDINAL_OR_YEAR.search(body)


STREET = re.compile(
    r"\b(Street|St|Road|Rd|Avenue|Ave|Lane|Boulevard|Blvd|Terrace|Crescent|Drive|Row|Quay)\.?$"
)


def street_address(draft: QuestionDraft) -> bool:
    """A street or a house number asked for ("at the school on _____, Harlow": Upper Quarry
    Lane; "lived at 12 _____"): where a building stands, not what the text is about."""
    if draft.kind not in FACT_ASKING:
        return False
    if STREET.search(draft.answer_text.strip()):
        return True
    return bool(re.search(r"\b\d+[A-Za-z]?\s+_____", draft.prompt))


DAY_DATE = re.compile(
    rf"\b\d{{1,2}}(st|nd|rd|th)?\s+({FULL_MONTH_PATTERN})\b|\b({FULL_MONTH_PATTERN})\s+\d{{1,2}}\b"
)
# Events whose day a reader is expected to know: a life's start and end, a founding.
LIFE_EVENTS = re.compile(
    r"\b(born|died|dies|death|killed|murdered|executed|assassinated|married|founded|"
    r"established|crowned|inaugurated|signed|declared|proclaimed)\b",
    re.IGNORECASE,
)


def day_of_a_passing_event(draft: QuestionDraft) -> bool:
    """Whether the question asks for the exact day of an event other than a birth, a death,
    a founding or a declaration ("When did Pasco go 3-for-3 …?": June 1, 2015): a detail to
    rank below the text's main facts."""
    if draft.kind not in FACT_ASKING or not any(k.startswith("date:") for k in draft.fact_keys):
        return False
    if not DAY_DATE.search(draft.answer_text):
        return False
    return not LIFE_EVENTS.search(draft.source_sentence.text)
