"""Evaluations: each module exposes ``run(path, limit=None) -> dict`` and ``format_report``."""
