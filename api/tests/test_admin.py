"""Integration accounts in the admin go through the API's services."""

import pytest
from django.urls import reverse

from api.models import IntegrationAccount
from api.roles import is_integration
from quizgen.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_admin_creates_an_integration_account(client, people):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    lms = UserFactory(username="canvas")
    response = client.post(
        reverse("admin:api_integrationaccount_add"),
        {
            "user": lms.pk,
            "name": "Canvas",
            "teachers": [people["teacher"].pk, people["other_teacher"].pk],
            "identities-TOTAL_FORMS": "1",
            "identities-INITIAL_FORMS": "0",
            "identities-0-user": people["student"].pk,
            "identities-0-external_id": "canvas-9",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    account = IntegrationAccount.objects.get(user=lms)
    assert account.name == "Canvas"
    assert set(account.teachers.all()) == {people["teacher"], people["other_teacher"]}
    assert [i.external_id for i in account.identities.all()] == ["canvas-9"]
    assert is_integration(lms)
