"""Whether a prompt leans on the text for what its words refer to; the descriptions resolved.

A question is read alone. It leans on the text (the ranker's `pronoun` and `description`
features, which `features.blocked_reason` refuses) when it has:

- a personal or demonstrative pronoun, or an indefinite one as its subject (`has_pronoun`),
  except a possessive determiner bound by its own clause's subject, which the prompt names or
  asks for (`bound_possessive`: "When did Marshal Orlo and his army besiege Port Carrow?");
- a definite or partitive noun phrase of the sentence that needs the text to say which one it
  is ("the drought", "each side": `_descriptions`), not one its own name, complement or
  superlative says, nor a noun that is one of a kind ("the world", "the year");
- a blank owning a thing the question does not name ("_____'s role": `blank_owns_unnamed`),
  a common noun owned by a year ("2018's competition": `dated_description`), a generic "a
  business" made "The business" (`introduced_definite`), or a month after "that"
  (`demonstrative_date`).

A definite description the text resolves to one earlier named phrase of the same head noun is
written out instead (`antecedent`, `resolve_descriptions`: "the competition" -> "the FIRST
Global competition"); several candidates naming different things, or none, leave the draft
as it was (and refused). `references` resolves the other words that point back.
`DISCOURSE` and `COMPARISON` are the words that place a statement after, or beside, something
the prompt does not say.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from quizgen.nlp.dates import FULL_MONTH_NAMES
from quizgen.nlp.generate.clause import DEMONSTRATIVES, doc_index, subject_of
from quizgen.nlp.generate.references import bound_referent, complement_kept, describes_person
from quizgen.nlp.generate.repeated import _effective_subject
from quizgen.nlp.generate.text import PROMPT_MAX_WORDS, contains_phrase, normalise, prompt_body
from quizgen.nlp.parsed import doc_text
from quizgen.nlp.structure import looks_like_heading
from quizgen.nlp.types import QuestionDraft

if TYPE_CHECKING:
    from quizgen.nlp.generate.context import GenerationContext


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
    r"immediately(?!\s+(?:after|before|afterwards?|upon|on|following|as)\b)|"
    # "soon" after a present or a future ("is soon", "will soon") is soon from now, which the
    # text's date fixes; after a past it follows what the text told ("was soon", "soon fled").
    r"(?<!\bis )(?<!\bare )(?<!\bwill )(?<!\bcould )(?<!\bmay )(?<!\bmight )(?<!\bcan )"
    r"soon(?!\s+(?:after|before|afterwards?|upon|on|following|as)\b)|"
    r"nevertheless|nonetheless|consequently|therefore|thus|in contrast|by contrast|"
    r"the following (year|day|month|week)|that (year|day)|"
    r"the (next|same) (year|day|month|week))\b",
    re.IGNORECASE,
)
# A connective that opens a statement or a question ties it to the sentence before, which
# the student does not have ("But although …", "And …", "However, …", "So …"): it does not
# read as a sentence alone.
CONNECTIVE_OPENING = re.compile(
    r"^(?:but|and|or|nor|yet|so|however|still|also|besides|moreover|furthermore|"
    r"meanwhile|nevertheless|nonetheless|instead|thus|hence|therefore|then|otherwise|"
    r"likewise|similarly|indeed|consequently|in addition|in fact|as a result|"
    r"on the other hand|by contrast|in contrast)\b(?![-'’])(?!\s+far\b)",
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


# Of those, times: "this year", "that day" are read by the date rules (`demonstrative_date`).
TIME_NOUNS = frozenset(
    "century decade year month week day time morning evening night weekend".split()
)


def _counts(token: Token) -> bool:
    """A number or an ordinal ("two", "second"): it counts, it does not name."""
    return token.ent_type_ in {"CARDINAL", "ORDINAL"} or (
        token.pos_ == "NUM" and not token.ent_type_
    )


# "Her mother Samira al-Haddad": the answer named through someone the question leaves out.
POSSESSED = re.compile(r"\b(his|her|their|its)\s+(\w+,?\s+){1,2}$", re.IGNORECASE)


def _before(sentence: str, answer: str) -> str:
    at = sentence.find(answer) if answer else -1
    return sentence[:at] if at > 0 else ""


def has_pronoun(prompt: str, span: Span | None = None, answer: str = "") -> bool:
    """A personal or demonstrative pronoun in the prompt ("When did he …", "… of this"), or
    an indefinite one as its subject ("Nothing in the old mill was ever level": nothing of what?).

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
        if lower in SUBJECT_HE_SHE and bound_subject_pronoun(
            span, lower, seen[lower], prompt, answer
        ):
            continue
        return True
    return False


