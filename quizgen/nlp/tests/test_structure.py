"""The parts of a document: every line and sentence gets the region it stands in, and
questions from outside the running text are never recommended."""

import pytest

from quizgen.nlp import extract_facts
from quizgen.nlp.structure import Region, Regions, byline_names, line_regions, sentence_region
from quizgen.nlp.tests.drafting import drafts_for

NEWS = """Council approves new bridge over the Aire
Monday, March 5, 2007
By Jane Holloway and Peter Marsh
The town council of Marlow approved a new bridge over the river Aire on Monday.
The old bridge was closed in 2005 because its piers had cracked. Image: Marlow Town Council.
Photo: A view of the old bridge from the north bank.
(AP)
Note: An earlier version of this article gave the wrong date for the closure.
See also
Bridges of the river Aire
External links
Marlow Town Council, official website"""

NEWS_REGIONS = [
    Region.TITLE,
    Region.DATELINE,
    Region.BYLINE,
    Region.BODY,
    Region.CAPTION,
    Region.CREDIT,
    Region.CREDIT,
    Region.NOTE,
    Region.HEADING,
    Region.REFERENCES,
    Region.HEADING,
    Region.REFERENCES,
]

TEXTBOOK = """3.1 Forces and Motion
Learning Objectives
By the end of this section, you will be able to:
Describe what a force does to a body at rest
Explain the difference between mass and weight
A force is a push or a pull that acts on an object. Forces add up.
Figure 3.2 A sledge pulled across the snow by two dogs.
Table 1 Masses of the planets
Mass and Weight
The mass of a body is the amount of matter it contains.
Example 3.1 Weighing a parcel
A parcel has a mass of 2 kg. What does it weigh on the Moon?
Solution
Its weight is its mass times the strength of gravity on the Moon.
Weight and Gravity
Weight is the force of gravity on a body.
Review Questions
What is the difference between mass and weight?
Why does a parcel weigh less on the Moon?
References
Newton, I. (1687). Philosophiae Naturalis Principia Mathematica. London: Royal Society.
Smith, J. A.; Jones, B. (2010). "Forces". Physics Education. 45 (3): 201-209. doi:10.1088/1."""

TEXTBOOK_REGIONS = [
    Region.TITLE,
    Region.HEADING,
    Region.NOTE,
    Region.NOTE,
    Region.NOTE,
    Region.BODY,
    Region.CAPTION,
    Region.CAPTION,
    Region.HEADING,
    Region.BODY,
    Region.HEADING,
    Region.EXAMPLE,
    Region.EXAMPLE,
    Region.EXAMPLE,
    Region.HEADING,
    Region.BODY,
    Region.HEADING,
    Region.EXERCISE,
    Region.EXERCISE,
    Region.HEADING,
    Region.REFERENCES,
    Region.REFERENCES,
]


@pytest.mark.parametrize(
    ("text", "expected"), [(NEWS, NEWS_REGIONS), (TEXTBOOK, TEXTBOOK_REGIONS)], ids=["news", "book"]
)
def test_every_line_gets_its_region(text, expected):
    lines = line_regions(text)
    assert [(line.text, line.region) for line in lines] == list(
        zip(text.splitlines(), expected, strict=True)
    )


@pytest.mark.parametrize(
    ("line", "region"),
    [
        # Running text that only looks like the parts around it.
        ("Figure 24.7, for example, shows a motorist driving east.", Region.BODY),
        ("By Monday, the council had approved the plan.", Region.BODY),
        ("By the river stood a mill that ground corn for the town.", Region.BODY),
        ("Washington, D.C. and Baltimore grew quickly after the war.", Region.BODY),
        ("ISIS-K claimed the attack, which killed 12 people.", Region.BODY),
        ("The mayor said the bridge would open in 2009.", Region.BODY),
        ("The council spokesman added:", Region.BODY),
        # "ISBN" as a word of running text; a paragraph with a footnote citation glued in.
        ("The scanner reads a book's ISBN number and finds its price online.", Region.BODY),
        (
            "Field trials show that most farmers do not plant the new seed at once.Ann Lee, "
            "\u201cSeed Choice,\u201d Farm Studies 4, no. 2 (2011): 10\u201319. Farmers wait "
            "for a neighbour to try it first.",
            Region.BODY,
        ),
        # The parts themselves.
        ("Published: 12 June 2019", Region.DATELINE),
        ("Tuesday, 4 March 2021, 10:30 GMT", Region.DATELINE),
        ("Source: Office for National Statistics", Region.CREDIT),
        ("Credit: Marlow Town Council", Region.CREDIT),
        ("Image credit: Public domain", Region.CREDIT),
        ("— Thomas Reed, engineer", Region.CREDIT),
        ("See Holloway (2019).", Region.REFERENCES),
        ("Reed, T. (1887). On Iron Bridges. Leeds: Harrow.", Region.REFERENCES),
        (
            "Figures are taken from Ann Lee, \u201cFarm Census,\u201d Farm Board, May 2020, "
            "https://farmboard.example/census.",
            Region.REFERENCES,
        ),
        (
            "Reed, Tom. On Iron Bridges. Leeds: Harrow, 1887. ISBN 978-0-00-000000-2.",
            Region.REFERENCES,
        ),
        ("Editor's note: this article was updated on 6 March.", Region.NOTE),
        ("By Tom Walsh, Marlow Herald correspondent.", Region.BYLINE),
        ("By Ann Lee and Raj Patel, Marlow Herald reporters.", Region.BYLINE),
    ],
)
def test_a_line_on_its_own(line, region):
    text = f"A short history of the bridge\n{line}\nThe bridge was finished in 1890."
    assert line_regions(text)[1].region == region


def test_numbered_notes_are_notes_and_a_numbered_list_is_running_text():
    text = (
        "Bridges\n1. The first step is to survey the river.\n2. The second step is to test "
        "the soil.\nThe engineers then chose a site.\n3. The third step is to build the piers.\n"
        "The piers were finished in 1889.\n14. Reed described the survey in his diary.\n"
        "15. The diary is kept in the town library."
    )
    regions = [line.region for line in line_regions(text)]
    assert regions == [Region.TITLE] + [Region.BODY] * 5 + [Region.NOTE, Region.NOTE]


@pytest.mark.parametrize(
    ("sentence", "line_region", "expected"),
    [
        ("Image: United States Navy.", Region.CAPTION, Region.CREDIT),
        ("(Credit: Jane Holloway / Flickr)", Region.CAPTION, Region.CREDIT),
        ("LONDON (Reuters) —", Region.BODY, Region.DATELINE),
        ("Retrieved 3 May 2020 from the council's website.", Region.BODY, Region.REFERENCES),
        ("The bridge opened in 1890.", Region.BODY, Region.BODY),
        ("The bridge opened in 1890.", Region.HEADING, Region.HEADING),
    ],
)
def test_a_sentence_inside_a_line(sentence, line_region, expected):
    assert sentence_region(sentence, line_region) == expected


def test_a_wire_dateline_is_a_sentence_of_its_own(nlp_pipeline):
    text = (
        "LONDON (Reuters) — The Bank of England raised interest rates on Thursday for the "
        "third time this year."
    )
    extraction = extract_facts(text, nlp=nlp_pipeline)
    assert [(s.text, s.region) for s in extraction.sentences] == [
        ("LONDON (Reuters) —", Region.DATELINE),
        (
            "The Bank of England raised interest rates on Thursday for the third time this year.",
            Region.BODY,
        ),
    ]


CAPTIONED = """The new bridge
The town council of Marlow approved a new bridge over the river Aire in 2007.
Figure 1.2 The engineer Thomas Reed designed the first bridge over the river Aire in 1887.
The first bridge over the river Aire was designed by the engineer Thomas Reed in 1887."""


def test_questions_from_outside_the_body_are_shown_but_never_recommended(nlp_pipeline):
    drafts = drafts_for(CAPTIONED, nlp_pipeline)
    caption = [d for d in drafts if d.source_sentence.region == Region.CAPTION]
    body = [d for d in drafts if d.source_sentence.region == Region.BODY]
    assert caption and body
    assert [d for d in caption if d.recommended or d.score > 0.5] == []
    assert all(d.defects == () for d in caption)
    assert any(d.recommended and "1887" in d.source_sentence.text for d in body)


