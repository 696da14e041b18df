"""Making one webhook call: resolve once, check the address, connect to exactly it.

Checking a receiver's host name when subscribing (or just before the call)
and then letting the HTTP library resolve it again leaves a gap: a name can
answer with a public address to the check and with 127.0.0.1 to the
connection (DNS rebinding), and reach the provider's own network. So the
name is resolved once here, every address it has is checked, and the socket
connects to a checked address; TLS still checks the certificate against the
name (SNI), and the Host header carries the name. Redirects are never
followed: a 3xx is an answer like any other non-2xx.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

USER_AGENT = "Clientdesk-Webhooks/1"
# NAT64 (RFC 6052) carries an IPv4 address in the last 32 bits.
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class Refused(OSError):
    """The receiver's address is one Clientdesk must not call."""


@dataclass(frozen=True)
class Answer:
    status: int


def why_not_public(address: str) -> str | None:
    """Why Clientdesk may not call ``address`` (an IP address), or None if it may.

    Refused: private, loopback, link-local, multicast, reserved, unspecified
    and shared (carrier-grade NAT) ranges, in IPv4 and IPv6, including IPv4
    addresses wrapped in IPv6 (mapped, 6to4, Teredo, NAT64), which would otherwise
    slip a loopback or private IPv4 address past the check.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in NAT64:
            # What DNS64 makes of an IPv4-only receiver: judged by that IPv4 address.
            return why_not_public(str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
        teredo = ip.teredo
        for embedded in (ip.ipv4_mapped, ip.sixtofour, teredo[1] if teredo else None):
            if embedded is not None:
                reason = why_not_public(str(embedded))
                if reason:
                    return reason
    for kind, test in (
        ("an unspecified", ip.is_unspecified),
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("a multicast", ip.is_multicast),
        ("a private", ip.is_private),
        ("a reserved", ip.is_reserved),
        ("a site-local", isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local),
        ("a non-public", not ip.is_global),
    ):
        if test:
            return f"{kind} address"
    return None


def resolve(host: str, port: int) -> list[str]:
    """The addresses to connect to, each checked unless WEBHOOKS_ALLOW_PRIVATE.

    One non-public address refuses the whole name: a receiver has no reason
    to publish one, and a rebinding attacker would rely on it.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise OSError(f"Cannot resolve {host}: {error}") from error
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not settings.WEBHOOKS_ALLOW_PRIVATE:
        for address in addresses:
            reason = why_not_public(address)
            if reason:
                raise Refused(
                    f"Refused: {host} resolves to {address}, {reason}; calls into private "
                    "networks are off (WEBHOOKS_ALLOW_PRIVATE)."
                )
    return addresses


def _connect(addresses: list[str], port: int, timeout: float) -> socket.socket:
    """A socket to the first checked address that answers (e.g. ::1, then 127.0.0.1)."""
    last_error: OSError = OSError("No address to connect to.")
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as error:
            last_error = error
    raise last_error


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Plain HTTP to the checked addresses, never to a fresh lookup of the name."""

    def __init__(self, host: str, port: int, addresses: list[str], timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.addresses, self.connect_timeout = addresses, timeout

    def connect(self):
        self.sock = _connect(self.addresses, self.port, self.connect_timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """TLS to the checked addresses; the certificate is checked against the name."""

    def __init__(
        self,
        host: str,
        port: int,
        addresses: list[str],
        timeout: float,
        tls: ssl.SSLContext,
    ):
        super().__init__(host, port, timeout=timeout, context=tls)
        self.addresses, self.connect_timeout, self.tls = addresses, timeout, tls

    def connect(self):
        raw = _connect(self.addresses, self.port, self.connect_timeout)
        self.sock = self.tls.wrap_socket(raw, server_hostname=self.host)


def post(
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout: float,
    tls: ssl.SSLContext | None = None,
) -> Answer:
    """POST ``body`` to ``url`` and return the answer's status; raises OSError on failure.

    ``tls`` is the trust store for https (the system's by default).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"Not an http(s) address: {url}")
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    addresses = resolve(parts.hostname, port)
    connection: http.client.HTTPConnection
    if https:
        context = tls or ssl.create_default_context()
        connection = _PinnedHTTPSConnection(parts.hostname, port, addresses, timeout, context)
    else:
        connection = _PinnedHTTPConnection(parts.hostname, port, addresses, timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    # ``timeout`` bounds each read; a receiver that drips a byte now and then
    # would keep a job worker (shared with every client's mail) for days. So
    # the whole call has a deadline too, after which its socket is shut.
    overall = 2 * timeout
    cut = threading.Event()
    timer = threading.Timer(overall, _cut_off, args=(connection, cut))
    timer.daemon = True
    timer.start()
    try:
        connection.request("POST", path, body=body, headers={"User-Agent": USER_AGENT, **headers})
        response = connection.getresponse()
        response.read(64 * 1024)  # a receiver's answer body is not used; don't wait for more
        if cut.is_set():
            raise http.client.IncompleteRead(b"")
        return Answer(status=response.status)
    except (http.client.HTTPException, OSError) as error:
        if cut.is_set():
            raise OSError(f"No complete answer within {overall:g} s.") from error
        if isinstance(error, http.client.HTTPException):
            raise OSError(f"Bad answer: {type(error).__name__}: {error}") from error
        raise
    finally:
        timer.cancel()
        connection.close()


def _cut_off(connection: http.client.HTTPConnection, cut: threading.Event) -> None:
    cut.set()
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)
