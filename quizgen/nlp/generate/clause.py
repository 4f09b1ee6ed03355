"""Turning a sentence's clause into a question or a plain statement, with the dependency parse.

A clause is the finite verb that governs the answer, its subject and the dependents a reader
needs (objects, prepositional phrases, complements). Everything else (other coordinated
clauses, participle clauses, discourse adverbs, fronted adverbials) is left out, so a question
stands on its own. Wh-questions follow English syntax: the wh-phrase comes first, then the first
auxiliary (or the copula, or do-support in the verb's tense) before the subject, and the verb
in its base form after do-support (lemminflect gives the base form).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from lemminflect import getAllLemmas, getInflection, getLemma
from spacy.tokens import Doc, Span, Token

from quizgen.nlp.actors import is_name_title, name_cut
from quizgen.nlp.dates import FULL_MONTH_NAMES
from quizgen.nlp.generate.text import BLANK, balance_quotes, capitalise, tidy
from quizgen.nlp.marks import is_reference_mark
from quizgen.nlp.parsed import doc_text
from quizgen.nlp.syntax import SUBJECT_DEPS, subject_of

# Dependents of the verb that belong in a stand-alone question.
KEEP_DEPS = {
    "dobj",
    "dative",
    "attr",
    "acomp",
    "oprd",
    "prep",
    "agent",
    "prt",
    "xcomp",
    "ccomp",
    "advmod",
    "npadvmod",
    "aux",
    "auxpass",
    "neg",
}
FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
DO_SUPPORT = {"VBD": "did", "VBZ": "does", "VBP": "do"}
# Adverbs that tie a sentence to its neighbours; a stand-alone question reads better without.
DISCOURSE_ADVERBS = {
    "also",
    "already",
    "now",
    "still",
    "then",
    "however",
    "meanwhile",
    "too",
    "even",
    "especially",
    "instead",
    "thus",
    "therefore",
    "nevertheless",
    "moreover",
    "furthermore",
    "indeed",
    "so",
    "again",
    "further",
    "finally",
    "first",
    "yet",
}
RELATIVE_PRONOUNS = {"that", "which", "who", "whom"}
DEMONSTRATIVES = {"this", "that", "these", "those"}
PERSONAL_HE_SHE = {"he", "she"}
TEMPORAL_ENTS = {"DATE", "TIME"}


@dataclass
class Clause:
    """The parts of one finite clause, ready to be rearranged."""

    verb: Token
    subject: list[Token]
    subject_text: str
    subject_resolved: bool
    body: list[Token]
    moved: list[Token] = field(default_factory=list)
    # A participle clause borrows its tense from the clause it hangs on ("..., owning 15
    # stations" under "is" reads "owns"): the Penn tag its verb is written in, if not its own.
    tense: str | None = None
    # Object pronouns written as the name they stand for ("appointed her" -> "appointed Ana
    # Ruiz"), by token index (`_named_objects`).
    names: dict[int, str] = field(default_factory=dict)

    # Auxiliaries a conjoined participle shares with the first conjunct ("was born in Leeds
    # and raised in Hull": "was" is also the auxiliary of "raised"), by token index.
    shared: frozenset[int] = frozenset()

    @property
    def auxiliaries(self) -> list[Token]:
        return [t for t in self.body if self.is_auxiliary(t)]

    def is_auxiliary(self, token: Token) -> bool:
        """Whether `token` is an auxiliary of the clause's verb, its own or shared."""
        if token.dep_ not in {"aux", "auxpass"}:
            return False
        return token.head == self.verb or token.i in self.shared

    @property
    def tokens(self) -> set[int]:
        return {t.i for t in self.subject} | {t.i for t in self.body} | {t.i for t in self.moved}


@dataclass(frozen=True)
class Antecedents:
    """What pronoun and demonstrative resolution may point to: named people by position."""

    people: tuple[tuple[int, str], ...] = ()  # (character offset, canonical name)
    # Every mention of a person, as (character offset, canonical name, role): "main" when it
    # is the subject of its sentence's main clause, "subject" of another clause, else "other".
    mentions: tuple[tuple[int, str, str], ...] = ()
    main: str = ""  # the person the document is about, if it is about one
    title: str = ""  # the document's title where it is a short name ("Ada Byron")


# What generation computes once per parse lives with the Doc itself, in `doc.user_data`
# (spaCy's store for a caller's own data), not in module-level caches keyed by id(doc). One
# entry holds it all: reading `doc._` builds an accessor object on every access, and
# generation asks for the sentences tens of thousands of times per document.
_INDEX_KEY = ("quizgen", "generation_index")


class DocIndex:
    """What generation reads of one parse again and again, computed once per doc."""

    __slots__ = (
        "answer_clauses",
        "chunk_starts",
        "clauses",
        "extraction_views",
        "noun_chunks",
        "sentences",
        "starts",
        "token_ends",
        "token_starts",
        "verb_index",
        "verb_subjects",
    )

    def __init__(self, doc: Doc) -> None:
        self.sentences: list[Span] = list(doc.sents)
        self.starts: list[int] = [sentence.start for sentence in self.sentences]
        self.noun_chunks: list[Span] | None = None
        self.chunk_starts: list[int] = []
        # For each verb lemma, the subjects the text gives it (repeated.py).
        self.verb_subjects: dict[str, list[str]] | None = None
        # Each verb with its effective subject and its arguments (repeated.repeated_event).
        self.verb_index: list | None = None
        # Each token's first and past-the-end character offsets (for `token_at`).
        self.token_starts: list[int] | None = None
        self.token_ends: list[int] = []
        # The wh, in-place and simplified builders ask for the same mention: each answer
        # found in its clause, by (start, end, antecedents) (see `wh.answer_in_clause`).
        self.answer_clauses: dict[tuple[int, int, Antecedents], tuple | None] = {}
        # `build_clause` by (verb index, antecedents).
        self.clauses: dict[tuple[int, Antecedents], Clause | None] = {}
        # What generation reads of the doc's extraction again and again, by name (the
        # sentences' starts, the actors named in the running text): see `extraction_view`.
        self.extraction_views: dict[str, object] = {}


def doc_index(doc: Doc) -> DocIndex:
    """The doc's `DocIndex`, built on first use."""
    index = doc.user_data.get(_INDEX_KEY)
    if index is None:
        index = DocIndex(doc)
        doc.user_data[_INDEX_KEY] = index
    return index


def sentences_of(doc: Doc) -> tuple[list[int], list[Span]]:
    """The doc's sentences and their first token indices, computed once per doc.

    spaCy recomputes `Token.sent` on every access; generation asks for it thousands of
    times, so the sentences are kept with the doc (`doc_index`).
    """
    index = doc_index(doc)
    return index.starts, index.sentences


def _fronted_claim(verb: Token, child: Token) -> bool:
    """Whether `child` is the claim a reporting verb reports before its subject, set off by a
    comma ("The Greens promised …, Ms Vance claimed"), not a clause ended by a colon."""
    from quizgen.nlp.generate.reports import reporting_verb  # reports reads clause's tokens

    if child.dep_ != "ccomp" or child.pos_ not in {"VERB", "AUX"} or not reporting_verb(verb):
        return False
    after = verb.doc[child.right_edge.i + 1] if child.right_edge.i + 1 < len(verb.doc) else None
    return after is not None and after.text == ","


def token_at(span: Span, char: int) -> Token | None:
    """The token of `span` whose text covers character offset `char`, if any."""
    doc = span.doc
    index = doc_index(doc)
    if index.token_starts is None:
        index.token_starts = [token.idx for token in doc]
        index.token_ends = [token.idx + len(token.text) for token in doc]
    position = bisect_right(index.token_starts, char) - 1
    if span.start <= position < span.end and char < index.token_ends[position]:
        return doc[position]
    return None


def sentence_index(doc: Doc, token_index: int) -> int:
    return bisect_right(doc_index(doc).starts, token_index) - 1


def sentence_of(doc: Doc, token_index: int) -> Span:
    index = doc_index(doc)
    return index.sentences[bisect_right(index.starts, token_index) - 1]


def answer_span(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span


def clause_head(token: Token) -> Token | None:
    """The nearest finite verb above `token` that has (or can borrow) a subject."""
    current: Token | None = token
    while current is not None:
        if current.pos_ in {"VERB", "AUX"} and _is_clause_head(current):
            return current
        if current.head == current:
            return None
        current = current.head
    return None


def _is_clause_head(verb: Token) -> bool:
    if verb.dep_ in {"aux", "auxpass"}:
        return False
    finite = verb.tag_ in FINITE_TAGS or any(
        child.dep_ in {"aux", "auxpass"} and child.tag_ in FINITE_TAGS for child in verb.children
    )
    if not finite:
        return False
    if subject_of(verb, expletive=True) is not None:
        return True
    return verb.dep_ in {"conj", "relcl"}


RELATIVE_TAGS = {"WDT", "WP"}


def object_gap(verb: Token, subject: Token | None) -> bool:
    """A relative clause with a subject of its own and no relative word ("a role [that] he
    played until 2005", "the city she grew up in"): the noun it describes is the verb's
    missing object, so the clause alone does not say what was played."""
    if subject is None or subject.tag_ in RELATIVE_TAGS or subject.lower_ in RELATIVE_PRONOUNS:
        return False
    return not any(
        child.tag_ in RELATIVE_TAGS | {"WRB", "WP$"} or child.lower_ in RELATIVE_PRONOUNS
        for child in verb.subtree
        if child.i < verb.i
    )


def _object_moved_out(verb: Token) -> bool:
    """A wh-word or relative pronoun as the verb's object ("what she has in mind", "the
    argument which he rejected", "the firm for which he worked"): the clause on its own lacks
    the object, and a question built on it would too."""
    for child in verb.children:
        if child.tag_ in RELATIVE_TAGS and child.dep_ not in SUBJECT_DEPS:
            return True
        if child.dep_ == "prep" and any(
            grand.dep_ == "pobj" and grand.tag_ in RELATIVE_TAGS for grand in child.children
        ):
            return True
    return False


def elliptical(verb: Token) -> bool:
    """A verb coordinated with a bare noun phrase: the second event's verb is left out
    ("was granted a diploma in 1802 and a licence in 1809"), so the clause states two events and
    cutting one phrase out of it mixes their parts ("granted a diploma in 1809")."""
    return any(
        child.dep_ == "conj" and child.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}
        for child in verb.children
    )


