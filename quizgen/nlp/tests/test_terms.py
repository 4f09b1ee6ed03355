"""Defined terms: each shape of definition is found, look-alikes are refused, and the terms
become questions."""

import json

import pytest

from quizgen.nlp import extract_facts, generate_questions
from quizgen.nlp.generate.concepts import term_facts, topic_terms
from quizgen.nlp.generate.features import BLOCK_SUBJECT
from quizgen.nlp.generate.giveaway import shows_answer_of
from quizgen.nlp.tests.drafting import blocked, drafts_for
from quizgen.nlp.types import FactKind, QuestionDraft, QuestionKind, Sentence


def which_term(drafts):
    """The "Which term describes …?" questions among `drafts`, in order."""
    return [
        d for d in drafts if d.kind == QuestionKind.SHORT_ANSWER and d.rule == "term:which_term"
    ]


def terms_of(text, nlp_pipeline):
    extraction = extract_facts(text, nlp=nlp_pipeline)
    return [(f.value, f.definition, f.pattern) for f in extraction.of_kind(FactKind.TERM)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "A watershed is the area of land that drains into a single river. Each watershed "
            "has a name.",
            ("watershed", "the area of land that drains into a single river", "is"),
        ),
        (
            "Sediments are layers of sand and mud that settle at the bottom of a lake. Divers "
            "study the sediment.",
            ("sediments", "layers of sand and mud that settle at the bottom of a lake", "is"),
        ),
        (
            "Erosion refers to the wearing away of rock by wind and water.",
            ("erosion", "the wearing away of rock by wind and water", "refers to"),
        ),
        (
            "Photosynthesis can be defined as the process by which plants make sugar from light.",
            ("photosynthesis", "the process by which plants make sugar from light", "defined as"),
        ),
        (
            "The thin layer of gases around a planet is called an atmosphere.",
            ("atmosphere", "The thin layer of gases around a planet", "is called"),
        ),
        (
            "The farmers grew barley, or hardy grain for cold fields, on the hills.",
            ("barley", "hardy grain for cold fields", "or"),
        ),
        (
            "In the town, abolitionists (those who wanted to end slavery) held a meeting.",
            ("abolitionists", "those who wanted to end slavery", "brackets"),
        ),
        (
            "The kind of realism that most judges hold is the view that laws exist apart from "
            "any court. Few lawyers question realism.",
            ("realism", "the view that laws exist apart from any court", "is"),
        ),
        (
            "Firms can enjoy economies of scale, which means that larger plants make each unit "
            "more cheaply.",
            ("economies of scale", "larger plants make each unit more cheaply", "which means"),
        ),
        # Named in passing: a gene is a unit of heredity too (asked only as its cloze).
        (
            "A gene is passed on through a unit of heredity known as an allele.",
            ("allele", "a unit of heredity", "called in passing"),
        ),
        (
            "The spread of a species into a new region, known as colonisation, takes years.",
            ("colonisation", "The spread of a species into a new region", "is called"),
        ),
        # An apposition's clause is its signal: a term the chapter names once is still one,
        # and a plural class needs no article.
        (
            "Miners often suffered from silicosis, a disease that scars the lungs.",
            ("silicosis", "a disease that scars the lungs", "apposition"),
        ),
        (
            "The gut also makes lipases, enzymes that break fat into smaller parts.",
            ("lipases", "enzymes that break fat into smaller parts", "apposition"),
        ),
        # A naming verb joined to the sentence's first verb, of a plural class with no
        # article ("Young X begin to … and are known as Y").
        (
            "Older grains of the crop turn brown in the sun and are known as husks.",
            ("husks", "older grains of the crop", "is called"),
        ),
        (
            "Workers who refused to strike were called scabs.",
            ("scabs", "workers who refused to strike", "is called"),
        ),
        # A naming participle after a comma, closing the sentence (parsed as a second verb),
        # names the whole phrase before the comma; without a comma, the noun it follows.
        (
            "The roots of the tree spread out under the northern edge of the field, called "
            "the headland.",
            ("headland", "the northern edge of the field", "is called"),
        ),
        # Named in passing: many crusts are thin (asked only as its cloze).
        (
            "The seeds rest in the soil beneath a thin crust known as the duff layer.",
            ("duff layer", "a thin crust", "called in passing"),
        ),
        (
            "Each village sent its disputes to a reeve, an official who kept the peace and "
            "collected rents. The reeve met the lord each spring.",
            ("reeve", "an official who kept the peace and collected rents", "apposition"),
        ),
        (
            "Stoicism holds that virtue is the only good.",
            ("Stoicism", "holds that virtue is the only good", "holds"),
        ),
        (
            "Idealism regards the mind as the source of all order in nature.",
            ("idealism", "regards the mind as the source of all order in nature", "holds"),
        ),
        (
            "Pacifists hold that war is never just. Pacifism grew after the war.",
            ("pacifists", "hold that war is never just", "adherents"),
        ),
        (
            "Farmers feared blight, which is a disease that rots potatoes in the ground. The "
            "blight spread.",
            ("blight", "a disease that rots potatoes in the ground", "which is"),
        ),
        (
            "Mineralogy is concerned with the properties of minerals and crystals.",
            ("mineralogy", "is concerned with the properties of minerals and crystals", "field"),
        ),
        (
            "Forensic linguistics examines language to settle legal disputes.",
            ("forensic linguistics", "examines language to settle legal disputes", "field"),
        ),
        # "X, the process by which …": a relative clause opened by a preposition and "which".
        (
            "Transpiration, the process by which water leaves a plant, cools the leaves. "
            "Transpiration is fast in summer.",
            ("transpiration", "the process by which water leaves a plant", "apposition"),
        ),
        # A bracketed acronym is the term's short name, not a modifier of it (and a use of it).
        (
            "Magnetic resonance imaging (MRI) is a technique that uses magnets to picture soft "
            "tissue. MRI is safe.",
            (
                "magnetic resonance imaging",
                "a technique that uses magnets to picture soft tissue",
                "is",
            ),
        ),
        # What the parser hangs on "refers" after the object still belongs to the meaning.
        (
            "Cartography refers to drawing maps by hand.",
            ("cartography", "drawing maps by hand", "refers to"),
        ),
        # "its" bound by a noun of the definition itself points at nothing outside it.
        (
            "Autonomy is the ability of a region to run its own schools. Autonomy grew.",
            ("autonomy", "the ability of a region to run its own schools", "is"),
        ),
        # A hyphened word is one word, however the parser splits it.
        (
            "The T-square is a kind of ruler with a long straight blade. T-squares rest on boards.",
            ("T-square", "a kind of ruler with a long straight blade", "is"),
        ),
    ],
)
def test_each_shape_of_definition_is_found(sentence, expected, nlp_pipeline):
    assert terms_of(sentence, nlp_pipeline) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        "The problem is that the old bridge cannot carry lorries.",
        "It is important to test the soil before building.",
        "This is why the council met again in March.",
        "The river is a major landmark of the region.",
        "Marlow is a town on the river Thames.",
        "These floods are one example of the damage that rain can do.",
        "The bridge was a symbol of the town's wealth.",
        "Erosion is not a problem on the northern hills.",
        "What we call a flood is a river leaving its banks.",
        "Our method is a way of measuring the flow of the river.",
        "The reason is a lack of money for repairs.",
        "Apples, pears, or plums, grow well in the valley.",
        "Ridley fought from an old fort known as the Keep.",
        "This process, called osmosis, is slow in cold water.",
        "Farmers planted a type of tree known as oak.",
        # One person's second verb names that person, not a class.
        "The old king raised taxes and was known as the tyrant.",
        # A list of plurals, each with its clause, is no apposition.
        "The same is true of many workers, including dock hands who load ships, cooks who "
        "bake bread, and nurses who dress wounds.",
        # A one-word term its definition names again, in another number, gives itself away.
        "Allergens are substances that may set off a strong reaction in the body if the body "
        "meets the allergen again. Allergens are common.",
        # Without a comma the participle names the noun it follows ("the dale"), too short a
        # description to ask, never "the hills in the dale".
        "The farm lies between the hills in the dale known as the bottom land.",
        "A shop deals in a few goods (sometimes called its home ground).",
        # An example, not a definition: "For example, X is a risk to others".
        "For example, cycling is a danger to walkers in the park. Cycling is popular.",
        "Cycling, for example, is a danger to walkers in the park. Cycling is popular.",
        # A clause under "whether": a question the text lists, not what the word means.
        "Historians ask when towns grew, whether trade is a cause, and the share of farming. "
        "Trade grew.",
        # A bracketed list of instances is examples of the noun, not its meaning.
        "Crops fail for one cause (i.e., frost, drought, or pests) in most years.",
        # A word the text uses once is no term it teaches.
        "Tourism is a burden on the small towns of the coast.",
        # One particular thing, not a class: "the ship, a vessel that ...".
        "The ship, a vessel that carried grain, sank in the storm. The ship was old.",
        # A school of thought held by someone, or denied: not a view stated as the school's.
        "Stoicism does not hold that pleasure is the only good.",
        # A view under "if" or "suppose" is no view the text states.
        "If utilitarianism holds that pleasure is good, it must weigh pleasures.",
        "Suppose that pacifists hold that war is wrong. Pacifism is old.",
        # A profession is no school of thought: no "economism" in the text.
        "Economists argue that taxes slow growth.",
        # A person's view is attributed, not a term.
        "Pell argues that colour is no quality in things.",
        # A definition the parse cut at "and" would be half of one.
        "Poetics focuses on the meter and “whether rhyme matters”.",
        # "its" with only the definition's own head before it: whose share?
        "Thrift is the habit of saving its share. Thrift is rare.",
    ],
)
def test_look_alikes_are_not_definitions(sentence, nlp_pipeline):
    assert terms_of(sentence, nlp_pipeline) == []


