"""Whether a draft is worth asking and asks one thing, whole: the trivial, vague and truncated
questions readers named, each a rule of English or of quiz writing.

Trivial (not worth a student's time):

- `contact_detail`: a telephone number, a helpline, a web or e-mail address ("call the
  helpline on 0800 111 222", "visit www.example.org"), a web address in the prompt (where
  the text got its data).
- `side_figure_event`: when someone other than the text's actors did something: the
  subject's parents or other kin ("Her parents married in York in 1895"), or, in a text
  about a person, someone it names once in passing; `side_figure_answer`: that someone as
  the answer ("Who fell into poor health?" for a politician a life names in an aside).
- `placing_result`: a figure of a competitor who did not win ("Costa finished fifth in
  2:29:40"), or one number out of a list of results (a sentence giving four numbers or more).
- `parenthetical_answer`: an answer inside a bracketed aside ("the Tower (which is ninety
  feet high)").
- `world_answer`: the world itself ("a crisis on _____": Earth), guessable.
- `span_since`: the span of a record ("its first deficit in _____": 16 years).
- `scholars_view`: which side a scholar takes ("The historian Ann Reed agrees with Kirby").

Vague (other answers fit):

- `year_as_noun`: a cloze blanking a year that is no time adjunct ("The finalists for _____
  include", "The _____ season", "Pasco opened _____ with Dunmore"): other words fill it as well.
- `relative_of_subject`: in a text about a person, a relative as the answer of a question
  that does not say the relation ("Who was a keen singer?" for the mother).
- `same_predicate_elsewhere`: the answer modifies a subject the text says the same thing of
  elsewhere ("Food shortages in _____ were severe" beside "Shortages in Wales were also
  severe").
- `one_example_of_several`: the answer is an example a list opens ("plays including _____",
  "institutions like _____", "geologists such as _____"): the others fit as well.
- `also_dropped`: "also" said of the clause a name is asked from, and dropped ("Corwin
  also was a surveyor in Fenland" asked as "… a surveyor in _____").
- `passive_by_date`: a date blanked after "by" behind a passive verb ("were ennobled by
  _____"), which reads as who did it.
- `when_for_a_seeming`: "When" for how something seemed ("When did the idea seem
  unlikely?"): a state, true at other times too.
- `contest_dropped`: a medal or a placing asked without the contest it was won in ("Who
  won bronze in the 800m?" of "Whitlock won gold at the 1996 Games, while Osei won bronze
  in the 800m"): the prompt keeps none of its sentence's names and dates but the answer.

Truncated or ill-formed:

- `piece_of_a_name`: the answer is part of a longer name ("the play The _____ Garden",
  "received the _____ of the Year Award", "the University of _____"): the name's own
  words before or after it are left outside; a title before a name ("Governor _____") is not
  part of it.
- `dropped_complement`: "begin", "start", "continue", "stop" … without the verb or gerund
  they take ("When did the settlers begin?" for "began petitioning for statehood").
- `framing_participle`: an aspectual participle that frames the clause ("Beginning in
  the 1920s, a new spirit changed …") asked as the clause's own event ("A new spirit began
  in the 1840s"), or after a preposition ("after starting at Leeds": "She started at Leeds").
- `dangling_end`: a prompt ending on a conjunction or an article, or a statement ending on a
  preposition ("… near Leeds and.", "… in _____ as.").
- `cut_coordination`: a clause complement coordinated with another ("proposed that X be
  admitted … and that Y …") cut after the first.
- `tacked_on_wh`: a statement with a wh-phrase hung on its end after a comma ("X was
  founded by merchants, in what year?").
- `doubled_run`: a run of words written twice over ("graduated from graduated from").
- `name_cut_in_prompt`: a name the prompt starts inside ("the Year Award" for "the
  Sportsman of the Year Award").
- `filler_verb`: "occur", "happen" or "take place" the sentence never used ("When did the
  history of the earth occur?").
- `who_for_place`: "Who" asking for a region, a valley, a coast ("Who began wielding
  influence?" for the Ohio Valley).
"""

from __future__ import annotations

import re

