"""Self-contained prompts: what a prompt's words point back to in the text.

A question is read alone, so a word that leans on the sentence before it is either replaced by
what it refers to, where exactly one thing can be meant, or the question is not recommended:

- A description named by the text itself: "Brightwave has become the second largest mobile
  network. The network's profits rose" (a predication), "Kestrel Labs, a small software firm,
  … The firm hired" (an apposition), "Chancellor Ana Ruiz … The chancellor opened" (a title
  before a name): "the network's profits" → "Brightwave's profits". One referent only, and no
  other thing of its kind named in between (`bound_referent`).
- An epithet for the one person (or couple) the previous two sentences name: "Tom and Ann
  Hale host a show. The TV couple's new book …" → "Tom and Ann Hale's new book".
- "It", "Its", "They", "Their" opening a sentence right after one whose main clause has a
  named thing of that number as its subject and nothing else "it" could be
  (`clause.previous_named_subject`): "Its profit …" → "Brightwave's profit …".
- The setting a paragraph carries: "Germany introduced ration cards in 1939. Rationing grew
  tight by 1941." → "In Germany, rationing grew tight by 1941." (`carried_setting`): where the
  previous sentence names one place as its subject or its opening "In <place>,", and this
  sentence, which has a date, names no place and has a bare common noun as its subject.
- The time a sentence opens with, put back before a question that left it out and says no
  time of its own (`add_opening_time`): "In the late 1820s, Velmark led …, and Norland
  continued to rely on Velmark" → "In the late 1820s, which country continued to
  rely on Velmark …?" (not a time told from another, "The following year").
- The place a sentence opens with, a name alone before a comma and the subject, put back the
  same way (`add_opening_place`): "In Tessel, Ana Ruiz attended Hill School" → "In Tessel,
  which school did Ana Ruiz attend?" (not "In her home town", which says more than where).

Not recommended (`leans_on_text`): a setting carried by several places; "its own moratorium"
(another one was named before); "A massacre followed in 1836" (followed what?); a date
answer such as "the same quarter of 2020"; a sentence that lost its name ("Promising sprinter
clocked 9.9 seconds": a singular count noun with no determiner as the subject); a quantifier
standing for a set named before ("All were arrested", "Both won"); an existential sentence
with nothing of where, when or of what ("There were 21 fatalities."); an office kept with
nothing saying whose ("Who took office as president in 1960?", "was named captain", "the
first chancellor"; not "captain of the Harlow Rovers", "Labour elected Hale leader"); a verb
done "there" or "from there", the place the sentence before gave ("There she met …" asked as
"Who did Ana Ruiz meet?"); a clause cut from the contrast it is set against ("Unlike his
brothers", "In contrast to …") or a negated clause from its concession ("Although invited,
Hale did not attend …"); a reason, factor or cause of something the prompt does not say
("One factor was …", "The main reason was …"). A relative clause says
which one a "the …" phrase is only while the prompt keeps it as the noun's modifier
(`complement_kept`): "The athletes, who withdrew from the Olympics, were suspended" asked as
"The athletes withdrew from the _____" says no longer which athletes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from lemminflect import getAllLemmas
from spacy.tokens import Doc, Span, Token

from quizgen.nlp.generate.clause import (
    FORMAL_TITLES,
    OPENING_PRONOUNS,
    previous_named_subject,
    sentence_index,
    sentences_of,
)
from quizgen.nlp.generate.text import FULL_MONTH_PATTERN, contains_phrase, normalise, prompt_body
from quizgen.nlp.generate.wh import is_city, is_country
from quizgen.nlp.parsed import doc_ents, doc_text, span_ents
from quizgen.nlp.syntax import SUBJECT_DEPS, subject_of
from quizgen.nlp.types import QuestionDraft, QuestionKind

# Nouns a text uses for a person it has named ("the singer", "the striker"), and for two.
PERSON_EPITHETS = frozenset(
    """singer actor actress striker goalkeeper player minister politician author writer
    novelist poet artist painter composer musician director star presenter host dancer
    athlete sprinter runner champion coach manager scientist explorer inventor general
    leader chancellor premier president senator mayor governor lawmaker officer""".split()
)
# Of those, offices: "the governor" after a named judge is as often another person (the one
# who appointed her) as the judge, so an office is resolved only by what the text binds to it
# ("Governor Ana Ruiz ... the governor", "Ruiz became the governor").
OFFICE_EPITHETS = frozenset(
    """minister politician chancellor premier president senator mayor governor lawmaker
    officer leader general coach manager director host presenter""".split()
)
PAIR_NOUNS = frozenset({"couple", "pair", "duo"})
# Object pronouns for a person: in the epithet's own clause they are the person named before
# ("the manager dropped him"), so the epithet is someone else.
PERSON_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "himself", "herself"})
# Nouns for places: a rival of their kind is a place; of any other noun, a named body or thing.
PLACE_NOUNS = frozenset(
    "country nation state city town capital village region province island kingdom republic".split()
)
# The place nouns resolved to the one place named just before, if the bank knows it as such.
PLACE_KINDS = {"country": is_country, "nation": is_country, "city": is_city}
PERSON_LABELS = frozenset({"PERSON"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
THING_LABELS = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART", "EVENT", "NORP"})
VALUE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
COPULAS = frozenset({"be", "become", "remain"})
# Words that say a noun is a new one, not the one named before: "a network", "another firm".
NEW_DETERMINERS = frozenset({"a", "an", "another", "other", "one", "some", "each", "every"})
NAME_MAX_WORDS = 6
EPITHET_WINDOW = 2  # sentences before the description's own

# Person nouns a bare subject shows a lost name by ("Promising sprinter clocked …").
PERSON_NOUNS = (
    PERSON_EPITHETS
    | FORMAL_TITLES
    | frozenset(
        """man woman boy girl child baby son daughter mother father wife husband brother sister
        teenager student pupil teacher doctor nurse soldier victim suspect driver pilot
        farmer worker resident tourist fan spokesman spokeswoman spokesperson""".split()
    )
)
# Mass nouns that end as an agent noun does ("butter" is no one who butts).
NOT_AGENTS = frozenset(
    """water butter rubber paper power labor labour humor humour behavior behaviour color
    colour honor honour vigor favor flavor odor rigor terror horror error order matter weather
    leather silver copper timber fiber fibre cancer fever danger anger hunger laughter
    slaughter murder thunder lumber manner member number winter summer""".split()
)


# What the text binds to a describing noun ------------------------------------------------


@dataclass(frozen=True)
class Binding:
    """A noun the text gives a name: "Brightwave has become … network", "X, a firm,"."""

    at: int  # the token index after which the binding is made (the later of name and noun)
    noun: str  # the describing noun's lemma
    name: str  # the name as a question writes it
    words: frozenset[str]  # the name's words, lower case (to tell mentions of it apart)
    label: str  # the name's entity type ("" when the tagger gave none)


_BINDINGS_KEY = ("quizgen", "bindings")


def bindings(doc: Doc) -> list[Binding]:
    """Every noun the text binds to a name, in order (computed once per doc)."""
    found = doc.user_data.get(_BINDINGS_KEY)
    if found is None:
        found = sorted(_find_bindings(doc), key=lambda b: b.at)
        doc.user_data[_BINDINGS_KEY] = found
    return found


def _find_bindings(doc: Doc) -> list[Binding]:
    found = []
    for token in doc:
        if token.dep_ == "attr" and token.pos_ == "NOUN" and token.head.lemma_ in COPULAS:
            subject = subject_of(token.head)
            binding = subject is not None and _binding(subject, token, token.i)
            if binding:
                found.append(binding)
        elif token.dep_ == "appos" and token.pos_ == "NOUN" and token.head.i < token.i:
            binding = _binding(token.head, token, token.i)  # "Kestrel Labs, a small firm,"
            if binding:
                found.append(binding)
        elif token.dep_ == "appos" and token.head.pos_ == "NOUN" and token.head.i < token.i:
            binding = _binding(token, token.head, token.i)  # "the striker Tom Hale"
            if binding:
                found.append(binding)
        elif (
            token.dep_ == "compound"
            and token.head.pos_ == "PROPN"
            and token.head.ent_type_ in {"PERSON", ""}
        ):
            # A title or a descriptor before a name: "Chancellor Ana Ruiz", "striker Tom Hale".
            if token.lower_ in FORMAL_TITLES or token.lower_ in PERSON_EPITHETS:
                binding = _binding(token.head, token, token.head.i)
                if binding:
                    found.append(binding)
    return found


def _binding(name_token: Token, noun: Token, at: int) -> Binding | None:
    if noun.tag_ not in {"NN", "NNP"}:
        return None  # a plural describes several
    if any(c.dep_ == "det" and c.lower_ in NEW_DETERMINERS - {"a", "an"} for c in noun.children):
        return None  # "X is another network": a second one
    name = name_of(name_token)
    if name is None:
        return None
    text, label = name
    lemma = noun.lower_ if noun.pos_ == "PROPN" else noun.lemma_.lower()
    title = noun.dep_ == "compound" and noun.lower_ in FORMAL_TITLES and noun.text[:1].isupper()
    if title and not text.lower().startswith(noun.lower_):
        text = f"{noun.text} {text}"  # "Chancellor Ana Ruiz": the title the text gives her
    return Binding(at=at, noun=lemma, name=text, words=_naming_words(text), label=label)


def name_of(token: Token) -> tuple[str, str] | None:
    """The name `token` heads, as a question writes it, with its entity type: the entity
    that holds it, or its run of proper nouns ("the BBC"); None for anything else."""
    doc = token.doc
    if token.ent_type_ and token.ent_iob_ in {"B", "I"}:
        start = token.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        tokens = list(doc[start:end])
        label = token.ent_type_
    elif token.pos_ == "PROPN":
        tokens = sorted(
            [
                token,
                *(
                    c
                    for c in token.children
                    if c.dep_ in {"compound", "flat"} and c.pos_ == "PROPN"
                ),
            ],
            key=lambda t: t.i,
        )
        if tokens[-1].i - tokens[0].i + 1 != len(tokens):
            return None
        label = ""
    else:
        return None
    if label in {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}:
        return None
    while tokens and tokens[-1].tag_ == "POS":
        tokens = tokens[:-1]  # "Brightwave's"
    if tokens and tokens[0].lower_ == "the":
        tokens = tokens[1:]
    if not tokens or len(tokens) > NAME_MAX_WORDS:
        return None
    if any(t.is_punct and t.text not in {".", "&", "-"} for t in tokens):
        return None
    if any(t.pos_ == "PRON" for t in tokens):
        return None
    text = "".join(t.text + t.whitespace_ for t in tokens).strip()
    before = doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if before is not None and before.lower_ == "the" and before.dep_ == "det":
        text = "the " + text  # "the BBC"
    return text, label


def _naming_words(text: str) -> frozenset[str]:
    return frozenset(w for w in normalise(text).split() if w not in {"the", "and", "of"})


def _same_referent(first: frozenset[str], second: frozenset[str]) -> bool:
    """ "Ana Ruiz" and "Chancellor Ana Ruiz", "Ruiz": one naming the other's words."""
    return bool(first) and bool(second) and (first <= second or second <= first)