def test_a_definition_in_a_caption_is_not_a_term(nlp_pipeline):
    text = (
        "Rivers\nFigure 2.1 A delta is the land that forms where a river meets the sea.\n"
        "The river reaches the sea near the town."
    )
    assert terms_of(text, nlp_pipeline) == []


CHAPTER = """Rivers and Erosion

A watershed is the area of land that drains into a single river. Erosion refers to the wearing away of rock by wind and water. Sediments are layers of sand and mud that settle at the bottom of a lake.

Deltas and Floodplains

A floodplain is the flat land beside a river that floods in wet years. Each year the river carries sediment and erosion shapes the land of the watershed. The floodplain and the delta both grow with the sediment."""  # noqa: E501


def test_terms_become_questions(nlp_pipeline):
    drafts = drafts_for(CHAPTER, nlp_pipeline)
    on_terms = [d for d in drafts if d.fact_keys and d.fact_keys[0].startswith("term:")]
    by_kind = {}
    for draft in on_terms:
        by_kind.setdefault(draft.kind, []).append(draft)
    short = {d.prompt: d.accepted_answers for d in by_kind[QuestionKind.SHORT_ANSWER]}
    assert short["Which term describes the area of land that drains into a single river?"] == (
        "watershed",
        "watersheds",
    )
    assert short["Which term describes the wearing away of rock by wind and water?"][0] == "erosion"
    choice = next(
        d
        for d in by_kind[QuestionKind.MULTIPLE_CHOICE]
        if d.prompt == "Which term describes the flat land beside a river that floods in wet years?"
    )
    assert len(choice.options) == 4
    assert [text for text, correct in choice.options if correct] == ["floodplain"]
    assert {"watershed", "erosion"} <= {text for text, _ in choice.options}
    assert "Fill in the blank: A _____ is the area of land that drains into a single river." in {
        d.prompt for d in by_kind[QuestionKind.FILL_BLANK]
    }
    (paired,) = by_kind[QuestionKind.MATCHING]
    assert paired.prompt == "Match each term with the right definition."
    assert ["watershed", "the area of land that drains into a single river"] in paired.answer
    assert len(paired.answer) == 4
    assert all(d.defects == () for d in on_terms)
    # One recommended question per term at most (the ranking's rule); the matching question
    # shows every term, so it is not recommended beside the questions asking for them. The
    # title ("Rivers and Erosion") names two ideas, so erosion is still asked for. Six
    # sentences of running text support three questions (`select.fill_target`): three terms,
    # kinds mixed (`select.TERMS_KIND_CAP`: the third term's cloze, not a third short answer).
    assert {d.prompt for d in on_terms if d.recommended} == {
        "Which term describes the area of land that drains into a single river?",
        "Which term describes the wearing away of rock by wind and water?",
        "Fill in the blank: A _____ is the flat land beside a river that floods in wet years.",
    }