from lemminflect import getAllInflections
from spacy.tokens import Doc, Span, Token

from quizgen.nlp.actors import TITLE_WORDS
from quizgen.nlp.generate.clause import token_at
from quizgen.nlp.generate.text import BLANK, normalise
from quizgen.nlp.generate.text import prompt_body as _body
from quizgen.nlp.syntax import SUBJECT_DEPS, subject_of
from quizgen.nlp.types import FACT_ASKING as ASKING
from quizgen.nlp.types import QuestionDraft, QuestionKind

# Trivial --------------------------------------------------------------------------------

CONTACT = re.compile(
    r"\b(?:https?://|www\.)\S+"
    r"|\b[\w.-]+@[\w-]+\.\w+"
    r"|\b[\w-]+\.(?:com|org|net|gov|edu|info|co\.uk|org\.uk|ac\.uk)\b"
    r"|(?<![\w:])(?:\+\d{1,3}[\s-]?)?\(?0?\d{2,4}\)?[\s-]\d{3}[\s-]\d{3,4}\b"
    r"|\b\d{3}-\d{3}-\d{4}\b",
    re.IGNORECASE,
)
PHONE_OR_MAIL = re.compile(
    r"\b[\w.-]+@[\w-]+\.\w+"
    r"|(?<![\w:])(?:\+\d{1,3}[\s-]?)?\(?0?\d{2,4}\)?[\s-]\d{3}[\s-]\d{3,4}\b"
    r"|\b\d{3}-\d{3}-\d{4}\b"
)
WEB_ADDRESS = re.compile(r"(?:\bhttps?://|\bwww\.)\S+", re.IGNORECASE)
HELPLINE = re.compile(r"\b(?:helpline|hotline|help line|freephone)s?\b", re.IGNORECASE)


def contact_detail(draft: QuestionDraft) -> bool:
    """Whether the draft asks for a telephone number, a helpline or a web or e-mail
    address, or states a number or an address to call or write to: where to get help, not
    what the text teaches ("The charity opened a helpline in 2001" is the charity's fact)."""
    answers = [draft.answer_text, *(text for text, _ in draft.options)]
    if any(CONTACT.search(text) or HELPLINE.search(text) for text in answers):
        return True
    if PHONE_OR_MAIL.search(_body(draft.prompt)) or WEB_ADDRESS.search(_body(draft.prompt)):
        return True  # a web address in the prompt is where the text got it ("Data are from …")
    # A statement made false by altering the number no longer reads as one ("0800 555 01234"):
    # the sentence it comes from says whether it gives a number to call.
    return bool(PHONE_OR_MAIL.search(draft.source_sentence.text))


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
        for ent in doc.ents
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
    family = [
        name
        for name in _relatives(doc, own)
        if _mentions(" ".join(_given_names(name)), doc) <= RELATIVE_MENTIONS
    ]
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


def _mentions(word: str, doc: Doc) -> int:
    return len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", doc.text))


# A person named this often is one the text is about.
CENTRAL_MENTIONS = 3


CENTRAL_THINGS = frozenset({"ORG", "WORK_OF_ART", "PRODUCT", "FAC", "EVENT"})


def _central_person(doc: Doc) -> bool:
    """Whether the text is about a person: one named in full and then often by surname."""
    return any(
        ent.label_ == "PERSON"
        and len(ent) >= 2
        and _mentions(ent[-1].text, doc) >= CENTRAL_MENTIONS
        for ent in doc.ents
    )


def _in_passing(person: Token, doc: Doc, subject_names: frozenset[str]) -> bool:
    """Whether the person is named once in the text and is not its subject."""
    if any(person.lower_ in name.lower().split() for name in subject_names):
        return False
    return _mentions(person.text, doc) == 1


ORDINAL_PLACE = re.compile(
    r"\b(?:finish(?:ed|es|ing)?|came|come|placed|ended|end(?:s|ing)?|took)\s+(?:in\s+)?"
    r"(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\b"
    r"|\bin\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))"
    r"\s+place\b",
    re.IGNORECASE,
)
RESULT_LABELS = frozenset({"CARDINAL", "QUANTITY", "TIME", "PERCENT", "MONEY"})
RESULTS_IN_A_LIST = 4


