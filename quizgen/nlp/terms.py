"""Terms a text defines: the ideas an expository text teaches, each with its definition.

A definition is recognised by the shapes English gives it, read from the dependency parse of
one sentence of the running text:

- copular: "A sonnet is a short poem of fourteen lines with a fixed rhyme scheme." The subject is a
  generic common noun phrase (no pronoun, no name, no "this"), the verb "is/are" in the
  present tense, and the complement a noun phrase that is not an evaluation ("an essential
  feature of", "one example of");
- "X refers to Y", "X means Y", "X is defined as Y", "X can be defined as Y", "X is the term
  for Y";
- naming: "Y is called X", "Y is known as X", "Y is termed X", "Y is referred to as X", where Y
  is a noun phrase that describes (not "what we have in view"), and the same naming as a
  participle after the phrase ("a unit of heredity called an allele", "the spread of a species
  into a new region, known as colonisation");
- an apposition: "a reeve, an official who …", "tannins, compounds that bind to …"
  (a plural class needs no article);
- an alternative name: "skeps, or woven straw hives, ..." (a common noun, then
  ", or" and a longer description between commas);
- a gloss in brackets: "stoics (those who hold ...)", "X (defined as Y)";
- a glossary line: "sonnet: a short poem of fourteen lines".

Refused: sentences whose subject is a pronoun or a demonstrative ("This is why", "It is
important"), a clause ("The problem is that", "What we call"), a conjunction of nouns, or a
word too general to be a term ("the problem", "the reason", "one"); definitions that speak
to the reader ("you", "we") or point back ("this", "it"), or contain the term itself; an
example given as one ("For example, littering is a harm to others": a passing instance, not a
term); a subordinate clause ("…, whether goodness is learned, and the roots of …"); a
bracketed list of instances ("the hazards (i.e., frost, drought, or pests)"); and a
copular definition of a word the text never uses again (a term is one the chapter goes on
to use; an apposition's describing clause is signal enough).
"""

from __future__ import annotations

import re

from lemminflect import getAllLemmas
from spacy.tokens import Doc, Span, Token

from quizgen.nlp.actors import capitalised_only_at_starts
from quizgen.nlp.parsed import doc_text
from quizgen.nlp.sentences import Sentences
from quizgen.nlp.structure import Region
from quizgen.nlp.syntax import SUBJECT_DEPS, without_dummy_it
from quizgen.nlp.types import TermFact

MAX_TERM_TOKENS = 4
MIN_DEFINITION_WORDS = 3
MAX_DEFINITION_WORDS = 30
# Heads that name no idea of their own: "The problem is ...", "The reason is ...".
GENERAL_HEADS = {
    "thing",
    "one",
    "way",
    "problem",
    "reason",
    "result",
    "fact",
    "question",
    "point",
    "answer",
    "goal",
    "aim",
    "key",
    "idea",
    "issue",
    "step",
    "part",
    "rest",
    "case",
    "truth",
    "difference",
    "purpose",
    "outcome",
    "trick",
    "secret",
    "challenge",
    "advantage",
    "benefit",
    "effect",
    "thought",
    "example",
    "gist",
    "lot",
    "number",
    "amount",
    "kind",
    "type",
    "sort",
    "something",
    "anything",
    "everything",
    "nothing",
    "people",
    "person",
    "man",
    "woman",
    "everyone",
    "someone",
    "time",
    "year",
    "day",
    "world",
    "end",
    "beginning",
    "first",
    "last",
    "same",
    "other",
}
# Words a definition describes its term by, too general to be the term a question asks for
# ("Which term describes the way a river wears its bed?" keyed "process"): alone, no term.
GENERIC_TERMS = {
    "area",
    "group",
    "place",
    "member",
    "activity",
    "process",
    "method",
    "practice",
    "system",
    "material",
    "object",
    "item",
    "element",
    "factor",
    "aspect",
    "feature",
    "situation",
    "event",
    "action",
    "change",
    "role",
    "approach",
    "means",
    "source",
    "category",
    "quality",
    "property",
    "individual",
    "others",
    "work",
    "life",
    "use",
    "term",
    "word",
    "name",
}
# The class of a definition that says its term is somebody ("a painter who works in oils")
# or a place with a name ("a town on the coast").
PERSON_CLASS = re.compile(
    r"^(?:an?|the|one)\s+(?:[\w'’-]+\s+){0,3}?([a-z'’-]+)\s+(?:who|whom|whose)\b", re.I
)
SETTLEMENTS = (
    "town|city|village|hamlet|port|county|country|kingdom|island|river|lake|mountain|province|"
    "capital|suburb|parish|borough"
)
PLACE_CLASS = re.compile(rf"^(?:an?|the)\s+(?:[\w'’-]+\s+){{0,2}}?(?:{SETTLEMENTS})\b", re.I)
# Modifiers that make a noun phrase particular, not a term: "other concepts", "this trait".
PARTICULAR_MODIFIERS = {
    "other",
    "such",
    "many",
    "most",
    "some",
    "each",
    "every",
    "all",
    "both",
    "first",
    "second",
    "third",
    "last",
    "next",
    "main",
    "same",
    "different",
    "new",
    "old",
    "former",
    "latter",
    "following",
    "previous",
    "above",
    "below",
    "certain",
    "particular",
    "specific",
    "various",
    "several",
    "few",
}
# A complement that evaluates rather than defines: "an essential feature of", "one example".
EVALUATIONS = {
    "essential",
    "important",
    "key",
    "major",
    "main",
    "principal",
    "chief",
    "powerful",
    "strong",
    "easy",
    "difficult",
    "hard",
    "good",
    "great",
    "bad",
    "recognizable",
    "recognisable",
    "useful",
    "common",
    "central",
    "crucial",
    "significant",
    "big",
    "only",
    "same",
    "different",
    "other",
    "one",
    "interesting",
    "real",
    "true",
    "clear",
    "obvious",
    "famous",
    "popular",
    "favourite",
    "favorite",
    "perfect",
    "excellent",
    "far",
    "steadfast",
    "typical",
    "classic",
    "simple",
    "new",
    "first",
    "last",
    "likely",
    "possible",
    "little",
    "large",
    "small",
}
# Sizes describe the thing a naming participle names ("small, independent states called
# cantons", "a small bone called the stapes"); after "is" they judge ("is a small part of").
SIZES = frozenset({"small", "large", "little", "big"})
# Words in a definition that need the text around it: the reader, or something said before.
POINTING = {
    "you",
    "your",
    "yours",
    "we",
    "our",
    "us",
    "i",
    "my",
    "me",
    "this",
    "these",
    "those",
    "it",
    "its",
    "they",
    "them",
    "their",
    "he",
    "she",
    "his",
    "her",
    "above",
    "here",
}
# Possessives a definition may bind itself, to a noun of its number before them.
BINDABLE = {"its": {"NN"}, "their": {"NNS"}}
DETERMINERS = {"a", "an", "the"}
TERM_WRAPPERS = re.compile(
    r"^(?:the\s+)?(?:term|word|concept|notion|idea|phrase|expression)\s+(?:of\s+)?", re.I
)
NAMING_VERBS = {"call", "term", "name", "dub", "label"}
GLOSSARY_LINE = re.compile(r"^([A-Za-z][A-Za-z' -]{1,40}?)\s*(?::|—|–| - )\s+(\S.*)$")
# "For example, littering is a harm ...": the sentence gives an instance, not a definition.
EXAMPLE_SENTENCE = re.compile(
    r"^\W*(?:for (?:example|instance)|e\.g\.|as an example)\b|,\s*for (?:example|instance),",
    re.IGNORECASE,
)
# A bracketed gloss that lists instances ("consequences, duty, or character"): examples.
INSTANCE_LIST = re.compile(r"^[\w'’-]+(?: [\w'’-]+)?(?:, [\w'’-]+(?: [\w'’-]+)?)+,? (?:or|and) ")
# Verbs by which a school of thought holds a view ("Pluralism holds that ...").
VIEW_VERBS = {
    "hold",
    "maintain",
    "argue",
    "claim",
    "assert",
    "contend",
    "posit",
    "state",
    "teach",
    "deny",
    "insist",
    "regard",
    "see",
    "view",
}
# Patterns whose term must be one the text uses again (no signal of a term of their own).
# (An apposition carries its own signal, the clause that describes the class: "rickets, a
# condition marked by …" defines a word a chapter may use once.)
USED_AGAIN_PATTERNS = {"is", "which is", "dash"}
# A name given to one of a class in passing ("a pale stain known as velin"): its description
# fits other things too, so only the sentence with the term blanked asks for it.
PASSING = "called in passing"
BRACKET_GLOSS = re.compile(
    r"^\((?:(?:i\.e\.|that is|meaning|defined as|or)\s*,?\s*|(?=(?:those|people|anyone|"
    r"someone|something|things) (?:who|that|which)\b))([^()]+)\)"
)


def find_terms(doc: Doc, sentences: Sentences) -> list[TermFact]:
    """The terms the running text of `doc` defines, one fact per definition, in text order."""
    found: list[TermFact] = []
    lemmas = _lemma_counts(doc)
    for span, sentence in zip(sentences.spans, sentences.values, strict=True):
        if sentence.region != Region.BODY or not sentence.text:
            continue
        for term, definition, pattern in _definitions(span):
            if (
                pattern in USED_AGAIN_PATTERNS
                and lemmas.get(term.root.lemma_.lower(), 0) < 2
                and not any(bracketed_acronym(t) for t in term.root.rights)
            ):
                continue  # "a risk to others" of a word said once: a passing instance
            fact = _fact(term, definition, pattern, sentence)
            if fact is not None:
                found.append(fact)
    seen: set[tuple[int, int]] = set()
    unique = []
    for fact in found:
        if (fact.start, fact.end) not in seen:
            seen.add((fact.start, fact.end))
            unique.append(fact)
    return unique


