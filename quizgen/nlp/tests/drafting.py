"""What the generation tests share: the drafts a text gives, and what a student reads of one."""

from quizgen.nlp import extract_facts, generate_questions


def drafts_for(text, nlp_pipeline):
    return generate_questions(extract_facts(text, nlp=nlp_pipeline))


def shown(draft):
    """Everything the student reads of a draft: prompt, options and items."""
    texts = [draft.prompt, *(text for text, _ in draft.options)]
    if draft.kind in {"ordering", "matching"} and draft.answer:
        for item in draft.answer:
            texts.extend(map(str, item) if isinstance(item, list) else [str(item)])
    return texts
