"""Glossator: a static site generator for glossaries."""

__version__ = "0.1.0"