def _lemma_counts(doc: Doc) -> dict[str, int]:
    """How often each noun's lemma occurs in the text (any inflection)."""
    counts: dict[str, int] = {}
    for token in doc:
        if token.pos_ in {"NOUN", "PROPN"}:
            key = token.lemma_.lower()
            counts[key] = counts.get(key, 0) + 1
    return counts


def _fact(term: Span, definition: str, pattern: str, sentence) -> TermFact | None:
    words = definition.split()
    if not MIN_DEFINITION_WORDS <= len(words) <= MAX_DEFINITION_WORDS:
        return None
    # "a stance that sees it as right to …": a dummy "it" points at nothing.
    lowered = [w.strip(".,;:()“”\"'’").lower() for w in without_dummy_it(definition).split()]
    if pattern == "brackets" and lowered[:2] in (["those", "who"], ["those", "that"]):
        lowered = lowered[1:]  # "those who believe ...": the people the term names
    pointing = POINTING & set(lowered)
    if pointing and not (pointing <= set(BINDABLE) and _bound_within(term, definition)):
        return None
    if _names_someone(term, definition):
        return None
    value = term_value(term)
    if not value or re.search(rf"\b{re.escape(value.lower())}\b", definition.lower()):
        return None
    # A one-word term again, in another number ("enzymes" … "the enzyme"): the definition
    # gives its own answer away (a longer term's head may name its class: "marine
    # botany", "the branch of botany given over to …").
    if len(value.split()) == 1 and re.search(
        rf"\b{re.escape(_head_word(term.root))}(?:s|es)?\b", definition.lower()
    ):
        return None
    return TermFact(
        text=term.text,
        start=term.start_char,
        end=term.end_char,
        sentence=sentence,
        value=value,
        definition=definition,
        pattern=pattern,
        plural=term.root.tag_ in {"NNS", "NNPS"},
        label="term",
        confidence=0.8,
    )


def _names_someone(term: Span, definition: str) -> bool:
    """Whether a term with no article is defined as one person or one named place ("Will is
    a carpenter who …", "bell hooks, a writer who …", "Rose is a town on the coast"): a
    common noun with no article is a plural or a mass noun ("insomnia is a sleep
    disorder"), never somebody, so the word is a name, whatever its letters' case."""
    doc = term.doc
    before = doc[term.start - 1] if term.start > term.sent.start else None
    if any(t.dep_ in {"det", "poss"} for t in term.root.lefts) or (
        before is not None and before.dep_ in {"det", "poss"}
    ):
        return False
    person = PERSON_CLASS.match(definition)
    if person is not None:
        word = person.group(1).lower()
        return getAllLemmas(word).get("NOUN", (word,))[0] == word and word != "people"
    return PLACE_CLASS.match(definition) is not None


def _head_word(token: Token) -> str:
    """A noun in the singular, lower case: "antigen" for "Antigens" (which the tagger, at the
    sentence start, may take for a plural name and leave unlemmatised)."""
    word = token.lemma_.lower()
    if token.tag_ == "NNPS" and word.endswith("s"):
        word = word[:-1]
    return word


def _bound_within(term: Span, definition: str) -> bool:
    """Whether each "its"/"their" of the definition has a noun of its own number before it in
    the definition ("the power of a guild to set its prices"): bound there, it
    points at nothing outside."""
    sentence = term.sent
    definition = definition.removeprefix(PROCESS_PREFIX)
    at = sentence.text.find(definition)
    if at < 0:
        return False
    span = sentence.char_span(at, at + len(definition), alignment_mode="expand")
    if span is None:
        return False
    for token in span:
        if token.lower_ not in POINTING:
            continue
        tags = BINDABLE.get(token.lower_)
        # Not the definition's own head ("the habit of saving its share": whose share?).
        # A plural subject of a clause inside binds "their" too ("the situation in which
        # farmers drain a river for their own gain").
        deps = {"pobj", "dobj", "nsubj"} if token.lower_ == "their" else {"pobj", "dobj"}
        if tags is None or not any(
            t.tag_ in tags and t.pos_ == "NOUN" and t.dep_ in deps
            for t in span
            if t.i < token.i and t != span.root
        ):
            return False
    return True


def term_value(term: Span) -> str:
    """The term as a glossary writes it: lower case (unless a name or an acronym), no article."""
    tokens = [
        t
        for t in term
        # An article inside stays: "the tragedy of the commons".
        if (t.lower_ not in DETERMINERS or t.i > term.start)
        and (not t.is_punct or (t.text == "-" and not t.whitespace_))
    ]
    written = ""
    for token in tokens:
        text = token.text
        common = token.pos_ != "PROPN" or (_is_common_noun(token) and not _school_name(token))
        if token.i == token.sent.start and not text.isupper() and common:
            text = text.lower()
        # As written: "non-realism" stays closed, words stay apart.
        written += text + (token.whitespace_ and " ")
    return TERM_WRAPPERS.sub("", written.strip()).strip(" “”\"'’‘")


def _school_name(token: Token) -> bool:
    """A school of thought or its adherents the text writes only with a capital
    ("Stoicism", "Epicureans"): often named after a person or a place, so the capital
    stays."""
    word = token.lower_
    return word.endswith(("ism", "ist", "ists", "ean", "eans")) and not _noun_uses(token.doc).get(
        word
    )


def _definitions(span: Span) -> list[tuple[Span, str, str]]:
    found: list[tuple[Span, str, str]] = []
    root = span.root
    example = EXAMPLE_SENTENCE.search(span.text) is not None
    if not example:
        found.extend(_copular(root))
        for clause in root.children:
            # A definition the parser hung under a later verb: it still opens the sentence.
            if clause.dep_ == "ccomp" and clause.left_edge.i == span.start and clause.i < root.i:
                found.extend(_copular(clause))
        found.extend(_refers(root))
        found.extend(_apposition(span))
        found.extend(_which_is(span))
        found.extend(_field(span))
    found.extend(_view(span))
    found.extend(_naming(span))
    found.extend(_process_naming(span))
    found.extend(_named_participle(span))
    found.extend(_which_means(span))
    found.extend(_alternative(span))
    found.extend(_bracket_gloss(span))
    found.extend(_bracketed_naming(span))
    found.extend(_dash_gloss(span))
    found.extend(_glossary(span))
    return found


def _is_common_noun(token: Token) -> bool:
    """A common noun, decided by how the word is written and used, not by its tag: the tagger
    takes a word that opens a sentence for a name ("Insomnia is a sleep disorder …",
    "Thrift can be defined as …") and a name for a common noun ("Brannock is a painter
    …"). In lower case, a noun; capitalised where its place explains the capital (opening
    a sentence or a line), a common noun if the text also writes it in lower case as a
    noun, or, never capitalised elsewhere and no person's or place's name, if it is a word
    the dictionary knows as a noun, has the ending of a learned noun ("anosmia") or is a
    plural ("Skeps are …"). A capital in mid-sentence is a name's; an acronym keeps its
    tag."""
    if token.pos_ not in {"NOUN", "PROPN"} or not token.text[:1].isalpha():
        return False
    if token.text.isupper() and len(token.text) > 1:
        return token.pos_ == "NOUN"  # an acronym: "GPR", "EDM"
    if not token.text[:1].isupper():
        return token.pos_ == "NOUN"
    if not _opens(token) or not token.text[1:].islower():
        return False  # "the Alamo", "McAllister": a capital its place does not explain
    word = token.lower_
    uses = _noun_uses(token.doc)
    if uses.get(word) or uses.get(_singular(word)) or uses.get(token.lemma_.lower()):
        return True  # "thrift" in lower case elsewhere
    if token.ent_type_ in NAME_ENTITIES:
        return False
    known = uses.setdefault(("capitalised only at starts", token.text), None)
    if known is None:
        known = capitalised_only_at_starts(doc_text(token.doc), token.text)
        uses[("capitalised only at starts", token.text)] = known
    if not known:
        return False  # capitalised in mid-sentence elsewhere: a name
    if "NOUN" in getAllLemmas(word) or word.endswith(LEARNED_ENDINGS):
        return True
    # A plural the dictionary does not know ("Skeps are woven straw hives …"): a name is
    # singular, unless it is a people's or a place's ("Tejanos", "Netherlands").
    return (
        token.tag_ in {"NNS", "NNPS"}
        and word.endswith("s")
        and token.ent_type_ not in {"NORP", "GPE", "LOC", "FAC"}
    )


def _singular(word: str) -> str:
    lemmas = getAllLemmas(word).get("NOUN")
    return lemmas[0] if lemmas else word


# A person's name the dictionary may know as a word too ("Rose", "Will"); the tagger's other
# entity types are guesses at a capital ("Insomnia" an organisation, "Tundra" a place).
NAME_ENTITIES = {"PERSON"}
# Endings of learned nouns the dictionary may not hold ("anosmia", "stenosis", "gastritis").
LEARNED_ENDINGS = (
    "ia",
    "osis",
    "esis",
    "asis",
    "itis",
    "ism",
    "ology",
    "graphy",
    "tion",
    "sion",
    "ity",
    "ness",
    "ment",
    "ance",
    "ence",
    "ics",
)
_NOUN_USES_KEY = "quizgen_term_noun_uses"


def _opens(token: Token) -> bool:
    """Whether the token opens its sentence or its line (after any opening quotation mark or
    bracket): a place where English capitalises any word."""
    doc = token.doc
    previous = token.i - 1
    while previous >= token.sent.start and doc[previous].text in {'"', "“", "‘", "'", "("}:
        previous -= 1
    if previous < token.sent.start:
        return True
    before = doc[previous]
    return "\n" in before.whitespace_ or (before.is_space and "\n" in before.text)


