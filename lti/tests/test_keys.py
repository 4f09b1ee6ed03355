"""The tool's key set and its rotation (django-lti's `rotate_keys` command)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from lti_tool.models import Key

from lti.middleware import platform_origins
from lti.services import is_teaching_role

pytestmark = pytest.mark.django_db


def test_rotating_adds_a_key_and_retires_keys_older_than_a_week(client):
    old = Key.objects.generate()
    Key.objects.filter(pk=old.pk).update(datetime_created=timezone.now() - timedelta(days=8))
    call_command("rotate_keys")
    kids = [key["kid"] for key in client.get("/lti/jwks/").json()["keys"]]
    new = Key.objects.get(is_active=True)
    assert new.pk != old.pk
    assert kids == [new.as_jwk()["kid"]]
    assert Key.objects.get(is_active=False).pk == old.pk


@pytest.mark.parametrize(
    ("roles", "teacher"),
    [
        (["http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"], True),
        (["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"], True),
        (["http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"], True),
        (["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"], False),
        (["http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"], False),
        ([], False),
    ],
)
def test_lms_roles_map_to_teacher_or_student(roles, teacher):
    assert is_teaching_role(roles) is teacher


def test_frame_origins_come_from_the_platforms_urls():
    assert platform_origins(
        "https://canvas.instructure.com",
        "https://sso.canvaslms.com/api/lti/authorize_redirect",
        "https://school.instructure.com/courses/7",
        "https://canvas.instructure.com/x",
        "javascript:alert(1)",
        "",
    ) == [
        "https://canvas.instructure.com",
        "https://sso.canvaslms.com",
        "https://school.instructure.com",
    ]
