"""Which drafts are recommended: the one place that decides it, after every draft is scored.

A teacher approves the recommended set as a quiz, so it is chosen for precision, not reach:

1. Each draft gets explicit features (`draft_features`): its kind, the kind of fact it asks
   about, how long the prompt is, whether the prompt leans on the text ("the drought", "he",
   "each side"), whether the answer is the text's own subject, whether the sentence reports,
   supposes or fears what the question would state as fact, where the sentence stands in the
   document's structure, and where its distractors come from.
2. A small logistic model over those features (`ranker_weights.json`, fitted offline to
   readers' verdicts by `bench/quality/fit_ranker.py`, never to particular documents) estimates
   how likely a teacher is to accept the draft as written. That estimate is the draft's score.
3. Hard rules no estimate overrides (`blocked_reason`): a draft with a defect, from outside the
   running text, leaning on the text for what it refers to, asking for the text's own subject,
   or stating a reported or hypothetical claim as fact is never recommended. Three of those
   checks have their own modules: `giveaway` (a prompt that gives its answer away, or another
   question's), `conjuncts` (one value stated of two things the text tells apart) and
   `stranded` (a date the parse may have hung on the wrong clause).
4. Selection (`recommend`): best first, at most one question per fact and sentence (its other
   kinds stay as alternatives for the teacher), at most one per sentence until the set would be
   too small, no question whose prompt or options give away another's answer, no kind taking
   more than its share, and no more than `MAX_RECOMMENDED` in all.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from quizgen.nlp.dates import FULL_MONTH_NAMES
from quizgen.nlp.generate.clause import (
    DEMONSTRATIVES,
    doc_index,
    sentence_of,
    sentences_of,
    token_at,
)
from quizgen.nlp.generate.concepts import GLOSS_RULE
from quizgen.nlp.generate.conjuncts import split_conjuncts
from quizgen.nlp.generate.giveaway import gives_away, place_containers, shows_answer_of
from quizgen.nlp.generate.references import (
    bound_referent,
    complement_kept,
    describes_person,
    leans_on_text,
)
from quizgen.nlp.generate.stranded import stranded_date
from quizgen.nlp.generate.text import FULL_MONTH_PATTERN, contains_phrase, normalise, prompt_body
from quizgen.nlp.generate.wh import fine_type, is_acronym
from quizgen.nlp.generate.worth import (
    TRIVIAL_FEATURES,
    TRUNCATED_FEATURES,
    VAGUE_FEATURES,
    worth_features,
)
from quizgen.nlp.parsed import doc_text
from quizgen.nlp.structure import Region, byline_names, looks_like_heading
from quizgen.nlp.syntax import SUBJECT_DEPS, subject_of
from quizgen.nlp.types import (
    FACT_ASKING,
    ActorFact,
    Extraction,
    FactKind,
    QuestionDraft,
    QuestionKind,
    Sentence,
)

WEIGHTS_PATH = Path(__file__).with_name("ranker_weights.json")


def _noun_chunks(doc: Doc) -> list[Span]:
    """The doc's noun chunks, computed once per parse (kept in its `DocIndex`)."""
    index = doc_index(doc)
    if index.noun_chunks is None:
        index.noun_chunks = list(doc.noun_chunks)
        index.chunk_starts = [chunk.start for chunk in index.noun_chunks]
    return index.noun_chunks


def _chunks_in(span: Span) -> list[Span]:
    """The noun chunks inside `span`, in order."""
    chunks = _noun_chunks(span.doc)
    starts = doc_index(span.doc).chunk_starts
    found = []
    for position in range(bisect_left(starts, span.start), len(chunks)):
        chunk = chunks[position]
        if chunk.start >= span.end:
            break
        if chunk.end <= span.end:
            found.append(chunk)
    return found


def _verb_subjects(doc: Doc) -> dict[str, list[str]]:
    index = doc_index(doc)
    subjects = index.verb_subjects
    if subjects is None:
        subjects = {}
        for token in doc:
            if token.pos_ in {"VERB", "AUX"}:
                subject = subject_of(token, through={"conj"})
                if subject is not None:
                    subjects.setdefault(token.lemma_, []).append(subject.lower_)
        index.verb_subjects = subjects
    return subjects


# A recommended set is a quiz a teacher reviews in minutes: enough to choose from, no more.
MAX_RECOMMENDED = 12
# Below this many, a second question from one sentence is allowed (never on one fact).
MIN_RECOMMENDED = 8
# The estimate a draft needs to be recommended at all; `FLOOR` is the lower bar used only to
# reach MIN_RECOMMENDED.
RECOMMEND_AT = 0.5
FLOOR = 0.35
# A document still short of MIN_RECOMMENDED is filled up from the questions no hard rule
# refuses, down to this estimate: the hard rules (`blocked_reason`) carry the quality, the
# estimate orders what passes them (readers accepted short-answer, cloze and true/false
# items estimated 0.3-0.35 as often as those above, when no rule refused them).
FILL_FLOOR = 0.25
# No kind takes more than this share of the recommended set (once it has four questions).
KIND_SHARE = 0.4
# The share while a set is filled up to its target: with three kinds to choose from (true
# or false, cloze, short answer: the usual ones of a news text), a share of 0.4 stops a set
# at six questions, and 0.5 at seven when one kind is all that is left (a chapter's clozes
# once its one statement per sentence is taken); two thirds reach eight.
FILL_KIND_SHARE = 0.67
# A text supports about one question for every two sentences of its running text: a short
# article is filled up to that many, not to MIN_RECOMMENDED.
SENTENCES_PER_QUESTION = 2
# The ideas a chapter defines are what it teaches: up to this many term questions (one per
# term) are chosen before anything else, from FLOOR up.
TERMS_FIRST = 3
PROMPT_MAX_WORDS = 25

# Words that make a prompt depend on a sentence the student does not have in front of them.
PRONOUNS = frozenset(
    "he she it they him her them his hers its their theirs this these those".split()
)
# "no one" is one pronoun of two words: "one" and "no" alone are determiners ("One baker
# alone might bake 40 loaves", "No team scored") and say what they count.
INDEFINITE = frozenset(
    """nothing something everything anything nobody somebody everybody anybody
    someone everyone anyone none""".split()
) | {"no one"}
# Possessive determiners: bound by the subject of their own clause when it agrees ("Marshal
# Orlo and his army", "Team Corvale had to rebuild their glider"), see `bound_possessive`.
POSSESSIVE_DETERMINERS = frozenset({"his", "her", "its", "their"})
# Words that place the statement after something the prompt does not say ("Venn later taught
# at …", "one year later", "again", "immediately fled" without what it followed).
DISCOURSE = re.compile(
    r"\b(later|again|also|then|afterwards|afterward|subsequently|eventually|finally|meanwhile|"
    r"instead|however|still|too|as well|moreover|furthermore|relatedly|likewise|similarly|"
    r"(?:immediately|soon)(?!\s+(?:after|before|afterwards?|upon|on|following|as)\b)|"
    r"nevertheless|nonetheless|consequently|therefore|thus|in contrast|by contrast|"
    r"the following (year|day|month|week)|that (year|day)|"
    r"the (next|same) (year|day|month|week))\b",
    re.IGNORECASE,
)
# Words that compare with something the prompt does not say ("similar structures were built").
COMPARISON = re.compile(
    r"\b(similar|such|aforementioned|the (former|latter)|the same (?!year|day|month|week))\b",
    re.IGNORECASE,
)
DEICTIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})
# Determiners that pick one of a set the text has just introduced ("each side", "both men").
PARTITIVE = frozenset({"each", "both", "either", "neither", "another", "other"})
# Nouns whose definite form needs no antecedent: one of a kind in the world, or a time.
SELF_CONTAINED_NOUNS = frozenset(
    """world sun moon earth universe internet public government people past future present
    police press media
    century decade year month week day time morning evening night weekend
    north south east west""".split()
)
# Verbs that put their clause in someone's mouth or mind: what follows is a claim, not a fact.
REPORTING_VERBS = frozenset(
    """say state add note tell claim allege accuse report fear believe think suggest expect
    hope plan propose predict warn argue suspect estimate speculate rumour rumor assert insist deny
    doubt worry imagine suppose assume hypothesise hypothesize wonder hold maintain contend
    posit theorise theorize postulate conclude""".split()
)
MODALS = frozenset({"would", "could", "might", "may", "should", "must"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "suppose", "supposing"})
# Words that soften a claim or pass it on as hearsay ("reportedly", "perhaps", "is said to"):
# the sentence tells what is claimed, not a fact. With "according to", which names the claim's
# source, for `reported_or_hypothetical`; without it for `report_of`, which keeps the source.
CLAIM_HEDGE_WORDS = (
    r"reportedly|allegedly|supposedly|purportedly|apparently|perhaps|possibly|"
    r"is said to|are said to|was said to|were said to|rumou?red"
)
CLAIM_HEDGES = re.compile(rf"\b({CLAIM_HEDGE_WORDS})\b", re.IGNORECASE)
CLAIM_HEDGES_OR_SOURCE = re.compile(rf"\b({CLAIM_HEDGE_WORDS}|according to)\b", re.IGNORECASE)
HYPOTHETICAL_OPENINGS = re.compile(
    r"^(Suppose|Imagine|Consider|Assume|Let's say|Say that|For example|For instance|"
    r"If|Think of|Picture)\b",
)

# Questions on the terms a text defines (rules named "term:…").
DEFINITION_RULES = ("term:",)
DEFINITION_MAX_WORDS = 35
BLOCK_DEFECT = "has a defect"
BLOCK_REGION = "comes from outside the running text (title, caption, credits, references …)"
BLOCK_REFERENCE = "leans on the text for what a pronoun or 'the …' refers to"
BLOCK_SUBJECT = "asks for the text's own subject"
BLOCK_LEAD = "restates the text's opening sentence, which the title already gives away"
BLOCK_CLAIM = "states a reported, hypothetical or feared claim as fact"
BLOCK_VAGUE = "has several right answers in the text (a list, or the same event told again)"
BLOCK_ASIDE = "carries a bracketed aside of the sentence ('(d. 1990)', an expansion)"
BLOCK_LONG = "is too long to hold at once"
BLOCK_CEILING = "was asked in place or echoed, not as a clean question"
BLOCK_BANK = "has a distractor that is not from the text's world"
BLOCK_TYPE = "asks 'which organisation' for a name that does not say what it is"
BLOCK_OPTIONS = (
    "offers options that are not three other names or dates of the text's own, of the answer's type"
)
# The kinds of fact whose multiple-choice options can all come from the text itself, and be
# plausible: the text's other dates of the same form. The text's other people, places and
# bodies are rarely of the answer's role ("Edwin Marsh" among the candidates for who
# invited Venn back to Norway in 1981), and readers accepted none of them (held-out reading 1).
DOCUMENT_OPTION_FACTS = {FactKind.DATE}

