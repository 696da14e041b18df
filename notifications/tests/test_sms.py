"""SMS through an HTTP gateway: a small gateway on loopback stands in for the real one."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine

from notifications import tasks
from notifications.models import ClientDefault, Delivery, Preference
from notifications.services import notify
from notifications.tests.helpers import tell


class Gateway:
    def __init__(self):
        self.requests = []
        self.answers = []  # status codes to give, in order; 200 when empty

    def handler(self):
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                gateway.requests.append(
                    {"headers": dict(self.headers), "body": json.loads(self.rfile.read(length))}
                )
                status = gateway.answers.pop(0) if gateway.answers else 200
                body = b'{"id": "m-1"}' if status == 200 else b"number is not mobile"
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def gateway(settings):
    gateway = Gateway()
    server = ThreadingHTTPServer(("127.0.0.1", 0), gateway.handler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.SMS_GATEWAY_USERNAME = "clientdesk"
    settings.SMS_GATEWAY_PASSWORD = "s3cret"
    settings.SMS_SENDER = "Puhastus"
    yield gateway
    server.shutdown()
    server.server_close()


@pytest.fixture
def wants_sms(cast):
    user = cast.admin_a.user
    user.phone = "+372 5111 2222"
    user.language = "ru"
    user.save()
    Preference.objects.create(
        user=user, event="site.team_changed", in_app=True, email="off", sms=True
    )
    return user


def test_an_sms_goes_to_the_gateway_short_and_in_the_recipients_language(
    cast, gateway, wants_sms, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = tell(wants_sms, cast.site_a1)
    [request] = gateway.requests
    body = request["body"]
    assert body["to"] == "+37251112222"
    assert body["from"] == "Puhastus"
    assert body["reference"] == Delivery.objects.get().key
    assert body["text"].startswith("Mammu: ваш директор по обслуживанию теперь Kadri Tamm.")
    assert body["text"].endswith(f"/notifications/{notification.pk}/")
    assert len(body["text"]) <= 160
    assert request["headers"]["Authorization"] == "Basic Y2xpZW50ZGVzazpzM2NyZXQ="
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_a_gateway_error_is_retried_and_a_rejected_number_fails_at_once(
    cast, gateway, wants_sms, django_capture_on_commit_callbacks
):
    gateway.answers = [503]
    with django_capture_on_commit_callbacks(execute=True):
        tell(wants_sms, cast.site_a1)
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING
    assert "503" in delivery.last_error
    with time_machine.travel(delivery.next_attempt_at + timedelta(seconds=1)):
        tasks.deliver_due_job()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert len(gateway.requests) == 2

    gateway.answers = [400]
    with django_capture_on_commit_callbacks(execute=True):
        tell(wants_sms, cast.site_a2)
    rejected = Delivery.objects.exclude(pk=delivery.pk).get()
    assert rejected.status == Delivery.Status.FAILED
    assert "400" in rejected.last_error and "number is not mobile" in rejected.last_error


def test_an_unreachable_gateway_is_retried(
    cast, settings, wants_sms, django_capture_on_commit_callbacks
):
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/send"
    with django_capture_on_commit_callbacks(execute=True):
        tell(wants_sms, cast.site_a1)
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.PENDING
    assert "unreachable" in delivery.last_error


def test_without_a_gateway_the_embedded_mode_writes_sms_to_files(
    cast, settings, tmp_path, wants_sms, django_capture_on_commit_callbacks
):
    settings.SMS_GATEWAY_URL = ""
    settings.SMS_FILE_PATH = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        tell(wants_sms, cast.site_a1)
    [written] = tmp_path.iterdir()
    text = written.read_text(encoding="utf-8")
    assert "To: +37251112222" in text
    assert "ваш директор по обслуживанию" in text
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_sms_for_someone_whose_number_was_removed_fails_where_administrators_see_it(
    cast, gateway, wants_sms, django_capture_on_commit_callbacks
):
    wants_sms.phone = ""
    wants_sms.save()
    with django_capture_on_commit_callbacks(execute=True):
        tell(wants_sms, cast.site_a1)
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.Status.FAILED
    assert "No usable mobile number" in delivery.last_error
    assert gateway.requests == []
    assert cast.staff.admin.notifications.filter(event="delivery.failed").exists()


def test_a_client_default_of_sms_reaches_only_people_with_a_number(
    cast, gateway, django_capture_on_commit_callbacks
):
    ClientDefault.objects.create(client=cast.client_a, event="site.team_changed", sms=True)
    cast.admin_a.user.phone = "+372 5111 2222"
    cast.admin_a.user.save()
    cast.contact_a.user.phone = ""
    cast.contact_a.user.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            "site.team_changed",
            recipients=[cast.admin_a.user, cast.contact_a.user],
            target=cast.site_a1,
            params={"site": "Mammu", "service_director": "Kadri Tamm"},
        )
    sms = Delivery.objects.filter(channel="sms")
    assert [d.recipient for d in sms] == [cast.admin_a.user]
    assert [r["body"]["to"] for r in gateway.requests] == ["+37251112222"]