def _rival_labels(noun: str, label: str) -> frozenset[str]:
    if noun in PLACE_NOUNS:
        return PLACE_LABELS
    if noun in PERSON_NOUNS or label == "PERSON":
        return PERSON_LABELS
    return THING_LABELS | ({label} if label else frozenset())


def _rival_between(doc: Doc, start: int, end: int, referent: frozenset[str], noun: str, labels):
    """Whether another thing of the kind is named between token `start` and `end`, or the
    describing noun is used there of a new one ("a network", "another firm")."""
    for ent in doc_ents(doc):
        if ent.end <= start or ent.start >= end or ent.label_ in VALUE_LABELS:
            continue
        # Another of the kind, or another thing the text makes a subject ("Telenor cut its
        # prices": a rival network, whatever the tagger took it for).
        subject = ent.root.dep_ in SUBJECT_DEPS and (
            (ent.label_ == "PERSON") == (labels == PERSON_LABELS)
        )
        if (ent.label_ in labels or subject) and not _same_referent(
            _naming_words(ent.text), referent
        ):
            return True
    for token in doc[start:end]:
        if (
            token.pos_ == "PROPN"
            and not token.ent_type_
            and token.dep_ in SUBJECT_DEPS
            and not _same_referent(frozenset({token.lower_}), referent)
        ):
            return True  # a name the tagger gave no type, the subject of its clause
        if token.pos_ != "NOUN" or token.lemma_.lower() != noun:
            continue
        if any(
            (c.dep_ == "det" and c.lower_ in NEW_DETERMINERS) or c.dep_ in {"poss", "nummod"}
            for c in token.children
        ):
            return True
    return False


def bound_referent(chunk: Span, answer: str) -> str | None:
    """What a "the …" phrase of the prompt's sentence stands for, written in its place:
    "the firm" → "Kestrel Labs", "the network's profits" → "Brightwave's profits", "the TV
    couple's new book" → "Tom and Ann Hale's new book"; None unless exactly one thing can be
    meant (see the module docstring) and it does not give the answer away."""
    determiner = chunk[0]
    if determiner.lower_ not in {"the", "this", "that"}:
        return None
    noun = determiner.head
    if noun.pos_ != "NOUN" or noun.tag_ != "NN" or not (chunk.start <= noun.i < chunk.end):
        return None
    possessed = noun != chunk.root
    if possessed and not (noun.dep_ == "poss" and noun.head == chunk.root):
        return None
    name = _described(noun)
    if name is None or (answer and contains_phrase(name, answer)):
        return None
    if not possessed:
        return name
    marker = next((c for c in noun.children if c.tag_ == "POS"), None)
    if marker is None:
        return None
    rest = chunk.doc[marker.i + 1 : chunk.end]
    owner = name + ("'" if name.endswith("s") else "'s")
    return f"{owner} {rest.text}".strip()