def _noun_uses(doc: Doc) -> dict:
    """How often the text writes each noun in lower case, by its form and its lemma (counted
    once per doc; what else is learned of a word's capitals is kept beside it)."""
    uses = doc.user_data.get(_NOUN_USES_KEY)
    if uses is None:
        uses = {}
        for token in doc:
            if token.pos_ == "NOUN" and token.text.islower():
                for key in {token.text, token.lemma_.lower()}:
                    uses[key] = uses.get(key, 0) + 1
        doc.user_data[_NOUN_USES_KEY] = uses
    return uses


def _term_phrase(head: Token, *, alternative: bool = False, named: bool = False) -> Span | None:
    """The noun phrase a term is: a common noun with its compounds and adjectives only (and
    not one of a list, unless the conjunct is the term's `alternative` description, or the
    other name a naming gives it: "known as hay, or fodder,")."""
    if not _is_common_noun(head) or head.lemma_.lower() in GENERAL_HEADS:
        return None
    if head.lemma_.lower() in GENERIC_TERMS and not any(
        t.dep_ in {"compound", "amod"} for t in head.lefts
    ):
        return None  # "the process": a word definitions use, not a term
    conjuncts = [child for child in head.children if child.dep_ == "conj"]
    if conjuncts and not alternative and not (named and _other_name(head, conjuncts)):
        return None
    # The whole left subtree: "Magnetic" hangs on "resonance" in "magnetic resonance imaging".
    left = [t for t in head.subtree if t.i < head.i]
    for child in left:
        if child.dep_ == "det" and child.lower_ not in DETERMINERS:
            return None  # "this trait", "our thoughts"
        if child.dep_ in {"poss", "nummod", "predet", "quantmod"}:
            return None
        if child.lower_ in PARTICULAR_MODIFIERS:
            return None
        if child.dep_ not in {"det", "compound", "amod", "punct"}:
            return None
    start = min([t.i for t in left if t.dep_ != "det"] + [head.i])
    end = head.i + 1
    of_phrase = _bare_of(head, definite=named)
    if of_phrase is not None:
        end = of_phrase.end  # "economies of scale", "division of labor"
    if end - start > MAX_TERM_TOKENS:
        return None
    phrase = head.doc[start:end]
    # A name is not a term: a capital inside the phrase, other than at the sentence start.
    if any(t.text[:1].isupper() and t.i != t.sent.start and not t.is_upper for t in phrase):
        return None
    return phrase


def _other_name(head: Token, conjuncts: list[Token]) -> bool:
    """Whether a named term's one conjunct is another name for it: ", or" and one noun
    phrase closing the naming ("known as the moot, or the folkmoot,"), not a list."""
    if len(conjuncts) != 1 or not _is_common_noun(conjuncts[0]):
        return False
    doc = head.doc
    other = conjuncts[0]
    first = other.left_edge.i
    if first < 2 or doc[first - 1].lower_ != "or" or doc[first - 2].text != ",":
        return False
    if any(c.dep_ in {"conj", "cc"} for c in other.children):
        return False
    after = other.right_edge.i + 1
    return after >= len(doc) or doc[after].text in {",", ".", ";"} or doc[after].is_space


def _bare_of(head: Token, *, definite: bool = False) -> Span | None:
    """ "of scale" in "economies of scale": "of" and a bare noun, the only thing after the head;
    with `definite` (a name a naming gives), "of the" and a noun too ("is called the tragedy
    of the commons")."""
    rights = [t for t in head.rights if t.dep_ not in {"punct", "relcl"}]
    if len(rights) != 1 or rights[0].dep_ != "prep" or rights[0].lower_ != "of":
        return None
    objects = [c for c in rights[0].children if c.dep_ == "pobj"]
    if len(objects) != 1 or objects[0].pos_ != "NOUN":
        return None
    inner = list(objects[0].children)
    the = (
        definite and len(inner) == 1 and inner[0].lower_ == "the" and inner[0].i == rights[0].i + 1
    )
    if inner and not the:
        return None
    if objects[0].i != rights[0].i + 1 + len(inner):
        return None
    return head.doc[rights[0].i : objects[0].i + 1]


def _subject_term(verb: Token) -> Span | None:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) > 1:
        return _hyphened_word(subjects)
    if len(subjects) != 1:
        return None
    subject = subjects[0]
    if subject.lemma_.lower() in {"concept", "term", "word", "notion", "kind", "form", "version"}:
        # "The concept of thrift is ...", "The term X refers to", "The kind of stoicism
        # (that Pell has in mind) is the view that ...": the term is inside.
        inner = [
            grandchild
            for child in subject.children
            if child.dep_ == "prep" and child.lower_ == "of"
            for grandchild in child.children
            if grandchild.dep_ == "pobj"
        ]
        appositive = [c for c in subject.children if c.dep_ in {"appos", "compound"}]
        candidates = inner or appositive
        if candidates:
            return _term_phrase(candidates[0])
    modifiers = [
        c
        for c in subject.children
        if c.dep_ in {"prep", "relcl", "acl", "appos"} and not bracketed_acronym(c)
    ]
    if modifiers and _bare_of(subject) is None:
        return None
    return _term_phrase(subject)


def _hyphened_word(pieces: list[Token]) -> Span | None:
    """ "The T-square is a kind of ruler": the parser reads "T", "-" and "square" as three
    subjects; written closed, they are one word."""
    doc = pieces[0].doc
    first, last = pieces[0].i, pieces[-1].i
    if last - first + 1 != len(pieces) or not any(t.text == "-" for t in pieces):
        return None
    if any(t.whitespace_ for t in pieces[:-1]) or not all(
        t.text == "-" or t.is_alpha for t in pieces
    ):
        return None
    if pieces[0].text == "-" or pieces[-1].text == "-" or not pieces[-1].is_lower:
        return None
    before = [t for t in pieces[0].lefts]
    if any(t.dep_ != "det" or t.lower_ not in DETERMINERS for t in before):
        return None
    return doc[first : last + 1]


def bracketed_acronym(token: Token) -> bool:
    """ "(MRI)" after "magnetic resonance imaging": the term's short name, not a modifier."""
    doc = token.doc
    return (
        token.dep_ == "appos"
        and len(token.text) >= 2
        and token.text.isupper()
        and token.text.isalpha()
        and 0 < token.i < len(doc) - 1
        and doc[token.i - 1].text == "("
        and doc[token.i + 1].text == ")"
    )


def _phrase_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    start, end = tokens[0].i, tokens[-1].i + 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in {")", "”", '"'}):
        end -= 1
    text = doc[start:end].text
    return _without_asides(text)


def _without_asides(text: str) -> str:
    """A definition without bracketed citations and asides ("(Figure 7.2)", "(Smith 2010)")."""
    text = re.sub(r"\s*\([^()]*\)", "", text)
    text = text.split("(")[0]  # an aside the definition's words run into
    return re.sub(r"\s+", " ", text).strip(" ,;:—–-")


def _is_evaluation(noun: Token, allowed: frozenset[str] = frozenset()) -> bool:
    return any(
        (child.lower_ in EVALUATIONS and child.lower_ not in allowed)
        or child.dep_ in {"nummod", "poss"}
        for child in noun.children
        if child.i < noun.i
    ) or any(child.lower_ in {"one", "this", "that"} for child in noun.lefts)


def _present_be(verb: Token) -> bool:
    if verb.lemma_ != "be" or verb.tag_ not in {"VBZ", "VBP"}:
        return False
    return not any(c.dep_ == "neg" for c in verb.children)


def _copular(verb: Token) -> list[tuple[Span, str, str]]:
    """ "A sonnet is a short poem of fourteen lines with a fixed rhyme scheme." """
    if not _present_be(verb):
        return []
    if any(c.dep_ == "mark" for c in verb.children):
        return []  # "whether morality is relative": a clause inside another, not a claim
    attrs = [c for c in verb.children if c.dep_ == "attr" and c.i > verb.i]
    if len(attrs) != 1 or attrs[0].pos_ != "NOUN" or _is_evaluation(attrs[0]):
        return []
    attr = attrs[0]
    if any(c.dep_ in {"advcl", "npadvmod", "intj"} and c.i < verb.i for c in verb.children):
        return []  # "Exceptionally complex, cognition is ...": a description, not a definition
    if any(_gives_reason(c) for c in [*verb.children, *attr.children] if c.i > attr.i):
        return []  # "A diary is a window on the past because it …": an image argued for
    term = _subject_term(verb)
    if term is None or attr.lemma_ == term.root.lemma_:
        return []
    determiner = [c for c in attr.children if c.dep_ == "det"]
    if determiner and determiner[0].lower_ not in DETERMINERS:
        return []
    if not determiner and attr.tag_ != "NNS":
        return []  # "cognition is thinking": a synonym, not a definition
    if attr.lemma_.lower() in TERM_NOUNS:
        return _term_for(term, attr)
    # The complement and only it: not a clause joined after it (", and it encompasses ...").
    definition = _phrase_text(list(attr.subtree))
    second = _second_complement(verb)
    if second:
        definition += " and " + second
    return [(term, definition, "is")]