def placing_result(draft: QuestionDraft, span: Span | None) -> bool:
    """Whether a figure question or statement gives the result of a competitor who did not
    win ("Costa finished fifth in 2:29:40"), or one number of a sentence listing four or
    more (a table of results written out)."""
    if span is None or not any(key.startswith("figure:") for key in draft.fact_keys):
        return False
    if ORDINAL_PLACE.search(span.text):
        return True
    return sum(ent.label_ in RESULT_LABELS for ent in span.ents) >= RESULTS_IN_A_LIST


def parenthetical_answer(draft: QuestionDraft, start: int) -> bool:
    """Whether the answer stands inside a bracketed aside of its sentence ("the Old Mill
    Tower (which is ninety feet high)"): a detail the text itself sets apart."""
    if draft.kind not in ASKING:
        return False
    sentence = draft.source_sentence
    before = sentence.text[: max(start - sentence.start, 0)]
    return before.count("(") > before.count(")")


# Answers anyone can give without the text.
WORLD_ANSWERS = frozenset({"earth", "the earth", "world", "the world", "the planet"})


def world_answer(draft: QuestionDraft) -> bool:
    """Whether the answer is the world itself ("a crisis on _____": Earth): guessable."""
    return draft.kind in ASKING and draft.answer_text.strip().lower() in WORLD_ANSWERS


SUPERLATIVE_SPAN = re.compile(
    rf"\b(?:first|last|only|\w+est)\b(?:\s+[\w'-]+){{0,6}}\s+(?:in|for)\s+(?:more than\s+)?{BLANK}"
)
SPAN_OF_TIME = re.compile(r"\b(?:years?|decades?|months?|weeks?|days?|centuries)$", re.IGNORECASE)


def span_since(draft: QuestionDraft) -> bool:
    """Whether the figure asked or altered is how long it had been since the last time ("its
    first trade surplus in _____": 12 years): the idiom marks a record, and its span is
    incidental."""
    sentence = draft.source_sentence
    for key in draft.fact_keys:
        parts = key.split(":")
        if parts[0] != "figure" or len(parts) != 3 or not all(p.isdigit() for p in parts[1:]):
            continue
        start, end = int(parts[1]) - sentence.start, int(parts[2]) - sentence.start
        figure = sentence.text[start:end]
        if not SPAN_OF_TIME.search(figure):
            continue
        marked = sentence.text[:start] + BLANK + sentence.text[end:]
        if SUPERLATIVE_SPAN.search(marked):
            return True
    return False


SCHOLARS = frozenset(
    """historian historians scholar scholars biographer biographers archaeologist
    archaeologists commentator commentators""".split()
)
# Verbs of siding with a view: what a scholar thinks of another's reasoning.
SIDING = frozenset("agree disagree concur dispute accept reject follow support doubt".split())


def scholars_view(draft: QuestionDraft, span: Span | None, start: int) -> bool:
    """Whether the draft tells which side a scholar takes in the scholars' debate ("The
    historian Ann Reed agrees with Pell's reasoning"): a point about the sources, not the
    text's matter."""
    if span is None:
        return False
    for verb in span:
        if verb.lemma_.lower() not in SIDING or verb.pos_ != "VERB":
            continue
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            continue
        words = {t.lower_ for t in subject.subtree}
        if words & SCHOLARS and re.search(rf"\b{re.escape(verb.text)}\b", draft.prompt):
            return True
    return False


# Vague ----------------------------------------------------------------------------------

YEAR_ANSWER = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")
# Words after which a year is a time: "in 1990", "by 1990", "from 1990 to 1995", "the
# summer of 1990", "early 1990".
TIME_WORDS = frozenset(
    """in on by since until till from to during before after between around circa c.
    through throughout of and or early late mid until, ago""".split()
)


