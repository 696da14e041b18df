"""Accessibility: axe-core over every page of the demo, as the people who use it, on a phone.

The demo company is loaded into the test database; each role logs in and
follows every same-origin link from where it lands, breadth first, and axe-core
(bundled by axe-playwright-python, no CDN) checks each page. Any serious or
critical violation fails the test, listed with its rule, element and page.
The templates themselves are checked too: every label a screen reader speaks
is translated, and no column header is empty.
"""

import re
import time
from collections import Counter, deque
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from common.tests.browser import browser_test, chromium

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "clientdesk-demo"
# Who, at which size, how many pages the crawl must reach at least, and one it must reach.
ROLES = [
    ("visitor", None, PHONE, 7, "/accounts/password-reset/"),
    ("client-administrator", "mari.kuusk@measika.example", PHONE, 20, "/portal/users/"),
    ("site-contact", "toomas.rebane@measika.example", PHONE, 10, "/portal/quality/sites/"),
    ("administrator", "admin@clientdesk.example", PHONE, 40, "/fill/"),
    ("administrator-at-a-desk", "admin@clientdesk.example", DESKTOP, 25, "/notifications/outbox/"),
]

FAILING_IMPACTS = {"serious", "critical"}
# Rated moderate or minor by axe, but each hides structure from a screen
# reader: an empty column header, a skipped heading level, content outside the
# landmarks, a control named only by its tooltip.
FAILING_RULES = {
    "empty-heading",
    "empty-table-header",
    "heading-order",
    "label-title-only",
    "landmark-one-main",
    "landmark-unique",
    "page-has-heading-one",
    "region",
}

# axe-core skips the contrast of texts of one or two characters ("too short to
# tell if it is text") and leaves them to a person; here they are real text:
# the score buttons 1 to 5 and the unread count. Its other defaults are unchanged.
AXE_SETTINGS = """;axe.configure({checks: [{id: "color-contrast", options: {
  ignoreLength: true, ignoreUnicode: true, ignorePseudo: false, boldValue: 700, boldTextPt: 14,
  largeTextPt: 18, contrastRatio: {normal: {expected: 4.5}, large: {expected: 3}},
  pseudoSizeThreshold: 0.25, shadowOutlineEmMax: 0.2, textStrokeEmMin: 0.03}}]});"""

# Not pages: the admin and the API have their own faces, files and PDFs are no
# HTML, and logging out would end the crawl.
NOT_PAGES = re.compile(r"^/(admin|api|media|static|quality)/|/logout/|\.(pdf|csv|xlsx|ics)$")
PAGE_LIMIT = 150
INSPECTABLE = r"/desk/quality/sites/\d+/$"

# On a phone a card-style table hides its header row: every cell must carry its
# column's label (data-label, shown by CSS), the same text as the header.
UNLABELLED_CELLS = """() => [...document.querySelectorAll("table.cd-table-stack")].flatMap(t => {
  const heads = [...t.querySelectorAll("thead th")];
  return [...t.querySelectorAll("tbody tr")].flatMap(row => [...row.cells].flatMap((cell, i) => {
    const head = heads[i];
    if (cell.colSpan > 1 || !head) return [];
    const want = head.textContent.trim();
    return cell.dataset.label === want ? [] : [`column "${want}" labelled "${cell.dataset.label}"`];
  }));
})"""