def complement_kept(complement: Token, body: str) -> bool:
    """Whether the prompt keeps the complement that says which one a "the …" phrase is:
    "The research team, under Professor Ana Ruiz, set out …" asked as "The research team set
    out …" says no longer which team. Its nouns, names and numbers are looked for (a verb
    may change its tense). A clause ("who withdrew from X", "held at X") says which one
    only while it still modifies the noun: "The athletes, who withdrew from the Olympics,
    were suspended" asked as "The athletes withdrew from the _____" has made the clause
    the statement, and says no longer which athletes."""
    if complement.dep_ in {"relcl", "acl"} and not _still_modifies(complement, body):
        return False
    words = {w.lower() for w in re.findall(r"\w+", body)}
    essential = []
    for token in complement.subtree:
        if token.i > complement.i and token.text in {",", "(", ";", "—", "–"}:
            break  # "of Sam Pike, the team's coach": an aside after the comma
        essential.append(token)
    wanted = [t.lower_ for t in essential if t.pos_ in {"NOUN", "PROPN", "NUM", "ADJ"}]
    return all(word in words for word in wanted if word.isalnum())


def _still_modifies(clause: Token, body: str) -> bool:
    """Whether the prompt keeps the noun and the clause's first word together ("athletes
    who", "event held"), as the text has them (commas aside)."""
    noun = clause.head
    if clause.left_edge.i <= noun.i:
        return True
    words = [t.text for t in clause.doc[noun.i : clause.left_edge.i + 1] if not t.is_punct]
    return contains_phrase(body, " ".join(words))


def describes_person(chunk: Span) -> bool:
    """ "the TV couple", "the England striker": a name that only modifies an epithet for a
    person says what kind of person, not who."""
    determiner = chunk[0]
    noun = determiner.head
    if determiner.lower_ != "the" or noun.pos_ != "NOUN" or not (chunk.start <= noun.i < chunk.end):
        return False
    if noun.lemma_.lower() not in PERSON_EPITHETS | PAIR_NOUNS:
        return False
    return all(
        t.head == noun and t.dep_ in {"compound", "amod", "nmod"}
        for t in chunk
        if (t.pos_ == "PROPN" or t.ent_type_) and t.i < noun.i
    ) and not any((t.pos_ == "PROPN" or t.ent_type_) and t.i > noun.i for t in chunk)


def _described(noun: Token) -> str | None:
    """The name a describing noun ("the network", "the chancellor", "the couple") stands
    for: by what the text binds to the noun, else, for an epithet, the one person (or pair)
    of the sentences just before."""
    doc = noun.doc
    lemma = noun.lemma_.lower()
    earlier = [b for b in bindings(doc) if b.noun == lemma and b.at < noun.i]
    if earlier:
        referents: list[Binding] = []
        for binding in earlier:
            if not any(_same_referent(binding.words, other.words) for other in referents):
                referents.append(binding)
        if len(referents) != 1:
            return None
        last = max(b.at for b in earlier)
        fullest = max(earlier, key=lambda b: len(b.words))
        labels = _rival_labels(lemma, fullest.label)
        if _rival_between(doc, last + 1, noun.i, fullest.words, lemma, labels):
            return None
        return fullest.name
    if lemma in PLACE_KINDS:
        return _one_place(noun, PLACE_KINDS[lemma])
    if lemma in PAIR_NOUNS:
        return _one_pair(noun)
    if lemma in PERSON_EPITHETS - OFFICE_EPITHETS:
        return _one_person(noun)
    return None


def _window(noun: Token) -> tuple[int, list[Span]]:
    doc = noun.doc
    _, sentences = sentences_of(doc)
    index = sentence_index(doc, noun.i)
    return sentences[max(index - EPITHET_WINDOW, 0)].start, sentences


def _people_before(noun: Token) -> list[Span]:
    start, _ = _window(noun)
    return [
        ent for ent in doc_ents(noun.doc) if ent.label_ == "PERSON" and start <= ent.start < noun.i
    ]


def _one_person(noun: Token) -> str | None:
    """The one person named in the two sentences before (and this one), named there as a
    subject: "Tom Hale joined Leeds in 1999. The striker scored 40 goals" → Tom Hale."""
    people = _people_before(noun)
    referents: list[frozenset[str]] = []
    for person in people:
        words = _naming_words(person.text)
        if not any(_same_referent(words, other) for other in referents):
            referents.append(words)
    if len(referents) != 1 or any(" and " in p.text for p in people):
        return None
    if any(t.tag_ in {"NNS", "NNPS"} for t in noun.doc[noun.i : noun.i + 1]):
        return None
    if not any(_topic(p) for p in people):
        return None  # named only in passing: the epithet may be someone else's
    verb = noun.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head is not verb:
        verb = verb.head
    if any(
        t.lower_ in PERSON_OBJECT_PRONOUNS and t.dep_ not in {"poss"} and t.i != noun.i
        for t in verb.subtree
        if t.i > noun.i
    ):
        return None  # "the author praised her": the person named before is her, not the author
    name = name_of(max(people, key=lambda p: len(p)).root)
    return name[0] if name else None


def _one_place(noun: Token, known) -> str | None:
    """The one place the sentences before name, when it is one of its kind the bank knows:
    "Germany introduced ration cards. The country …" → Germany ("Germany invaded Poland.
    The country …": which?)."""
    start, _ = _window(noun)
    places = [
        ent
        for ent in doc_ents(noun.doc)
        if ent.label_ in PLACE_LABELS and start <= ent.start < noun.i
    ]
    if len({normalise(p.text) for p in places}) != 1 or not known(places[0].text):
        return None
    if not any(_topic(p) or p[0].i > 0 and p.doc[p[0].i - 1].lower_ == "in" for p in places):
        return None
    name = name_of(places[-1].root)
    return name[0] if name else None


def _one_pair(noun: Token) -> str | None:
    """The one pair of people the sentences before name together as a subject: "Tom and
    Ann Hale host a show. The couple …" → "Tom and Ann Hale"."""
    people = _people_before(noun)
    doc = noun.doc
    if len(people) == 1 and " and " in people[0].text:
        pair = people[0]
    elif len(people) == 2 and doc[people[0].end : people[1].start].text.strip() == "and":
        pair = doc[people[0].start : people[1].end]
    elif (
        len(people) == 1
        and people[0].start >= 2
        and doc[people[0].start - 1].lower_ == "and"
        and doc[people[0].start - 2].pos_ == "PROPN"
        and doc[people[0].start - 2].ent_type_ in {"", "PERSON"}
    ):
        # "Tom and Ann Hale": the first name left out of the entity by the tagger
        first = doc[people[0].start - 2]
        if first.i > 0 and doc[first.i - 1].pos_ == "PROPN":
            return None
        pair = doc[first.i : people[0].end]
    else:
        return None
    if not _topic(pair):
        return None
    return pair.text


def _topic(name: Span) -> bool:
    """Named as a subject, or opening its sentence: what the sentence is about."""
    return name[0].is_sent_start or any(t.dep_ in SUBJECT_DEPS for t in name)


# A prompt's opening pronoun ----------------------------------------------------------------


def resolve_opening(draft: QuestionDraft, span: Span | None) -> QuestionDraft:
    """ "Its profit for the year was $5m" → "Brightwave's profit …" where the sentence opens
    with a pronoun `clause.previous_named_subject` resolves; the draft as it was otherwise."""
    if span is None or not len(span):
        return draft
    first = next((t for t in span if not t.is_space), None)
    if first is None or first.lower_ not in OPENING_PRONOUNS:
        return draft
    word = first.lower_
    if sum(t.lower_ == word for t in span) != 1:
        return draft
    prompt = draft.prompt
    body = prompt_body(prompt)
    offset = len(prompt) - len(body)
    found = list(re.finditer(rf"\b{word}\b", body, re.IGNORECASE))
    if len(found) != 1:
        return draft
    name = previous_named_subject(first)
    if name is None or (draft.answer_text and contains_phrase(name, draft.answer_text)):
        return draft
    if word in {"its", "their"}:
        name += "'" if name.endswith("s") else "'s"
    match = found[0]
    if match.start() == 0:
        name = name[:1].upper() + name[1:]
    start, end = offset + match.start(), offset + match.end()
    return _with_prompt(draft, prompt[:start] + name + prompt[end:])