def gapped_tail(verb: Token) -> list[Token]:
    """The second event of a verb written without it, as its prepositional phrases again
    ("evolved into X in 1840 and in 1850 into Y", "was named to X in 1971, to Y in 1980"):
    from the comma or "and" that opens it to its end; [] where the verb has none. A question
    keeps the first event alone; the second would mix their parts ("into X in 1850")."""
    preps = sorted((c for c in verb.children if c.dep_ == "prep"), key=lambda t: t.i)
    doc = verb.doc
    for index, prep in enumerate(preps):
        if index < 2:
            continue
        earlier = preps[:index]
        if prep.lower_ not in {p.lower_ for p in earlier[:-1]}:
            continue
        if len({p.lower_ for p in earlier}) < 2:
            continue
        opening = _own_end(earlier[-1]) + 1
        between = doc[opening : prep.i]
        if not any(t.text == "," or t.dep_ == "cc" for t in between):
            continue
        group = [p for p in preps[index:] if p.lower_ in {q.lower_ for q in earlier}]
        end = max(p.right_edge.i for p in group)
        return list(doc[opening : end + 1])
    for prep in preps:
        others = {p.lower_ for p in preps if p is not prep}
        for conj in prep.children:
            if conj.dep_ != "conj" or conj.pos_ != "ADP" or conj.lower_ != prep.lower_:
                continue  # "at X and with Y in Z": two places of one event, not two events
            inner = {t.lower_ for t in conj.subtree if t.dep_ == "prep" and t is not conj}
            if inner & (others | {prep.lower_}):
                start = conj.i
                if start > 0 and doc[start - 1].dep_ == "cc":
                    start -= 1
                if start > 0 and doc[start - 1].text == ",":
                    start -= 1
                return list(doc[start : conj.right_edge.i + 1])
    return []


def _own_end(prep: Token) -> int:
    """Where a prepositional phrase ends, without the phrases coordinated with it."""
    inner = [prep]
    for child in prep.children:
        if child.dep_ not in {"conj", "cc"}:
            inner.extend(child.subtree)
    return max(t.i for t in inner)


def build_clause(verb: Token, antecedents: Antecedents) -> Clause | None:
    """Collect the clause of `verb`; None where its subject cannot be resolved safely.

    Several facts of one clause ask for it in turn: it is built once per verb (kept in the
    doc's `DocIndex`; nothing changes a Clause once built)."""
    clauses = doc_index(verb.doc).clauses
    key = (verb.i, antecedents)
    if key not in clauses:
        clauses[key] = _build_clause(verb, antecedents)
    return clauses[key]


def _build_clause(verb: Token, antecedents: Antecedents) -> Clause | None:
    if any(child.dep_ == "neg" for child in verb.children):
        return None  # negative statements make confusing questions and true/false items
    if verb.pos_ == "AUX" and verb.lemma_ != "be":
        return None  # an auxiliary as the clause's verb ("does the study ranking"): a bad parse
    if _object_moved_out(verb):
        return None  # "what Lopez has in mind": the clause has lost its object
    if elliptical(verb):
        return None  # "granted a diploma in 1802 and a licence in 1809": two events in one
    subject_head = subject_of(verb, expletive=True)
    if subject_head is None and verb.dep_ == "conj":
        before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
        if before is None or before.dep_ != "cc":
            return None  # a conjunct verb comes after "and", "or" or "but", not a bare comma
        subject_head = subject_of(verb.head, expletive=True)
    if subject_head is None and verb.dep_ != "relcl":
        return None
    if verb.dep_ == "relcl" and object_gap(verb, subject_head):
        return None  # "a part he sang until 2005": the clause has lost its object
    resolved = _resolve_subject(verb, subject_head, antecedents)
    if resolved is None:
        return None
    subject_tokens, subject_text, was_resolved = resolved
    if _dated_name(subject_head, subject_tokens):
        return None  # "On 3 May 2011 Ana Ruiz received ...": the date parsed into the subject
    subject_ids = {t.i for t in subject_tokens}
    if subject_head is not None and not was_resolved and name_cut(subject_tokens):
        return None  # "Jan den Hartog built ..." parsed with "Hartog" alone as the subject
    if subject_head is not None and subject_head.i < verb.i and max(subject_ids) > verb.i:
        return None  # "Ana Ruiz was cast as X, a role she played": the apposition misattached
    if subject_tokens and _comma_between(subject_tokens, verb, subject_ids):
        return None  # "The X, declared ... by Y, was removed": a parse to distrust
    if subject_head is not None and _unexplained_comma(subject_head, subject_tokens):
        return None  # "In Harbour VR, players ...": a fronted phrase parsed into the subject
    collected = _collect(verb, subject_ids, min(subject_ids) if subject_ids else verb.i)
    if collected is None:
        return None
    body, moved = collected
    shared = shared_auxiliaries(verb)
    if shared:
        body = sorted([*body, *shared], key=lambda t: t.i)
    if _lost_passive(verb, body):
        return None  # "the tax has changed ... by the government": a passive without "been"
    if any(_orphan_relative(t, body) for t in body):
        return None  # "households out of which": the relative clause was parsed elsewhere
    if any(t.pos_ in {"VERB", "AUX"} and t.ent_type_ in NAMED_ENTS for t in body):
        return None  # "an injury to Will Tolliver" with "Will" read as a verb
    return Clause(
        verb=verb,
        subject=subject_tokens,
        subject_text=subject_text,
        subject_resolved=was_resolved,
        body=body,
        moved=moved,
        tense=None if shared else conjunct_tense(verb),
        names=_named_objects(body, subject_tokens, was_resolved, antecedents),
        shared=frozenset(t.i for t in shared),
    )


# Verbs a person's life uses in the active without an object ("served until 1960", "lived in
# Oslo", "reigned for a year"): written after a passive, they are not passive themselves.
ACTIVE_WITHOUT_OBJECT = frozenset(
    """live serve reign work die remain stay retire return teach study play compete travel
    move settle emigrate resign perform preach fight sail arrive lecture practise practice
    continue belong rise flourish prosper thrive survive rule govern graduate marry
    campaign compose paint write sing act star""".split()
)


def shared_auxiliaries(verb: Token) -> list[Token]:
    """The auxiliaries a participle coordinated with a participle takes from it: "Mara was
    born in Leeds and raised in Hull" (was raised), "has written three plays and directed
    the theatre" (has directed). The second verb has no subject and no auxiliary of its
    own; the tagger often reads it as a past tense, so a past form that is also the
    participle counts."""
    head = verb.head
    if verb.dep_ != "conj" or head.tag_ != "VBN" or verb.pos_ != "VERB":
        return []
    if any(child.dep_ in SUBJECT_DEPS | {"aux", "auxpass"} for child in verb.children):
        return []
    if any(c.dep_ == "auxpass" for c in head.children) and (
        any(c.dep_ == "dobj" for c in verb.children)
        or (verb.tag_ == "VBD" and verb.lemma_ in ACTIVE_WITHOUT_OBJECT)
    ):
        # "was elected mayor and governed the town", "was appointed director and served
        # until 1960": an active past after a passive; "was served" is not what was written.
        return []
    if verb.tag_ != "VBN":
        participle = getInflection(base_form(verb), tag="VBN")
        if verb.tag_ != "VBD" or not participle or verb.lower_ not in participle:
            return []
    auxiliaries = [c for c in head.children if c.dep_ in {"aux", "auxpass"}]
    if not auxiliaries or any(t.lower_ == "to" for t in auxiliaries):
        return []
    return sorted(auxiliaries, key=lambda t: t.i)


OBJECT_PRONOUNS = {"him", "her"}
# Verbs that take an object and what the object is made or named ("appointed her director").
NAMING_VERBS = {"appoint", "name", "elect", "make", "crown", "declare", "nominate", "proclaim"}


def _object_before_complement(token: Token) -> bool:
    """ "her" that the tagger reads as the possessive of the complement of a verb of naming
    ("appointed her director": appointed her, as director)."""
    noun = token.head
    return (
        token.lower_ == "her"
        and token.dep_ == "poss"
        and noun.dep_ in {"dobj", "oprd"}
        and noun.head.lemma_ in NAMING_VERBS
        and not any(c.dep_ == "det" for c in noun.children)
    )


