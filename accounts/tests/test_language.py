from django.urls import reverse


def test_user_language_is_remembered_on_the_account(client, cast):
    user = cast.admin_a.user
    client.force_login(user)
    client.post(reverse("accounts:set_language"), {"language": "ru", "next": "/portal/"})
    user.refresh_from_db()
    assert user.language == "ru"
    # A new device without the cookie still gets Russian.
    other = type(client)()
    other.force_login(user)
    response = other.get(reverse("portal:home"))
    assert response["Content-Language"] == "ru"
    assert "Мои объекты" in response.text


def test_anonymous_visitor_switches_language_by_cookie(client, db):
    client.post(reverse("accounts:set_language"), {"language": "et", "next": "/accounts/login/"})
    response = client.get("/accounts/login/")
    assert response["Content-Language"] == "et"


def test_every_language_renders_the_portal(client, cast):
    client.force_login(cast.admin_a.user)
    seen = set()
    for code, title in [
        ("en", "My sites"),
        ("ru", "Мои объекты"),
        ("et", "Minu objektid"),
        ("zh-hans", "我的场所"),
    ]:
        client.post(reverse("accounts:set_language"), {"language": code})
        response = client.get(reverse("portal:home"))
        assert title in response.text, code
        seen.add(response["Content-Language"])
    assert seen == {"en", "ru", "et", "zh-hans"}


def test_unknown_language_is_refused_with_a_message(client, cast):
    client.force_login(cast.admin_a.user)
    response = client.post(reverse("accounts:set_language"), {"language": "xx"}, follow=True)
    assert "This language is not available" in response.text
    cast.admin_a.user.refresh_from_db()
    assert cast.admin_a.user.language == "en"


def test_open_redirect_is_not_followed(client, db):
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
