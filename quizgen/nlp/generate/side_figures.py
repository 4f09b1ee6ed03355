"""The people a question is about: the text's own, their kin, and those it names in passing.

A text about a person or a few actors is about them; a question on someone else is trivial
or vague:

- `side_figure_event`: when someone other than the text's actors did something: the
  subject's parents or other kin ("Her parents married in York in 1895"), or, in a text
  about a person, someone it names once in passing; `side_figure_answer`: that someone as
  the answer ("Who fell into poor health?" for a politician a life names in an aside).
- `relative_of_subject`: in a text about a person, a relative as the answer of a question
  that does not say the relation ("Who was a keen singer?" for the mother).
- `kin_event`: in a text about a person, the date of a relative's own event, however often
  the text names them in passing: a sister's birth, an infant daughter's death, a child
  born to the subject's wife, the husband's retirement ("Her sister Eve was born in 1903",
  "Their daughter Ann died in 1933", "Cortese gave birth to their son on …").
- `baptism_beside_birth`: the date of the subject's baptism where the text also dates the
  birth ("born on 3 May 1901 and baptised on 5 May"): the birth is the fact to ask.

Read by `worth.worth_features` (the `side_figure`, `kin_event`, `baptism` and `relative`
features).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from quizgen.nlp.generate.clause import token_at
from quizgen.nlp.generate.text import normalise
from quizgen.nlp.generate.text import prompt_body as _body
from quizgen.nlp.parsed import doc_ents, doc_text
from quizgen.nlp.syntax import subject_of
from quizgen.nlp.types import FACT_ASKING as ASKING
from quizgen.nlp.types import QuestionDraft, QuestionKind

KIN = frozenset(
    """parent parents mother father grandparent grandparents grandmother grandfather
    grandson granddaughter uncle aunt cousin nephew niece stepfather stepmother
    father-in-law mother-in-law""".split()
)
# The facts whose subject decides whether the event is the text's: when and where.
DATED = ("date:",)


def _clause_verb(token: Token) -> Token:
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    return verb


def side_figure_event(
    draft: QuestionDraft, span: Span | None, start: int, subject_names: frozenset[str]
) -> bool:
    """Whether a date question or statement tells of an event of someone the text is not
    about: kin of its subject ("Her parents married in York in 1895", "Hale's grandfather
    died in 1850"), or, in a text about a person, someone it names only here ("Marsh
    visited the town in 1920" in a life of someone else that names Marsh once)."""
    if draft.kind not in ASKING | {QuestionKind.TRUE_FALSE}:
        return False
    if not any(key.startswith(DATED) for key in draft.fact_keys):
        return False
    token = token_at(span, start) if span is not None else None
    if token is None:
        return False
    verb = _clause_verb(token)
    subject = subject_of(verb, through={"conj", "xcomp"})
    if subject is None or token in subject.subtree:
        return False
    if subject.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
        subject = verb.head  # "… was Rory Tamblin, who went 3-for-4 on May 2": Tamblin
    if subject.lower_ in KIN:
        return True
    doc = span.doc
    # The subject is a person ("Paul Brandt", "the critic Paul Brandt"), not a body some
    # people belong to ("a panel of judges including …").
    names = _person_heads([subject, *(c for c in subject.children if c.dep_ == "appos")])
    if not names or not all(_in_passing(t, doc, subject_names) for t in names):
        return False
    if not _central_person(doc):
        return False  # a text about no one person has no side figures
    return not _shared_event(verb, subject, doc, subject_names)


def side_figure_answer(
    draft: QuestionDraft, span: Span | None, start: int, subject_names: frozenset[str]
) -> bool:
    """Whether, in a text about a person, the answer is someone it names once in passing
    and the question asks what that someone did or was ("Who fell ill that winter?" for a
    politician the life mentions in one aside): a side figure, asked by name."""
    names = [key[len("actor:") :] for key in draft.fact_keys if key.startswith("actor:")]
    if draft.kind not in ASKING | {QuestionKind.TRUE_FALSE} or len(names) != 1:
        return False
    token = token_at(span, start) if span is not None else None
    if token is None:
        return False
    doc = span.doc
    heads = _person_heads(list(doc[token.i : token.i + len(names[0].split())]))
    if len(heads) != 1 or heads[0].dep_ not in {"nsubj", "nsubjpass"}:
        return False
    person = heads[0]
    if person.tag_ != "NNP" or not _in_passing(person, doc, subject_names):
        return False  # "Many wealthy Velmish": a people, not someone
    if not _titled_person(doc, subject_names):
        return False  # a match report names each player once, and each is its matter
    return not _shared_event(person.head, person, doc, subject_names)


def _titled_person(doc: Doc, subject_names: frozenset[str]) -> bool:
    """Whether the text is the life of the person its title names (a biography)."""
    return any(
        ent.label_ == "PERSON"
        and len(ent) >= 2
        and normalise(ent[-1].text) in subject_names
        and _mentions(ent[-1].text, doc) >= CENTRAL_MENTIONS
        for ent in doc_ents(doc)
    )


def _shared_event(verb: Token, subject: Token, doc: Doc, subject_names: frozenset[str]) -> bool:
    """Whether the clause is also the event of someone or something the text is about."""
    # The event is someone else's too when it names another person the text names again
    # ("Governor Lowe promoted Hale": Hale's promotion), or a body or a work the text is
    # about ("Mara Lind founded the Lifeline charity" in a text on the charity).
    for name in verb.subtree:
        if name in subject.subtree or name.pos_ != "PROPN" or name.dep_ in {"compound", "flat"}:
            continue
        if name.ent_type_ in {"PERSON", ""} and not _in_passing(name, doc, subject_names):
            return True
        if name.ent_type_ in CENTRAL_THINGS and _mentions(name.text, doc) >= CENTRAL_MENTIONS:
            return True
    return False


# The subject's family, for `relative_of_subject`: KIN and the subject's siblings and
# children (a spouse is the life's own story, and is left out).
RELATIVES = KIN | frozenset(
    """brother brothers sister sisters sibling siblings half-brother half-sister stepbrother
    stepsister son sons daughter daughters child children godfather godmother godparent
    godparents grandparents""".split()
)
# Nouns of the subject's own relation to someone ("the second of three children of X", "a
# son of X"): X is a parent.
CHILD_NOUNS = frozenset({"child", "children", "son", "sons", "daughter", "daughters"})
POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their"})
SUBJECT_PRONOUNS = frozenset({"he", "she"})
# A relative named more often than this is one of the text's actors (a father whose
# rivalry the life tells), not its family background.
RELATIVE_MENTIONS = 3


def relative_of_subject(
    draft: QuestionDraft, doc: Doc | None, subject_names: frozenset[str]
) -> bool:
    """Whether, in a text about a person, the answer is one of the person's relatives and the
    question does not say so ("Who was a keen singer?" for the mother the text named at the
    birth): anyone of the text fits what it asks. Said with the relation ("Moss's sister,
    _____, played …", "He had an older brother _____") the question is fair, and a relative
    the text names often is one of its actors."""
    if draft.kind not in ASKING or doc is None or not subject_names:
        return False
    own = {word for name in subject_names for word in name.split()}
    if not own or not _central_person(doc):
        return False
    family = _family(doc, subject_names, own)
    if not family or not _names_relative(draft.answer_text, family, own):
        return False
    return not RELATIVE_NOUN.search(_body(draft.prompt).lower())


def _names_relative(text: str, family: list[str], own: set[str]) -> bool:
    """Whether a name ("Eve", "Eve Moss") is one of the subject's relatives: a given name of
    one, with nothing but the family's names besides it ("Robert Aldous" is not "Robert")."""
    words = set(normalise(text).split())
    if not words:
        return False
    surnames = own | {normalise(name).split()[-1] for name in family if len(name.split()) > 1}
    for name in family:
        given = {normalise(word) for word in _given_names(name) if word[:1].isupper()} - own
        if words & given and words <= set(normalise(name).split()) | surnames:
            return True
    return False


RELATIVE_NOUN = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, RELATIVES), key=len, reverse=True)) + r")\b"
)


