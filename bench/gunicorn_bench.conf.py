"""gunicorn settings of every benchmarked server, ours and the peer's alike.

bench/server.py passes this file with ``--config``, so neither project's own
gunicorn.conf.py is read: both sides run exactly these settings. They are
Clientdesk's production settings (gunicorn.conf.py) except the thread count,
which bench/server.py sets on the command line (see SERVER_SETTINGS there).
Plain Python without imports: the peer's interpreter reads it too.
"""

worker_class = "gthread"
timeout = 60
graceful_timeout = 5
keepalive = 5
# Nothing reads gunicorn's per-user control socket; two servers would fight over it.
control_socket_disable = True
accesslog = None
loglevel = "warning"


def post_worker_init(worker):
    # As gunicorn.conf.py: what the worker loaded at start is kept out of the
    # garbage collector's full collections, and two malloc arenas per worker
    # rather than one per thread (both sides, ours and the peer's).
    import contextlib
    import ctypes
    import gc

    gc.collect()
    gc.freeze()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX
