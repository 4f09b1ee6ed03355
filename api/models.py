"""What the API keeps of its own: integration accounts and idempotency keys."""

from django.conf import settings
from django.db import models


class IntegrationAccount(models.Model):
    """A learning management system's user: reads the results of its teachers' quizzes."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="integration_account"
    )
    name = models.CharField(max_length=200, help_text="The system, e.g. “School Moodle”.")
    teachers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="integration_accounts",
        blank=True,
        help_text="The teachers whose quizzes' results this integration may read.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ExternalIdentity(models.Model):
    """A student's id in an integration's own system, returned with results for its gradebook."""

    account = models.ForeignKey(
        IntegrationAccount, on_delete=models.CASCADE, related_name="identities"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    external_id = models.CharField(max_length=200)

    class Meta:
        ordering = ["account", "external_id"]
        verbose_name_plural = "external identities"
        constraints = [
            models.UniqueConstraint(fields=["account", "user"], name="external_identity_once"),
            models.UniqueConstraint(
                fields=["account", "external_id"], name="external_identity_unique_id"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account}: {self.external_id}"


class IdempotencyKey(models.Model):
    """An `Idempotency-Key` a client sent with a submission, and the attempt it submitted."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idempotency_keys"
    )
    key = models.CharField(max_length=200)
    attempt = models.ForeignKey("learning.Attempt", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_once"),
        ]

    def __str__(self) -> str:
        return self.key
