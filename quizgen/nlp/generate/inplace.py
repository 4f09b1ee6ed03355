"""In-place questions: the answer's clause with the answer replaced by a wh-phrase where it stands.

"Harrow & Lane purchased the shares of which organisation?" When the answer sits deep
inside a noun phrase ("the mayor of X"), after a name's title ("linebacker X") or in a
participle clause, moving it to the front would break English; asking in place keeps the
clause grammatical. Only the clause is kept (not the whole sentence), so the question stays
short. These are shown to the teacher as candidates and never recommended (they read like an
echo of the text, not like a teacher's question).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from quizgen.nlp.actors import TITLE_WORDS, is_honorific, name_cut
from quizgen.nlp.generate.clause import (
    DOUBLED_RUN,
    ELLIPSES,
    Antecedents,
    Clause,
    _bare_plural_apposition,
    _dated_name,
    _lost_passive,
    _resolve_subject,
    answer_span,
    broken_range,
    common_word,
    conjunct_tense,
    elliptical,
    gapped_tail,
    object_gap,
    perfect_as_past,
    render,
    sentence_index,
    spaced,
    statement_with_blank,
    written_commas,
)
from quizgen.nlp.generate.text import BLANK, statement_cut
from quizgen.nlp.generate.wh import (
    WhQuestion,
    _actor_wh,
    _balanced,
    _clean_answer,
    _dangling_reference,
    _has_content,
    _inside_quotation,
    _is_running_text,
    _specific_date,
    answer_in_clause,
    cut_short,
    in_range,
    part_of_word,
    sentence_of,
)
from quizgen.nlp.marks import is_reference_mark
from quizgen.nlp.syntax import SUBJECT_DEPS, subject_of
from quizgen.nlp.types import ActorFact, DateFact, Fact, FigureFact

MAX_WORDS = 36
DATE_WORDS = {
    "century": "what century",
    "year": "what year",
    "month": "what month",
    "day": "what date",
    "decade": "what decade",
}
# Prepositions a date stands after and that stay in front of "what year" ("in what year").
DATE_PREPOSITIONS = {
    "in",
    "on",
    "at",
    "during",
    "by",
    "since",
    "until",
    "till",
    "before",
    "after",
    "from",
    "of",
    "around",
    "through",
}
ARGUMENT_DEPS = SUBJECT_DEPS | {"dobj", "pobj", "attr", "dative", "oprd"}
# Dependents after a name that a question in place leaves out with it ("X, who ..., was").
DROPPED_AFTER = {"appos", "relcl", "acl", "punct"}
RANGE = re.compile(r"\d\s*(-|–|to|and|or)\s*\d|\b(to|and|or)\b")


def inplace_question(
    doc: Doc, fact: Fact, start: int, end: int, antecedents: Antecedents
) -> WhQuestion | None:
    """The answer's clause asked in place, or None where that would not read well."""
    found = answer_in_clause(doc, start, end, antecedents)
    if found is None:
        return None
    span, clause = found
    if part_of_word(span):
        return None  # "ABC-affiliated": the name is part of a word
    planned = _gap(span, fact)
    if planned is None:
        return None
    phrase, gap = planned
    if not gap <= clause.tokens:
        return None
    subject_question = bool(clause.subject) and any(t.i in gap for t in clause.subject)
    if not _has_content(clause, gap) or _dangling_reference(clause, gap, subject_question):
        return None
    first = min(gap)
    text = render(clause, skip=gap - {first}, replace={first: phrase})
    if text is None:
        return None
    question = text.rstrip(" .") + "?"
    words = len(question.split())
    if words > MAX_WORDS or words < 4 or not _reads_well(question, phrase):
        return None
    if question.count(phrase) != 1 and question.count(phrase[:1].upper() + phrase[1:]) != 1:
        return None
    # The clause as the text states it, and with the answer (only) blanked: a cloze and a
    # true/false item that read as the text does, where the question in place reads like an
    # echo of it.
    answer_ids = {t.i for t in span}
    statement = cloze = ""
    if _states_alone(clause.verb, clause.tokens, span):
        statement = render(clause, skip=set()) or ""
        cloze = statement_with_blank(clause, answer_ids) or ""
    if not statement_reads_well(statement, cloze):
        statement = cloze = ""
    return WhQuestion(
        question=question,
        statement=statement,
        cloze=cloze,
        answer_text=span.text,
        start=start,
        end=end,
        sentence_index=sentence_index(doc, span.start),
        subject_resolved=clause.subject_resolved,
        wh="echo",
        remainder="",
    )