def _named_objects(
    body: list[Token], subject: list[Token], subject_resolved: bool, antecedents: Antecedents
) -> dict[int, str]:
    """ "him" or "her" as the object of a clause whose subject is no person ("The orchestra
    appointed her director"): the person it stands for, where "he" or "she" would be resolved
    to one (`_recent_person`). A person's own clause is left alone ("Ruiz met her in Rome"
    is someone else)."""
    if subject_resolved or any(t.ent_type_ == "PERSON" or t.tag_ == "PRP" for t in subject):
        return {}
    found = {}
    for token in body:
        if token.lower_ not in OBJECT_PRONOUNS:
            continue
        if token.tag_ != "PRP" and not _object_before_complement(token):
            continue
        if token.tag_ == "PRP" and token.dep_ not in {"dobj", "dative", "pobj"}:
            continue
        name = _recent_person(token, antecedents)
        if name is not None:
            found[token.i] = name
    return found


AGENT_NOUNS = {"government", "council", "committee", "court", "parliament", "army", "police"}


def _lost_passive(verb: Token, body: list[Token]) -> bool:
    """A perfect participle without "been" and without an object, followed by "by" and who
    did it ("the tax system has changed from X to Y by the government"): the text's passive
    lost its auxiliary, and neither voice states it as written."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if verb.tag_ != "VBN" or not any(c.lemma_ == "have" for c in auxiliaries):
        return False
    if any(c.dep_ == "auxpass" for c in auxiliaries):
        return False
    if any(c.dep_ in {"dobj", "agent"} for c in verb.children):
        return False
    for token in body:
        if token.lower_ != "by" or token.i < verb.i:
            continue
        for noun in token.children:
            if noun.dep_ == "pobj" and (
                noun.ent_type_ in {"ORG", "PERSON", "NORP", "GPE"}
                or noun.lemma_ in AGENT_NOUNS
                or any(t.ent_type_ in {"ORG", "PERSON"} for t in noun.subtree)
            ):
                return True
    return False


def _dated_name(head: Token | None, tokens: list[Token]) -> bool:
    """A person's name whose phrase holds a date: no name does, so the parse took a fronted
    date ("On 3 May 2011 Ana Ruiz ...") into the subject."""
    if head is None or head.ent_type_ != "PERSON":
        return False
    return any(t.ent_type_ in TEMPORAL_ENTS for t in tokens)


def conjunct_tense(verb: Token) -> str | None:
    """The past tense of a verb coordinated with a past verb whose form is the same in the
    present and the past ("heard sermons and read psalms", "left and set out"): the tagger
    reads it as present, but a narrative joins verbs of one tense. None otherwise."""
    if verb.dep_ != "conj" or verb.tag_ not in {"VBP", "VBZ"} or verb.head.tag_ != "VBD":
        return None
    if any(child.dep_ in SUBJECT_DEPS | {"aux", "auxpass"} for child in verb.children):
        return None
    past = getInflection(base_form(verb), tag="VBD")
    return "VBD" if past and verb.lower_ in past else None


# Markers of a participle clause whose subject is not the main clause's, or whose event did
# not happen ("without paying", "instead of signing").
NOT_SHARED = {"without", "instead", "rather", "than", "against", "before"}
# Participles that tell what a thing holds or shows ("the film …, starring X"; "a list,
# including Y"): after a comma they describe the noun before them, not the subject's act.
DESCRIBING = {"star", "feature", "include", "contain", "depict", "involve"}
# Verbs of an allegation: what one is "accused of doing" is not told as done.
ALLEGING = {"accuse", "suspect", "charge", "allege"}


def participle_clause(token: Token, main: Clause) -> Clause | None:
    """The gerund-participle clause holding `token`, with the main clause's subject and tense.

    "The company is the largest operator, owning 15 stations" -> "The company owns 15
    stations"; "After winning the title in 2010, the team ..." -> "The team won the title in
    2010". None unless the participle hangs on the main verb (directly, after a preposition,
    or as a conjunct of such a participle) and has no subject of its own.
    """
    participle = token
    while participle.pos_ not in {"VERB", "AUX"}:
        if participle.head == participle or participle == main.verb:
            return None
        participle = participle.head
    if participle.tag_ != "VBG" or participle.lemma_ == "be":
        return None
    if participle.lemma_ in DESCRIBING:
        return None  # "highlighted in the film …, starring X": the film stars X
    if any(c.dep_ in {"amod", "det", "poss"} and c.i < participle.i for c in participle.children):
        return None  # "with early surveying work in Harlow": a noun's modifier, no event
    if not _hangs_on(participle, main.verb):
        return None
    if subject_of(participle, expletive=True) is not None or not main.subject_text:
        return None
    if main.subject and _activity(main.subject):
        return None  # "after seeing the play, acting had begun to interest him": who saw it?
    if any(child.dep_ in {"neg", "aux", "auxpass"} for child in participle.children):
        return None
    tense = _tense(main.verb)
    if tense is None or _object_moved_out(participle):
        return None
    if tense in {"VBZ", "VBP"} and _earlier_event(participle):
        tense = "VBD"  # "claims he is fit since finishing fourth in 1998": he finished
    collected = _collect(participle, set(), participle.i)
    if collected is None:
        return None
    body, _ = collected
    return Clause(
        verb=participle,
        subject=main.subject,
        subject_text=main.subject_text,
        subject_resolved=main.subject_resolved,
        body=body,
        moved=[],
        tense=tense,
    )


def _activity(subject: list[Token]) -> bool:
    """A subject that is a bare gerund ("acting", "farming"): an activity does nothing, so a
    participle hung on its clause ("after seeing the play, acting had begun …") dangles and
    is someone else's act."""
    head = next((t for t in subject if t.dep_ in SUBJECT_DEPS), None)
    if head is None or head.tag_ != "NN" or not head.lower_.endswith("ing"):
        return False
    if any(c.dep_ in {"det", "poss", "amod", "compound"} for c in head.children):
        return False
    lemmas = getAllLemmas(head.lower_, upos="VERB").get("VERB", ())
    return any(lemma != head.lower_ and len(lemma) >= 3 for lemma in lemmas)


EARLIER = {"since", "after", "following", "upon"}


def _earlier_event(participle: Token) -> bool:
    """A participle clause opened by "since" or "after" tells an event before the main
    clause's, told in the past even when the main clause is in the present."""
    while participle.dep_ == "conj" and participle.head.tag_ == "VBG":
        participle = participle.head
    if participle.dep_ == "pcomp":
        return participle.head.lower_ in EARLIER
    return any(c.dep_ == "mark" and c.lower_ in EARLIER for c in participle.children)


def _hangs_on(participle: Token, verb: Token) -> bool:
    head = participle.head
    if participle.dep_ == "advcl" and head == verb:
        return not any(c.dep_ == "mark" and c.lower_ in NOT_SHARED for c in participle.children)
    if participle.dep_ == "pcomp" and head.dep_ == "prep" and head.head == verb:
        return head.lower_ not in NOT_SHARED and verb.lemma_ not in ALLEGING
    if participle.dep_ == "conj" and head.tag_ == "VBG":
        return _hangs_on(head, verb)
    return False


def _tense(verb: Token) -> str | None:
    """VBD, VBZ or VBP: the tense a participle hanging on `verb` is told in."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    finite = next((t for t in [*auxiliaries, verb] if t.tag_ in FINITE_TAGS), None)
    if finite is None or finite.tag_ == "MD":
        return None
    if finite.lemma_ == "have":
        return "VBD"
    return finite.tag_


def _hyphen_joins(hyphen: Token) -> bool:
    """A hyphen written inside one word ("X-rays", "well-known"), not a dash between two
    numbers (a range, which `broken_range` reads)."""
    doc = hyphen.doc
    if hyphen.text != "-" or hyphen.i == 0 or hyphen.i + 1 >= len(doc):
        return False
    before, after = doc[hyphen.i - 1], doc[hyphen.i + 1]
    if before.whitespace_ or hyphen.whitespace_:
        return False
    return not (before.like_num and after.like_num)


def whole_words(tokens: list[Token]) -> list[Token]:
    """`tokens` with every hyphenated word they touch taken whole: spaCy splits "X-rays" into
    X, -, rays and the parse may hang the parts apart, but a span never ends inside a word."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    kept = {t.i for t in tokens}
    pending = list(kept)
    while pending:
        index = pending.pop()
        for hyphen, other in ((index + 1, index + 2), (index - 1, index - 2)):
            if not 0 <= other < len(doc) or not _hyphen_joins(doc[hyphen]):
                continue
            for part in (hyphen, other):
                if part not in kept:
                    kept.add(part)
                    pending.append(part)
    if len(kept) == len(tokens):
        return tokens
    return sorted((doc[i] for i in kept), key=lambda t: t.i)


def _orphan_relative(token: Token, body: list[Token]) -> bool:
    """A relative pronoun in the clause without the relative clause it opens."""
    if token.tag_ not in RELATIVE_TAGS | {"WP$"}:
        return False
    kept = {t.i for t in body}
    return not any(a.dep_ == "relcl" and a.i in kept for a in token.ancestors)


def _collect(
    verb: Token, subject_ids: set[int], subject_start: int
) -> tuple[list[Token], list[Token]] | None:
    """The verb's dependents a stand-alone question keeps, and fronted temporal phrases."""
    body: list[Token] = [verb]
    moved: list[Token] = []
    for child in verb.children:
        if child.i in subject_ids or child.dep_ in SUBJECT_DEPS or child.dep_ == "expl":
            continue
        if child.dep_ not in KEEP_DEPS:
            continue
        if child.dep_ == "advmod" and child.lower_ in DISCOURSE_ADVERBS:
            continue
        if child.dep_ == "prep" and any(grand.dep_ == "pcomp" for grand in child.children):
            continue  # "by accepting the credentials...": a second event, not this one
        subtree = [t for t in child.subtree if not t.is_space]
        stretch = verb.doc[min(verb.i, child.left_edge.i) : child.right_edge.i + 1]
        edges = verb.doc[max(child.left_edge.i - 1, 0) : child.right_edge.i + 2]
        if child.dep_ == "ccomp" and any(t.is_quote for t in [*stretch, *edges]):
            # Reported speech: the speaker's claim, and often a broken quotation. Without its
            # complement the clause says nothing ("Who said in a video?"); "Who said: “...”?"
            # asks about quotations.
            return None
        if child.i < subject_start and child.dep_ not in {"aux", "auxpass"}:
            if _fronted_claim(verb, child):
                # "<claim>, Ms Vance claimed in a speech": the report without what it
                # reports says nothing ("Ms Vance claimed in a speech in Ashby").
                return None
            if _is_temporal(subtree):
                moved.extend(subtree)
            continue
        body.extend(subtree)
    whole = whole_words(body)
    if any(t.i in subject_ids for t in whole):
        return None  # a hyphenated word split between the subject and the rest
    gap = {t.i for t in gapped_tail(verb)}
    body = [t for t in whole if t.i not in gap]
    kept = {t.i for t in body}
    if complement_cut(verb, kept):
        return None
    for child in verb.children:
        if child.dep_ != "punct" or child.i in kept:
            continue
        if child.text in ELLIPSES and child.i - 1 in kept:
            return None  # "for Nine Lives ... Nine Deaths": a title cut at its ellipsis
        if child.is_quote and (child.i - 1 in kept or child.i + 1 in kept):
            body.append(child)  # the closing mark of a quotation the clause keeps
        elif child.text in DASHES and child.i + 1 in kept and child.i - 1 in kept:
            if any(t.text == child.text and t.i > child.i for t in body):
                body.append(child)  # "celebrate - albeit by a hair - a gain": both dashes
    if any(t.text in ELLIPSES for t in body):
        return None  # an ellipsis ends a cut title or a trailing thought, not a statement
    body.sort(key=lambda t: t.i)
    return body, moved


ELLIPSES = {"...", "…", ". . ."}
DASHES = {"-", "–", "—"}
# Words that make a noun want a clause completing it: "the second player to hit ...".
RANKING_WORDS = {"first", "second", "third", "last", "only", "next", "fourth", "fifth"}


def complement_cut(verb: Token, kept: set[int]) -> bool:
    """Whether the clause leaves out what completes its verb or its object: a clause the
    verb runs straight into ("Pasco moved [to first base]", parsed as a purpose clause), or
    the infinitive that completes a ranked noun ("became the third rider since 1950 [to
    win both stages]")."""
    doc = verb.doc
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    if after is not None and after.i not in kept and not after.is_punct:
        top = after
        while top.head != verb and top.head != top:
            top = top.head
        if top.head == verb and top.dep_ in {"advcl", "dep", "xcomp", "ccomp"}:
            return True
    ranked = any(
        child.dep_ in {"attr", "dobj", "oprd"}
        and any(g.lower_ in RANKING_WORDS or g.tag_ == "JJS" for g in child.children)
        for child in verb.children
        if child.i in kept
    )
    if not ranked:
        return False
    return any(
        child.dep_ in {"advcl", "xcomp", "acl"}
        and child.i not in kept
        and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
        for child in verb.children
    )


def _unexplained_comma(head: Token, tokens: list[Token]) -> bool:
    if not any(t.text == "," for t in tokens):
        return False
    structure = {"appos", "conj", "relcl", "acl", "prep", "amod", "npadvmod"}
    if any(_bare_plural_apposition(t) for t in tokens):
        return True  # "Skyward: Harbour VR, players are lowered": a title, then the subject
    return not any(t.dep_ in structure for t in tokens if t != head)


def _bare_plural_apposition(token: Token) -> bool:
    """A plural noun without a determiner as the apposition of a name: not how English
    renames a thing ("X, the players" or "X, players of Y" would be)."""
    return (
        token.dep_ == "appos"
        and token.tag_ == "NNS"
        and token.head.pos_ == "PROPN"
        and not any(c.dep_ in {"det", "poss", "prep", "nummod"} for c in token.children)
    )


def _comma_between(subject: list[Token], verb: Token, subject_ids: set[int]) -> bool:
    """A comma between subject and verb outside the subject, or a participle taken as the verb.

    "The X, declared a group by Y in 2003, was removed ...": the parser makes "declared" the
    verb and "was removed" its subjectless conjunct. Such a sentence is left alone.
    """
    doc = verb.doc
    end = max(t.i for t in subject)
    if doc[end].text == "," and verb.tag_ in {"VBD", "VBN"}:
        for child in verb.children:
            if (
                child.dep_ == "conj"
                and child.pos_ in {"VERB", "AUX"}
                and subject_of(child, expletive=True) is None
                and any(g.dep_ in {"aux", "auxpass"} for g in child.children)
            ):
                return True
    if verb.dep_ == "conj" or end > verb.i:
        return False  # a conjunct's commas belong to the first clause
    for index in range(end + 1, verb.i):
        if doc[index].text == "," and index not in subject_ids:
            return True
    return False


def _without_parenthetical(head: Token, tokens: list[Token]) -> list[Token]:
    """ "The BBC, in conjunction with X, reconstructed" -> subject "The BBC"."""
    commas = [t for t in tokens if t.text == "," and t.head == head]
    if not commas or any(c.dep_ == "appos" for c in head.children):
        return tokens
    first = commas[0].i
    last = max(t.i for t in tokens)
    if tokens[-1].text != ",":
        return tokens
    return [t for t in tokens if not first <= t.i <= last]


def _is_temporal(tokens: list[Token]) -> bool:
    return any(t.ent_type_ in TEMPORAL_ENTS for t in tokens)


def _resolve_subject(
    verb: Token, subject_head: Token | None, antecedents: Antecedents
) -> tuple[list[Token], str, bool] | None:
    if verb.dep_ == "relcl" and (subject_head is None or subject_head.lower_ in RELATIVE_PRONOUNS):
        noun = verb.head
        if noun.pos_ not in {"NOUN", "PROPN"}:
            return None
        if _open_attachment(noun, verb):
            return None
        if noun.dep_ == "attr" and noun.head.lemma_ == "be" and noun.head.i < verb.i:
            # "Penhale was a citizen of Port Ellery who proclaimed himself ...": Penhale did
            copula = noun.head
            subject = subject_of(copula)
            if subject is not None and subject.tag_ not in RELATIVE_TAGS:
                found = _resolve_subject(copula, subject, antecedents)
                if found is not None:
                    return ([subject_head] if subject_head is not None else []), found[1], True
        tokens = [t for t in noun.subtree if t.i < verb.left_edge.i and not t.is_space]
        if subject_head is not None:
            tokens = [t for t in tokens if t.i != subject_head.i]
        if noun.pos_ == "PROPN":
            tokens = _name_only(noun, tokens)
        text = _definite([t for t in tokens if not t.is_punct]).strip(" ,")
        return ([subject_head] if subject_head is not None else []), text, True
    assert subject_head is not None
    tokens = whole_words([t for t in subject_head.subtree if not t.is_space])
    lower = subject_head.lower_
    if subject_head.tag_ == "PRP":
        if lower in PERSONAL_HE_SHE:
            name = _recent_person(subject_head, antecedents)
            if name is None:
                return None
            return tokens, name, True
        if lower in {"it", "they"}:
            governing = _governing_subject(verb, subject_head) or previous_named_subject(
                subject_head
            )
            if governing is not None:
                return tokens, governing, True
        return None  # it, they, we, you, I: not safely resolvable without coreference
    owned = _owned_by_person(subject_head, tokens, antecedents)
    if owned is not None:
        return tokens, owned, True
    if lower in DEMONSTRATIVES and subject_head.dep_ in SUBJECT_DEPS and len(tokens) == 1:
        return None  # "This formalises ...": refers to a whole earlier statement
    determiner = next((c for c in subject_head.children if c.dep_ == "det"), None)
    if determiner is not None and determiner.lower_ in DEMONSTRATIVES:
        replacement = _antecedent_phrase(subject_head)
        if replacement is None:
            return None
        return tokens, replacement, True
    text = _span_text(_without_parenthetical(subject_head, tokens))
    if text.endswith(",") and text.count(",") == 1:
        text = text.rstrip(" ,")  # "Rory Tamblin, went": a stray comma, not an apposition
    if tokens and common_word(tokens[0]):
        text = text[:1].lower() + text[1:]
    return tokens, text, False


def _owned_by_person(subject: Token, tokens: list[Token], antecedents: Antecedents) -> str | None:
    """A subject opening with "his" or "her" ("His father, Tom, runs a mill"), written with
    the person that "he" or "she" there would stand for (`_recent_person`): "Ana Cole's
    father, Tom". None where no one person is certain."""
    owner = tokens[0] if tokens else None
    if owner is None or owner.lower_ not in {"his", "her"} or owner.tag_ != "PRP$":
        return None
    if owner.head != subject or owner.dep_ != "poss":
        return None
    name = _recent_person(owner, antecedents)
    if name is None:
        return None
    text = _span_text(_without_parenthetical(subject, tokens))
    if text.endswith(",") and text.count(",") == 1:
        text = text.rstrip(" ,")
    rest = text.split(" ", 1)
    if len(rest) != 2:
        return None
    return f"{name}'s {rest[1]}"