def _with_prompt(draft: QuestionDraft, prompt: str) -> QuestionDraft:
    return replace(draft, prompt=prompt, question_text=prompt if draft.question_text else "")


# The setting a paragraph carries ---------------------------------------------------------

PLACE_ENTS = frozenset({"GPE", "LOC"})


def _subject(sentence: Span) -> Token | None:
    return subject_of(sentence.root)


def _bare_common_subject(sentence: Span) -> bool:
    """The subject is a common noun with no determiner and no name in it ("Rationing",
    "Food prices")."""
    subject = _subject(sentence)
    if subject is None or subject.pos_ != "NOUN" or subject.ent_type_:
        return False
    for token in subject.subtree:
        if token == subject:
            continue
        if token.dep_ in {"det", "poss", "nummod", "predet"} or token.pos_ in {"PROPN", "PRON"}:
            return False
        if token.ent_type_:
            return False
    return True


def _places(sentence: Span) -> list[Span]:
    return [ent for ent in span_ents(sentence) if ent.label_ in PLACE_ENTS]


def _setting_of(sentence: Span) -> list[Span] | None:
    """The places a sentence sets the scene with: its subject is a place, or it opens with
    "In <place>,"; None when it sets no scene."""
    places = _places(sentence)
    if not places:
        return None
    subject = _subject(sentence)
    if subject is not None and any(p.root == subject for p in places):
        return places
    words = [t for t in sentence if not t.is_space]
    if words and words[0].lower_ == "in":
        opening = next((p for p in places if p.start in {words[0].i + 1, words[0].i + 2}), None)
        if opening is not None and opening.end < len(sentence.doc):
            if sentence.doc[opening.end].text == ",":
                return places
    return None


def carried_setting(span: Span | None) -> tuple[str | None, bool]:
    """The place the paragraph sets this sentence in, and whether it sets it in several
    ("Germany and Italy introduced …"): (place, False), (None, True) or (None, False)."""
    if span is None or not _dated(span) or not _bare_common_subject(span):
        return None, False
    if _places(span) or any(ent.label_ == "NORP" for ent in span_ents(span)):
        return None, False
    doc = span.doc
    _, sentences = sentences_of(doc)
    index = sentence_index(doc, span.start)
    text = doc_text(doc)
    current = span
    while index > 0:
        previous = sentences[index - 1]
        if "\n" in text[previous.end_char : current.start_char]:
            return None, False
        setting = _setting_of(previous)
        if setting is not None:
            distinct = {normalise(p.text) for p in setting}
            if len(distinct) != 1:
                return None, True
            place = setting[0]
            written = place.text
            if place.start > 0 and doc[place.start - 1].lower_ == "the":
                written = "the " + written
            if written.lower().startswith("the "):
                written = "the " + written[4:]
            return written, False
        if _places(previous) or not _bare_common_subject(previous):
            return None, False
        current, index = previous, index - 1
    return None, False


def _dated(span: Span) -> bool:
    return any(ent.label_ == "DATE" for ent in span_ents(span))


def add_setting(draft: QuestionDraft, place: str) -> QuestionDraft:
    """ "Rationing grew tight by 1941." → "In Germany, rationing grew tight by 1941."."""
    if draft.kind in {QuestionKind.ORDERING, QuestionKind.MATCHING}:
        return draft
    if contains_phrase(draft.prompt, place) or contains_phrase(draft.answer_text, place):
        return draft
    prompt = draft.prompt
    body = prompt_body(prompt)
    if not body or body[:1] == "_":
        return draft
    head = prompt[: len(prompt) - len(body)]
    first = body.split()[0]
    if not first.isupper() or len(first) == 1:
        body = body[:1].lower() + body[1:]
    return _with_prompt(draft, f"{head}In {place}, {body}")


# The time a sentence opens with -----------------------------------------------------------

TIME_ENTS = frozenset({"DATE", "TIME"})
FRAME_MAX_WORDS = 10
# A prompt that already says when: a year, a decade, a century, a month.
SAYS_WHEN = re.compile(
    r"\b(1[0-9]{3}|20[0-9]{2}|[0-9]+0s|centur(y|ies)|decades?|BCE|BC|AD|"
    + FULL_MONTH_PATTERN
    + r")\b"
)
# Words that tell a time from another the text gave ("the following year", "that spring").
RELATIVE_TIME_WORDS = frozenset(
    "same following previous preceding next last later earlier this that then".split()
)
# Conjunctions of a clause that tells a time ("When the war ended, …"; not "while", "as",
# which also oppose or give a reason).
TIME_MARKS = frozenset({"when", "after", "before", "since", "until", "till", "once"})


def opening_time(span: Span | None) -> str | None:
    """ "In the late 1820s and early 1830s, Velmark boasted …, and Norland
    continued to rely on Velmark": the time phrase the sentence opens with, before a
    comma, which holds for every clause of the sentence; None when there is none, or when it
    leans on the text itself ("In his first season", "When the scheme came to light")."""
    if span is None or not len(span):
        return None
    first = next((t for t in span if not t.is_space), None)
    root = span.root
    if first is None or first.i == root.i:
        return None
    frame = next(
        (
            c
            for c in root.children
            if c.left_edge.i == first.i and c.dep_ in {"prep", "npadvmod", "advcl"}
        ),
        None,
    )
    if frame is None:
        return None
    if frame.dep_ == "advcl" and not any(
        c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in frame.children
    ):
        return None  # "Although Christmas was a feast, …": not a time
    end = frame.right_edge.i + 1
    if end >= span.end or span.doc[end].text != ",":
        return None
    tokens = list(span.doc[first.i : end])
    if len(tokens) > FRAME_MAX_WORDS or not any(t.ent_type_ in TIME_ENTS for t in tokens):
        return None
    if any(t.lower_ in RELATIVE_TIME_WORDS for t in tokens):
        return None  # "The following year": told from another date of the text
    for token in tokens:
        if token.pos_ == "PRON" or token.tag_ in {"PRP", "PRP$", "WP", "WDT"}:
            return None
        if token.lower_ in {"the", "this", "that", "these", "those"} and not (
            token.head.ent_type_ or token.head.pos_ == "PROPN"
        ):
            return None  # "When the scheme came to light": which scheme?
    return span.doc[first.i : end].text


# Prepositions of a place a sentence opens with ("In Tessel, Norland, …", "Across the
# valley, …"): the scene of every clause after it.
SCENE_PREPOSITIONS = frozenset({"in", "throughout", "across", "within"})