def _gives_reason(clause: Token) -> bool:
    """Whether `clause` is a "because"/"since" clause: a sentence that argues for what it says
    of its subject, not one that defines it."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in {"because", "since"} for c in clause.children
    )


# "Tinnitus is the medical term used when …", "Vertigo is the term for a sense of spinning".
TERM_NOUNS = {"term", "word", "name"}
TERM_USES = {"use", "give", "apply"}
TERM_USED = "term used"


def _term_for(term: Span, attr: Token) -> list[tuple[Span, str, str]]:
    """ "Tinnitus is the medical term used when a ringing is heard with no outside source":
    what the term is used for is its definition (said outright, so a term used once is one),
    the term noun with its adjectives kept for the question ("Which medical term is used when
    …?"); "X is the term for a sense of spinning" is asked as any definition is."""
    modifiers = [t for t in attr.lefts if t.dep_ != "det"]
    if any(t.dep_ != "amod" or t.pos_ != "ADJ" for t in modifiers):
        return []
    for child in attr.rights:
        if child.dep_ == "prep" and child.lower_ == "for":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if len(objects) == 1 and objects[0].pos_ == "NOUN":
                return [(term, _phrase_text(list(objects[0].subtree)), "term for")]
        if child.dep_ != "acl" or child.lemma_.lower() not in TERM_USES or child.tag_ != "VBN":
            continue
        when = [
            c
            for c in child.children
            if c.dep_ == "advcl" and c.left_edge.lower_ in {"when", "if"} and c.i > child.i
        ]
        if len(when) == 1 and when[0].right_edge.i == attr.right_edge.i:
            head = " ".join(t.lower_ for t in [*modifiers, attr])
            # By position: "when" may hang on a later conjunct ("when a person grinds or
            # clenches …").
            rest = _phrase_text(list(attr.doc[when[0].left_edge.i : when[0].right_edge.i + 1]))
            return [(term, f"{head} {child.text} {rest}", TERM_USED)]
    return []


def _second_complement(verb: Token) -> str:
    """ "Gulls are coastal birds and are skilled scavengers of the shore": a second "are"
    joined to the first with no subject of its own says what the term is too; both halves
    define it (either alone fits other things)."""
    for conj in verb.children:
        if conj.dep_ != "conj" or not _present_be(conj):
            continue
        if any(c.dep_ in SUBJECT_DEPS or c.dep_ == "mark" for c in conj.children):
            continue
        attrs = [c for c in conj.children if c.dep_ == "attr" and c.i > conj.i]
        if len(attrs) == 1 and attrs[0].pos_ == "NOUN" and not _is_evaluation(attrs[0]):
            return _phrase_text(list(attrs[0].subtree))
    return ""


def _refers(verb: Token) -> list[tuple[Span, str, str]]:
    """ "X refers to Y", "X means Y", "X is defined as Y", "X is the term for Y"."""
    lemma = verb.lemma_.lower()
    objects: list[Token] = []
    pattern = ""
    if lemma == "refer" and not any(c.dep_ == "auxpass" for c in verb.children):
        objects = [
            g
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "to"
            for g in c.children
            if g.dep_ in {"pobj", "pcomp"}
        ]
        pattern = "refers to"
    elif lemma == "mean" and verb.tag_ in {"VBZ", "VBP"}:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        pattern = "means"
    elif lemma in {"define", "describe"} and any(c.dep_ == "auxpass" for c in verb.children):
        objects = [
            g
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ == "as"
            for g in c.children
            if g.dep_ in {"pobj", "pcomp"}
        ]
        if lemma == "describe":
            return []
        pattern = "defined as"
    if len(objects) != 1 or objects[0].pos_ not in {"NOUN", "VERB"}:
        return []
    if objects[0].pos_ == "NOUN" and _is_evaluation(objects[0]):
        return []
    term = _subject_term(verb)
    if term is None:
        return []
    tokens = list(objects[0].subtree)
    # "Stratigraphy refers to mapping by layers": the parser hangs "by layers" on the verb,
    # but it belongs to what the term means.
    for child in verb.children:
        if child.dep_ == "prep" and child.i == tokens[-1].i + 1:
            tokens.extend(child.subtree)
    return [(term, _phrase_text(tokens), pattern)]


def _which_means(span: Span) -> list[tuple[Span, str, str]]:
    """ "crop rotation, which means that for most fields ... the soil recovers"."""
    found = []
    for verb in span:
        if verb.lemma_ != "mean" or verb.dep_ != "relcl" or verb.tag_ not in {"VBZ", "VBP"}:
            continue
        if not any(c.dep_ == "nsubj" and c.lower_ == "which" for c in verb.children):
            continue
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        head = verb.head
        if len(clauses) != 1 or verb.doc[verb.i - 2].text != ",":
            continue
        term = _term_phrase(head)
        if term is None:
            continue
        tokens = [
            t for t in clauses[0].subtree if t.lower_ != "that" or t.i != clauses[0].left_edge.i
        ]
        found.append((term, _phrase_text(tokens), "which means"))
    return found


def _naming(span: Span) -> list[tuple[Span, str, str]]:
    """ "The small rooms cut into the hillside are called cells.", "Young
    recruits begin to drill in squads and are known as cadets" (a second verb sharing the
    sentence's subject; a plural subject with no article is the class in general)."""
    found = []
    for verb in span:
        lemma = verb.lemma_.lower()
        if not any(c.dep_ == "auxpass" for c in verb.children):
            continue
        second = (
            verb.dep_ == "conj"
            and verb.head.dep_ == "ROOT"
            and verb.head.i < verb.i
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
        )
        if verb.dep_ != "ROOT" and not second and not _before_semicolon(verb):
            continue
        if lemma in NAMING_VERBS:
            named = [c for c in verb.children if c.dep_ in {"oprd", "attr", "dobj"}]
        elif lemma in {"know", "refer"}:
            named = [
                g
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "as"
                for g in c.children
                if g.dep_ == "pobj"
            ]
        else:
            continue
        owner = verb.head if second else verb
        subjects = [c for c in owner.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if len(named) != 1 or len(subjects) != 1:
            continue
        subject = subjects[0]
        if subject.pos_ != "NOUN" or subject.lemma_.lower() in GENERAL_HEADS:
            continue
        determiner = [c for c in subject.children if c.dep_ == "det"]
        bare = not determiner and subject.tag_ == "NNS"
        # "Such total abstinence from wine is known as …": a "such" phrase that says what
        # it is by itself (see `_such_rewrites`) is the kind in general.
        such = _such_rewrites(list(subject.subtree))
        described = such is not None and any(c.lower_ == "such" for c in subject.children)
        if (
            not bare
            and not described
            and (not determiner or determiner[0].lower_ not in DETERMINERS)
        ):
            continue
        if second and not bare:
            continue  # "The old king raised taxes and was known as the tyrant": one man
        if any(
            c.lower_ in PARTICULAR_MODIFIERS and not (c.lower_ == "such" and described)
            for c in subject.children
        ):
            continue
        term = _term_phrase(named[0], named=True)
        if term is None:
            continue
        definition = _phrase_text(list(subject.subtree))
        for old, new in such or ():
            definition = definition.replace(old, new, 1)
        first = subject.left_edge
        if bare and first.is_sent_start and first.pos_ != "PROPN" and not first.ent_type_:
            definition = definition[:1].lower() + definition[1:]  # "Younger neutrophils …"
        found.append((term, definition, "is called"))
    return found


# How far back a bare "such a signal" looks for the "a … signal" it points to.
SUCH_SENTENCES_BACK = 3


def _such_rewrites(tokens: list[Token]) -> list[tuple[str, str]] | None:
    """The rewrites that free a description of its "such" (old text, new text), or None where
    one cannot be freed. "such" with a modifier or a phrase of its own describes the kind by
    itself and goes ("Such total abstinence from wine" → "total abstinence from wine"); a bare
    "such a signal" points back and becomes the "a … signal" a sentence shortly before
    named ("generate an electrical signal that …": "The voltage at which such a signal is
    produced" → "… at which an electrical signal is produced"). No "such": no rewrites."""
    rewrites: list[tuple[str, str]] = []
    doc = tokens[0].doc if tokens else None
    for such in tokens:
        if such.lower_ != "such" or such.dep_ not in {"amod", "predet", "det"}:
            continue
        noun = such.head
        if noun.pos_ != "NOUN" or doc is None:
            return None
        old = doc[such.i : noun.i + 1]
        own = [
            c
            for c in noun.children
            if (c.dep_ in {"amod", "compound"} and c.i < noun.i and c != such)
            or (c.dep_ in {"prep", "relcl", "acl"} and c.i > noun.i)
        ]
        if own:
            new = doc[such.i + 1 : noun.i + 1].text
        else:
            if any(c.dep_ in {"amod", "compound"} and c != such for c in noun.lefts):
                return None
            found = _antecedent(noun)
            if found is None:
                return None
            new = found
        rewrites.append((old.text, new))
    return rewrites


def _antecedent(noun: Token) -> str | None:
    """The "a"/"an" phrase of `noun`'s lemma, with its modifiers, that a sentence shortly
    before `noun`'s names last ("an electrical signal"), or None."""
    doc = noun.doc
    sentence = noun.sent
    first = sentence.start
    for _ in range(SUCH_SENTENCES_BACK):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for token in reversed(doc[first : sentence.start]):
        if token.pos_ != "NOUN" or token.lemma_ != noun.lemma_ or token.tag_ != noun.tag_:
            continue
        lefts = list(token.lefts)
        determiners = [t for t in lefts if t.dep_ == "det"]
        if len(determiners) != 1 or determiners[0].lower_ not in {"a", "an"}:
            return None
        if any(t.dep_ not in {"det", "amod", "compound"} for t in lefts):
            return None
        words = [t for t in lefts if t.dep_ != "det"]
        if not words or words[0].i != determiners[0].i + 1:
            return None  # "a signal": no more than "such a signal" said
        return doc[determiners[0].i : token.i + 1].text
    return None


PROCESS_PREFIX = "the process by which "
PROCESS_NAMING = re.compile(
    r"^(?:a|the) (?:process|phenomenon) (?:(?:known|referred to) as|called|termed) (?:an? |the )?$",
    re.IGNORECASE,
)
# How many words the clause a process naming follows may have.
PROCESS_SENTENCE_WORDS = (4, 16)


def _process_naming(span: Span) -> list[tuple[Span, str, str]]:
    """ "the signal travels—a process known as propagation—along the fibre", "a river wears
    away its bed, a process called erosion.": a clause that says what happens, then "a
    process" and its name between dashes or after a comma closing the sentence; the term
    describes "the process by which" that clause happens (asked so, the clause read in the
    present: a past one tells of one event). Read from the words: the parser often takes the
    clause's verb for a noun ("travels")."""
    found = []
    doc = span.doc
    for opening in span:
        dash = opening.text in DASHES
        if not dash and opening.text != ",":
            continue
        first = opening.i + 1
        words = doc[first : min(first + 7, span.end)]
        cut = next((t.i for t in words if t.is_punct), None)
        if cut is None:
            continue
        naming = doc[first:cut]
        term_start = next(
            (
                t.i
                for t in naming
                if PROCESS_NAMING.match(doc[first : t.i].text + " " if t.i > first else "")
            ),
            None,
        )
        if term_start is None or term_start >= cut:
            continue
        term = doc[term_start:cut]
        closing = doc[cut]
        if dash != (closing.text in DASHES) and not (not dash and closing.i == span.end - 1):
            continue  # a dash closed by a dash; a comma naming closes the sentence
        if len(term) > 3 or not _is_common_noun(term[-1]) or term[-1].tag_ != "NN":
            continue
        if any(t.pos_ not in {"NOUN", "ADJ"} for t in term):
            continue
        clause = _process_clause(span, opening, closing if dash else None)
        if clause is None:
            continue
        found.append((term, PROCESS_PREFIX + clause, "is called"))
    return found


def _process_clause(span: Span, opening: Token, closing: Token | None) -> str | None:
    """The clause a process naming follows, read as "the process by which …": the sentence
    up to `opening` without an opening phrase before its first comma ("In this example,"),
    and after a `closing` dash the words up to the next comma (one preposition phrase when
    more follow). None unless it has a verb in the present and its own subject."""
    doc = span.doc
    start = span.start
    commas = [t.i for t in doc[span.start : opening.i] if t.text == ","]
    if commas:
        if len(commas) > 1 or doc[span.start].pos_ not in {"ADP", "ADV", "SCONJ"}:
            return None
        if doc[span.start].pos_ == "SCONJ":
            return None  # "When the cell fires, …": the clause is a condition
        start = commas[0] + 1
    tokens = list(doc[start : opening.i])
    after: list[Token] = []
    if closing is not None:
        for token in doc[closing.i + 1 : span.end]:
            if token.is_punct:
                break
            if after and token.pos_ in {"ADP", "CCONJ"} and len(after) >= 2:
                break  # "along the axon | from the hillock to …": the first phrase only
            after.append(token)
        tokens.extend(after)
    if not PROCESS_SENTENCE_WORDS[0] <= len(tokens) <= PROCESS_SENTENCE_WORDS[1]:
        return None
    if tokens[0].lower_ not in DETERMINERS and not (
        tokens[0].pos_ == "NOUN" and tokens[0].is_lower
    ):
        return None  # "It travels", "Then it …": no subject of its own
    if any(t.tag_ in {"VBD", "VBN"} and t.dep_ in {"ROOT", "conj"} for t in tokens):
        return None
    # "the action potential travels", tagged a plural noun after a noun: a verb all the same.
    present = any(t.tag_ in {"VBZ", "VBP"} for t in tokens) or any(
        t.tag_ == "NNS"
        and "VERB" in getAllLemmas(t.lower_)
        and i > 0
        and tokens[i - 1].pos_ in {"NOUN", "ADJ"}
        for i, t in enumerate(tokens)
    )
    if not present:
        return None
    text = doc[start : opening.i].text
    if after:
        text += " " + doc[after[0].i : after[-1].i + 1].text
    return text[:1].lower() + text[1:] if tokens[0].lower_ in DETERMINERS else text


def _before_semicolon(verb: Token) -> bool:
    """ "Rows of cells that share a wall are called ranks; each leaf has a dozen ranks": a
    clause closed by a semicolon is a sentence of its own, though the parser hangs it on the
    verb after the semicolon."""
    doc = verb.doc
    left, right = verb.left_edge.i, verb.right_edge.i
    return (
        verb.dep_ in {"ccomp", "conj", "parataxis"}
        and verb.head.i > right
        and right + 1 < len(doc)
        and doc[right + 1].text == ";"
        and (left == verb.sent.start or doc[left - 1].text == ";")
    )


def _named_participle(span: Span) -> list[tuple[Span, str, str]]:
    """ "the spread of a species into a new region, known as colonisation", "a unit of
    heredity called an allele": a noun phrase, then a participle that names it.

    The parser hangs the participle on the nearest noun. After a comma the participle names
    the whole noun phrase that noun ends (climbing "of"/"into" phrases to the noun they
    describe); without one it names the noun it follows, with an "of" phrase around it at most
    ("the organ in the hollow known as the pocket": the hollow, not the organ). A comma
    participle closing the sentence, which the parser joins to the main verb ("… fixed to
    the upper face of the leaf, called the blade"), is read the same way."""
    found = []
    doc = span.doc
    for verb in span:
        lemma = verb.lemma_.lower()
        # "states called beyliks": the tagger sometimes takes the participle for a past tense.
        if verb.dep_ == "acl" and verb.tag_ in {"VBN", "VBD"} and verb.head.pos_ == "NOUN":
            noun = verb.head
        elif _closing_participle(verb, span):
            noun = doc[verb.i - 2]
        else:
            continue
        if lemma in NAMING_VERBS:
            named = [c for c in verb.children if c.dep_ in {"oprd", "attr", "dobj"}]
        elif lemma in {"know", "refer"}:
            named = [
                g
                for c in verb.children
                if c.dep_ == "prep" and c.lower_ == "as"
                for g in c.children
                if g.dep_ == "pobj"
            ]
        else:
            continue
        if len(named) != 1 or any(c.dep_ in {"nsubj", "agent", "neg"} for c in verb.children):
            continue
        if any(t.text == "(" for t in doc[noun.i : verb.i]):
            continue  # "(also known as the marrow)": `_bracketed_naming` reads it
        after_comma = doc[verb.i - 1].text == ","
        # "guard cells called sentries, as well as three rows of young cells called
        # buds": the parser may hang the second participle on the first noun of a
        # coordination; it names the conjunct it follows.
        later = [c for c in noun.children if c.dep_ == "conj" and noun.i < c.i < verb.i]
        if later and not after_comma:
            noun = later[-1]
        while (
            noun.dep_ == "pobj"
            and noun.head.dep_ == "prep"
            and noun.head.head.pos_ == "NOUN"
            and (after_comma or (noun.head.lower_ == "of" and not _indefinite(noun)))
        ):
            noun = noun.head.head
        if after_comma:
            noun = _clause_head(noun, verb.i - 1)
        # "a type of public good called common goods", "a type of tree known as oak": a kind
        # of a class fits every kind, unless a clause of its own says which.
        described_kind = _kind_of(noun) and any(
            c.dep_ in {"relcl", "acl"} and c != verb for c in noun.children
        )
        if (noun.lemma_.lower() in GENERAL_HEADS and not described_kind) or _is_evaluation(
            noun, allowed=SIZES
        ):
            continue
        if any(c.dep_ == "det" and c.lower_ not in DETERMINERS for c in noun.children):
            continue  # "this process, called …": the phrase points back
        if noun.left_edge.i < span.start or noun.i > verb.i:
            continue
        term = _term_phrase(named[0], named=True)
        if term is None:
            continue
        dropped = {t.i for t in verb.subtree}
        tokens = [t for t in noun.subtree if t.i not in dropped and t.i < verb.i]
        definition = _phrase_text(tokens).rstrip(" ,")
        pattern = PASSING if _unrestricted(noun, verb) else "is called"
        found.append((term, definition, pattern))
    return found


KIND_HEADS = {"type", "kind", "sort"}


def _kind_of(noun: Token) -> bool:
    """ "a type of sensory receptor": a kind of a class, which describes (a general head
    alone does not)."""
    return noun.lemma_.lower() in KIND_HEADS and any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.dep_ == "pobj" and g.pos_ == "NOUN" for g in c.children)
        for c in noun.children
    )


