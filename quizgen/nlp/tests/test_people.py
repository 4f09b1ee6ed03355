"""Who a short name or a pronoun stands for: a fact is never given to the wrong person.

A surname that several people of the text share stands for the person the text is about, or
for no one; a first name never for a namesake's full name; "he" for the one person a reader
would take it to be, or for no one. The texts are composed for these tests.
"""

import pytest

from quizgen.nlp import extract_facts
from quizgen.nlp.actors import ActorCluster, ActorMention
from quizgen.nlp.tests.drafting import drafts_for
from quizgen.nlp.types import FactKind

FAMILY = (
    "Oswald Fenwick\n\n"
    "Oswald Fenwick (1830 – 1899) was an English botanist. His family claimed descent from "
    "Ambrose Fenwick, a knight of the 14th century. His father, Samuel Fenwick, was a clerk.\n\n"
    "Fenwick moved to Leeds in 1848 to live with his brother John. This lasted until Ambrose, "
    "his oldest brother, could take him in as a clerk. While there, he studied botany "
    "at the Royal Institution in 1849. Ambrose moved to York in 1850."
)


def _people(text, nlp):
    extraction = extract_facts(text, nlp=nlp)
    return {
        str(fact.value): sorted({extraction.text[m.start : m.end] for m in fact.mentions})
        for fact in extraction.of_kind(FactKind.ACTOR)
        if fact.label == "person"
    }


def _prompts(text, nlp):
    """Every prompt and every ordering or matching item of the text's drafts."""
    drafts = drafts_for(text, nlp)
    items = [
        item[0] if isinstance(item, list) else str(item)
        for draft in drafts
        if draft.kind in {"ordering", "matching"}
        for item in draft.answer
    ]
    return [draft.prompt for draft in drafts] + items


@pytest.mark.parametrize(
    ("text", "end", "name"),
    [
        ("Alwyn Crispin Vane CH wrote it.", 4, "Alwyn Crispin Vane"),
        ("Jane Roe, FRS, wrote it.", 4, "Jane Roe"),
        ("Jane Roe OBE FRS wrote it.", 4, "Jane Roe"),
        ("Roe QC wrote it.", 2, "Roe QC"),  # a name is never cut down to less than two words
    ],
)
def test_letters_of_an_honour_are_not_part_of_the_name(nlp_pipeline, text, end, name):
    from spacy.tokens import Span

    from quizgen.nlp.actors import _without_postnominals

    doc = nlp_pipeline(text)
    assert _without_postnominals(Span(doc, 0, end, label="PERSON")).text == name


def test_a_shared_surname_stands_for_the_person_the_text_is_about(nlp_pipeline):
    people = _people(FAMILY, nlp_pipeline)
    assert people["Oswald Fenwick"] == ["Fenwick", "Oswald Fenwick"]
    assert people["Samuel Fenwick"] == ["Samuel Fenwick"]
    assert people["Ambrose Fenwick"] == ["Ambrose Fenwick"]


def test_a_first_name_in_a_family_is_not_a_namesake(nlp_pipeline):
    # "Peter" the brother is not "Peter Fenwick" the knight: the family shares the surname.
    text = (
        "Oswald Fenwick\n\nOswald Fenwick (1830 – 1899) was an English botanist. His family "
        "claimed descent from Peter Fenwick, a knight of the 14th century.\n\nFenwick moved "
        "to Leeds in 1848 to live with his brother Peter. Peter moved to York in 1850."
    )
    assert _people(text, nlp_pipeline) == {
        "Oswald Fenwick": ["Fenwick", "Oswald Fenwick"],
        "Peter Fenwick": ["Peter Fenwick"],
        "Peter": ["Peter"],
    }


def test_a_shared_surname_in_a_text_about_neither_stands_for_no_one(nlp_pipeline):
    text = (
        "The mill was built in 1901 by the river. Anna Pike and her brother Hugo Pike ran it "
        "for twenty years. Pike sold the mill in 1920."
    )
    people = _people(text, nlp_pipeline)
    assert people["Anna Pike"] == ["Anna Pike"]
    assert people["Hugo Pike"] == ["Hugo Pike"]
    prompts = _prompts(text, nlp_pipeline)
    assert not [p for p in prompts if "Anna Pike sold" in p or "Hugo Pike sold" in p]