def opening_place(span: Span | None) -> str | None:
    """ "In Tessel, Norland, Ana Ruiz attended Hill Grammar School": the place the sentence
    opens with, before a comma, a name and nothing else ("In Tessel, Norland"); None when
    there is none, or when it says more than where ("In his home town", "In the
    north of Tessel")."""
    if span is None or not len(span):
        return None
    first = next((t for t in span if not t.is_space), None)
    root = span.root
    if first is None or first.i == root.i or first.lower_ not in SCENE_PREPOSITIONS:
        return None
    frame = next((c for c in root.children if c.left_edge.i == first.i and c.dep_ == "prep"), None)
    if frame is None or frame.i != first.i:
        return None
    end = frame.right_edge.i + 1
    if end >= span.end or span.doc[end].text != ",":
        return None
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.left_edge.i != end + 1:
        return None  # something stands between the place and the clause ("…, Norland,")
    inner = [t for t in span.doc[first.i + 1 : end] if not t.is_punct]
    if not inner or len(inner) > FRAME_MAX_WORDS - 2:
        return None
    words = inner[1:] if inner[0].lower_ == "the" else inner
    if not words or not all(t.ent_type_ in PLACE_ENTS | {"FAC"} for t in words):
        return None
    return span.doc[first.i : end].text


def add_opening_place(draft: QuestionDraft, span: Span | None) -> QuestionDraft:
    """ "Which school did Ana Ruiz attend?" → "In Tessel, Norland, which school did Ana Ruiz
    attend?": the place the sentence opens with (`opening_place`) written before a prompt
    that left it out, as `add_opening_time` writes a time; not in a true/false item, nor
    where it holds the answer."""
    frame = opening_place(span)
    if frame is None or draft.kind in {
        QuestionKind.ORDERING,
        QuestionKind.MATCHING,
        QuestionKind.TRUE_FALSE,
    }:
        return draft
    body = prompt_body(draft.prompt)
    if not body or body[:1] == "_" or re.match(r"(In|Throughout|Across|Within)\b", body):
        return draft
    if contains_phrase(body, frame) or contains_phrase(frame, draft.answer_text):
        return draft
    return _framed(draft, span, frame)


def add_opening_time(draft: QuestionDraft, span: Span | None) -> QuestionDraft:
    """ "Which country continued to rely on Velmark for woven cloth?" → "In the late
    1820s and early 1830s, which country continued …": the sentence's opening time written
    before a prompt that left it out and says no time of its own (never the answer's). Not
    in a true/false item: its statement, dated, would tell the answer of the date question
    on the same fact."""
    if draft.kind in {QuestionKind.ORDERING, QuestionKind.MATCHING, QuestionKind.TRUE_FALSE}:
        return draft
    frame = opening_time(span)
    if frame is None:
        return draft
    prompt = draft.prompt
    body = prompt_body(prompt)
    if not body or body[:1] == "_" or SAYS_WHEN.search(body):
        return draft
    if contains_phrase(body, frame) or contains_phrase(frame, draft.answer_text):
        return draft
    if any(ent.label_ in TIME_ENTS and contains_phrase(body, ent.text) for ent in span_ents(span)):
        return draft
    return _framed(draft, span, frame)


def _framed(draft: QuestionDraft, span: Span, frame: str) -> QuestionDraft:
    """The draft's prompt with `frame` and a comma written before its body."""
    prompt = draft.prompt
    body = prompt_body(prompt)
    head = prompt[: len(prompt) - len(body)]
    first = re.match(r"[\w.-]*", body).group()
    named = first.isupper() and len(first) > 1  # "HTV's"
    if not named and not any(
        t.text == first and (t.pos_ == "PROPN" or not t.is_sent_start) for t in span
    ):
        body = body[:1].lower() + body[1:]  # "Which country", "The town"; not "Ashworth"
    return _with_prompt(draft, f"{head}{frame}, {body}")


# What leans on the text with no remedy -----------------------------------------------------

OWN = re.compile(r"\b(its|their|his|her)\s+own\s+(?:[a-z-]+\s+){0,2}?([a-z-]+)\b", re.IGNORECASE)
# A date answer that points back: "the same quarter of 2020", "the following year".
ANAPHORIC_ANSWER = re.compile(r"\b(same|following|previous|preceding|next)\b", re.IGNORECASE)
FOLLOW_VERBS = frozenset({"follow", "ensue"})


def leans_on_text(draft: QuestionDraft, span: Span | None) -> bool:
    """Whether the prompt needs the text in a way no replacement mends (module docstring)."""
    if span is None:
        return False
    body = prompt_body(draft.prompt)
    if draft.kind in {
        QuestionKind.SHORT_ANSWER,
        QuestionKind.MULTIPLE_CHOICE,
        QuestionKind.FILL_BLANK,
        QuestionKind.NUMERIC,
    } and ANAPHORIC_ANSWER.search(draft.answer_text):
        return True
    if headless_subject(span):
        return True
    if _elided_noun(body, draft.answer_text, span):
        return True
    if _own_points_back(body, span):
        return True
    if _follows_nothing(body, span):
        return True
    if _quantifier_alone(body, draft.answer_text, span):
        return True
    if _bare_existential(span):
        return True
    unquoted = QUOTED.sub(" ", body)
    if _office_without_whose(unquoted, draft.answer_text, span):
        return True
    if _there_dropped(unquoted, span) or _contrast_dropped(unquoted, span):
        return True
    if _relational_alone(unquoted, draft.answer_text, span):
        return True
    if _part_without_whole(unquoted, draft.answer_text, span):
        return True
    if _comment_on_nothing(unquoted, span) or _replaced_in_nothing(unquoted, span):
        return True
    if _bound_one(unquoted, span):
        return True
    _, unclear = carried_setting(span)
    if unclear:
        places = _places_named_before(span)
        return not any(contains_phrase(draft.prompt, place) for place in places)
    return False


QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# Offices English names bare, with no article, after "as", "became", "was elected": "took
# office as president" (of which country?), "was appointed chairman" (of what?).
OFFICES = frozenset(
    """president vice-president chairman chairwoman chairperson chair captain premier
    governor mayor chancellor director manager coach ceo treasurer secretary leader editor
    dean principal commissioner speaker minister executive king queen emperor empress""".split()
)
# Verbs whose complement is the office taken or held ("became captain", "was named coach").
OFFICE_VERBS = frozenset(
    """be become remain elect re-elect appoint name make crown choose select install vote
    promote""".split()
)
# Of those, the verbs whose subject holds the office ("Ruiz became mayor"), not gives it.
HOLDING_VERBS = frozenset({"be", "become", "remain"})
GIVING_VERBS = OFFICE_VERBS - HOLDING_VERBS
# Prepositions that say whose office it is ("president of Ghana", "director at Kestrel").
OFFICE_OWNERS = frozenset({"of", "for", "at", "with"})
ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth last final".split()
)
# Entities that can own an office: a country, a body, a people ("the Labour leader").
OWNER_ENTS = frozenset({"GPE", "ORG", "NORP", "FAC", "LOC"})


def _office_without_whose(body: str, answer: str, span: Span) -> bool:
    """ "Who took office as president in 1961?": an office the prompt keeps with nothing
    saying whose it is, neither its own complement ("president of Ghana", "Ghana's
    president", "the Labour leader") nor a country or body of the sentence that the prompt
    or its answer names ("Labour elected Hale leader"). Bare ("as president", "became
    captain") or "the first …" ("became the first chancellor"); a plain "the chancellor" is
    a description (`descriptions._descriptions`)."""
    owners = [
        ent
        for ent in span.ents
        if ent.label_ in OWNER_ENTS
        and (contains_phrase(body, ent.text) or contains_phrase(answer, ent.text))
    ]
    if owners:
        return False
    return _bare_office(body, answer, span) is not None


