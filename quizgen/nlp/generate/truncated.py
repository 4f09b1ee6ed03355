"""Truncated or ill-formed questions (the rules `worth.TRUNCATED_FEATURES` name).

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
- `copied_opener`: the textbook's own opener copied into the question ("In other words,
  …", "For example, …", "As we saw, …", "This means that …", "Another type of …", "Now
  let's …"): words that tie the sentence to the page around it, which the question lacks.
"""

from __future__ import annotations

import re

from lemminflect import getAllInflections
from spacy.tokens import Span, Token

from quizgen.nlp.actors import TITLE_WORDS
from quizgen.nlp.generate.clause import token_at
from quizgen.nlp.generate.text import prompt_body as _body
from quizgen.nlp.parsed import doc_text
from quizgen.nlp.types import FACT_ASKING as ASKING
from quizgen.nlp.types import QuestionDraft


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
    if doc_text(doc)[start:end] != answer:
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
    if index < span.end and doc[index].pos_ == "ADP" and doc[index].text[:1].isupper():
        return True  # "a production of _____ Towards the Sea": only a title capitalises it
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
        if not _after_of(phrase, sentence):
            continue  # no pattern built for a phrase the sentence never writes after "of"
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


# "of", "de" or "du" and the "the" after it, read backwards (see `_after_of`).
_OF_BEFORE_REVERSED = re.compile(r"(?:\s+eht)?\s+(?:fo|ed|ud)\s")


def _after_of(phrase: str, sentence: str) -> bool:
    """Whether the sentence writes the phrase right after "of", "de" or "du" (and a "the")
    somewhere: what `name_cut_in_prompt`'s search needs before it is worth building."""
    reversed_sentence = sentence[::-1]
    at = sentence.find(phrase)
    while at != -1:
        if _OF_BEFORE_REVERSED.match(reversed_sentence, len(sentence) - at):
            return True
        at = sentence.find(phrase, at + 1)
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


# Openers that tie a sentence to the page around it: a restatement, an example, a reminder
# of an earlier section, a next step, one more of a kind the text has listed.
OPENER = re.compile(
    r"^(?:in other words|that is(?: to say)?|for (?:example|instance)|as an example|"
    r"to illustrate|as we(?: have)? (?:saw|seen|learned|discussed|noted|mentioned|shown)|"
    r"as (?:noted|mentioned|discussed|shown|described|explained|seen|stated) "
    r"(?:above|earlier|before|previously|in)|"
    r"this (?:means|shows|suggests|implies|is because|is why)|that (?:means|is why)|"
    r"another (?:type|kind|form|example|way|reason|class|category|sort|variety|group)|"
    r"other (?:types|kinds|forms|examples) of|"
    r"(?:now,? )?let(?:'|’)s|(?:now,? )?let us|now,|"
    r"(?:recall|remember|note|notice) that|in addition|additionally|in fact|of course|"
    r"in (?:short|sum|summary|brief)|to (?:sum up|summari[sz]e)|here,|"
    r"(?:first|second|third|next|lastly),|on the other hand|"
    r"in (?:this|the (?:previous|next|following|last)) (?:chapter|section|module|unit|lesson)"
    r")(?:(?<=,)|\b)",
    re.IGNORECASE,
)


def copied_opener(draft: QuestionDraft) -> bool:
    """Whether the prompt, or an item a student orders or matches, opens with the text's
    own opener ("In other words, …", "For example, …", "As we saw, …", "This means that
    …", "Another type of …", "Now let's …"): copied from a sentence that leans on the page
    around it (what is restated, exemplified, another of), it is no question on its own."""
    texts = [_body(draft.prompt)]
    if draft.kind in {"ordering", "matching"} and draft.answer:
        texts += [
            str(item[0] if isinstance(item, (list, tuple)) else item) for item in draft.answer
        ]
    return any(OPENER.match(text.strip().lstrip("“\"'")) for text in texts)
