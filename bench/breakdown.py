"""Where a request's CPU goes, by kind of work: `bench/profile_pages.py --breakdown`.

cProfile says which functions cost the most, but its cumulative times overlap (a template
that runs a query counts it twice) and the profiler itself about doubles the CPU. This
wraps a few dozen of Django's and the project's functions, each with a label, and charges
every stretch of CPU time (`time.process_time`) to the innermost labelled function running:
each label gets its own time only, the labels of one request add up to the request's CPU,
and what no label covers falls to the label around it (the view, a middleware, or "test
client and the rest" outside the handler). The wrappers cost about a microsecond each,
charged to their callers: read the shares, not the sum, against the plain run's figures.

Only for measuring: nothing here is imported by the application.
"""

from __future__ import annotations

import functools
import inspect
import sys
import time
from collections import defaultdict

OUTSIDE = "test client and the rest"


class Breakdown:
    def __init__(self) -> None:
        # page -> label -> CPU ms; page -> number of requests
        self.spent: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self.requests: dict[str, int] = defaultdict(int)
        # page -> label -> CPU ms from the outermost call's start to its end, callees included
        self.inclusive: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        self._running: dict[str, int] = defaultdict(int)
        self.page: str | None = None
        # One entry per labelled call running: [label, started at, CPU of its callees].
        self._stack: list[list] = []

    # -- the clock ------------------------------------------------------------------------

    def _enter(self, label: str) -> None:
        self._running[label] += 1
        self._stack.append([label, time.process_time(), 0.0])

    def _leave(self) -> None:
        label, started, inner = self._stack.pop()
        elapsed = time.process_time() - started
        self._running[label] -= 1
        if self.page is not None:
            self.spent[self.page][label] += (elapsed - inner) * 1000
            if not self._running[label]:
                self.inclusive[self.page][label] += elapsed * 1000
        if self._stack:
            self._stack[-1][2] += elapsed

    def request(self, page: str):
        """Context manager around one request of the flow."""
        breakdown = self

        class _Request:
            def __enter__(self):
                breakdown.page = page
                breakdown.requests[page] += 1
                breakdown._enter(OUTSIDE)

            def __exit__(self, *exc):
                breakdown._leave()
                breakdown.page = None

        return _Request()

    # -- wrapping -------------------------------------------------------------------------

    def wrap(self, function, label: str):
        if getattr(function, "_breakdown_label", None):
            return function
        breakdown = self
        if inspect.isgeneratorfunction(function):

            @functools.wraps(function)
            def wrapper(*args, **kwargs):
                iterator = function(*args, **kwargs)
                while True:
                    breakdown._enter(label)
                    try:
                        value = next(iterator)
                    except StopIteration:
                        return
                    finally:
                        breakdown._leave()
                    yield value

        else:

            @functools.wraps(function)
            def wrapper(*args, **kwargs):
                breakdown._enter(label)
                try:
                    return function(*args, **kwargs)
                finally:
                    breakdown._leave()

        wrapper._breakdown_label = label
        return wrapper

    def method(self, owner, name: str, label: str) -> None:
        original = owner.__dict__.get(name)
        if original is None:
            return
        if isinstance(original, classmethod):
            setattr(owner, name, classmethod(self.wrap(original.__func__, label)))
        elif isinstance(original, staticmethod):
            setattr(owner, name, staticmethod(self.wrap(original.__func__, label)))
        else:
            setattr(owner, name, self.wrap(original, label))

    def function(self, function, label: str) -> None:
        """Wrap a module-level function wherever a loaded module holds it (`from x import f`)."""
        wrapped = self.wrap(function, label)
        for module in list(sys.modules.values()):
            namespace = getattr(module, "__dict__", None)
            if not namespace:
                continue
            for attribute, value in list(namespace.items()):
                if value is function:
                    setattr(module, attribute, wrapped)

    # -- what is labelled -----------------------------------------------------------------

    def install(self) -> None:
        """Label Django's and the project's functions (after django.setup(), before the first
        request: the middleware chain is wrapped when the handler builds it)."""
        import django.contrib.auth
        import django.contrib.messages.storage.base as messages_base
        import django.contrib.messages.storage.cookie as messages_cookie
        import django.contrib.messages.storage.fallback as messages_fallback
        import django.contrib.messages.storage.session as messages_session
        import django.core.handlers.base as handlers_base
        import django.core.signing
        import django.db.backends.utils as db_utils
        import django.db.models.query as query
        import django.db.models.sql.compiler as compiler
        import django.db.models.sql.query as sql_query
        import django.db.transaction as transaction
        import django.dispatch.dispatcher as dispatcher
        import django.http.response as http_response
        import django.middleware.csrf as csrf
        import django.template.backends.django as template_backend
        import django.template.loader as template_loader
        import django.urls
        import django.urls.resolvers as resolvers
        from django.contrib.sessions.backends import db as session_db
        from django.db.models import base as model_base
        from django.urls import get_resolver

        import learning.forms

        # Every view module imported first, so that `from x import f` copies are wrapped too.
        get_resolver().resolve("/")

        for owner in (
            compiler.SQLCompiler,
            compiler.SQLInsertCompiler,
            compiler.SQLUpdateCompiler,
            compiler.SQLDeleteCompiler,
            compiler.SQLAggregateCompiler,
        ):
            self.method(owner, "as_sql", "ORM: compile SQL")
        self.method(compiler.SQLCompiler, "pre_sql_setup", "ORM: compile SQL")
        self.method(compiler.SQLCompiler, "execute_sql", "ORM: run a query (Django's side)")
        self.method(compiler.SQLInsertCompiler, "execute_sql", "ORM: run a query (Django's side)")
        self.method(compiler.SQLUpdateCompiler, "execute_sql", "ORM: run a query (Django's side)")
        self.method(compiler.SQLCompiler, "results_iter", "ORM: rows to objects")
        self.method(compiler.SQLCompiler, "apply_converters", "ORM: rows to objects")
        self.method(query.ModelIterable, "__iter__", "ORM: rows to objects")
        self.method(query.ValuesListIterable, "__iter__", "ORM: rows to objects")
        self.method(query.ValuesIterable, "__iter__", "ORM: rows to objects")
        self.method(query.FlatValuesListIterable, "__iter__", "ORM: rows to objects")
        self.method(model_base.Model, "from_db", "ORM: rows to objects")
        self.method(model_base.Model, "__init__", "ORM: rows to objects")
        self.method(query.RelatedPopulator, "populate", "ORM: rows to objects")
        for name in (
            "filter",
            "exclude",
            "annotate",
            "alias",
            "select_related",
            "prefetch_related",
            "order_by",
            "values",
            "values_list",
            "only",
            "defer",
            "distinct",
            "select_for_update",
            "_chain",
            "__getitem__",
        ):
            self.method(query.QuerySet, name, "ORM: build querysets")
        for name in ("add_q", "add_annotation", "add_ordering", "add_select_related", "chain"):
            self.method(sql_query.Query, name, "ORM: build querysets")
        self.method(query.QuerySet, "get", "ORM: get(), count(), exists()")
        self.method(query.QuerySet, "count", "ORM: get(), count(), exists()")
        self.method(query.QuerySet, "exists", "ORM: get(), count(), exists()")
        self.method(model_base.Model, "save", "ORM: save() and create()")
        self.method(query.QuerySet, "create", "ORM: save() and create()")
        self.method(query.QuerySet, "bulk_create", "ORM: save() and create()")
        self.method(query.QuerySet, "update", "ORM: save() and create()")

        self.method(db_utils.CursorWrapper, "execute", "database driver (psycopg)")
        self.method(db_utils.CursorWrapper, "executemany", "database driver (psycopg)")
        self.method(db_utils.CursorWrapper, "fetchall", "database driver (psycopg)")
        self.method(db_utils.CursorWrapper, "fetchone", "database driver (psycopg)")
        self.method(db_utils.CursorWrapper, "fetchmany", "database driver (psycopg)")
        # What the script's query count costs (Django's debug cursor), not in a server.
        self.method(db_utils.CursorDebugWrapper, "execute", "query logging (this script only)")
        self.method(db_utils.CursorDebugWrapper, "executemany", "query logging (this script only)")
        self.method(transaction.Atomic, "__enter__", "transactions (atomic)")
        self.method(transaction.Atomic, "__exit__", "transactions (atomic)")

        self.method(session_db.SessionStore, "load", "session: read")
        self.method(session_db.SessionStore, "save", "session: write")
        self.method(session_db.SessionStore, "decode", "session: read")
        self.function(django.contrib.auth.get_user, "user: read and check")

        self.method(template_backend.Template, "render", "templates: render")
        self.function(template_loader.get_template, "templates: find (cached loader)")
        self.function(django.urls.reverse, "URL reverse")
        self.method(resolvers.URLResolver, "resolve", "URL resolve")
        self.function(csrf.get_token, "CSRF token")
        self.method(http_response.JsonResponse, "__init__", "JSON answer")
        self.function(django.core.signing.dumps, "signing (messages, cookies)")
        self.function(django.core.signing.loads, "signing (messages, cookies)")
        for owner in (
            messages_base.BaseStorage,
            messages_cookie.CookieStorage,
            messages_session.SessionStorage,
            messages_fallback.FallbackStorage,
        ):
            for name in ("_get", "_store", "update", "add", "__len__", "__iter__"):
                self.method(owner, name, "messages")
        self.method(dispatcher.Signal, "send", "signals")
        for name in ("build_widget", "answers_from_post", "question_fields", "posted_question_ids"):
            function = getattr(learning.forms, name, None)
            if function is not None:
                self.function(function, "forms and widgets")

        breakdown = self
        original_load = handlers_base.BaseHandler.load_middleware
        original_convert = handlers_base.convert_exception_to_response

        def labelled_convert(get_response):
            owner = getattr(get_response, "__self__", None)
            if isinstance(owner, handlers_base.BaseHandler):
                label = "view (URL resolving, decorators, view code)"
            else:
                label = f"middleware: {type(get_response).__name__}"
            return breakdown.wrap(original_convert(get_response), label)

        def load_middleware(handler, is_async=False):
            handlers_base.convert_exception_to_response = labelled_convert
            try:
                original_load(handler, is_async)
            finally:
                handlers_base.convert_exception_to_response = original_convert
            handler._view_middleware = [
                breakdown.wrap(method, f"middleware: {type(method.__self__).__name__}")
                for method in handler._view_middleware
            ]

        handlers_base.BaseHandler.load_middleware = load_middleware

    # -- the report -----------------------------------------------------------------------

    def report(self, pages: list[str], weights: dict[str, int], inclusive: bool = False) -> str:
        """A table: one row per label, ms of CPU per request for each page and for the mean
        request of the flow (pages weighted by their requests). Each function's own time,
        or (`inclusive`) the time of its outermost calls with everything they called."""
        table = self.inclusive if inclusive else self.spent
        labels = defaultdict(float)
        total_requests = sum(weights.get(page, 0) for page in pages)
        for page in pages:
            count = self.requests.get(page) or 1
            for label, spent in table[page].items():
                labels[label] += spent / count * weights.get(page, 0) / max(total_requests, 1)
        ordered = sorted(labels, key=lambda label: -labels[label])
        short = [page[:9] for page in pages]
        header = "".join(f"{name:>10}" for name in short)
        lines = [f"{'ms CPU per request':<48}{header}{'flow':>8}"]
        for label in ordered:
            cells = []
            for page in pages:
                count = self.requests.get(page) or 1
                cells.append(f"{table[page].get(label, 0.0) / count:>10.2f}")
            lines.append(f"{label[:48]:<48}" + "".join(cells) + f"{labels[label]:>8.2f}")
        if not inclusive:
            totals = []
            for page in pages:
                count = self.requests.get(page) or 1
                totals.append(f"{sum(table[page].values()) / count:>10.2f}")
            lines.append(f"{'all':<48}" + "".join(totals) + f"{sum(labels.values()):>8.2f}")
        return "\n".join(lines)