def _bare_office(body: str, answer: str, span: Span) -> Token | None:
    """The office of `_office_without_whose`, before what the prompt names is weighed."""
    for token in span:
        if token.lemma_.lower() not in OFFICES or token.pos_ != "NOUN" or token.tag_ != "NN":
            continue
        if not _office_complement(token):
            continue
        if not contains_phrase(body, token.text) or contains_phrase(answer, token.text):
            continue
        determiners = [c for c in token.children if c.dep_ in {"det", "poss", "predet"}]
        if any(c.dep_ != "det" or c.lower_ != "the" for c in determiners):
            continue  # "his successor", "a director": not the office itself
        if determiners and not any(c.lower_ in ORDINAL_WORDS for c in token.children):
            continue  # "became the chancellor": a description, read there
        if any(
            c.dep_ in {"compound", "amod", "nmod"}
            and (c.pos_ == "PROPN" or c.ent_type_ in OWNER_ENTS)
            and c.ent_type_ != "PERSON"
            for c in token.children
        ):
            continue  # "Labour leader", "BBC director"
        if any(c.dep_ == "prep" and c.lower_ in OFFICE_OWNERS for c in token.children):
            continue
        if re.search(rf"\b{re.escape(token.text)} of\b", body):
            continue  # the owner `add_office_owner` wrote in
        verb = token.head.head if token.head.lower_ == "as" else token.head
        giver = subject_of(verb) if verb.lemma_.lower() in GIVING_VERBS else None
        if (
            giver is not None
            and giver.dep_ == "nsubj"
            and giver.pos_ == "PROPN"
            and giver.ent_type_ != "PERSON"
            and (contains_phrase(body, giver.text) or contains_phrase(answer, giver.text))
        ):
            continue  # "Tessel elected Ana Ruiz as mayor": a name the tagger gave no type
        return token
    return None


def _office_complement(token: Token) -> bool:
    """Whether `token` names the office a verb gives or holds: after "as" ("served as
    president") or as the complement of "become", "elect", "appoint" … ("was named coach",
    "elected Hale chairman")."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "as":
        return True
    if token.dep_ in {"attr", "oprd", "xcomp", "dobj", "npadvmod"}:
        return head.lemma_.lower() in OFFICE_VERBS
    return False


# Whose an office is: a state's ("president of Ghana") or a body's ("captain of the Harlow
# Rovers"); "president", "chancellor" and "leader" may be either.
STATE_OFFICES = frozenset(
    """president vice-president chancellor premier governor mayor minister king queen
    emperor empress""".split()
)
BODY_OFFICES = OFFICES - (STATE_OFFICES - {"president", "vice-president", "chancellor"})
# Words before an office that are part of its name ("prime minister", "head coach").
OFFICE_TITLE_WORDS = frozenset({"prime", "chief", "vice", "head", "deputy"})
# Verbs whose object is the body a person's office is of ("joined the Harlow Rovers").
JOINING_VERBS = frozenset({"join", "found", "co-found", "form", "establish", "lead", "rejoin"})


def office_owner(span: Span | None, office: Token) -> str | None:
    """The one country or body the office is of, as the text gives it in the sentence or the
    one before in its paragraph: the subject of a clause ("Ghana won its independence …")
    or the object of "joined", "founded", "led"; a country for a state's office ("mayor"), a
    body for a body's ("captain"). None when there are two candidates or none."""
    if span is None:
        return None
    doc = span.doc
    _, sentences = sentences_of(doc)
    index = sentence_index(doc, span.start)
    scope = [span]
    if index > 0:
        previous = sentences[index - 1]
        if "\n" not in doc_text(doc)[previous.end_char : span.start_char]:
            scope.insert(0, previous)
    labels = set()
    lemma = office.lemma_.lower()
    if lemma in STATE_OFFICES:
        labels.add("GPE")
    if lemma in BODY_OFFICES:
        labels.add("ORG")
    found: dict[str, str] = {}
    for sentence in scope:
        for ent in sentence.ents:
            if ent.label_ not in labels:
                continue
            root = ent.root
            subject = root.dep_ in SUBJECT_DEPS and root.head.pos_ in {"VERB", "AUX"}
            joined = root.dep_ == "dobj" and root.head.lemma_.lower() in JOINING_VERBS
            if not (subject or joined):
                continue
            written = ent.text
            if ent.start > 0 and doc[ent.start - 1].lower_ == "the":
                written = "the " + written
            found.setdefault(normalise(ent.text), written)
    if len(found) != 1:
        return None
    return next(iter(found.values()))


def add_office_owner(draft: QuestionDraft, span: Span | None) -> QuestionDraft:
    """ "Who took office as president in 1960?" → "Who took office as president of Ghana in
    1960?": the one owner `office_owner` finds written after the office that
    `_office_without_whose` finds bare; unchanged otherwise."""
    if span is None or draft.kind in {QuestionKind.ORDERING, QuestionKind.MATCHING}:
        return draft
    body = QUOTED.sub(" ", prompt_body(draft.prompt))
    office = _bare_office(body, draft.answer_text, span)
    if office is None:
        return draft
    if any(
        c.dep_ in {"compound", "amod", "nmod"}
        and c.lower_ not in OFFICE_TITLE_WORDS | ORDINAL_WORDS
        for c in office.children
    ):
        return draft  # "club president of Norland": the noun says another owner
    owner = office_owner(span, office)
    if owner is None or contains_phrase(draft.answer_text, owner):
        return draft
    matches = list(re.finditer(rf"\b{re.escape(office.text)}\b", draft.prompt))
    if len(matches) != 1:
        return draft
    at = matches[0].end()
    return _with_prompt(draft, f"{draft.prompt[:at]} of {owner}{draft.prompt[at:]}")


# A "there" or "here" of place ("There she studied with …", "From there he sailed"): the place
# the text named before; not the "there" of "there was".
LOCATIVE_PRONOUNS = frozenset({"there", "here"})


def _there_dropped(body: str, span: Span) -> bool:
    """ "In 1972 she moved to London. There she studied with Ana Ruiz." asked as "Who did she
    study with?": the verb the prompt keeps happened at a place only the sentence before
    says."""
    words = {w.lower() for w in re.findall(r"[A-Za-z-]+", body)}
    for token in span:
        if token.lower_ not in LOCATIVE_PRONOUNS or token.dep_ not in {"advmod", "pcomp", "pobj"}:
            continue
        verb = token.head
        if token.dep_ in {"pcomp", "pobj"} and verb.pos_ == "ADP":
            verb = verb.head  # "From there he sailed"
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        if verb.lower_ in words or verb.lemma_.lower() in words:
            return True
    return False


# A contrast a sentence sets its clause against ("Unlike her brothers, Ana did not …"):
# the clause alone loses what it is opposed to.
CONTRAST_PREPOSITIONS = frozenset({"unlike"})
# "In contrast to", "contrary to", "as opposed to": the word that carries the contrast.
CONTRAST_NOUNS = frozenset({"contrast", "contrary", "opposed"})
# Concessions: a negative clause after one ("Although invited, Ana did not attend") states
# what the concession makes news of.
CONCESSIONS = frozenset({"although", "though", "despite", "whereas"})