# A quotation's own noun before its "it" or "they", of the pronoun's number, says what the
# pronoun stands for: "The effects of iodine deficiency depend on how severe it is".
QUOTED_BOUND = {"it": {"NN", "NNP"}, "its": {"NN", "NNP"}}
QUOTED_BOUND.update(dict.fromkeys(("they", "them", "their"), {"NNS", "NNPS"}))


def has_quoted_pronoun(prompt: str, span: Span | None) -> bool:
    """For "Who said: “…”?": a pronoun in the quotation that leans on the text. A person's
    "he"/"she" or a "this"/"those" points outside the quotation; an "it" or a "they" after a
    noun of the quotation of its number stands for what the speaker named
    (`QUOTED_BOUND`). Without the quotation's parse, `has_pronoun`."""
    opened, closed = prompt.find("“"), prompt.rfind("”")
    if span is None or opened < 0 or closed <= opened:
        return has_pronoun(prompt, span)
    quoted = prompt[opened + 1 : closed]
    doc = span.doc
    at = doc_text(doc).find(quoted, span.start_char)
    words = doc.char_span(at, at + len(quoted), alignment_mode="expand") if at >= 0 else None
    if words is None:
        return has_pronoun(prompt, span)
    tags: set[str] = set()
    for token in words:
        lower = token.lower_
        if lower in PRONOUNS and not tags & QUOTED_BOUND.get(lower, set()):
            return True
        tags.add(token.tag_)
    return False


SUBJECT_HE_SHE = frozenset({"he", "she"})
# How a subordinate clause hangs on the clause whose subject binds its "he"/"she": an
# adverbial clause ("as he begins …"), or a clause on a noun of one ("at the time he …").
# Not a reported clause: "Ana Cole says he will stand" may be anyone.
SUBORDINATE_CLIMB = frozenset({"advcl", "relcl", "acl", "pcomp", "pobj", "prep", "npadvmod"})


def _nth_pronoun(span: Span | None, pronoun: str, nth: int, prompt: str) -> Token | None:
    """The sentence's `nth` `pronoun`, when the prompt keeps every one the sentence has (one
    left out: which of the sentence's is this?)."""
    if span is None:
        return None
    tokens = [t for t in span if t.lower_ == pronoun]
    written = len(re.findall(rf"\b{pronoun}\b", prompt_body(prompt), re.IGNORECASE))
    if len(tokens) != written or len(tokens) < nth:
        return None
    return tokens[nth - 1]


def bound_subject_pronoun(
    span: Span | None, pronoun: str, nth: int, prompt: str, answer: str
) -> bool:
    """Whether the `nth` subject "he"/"she" of the sentence opens an adverbial clause (or a
    clause on a noun of time) of a clause whose subject is a person the prompt names or asks
    for: "Who is due to criticise Mr Reed's plans as he starts a tour?" is the one asked.
    No other person may stand between them but as an owner ("Mr Reed's plans"): "Cole met
    Reed as he left" could be either."""
    token = _nth_pronoun(span, pronoun, nth, prompt)
    if token is None or token.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    body = prompt_body(prompt)
    current = token.head
    while current.dep_ in SUBORDINATE_CLIMB and current.head != current:
        current = current.head
        if current.pos_ in {"VERB", "AUX"} and subject_of(current) is not None:
            break
    if current == token.head or current.pos_ not in {"VERB", "AUX"}:
        return False
    subject = _effective_subject(current)
    if subject is None or subject.i > token.i or subject.ent_type_ != "PERSON":
        return False
    if subject.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "cc" for c in subject.children):
        return False
    for other in span.doc[subject.i + 1 : token.i]:
        if other.ent_type_ == "PERSON" and other.ent_iob_ == "B" and other not in subject.subtree:
            name_head = other
            while name_head.dep_ in NAME_PARTS | {"compound"} and name_head.head != name_head:
                name_head = name_head.head
            if name_head.dep_ != "poss":
                return False  # "Cole met Reed as he left": which of the two?
    own = [
        t for t in subject.subtree if t == subject or (t.head == subject and t.dep_ in NAME_PARTS)
    ]
    phrase = " ".join(t.text for t in own)
    return contains_phrase(body, phrase) or (
        bool(answer) and (contains_phrase(answer, subject.text) or contains_phrase(phrase, answer))
    )


