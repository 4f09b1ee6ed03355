"""The one path for changes to the API's own data: tokens, integration accounts, keys."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from rest_framework.authtoken.models import Token

from api.models import ExternalIdentity, IdempotencyKey, IntegrationAccount
from api.roles import integration_group
from learning.models import Attempt

IDEMPOTENCY_KEY_REUSED = (
    "This Idempotency-Key was already used for another attempt. Send a new key for each attempt."
)
NOT_A_TEACHER = "{user} is not a teacher."


@transaction.atomic
def token_issue(*, user: AbstractBaseUser) -> Token:
    """The user's API token, created if they have none."""
    return Token.objects.get_or_create(user=user)[0]


@transaction.atomic
def token_rotate(*, user: AbstractBaseUser) -> Token:
    """Revoke the user's token and issue a new one."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def token_revoke(*, user: AbstractBaseUser) -> bool:
    """Revoke the user's token; returns whether there was one."""
    deleted, _ = Token.objects.filter(user=user).delete()
    return bool(deleted)


def _check_teachers(teachers: list[AbstractBaseUser]) -> None:
    from api.roles import is_teacher

    for teacher in teachers:
        if not is_teacher(teacher):
            raise ValidationError(NOT_A_TEACHER.format(user=teacher), code="not_teacher")


@transaction.atomic
def integration_account_create(
    *, user: AbstractBaseUser, name: str, teachers: Iterable[AbstractBaseUser] = ()
) -> IntegrationAccount:
    """Make `user` an integration that reads the results of `teachers`' quizzes (added to
    those it already has)."""
    teachers = list(teachers)
    _check_teachers(teachers)
    account, _ = IntegrationAccount.objects.get_or_create(user=user, defaults={"name": name})
    account.teachers.add(*teachers)
    user.groups.add(integration_group())
    return account


@transaction.atomic
def integration_account_update(
    *, account: IntegrationAccount, name: str, teachers: Iterable[AbstractBaseUser]
) -> IntegrationAccount:
    """Rename the account and make `teachers` exactly the teachers it reads."""
    teachers = list(teachers)
    _check_teachers(teachers)
    account.name = name
    account.save(update_fields=["name"])
    account.teachers.set(teachers)
    account.user.groups.add(integration_group())
    return account


@transaction.atomic
def external_identity_set(
    *, account: IntegrationAccount, user: AbstractBaseUser, external_id: str
) -> ExternalIdentity:
    identity, _ = ExternalIdentity.objects.update_or_create(
        account=account, user=user, defaults={"external_id": external_id}
    )
    return identity


def idempotency_key_claim(*, user: AbstractBaseUser, key: str, attempt: Attempt) -> None:
    """Record that `key` submits `attempt`; a key already used for another attempt conflicts."""
    try:
        with transaction.atomic():
            record, _ = IdempotencyKey.objects.get_or_create(
                user=user, key=key, defaults={"attempt": attempt}
            )
    except IntegrityError:
        record = IdempotencyKey.objects.get(user=user, key=key)
    if record.attempt_id != attempt.pk:
        raise ValidationError(IDEMPOTENCY_KEY_REUSED, code="idempotency_key_reused")
