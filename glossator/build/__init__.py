"""Build: the stages joined up, and the site put on disk.

The pipeline behind `check` and `build` (`pipeline`), what a long-running
process remembers between builds (`memo`), the persistent build cache
(`cache`) and the output folder replaced atomically (`write`).
May import every stage below it: `pages`, `diagram`, `prose`, `content`, `core`.
"""
