"""On SQLite (the embedded default) a teacher's write and the worker's wait for each other.

Two connections built from the settings' own options write at once: the second waits for the
first instead of failing with "database is locked" (the 500 a teacher met on Save and approve
while the worker saved a generation). The same scene with SQLite's default (deferred)
transactions fails, which is what the options are for.
"""

import threading
import time

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from config.settings.base import SQLITE_OPTIONS, database_from_url


def _connections(path, options) -> ConnectionHandler:
    return ConnectionHandler(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": options}}
    )


def _write(handler, note: str, hold: float, errors: list) -> None:
    # Each thread has its own connection (the handler is thread-local).
    connection = handler["default"]
    try:
        connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM notes")  # a read first, as a save does
            cursor.execute("INSERT INTO notes (text) VALUES (%s)", [note])
            time.sleep(hold)
        connection.commit()
    except OperationalError as error:
        errors.append(str(error))
    finally:
        connection.close()


def _two_writers(path, options) -> tuple[list[str], list[str]]:
    handler = _connections(path, options)
    setup = handler["default"]
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE notes (text TEXT)")
    setup.close()
    errors: list[str] = []
    worker = threading.Thread(target=_write, args=(handler, "worker", 0.6, errors))
    worker.start()
    time.sleep(0.2)  # the worker holds the write lock now
    _write(handler, "teacher", 0, errors)
    worker.join()
    reader = _connections(path, options)["default"]
    with reader.cursor() as cursor:
        cursor.execute("SELECT text FROM notes ORDER BY rowid")
        notes = [row[0] for row in cursor.fetchall()]
    reader.close()
    return notes, errors


@pytest.fixture(autouse=True)
def _own_databases(django_db_blocker):
    # These tests open their own SQLite files, not the test database.
    with django_db_blocker.unblock():
        yield


def test_the_settings_make_concurrent_writers_wait_not_fail(tmp_path):
    notes, errors = _two_writers(tmp_path / "quizgen.sqlite3", SQLITE_OPTIONS)
    assert (notes, errors) == (["worker", "teacher"], [])


def test_without_immediate_transactions_the_second_writer_fails(tmp_path):
    options = {"init_command": SQLITE_OPTIONS["init_command"], "timeout": 20}
    notes, errors = _two_writers(tmp_path / "quizgen.sqlite3", options)
    assert (notes, errors) == (["worker"], ["database is locked"])


def test_the_journal_is_in_wal_mode(tmp_path):
    connection = _connections(tmp_path / "quizgen.sqlite3", SQLITE_OPTIONS)["default"]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    connection.close()


@pytest.mark.parametrize(
    ("url", "options"),
    [
        ("sqlite:////tmp/quizgen.sqlite3", SQLITE_OPTIONS),
        # PostgreSQL gets none of SQLite's options; its parameters travel apart from the SQL
        ("postgres://quizgen:quizgen@127.0.0.1:5432/quizgen", {"server_side_binding": True}),
    ],
)
def test_only_sqlite_databases_get_the_sqlite_options(url, options):
    assert database_from_url(url).get("OPTIONS", {}) == options
