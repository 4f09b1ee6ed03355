"""Actors: spaCy's PERSON / ORG / GPE / NORP / LOC / FAC spans, corrected, given roles and
clustered into one actor per referent with all its mentions and aliases.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from pathlib import Path

import numpy
from babel import Locale
from lemminflect import getAllLemmas
from spacy.attrs import POS
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from quizgen.nlp.marks import is_reference_mark
from quizgen.nlp.parsed import doc_text
from quizgen.nlp.syntax import SUBJECT_DEPS

ALIASES_PATH = Path(__file__).resolve().parent / "data" / "aliases.json"
SPACY_LABELS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "country",
    "NORP": "group",
    "LOC": "place",
    "FAC": "place",
}
# Words that make a noun phrase before or around a name a role ("Foreign Minister").
TITLE_WORDS = {
    "president", "vice", "minister", "secretary", "chancellor", "premier", "chairman",
    "chairwoman", "chair", "ceo", "director", "king", "queen", "prince", "princess", "emperor",
    "empress", "pope", "senator", "governor", "ambassador", "general", "spokesman",
    "spokeswoman", "spokesperson", "leader", "chief", "head", "professor", "judge", "justice",
    "mayor", "commander", "colonel", "captain", "lieutenant", "admiral", "sergeant", "officer",
    "representative", "rep.", "sen.", "gov.", "gen.", "col.", "capt.", "lt.", "adm.", "sgt.",
    "founder", "editor", "coach", "manager", "owner", "executive", "deputy", "envoy",
    "diplomat", "attorney", "prosecutor", "bishop", "archbishop", "cardinal", "rabbi", "imam",
    "sheikh", "sultan", "tsar", "czar", "duke", "duchess", "earl", "baron", "count", "countess",
    "lord", "lady", "sir", "dame", "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms",
    "prof.", "rev.", "reverend", "saint", "st.", "physicist", "mathematician", "author",
    "writer", "actor", "actress", "singer", "architect", "player", "pitcher", "linguist",
    "scientist", "analyst", "official", "activist", "journalist", "reporter",
    "economist", "astronaut", "pilot", "candidate", "nominee", "speaker", "treasurer",
    "congressman", "congresswoman", "councillor", "councilor", "commissioner", "inspector",
    "superintendent", "principal", "dean", "provost", "rector", "mufti", "ayatollah",
}  # fmt: skip
# Lower-case words that may stand in a role besides the titles themselves.
ROLE_MODIFIERS = {
    "former", "then", "late", "acting", "interim", "deputy", "assistant", "associate", "senior",
    "chief", "foreign", "prime", "general", "national", "federal", "state", "county", "city",
    "shadow", "first", "vice", "of", "the", "for", "and", "to", "de", "executive", "managing",
    "education", "defence", "defense", "finance", "health", "interior", "home", "justice",
    "economic", "affairs", "security", "team", "club", "party", "opposition", "union",
    "football", "national-team", "squad", "company", "school", "university", "theoretical",
}  # fmt: skip
# Letters after a name for an honour, order or degree ("Arthur Brand CH", "Jane Roe, FRS").
POSTNOMINALS = frozenset(
    "ch om kg kt cb cbe obe mbe kbe gbe dbe kcb gcb kcmg gcmg kcvo gcvo qc kc mp frs fba ra "
    "phd md dd vc dso".split()
)
# Forms of address before a name ("Mr", "Dr", "Sir", "Mahatma"), written without their full
# stop: they say how a person is addressed, not an office, so they are never a role.
HONORIFICS = frozenset(
    """mr mrs ms miss dr prof rev sir dame lord lady saint st mahatma father brother
    sister""".split()
)
# Words that stand before a name as its title: the honorifics and the offices and ranks most
# often written so ("President", "King", "General"). A capitalised word of these before a name
# is not a part of the name.
NAME_TITLES = HONORIFICS | frozenset(
    "president king queen prince princess emperor pope general captain judge professor".split()
)


def is_honorific(word: str) -> bool:
    """Whether `word` ("Mr", "Dr.") is a form of address written before a name."""
    return word.casefold().rstrip(".") in HONORIFICS


def is_name_title(word: str) -> bool:
    """Whether `word` ("Dr.", "president") may stand before a name as its title."""
    return word.casefold().rstrip(".") in NAME_TITLES


LANGUAGES = {
    "english", "french", "german", "spanish", "italian", "russian", "chinese", "mandarin",
    "cantonese", "japanese", "korean", "arabic", "hebrew", "latin", "greek", "portuguese",
    "dutch", "swedish", "danish", "norwegian", "finnish", "polish", "czech", "turkish",
    "persian", "farsi", "dari", "pashto", "urdu", "hindi", "bengali", "swahili", "thai",
    "vietnamese", "indonesian", "malay", "ukrainian", "hungarian", "romanian", "irish",
    "welsh", "catalan", "basque", "sanskrit", "yiddish", "esperanto",
}  # fmt: skip
WEB_ADDRESS_RE = re.compile(r"\.(com|org|net|gov|edu|io|co\.uk)$", re.IGNORECASE)
FORMER_COUNTRIES = frozenset(
    {"soviet union", "union of soviet socialist republics", "yugoslavia", "czechoslovakia",
     "east germany", "west germany", "prussia", "ottoman empire", "persia", "rhodesia", "zaire",
     "burma", "siam", "ceylon", "republic of korea", "russian federation",
     "democratic people's republic of korea", "people's republic of china", "holland"}
)  # fmt: skip
ACRONYM_STOPWORDS = {"of", "and", "the", "for", "in", "on", "de", "du", "la", "to", "&"}
QUOTE_CHARS = {'"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "«", "»"}
# Nouns naming a work or an idea: a capitalised name right after one is a title, not an actor.
WORK_NOUNS = {
    "book", "books", "novel", "film", "films", "movie", "series", "show", "play", "comedy",
    "drama", "thriller", "album", "song", "single", "magazine", "journal", "paper", "papers",
    "project", "theory", "theories", "notion", "notions", "concept", "concepts", "opera",
    "poem", "essay", "treatise", "work", "works", "game", "programme", "program", "episode",
    "sitcom", "documentary", "vehicle", "prequel", "sequel", "titled", "entitled", "called",
    "panel", "category", "talk", "lectures", "demonstration", "browser", "software",
}  # fmt: skip
SPEECH_HEADS = {"language", "languages", "dialect", "translation", "word", "words", "term"}


@lru_cache(maxsize=1)
def alias_index() -> dict[str, str]:
    """Normalised name -> canonical name, from the curated alias table."""
    table = json.loads(ALIASES_PATH.read_text(encoding="utf-8"))
    index: dict[str, str] = {}
    for canonical, aliases in table.items():
        if canonical.startswith("_"):
            continue
        index[normalise_name(canonical)] = canonical
        for alias in aliases:
            index.setdefault(normalise_name(alias), canonical)
    return index


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Normalised English names of the world's countries and territories (from CLDR)."""
    territories = Locale("en").territories
    names = {normalise_name(name) for code, name in territories.items() if code.isalpha()}
    names |= FORMER_COUNTRIES
    # Aliases of a country are countries too ("USSR", "Britain"); of a city they are not.
    names |= {
        alias for alias, canonical in alias_index().items() if normalise_name(canonical) in names
    }
    return frozenset(names)


@lru_cache(maxsize=8192)
def normalise_name(name: str) -> str:
    """Case, periods, curly apostrophes and a leading article do not tell two names apart."""
    name = name.replace("\u2019", "'").replace(".", "").replace("\u00a0", " ").lower().strip()
    name = re.sub(r"^the\s+", "", name)
    name = re.sub(r"'s?$", "", name)
    return re.sub(r"\s+", " ", name).strip()


@dataclass
class ActorMention:
    """One corrected mention of an actor, before clustering."""

    span: Span
    label: str
    name: str
    role: str = ""
    canonical_hint: str = ""
    # The name as the parser found it, when words before it were added (`_whole_name`).
    core: str = ""


