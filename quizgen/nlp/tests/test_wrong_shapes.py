"""Questions built in the wrong shape (issue 13 points 6 and 7): the wrong wh-word for a person or
a place, a name cut from its particle, a passive made of an active verb, a count that is a
year made false, a wrong option the text makes true. The texts are composed for these tests.
"""

import pytest

from quizgen.nlp import extract_facts
from quizgen.nlp.tests.drafting import all_shown, drafts_for
from quizgen.nlp.types import FactKind

PRIZE = (
    "The Vestby Prize\n\n"
    "The Vestby Prize is a Norwegian award for young painters. In 1922 the academy gave the "
    "prize to Hanna Jersey, and she later taught at the school. The jury awarded the medal "
    "to Marta Kessel in 1950. She was the first woman to win it. In 1930 the painter Per Lund "
    "married Elena Madrid in Oslo. She died in 1961."
)


def _prompts(text, nlp):
    return [draft.prompt for draft in drafts_for(text, nlp)]


def test_a_person_shaped_name_given_a_prize_or_married_is_asked_with_who(nlp_pipeline):
    # The NER tags "Hanna Jersey" a place, "Marta Kessel" a building, "Elena Madrid" a body.
    prompts = _prompts(PRIZE, nlp_pipeline)
    assert "Who did the academy give the prize to in 1922?" in prompts
    assert "Who did the jury award the medal to in 1950?" in prompts
    assert "Who did the painter Per Lund marry in 1930?" in prompts
    assert not [p for p in prompts if "which place" in p or "Which organisation" in p]


def test_a_place_given_as_a_recipient_stays_a_place(nlp_pipeline):
    text = (
        "Velde\n\nVelde is a town in Norland. In 1650 the king gave the charter to New "
        "Tessel, and it grew quickly. The town was rebuilt in 1702."
    )
    extraction = extract_facts(text, nlp=nlp_pipeline)
    labels = {str(f.value): f.label for f in extraction.of_kind(FactKind.ACTOR)}
    assert labels.get("New Tessel") != "person"


LOCKS = (
    "The Velde Locks\n\n"
    "The Velde locks are a set of canal locks in Holland. Jan den Hartog built the first lock "
    "in 1650. Den Hartog later built a second lock in 1662. Piet van der Berg drew up the "
    "plans for a new lock in 1850. The town council set up a lock board in 1670."
)


def test_a_surname_is_never_cut_from_its_particle(nlp_pipeline):
    shown = all_shown(drafts_for(LOCKS, nlp_pipeline))
    cut = [
        text
        for text in shown
        if "Hartog" in text and "den Hartog" not in text.replace("Den", "den")
    ]
    assert cut == []
    assert "When did Den Hartog later build a second lock?" in shown
    assert not [text for text in shown if "Jan den who" in text or "Jan den _____" in text]


def test_a_surname_whole_with_its_particle_has_no_shorter_alias(nlp_pipeline):
    extraction = extract_facts(LOCKS, nlp=nlp_pipeline)
    aliases = {str(f.value): f.aliases for f in extraction.of_kind(FactKind.ACTOR)}
    assert aliases["Den Hartog"] == ()
    assert aliases["Piet van der Berg"] == ("van der Berg",)


def test_a_phrasal_verb_keeps_its_particle(nlp_pipeline):
    prompts = _prompts(LOCKS, nlp_pipeline)
    assert "When did the town council set up a lock board?" in prompts


@pytest.mark.parametrize(
    ("sentence", "place", "asked"),
    [
        (
            "In 1961 Marsh retired to Alesund, a small town on the coast.",
            "Alesund",
            "Where did Marsh retire in 1961?",
        ),
        ("In 1958 Marsh was exiled to Tessel.", "Tessel", None),
    ],
)
def test_a_name_a_verb_of_going_reaches_is_no_person(nlp_pipeline, sentence, place, asked):
    text = (
        "Ida Marsh\n\nIda Marsh was a Norwegian painter. She was born in Bergen in 1891. "
        f"{sentence} She died in 1975."
    )
    drafts = drafts_for(text, nlp_pipeline)
    if asked is not None:
        assert asked in [d.prompt for d in drafts]
    asked_as_person = [
        d.prompt
        for d in drafts
        if d.answer_text == place and (d.prompt.startswith("Who") or "whom" in d.prompt)
    ]
    assert asked_as_person == []


SERVICE = (
    "Ida Marsh\n\n"
    "Ida Marsh was a Norwegian teacher. In 1940 Marsh was appointed director of the Bergen "
    "school and served until 1960. Marsh was born in Bergen in 1891 and lived in Oslo until "
    "1920. She was elected mayor in 1962 and governed the town until 1968. Her brother was "
    "born in Tromso and raised in Alesund in the 1890s. Marsh was crowned queen of the "
    "festival in 1910 and reigned for a year."
)


def test_an_active_verb_after_a_passive_stays_active(nlp_pipeline):
    shown = all_shown(drafts_for(SERVICE, nlp_pipeline))
    assert not [
        t
        for t in shown
        if any(w in t for w in ("was served", "was lived", "was governed", "was reigned"))
    ]
    assert "True or false: Marsh served until 1960." in shown
    assert "Until when did Marsh live in Oslo?" in shown
    assert "Until when did Ida Marsh govern the town?" in shown
    # A participle that is passive still takes the auxiliary.
    assert "When was Ida Marsh's brother raised in Alesund?" in shown


