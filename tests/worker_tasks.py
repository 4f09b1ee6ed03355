"""A task for the two-worker test: it notes which worker process ran which job."""

import os
import time

from django_tasks import task


@task()
def note_run(path: str, label: str) -> int:
    with open(path, "a", encoding="utf-8") as notes:
        notes.write(f"{label} {os.getpid()}\n")
    # Long enough that both workers are busy at once while the queue lasts.
    time.sleep(0.2)
    return os.getpid()