def year_as_noun(draft: QuestionDraft) -> bool:
    """Whether a cloze blanks a year the sentence uses as a noun or a modifier, not as a
    time ("The finalists for _____ include …", "the _____ season", "Pasco opened _____ with
    Dunmore"): other words fit the blank as well as the year."""
    if draft.kind != QuestionKind.FILL_BLANK or not YEAR_ANSWER.match(draft.answer_text.strip()):
        return False
    body = _body(draft.prompt)
    at = body.find(BLANK)
    if at < 0:
        return False
    before = body[:at].rstrip()
    if not before:
        return True  # "_____ saw the end of the war"
    if before[-1] in ",–-(":
        return False  # "in May, _____", a range "1990 – _____"
    word = before.split()[-1].lower()
    return word not in TIME_WORDS


def same_predicate_elsewhere(span: Span | None, start: int, doc: Doc | None) -> bool:
    """Whether the answer modifies its clause's subject ("Food shortages in _____ were
    severe") and another sentence says the same of a subject with the same head noun
    ("Shortages in Wales were also severe"): the question has more than one answer."""
    if span is None or doc is None:
        return False
    token = token_at(span, start)
    if token is None:
        return False
    while token.dep_ in {"compound", "flat", "amod", "det"} and token.head.i != token.i:
        token = token.head
    if token.dep_ != "pobj" or token.head.dep_ != "prep":
        return False
    noun = token.head.head
    if noun.dep_ not in SUBJECT_DEPS:
        return False
    key = _predicate(noun.head)
    if key is None:
        return False
    for other in doc:
        if other.i in range(span.start, span.end) or other.lemma_.lower() != noun.lemma_.lower():
            continue
        if other.dep_ in SUBJECT_DEPS and _predicate(other.head) == key:
            return True
    return False


