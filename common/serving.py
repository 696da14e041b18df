"""The command that starts the web server, shared by `manage.py serve` and its test."""

import sys

from django.conf import settings

GUNICORN_CONFIG = settings.BASE_DIR / "gunicorn.conf.py"


def gunicorn_command(*, port: int, workers: int | None = None) -> list[str]:
    """gunicorn on loopback with the project's gunicorn.conf.py (threaded workers)."""
    command = [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONFIG)]
    command += ["--bind", f"127.0.0.1:{port}"]
    if workers is not None:
        command += ["--workers", str(workers)]
    return command
