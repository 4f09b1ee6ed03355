"""Questions on the terms a text defines (see `quizgen.nlp.terms`).

For each term: "Which term describes <definition>?" ("Which view holds that …?" for a school
of thought) as a short answer and, when the text defines at least two other terms, as
multiple choice with those terms as the options (put in the answer's number: "prototypes"
beside "concepts"; other schools of thought beside a school of thought); the defining sentence
with the term blanked; and, over three to five terms, a term-to-definition matching question.

The key accepts the term as written, its other number only where the text shows the noun is
countable (it writes the other form, or "a"/"an" before it: no "goodnesses" for a mass noun),
the other name the text gives it ("what we have in view is called thrift or
frugality") and the acronym it puts in brackets after the term ("ground-penetrating radar
(GPR)").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from hashlib import sha256

from lemminflect import getInflection, getLemma
from spacy.tokens import Doc, Span

from quizgen.nlp.generate.builders import Candidate, explanation_for, matching
from quizgen.nlp.generate.text import normalise
from quizgen.nlp.parsed import doc_text
from quizgen.nlp.structure import Region, box_region
from quizgen.nlp.terms import GENERAL_HEADS, PARTICULAR_MODIFIERS, PASSING, TERM_USED
from quizgen.nlp.types import Extraction, FactKind, QuestionKind, TermFact

MAX_OPTIONS = 4
MIN_DISTRACTORS = 2
MATCHING_MAX_DEFINITION_WORDS = 16
BLANK = "_____"
# The rule each kind of term question is named by, shown to the teacher beside the defects.
RULES = {QuestionKind.FILL_BLANK: "term:cloze", QuestionKind.MATCHING: "term:matching"}
# "Which term describes woven straw hives?" from "used skeps, or woven straw
# hives, for the swarms": a gloss in passing is no definition on its own (baskets and
# boxes fit it too); only its sentence, blanked, asks for the term fairly.
GLOSS_RULE = "term:which_term_gloss"
# The same for a name given to one of a class in passing ("a pale stain known as velin").
GLOSS_PATTERNS = ("or", PASSING)
SECTION_WORDS = {
    "conclusion",
    "introduction",
    "summary",
    "overview",
    "background",
    "review",
    "section",
    "question",
    "relation",
    "situation",
    "mention",
}
# What a school of thought, its adherents or a field of study are asked with, the definition
# being what they hold or study ("Which view holds that …?", "Which field studies …?").
VIEW_PROMPTS = {"holds": "Which view", "adherents": "Which thinkers", "field": "Which field"}
# The options of such a question end as the answer's kind does (a school beside schools).
SAME_ENDINGS = {
    "holds": ("ism", "theory"),
    "adherents": ("ists",),
    "field": ("ics", "logy", "graphy", "nomy"),
}
# Endings of nouns that name ideas: "motivation", "awareness", "gravity", "realism", "ethics".
CONCEPT_ENDINGS = (
    "tion",
    "sion",
    "ness",
    "ity",
    "ism",
    "ance",
    "ence",
    "ment",
    "ology",
    "ics",
    "ship",
    "ure",
    "ions",
    "isms",
    "ances",
    "ences",
    "ments",
)


def term_facts(extraction: Extraction) -> list[TermFact]:
    """The defined terms of the running text, the first definition of each term only."""
    seen: set[str] = set()
    terms = []
    for fact in extraction.of_kind(FactKind.TERM):
        if not isinstance(fact, TermFact) or fact.sentence.region != Region.BODY:
            continue
        key = stem_key(str(fact.value))
        if key in seen:
            continue  # "moral realism" after "moral realists": each would give the other away
        seen.add(key)
        terms.append(fact)
    return terms


SCHOOL_SUFFIX = re.compile(r"(?:ism|ists?|istic)$")


def stem_key(value: str) -> str:
    """`_lemma_key` with a school's ending taken off, so that a school of thought and its
    adherents are one idea ("moral realism", "moral realists" → "moral real-"), and a word
    without the ending stays apart ("capital" is not "capitalism")."""
    key = _lemma_key(value)
    stemmed = SCHOOL_SUFFIX.sub("", key)
    if stemmed == key or len(stemmed.split()[-1] if stemmed.split() else "") < 3:
        return key
    return stemmed + "-"


def term_candidates(extraction: Extraction, importance: dict[int, float]) -> list[Candidate]:
    """Short answer, multiple choice and cloze questions per term, and one matching."""
    terms = term_facts(extraction)
    found: list[Candidate] = []
    pool = topic_terms(extraction, terms) if terms else []
    for fact in terms:
        weight = _importance(fact, extraction, importance)
        found.extend(_term_questions(fact, pool, weight, extraction.text))
    # A gloss in passing ("a large potential") fits other terms as well: no pair to match.
    pairs = [
        (str(fact.value), _sentence_case_free(fact.definition), fact)
        for fact in terms
        if len(fact.definition.split()) <= MATCHING_MAX_DEFINITION_WORDS
        and fact.pattern not in {"which means", TERM_USED}
        and fact.pattern not in VIEW_PROMPTS
        and fact.pattern not in GLOSS_PATTERNS
    ]
    paired = matching(
        pairs,
        "Match each term with the right definition.",
        "terms",
        "The text defines them: " + "; ".join(f"{t}: {d}" for t, d, _ in pairs) + ".",
        importance,
    )
    if paired is not None:
        paired.importance = max(paired.importance, 0.9)
        found.append(paired)
    for candidate in found:
        gloss = candidate.facts and getattr(candidate.facts[0], "pattern", "") in GLOSS_PATTERNS
        default = GLOSS_RULE if gloss else "term:which_term"
        candidate.rule = RULES.get(candidate.kind, default)
    return found


def term_prompt(fact: TermFact) -> str:
    if fact.pattern == "which means":
        return f"Which term means that {fact.definition}?"
    if fact.pattern == TERM_USED:
        # "medical term used when a ringing is heard …" → "Which medical term is used when …?"
        words = fact.definition.split(" ")
        at = next(i for i, word in enumerate(words) if word in {"used", "given", "applied"})
        head, used, rest = " ".join(words[:at]), words[at], " ".join(words[at + 1 :])
        return f"Which {head} is {used} {rest}?"
    if fact.pattern in VIEW_PROMPTS:
        # What a school of thought holds is its claim, kept as its claim.
        return f"{VIEW_PROMPTS[fact.pattern]} {fact.definition}?"
    # "those who believe ..." on its own points back; the people it names do not.
    definition = re.sub(r"^those (who|that)\b", r"people \1", fact.definition)
    return f"Which term describes {_sentence_case_free(definition)}?"


def _sentence_case_free(definition: str) -> str:
    """A definition without the capital of the sentence it opened: a naming sentence opens with
    the description ("The softer tissue … is called …")."""
    return re.sub(r"^(The|A|An)\b", lambda m: m.group(1).lower(), definition)


def _term_questions(
    fact: TermFact, pool: list[str], weight: float, document: str
) -> list[Candidate]:
    answer = str(fact.value)
    accepted = _accepted(fact, document)
    prompt = term_prompt(fact)
    common = {
        "sentence": fact.sentence,
        "facts": (fact,),
        "answer_text": answer,
        "accepted": accepted,
        "explanation": explanation_for(fact.sentence).replace("The article", "The text", 1),
        "specificity": 1.0,
        "importance": weight,
    }
    identity = (fact.key, normalise(answer))
    found = [
        Candidate(
            kind=QuestionKind.SHORT_ANSWER,
            prompt=prompt,
            question_text=prompt,
            difficulty=0.6,
            identity=identity,
            **common,
        )
    ]
    options = _options(fact, pool, document)
    if options is not None:
        found.append(
            Candidate(
                kind=QuestionKind.MULTIPLE_CHOICE,
                prompt=prompt,
                question_text=prompt,
                options=options,
                distractor_quality=1.0,
                difficulty=0.4,
                identity=identity,
                **common,
            )
        )
    cloze = _cloze(fact)
    if cloze is not None:
        found.append(
            Candidate(
                kind=QuestionKind.FILL_BLANK,
                prompt=f"Fill in the blank: {cloze}",
                question_text=prompt,
                difficulty=0.55,
                identity=identity,
                **common,
            )
        )
    return found


def _importance(fact: TermFact, extraction: Extraction, importance: dict[int, float]) -> float:
    """A term the text names in a heading, or uses again, is one of the ideas it teaches."""
    value = str(fact.value).lower()
    pattern = re.compile(rf"\b{re.escape(value)}\b", re.IGNORECASE)
    in_heading = any(
        sentence.region in {Region.TITLE, Region.HEADING} and pattern.search(sentence.text)
        for sentence in extraction.sentences
    )
    uses = len(pattern.findall(extraction.text))
    base = importance.get(fact.sentence.start, 0.8)
    return round(
        min(1.0, max(base, 0.8) + (0.1 if in_heading else 0) + (0.1 if uses > 1 else 0)), 4
    )


def _lemma_key(value: str) -> str:
    words = value.lower().split()
    if not words:
        return ""
    index = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    singular = getInflection(words[index], "NN")
    words[index] = singular[0] if singular else words[index]
    return " ".join(words)


def _in_number(value: str, plural: bool, text: str = "") -> str:
    """The term in the singular or the plural ("economies of scale": its head noun), when the
    text itself writes that form; otherwise as it is."""
    words = value.split()
    index = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    lemmas = getLemma(words[index], "NOUN")
    forms = getInflection(lemmas[0] if lemmas else words[index], "NNS" if plural else "NN")
    if forms:
        candidate = " ".join([*words[:index], forms[0], *words[index + 1 :]])
        if not text or re.search(rf"\b{re.escape(candidate)}\b", text, re.IGNORECASE):
            return candidate
    return value


def _accepted(fact: TermFact, document: str = "") -> tuple[str, ...]:
    answer = str(fact.value)
    forms = [answer, fact.text.strip()]
    if len(answer.split()) == 1:
        other = _in_number(answer, not fact.plural)
        if _countable(answer, other, fact.plural, document):
            forms.append(other)
    forms.extend(other_names(answer, document))
    forms.extend(short_names(answer, document))
    unique: list[str] = []
    for form in forms:
        if form and form.casefold() not in {u.casefold() for u in unique}:
            unique.append(form)
    return tuple(unique)


def _countable(answer: str, other: str, plural: bool, document: str) -> bool:
    """Whether the text shows the noun has both numbers: it writes the other form, or (for a
    term written in the singular) "a"/"an"/"each"/"every"/"another" before it. No suffix is
    pasted onto a mass noun, an abstract noun or an activity ("morality", "speeding")."""
    if not document or other.casefold() == answer.casefold():
        return False
    if re.search(rf"\b{re.escape(other)}\b", document, re.IGNORECASE):
        return True
    if plural:
        return False
    return bool(
        re.search(rf"\b(?:an?|each|every|another|one)\s+{re.escape(answer)}\b", document, re.I)
    )


NAMED_AS = r"(?:called|known as|termed|named|referred to as)"
QUOTE = r"[“”\"'‘’]?"


def other_names(term: str, document: str) -> list[str]:
    """The other name the text gives a term where it names it: "is called thrift or
    frugality", "known as frugality or thrift" (one or two lower-case words)."""
    if not document:
        return []
    article = r"(?:(?:the|an?)\s+)?"  # "known as the moot, or the folkmoot"
    name = rf"{article}{QUOTE}([a-z][\w-]*(?: [a-z][\w-]*)?){QUOTE}"
    term_pattern = rf"{article}{QUOTE}{re.escape(term)}{QUOTE}"
    found = []
    for pattern in (
        rf"\b{NAMED_AS}\s+{term_pattern},?\s+or\s+{name}(?=[\s.,;:)!?]|$)",
        rf"\b{NAMED_AS}\s+{name},?\s+or\s+{term_pattern}(?=[\s.,;:)!?]|$)",
    ):
        for match in re.finditer(pattern, document, re.IGNORECASE):
            other = match.group(1)
            if other.split()[-1].lower() not in {"the", "a", "an", "of", "and", "or"}:
                found.append(other)
    return found