def _given_names(name: str) -> list[str]:
    """The words that tell a relative apart from the rest of the family: all but the
    surname ("Ottokar Otto" of "Ottokar (Otto) Brandl"), or the one name given."""
    words = [w.strip("()") for w in name.split() if w.strip("()")]
    return words[:-1] if len(words) > 1 else words


def _relatives(doc: Doc, own: set[str]) -> list[str]:
    """The names the text gives the subject's relatives: set beside a relative noun the
    subject owns ("his grandfather, Tom Reed", "Moss's sister, Eve", "he had a brother,
    Tom"), or the parents a sentence about the subject names ("the second of three children
    of Tom and Ann Reed", "born to Tom Reed")."""
    names = []
    for token in doc:
        word = token.lower_
        if token.pos_ == "NOUN" and word in RELATIVES and _owned_by_subject(token, own):
            names += [
                _name_of(c) for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"
            ]
        parents = None
        if token.pos_ == "NOUN" and word in CHILD_NOUNS:
            parents = next(
                (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None
            )
        elif token.lemma_ == "bear" and token.tag_ == "VBN":
            parents = next(
                (c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), None
            )
        if parents is None or not _about_subject(token.sent, own):
            continue
        if any(a.dep_ in {"dobj", "dative"} for a in token.ancestors):
            continue  # "married Ann Reed, daughter of Tom Reed": the wife's parent
        for parent in (g for g in parents.children if g.dep_ == "pobj"):
            for member in [parent, *parent.conjuncts]:
                if member.pos_ == "PROPN":
                    names.append(_name_of(member))
                elif member.pos_ == "NOUN":  # "Tom Reed and his wife, Ann"
                    names += [_name_of(c) for c in member.children if c.dep_ == "appos"]
    return [name for name in names if name]


def _name_of(token: Token) -> str:
    """A name as written, from its head word: the capitalised words before it ("Tom Reed",
    "Ottokar (Otto) Brandl")."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper():
        return ""
    words = [
        t.text
        for t in token.lefts
        if t.dep_ in {"compound", "nmod", "flat"} and t.pos_ == "PROPN" and t.text[:1].isupper()
    ]
    return " ".join([*words, token.text])


def _owned_by_subject(noun: Token, own: set[str]) -> bool:
    """Whether a relative noun is the subject's: "his sister", "Moss's sister", "Tom and Ann
    Moss's son", or the object of "had" with the subject as its subject ("he had a sister")."""
    index = noun.i - 1
    sentence_start = noun.sent.start
    while index >= sentence_start:
        word = noun.doc[index]
        if (
            word.lower_ in POSSESSIVE_PRONOUNS
            or word.pos_ == "PROPN"
            and normalise(word.text) in own
        ):
            return True
        if not (word.pos_ in {"PROPN", "ADJ", "DET", "CCONJ", "PART"} or word.tag_ == "POS"):
            break
        index -= 1
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_ == "have":
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subject is not None and (
            subject.lower_ in SUBJECT_PRONOUNS or normalise(subject.text) in own
        )
    return False


def _about_subject(sentence: Span, own: set[str]) -> bool:
    """Whether the sentence's main subject is the text's subject (by name or "he"/"she")."""
    subject = next((c for c in sentence.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject is not None and (
        normalise(subject.text) in own or subject.lower_ in SUBJECT_PRONOUNS
    )


def _person_heads(tokens) -> list[Token]:
    """The last word of each person's name among `tokens` ("Paul Brandt": Brandt)."""
    return [
        t
        for t in tokens
        if t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and t.dep_ not in {"compound", "flat"}
    ]


# What this module reads of one doc again and again (every draft of a text asks whether
# its text is about a person, who the person's relatives are and how often a name is
# written), kept with the doc: see `parsed.py`.
_MEMO_KEY = ("quizgen", "side_figures")


class _DocMemo:
    __slots__ = ("central", "families", "mentions")

    def __init__(self) -> None:
        self.central: bool | None = None
        self.families: dict[frozenset[str], list[str]] = {}
        self.mentions: dict[str, int] = {}


def _memo(doc: Doc) -> _DocMemo:
    memo = doc.user_data.get(_MEMO_KEY)
    if memo is None:
        memo = doc.user_data[_MEMO_KEY] = _DocMemo()
    return memo


def _family(doc: Doc, subject_names: frozenset[str], own: set[str]) -> list[str]:
    """The subject's relatives the text names no more than RELATIVE_MENTIONS times."""
    families = _memo(doc).families
    family = families.get(subject_names)
    if family is None:
        family = families[subject_names] = [
            name
            for name in _relatives(doc, own)
            if _mentions(" ".join(_given_names(name)), doc) <= RELATIVE_MENTIONS
        ]
    return family


def _mentions(word: str, doc: Doc) -> int:
    """How often the text writes `word` as a word of its own."""
    mentions = _memo(doc).mentions
    count = mentions.get(word)
    if count is None:
        count = mentions[word] = len(
            re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", doc_text(doc))
        )
    return count


# A person named this often is one the text is about.
CENTRAL_MENTIONS = 3


CENTRAL_THINGS = frozenset({"ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT"})


def _central_person(doc: Doc) -> bool:
    """Whether the text is about a person: one named in full and then often by surname."""
    memo = _memo(doc)
    if memo.central is None:
        memo.central = _named_often(doc)
    return memo.central


def _named_often(doc: Doc) -> bool:
    return any(
        ent.label_ == "PERSON"
        and len(ent) >= 2
        and _mentions(ent[-1].text, doc) >= CENTRAL_MENTIONS
        for ent in doc_ents(doc)
    )


def _in_passing(person: Token, doc: Doc, subject_names: frozenset[str]) -> bool:
    """Whether the person is named once in the text and is not its subject."""
    if any(person.lower_ in name.lower().split() for name in subject_names):
        return False
    return _mentions(person.text, doc) == 1


# The subject's spouse, for `kin_event`: the other side of a marriage, not its own story.
SPOUSES = frozenset("wife husband spouse widow widower".split())
# A relative the text names more often than this is one of its actors (RELATIVE_MENTIONS).
KIN_EVENT_NOUNS = RELATIVES | SPOUSES
MARRYING = frozenset({"marry", "wed"})


def kin_event(
    draft: QuestionDraft, span: Span | None, start: int, subject_names: frozenset[str]
) -> bool:
    """Whether, in a text about a person, a date question or statement tells of a relative's
    own event: the clause's subject is the subject's relative ("Her sister Eve was born in
    1903", "Eve, her younger sister, died in 1980", "Moss's daughter Ann died in 1933"), one
    the text names as such and no more than RELATIVE_MENTIONS times ("Eve died in 1980",
    "Hale gave up painting in 1935" of the husband), or a child is born to someone ("Cortese
    gave birth to their second son"). A relative's dates are the family's background, not
    the life; the subject's own part in the event ("Her father took her to Paris in 1910",
    "Moss and her sister moved to Leeds") keeps it the subject's."""
    if draft.kind not in ASKING | {QuestionKind.TRUE_FALSE}:
        return False
    if not any(key.startswith(DATED) for key in draft.fact_keys):
        return False
    token = token_at(span, start) if span is not None else None
    return token is not None and kin_event_at(token, subject_names)


def kin_event_at(token: Token, subject_names: frozenset[str]) -> bool:
    """`kin_event` for the date at `token` (a timeline's or a date matching's event too)."""
    doc = token.doc
    own = {word for name in subject_names for word in name.split()} or _most_named(doc)
    if not own or not _central_person(doc):
        return False
    verb = _clause_verb(token)
    subject = subject_of(verb, through={"conj", "xcomp"})
    if subject is None or token in subject.subtree:
        return False
    if subject.tag_ in {"WP", "WDT"} and verb.dep_ == "relcl":
        subject = verb.head  # "… married Ann Reed, who died in 1993": Ann Reed
    named = [subject, *(c for c in subject.children if c.dep_ == "appos")]
    if any(normalise(word.text) in own for word in named):
        return False  # "Lucius Domitius Ahenobarbus, Nero, was born …": the subject
    if _takes_part(verb, subject, own):
        return False
    if _gives_birth_to_child(verb) or _marries_relative(verb, own):
        return True
    if _is_relative(subject, own):
        return True
    name = _name_of(subject)
    if not name:
        return False
    if any(
        _names_relative(name, [member], own)
        and _mentions(" ".join(_given_names(member)), doc) <= RELATIVE_MENTIONS
        for member in _relatives(doc, own)
    ):
        return True
    # The spouse is named by surname ("Hale"), theirs and not the family's.
    words = set(normalise(name).split())
    return any(
        words <= set(normalise(spouse).split())
        and _mentions(spouse.split()[-1], doc) <= RELATIVE_MENTIONS
        for spouse in _spouses(doc, own)
    )


def _most_named(doc: Doc) -> set[str]:
    """The words of the name of the person the text names most often (by surname), for a
    text whose title names no one: at least CENTRAL_MENTIONS times."""
    counts = {
        ent: _mentions(ent[-1].text, doc)
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) >= 2
    }
    if not counts:
        return set()
    best = max(counts, key=lambda ent: (counts[ent], -ent.start))
    if counts[best] < CENTRAL_MENTIONS:
        return set()
    return {normalise(t.text) for t in best if t.pos_ == "PROPN"}


def _is_relative(subject: Token, own: set[str]) -> bool:
    """A subject that is one of the subject's relatives by noun: "her sister (Eve)", "Eve,
    her younger sister", "Moss's daughter"."""
    # An "apposition" with a conjunct of its own is a list the parse took for one
    # ("Caligula, his wife Caesonia and their daughter were murdered"): not a relative named.
    nouns = [subject, *(c for c in subject.children if c.dep_ == "appos" and not c.conjuncts)]
    return any(
        noun.pos_ == "NOUN"
        and noun.lower_ in KIN_EVENT_NOUNS
        and (_owned_by_subject(noun, own) or _owned_by_their(noun))
        for noun in nouns
    )


def _owned_by_their(noun: Token) -> bool:
    """ "Their son": the couple's child, where the life has told the marriage."""
    return any(c.dep_ == "poss" and c.lower_ == "their" for c in noun.children)


def _marries_relative(verb: Token, own: set[str]) -> bool:
    """ "Claudius married, in 49, Nero's mother Agrippina": a parent's marriage."""
    if verb.lemma_ not in MARRYING:
        return False
    partners = [c for c in verb.children if c.dep_ == "dobj"]
    partners += [
        g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    return any(
        noun.lower_ in KIN and _owned_by_subject(noun, own)
        for partner in partners
        for noun in [partner, *(c for c in partner.children if c.dep_ in {"appos", "compound"})]
    )


def _gives_birth_to_child(verb: Token) -> bool:
    """ "X gave birth to their son": the child's birth."""
    if verb.lemma_ != "give" or not any(
        c.dep_ == "dobj" and c.lower_ == "birth" for c in verb.children
    ):
        return False
    return any(
        g.lower_ in CHILD_NOUNS or g.ent_type_ == "PERSON"
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "to"
        for g in c.children
        if g.dep_ == "pobj"
    )


def _takes_part(verb: Token, subject: Token, own: set[str]) -> bool:
    """Whether the subject of the text is named in the clause besides its subject, or stands
    beside it as a conjunct ("Moss and her sister", "took her to Paris")."""
    for word in verb.subtree:
        if word in subject.subtree and word.dep_ != "conj":
            continue
        if word.lower_ in {"he", "she", "him", "her"} and word.dep_ != "poss":
            return True
        if word.pos_ == "PROPN" and normalise(word.text) in own:
            # Not the family name a relative carries ("their son, Tom Moss").
            if not any(
                a in subject.subtree or a.lower_ in KIN_EVENT_NOUNS for a in [word, *word.ancestors]
            ):
                return True
    return any(normalise(c.text) in own or c.lower_ in SUBJECT_PRONOUNS for c in subject.conjuncts)


def _spouses(doc: Doc, own: set[str]) -> list[str]:
    """The names the subject married ("Moss married Carl Hale in 1928")."""
    names = []
    for verb in doc:
        if verb.lemma_ not in MARRYING or verb.pos_ != "VERB":
            continue
        subject = subject_of(verb, through={"conj"})
        if subject is None or not (
            normalise(subject.text) in own or subject.lower_ in SUBJECT_PRONOUNS
        ):
            continue
        names += [_name_of(c) for c in verb.children if c.dep_ == "dobj" and c.pos_ == "PROPN"]
    return [name for name in names if name]


BAPTISM_VERBS = frozenset({"baptise", "baptize", "christen"})
BAPTISM_NOUNS = frozenset({"baptism", "christening"})


def baptism_beside_birth(draft: QuestionDraft, span: Span | None, start: int) -> bool:
    """Whether a date question or statement asks when the subject was baptised (christened)
    in a text that also dates the birth: a day or two after it, and a detail of the record
    beside the fact worth asking ("born on 3 May 1901 and baptised on 5 May")."""
    if draft.kind not in ASKING | {QuestionKind.TRUE_FALSE}:
        return False
    if not any(key.startswith(DATED) for key in draft.fact_keys):
        return False
    token = token_at(span, start) if span is not None else None
    return token is not None and baptism_at(token)


def baptism_at(token: Token) -> bool:
    """`baptism_beside_birth` for the date at `token`."""
    node = token
    baptism = False
    while node.head.i != node.i:
        node = node.head
        if node.lemma_.lower() in BAPTISM_VERBS or node.lower_ in BAPTISM_NOUNS:
            baptism = True
            break
        if node.pos_ in {"VERB", "AUX"} and node.dep_ != "conj":
            break
    if not baptism:
        return False
    return any(
        word.lower_ == "born" and any(ent.label_ == "DATE" for ent in word.sent.ents)
        for word in token.doc
        if word.lower_ == "born"
    )