def _gap(span: Span, fact: Fact) -> tuple[str, set[int]] | None:
    root = span.root
    if isinstance(fact, ActorFact) and _coordinated_name(span):
        return _conjunct_gap(span, fact)
    if any(child.dep_ in {"conj", "cc"} for child in root.children):
        return None  # one of several answers
    if isinstance(fact, DateFact) and root.dep_ in {"nummod", "compound", "amod"}:
        return _year_modifier_gap(span) if fact.precision == "year" and not fact.vague else None
    if isinstance(fact, ActorFact) and root.dep_ == "appos":
        return _appos_gap(span)
    if root.dep_ in {"conj", "compound", "amod", "nmod", "appos"}:
        return None
    if isinstance(fact, DateFact):
        return _date_gap(span, fact)
    if isinstance(fact, FigureFact):
        return _figure_gap(span, fact)
    if isinstance(fact, ActorFact):
        return _actor_gap(span, fact)
    return None


def _coordinated_name(span: Span) -> bool:
    """One name of a list of names ("Brill Toys and The Kestrel Company made ...")."""
    root = span.root
    first = root
    while first.dep_ == "conj":
        first = first.head
    conjuncts = [first, *first.conjuncts]
    if len(conjuncts) < 2 or root not in conjuncts:
        return False
    return first.dep_ in ARGUMENT_DEPS and all(t.pos_ == "PROPN" for t in conjuncts)


def _conjunct_gap(span: Span, fact: ActorFact) -> tuple[str, set[int]] | None:
    """The name alone, the rest of the list left standing: "Nintendo and which organisation"."""
    wh = _actor_wh(fact)
    if wh is None:
        return None
    root = span.root
    ids = {t.i for t in span}
    outside = [t for t in root.subtree if t.i not in ids]
    own = [t for t in outside if t.head == root and t.dep_ == "det"]
    for token in outside:
        if token in own:
            continue
        if _child_of(token, root).dep_ not in {"conj", "cc", "punct"}:
            return None
    first = root
    while first.dep_ == "conj":
        first = first.head
    phrase = wh.lower()
    if wh == "Who" and first.dep_ not in SUBJECT_DEPS and first.dep_ != "attr":
        phrase = "whom"
    return phrase, ids | {t.i for t in own}


def _only(span: Span, allowed: set[str]) -> set[int] | None:
    """The span's phrase, when what it adds to the span is only of the allowed kinds."""
    ids = {t.i for t in span}
    extra = [t for t in span.root.subtree if t.i not in ids]
    if any(t.dep_ not in allowed for t in extra):
        return None
    return ids | {t.i for t in extra}


def _date_gap(span: Span, fact: DateFact) -> tuple[str, set[int]] | None:
    if fact.vague or not _specific_date(span.text):
        return None
    root = span.root
    gap = _only(span, {"det"}) or _with_aside(span)
    if gap is None:
        return None
    word = DATE_WORDS.get(fact.precision)
    if root.dep_ == "pobj" and root.head.lower_ in DATE_PREPOSITIONS:
        if root.head.lower_ == "on" and fact.precision == "day":
            word = "what date"
        return (word, gap) if word else None
    if root.dep_ in {"npadvmod", "tmod"}:
        return "when", gap
    if root.dep_ in ARGUMENT_DEPS and word:
        return word, gap
    return None


def _year_modifier_gap(span: Span) -> tuple[str, set[int]] | None:
    """ "At the 1996 General Conference" -> "At which year's General Conference"."""
    noun = span.root.head
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.i < span.end or span.text[:1].isalpha():
        return None
    if before is None or before.lower_ not in {"the", "a", "an"} or before.head != noun:
        return None
    return "which year's", {t.i for t in span} | {before.i}


def _with_aside(span: Span) -> set[int] | None:
    """The span and what follows it after a comma ("in April 1523, when he ..."): the aside
    goes with the answer into the gap."""
    ids = {t.i for t in span}
    doc = span.doc
    rest = [t for t in span.root.subtree if t.i not in ids]
    if not rest or min(t.i for t in rest) < span.start or doc[span.end].text != ",":
        return None
    tops = {_child_of(t, span.root) for t in rest}
    if any(t.dep_ not in {"relcl", "acl", "appos", "punct", "advcl"} for t in tops):
        return None
    return ids | {t.i for t in rest}