def test_a_byline_that_opens_a_paragraph_is_the_byline():
    text = (
        "A short history of the bridge\nBy Tom Walsh, Marlow Herald reporter. The bridge was "
        "finished in 1890."
    )
    regions = Regions(text)
    start = text.index("By Tom")
    assert regions.of_sentence("By Tom Walsh, Marlow Herald reporter.", start) == Region.BYLINE
    after = text.index("The bridge")
    assert regions.of_sentence("The bridge was finished in 1890.", after) == Region.BODY


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Tom Walsh, Marlow Herald correspondent.", ["Tom Walsh"]),
        ("By Ann Lee and Raj Patel, staff writers", ["Ann Lee", "Raj Patel"]),
        ("By Ann Lee | Marlow Herald", ["Ann Lee"]),
        ("By Monday, the council had approved the plan.", []),
    ],
)
def test_the_names_a_byline_credits(line, names):
    assert byline_names(line) == names


def test_a_citation_glued_into_a_paragraph_is_the_only_reference():
    text = (
        "Seed choice\nField trials show that most farmers do not plant the new seed at "
        "once.Ann Lee, \u201cSeed Choice,\u201d Farm Studies 4, no. 2 (2011): 10\u201319. "
        "Farmers wait for a neighbour to try it first.\n"
    )
    regions = Regions(text)
    sentences = [
        "Field trials show that most farmers do not plant the new seed at once.",
        "Ann Lee, \u201cSeed Choice,\u201d Farm Studies 4, no. 2 (2011): 10\u201319.",
        "Farmers wait for a neighbour to try it first.",
    ]
    assert [regions.of_sentence(s, text.index(s)) for s in sentences] == [
        Region.BODY,
        Region.REFERENCES,
        Region.BODY,
    ]


# A local news story with what its page appends: readers' comments under a heading of their
# own, a list of other stories, a share line and a newsletter box.
COMMENTED = """Harrowby council votes to close the old library
Tuesday, 14 May 2024
The council of Harrowby voted on Monday to close the old library in Mill Street.
Read more: Harrowby station to get a new car park
Mill Street Library opened in 1911 and holds about 40,000 books.
The books will move to a new building beside the station in 2026.
Have your say
I have used the library every week since I was a boy. Closing it is a mistake.
Tom Fenner, Harrowby
Mill Street Library cost Harrowby 2 million pounds to repair in 1998.
Priya Anand, Lowfield, UK
Great news!
Sam, Harrowby
Reply
Related stories
Harrowby station to get a new car park
Library fines scrapped across the county
Share this article
Sign up for our weekly newsletter"""

COMMENTED_REGIONS = [
    Region.TITLE,
    Region.DATELINE,
    Region.BODY,
    Region.LINKS,
    Region.BODY,
    Region.BODY,
    Region.HEADING,
    Region.COMMENTS,
    Region.COMMENTS,
    Region.COMMENTS,
    Region.COMMENTS,
    Region.COMMENTS,
    Region.COMMENTS,
    Region.COMMENTS,
    Region.HEADING,
    Region.LINKS,
    Region.LINKS,
    Region.HEADING,
    Region.NOTE,
]


def test_readers_comments_and_link_lists_are_not_the_article():
    lines = line_regions(COMMENTED)
    assert [(line.text, line.region) for line in lines] == list(
        zip(COMMENTED.splitlines(), COMMENTED_REGIONS, strict=True)
    )


@pytest.mark.parametrize(
    "heading",
    ["Your comments", "Send us your comments", "Comments (12)", "12 comments", "What you think"],
)
def test_the_headings_readers_comments_stand_under(heading):
    text = (
        "The old library\nThe council voted on Monday to close the old library.\n"
        f"{heading}\nI think the council is wrong, and I will say so at the next meeting.\n"
        "Tom Fenner, Harrowby"
    )
    assert [line.region for line in line_regions(text)] == [
        Region.TITLE,
        Region.BODY,
        Region.HEADING,
        Region.COMMENTS,
        Region.COMMENTS,
    ]


