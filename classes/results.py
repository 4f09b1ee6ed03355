"""A class's results: each student's best score on every quiz the class is assigned and their
status in every assigned module, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from classes.models import Assignment, SchoolClass
from learning.models import Attempt
from modules.selectors import ModuleSummary, module_summaries


@dataclass(frozen=True)
class QuizCell:
    attempts: int
    best: float | None
    passed: bool


@dataclass
class StudentRow:
    student: object
    enrolment: object
    quizzes: list[QuizCell | None] = field(default_factory=list)
    modules: list[ModuleSummary] = field(default_factory=list)


@dataclass(frozen=True)
class ClassResults:
    quiz_assignments: list[Assignment]
    module_assignments: list[Assignment]
    rows: list[StudentRow]


def class_results(*, school_class: SchoolClass) -> ClassResults:
    """Expects `school_class` from `classes.selectors.class_detail` (enrolments and
    assignments prefetched): then one query for the attempts and four for the modules."""
    enrolments = list(school_class.enrolments.all())
    assignments = list(school_class.assignments.all())
    quiz_assignments = [a for a in assignments if a.quiz_id]
    module_assignments = [a for a in assignments if a.module_id]
    student_ids = [enrolment.student_id for enrolment in enrolments]
    quiz_ids = [a.quiz_id for a in quiz_assignments]
    scores: dict[tuple[int, int], list[tuple]] = {}
    if student_ids and quiz_ids:
        for student_id, quiz_id, score, max_score, passed in Attempt.objects.filter(
            student_id__in=student_ids, quiz_id__in=quiz_ids, state=Attempt.State.SUBMITTED
        ).values_list("student_id", "quiz_id", "score", "max_score", "passed"):
            scores.setdefault((student_id, quiz_id), []).append((score, max_score, passed))
    summaries = module_summaries(
        modules=[a.module for a in module_assignments], student_ids=student_ids
    )
    rows = []
    for enrolment in enrolments:
        row = StudentRow(student=enrolment.student, enrolment=enrolment)
        for assignment in quiz_assignments:
            taken = scores.get((enrolment.student_id, assignment.quiz_id))
            if not taken:
                row.quizzes.append(None)
                continue
            percents = [100 * score / maximum for score, maximum, _ in taken if maximum]
            row.quizzes.append(
                QuizCell(
                    attempts=len(taken),
                    best=round(max(percents), 1) if percents else None,
                    passed=any(passed for _, _, passed in taken),
                )
            )
        row.modules = [
            summaries[(assignment.module_id, enrolment.student_id)]
            for assignment in module_assignments
        ]
        rows.append(row)
    return ClassResults(
        quiz_assignments=quiz_assignments, module_assignments=module_assignments, rows=rows
    )


def class_results_csv_rows(results: ClassResults) -> list[list]:
    header = ["student", "email", "time factor", "extra minutes", "extra attempts"]
    for assignment in results.quiz_assignments:
        header += [f"{assignment.quiz.title}: best (%)", f"{assignment.quiz.title}: attempts"]
    for assignment in results.module_assignments:
        header.append(f"{assignment.module.title}: status")
    lines = [header]
    for row in results.rows:
        line = [
            row.student.get_username(),
            row.student.email,
            f"{row.enrolment.time_factor.normalize():f}",
            row.enrolment.extra_minutes,
            row.enrolment.extra_attempts,
        ]
        for cell in row.quizzes:
            line += (
                ["", 0] if cell is None else ["" if cell.best is None else cell.best, cell.attempts]
            )
        line += [summary.status_label for summary in row.modules]
        lines.append(line)
    return lines
