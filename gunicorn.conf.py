"""How gunicorn serves Clientdesk: one file for `make run` (manage.py serve), the
serving test, scripts/api-fuzz and production (gunicorn reads ./gunicorn.conf.py
by itself when started in this directory; `-c gunicorn.conf.py` says it plainly).

Threaded workers, not sync ones: a sync worker serves one connection at a time,
so two idle connections (a browser's preconnects) held both workers of
`make run` for the 30-second timeout and every other visitor waited. A threaded
worker parks idle connections in its poller and answers others meanwhile; the
measurement is in the README (Production).
"""

from clientdesk.env import env_int

wsgi_app = "clientdesk.wsgi"
worker_class = "gthread"
workers = env_int("WEB_CONCURRENCY", 2)
# A connection that sends half a request holds one thread until it finishes,
# and a fresh connection holds one for up to 5 s while gunicorn waits for its
# first bytes: 16 per worker kept 20 idle and 2 half-sent connections from
# delaying anyone (8 did not). A reverse proxy in production absorbs them first.
threads = env_int("WEB_THREADS", 16)
# Under gthread this only restarts a worker whose main loop stops answering;
# a long request (a PDF report with photos) runs in its thread and is not cut.
timeout = 60
graceful_timeout = 5
keepalive = 5
# gunicorn's control socket is one path per user (~/.gunicorn/gunicorn.ctl):
# a second server (the tests, the API fuzzing, another checkout) would take it
# over. Nothing of ours uses it.
control_socket_disable = True


def post_worker_init(worker):
    """Keep what the worker loaded at start out of the garbage collector's sight.

    Django's modules, models and settings live as long as the worker; a full
    collection walked all of them (150,000 objects: 100 ms on a 2-core
    machine, every thread of the worker waiting). Frozen, a collection walks
    only what requests made. bench/gunicorn_bench.conf.py does the same.

    And two malloc arenas per worker, not one per thread (set before the
    threads start): glibc gave each of the 16 threads an arena of its own,
    and what a PDF report or a long list left in each stayed resident:
    190-200 MB per worker, 170 with two (bench/README.md).
    """
    import gc

    gc.collect()
    gc.freeze()
    _limit_malloc_arenas()


def _limit_malloc_arenas(arenas: int = 2) -> None:
    import contextlib
    import ctypes

    m_arena_max = -8  # glibc's malloc.h
    # Not glibc: its malloc has no such setting, and nothing is changed.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(m_arena_max, arenas)