def _figure_gap(span: Span, fact: FigureFact) -> tuple[str, set[int]] | None:
    if RANGE.search(span.text):
        return None
    root = span.root
    text = span.text.lower()
    if fact.label == "money" or fact.unit in {"USD", "EUR", "GBP"} or any(c in text for c in "$£€"):
        if root.dep_ not in ARGUMENT_DEPS:
            return None
        gap = _only(span, {"quantmod", "det", "advmod"})
        return ("how much", gap) if gap else None
    if fact.unit == "%" or text.endswith("%") or "percent" in text:
        if root.dep_ not in ARGUMENT_DEPS:
            return None
        gap = _only(span, {"quantmod", "det", "advmod"})
        return ("what percentage", gap) if gap else None
    if root.dep_ in {"nummod", "quantmod"} and root.head.pos_ == "NOUN":
        noun = root.head
        if noun.i < span.start or fact.unit:
            return None
        counted = noun.tag_ in {"NNS", "NNPS"} or noun.lower_ in {"people", "police", "cattle"}
        if not counted:
            return None
        ids = {t.i for t in span}
        extra = [t for t in root.subtree if t.i not in ids]
        if any(t.dep_ not in {"quantmod", "advmod"} for t in extra):
            return None
        before = span.doc[span.start - 1] if span.start > 0 else None
        gap = ids | {t.i for t in extra}
        if before is not None and before.dep_ == "det" and before.head == noun:
            gap.add(before.i)  # "the three main partners" -> "how many main partners"
        return "how many", gap
    if root.pos_ == "NUM" and root.dep_ in ARGUMENT_DEPS and not fact.unit:
        # "offered him 20,000 of his warriors" -> "offered him how many of his warriors"
        following = span.doc[span.end] if span.end < len(span.doc) else None
        of = following is not None and following.lower_ == "of" and following.head == root
        if of and span.text.lower() not in {"one", "1"}:
            return "how many", {t.i for t in span}  # "how many of his warriors"
        gap = _only(span, {"quantmod", "advmod", "compound", "nummod"})
        if gap is not None:
            return "how many", gap  # "led the league with 24", "compared with 2 million"
        return None
    if root.pos_ == "NOUN" and root.tag_ == "NNS" and root.dep_ in ARGUMENT_DEPS | {"npadvmod"}:
        # "about 3 miles west" -> "about how many miles west": the unit stays, the number goes
        numbers = [t for t in span if t.dep_ == "nummod" and t.head == root]
        if len(numbers) != 1 or any(t.i > root.i for t in span):
            return None
        number = numbers[0]
        gap = {t.i for t in span if t.i < root.i and (t == number or t.head == number)}
        others = [t for t in span if t.i < root.i and t.i not in gap]
        if any(t.dep_ not in {"amod", "compound"} for t in others):
            return None
        return "how many", gap
    return None


def _actor_gap(span: Span, fact: ActorFact) -> tuple[str, set[int]] | None:
    wh = _actor_wh(fact)
    root = span.root
    if wh is None and fact.label in {"place", "country"} and _locative(root):
        wh = "Which place"
    if wh is None:
        return None
    ids = {t.i for t in span}
    person = wh == "Who"
    if root.dep_ == "poss":
        case = [c for c in root.children if c.dep_ == "case"]
        if not case or len(case) != 1 or root.head.pos_ != "NOUN":
            return None  # "Blake's 7" is a title, not Blake's seven of something
        gap = _only(span, {"det", "case", "compound"})
        if gap is None:
            return None
        return ("whose" if person else f"{wh.lower()}'s"), gap
    if root.dep_ not in ARGUMENT_DEPS:
        return None
    phrase = wh.lower()
    if person and root.dep_ not in SUBJECT_DEPS and root.dep_ != "attr":
        phrase = "whom"
    before = [t for t in root.subtree if t.i < span.start]
    after = [t for t in root.subtree if t.i >= span.end]
    gap = set(ids)
    for token in after:
        top = _child_of(token, root)
        if top.dep_ not in DROPPED_AFTER:
            return None
        gap.add(token.i)
    determiners = [t for t in before if t.dep_ == "det" and t.head == root]
    modifiers = [t for t in before if t not in determiners]
    gap |= {t.i for t in determiners}
    if person and modifiers and all(is_honorific(t.text) for t in modifiers):
        # "Dr Marran said …" -> "Who said …", not "Which dr said …": a form of address
        # goes with the name it addresses.
        gap |= {t.i for t in modifiers}
        modifiers = []
    if modifiers:
        title = _title(modifiers, span)
        if title is None:
            return None
        gap |= {t.i for t in modifiers}
        phrase = f"which {title}"
    return phrase, gap