def test_a_year_naming_an_occasion_is_no_count(nlp_pipeline):
    text = (
        "Lena Dahl\n\nLena Dahl is a Swedish skier. She won two medals at the 1998 games in "
        "Nagano. Her club hosted the 1994 championships. Dahl retired in 2012."
    )
    extraction = extract_facts(text, nlp=nlp_pipeline)
    figures = sorted(f.text for f in extraction.of_kind(FactKind.FIGURE))
    assert figures == ["two"]
    shown = all_shown(drafts_for(text, nlp_pipeline))
    assert not [t for t in shown if "2393" in t or "how many championships" in t.lower()]


def test_a_count_written_like_a_year_is_not_made_false_by_a_fifth(nlp_pipeline):
    text = (
        "The Velde Club\n\nThe Velde club is a Norland football club. The Velde club played "
        "1998 games in its history and won 612 of them. It was founded in 1890."
    )
    items = [
        d.prompt
        for d in drafts_for(text, nlp_pipeline)
        if d.kind == "true_false" and "games" in d.prompt
    ]
    assert items == ["True or false: The Velde club played 1998 games in its history."]


def test_no_wrong_option_is_one_the_text_makes_true(nlp_pipeline):
    text = (
        "Ana Holt\n\nAna Holt was a Norland pianist. In 1950 Holt taught music at Tessel "
        "University. One year later she moved to Velmark to teach at Brannock University. "
        "She had studied at Carrow University and at Fenwick University. Her sister Eva "
        "worked at Osric University. Holt died in 1990."
    )
    choices = {
        d.prompt: [option for option, _ in d.options]
        for d in drafts_for(text, nlp_pipeline)
        if d.kind == "multiple_choice"
    }
    options = choices["Which university did Holt teach music at in 1950?"]
    assert sorted(options) == [
        "Carrow University",
        "Fenwick University",
        "Osric University",
        "Tessel University",
    ]


def test_a_name_opening_a_sentence_keeps_its_capital(nlp_pipeline):
    text = (
        "Karl Brenner\n\nKarl Brenner was a Danish engineer who set up a firm in 1921. In 1925 "
        "he took over the Aalborg shipyard. Brenner carried out the first tests of the new "
        "engine in 1927 and later handed the firm over to his son. Brenner died in 1958."
    )
    prompts = _prompts(text, nlp_pipeline)
    assert "When did Brenner carry out the first tests of the new engine?" in prompts
    assert not [p for p in prompts if " brenner" in p]


def test_he_in_a_womans_life_is_not_the_woman(nlp_pipeline):
    text = (
        "Ida Marsh\n\nIda Marsh was a Norwegian painter. She was born in Bergen in 1891, and "
        "she studied in Oslo. In 1930 Marsh married Tomas Brenner, a sailor; he died in 1944. "
        "She set up a drawing school in 1935. Marsh died in 1975."
    )
    shown = all_shown(drafts_for(text, nlp_pipeline))
    assert not [t for t in shown if "Ida Marsh died in 1944" in t or "Marsh die in 1944" in t]


def test_a_post_taken_is_not_the_kind_the_text_first_calls_a_person(nlp_pipeline):
    text = (
        "Ana Ruiz\n\nAna Ruiz is a Norland basketball head coach of the Tessel Hawks. She "
        "joined the Carrow College program as a volunteer in 2000. On April 4, 2007, she "
        "became the head coach after Tom Hale left to coach the Velde Lions. She joined the "
        "Tessel Hawks in 2013."
    )
    shown = all_shown(drafts_for(text, nlp_pipeline))
    assert not [t for t in shown if "the Norland basketball head coach" in t]


def test_a_cloze_keeps_one_the_before_its_blank(nlp_pipeline):
    text = (
        "Ana Nida\n\nAna Nida was a Norland linguist. She taught at Tessel University in the "
        "1960s. Nida retired in the early 1980s. She died in 1999."
    )
    clozes = {
        d.prompt: d.answer_text for d in drafts_for(text, nlp_pipeline) if d.kind == "fill_blank"
    }
    assert clozes["Fill in the blank: Nida retired in the _____."] == "early 1980s"


def test_a_verb_coordinated_under_do_support_takes_the_bare_form(nlp_pipeline):
    text = (
        "The Congress\n\nThe Norland Congress was formed in 1770. In June 1776 the Congress "
        "prepared to announce independence and began to think about a new government."
    )
    prompts = _prompts(text, nlp_pipeline)
    assert (
        "When did the Congress prepare to announce independence and begin to think about a "
        "new government?"
    ) in prompts
    assert not [p for p in prompts if p.startswith("When did") and " and began " in p]


@pytest.mark.parametrize(
    "prompt",
    [
        "True or false: Even as many in Norland recognize the benefits of private goods.",
        "Fill in the blank: Even as many in the _____ recognize the benefits of private goods.",
        "Fill in the blank: _____' mother Ana Holt, was a daughter of Eva Holt.",
    ],
)
def test_a_fragment_or_a_stray_comma_is_not_well_formed(prompt):
    from quizgen.nlp.generate.defects import COMMA_BEFORE_VERB, SUBORDINATE_ONLY

    assert SUBORDINATE_ONLY.match(prompt) or COMMA_BEFORE_VERB.match(prompt)