@dataclass
class ActorCluster:
    """Mentions judged to name the same actor."""

    mentions: list[ActorMention] = field(default_factory=list)
    canonical_hint: str = ""

    @property
    def names(self) -> list[str]:
        return [mention.name for mention in self.mentions]

    @property
    def label(self) -> str:
        labels = [mention.label for mention in self.mentions]
        return max(sorted(set(labels)), key=labels.count)

    @property
    def value(self) -> str:
        """The fullest name the text uses. For a person, the name of two words or more that
        the text uses most ("Otto Lassen", not the "Jens Otto Henrik Lassen" of the
        opening line once), the one with the most words among equals. A first name and
        surname the text writes as such count too ("Maeve Corran" of "Maeve Brigid Aoife
        Corran"): how often each form is written is counted in the text itself, where the
        parser may have missed some."""
        person = self.label == "person"
        names = [n for n in self.names if not (person and len(n.split()) == 1)] or self.names
        if person:
            written = _written_forms(self.mentions[0].span.doc, names) if self.mentions else {}
            names += [form for form in written if form not in names]

            def usage(name: str) -> tuple[int, int, int, int]:
                return (
                    written.get(name, 0),
                    names.count(name),
                    len(name.split()),
                    -names.index(name),
                )

            return max(names, key=usage)
        return max(names, key=lambda n: (len(n), -names.index(n)))

    @property
    def role(self) -> str:
        """The role the text gives the actor. For a person, only a role given with more than
        the surname: relatives share a surname, and "Peter Mowbray, the brother of Inspector
        Mowbray" makes Peter no inspector."""
        full = self.label == "person" and len(self.value.split()) > 1
        return next(
            (
                mention.role
                for mention in self.mentions
                if mention.role and not (full and len(mention.name.split()) == 1)
            ),
            "",
        )


def _written_forms(doc: Doc, names: list[str]) -> dict[str, int]:
    """How often the text writes each person's name of two words or more, and the first
    name and surname of a longer one, as whole words (only forms it writes at least once)."""
    text = doc_text(doc)
    forms = {name for name in names if len(name.split()) > 1}
    forms |= {f"{n.split()[0]} {n.split()[-1]}" for n in names if len(n.split()) > 2}
    counts = {}
    for form in forms:
        found = len(re.findall(rf"(?<![\w.]){re.escape(form)}(?!\w)", text))
        if found:
            counts[form] = found
    return counts


def _is_title_token(token: Token) -> bool:
    return token.lower_ in TITLE_WORDS


def _trim_person(span: Span) -> tuple[Span, str]:
    """Strip titles swallowed into a PERSON span ("President Vladimir Putin")."""
    last_title = -1
    for index, token in enumerate(span):
        if _is_title_token(token):
            last_title = index
    if last_title < 0 or last_title >= len(span) - 1:
        return span, ""
    title = span[: last_title + 1]
    role_tokens = [t for t in title if t.lower_.rstrip(".") not in HONORIFICS]
    return span[last_title + 1 :], clean_role(" ".join(t.text for t in role_tokens))


def _without_postnominals(span: Span) -> Span:
    """ "Arthur Cecil Brand CH", "Jane Roe, FRS": the letters of an honour are not the name."""
    end = span.end
    doc = span.doc
    while end - span.start > 2 and (
        doc[end - 1].text[:1].isupper()
        and doc[end - 1].text.replace(".", "").lower() in POSTNOMINALS
    ):
        end -= 1
        while end - span.start > 2 and doc[end - 1].text == ",":
            end -= 1
    if end == span.end:
        return span
    return Span(doc, span.start, end, label=span.label_)


def clean_role(role: str) -> str:
    """A role must name an office or trade ("Foreign Minister"); honorifics ("Ms") and phrases
    with other common nouns in them ("BBC production Inspector") are not roles."""
    words = role.split()
    if not any(word.lower().split("-")[-1] in TITLE_WORDS for word in words):
        return ""
    if all(word.lower().rstrip(".") in HONORIFICS for word in words):
        return ""
    for word in words:
        lowered = word.lower()
        if word.islower() and lowered.split("-")[-1] not in TITLE_WORDS | ROLE_MODIFIERS:
            return ""
    return role


def _role_before(span: Span) -> str:
    """A title written before the name: "Russian Foreign Minister Sergey Lavrov"."""
    doc = span.doc
    index = span.start - 1
    tokens: list[Token] = []
    while index >= 0:
        token = doc[index]
        if token.text == "-" and not token.whitespace_ and tokens and index > 0:
            if not doc[index - 1].whitespace_ and doc[index - 1].is_alpha:
                # "co-founder": one word, whatever the parser made of its pieces
                tokens[:0] = [doc[index - 1], token]
                index -= 2
                continue
        if token.dep_ in {"compound", "amod", "nmod", "poss", "case"} and (
            span.start <= token.head.i < span.end or token.head in tokens or token.head.i > index
        ):
            if token.is_punct and token.tag_ != "POS":
                break
            tokens.insert(0, token)
            index -= 1
            continue
        break
    if not any(_is_title_token(token) for token in tokens):
        return ""
    if index >= 0 and not doc[index].is_punct:
        inside = {t.i for t in tokens} | set(range(span.start, span.end))
        if any(a.i in inside for a in doc[index].ancestors):
            return ""  # "University of Wendshire Harlow ... president": the title runs on

    while tokens and not _is_title_token(tokens[0]) and tokens[0].ent_type_ == "":
        first = tokens[0]
        if first.pos_ in {"PROPN", "ADJ"} or (first.text[:1].isupper() and first.i > 0):
            break  # "US", "Facebook": the body the title belongs to
        if len(tokens) > 1 and tokens[1].text == "-" and not first.whitespace_:
            break  # "co-" of "co-founder"
        tokens.pop(0)
    return clean_role(doc[tokens[0].i : tokens[-1].i + 1].text) if tokens else ""


def _role_apposition(span: Span) -> str:
    """A title in apposition: "Velmark's Foreign Minister, Ilsa Varno," and reverse."""
    root = span.root
    candidates: list[Token] = []
    if root.dep_ == "appos":
        candidates.append(root.head)
    candidates.extend(child for child in root.children if child.dep_ == "appos")
    for head in candidates:
        if not _is_title_token(head):
            continue
        excluded = set(range(span.start, span.end))
        if root.dep_ == "appos" and head is root.head:
            excluded |= {t.i for t in root.subtree}
        tokens = [
            t
            for t in head.subtree
            if t.i not in excluded and not (t.is_punct and t.tag_ != "POS") and t.dep_ != "appos"
        ]
        tokens = [t for t in tokens if t.i <= head.i or t.dep_ in {"prep", "pobj", "compound"}]
        while tokens and tokens[0].dep_ == "det":
            tokens.pop(0)
        if tokens:
            start, end = tokens[0].i, tokens[-1].i + 1
            if end - start == len(tokens):
                return clean_role(span.doc[start:end].text)
    return ""


def _whole_name(span: Span) -> Span:
    """A person's name with the capitalised words written before it that the parse left out
    ("Elias" of "Elias Jacob Penhale", "Ave" of the poem "Ave Vale Brannock"): a span starting
    inside a name is not a name the text uses. Titles before a name stay out."""
    if span.label_ != "PERSON":
        return span
    doc = span.doc
    start = span.start
    while start > 0:
        before = doc[start - 1]
        if before.is_space or "\n" in before.whitespace_ or not before.whitespace_:
            break  # a name does not run across a line or a mark (the parser's sentences may)
        if before.pos_ != "PROPN" or not before.is_alpha or not before.text[:1].isupper():
            break
        if (
            before.text.isupper()
            or before.lower_ in TITLE_WORDS
            or before.lower_.rstrip(".") in HONORIFICS
        ):
            break
        if before.ent_type_ and before.ent_type_ != span.label_:
            break
        start -= 1
    if start == span.start:
        return span
    return Span(doc, start, span.end, label=span.label_)


def _extend_hyphenated(span: Span) -> Span:
    """Re-join a name that the tokenizer split at a hyphen ("ISIS-K", "Al-Qaeda")."""
    doc = span.doc
    end = span.end
    while (
        end + 1 < len(doc)
        and doc[end].text in {"-", "\u2013"}
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isupper()
    ):
        end += 2
    start = span.start
    while (
        start >= 2
        and doc[start - 1].text in {"-", "\u2013"}
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].text[:1].isupper()
        and doc[start - 2].ent_type_ in {"", span.label_}
    ):
        start -= 2
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label_)


def _extend_to_acronym(span: Span) -> Span:
    """ "The Federation of Rural Cyclists and Walkers (FCRW)": NER often stops a name at
    its "and"; the abbreviation in brackets after it says where the name ends (its letters
    are the initials of the whole name, in any order, as a name translated keeps them)."""
    doc = span.doc
    if span.label_ != "ORG":
        return span
    end = span.end
    if end >= len(doc) or doc[end].lower_ not in {"and", "&"}:
        return span
    end += 1
    while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
        end += 1
    if end == span.end + 1 or end + 2 >= len(doc) or doc[end].text != "(":
        return span
    acronym, closing = doc[end + 1].text, doc[end + 2].text
    if closing != ")" or not (acronym.isalpha() and acronym.isupper() and 3 <= len(acronym) <= 8):
        return span
    extended = Span(doc, span.start, end, label=span.label_)
    if not same_letters(acronym, extended.text) or same_letters(acronym, span.text):
        return span
    return extended


def same_letters(acronym: str, name: str) -> bool:
    """Whether the acronym is made of the initials of the name's capitalised words."""
    initials = _acronym(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE))[0]
    return sorted(acronym.upper()) == sorted(initials)


