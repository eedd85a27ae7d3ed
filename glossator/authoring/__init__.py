"""Authoring: commands that write content for people, never the site.

`new` (`scaffold`) and the translators' commands (`translate`).
May import `glossator.build` and everything below it.
"""