def test_a_mass_noun_gets_no_invented_plural(nlp_pipeline):
    text = (
        "Erosion refers to the wearing away of rock by wind and water. Erosion shapes the "
        "valley. A delta refers to the land that forms where a river meets the sea. Two "
        "deltas lie to the south."
    )
    short = {d.answer_text: d.accepted_answers for d in which_term(drafts_for(text, nlp_pipeline))}
    # "erosion" is never counted in the text: no "erosions"; "deltas" is written there.
    assert short == {"erosion": ("erosion",), "delta": ("delta", "deltas")}


def test_a_bracketed_acronym_is_accepted_and_a_naming_reads_as_a_question(nlp_pipeline):
    text = (
        "Electronic distance measurement (EDM) is a technique that uses light to measure long "
        "distances. EDM is safe. The pale wood under the bark of a tree is referred to as outer "
        "sapwood (). Outer sapwood carries water."
    )
    short = {
        d.answer_text: (d.prompt, d.accepted_answers)
        for d in which_term(drafts_for(text, nlp_pipeline))
    }
    assert short == {
        "electronic distance measurement": (
            "Which term describes a technique that uses light to measure long distances?",
            ("electronic distance measurement", "EDM"),
        ),
        "outer sapwood": (
            "Which term describes the pale wood under the bark of a tree?",
            ("outer sapwood",),
        ),
    }
    clozes = [
        d.prompt
        for d in drafts_for(text, nlp_pipeline)
        if d.kind == QuestionKind.FILL_BLANK and d.rule == "term:cloze"
    ]
    assert "Fill in the blank: The pale wood under the bark of a tree is referred to as _____." in (
        clozes
    )


def test_the_other_name_the_text_gives_a_term_is_accepted(nlp_pipeline):
    text = (
        "The thing we study here is called thrift or frugality. Thrift can be defined as "
        "careful use of money and goods. Thrift grows with practice."
    )
    (short,) = which_term(drafts_for(text, nlp_pipeline))
    assert short.prompt == "Which term describes careful use of money and goods?"
    assert short.accepted_answers == ("thrift", "frugality")


def test_a_school_of_thought_is_asked_with_its_claim(nlp_pipeline):
    text = (
        "Stoicism holds that virtue is the only good. Epicureanism holds that pleasure is the "
        "highest good. Scepticism doubts both schools."
    )
    drafts = drafts_for(text, nlp_pipeline)
    short = {d.prompt: d.answer_text for d in which_term(drafts)}
    assert short == {
        "Which view holds that virtue is the only good?": "Stoicism",
        "Which view holds that pleasure is the highest good?": "Epicureanism",
    }
    # What a school holds is never stated as a bare fact.
    assert not [
        d
        for d in drafts
        if d.kind == QuestionKind.TRUE_FALSE and d.recommended and "holds" not in d.prompt
    ]


def test_adherents_and_fields_are_asked_with_what_they_hold_or_study(nlp_pipeline):
    text = (
        "Pacifists hold that war is never just. Pacifism grew after the great war. Forensic "
        "linguistics examines language to settle legal disputes."
    )
    short = {d.prompt: d.answer_text for d in which_term(drafts_for(text, nlp_pipeline))}
    assert short == {
        "Which thinkers hold that war is never just?": "pacifists",
        "Which field examines language to settle legal disputes?": "forensic linguistics",
    }


def test_a_school_and_its_adherents_are_one_idea(nlp_pipeline):
    text = (
        "Some linguists, the nativists (those who believe that grammar is inborn), met each "
        "week. The kind of nativism that they defend is the view that children are born with "
        "a grammar. Critics of nativism met too."
    )
    short = [d.answer_text for d in which_term(drafts_for(text, nlp_pipeline))]
    # Asked once: each question would give the other away.
    assert short == ["nativists"]


def test_a_term_the_title_is_about_is_not_recommended(nlp_pipeline):
    body = (
        "A tide is the regular rise and fall of the sea along a coast. Each tide follows the "
        "moon. A neap is the smallest tide of the month. Each neap comes twice a month."
    )

    def reasons(title):
        return {
            d.answer_text: blocked(d)
            for d in which_term(drafts_for(f"{title}\n\n{body}", nlp_pipeline))
        }

    # A title naming the term alone gives it away; one naming two ideas leaves each to ask.
    assert reasons("4.1 Tides") == {"tide": BLOCK_SUBJECT, "neap": ""}
    assert reasons("Tides and the Moon") == {"tide": "", "neap": ""}


def test_a_term_its_section_is_about_is_not_recommended(nlp_pipeline):
    text = (
        "Habits of Study\n\nStudents learn in many ways.\n\nThrift and Frugality\n\n"
        "What we discuss here is called thrift or frugality. Thrift can be defined as careful "
        "use of money and goods. Thrift grows with practice.\n\nLoans and Interest\n\n"
        "A loan is a sum of money that one person lends to another. Interest refers to the "
        "price paid for the use of a loan. Each loan has a term."
    )
    reasons = {d.answer_text: blocked(d) for d in which_term(drafts_for(text, nlp_pipeline))}
    # "Thrift and Frugality" names the term and its other name only: the section's subject.
    # "Loans and Interest" names two ideas, each one left to ask for.
    assert reasons == {"thrift": BLOCK_SUBJECT, "loan": "", "interest": ""}


def test_a_gloss_in_passing_is_asked_only_in_its_sentence(nlp_pipeline):
    text = (
        "In the old town, traders sold tallow, or rendered animal fat, to candle makers. "
        "Tallow burned with a smoky flame."
    )
    drafts = [d for d in drafts_for(text, nlp_pipeline) if d.rule.startswith("term:")]
    short = [d for d in drafts if d.kind == QuestionKind.SHORT_ANSWER]
    assert [d.prompt for d in short] == ["Which term describes rendered animal fat?"]
    assert not short[0].recommended  # candle wax, suet: the gloss alone fits other words


# Term questions without a defect per textbook chapter of the corpus, as measured on
# 2026-12-02. Spacetime is named only as "what we call spacetime"; artwork defines its
# views by what they hold (two schools and a theory, one view read up to the clause the
# parser hung on it); alamo glosses one office by an apposition (the office, then the
# official it names); labor names a business's focus in brackets and quotation marks.
TERM_QUESTIONS = {
    "GUM_textbook_alamo": 3,
    "GUM_textbook_artwork": 5,
    "GUM_textbook_cognition": 10,
    "GUM_textbook_evoethics": 2,
    "GUM_textbook_grit": 3,
    "GUM_textbook_labor": 5,
    "GUM_textbook_spacetime": 0,
    "GUM_textbook_union": 2,
}


def test_term_questions_per_textbook_chapter(corpus_dir, nlp_pipeline):
    counts = {}
    for name in TERM_QUESTIONS:
        path = corpus_dir / "gum" / f"{name}.txt"
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        assert meta["genre"] == "textbook"
        drafts = generate_questions(
            extract_facts(path.read_text(encoding="utf-8"), nlp=nlp_pipeline)
        )
        counts[name] = sum(
            1
            for d in drafts
            if not d.defects and any(key.startswith("term:") for key in d.fact_keys)
        )
    assert counts == TERM_QUESTIONS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One of a class named in passing: many dyes are bitter.
        (
            "The wool takes colour best from a bitter dye known as madder. Madder stains hands.",
            ("madder", "a bitter dye", "called in passing"),
        ),
        # An "of" and a bare noun say no more ("bursts of noise").
        (
            "The crowds often broke into bursts of noise called roars. Roars filled the hall.",
            ("roars", "bursts of noise", "called in passing"),
        ),
        # The tagger took "called" for a past tense; a size describes the thing named.
        (
            "In 1290, the kingdom split into small, independent states called shires. "
            "The shires paid rents.",
            ("shires", "small, independent states", "called in passing"),
        ),
        # A phrase that says which one, or "the", makes it a definition.
        (
            "The ships anchored in a narrow inlet on the north shore of the island, called "
            "the sound. The sound is calm.",
            ("sound", "a narrow inlet on the north shore of the island", "is called"),
        ),
        # Two complements of one "are" both say what the term is.
        (
            "Gulls are noisy birds of the coast and are skilled scavengers of the harbour. "
            "Gulls nest on roofs.",
            (
                "gulls",
                "noisy birds of the coast and skilled scavengers of the harbour",
                "is",
            ),
        ),
    ],
)
def test_names_in_passing_and_second_complements(text, expected, nlp_pipeline):
    assert terms_of(text, nlp_pipeline) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The water leaves through the drains—the narrowest pipes of the system—or "
            "through the gutters. The drains clog in autumn.",
            [("drains", "the narrowest pipes of the system", "dash")],
        ),
        (
            "The farmers used a harrow—a frame with iron teeth that breaks up the soil—after "
            "ploughing. The harrow was heavy.",
            [("harrow", "a frame with iron teeth that breaks up the soil", "dash")],
        ),
        # A dummy "it" (the infinitive after it) points at nothing outside the definition.
        (
            "Farmers see calls for rotation—a practice that makes it possible to rest one field "
            "in three each year—as a threat. Rotation spread slowly.",
            [
                (
                    "rotation",
                    "a practice that makes it possible to rest one field in three each year",
                    "dash",
                )
            ],
        ),
        # What the dashes enclose speaks of the overthrow, not of the guild.
        (
            "The rebels sought the overthrow of the guild—a feat that no army had managed—and "
            "failed. The guild survived.",
            [],
        ),
        # A list of instances, not what the cargo is.
        (
            "The river carries its cargo—a leaf, a twig, or a small boat—downstream. Cargo sinks.",
            [],
        ),
    ],
)
def test_a_description_between_dashes(text, expected, nlp_pipeline):
    assert terms_of(text, nlp_pipeline) == expected


def test_a_name_given_in_passing_is_asked_only_in_its_sentence(nlp_pipeline):
    text = (
        "The wool takes colour best from a bitter dye known as madder. Madder stains hands. "
        "Weavers boil madderwort roots for it."
    )
    drafts = [d for d in drafts_for(text, nlp_pipeline) if d.rule.startswith("term:")]
    assert [(d.kind, d.prompt, d.recommended) for d in drafts if d.kind != "matching"] == [
        (
            QuestionKind.FILL_BLANK,
            "Fill in the blank: The wool takes colour best from a bitter dye known as _____.",
            True,
        ),
        (QuestionKind.SHORT_ANSWER, "Which term describes a bitter dye?", False),
    ]


def test_the_term_another_is_defined_by_is_asked(nlp_pipeline):
    # "kits" is defined by "otters": the two cannot both be asked (the one prompt names the
    # other's answer), and the idea the other is built on is the one asked.
    text = (
        "Otters are quick hunters of small fish in the clear rivers of the northern hills and "
        "are skilled swimmers. Otters live in burrows. Young and small otters are known as "
        "kits. The kits stay with their mother."
    )
    drafts = drafts_for(text, nlp_pipeline)
    assert [(d.prompt, d.answer_text) for d in drafts if d.recommended] == [
        (
            "Which term describes quick hunters of small fish in the clear rivers of the "
            "northern hills and skilled swimmers?",
            "otters",
        )
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Said outright: a term used once is still one.
        (
            "Anosmia is the medical term used when a person loses the sense of smell.",
            [
                (
                    "anosmia",
                    "medical term used when a person loses the sense of smell",
                    "term used",
                )
            ],
        ),
        (
            "Anaemia is the term for a lack of red blood cells in the body. Anaemia tires.",
            [("anaemia", "a lack of red blood cells in the body", "term for")],
        ),
        # A plural class between dashes needs no article; with a clause of its own it says
        # enough for a term the text names once.
        (
            "In the old towns, tanners—skilled, patient leather workers—cured hides by hand. "
            "Many tanners worked alone.",
            [("tanners", "skilled, patient leather workers", "dash")],
        ),
        (
            "The lords built forts and granaries—stores where farmers kept grain such as "
            "wheat, barley, and oats—along the river.",
            [
                (
                    "granaries",
                    "stores where farmers kept grain such as wheat, barley, and oats",
                    "apposition",
                )
            ],
        ),
        # "took hold" is an idiom: "hold" is no term, whatever the apposition says.
        (
            "On the coast, the new trade soon took hold, a custom that spread to every village.",
            [],
        ),
        # The parser hangs "called bud cells" on the first noun of the coordination; the
        # participle names the conjunct it follows ("two layers of …", a measure of cells,
        # too general to define), never both nouns at once.
        (
            "The layer holds small cells called ward cells, as well as two rows of "
            "young leaf cells called bud cells.",
            [],
        ),
    ],
)
def test_a_term_said_outright_and_bare_classes(text, expected, nlp_pipeline):
    assert terms_of(text, nlp_pipeline) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A clause closed by a semicolon is a sentence of its own.
        (
            "Rows of cells that share a wall are called ranks; each leaf has a dozen ranks "
            "along its edge.",
            [("ranks", "rows of cells that share a wall", "is called")],
        ),
        # A "the" noun and, in brackets, the "the" phrase that says which thing it is.
        (
            "Boats reach the delta (the flat land where a river meets the sea) in spring. "
            "Farmers till the delta.",
            [("delta", "the flat land where a river meets the sea", "brackets")],
        ),
        (
            "The king (the third of that name) ruled long. The fund (the largest in the world) "
            "grew.",
            [],
        ),
    ],
)
def test_a_clause_before_a_semicolon_and_a_bracketed_description(text, expected, nlp_pipeline):
    assert terms_of(text, nlp_pipeline) == expected


def test_a_term_used_when_is_asked_with_its_use(nlp_pipeline):
    text = (
        "Anosmia is the medical term used when a person loses the sense of smell. A doctor can "
        "test it."
    )
    drafts = [d for d in drafts_for(text, nlp_pipeline) if d.rule.startswith("term:")]
    assert [(d.kind, d.prompt, d.answer_text) for d in drafts] == [
        (
            QuestionKind.SHORT_ANSWER,
            "Which medical term is used when a person loses the sense of smell?",
            "anosmia",
        ),
        (
            QuestionKind.FILL_BLANK,
            "Fill in the blank: _____ is the medical term used when a person loses the sense "
            "of smell.",
            "anosmia",
        ),
    ]


