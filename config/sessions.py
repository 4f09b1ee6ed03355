"""Sessions in the database, as Django's own engine keeps them, read with SQL compiled once.

Every request of a logged-in user reads its session first; Django's engine builds and
compiles the same query each time (about 1 ms of CPU, more than PostgreSQL takes to run it).
This engine reads it through a `config.compiled.CompiledRead`: same table, same rows, same
expiry rule, so sessions made by Django's engine stay valid and a logout or a password
change ends a session as before. `SESSION_ENGINE = "config.sessions"` (config/settings).

A session that names Django's ModelBackend (made before `config.auth.ModelBackend`, its
subclass, took its place) is read as naming that subclass: it stays logged in. Only the
copy read for this request is changed; the row is rewritten only when the session is
saved for another reason.
"""

import logging

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from config.auth import DJANGO_MODEL_BACKEND, MODEL_BACKEND
from config.compiled import CompiledRead

_SESSION = CompiledRead(
    lambda *, session_key, now: Session.objects.filter(session_key=session_key, expire_date__gt=now)
)


class SessionStore(db.SessionStore):
    def load(self):
        session = super().load()
        if session.get(BACKEND_SESSION_KEY) == DJANGO_MODEL_BACKEND:
            session[BACKEND_SESSION_KEY] = MODEL_BACKEND
        return session

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
