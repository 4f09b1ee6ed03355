"""Two database task workers share one queue on PostgreSQL: every job runs once, both work."""

import os
import subprocess
import sys
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection
from django_tasks_db.models import DBTaskResult

from tests.worker_tasks import note_run

JOBS = 30


@pytest.mark.django_db(transaction=True)
def test_two_workers_claim_each_job_exactly_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("Claiming with SKIP LOCKED across processes is a PostgreSQL check.")
    notes = tmp_path / "runs.txt"
    for number in range(JOBS):
        note_run.using(backend="database").enqueue(str(notes), f"job-{number}")
    database = connection.settings_dict
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}"
        ),
    }
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--backend",
                "database",
                "--batch",
                "--interval",
                "0.05",
                "--no-startup-delay",
                "--worker-id",
                f"worker-{number}",
            ],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in (1, 2)
    ]
    for worker in workers:
        _, errors = worker.communicate(timeout=120)
        assert worker.returncode == 0, errors

    runs = [line.split() for line in notes.read_text().splitlines()]
    assert Counter(label for label, _ in runs) == Counter(f"job-{n}" for n in range(JOBS))
    assert len({pid for _, pid in runs}) == 2
    results = DBTaskResult.objects.filter(backend_name="database")
    assert Counter(results.values_list("status", flat=True)) == {"SUCCESSFUL": JOBS}
    assert sorted({tuple(r.worker_ids) for r in results}) == [("worker-1",), ("worker-2",)]