def _appos_gap(span: Span) -> tuple[str, set[int]] | None:
    """ "with the new abbot, Oswin the Mild," -> "with which new abbot": the noun the
    name stands beside says what it is."""
    root = span.root
    noun = root.head
    doc = span.doc
    if noun.pos_ != "NOUN" or noun.tag_ != "NN" or noun.dep_ not in ARGUMENT_DEPS:
        return None
    between = [doc[i].text for i in range(noun.i + 1, span.start)]
    if noun.i > span.start or between not in ([], [","]):
        return None  # "the Danish chemist Ida Lund", "the new abbot, Oswin ..."
    if _only(span, {"det", "punct", "compound"}) is None:
        return None
    left = [t for t in noun.lefts]
    if any(t.dep_ not in {"det", "amod", "compound"} for t in left):
        return None
    if any(t.dep_ == "det" and t.lower_ not in {"the", "a", "an"} for t in left):
        return None
    words = [t for t in left if t.dep_ != "det"] + [noun]
    if any(t.i != words[0].i + k for k, t in enumerate(words)):
        return None
    title = " ".join(t.text if not common_word(t) else t.lower_ for t in words)
    gap = set(range(noun.left_edge.i, span.end))
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text == "," and after.head in {noun, root}:
        gap.add(after.i)
    return f"which {title}", gap


def _locative(root: Token) -> bool:
    """Where "which place" reads right: after a preposition or as an object, not as a subject
    (a "place" that signs a player is a mislabelled team)."""
    return root.dep_ in {"pobj", "dobj"}


ARTICLE_BEFORE_WH = re.compile(r"\b(the|a|an|\d[\d,.]*)\s+(which|what|how|who|whom|whose)\b", re.I)
ENDS_ON_VERB = re.compile(r"\b(is|are|was|were|be|been|has|have|had)\?$")


def _reads_well(question: str, phrase: str) -> bool:
    """Checks on the finished wording: brackets and quotations whole, one wh-phrase, no
    "the which" or "1989 which", no clause ending on a bare auxiliary ("... in which place
    was?")."""
    if not _balanced(question) or not _quotes_whole(question):
        return False
    if DOUBLED_RUN.search(question):
        return False  # "graduated from graduated from": the text's slip, not to be copied
    if ARTICLE_BEFORE_WH.search(question) or ENDS_ON_VERB.search(question):
        return False
    return _one_question(question, phrase)


def _quotes_whole(question: str) -> bool:
    """Every quotation the question keeps is whole: opened and closed, with words inside."""
    if question.count('"') % 2 or question.count("“") != question.count("”"):
        return False
    if len(re.findall(r"(?<!\w)['‘]\w", question)) > len(
        re.findall(r"\w[.,!?]?['’](?!\w)", question)
    ):
        return False  # "as providing the 'necessary impetus": a quotation cut in two
    if re.search(r"\s[’']", question):
        return False  # a closing quotation mark left after its quotation was cut
    return not re.search(r'(“|")\s*(”|")|“[^”]*$', question)


WH_WORDS = {"when", "where", "why", "which", "who", "whom", "whose", "what", "how"}


def _one_question(question: str, phrase: str) -> bool:
    """No wh-word besides the phrase's own ("... when on what date?" asks two things)."""
    words = re.findall(r"[a-z]+", question.lower())
    own = re.findall(r"[a-z]+", phrase.lower())
    return sum(w in WH_WORDS for w in words) == sum(w in WH_WORDS for w in own)


def _child_of(token: Token, root: Token) -> Token:
    while token.head != root and token.head != token:
        token = token.head
    return token


def _title(modifiers: list[Token], span: Span) -> str | None:
    """ "Denver linebacker" before "Von Miller": what kind of person or body the name is."""
    ordered = sorted(modifiers, key=lambda t: t.i)
    last = ordered[-1]
    if last.i != span.start - 1:
        return None
    if last.pos_ != "NOUN" and not (last.pos_ == "PROPN" and last.lower_ in TITLE_WORDS):
        return None  # "League Commissioner Dana Whitcombe": a title, even capitalised
    if any(t.dep_ in {"poss", "case", "punct", "cc", "conj"} or t.is_quote for t in ordered):
        return None
    if any(t.i != ordered[0].i + k for k, t in enumerate(ordered)):
        return None
    words = []
    for token in ordered:
        proper = token.pos_ == "PROPN" and token.lower_ not in TITLE_WORDS
        text = token.text if proper or token.text.isupper() else token.lower_
        words.append(text + token.whitespace_)
    return "".join(words).strip()


# Sentence simplification -------------------------------------------------------------------

SIMPLIFIED_MAX_WORDS = 30
# Dependents that carry a second statement or an aside; a question about something else in
# the sentence reads better without them (Heilman & Smith's simplification step).
ASIDES = {"advcl", "parataxis", "intj", "meta", "dep", "preconj"}
NON_RESTRICTIVE = {"relcl", "acl", "appos", "npadvmod", "amod"}
PERSONAL_PRONOUNS = {
    "he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "hers", "theirs",
    "we", "us", "our", "you", "your", "i", "me", "my",
}  # fmt: skip


