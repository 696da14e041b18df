"""The peer of `make bench-peer`: django-helpdesk, served and measured as Clientdesk is.

``run`` is the entry point; ``environment`` makes the peer's own virtual
environment from ``requirements.txt``; ``database`` derives, creates and fills
its PostgreSQL database; ``scenarios`` says what is measured; ``project/`` is
the Django project that serves django-helpdesk (run by the peer's interpreter,
never imported by Clientdesk's).
"""