def _open_attachment(noun: Token, verb: Token) -> bool:
    """A relative clause set off by a comma whose noun a reader cannot be sure of: a common
    noun after "of" inside another noun phrase ("Benno, the head of the merchants' guild, who
    was …": Benno, the head or the guild?), or a predicate noun with "a" ("had become a
    pilgrim, which puzzles …": the whole clause, not a pilgrim)."""
    before = verb.doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    if before is None or before.text != ",":
        return False
    if (
        noun.dep_ == "pobj"
        and noun.pos_ == "NOUN"
        and noun.head.lower_ == "of"
        and noun.head.head.pos_ == "NOUN"
    ):
        return True
    return noun.dep_ in {"attr", "oprd"} and any(
        c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children
    )


def unnamed_relative_head(verb: Token) -> bool:
    """A relative clause about a common noun the text only introduces: "a truce that held
    until 1867" ("the truce" would name none) or "a shop that deals in ...". A noun
    with "the" or a possessor, or whose phrase names something ("a deadly attack near
    Moscow"), says which."""
    if verb.dep_ != "relcl" or verb.head.pos_ != "NOUN":
        return False
    noun = verb.head
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        return False  # the copula's subject is the relative clause's (see _resolve_subject)
    if any((c.dep_ == "det" and c.lower_ == "the") or c.dep_ == "poss" for c in noun.children):
        return False
    return not any(
        (t.pos_ == "PROPN" or t.ent_type_) and t.ent_type_ not in {"DATE", "TIME", "CARDINAL"}
        for t in noun.subtree
        if t.i < verb.left_edge.i
    )


def _name_only(name: Token, tokens: list[Token]) -> list[Token]:
    """ "fellow singer and friend Tom Hale, who sang ...": the name, without the common
    nouns written before it (which, capitalised, would read as part of the name)."""
    first = min(
        (t.i for t in tokens if t.pos_ == "PROPN" and (t == name or t.head == name)),
        default=name.i,
    )
    # The whole name: "the Harbour Dues Act 1852", not "Dues Act 1852".
    kept = {t.i for t in tokens}
    doc = name.doc
    while first - 1 in kept and name in doc[first - 1].ancestors:
        before = doc[first - 1]
        if before.pos_ != "PROPN" or not before.text[:1].isupper():
            break
        first -= 1
    if first - 1 in kept and doc[first - 1].lower_ == "the" and doc[first - 1].head.i >= first:
        first -= 1
    return [t for t in tokens if t.i >= first and (t == name or name in t.ancestors)]


EXPLETIVE_VERBS = {"be", "seem", "appear", "take", "remain", "become"}


def _governing_subject(verb: Token, pronoun: Token) -> str | None:
    """ "The Black Death ravaged Europe before it continued into Russia": "it" in a clause
    under (or coordinated with) a clause whose subject is a named thing of the same number is
    that thing. Only within the sentence (the previous sentence's subject proved wrong too
    often: "It comprises 79 libraries" after "The cost of attendance is ..."), and never an
    expletive "it is said that"."""
    if pronoun.lower_ == "it" and verb.lemma_ in EXPLETIVE_VERBS:
        return None
    current = verb
    while current.head != current and current.dep_ in {"advcl", "conj", "ccomp", "relcl"}:
        current = current.head
        subject = subject_of(current)
        if subject is None:
            continue
        if subject.i > pronoun.i:
            return None
        if _rival_object(current, pronoun):
            return None  # "X bought Night Ferry and it was aired on radio": which was aired?
        return _named_subject(subject, pronoun)
    return None


PLACE_ENTS = {"GPE", "LOC"}
# Entity types that are never "it" or "they" of a thing: people, and values.
NOT_A_THING = {"PERSON", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
OPENING_PRONOUNS = {"it": False, "its": False, "they": True, "their": True}


def previous_named_subject(pronoun: Token) -> str | None:
    """ "Brightwave was founded in Oslo. It (Its profit …) …": a pronoun opening its sentence,
    as its subject or the subject's possessor, right after a sentence whose main clause has a
    named thing of the same number as its subject, is that thing; the name is returned. None
    when the previous sentence's main clause has anything else "it" or "they" could be (an
    object of the same number: "Brightwave launched a phone. Its price …"), when the subject
    is a person, a pronoun or a common noun, or when the sentences are in two paragraphs."""
    plural = OPENING_PRONOUNS.get(pronoun.lower_)
    if plural is None or not pronoun.is_sent_start:
        return None
    if pronoun.dep_ == "poss":
        if pronoun.head.dep_ not in SUBJECT_DEPS:
            return None
    elif pronoun.dep_ not in SUBJECT_DEPS:
        return None
    elif pronoun.lower_ == "it" and any(
        c.dep_ in {"ccomp", "csubj", "xcomp"} for c in pronoun.head.children
    ):
        return None  # "It is likely that …", "It took two years to …": an expletive "it"
    doc = pronoun.doc
    _, sentences = sentences_of(doc)
    index = sentence_index(doc, pronoun.i)
    if index == 0:
        return None
    previous = sentences[index - 1]
    if "\n" in doc_text(doc)[previous.end_char : pronoun.idx]:
        return None  # a new paragraph
    root = previous.root
    subject = subject_of(root)
    if subject is None or subject.pos_ != "PROPN" or subject.ent_type_ in NOT_A_THING:
        return None
    subject_ids = {t.i for t in subject.subtree}
    for token in previous:
        if token.i in subject_ids or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        if token.ent_type_ in NOT_A_THING or token.ent_type_ in PLACE_ENTS:
            continue
        if token.dep_ == "attr" and token.head.lemma_ in {"be", "become", "remain"}:
            continue  # "Brightwave has become the largest network": the subject itself
        if token.dep_ in {"compound", "amod", "poss"}:
            continue  # part of another noun phrase, whose head is weighed instead
        if (token.tag_ in {"NNS", "NNPS"}) == plural:
            return None  # "Brightwave launched a phone. Its price …": the phone's?
    return _named_subject(subject, pronoun)


def _rival_object(verb: Token, pronoun: Token) -> bool:
    """The clause's object is a thing "it" or "they" may stand for as well as its subject
    (a noun or a name of the same number, not a place the subject acts on: "ravaged Europe
    before it continued" is the subject's)."""
    plural = pronoun.lower_ == "they"
    for child in verb.children:
        if child.dep_ not in {"dobj", "dative"} or child.i > pronoun.i:
            continue
        if child.pos_ not in {"NOUN", "PROPN"}:
            continue  # (a name the parser takes for a person's may be a title: kept)
        if child.ent_type_ in PLACE_ENTS:
            continue
        if (child.tag_ in {"NNS", "NNPS"}) == plural:
            return True
    return False


def _named_subject(subject: Token, pronoun: Token) -> str | None:
    """The subject's words, when it is a named thing "it" or "they" can stand for."""
    if subject.tag_ in {"PRP", "EX", "WP", "WDT", "DT"}:
        return None
    if subject.pos_ not in {"NOUN", "PROPN"} or subject.ent_type_ == "PERSON":
        return None
    plural = subject.tag_ in {"NNS", "NNPS"}
    if plural != (pronoun.lower_ in {"they", "their"}):
        return None
    tokens = [t for t in subject.subtree if not t.is_space]
    if len(tokens) > 8 or any(t.text in {",", "(", ")"} for t in tokens):
        return None
    if any(t.tag_ in {"PRP", "PRP$"} or t.lower_ in DEMONSTRATIVES for t in tokens):
        return None
    text = _span_text(tokens)
    if common_word(tokens[0]):
        text = text[:1].lower() + text[1:]
    return text


NAMED_ENTS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT"}


def common_word(token: Token) -> bool:
    """A word written in lower case inside a sentence: not a name, "I" or "Swedish"."""
    if token.tag_ == "DT":
        return True  # "The" of "The Scripps Company", taken into the name by the tagger
    if descriptor_before_name(token):
        return True  # "Lawyer and soldier Sam Pike ..." opening a sentence: "lawyer"
    if token.pos_ == "PROPN" or token.text == "I" or token.ent_type_ in NAMED_ENTS:
        return False
    if token.text[:1].isupper() and token.text in _names_inside_sentences(token.doc):
        return False  # "Brenner" opening a sentence, tagged a noun there: a name elsewhere
    return not (token.text[:1].isupper() and token.text[1:2].isupper())


_NAMES_KEY = "quizgen_names_inside_sentences"


def _names_inside_sentences(doc: Doc) -> frozenset[str]:
    """The words the doc writes as proper nouns where no sentence opens, computed once."""
    found = doc.user_data.get(_NAMES_KEY)
    if found is None:
        found = frozenset(t.text for t in doc if t.pos_ == "PROPN" and not t.is_sent_start)
        doc.user_data[_NAMES_KEY] = found
    return found


# Titles English capitalises before a name ("President Lincoln", "Captain Cook"); other
# nouns before a name describe the person and are written in lower case ("lawyer Sam Pike",
# "historian Ana Ruiz"), however the tagger reads them when they open a sentence.
FORMAL_TITLES = frozenset(
    "president vice emperor empress king queen prince princess captain general colonel major "
    "lieutenant sergeant admiral commander commodore governor senator judge justice bishop "
    "archbishop cardinal pope father brother sister saint lord lady duke duchess count "
    "countess baron baroness earl marquess chancellor chairman mayor minister premier "
    "professor doctor reverend rabbi imam sheikh sultan tsar czar pharaoh chief sir dame "
    "master mister madam representative congressman congresswoman ambassador consul "
    "secretary speaker prophet apostle grand crown".split()
)


def descriptor_before_name(token: Token) -> bool:
    """A capitalised common noun opening a sentence that describes the person named next
    ("Historian Ana Ruiz wrote ...", "Lawyer and soldier Sam Pike marched ..."): a word of
    the dictionary, not a formal title, followed by the name or coordinated with a lower-case
    noun that is."""
    if not token.is_sent_start or not token.text[:1].isupper() or not token.text[1:].islower():
        return False
    if token.lower_ in FORMAL_TITLES or token.ent_type_ in {"PERSON", "ORG", "GPE", "FAC"}:
        return False
    if not getAllLemmas(token.lower_, upos="NOUN"):
        return False
    doc = token.doc
    after = token.i + 1
    while (
        after + 1 < len(doc)
        and doc[after].lower_ in {"and", "or", ","}
        and doc[after + 1].tag_ in {"NN", "NNS"}
        and doc[after + 1].text.islower()
    ):
        after += 2
    return after < len(doc) and doc[after].ent_type_ == "PERSON" and doc[after].ent_iob_ == "B"


def _recent_person(token: Token, antecedents: Antecedents) -> str | None:
    """The person a subject "he" or "she" stands for, or None when a reader could hesitate.

    The candidates are the people named in this sentence before the pronoun and in the
    previous one. The document's own subject is taken when the paragraph is about it (it is
    named as a subject earlier in the paragraph) and no other person is the subject of a main
    clause there; otherwise the pronoun is resolved only when one person is a candidate and is
    named there as a subject. Anything else (two people, a person named only in passing
    after an earlier "he") is left unresolved.
    """
    doc = token.doc
    _, sentences = sentences_of(doc)
    index = sentence_index(doc, token.i)
    window_start = sentences[max(index - 1, 0)].start_char
    in_window = [
        (offset, name, role)
        for offset, name, role in antecedents.mentions
        if window_start <= offset < token.idx
    ]
    names = {name for _, name, _ in in_window}
    main = antecedents.main
    if main:
        paragraph = doc_text(doc).rfind("\n", 0, token.idx) + 1
        topic = any(
            paragraph <= offset < token.idx and name == main for offset, name in antecedents.people
        )
        rivals = {name for _, name, role in in_window if role == "main" and name != main}
        if (
            topic
            and not rivals
            and not _other_gender(doc, main, token, antecedents)
            and _main_gender(doc) in {"", _pronoun_gender(token)}
        ):
            return None if _surname_clash(main, antecedents.title) else main
    if len(names) != 1:
        return None
    name = names.pop()
    if not any(role in {"main", "subject"} for _, _, role in in_window):
        return None
    if _other_gender(doc, name, token, antecedents):
        return None  # "her brother Erik became king. In 1901, she married …": not Erik
    if any(_kin_of_same_gender(doc, offset, token) for offset, _, _ in in_window):
        return None  # "Her mother, Jane, taught. In 1999 she joined …": Jane, or her child?
    if _surname_clash(name, antecedents.title):
        return None
    return name


def _surname_clash(name: str, title: str) -> bool:
    """A life titled "Ada Byron" whose "she" would be written "Mary Byron": a relative
    named with the surname ("born to John and Mary Byron"), whose name the extraction gave the
    surname's mentions. Whom "she" stands for is not certain; it is left unresolved."""
    words, title_words = name.split(), title.split()
    if len(words) < 2 or len(title_words) < 2 or words[-1] != title_words[-1]:
        return False
    given = title_words[0]
    if given.lower() in FORMAL_TITLES or is_name_title(given):
        return False  # "Emperor Norton": a title and the surname, no given name
    # "William Bill Russell" under "Bill Russell", "Edward Stelmach" under "Ed Stelmach".
    return given not in words and not words[0].startswith(given)


MALE_PRONOUNS = frozenset({"he", "him", "his"})


def _kin_of_same_gender(doc: Doc, offset: int, pronoun: Token) -> bool:
    """The person named at `offset` is introduced through a "his" or "her" of the same gender
    as `pronoun` ("His grandfather, Tomas Ruy, …", "Her brother Erik …"): a second person of
    that gender is in play, the owner, whom "he" or "his" may as well stand for."""
    first = token_at(doc[:], offset)
    if first is None:
        return False
    head = first
    while head.dep_ in {"compound", "flat"} and head.head != head:
        head = head.head
    owners = [c for c in head.children if c.dep_ == "poss"]
    if head.dep_ == "appos":
        owners += [c for c in head.head.children if c.dep_ == "poss"]
    male = pronoun.lower_ in MALE_PRONOUNS
    return any(
        o.tag_ == "PRP$" and o.lower_ in {"his", "her"} and (o.lower_ == "his") == male
        for o in owners
    )


def _other_gender(doc: Doc, name: str, pronoun: Token, antecedents: Antecedents) -> bool:
    return bool(_gender_words(doc, name, antecedents) & OTHER_GENDER.get(pronoun.lower_, set()))


MALE_WORDS = frozenset(
    """brother son father husband uncle nephew grandson grandfather king emperor tsar czar
    prince duke earl baron count lord sir mr mister""".split()
)
FEMALE_WORDS = frozenset(
    """sister daughter mother wife aunt niece granddaughter grandmother queen empress tsarina
    princess duchess countess baroness lady dame mrs ms miss madam""".split()
)
OTHER_GENDER = {
    "she": MALE_WORDS,
    "her": MALE_WORDS,
    "he": FEMALE_WORDS,
    "him": FEMALE_WORDS,
    "his": FEMALE_WORDS,
}


MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})
FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})
_MAIN_GENDER_KEY = "quizgen_main_gender"