def simplified_question(
    doc: Doc,
    fact: Fact,
    start: int,
    end: int,
    antecedents: Antecedents,
    *,
    statement_only: bool = False,
) -> WhQuestion | None:
    """The answer's clause with asides cut away (fronted phrases, participle and subordinate
    clauses, other coordinated clauses, parentheses, non-restrictive relatives and
    appositions), asked in place. A fallback for sentences whose clause the stricter
    builders refuse; never recommended.

    With `statement_only`, only the simplified statement and its cloze are wanted (the
    question is asked from them: `simplify.simplified_wh`), so an answer no wh-phrase can
    stand in for where it is written ("rose 4%") still gives them; `question` is then ''."""
    span = answer_span(doc, start, end)
    if span is None or span.start_char != start or span.end_char != end:
        return None
    if not _clean_answer(span.text) or _inside_quotation(span) or part_of_word(span):
        return None
    if in_range(span):
        return None
    sentence = sentence_of(doc, span.start)
    if not _is_running_text(sentence):
        return None
    top = _top(span.root)
    if top is None or not (sentence.start <= top.i < sentence.end):
        return None
    above = [span.root, *span.root.ancestors]
    if any(elliptical(t) or gapped_tail(t) for t in above[: above.index(top) + 1]):
        return None  # a verb whose second event is written without it: see `elliptical`
    subject = next((c for c in top.children if c.dep_ in SUBJECT_DEPS or c.dep_ == "expl"), None)
    if subject is None or subject.lower_ in DEMONSTRATIVE or _in_parentheses(span, sentence):
        return None
    if _dated_name(subject, list(subject.subtree)):
        return None  # "On 3 May 2011 Ana Ruiz ...": the date parsed into the subject
    if name_cut(list(subject.subtree)):
        return None  # "Jan den Hartog built ...": "Hartog" alone parsed as the subject
    if _lost_passive(top, list(top.subtree)):
        return None  # "has changed ... by the government": a passive without "been"
    if top.dep_ == "relcl" and object_gap(top, subject):
        return None  # "a role she played until 2005": played what?
    relative = subject.tag_ in {"WDT", "WP"}
    if relative and (top.dep_ != "relcl" or subject.i in {t.i for t in span}):
        return None
    asides = any(c.dep_ in {"relcl", "appos", "acl"} for c in subject.children)
    if subject.i < top.i and doc[top.i - 1].text == "," and not asides:
        return None  # "The Taliban, declared a group by Russia in 2003, was ...": a misparse
    planned = _gap(span, fact)  # cheap, and the commonest refusal: before the cutting
    if planned is None and not statement_only:
        return None
    answer_ids = {t.i for t in span}
    phrase, gap = planned if planned is not None else ("", answer_ids)
    path = {t.i for t in [span.root, *span.root.ancestors]}
    kept = _kept(top, path, answer_ids)
    if kept is None or not answer_ids <= kept:
        return None
    if _comma_spliced(doc, kept):
        return None  # "He founded X, organised Y" once "and later contributed to Z" is cut
    if any(_tense_clash(doc[i]) for i in kept):
        return None  # "went on to conquer X, invade Y": "went on invade Y" once X is cut
    if any(doc[i].is_quote for i in kept) and any(c.dep_ == "ccomp" for c in top.children):
        return None  # reported speech: "Who said ...?" questions ask about quotations
    if not gap <= kept:
        return None
    replace = {min(gap): phrase} if phrase else {}
    subject_ids = {t.i for t in subject.subtree}
    named = subject.pos_ in {"PROPN", "NOUN"}
    if (subject.tag_ == "PRP" or relative) and not subject_ids & gap:
        # "he" of a passage about one person; "which" of "the firm, which bought ...".
        resolved = _resolve_subject(top, subject, antecedents)
        if resolved is None or not resolved[1]:
            return None
        replace[subject.i] = resolved[1]
        named = True
    for token in (doc[i] for i in kept):
        if token.i in gap or token.i in replace:
            continue
        if token.lower_ in POSSESSIVE_PRONOUNS and token.tag_ == "PRP$" and named:
            continue  # "Tesla returned to his birthplace": the subject owns it
        if token.lower_ in PERSONAL_PRONOUNS and token.tag_ in {"PRP", "PRP$"}:
            return None
        if token.dep_ == "det" and token.lower_ in DEMONSTRATIVE:
            return None
        if token.tag_ in {"WDT", "WP", "WP$"}:
            return None  # a relative pronoun whose clause was cut or moved
    order = sorted(kept)
    in_text_order = list(order)  # before a fronted phrase loses its comma
    fronted = _fronted(top, span, subject, kept)
    if fronted:
        order = [i for i in order if i not in fronted] + sorted(fronted)
    # The question stands alone too: "had been founded in what year?" is asked "was founded
    # in what year?", as its statement is told (below).
    perfect = perfect_as_past(
        Clause(
            verb=top,
            subject=[t for t in subject.subtree],
            subject_text="",
            subject_resolved=False,
            body=[doc[i] for i in in_text_order],
        ),
        set(),
        "",
    )
    dropped, tensed = perfect if perfect is not None else (set(), {})
    emitted = [i for i in order if (i not in gap or i in replace) and i not in dropped]
    commas = written_commas([doc[i] for i in emitted]) if emitted == sorted(emitted) else set()
    words: list[str] = []
    for position, index in enumerate(emitted):
        token = doc[index]
        text = replace.get(index, tensed.get(index, token.text))
        if index in commas:
            text += ","
        if position == 0 and common_word(token) and index not in replace:
            text = text[:1].lower() + text[1:]
        if index in fronted and index == min(fronted) and common_word(token):
            text = text[:1].lower() + text[1:]
        last = max(gap) if index in replace and index in gap else index
        following = emitted[position + 1] if position + 1 < len(emitted) else None
        space = " " if doc[last].whitespace_ or following != last + 1 else ""
        words.append(text + space)
    question = "" if not phrase else _clean_edges("".join(words))
    if phrase and (
        question is None or re.search(r"[.!?]\]?\s+\S", question[:-1]) or "?" in question[:-1]
    ):
        return None
    count = len(question.split()) if question else len(emitted)
    if count > SIMPLIFIED_MAX_WORDS or count < 4 or (phrase and not _reads_well(question, phrase)):
        return None
    # The simplified clause as a statement, in the text's own order, and with the answer
    # (only) blanked: what the cloze and the true/false item are made of.
    named_only = {index: text for index, text in replace.items() if index not in gap}
    statement = cloze = ""
    if perfect is not None:  # "had besieged" is stated "besieged"
        in_text_order = [i for i in in_text_order if i not in perfect[0]]
        named_only.update(perfect[1])
    if _states_alone(top, set(in_text_order), span):
        statement = _joined(doc, in_text_order, named_only, answer_ids, span.text)
        cloze = _joined(doc, in_text_order, named_only, answer_ids, BLANK)
    if not statement_reads_well(statement, cloze):
        statement = cloze = ""
    return WhQuestion(
        question=question,
        statement=statement,
        cloze=cloze,
        answer_text=span.text,
        start=start,
        end=end,
        sentence_index=sentence_index(doc, span.start),
        subject_resolved=False,
        wh="echo",
        remainder="",
    )


