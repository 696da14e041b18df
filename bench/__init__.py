"""Benchmarks: serve a Django project with gunicorn on loopback and measure it with wrk.

Never part of ``make test``. ``server`` and ``load`` are project-neutral (they
serve and measure django-helpdesk for ``make bench-peer`` as well); ``run`` is
Clientdesk's runner and ``report`` renders the results, with the peer beside.
"""