def test_he_in_a_paragraph_about_the_texts_subject_is_that_person(nlp_pipeline):
    # The previous sentence names the brother as a subject of a subordinate clause only.
    prompts = _prompts(FAMILY, nlp_pipeline)
    studied = [p for p in prompts if "studied botany" in p or "study botany" in p]
    assert studied
    assert all("Oswald Fenwick" in p for p in studied)
    assert not [p for p in prompts if "Ambrose" in p and "botany" in p]


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        (
            "The committee met in Oxford in 1900. Arthur Penn spoke with Walter Crisp about "
            "the plans. He left the committee in 1901.",
            None,
        ),
        (
            "The committee met in Oxford in 1900. Arthur Penn chaired it. He left the "
            "committee in 1901.",
            "Arthur Penn",
        ),
    ],
)
def test_he_stands_for_a_person_only_when_one_is_in_sight(nlp_pipeline, text, resolved):
    left = [p for p in _prompts(text, nlp_pipeline) if "left the committee" in p]
    named = {name for name in ("Arthur Penn", "Walter Crisp") for p in left if name in p}
    assert named == ({resolved} if resolved else set())


def test_a_person_is_named_as_the_text_names_them_most_not_by_a_full_name_given_once(
    nlp_pipeline,
):
    doc = nlp_pipeline("Osric Hale Marlowe was born in 1871. Osric Marlowe met Osric Marlowe.")
    names = [doc[0:3], doc[8:10], doc[11:13]]
    cluster = ActorCluster(mentions=[ActorMention(s, "person", s.text) for s in names])
    assert cluster.value == "Osric Marlowe"
    # Each written once (the text is counted, not only what the parser tagged): the fullest.
    doc = nlp_pipeline("Osric Hale Marlowe was born in 1871. Osric Marlowe died in 1950.")
    names = [doc[0:3], doc[8:10]]
    once_each = ActorCluster(mentions=[ActorMention(s, "person", s.text) for s in names])
    assert once_each.value == "Osric Hale Marlowe"


def _found(nlp, text, spans):
    """`text` parsed, and the entities the NER would give it were it to find exactly `spans`
    ((words, label), in order)."""
    from spacy.tokens import Span

    doc = nlp(text)
    words = [t.text for t in doc]
    ents, at = [], 0
    for phrase, label in spans:
        size = len(phrase.split())
        at = next(i for i in range(at, len(words)) if words[i : i + size] == phrase.split())
        ents.append(Span(doc, at, at + size, label=label))
        at += size
    return doc, ents


def _clusters(nlp, text, spans):
    """The actors of `text` when the NER found exactly `spans` ((words, label), in order)."""
    from quizgen.nlp.actors import actor_mentions, cluster_mentions

    doc, ents = _found(nlp, text, spans)
    return {c.value: (c.label, c.role) for c in cluster_mentions(actor_mentions(doc, ents))}


def test_a_name_written_once_after_a_title_is_a_person_where_ner_calls_it_an_organisation(
    nlp_pipeline,
):
    text = (
        "Pope Leofric wrote to the abbot in 610. The letters of Leofric survive in Rome. "
        "Leofric sent two monks to Velmark."
    )
    found = _clusters(
        nlp_pipeline, text, [("Leofric", "PERSON"), ("Leofric", "ORG"), ("Leofric", "ORG")]
    )
    assert found["Leofric"][0] == "person"


def test_without_a_title_the_same_names_keep_the_ner_label(nlp_pipeline):
    text = "Leofric wrote to the abbot in 610. The letters of Leofric survive in Rome."
    found = _clusters(nlp_pipeline, text, [("Leofric", "ORG"), ("Leofric", "ORG")])
    assert found["Leofric"][0] == "organisation"


@pytest.mark.parametrize(
    ("text", "span", "expected"),
    [
        (
            "King Eadric of Dunmere died in 702.",
            "King Eadric of Dunmere",
            ("Eadric of Dunmere", "person", "King"),
        ),
        (
            "The Roman Emperor Galerius ruled the east.",
            "Roman Emperor Galerius",
            ("Galerius", "person", "Roman Emperor"),
        ),
        ("King Harald IX signed the treaty.", "King Harald IX", ("Harald IX", "person", "King")),
        # an office, a university and a place keep what the NER said
        (
            "The Bishop of Carrow signed it.",
            "Bishop of Carrow",
            ("Bishop of Carrow", "organisation", ""),
        ),
        (
            "She studied at Duke University for a year.",
            "Duke University",
            ("Duke University", "organisation", ""),
        ),
        (
            "He grew up in Prince Corwin in the north.",
            "Prince Corwin",
            ("Prince Corwin", "place", ""),
        ),
    ],
)
def test_a_title_and_a_name_tagged_an_organisation_or_place_is_a_person(
    nlp_pipeline, text, span, expected
):
    label = "GPE" if expected[1] == "place" else "ORG"
    found = _clusters(nlp_pipeline, text, [(span, label)])
    name, kind, role = expected
    assert found == {name: (kind, role)}