def test_signed_comments_with_no_heading_over_them():
    text = (
        "The old library\nThe council voted on Monday to close the old library in Mill "
        "Street.\nThe books will move to a new building in 2026.\n"
        "\u201cI think the council should have asked the people of Harrowby first.\u201d\n"
        "Tom Fenner, Harrowby\n"
        "\u201cMy children love the old building. We will all miss it.\u201d\n"
        "Priya Anand, Lowfield, UK"
    )
    assert [line.region for line in line_regions(text)] == [Region.TITLE] + [Region.BODY] * 2 + [
        Region.COMMENTS
    ] * 4


def test_places_heading_their_sections_are_no_signatures():
    # A travel piece whose sections are headed by the places it visits: each heading stands
    # before its paragraph, so the first heading and the last paragraph give it away.
    text = (
        "A week in the north\nI spent a week in Norland last spring.\n"
        "Varnholt, Norland\nI arrived in Varnholt on a wet Monday and took the tram.\n"
        "Brisk, Norland\nWe walked to the harbour in Brisk on the second day.\n"
        "Tessel, Norland\nThe old town of Tessel has three bridges over the river."
    )
    regions = [line.region for line in line_regions(text)]
    assert regions == [Region.TITLE, Region.BODY] + [Region.HEADING, Region.BODY] * 3


def test_a_readers_quote_set_inside_the_article_ends_at_its_signature():
    text = (
        "The new bridge\nThe council approved a new bridge over the Aire on Monday.\n"
        "Have your say\nI think the new bridge is a waste of money.\nAnn Lee, Marlow\n"
        "The bridge will cost 12 million pounds and open in 2027."
    )
    assert [line.region for line in line_regions(text)] == [
        Region.TITLE,
        Region.BODY,
        Region.HEADING,
        Region.COMMENTS,
        Region.COMMENTS,
        Region.BODY,
    ]


@pytest.mark.parametrize(
    ("line", "region"),
    [
        ("Read more: Harrowby station to get a new car park", Region.LINKS),
        ("Share this on Facebook", Region.NOTE),
        ("Sign up to the Harrowby Herald newsletter", Region.NOTE),
        # Running text that only looks like them.
        ("Readers of the Harrowby Herald voted the library the town's best building.", Region.BODY),
        ("Comments from the public will be heard until 1 June.", Region.BODY),
        ("Reactions", Region.HEADING),
        ("Related to the plan is a new car park beside the station.", Region.BODY),
    ],
)
def test_link_share_and_newsletter_lines(line, region):
    text = f"The old library\nThe council closed the old library.\n{line}\nIt opened in 1911."
    assert line_regions(text)[2].region == region


def test_no_question_comes_from_readers_comments(nlp_pipeline):
    drafts = drafts_for(COMMENTED, nlp_pipeline)
    from_comments = [d for d in drafts if d.source_sentence.region == Region.COMMENTS]
    assert from_comments, "the comment with a year and a sum gives drafts, shown only"
    assert [d.prompt for d in from_comments if d.recommended] == []
    assert any(d.recommended and "1911" in d.source_sentence.text for d in drafts)
    assert not any(d.recommended and "1998" in d.source_sentence.text for d in drafts)


def test_people_named_only_around_the_article_are_no_distractors(nlp_pipeline):
    # The photographer of a caption and a reader who comments are not of the story's world.
    text = (
        "Harbour sprinters\n\nHarbour sprinters Tom Hale and Ana Ruiz were banned in May for "
        "missing three tests. The ban was set by the league chief, Ilse Marran. Their lawyer is "
        "Carl Dahl. \u201cEvery record proves that the bans should be lifted,\u201d Dahl said."
        "\n\nTom Hale at the Harbour track in 2019. Image: Mia Holt.\n\nHave your say\n\n"
        "I think the ban is fair and the league was right.\n\nPeter Walsh, Leeds"
    )
    choices = [d for d in drafts_for(text, nlp_pipeline) if d.kind == "multiple_choice"]
    assert choices
    options = {option for d in choices for option, _ in d.options}
    assert {"Tom Hale", "Ilse Marran", "Carl Dahl"} <= options
    assert not options & {"Mia Holt", "Peter Walsh", "Walsh", "Leeds"}