def _predicate(verb: Token) -> str | None:
    """What a clause says of its subject: the verb's lemma, or for "be" its complement's."""
    if verb.lemma_ == "be":
        complements = [c for c in verb.children if c.dep_ in {"acomp", "attr"}]
        return f"be {complements[0].lemma_.lower()}" if complements else None
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    objects = [c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"]
    return " ".join([verb.lemma_.lower(), *objects])


EXAMPLE_OPENERS = re.compile(
    r"\b(?:including|such as|like|among them|e\.g\.,?|for example|for instance)\s+"
    r"(?:_____|(?:what|which|whom|who)\b)",
    re.IGNORECASE,
)


def one_example_of_several(draft: QuestionDraft) -> bool:
    """Whether the blank or the wh-phrase stands for an example a list opens ("wrote
    several plays, including _____", "lectured at institutions like _____"): "including"
    and "such as" name some of many, and any other fits."""
    return draft.kind in ASKING and bool(EXAMPLE_OPENERS.search(_body(draft.prompt)))


ALSO = frozenset({"also", "too"})


def also_dropped(draft: QuestionDraft, span: Span | None, start: int) -> bool:
    """Whether the sentence says "also" of the clause a name is asked from and the prompt
    drops it, where "also" says the same holds of another: of another subject ("The
    ministry will also provide funding" asked as "Which ministry will provide funding?"),
    or of another place or thing a "be" clause names ("Corwin also was a surveyor in
    Fenland" asked as "… a surveyor in _____"). After another verb, "also" adds a deed
    ("She also restored the hall"), and the name asked stays the one answer."""
    if draft.kind not in ASKING or not any(k.startswith("actor:") for k in draft.fact_keys):
        return False
    token = token_at(span, start) if span is not None else None
    if token is None:
        return False
    verb = _clause_verb(token)
    if not any(c.lower_ in ALSO and c.dep_ == "advmod" for c in verb.children):
        return False
    subject = subject_of(verb, through={"conj", "xcomp"})
    if not (verb.lemma_ == "be" or subject is not None and token in subject.subtree):
        return False
    return not re.search(r"\b(?:also|too)\b", _body(draft.prompt).lower())


PASSIVE_BY_BLANK = re.compile(
    rf"\b(?:was|were|is|are|been|be|being)\s+(?:\w+\s+)?\w+(?:ed|en|wn|t)\s+by\s+(?:the\s+)?{BLANK}"
)


def passive_by_date(draft: QuestionDraft) -> bool:
    """Whether a cloze blanks a date after "by" right behind a passive verb ("Her relatives
    were ennobled by _____" for "By 1818, her relatives had been ennobled"): the blank
    reads as who did it, and a name fits it as well as the year."""
    if draft.kind != QuestionKind.FILL_BLANK or not any(
        k.startswith("date:") for k in draft.fact_keys
    ):
        return False
    return bool(PASSIVE_BY_BLANK.search(_body(draft.prompt)))


# "Seem": a state, held over a time no "When" picks out.
SEEMING = re.compile(r"\b(?:seem|seems|seemed)\b(?!\s+to\b)")


def when_for_a_seeming(draft: QuestionDraft) -> bool:
    """Whether "When" asks for the time of how something seemed ("When did the idea seem
    unlikely?", or its cloze "… seemed unlikely in the _____"): it seemed so before and
    after too, so other times fit."""
    body = _body(draft.prompt)
    if draft.kind not in ASKING or not SEEMING.search(body):
        return False
    dated = any(key.startswith("date:") for key in draft.fact_keys)
    return bool(re.match(r"When\b", body)) or draft.kind == QuestionKind.FILL_BLANK and dated


# Truncated ------------------------------------------------------------------------------


def piece_of_a_name(draft: QuestionDraft, span: Span | None, start: int) -> bool:
    """Whether the answer is cut from a longer name in its sentence: the title's own
    capitalised article before it ("the play The _____ Garden"), a capitalised word of the
    name after it ("the _____ of the Year Award", "_____ University") or before it ("the
    University of _____"), where the word is no title of a person ("Governor _____", "Earl
    of _____" name the governor, the earl)."""
    if draft.kind not in ASKING or span is None:
        return False
    first = token_at(span, start)
    answer = draft.answer_text.strip()
    if first is None or not answer:
        return False
    doc = span.doc
    end = start + len(answer)
    if doc.text[start:end] != answer:
        return False
    last = first
    while last.i + 1 < span.end and doc[last.i + 1].idx < end:
        last = doc[last.i + 1]
    return _name_word_before(first, span) or _name_word_after(last, span)


# Words inside a name between two of its capitalised words ("Earl of Fenmoor", "the
# Sportsman of the Year Award"); "and" is left out, as it joins two names as often.
CONNECTORS = frozenset({"of", "the", "for", "to", "de", "du", "von", "van"})


def _capitalised(token: Token, span: Span) -> bool:
    if not token.text[:1].isupper():
        return False
    return token.i != span.start or token.pos_ == "PROPN"


def _name_word_before(first: Token, span: Span) -> bool:
    index = first.i - 1
    if index < span.start:
        return False
    before = span.doc[index]
    if before.lower_ in CONNECTORS and before.lower_ != "the":
        index -= 1
        if index < span.start:
            return False
        before = span.doc[index]
    if not _capitalised(before, span):
        return False
    if before.text in {"The", "A", "An"}:
        return before.i != span.start  # "the play The _____ Garden"
    return before.pos_ == "PROPN" and before.lower_.rstrip(".") not in TITLE_WORDS


def _name_word_after(last: Token, span: Span) -> bool:
    doc = span.doc
    index = last.i + 1
    while index < span.end and doc[index].lower_ in CONNECTORS:
        index += 1
    if index >= span.end:
        return False
    after = doc[index]
    # A capitalised noun after a connector is a word of the title ("The Limits to Growth").
    joined = index > last.i + 1 and after.pos_ == "NOUN"
    if not ((after.pos_ == "PROPN" or joined) and after.text[:1].isupper()):
        return False
    if after.ent_type_ in {"DATE", "TIME"}:
        return False
    if index > last.i + 1:
        return doc[last.i + 1].head.i == last.i  # "Sportsman of the Year", not "X of Leeds"
    if after.ent_iob_ == "I":
        return True  # the entity runs on past the answer
    run_end = index
    while run_end + 1 < span.end and doc[run_end + 1].pos_ == "PROPN":
        run_end += 1
    return last.dep_ in {"compound", "amod", "nummod", "nmod"} and index <= last.head.i <= run_end


ASPECTUAL = frozenset("begin start continue stop keep cease resume finish quit".split())


def dropped_complement(draft: QuestionDraft, span: Span | None) -> bool:
    """Whether the prompt keeps an aspectual verb ("began", "started", "continued") and
    drops the verb or gerund it takes in the sentence ("When did the settlers begin?" for
    "began petitioning for statehood")."""
    if span is None:
        return False
    body = _body(draft.prompt).lower()
    for verb in span:
        if verb.lemma_.lower() not in ASPECTUAL or verb.pos_ not in {"VERB", "AUX"}:
            continue
        complements = [
            c for c in verb.children if c.dep_ in {"xcomp", "dobj"} and c.tag_ in {"VBG", "VB"}
        ]
        for complement in complements:
            verb_forms = {verb.lower_, verb.lemma_.lower()}
            if not any(re.search(rf"\b{re.escape(form)}", body) for form in verb_forms):
                continue
            if not re.search(rf"\b{re.escape(complement.lemma_.lower()[:4])}", body):
                return True
    return False


def framing_participle(draft: QuestionDraft, span: Span | None) -> bool:
    """Whether the prompt makes a statement of an aspectual participle that only frames its
    sentence's clause ("Beginning in the 1920s, a new spirit changed …" asked as "A new
    spirit began in the 1920s"; "attended the school, starting in 1893" as "She started in
    1893"; "knew within weeks after starting at Leeds" as "She started at Leeds"): the
    participle has no subject, object or verb of its own, so what began is the clause it
    hangs on, or goes unsaid, and the prompt leaves it out."""
    if span is None:
        return False
    words = set(re.findall(r"[\w'-]+", _body(draft.prompt).lower()))
    for verb in span:
        lemma = verb.lemma_.lower()
        if lemma not in INCEPTIVE or verb.tag_ != "VBG" or verb.dep_ not in {"advcl", "pcomp"}:
            continue
        if any(c.dep_ in FRAMED_ARGUMENTS for c in verb.children):
            continue
        # The sentence's own finite "began" may be what the prompt asks about.
        if any(t.lemma_.lower() == lemma and t.tag_ != "VBG" for t in span):
            continue
        forms = {
            lemma,
            *(f for forms in getAllInflections(lemma, upos="VERB").values() for f in forms),
        }
        if (forms - {verb.lower_}) & words:
            return True
    return False


# Verbs of beginning: "finishing with 38 points" tells a result of its own.
INCEPTIVE = frozenset({"begin", "start", "commence"})
# What a participle takes when it tells an event of its own ("beginning a survey").
FRAMED_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "xcomp", "ccomp", "attr", "acomp"})


