"""The production server: `gunicorn -c gunicorn.conf.py archive.wsgi`.

Every setting can be changed from the environment (the names below): the
container (Dockerfile) and the README's serving command run this file.

Choices:
- gthread workers. A sync worker is a single thread: while it streams a
  response it cannot tell the arbiter it is alive, and after `timeout`
  seconds the arbiter kills it. Measured at 100,000 articles with the
  defaults (sync, 30 s): a CSV export of a broad query was cut off at
  525 MB with no sign the researcher could see (issue 24). A gthread
  worker's main thread keeps reporting while its threads stream, so
  `timeout` still catches a hung worker without cutting a long export; the
  test tests/ops/test_gunicorn.py streams past the timeout to hold this.
- Few processes, several threads each: every process keeps its own
  columnar copy of the facet columns (archive.search.engine, tens of MB at
  100,000 articles) and threads share it; a search's Python work holds
  the GIL for a few milliseconds, so threads still overlap on database
  waits and streaming.
- Each worker reads its copies (archive.search.engine.warm), and the
  statements list's counts (archive.search.statements.warm), once its
  application is loaded and before it accepts a request: at 100,000
  articles a cold worker's first search took 1.5 s. A database that cannot
  be reached then is logged, not fatal: the copies load on first use.
- No max_requests: a recycled worker reloads its copy (1.5 s at 100,000
  articles) on its next request.
- Access log on stdout with the time taken, for the container's log.
"""

import os

bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", (os.cpu_count() or 1) + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# Seconds a worker may stay silent before the arbiter restarts it; with
# gthread this bounds a hung worker, not a long response.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On SIGTERM (a deploy, `docker compose down`), requests in flight get this
# long to finish before their worker is stopped.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Time, client, method, path, protocol, status, bytes, milliseconds. The
# path without its query string: what researchers search for stays out of
# the log, as in the app's own request lines (archive/ops/logs.py).
access_log_format = '%(t)s %(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
# Proxies' headers are the app's to believe or not (TRUSTED_PROXIES in
# archive/settings.py); gunicorn keeps its default.


def post_worker_init(worker) -> None:
    """Warm the worker's copies before it takes traffic (see above)."""
    try:
        from archive.search import engine, statements

        engine.warm()
        statements.warm()
    except Exception:  # the database down at boot: the worker serves, and loads on first use
        worker.log.exception("Could not warm the search copies; they load on first use")
