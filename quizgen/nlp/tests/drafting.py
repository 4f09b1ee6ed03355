"""What the generation tests share: the drafts a text gives, and what a student reads of one."""

from quizgen.nlp import extract_facts, generate_questions
from quizgen.nlp.generate.features import blocked_reason

# The prompt openings of timelines and of matchings of events to dates.
TIMELINE_PROMPTS = ("Put", "Match each event")


def drafts_for(text, nlp_pipeline, **options):
    """The drafts `generate_questions` gives for `text` (with its `options`)."""
    return generate_questions(extract_facts(text, nlp=nlp_pipeline), **options)


def shown(draft):
    """Everything the student reads of a draft: prompt, options and items."""
    texts = [draft.prompt, *(text for text, _ in draft.options)]
    if draft.kind in {"ordering", "matching"} and draft.answer:
        for item in draft.answer:
            texts.extend(map(str, item) if isinstance(item, list) else [str(item)])
    return texts


def all_shown(drafts):
    """Everything the student reads of every draft, in one list."""
    return [text for draft in drafts for text in shown(draft)]


def shown_for(text, nlp_pipeline):
    """Everything the student reads of the drafts `text` gives."""
    return all_shown(drafts_for(text, nlp_pipeline))


def items_of(drafts, *, timelines=False):
    """The items of the ordering and matching drafts (of a pair, its left side), in order;
    with `timelines`, only those of timelines and of matchings of events to dates."""
    return [
        item[0] if isinstance(item, list) else item
        for draft in drafts
        if draft.kind in {"ordering", "matching"}
        and (not timelines or draft.prompt.startswith(TIMELINE_PROMPTS))
        for item in draft.answer
    ]


def blocked(draft):
    """Why the draft may never be recommended ('' when it may be)."""
    return blocked_reason(draft, draft.features)
