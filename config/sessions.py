"""Sessions in the database, as Django's own engine keeps them, read with SQL compiled once.

Every request of a logged-in user reads its session first; Django's engine builds and
compiles the same query each time (about 1 ms of CPU, more than PostgreSQL takes to run it).
This engine reads it through a `config.compiled.CompiledRead`: same table, same rows, same
expiry rule, so sessions made by Django's engine stay valid and a logout or a password
change ends a session as before. `SESSION_ENGINE = "config.sessions"` (config/settings).
"""

import logging

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from config.compiled import CompiledRead

_SESSION = CompiledRead(
    lambda *, session_key, now: Session.objects.filter(session_key=session_key, expire_date__gt=now)
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        if self.model is not Session:
            return super()._get_session_from_db()
        try:
            return _SESSION.one(session_key=self.session_key, now=timezone.now())
        except (self.model.DoesNotExist, SuspiciousOperation) as error:
            if isinstance(error, SuspiciousOperation):
                logger = logging.getLogger(f"django.security.{error.__class__.__name__}")
                logger.warning(str(error))
            self._session_key = None
