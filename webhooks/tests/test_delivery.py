"""The receiver's address is checked when the call connects, not only when subscribing.

A name may answer with a public address when a subscription is made and
with 127.0.0.1 later (DNS rebinding). "localhost" really resolves to
loopback here, so it stands for such a name.
"""

import datetime
import ssl

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.urls import reverse

from notifications.tests.helpers import change_site_team
from webhooks import delivery, services
from webhooks.models import Call, Subscription
from webhooks.tests.conftest import Receiver, serve


def subscribe_allowed(cast, url, settings):
    """A subscription made while the address was acceptable (or looked so)."""
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    return services.subscribe(cast.staff.admin, url=url, events=["site.team_changed"])


@pytest.mark.parametrize(
    "host",
    ["localhost", "127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "127.1", "0.0.0.0"],
)
def test_a_call_to_a_name_or_address_on_loopback_is_refused_at_call_time(
    client, cast, settings, receiver, host, django_capture_on_commit_callbacks
):
    subscribe_allowed(cast, f"http://{host}:{receiver.port}/hooks", settings)
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    with django_capture_on_commit_callbacks(execute=True):
        change_site_team(client, cast)

    assert receiver.calls == []
    call = Call.objects.get()
    assert call.status == Call.Status.PENDING  # retried, in case the name is fixed
    assert call.last_error.startswith("Refused: ")
    assert "WEBHOOKS_ALLOW_PRIVATE" in call.last_error
    [attempt] = call.attempt_log.all()
    assert attempt.status_code is None and attempt.error == call.last_error


def test_the_refusal_names_the_address_the_name_resolved_to(
    client, cast, settings, receiver, django_capture_on_commit_callbacks
):
    subscribe_allowed(cast, f"http://localhost:{receiver.port}/hooks", settings)
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    with django_capture_on_commit_callbacks(execute=True):
        change_site_team(client, cast)
    error = Call.objects.get().last_error
    assert "localhost resolves to" in error and "a loopback address" in error
    assert "127.0.0.1" in error or "::1" in error


def test_with_private_addresses_allowed_a_receiver_named_localhost_gets_its_call(
    client, cast, settings, receiver, django_capture_on_commit_callbacks
):
    # localhost may resolve to ::1 first, where nothing listens: the next
    # checked address is tried.
    subscribe_allowed(cast, f"http://localhost:{receiver.port}/hooks?from=clientdesk", settings)
    with django_capture_on_commit_callbacks(execute=True):
        change_site_team(client, cast)
    [received] = receiver.calls
    assert received["headers"]["Host"] == f"localhost:{receiver.port}"
    assert Call.objects.get().status == Call.Status.SENT


def test_a_redirect_is_not_followed(
    client, cast, settings, receiver, other_receiver, django_capture_on_commit_callbacks
):
    subscribe_allowed(cast, receiver.url, settings)
    receiver.answers = [302]
    receiver.location = other_receiver.url
    with django_capture_on_commit_callbacks(execute=True):
        change_site_team(client, cast)
    assert len(receiver.calls) == 1
    assert other_receiver.calls == []
    call = Call.objects.get()
    assert call.status == Call.Status.PENDING
    assert call.last_error.startswith("HTTP 302 (redirects are not followed")


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/hooks",
        "http://10.0.0.5/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://[fe80::1]/hooks",
        "http://[::ffff:192.168.1.1]/hooks",
        "http://app.localhost/hooks",
    ],
)
def test_an_obviously_private_address_is_explained_when_subscribing(client, cast, settings, url):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    client.force_login(cast.staff.admin)
    response = client.post(reverse("webhooks:list"), {"url": url, "events": ["site.team_changed"]})
    assert response.status_code == 200
    assert "calls into private networks are not allowed" in response.text
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("8.8.8.8", False),
        ("2a00:1450:4001:80b::200e", False),
        ("127.0.0.1", True),
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("192.168.0.1", True),
        ("100.64.0.1", True),  # carrier-grade NAT
        ("169.254.169.254", True),  # cloud metadata
        ("224.0.0.1", True),
        ("239.255.255.250", True),
        ("240.0.0.1", True),
        ("0.0.0.0", True),
        ("255.255.255.255", True),
        ("::1", True),
        ("::", True),
        ("fe80::1", True),
        ("fc00::1", True),
        ("fec0::1", True),
        ("ff02::1", True),
        ("::ffff:127.0.0.1", True),
        ("::ffff:10.0.0.1", True),
        ("2002:7f00:1::", True),  # 6to4 around 127.0.0.1
        ("2002:a00:1::", True),  # 6to4 around 10.0.0.1
        ("64:ff9b::7f00:1", True),  # NAT64 around 127.0.0.1
        ("64:ff9b::808:808", False),  # NAT64 around 8.8.8.8
    ],
)
def test_which_addresses_are_refused(address, refused):
    assert (delivery.why_not_public(address) is not None) is refused