def _first_line(span: Span) -> Span:
    """The part of an entity before a line break (NER sometimes runs a heading into the text)."""
    for token in span:
        if "\n" in token.text:
            return span.doc[span.start : token.i]
        if "\n" in token.whitespace_:
            return span.doc[span.start : token.i + 1]
    return span


def _is_heading_verb(token: Token) -> bool:
    """An instruction opening a heading or a line ("Describe Einstein's idea"), not a name."""
    starts_line = token.i == 0 or "\n" in token.doc[token.i - 1].text_with_ws
    lemmas = getAllLemmas(token.lower_)
    return starts_line and "VERB" in lemmas and "NOUN" not in lemmas and "PROPN" not in lemmas


def _split_parentheses(span: Span) -> list[Span]:
    """ "The World Health Organization (WHO" is two names: the name and its abbreviation."""
    opening = next((t.i for t in span if t.text == "("), None)
    if opening is None:
        return [span]
    closing = next((t.i for t in span if t.text == ")" and t.i > opening), span.end)
    pieces = [Span(span.doc, span.start, opening, label=span.label_)]
    if closing > opening + 1:
        pieces.append(Span(span.doc, opening + 1, closing, label=span.label_))
    return [piece for piece in pieces if len(piece)]


def _strip_edges(span: Span) -> Span | None:
    span = Span(span.doc, span.start, span.end, label=span.label_)
    first = _first_line(span)
    start, end = first.start, first.end
    doc = span.doc
    for index in range(start + 1, end):
        if doc[index - 1].text.endswith(".") and doc[index].text in SENTENCE_OPENERS:
            end = index  # "George V. He ruled": the name's period also ended its sentence
            break
    while end > start and (
        is_reference_mark(doc[end - 1])
        or doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        or doc[end - 1].pos_ in {"ADP", "CCONJ", "DET"}
    ):
        end -= 1
    while start < end and (
        doc[start].is_punct
        or doc[start].lower_ in {"the", "a", "an"}
        or start < end - 1
        and _is_heading_verb(doc[start])
    ):
        start += 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


def _with_article(span: Span) -> Span:
    """Include a "the" that belongs to the name ("the United Nations"), as GUM-style spans do."""
    doc = span.doc
    previous = doc[span.start - 1] if span.start > 0 else None
    if (
        previous is not None
        and previous.lower_ == "the"
        and span.start <= previous.head.i < span.end
        and span.label_ != "PERSON"
    ):
        return Span(doc, span.start - 1, span.end, label=span.label_)
    return span


def _is_modifier_adjective(span: Span) -> bool:
    """A nationality adjective modifying a noun ("Soviet lives", "Russian government")."""
    root = span.root
    return (
        root.dep_ in {"amod", "compound"}
        and root.head.i >= span.end
        and (root.pos_ == "ADJ" or span.label_ == "NORP")
    )


def _is_language(span: Span) -> bool:
    if span.text.lower() not in LANGUAGES:
        return False
    root = span.root
    head = root.head
    return (
        head.lower_ in SPEECH_HEADS
        or (root.dep_ == "pobj" and head.lower_ in {"in", "into", "from"})
        or root.dep_ in {"dobj", "attr"}
        and head.lemma_ in {"speak", "learn", "teach", "study", "write", "translate"}
    )


def _is_work_title(span: Span) -> bool:
    """A title of a book, film or theory ("the romantic comedy Open Road (2004)")."""
    doc = span.doc
    if (
        span.end + 2 < len(doc)
        and doc[span.end].text == "("
        and doc[span.end + 1].like_num
        and doc[span.end + 2].text == ")"
    ):
        # "Open Road (2004)"; a team's plural name with its years is not a title.
        return span[-1].tag_ != "NNPS" and not span[-1].text.endswith("s")
    index = span.start - 1
    while index >= 0 and doc[index].text in {",", ":"}:
        index -= 1
    if index >= 0 and doc[index].lower_ in WORK_NOUNS:
        return not (span.label_ == "PERSON" and doc[index].lower_ == "called")
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in WORK_NOUNS


def _is_bare_demonym(span: Span) -> bool:
    """A singular nationality or language word on its own ("spoke German", "was Catholic")."""
    if len(span) != 1 or span.label_ not in {"NORP", "GPE", "LANGUAGE"}:
        return False
    token = span[0]
    previous = span.doc[span.start - 1] if span.start > 0 else None
    if previous is not None and previous.lower_ == "the":
        return False
    return token.pos_ == "ADJ" or (span.label_ == "NORP" and not token.text.endswith("s"))


def _is_capitalised_common_noun(span: Span) -> bool:
    """One capitalised dictionary noun used as a name of a concept ("Grammar", "Nexus")."""
    if len(span) != 1 or span.label_ not in {"ORG", "LOC", "FAC", "NORP", "WORK_OF_ART"}:
        return False
    token = span[0]
    if token.text.isupper():
        return False
    if token.is_sent_start:
        # Capitalised by its place; a plural dictionary noun there is a common noun ("Farmers").
        lemmas = getAllLemmas(token.lower_).get("NOUN", ())
        return bool(lemmas) and token.lower_ not in lemmas and token.lower_.endswith("s")
    previous = span.doc[span.start - 1] if span.start > 0 else None
    if previous is not None and previous.lower_ == "the":
        return False
    return "NOUN" in getAllLemmas(token.lower_)


# Nouns that say the name after their "of" is a place ("the Kingdom of Velmark", "the County
# of Durham"); not titles ("Duke of Carrow" may name the duke) nor houses or orders.
PLACE_OF = re.compile(
    r"\b(?i:Kingdom|County|Duchy|Principality|Province|Republic|Isle|City|Town|Diocese|"
    r"Archdiocese|Bishopric|Emirate|Sultanate|Khanate|Caliphate|Canton)\s+of\s+([A-Z][\w'-]+)\b"
)


def _place_names(doc: Doc) -> frozenset[str]:
    """The one-word names a text calls a place by the noun before their "of" ("the Kingdom of
    Velmark"): a mention of "Velmark" alone the tagger takes for a person is that place."""
    return frozenset(match.group(1) for match in PLACE_OF.finditer(doc_text(doc)))


def _owned_by_person(span: Span) -> bool:
    """A name owned by a person is a work ("Rhoda Vance's Ashfall"), not an actor."""
    doc = span.doc
    return (
        span.label_ in {"ORG", "PERSON", "WORK_OF_ART"}
        and span.start >= 2
        and doc[span.start - 1].tag_ == "POS"
        and doc[span.start - 2].ent_type_ == "PERSON"
    )


_NAMED_BY_YEAR_KEY = "quizgen_named_by_year"
_CAPITALISED_AT_STARTS_KEY = "quizgen_capitalised_at_starts"


def _is_named_by_its_year(span: Span) -> bool:
    """An event named by its year ("the Crash of 1907", "the Treaty of 1818"), anywhere in the
    text: the name is that event's wherever the text writes it ("the Crash" later on)."""
    name = _strip_article(span.text)
    if len(name.split()) != 1 or name.lower() in ORGANISATION_WORDS | BODIES:
        return False  # "the Parliament of 1640" is a body all the same
    # Once per name and text: a text names its actors again and again.
    found = span.doc.user_data.setdefault(_NAMED_BY_YEAR_KEY, {})
    if name not in found:
        named = re.compile(rf"\b{re.escape(name)}\s+of\s+(?:1\d{{3}}|20\d{{2}})\b")
        found[name] = named.search(doc_text(span.doc)) is not None
    return found[name]


# Bodies that a year names a sitting or a session of ("the Parliament of 1640").
BODIES = frozenset("parliament congress assembly senate diet council convention court".split())


def _strip_article(text: str) -> str:
    return re.sub(r"^(?i:the)\s+", "", text.strip())


def _is_not_a_name(span: Span) -> bool:
    """Spans NER mistakes for names: a capitalised verb or adjective ("Understand", "Imperial"),
    a web address ("harlowcourier.com"), a code with digits ("IE6"), the mark of an era ("400
    BCE", "AD 733"), the name of an event, an age or a prize ("the Harlow Games", "the Great
    Slump", "the Middle Ages", "the Vance Prize"), common nouns capitalised by a heading or
    a sentence's start that the text never capitalises elsewhere ("Colour and Mass of the
    Spleen", "Spores are small", "Dyslalia is ..." where the text also writes "dyslalia"), a
    word for a relative alone ("Mom", "Grandma") or a feast ("Easter"), a document ("the
    Articles of Confederation"), dictionary words of a heading in capitals, an abbreviation
    the text spells out in lower case ("central nervous system (CNS)"), a name heading a
    phrase that "a" opens ("a QC", "a Golden Globe")."""
    if len(span) == 1 and span.root.pos_ in {"VERB", "AUX", "ADJ", "ADV", "ADP"}:
        return span.label_ != "NORP"
    if WEB_ADDRESS_RE.search(span.text) or span.text in ERA_MARKS:
        return True
    words = [token for token in span if token.is_alpha and token.lower_ != "the"]
    if len(words) >= 2 and words[-1].lower_ in EVENT_HEADS and words[-1].text[:1].isupper():
        return True
    if words and _names_a_document(span, words):
        return True
    if _common_nouns_capitalised_by_place(span):
        return True
    if len(span) == 1 and (span[0].lower_ in KINSHIP_WORDS or span[0].lower_ in HOLIDAYS):
        return True
    if _shouted_heading(span) or _abbreviates_common_words(span) or _after_indefinite(span):
        return True
    return span.text.isupper() and any(ch.isdigit() for ch in span.text)


