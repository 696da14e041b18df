"""How long each kind of text may be: one place, used by models, forms and the API alike.

The database enforces the limits of CharFields only (and SQLite not even
those); TextFields carry the same number as ``max_length`` plus a validator,
so forms, serializers and the OpenAPI schema all state it and services that
save typed text refuse it (common.validators.check_fields).
"""

# One line: people's, clients' and sites' names, template names, descriptions.
NAME = 200
# A person's name as the login account holds it.
PERSON_NAME = 150
# "Service director, Tallinn region".
TITLE = 150
ADDRESS = 255
# International format with spaces fits in 25; the rest is room for a typed one.
PHONE = 40

# Several lines.
REMARK = 2_000  # one element's or area's remark, a check note
COMMENT = 4_000  # a rating's comment, an inspection's remarks, a solution
NOTE = 10_000  # internal notes on a client or a site
ERROR = 2_000  # the reason a delivery failed, as a gateway or server gave it

# What history pages and notifications show of a long text before "…".
SHOWN = 300