def test_a_one_word_person_the_text_writes_after_in_is_a_place(nlp_pipeline):
    text = "Aldric preached in Dunmere for ten years. The king of Dunmere gave him land."
    found = _clusters(nlp_pipeline, text, [("Aldric", "PERSON"), ("Dunmere", "PERSON")])
    assert found["Dunmere"][0] == "place"
    assert found["Aldric"][0] == "person"


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        # a possessive after "in" is a person's work
        ("The idea appears in Harwood's first novel.", [("Harwood", "PERSON")]),
        # a name with a title is a person wherever it stands
        (
            "King Eadwig ruled for four years. Peace returned in Eadwig's last year.",
            [("Eadwig", "PERSON"), ("Eadwig", "PERSON")],
        ),
        # the surname of a full name of the text
        (
            "Mary Harwood wrote it. The change came in Harwood, said her brother.",
            [("Mary Harwood", "PERSON"), ("Harwood", "PERSON")],
        ),
    ],
)
def test_after_in_a_name_stays_a_person_when_the_text_says_so(nlp_pipeline, text, spans):
    found = _clusters(nlp_pipeline, text, spans)
    assert {label for label, _ in found.values()} == {"person"}


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        # a team whose name opens with a title word, tagged a person once
        (
            "Lena Hask joined the Prince Corwin Otters in 2001. Her years with the Prince "
            "Corwin Otters were her best.",
            [("Lena Hask", "PERSON"), ("Prince Corwin Otters", "ORG"), ("Prince Corwin", "PERSON")],
            {"Lena Hask": ("person", ""), "Prince Corwin Otters": ("organisation", "")},
        ),
        # a town whose name opens with a title word
        (
            "Lena Hask grew up in Prince Corwin. She left Prince Corwin at nineteen.",
            [("Lena Hask", "PERSON"), ("Prince Corwin", "GPE"), ("Prince Corwin", "PERSON")],
            {"Lena Hask": ("person", ""), "Prince Corwin": ("place", "")},
        ),
        # a prince the text names nothing else
        (
            "Prince Harald sailed north in 1020. The fleet of Prince Harald sank.",
            [("Prince Harald", "PERSON"), ("Prince Harald", "PERSON")],
            {"Harald": ("person", "Prince")},
        ),
    ],
)
def test_a_title_word_opening_the_name_of_a_team_or_town_makes_no_person(
    nlp_pipeline, text, spans, expected
):
    assert _clusters(nlp_pipeline, text, spans) == expected


def test_a_prince_the_ner_calls_a_person_more_often_than_an_organisation_stays_a_person(
    nlp_pipeline,
):
    text = (
        "Prince Harald sailed north in 1020. Prince Harald landed at Tirel. The fleet of "
        "Prince Harald sank."
    )
    spans = [("Prince Harald", "PERSON"), ("Prince Harald", "PERSON"), ("Prince Harald", "ORG")]
    assert _clusters(nlp_pipeline, text, spans)["Harald"] == ("person", "Prince")