def page_kind(url):
    """A URL's pattern: numbers in the path become '#', the query keeps its keys only."""
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/|$)", "/#", parts.path)
    keys = sorted({key for key, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return f"{path}?{'&'.join(keys)}"


def normalise(url, origin):
    """The crawlable form of a link (no fragment, sorted query), or None when it is no page."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin or NOT_PAGES.search(parts.path):
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{origin}{parts.path}{'?' + query if query else ''}"


def scan(page, found):
    """Check the loaded page and add each failing rule, element and page to ``found``."""
    for problem in sorted(set(page.evaluate(UNLABELLED_CELLS))):
        found.append(f"card-table-label: {problem} on {page.url}")
    results = page.evaluate("axe.run({resultTypes: ['violations']})")
    for violation in results["violations"]:
        if violation["impact"] not in FAILING_IMPACTS and violation["id"] not in FAILING_RULES:
            continue
        for node in violation["nodes"]:
            why = (node.get("failureSummary") or "").splitlines()[-1:] or [""]
            found.append(
                f"{violation['id']} ({violation['impact']}): "
                f"{' '.join(map(str, node['target']))} on {page.url}: {why[0].strip()}"
            )


def check(page, url, found, *, status=200, seen=None):
    """Load one page and scan it; return its links.

    ``seen`` holds the URLs already checked: a link that redirects to one of
    them (``/`` to the landing page) is not checked twice.
    """
    response = page.goto(url)
    if response is None or response.status != status:
        found.append(f"{url} answered {response and response.status}, not {status}")
        return []
    if seen is not None:
        landed = normalise(page.url, url[: url.index("/", len("https://"))])
        if landed != url and landed in seen:
            return []
        seen.add(landed)
    scan(page, found)
    return page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")


def crawl(page, origin, found, *, per_kind):
    """Breadth-first over the links reachable from the current page; returns the URLs checked.

    The same page for another record or filter rarely differs in markup:
    ``per_kind`` pages of each kind (see page_kind) keep the crawl to minutes.
    """
    seen, kinds, checked = set(), Counter(), []
    queue = deque([page.url])
    while queue and len(checked) < PAGE_LIMIT:
        url = normalise(queue.popleft(), origin)
        if url is None or url in seen:
            continue
        seen.add(url)
        kind = page_kind(url)
        if kinds[kind] >= per_kind:
            continue
        kinds[kind] += 1
        checked.append(url)
        queue.extend(check(page, url, found, seen=seen))
    return checked


def start_an_inspection(page, checked, found):
    """The inspection form is reached by a POST (the demo has no draft): start one and scan it."""
    site = next(url for url in checked if re.search(INSPECTABLE, url))
    page.goto(site)
    page.locator("main form[action$='/inspect/'] button").click()
    page.wait_for_url(re.compile(r"/fill/$"))
    scan(page, found)
    return page.url


def visit(page, origin, found):
    """What someone not logged in sees, with the errors their forms can show."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    checked = []

    def submit(url, **fields):
        for name, value in fields.items():
            page.locator(f"main [name={name}]").fill(value)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        checked.append(f"{url} (sent)")
        scan(page, found)

    for path in ["/accounts/login/", "/accounts/password-reset/"]:
        checked.append(f"{origin}{path}")
        check(page, checked[-1], found)
    submit(checked[-1], email="someone@example.com")
    check(page, checked[0], found)
    submit(checked[0], username="mari.kuusk@measika.example", password="not-the-password")

    user = get_user_model().objects.get(email="toomas.rebane@measika.example")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    checked.append(
        f"{origin}/accounts/password-reset/{uid}/{default_token_generator.make_token(user)}/"
    )
    check(page, checked[-1], found)
    submit(checked[-1], new_password1="short", new_password2="other")

    checked.append(f"{origin}/no-such-page/")
    check(page, checked[-1], found, status=404)
    return checked


def log_in(page, origin, email):
    page.goto(f"{origin}/accounts/login/")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def audit(browser, origin, email, viewport, found):
    """Every page ``email`` reaches at ``viewport``; ``email=None`` checks the public pages."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=viewport, is_mobile=viewport == PHONE)
    # Loaded before each page's own scripts (CSP does not apply to it): a third
    # faster than injecting axe-core into every page after it loaded.
    context.add_init_script(Axe().axe_script + AXE_SETTINGS)
    page = context.new_page()
    if email is None:
        checked = visit(page, origin, found)
    else:
        log_in(page, origin, email)
        # At a desk the markup is the phone's: one page of each kind is enough.
        checked = crawl(page, origin, found, per_kind=1 if viewport == DESKTOP else 2)
        if viewport == PHONE and any(re.search(INSPECTABLE, url) for url in checked):
            checked.append(start_an_inspection(page, checked, found))
    context.close()
    return checked


@pytest.fixture
def browser(live_server, monkeypatch):
    with chromium(monkeypatch) as browser:
        yield browser


@browser_test
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("email", "viewport", "at_least", "reaches"),
    [pytest.param(*row, id=who) for who, *row in ROLES],
)
def test_every_demo_page_has_no_serious_accessibility_violation(
    browser, live_server, email, viewport, at_least, reaches
):
    call_command("seed_demo", stdout=StringIO())
    found = []
    started = time.monotonic()
    checked = audit(browser, live_server.url, email, viewport, found)
    print(f"{len(checked)} pages in {time.monotonic() - started:.0f} s")

    # The crawl must have reached the pages, or a passing run proves nothing.
    assert len(checked) >= at_least, checked
    assert any(reaches in url for url in checked), checked
    assert not found, f"{len(found)} accessibility violations:\n" + "\n".join(found)


def _templates():
    roots = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("*/templates")]
    return sorted(path for root in roots for path in root.rglob("*.html"))


# An attribute a screen reader speaks (or a tooltip shows) whose value has words
# outside {% translate %} / {{ variable }}: it stays English in every language.
SPOKEN_ATTRIBUTE = re.compile(
    r"""\s(aria-label|aria-description|aria-placeholder|aria-roledescription|title|alt|placeholder|data-label)="([^"]*)\""""
)
TAG = re.compile(r"\{% blocktranslate .*?\{% endblocktranslate %\}|\{%.*?%\}|\{\{.*?\}\}")


def test_every_spoken_label_in_the_templates_is_translated():
    untranslated = []
    for path in _templates():
        if "/report/" in str(path):  # the PDF has no screen reader and no tooltips
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for attribute, value in SPOKEN_ATTRIBUTE.findall(line):
                if re.search(r"[^\W\d_]", TAG.sub("", value)):
                    untranslated.append(f"{path}:{number}: {attribute}={value!r}")
    assert not untranslated, "\n".join(untranslated)


def test_no_table_header_in_the_templates_is_empty():
    empty = [
        f"{path}: {match.group(0)}"
        for path in _templates()
        for match in re.finditer(r"<th\b[^>]*>\s*</th>", path.read_text())
    ]
    assert not empty, "\n".join(empty)


def test_every_cell_of_a_card_style_table_carries_its_column_label():
    """On a phone the header row is hidden; the browser test compares labels and headers."""
    unlabelled = [
        f"{path}: {match.group(0)}"
        for path in _templates()
        if "cd-table-stack" in (text := path.read_text())
        for match in re.finditer(r"<td\b[^>]*>", text)
        if "data-label=" not in match.group(0) and "colspan=" not in match.group(0)
    ]
    assert not unlabelled, "\n".join(unlabelled)
