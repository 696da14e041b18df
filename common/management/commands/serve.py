"""Start the web server and the job consumer together; Ctrl-C stops both cleanly."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

from common import capabilities
from common.serving import gunicorn_command


class Command(BaseCommand):
    help = "Run gunicorn and the Huey consumer; stop both when either stops or on Ctrl-C."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2"))
        )

    def handle(self, *args, port, workers, **options):
        python = sys.executable
        # Links in e-mails must point at the port this server really listens on.
        env = {"SITE_URL": f"http://127.0.0.1:{port}", **os.environ}
        web = subprocess.Popen(
            [
                *gunicorn_command(port=port, workers=workers),
                "--access-logfile",
                "-",
            ],
            env=env,
        )
        jobs = subprocess.Popen([python, "manage.py", "run_huey", "--workers", "2"], env=env)
        children = [web, jobs]
        self._greet(port)

        stopping = False

        def stop(signum=None, frame=None):
            nonlocal stopping
            if stopping:
                return
            stopping = True
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
        stop()
        deadline = time.monotonic() + 15
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
        self.stdout.write("Clientdesk stopped.")

    def _mail_destination(self):
        options = settings.MAILERS["default"].get("OPTIONS", {})
        return options.get("file_path") or f"SMTP {options.get('host')}:{options.get('port')}"

    def _greet(self, port):
        url = f"http://127.0.0.1:{port}"
        lines = [
            "",
            f"Clientdesk is running at {url}  (Ctrl-C stops it)",
            f"Every demo login has the password: {capabilities.DEMO_PASSWORD}",
            *(
                line
                for demo in capabilities.demo_data()
                if demo.logins
                for line in import_string(demo.logins)()
            ),
            f"  E-mails go to {self._mail_destination()}",
            f"  SMS go to {settings.SMS_GATEWAY_URL or settings.SMS_FILE_PATH or 'nowhere (off)'}",
            f"  Every message is listed in the outbox: {url}/notifications/outbox/",
            "",
        ]
        self.stdout.write("\n".join(lines))
