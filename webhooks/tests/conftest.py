"""A webhook receiver: a real HTTP server on loopback that records what it gets."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Receiver:
    def __init__(self):
        self.calls = []
        self.answers = []  # statuses to answer with, in order; then 204
        self.location = ""  # sent with a 3xx answer

    def handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.calls.append({"headers": dict(self.headers), "body": body})
                status = receiver.answers.pop(0) if receiver.answers else 204
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", receiver.location)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler


def serve(receiver: Receiver, wrap=None):
    server = ThreadingHTTPServer(("127.0.0.1", 0), receiver.handler())
    if wrap:
        server.socket = wrap(server.socket)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    receiver.port = server.server_port
    receiver.url = f"http://127.0.0.1:{server.server_port}/hooks"
    return server


@pytest.fixture
def receiver():
    receiver = Receiver()
    server = serve(receiver)
    yield receiver
    server.shutdown()
    server.server_close()


@pytest.fixture
def other_receiver():
    receiver = Receiver()
    server = serve(receiver)
    yield receiver
    server.shutdown()
    server.server_close()
