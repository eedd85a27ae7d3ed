"""Core: what every stage shares and nothing of Glossator's own.

Problems and where they are (`diagnostics`), slugs, the printed labels,
worker processes and the progress line.  Imports only the standard library.
"""
