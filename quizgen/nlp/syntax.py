"""Reading the dependency parse: which word is a verb's subject.

One home for a question every part of the NLP core asks (the extractor, the term finder, the
question builders, the ranker), so that "the subject" means the same everywhere, and where a
caller means something more (the subject a subjectless conjunct shares, an existential
"there") it says so by a parameter.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Token

# The relations of a verb's subject, active ("Kim wrote it") and passive ("It was written").
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Verbs an expletive "there" is the subject of ("There are 100 species", "There remain two").
EXISTENTIAL = frozenset({"be", "exist", "remain"})
# A dummy "it" standing for the infinitive after it: "makes it possible to rest a field",
# "sees it as right to offer …", "thought it wise to wait". It points at nothing before it.
# (Not a particle: "held it up to the light" holds something.)
DUMMY_IT = re.compile(
    r"\b((?:make|makes|made|making|find|finds|found|finding|consider|considers|considered|"
    r"considering|see|sees|saw|seeing|think|thinks|thought|deem|deems|deemed|hold|holds|held)"
    r"\s+)it(\s+(?:as\s+)?(?!(?:up|down|back|out|in|off|over|on|away|through|aside)\b)"
    r"[a-z]+\s+to\s+[a-z]+)",
    re.IGNORECASE,
)


def without_dummy_it(text: str) -> str:
    """`text` with each dummy "it" (`DUMMY_IT`) taken out, the rest as it was."""
    return DUMMY_IT.sub(r"\1\2", text)


# Tags of a verb with no subject of its own: it shares the one of the verb it hangs on.
NON_FINITE_TAGS = frozenset({"VBG", "VBN", "VB"})


def subject_of(
    verb: Token, *, through: Collection[str] = (), expletive: bool = False
) -> Token | None:
    """The verb's subject: its first child in `SUBJECT_DEPS`, or None.

    through: relations by which a verb with no subject of its own shares that of the verb it
        hangs on, followed up the tree: "conj" ("He returned and taught at Carrow": he
        taught), "xcomp" ("She wanted to teach"), "advcl" (only a non-finite one: "He moved
        to Carrow to teach"; a finite adverbial clause has its own subject).
    expletive: an existential "there" counts as the subject ("There are 100 species").
    """
    while True:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
            if expletive and _existential_there(child, verb):
                return child
        if verb.dep_ not in through or verb.head.i == verb.i:
            return None
        if verb.dep_ == "advcl" and verb.tag_ not in NON_FINITE_TAGS:
            return None
        verb = verb.head


def _existential_there(child: Token, verb: Token) -> bool:
    return child.dep_ == "expl" and child.lower_ == "there" and verb.lemma_ in EXISTENTIAL