def test_a_school_the_title_names_by_its_adjective_is_the_subject(nlp_pipeline):
    body = (
        "Rulers have long argued over power. Federalism is a system of rule that splits power "
        "between a centre and its regions. Many states chose federalism. A charter is a "
        "written grant of rights from a ruler. Each charter was sealed."
    )

    def reasons(title):
        return {
            d.answer_text: blocked(d)
            for d in which_term(drafts_for(f"{title}\n\n{body}", nlp_pipeline))
        }

    # "Federalist" names the school: the answer is guessed from the title.
    assert reasons("Federalist Views of Rule") == {"federalism": BLOCK_SUBJECT, "charter": ""}
    assert reasons("Views of Rule") == {"federalism": "", "charter": ""}


def test_an_or_after_a_clause_joins_two_phrases_not_two_names(nlp_pipeline):
    # ", or rule by a few" is the second of two kinds of rule, not another name for the
    # kingship that closes the relative clause before it.
    text = (
        "The old writers held that rule by one wise ruler who serves the people, which they "
        "called a kingship, or rule by a few good men, which they called a council, would be "
        "best. A kingship can fail. The beekeepers had used skeps, or woven straw hives, for "
        "the swarms. Skeps were cheap."
    )
    assert terms_of(text, nlp_pipeline) == [("skeps", "woven straw hives", "or")]


# A word opening a sentence is read by how the text writes it, not by its tag: the tagger
# takes "Insomnia" for a name (an organisation, even) and "Brannock" for a common noun.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Insomnia is a sleep disorder in which a person cannot fall asleep or stay asleep. "
            "Insomnia can last for weeks.",
            [
                (
                    "insomnia",
                    "a sleep disorder in which a person cannot fall asleep or stay asleep",
                    "is",
                )
            ],
        ),
        # Under a heading: the word opens its line.
        (
            "Sleep Disorders\n\nInsomnia is a sleep disorder in which a person cannot fall "
            "asleep or stay asleep. Insomnia can last for weeks.",
            [
                (
                    "insomnia",
                    "a sleep disorder in which a person cannot fall asleep or stay asleep",
                    "is",
                )
            ],
        ),
        # The tagger's guess at a place is no reason to refuse a word the dictionary knows.
        (
            "Tundra is a cold, treeless region where the ground stays frozen. Tundra covers "
            "much of the north.",
            [("tundra", "a cold, treeless region where the ground stays frozen", "is")],
        ),
        # Never in lower case, but a word the dictionary knows: a common noun.
        (
            "The lawyers met in the hall. Tallow is a white fat that candle makers melt down. "
            "Tallow was sold at every market.",
            [("tallow", "a white fat that candle makers melt down", "is")],
        ),
        # A plural the dictionary does not know, never in lower case: names are singular.
        (
            "Skeps are hives of woven straw that beekeepers once used. Skeps were cheap to make.",
            [("skeps", "hives of woven straw that beekeepers once used", "is")],
        ),
        # A place with a name, a person (never in lower case, or a dictionary word with no
        # article defined as somebody), a person's name written in lower case.
        (
            "Tessel is a town on the coast of Norland. Tessel has a small harbour.",
            [],
        ),
        ("Brannock is a painter who works in oils. Brannock lives in Harlow.", []),
        (
            "Will is a carpenter who builds boats. Will lives by the harbour and his will is "
            "strong.",
            [],
        ),
        ("Rose is a town on the coast of Norland. Rose has a harbour.", []),
        (
            "Many students admired bell hooks, a writer who wrote about class and race. They "
            "read hooks often.",
            [],
        ),
        # Capitalised in mid-sentence elsewhere: a name.
        (
            "Calloria is a condition in which the skin turns pale. The clinic at Calloria "
            "treats it. Calloria is rare.",
            [],
        ),
        # A word definitions describe by is no term on its own.
        ("A process is a series of steps that lead to a result. Each process takes time.", []),
    ],
)
def test_a_term_is_read_by_how_the_text_writes_it(text, expected, nlp_pipeline):
    assert terms_of(text, nlp_pipeline) == expected


def test_no_question_asks_for_a_person_as_a_term(nlp_pipeline):
    text = "Brannock is a painter who works in oils. Brannock lives in Harlow."
    assert which_term(drafts_for(text, nlp_pipeline)) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The description first, then ", or" and the term alone.
        (
            "Sailors feared towering storm waves, or rollers, in the winter months. Rollers "
            "could sink a small boat.",
            [("rollers", "towering storm waves", "or")],
        ),
        (
            "Farmers in the hills grew hardy cold-weather grasses, or fescues, for their "
            "sheep. Fescues need little water.",
            [("fescues", "hardy cold-weather grasses", "or")],
        ),
        # A choice between two things, not a name and its description.
        ("People who keep large dogs, or cats, must pay a fee. Cats are common.", []),
        # A naming with a second name after ", or": the term is the first.
        (
            "The dried grass that farmers store for winter is known as hay, or fodder, in "
            "most regions. Hay is cut in June.",
            [("hay", "The dried grass that farmers store for winter", "is called")],
        ),
        # A "the" noun named here for the first time, and what such things are.
        (
            "The glacier left behind the moraine, a ridge of rock and gravel that marks the "
            "furthest reach of the ice. The moraine is steep.",
            [
                (
                    "moraine",
                    "a ridge of rock and gravel that marks the furthest reach of the ice",
                    "apposition",
                )
            ],
        ),
        # What one thing of the story did, or a thing the text has spoken of already.
        ("The crew boarded the ship, a vessel that carried grain to the south. The ship sank.", []),
        (
            "The ship left port. Later the crew boarded the ship, a vessel that carries grain "
            "to the south.",
            [],
        ),
    ],
)
def test_a_term_after_its_description_a_second_name_and_a_the_noun(text, expected, nlp_pipeline):
    assert terms_of(text, nlp_pipeline) == expected


