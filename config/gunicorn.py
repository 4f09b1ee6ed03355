"""Gunicorn settings for `make serve`; every value can be set from the environment.

WEB_WORKERS processes (default: two per CPU core, at least 2) each answer one request at a
time; a worker is replaced after about MAX_REQUESTS requests so memory cannot creep up.

The application is imported once, in the master process, and every worker is a fork of it
(`preload_app`): importing it costs about 3 s of CPU (Django, the apps, spaCy for the
models' types), which each worker, and each replacement of one under load, would otherwise
spend again. Importing `config.wsgi` opens no database connection and starts no thread
(tests/test_serve.py checks it), so nothing is shared across the fork. A new release needs
a restart of gunicorn: a HUP reloads the configuration, not the code.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_WORKERS", str(max(2, 2 * multiprocessing.cpu_count()))))
worker_class = "sync"
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
max_requests = int(os.environ.get("MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
preload_app = True
# The client's address from the reverse proxy, when there is one on these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs on standard error, one line per request: when, who, what, status, bytes, milliseconds.
accesslog = "-" if os.environ.get("ACCESS_LOG", "true").lower() in {"1", "true", "yes"} else None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
access_log_format = '%(t)s %(h)s "%(r)s" %(s)s %(B)s %(M)sms'
# Gunicorn's control socket sits at one path per user, which two servers on one machine would
# share; nothing here uses it.
control_socket_disable = True


def when_ready(server):
    """Once, in the master, before the first worker is forked (the application is loaded).

    What each worker would otherwise do on its first requests is done here, once: the URL
    configuration is imported (every view module, about 0.5 s of CPU) and the site's
    templates are compiled (the cached loader keeps them, about 0.2 s). Then the objects of
    the loaded application are moved out of the garbage collector's sight (gc.freeze): a
    full collection scans only what requests made, instead of about 150,000 objects (about
    130 ms of CPU inside some unlucky request), and the workers keep sharing those pages of
    memory with the master.
    """
    from django.conf import settings
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().resolve("/")
    folder = settings.BASE_DIR / "templates"
    for path in sorted(folder.rglob("*.html")):
        get_template(path.relative_to(folder).as_posix())
    gc.collect()
    gc.freeze()