def _certificate_for(name: str, tmp_path):
    """A self-signed certificate for ``name`` (not for 127.0.0.1), and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_receiver(tmp_path):
    cert_path, key_path = _certificate_for("localhost", tmp_path)
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert_path, key_path)
    names = []
    server_tls.sni_callback = lambda sock, name, context: names.append(name)
    receiver = Receiver()
    server = serve(receiver, wrap=lambda sock: server_tls.wrap_socket(sock, server_side=True))
    receiver.server_names = names
    receiver.trust = ssl.create_default_context(cafile=str(cert_path))
    yield receiver
    server.shutdown()
    server.server_close()


def test_https_connects_to_the_checked_address_and_checks_the_certificate_against_the_name(
    settings, tls_receiver
):
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    answer = delivery.post(
        f"https://localhost:{tls_receiver.port}/hooks",
        b"{}",
        {"Content-Type": "application/json"},
        timeout=5,
        tls=tls_receiver.trust,
    )
    assert answer.status == 204
    assert tls_receiver.server_names == ["localhost"]  # SNI carries the name
    assert tls_receiver.calls[0]["headers"]["Host"] == f"localhost:{tls_receiver.port}"
    # The certificate is for the name only: reaching the address by itself fails the check.
    with pytest.raises(ssl.SSLCertVerificationError):
        delivery.post(
            f"https://127.0.0.1:{tls_receiver.port}/hooks",
            b"{}",
            {},
            timeout=5,
            tls=tls_receiver.trust,
        )


def test_https_to_a_private_address_is_refused_before_connecting(settings, tls_receiver):
    settings.WEBHOOKS_ALLOW_PRIVATE = False
    with pytest.raises(delivery.Refused):
        delivery.post(
            f"https://localhost:{tls_receiver.port}/hooks",
            b"{}",
            {},
            timeout=5,
            tls=tls_receiver.trust,
        )
    assert tls_receiver.calls == [] and tls_receiver.server_names == []


def test_a_receiver_that_drips_its_answer_is_cut_off_at_the_calls_deadline(settings):
    """Each read has a timeout; a byte every now and then must not hold a job worker for days."""
    import socket
    import threading
    import time

    settings.WEBHOOKS_ALLOW_PRIVATE = True
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def drip():
        conn, _ = server.accept()
        conn.recv(65536)
        conn.sendall(b"HTTP/1.1 200 OK\r\n")
        while not stop.is_set():
            try:
                conn.sendall(b"X")  # a header line that never ends
            except OSError:
                break
            time.sleep(0.2)
        conn.close()

    threading.Thread(target=drip, daemon=True).start()
    port = server.getsockname()[1]
    started = time.monotonic()
    try:
        with pytest.raises(OSError, match="No complete answer within 2 s"):
            delivery.post(f"http://127.0.0.1:{port}/hook", b"{}", {}, timeout=1.0)
    finally:
        stop.set()
        server.close()
    assert time.monotonic() - started < 6