BLOCK_TRIVIAL = (
    "asks for an incidental detail: who reported or interviewed, a weekday, a count of things "
    "the question does not say what they are for"
)
BLOCK_MISMATCH = "has someone replacing a team or a country (the parse took the wrong argument)"
BLOCK_CLASH = "carries a date that contradicts its own answer (a month of another event)"
BLOCK_GIVEAWAY = (
    "gives its answer away: a place the text puts inside the answer, where the answer has its "
    "seat, or a word of the answer's own name"
)
BLOCK_UNFIXED = "names a recurring event (a final, a championship) without saying which one"
BLOCK_TRUNCATED = (
    "is cut short or ill-formed: a piece of a name, a verb's complement or a coordinated "
    "clause left out, a wh-phrase tacked on, words written twice, a verb the text never used, "
    "'who' for a place"
)


@dataclass
class GenerationContext:
    """What selection needs to know about the document, computed once per generation."""

    extraction: Extraction
    doc: Doc | None
    subject_names: frozenset[str] = frozenset()
    title: str = ""
    sentence_spans: dict[int, Span] = field(default_factory=dict)
    # Where the running text's first sentence starts: the lead, which restates the title.
    lead_start: int = -1
    # `_descriptions` by (sentence start, sentence end, prompt, answer): asked for when the
    # descriptions are resolved and again for the features.
    _descriptions_of: dict[tuple[int, int, str, str], list[Span]] = field(default_factory=dict)
    # `reported_or_hypothetical` and `repeated_event` by (sentence start, end, answer start):
    # the same for every kind asked about one fact.
    _claims: dict[tuple[int, int, int], bool] = field(default_factory=dict)
    _repeated: dict[tuple, bool] = field(default_factory=dict)
    # The names the byline credits: a sentence about its author is a credit ("Jane Doe is a
    # BBC News correspondent based in Leeds"), not the text's matter.
    authors: frozenset[str] = frozenset()
    # The actors by fact key ("actor:Google"), and which place the text puts inside which
    # ("Groningen, in the Netherlands": groningen -> {netherlands}), both normalised.
    actors: dict[str, ActorFact] = field(default_factory=dict)
    # `_title_subjects`: the title's noun phrases and the stems of its demonyms.
    title_phrases: frozenset[str] = frozenset()
    _containers: dict[str, set[str]] | None = None
    # `report_of` by (sentence start, end, answer start).
    _reports: dict[tuple[int, int, int], Report | None] = field(default_factory=dict)

    @classmethod
    def build(cls, extraction: Extraction, doc: Doc | None) -> GenerationContext:
        title = _title(extraction)
        context = cls(extraction=extraction, doc=doc, title=title)
        context.subject_names = frozenset(_subject_names(extraction, title))
        context.authors = frozenset(
            name
            for sentence in extraction.sentences
            if getattr(sentence, "region", "body") == Region.BYLINE
            for name in byline_names(sentence.text)
        )
        context.title_phrases = frozenset(_title_subjects(extraction, title, doc))
        context.actors = {
            fact.key: fact
            for fact in extraction.of_kind(FactKind.ACTOR)
            if isinstance(fact, ActorFact)
        }
        for sentence in extraction.sentences:
            in_title = bool(title) and sentence.text.strip() in title
            if not in_title and getattr(sentence, "region", "body") == "body":
                context.lead_start = sentence.start
                break
        if doc is not None:
            _, sentences = sentences_of(doc)  # the doc's sentences, already walked once
            context.sentence_spans = {sent.start_char: sent for sent in sentences}
        return context

    def about_author(self, sentence: Sentence) -> bool:
        """Whether `sentence` names an author the byline credits."""
        return any(contains_phrase(sentence.text, name) for name in self.authors)

    def containers(self) -> dict[str, set[str]]:
        """`place_containers` of the doc, computed once."""
        if self._containers is None:
            self._containers = place_containers(self.doc) if self.doc is not None else {}
        return self._containers

    def span_of(self, start: int, end: int) -> Span | None:
        if self.doc is None:
            return None
        span = self.sentence_spans.get(start)
        if span is not None:
            return span
        return self.doc.char_span(start, end, alignment_mode="expand")

    def descriptions(self, draft: QuestionDraft) -> list[Span]:
        """`_descriptions` of the draft's prompt in its sentence, computed once per prompt."""
        sentence = draft.source_sentence
        key = (sentence.start, sentence.end, draft.prompt, draft.answer_text)
        found = self._descriptions_of.get(key)
        if found is None:
            span = self.span_of(sentence.start, sentence.end)
            found = _descriptions(span, draft.prompt, draft.answer_text)
            self._descriptions_of[key] = found
        return found

    def claim(self, sentence: Sentence, start: int) -> bool:
        """`reported_or_hypothetical` for the fact at `start` of `sentence`."""
        key = (sentence.start, sentence.end, start)
        found = self._claims.get(key)
        if found is None:
            span = self.span_of(sentence.start, sentence.end)
            found = reported_or_hypothetical(span, sentence.text, start)
            self._claims[key] = found
        return found

    def report(self, sentence: Sentence, start: int) -> Report | None:
        """`report_of` for the fact at `start` of `sentence`."""
        key = (sentence.start, sentence.end, start)
        if key not in self._reports:
            span = self.span_of(sentence.start, sentence.end)
            self._reports[key] = report_of(span, sentence.text, start)
        return self._reports[key]

    def repeated(self, sentence: Sentence, start: int, prompt: str = "") -> bool:
        """`repeated_event` for the fact at `start` of `sentence`, asked by `prompt` (whose
        years may tell two events apart)."""
        key = (sentence.start, sentence.end, start, prompt)
        found = self._repeated.get(key)
        if found is None:
            span = self.span_of(sentence.start, sentence.end)
            found = repeated_event(span, start, self.doc, prompt)
            self._repeated[key] = found
        return found


def _title(extraction: Extraction) -> str:
    for sentence in extraction.sentences:
        if getattr(sentence, "region", "body") == "title":
            return sentence.text
    first_line = extraction.text.strip().split("\n", 1)[0].strip()
    return first_line if len(first_line.split()) <= 15 else ""


def _subject_names(extraction: Extraction, title: str) -> set[str]:
    """The names of the text's own subjects: every actor the title names (a biography's
    person, the parties of a news story's headline). Asking for one gives the answer away."""
    names = set()
    for actor in extraction.of_kind(FactKind.ACTOR):
        if not isinstance(actor, ActorFact) or not title:
            continue
        if not any(contains_phrase(title, name) for name in _names_of(actor)):
            continue
        for name in _names_of(actor):
            names.add(normalise(name))
            if actor.label == "person" and len(name.split()) >= 2:
                names.add(normalise(name.split()[-1]))
    return {name for name in names if name}


# Endings a demonym adds to its country's stem ("Afghan" / "Afghanistan", "Italian" / "Italy").
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "an", "i")


def _title_subjects(extraction: Extraction, title: str, doc: Doc | None) -> set[str]:
    """What else a title makes the text's subject: each noun phrase of two words or more it
    names ("iodine deficiency"), and, for a demonym in it ("all-girl Afghan team"), the
    stem of the country it is of ("afgh"), written with a trailing "*"."""
    if not title or doc is None:
        return set()
    sentence = next(
        (s for s in extraction.sentences if getattr(s, "region", "body") == "title"), None
    )
    span = None
    if sentence is not None:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    if span is None:
        return set()
    found = set()
    for chunk in _chunks_in(span):
        words = [t for t in chunk if t.pos_ not in {"DET", "PRON", "PUNCT"}]
        if len(words) >= 2 and all(t.is_alpha or "-" in t.text for t in words):
            found.add(normalise(" ".join(t.text for t in words)))
    for token in span:
        if token.ent_type_ != "NORP" or not token.is_alpha:
            continue
        word = token.lower_
        for ending in DEMONYM_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                found.add(word[: -len(ending)] + "*")
                break
    return found


def _names_of(actor: ActorFact) -> list[str]:
    return [str(actor.value), *actor.aliases, *(m.text for m in actor.mentions)]


# Features ------------------------------------------------------------------------------


# "Her mother Samira al-Haddad": the answer named through someone the question leaves out.
POSSESSED = re.compile(r"\b(his|her|their|its)\s+(\w+,?\s+){1,2}$", re.IGNORECASE)


def _before(sentence: str, answer: str) -> str:
    at = sentence.find(answer) if answer else -1
    return sentence[:at] if at > 0 else ""


def has_pronoun(prompt: str, span: Span | None = None, answer: str = "") -> bool:
    """A personal or demonstrative pronoun in the prompt ("When did he …", "… of this"), or
    an indefinite one as its subject ("Nothing was ever quite level": nothing of what?).

    With the source sentence's parse (`span`), a possessive determiner bound by its own
    clause's subject, which the prompt names or asks for (`answer`), does not count: "When
    did Marshal Orlo and his army besiege Port Carrow?", "Who was cautioned for his tackle?"."""
    words = re.findall(r"[A-Za-z]+", prompt_body(prompt))
    opening = [word.lower() for word in words[:2]]
    if opening and (opening[0] in INDEFINITE or " ".join(opening) in INDEFINITE):
        return True
    seen: Counter = Counter()
    for word in words:
        lower = word.lower()
        if lower not in PRONOUNS:
            continue
        seen[lower] += 1
        if lower in POSSESSIVE_DETERMINERS and bound_possessive(
            span, lower, seen[lower], prompt, answer
        ):
            continue
        return True
    return False