def test_the_second_name_a_naming_gives_is_accepted(nlp_pipeline):
    text = (
        "The yearly gathering of the village elders was known as the moot, or the folkmoot. "
        "The moot settled quarrels."
    )
    (short,) = which_term(drafts_for(text, nlp_pipeline))
    assert short.prompt == "Which term describes the yearly gathering of the village elders?"
    assert short.accepted_answers == ("moot", "folkmoot")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A name in brackets after what it names.
        (
            "The soft centre of a long bone (also known as the marrow) makes blood cells. The "
            "marrow is red.",
            [("marrow", "The soft centre of a long bone", "is called")],
        ),
        # Something's own name leans on its owner: asked only in its sentence.
        (
            "A farm that grows one or two crops (sometimes called its “staple harvest”) can "
            "sell in bulk to the mills.",
            [("staple harvest", "one or two crops", "called in passing")],
        ),
        # A view up to the clause the parser hung on its last noun with ", and".
        (
            "For instance, the civic theory regards public trust as “social glue” that gives "
            "lasting personal bonds that strengthen a town, and our warm feeling caused by "
            "something shared, like a festival, is engraved in our minds by the habit of "
            "years. The civic theory is old.",
            [
                (
                    "civic theory",
                    "regards public trust as “social glue” that gives lasting personal bonds "
                    "that strengthen a town",
                    "holds",
                )
            ],
        ),
    ],
)
def test_a_bracketed_name_and_a_view_before_another_clause(text, expected, nlp_pipeline):
    assert terms_of(text, nlp_pipeline) == expected


def test_an_owned_name_is_asked_only_as_its_cloze(nlp_pipeline):
    text = (
        "A farm that grows one or two crops (sometimes called its “staple harvest”) can sell in "
        "bulk to the mills."
    )
    on_term = [d for d in drafts_for(text, nlp_pipeline) if d.rule.startswith("term:")]
    assert [(d.kind, d.prompt) for d in on_term if d.recommended] == [
        (
            QuestionKind.FILL_BLANK,
            "Fill in the blank: A farm that grows one or two crops (sometimes called its "
            "“_____”) can sell in bulk to the mills.",
        )
    ]


def test_the_options_of_a_term_come_from_the_running_text(nlp_pipeline):
    text = (
        "Coasts\n\nA delta is the land that forms where a river meets the sea. Two deltas lie "
        "to the south. The coastal erosion of the shore is slow, and coastal erosion shapes "
        "the bay.\n\nFigure 1.1 Rock pools on the north shore. Image credit: Rock pools "
        "survey\n\nFigure 1.2 Rock pools after a storm. Image credit: Rock pools survey"
    )
    extraction = extract_facts(text, nlp=nlp_pipeline)
    # A caption's credit line, written twice, is no term of the chapter.
    assert topic_terms(extraction, term_facts(extraction)) == ["delta", "coastal erosion"]


def test_multiple_choices_on_a_chapters_terms_may_offer_each_others_answers(nlp_pipeline):
    text = (
        "A watershed is the area of land that drains into a single river. Each watershed has "
        "a name. A delta is the land that forms where a river meets the sea. Two deltas lie "
        "to the south. A floodplain is the flat land beside a river that floods in wet years. "
        "Each floodplain is wide."
    )
    drafts = [d for d in drafts_for(text, nlp_pipeline) if d.rule.startswith("term:")]
    choices = {d.answer_text: d for d in drafts if d.kind == QuestionKind.MULTIPLE_CHOICE}
    short = {d.answer_text: d for d in drafts if d.kind == QuestionKind.SHORT_ANSWER}
    (paired,) = [d for d in drafts if d.kind == QuestionKind.MATCHING]
    assert {text for text, _ in choices["watershed"].options} == {
        "watershed",
        "delta",
        "floodplain",
    }
    # The delta question offers "delta" itself: seeing it among the watershed question's
    # options tells nothing. Recalling it is another matter, and the matching pairs it.
    assert not shows_answer_of(choices["watershed"], choices["delta"])
    assert shows_answer_of(choices["watershed"], short["delta"])
    assert shows_answer_of(paired, choices["delta"])


