"""Content: a project's files read, and each entry validated on its own.

Where a project's parts are (`project`), reading entry files (`load`) and
splitting their front matter (`frontmatter`), safe YAML with positions
(`yamlnodes`) and its errors in a contributor's words (`yamlsyntax`), the
entry format declared once (`schema`, from the value kinds in `kinds` and the
comparison table in `table`) and its JSON Schema for editors (`jsonschema`),
the entry model (`model`), `site.yaml` (`config`), validation (`validate`)
and dates from git (`history`).
May import `glossator.core` only.
"""