def _clause_head(noun: Token, comma: int) -> Token:
    """The noun a relative clause ending at `comma` describes, where `noun` closes that
    clause ("a type of receptor that is sensitive to heat, called a …": the type of
    receptor is named, not the heat); else `noun`."""
    for ancestor in noun.ancestors:
        if ancestor.dep_ == "relcl" and ancestor.right_edge.i == comma - 1:
            head = ancestor.head
            return head if head.pos_ == "NOUN" else noun
    return noun


def _indefinite(noun: Token) -> bool:
    """Whether `noun` has "a"/"an" of its own: "the presence of a key unit known as …" names
    the unit, not the presence (a bare noun is part of the phrase: "a unit of heredity
    called …")."""
    return any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in noun.children)


def _unrestricted(noun: Token, verb: Token) -> bool:
    """ "take up best a pale stain known as velin", "ended in waves of raids called
    harryings": an indefinite noun with nothing after it but its name (an "of" and a
    bare noun at most) names one of a class in passing; many stains are pale. Not "the
    upper face of the kidney, called the crown" (the one face) nor "a hollow in the
    inner face of the left kidney, called …" (a phrase that says which)."""
    if any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children):
        return False
    for child in noun.rights:
        if child == verb or child.is_punct or child.i > verb.i:
            continue
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if len(objects) == 1 and all(g == verb for g in objects[0].children):
                continue
        return False
    return True


def _names_complement(verb: Token) -> bool:
    """ "called beyliks": a naming verb with the name as its complement and no object."""
    return any(c.dep_ == "oprd" for c in verb.children) and not any(
        c.dep_ == "dobj" for c in verb.children
    )