def test_multiple_choices_on_dates_still_show_each_others_answers():
    def choice(prompt, answer, options):
        return QuestionDraft(
            kind=QuestionKind.MULTIPLE_CHOICE,
            prompt=prompt,
            answer_text=answer,
            options=tuple((option, option == answer) for option in options),
            source_sentence=Sentence(text=prompt, start=0, end=len(prompt)),
            fact_keys=("date:0:4",),
        )

    founded = choice("When was the Harlow Trust founded?", "1901", ("1901", "1910", "1923"))
    moved = choice("When did the Harlow Trust move to Leeds?", "1910", ("1910", "1901", "1930"))
    # Only the chapter's terms are one vocabulary each question offers whole.
    assert shows_answer_of(founded, moved)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ", called a …" after a relative clause names the noun the clause describes; "a type
        # of" with a clause says which type.
        (
            "Nerves carry signals through the body. Found in the skin of the hand is a type of "
            "sensory receptor that is sensitive to pressure, called a mechanoreceptor. Each "
            "mechanoreceptor sends signals to the spinal cord.",
            [
                (
                    "mechanoreceptor",
                    "a type of sensory receptor that is sensitive to pressure",
                    "is called",
                )
            ],
        ),
        # "Such" with words of its own describes the kind itself.
        (
            "Reformers urged people to give up wine. Such total abstinence from wine is known "
            "as temperance. Temperance spread quickly.",
            [("temperance", "total abstinence from wine", "is called")],
        ),
        # A bare "such a signal" becomes the "an electrical signal" it points back to.
        (
            "When the cell is stimulated, its membrane can produce an electrical signal that "
            "travels along the fibre. The strength of the stimulus at which such a signal is "
            "produced is called the threshold. The threshold differs between cells.",
            [
                (
                    "threshold",
                    "The strength of the stimulus at which an electrical signal is produced",
                    "is called",
                )
            ],
        ),
        # Nothing shortly before to say which signal: left as written (and refused as a
        # question: it leans on the text).
        (
            "The cell sends a signal. The strength at which such a signal is produced is "
            "called the threshold. The threshold differs between cells.",
            [("threshold", "The strength at which such a signal is produced", "is called")],
        ),
        # The naming names "a key unit", not "the presence"; the apposition after the term
        # says which molecules, though it repeats the head.
        (
            "Life on Earth is based on the presence of a key unit known as an organic "
            "molecule, a molecule that contains carbon. Organic molecules are found in cells.",
            [("organic molecule", "a molecule that contains carbon", "apposition")],
        ),
        # A superlative of position picks out one part of a whole.
        (
            "Light enters the eye through the pupil. The lens sends the image to the retina, "
            "the innermost layer of tissue in the eye, where vision begins. The retina holds "
            "millions of cells.",
            [("retina", "the innermost layer of tissue in the eye", "apposition")],
        ),
        # A size or a rank may pick out one of a story: no definition.
        (
            "The skeleton holds the body up. The leg holds the femur, the longest bone in the "
            "body. The femur breaks rarely.",
            [],
        ),
        # "a process known as" between dashes names the clause it interrupts.
        (
            "Water moves through a plant in many ways. In the leaves, water evaporates—a "
            "process known as transpiration—through small pores on the underside of the leaf. "
            "Transpiration cools the plant.",
            [
                (
                    "transpiration",
                    "the process by which water evaporates through small pores",
                    "is called",
                )
            ],
        ),
        (
            "Rivers shape the land. Slowly, a river wears away the rock of its bed, a process "
            "called erosion. Erosion carves valleys.",
            [
                (
                    "erosion",
                    "the process by which a river wears away the rock of its bed",
                    "is called",
                )
            ],
        ),
        # One event of a story, in the past, is no process a term names.
        ("The river flooded the town in 1900, a process called flooding. The town grew.", []),
        # "their" bound by the plural inside the description; the name keeps "of the".
        (
            "Farmers share the water of a river. The situation in which farmers drain a shared "
            "river by acting in their own interest is called the tragedy of the river.",
            [
                (
                    "tragedy of the river",
                    "The situation in which farmers drain a shared river by acting in their "
                    "own interest",
                    "is called",
                )
            ],
        ),
        # "a type of plant" alone fits every type.
        (
            "Grasses grow everywhere. Wheat is a type of plant called a cereal, which is grown "
            "for grain. A cereal grows fast.",
            [],
        ),
        # A "because" argues for an image; it does not define.
        (
            "A diary is a window on the past because it records what a writer saw. Each diary "
            "is different.",
            [],
        ),
    ],
)
def test_namings_chapters_use_such_and_a_process_known_as(text, expected, nlp_pipeline):
    assert terms_of(text, nlp_pipeline) == expected


def test_a_gloss_in_passing_is_no_pair_of_the_matching(nlp_pipeline):
    text = (
        "Found in the skin is a type of sensory receptor that is sensitive to pressure, called "
        "a mechanoreceptor. Each mechanoreceptor sends signals. The lens sends the image to the "
        "retina, the innermost layer of tissue in the eye. The retina holds cells. In the "
        "leaves, water evaporates—a process known as transpiration—through small pores. The "
        "muscle begins to work, following a large potential known as a plate potential."
    )
    drafts = drafts_for(text, nlp_pipeline)
    matchings = [d for d in drafts if d.rule == "term:matching"]
    assert [[pair[0] for pair in d.answer] for d in matchings] == [
        ["mechanoreceptor", "retina", "transpiration"]
    ]
    # Three terms recommended first, kinds mixed: two short answers, then the third term's
    # cloze (a third short answer waits while another kind fits).
    assert sorted(
        (d.kind, d.answer_text) for d in drafts if d.recommended and d.rule.startswith("term:")
    ) == [
        ("fill_blank", "transpiration"),
        ("short_answer", "mechanoreceptor"),
        ("short_answer", "retina"),
    ]
