"""Diagram: an entry's comparison drawn as SVG.

Text measured with real font metrics (`textfit`), the grid laid out
(`layout`), and the SVG written (`svg`).
May import `glossator.content` and `glossator.core`.
"""