PERSON_SUBJECT_ENTS = frozenset({"PERSON"})
GROUP_SUBJECT_ENTS = frozenset({"ORG", "NORP", "GPE"})
THING_SUBJECT_ENTS = frozenset({"ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LOC"})


def bound_possessive(span: Span | None, pronoun: str, nth: int, prompt: str, answer: str) -> bool:
    """Whether the `nth` possessive `pronoun` of the sentence is bound by the subject of its
    own clause, and the prompt keeps that subject (or asks for it): in English a possessive
    determiner is read as the nearest subject that agrees with it, "his"/"her" a person,
    "its" a named thing, "their" a plural or a named group. The subject is a name or a
    noun phrase with a name in it, never itself a pronoun or a bare "the …"."""
    if span is None:
        return False
    body = prompt_body(prompt)
    tokens = [t for t in span if t.lower_ == pronoun]
    written = len(re.findall(rf"\b{pronoun}\b", body, re.IGNORECASE))
    if len(tokens) != written or len(tokens) < nth:
        return False  # the prompt left one out: which of the sentence's is this?
    token = tokens[nth - 1]
    if token.dep_ != "poss":
        return False
    verb = token.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
        verb = verb.head
    subject = _effective_subject(verb) if verb.pos_ in {"VERB", "AUX"} else None
    if subject is None:
        return False
    coordinated = token in subject.subtree
    if coordinated:
        # "Marshal Orlo and his army": a possessive in a later conjunct of the subject is
        # bound by the conjunct before it; "His father" is the subject's own.
        if subject.i > token.i or not any(token in c.subtree for c in subject.conjuncts):
            return False
        words = [t for t in subject.subtree if t.i < token.i]
    elif subject.i > token.i:
        return False
    else:
        words = list(subject.subtree)
    # A clause hung on the subject is no part of its name: in "Barley, domesticated by 4000
    # BCE, formed the basis of their diet" the subject is barley, not "BCE".
    hung = {t.i for c in subject.subtree if c.dep_ in {"acl", "relcl"} for t in c.subtree}
    words = [t for t in words if t.i not in hung]
    if subject.tag_ in {"PRP", "PRP$", "WP", "WDT", "DT", "EX"}:
        return False
    if any(t.tag_ in {"PRP", "PRP$"} for t in words):
        return False
    names = [t for t in words if t.pos_ == "PROPN" or t.ent_type_ in NAMED_TYPES]
    if not names:
        return False
    entity = subject.ent_type_ or names[-1].ent_type_
    # "Nils and Ada … their": two people; "Corn, or maize, … their diet": one thing by two
    # names (an "or" joins alternatives, which "their" does not take up).
    plural = not coordinated and (
        subject.tag_ in {"NNS", "NNPS"}
        or any(c.dep_ == "cc" and c.lower_ not in {"or", "nor"} for c in subject.children)
    )
    if pronoun in {"his", "her"}:
        agrees = entity in PERSON_SUBJECT_ENTS and not plural
    elif pronoun == "its":
        # A named thing: an entity of a thing's type, or a name the tagger gave no type
        # ("The Lund Chamber Choir"), never a person.
        untyped_name = subject.pos_ == "PROPN" and not entity
        agrees = (entity in THING_SUBJECT_ENTS or untyped_name) and not plural
    else:
        agrees = plural or entity in GROUP_SUBJECT_ENTS
    if not agrees:
        return False
    # The prompt names the subject, or asks for it (the answer is the subject).
    own = [t for t in words if t == subject or (t.head == subject and t.dep_ in NAME_PARTS)]
    head = own if subject.pos_ == "PROPN" else [names[-1]]
    phrase = " ".join(t.text for t in head)
    return contains_phrase(body, phrase) or (
        bool(answer) and (contains_phrase(answer, head[-1].text) or contains_phrase(phrase, answer))
    )


NAME_PARTS = frozenset({"compound", "flat"})


NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT"})


# Nouns one owner has only one of: "_____'s headquarters" says which, "_____'s role" not.
ONE_PER_OWNER = frozenset(
    """headquarters capital mother father wife husband son daughter brother sister parents
    founder birthplace death birth funeral home hometown leader president owner name
    successor predecessor""".split()
)
BLANK_OWNER = re.compile(r"_____['’]s\s+((?:[a-z][\w-]*\s*){1,4})")
# Words that end the owned noun phrase ("_____'s headquarters located in …").
PHRASE_ENDS = frozenset(
    """located based in at of on for from to with by that which who whose was were is are
    and or but as""".split()
)


def blank_owns_unnamed(prompt: str) -> bool:
    """A blank as the owner of a thing the question does not name ("auditioned for _____'s
    role", "the host of _____'s horror reality series"): which role, which series? The
    owner alone said which; a thing one owner has one of ("_____'s headquarters") is fine."""
    match = BLANK_OWNER.search(prompt)
    if match is None:
        return False
    words = []
    for word in match.group(1).split():
        if word in PHRASE_ENDS:
            break
        words.append(word)
    else:
        rest = prompt[match.end(1) :]
        if re.match(r"\s*,?\s*[A-Z0-9]", rest):
            return False  # "_____'s Harbour Lights prequel, The Lamplighter": named
    if any(w in {"first", "last", "only", "debut"} or w.endswith("est") for w in words):
        return False  # "_____'s first film": one of its kind
    return bool(words) and words[-1] not in ONE_PER_OWNER


def repeated_event(span: Span | None, start: int, doc: Doc | None, prompt: str = "") -> bool:
    """Whether the question would have several answers: the answer is one of a list ("at
    Harlow, Carrow and Fernhill"), the text tells of the same subject doing the same thing
    more than once ("returned to Norway" in 1931, 1936 and 1973), or of the same subject doing
    the same kind of thing with another thing of the answer's kind ("taught at Harlow" and,
    elsewhere, "went on to teach at Carrow"; "studied at Fernhill University" and "attended the
    University of Wendshire"), or of someone else doing what the question says ("Who was
    cautioned for a tackle?" when two players were)."""
    if span is None or doc is None:
        return False
    token = token_at(span, start)
    if token is None:
        return False
    head = token
    while head.dep_ in {"compound", "amod", "nummod", "det", "poss", "flat"} and head.head != head:
        head = head.head
    if head.dep_ == "conj" or any(child.dep_ == "conj" for child in head.children):
        return True
    if token.dep_ != "nummod" and any(_listed_apposition(child) for child in head.children):
        return True  # "including the Balaiada, the Liberal revolts and the War of …"
    verb = head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_ in {"be", "have", "do"}:
        return False
    subject = _effective_subject(verb)
    if subject is not None and token in subject.subtree:
        return _another_subject_does_it(verb, subject, doc)
    if subject is None:
        return False
    same = sum(
        1
        for other in _verb_subjects(doc).get(verb.lemma_, ())
        if other == subject.lower_ or (subject.pos_ == "PROPN" and other in {"he", "she", "they"})
    )
    if same > 1:
        return not _told_apart(verb, subject, token, doc, prompt)
    return _same_kind_elsewhere(verb, subject, head, doc, prompt)


def _told_apart(verb: Token, subject: Token, answer: Token, doc: Doc, prompt: str) -> bool:
    """A date or a figure of something the subject does more than once, asked with what makes
    this time its own: "When did Lena appear in Frost as Mia?" beside her other films. Every
    other telling of the verb lacks one of the arguments the question keeps (a pronoun there
    may be the same thing, so it tells nothing apart)."""
    if answer.ent_type_ not in NUMBER_ENTS and not answer.like_num:
        return False
    asked = f" {normalise(prompt)} "
    own = [
        phrase
        for _, argument in _arguments(verb)
        if _kind(argument) and answer not in argument.subtree
        for phrase in [_phrase(argument)]
        if phrase and f" {phrase} " in asked
    ]
    if not own:
        return False
    others = [
        arguments
        for other, other_subject, arguments in _verb_index(doc)
        if other != verb and other.lemma_ == verb.lemma_ and _same_subject(subject, other_subject)
    ]
    if not others:
        return False
    for arguments in others:
        if any(argument.pos_ == "PRON" for _, argument in arguments):
            return False
        theirs = [_phrase(argument) for _, argument in arguments]
        if all(any(p in t or t in p for t in theirs if t) for p in own):
            return False  # this telling has everything the question says: another answer
    return True


# Verbs that tell the same kind of thing about a person and an institution or a place: a
# question on one has the others for answers too.
VERB_CLASSES = (
    frozenset(
        """study attend educate enrol enroll graduate train teach lecture work join serve
        employ hire""".split()
    ),
    frozenset(
        """travel go move return fly drive sail relocate emigrate immigrate head come journey
        take bring send transfer flee escape""".split()
    ),
)
PLACE_ENTS = frozenset({"ORG", "FAC", "GPE", "LOC"})
NUMBER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
SPATIAL = frozenset({"to", "into", "at", "in", "from", "toward", "towards", "onto"})
YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")


def _effective_subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb a subjectless conjunct, infinitive or
    participle hangs on ("He went back to Norland to teach at Carrow": he teaches)."""
    return subject_of(verb, through={"conj", "xcomp", "advcl"})


def _arguments(verb: Token) -> list[tuple[str, Token]]:
    """The verb's object and the objects of its prepositions (and of its object's: "studied
    music at the Leeds College", where the parser hangs "at" on "music")."""
    found = []
    for child in verb.children:
        if child.dep_ == "dobj":
            found.append(("dobj", child))
            for grand in child.children:
                if grand.dep_ == "prep":
                    found.extend((grand.lower_, g) for g in grand.children if g.dep_ == "pobj")
        elif child.dep_ in {"prep", "dative"}:
            found.extend((child.lower_, g) for g in child.children if g.dep_ == "pobj")
    return found


def _kind(token: Token) -> str:
    if token.ent_type_ in NUMBER_ENTS or token.like_num or token.pos_ == "PRON":
        return ""
    if token.ent_type_ == "PERSON":
        return "person"
    if token.ent_type_ in PLACE_ENTS:
        return "place"
    return "thing" if token.pos_ in {"NOUN", "PROPN"} else ""


def _same_subject(first: Token, second: Token) -> bool:
    a, b = first.lower_, second.lower_
    if a == b:
        return True
    people = {"he", "she"}
    return (a in people and second.pos_ == "PROPN") or (b in people and first.pos_ == "PROPN")


