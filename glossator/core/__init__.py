"""Core: what every stage shares and nothing of Glossator's own.

Problems and where they are (`diagnostics`), slugs, the printed labels,
worker processes, the progress line, and the canonical bytes a cache is
keyed by (`canonical`).  Imports only the standard library.
"""
