"""Forms of a typed answer a teacher accepts because the text itself uses them for the same thing.

A key written as the text first names a thing ("the Northern School of Applied Design") is
too narrow when the text goes on to call it something shorter, or gives it a second name.
`text_forms` adds, for a name answer, the forms the text licenses:

- **The country abbreviated.** "the United States Congress" is also "the U.S. Congress" (a
  rule of English, with or without the text).
- **A short form the text uses.** The name cut before "of"/"for" ("the Northern School") or
  without the country it opens with ("Congress"), when the text writes that short form on its own
  somewhere and never as part of another name ("the Northern School of Music", "the
  Continental Congress"): the short form must name only this thing.
- **A second name the text gives.** "X, or Y," "X (Y)", "X, also known as Y" / "also
  called Y" (either way round): Y is another name of X.

- **A work without its author.** "the Odes of Varro", where Varro is a person of the text,
  is also "the Odes".

A second name that is another person of the text is never added to a thing's key; a short
form that is part of another name of the text never is either.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from quizgen.nlp.generate.clause import doc_index
from quizgen.nlp.types import ActorFact, Extraction, Fact

_CAPITALISED = r"[A-Z][\w'’.-]*"
# A name: capitalised words, with "of", "for", "and", "the" between them.
_NAME = rf"(?:the\s+)?{_CAPITALISED}(?:\s+(?:(?:of|for|and|the|on|de)\s+)*{_CAPITALISED}){{0,5}}"
_COUNTRIES = {"United States": "U.S.", "United Kingdom": "U.K."}
_LINKERS = (r",\s+or\s+", r",\s+also\s+(?:known\s+as|called)\s+", r"\s+\(")


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^\w\s]")


def _bare(form: str) -> str:
    return _LEADING_THE.sub("", form.strip())


def _fold(form: str) -> str:
    return _NOT_WORD.sub("", _bare(form)).casefold().strip()


def _named_facts(extraction: Extraction) -> list[tuple[int, str, bool, list[str]]]:
    """Each fact of the text as (id, label, whether a person, its folded names), computed
    once per parse: every typed question's key reads them all."""
    doc = extraction.doc
    views = doc_index(doc).extraction_views if isinstance(doc, Doc) else {}
    found = views.get("keys_named_facts")
    if found is None:
        found = []
        for fact in extraction.facts:
            forms = [fact.text]
            if isinstance(fact, ActorFact):
                forms += [str(fact.value), *fact.aliases]
            person = isinstance(fact, ActorFact) and fact.label == "person"
            found.append(
                (id(fact), fact.label or fact.kind, person, [_fold(f) for f in forms if f])
            )
        views["keys_named_facts"] = found
    return found  # type: ignore[return-value]


def _other_things(extraction: Extraction, facts: tuple[Fact, ...]) -> dict[str, set[str]]:
    """The labels of the other facts of the text, by each of their folded names."""
    own = {id(fact) for fact in facts}
    labels: dict[str, set[str]] = {}
    for key, label, _, folded in _named_facts(extraction):
        if key in own:
            continue
        for form in folded:
            labels.setdefault(form, set()).add(label)
    return labels


def _people(extraction: Extraction, facts: tuple[Fact, ...]) -> set[str]:
    """The folded names of the people of the text other than the question's own facts."""
    own = {id(fact) for fact in facts}
    names: set[str] = set()
    for key, _, person, folded in _named_facts(extraction):
        if person and key not in own:
            names.update(folded)
    return names


def _short_forms(name: str) -> list[str]:
    """ "the Northern School of Applied Design" -> "the Northern School";
    "the United States Congress" -> "Congress" (the country's name dropped)."""
    bare = _bare(name)
    words = bare.split()
    if len(words) < 2:
        return []
    forms = []
    cut = re.match(r"^(.+?)\s+(?:of|for)\s+", bare)
    if cut and len(cut.group(1).split()) >= 2:
        forms.append(cut.group(1))
    for country, short in _COUNTRIES.items():
        for written in (country, short):
            rest = bare[len(written) :].strip() if bare.startswith(f"{written} ") else ""
            if rest and rest[0].isupper():
                forms.append(rest)  # the country's own institution, named without it
    return forms


def _used_alone(short: str, name: str, text: str) -> bool:
    """The text writes `short` on its own at least once, and never inside another name."""
    full = _bare(name)
    inside = [(m.start(), m.end()) for m in re.finditer(re.escape(full), text)]
    prefix = full[: -len(short)].strip() if full.endswith(short) else ""
    variants = [f"{form} " for form in (prefix, _COUNTRIES.get(prefix, "")) if form]
    alone = False
    for match in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
        if any(start <= match.start() and match.end() <= end for start, end in inside):
            continue  # the full name itself
        before = text[max(0, match.start() - 40) : match.start()]
        if any(before.endswith(variant) for variant in variants):
            continue  # the full name in another form: "the U.S. Congress"
        after = text[match.end() : match.end() + 40]
        if re.match(r"\s+(?:(?:of|for)\s+(?:the\s+)?)?[A-Z]", after):
            return False  # part of another name: "the Northern School of Music"
        if re.search(rf"{_CAPITALISED}\s+$", before) and not _sentence_start(before):
            return False  # "the Continental Congress"
        alone = True
    return alone


def _sentence_start(before: str) -> bool:
    """The capitalised word before stands at the start of a sentence ("The", "In")."""
    return bool(re.search(r"(?:^|[.!?]\s+)(?:The|A|An|In|At|By|From|To|For)\s+$", before))