# Words a statement cannot end on: it was cut before what they take ("… in the Wendmark
# as.", "… on a farm near Ashby and.").
DANGLING = frozenset(
    """and or but nor as while because although though when whereas than that which who
    whose the a an of to with from for by in on at into""".split()
)
# Of those, what a question may end on: a preposition left by its wh-word ("Who did she work
# for?", "What was it known as?").
STRANDED_OK = frozenset("as of to with from for by in on at into".split())


def dangling_end(draft: QuestionDraft) -> bool:
    """Whether the prompt ends on a conjunction, an article or, in a statement, a
    preposition: the sentence was cut before its end."""
    body = _body(draft.prompt).rstrip()
    words = re.findall(r"[\w'-]+", body)
    if not words or body[-1:] not in {".", "?"}:
        return False
    last = words[-1].lower()
    if last not in DANGLING:
        return False
    return not (body.endswith("?") and last in STRANDED_OK)


COORDINATED_THAT = re.compile(r"\b(?:and|or|but)\s+that\b", re.IGNORECASE)


def cut_coordination(draft: QuestionDraft, span: Span | None) -> bool:
    """Whether the sentence coordinates two clause complements ("proposed that X be
    admitted as a free state and that Y …") and the prompt keeps the first without the
    second."""
    if span is None or not COORDINATED_THAT.search(span.text):
        return False
    body = _body(draft.prompt)
    return bool(re.search(r"\bthat\b", body)) and not COORDINATED_THAT.search(body)