def _pronoun_gender(token: Token) -> str:
    if token.lower_ in MALE_PRONOUNS:
        return "male"
    return "female" if token.lower_ in FEMALE_PRONOUNS else ""


def _main_gender(doc: Doc) -> str:
    """The gender of the pronouns a text uses most, where it uses one at least three times
    and twice as often as the other: the person a life is about ("She was born ... she
    taught ..."). A "he" in a woman's life is someone else ("married Tomas Brenner; he
    died in 1944"). Computed once per doc; '' where the text does not say."""
    found = doc.user_data.get(_MAIN_GENDER_KEY)
    if found is None:
        male = sum(t.lower_ in MALE_PRONOUNS for t in doc)
        female = sum(t.lower_ in FEMALE_PRONOUNS for t in doc)
        found = ""
        if male >= 3 and male >= 2 * female:
            found = "male"
        elif female >= 3 and female >= 2 * male:
            found = "female"
        doc.user_data[_MAIN_GENDER_KEY] = found
    return found


def _gender_words(doc: Doc, name: str, antecedents: Antecedents) -> set[str]:
    """The words of kin or rank the text writes just before the person's name ("her brother
    Erik", "Queen Ana"): they say which of "he" and "she" the person can be."""
    found: set[str] = set()
    for offset, mentioned, _ in antecedents.mentions:
        if mentioned != name:
            continue
        first = token_at(doc[:], offset)
        if first is None:
            continue
        for before in doc[max(first.i - 2, 0) : first.i]:
            # The word is the name's own title or the noun the name stands beside, not
            # a neighbour ("the Tsar, Marit …").
            if (
                before.head.i >= first.i
                and before.head.ent_type_ == "PERSON"
                or (first.head == before or first.head.head == before)
            ):
                found.add(before.lower_.rstrip("."))
    return found & (MALE_WORDS | FEMALE_WORDS)


def _antecedent_phrase(noun: Token) -> str | None:
    """'That war' -> 'the brutal war': the last earlier noun with the same lemma nearby."""
    doc = noun.doc
    _, sentences = sentences_of(doc)
    index = sentence_index(doc, noun.i)
    window_start = sentences[max(index - 2, 0)].start
    for candidate in reversed(doc[window_start : noun.i]):
        if candidate.pos_ != "NOUN" or candidate.lemma_ != noun.lemma_ or candidate.i == noun.i:
            continue
        modifiers = [
            t for t in candidate.lefts if t.dep_ in {"amod", "compound"} and not t.is_space
        ]
        words = [_token_text(t) for t in modifiers] + [noun.text]
        if not any(_names_which(t) for t in modifiers):
            # "a brutal war with U.S.-backed fighters … That war": "the brutal war" says
            # which no more than "that" did; its named complement does.
            words += _named_complement(candidate)
        return "the " + " ".join(w.strip() for w in words)
    return None


# Prepositions whose phrase on a noun says which one it is ("a war with Norland").
WHICH_PREPOSITIONS = frozenset({"with", "of", "against", "between", "over"})
COMPLEMENT_MAX_WORDS = 6


def _named_complement(noun: Token) -> list[str]:
    """The words of a short prepositional phrase on `noun`, up to its first punctuation, that
    has a name in it ("with U.S.-backed mujahideen fighters"); [] when there is none."""
    for child in noun.rights:
        if child.dep_ != "prep" or child.lower_ not in WHICH_PREPOSITIONS:
            continue
        tokens = []
        for token in child.subtree:
            if token.is_punct and token.text not in {"-", "'"} or token.is_space:
                break
            tokens.append(token)
        if len(tokens) > COMPLEMENT_MAX_WORDS or len(tokens) < 2:
            continue
        if any(_names_which(t) for t in tokens[1:]):
            # With the text's own spacing ("Tessel-backed").
            return ["".join(t.text + t.whitespace_ for t in tokens).strip()]
    return []


def _names_which(token: Token) -> bool:
    """A word that names which one: a name, an entity or a capitalised word inside the
    sentence ("the Crimean war", "U.S.-backed"), not an adjective, an ordinal or a number
    ("the new government", "the other house")."""
    if token.ent_type_ in {"ORDINAL", "CARDINAL", "DATE", "TIME", "QUANTITY"}:
        return False
    if token.pos_ == "PROPN" or token.ent_type_:
        return True
    return token.text[:1].isupper() and not token.is_sent_start