PERSON_SUBJECT_ENTS = frozenset({"PERSON"})
GROUP_SUBJECT_ENTS = frozenset({"ORG", "NORP", "GPE"})
THING_SUBJECT_ENTS = frozenset({"ORG", "GPE", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LOC"})


def bound_possessive(span: Span | None, pronoun: str, nth: int, prompt: str, answer: str) -> bool:
    """Whether the `nth` possessive `pronoun` of the sentence is bound by the subject of its
    own clause, and the prompt keeps that subject (or asks for it): in English a possessive
    determiner is read as the nearest subject that agrees with it, "his"/"her" a person,
    "its" a named thing, "their" a plural or a named group. The subject is a name or a
    noun phrase with a name in it, never itself a pronoun or a bare "the …"."""
    token = _nth_pronoun(span, pronoun, nth, prompt)
    if token is None or token.dep_ != "poss":
        return False
    body = prompt_body(prompt)
    verb = token.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
        verb = verb.head
    subject = _effective_subject(verb) if verb.pos_ in {"VERB", "AUX"} else None
    if subject is None:
        return False
    if token.head.dep_ == "attr" and token.head.head == verb and verb.lemma_ in COPULAS:
        # "Aguas de Barcelona is its second biggest shareholder": nothing is its own
        # shareholder, its capital or its rival; "its" is another's.
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
    # A clause hung on the subject is no part of its name: in "Barley, first sown by 4000
    # BCE, made up the bulk of their meals" the subject is barley, not "BCE".
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
COPULAS = frozenset({"be", "become", "remain"})


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


def _descriptions(span: Span | None, prompt: str, answer: str) -> list[Span]:
    """Definite or partitive noun phrases of the sentence that the prompt repeats and that
    need the text to say what they are: "the drought", "the prize", "each side"."""
    if span is None:
        return []
    body = prompt_body(prompt)
    found: list[tuple[Span, str]] = []
    # The phrases a complement says which one they are, by their words: the prompt's "the
    # sentences of the Harlow Five" is that one, not the clause's other "the sentences".
    said_which: Counter = Counter()
    for chunk in _chunks_in(span):
        first = chunk[0].lower_
        if first not in DEICTIC_DETERMINERS and first not in PARTITIVE:
            continue
        if len(chunk) == 1 and chunk.root.tag_ in {"WDT", "WP"}:
            continue  # the relative pronoun of "a rule that would have let …"
        # "This second house", "these two men", "this government": a demonstrative points
        # back whatever number or ordinal it has, and at one government of several.
        pointing = first in DEMONSTRATIVES and len(chunk) > 1
        if any(
            (t.pos_ in {"PROPN", "NUM"} or t.ent_type_)
            and not _in_hyphened(t)
            and not (pointing and _counts(t))
            for t in chunk
        ) and not describes_person(chunk):
            continue
        if any(t.tag_ in {"JJS", "RBS"} or t.lower_ in {"first", "last", "only"} for t in chunk):
            continue  # "the largest city", "the first woman": defined by the phrase itself
        root = chunk.root
        lemma = root.lemma_.lower()
        if lemma in SELF_CONTAINED_NOUNS and not (pointing and lemma not in TIME_NOUNS):
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
            if not written:
                # "This provisional government" written with the words of an earlier "a new
                # government" (`clause._antecedent_phrase`): "the new government" says which
                # no more than "this" did, unless a name among them or a named complement
                # after them does ("the Crimean war", "the brutal war with Norland").
                taken_up = re.search(
                    rf"(?<!\w)the ((?:[\w-]+ ){{1,3}}){re.escape(root.text)}(?!\w)"
                    r"(?!\s+(?:with|of|against|between|over)\s+\S*[A-Z])",
                    body,
                    re.IGNORECASE,
                )
                if taken_up and not any(w[:1].isupper() for w in taken_up.group(1).split()):
                    text = taken_up.group(0)
                    written = taken_up
        if written and not contains_phrase(answer, text):
            found.append((chunk, text))
    return [
        chunk
        for chunk, text in found
        if len(re.findall(rf"(?<!\w){re.escape(text)}(?!\w)", body, re.IGNORECASE))
        > said_which[text.lower()]
    ]


# Prepositions whose phrase, written right after a noun, is read as saying which one it is
# whatever the parse hangs it on ("set aside the sentences on the Carrow Three").
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
    there is none, when there are several different ones ("the Norland team", "the Tessel
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
    one are all in the other), and the fuller name says which; "the Norland team" and "the
    Tessel team" are two teams."""
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
        if chunk.root.dep_ in {"attr", "oprd"}:
            # "On April 4 he became the head coach": a post he took, not a thing named
            # before (the text's "an American basketball coach" is a kind he is).
            return draft
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


def introduced_definite(prompt: str, sentence: str) -> bool:
    """Whether the prompt made "a business that …" into "The business …": a generic or
    hypothetical thing the question now speaks of as if the student knew which."""
    for noun in re.findall(r"\b[Tt]he ([a-z][a-z-]+)\b", prompt_body(prompt)):
        if re.search(rf"\b(a|an) ([a-z-]+ )?{re.escape(noun)}\b", sentence, re.IGNORECASE):
            if not re.search(rf"\bthe ([a-z-]+ )?{re.escape(noun)}\b", sentence, re.IGNORECASE):
                return True
    return False


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
