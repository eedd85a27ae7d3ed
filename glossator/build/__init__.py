"""Build: the stages joined up, and the site put on disk.

The pipeline behind `check` and `build` (`pipeline`), what runs remember of
each other's validation and weaving (`memo`, with `mentions` saying what of
its surroundings an entry's weave reads), that memory kept between commands
in the project's cache folder (`work`, in checksummed `shards` written by a
strict `codec`), what an output folder was built from (`cache`) and the
output folder replaced atomically (`write`).
May import every stage below it: `pages`, `diagram`, `prose`, `content`, `core`.
"""
