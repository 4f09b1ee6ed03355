"""A sentence from the text shown in quotation marks: its own quotation marks turned into
single ones, so none is doubled (the rule of `quizgen.nlp.generate.text.quoted`)."""

from __future__ import annotations

from django import template

from quizgen.nlp.generate.text import quoted as quoted_text

register = template.Library()


@register.filter
def quoted(text: str | None) -> str:
    return quoted_text(text) if text else ""