def _closing_participle(verb: Token, span: Span) -> bool:
    """ "…, called the base." closing the sentence: a naming participle after a comma and a
    noun, with no subject, auxiliary or conjunction of its own, which the parser joined to the
    main verb as a second verb."""
    doc = span.doc
    if verb.dep_ != "conj" or verb.tag_ not in {"VBN", "VBD"} or verb.i - 2 < span.start:
        return False
    if doc[verb.i - 1].text != "," or doc[verb.i - 2].pos_ != "NOUN":
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "cc"} for c in verb.children):
        return False
    last = span.end - 1
    while last > verb.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    # A past verb joined to a verb in the present is no second verb of the sentence ("… is
    # a receptor that is sensitive to heat, called a …"): a participle naming what it follows.
    present = verb.head.tag_ in {"VBZ", "VBP"}
    return verb.right_edge.i == last and (
        verb.lemma_.lower() not in NAMING_VERBS or _names_complement(verb) or present
    )


ALTERNATIVE = re.compile(r"(?<![,;] )\b([a-z][a-z-]+), or ([a-z][a-z -]{3,80}?), ")


def _alternative(span: Span) -> list[tuple[Span, str, str]]:
    """ "The beekeepers had used skeps, or woven straw hives, for the swarms."

    Read from the words, not the parse, which often takes the description for a verb; the
    term is the noun before ", or" (not the last item of a list) and the description has a
    noun of its own."""
    found = []
    doc = span.doc
    for match in ALTERNATIVE.finditer(span.text):
        start = span.start_char + match.start(1)
        term_span = doc.char_span(start, start + len(match.group(1)))
        description = doc.char_span(
            span.start_char + match.start(2), span.start_char + match.end(2)
        )
        if term_span is None or description is None or len(description) < 2:
            continue
        if not any(t.pos_ == "NOUN" for t in description) or description[-1].pos_ != "NOUN":
            continue
        term = _term_phrase(term_span.root, alternative=True)
        if term is None or term.end != term_span.end:
            continue
        if _closes_clause(term.root, description.start):
            continue
        found.append((term, description.text, "or"))
    found.extend(_alternative_after(span))
    return found


def _alternative_after(span: Span) -> list[tuple[Span, str, str]]:
    """ "Sailors feared towering storm waves, or rollers, in winter": the description first,
    then ", or", the term alone and a comma. The description is a noun phrase that describes
    (a participle or a hyphened word among its modifiers, or two modifiers: "large dogs, or
    cats," offers a choice), of the term's number; the term is one bare noun the text uses
    again, and neither is an item of a list."""
    found = []
    doc = span.doc
    for conjunction in span:
        i = conjunction.i
        if conjunction.lower_ != "or" or i - 2 < span.start or i + 2 >= span.end:
            continue
        if doc[i - 1].text != "," or doc[i + 2].text != ",":
            continue
        noun, head = doc[i + 1], doc[i - 2]
        if noun.pos_ != "NOUN" or not noun.is_lower or list(noun.lefts):
            continue
        if head.pos_ != "NOUN" or head.tag_ != noun.tag_ or noun.lemma_ == head.lemma_:
            continue
        if i + 3 < span.end and doc[i + 3].pos_ == "CCONJ":
            continue  # ", or cats, and birds": a list
        modifiers = [t for t in head.lefts if t.dep_ in {"amod", "compound"}]
        describing = [
            t for t in head.subtree if t.i < head.i and (t.tag_ in {"VBG", "VBN"} or t.text == "-")
        ]
        if not describing and len(modifiers) < 2:
            continue
        start = head.left_edge.i
        if start > span.start and (doc[start - 1].text == "," or doc[start - 1].pos_ == "CCONJ"):
            continue  # the last item of a list
        if any(c.dep_ in {"conj", "cc"} and c.i < head.i for c in head.children):
            continue
        if sum(1 for t in doc if t.lemma_.lower() == noun.lemma_.lower()) < 2:
            continue  # a word the text never uses again: no term of the chapter
        term = _term_phrase(noun, alternative=True)
        if term is None:
            continue
        description = _phrase_text([t for t in head.subtree if t.i <= head.i])
        if description.split()[0].lower() in DETERMINERS:
            description = description.split(" ", 1)[1]
        found.append((term, description, "or"))
    return found


def _closes_clause(term: Token, after: int) -> bool:
    """Whether `term` ends a relative or participle clause that the words at `after` are
    outside of: "rule by one ruler, which they called a kingship, or rule by a few, …" joins
    two kinds of rule, and "rule by a few" is no other name for a kingship."""
    for ancestor in term.ancestors:
        if ancestor.dep_ in {"relcl", "acl"} and ancestor.right_edge.i < after:
            return True
    return False


def _bracket_gloss(span: Span) -> list[tuple[Span, str, str]]:
    """ "stoics (those who hold that only virtue is good)"."""
    found = []
    doc = span.doc
    for token in span:
        if token.text != "(" or token.i == 0:
            continue
        head = doc[token.i - 1]
        gloss = BRACKET_GLOSS.match(doc_text(doc)[token.idx : span.end_char])
        if gloss is None and head.pos_ == "NOUN":
            found.extend(_bracketed_description(head, token))
            continue
        if gloss is None or head.pos_ != "NOUN" or INSTANCE_LIST.match(gloss.group(1)):
            continue
        term = _term_phrase(head)
        if term is None:
            continue
        definition = re.sub(
            r",\s*as (?:discussed|described|shown|seen|noted)\b.*$", "", gloss.group(1)
        )
        found.append((term, _without_asides(definition).rstrip(" ,;"), "brackets"))
    return found


BRACKET_NAMING = re.compile(
    r"^\(\s*(?:(?:also|sometimes|often|usually|commonly)\s+)?(?:called|known as|termed)\s+"
    r"(?:(the|an?|its|their)\s+)?[“\"‘']?([a-z][a-z -]*[a-z])[”\"’']?\s*\)"
)


def _bracketed_naming(span: Span) -> list[tuple[Span, str, str]]:
    """ "the outer layer of the kidney (also called the cortex)": a noun phrase and, in
    brackets after it, the name it goes by; the phrase before is its description (an "of"
    phrase climbed to the noun it describes). A name that is something's own is a term only
    in quotation marks, which mark it as one ("a farm that grows one or two crops
    (sometimes called its “staple harvest”)"; "its home ground" is a saying), and leans on
    its owner: only its sentence, blanked, asks for it (`PASSING`)."""
    found = []
    doc = span.doc
    text = doc_text(doc)
    for opening in span:
        if opening.text != "(" or opening.i - 1 < span.start:
            continue
        match = BRACKET_NAMING.match(text[opening.idx : span.end_char])
        noun = doc[opening.i - 1]
        if match is None or noun.pos_ != "NOUN":
            continue
        start = opening.idx + match.start(2)
        inner = doc.char_span(start, opening.idx + match.end(2))
        if inner is None or len(inner) > MAX_TERM_TOKENS:
            continue
        # The name alone, without the article or the owner before it: "its staple harvest".
        root = inner.root
        if not _is_common_noun(root) or root.lemma_.lower() in GENERAL_HEADS | GENERIC_TERMS:
            continue
        if any(t.pos_ not in {"NOUN", "ADJ", "PUNCT"} or t.dep_ == "conj" for t in inner):
            continue
        term = inner
        while (
            noun.dep_ == "pobj"
            and noun.head.dep_ == "prep"
            and noun.head.lower_ == "of"
            and noun.head.head.pos_ == "NOUN"
        ):
            noun = noun.head.head
        if noun.lemma_.lower() in GENERAL_HEADS or any(
            c.dep_ == "det" and c.lower_ not in DETERMINERS for c in noun.children
        ):
            continue
        tokens = [t for t in noun.subtree if t.i < opening.i]
        if not tokens or tokens[0].i < span.start:
            continue
        owned = match.group(1) in {"its", "their"}
        if owned and not re.search(r"[“\"‘']\s*" + re.escape(inner.text), match.group(0)):
            continue  # "a few goods (sometimes called its home ground)": a saying, not a term
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children)
        pattern = "is called" if definite and not owned else PASSING
        found.append((term, _phrase_text(tokens), pattern))
    return found


def _bracketed_description(noun: Token, opening: Token) -> list[tuple[Span, str, str]]:
    """ "the delta (the flat land where a river meets the sea)": a "the" noun, and in brackets
    right after it one "the" noun phrase that says which thing it is (a modifier after its
    noun). Not a figure or a citation, a list, or an evaluation ("(the best of its kind)")."""
    doc = noun.doc
    closing = next((t for t in doc[opening.i + 1 : opening.sent.end] if t.text in {"(", ")"}), None)
    if closing is None or closing.text != ")" or closing.i - opening.i < 4:
        return []
    inside = doc[opening.i + 1 : closing.i]
    if inside[0].lower_ != "the" or not any(
        c.dep_ == "det" and c.lower_ == "the" for c in noun.children
    ):
        return []
    heads = [t for t in inside if t.head.i <= opening.i or t.head.i >= closing.i or t.head == t]
    if len(heads) != 1 or heads[0].pos_ != "NOUN" or heads[0].lemma_.lower() in GENERAL_HEADS:
        return []
    head = heads[0]
    if _is_evaluation(head) or not any(
        c.dep_ in {"prep", "relcl", "acl"} and c.i > head.i for c in head.children
    ):
        return []
    if any(t.text in {",", ";"} or t.like_num for t in inside):
        return []
    term = _term_phrase(noun)
    if term is None or term.end != noun.i + 1:
        return []
    return [(term, inside.text, "brackets")]


DASHES = {"—", "–", "--"}


