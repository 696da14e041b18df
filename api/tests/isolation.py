"""The isolation matrix's rows for the API's own pages: its schema and its documentation."""

from common.tests.isolation.roles import everyone
from common.tests.isolation.rows import api

ROWS = [
    # Public descriptions of the API; no client's data.
    api(
        name,
        GET=everyone(200),
        POST=everyone(405),
        PUT=everyone(405),
        PATCH=everyone(405),
        DELETE=everyone(405),
    )
    for name in ("api:schema", "api:docs")
]
