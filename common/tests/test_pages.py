import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from clients.models import Client, Membership, Site

ROOT = Path(__file__).resolve().parents[2]


def test_not_found_page_uses_the_layout(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find this page" in response.text
    assert "My sites" in response.text  # the navigation is there


def test_forbidden_page_uses_the_layout(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.get(reverse("clients:client_list"))
    assert response.status_code == 403
    assert "This page is not for your account" in response.text


def test_server_error_page_renders_without_context():
    from common.views import error_500

    response = error_500(None)
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content


def test_pages_carry_a_strict_content_security_policy(client, db):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_seed_demo_is_idempotent(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (
        Client.objects.count(),
        Site.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts == (
        Client.objects.count(),
        Site.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
    )
    assert counts[0] >= 3
    assert Site.objects.filter(name__contains="Mammu", client__name__startswith="Measika").exists()


def test_staff_photo_upload_is_shown_to_their_clients(client, cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    director = cast.staff.service_director
    client.force_login(director)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": director.full_name,
            "phone": director.phone,
            "title": "Director",
            "language": "en",
            "loaded_version": director.version,
            "photo": SimpleUploadedFile("me.png", buffer.getvalue(), "image/png"),
        },
    )
    assert response.status_code == 302
    director.refresh_from_db()
    assert director.photo.name.startswith("photos/")
    client.force_login(cast.contact_a.user)
    page = client.get(reverse("portal:home")).text
    # The contact card shows the small version; both are re-encoded JPEGs.
    assert director.photo_thumbnail.url in page
    assert director.photo.url not in page
    image = client.get(director.photo_thumbnail.url)
    assert image.status_code == 200
    assert image["Content-Type"] == "image/jpeg"
    client.post("/accounts/logout/")
    assert client.get(director.photo_thumbnail.url).status_code == 302


def test_a_non_image_upload_is_refused(client, cast):
    client.force_login(cast.staff.service_director)
    response = client.post(
        reverse("accounts:profile"),
        {
            "full_name": "X",
            "language": "en",
            "loaded_version": 1,
            "photo": SimpleUploadedFile("me.png", b"not an image", "image/png"),
        },
    )
    assert response.status_code == 200
    assert "This file is not a photo. Choose a JPEG, PNG or WebP picture." in response.text


# A Fernet key (32 bytes, url-safe base64), as production needs for webhook secrets.
WEBHOOK_KEY = "cHJvZHVjdGlvbi1jaGVjay13ZWJob29rLWtleS0zMiE="


def _manage(*args, **env):
    import os

    full_env = {k: v for k, v in os.environ.items() if k not in ("CLIENTDESK_ENV", "DATABASE_URL")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "WEBHOOK_SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_HOST"]
)
def test_production_refuses_to_start_without_secure_settings(missing, tmp_path):
    env = {
        "CLIENTDESK_ENV": "production",
        "SECRET_KEY": "x" * 20 + "abcdefghijklmnopqrstuvwxyz0123",
        "WEBHOOK_SECRET_KEY": WEBHOOK_KEY,
        "ALLOWED_HOSTS": "clientdesk.example",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
        "EMAIL_HOST": "smtp.example",
        "CLIENTDESK_VAR_DIR": str(tmp_path),
    }
    del env[missing]
    result = _manage("check", **env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_production_passes_the_deploy_check(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        CLIENTDESK_ENV="production",
        SECRET_KEY="k" * 20 + "abcdefghijklmnopqrstuvwxyz0123456789",
        WEBHOOK_SECRET_KEY=WEBHOOK_KEY,
        ALLOWED_HOSTS="clientdesk.example",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        EMAIL_HOST="smtp.example",
        CLIENTDESK_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr


def test_a_bad_setting_is_named_in_the_error(tmp_path):
    result = _manage("check", DEBUG="maybe", CLIENTDESK_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr
