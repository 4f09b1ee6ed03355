"""GIFT, Moodle's plain-text question format, read as Moodle's documentation describes it.

pygiftparser (the one GIFT parser on PyPI) has had no release since 2017 and keeps GIFT's
escapes in the texts it returns, so Quizgen reads GIFT itself:

- Questions are separated by blank lines; lines starting with `//` are comments.
- `$CATEGORY: $course$/top/A/B` sets the category of the questions after it (a tag "A/B").
- `::title::` names a question; `[html]`, `[moodle]`, `[plain]` or `[markdown]` before a text
  says its format (HTML is read as the text a student sees).
- The answers stand in `{…}`: `=right ~wrong` (multiple choice; `~%50%` partial credit),
  `=a =b` (typed answers), `=left -> right` (matching), `T`/`F`/`TRUE`/`FALSE` with
  `#feedback if wrong#feedback if right`, `#5:1`, `#1..5` or `#=5:0 =%50%5:2` (numeric),
  `{}` (an essay, skipped). `#text` after an answer is its feedback; `####text` is the
  question's general feedback (Quizgen's explanation). Text after the answers makes a
  missing-word question: the answers stand where the blank is.
- `\\~ \\= \\# \\{ \\} \\: \\\\` are the characters themselves, `\\n` a line break. The two
  sequences Quizgen's GIFT export breaks with U+2060 WORD JOINER (`-\\u2060>` and a leading
  `\\u2060%50%`) are read back as written.
"""

from __future__ import annotations

import re

from quizgen.imports import (
    BLANK,
    NO_ANSWER,
    NO_FULL_ANSWER,
    NOT_A_KIND,
    NOT_A_NUMBER,
    UNREADABLE,
    Reading,
    ReadQuestion,
    Skipped,
    html_to_text,
    multiple_choice,
    partial_credit_note,
    plain,
    text_kind,
    true_false_options,
)

_ESCAPABLE = "~=#{}:\\"
WORD_JOINER = "\u2060"
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"^\s*%(-?[0-9]+(?:\.[0-9]+)?)%")
_TRUE_FALSE = re.compile(r"^(T|F|TRUE|FALSE)$", re.IGNORECASE)
_NUMBER = r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
_RANGE = re.compile(rf"^({_NUMBER})\s*\.\.\s*({_NUMBER})$")
_TOLERANCE = re.compile(rf"^({_NUMBER})\s*(?::\s*({_NUMBER}))?$")
_CATEGORY_ROOTS = re.compile(r"^(\$[a-z0-9]+\$/)?(top/)?", re.IGNORECASE)


def _find(text: str, token: str, start: int = 0) -> int:
    """The position of the first `token` at or after `start` that no backslash escapes."""
    position = start
    while position < len(text):
        if text[position] == "\\":
            position += 2
            continue
        if text.startswith(token, position):
            return position
        position += 1
    return -1


def _unescape(text: str) -> str:
    out, position = [], 0
    while position < len(text):
        char = text[position]
        if char == "\\" and position + 1 < len(text):
            following = text[position + 1]
            if following in _ESCAPABLE:
                out.append(following)
                position += 2
                continue
            if following == "n":
                out.append("\n")
                position += 2
                continue
        out.append(char)
        position += 1
    return "".join(out).replace(f"-{WORD_JOINER}>", "->")


def _text(raw: str, text_format: str) -> str:
    """A GIFT text as Quizgen holds it: unescaped, its own [format] or the question's applied."""
    match = _FORMAT.match(raw)
    if match:
        text_format, raw = match.group(1).lower(), raw[match.end() :]
    text = _unescape(raw)
    if text.startswith(WORD_JOINER) and _WEIGHT.match(text[1:]):
        text = text[1:]
    return html_to_text(text) if text_format == "html" else plain(text)


