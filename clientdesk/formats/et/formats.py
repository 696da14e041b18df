# Django's Estonian locale has no date-and-time formats and falls back to the
# American "11/23/2026 7:47 p.l."; Estonians write 23.11.2026 19:47.
DATETIME_FORMAT = "j. F Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
