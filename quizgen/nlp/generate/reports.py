"""Reported, hypothetical and feared claims: which facts are a claim; a question naming its source.

- `reported_or_hypothetical`: the fact is in the complement of a reporting verb or of a noun of
  a claim ("suggestions there will be …", `CLAIM_NOUNS`), under a modal
  or a condition, hedged ("reportedly", "according to") or in a sentence that supposes.
- `report_of`: the source that reports the fact when that is all that makes it a claim ("a
  survey of 300 call centres found", "Police said that", "According to the Met Office"), as a
  question may name it (`Report`).
- `attribute_report`: a date or figure a source reports, and who or where a named speaker
  reports (`spoken_by_name`), asked with the source ("According to Ana Ruiz, …", "True or
  false: Ana Ruiz said that …").
- `claim_stated_as_fact`: the draft states as fact what its sentence only reports, supposes or
  fears (the ranker's `claim` feature, refused by `features.blocked_reason`); a prompt that
  names the source (`names_its_source`) states no fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from lemminflect import getAllLemmas
from spacy.tokens import Span, Token

from quizgen.nlp.generate.clause import token_at
from quizgen.nlp.generate.concepts import DEFINITION_RULES
from quizgen.nlp.generate.descriptions import ESTABLISHING_DEPS, NAMED_TYPES
from quizgen.nlp.generate.text import PROMPT_MAX_WORDS, contains_phrase, normalise, prompt_body
from quizgen.nlp.quotes import inside_quotation
from quizgen.nlp.types import FACT_ASKING, FactKind, QuestionDraft, QuestionKind

if TYPE_CHECKING:
    from quizgen.nlp.generate.context import GenerationContext


# Verbs that put their clause in someone's mouth or mind: what follows is a claim, not a fact.
REPORTING_VERBS = frozenset(
    """say state add note tell claim allege accuse report fear believe think suggest expect
    hope plan propose predict warn argue suspect estimate speculate rumour rumor assert insist deny
    doubt worry imagine suppose assume hypothesise hypothesize wonder hold maintain contend
    posit theorise theorize postulate conclude""".split()
)
# Nouns of a claim, whose complement clause is the claim ("dismissed rumours that a cut is
# coming", "rumours that the firm would close"): not "fact", "news" or "evidence", which state.
CLAIM_NOUNS = frozenset(
    """suggestion claim allegation rumour rumor speculation fear hope belief assertion
    prediction expectation report""".split()
)
MODALS = frozenset({"would", "could", "might", "may", "should", "must"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "suppose", "supposing"})
# Words that soften a claim or pass it on as hearsay ("reportedly", "perhaps", "is said to"):
# the sentence tells what is claimed, not a fact. With "according to", which names the claim's
# source, for `reported_or_hypothetical`; without it for `report_of`, which keeps the source.
CLAIM_HEDGE_WORDS = (
    r"reportedly|allegedly|supposedly|purportedly|apparently|perhaps|possibly|"
    r"is said to|are said to|was said to|were said to|rumou?red"
)
CLAIM_HEDGES = re.compile(rf"\b({CLAIM_HEDGE_WORDS})\b", re.IGNORECASE)
CLAIM_HEDGES_OR_SOURCE = re.compile(rf"\b({CLAIM_HEDGE_WORDS}|according to)\b", re.IGNORECASE)
HYPOTHETICAL_OPENINGS = re.compile(
    r"^(Suppose|Imagine|Consider|Assume|Let's say|Say that|For example|For instance|"
    r"If|Think of|Picture)\b",
)


@lru_cache(maxsize=4096)
def _verb_lemmas(word: str) -> frozenset[str]:
    return frozenset(getAllLemmas(word, "VERB").get("VERB", ()))


def reporting_verb(token: Token) -> bool:
    """Whether the token is a verb of `REPORTING_VERBS`, by its lemma or by any lemma its
    form may have: the tagger lemmatises "hopes" as "hop"."""
    lemma = token.lemma_.lower()
    return lemma in REPORTING_VERBS or bool(_verb_lemmas(token.lower_) & REPORTING_VERBS)


def reported_or_hypothetical(span: Span | None, sentence_text: str, start: int) -> bool:
    """Whether the fact at character `start` is someone's claim, fear or supposition: in the
    complement of a reporting verb, under a modal or a condition, or hedged (`CLAIM_HEDGES`);
    inside a quotation (`quotes.inside_quotation`), however far its speaker is named; beside
    a reporting clause set in it ("The Greens, Mr Pike alleges, took …": `side_report`);
    after a speaker's name and a colon ("Mr Pike: …"); or passed on by the next sentence
    ("That is what the minister told reporters.": `reported_by_next`)."""
    if CLAIM_HEDGES_OR_SOURCE.search(sentence_text) or HYPOTHETICAL_OPENINGS.match(
        sentence_text.strip()
    ):
        return True
    if span is None:
        return False
    if inside_quotation(span.doc, start):
        return True
    if _speaker_colon(span) or reported_by_next(span):
        return True
    token = token_at(span, start)
    if token is None:
        return False
    node = token
    steps = 0
    while steps < 12:
        steps += 1
        if node.pos_ in {"VERB", "AUX"} and side_report(node) is not None:
            return True
        if node.pos_ in {"VERB", "AUX"}:
            if any(c.dep_ == "aux" and c.lower_ in MODALS for c in node.children):
                return True
            if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
                return True
            if any(_conditional(c) for c in node.children):
                return True  # "If A offers $4, A keeps $6": the consequent holds only if
            if node.dep_ in {"ccomp", "xcomp"} and reporting_verb(node.head):
                return True
        if node.head is node:
            break
        if (
            node.dep_ in {"ccomp", "parataxis"}
            and reporting_verb(node.head)
            and node.head.pos_ == "VERB"
        ):
            return True  # "X said that <fact>": the fact is X's claim
        if (
            node.dep_ in {"acl", "ccomp"}
            and node.pos_ in {"VERB", "AUX"}
            and node.head.pos_ == "NOUN"
            and node.head.lemma_.lower() in CLAIM_NOUNS
        ):
            return True  # "dismissed rumours that <fact>": a claim, and denied
        node = node.head
    return False


def side_report(verb: Token) -> Token | None:
    """A reporting clause set into the verb's own clause or after it, with no clause of its
    own: "The Greens, Mr Pike alleges, took money …", "… had won, as Ms Vance claimed." The
    reporting verb, or None."""
    for child in verb.children:
        if child.dep_ not in {"parataxis", "advcl"} or child.pos_ != "VERB":
            continue
        if not reporting_verb(child):
            continue
        if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children):
            continue
        if any(c.dep_ in {"ccomp", "xcomp", "dobj"} for c in child.children):
            continue  # "…, saying that …": a report of its own
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        if marks - {"as"}:
            continue  # "before he said", "because she thought"
        return child
    return None


def keeps_side_report(prompt: str, span: Span | None, start: int) -> bool:
    """Whether the prompt keeps the reporting clause set into the fact's clause with its
    speaker ("The Greens, Mr Pike alleges, took …"): it states the claim as the speaker's."""
    if span is None or (token := token_at(span, start)) is None:
        return False
    body = prompt_body(prompt)
    node = token
    for _ in range(12):
        if node.pos_ in {"VERB", "AUX"} and (verb := side_report(node)) is not None:
            subject = next(c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"})
            words = "".join(t.text_with_ws for t in subject.subtree).strip()
            return bool(re.search(rf"\b{re.escape(words)} {re.escape(verb.text)}\b", body))
        if node.head is node:
            break
        node = node.head
    return False


# Nouns a sentence after a claim may call it by ("That claim was made by …").
CLAIM_REFERRING_NOUNS = CLAIM_NOUNS | frozenset(
    "view verdict warning argument accusation promise pledge message charge".split()
)
NEXT_REPORT_MAX_TOKENS = 16


def reported_by_next(span: Span) -> bool:
    """Whether the sentence after `span` passes it on as someone's words: "That is what the
    minister told reporters.", "That claim was made by Ms Vance.", "So said Mr Pike."; not
    "This shows that …", which draws a conclusion from it."""
    doc = span.doc
    index = span.end
    while index < len(doc) and doc[index].is_space:
        index += 1
    if index >= len(doc):
        return False
    following = doc[index].sent
    if following.start < span.end or len(following) > NEXT_REPORT_MAX_TOKENS:
        return False
    words = [t for t in following if not t.is_punct and not t.is_space]
    if len(words) < 2:
        return False
    first, second = words[0], words[1]
    reporting = {
        t.i
        for t in following
        if t.pos_ == "VERB"
        and (reporting_verb(t) or t.lemma_.lower() in ATTRIBUTING_VERBS)
        and t.lemma_.lower() not in FINDING_VERBS
    }
    if first.lower_ == "so":
        return second.i in reporting  # "So said Mr Pike."
    if first.lower_ not in {"that", "this", "such"}:
        return False
    if first.dep_ == "det" and first.head.lemma_.lower() in CLAIM_REFERRING_NOUNS:
        return True  # "That claim was made by …", "This view is held by …"
    return first.dep_ in {"nsubj", "nsubjpass"} and bool(reporting)


TITLE_BEFORE_NAME = frozenset("mr mrs ms miss dr prof professor sir lord lady".split())


def _speaker_colon(span: Span) -> bool:
    """Whether the sentence opens with a person's name and a colon ("Mr Pike: …",
    "Ana Ruiz: …"): what follows is that person's words."""
    words = [t for t in span if not t.is_space]
    colon = next((i for i, t in enumerate(words[:6]) if t.text == ":"), None)
    if not colon or colon + 1 >= len(words):
        return False
    name = words[:colon]
    if not all(t.pos_ == "PROPN" or t.lower_.rstrip(".") in TITLE_BEFORE_NAME for t in name):
        return False
    return any(t.ent_type_ == "PERSON" or t.lower_.rstrip(".") in TITLE_BEFORE_NAME for t in name)


def _conditional(clause: Token) -> bool:
    """An adverbial clause of condition ("if Player A offers $4"), which makes its main
    clause as much a supposition as itself."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in clause.children
    )


# Verbs that pass on what a source says or found, whose report a question may keep as "According
# to <source>, …": not the verbs of a belief, a fear, a hope, a plan, a forecast or an
# accusation, whose content stays a claim however it is introduced.
ATTRIBUTING_VERBS = frozenset(
    """say state add note tell report explain write confirm announce find show reveal
    conclude""".split()
)
# Of those, the verbs of a study or a count: "<finding>, a survey found" states the finding
# as the survey's, so a question that drops "a survey found" states it as a fact.
FINDING_VERBS = frozenset("find show reveal conclude".split())
SOURCE_MAX_WORDS = 8


@dataclass(frozen=True)
class Report:
    """Who or what a fact is reported by: the source as a question may name it, and the
    reporting verb (None for "according to …")."""

    source: str
    short: str
    verb: Token | None = None


def report_of(span: Span | None, sentence_text: str, start: int) -> Report | None:
    """The source that reports the fact at `start` when that is all that makes it a claim:
    "<fact>, a survey of 300 call centres found", "Police said that <fact>", "According to
    the Met Office, <fact>". None when the fact is also supposed, conditional or hedged, when
    the report is itself reported, or when the source does not say who it is ("she", "the
    study", "they")."""
    if span is None or HYPOTHETICAL_OPENINGS.match(sentence_text.strip()):
        return None
    if CLAIM_HEDGES.search(sentence_text):
        return None
    token = token_at(span, start)
    if token is None:
        return None
    node, verb = token, None
    for _ in range(12):
        if node.pos_ in {"VERB", "AUX"}:
            if any(c.dep_ == "aux" and c.lower_ in MODALS for c in node.children):
                return None
            if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
                return None
        if node.head is node:
            break
        head = node.head
        if node.dep_ in {"ccomp", "parataxis"} and head.pos_ == "VERB":
            lemma = head.lemma_.lower()
            if lemma in REPORTING_VERBS or lemma in ATTRIBUTING_VERBS:
                if lemma not in ATTRIBUTING_VERBS or verb is not None:
                    return None  # a belief or a fear, or a report of a report
                verb = head
        node = head
    if verb is not None:
        if any(
            c.dep_ in {"aux", "neg"} and c.lower_ in MODALS | {"not", "n't", "never"}
            for c in verb.children
        ):
            return None
        if verb.dep_ in {"ccomp", "parataxis", "xcomp"}:
            return None
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        # A source that does not say who it is ("she says", "the study found") still makes
        # the fact its claim; it is only never named in the question.
        return _report(subject, verb) or Report(source="", short="", verb=verb)
    according = next(
        (
            t
            for t in span
            if t.lower_ == "according" and t.i + 1 < span.end and span.doc[t.i + 1].lower_ == "to"
        ),
        None,
    )
    if according is None:
        return None
    source = next((c for c in span.doc[according.i + 1].children if c.dep_ == "pobj"), None)
    return _report(source, None)


def _report(source: Token | None, verb: Token | None) -> Report | None:
    """The source's words, when they say who it is: a name, or a noun phrase with "a" or with
    a complement of its own ("a survey of 300 call centres"), never a pronoun or a bare
    "the study"."""
    if source is None or source.tag_ in {"PRP", "PRP$", "WP", "WDT", "DT", "EX"}:
        return None
    if source.pos_ not in {"NOUN", "PROPN"}:
        return None
    tokens = [t for t in source.subtree if not t.is_space]
    while tokens and tokens[-1].is_punct and tokens[-1].text in {",", ";", "—", "–"}:
        # "The security firm Halvex, has said …": the comma closes the subject, not an aside.
        tokens.pop()
    if any(t.tag_ in {"PRP", "PRP$"} or t.lower_ in DEMONSTRATIVE_WORDS for t in tokens):
        return None
    named = any(t.pos_ == "PROPN" or t.ent_type_ in NAMED_TYPES for t in tokens)
    first = tokens[0].lower_
    established = any(
        c.dep_ in ESTABLISHING_DEPS and any(t.pos_ == "NOUN" for t in c.subtree)
        for c in source.children
    )
    if first == "the" and not named and not established:
        return None  # "the study": which one?
    head_part = [t for t in tokens if t.i <= source.i and t.dep_ not in {"punct"}]
    short = _words_of(head_part)
    if first == "the" and not any(t.pos_ == "PROPN" or t.ent_type_ for t in head_part):
        short = ""  # "the survey" alone needs its complement
    full = _words_of(tokens)
    if len(tokens) > SOURCE_MAX_WORDS or any(
        t.text in {",", "(", ")", ";", "—", "–"} for t in tokens
    ):
        full = short
    if not full:
        return None
    return Report(source=full, short=short or full, verb=verb)


DEMONSTRATIVE_WORDS = frozenset({"this", "that", "these", "those"})


def _words_of(tokens: list[Token]) -> str:
    text = "".join(t.text_with_ws for t in tokens).strip()
    first = tokens[0]
    common = first.tag_ == "DT" or (first.pos_ != "PROPN" and not first.ent_type_)
    if common and first.text[:1].isupper():
        text = text[:1].lower() + text[1:]  # "Police said" → "according to police"
    return text


def _without_trailing_report(body: str, verb: Token) -> str | None:
    """The prompt without a report that closes it ("…, Professor Berg says?" → "…?"), or
    None when the report does not close it."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or verb.i < subject.i:
        return None
    words = "".join(t.text_with_ws for t in subject.subtree).strip()
    tail = re.compile(
        rf",\s+{re.escape(words)}\s+{re.escape(verb.text)}(?P<end>[?.]?)\s*$", re.IGNORECASE
    )
    match = tail.search(body)
    if match is None:
        return None
    return body[: match.start()] + match.group("end")


def _without_trailing_source(body: str, report: Report) -> str | None:
    """The prompt without an "according to <source>" that closes it ("…, according to the
    Lund Health Board (LHB)." → "…."), or None when none closes it."""
    for source in dict.fromkeys((report.source, report.short)):
        if not source:
            continue
        tail = re.compile(
            rf",?\s+according to\s+{re.escape(source)}(?:\s*\([^()]*\))?(?P<end>[?.]?)\s*$",
            re.IGNORECASE,
        )
        match = tail.search(body)
        if match is not None:
            return body[: match.start()] + match.group("end")
    return None


# Words that open a prompt and are written in lower case after "According to X, ".
LOWER_AFTER_ATTRIBUTION = frozenset(
    """the a an in on at by from for of to with during after before since until when what
    which who whom whose how where why there""".split()
)


def _common_opening(span: Span | None, word: str) -> bool:
    """Whether the prompt's first word is a common word where the sentence writes it ("Help
    lines received …"), not a name."""
    if span is None:
        return False
    for token in span:
        if token.text == word:
            return token.pos_ not in {"PROPN"} and not token.ent_type_ and word != "I"
    return False


def attributed(prompt: str) -> bool:
    """Whether the prompt names who reports what it asks ("According to …, …")."""
    return prompt_body(prompt).startswith("According to ")


# The facts a report is asked about with its source: what a survey, an office or a speaker
# counts or dates, and (`spoken_by_name`) what a named speaker says of who or where.
ATTRIBUTED_FACTS = {FactKind.DATE, FactKind.FIGURE}
# Verbs that say who spoke: "<Name> said/told/added that …". Not the verbs of a finding ("a
# survey found"), which name a study, nor of a belief, a fear or an accusation.
SPEECH_VERBS = frozenset("say state add note tell explain confirm announce report write".split())
# Of those, the verbs a true/false statement keeps as the text has them ("X confirmed that");
# the others are told with "say" in the text's tense ("X told the BBC" → "X said that").
KEPT_SPEECH_VERBS = frozenset("state explain confirm announce report write".split())
# Links on the way from the answer to the reported clause's verb that leave that clause: a
# relative clause ("the companies which received X"), a gerund or a clause of its own
# ("forced into using X"): what a question on them states is not what the speaker said.
CLAUSE_LEAVING_DEPS = frozenset({"relcl", "acl", "advcl", "pcomp", "csubj", "csubjpass", "appos"})
# Verbs of a mind at work, whose clause is their subject's, not the speaker's report.
MIND_VERBS = REPORTING_VERBS | ATTRIBUTING_VERBS | {"dream", "wish", "want", "feel", "know"}
# Quotation marks: double ones, or a single one opening words ("'the best'"), not an
# apostrophe ("Google's", "the players' union").
QUOTE_MARKS = re.compile(r"[\"“”‘]|(?:^|[\s(])'")


def spoken_by_name(span: Span | None, start: int, report: Report) -> bool:
    """Whether the fact at `start` is what a named speaker says, in the speaker's own clause:
    "Ana Ruiz said that Kestrel Labs opened a store in Bergen", "According to the Lund Health
    Board, Tom Hale led the team". Not when the speaker is not named ("police", "a spokesman",
    "she"), when the sentence quotes words (a quoted fragment is not a paraphrase to restate),
    when the fact sits in a relative clause or a clause of its own inside the report, or when
    its own verb is a belief or another report ("X said Y feared that …")."""
    if span is None or not report.source or QUOTE_MARKS.search(span.text):
        return False
    if report.verb is not None and report.verb.lemma_.lower() not in SPEECH_VERBS:
        return False
    if not _named_source(span, report):
        return False
    token = token_at(span, start)
    if token is None:
        return False
    top = report.verb
    node, clause_verb = token, None
    for _ in range(16):
        if top is not None and node.head == top:
            break
        if node.head == node:
            if top is not None:
                return False  # the speech verb does not govern the fact
            break
        if node.dep_ in CLAUSE_LEAVING_DEPS:
            return False
        if clause_verb is None and node.pos_ in {"VERB", "AUX"}:
            clause_verb = node
        node = node.head
    else:
        return False
    if clause_verb is None and node.pos_ in {"VERB", "AUX"}:
        clause_verb = node
    if clause_verb is not None and clause_verb.lemma_.lower() in MIND_VERBS:
        return False
    return clause_verb is None or not any(
        c.dep_ == "neg" or c.lower_ in {"not", "n't", "never"} for c in clause_verb.children
    )


def _named_source(span: Span, report: Report) -> bool:
    """Whether the report's source is named: a proper noun or a named entity among its words
    ("Ana Ruiz", "the Lund Health Board"), not a role alone ("the spokesman", "police")."""
    words = set(normalise(report.source).split())
    return any(
        (t.pos_ == "PROPN" or t.ent_type_ in NAMED_TYPES) and normalise(t.text) in words
        for t in span
    )


def _speech_phrase(verb: Token) -> str:
    """The reporting verb as a true/false statement tells it, in the text's tense: "said",
    "says", "has said", "had confirmed" ("told the BBC" → "said")."""
    lemma = verb.lemma_.lower()
    perfect = next(
        (c.lower_ for c in verb.children if c.dep_ == "aux" and c.lemma_.lower() == "have"),
        "",
    )
    if lemma in KEPT_SPEECH_VERBS:
        word = verb.lower_
    elif verb.tag_ == "VBZ":
        word = "says"
    elif verb.tag_ == "VBP":
        word = "say"
    else:
        word = "said"
    return f"{perfect} {word}".strip()


def names_its_source(prompt: str, report: Report | None) -> bool:
    """Whether the prompt keeps who reports what it asks: "According to <source>, …", "…,
    according to <source>." or (true/false) "<source> said that …"."""
    if report is None:
        return False
    body = prompt_body(prompt)
    for source in dict.fromkeys((report.source, report.short)):
        if not source:
            continue
        if body.startswith(f"According to {source}, "):
            return True
        if re.search(rf"\baccording to {re.escape(source)}\b", body, re.IGNORECASE):
            return True
        if report.verb is not None:
            # "<Source> said that …" as a statement tells it, or the report as the text has
            # it ("Fenwick stated to the Harlow Courier that …").
            named = re.escape(f"{source[:1].upper()}{source[1:]}")
            said = re.escape(_speech_phrase(report.verb))
            verb = re.escape(report.verb.text)
            if re.match(rf"{named} (?:{said} that |(?:has |have |had )?{verb}\b)", body):
                return True
    return False


def attribute_report(
    draft: QuestionDraft, context: GenerationContext, fact_kind: str = ""
) -> QuestionDraft:
    """A date or figure a source reports, asked with its source: "According to a survey of
    300 call centres, the number of calls … grows by what percentage every year?"; and who or
    where a named speaker reports (`spoken_by_name`): "According to Ana Ruiz, which company
    opened a store in Bergen?". A true/false statement of a speaker keeps the speaker's verb
    ("True or false: Ana Ruiz said that Kestrel Labs opened a store in Bergen."). Unchanged
    when the prompt keeps the report itself ("The researchers found that …", "Who said …"),
    when the source holds the answer, or when the prompt would grow too long."""
    if draft.kind not in FACT_ASKING | {QuestionKind.TRUE_FALSE}:
        return draft
    if draft.rule.startswith(DEFINITION_RULES) or attributed(draft.prompt):
        return draft
    sentence = draft.source_sentence
    report = context.report(sentence, _answer_start(draft))
    if report is None:
        return draft
    span = context.span_of(sentence.start, sentence.end)
    spoken = spoken_by_name(span, _answer_start(draft), report)
    if fact_kind not in ATTRIBUTED_FACTS and not spoken:
        return draft
    body = prompt_body(draft.prompt)
    prefix = draft.prompt[: len(draft.prompt) - len(body)]
    if report.verb is not None and re.search(rf"\b{re.escape(report.verb.text)}\b", body):
        cut = _without_trailing_report(body, report.verb)
        if cut is None:
            return draft  # the prompt keeps the report: "Who said …", "X found that …"
        body = cut
    elif report.verb is None:
        # "…, according to X (XYZ)." is asked "According to X, …": the source first, as a
        # reader meets it, without the bracketed short name.
        body = _without_trailing_source(body, report) or body
    answer = draft.answer_text
    for source in dict.fromkeys((report.source, report.short)):
        if not source:
            return draft
        if (answer and contains_phrase(source, answer)) or contains_phrase(body, source):
            return draft
        first, _, rest = body.partition(" ")
        if first.lower() in LOWER_AFTER_ATTRIBUTION or _common_opening(span, first):
            first = first.lower()
        if spoken and draft.kind == QuestionKind.TRUE_FALSE and report.verb is not None:
            said = _speech_phrase(report.verb)
            opening = f"{source[:1].upper()}{source[1:]} {said} that"
        else:
            opening = f"According to {source},"
        prompt = f"{prefix}{opening} {first} {rest}".rstrip()
        if len(prompt.split()) <= PROMPT_MAX_WORDS:
            return replace(draft, prompt=prompt)
    return draft


def _answer_start(draft: QuestionDraft) -> int:
    """Where the draft's fact stands in the text: from a date's or figure's key
    ("figure:1234:1240"), else where its answer is written in the sentence."""
    sentence = draft.source_sentence
    for key in draft.fact_keys:
        parts = key.split(":")
        if (
            len(parts) == 3
            and parts[1].isdigit()
            and sentence.start <= int(parts[1]) < sentence.end
        ):
            return int(parts[1])
        if parts[0] == "actor" and len(parts) >= 2:
            at = sentence.text.find(key.split(":", 1)[1])
            if at >= 0:
                return sentence.start + at
    return sentence.start + max(sentence.text.find(draft.answer_text), 0)


def claim_stated_as_fact(draft: QuestionDraft, context: GenerationContext, start: int) -> bool:
    """Whether the draft states as a fact what its sentence only reports, supposes or fears.
    A question that names the report's source ("According to …") states no fact; one that
    drops "a survey found" from "<finding>, a survey found" states the finding as a fact."""
    sentence = draft.source_sentence
    report = context.report(sentence, start)
    if names_its_source(draft.prompt, report):
        return False
    if keeps_side_report(draft.prompt, context.span_of(sentence.start, sentence.end), start):
        return False  # "The Greens, Mr Pike alleges, took …" writes its speaker in
    if context.claim(sentence, start):
        return True
    verb = report.verb if report is not None else None
    return (
        verb is not None
        and verb.lemma_.lower() in FINDING_VERBS
        and not re.search(rf"\b{re.escape(verb.text)}\b", prompt_body(draft.prompt))
    )