def _markers(text: str, characters: str) -> list[int]:
    """Positions of the unescaped `characters` in `text`."""
    positions, position = [], 0
    while position < len(text):
        if text[position] == "\\":
            position += 2
            continue
        if text[position] in characters:
            positions.append(position)
        position += 1
    return positions


def _entries(answers: str) -> list[tuple[str, float | None, str, str]] | None:
    """(marker, weight, raw text, raw feedback) of each `=`/`~` answer, or None when text
    stands before the first marker."""
    starts = _markers(answers, "=~")
    if not starts or answers[: starts[0]].strip():
        return None
    entries = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(answers)
        body = answers[start + 1 : end]
        weight = None
        match = _WEIGHT.match(body)
        if match:
            weight, body = float(match.group(1)), body[match.end() :]
        hash_at = _find(body, "#")
        feedback = body[hash_at + 1 :] if hash_at >= 0 else ""
        entries.append((answers[start], weight, body[:hash_at] if hash_at >= 0 else body, feedback))
    return entries


def _category(line: str) -> str:
    path = line.split(":", 1)[1].strip() if ":" in line else ""
    return _CATEGORY_ROOTS.sub("", path).strip("/ ")[:100]


def _blocks(text: str):
    """(line number of the first line, lines) of each question, comments left out."""
    lines: list[str] = []
    first = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.lstrip().startswith("//"):
            continue
        if not line.strip():
            if lines:
                yield first, lines
                lines = []
            continue
        if not lines:
            first = number
        lines.append(line)
    if lines:
        yield first, lines


def read(text: str) -> Reading:
    reading = Reading(import_format="gift")
    category = ""
    for first, lines in _blocks(text):
        while lines and lines[0].lstrip().upper().startswith("$CATEGORY:"):
            category = _category(lines[0])
            lines, first = lines[1:], first + 1
        if not lines:
            continue
        where = f"line {first}"
        result = _question("\n".join(lines), where=where)
        if isinstance(result, Skipped):
            reading.skipped.append(result)
            continue
        if category:
            result.tags.append(category)
        reading.questions.append(result)
    return reading


def _question(block: str, *, where: str) -> ReadQuestion | Skipped:
    title, body = "", block.strip()
    if body.startswith("::"):
        end = _find(body, "::", 2)
        if end < 0:
            return Skipped(where, "question", UNREADABLE.format(why="its title has no closing ::"))
        title, body = plain(_unescape(body[2:end])), body[end + 2 :]
    opening = _find(body, "{")
    if opening < 0:
        return Skipped(where, "description", NO_ANSWER)
    closing = _find(body, "}", opening + 1)
    if closing < 0:
        return Skipped(where, "question", UNREADABLE.format(why="its answers have no closing }"))
    before, answers, after = body[:opening], body[opening + 1 : closing], body[closing + 1 :]
    match = _FORMAT.match(before)
    text_format = match.group(1).lower() if match else "moodle"
    if match:
        before = before[match.end() :]
    # Text after the answers: a missing-word question, the blank where the answers stand.
    prompt = _text(before + BLANK + after if after.strip() else before, text_format)
    explanation = ""
    general = _find(answers, "####")
    if general >= 0:
        explanation = _text(answers[general + 4 :], text_format)
        answers = answers[:general]
    answers = answers.strip()
    read = ReadQuestion(where=where, kind="", prompt=prompt, explanation=explanation, title=title)
    if not answers:
        return Skipped(where, "essay", NOT_A_KIND)
    if answers.startswith("#"):
        return _numeric(read, answers[1:], text_format)
    head_end = _find(answers, "#")
    head = answers[:head_end] if head_end >= 0 else answers
    if _TRUE_FALSE.match(head.strip()):
        feedback = answers[head_end + 1 :] if head_end >= 0 else ""
        return _true_false(read, head.strip(), feedback, text_format)
    entries = _entries(answers)
    if entries is None:
        return Skipped(
            where, "question", UNREADABLE.format(why="its answers do not start with = or ~")
        )
    if any(marker == "=" and "->" in raw for marker, _, raw, _ in entries):
        return _matching(read, entries, text_format)
    if all(marker == "=" for marker, *_ in entries):
        return _typed(read, entries, text_format)
    return _choice(read, entries, text_format)


