"""Schemathesis against the schema and the WSGI app: no 5xx, every response as documented.

Bounded so that it runs in CI in about a minute: a fixed number of examples per operation,
derandomised so that a run is reproducible.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from api import services as api_services
from config.wsgi import application

pytestmark = pytest.mark.django_db(transaction=False)

EXAMPLES_PER_OPERATION = 20
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def fuzz(token: str) -> list[str]:
    """Run every operation; return the failures as readable lines."""
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    failures: list[str] = []
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            label = case.operation.label
            nonlocal calls
            calls += 1
            try:
                case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
            except AssertionError as error:
                failures.append(f"{label}: {str(error)[:800]}")
            except BaseExceptionGroup as error:  # schemathesis groups its failures
                failures.append(f"{label}: {type(error).__name__}: {str(error)[:800]}")

        run()
    print(f"fuzzing: {calls} requests, {len(failures)} failures")
    assert calls >= 27
    return failures


@pytest.fixture
def keep_the_test_connection():
    """Requests go straight to the WSGI app, whose end-of-request handler would close the
    test's database connection (and its transaction); Django's test client unhooks it too."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("role", ["teacher", "student", "integration"])
def test_no_operation_fails_under_fuzzing(people, bank, role, keep_the_test_connection):
    token = api_services.token_issue(user=people[role]).key
    failures = fuzz(token)
    assert failures == [], "\n".join(dict.fromkeys(failures))
