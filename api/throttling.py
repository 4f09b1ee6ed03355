"""Per-user throttling whose rate is read at request time (so settings overrides apply)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class UserThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        return settings.QUIZGEN_API_USER_RATE


class AnonThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return settings.QUIZGEN_API_ANON_RATE