def _phrase(token: Token) -> str:
    return normalise(" ".join(t.text for t in token.subtree if t.dep_ not in {"det", "punct"}))


def _verb_index(doc: Doc) -> list[tuple[Token, Token, list[tuple[str, Token]]]]:
    index = doc_index(doc).verb_index
    if index is None:
        index = []
        for verb in doc:
            if verb.pos_ != "VERB":
                continue
            subject = _effective_subject(verb)
            if subject is not None:
                index.append((verb, subject, _arguments(verb)))
        doc_index(doc).verb_index = index
    return index


def _same_kind_elsewhere(verb: Token, subject: Token, answer: Token, doc: Doc, prompt: str) -> bool:
    """Another verb of the same lemma or class, with the same subject, and an argument of the
    answer's kind that is not the answer. A year the question keeps tells the two apart when
    the other's sentence does not have it."""
    relation = next((r for r, t in _arguments(verb) if t == answer), None)
    kind = _kind(answer)
    if relation is None or not kind:
        return False
    classes = [c for c in VERB_CLASSES if verb.lemma_ in c]
    years = set(YEAR.findall(prompt))
    own = _phrase(answer)
    for other, other_subject, arguments in _verb_index(doc):
        if other == verb or not _same_subject(subject, other_subject):
            continue
        same_lemma = other.lemma_ == verb.lemma_
        if not same_lemma and not any(other.lemma_ in c for c in classes):
            continue
        for other_relation, argument in arguments:
            other_kind = _kind(argument)
            if not other_kind:
                continue
            if same_lemma and other_relation == relation:
                fits = other_kind == kind or (
                    relation in SPATIAL and {kind, other_kind} <= {"place", "thing"}
                )
            else:
                fits = other_kind == kind and kind in {"place", "person"}
            if not fits:
                continue
            phrase = _phrase(argument)
            if not phrase or phrase in own or own in phrase:
                continue  # the same thing told again ("Carrow", "Carrow University")
            if years and not years & set(YEAR.findall(sentence_of(doc, other.i).text)):
                continue  # "in 2007" in the question, and not in the other's sentence
            return True
    return False


def _another_subject_does_it(verb: Token, subject: Token, doc: Doc) -> bool:
    """ "Who was cautioned for a late tackle?" when the text also has another player "cautioned
    for a late tackle": the same verb, another subject, and a word of what follows the verb in
    common."""
    words = {
        t.lemma_.lower()
        for _, argument in _arguments(verb)
        for t in argument.subtree
        if t.pos_ in {"NOUN", "PROPN"} and t.ent_type_ not in NUMBER_ENTS
    }
    if not words:
        return False
    for other, other_subject, arguments in _verb_index(doc):
        if other == verb or other.lemma_ != verb.lemma_ or _same_subject(subject, other_subject):
            continue
        theirs = {
            t.lemma_.lower()
            for _, argument in arguments
            for t in argument.subtree
            if t.pos_ in {"NOUN", "PROPN"}
        }
        if words & theirs:
            return True
    return False


def _descriptions(span: Span | None, prompt: str, answer: str) -> list[Span]:
    """Definite or partitive noun phrases of the sentence that the prompt repeats and that
    need the text to say what they are: "the drought", "the prize", "each side"."""
    if span is None:
        return []
    body = prompt_body(prompt)
    found: list[tuple[Span, str]] = []
    # The phrases a complement says which one they are, by their words: the prompt's "the
    # sentences of the Guildford Four" is that one, not the clause's other "the sentences".
    said_which: Counter = Counter()
    for chunk in _chunks_in(span):
        first = chunk[0].lower_
        if first not in DEICTIC_DETERMINERS and first not in PARTITIVE:
            continue
        if len(chunk) == 1 and chunk.root.tag_ in {"WDT", "WP"}:
            continue  # the relative pronoun of "a bill that would have allowed …"
        if any(
            (t.pos_ in {"PROPN", "NUM"} or t.ent_type_) and not _in_hyphened(t) for t in chunk
        ) and not describes_person(chunk):
            continue
        if any(t.tag_ in {"JJS", "RBS"} or t.lower_ in {"first", "last", "only"} for t in chunk):
            continue  # "the largest city", "the first woman": defined by the phrase itself
        root = chunk.root
        if root.lemma_.lower() in SELF_CONTAINED_NOUNS:
            continue
        after = chunk.end < len(chunk.doc) and chunk.doc[chunk.end]
        if any(child.dep_ == "appos" for child in root.children) or (
            after and after.pos_ == "PROPN"
        ):
            continue  # "the engineer Thomas Reed": the name says who
        if any(
            child.dep_ in {"prep", "acl", "relcl"}
            and child.lower_ not in LISTING_PREPOSITIONS
            and any(t.pos_ == "PROPN" or t.ent_type_ for t in child.subtree)
            and complement_kept(child, f"{body} {answer}")
            for child in [*root.children, *_named_phrase_after(chunk)]
        ):
            said_which[chunk.text.lower()] += 1
            continue  # "the capital of France", "the team that won in 2010"
        if any(
            child.dep_ in ESTABLISHING_DEPS
            and child.lower_ not in LISTING_PREPOSITIONS
            and any(t.pos_ == "NOUN" and t.i != root.i for t in child.subtree)
            and complement_kept(child, f"{body} {answer}")
            for child in root.children
        ):
            # "the number of letters to advice columns", "the share of readers who reply": the
            # phrase's own complement says which one it is (any "the …" inside it is a
            # noun phrase of its own, read by this rule in turn).
            continue
        text = chunk.text
        # The phrase as written, with its determiner: once resolved ("the competition" → "the
        # FIRST Global competition") the prompt no longer has it, though it has its words.
        written = re.search(rf"(?<!\w){re.escape(text)}(?!\w)", body, re.IGNORECASE)
        if not written and first in DEMONSTRATIVES and len(chunk) > 1:
            # "This duchy was ruled by …" asked as "The duchy was ruled by …": still which?
            text = f"the {chunk[1:].text}"
            written = re.search(rf"(?<!\w){re.escape(text)}(?!\w)", body, re.IGNORECASE)
        if written and not contains_phrase(answer, text):
            found.append((chunk, text))
    return [
        chunk
        for chunk, text in found
        if len(re.findall(rf"(?<!\w){re.escape(text)}(?!\w)", body, re.IGNORECASE))
        > said_which[text.lower()]
    ]


# Prepositions whose phrase, written right after a noun, is read as saying which one it is
# whatever the parse hangs it on ("overturned the sentences on the Maguire Seven").
COMPLEMENT_PREPOSITIONS = frozenset({"of", "on", "against", "about"})


def _named_phrase_after(chunk: Span) -> list[Token]:
    """A prepositional phrase with a name, right after `chunk`, that the parse hung on the
    verb ("quashed the convictions against the Harbour Three"): a reader takes it as the
    noun's complement. Not a time, nor a place of the event ("in Paris")."""
    doc = chunk.doc
    if chunk.end >= len(doc):
        return []
    after = doc[chunk.end]
    if after.lower_ not in COMPLEMENT_PREPOSITIONS or after.dep_ != "prep":
        return []
    if after.head != chunk.root.head or after.head.pos_ not in {"VERB", "AUX"}:
        return []
    if not any(t.pos_ == "PROPN" and t.ent_type_ not in {"DATE", "TIME"} for t in after.subtree):
        return []
    return [after]


def _listed_apposition(token: Token) -> bool:
    """An apposition that goes on as a list of other things, each with its determiner or a
    name ("X, the Liberal revolts of 1842 and the War of …"): X is one item of the list.
    Not one thing's several roles ("X, the founder and chairman")."""
    if token.dep_ != "appos":
        return False
    return any(
        child.dep_ == "conj"
        and (child.pos_ == "PROPN" or any(g.dep_ in {"det", "poss"} for g in child.children))
        for child in token.children
    )


# Modifiers that establish what a "the …" phrase names: a prepositional complement, a
# participle or a relative clause with a noun of its own.
ESTABLISHING_DEPS = frozenset({"prep", "acl", "relcl"})


def _in_hyphened(token: Token) -> bool:
    """A number inside a hyphened modifier ("the one-sentence comment", "the two-ship
    expedition"): it says what kind, not which one."""
    doc = token.doc
    if token.pos_ != "NUM" and not token.like_num:
        return False
    after = token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    return after or before


# Prepositions that list members, not say which one: "the organization including X and Y".
LISTING_PREPOSITIONS = frozenset({"including", "like", "such", "excluding", "besides"})
# "2018's competition" (written from "next year's competition"): which competition?
DATED_DESCRIPTION = re.compile(
    r"\b(1\d{3}|20\d{2})['’]s\s+(?:[a-z-]+\s+){0,2}[a-z-]+\b(?!\s+[A-Z0-9])"
)


def dated_description(prompt: str) -> bool:
    """A common noun owned by a year with no name after it ("2018's competition")."""
    return bool(DATED_DESCRIPTION.search(prompt_body(prompt)))


# An antecedent longer than this would make the prompt too long to read.
ANTECEDENT_MAX_WORDS = 7


def _in_heading(chunk: Span) -> bool:
    """Whether `chunk` stands in a heading or title line ("Parts of the Leaf", "THE
    BUILDING OF THE HARLOW BRIDGE"), whose capitals are its style, not names."""
    text = doc_text(chunk.doc)
    start = text.rfind("\n", 0, chunk.start_char) + 1
    end = text.find("\n", chunk.end_char)
    return looks_like_heading(text[start : end if end >= 0 else len(text)].strip())


def _running_case(token: Token) -> str:
    """A heading's word as the running text writes it: "heart" for the "Heart" of "Location
    of the Leaf", "Harlow" for the "HARLOW" of "THE HARLOW BRIDGE" (as written when the text
    has it nowhere else)."""
    text = doc_text(token.doc)
    lower = token.lower_
    if re.search(rf"\b{re.escape(lower)}\b", text):
        return lower
    capital = lower[:1].upper() + lower[1:]
    if re.search(rf"\b{re.escape(capital)}\b", text):
        return capital
    return token.text