def _true_false(read: ReadQuestion, head: str, feedback: str, text_format: str) -> ReadQuestion:
    is_true = head.upper().startswith("T")
    # Moodle: the first feedback is shown for a wrong answer, the second for a right one.
    second = _find(feedback, "#")
    wrong = _text(feedback[:second] if second >= 0 else feedback, text_format)
    right = _text(feedback[second + 1 :], text_format) if second >= 0 else ""
    read.kind = "true_false"
    read.options = true_false_options(
        is_true,
        true_feedback=right if is_true else wrong,
        false_feedback=wrong if is_true else right,
    )
    return read


def _choice(read: ReadQuestion, entries, text_format: str) -> ReadQuestion | Skipped:
    options, partial = [], []
    for marker, weight, raw, feedback in entries:
        credit = (100.0 if marker == "=" else 0.0) if weight is None else weight
        text = _text(raw, text_format)
        option = {"text": text, "correct": credit >= 100}
        if feedback.strip():
            option["feedback"] = _text(feedback, text_format)
        if 0 < credit < 100:
            partial.append(partial_credit_note(credit, text))
        options.append(option)
    return multiple_choice(read, options, partial, "multiple choice")


def _typed(read: ReadQuestion, entries, text_format: str) -> ReadQuestion | Skipped:
    accepted = []
    for _, weight, raw, feedback in entries:
        text = _text(raw, text_format)
        if weight is not None and weight < 100:
            read.notes.append(f"the {weight:g}% answer “{text}” was left out")
            continue
        accepted.append(text)
        if feedback.strip():
            read.notes.append(f"the feedback on the answer “{text}” was left out")
    if not accepted:
        return Skipped(read.where, "short answer", NO_FULL_ANSWER)
    read.kind, read.accepted_answers = text_kind(read.prompt), accepted
    return read


def _matching(read: ReadQuestion, entries, text_format: str) -> ReadQuestion:
    pairs = []
    for _, _, raw, _ in entries:
        left, _, right = raw.partition("->")
        left, right = _text(left, text_format), _text(right, text_format)
        if not left:
            read.notes.append(f"the extra answer “{right}” (matched to nothing) was left out")
            continue
        pairs.append([left, right])
    read.kind, read.answer = "matching", pairs
    return read


def _numeric(read: ReadQuestion, answers: str, text_format: str) -> ReadQuestion | Skipped:
    answers = answers.strip()
    if answers.startswith("="):
        entries = _entries(answers) or []
    else:
        hash_at = _find(answers, "#")
        entries = [("=", None, answers[:hash_at] if hash_at >= 0 else answers, "")]
    found: tuple[float, float] | None = None
    for _, weight, raw, _ in entries:
        spec = _unescape(raw).strip()
        number = _number(spec)
        if number is None:
            return Skipped(read.where, "numeric", NOT_A_NUMBER.format(text=spec))
        if weight is not None and weight < 100:
            read.notes.append(f"the {weight:g}% answer {spec} was left out")
        elif found is None:
            found = number
        else:
            read.notes.append(f"the other full-credit answer {spec} was left out")
    if found is None:
        return Skipped(read.where, "numeric", NO_FULL_ANSWER)
    read.kind = "numeric"
    read.answer = {"value": found[0]}
    read.tolerance = found[1]
    return read


def _number(spec: str) -> tuple[float, float] | None:
    """(value, tolerance) of `5`, `5:1` or `1..5`."""
    match = _RANGE.match(spec)
    if match:
        low, high = sorted((float(match.group(1)), float(match.group(2))))
        return (low + high) / 2, (high - low) / 2
    match = _TOLERANCE.match(spec)
    if match:
        return float(match.group(1)), abs(float(match.group(2) or 0))
    return None