def _contrast_dropped(body: str, span: Span) -> bool:
    """ "Unlike her brothers, Ana Ruiz did not attend university" asked as "Ana Ruiz did not
    attend university": the prompt keeps the verb and drops the contrast ("unlike", "in
    contrast to", "contrary to", "as opposed to"); or drops the concession ("although",
    "though", "despite", "whereas") of a negated verb ("did not attend the ceremony")."""
    words = {w.lower() for w in re.findall(r"[A-Za-z-]+", body)}
    for token in span:
        lower = token.lower_
        if lower in CONTRAST_PREPOSITIONS and token.dep_ == "prep":
            verb, negated_only = token.head, False
        elif (
            lower in CONTRAST_NOUNS
            and token.i + 1 < len(span.doc)
            and (span.doc[token.i + 1].lower_ in {"to", "with"})
        ):
            verb, negated_only = token.head, False
            while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
                verb = verb.head
        elif lower in CONCESSIONS and token.dep_ in {"mark", "prep"}:
            verb, negated_only = token.head, True
            if token.dep_ == "mark":
                verb = verb.head  # the clause the concession is of
        else:
            continue
        if lower in words or verb.pos_ not in {"VERB", "AUX"}:
            continue
        if negated_only and not any(c.dep_ == "neg" for c in verb.children):
            continue
        if verb.lower_ in words or verb.lemma_.lower() in words:
            return True
    return False


# Nouns that are of something the text gave before: "one factor" (of what?), "the main
# reason" (for what?), "a key benefit".
RELATIONAL_NOUNS = frozenset(
    """reason factor cause consequence result effect outcome advantage disadvantage benefit
    drawback problem aspect explanation motive purpose goal aim solution difference
    similarity""".split()
)
# Prepositions that give such a noun what it is of ("the reason for the war").
RELATIONAL_COMPLEMENTS = frozenset(
    {"of", "for", "behind", "in", "to", "on", "from", "between", "against", "with"}
)


def _relational_alone(body: str, answer: str, span: Span) -> bool:
    """ "One factor was the cost of grain", "The main reason was the drought": a noun that
    is the reason, cause or factor of something, as a subject or complement the prompt keeps,
    with nothing saying of what (no "of", "for", "behind" …, no clause of its own, no owner)."""
    for token in span:
        if token.lemma_.lower() not in RELATIONAL_NOUNS or token.pos_ != "NOUN":
            continue
        if token.dep_ not in SUBJECT_DEPS | {"attr"}:
            continue
        if any(
            c.dep_ in {"poss", "relcl", "acl", "compound"}
            or (
                c.dep_ == "prep"
                and c.lower_ in RELATIONAL_COMPLEMENTS
                and not any(t.ent_type_ in {"DATE", "TIME"} for t in c.subtree)
            )
            for c in token.children
        ):
            continue
        if contains_phrase(body, token.text) and not contains_phrase(answer, token.text):
            return True
    return False


# A part of a match, a season or a contest, told by its order ("the second half", "the
# third round"): of which one, the text said before.
EVENT_PART = re.compile(
    r"\bthe\s+(?:first|second|third|fourth|fifth|final|last|opening|closing)\s+"
    r"(?:half|quarter|period|leg|round|set|innings|stage|lap|inning|frame)\b(?!\s+of\b)",
    re.IGNORECASE,
)
SIDE_ENTS = frozenset({"GPE", "ORG", "NORP"})


def _part_without_whole(body: str, answer: str, span: Span) -> bool:
    """ "Who was booked in the second half?": a part of a match or contest told by its order,
    with no "of" saying which; the prompt's two sides (a team and the one it played, or a
    fighter and the one he fought) say which match it was."""
    if not EVENT_PART.search(body):
        return False
    kept = [
        ent
        for ent in span.ents
        if contains_phrase(body, ent.text) or contains_phrase(answer, ent.text)
    ]
    sides = {normalise(ent.text) for ent in kept if ent.label_ in SIDE_ENTS | {"PERSON"}}
    return len(sides) < 2


# Verbs of speaking whose matter, left unsaid, is what the text told before ("declined to
# comment": on what?).
COMMENT_VERBS = frozenset({"comment", "respond", "elaborate"})


def _comment_on_nothing(body: str, span: Span) -> bool:
    """ "Delta Airlines declined to comment.": a comment, a response or an elaboration with
    nothing saying on what (no "on", "about" or object), which the prompt keeps."""
    words = {w.lower() for w in re.findall(r"[A-Za-z-]+", body)}
    for token in span:
        if token.lemma_.lower() not in COMMENT_VERBS or token.pos_ != "VERB":
            continue
        if any(c.dep_ in {"prep", "dobj", "ccomp", "advcl"} for c in token.children):
            continue  # "commented on the vote", "responded that …"
        if token.lower_ in words or token.lemma_.lower() in words:
            return True
    return False


# Verbs of one person or thing taking another's place: in what (a match, an office, a
# team) the sentence or the one before says.
REPLACING_VERBS = frozenset({"replace", "succeed", "substitute"})
# Prepositions that say in what ("replaced Moss as captain", "in the squad", "at the club").
REPLACED_IN = frozenset({"as", "in", "at", "on", "for", "during", "after", "before", "from"})


def _replaced_in_nothing(body: str, span: Span) -> bool:
    """ "Who replaced Hong-Man?": one person taking another's place with nothing saying in
    what ("as captain", "in the team", "at the club"), which the prompt keeps."""
    words = {w.lower() for w in re.findall(r"[A-Za-z-]+", body)}
    for token in span:
        if token.lemma_.lower() not in REPLACING_VERBS or token.pos_ != "VERB":
            continue
        if token.tag_ == "VBG" or token.dep_ in {"pcomp", "acl"}:
            continue  # "United played Portsmouth, with Amos replacing Kuszczak": in that match
        if any(
            c.dep_ == "prep"
            and c.lower_ in REPLACED_IN
            and not all(t.ent_type_ in {"DATE", "TIME"} for t in c.subtree if t != c)
            for c in token.children
        ):
            continue  # "in 2004", "in the 60th minute": when, not in what
        if not any(
            c.dep_ in {"dobj", "nsubjpass"} and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN")
            for c in token.children
        ):
            continue  # "replaced the old bridge": a thing, read by the other rules
        if token.lower_ in words or token.lemma_.lower() in words:
            return True
    return False


def _places_named_before(span: Span) -> list[str]:
    doc = span.doc
    _, sentences = sentences_of(doc)
    index = sentence_index(doc, span.start)
    previous = sentences[max(index - 1, 0)]
    return [p.text for p in _places(previous)]


def _own_points_back(body: str, span: Span) -> bool:
    """ "Iceland announced its own moratorium": "own" sets it against another's moratorium
    (a person's "his own company" only where the text named another company before)."""
    match = OWN.search(body)
    if match is None:
        return False
    if match.group(1).lower() in {"its", "their"}:
        return True  # a body or a country's own: set against another's
    noun = match.group(2).lower()
    doc = span.doc
    return any(t.lower_ == noun or t.lemma_.lower() == noun for t in doc[: span.start])