@pytest.mark.parametrize(
    ("text", "spans", "place"),
    [
        # the NER's place for the name elsewhere
        (
            "Aldric preached in Velmark for ten years. His road through Velmark was long.",
            [("Aldric", "PERSON"), ("Velmark", "GPE"), ("Velmark", "PERSON")],
            "Velmark",
        ),
        # a kingdom named with a lower-case noun
        (
            "Aldric converted the kingdom of Tirel. King Osbern of Tirel died in 616.",
            [("Aldric", "PERSON"), ("Tirel", "PERSON"), ("King Osbern of Tirel", "ORG")],
            "Tirel",
        ),
        # a town in a list of towns
        (
            "Aldric passed through the towns of Arlon, Namur, Dinant and Velmark.",
            [("Aldric", "PERSON"), ("Arlon", "GPE"), ("Namur", "GPE"), ("Velmark", "PERSON")],
            "Velmark",
        ),
    ],
)
def test_a_one_word_person_the_text_places_is_a_place(nlp_pipeline, text, spans, place):
    found = _clusters(nlp_pipeline, text, spans)
    assert found[place][0] == "place"
    assert found["Aldric"][0] == "person"


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        # the place word of a first name stays a person
        (
            "Georgia Lane grew up in Georgia. Georgia wrote to her aunt.",
            [("Georgia Lane", "PERSON"), ("Georgia", "GPE"), ("Georgia", "PERSON")],
            "person",
        ),
        # a list of people named in full
        (
            "The prize went to Anna Berg, Tomas Lind, Velmark and Paris in 1990.",
            [("Anna Berg", "PERSON"), ("Tomas Lind", "PERSON"), ("Velmark", "PERSON"),
             ("Paris", "GPE")],
            "person",
        ),
    ],
)  # fmt: skip
def test_a_one_word_person_beside_a_place_stays_a_person_when_the_text_says_so(
    nlp_pipeline, text, spans, expected
):
    from quizgen.nlp.actors import actor_mentions, cluster_mentions

    doc, ents = _found(nlp_pipeline, text, spans)
    labels = [
        m.label
        for c in cluster_mentions(actor_mentions(doc, ents))
        for m in c.mentions
        if m.span.start == ents[2].start
    ]
    assert labels == [expected]


def test_a_one_word_person_only_modifying_a_common_noun_is_a_people(nlp_pipeline):
    text = "Aldric died in the Norman period, after the Tudor wars began."
    found = _clusters(
        nlp_pipeline, text, [("Aldric", "PERSON"), ("Norman", "PERSON"), ("Tudor", "PERSON")]
    )
    assert found == {"Aldric": ("person", ""), "Norman": ("group", ""), "Tudor": ("group", "")}


def test_a_surname_modifying_a_common_noun_stays_a_person(nlp_pipeline):
    text = "Rosa Kendal ran the firm. The Kendal years ended in 1990."
    found = _clusters(nlp_pipeline, text, [("Rosa Kendal", "PERSON"), ("Kendal", "PERSON")])
    assert found == {"Rosa Kendal": ("person", "")}


def test_a_first_name_before_and_a_full_name_shares_its_surname(nlp_pipeline):
    # "to Henry and Mary Holt": both are Holts, so "Holt" alone is not the mother.
    text = (
        "Holt was born in Leeds on 3 May 1820, to Henry and Mary Holt. He went to school in "
        "York, where he enjoyed drawing. In 1840 Holt began work at the press of Tom Hale."
    )
    people = _people(text, nlp_pipeline)
    assert people["Mary Holt"] == ["Mary Holt"]
    prompts = _prompts(text, nlp_pipeline)
    assert not [p for p in prompts if "Mary Holt began" in p or "Mary Holt went" in p]


def _accepted(text, nlp, answer):
    return {d.accepted_answers for d in drafts_for(text, nlp) if d.answer_text == answer}


@pytest.mark.parametrize(
    ("text", "answer", "surname"),
    [
        # named once, in full: the surname alone is still the person's
        (
            "The jury gave the award to Marta Kessel in 2004 for her film.",
            "Marta Kessel",
            "Kessel",
        ),
        # a surname with its particle
        ("Jurgen van der Berg built the camera in 2006.", "Jurgen van der Berg", "van der Berg"),
        ("Samuel Pike Jr. opened the mill in 1901.", "Samuel Pike Jr.", "Pike"),
    ],
)
def test_a_persons_surname_alone_is_accepted_where_nobody_else_bears_it(
    nlp_pipeline, text, answer, surname
):
    keys = _accepted(text, nlp_pipeline, answer)
    assert keys
    assert all(surname in key for key in keys)


@pytest.mark.parametrize(
    ("text", "answer", "not_accepted"),
    [
        # two people share the surname: it names neither
        (
            "Anna Pike and her brother Hugo Pike ran the mill in 1901. Hugo Pike sold it in 1920.",
            "Hugo Pike",
            "Pike",
        ),
        # a regnal name has no surname
        ("In 1982 the pope John Paul II visited Carrow.", "John Paul II", "Paul"),
        # a family name written first: the last word is a given name
        ("Wang Lei opened the school in Carrow in 1990.", "Wang Lei", "Lei"),
    ],
)
def test_no_surname_alone_where_it_would_name_someone_else_or_no_one(
    nlp_pipeline, text, answer, not_accepted
):
    keys = _accepted(text, nlp_pipeline, answer)
    assert keys
    assert all(not_accepted not in key for key in keys)
