"""The generate and evaluate-questions commands, and how drafts land in Question rows."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from conftest import DEMO_PUBLISHED_ON, DEMO_TEXT_PATH
from quizgen import services
from quizgen.models import Document, Question

pytestmark = pytest.mark.django_db

REQUIRED_KEYS = {
    "kind",
    "prompt",
    "options",
    "accepted_answers",
    "recommended",
    "score",
    "difficulty",
    "defects",
    "source_sentence",
}
# Our own sentences (not corpus text) for the evaluation commands' tiny samples.
HISTORY = (
    "Germany invaded Poland in September 1939. The war ended in 1945. "
    "In 1961, the city council opened a new bridge across the river."
)


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_generate_lists_json_without_saving(nlp_pipeline):
    listing = json.loads(run("generate", str(DEMO_TEXT_PATH), "--no-save", "--format", "json"))
    assert len(listing) >= 25
    assert all(REQUIRED_KEYS <= set(question) for question in listing)
    assert all(set(o) == {"text", "correct"} for q in listing for o in q["options"])
    assert Document.objects.count() == 0


def test_generate_text_listing_marks_the_answer(nlp_pipeline):
    listing = run("generate", str(DEMO_TEXT_PATH), "--no-save", "--kinds", "multiple_choice")
    assert "[multiple_choice] When did the Soviet Union invade Afghanistan?" in listing
    assert "(x) 1979" in listing
    assert "[short_answer]" not in listing


def test_generate_says_why_a_question_is_not_recommended(tmp_path, nlp_pipeline):
    from quizgen.management.commands.generate import NOT_CHOSEN
    from quizgen.nlp.generate.features import BLOCK_DEFECT

    path = tmp_path / "ruiz.txt"
    path.write_text(
        "Ana Ruiz\n\nAna Ruiz founded the Lund Choir in 1990. She moved to Oslo in 1995.\n",
        encoding="utf-8",
    )
    blocks = {
        block.splitlines()[0].split(". ", 1)[1]: block
        for block in run("generate", str(path), "--no-save", "--why").split("\n\n")[1:]
    }
    # "She" has nothing in the question to stand for: the defect check refuses it.
    assert (
        f"not recommended: {BLOCK_DEFECT}"
        in blocks["[true_false] True or false: She moved to Oslo in 1995."]
    )
    # The true/false item on the founding is chosen; its short-answer twin is not.
    assert (
        "not recommended: " + NOT_CHOSEN
        in blocks["[short_answer] When did Ruiz found the Lund Choir?"]
    )
    recommended = [b for b in blocks.values() if "· recommended" in b]
    assert len(recommended) == 1
    assert "not recommended:" not in recommended[0]
    # Without --why the listing does not say.
    assert "not recommended:" not in run("generate", str(path), "--no-save")


def test_generate_saves_through_the_services(teacher, nlp_pipeline):
    output = run("generate", str(DEMO_TEXT_PATH), "--owner", teacher.username, "--format", "json")
    document = Document.objects.get()
    assert document.status == Document.Status.READY
    assert document.questions.count() == len(json.loads(output))


@pytest.fixture
def demo_document(teacher, demo_text, nlp_pipeline):
    document = services.document_ingest(
        owner=teacher,
        text=demo_text,
        title="Demo",
        published_on=DEMO_PUBLISHED_ON,
        enqueue=False,
    )
    return services.document_generate(document=document)


def test_drafts_land_in_the_shapes_scoring_reads(demo_document):
    questions = list(demo_document.questions.all())
    by_kind = {}
    for question in questions:
        by_kind.setdefault(question.kind, []).append(question)
    for question in by_kind["multiple_choice"]:
        assert len(question.options) == 4
        assert sum(o["correct"] for o in question.options) == 1
    for question in by_kind["true_false"]:
        assert [o["text"] for o in question.options] == ["True", "False"]
        assert sum(o["correct"] for o in question.options) == 1
    numeric = next(q for q in by_kind["numeric"] if q.answer["display"] == "over 15,000")
    assert numeric.answer == {
        "value": 15000.0,
        "tolerance": 750.0,
        "unit": "",
        "display": "over 15,000",
    }
    assert numeric.tolerance == 750.0
    ordering = by_kind["ordering"][0]
    assert [o["text"] for o in ordering.options] != ordering.answer
    assert not any(o["correct"] for o in ordering.options)
    matching = by_kind["matching"][0]
    assert all(isinstance(pair, list) and len(pair) == 2 for pair in matching.answer)
    assert sorted(o["text"] for o in matching.options) == sorted(p[1] for p in matching.answer)
    assert len({q.fingerprint for q in questions}) == len(questions)
    assert all(q.source_sentence for q in questions)


def test_regenerating_matches_questions_by_fingerprint(demo_document):
    before = dict(demo_document.questions.values_list("fingerprint", "pk"))
    services.document_generate(document=demo_document)
    after = dict(demo_document.questions.values_list("fingerprint", "pk"))
    assert after == before
    assert not Question.objects.filter(stale=True).exists()


def test_evaluate_questions_prints_the_corpus_table(tmp_path, nlp_pipeline):
    (tmp_path / "history.txt").write_text(HISTORY, encoding="utf-8")
    (tmp_path / "history.json").write_text(
        json.dumps({"genre": "news", "date": "2000-01-01"}), encoding="utf-8"
    )
    output = run("evaluate-questions", str(tmp_path))
    assert "document                     genre     facts questions recommended" in output
    assert "history" in output
    assert "defects among recommended: 0 (target 0)" in output
    assert "A sample of" in output


def test_evaluate_questions_compares_with_human_questions(tmp_path, nlp_pipeline):
    paragraph = {
        "article": "History",
        "paragraph": 0,
        "context": HISTORY,
        "qas": [
            {
                "id": "1",
                "question": "When did Germany invade Poland?",
                "answers": ["September 1939"],
            },
            {"id": "2", "question": "When did the war end?", "answers": ["1945"]},
            {"id": "3", "question": "What is the capital of Poland?", "answers": ["Warsaw"]},
        ],
    }
    squad = tmp_path / "squad.jsonl"
    squad.write_text(json.dumps(paragraph) + "\n", encoding="utf-8")
    output = run("evaluate-questions", "--squad", str(squad))
    assert "1 paragraphs, 3 human questions" in output
    assert "date                       2        2    1.00" in output
    assert "all                        2        2    1.00   (target 0.60)" in output
    assert "BLEU-4 100.0" in output
