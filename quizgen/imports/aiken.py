"""Aiken, Moodle's format of multiple-choice questions, one per block:

    What is the capital of France?
    A. Paris
    B) Lyon
    ANSWER: A

The question's text (one or more lines), its options as `A.` or `A)` lines, and the `ANSWER:`
line naming the correct letter; blank lines between questions are optional. Options that are
exactly True and False make a true/false question (Quizgen's Aiken export writes those so).
"""

from __future__ import annotations

import re

from quizgen.imports import UNREADABLE, Reading, ReadQuestion, Skipped, is_true_false, plain

_OPTION = re.compile(r"^([A-Z])[.)]\s+(.*)$")
_ANSWER = re.compile(r"^ANSWER:\s*([A-Za-z])\s*$")


def read(text: str) -> Reading:
    reading = Reading(import_format="aiken")
    prompt: list[str] = []
    options: list[tuple[str, str]] = []
    first = 0
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        if not prompt and not options:
            first = number
        answer = _ANSWER.match(line)
        option = _OPTION.match(line)
        if answer:
            result = _question(f"line {first}", prompt, options, answer.group(1).upper())
            if isinstance(result, Skipped):
                reading.skipped.append(result)
            else:
                reading.questions.append(result)
            prompt, options = [], []
        elif option and prompt:
            options.append((option.group(1), option.group(2)))
        elif options:
            # A text line after options, before an ANSWER line: the question never ended.
            reading.skipped.append(
                Skipped(
                    f"line {first}", "multiple choice", UNREADABLE.format(why="no ANSWER: line")
                )
            )
            prompt, options, first = [line], [], number
        else:
            prompt.append(line)
    if prompt or options:
        reading.skipped.append(
            Skipped(f"line {first}", "multiple choice", UNREADABLE.format(why="no ANSWER: line"))
        )
    return reading


def _question(where, prompt, options, letter) -> ReadQuestion | Skipped:
    letters = [key for key, _ in options]
    if letter not in letters:
        return Skipped(
            where,
            "multiple choice",
            UNREADABLE.format(why=f"its ANSWER: {letter} names no option"),
        )
    texts = [plain(text) for _, text in options]
    return ReadQuestion(
        where=where,
        kind="true_false" if is_true_false(texts) else "multiple_choice",
        prompt=plain("\n".join(prompt)),
        options=[
            {"text": text, "correct": key == letter}
            for (key, _), text in zip(options, texts, strict=True)
        ],
    )