def _compound_names(written: list[str], words: list) -> list[str]:
    """In a title-case heading, a noun right after a name keeps its capital: it is part of the
    name ("the Harwick-Dunmore Act", "the Kestrel Canal"), not the common noun the running text
    writes elsewhere ("the act"), unless the running text writes the pair in lower case."""
    text = doc_text(words[0].doc) if words else ""
    out = list(written)
    for i in range(1, len(words)):
        token, before = words[i], out[i - 1]
        if not (before[:1].isupper() or (before == "-" and i > 1 and out[i - 2][:1].isupper())):
            continue
        if token.pos_ not in {"NOUN", "PROPN"} or not token.text[:1].isupper():
            continue
        pair = f"{before}{words[i - 1].whitespace_}{token.lower_}"
        if not re.search(rf"\b{re.escape(pair)}\b", text):
            out[i] = token.text
    return out


def antecedent(chunk: Span, answer: str) -> str | None:
    """What "the competition" refers to: the one earlier noun phrase of the text with the same
    head noun that names it ("the FIRST Global competition"), written with "the". None when
    there is none, when there are several different ones ("the European team", "the Afghan
    team": which?), or when it would give the answer away."""
    doc = chunk.doc
    if chunk[0].lower_ in {"another", "other"}:
        return None  # "another horror film" is a new one, never the one named before
    lemma = chunk.root.lemma_.lower()
    plural = chunk.root.tag_ in PLURAL_TAGS
    named = {}
    for earlier in _noun_chunks(doc):
        if earlier.end > chunk.start:
            break
        if earlier.root.lemma_.lower() != lemma or (earlier.root.tag_ in PLURAL_TAGS) != plural:
            continue
        heading = _in_heading(earlier)
        if any(
            _naming_word(t) and (not heading or _running_case(t)[:1].isupper()) for t in earlier
        ):
            words = [t for t in earlier if not (t.i == earlier.start and t.lower_ in WEAK_DET)]
            named.setdefault(normalise(" ".join(t.text for t in words)), (earlier, words))
    if not named:
        # No earlier phrase names it: what the text binds to its noun ("X, a small firm,"),
        # or the one person an epithet can be ("the singer").
        return bound_referent(chunk, answer)
    chosen = _one_referent(list(named.values()))
    if chosen is None:
        return None
    earlier, words = chosen
    written = [
        _running_case(t)
        if _in_heading(earlier)
        else t.lower_
        if t.is_sent_start and t.pos_ != "PROPN" and not t.ent_type_
        else t.text
        for t in words
    ]
    if _in_heading(earlier) and not _in_capitals(earlier):
        written = _compound_names(written, words)
    if _in_capitals(earlier):
        # A heading set in capitals ("THE BUILDING OF THE HARLOW BRIDGE"): its name
        # written as a name ("the Harlow Bridge").
        written = [w.lower() if w.lower() in MINOR_WORDS else w.capitalize() for w in written]
    # The phrase with the text's own spacing ("Forty delegates", "Velmark's team").
    text = "".join(w + t.whitespace_ for w, t in zip(written, words, strict=True)).strip()
    if (
        not text
        or len(words) > ANTECEDENT_MAX_WORDS
        or " - " in earlier.text
        or "\n" in earlier.text
        or (answer and contains_phrase(text, answer))
    ):
        return None
    first = words[0]
    if first.pos_ == "PROPN" and first.tag_ != "NNPS" and any(t.tag_ == "POS" for t in words):
        return text  # "Velmark's robotics team"
    return "the " + text


WEAK_DET = frozenset({"a", "an", "the"})
# Words a name written in title case keeps in lower case.
MINOR_WORDS = frozenset("a an the of and or for in on at to by".split())


def _in_capitals(chunk: Span) -> bool:
    """A phrase of a line set wholly in capitals (a heading), not an acronym in running
    text ("the FIRST Global competition")."""
    letters = [c for c in chunk.sent.text if c.isalpha()]
    return len(letters) > 3 and all(c.isupper() for c in letters)


PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def _one_referent(candidates: list[tuple[Span, list]]) -> tuple[Span, list] | None:
    """The one thing several named phrases speak of, or None: "the Harrowgate kite festival"
    and "the Harrowgate City Kite Festival" name one festival (the words that name it in the
    one are all in the other), and the fuller name says which; "the European team" and "the
    Afghan team" are two teams."""
    if not candidates:
        return None

    def naming(words: list) -> frozenset[str]:
        return frozenset(t.lower_ for t in words if _naming_word(t))

    fullest = max(candidates, key=lambda item: (len(naming(item[1])), -item[0].start))
    names = naming(fullest[1])
    if all(naming(words) <= names for _, words in candidates):
        return fullest
    return None


def _naming_word(token) -> bool:
    """A word that names which one ("FIRST Global", "Afghan"), not a determiner, a number or
    an ordinal ("the first game" says which game only to someone who read the text)."""
    return (
        _names_something(token)
        and token.pos_ not in {"DET", "PRON", "NUM", "PART"}
        and token.ent_type_ not in {"ORDINAL", "CARDINAL", "DATE", "TIME"}
    )


def _names_something(token) -> bool:
    """A proper noun, an entity, or a capitalised word inside a sentence ("FIRST Global")."""
    if token.pos_ == "PROPN" or token.ent_type_:
        return True
    return token.text[:1].isupper() and not token.is_sent_start and token.pos_ != "PRON"


def resolve_descriptions(draft: QuestionDraft, context: GenerationContext) -> QuestionDraft:
    """The draft with each definite description of its prompt replaced by what it refers to
    in the text ("When did the competition end?" → "When did the FIRST Global competition
    end?"); unchanged when any of them cannot be resolved (the draft then stays blocked)."""
    chunks = context.descriptions(draft)
    if not chunks:
        return draft
    prompt = draft.prompt
    for chunk in chunks:
        replacement = antecedent(chunk, draft.answer_text)
        if replacement is None:
            return draft
        pattern = re.compile(rf"(?<!\w){re.escape(chunk.text)}(?!\w)", re.IGNORECASE)
        match = pattern.search(prompt)
        if match is None:
            return draft
        before = prompt[: match.start()]
        if not before.strip() or before.rstrip().endswith(":"):
            replacement = replacement[:1].upper() + replacement[1:]
        prompt = prompt[: match.start()] + replacement + prompt[match.end() :]
    if len(prompt.split()) > PROMPT_MAX_WORDS:
        return draft
    return replace(draft, prompt=prompt, question_text=prompt if draft.question_text else "")


def reported_or_hypothetical(span: Span | None, sentence_text: str, start: int) -> bool:
    """Whether the fact at character `start` is someone's claim, fear or supposition: in the
    complement of a reporting verb, under a modal or a condition, or hedged (`CLAIM_HEDGES`)."""
    if CLAIM_HEDGES_OR_SOURCE.search(sentence_text) or HYPOTHETICAL_OPENINGS.match(
        sentence_text.strip()
    ):
        return True
    if span is None:
        return False
    token = token_at(span, start)
    if token is None:
        return False
    node = token
    steps = 0
    while steps < 12:
        steps += 1
        if node.pos_ in {"VERB", "AUX"}:
            if any(c.dep_ == "aux" and c.lower_ in MODALS for c in node.children):
                return True
            if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
                return True
            if any(_conditional(c) for c in node.children):
                return True  # "If A offers $4, A keeps $6": the consequent holds only if
            if node.dep_ in {"ccomp", "xcomp"} and node.head.lemma_.lower() in REPORTING_VERBS:
                return True
        if node.head is node:
            break
        if (
            node.dep_ in {"ccomp", "parataxis"}
            and node.head.lemma_.lower() in REPORTING_VERBS
            and node.head.pos_ == "VERB"
        ):
            return True  # "X said that <fact>": the fact is X's claim
        node = node.head
    return False