def _joined(
    doc: Doc, order: list[int], replace: dict[int, str], answer: set[int], answer_text: str
) -> str:
    """The kept tokens as a statement: the answer's tokens written once as `answer_text`, a
    resolved pronoun as its name, the first word capitalised and a full stop at the end."""
    first_answer = min(answer)
    last_answer = max(answer)
    order = [
        index
        for index in order
        if (index not in answer or index == first_answer)
        and (index in answer or not is_reference_mark(doc[index]))
    ]
    commas = written_commas([doc[i] for i in order])
    words: list[str] = []
    for position, index in enumerate(order):
        if index == first_answer:
            text, last = answer_text, last_answer
        else:
            text, last = replace.get(index, doc[index].text), index
        if last in commas or index in commas:
            text += ","
        following = order[position + 1] if position + 1 < len(order) else None
        joined = following == last + 1 and not spaced(doc[last], doc[following])
        space = "" if joined else " "
        words.append(text + space)
    text = re.sub(r"\s+", " ", "".join(words)).strip()
    text = re.sub(r"\s+([,.;:?!])", r"\1", text)
    text = text.strip(" ,;:—–-").rstrip(".!?")
    text = re.sub(r"^(and|but|or|so|while|although|because)\s+", "", text, flags=re.IGNORECASE)
    if not text:
        return ""
    return text[:1].upper() + text[1:] + "."


STATEMENT_MAX_WORDS = 25
STATEMENT_MIN_WORDS = 5
# Words that open a clause depending on another: "what Einstein's insight means", "that ...".
SUBORDINATE_OPENINGS = WH_WORDS | {"that", "if", "whether", "because", "although", "while"}