def _initials(name: str) -> str:
    return "".join(word[0] for word in _bare(name).split() if word[0].isupper())


def _fitted(other: str, name: str) -> str | None:
    """`other` as a second name of `name`: when one of them is an acronym ("MLB"), the
    other's last words that spell it ("the Harlow Hawks of the Coastal Rowing League" ->
    "Coastal Rowing League" for "CRL"), and nothing when none do."""
    acronym = re.compile(r"[A-Z]{2,6}")
    if acronym.fullmatch(_bare(name)):
        words = _bare(other).split()
        for start in range(len(words)):
            tail = " ".join(words[start:])
            if _initials(tail) == _bare(name) and tail[0].isupper():
                return tail
        return None
    if acronym.fullmatch(_bare(other)):
        return other if _initials(name) == _bare(other) else None
    return other


# A linker at the start of a string, and one (with the "the" a name may take after it) at
# the end of a string read backwards: whether the text links a name to another at all.
_LINKER_NEXT = re.compile("|".join(_LINKERS))
_LINKER_BEFORE_REVERSED = re.compile(
    r"(?:\s+eht)?(?:\s+ro\s+,|\s+(?:sa\s+nwonk|dellac)\s+osla\s+,|\(\s+)"
)


def _linked_anywhere(bare: str, text: str) -> bool:
    """Whether some occurrence of `bare` in the text has a linker right after it, or right
    before it: what every match of `_second_names`' patterns holds. Most names have none,
    and this is read without a regular expression built for the name."""
    reversed_text = ""
    at = text.find(bare)
    while at != -1:
        if _LINKER_NEXT.match(text, at + len(bare)):
            return True
        if not reversed_text:
            reversed_text = text[::-1]
        if _LINKER_BEFORE_REVERSED.match(reversed_text, len(text) - at):
            return True
        at = text.find(bare, at + 1)
    return False


def _second_names(name: str, text: str) -> list[str]:
    """Y where the text writes "X, or Y,", "X (Y)", "X, also known as Y" (or Y before X)."""
    found: list[str] = []
    bare = _bare(name)
    if bare and not _linked_anywhere(bare, text):
        return found
    escaped = re.escape(bare)
    for linker in _LINKERS:
        closing = r"\)" if linker.endswith(r"\(") else r"(?=[,.;:)])"
        after = re.compile(rf"(?<![\w-]){escaped}{linker}({_NAME}){closing}")
        before = re.compile(rf"(?<![\w-])({_NAME}){linker}(?:the\s+)?{escaped}{closing}")
        for pattern in (after, before):
            for match in pattern.finditer(text):
                other = _fitted(match.group(1), name)
                if other is None:
                    continue
                if re.search(r"\d", other) or _fold(other) == _fold(name):
                    continue
                start = match.start()
                if pattern is after and re.search(
                    r"\b(?:either|whether)\s+(?:the\s+)?$", text[max(0, start - 20) : start]
                ):
                    continue  # "either the Union, or ..." is a choice, not a second name
                if linker == r",\s+or\s+" and re.search(r",\s*$", text[max(0, start - 3) : start]):
                    continue  # "France, Spain, or Italy": a list
                found.append(other)
    return found


def text_forms(answer: str, facts: tuple[Fact, ...], extraction: Extraction) -> tuple[str, ...]:
    """The other forms of a name answer that the text licenses (see the module's docstring).

    Every kind of question on one fact asks for the same answer: the forms are found once
    per parse for each answer and facts."""
    doc = extraction.doc
    views = doc_index(doc).extraction_views if isinstance(doc, Doc) else {}
    found = views.setdefault("keys_text_forms", {})
    assert isinstance(found, dict)
    # By the facts' ids, the facts kept beside the forms so that no id is reused.
    key = (answer, tuple(id(fact) for fact in facts))
    kept = found.get(key)
    if kept is None:
        kept = found[key] = (facts, _text_forms(answer, facts, extraction))
    return kept[1]


def _text_forms(answer: str, facts: tuple[Fact, ...], extraction: Extraction) -> tuple[str, ...]:
    answer = answer.strip()
    if not answer or re.search(r"\d", answer) or not re.match(r"^(?:the\s+)?[A-Z]", answer):
        return ()
    text = extraction.text
    forms: list[str] = []
    for country, short in _COUNTRIES.items():
        if country in answer and not answer.endswith(country):
            forms.append(answer.replace(country, short))
    person = any(isinstance(fact, ActorFact) and fact.label == "person" for fact in facts)
    if not person:  # a person's surname is the marking's own rule (learning.matching)
        labels = {fact.label for fact in facts}
        others = _other_things(extraction, facts)
        forms += [
            short
            for short in _short_forms(answer)
            if _used_alone(short, answer, text) and others.get(_fold(short), labels) <= labels
        ]  # never a place or person the name contains ("Paris" of "Conservatoire de Paris")
    people = _people(extraction, facts)
    if not person and (owned := re.match(r"^(.+?)\s+of\s+(.+)$", answer)):
        if _fold(owned.group(2)) in people and re.match(r"^(?:the\s+)?[A-Z]", owned.group(1)):
            forms.append(owned.group(1))  # "the Odes of Varro": the work, named by its author
    forms += [
        other for other in _second_names(answer, text) if person or _fold(other) not in people
    ]
    own = _fold(answer)
    kept: list[str] = []
    for form in forms:
        folded = _fold(form)
        if not folded or folded == own:
            continue
        if folded not in {_fold(seen) for seen in kept}:
            kept.append(form)
    return tuple(kept)
