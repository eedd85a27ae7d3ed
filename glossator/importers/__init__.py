"""Importers: a glossary kept in another tool's format, brought into `content/`.

Each format has a reader of its own (`hugo`, `sphinx`, `table`, `glosario`)
that turns the source into imported terms (`terms`), the one model they all
share.  From there every format goes the same way: raw HTML taken out
(`rawhtml`), references to other terms made `[[links]]` (`references`), the
terms mapped onto the entry format (`plan`), written without overwriting
anything (`write`), and the outcome told (`report`).  `command` is the
`glossator import` subcommand that joins them and checks the result.

The readers and the mapping import only `glossator.content` and
`glossator.core`; `write` uses the scaffold's writing helpers from
`glossator.authoring`, and `command` runs the check pipeline of
`glossator.build`.  Nothing here renders pages or serves them.
"""
