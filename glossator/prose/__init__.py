"""Prose: the Markdown engine, the names of a language's entries, and the linked glossary.

The one Markdown engine (`markdown`, which alone calls the parser; its
events read into `tokens` by `pulldown`, with markdown-it's `dialect`,
`typography`, `urls` and `html` kept; a parsed `document`); gathering names and joining links
(`link`); one entry parsed, linked and written as HTML (`weave`, with
`autolink`); the linked `Glossary` (`glossary`); and the checks that need
every entry at once (`quality`, `translations`).
May import `glossator.content` and `glossator.core`.
"""
