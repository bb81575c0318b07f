"""The web form behind ``survey-tui serve``: server-rendered HTML pages on aiohttp and Jinja2.

``app`` (routes and request checks), ``pages`` and ``questions`` (what each page shows and does,
on top of ``core.flow`` and ``core.session``; ``base``: what they share), ``forms`` (form fields
-> answers), ``views`` (what a template draws for a question), ``respondents`` (resume tokens ->
sessions), ``security`` (origin, token, rate limit, headers), ``server`` (running it with the
facilitator's counts line), ``templates/`` and ``static/``.
"""