def _dash_gloss(span: Span) -> list[tuple[Span, str, str]]:
    """ "the nests—the burrows that sand martins dig in river banks—", "what it calls strip
    farming—that is, the practice of dividing a field into long narrow plots—": a common
    noun, and between two dashes a noun phrase that says what it is ("the", "a" or "that
    is," before it). Not a noun after "of" ("the overthrow of the guild—a feat …" speaks of
    the overthrow), a name, or a list ("—a grain of sand, a pebble, or a ship—")."""
    found = []
    doc = span.doc
    for dash in span:
        if dash.text not in DASHES or dash.i - 1 < span.start:
            continue
        closing = next((t for t in doc[dash.i + 1 : span.end] if t.text in DASHES), None)
        if closing is None:
            continue
        noun = doc[dash.i - 1]
        if noun.pos_ != "NOUN":
            continue
        if noun.dep_ == "pobj" and noun.head.lower_ == "of":
            continue
        first = dash.i + 1
        # "tanners—skilled workers who cure hides—": a plural class needs no article.
        bare = noun.tag_ == "NNS" and not any(c.dep_ == "det" for c in noun.children)
        if doc[first : first + 3].text.lower() == "that is ,":
            first += 3
        elif doc[first].lower_ not in DETERMINERS and not bare:
            continue
        inside = doc[first : closing.i]
        # A list of examples after "such as" is no list of what the noun is.
        examples = next(
            (t.i for t in inside[1:] if t.lower_ == "as" and doc[t.i - 1].lower_ == "such"),
            closing.i,
        )
        if not len(inside) or any(
            t.lower_ in {"and", "or"} and doc[t.i - 1].text == "," and t.i < examples
            for t in inside[1:]
        ):
            continue
        heads = [t for t in inside if t.head.i < first or t.head.i >= closing.i or t.head == t]
        if len(heads) != 1 or heads[0].pos_ != "NOUN" or heads[0].lemma_.lower() in GENERAL_HEADS:
            continue
        if _is_evaluation(heads[0]) and not any(t.tag_ == "JJS" for t in heads[0].lefts):
            continue
        if bare and doc[first].lower_ not in DETERMINERS:
            if heads[0].tag_ != "NNS" or any(c.dep_ == "det" for c in heads[0].children):
                continue
            if _idiom_object(noun):
                continue
        term = _term_phrase(noun)
        if term is None or term.end != noun.i + 1:
            continue
        # A class with a clause of its own says enough, like an apposition: the term need not
        # be used again ("madders—plants whose roots give a red dye—").
        clause = any(c.dep_ in {"relcl", "acl"} for c in heads[0].children)
        pattern = "apposition" if bare and clause else "dash"
        found.append((term, _without_asides(inside.text), pattern))
    return found


def _glossary(span: Span) -> list[tuple[Span, str, str]]:
    """A glossary line: "sonnet: a short poem of fourteen lines with a fixed rhyme scheme"."""
    match = GLOSSARY_LINE.match(span.text)
    if match is None or len(match.group(1).split()) > MAX_TERM_TOKENS:
        return []
    definition = match.group(2).rstrip(".")
    first = definition.split()[0].lower() if definition.split() else ""
    if first not in DETERMINERS and not span.doc[span.start].text[:1].islower():
        return []
    term = span.doc.char_span(span.start_char, span.start_char + len(match.group(1)))
    if term is None or any(t.pos_ == "VERB" for t in term):
        return []
    return [(term, definition, "glossary")]


def _apposition(span: Span) -> list[tuple[Span, str, str]]:
    """ "a reeve, an official who often combined the duties of toll keeper and clerk": a
    common noun, a comma, and a description of the class it belongs to (an indefinite or
    "the" noun phrase with a clause of its own) between commas or up to the sentence end.

    Read by position: the parser hangs the apposition on whichever noun it likes."""
    found = []
    doc = span.doc
    for head in span:
        if head.pos_ != "NOUN" or head.dep_ not in {"appos", "conj", "npadvmod", "attr", "dobj"}:
            continue
        determiners = [c for c in head.children if c.dep_ == "det"]
        start = head.left_edge.i
        if start - 2 < span.start or doc[start - 1].text != ",":
            continue
        # "tannins, compounds that bind to …": a plural class needs no article.
        bare = not determiners and head.tag_ == "NNS" and doc[start - 2].tag_ == "NNS"
        if not bare and (len(determiners) != 1 or determiners[0].lower_ not in DETERMINERS):
            continue
        if not bare and start != determiners[0].i:
            continue
        clauses = [c for c in head.children if c.dep_ in {"relcl", "acl"} and c.i > head.i]
        # "the cortex, the outermost layer of grey matter in the brain": a superlative says
        # which one, as a clause would.
        unique = not clauses and not bare and _superlative(head)
        if (len(clauses) != 1 and not unique) or head.lemma_.lower() in GENERAL_HEADS:
            continue
        if _is_evaluation(head):
            continue
        if clauses and clauses[0].dep_ == "relcl" and not _relative_clause(clauses[0]):
            continue
        noun = doc[start - 2]
        if not _is_common_noun(noun) or _idiom_object(noun):
            continue
        if noun.lemma_ == head.lemma_ and not any(
            c.dep_ in {"amod", "compound"} for c in noun.lefts
        ):
            continue  # "a molecule, a molecule that …": the same word; but "an organic
            # molecule, a molecule that contains carbon" says which molecules the term names
        before = [c for c in noun.children if c.dep_ == "det"]
        if unique and (not before or before[0].lower_ != "the" or not _first_named(noun)):
            continue  # "a bone, the longest in …", "the cortex" named before: no definition
        if before and before[0].lower_ not in {"a", "an"} and not unique:
            if before[0].lower_ != "the" or not _defines_the(noun, clauses[0]):
                continue  # "the ship, a vessel that carried …": one thing the text speaks of
        term = _term_phrase(noun)
        if term is None or term.end != noun.i + 1:
            continue
        tokens = [t for t in head.subtree]
        if unique:
            # Up to a comma: "…, where perception begins" says something else of it.
            cut = next((t.i for t in tokens if t.text == "," and t.i > head.i), None)
            tokens = [t for t in tokens if cut is None or t.i < cut]
        end = tokens[-1].i + 1
        if end < span.end and doc[end].text not in {",", ".", ";", "?", "!"}:
            continue
        if bare and _list_goes_on(head, end):
            continue  # "bakers who make bread, tailors who cut cloth, and nurses …": a list
        found.append((term, _phrase_text(tokens), "apposition"))
    return found


# Superlatives of position that pick out one part of a whole: "the outermost layer of …".
# (Not "the largest building in the town", "the best bone", "the northernmost town of …":
# one thing of a story or a place, which a size or a rank may pick out as well.)
PART_SUPERLATIVES = {
    "outermost",
    "innermost",
    "inmost",
    "uppermost",
    "lowermost",
    "topmost",
    "bottommost",
    "hindmost",
    "midmost",
}


def _superlative(head: Token) -> bool:
    """ "the outermost layer of grey matter in the brain": a "the" noun whose superlative of
    position and an "of" or "in" phrase after it pick out one part of a whole."""
    determiners = [c for c in head.children if c.dep_ == "det"]
    if not determiners or determiners[0].lower_ != "the":
        return False
    if not any(c.dep_ == "amod" and c.lower_ in PART_SUPERLATIVES for c in head.lefts):
        return False
    return any(c.dep_ == "prep" and c.lower_ in {"of", "in"} for c in head.rights)


def _first_named(noun: Token) -> bool:
    """Whether the text names `noun`'s lemma here for the first time."""
    lemma = noun.lemma_.lower()
    return not any(t.lemma_.lower() == lemma for t in noun.doc[: noun.sent.start])


def _defines_the(noun: Token, clause: Token) -> bool:
    """ "the moraine, a ridge of rock that marks the furthest reach of the ice": a "the" noun
    the text names here for the first time, described by a class and a clause in the
    present tense (what such things are, not what one of them did: "the ship, a vessel that
    carried grain" is a ship of the story)."""
    if clause.tag_ not in {"VBZ", "VBP"} and not (
        clause.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in clause.children)
    ):
        return False
    if any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBN"} for c in clause.children):
        return False
    lemma = noun.lemma_.lower()
    return not any(t.lemma_.lower() == lemma for t in noun.doc[: noun.sent.start])


# Verbs that make an idiom with a bare singular noun: "take root", "take hold", "make way",
# "give rise", "lose heart", "keep pace".
LIGHT_VERBS = {"take", "make", "give", "have", "keep", "lose", "gain", "set", "catch", "hold"}


def _idiom_object(noun: Token) -> bool:
    """Whether `noun` is a bare singular object making an idiom with its verb ("the custom
    took hold, a habit that …": "hold" is no term, whatever the apposition after it says)."""
    return (
        noun.dep_ == "dobj"
        and noun.tag_ == "NN"
        and noun.head.lemma_.lower() in LIGHT_VERBS
        and not any(c.dep_ in {"det", "amod", "compound", "poss"} for c in noun.children)
    )


def _list_goes_on(head: Token, end: int) -> bool:
    """Whether the phrase `head` ends at `end` is an item of a list: it has items joined to
    it, or ", and …" / ", or …" follows it."""
    doc = head.doc
    if any(c.dep_ == "conj" for c in head.children) or any(
        c.dep_ == "conj" and c.i > head.i for c in head.head.children
    ):
        return True
    return end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].pos_ == "CCONJ"


def _relative_clause(clause: Token) -> bool:
    """A relative clause opened by its pronoun: "who kept the peace", "that drains into …",
    or a preposition and "which"/"whom" ("by which plants make sugar", "in which …")."""
    if any(c.lower_ in {"who", "that", "which"} for c in clause.children):
        return True
    first = clause.left_edge
    following = clause.doc[first.i + 1] if first.i + 1 < len(clause.doc) else None
    return first.pos_ == "ADP" and following is not None and following.lower_ in {"which", "whom"}


def _cut(doc: Doc, first: int, last: int) -> bool:
    """Whether the phrase doc[first..last] stops inside a coordination the parse broke off
    ("focuses on the meter | and “whether rhyme matters”", "… advantage, and")."""
    while last > first and doc[last].is_punct:
        last -= 1
    if doc[last].pos_ == "CCONJ":
        return True
    following = [t for t in doc[last + 1 : last + 3] if not t.is_punct or t.text != ","]
    return bool(following) and following[0].pos_ == "CCONJ" and doc[last + 1].text != ","