def _conditional(clause: Token) -> bool:
    """An adverbial clause of condition ("if Player A offers $4"), which makes its main
    clause as much a supposition as itself."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in clause.children
    )


# Verbs that pass on what a source says or found, whose report a question may keep as "According
# to <source>, …": not the verbs of a belief, a fear, a hope, a plan, a forecast or an
# accusation, whose content stays a claim however it is introduced.
ATTRIBUTING_VERBS = frozenset(
    """say state add note tell report explain write confirm announce find show reveal
    conclude""".split()
)
# Of those, the verbs of a study or a count: "<finding>, a survey found" states the finding
# as the survey's, so a question that drops "a survey found" states it as a fact.
FINDING_VERBS = frozenset("find show reveal conclude".split())
SOURCE_MAX_WORDS = 8


@dataclass(frozen=True)
class Report:
    """Who or what a fact is reported by: the source as a question may name it, and the
    reporting verb (None for "according to …")."""

    source: str
    short: str
    verb: Token | None = None


def report_of(span: Span | None, sentence_text: str, start: int) -> Report | None:
    """The source that reports the fact at `start` when that is all that makes it a claim:
    "<fact>, a survey of 300 call centres found", "Police said that <fact>", "According to
    the Met Office, <fact>". None when the fact is also supposed, conditional or hedged, when
    the report is itself reported, or when the source does not say who it is ("she", "the
    study", "they")."""
    if span is None or HYPOTHETICAL_OPENINGS.match(sentence_text.strip()):
        return None
    if CLAIM_HEDGES.search(sentence_text):
        return None
    token = token_at(span, start)
    if token is None:
        return None
    node, verb = token, None
    for _ in range(12):
        if node.pos_ in {"VERB", "AUX"}:
            if any(c.dep_ == "aux" and c.lower_ in MODALS for c in node.children):
                return None
            if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
                return None
        if node.head is node:
            break
        head = node.head
        if node.dep_ in {"ccomp", "parataxis"} and head.pos_ == "VERB":
            lemma = head.lemma_.lower()
            if lemma in REPORTING_VERBS or lemma in ATTRIBUTING_VERBS:
                if lemma not in ATTRIBUTING_VERBS or verb is not None:
                    return None  # a belief or a fear, or a report of a report
                verb = head
        node = head
    if verb is not None:
        if any(
            c.dep_ in {"aux", "neg"} and c.lower_ in MODALS | {"not", "n't", "never"}
            for c in verb.children
        ):
            return None
        if verb.dep_ in {"ccomp", "parataxis", "xcomp"}:
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        # A source that does not say who it is ("she says", "the study found") still makes
        # the fact its claim; it is only never named in the question.
        return _report(subject, verb) or Report(source="", short="", verb=verb)
    according = next(
        (
            t
            for t in span
            if t.lower_ == "according" and t.i + 1 < span.end and span.doc[t.i + 1].lower_ == "to"
        ),
        None,
    )
    if according is None:
        return None
    source = next((c for c in span.doc[according.i + 1].children if c.dep_ == "pobj"), None)
    return _report(source, None)


def _report(source: Token | None, verb: Token | None) -> Report | None:
    """The source's words, when they say who it is: a name, or a noun phrase with "a" or with
    a complement of its own ("a survey of 300 call centres"), never a pronoun or a bare
    "the study"."""
    if source is None or source.tag_ in {"PRP", "PRP$", "WP", "WDT", "DT", "EX"}:
        return None
    if source.pos_ not in {"NOUN", "PROPN"}:
        return None
    tokens = [t for t in source.subtree if not t.is_space]
    if any(t.tag_ in {"PRP", "PRP$"} or t.lower_ in DEMONSTRATIVE_WORDS for t in tokens):
        return None
    named = any(t.pos_ == "PROPN" or t.ent_type_ in NAMED_TYPES for t in tokens)
    first = tokens[0].lower_
    established = any(
        c.dep_ in ESTABLISHING_DEPS and any(t.pos_ == "NOUN" for t in c.subtree)
        for c in source.children
    )
    if first == "the" and not named and not established:
        return None  # "the study": which one?
    head_part = [t for t in tokens if t.i <= source.i and t.dep_ not in {"punct"}]
    short = _words_of(head_part)
    if first == "the" and not any(t.pos_ == "PROPN" or t.ent_type_ for t in head_part):
        short = ""  # "the survey" alone needs its complement
    full = _words_of(tokens)
    if len(tokens) > SOURCE_MAX_WORDS or any(
        t.text in {",", "(", ")", ";", "—", "–"} for t in tokens
    ):
        full = short
    if not full:
        return None
    return Report(source=full, short=short or full, verb=verb)


DEMONSTRATIVE_WORDS = frozenset({"this", "that", "these", "those"})


def _words_of(tokens: list[Token]) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip()
    first = tokens[0]
    common = first.tag_ == "DT" or (first.pos_ != "PROPN" and not first.ent_type_)
    if common and first.text[:1].isupper():
        text = text[:1].lower() + text[1:]  # "Police said" → "according to police"
    return text


def _without_trailing_report(body: str, verb: Token) -> str | None:
    """The prompt without a report that closes it ("…, Professor Berg says?" → "…?"), or
    None when the report does not close it."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or verb.i < subject.i:
        return None
    words = "".join(t.text_with_ws for t in subject.subtree).strip()
    tail = re.compile(
        rf",\s+{re.escape(words)}\s+{re.escape(verb.text)}(?P<end>[?.]?)\s*$", re.IGNORECASE
    )
    match = tail.search(body)
    if match is None:
        return None
    return body[: match.start()] + match.group("end")


def _without_trailing_source(body: str, report: Report) -> str | None:
    """The prompt without an "according to <source>" that closes it ("…, according to the
    Lund Health Board (LHB)." → "…."), or None when none closes it."""
    for source in dict.fromkeys((report.source, report.short)):
        if not source:
            continue
        tail = re.compile(
            rf",?\s+according to\s+{re.escape(source)}(?:\s*\([^()]*\))?(?P<end>[?.]?)\s*$",
            re.IGNORECASE,
        )
        match = tail.search(body)
        if match is not None:
            return body[: match.start()] + match.group("end")
    return None


# Words that open a prompt and are written in lower case after "According to X, ".
LOWER_AFTER_ATTRIBUTION = frozenset(
    """the a an in on at by from for of to with during after before since until when what
    which who whom whose how where why there""".split()
)


def _common_opening(span: Span | None, word: str) -> bool:
    """Whether the prompt's first word is a common word where the sentence writes it ("Help
    lines received …"), not a name."""
    if span is None:
        return False
    for token in span:
        if token.text == word:
            return token.pos_ not in {"PROPN"} and not token.ent_type_ and word != "I"
    return False


def attributed(prompt: str) -> bool:
    """Whether the prompt names who reports what it asks ("According to …, …")."""
    return prompt_body(prompt).startswith("According to ")


# The facts a report is asked about with its source: what a survey, an office or a speaker
# counts or dates, and (`spoken_by_name`) what a named speaker says of who or where.
ATTRIBUTED_FACTS = {FactKind.DATE, FactKind.FIGURE}
# Verbs that say who spoke: "<Name> said/told/added that …". Not the verbs of a finding ("a
# survey found"), which name a study, nor of a belief, a fear or an accusation.
SPEECH_VERBS = frozenset("say state add note tell explain confirm announce report write".split())
# Of those, the verbs a true/false statement keeps as the text has them ("X confirmed that");
# the others are told with "say" in the text's tense ("X told the BBC" → "X said that").
KEPT_SPEECH_VERBS = frozenset("state explain confirm announce report write".split())
# Links on the way from the answer to the reported clause's verb that leave that clause: a
# relative clause ("the companies which received X"), a gerund or a clause of its own
# ("forced into using X"): what a question on them states is not what the speaker said.
CLAUSE_LEAVING_DEPS = frozenset({"relcl", "acl", "advcl", "pcomp", "csubj", "csubjpass", "appos"})
# Verbs of a mind at work, whose clause is their subject's, not the speaker's report.
MIND_VERBS = REPORTING_VERBS | ATTRIBUTING_VERBS | {"dream", "wish", "want", "feel", "know"}
# Quotation marks: double ones, or a single one opening words ("'the best'"), not an
# apostrophe ("Google's", "the players' union").
QUOTE_MARKS = re.compile(r"[\"“”‘]|(?:^|[\s(])'")


def spoken_by_name(span: Span | None, start: int, report: Report) -> bool:
    """Whether the fact at `start` is what a named speaker says, in the speaker's own clause:
    "Ana Ruiz said that Kestrel Labs opened a store in Bergen", "According to the Lund Health
    Board, Tom Hale led the team". Not when the speaker is not named ("police", "a spokesman",
    "she"), when the sentence quotes words (a quoted fragment is not a paraphrase to restate),
    when the fact sits in a relative clause or a clause of its own inside the report, or when
    its own verb is a belief or another report ("X said Y feared that …")."""
    if span is None or not report.source or QUOTE_MARKS.search(span.text):
        return False
    if report.verb is not None and report.verb.lemma_.lower() not in SPEECH_VERBS:
        return False
    if not _named_source(span, report):
        return False
    token = token_at(span, start)
    if token is None:
        return False
    top = report.verb
    node, clause_verb = token, None
    for _ in range(16):
        if top is not None and node.head == top:
            break
        if node.head == node:
            if top is not None:
                return False  # the speech verb does not govern the fact
            break
        if node.dep_ in CLAUSE_LEAVING_DEPS:
            return False
        if clause_verb is None and node.pos_ in {"VERB", "AUX"}:
            clause_verb = node
        node = node.head
    else:
        return False
    if clause_verb is None and node.pos_ in {"VERB", "AUX"}:
        clause_verb = node
    if clause_verb is not None and clause_verb.lemma_.lower() in MIND_VERBS:
        return False
    return clause_verb is None or not any(
        c.dep_ == "neg" or c.lower_ in {"not", "n't", "never"} for c in clause_verb.children
    )


def _named_source(span: Span, report: Report) -> bool:
    """Whether the report's source is named: a proper noun or a named entity among its words
    ("Ana Ruiz", "the Lund Health Board"), not a role alone ("the spokesman", "police")."""
    words = set(normalise(report.source).split())
    return any(
        (t.pos_ == "PROPN" or t.ent_type_ in NAMED_TYPES) and normalise(t.text) in words
        for t in span
    )


def _speech_phrase(verb: Token) -> str:
    """The reporting verb as a true/false statement tells it, in the text's tense: "said",
    "says", "has said", "had confirmed" ("told the BBC" → "said")."""
    lemma = verb.lemma_.lower()
    perfect = next(
        (c.lower_ for c in verb.children if c.dep_ == "aux" and c.lemma_.lower() == "have"),
        "",
    )
    if lemma in KEPT_SPEECH_VERBS:
        word = verb.lower_
    elif verb.tag_ == "VBZ":
        word = "says"
    elif verb.tag_ == "VBP":
        word = "say"
    else:
        word = "said"
    return f"{perfect} {word}".strip()


def names_its_source(prompt: str, report: Report | None) -> bool:
    """Whether the prompt keeps who reports what it asks: "According to <source>, …", "…,
    according to <source>." or (true/false) "<source> said that …"."""
    if report is None:
        return False
    body = prompt_body(prompt)
    for source in dict.fromkeys((report.source, report.short)):
        if not source:
            continue
        if body.startswith(f"According to {source}, "):
            return True
        if re.search(rf"\baccording to {re.escape(source)}\b", body, re.IGNORECASE):
            return True
        if report.verb is not None:
            # "<Source> said that …" as a statement tells it, or the report as the text has
            # it ("Fenwick stated to the Harlow Courier that …").
            named = re.escape(f"{source[:1].upper()}{source[1:]}")
            said = re.escape(_speech_phrase(report.verb))
            verb = re.escape(report.verb.text)
            if re.match(rf"{named} (?:{said} that |(?:has |have |had )?{verb}\b)", body):
                return True
    return False


def attribute_report(
    draft: QuestionDraft, context: GenerationContext, fact_kind: str = ""
) -> QuestionDraft:
    """A date or figure a source reports, asked with its source: "According to a survey of
    300 call centres, the number of calls … grows by what percentage every year?"; and who or
    where a named speaker reports (`spoken_by_name`): "According to Ana Ruiz, which company
    opened a store in Bergen?". A true/false statement of a speaker keeps the speaker's verb
    ("True or false: Ana Ruiz said that Kestrel Labs opened a store in Bergen."). Unchanged
    when the prompt keeps the report itself ("The researchers found that …", "Who said …"),
    when the source holds the answer, or when the prompt would grow too long."""
    if draft.kind not in FACT_ASKING | {QuestionKind.TRUE_FALSE}:
        return draft
    if draft.rule.startswith(DEFINITION_RULES) or attributed(draft.prompt):
        return draft
    sentence = draft.source_sentence
    report = context.report(sentence, _answer_start(draft))
    if report is None:
        return draft
    span = context.span_of(sentence.start, sentence.end)
    spoken = spoken_by_name(span, _answer_start(draft), report)
    if fact_kind not in ATTRIBUTED_FACTS and not spoken:
        return draft
    body = prompt_body(draft.prompt)
    prefix = draft.prompt[: len(draft.prompt) - len(body)]
    if report.verb is not None and re.search(rf"\b{re.escape(report.verb.text)}\b", body):
        cut = _without_trailing_report(body, report.verb)
        if cut is None:
            return draft  # the prompt keeps the report: "Who said …", "X found that …"
        body = cut
    elif report.verb is None:
        # "…, according to X (XYZ)." is asked "According to X, …": the source first, as a
        # reader meets it, without the bracketed short name.
        body = _without_trailing_source(body, report) or body
    answer = draft.answer_text
    for source in dict.fromkeys((report.source, report.short)):
        if not source:
            return draft
        if (answer and contains_phrase(source, answer)) or contains_phrase(body, source):
            return draft
        first, _, rest = body.partition(" ")
        if first.lower() in LOWER_AFTER_ATTRIBUTION or _common_opening(span, first):
            first = first.lower()
        if spoken and draft.kind == QuestionKind.TRUE_FALSE and report.verb is not None:
            said = _speech_phrase(report.verb)
            opening = f"{source[:1].upper()}{source[1:]} {said} that"
        else:
            opening = f"According to {source},"
        prompt = f"{prefix}{opening} {first} {rest}".rstrip()
        if len(prompt.split()) <= PROMPT_MAX_WORDS:
            return replace(draft, prompt=prompt)
    return draft


def answer_is_subject(draft: QuestionDraft, context: GenerationContext) -> bool:
    """Whether the draft asks for the text's subject, or (true/false) tests a statement whose
    only fact is the subject itself ("Ashworth has appeared in many stage plays"), or
    asks for the term a title or section heading is about (it names nothing else).
    The subject is also what the title's noun phrases name, written out or as an acronym
    ("IDD" under a title on "iodine deficiency"), and the country of a demonym in the title
    ("Afghanistan" under "Afghan team")."""
    if draft.rule.startswith(DEFINITION_RULES) and draft.kind in FACT_ASKING:
        return names_only(context.title, draft) or section_names_only(draft, context.extraction)
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


def names_only(line: str, draft: QuestionDraft) -> bool:
    """Whether a title or heading names nothing but the draft's answer and its other names
    ("Resilience and Grit" for grit; not "Sovereignty and Anarchy" for anarchy, which readers
    accepted: a line naming two ideas leaves each to ask for)."""
    if not line:
        return False
    names = {normalise(name) for name in (draft.answer_text, *draft.accepted_answers)}
    names.discard("")
    line = re.sub(r"^\s*\d+(?:\.\d+)*\s+", "", line)  # "2.2 The Careful Reader"
    parts = [
        normalise(re.sub(r"^(?:the|a|an)\s+", "", part.strip(), flags=re.IGNORECASE))
        for part in re.split(r",|;|:|\band\b|\bor\b|&", line, flags=re.IGNORECASE)
    ]
    parts = [part for part in parts if part]
    return bool(parts) and all(part in names for part in parts)


def _answer_start(draft: QuestionDraft) -> int:
    """Where the draft's fact stands in the text: from a date's or figure's key
    ("figure:1234:1240"), else where its answer is written in the sentence."""
    sentence = draft.source_sentence
    for key in draft.fact_keys:
        parts = key.split(":")
        if (
            len(parts) == 3
            and parts[1].isdigit()
            and sentence.start <= int(parts[1]) < sentence.end
        ):
            return int(parts[1])
        if parts[0] == "actor" and len(parts) >= 2:
            at = sentence.text.find(key.split(":", 1)[1])
            if at >= 0:
                return sentence.start + at
    return sentence.start + max(sentence.text.find(draft.answer_text), 0)


def introduced_definite(prompt: str, sentence: str) -> bool:
    """Whether the prompt made "a business that …" into "The business …": a generic or
    hypothetical thing the question now speaks of as if the student knew which."""
    for noun in re.findall(r"\b[Tt]he ([a-z][a-z-]+)\b", prompt_body(prompt)):
        if re.search(rf"\b(a|an) ([a-z-]+ )?{re.escape(noun)}\b", sentence, re.IGNORECASE):
            if not re.search(rf"\bthe ([a-z-]+ )?{re.escape(noun)}\b", sentence, re.IGNORECASE):
                return True
    return False


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
        return False  # "How many shirts were sold?": the figure is all the subject says
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


BLANK_MARK = "_____"
UNDATED_WORDS = frozenset([*FULL_MONTH_NAMES, "spring", "summer", "autumn", "fall", "winter"])


def demonstrative_date(draft: QuestionDraft) -> bool:
    """ "took charge of the division that November": a month or a season after "that" or
    "this" is one of a year the text gave before; asked alone ("When …? November"), or
    blanked after "that", it leans on that year."""
    answer = draft.answer_text.strip()
    words = answer.lower().split()
    if not words or words[0] not in UNDATED_WORDS:
        return False
    pattern = rf"\b(?:that|this)\s+{re.escape(answer)}\b"
    return re.search(pattern, draft.source_sentence.text, re.IGNORECASE) is not None


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


# Trivia -----------------------------------------------------------------------------------

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


# How far a minor detail (`day_of_a_passing_event`) is ranked below its fitted estimate: set
# by hand from readers' notes ("the exact date of one game is incidental") until refitted.
MINOR_DEMOTION = 0.12


def claim_stated_as_fact(draft: QuestionDraft, context: GenerationContext, start: int) -> bool:
    """Whether the draft states as a fact what its sentence only reports, supposes or fears.
    A question that names the report's source ("According to …") states no fact; one that
    drops "a survey found" from "<finding>, a survey found" states the finding as a fact."""
    sentence = draft.source_sentence
    report = context.report(sentence, start)
    if names_its_source(draft.prompt, report):
        return False
    if context.claim(sentence, start):
        return True
    verb = report.verb if report is not None else None
    return (
        verb is not None
        and verb.lemma_.lower() in FINDING_VERBS
        and not re.search(rf"\b{re.escape(verb.text)}\b", prompt_body(draft.prompt))
    )


def draft_features(
    draft: QuestionDraft,
    *,
    context: GenerationContext,
    ceiling: float,
    from_document: float,
    importance: float,
    fact_kind: str,
) -> dict[str, float]:
    """The explicit features the ranker weighs, all in [0, 1]."""
    sentence = draft.source_sentence
    answer_start = _answer_start(draft)
    words = len(draft.prompt.split())
    region = getattr(sentence, "region", "body")
    features = {
        "bias": 1.0,
        "base_score": draft.score,
        "prompt_long": min(max(words - 12, 0) / 13, 1.0),
        "sentence_long": min(max(len(sentence.text.split()) - 20, 0) / 30, 1.0),
        "importance": importance,
        "pronoun": float(
            has_pronoun(
                draft.prompt, context.span_of(sentence.start, sentence.end), draft.answer_text
            )
        ),
        "description": float(
            bool(context.descriptions(draft))
            or blank_owns_unnamed(draft.prompt)
            or introduced_definite(draft.prompt, sentence.text)
            or dated_description(draft.prompt)
            or demonstrative_date(draft)
        ),
        "subject_answer": float(answer_is_subject(draft, context)),
        "claim": float(claim_stated_as_fact(draft, context, answer_start)),
        "off_text": float(region != "body" or context.about_author(sentence)),
        "echo": float(ceiling < 1.0),
        "inplace_reads_well": float(
            ceiling < 1.0
            and inplace_reads_well(
                draft, context.span_of(sentence.start, sentence.end), fact_kind, answer_start
            )
        ),
        "bank_distractor": float(
            draft.kind == QuestionKind.MULTIPLE_CHOICE
            and fact_kind == FactKind.ACTOR
            and from_document < 1
        ),
        "generic_wh": float(
            "which organisation" in draft.prompt.lower()
            and not is_acronym(draft.answer_text)
            and fine_type(draft.answer_text) not in {"organisation", "organization"}
        ),
        "document_options": float(document_options(draft, context.extraction, fact_kind)),
        "discourse": float(bool(DISCOURSE.search(prompt_body(draft.prompt)))),
        "comparison": float(bool(COMPARISON.search(prompt_body(draft.prompt)))),
        "repeated": float(
            draft.kind in FACT_ASKING and context.repeated(sentence, answer_start, draft.prompt)
        ),
        "lead_true": float(
            draft.kind == QuestionKind.TRUE_FALSE
            and draft.answer_text == "True"
            and sentence.start == context.lead_start
        ),
        # Only a name is named through its owner ("her mother Samira"); a date or a figure
        # after "his remarks in" is not.
        "possessed": float(
            fact_kind == FactKind.ACTOR
            and bool(POSSESSED.search(_before(sentence.text, draft.answer_text)))
        ),
        "answer_long": min(max(len(draft.answer_text.split()) - 3, 0) / 5, 1.0),
        "quote_in_prompt": float("“" in draft.prompt or '"' in draft.prompt),
        "aside": float("(" in draft.prompt or "[" in draft.prompt),
        "incidental": float(
            incidental(draft, context.span_of(sentence.start, sentence.end), answer_start, context)
        ),
        "mismatched": float(
            mismatched_replacement(context.span_of(sentence.start, sentence.end), answer_start)
        ),
        "date_clash": float(
            date_clash(draft)
            or stranded_date(draft, context.span_of(sentence.start, sentence.end), answer_start)
        ),
        "split_conjuncts": float(
            split_conjuncts(
                context.span_of(sentence.start, sentence.end), answer_start, context.doc
            )
        ),
        "giveaway": float(gives_away(draft, context, fact_kind)),
        "points_back": float(leans_on_text(draft, context.span_of(sentence.start, sentence.end))),
        "unfixed_event": float(unfixed_event(draft)),
        "address": float(street_address(draft)),
        "passing_day": float(day_of_a_passing_event(draft)),
    }
    features.update(
        worth_features(
            draft,
            context.span_of(sentence.start, sentence.end),
            answer_start,
            context.doc,
            context.subject_names,
        )
    )
    for kind in (
        QuestionKind.MULTIPLE_CHOICE,
        QuestionKind.TRUE_FALSE,
        QuestionKind.FILL_BLANK,
        QuestionKind.SHORT_ANSWER,
        QuestionKind.NUMERIC,
        QuestionKind.ORDERING,
        QuestionKind.MATCHING,
    ):
        features[f"kind_{kind}"] = float(draft.kind == kind)
    for kind in (FactKind.DATE, FactKind.FIGURE, FactKind.ACTOR, FactKind.QUOTE, "term"):
        features[f"fact_{kind}"] = float(fact_kind == kind)
    return features


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The fitted weights (checked in beside this module)."""
    return json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))["weights"]


def estimate(features: dict[str, float]) -> float:
    """The ranker's estimate that a teacher accepts the draft as written.

    The multiple-choice weight was fitted when every recommended multiple choice had options
    from the built-in bank or of another type; until readers judge ones whose options all
    come from the text (`document_options`), such a draft is estimated as the same question
    asked for a short answer."""
    if features.get("document_options"):
        features = dict(features, kind_multiple_choice=0.0, kind_short_answer=1.0)
    fitted = weights()
    z = sum(fitted.get(name, 0.0) * value for name, value in features.items())
    value = 1.0 / (1.0 + math.exp(-z))
    if features.get("passing_day") and value > FLOOR:
        # Below the text's main facts, not out of the set: it may still fill a short one.
        value = max(value - MINOR_DEMOTION, FLOOR)
    return round(value, 4)


def blocked_reason(draft: QuestionDraft, features: dict[str, float]) -> str:
    """Why a draft may never be recommended, whatever its estimate ('' when it may be)."""
    if draft.defects:
        return BLOCK_DEFECT
    if features["off_text"]:
        return BLOCK_REGION
    if features.get("date_clash"):
        return BLOCK_CLASH
    if features["echo"] and not features.get("inplace_reads_well"):
        return BLOCK_CEILING
    if draft.rule.startswith(DEFINITION_RULES):
        # A definition is written to stand alone: its "the branch of botany given over to
        # …" and its "people who believe …" are the term's meaning, not a reference or a claim.
        if features["subject_answer"]:
            return BLOCK_SUBJECT
        if draft.rule == GLOSS_RULE:
            return BLOCK_VAGUE
        return BLOCK_LONG if len(draft.prompt.split()) > DEFINITION_MAX_WORDS else ""
    if (
        features["pronoun"]
        or features["description"]
        or features.get("comparison")
        or features["possessed"]
        or features["discourse"]
        or features.get("points_back")
    ):
        return BLOCK_REFERENCE
    if features["subject_answer"]:
        return BLOCK_SUBJECT
    if features["lead_true"]:
        return BLOCK_LEAD
    if features["claim"]:
        return BLOCK_CLAIM
    if features["repeated"] or features.get("split_conjuncts"):
        return BLOCK_VAGUE
    if len(draft.prompt.split()) > PROMPT_MAX_WORDS:
        return BLOCK_LONG
    if features["aside"]:
        return BLOCK_ASIDE
    if features["bank_distractor"]:
        return BLOCK_BANK
    if draft.kind == QuestionKind.MULTIPLE_CHOICE and not features.get("document_options"):
        if not draft.rule.startswith(DEFINITION_RULES):
            return BLOCK_OPTIONS
    if features["generic_wh"]:
        return BLOCK_TYPE
    if features.get("incidental"):
        return BLOCK_TRIVIAL
    if features.get("mismatched"):
        return BLOCK_MISMATCH
    if features.get("giveaway"):
        return BLOCK_GIVEAWAY
    if features.get("unfixed_event"):
        return BLOCK_UNFIXED
    if features.get("address") or any(features.get(name) for name in TRIVIAL_FEATURES):
        return BLOCK_TRIVIAL
    if any(features.get(name) for name in VAGUE_FEATURES):
        return BLOCK_VAGUE
    if any(features.get(name) for name in TRUNCATED_FEATURES):
        return BLOCK_TRUNCATED
    return ""


# Selection -----------------------------------------------------------------------------


@dataclass
class Scored:
    draft: QuestionDraft
    estimate: float
    blocked: str
    sentence: int
    facts: tuple[str, ...]


def _too_many_true(draft: QuestionDraft, kinds: Counter, lead: int) -> bool:
    """Whether a true statement would put the recommended true statements more than `lead`
    ahead of the false ones (one true statement may stand alone): a student learns that
    "True" is a safe guess. The statement's fact is then asked in another kind, or another
    fact is; only to fill a short set is one more true statement taken (`lead` 1)."""
    if draft.kind != QuestionKind.TRUE_FALSE or draft.answer_text != "True":
        return False
    return kinds["True"] >= max(kinds["False"], 1) + lead


def fill_target(body_sentences: int) -> int:
    """How many questions a set is filled up to: MIN_RECOMMENDED, or one for every
    SENTENCES_PER_QUESTION sentences of running text in a shorter text."""
    return max(1, min(MIN_RECOMMENDED, -(-body_sentences // SENTENCES_PER_QUESTION)))


def _statement_words(draft: QuestionDraft) -> set[str]:
    return {word for word in normalise(prompt_body(draft.prompt)).split() if not word.isdigit()}


def same_statement(first: QuestionDraft, second: QuestionDraft) -> bool:
    """Two true/false items telling one thing, whatever year or number each gives ("Mara made
    her debut in 1950" and "Mara made her debut at the Crown in 1947": every word of the one
    is in the other): one answers the other."""
    if QuestionKind.TRUE_FALSE != first.kind or QuestionKind.TRUE_FALSE != second.kind:
        return False
    a, b = _statement_words(first), _statement_words(second)
    return bool(a and b) and (a <= b or b <= a)


def is_term_question(draft: QuestionDraft) -> bool:
    """A question asking for a term the text defines (not the matching, which shows them)."""
    return draft.rule.startswith(DEFINITION_RULES) and draft.kind in FACT_ASKING


def _terms_order(scored: list[Scored], order: list[int]) -> list[int]:
    """The term questions, best first, those whose prompt names another term the text defines
    last: "Which term describes younger neutrophils?" (bands) leans on "neutrophils", and the
    two cannot both be asked (the one prompt gives the other's answer), so the term the
    other is built on is asked."""
    terms = [i for i in order if is_term_question(scored[i].draft)]
    answers = {scored[i].draft.answer_text for i in terms}

    def leans(index: int) -> bool:
        draft = scored[index].draft
        return any(
            answer != draft.answer_text and contains_phrase(draft.prompt, answer)
            for answer in answers
        )

    return sorted(terms, key=lambda i: (leans(i), order.index(i)))


def recommend(scored: list[Scored], *, target: int = MIN_RECOMMENDED) -> list[QuestionDraft]:
    """Mark the recommended set and order the drafts: recommended first, best first.

    The terms the text defines come first (up to TERMS_FIRST), then the best questions from
    RECOMMEND_AT and FLOOR up to MAX_RECOMMENDED; a set still short of `target` (see
    `fill_target`) is filled up from FILL_FLOOR. No draft a hard rule refuses is ever taken."""
    order = sorted(range(len(scored)), key=lambda i: (-scored[i].estimate, i))
    chosen: list[int] = []
    facts_used: set[tuple] = set()
    sentences_used: Counter = Counter()
    kinds: Counter = Counter()

    def fits(index: int, *, bar: float, per_sentence: int, share: float, lead: int) -> bool:
        item = scored[index]
        if item.blocked or item.estimate < bar:
            return False
        if any((key, item.sentence) in facts_used for key in item.facts):
            return False
        if sentences_used[item.sentence] >= per_sentence:
            return False
        if item.draft.kind == QuestionKind.TRUE_FALSE and (item.sentence, "tf") in facts_used:
            return False  # two statements of one sentence: each gives the other away
        if _too_many_true(item.draft, kinds, lead):
            return False
        if any(same_statement(scored[other].draft, item.draft) for other in chosen):
            return False
        if len(chosen) >= 4 and kinds[item.draft.kind] + 1 > share * (len(chosen) + 1):
            return False
        return not any(
            shows_answer_of(scored[other].draft, item.draft)
            or shows_answer_of(item.draft, scored[other].draft)
            for other in chosen
        )

    passes = (
        (FLOOR, KIND_SHARE, TERMS_FIRST, 0, True),
        (RECOMMEND_AT, KIND_SHARE, MAX_RECOMMENDED, 0, False),
        (FLOOR, KIND_SHARE, MAX_RECOMMENDED, 0, False),
        # Filling up to the target: a kind may take two thirds of the set, below FLOOR only
        # as many questions are taken as the set lacks, and at last one more true statement.
        (FLOOR, FILL_KIND_SHARE, target, 0, False),
        (FILL_FLOOR, FILL_KIND_SHARE, target, 1, False),
    )
    for bar, share, limit, lead, terms_only in passes:
        for index in _terms_order(scored, order) if terms_only else order:
            if len(chosen) >= limit:
                break
            if terms_only and not is_term_question(scored[index].draft):
                continue
            if index in chosen or not fits(index, bar=bar, per_sentence=2, share=share, lead=lead):
                continue
            item = scored[index]
            chosen.append(index)
            facts_used.update((key, item.sentence) for key in item.facts)
            if item.draft.kind == QuestionKind.TRUE_FALSE:
                facts_used.add((item.sentence, "tf"))
            sentences_used[item.sentence] += 1
            kinds[item.draft.kind] += 1
            if item.draft.kind == QuestionKind.TRUE_FALSE:
                kinds[item.draft.answer_text] += 1
        if not terms_only and len(chosen) >= target:
            break
    picked = set(chosen)
    chosen.sort(key=lambda i: (-scored[i].estimate, i))
    rest = [i for i in order if i not in picked]
    return [replace(scored[i].draft, recommended=True) for i in chosen] + [
        replace(scored[i].draft, recommended=False) for i in rest
    ]