# Nouns that make a name the name of a document ("the Treaty of Harlow", "the Articles of
# Confederation", "the Velmark Act"), not of an actor.
DOCUMENT_HEADS = frozenset(
    """act acts treaty treaties articles constitution declaration charter accord accords
    manifesto covenant""".split()
)


def _names_a_document(span: Span, words: list[Token]) -> bool:
    """ "the Articles of Confederation", "the Treaty of Harlow", "the Velmark Act", and such a
    document's head alone ("amending the Articles", "the Constitution")."""
    last = words[-1]
    if last.lower_ in DOCUMENT_HEADS and last.text[:1].isupper():
        return True
    first = words[0]
    return (
        first.lower_ in DOCUMENT_HEADS
        and first.text[:1].isupper()
        and first.i + 1 < len(span.doc)
        and span.doc[first.i + 1].lower_ == "of"
    )


def _shouted_heading(span: Span) -> bool:
    """Dictionary words on a heading written all in capitals ("DIFFERENT TYPES OF GOODS",
    "INFLUENCE IN ELECTIONS"): the heading's capitals, not a name. An acronym (a word the
    dictionary does not know) is left."""
    words = [token for token in span if token.is_alpha]
    if not words or not span.text.isupper() or any(len(token) < 4 for token in words[-1:]):
        return False
    text = doc_text(span.doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line = text[line_start : line_end if line_end != -1 else len(text)].strip()
    if len(line.split()) < 2 or not line.isupper() or not _is_heading_line(line):
        return False
    return all(_dictionary_word(token.lower_) for token in words)


def _abbreviates_common_words(span: Span) -> bool:
    """An abbreviation the text spells out in lower case before it ("the source text (ST)",
    "the central nervous system (CNS)"): the short form of a common noun, not a name."""
    words = [token for token in span if token.is_alpha and token.lower_ != "the"]
    if len(words) != 1 or not words[0].is_upper or not 2 <= len(words[0]) <= 6:
        return False
    acronym = words[0].text
    found = span.doc.user_data.setdefault(_SPELLED_OUT_KEY, {})
    if acronym not in found:
        pattern = re.compile(r"((?:[a-z][a-z-]*\s+){1,6})\(" + re.escape(acronym) + r"\)")
        found[acronym] = any(
            _initials_of(match.group(1).split()[-len(acronym) :]) == acronym
            for match in pattern.finditer(doc_text(span.doc))
        )
    return found[acronym]


_SPELLED_OUT_KEY = "quizgen_acronyms_spelled_out_in_lower_case"


def _initials_of(words: list[str]) -> str:
    return "".join(word[0] for word in words).upper()


def _after_indefinite(span: Span) -> bool:
    """A name heading a noun phrase that "a" or "an" opens ("a QC", "won a Golden Globe and a
    Bafta"): one of a kind of thing or a title, not an actor (a name modifying a noun after
    it, "a US airline", is left)."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ not in {"a", "an"}:
        return False
    if span.label_ == "NORP" or span.end >= len(doc):
        return False
    if normalise_name(span.text) in country_names():
        return False  # "a Britain that was poor" is still Britain
    after = doc[span.end]
    return not (after.pos_ in {"NOUN", "PROPN", "ADJ", "NUM"} or after.text in {"-", "'s"})


# Words for a relative, capitalised when used to address or name one ("Mom said ..."): they
# say how someone is related to the writer, not who; a name follows them ("Uncle Osric").
KINSHIP_WORDS = frozenset(
    """mom mum mummy mommy mama mamma dad daddy papa father mother grandma grandpa granny
    grandad granddad grandmother grandfather nana gran auntie aunty""".split()
)
# Feasts and holidays: times of the year, not actors ("Easter falls in April").
HOLIDAYS = frozenset(
    """easter christmas xmas hanukkah chanukah ramadan diwali thanksgiving halloween passover
    lent advent eid pentecost whitsun epiphany""".split()
)


# Marks of an era the tagger takes for an organisation ("400 BCE").
ERA_MARKS = frozenset({"BC", "BCE", "AD", "CE", "B.C.", "A.D.", "B.C.E.", "C.E."})
# Nouns that end the name of an event, an age or a prize rather than of an actor.
EVENT_HEADS = frozenset(
    """olympics olympic games championship championships recession depression ages era war
    wars revolution prize prizes award awards medal festival""".split()
)


def _common_nouns_capitalised_by_place(span: Span) -> bool:
    """A span of dictionary words that stands on a heading's line (a short line with no full
    stop) or, one plural noun, at a sentence's start ("Spores are small"), or of any words at
    either place that the text also writes in lower case ("Dyslalia is ..." and "with
    dyslalia"), and that the text capitalises nowhere but at the start of a line or a
    sentence: common nouns, not a name."""
    words = [token for token in span if token.is_alpha]
    if not words or len(words) > 4 or span.text.isupper():
        return False
    if normalise_name(span.text) in country_names() or normalise_name(span.text) in alias_index():
        return False
    text = doc_text(span.doc)
    line_start = text.rfind("\n", 0, span.start_char) + 1
    line_end = text.find("\n", span.end_char)
    line = text[line_start : line_end if line_end != -1 else len(text)].strip()
    on_heading = _is_heading_line(line)
    if not (on_heading or span[0].is_sent_start):
        return False
    # Written in lower case elsewhere in the text ("Schizophrenia is ..." ... "of
    # schizophrenia"): a common term whether or not the dictionary knows it.
    lowered = _written_in_lower_case(span)
    if not lowered and any(not _dictionary_word(token.lower_) for token in words):
        return False
    plural_opening = (
        len(words) == 1
        and span[0].is_sent_start
        and words[0].lower_.endswith("s")
        and words[0].lower_ not in getAllLemmas(words[0].lower_).get("NOUN", (words[0].lower_,))
    )
    if not (on_heading or plural_opening or (lowered and span[0].is_sent_start)):
        return False
    # Written with its capitals where its place does not explain them: a name after all.
    # Once per words and text (it does not depend on where this mention stands).
    found = span.doc.user_data.setdefault(_CAPITALISED_AT_STARTS_KEY, {})
    if span.text not in found:
        found[span.text] = capitalised_only_at_starts(text, span.text)
    return found[span.text]


_LOWER_CASE_KEY = "quizgen_written_in_lower_case"
_LOWER_WORDS_KEY = "quizgen_lower_case_words"


def _written_in_lower_case(span: Span) -> bool:
    """Whether the text also writes the span's words all in lower case ("schizophrenia",
    "monetary policy"), once per words and text."""
    words = span.text
    if words.lower() == words:
        return False
    if len(span) == 1:
        if _LOWER_WORDS_KEY not in span.doc.user_data:
            # One pass over the tokens: the words the text writes in lower case.
            span.doc.user_data[_LOWER_WORDS_KEY] = frozenset(
                token.text for token in span.doc if token.is_lower and token.is_alpha
            )
        return words.lower() in span.doc.user_data[_LOWER_WORDS_KEY]
    found: dict[str, bool] = span.doc.user_data.setdefault(_LOWER_CASE_KEY, {})
    if words not in found:
        pattern = re.compile(rf"(?<![\w-]){re.escape(words.lower())}(?![\w-])")
        found[words] = pattern.search(doc_text(span.doc)) is not None
    return found[words]


def capitalised_only_at_starts(text: str, words: str) -> bool:
    """Whether the text writes `words` with their capitals only on a heading's line or at the
    start of a line or a sentence (after any opening quotation mark or bracket)."""
    capitalised = re.compile(rf"(?<![\w]){re.escape(words)}(?![\w])")
    for match in capitalised.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        if _is_heading_line(text[start : end if end != -1 else len(text)].strip()):
            continue
        before = match.start()
        while before > 0 and text[before - 1] in " \t\"'\u201c\u2018(":
            before -= 1
        if before and text[before - 1] not in ".!?:\n":
            return False
    return True


def _is_heading_line(line: str) -> bool:
    """A short line with no closing punctuation: a title or a heading."""
    return len(line.split()) <= 8 and not line.endswith((".", "!", "?", ":", ";", ","))


def _dictionary_word(word: str) -> bool:
    """A lower-case word the dictionary knows as a noun or an adjective, or a little word."""
    if word in ACRONYM_STOPWORDS:
        return True
    lemmas = getAllLemmas(word)
    return "NOUN" in lemmas or "ADJ" in lemmas


def _is_quoted_title(span: Span) -> bool:
    doc = span.doc
    return (
        span.label_ in {"PERSON", "ORG"}
        and span.start > 0
        and span.end < len(doc)
        and doc[span.start - 1].text in QUOTE_CHARS
        and doc[span.end].text in QUOTE_CHARS
        and len(span) > 1
    )


def _names_not_of_people(ents: list[Span]) -> dict[str, str]:
    """The names the NER gives a label other than a person's at least as often as a person's
    (normalised -> that label; a "person" that opens a longer name is not counted), leaving
    out a title and a name it mistook for an organisation ("King Osric")."""
    labels: dict[str, str] = {}
    counts: dict[str, int] = {}
    for ent in ents:
        span = _strip_edges(ent)
        if span is None or (ent.label_ != "PERSON" and _titled_person(ent)):
            continue
        name = normalise_name(span.text)
        if ent.label_ != "PERSON":
            labels.setdefault(name, ent.label_)
            counts[name] = counts.get(name, 0) + 1
        elif not (span.end < len(span.doc) and span.doc[span.end].text[:1].isupper()):
            counts[name] = counts.get(name, 0) - 1  # not the start of a longer name
    return {name: label for name, label in labels.items() if counts[name] >= 0}


def _titled_name_of_a_thing(span: Span, other_names: dict[str, str]) -> Span:
    """A "person" opening with a title word whose words, with the capitalised words after them,
    the text as often gives as the name of a team, a place or a body ("Prince Rupert
    Otters", "Prince Rupert"): the title word opens that name, and the span is that thing,
    whole."""
    if span.label_ != "PERSON" or not (span[0].text[:1].isupper() and _is_title_token(span[0])):
        return span
    doc = span.doc
    end = span.end
    while end < len(doc) and end - span.end < 3 and doc[end].is_alpha:
        if not doc[end].text[:1].isupper() or doc[end - 1].whitespace_ != " ":
            break
        end += 1
    for stop in range(end, span.start + 1, -1):
        label = other_names.get(normalise_name(doc[span.start : stop].text))
        if label is not None:
            return Span(doc, span.start, stop, label=label)
    return span


def actor_mentions(doc: Doc, ents: list[Span] | None = None) -> list[ActorMention]:
    """The corrected actor mentions of a parsed document, in text order."""
    found: list[ActorMention] = []
    taken: set[int] = set()
    pieces = (
        piece
        for ent in (doc.ents if ents is None else ents)
        if ent.label_ in SPACY_LABELS
        for piece in _split_parentheses(ent)
    )
    titles: set[str] = set()
    pieces = list(pieces)
    other_names = _names_not_of_people(pieces)
    for ent in pieces:
        whole = _whole_name(ent)
        core = ent.text if whole.start != ent.start else ""
        span = _strip_edges(_extend_to_acronym(_extend_hyphenated(whole)))
        if span is None or not any(ch.isupper() for ch in span.text[:1]):
            continue
        span = _titled_name_of_a_thing(span, other_names)
        if any(token.like_num for token in span) and span.label_ != "ORG":
            continue
        if _is_quoted_title(span) or _is_work_title(span) or _is_named_by_its_year(span):
            titles.add(normalise_name(span.text))
            continue
        if _is_language(span) or _is_capitalised_common_noun(span) or _owned_by_person(span):
            continue
        if _is_bare_demonym(span) or _is_not_a_name(span):
            continue
        role = ""
        label = SPACY_LABELS[span.label_]
        titled = span.label_ != "PERSON" and _titled_person(span)
        if titled:
            label = "person"
        if span.label_ == "PERSON" or titled:
            span, role = _trim_person(span)
            span = _without_postnominals(span)
            role = role or _role_before(span) or _role_apposition(span)
            if not span.text[:1].isupper():
                continue
        elif span.label_ in {"GPE", "NORP"}:
            if _is_modifier_adjective(span) and span.label_ == "NORP":
                continue
            if span.label_ == "GPE" and span.root.pos_ == "ADJ":
                label = "group"
                if _is_modifier_adjective(span):
                    continue
        if span.start in taken:
            continue
        taken.update(range(span.start, span.end))
        name = span.text
        mention_span = _with_article(span)
        hint = alias_index().get(normalise_name(name), "")
        if label == "country" and normalise_name(name) not in country_names():
            label = "place"
        if name == "Washington" and span.root.dep_ in SUBJECT_DEPS:
            hint, label = "United States", "country"
        found.append(ActorMention(mention_span, label, _name_of(span), role, hint, core))
    # A name once used as the title of a work or an idea is that throughout the text.
    return [mention for mention in found if normalise_name(mention.name) not in titles]


# Capitalised words that open a sentence and are never part of a name.
SENTENCE_OPENERS = frozenset("He She It They We I His Her Its Their The This These Those".split())
# Abbreviations whose period stays even when it also ends the sentence.
NAME_ABBREVIATIONS = frozenset("inc. ltd. co. corp. jr. sr. st. bros. plc. llc.".split())


def _name_of(span: Span) -> str:
    text = re.sub(r"\s+", " ", span.text.replace("\u00a0", " ")).strip()
    return _without_full_stop(text, span)


def _without_full_stop(text: str, span: Span) -> str:
    """ "George V." closing its sentence: the period is the sentence's, not the name's.

    An abbreviation keeps it: one with an inner period ("U.S.") or a known one ("Inc.").
    """
    if not text.endswith(".") or len(span) == 0:
        return text
    last = span[-1]
    after = span.doc[last.i + 1] if last.i + 1 < len(span.doc) else None
    closes_sentence = (
        last.i == last.sent.end - 1
        or (after is not None and after.text in SENTENCE_OPENERS)
        or (
            last.i + 1 < len(span.doc)
            and not span.doc[last.i + 1].is_alpha
            and span.doc[last.i + 1].text in {'"', "\u201d", "'", "\u2019", ")"}
        )
    )
    word = last.text
    if not closes_sentence or "." in word[:-1] or word.lower() in NAME_ABBREVIATIONS:
        return text
    return text[:-1].rstrip()


def _acronym(name: str) -> tuple[str, str, str]:
    words = re.findall(r"[A-Za-z][\w'-]*", name)
    capitalised = "".join(w[0] for w in words if w[0].isupper())
    content = "".join(w[0] for w in words if w.lower() not in ACRONYM_STOPWORDS)
    full = "".join(w[0] for w in words)
    return capitalised.upper(), content.upper(), full.upper()


# Words that belong to a surname written before it ("den Hartog", "van Gogh", "de Gaulle").
SURNAME_PARTICLES = frozenset(
    "al bin da das de del della den der des di dos du ibn la le st ten ter van von".split()
)
# Particles that are also given names ("Al Gore", "Del Shannon").
GIVEN_NAME_PARTICLES = frozenset({"al", "del", "st"})


def surname_start(words: list[str]) -> int:
    """Where the surname of a name's words begins: its last word with the particles written
    before it ("Piet van der Berg": 1); 0 where the particle opens the name ("Den Hartog",
    "Van Gogh": the surname whole, with no given name)."""
    start = len(words) - 1
    while start > 0 and words[start - 1].lower() in SURNAME_PARTICLES:
        start -= 1
    if start == 0 and words[0].lower() in GIVEN_NAME_PARTICLES and len(words) > 1:
        return 1  # "Al Gore"
    return start


def name_cut(tokens: list[Token] | Span) -> bool:
    """A phrase opening with a proper noun that a name's particle written before it, outside
    the phrase, belongs to: the parse or the NER has cut the surname from its name ("Jan den
    Hartog built" with "Hartog" alone), and the phrase alone names someone else."""
    if not len(tokens):
        return False
    first = min(tokens, key=lambda t: t.i)
    if first.pos_ != "PROPN":
        return False
    doc, start = first.doc, first.i
    while start > 0 and doc[start - 1].is_lower and doc[start - 1].lower_ in SURNAME_PARTICLES:
        start -= 1
    return 0 < start < first.i and doc[start - 1].text[:1].isupper()


PERSON_PRONOUNS = frozenset({"he", "she"})
# The last word of a name that makes it an organisation whatever comes before it.
ORGANISATION_WORDS = frozenset(
    "trust company inc ltd university college school party council group bank foundation "
    "association institute ministry club team corporation society agency committee union "
    "league church hospital museum press times news".split()
)
THING_PRONOUNS = frozenset({"it", "they"})


def _treated_as_person(span: Span) -> bool:
    """An honorific before the name, or the name as a subject that the next subject pronoun,
    with no other name between, calls "he" or "she"."""
    doc = span.doc
    words = [t for t in span if t.is_alpha]
    if not words or len(words) > 3 or any(t.is_lower for t in words):
        return False
    if not _may_name_a_person(span):
        return False
    before = _word_before(span)
    if before is not None and before.lower_.rstrip(".") in HONORIFICS - {"st"}:
        return True
    if _married(span):
        return True
    if span.root.dep_ not in SUBJECT_DEPS and not _recipient(span):
        return False
    limit = doc[span.end].sent.end if span.end < len(doc) else len(doc)
    if limit < len(doc):
        limit = doc[limit].sent.end  # this sentence and the next
    for token in doc[span.end : limit]:
        if token.ent_type_ and token.pos_ == "PROPN":
            return False  # another name comes first
        if token.pos_ == "NOUN" and token.ent_type_ not in {"DATE", "TIME"}:
            return False  # "spoke with a cosplayer. She ...": the pronoun may be the noun's
        if token.dep_ in SUBJECT_DEPS and token.lower_ in THING_PRONOUNS:
            return False
        if token.dep_ in SUBJECT_DEPS and token.lower_ in PERSON_PRONOUNS:
            return True
    return False


# Verbs whose object, or whose "to" phrase, receives something: a person or a body, so the
# pronoun that takes the name up says which ("gave the prize to Hanna Jersey, and she ...").
GIVING_VERBS = frozenset(
    "give award grant present hand offer bestow confer sell lend bequeath".split()
)


def _recipient(span: Span) -> bool:
    """The name receives what a verb of giving gives: its indirect object ("gave Ana the
    prize") or its "to" ("awarded the medal to Ana"); its object is what is given."""
    root = span.root
    head = root.head
    if root.dep_ == "dative":
        return head.lemma_ in GIVING_VERBS
    return (
        root.dep_ == "pobj"
        and head.lower_ == "to"
        and head.head.pos_ == "VERB"
        and head.head.lemma_ in GIVING_VERBS
    )


# First or last words that make a name a place's ("New Jersey", "Lake Tana", "Port Said").
PLACE_NAME_WORDS = frozenset(
    """new north south east west lake mount port fort cape san santa saint st upper lower
    great city island islands river valley bay county park street road square hill hills
    beach harbour harbor province state district""".split()
)


def _married(span: Span) -> bool:
    """One marries a person: a name of two or three capitalised words that is the object of
    "marry" ("married Elena Madrid") or follows "married to", and that no word of a
    place's name opens or closes."""
    words = [t for t in span if not t.is_punct]
    if not 2 <= len(words) <= 3 or not all(t.is_alpha and t.text.istitle() for t in words):
        return False
    if words[0].lower_ in PLACE_NAME_WORDS or words[-1].lower_ in PLACE_NAME_WORDS:
        return False
    root = span.root
    head = root.head
    if root.dep_ == "conj":
        root, head = head, head.head  # "married Ana Holt and then Eva Brenner"
    if root.dep_ == "dobj":
        return head.lemma_ == "marry"
    return root.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_ == "marry"


# Titles that only a person bears before a name ("King Osric", "Emperor Valens"); not
# "Prince" or "Saint", which also open the names of places ("Prince George", "Saint Petersburg").
PERSONAL_TITLES = frozenset(
    "king queen pope emperor empress tsar tsarina czar duke duchess bishop archbishop".split()
)
_ROMAN_NUMERAL = re.compile(r"^[IVX]+$")


def _titled_person(span: Span) -> bool:
    """A span the NER tagged an organisation or a place that is a title and a name: "King
    Osric of Wendmark", "Roman Emperor Valens", "King Christian IX" (not "Bishop of London",
    an office, nor "Duke University")."""
    words = [t for t in span if not t.is_punct]
    at = next(
        (i for i, t in enumerate(words) if t.text[:1].isupper() and t.lower_ in PERSONAL_TITLES),
        None,
    )
    if at is None or at + 1 >= len(words) or words[-1].lower_ in ORGANISATION_WORDS:
        return False
    name = []
    for token in words[at + 1 :]:
        if token.lower_ == "of":
            break
        name.append(token)
    return (
        bool(name)
        and all(
            t.is_alpha and t.text[:1].isupper() and t.lower_ not in PERSONAL_TITLES for t in name
        )
        and not _ROMAN_NUMERAL.match(name[0].text)
    )


def _word_before(span: Span) -> Token | None:
    return span.doc[span.start - 1] if span.start > 0 else None


def _may_name_a_person(span: Span) -> bool:
    """Not a country, nor a name ending in an organisation word ("Dr Halvorsen Trust"): what
    a title or an honorific before it says of a name holds only for such names."""
    words = [t for t in span if t.is_alpha] or list(span)
    return (
        normalise_name(span.text) not in country_names()
        and words[-1].lower_ not in ORGANISATION_WORDS
    )


def _after_title(span: Span) -> bool:
    """The capitalised word before the name is a title ("Pope Anselm", "Archbishop Osric")."""
    before = _word_before(span)
    return (
        before is not None
        and _may_name_a_person(span)
        and before.text[:1].isupper()
        and _is_title_token(before)
    )


def _after_in(span: Span) -> bool:
    """ "in Velmark", not "in Vance's novel"."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].text != "in":
        return False
    return span.end >= len(doc) or doc[span.end].lower_ not in {"'s", "’s", "'"}


# Verbs of going somewhere: the name a "to", "into", "through" or "across" after one of them
# ends in is where the going ends ("moved to Ghent", "swept through Flanders"), not a person.
GOING_VERBS = frozenset(
    """move emigrate immigrate migrate flee sail march spread sweep travel journey relocate
    retreat withdraw escape return retire exile banish evacuate""".split()
)
GOING_PREPOSITIONS = frozenset({"to", "into", "through", "across", "towards", "toward"})


def _reached_by_motion(span: Span) -> bool:
    """ "moved to Ghent", "the plague swept through Flanders": the object of a preposition of
    direction after a verb of going."""
    root = span.root
    preposition = root.head
    return (
        root.dep_ == "pobj"
        and preposition.lower_ in GOING_PREPOSITIONS
        and preposition.head.pos_ == "VERB"
        and preposition.head.lemma_ in GOING_VERBS
    )


# Prepositions whose object is where something is: "born in Petoskey", "a farm near Alden".
PLACING_PREPOSITIONS = frozenset({"in", "near", "outside"})


def _placed_by_its_words(span: Span, places: set[int]) -> bool:
    """A place name the words around it place: after "in", "near" or "outside" ("born in
    Petoskey"), reached by a verb of going ("returned to Petoskey"), or followed by a comma
    and another place of the text ("Petoskey, Michigan")."""
    doc = span.doc
    before = _word_before(span)
    if before is not None and before.lower_ in PLACING_PREPOSITIONS and _after_in_or_near(span):
        return True
    if _reached_by_motion(span):
        return True
    return span.end + 1 < len(doc) and doc[span.end].text == "," and span.end + 1 in places


def _after_in_or_near(span: Span) -> bool:
    """Not a possessive: "in Vance's novel" names a person."""
    doc = span.doc
    return span.end >= len(doc) or doc[span.end].lower_ not in {"'s", "’s", "'"}


def _located_in(span: Span, places: set[int]) -> bool:
    """ "Ghent in Belgium": the name followed by "in" and a place of the text."""
    doc = span.doc
    return (
        span.end + 1 < len(doc)
        and doc[span.end].lower_ == "in"
        and (
            span.end + 1 in places or (doc[span.end + 1].lower_ == "the" and span.end + 2 in places)
        )
    )


def _listed_with_places(span: Span, places: set[int], people: set[int]) -> bool:
    """A name coordinated with two places or more and with fewer people named in full ("Arlon,
    Tirel, Marlen and Velmark"; a one-word "person" beside it may be a place the NER missed).
    `places` and `people` are the tokens of the text's places and full names."""
    conjuncts = [t.i for t in span.root.conjuncts if t.i < span.start or t.i >= span.end]
    placed = sum(i in places for i in conjuncts)
    return placed >= 2 and placed > sum(i in people for i in conjuncts)


# Nouns a people's or an age's word modifies ("the Varrani period", "the Carrow conquest"); a
# name before another noun may be a body's ("the Lifeline charity").
AGE_NOUNS = frozenset(
    """period era age epoch times dynasty conquest invasion invasions settlement settlements
    rule wars war church style architecture tongue tribes migration migrations""".split()
)


def _modifies_a_common_noun(span: Span) -> bool:
    """One word between a determiner and the noun of an age or a people it modifies ("the
    Varrani period", "the Carrow conquest"): a people's or an age's word, not a person."""
    if len(span) != 1:
        return False
    doc, token = span.doc, span[0]
    if token.i == 0 or token.i + 1 >= len(doc) or doc[token.i - 1].pos_ != "DET":
        return False
    head = doc[token.i + 1]
    return (
        token.dep_ in {"compound", "amod"}
        and token.head.i == head.i
        and head.pos_ == "NOUN"
        and head.lower_ in AGE_NOUNS
    )


def _relabel_places(mentions: list[ActorMention], surnames: set[str]) -> None:
    """A one-word name the NER took for a person is a place where the text places it: written
    after "in" ("surveyors in Velmark"), named by the noun before its "of" anywhere in the
    text ("the Kingdom of Velmark", which also holds for an organisation), tagged a place
    elsewhere, or listed with places; unless a title, a role, a pronoun or a full name of the
    text says it is a person. One only ever modifying a common noun ("the Varrani period") is
    a people."""
    if not mentions:
        return
    named_places = {normalise_name(name) for name in _place_names(mentions[0].span.doc)}

    country_tokens = {t.i for m in mentions if m.label in {"place", "country"} for t in m.span}

    def placed(mention: ActorMention) -> bool:
        if len(mention.name.split()) != 1 or mention.role:
            return False
        key = normalise_name(mention.name)
        if mention.label == "person":
            return (
                key in named_places or _after_in(mention.span) or _reached_by_motion(mention.span)
            )
        # An organisation the text goes through ("the plague swept through Flanders"), or goes
        # to and places in a country ("moved to Bordeaux in France"), is a place.
        reached = _reached_by_motion(mention.span)
        return mention.label == "organisation" and (
            key in named_places
            or (reached and mention.span.root.head.lower_ in {"through", "across"})
            or (reached and _located_in(mention.span, country_tokens))
        )

    places = {normalise_name(m.name) for m in mentions if placed(m)}
    # The NER's own place for the name elsewhere ("in Velmark" ... "through Velmark"), or a
    # list of places the name stands in ("Arlon, Tirel and Velmark"), unless it is a first
    # name of the text's people.
    first_names = {
        normalise_name(m.name.split()[0])
        for m in mentions
        if m.label == "person" and len(m.name.split()) > 1
    }
    places |= {normalise_name(m.name) for m in mentions if m.label in {"place", "country"}} & {
        normalise_name(m.name)
        for m in mentions
        if m.label == "person"
        and len(m.name.split()) == 1
        and not m.role
        and m.name.lower() not in TITLE_WORDS  # "the Tsar"
    } - first_names
    place_tokens = {t.i for m in mentions if m.label in {"place", "country"} for t in m.span}
    full_name_tokens = {
        t.i for m in mentions if m.label == "person" and len(m.name.split()) > 1 for t in m.span
    }
    places |= {
        normalise_name(m.name)
        for m in mentions
        if m.label == "person"
        and len(m.name.split()) == 1
        and _listed_with_places(m.span, place_tokens, full_name_tokens)
    } - first_names
    places -= {normalise_name(surname) for surname in surnames} | {
        normalise_name(m.name)
        for m in mentions
        if normalise_name(m.name) in places
        and (m.role or _after_title(m.span) or _treated_as_person(m.span))
    }
    for mention in mentions:
        if mention.label in {"person", "organisation"} and normalise_name(mention.name) in places:
            if mention.label == "person" or placed(mention):
                mention.label = "place"
    # A one-word "person" only ever written as the modifier of a common noun ("the Varrani
    # period") names a people or an age, unless the text names a person so.
    people = {normalise_name(name) for name in surnames} | first_names
    modifiers = {
        normalise_name(m.name)
        for m in mentions
        if m.label == "person" and _modifies_a_common_noun(m.span) and not m.role
    } - people
    modifiers -= {
        normalise_name(m.name)
        for m in mentions
        if not _modifies_a_common_noun(m.span) or _after_title(m.span) or _treated_as_person(m.span)
    }
    for mention in mentions:
        if normalise_name(mention.name) in modifiers:
            mention.label = "group"


def cluster_mentions(mentions: list[ActorMention]) -> list[ActorCluster]:
    """Group mentions into actors: same name, curated aliases, surnames and acronyms."""
    clusters: list[ActorCluster] = []
    by_key: dict[str, ActorCluster] = {}
    surnames = {
        m.name.split()[-1]
        for m in mentions
        if m.label == "person" and len(m.name.split()) > 1 and m.name.istitle()
    }
    place_tokens = {t.i for m in mentions if m.label in {"place", "country"} for t in m.span}
    # A town that shares its name with a person of the text ("born in Petoskey, Michigan",
    # "Her father, Ted Petoskey"): where the text places the name, it is the town, an actor
    # of its own, never an alias of the person (a birthplace's answer accepts no person).
    towns = {
        id(m)
        for m in mentions
        if m.label in {"place", "country"}
        and m.name in surnames
        and _placed_by_its_words(m.span, place_tokens)
    }
    for mention in mentions:
        # NER often tags a lone surname ORG or GPE; the document's full names say otherwise.
        if (
            mention.label != "person"
            and mention.name in surnames
            and normalise_name(mention.name) not in country_names()
            and id(mention) not in towns
        ):
            mention.label = "person"
    # A name written after "Mr" or "Dr", or taken up by "he" or "she", names a person; so does a
    # name the text writes once after a title ("Pope Anselm", "King Osric"): NER tags the same
    # name alone ("the letters of Anselm") an organisation as often as not.
    people = {
        normalise_name(m.name)
        for m in mentions
        if m.label != "person" and not m.canonical_hint and _treated_as_person(m.span)
    } | {
        normalise_name(m.name)
        for m in mentions
        if not m.canonical_hint and _after_title(m.span) and len(m.name.split()) <= 3
    }
    for mention in mentions:
        if normalise_name(mention.name) in people and not mention.canonical_hint:
            mention.label = "person"
    _relabel_places(mentions, surnames)
    for mention in mentions:
        key = normalise_name(mention.canonical_hint or mention.name)
        if id(mention) in towns:
            key = f"place:{key}"
        cluster = by_key.get(key)
        if cluster is None:
            cluster = ActorCluster(canonical_hint=mention.canonical_hint)
            clusters.append(cluster)
            by_key[key] = cluster
        cluster.mentions.append(mention)
    clusters = _merge_surnames(clusters)
    return _merge_same_value(_merge_acronyms(clusters))


def _merge_same_value(clusters: list[ActorCluster]) -> list[ActorCluster]:
    """Two clusters that end up with one name are one actor (an actor's key is its name)."""
    by_value: dict[str, ActorCluster] = {}
    for cluster in clusters:
        owner = by_value.setdefault(cluster.value, cluster)
        if owner is not cluster:
            owner.mentions.extend(cluster.mentions)
            owner.mentions.sort(key=lambda m: m.span.start_char)
    return list(by_value.values())


def _tokens(name: str) -> list[str]:
    return normalise_name(name).split()


def _person_key(cluster: ActorCluster) -> tuple[str, str]:
    """A full name's first name and surname: "Edwin Marsh" and "Edwin Ralph Marsh" are
    one person, "Cecil Brand" and "Arthur Cecil Brand" two."""
    words = _tokens(cluster.value)
    return words[0], words[-1]


def _person_keys(cluster: ActorCluster) -> set[tuple[str, str]]:
    """The cluster's key, and the keys of the names the parser found inside its longer names
    ("Otto Henrik Lassen" of "Jens Otto Henrik Lassen"): a shorter name with one of those
    is that person."""
    keys = {_person_key(cluster)}
    for mention in cluster.mentions:
        words = _tokens(mention.core)
        if len(words) > 1:
            keys.add((words[0], words[-1]))
    return keys


def main_subject(clusters: list[ActorCluster]) -> ActorCluster | None:
    """The person the document is about (see `main_person`), among the clusters."""
    people = [c for c in clusters if c.label == "person" and len(_tokens(c.value)) > 1]
    if not people:
        return None
    found = main_person([(c.names, [m.span for m in c.mentions]) for c in people])
    return None if found is None else people[found]


def main_person(people: list[tuple[list[str], list[Span]]]) -> int | None:
    """Which of the text's people (each its names and mentions) the document is about: the one
    person whose names hold every word of a short first line (the title, "Ada Byron"), else
    the person named as the subject of the text's first sentence ("Ada Lovelace (1815-1852)
    was a mathematician")."""
    spans = [span for _, mentions in people for span in mentions]
    if not spans:
        return None
    doc = spans[0].doc
    text = doc_text(doc).lstrip()
    first_line = text.split("\n", 1)[0].strip()
    words = [normalise_name(w) for w in first_line.split() if w[:1].isupper()]
    if "\n" in text and words and len(first_line.split()) <= 6 and first_line[-1:] not in ".?!":
        titled = [
            index
            for index, (names, _) in enumerate(people)
            if set(words) <= {word for name in names for word in _tokens(name)}
        ]
        if len(titled) > 1:
            # "Sandy Moss" (the title) and "Sandford Sandy Moss" (the opening line): one
            # person, named in full by the longer name, when every other name is inside it.
            def words_of(index: int) -> set[str]:
                return {word for name in people[index][0] for word in _tokens(name)}

            fullest = max(titled, key=lambda i: (len(words_of(i)), -i))
            if all(words_of(i) <= words_of(fullest) for i in titled):
                titled = [fullest]
        if len(titled) == 1:
            return titled[0]
    opening = [s for s in islice(doc.sents, 3) if any(t.pos_ in {"VERB", "AUX"} for t in s)][:1]
    for sentence in opening:
        for index, (_, mentions) in enumerate(people):
            for span in mentions:
                root = span.root
                if (
                    sentence.start <= root.i < sentence.end
                    and root.dep_ in SUBJECT_DEPS
                    and root.head == sentence.root
                    and not _birth_name(span)
                ):
                    return index
    return None


def _birth_name(span: Span) -> bool:
    """A name given as the one someone was born with ("born Sandford Moller", "née Vantongeren"):
    another name of the person the sentence is about, whatever the parse made it."""
    before = span.doc[max(span.start - 2, 0) : span.start]
    return any(token.lower_ in {"born", "née", "nee", "formerly"} for token in before)


def _merge_surnames(clusters: list[ActorCluster]) -> list[ActorCluster]:
    """A surname or first name alone is the person whose full name it shortens, when one person
    has it; a surname that several people of the text share ("Brand" for a son and his father
    "Cecil Brand") stands for the person the text is about, else for no one; a first name
    stands for a full name whose surname several people share only when it is the first name
    of the person the text is about and nobody else's (a family's members are told apart by
    their first names: "William" is not "William Marsh" in a life of Edwin Marsh). A first
    name coordinated with a full name shares its surname ("to Ivo and Ana Marsh": "Marsh"
    alone is not Ana Marsh, `_coordinated_first_names`)."""
    full_names = [c for c in clusters if c.label == "person" and len(_tokens(c.value)) > 1]
    main = main_subject(clusters)
    full_names = _merge_full_names(full_names, main)
    clusters = [c for c in clusters if c.mentions]
    full_names = [c for c in full_names if c.mentions]
    bearers: dict[str, set[str]] = {}
    for cluster in full_names:
        first, surname = _person_key(cluster)
        bearers.setdefault(surname, set()).add(first)
    shared = _coordinated_first_names(full_names)
    merged: list[ActorCluster] = []
    for cluster in clusters:
        words = _tokens(cluster.value)
        if cluster.label != "person" or len(words) != 1 or cluster in full_names:
            merged.append(cluster)
            continue
        owners = [c for c in full_names if _person_key(c)[1] == words[0]]
        if not owners:
            firsts = [c for c in full_names if _person_key(c)[0] == words[0]]
            owners = [c for c in firsts if len(bearers[_person_key(c)[1]]) == 1]
            if not owners and main in firsts and len({_person_key(c) for c in firsts}) == 1:
                # "Ivo" in a life of Ivo Marchetti, where no other Ivo is named, is
                # Ivo, although his father and uncle are Marchettis too.
                owners = [main]
        people = {_person_key(c) for c in owners}
        if any(_person_key(c)[1] == words[0] for c in owners):
            people |= {(first, words[0]) for first in shared.get(words[0], ())}
        if len(people) > 1:
            owners = [main] if main in owners else []
        if not owners:
            merged.append(cluster)
            continue
        owner = max(owners, key=lambda c: len(c.mentions))
        owner.mentions.extend(cluster.mentions)
        owner.mentions.sort(key=lambda m: m.span.start_char)
    return [c for c in merged if c.mentions]


def _coordinated_first_names(full_names: list[ActorCluster]) -> dict[str, set[str]]:
    """First names written before "and" and a full name, which share its surname ("born to
    Ivo and Ana Marsh": Ivo is a Marsh too), by surname."""
    found: dict[str, set[str]] = {}
    for cluster in full_names:
        surname = _person_key(cluster)[1]
        for mention in cluster.mentions:
            start, doc = mention.span.start, mention.span.doc
            if start < 2 or doc[start - 1].lower_ != "and":
                continue
            first = doc[start - 2]
            alone = start < 3 or doc[start - 3].pos_ != "PROPN"
            if first.pos_ == "PROPN" and first.is_title and alone:
                found.setdefault(surname, set()).add(normalise_name(first.text))
    return found


def _merge_full_names(
    full_names: list[ActorCluster], main: ActorCluster | None
) -> list[ActorCluster]:
    """ "Edwin Marsh" is "Edwin Ralph Marsh" when one longer name has that first name
    and surname (and the document's subject when it is one of them)."""
    for short in sorted(full_names, key=lambda c: len(_tokens(c.value))):
        if not short.mentions:
            continue
        longer = [
            c
            for c in full_names
            if c is not short
            and c.mentions
            and _person_key(short) in _person_keys(c)
            and len(_tokens(c.value)) > len(_tokens(short.value))
        ]
        if main in longer:
            longer = [main]
        if len(longer) != 1:
            continue
        longer[0].mentions.extend(short.mentions)
        longer[0].mentions.sort(key=lambda m: m.span.start_char)
        short.mentions = []
    return full_names


def propagate_names(doc: Doc, clusters: list[ActorCluster]) -> None:
    """Find the names of known actors where NER missed them ("Pasco" after "Dale Pasco")."""
    taken = {
        i for cluster in clusters for m in cluster.mentions for i in range(m.span.start, m.span.end)
    }
    patterns: dict[str, list[tuple[tuple[str, ...], ActorCluster]]] = {}
    main = main_subject(clusters)
    shared = _coordinated_first_names(
        [c for c in clusters if c.label == "person" and len(_tokens(c.value)) > 1]
    )
    for cluster in clusters:
        names = {tuple(m.span.text.split()) for m in cluster.mentions}
        names = {name[1:] if name[0].lower() == "the" else name for name in names}
        first, surname = _person_key(cluster) if cluster.mentions else ("", "")
        if cluster.label == "person" and (
            cluster is main or not shared.get(surname, set()) - {first}
        ):
            # Not the surname alone of "Ana Marsh" born "to Ivo and Ana Marsh": Ivo is a
            # Marsh too, and "Marsh" may be their child.
            # None for "Den Hartog": the name is a surname whole.
            names |= {(name[-1],) for name in names if len(name) > 1 and surname_start(list(name))}
        for name in names:
            if name and name[0][:1].isupper():
                patterns.setdefault(name[0], []).append((name, cluster))
    # A surname several people share is found alone only for the person the text is about.
    for word, entries in patterns.items():
        alone = [(name, cluster) for name, cluster in entries if len(name) == 1]
        if len({id(cluster) for _, cluster in alone}) > 1:
            patterns[word] = [
                (name, cluster) for name, cluster in entries if len(name) > 1 or cluster is main
            ]
    proper_nouns = numpy.flatnonzero(doc.to_array([POS]) == PROPN) if len(doc) else []
    for index in proper_nouns:
        token = doc[int(index)]
        if token.i in taken or token.text not in patterns:
            continue
        for name, cluster in sorted(patterns[token.text], key=lambda item: -len(item[0])):
            end = token.i + len(name)
            if end > len(doc) or tuple(t.text for t in doc[token.i : end]) != name:
                continue
            if any(i in taken for i in range(token.i, end)):
                continue
            if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
                continue
            before = doc[token.i - 1] if token.i > 0 else None
            if before is not None and before.pos_ == "PROPN" and before.text[:1].isupper():
                continue
            span = doc[token.i : end]
            if name_cut(span):
                continue  # "Jan den Hartog": the surname of another name, not this one's
            cluster.mentions.append(
                ActorMention(span, cluster.label, _name_of(span), "", cluster.canonical_hint)
            )
            taken.update(range(token.i, end))
            break
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.span.start_char)


def _merge_acronyms(clusters: list[ActorCluster]) -> list[ActorCluster]:
    result = list(clusters)
    for short in clusters:
        name = short.value.replace(".", "")
        if not (name.isupper() and 3 <= len(name) <= 8) or short not in result:
            continue
        if short.canonical_hint:
            continue
        owners = [
            c
            for c in result
            if c is not short
            and len(c.value.split()) > 1
            and (name in _acronym(c.value) or same_letters(name, c.value))
            and c.label != "person"
        ]
        if len(owners) == 1:
            owners[0].mentions.extend(short.mentions)
            owners[0].mentions.sort(key=lambda m: m.span.start_char)
            result.remove(short)
    return result