def _states_alone(verb: Token, kept: set[int], span: Span) -> bool:
    """Whether the clause kept around `verb` makes a statement a student can read without
    the sentence: not a relative clause about a common noun ("a retired sailor who had been
    …", whose "the retired sailor" the student cannot place), not a clause that ends on its
    verb after the verb's complement was cut ("… voted" for "voted against declaring
    independence"), not an answer that is a bracketed reference mark ("[38]") or the last
    part of a name cut in two ("Piet [Vandam]")."""
    doc = verb.doc
    sentence = verb.sent
    if any(t.text == ":" and t.i < verb.i for t in sentence):
        return False  # "a demonstration of Skyward: Harbour VR, players are …": a misparse
    if verb.dep_ == "relcl" and verb.head.pos_ != "PROPN":
        return False
    if broken_range([doc[i] for i in kept]):
        return False  # "served as Rector in 1920" for "in 1920 – 21"
    if any(i + 1 < len(doc) and doc[i + 1].text in ELLIPSES for i in kept):
        return False  # "won the award for Nine Lives" for "Nine Lives ... Nine Deaths"
    subject = subject_of(verb)
    if subject is not None and any(_bare_plural_apposition(t) for t in subject.subtree):
        return False  # "Harbour VR, players are lowered ...": a title, then the subject
    if any(child.dep_ == "mark" for child in verb.children):
        return False  # "because the effects … are taken into account": part of a reason
    if cut_short(verb, kept):
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.text in {"[", "("}:
        return False
    if before is not None and before.dep_ in {"compound", "flat"} and before.head in span:
        return False
    return True


def _comma_spliced(doc: Doc, kept: set[int]) -> bool:
    """Two verbs of a list kept with only the comma between them: the "and" went with the
    last item, cut away ("founded X, organised Y, and later contributed to Z"); or an
    apposition kept once what stood between it and its noun is cut ("born in Ashby [and
    raised in Millbrook], two suburbs of Harlow" would read "born in Ashby two suburbs")."""
    for index in kept:
        token = doc[index]
        if token.dep_ == "appos" and token.head.i in kept and token.head.i < token.i:
            gap = range(token.head.i + 1, token.left_edge.i)
            if any(i not in kept and not doc[i].is_punct for i in gap):
                return True
        if token.dep_ != "conj" or token.pos_ not in {"VERB", "AUX"} or token.head.i not in kept:
            continue
        between = range(token.head.i + 1, token.i)
        if not any(doc[i].dep_ == "cc" and i in kept for i in between) and any(
            doc[i].text == "," and i in kept for i in between
        ):
            return True
    return False


def _tense_clash(verb: Token) -> bool:
    """A bare verb coordinated with a past verb and sharing its subject ("went on to conquer
    Tirel, invade Norland": the parser joins "invade" to "went"): a form that is not the
    past too ("read", "set") is a verb of another construction the parse lost."""
    if verb.dep_ != "conj" or verb.pos_ != "VERB" or verb.tag_ not in {"VB", "VBP"}:
        return False
    if verb.head.tag_ != "VBD" or conjunct_tense(verb) is not None:
        return False
    return not any(c.dep_ in SUBJECT_DEPS | {"aux", "auxpass"} for c in verb.children)


def statement_reads_well(statement: str, cloze: str) -> bool:
    """A statement for a cloze or a true/false item: one sentence, whole brackets and
    quotations, one blank in the cloze, short enough to hold at once."""
    if not statement or not cloze or cloze.count(BLANK) != 1:
        return False
    first = next((char for char in statement if char.isalnum()), "")
    if not (first.isupper() or first.isdigit()):
        return False  # "substituted Park in the 28th minute ...": a sentence cut at its start
    if DOUBLED_RUN.search(statement):
        return False  # "graduated from graduated from": the text's slip, not to be copied
    if re.search(rf"{BLANK}\s*[–-]|[–-]\s*{BLANK}", cloze):
        return False  # one end of a range ("in _____ – 1910")
    words = statement.split()
    if len(words) > STATEMENT_MAX_WORDS or len(words) < STATEMENT_MIN_WORDS:
        return False
    if words[0].lower().strip(",") in SUBORDINATE_OPENINGS:
        return False
    if re.search(r"[.!?]\]?\s+\S", statement[:-1]) or "?" in statement:
        return False
    if statement_cut(statement):
        return False  # "… on a farm near Ashby and."; "There were Velmark in 1851"
    return _balanced(statement) and _quotes_whole(statement)


DEMONSTRATIVE = {"this", "that", "these", "those"}
POSSESSIVE_PRONOUNS = {"his", "her", "its", "their"}


def _finite(verb: Token) -> bool:
    finite = {"VBD", "VBZ", "VBP", "MD"}
    return verb.tag_ in finite or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in finite for c in verb.children
    )