def _main_clause(verb: Token) -> bool:
    """A verb that asserts: the sentence's own, one joined to it, or a "while"/"whereas"
    contrast; not one under "if", "suppose" or a reporting verb."""
    if verb.dep_ == "ROOT":
        return True
    if verb.dep_ == "conj":
        return verb.head.dep_ == "ROOT"
    if verb.dep_ == "advcl" and verb.head.dep_ == "ROOT":
        return any(c.dep_ == "mark" and c.lower_ in {"while", "whereas"} for c in verb.children)
    return False


def _school_subject(verb: Token, span: Span) -> tuple[Span, str] | None:
    """The school of thought a view verb is said of: a noun in -ism ("pluralism",
    "non-realism", "the evolutionary theory" also), or its adherents in -ists where the text
    also names the -ism ("pluralists" beside "pluralism"). Returns the term and its kind."""
    doc = span.doc
    subjects = sorted((c for c in verb.children if c.dep_ == "nsubj"), key=lambda t: t.i)
    if not subjects:
        return None
    # "non - realism": a word the tokenizer split at its hyphen, each piece a subject.
    if len(subjects) > 1:
        pieces = doc[subjects[0].i : subjects[-1].i + 1]
        if len(pieces) != len(subjects) or any(t.whitespace_ for t in pieces[:-1]):
            return None
    subject = subjects[-1]
    if any(
        c.dep_ not in {"det", "amod", "compound", "punct", "nsubj"} or c.i > subject.i
        for c in subject.children
    ):
        return None
    determiners = [c for c in subject.children if c.dep_ == "det"]
    if determiners and determiners[0].lower_ not in DETERMINERS:
        return None
    lower = subject.lower_
    kind = ""
    if lower.endswith("ism"):
        kind = "holds"
    elif lower == "theory" and any(c.dep_ in {"amod", "compound"} for c in subject.children):
        kind = "holds"  # "the evolutionary theory regards …": a named theory
    elif lower.endswith("ists") and subject.tag_ == "NNS":
        school = re.escape(lower[: -len("ists")]) + "ism"
        if re.search(rf"\b{school}\b", doc_text(doc), re.IGNORECASE):
            kind = "adherents"
    if not kind:
        return None
    start = min([t.i for t in subject.subtree if t.dep_ != "det"] + [subjects[0].i])
    if subject.i - start + 1 > MAX_TERM_TOKENS:
        return None
    phrase = doc[start : subject.i + 1]
    if any(t.ent_type_ for t in phrase) or any(
        t.text[:1].isupper() and t.i != span.start for t in phrase
    ):
        return None  # a name ("Buddhism" mid-sentence is still a term; "Hume" is not)
    return phrase, kind


def _view(span: Span) -> list[tuple[Span, str, str]]:
    """ "Pluralism holds that a town needs more than one guild", "Realism regards
    colour as a property of things", "Stoics think a life is good when …":
    what a school of thought holds, its definition for a reader (asked as "Which view holds
    …?" or "Which thinkers think …?", never stated as a fact)."""
    found = []
    for verb in span:
        if verb.lemma_.lower() not in VIEW_VERBS or verb.tag_ not in {"VBZ", "VBP"}:
            continue
        if any(c.dep_ in {"neg", "aux", "auxpass"} for c in verb.children):
            continue
        if not _main_clause(verb):
            continue
        school = _school_subject(verb, span)
        if school is None:
            continue
        term, kind = school
        if (verb.tag_ == "VBP") != (kind == "adherents"):
            continue  # "pluralism hold", "pluralists holds": a misparse
        lemma = verb.lemma_.lower()
        if lemma in {"regard", "see", "view"}:
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            as_phrase = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"]
            if len(objects) != 1 or len(as_phrase) != 1:
                continue
            parts = [verb, *objects[0].subtree, *as_phrase[0].subtree]
        else:
            clauses = [c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i]
            if len(clauses) != 1 or clauses[0].left_edge.i != verb.i + 1:
                continue
            if clauses[0].left_edge.lower_ != "that" and kind != "adherents":
                continue  # "holds that …" (the parser may take "that" for a determiner)
            reasons = {
                t.i
                for c in clauses[0].children
                if c.dep_ == "advcl"
                and any(m.dep_ == "mark" and m.lower_ in {"because", "since"} for m in c.children)
                for t in c.subtree
            }  # "because these guilds cannot be merged": the argument, not the view
            parts = [verb, *(t for t in clauses[0].subtree if t.i not in reasons)]
        parts.sort(key=lambda t: t.i)
        parts = _without_next_clause(verb, parts)
        if parts[-1].i - parts[0].i + 1 != len(parts) or _cut(span.doc, parts[0].i, parts[-1].i):
            continue  # the view is cut by an aside or by the parse: not one phrase
        definition = _phrase_text(parts)
        found.append((term, definition, kind))
    return found


def _without_next_clause(verb: Token, parts: list[Token]) -> list[Token]:
    """The view without a ", and" the parser hung on its last noun when a clause of its own
    follows, joined to the view's verb ("Realism regards colour as a property of things,
    and our liking for it is learned"): that clause says something else."""
    doc = verb.doc
    if len(parts) < 3 or parts[-1].pos_ != "CCONJ" or parts[-2].text != ",":
        return parts
    following = parts[-1].i + 1
    joined = [
        c
        for c in verb.children
        if c.dep_ == "conj" and c.left_edge.i == following and c.pos_ in {"VERB", "AUX"}
    ]
    if not joined or not any(c.dep_ in SUBJECT_DEPS for c in joined[0].children):
        return parts
    return [t for t in parts if t.i < parts[-2].i] if following < len(doc) else parts


# Fields of study and the verbs that say what a field is about ("Economics studies how …").
FIELD_ENDINGS = ("ics", "logy", "graphy", "nomy")
FIELD_VERBS = {"study", "focus", "deal", "examine", "explore", "investigate", "concern"}
FIELD_PREPOSITIONS = {"focus": "on", "deal": "with", "concern": "with"}


def _field(span: Span) -> list[tuple[Span, str, str]]:
    """ "Marine botany focuses on sea plants", "Ecology studies how living things
    relate to their surroundings", "Metaethics is concerned with …": what a field of study is
    about (asked as "Which field focuses on …?")."""
    found = []
    for verb in span:
        lemma = verb.lemma_.lower()
        if lemma not in FIELD_VERBS or not _main_clause(verb):
            continue
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        if lemma == "concern":
            if not passive:
                continue
            subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
            auxiliary = [c for c in verb.children if c.dep_ == "auxpass"]
            if not auxiliary or auxiliary[0].tag_ not in {"VBZ", "VBP"}:
                continue
        else:
            if passive or verb.tag_ not in {"VBZ", "VBP"}:
                continue
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if len(subjects) != 1 or not subjects[0].lower_.endswith(FIELD_ENDINGS):
            continue
        if any(c.dep_ in {"neg", "aux"} for c in verb.children):
            continue
        if any(c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"} for c in verb.children):
            continue  # "focuses on behavior and the norms": the parse split the object
        term = _term_phrase(subjects[0])
        if term is None and subjects[0].i == span.start and not subjects[0].ent_type_:
            term = span.doc[span.start : span.start + 1]  # "Metallurgy is …", tagged as a name
        if term is None:
            continue
        preposition = FIELD_PREPOSITIONS.get(lemma)
        # What follows the verb, with an infinitive of purpose ("… to judge the worth
        # of a poem": part of what the field does), not a clause of time or reason.
        after = [
            c
            for c in verb.children
            if c.i > verb.i
            and c.dep_ not in {"punct", "cc", "conj", "advcl"}
            or (c.dep_ == "advcl" and c.i > verb.i and c.left_edge.lower_ == "to")
        ]
        if not after:
            continue
        if preposition and (after[0].dep_ != "prep" or after[0].lower_ != preposition):
            continue
        if not preposition and not any(c.dep_ in {"dobj", "ccomp"} for c in after):
            continue
        end = max(c.right_edge.i for c in after)
        if _cut(span.doc, verb.i, end):
            continue
        begin = min([c.i for c in verb.children if c.dep_ == "auxpass"] + [verb.i])
        definition = _phrase_text(list(span.doc[begin : end + 1]))  # "is concerned with …"
        found.append((term, definition, "field"))
    return found


def _which_is(span: Span) -> list[tuple[Span, str, str]]:
    """ "firms seek economies of scale, which are the savings that come with size": a term,
    then ", which is/are" and a noun phrase that describes its class up to the clause end."""
    found = []
    doc = span.doc
    for verb in span:
        if verb.lemma_ != "be" or verb.dep_ != "relcl" or verb.tag_ not in {"VBZ", "VBP"}:
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if len(subjects) != 1 or subjects[0].lower_ != "which" or subjects[0].i != verb.i - 1:
            continue
        if doc[verb.i - 2].text != "," or any(c.dep_ == "neg" for c in verb.children):
            continue
        attrs = [c for c in verb.children if c.dep_ == "attr"]
        if len(attrs) != 1 or attrs[0].pos_ != "NOUN" or _is_evaluation(attrs[0]):
            continue
        attr = attrs[0]
        determiners = [c for c in attr.children if c.dep_ == "det"]
        if not determiners or determiners[0].lower_ not in DETERMINERS:
            continue
        if attr.lemma_.lower() in GENERAL_HEADS or not any(
            c.dep_ in {"relcl", "acl", "prep"} and c.i > attr.i for c in attr.children
        ):
            continue  # "…, which is a problem": no class described
        if attr.right_edge.i != verb.right_edge.i:
            continue  # the description is cut by the parse
        noun = verb.head
        before = [c for c in noun.children if c.dep_ == "det"]
        if noun.pos_ != "NOUN" or (before and before[0].lower_ not in {"a", "an"}):
            continue
        term = _term_phrase(noun)
        if term is None or doc[term.end].text != ",":
            continue
        found.append((term, _phrase_text(list(attr.subtree)), "which is"))
    return found