def _follows_nothing(body: str, span: Span) -> bool:
    """ "A massacre followed in 1836": "follow" with no object follows what the text told."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", body)}
    for token in span:
        if token.lemma_.lower() not in FOLLOW_VERBS or token.pos_ != "VERB":
            continue
        if token.lower_ not in words and token.lemma_.lower() not in words:
            continue
        if any(c.dep_ in {"dobj", "agent", "pobj"} for c in token.children):
            continue  # "followed the war", "was followed by riots", "following the war"
        return True
    return False


# Quantifiers English uses alone for a set the text named before ("All were arrested");
# not "many", "some", "others", which also stand for people at large ("led many to doubt").
QUANTIFIERS = frozenset("all both most several none each either neither half".split())


def _quantifier_alone(body: str, answer: str, span: Span) -> bool:
    """ "All were arrested", "Both won medals", "Others found work": a quantifier standing
    for a noun, as subject or object, counts a set only the text before names ("all of the
    men" leaves "the men" to the description rules)."""
    for token in span:
        if token.lower_ not in QUANTIFIERS or token.dep_ not in SUBJECT_DEPS | {"dobj"}:
            continue
        if any(c.dep_ in {"prep", "det", "poss", "amod", "compound"} for c in token.children):
            continue  # "all of the men", "the second half": a noun phrase of its own
        if contains_phrase(body, token.text) and not contains_phrase(answer, token.text):
            return True
    return False


def _bare_existential(span: Span) -> bool:
    """ "There were 21 fatalities.": an existential sentence that says nothing of where,
    when or of what (no complement on the verb or the noun); it counts what the text is
    telling at that point ("21 fatalities" of which accident?)."""
    root = span.root
    if root.lemma_ != "be" or not any(
        c.dep_ == "expl" and c.lower_ == "there" for c in root.children
    ):
        return False
    nouns = [c for c in root.children if c.dep_ in {"attr", "nsubj"} and c.pos_ == "NOUN"]
    if len(nouns) != 1:
        return False
    if any(
        c.dep_ not in {"det", "nummod", "amod", "compound", "quantmod"} for c in nouns[0].children
    ):
        return False
    bare = {"expl", "attr", "nsubj", "punct", "aux", "neg", "advmod"}
    return all(c.dep_ in bare for c in root.children)


def _elided_noun(body: str, answer: str, span: Span) -> bool:
    """ "Harlow had more than four hundred by 1712": a number standing for a noun the text
    gave before (five hundred what?), in the prompt or as its answer."""
    for token in span:
        if token.pos_ != "NUM" or token.dep_ not in SUBJECT_DEPS | {"dobj"}:
            continue
        if token.ent_type_ in {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}:
            continue
        if any(c.pos_ in {"NOUN", "PROPN"} or c.dep_ == "prep" for c in token.children):
            continue  # "one in three visits", "two of the men": the noun is there
        if not re.fullmatch(r"[A-Za-z-]+|\d+", token.text):
            continue  # ".292", "4-for-4": a value, not a count of something
        doc = span.doc
        near = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        beyond = [doc[i] for i in (token.i - 2, token.i + 2) if 0 <= i < len(doc)]
        if any(n.lower_ in {"to", "-", "for"} for n in near) and any(n.like_num for n in beyond):
            continue  # "won 4 to 0", "went 4-for-4": a score
        if contains_phrase(body, token.text) or contains_phrase(answer, token.text):
            return True
    return False


def _bound_one(body: str, span: Span) -> bool:
    """ "The earliest ones were built of wood", "a larger one opened in 1850": "one"/"ones"
    standing for a noun the text gave before (ones of what?), kept in the prompt. Not the
    number ("one of the mills", "one mill") nor "no one", "every one"."""
    for token in span:
        if token.lower_ not in {"one", "ones"} or token.pos_ not in {"NOUN", "PRON", "NUM"}:
            continue
        if token.dep_ in {"nummod", "compound", "npadvmod", "quantmod"}:
            continue  # "one mill", "one day"
        children = list(token.children)
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in children):
            continue  # "one of the mills": the noun is there
        before = span.doc[token.i - 1] if token.i > span.start else None
        if before is not None and before.lower_ in {"no", "every", "any", "each", "some"}:
            continue
        modified = any(c.dep_ in {"det", "amod", "poss"} for c in children)
        if token.lower_ == "one" and not modified:
            continue  # "one was built in 1850": a count, which `_elided_noun` weighs
        words = [t.text for t in span.doc[token.left_edge.i : token.i + 1] if t.dep_ != "det"]
        if contains_phrase(body, " ".join(words)):
            return True
    return False


def headless_subject(span: Span) -> bool:
    """A singular count noun as the main subject with no determiner and no name: the source
    lost its name ("Promising sprinter clocked 9.9 seconds")."""
    subject = _subject(span)
    root = span.root
    if subject is None and root.i == span.start and root.tag_ in {"VBG", "JJ"}:
        # "Promising 400m runner clocked ...": the parser takes the opening adjective for the
        # main verb and the sentence for its complement; the subject is the complement's.
        clause = next((c for c in root.children if c.dep_ == "ccomp"), None)
        if clause is not None:
            subject = subject_of(clause)
    if subject is None or subject.tag_ != "NN" or subject.ent_type_:
        return False
    if any(_says_which(c) for c in subject.children):
        return False
    return person_noun(subject.lower_)


def _says_which(modifier: Token) -> bool:
    """A modifier that makes a singular noun a subject English can use: a determiner, an
    owner, a count ("One farmer"), an apposition or a name ("Coach Ana Ruiz"). Common nouns
    and measures before it ("world champion", "60m hurdler", "bronze medallist") and
    adjectives ("Olympic", "Promising") say what kind, not which one."""
    if modifier.dep_ in {"det", "poss", "predet", "appos"}:
        return True
    if modifier.pos_ in {"PRON", "DET"}:
        return True
    if modifier.dep_ == "nummod" and modifier.tag_ == "CD":
        return True
    return modifier.pos_ == "PROPN"


@lru_cache(maxsize=4096)
def person_noun(word: str) -> bool:
    """A noun for a person ("minister", "sprinter", "pianist"): a count noun, which English
    does not use bare as a subject."""
    if word in PERSON_NOUNS:
        return True
    if word in NOT_AGENTS or len(word) < 5:
        return False
    if word.endswith(("ist", "ian")):
        return True
    if word.endswith(("er", "or")):
        stem = word[:-2]
        stems = {stem, stem + "e"}
        if len(stem) > 2 and stem[-1] == stem[-2]:
            stems.add(stem[:-1])  # "runner", "swimmer"
        return any(stem in getAllLemmas(stem, upos="VERB").get("VERB", ()) for stem in stems)
    return False


# The whole step -------------------------------------------------------------------------


def resolve_references(draft: QuestionDraft, span: Span | None) -> QuestionDraft:
    """The draft with its opening pronoun resolved, the office's owner written in, the
    paragraph's setting added and the sentence's own opening time put back, where each is
    certain (module docstring); unchanged otherwise."""
    draft = resolve_opening(draft, span)
    draft = add_office_owner(draft, span)
    place, _ = carried_setting(span)
    if place is not None:
        draft = add_setting(draft, place)
    else:
        draft = add_opening_time(draft, span)
        draft = add_opening_place(draft, span)
    return draft
