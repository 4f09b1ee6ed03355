"""Whether a question would have several right answers in the text (`repeated_event`).

The answer is one of a list ("at Harlow, Carrow and Fernhill", or an apposition that goes on
as a list: `_listed_apposition`); the text tells of the same subject doing the same thing more
than once ("returned to Norway" in 1931 and 1936), unless the question keeps what makes this
time its own (`_told_apart`); the same subject does the same kind of thing with another thing
of the answer's kind (`_same_kind_elsewhere`: "taught at Harlow" and "went on to teach at
Carrow"); or someone else does what the question says (`_another_subject_does_it`). The
ranker's `repeated` feature; `features.blocked_reason` refuses it as vague.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from quizgen.nlp.generate.clause import doc_index, sentence_of, token_at
from quizgen.nlp.generate.text import normalise
from quizgen.nlp.syntax import subject_of


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
        return True  # "including the Fennick rising, the Guild revolts and the War of …"
    if _followed_by_another(head) or _same_preposition_again(head):
        return True
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
        """study attend educate enrol enroll enter graduate train teach lecture work join
        serve employ hire""".split()
    ),
    frozenset(
        """travel go move return fly drive sail relocate emigrate immigrate head come journey
        take bring send transfer flee escape""".split()
    ),
)
PLACE_ENTS = frozenset({"ORG", "FAC", "GPE", "LOC"})
# Nouns of an institution one enters, joins or serves, whose own place a question may ask.
INSTITUTION_NOUNS = frozenset(
    """school college university academy seminary conservatory monastery convent abbey
    institute army navy service regiment firm company church court""".split()
)
NUMBER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
SPATIAL = frozenset({"to", "into", "at", "in", "from", "toward", "towards", "onto"})
YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")


def _effective_subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb a subjectless conjunct, infinitive or
    participle hangs on ("He went back to Norland to teach at Carrow": he teaches)."""
    return subject_of(verb, through={"conj", "xcomp", "advcl"})


def _deed_subject(verb: Token) -> Token | None:
    """Who does what a verb tells, as `_effective_subject`, and for a subjectless gerund
    after "before"/"after" the subject of the verb it hangs on ("She attended Carrow School
    before entering Harlow College": she enters)."""
    own = _effective_subject(verb)
    if own is None and verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep":
        return _effective_subject(verb.head.head)
    return own


# Participles that go on to the next of a sequence: "educated at Carrow School, followed by
# the University of Harlow".
SEQUENCE_VERBS = frozenset({"follow", "precede"})


def _followed_by_another(answer: Token) -> bool:
    """Whether the answer is one of a sequence the sentence goes on with ("educated at Carrow
    School, followed by the University of Harlow and the Fenwick Academy"): "Which school was
    she educated at?" has the others for answers too."""
    kind = _kind(answer)
    if not kind:
        return False
    goes_on = [c for c in answer.children if c.dep_ == "acl"]
    if answer.dep_ == "pobj" and answer.head.dep_ == "prep":
        # The parser often hangs the participle on the verb: "educated at X, followed by Y".
        goes_on += [c for c in answer.head.head.children if c.dep_ == "advcl" and c.i > answer.i]
    for child in goes_on:
        if child.lemma_ not in SEQUENCE_VERBS:
            continue
        for by in child.children:
            if by.dep_ in {"agent", "prep"} and by.lower_ == "by":
                if any(g.dep_ == "pobj" and _kind(g) == kind for g in by.children):
                    return True
    return False


def _same_preposition_again(answer: Token) -> bool:
    """Whether the answer's verb takes the same preposition again with another thing of the
    answer's kind, joined by "and", "later" or "then" ("raised in Tessel and later in
    Carrow", "raised in Tessel, and then in Carrow"): "Where was she raised?" has two
    answers. A date or a figure of the same preposition ("born in Tessel in 1990") is of
    another kind, and a place right after the answer ("born in Groningen, in the
    Netherlands") says where the answer lies."""
    if answer.dep_ != "pobj" or answer.head.dep_ not in {"prep", "conj"}:
        return False
    preposition = answer.head
    kind = _kind(answer)
    if kind not in {"place", "thing"}:
        return False
    others = [c for c in preposition.head.children if c.dep_ in {"prep", "conj"}]
    others += [c for c in preposition.children if c.dep_ == "conj"]
    for other in others:
        if other == preposition or other.lower_ != preposition.lower_:
            continue
        between = answer.doc[min(answer.i, other.i) + 1 : max(answer.i, other.i)]
        if not any(t.dep_ in {"cc", "advmod"} for t in between):
            continue  # "born in Groningen, in the Netherlands": where the first place lies
        for pobj in other.children:
            if pobj.dep_ == "pobj" and pobj != answer and _kind(pobj) == kind:
                return True
    return False


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
            subject = _deed_subject(verb)
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
    # "Where did he enter the Jesuit college?" asks where the institution it names lies:
    # another verb's place ("later taught in Carrow") answers nothing of it. ("Which
    # university did he take classes at?" asks for the institution itself, and does.)
    of_object = relation != "dobj" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in INSTITUTION_NOUNS for c in verb.children
    )
    for other, other_subject, arguments in _verb_index(doc):
        if other == verb or not _same_subject(subject, other_subject):
            continue
        same_lemma = other.lemma_ == verb.lemma_
        if not same_lemma and (of_object or not any(other.lemma_ in c for c in classes)):
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
            if f" {phrase} " in f" {normalise(prompt)} ":
                continue  # the question names the other ("… before entering Harlow College?")
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


def _listed_apposition(token: Token) -> bool:
    """An apposition that goes on as a list of other things, each with its determiner or a
    name ("X, the Guild revolts of 1814 and the War of …"): X is one item of the list.
    Not one thing's several roles ("X, the founder and chairman")."""
    if token.dep_ != "appos":
        return False
    return any(
        child.dep_ == "conj"
        and (child.pos_ == "PROPN" or any(g.dep_ in {"det", "poss"} for g in child.children))
        for child in token.children
    )
