"""The isolation matrix: what every role gets from every URL about another client's records.

Each app declares, in ``<app>/tests/isolation.py``:

- ``RECORDS``: kind -> factory(world) making one record of client B (made on
  first use, through the services where there is one);
- ``ROWS``: one ``page(...)`` or ``api(...)`` per URL name, with the record
  kind its id names, the body a write sends (the one that succeeds for a
  permitted role) and the exact outcome of GET, POST, PUT, PATCH and DELETE
  for each role of ``roles.ROLES``.

``engine`` finds them through INSTALLED_APPS and runs each row (test_matrix):
every request in a savepoint that is rolled back, so each cell starts from
the same records. For every cell that is not a successful write it checks
that no table of ours gained or lost a row and that the record (and the
account it owns) kept every field; for every 404 (and a stranger's 403) it
checks that a missing id gets exactly the same answer; strangers to client B
never read one of its names. A new URL without a row fails
``test_every_url_has_a_row``.

This package's own rows (the home redirect and media files) are below.
"""

from common.tests.isolation.roles import everyone, signed_in
from common.tests.isolation.rows import page

RECORDS: dict = {}

ROWS = [
    # Everyone is sent where their work is (the target pages have rows of their own).
    page(
        "home", GET=signed_in(others=302), POST=signed_in(others=302), OTHER=signed_in(others=302)
    ),
    # Uploaded staff photos are public to users by design (common.views); no other file is.
    page(
        "media",
        kwargs=lambda w: {"path": "photos/nobody.jpg"},
        GET=signed_in(),
        POST=signed_in(),
        OTHER=signed_in(),
    ),
    # A picker suggests only what the asker may see: client B's sites to its own
    # people and the staff who serve it, to nobody else.
    page(
        "pick",
        kwargs=lambda w: {"name": "sites"},
        needs=("site",),
        GET=signed_in(others=200),
        POST=everyone(405),
        OTHER=everyone(405),
    ),
]
