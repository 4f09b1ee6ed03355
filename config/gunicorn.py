"""Gunicorn settings for `make serve`; every value can be set from the environment.

WEB_WORKERS processes (default: two per CPU core, at least 2) each answer one request at a
time; a worker is replaced after about MAX_REQUESTS requests so memory cannot creep up.
"""

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
