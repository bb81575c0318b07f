"""Shared test helpers: builders, fixtures' data, drivers for a real terminal and browser.

Imported as ``helpers.<module>`` (pytest puts ``tests/`` on ``sys.path``, pyproject.toml).
"""