def _definite(tokens: list[Token]) -> str:
    text = _span_text(tokens)
    lowered = text[:1].lower() + text[1:] if tokens and common_word(tokens[0]) else text
    for article in ("a ", "an "):
        if lowered.startswith(article):
            return "the " + lowered[len(article) :]
    return lowered


def _token_text(token: Token) -> str:
    return token.text


def _span_text(tokens: list[Token]) -> str:
    ordered = sorted((t for t in tokens if not is_reference_mark(t)), key=lambda t: t.i)
    commas = written_commas(ordered)
    parts = []
    for position, token in enumerate(ordered):
        parts.append(token.text)
        if token.i in commas:
            parts.append(",")
        following = ordered[position + 1] if position + 1 < len(ordered) else None
        if following is not None and spaced(token, following):
            parts.append(" ")
    return tidy("".join(parts))


# Short words a title or a name may hold between its capitalised words ("Song of Ashes").
TITLE_GLUE = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "de", "la", "von", "van"}


def written_commas(tokens: list[Token]) -> set[int]:
    """The tokens (doc indices) after which a comma belongs that the kept tokens lack: a comma
    the text has between two words both kept ("on Upper Quarry Lane, Harlow"), whose parse
    hung it elsewhere, and the comma closing a name set off after a noun ("a poem, Song of
    Ashes, on the death of ..."; "the firm's engine, Nessa, has been ..."): an apposition is
    closed as it was opened. `tokens` are in written order."""
    found: set[int] = set()
    if not tokens:
        return found
    doc = tokens[0].doc
    for token, following in zip(tokens, tokens[1:], strict=False):
        if following.i == token.i + 2 and doc[token.i + 1].text == ",":
            if not token.is_punct and not following.is_punct:
                found.add(token.i)
    for position in range(len(tokens)):
        end = open_apposition(tokens, position, found)
        if end is None or end + 1 >= len(tokens):
            continue
        after = tokens[end + 1]
        if after.is_punct or after.lower_ in {"and", "or", "nor", "but"}:
            continue
        if after.pos_ in {"ADP", "AUX", "VERB"}:
            found.add(tokens[end].i)
    return found


def open_apposition(tokens: list[Token], position: int, commas: set[int]) -> int | None:
    """Where `tokens[position]` is a common noun followed by a comma and a capitalised name
    (or title), the position of the name's last word; None otherwise. A noun inside a
    prepositional phrase ("In the spring, Ana left") is not renamed by what follows."""
    token = tokens[position]
    if token.tag_ not in {"NN", "NNS"}:
        return None
    comma_written = token.i in commas
    start = position + 1
    if not comma_written:
        if start >= len(tokens) or tokens[start].text != "," or tokens[start].i != token.i + 1:
            return None
        start += 1
    if start >= len(tokens) or not tokens[start].text[:1].isupper():
        return None
    name_start = tokens[start]
    if name_start.i != token.i + 2:
        return None
    phrase_start = token
    while phrase_start.i > 0 and phrase_start.nbor(-1).pos_ in {
        "DET",
        "ADJ",
        "NOUN",
        "PROPN",
        "PART",
        "NUM",
    }:
        phrase_start = phrase_start.nbor(-1)
    if phrase_start.i > 0 and phrase_start.nbor(-1).pos_ in {"ADP", "SCONJ"}:
        return None
    end = start
    while end + 1 < len(tokens) and tokens[end + 1].i == tokens[end].i + 1:
        following = tokens[end + 1]
        if following.text[:1].isupper() and following.is_alpha:
            end += 1
        elif (
            following.lower_ in TITLE_GLUE
            and end + 2 < len(tokens)
            and tokens[end + 2].i == following.i + 1
            and tokens[end + 2].text[:1].isupper()
        ):
            end += 2
        else:
            break
    if any(tokens[i].i in commas for i in range(start, end)):
        return None
    return end


def spaced(token: Token, following: Token) -> bool:
    """Whether a space goes between two tokens written one after the other: as the text has
    it, except around a hyphen inside a compound that the text spaced ("ever - greater" is
    written "ever-greater")."""
    if following.i != token.i + 1:
        return True
    if hyphen_in_compound(token) or hyphen_in_compound(following):
        return False
    return bool(token.whitespace_)


def hyphen_in_compound(token: Token) -> bool:
    """A hyphen the tagger reads as joining two words into one (tag HYPH), between words."""
    doc = token.doc
    if token.tag_ != "HYPH" or not 0 < token.i < len(doc) - 1:
        return False
    before, after = doc[token.i - 1], doc[token.i + 1]
    return before.text[-1:].isalnum() and after.text[:1].isalnum()


def base_form(verb: Token) -> str:
    lemmas = getLemma(verb.text.lower(), upos="VERB")
    return lemmas[0] if lemmas else verb.lemma_


def _infinitive_of(token: Token, verb: Token) -> bool:
    """An infinitive the verb takes ("prepared to announce"): a finite past coordinated with
    it ("… and began to think") is the verb's own conjunct, however the parse hangs it."""
    return token.dep_ == "xcomp" and token.head == verb and token.tag_ == "VB"


def render(
    clause: Clause,
    *,
    skip: set[int],
    replace: dict[int, str] | None = None,
    lead: str = "",
    inverted: bool = True,
) -> str | None:
    """The clause as a question led by `lead` (a wh-phrase), or as a statement if no lead.

    `skip` holds token indices to leave out (the gap); `replace` substitutes token texts.
    With a lead and `inverted`, the subject and the first auxiliary (or do-support) swap.
    """
    replace = dict(replace or {})
    for index, name in clause.names.items():
        replace.setdefault(index, name)
    tense = clause.tense
    if clause.tense is not None and clause.verb.i not in skip:
        inflected = getInflection(base_form(clause.verb), tag=clause.tense)
        if not inflected:
            return None
        replace.setdefault(clause.verb.i, inflected[0])
    perfect = perfect_as_past(clause, skip, lead)
    if perfect is not None:
        dropped, swaps = perfect
        skip = skip | dropped
        for index, text in swaps.items():
            replace.setdefault(index, text)
        tense = "VBD"
    skip = skip | _asides(clause, skip)
    body = [t for t in clause.body if t.i not in skip]
    moved = [t for t in clause.moved if t.i not in skip]
    if broken_range([*body, *moved]):
        return None
    subject_skipped = bool(clause.subject) and all(t.i in skip for t in clause.subject)
    if not clause.subject and "subject" in replace:
        subject_skipped = True
    subject_text = clause.subject_text
    touched = [t for t in clause.subject if t.i in skip or t.i in replace]
    if touched and not subject_skipped:
        subject_text = _join([t for t in clause.subject if t.i not in skip], replace)
    if not subject_skipped and not clause.subject_resolved and _left_open(clause.subject, skip):
        subject_text += ","  # "The firm's engine, Nessa, has been ...": the apposition closed
    words: list[str] = []
    if lead and inverted and not subject_skipped:
        auxiliaries = [t for t in body if clause.is_auxiliary(t) and t.lower_ != "to"]
        if auxiliaries:
            front = auxiliaries[0]
            words.append(replace.get(front.i, front.text).lower())
            body = [t for t in body if t.i != front.i]
        elif clause.verb.lemma_ == "be" and clause.verb.i not in skip:
            words.append(replace.get(clause.verb.i, clause.verb.text).lower())
            body = [t for t in body if t.i != clause.verb.i]
        else:
            helper = DO_SUPPORT.get(tense or clause.verb.tag_)
            if helper is None:
                return None
            words.append(helper)
            replace[clause.verb.i] = base_form(clause.verb)
            for token in body:
                # "When did Congress prepare … and begin to think …?": a verb coordinated
                # with the verb, sharing its subject and tense, takes the bare form too.
                if (
                    token.dep_ == "conj"
                    and (token.head == clause.verb or _infinitive_of(token.head, clause.verb))
                    and token.pos_ == "VERB"
                    and token.tag_ in {clause.verb.tag_, tense}
                    and token.i not in replace
                    and not any(c.dep_ in SUBJECT_DEPS for c in token.children)
                ):
                    replace[token.i] = base_form(token)
        words.append(subject_text)
        words.append(_join(body, replace))
    elif lead:
        words.append(_join(body, replace))
    else:
        if not subject_skipped:
            words.append(subject_text)
        words.append(_join(body, replace))
    front = ""
    if moved:
        phrase = _join(moved, replace)
        if _ends_in_apposition(body):
            # "appointed Secretary of the club, one of the top posts in the sport in 1957"
            # would date the apposition: the phrase stays in front, as the text has it.
            front = capitalise(phrase) + ","
        else:
            if moved[0].pos_ in {"ADP", "DET", "ADV", "SCONJ"}:
                phrase = phrase[:1].lower() + phrase[1:]
            words.append(phrase)
    core = " ".join(w for w in words if w)
    if front:
        opening = lead or core
        first = opening.split(" ", 1)[0]
        common = not clause.subject_resolved and not any(
            t.text == first and t.pos_ == "PROPN" for t in clause.subject
        )
        if lead or common:
            if not (first.isupper() and len(first) > 1):
                opening = opening[:1].lower() + opening[1:]
        if lead:
            lead = f"{front} {opening}"
        else:
            core = f"{front} {opening}"
    if lead:
        text = tidy(f"{lead} {core}").rstrip(" .,;:!?") + "?"
    else:
        text = tidy(core).rstrip(" .,;:!?") + "."
    return _well_formed(capitalise(balance_quotes(text)))


