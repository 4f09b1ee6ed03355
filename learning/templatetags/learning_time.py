"""Time left, in words a student reads: "56 seconds", "1 minute", "4 minutes 5 seconds"."""

from __future__ import annotations

from django import template

register = template.Library()


def _unit(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@register.filter
def time_left(seconds: int | float | None) -> str:
    """Seconds as words: seconds alone under a minute, minutes and seconds under ten minutes,
    whole minutes (rounded down) after that."""
    if seconds is None:
        return ""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return _unit(seconds, "second")
    minutes, rest = divmod(seconds, 60)
    if minutes >= 10 or rest == 0:
        return _unit(minutes, "minute")
    return f"{_unit(minutes, 'minute')} {_unit(rest, 'second')}"


@register.filter
def minutes(count: int | None) -> str:
    """A whole number of minutes in words: "1 minute", "20 minutes"."""
    return "" if count is None else _unit(int(count), "minute")
