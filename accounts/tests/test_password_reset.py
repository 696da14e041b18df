import re

from accounts.tests.factories import UserFactory


def test_password_reset_by_email(client, db, smtp_server, django_capture_on_commit_callbacks):
    user = UserFactory(email="anna@example.com", language="zh-hans")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password-reset/", {"email": "Anna@Example.com"})
    assert response.status_code == 302
    [message] = smtp_server.messages
    body = message.get_body(("plain",)).get_content()
    link = re.search(r"http://\S+", body).group(0).split("8000", 1)[1]
    form = client.get(link, follow=True)
    new = "Another-long-pass-99"
    client.post(form.request["PATH_INFO"], {"new_password1": new, "new_password2": new})
    user.refresh_from_db()
    assert user.check_password(new)


def test_unknown_address_gets_the_same_answer_and_no_mail(
    client, db, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/accounts/password-reset/", {"email": "nobody@example.com"}, follow=True
        )
    assert "If an account with this address exists" in response.text
    assert smtp_server.messages == []


def test_bad_address_is_explained(client, db):
    response = client.post("/accounts/password-reset/", {"email": "not an address"})
    assert response.status_code == 200
    assert "Enter a valid email address" in response.text