def short_names(term: str, document: str) -> list[str]:
    """The acronym the text puts in brackets after the term: "ground-penetrating radar
    (GPR)" is also "GPR"."""
    if not document:
        return []
    pattern = rf"\b(?i:{re.escape(term)})\s*\(([A-Z]{{2,}})\)"
    return list(dict.fromkeys(m.group(1) for m in re.finditer(pattern, document)))


def topic_terms(extraction: Extraction, terms: list[TermFact]) -> list[str]:
    """The chapter's vocabulary, best first: the terms it defines, the nouns of its headings
    ("Concepts and Prototypes"), then the noun phrases its running text uses most."""
    pool: list[str] = [str(fact.value) for fact in terms]
    doc = extraction.doc
    if not isinstance(doc, Doc) or doc_text(doc) != extraction.text:
        return pool
    for sentence in extraction.sentences:
        if sentence.region not in {Region.TITLE, Region.HEADING} or box_region(sentence.text):
            continue
        for piece in re.finditer(r"[^,:;&()]+", sentence.text):
            for part in re.split(r"\s+and\s+|\s+or\s+", piece.group(0)):
                phrase = _topic_phrase(
                    doc, sentence.start + piece.start() + piece.group(0).find(part), part
                )
                if phrase:
                    pool.append(phrase)
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    # The running text's own words: a caption's "image credit" is no term of the chapter.
    body = [(s.start, s.end) for s in extraction.sentences if s.region == Region.BODY]
    starts = [start for start, _ in body]
    for chunk in doc.noun_chunks:
        at = bisect_right(starts, chunk.start_char) - 1
        phrase = _chunk_phrase(chunk)
        if phrase and at >= 0 and chunk.end_char <= body[at][1]:
            key = _lemma_key(phrase)
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, phrase)
    frequent = sorted((key for key, n in counts.items() if n >= 2), key=lambda k: -counts[k])
    pool.extend(first[key] for key in frequent)
    return list(dict.fromkeys(pool))


def _topic_phrase(doc: Doc, start: int, part: str) -> str:
    text = part.strip()
    if not text or not 1 <= len(text.split()) <= 3 or re.search(r"\d", text):
        return ""
    begin = start + part.find(text)
    span = doc.char_span(begin, begin + len(text), alignment_mode="expand")
    if span is None or span.root.pos_ not in {"NOUN", "PROPN"} or span[-1] != span.root:
        return ""
    if any(t.pos_ in {"VERB", "AUX", "DET", "PRON", "ADP"} for t in span):
        return ""
    if span.root.lemma_.lower() in GENERAL_HEADS | SECTION_WORDS:
        return ""
    # The running text writes it in lower case: a term, not a name ("African American").
    if not re.search(rf"(?<![.!?] )\b{re.escape(text.lower())}\b", doc_text(doc)):
        return ""
    return text.lower()


def _chunk_phrase(chunk: Span) -> str:
    tokens = [
        t for t in chunk if t.dep_ not in {"det", "poss", "nummod", "predet"} and not t.is_punct
    ]
    if not 1 <= len(tokens) <= 3 or chunk.root.pos_ != "NOUN" or tokens[-1] != chunk.root:
        return ""
    if chunk.root.lemma_.lower() in GENERAL_HEADS | SECTION_WORDS or len(chunk.root.text) < 4:
        return ""
    if len(tokens) == 1 and not chunk.root.lower_.endswith(CONCEPT_ENDINGS):
        return ""  # a single everyday noun ("list") is no term; "motivation" is
    if any(t.pos_ not in {"NOUN", "ADJ"} or t.lower_ in PARTICULAR_MODIFIERS for t in tokens):
        return ""
    if any(t.text[:1].isupper() and t.i != t.sent.start for t in tokens):
        return ""
    return " ".join(t.lower_ for t in tokens)


def _alternative_name(answer: str, other: str, document: str) -> bool:
    a, b = re.escape(answer), re.escape(other)
    return bool(re.search(rf"\b(?:{a},? or {b}|{b},? or {a})\b", document, re.IGNORECASE))


def _options(fact: TermFact, pool: list[str], document: str) -> tuple[tuple[str, bool], ...] | None:
    answer = str(fact.value)
    answer_key = _lemma_key(answer)
    answer_stem = stem_key(answer)
    context = (fact.sentence.text + " " + fact.definition).lower()
    candidates: list[str] = []
    for other in pool:
        key = _lemma_key(other)
        if not key or key == answer_key or key in answer_key or answer_key in key:
            continue
        if stem_key(other) == answer_stem:
            continue  # "moral realism" is no wrong answer beside "moral realists"
        if re.search(rf"\b{re.escape(other.lower())}\b", context) or _alternative_name(
            answer, other, document
        ):
            continue  # in the definition, or another name for the term ("grit or resilience")
        form = _in_number(other, fact.plural, document) if len(other.split()) == 1 else other
        if re.search(rf"\b{re.escape(form.lower())}\b", context):
            continue
        if fact.pattern in SAME_ENDINGS and not form.lower().endswith(SAME_ENDINGS[fact.pattern]):
            continue  # a school of thought beside schools of thought, a field beside fields
        if _lemma_key(form) not in {_lemma_key(c) for c in candidates}:
            candidates.append(form)
    distractors = candidates[: MAX_OPTIONS - 1]
    multiword = len(answer.split()) >= 2
    if distractors and all((len(d.split()) >= 2) != multiword for d in distractors):
        same = [c for c in candidates[MAX_OPTIONS - 1 :] if (len(c.split()) >= 2) == multiword]
        if same:
            distractors[-1] = same[0]
    if len(distractors) < MIN_DISTRACTORS:
        return None
    options = [(answer, True)] + [(d, False) for d in distractors]
    # A stable position for the answer that differs from term to term.
    shift = int(sha256(fact.key.encode()).hexdigest(), 16) % len(options)
    options = options[shift:] + options[:shift]
    return tuple(options)


def _cloze(fact: TermFact) -> str | None:
    """The defining sentence with the term blanked, once."""
    sentence = fact.sentence
    start, end = fact.start - sentence.start, fact.end - sentence.start
    text = sentence.text
    if not 0 <= start < end <= len(text):
        return None
    blanked = text[:start] + BLANK + text[end:]
    # An empty bracket left where the source had a figure or a pronunciation: "marrow ()".
    blanked = re.sub(r"\s*\(\s*\)", "", blanked)
    # The term again elsewhere in the sentence, in either number, would give it away; a
    # longer word that only begins with it does not ("eosin" in "eosinophils").
    if re.search(rf"\b{re.escape(str(fact.value))}(?:s|es)?\b", blanked, re.IGNORECASE):
        return None
    return blanked


# Questions on the terms a text defines (rules named "term:…").
DEFINITION_RULES = ("term:",)