def _in_parentheses(span: Span, sentence: Span) -> bool:
    before = span.doc[sentence.start : span.start].text
    return before.count("(") > before.count(")")


def _fronted(top: Token, span: Span, subject: Token, kept: set[int]) -> set[int]:
    """The answer's phrase when it stands before the subject ("In 1994, ABC bought ..."):
    asked at the end ("ABC bought ... in what year?")."""
    subject_start = subject.left_edge.i
    for child in top.children:
        if child.i < subject_start and child.left_edge.i <= span.start <= child.right_edge.i:
            if child.dep_ in SUBJECT_DEPS:
                return set()
            phrase = {t.i for t in child.subtree if t.i in kept}
            trailing = child.right_edge.i + 1
            if trailing in kept and top.doc[trailing].text == ",":
                kept.discard(trailing)
            return phrase
    return set()


def _top(token: Token) -> Token | None:
    """The nearest finite verb above the answer that has a subject of its own."""
    current = token
    while True:
        if current.pos_ in {"VERB", "AUX"} and current.dep_ not in {"aux", "auxpass"}:
            if _finite(current) and any(
                c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in current.children
            ):
                return current
        if current.head == current:
            return None
        current = current.head


def _kept(top: Token, path: set[int], answer: set[int]) -> set[int] | None:
    """Token indices of `top`'s subtree left after cutting the asides off the path."""
    doc = top.doc
    kept = {t.i for t in top.subtree if not t.is_space}
    subject_start = min(
        (t.i for c in top.children if c.dep_ in SUBJECT_DEPS | {"expl"} for t in c.subtree),
        default=top.i,
    )

    def cut(token: Token) -> None:
        kept.difference_update(t.i for t in token.subtree)

    for token in list(top.subtree):
        if token.i in path or token.i not in kept or token == top:
            continue
        dep = token.dep_
        previous = doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
        after_comma = previous is not None and previous.text in {",", ";", "—", "–", "("}
        if token.lower_ == "such" and token.head.lower_ == "as" and token.head.i == token.i + 1:
            continue  # "such as" is one word, and its examples say which ones are meant
        if dep in ASIDES:
            cut(token)
        elif dep == "conj" and token.pos_ in {"VERB", "AUX"}:
            cut(token)
        elif dep in NON_RESTRICTIVE and after_comma and token.head.i not in answer:
            cut(token)
        elif dep == "prep" and token.head == top and any(c.dep_ == "pcomp" for c in token.children):
            cut(token)
        elif dep in {"prep", "advmod", "npadvmod"} and token.head == top:
            if token.i < subject_start or (dep == "advmod" and token.lower_ in DISCOURSE):
                cut(token)
        elif dep == "mark" and token.head == top:
            cut(token)
    _cut_parentheses(doc, kept, answer)
    _cut_orphans(doc, kept)
    return kept


DISCOURSE = {
    "also", "however", "then", "thus", "therefore", "meanwhile", "still", "further", "rather",
}  # fmt: skip


def _cut_parentheses(doc: Doc, kept: set[int], answer: set[int]) -> None:
    opened: int | None = None
    for index in sorted(kept):
        text = doc[index].text
        if text in {"(", "["}:
            opened = index
        elif text in {")", "]"} and opened is not None:
            inside = set(range(opened, index + 1))
            if not inside & answer:
                kept.difference_update(inside)
            opened = None


def _cut_orphans(doc: Doc, kept: set[int]) -> None:
    """Conjunctions and commas left with nothing to join, and doubled commas."""
    changed = True
    while changed:
        changed = False
        ordered = sorted(kept)
        for position, index in enumerate(ordered):
            token = doc[index]
            nxt = doc[ordered[position + 1]] if position + 1 < len(ordered) else None
            prev = doc[ordered[position - 1]] if position > 0 else None
            if token.dep_ == "cc" and not any(
                c.i in kept for c in token.head.children if c.dep_ == "conj"
            ):
                kept.discard(index)
                changed = True
            elif token.text in {",", ";", "—", "–", ":"} and (
                prev is None
                or nxt is None
                or nxt.is_punct
                or prev.is_punct
                or nxt.dep_ == "cc"
                or index - 1 not in kept
                or index + 1 not in kept
            ):
                kept.discard(index)
                changed = True
            if changed:
                break


def _clean_edges(text: str) -> str | None:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:?!])", r"\1", text)
    text = text.strip(" ,;:—–-").rstrip(".!?")
    text = re.sub(r"^(and|but|or|so|while|although|because)\s+", "", text, flags=re.IGNORECASE)
    if not text:
        return None
    return text[:1].upper() + text[1:] + "?"
