"""Debian's Chromium driven by Playwright, for the browser tests of every app.

Playwright cannot download its own browsers here, so it launches Debian's
``chromium`` with the flags that keep it off the closed network (STACK.md).
"""

import os
import shutil
from contextlib import contextmanager

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 740}

# Put on a browser test module: marks it, and skips it with the reason when
# Chromium is missing (make test installs it when run as root).
marks = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason="Debian's chromium is not installed (apt-get install chromium)",
    ),
]


def browser_test(test):
    """The same marks for one test, in a module whose other tests need no browser."""
    for mark in marks:
        test = mark(test)
    return test


@contextmanager
def chromium(monkeypatch):
    """A launched browser, closed afterwards."""
    # Playwright's sync API runs an event loop in this thread; Django's ORM
    # refuses to run next to one unless told it is safe (the test is single-threaded).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


DESK = {"width": 1280, "height": 900}


@contextmanager
def open_page(monkeypatch, *, viewport=PHONE, is_mobile=True):
    """A page at ``viewport`` (a phone by default); console errors collect in ``page.errors``."""
    with chromium(monkeypatch) as browser:
        context = browser.new_context(viewport=viewport, locale="en-GB", is_mobile=is_mobile)
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.errors = errors
        yield page