# A wh-phrase of up to four words after the statement's last comma: ", in what year?".
TACKED_WH = re.compile(
    r",\s+(?:(?:in|on|at|by|from|to|during|for|with)\s+)?"
    r"(?:what|which|whom|who|when|where|how many|how much)\b(?:\s+[\w'-]+){0,3}\?$",
    re.IGNORECASE,
)
WH_OPENING = re.compile(
    r"^(?:(?:in|on|at|by|from|to|during|for|with|after|before|according to [^,]+,)\s+)?"
    r"(?:what|which|whom|who|whose|when|where|why|how)\b",
    re.IGNORECASE,
)


def tacked_on_wh(draft: QuestionDraft) -> bool:
    """Whether the prompt is a statement with its wh-phrase hung on the end after a comma
    ("Hale was promoted to the court, in what year?"): no question a teacher writes. A
    question that opens with its wh-word ("When did …, which …?") is one."""
    body = _body(draft.prompt)
    return draft.kind in ASKING and bool(TACKED_WH.search(body)) and not WH_OPENING.match(body)


DOUBLED_RUN = re.compile(r"\b((?:[\w'-]+\s+){1,3}[\w'-]+)\s+\1\b", re.IGNORECASE)


def doubled_run(draft: QuestionDraft) -> bool:
    """Whether the prompt writes a run of two words or more twice over ("Hale graduated
    from graduated from Leeds"): a slip of the text's copied into the question."""
    return bool(DOUBLED_RUN.search(_body(draft.prompt)))


CAPITALISED_RUN = re.compile(r"(?<![\w'-])([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)+)")


def name_cut_in_prompt(draft: QuestionDraft) -> bool:
    """Whether the prompt starts a name of two words or more inside the name its sentence
    writes: "the Year Award" where the text has "the Sportsman of the Year Award" (a name
    of the shape "X of (the) Y" cut after its "of")."""
    body = _body(draft.prompt)
    sentence = draft.source_sentence.text
    for match in CAPITALISED_RUN.finditer(body):
        phrase = match.group(1)
        longer = re.search(
            rf"\b(?P<word>[A-Z][\w'-]*)\s+(?:of|de|du)\s+(?:the\s+)?{re.escape(phrase)}\b",
            sentence,
        )
        if longer is None or longer.group(0) in body:
            continue
        if draft.answer_text.split()[-1:] == [longer.group("word")]:
            continue  # the word before "of" ends the answer: "won by Ann Lee of Leeds"
        return True
    return False


FILLER = re.compile(r"\b(occur|occurs|occurred|happen|happens|happened|take place|took place)\b")


def filler_verb(draft: QuestionDraft) -> bool:
    """Whether the prompt asks with "occur", "happen" or "take place" where its sentence has
    no such verb ("When did the history of the earth occur?" for "ideas about the history
    of the earth changed"): a verb the text never gave its subject."""
    used = FILLER.search(_body(draft.prompt).lower())
    if used is None:
        return False
    return not re.search(rf"\b{used.group(1).split()[0][:4]}", draft.source_sentence.text.lower())


PLACE_NOUNS = frozenset(
    """region valley coast state province county territory island islands peninsula river
    lake mountains basin plain plains delta north south east west midwest frontier
    highlands lowlands""".split()
)


def who_for_place(draft: QuestionDraft, span: Span | None, start: int) -> bool:
    """Whether "Who" asks for a place ("Who began wielding influence?" for the Ohio Valley):
    a region, a valley or a coast is asked "Which region", "Where"."""
    if draft.kind not in ASKING or not re.match(r"who\b", _body(draft.prompt), re.IGNORECASE):
        return False
    words = draft.answer_text.lower().replace(",", " ").split()
    if words and words[-1] in PLACE_NOUNS:
        return True
    token = token_at(span, start) if span is not None else None
    return token is not None and token.ent_type_ in {"LOC", "FAC"}


MEDAL_OR_PLACING = re.compile(
    r"\b(?:gold|silver|bronze|medals?|medallist|medalist|runner-up|podium)\b"
    r"|\b(?:finish(?:ed)?|came|placed|come|take|took)\s+(?:first|second|third|fourth|fifth)\b",
    re.IGNORECASE,
)
CONTEST_WORDS = re.compile(
    r"\b(?:Olympics?|Olympiad|Games|Championships?|Cup|Trophy|Open|Grand Prix|Tournament|"
    r"Final|League|Series|Rally|Marathon)\b"
)
# Entity labels that say what a competitor won in: the contest, its place, its year.
CONTEST_LABELS = frozenset({"EVENT", "DATE", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART"})


def contest_dropped(draft: QuestionDraft, span: Span | None, start: int) -> bool:
    """Whether a medal or placing is asked without the contest it was won in: the sentence
    names a contest, a place or a date besides the answer and the prompt keeps none of
    them, nor a contest word of its own ("Who won bronze in the 800m?")."""
    if span is None or draft.kind not in ASKING | {QuestionKind.TRUE_FALSE}:
        return False
    body = _body(draft.prompt)
    if not MEDAL_OR_PLACING.search(body) or CONTEST_WORDS.search(body):
        return False
    answer = normalise(draft.answer_text)
    names = [
        ent.text
        for ent in span.ents
        if ent.label_ in CONTEST_LABELS
        and not (ent.start_char <= start < ent.end_char)
        and normalise(ent.text) not in answer
    ]
    if not names:
        return False
    prompt = normalise(body)
    return not any(normalise(name) in prompt for name in names)


# The ranker's features, by the hard rule each one triggers in `select.blocked_reason`.
TRIVIAL_FEATURES = (
    "contact",
    "side_figure",
    "placing",
    "parenthetical",
    "world",
    "span_since",
    "scholars_view",
)
VAGUE_FEATURES = (
    "relative",
    "year_as_noun",
    "same_predicate",
    "example_of_several",
    "also_dropped",
    "passive_by_date",
    "when_seeming",
    "contest_dropped",
)
TRUNCATED_FEATURES = (
    "name_piece",
    "dropped_complement",
    "framing_participle",
    "dangling_end",
    "cut_coordination",
    "tacked_wh",
    "doubled_run",
    "name_cut",
    "filler_verb",
    "who_for_place",
)


def worth_features(
    draft: QuestionDraft,
    span: Span | None,
    start: int,
    doc: Doc | None,
    subject_names: frozenset[str],
) -> dict[str, float]:
    """This module's rules as features of the draft (1.0 where a rule holds)."""
    return {
        "contact": float(contact_detail(draft)),
        "side_figure": float(
            side_figure_event(draft, span, start, subject_names)
            or side_figure_answer(draft, span, start, subject_names)
        ),
        "relative": float(relative_of_subject(draft, doc, subject_names)),
        "placing": float(placing_result(draft, span)),
        "parenthetical": float(parenthetical_answer(draft, start)),
        "world": float(world_answer(draft)),
        "span_since": float(span_since(draft)),
        "scholars_view": float(scholars_view(draft, span, start)),
        "also_dropped": float(also_dropped(draft, span, start)),
        "passive_by_date": float(passive_by_date(draft)),
        "when_seeming": float(when_for_a_seeming(draft)),
        "contest_dropped": float(contest_dropped(draft, span, start)),
        "dangling_end": float(dangling_end(draft)),
        "year_as_noun": float(year_as_noun(draft)),
        "same_predicate": float(
            draft.kind in ASKING and same_predicate_elsewhere(span, start, doc)
        ),
        "name_piece": float(piece_of_a_name(draft, span, start)),
        "dropped_complement": float(dropped_complement(draft, span)),
        "framing_participle": float(framing_participle(draft, span)),
        "cut_coordination": float(cut_coordination(draft, span)),
        "tacked_wh": float(tacked_on_wh(draft)),
        "example_of_several": float(one_example_of_several(draft)),
        "doubled_run": float(doubled_run(draft)),
        "name_cut": float(name_cut_in_prompt(draft)),
        "filler_verb": float(filler_verb(draft)),
        "who_for_place": float(who_for_place(draft, span, start)),
    }