def _ends_in_apposition(body: list[Token]) -> bool:
    """Whether the kept words end with an apposition set off by a comma ("…, one of the top
    posts in the sport"), which a phrase written after it would seem to belong to."""
    if not body:
        return False
    last = max(body, key=lambda t: t.i)
    kept = {t.i for t in body}
    doc = last.doc
    for token in [last, *last.ancestors]:
        if token.i not in kept:
            break
        if (
            token.dep_ == "appos"
            and token.left_edge.i > 0
            and doc[token.left_edge.i - 1].text == ","
            and doc[token.left_edge.i - 1].i in kept
        ):
            return True
    return False


def _left_open(subject: list[Token], skip: set[int]) -> bool:
    """A subject ending on a name set off after a noun by a comma the text never closed
    ("The firm's own engine, Nessa has been ...")."""
    kept = sorted((t for t in subject if t.i not in skip and not t.is_space), key=lambda t: t.i)
    commas = written_commas(kept)
    return any(open_apposition(kept, p, commas) == len(kept) - 1 for p in range(len(kept)))


def _asides(clause: Clause, skip: set[int]) -> set[int]:
    """Appositions set off by commas that describe a name with a common noun ("in Grey Harbour,
    another thriller, as Tom"; "on City Lights, a part she sang until 2005"): an aside
    a statement standing alone reads better without (and whose "another" or "a role she
    played" would need the text). Kept when the gap is inside one."""
    doc = clause.verb.doc
    subject = {t.i for t in clause.subject}
    found: set[int] = set()
    for token in clause.body:
        if token.dep_ != "appos" or token.pos_ != "NOUN" or token.i in subject:
            continue
        if token.head.pos_ != "PROPN" or token.i < token.head.i:
            continue
        aside = {t.i for t in token.subtree}
        before = token.left_edge.i - 1
        if before < 0 or doc[before].text != "," or aside & skip:
            continue
        after = token.right_edge.i + 1
        found |= aside | {before}
        if after < len(doc) and doc[after].text == ",":
            found.add(after)
    return found


DASHES = {"-", "–", "—"}
PERFECT_OPEN = {"since", "for", "over", "during", "throughout"}


def perfect_as_past(clause: Clause, skip: set[int], lead: str) -> tuple[set[int], dict] | None:
    """A perfect tense a stand-alone question or statement must tell in the simple past: the
    past perfect always ("When had Britain abolished slavery?" reads "When did Britain abolish
    slavery?"; "had been elected" reads "was elected"), the present perfect when the clause
    names a point in the past or asks when ("has changed ... in 2014" reads "changed").
    Returns the tokens to drop and the words to write, or None to keep the tense."""
    verb = clause.verb
    auxiliaries = sorted(
        (t for t in clause.body if clause.is_auxiliary(t)),
        key=lambda t: t.i,
    )
    if not auxiliaries or auxiliaries[0].lemma_ != "have" or auxiliaries[0].i in skip:
        return None
    have = auxiliaries[0]
    if have.tag_ not in {"VBD", "VBZ", "VBP"} or verb.tag_ not in {"VBN", "VBG"}:
        return None
    if have.tag_ != "VBD" and not (lead == "When" or _names_a_past_point(clause, skip)):
        return None
    been = next((t for t in auxiliaries[1:] if t.lower_ == "been"), None)
    if verb.lower_ == "been":
        been = verb
    if been is not None:
        return {have.i}, {been.i: "were" if _plural_subject(clause) else "was"}
    if len(auxiliaries) > 1 or verb.tag_ != "VBN":
        return None
    inflected = getInflection(base_form(verb), tag="VBD")
    if not inflected:
        return None
    return {have.i}, {verb.i: inflected[0]}


def _names_a_past_point(clause: Clause, skip: set[int]) -> bool:
    """A year or a month in the clause, not as the start or length of a stretch of time
    ("since 2010", "for 20 years")."""
    for token in [*clause.body, *clause.moved]:
        if token.i in skip or token.ent_type_ != "DATE":
            continue
        if not (re.fullmatch(r"\d{4}", token.text) or token.text.lower() in FULL_MONTH_NAMES):
            continue
        preposition = next((a for a in token.ancestors if a.dep_ == "prep"), None)
        if preposition is None or preposition.lower_ not in PERFECT_OPEN:
            return True
    return False


def _plural_subject(clause: Clause) -> bool:
    head = next((t for t in clause.subject if t.head not in clause.subject), None)
    if head is None:
        return False
    if head.lower_ in {"they", "we", "you"} or head.tag_ in {"NNS", "NNPS"}:
        return True
    return any(child.dep_ == "conj" for child in head.children)


def broken_range(tokens: list[Token]) -> bool:
    """A number kept without the dash and the number before it ("served as Rector in 1920 –
    21" asked "When ... 21?"), or a dash kept without a neighbour: the range is broken."""
    kept = {t.i for t in tokens}
    for token in tokens:
        # Only a number or a dash can break a range: their neighbours are read, no other's.
        number = token.like_num
        dash = token.text in DASHES and token.tag_ != "HYPH"
        if not (number or dash):
            continue
        doc = token.doc
        if number:
            before = doc[token.i - 1] if token.i > 0 else None
            if before is not None and before.text in DASHES:
                if before.tag_ != "HYPH" and before.i not in kept:
                    return True
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            end = doc[token.i + 2] if token.i + 2 < len(doc) else None
            if after is not None and end is not None and after.text in DASHES:
                if after.tag_ != "HYPH" and end.like_num and end.i not in kept:
                    return True  # "in 1920" for "in 1920 – 21": the range lost its end
        if dash:
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if (
                after is not None
                and after.like_num
                and (token.i - 1 not in kept or after.i not in kept)
            ):
                return True
    return False


DANGLING_END = re.compile(r"\b(and|or|but|nor)[?.]$", re.IGNORECASE)
DOUBLED_WORD = re.compile(r"\b(\w+) \1\b", re.IGNORECASE)
# A run of two or more words the text writes twice over ("graduated from graduated from"):
# a slip in the text that a question must not copy.
DOUBLED_RUN = re.compile(r"\b(\w+(?: \w+)+) \1\b", re.IGNORECASE)


def _well_formed(text: str) -> str | None:
    """None for wording a misparse leaves behind: a conjunction with nothing after it ("Who
    was a geologist and?") or a word written twice ("Who did Ashworth play play ...?")."""
    if DANGLING_END.search(text) or DOUBLED_WORD.search(text) or DOUBLED_RUN.search(text):
        return None
    return text


def render_active(clause: Clause, *, skip: set[int], lead: str) -> str | None:
    """A passive clause asked about its agent, in the active voice: "The show was relaunched
    by X in 2005" -> "Who relaunched the show in 2005?"."""
    verb = clause.verb
    passive = [t for t in clause.body if t.dep_ == "auxpass" and clause.is_auxiliary(t)]
    if not passive or not clause.subject:
        return None
    others = [
        t for t in clause.body if t.dep_ == "aux" and clause.is_auxiliary(t) and t.lower_ != "to"
    ]
    lemma = base_form(verb)
    if others:
        last = others[-1].lower_
        tag = "VBN" if last in {"has", "have", "had"} else "VB"
    else:
        tag = {"VBD": "VBD"}.get(passive[0].tag_, "VBZ")
    inflected = getInflection(lemma, tag=tag)
    if not inflected:
        return None
    drop = {t.i for t in passive} | {t.i for t in others} | {verb.i} | skip
    rest = [t for t in clause.body if t.i not in drop]
    words = [lead, " ".join(t.text.lower() for t in others), inflected[0], clause.subject_text]
    words.append(_join(rest, {}))
    if clause.moved:
        words.append(_join([t for t in clause.moved if t.i not in skip], {}))
    text = tidy(" ".join(w for w in words if w)).rstrip(" .,;:!?") + "?"
    return _well_formed(capitalise(balance_quotes(text)))


def _join(tokens: list[Token], replace: dict[int, str]) -> str:
    tokens = [t for t in tokens if t.i in replace or not is_reference_mark(t)]
    commas = written_commas(tokens)
    parts: list[str] = []
    for position, token in enumerate(tokens):
        if token.is_space:
            continue
        text = replace.get(token.i, token.text)
        if token.is_sent_start and token.i not in replace and common_word(token):
            text = text[:1].lower() + text[1:]
        parts.append(text)
        if token.i in commas:
            parts.append(",")
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if following is not None and spaced(token, following):
            parts.append(" ")
    return "".join(parts)


def statement_with_blank(clause: Clause, gap: set[int]) -> str | None:
    """The clause as a statement with the answer tokens replaced by a blank; the answer's
    "the" stays outside it ("The _____ experienced hardships"), as the text writes it."""
    ordered = sorted(gap)
    if len(ordered) > 1 and clause.verb.doc[ordered[0]].lower_ == "the":
        ordered = ordered[1:]
    if not ordered:
        return None
    # The blank stands where the answer's last word stood, so that what followed it (a
    # comma, "'s") keeps its place: "on _____, Harlow".
    replace = {ordered[-1]: BLANK}
    skip = set(ordered[:-1])
    text = render(clause, skip=skip, replace=replace)
    # The blank keeps the answer's own spacing: "_____'s prequel", not "_____ 's prequel".
    return re.sub(rf"{BLANK} (['’]s)\b", rf"{BLANK}\1", text) if text else text
