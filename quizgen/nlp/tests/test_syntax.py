"""A verb's subject, as every part of the NLP core reads it (`quizgen/nlp/syntax.py`).

Every sentence is invented for the test.
"""

import pytest

from quizgen.nlp.syntax import subject_of


def verb_in(nlp_pipeline, sentence, word):
    return next(token for token in nlp_pipeline(sentence) if token.text == word)


@pytest.mark.parametrize(
    ("sentence", "verb", "options", "subject"),
    [
        ("The bridge was built in 1840.", "built", {}, "bridge"),
        ("Mara Lind returned to Oslo and taught at the college.", "taught", {}, None),
        # A subjectless conjunct shares the subject of the verb it is coordinated with.
        (
            "Mara Lind returned to Oslo and taught at the college.",
            "taught",
            {"through": {"conj"}},
            "Lind",
        ),
        # An infinitive complement is followed only when the caller says so.
        ("Mara Lind wanted to teach at the college.", "teach", {"through": {"conj"}}, None),
        (
            "Mara Lind wanted to teach at the college.",
            "teach",
            {"through": {"conj", "xcomp"}},
            "Lind",
        ),
        # A non-finite adverbial clause ("to teach") shares the main clause's subject.
        (
            "Mara Lind moved to Oslo to teach at the college.",
            "teach",
            {"through": {"advcl"}},
            "Lind",
        ),
        # A finite one has its own.
        (
            "Mara Lind left Oslo because the college closed.",
            "closed",
            {"through": {"advcl"}},
            "college",
        ),
        ("There are twelve bridges in the old town.", "are", {}, None),
        ("There are twelve bridges in the old town.", "are", {"expletive": True}, "There"),
    ],
)
def test_subject_of(nlp_pipeline, sentence, verb, options, subject):
    found = subject_of(verb_in(nlp_pipeline, sentence, verb), **options)
    assert (found.text if found is not None else None) == subject
