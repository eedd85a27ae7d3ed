"""Content: a project's files read, and each entry validated on its own.

Where a project's parts are (`project`), reading entry files (`load`), safe
YAML with positions (`yamlnodes`), the entry format (`schema`) and its JSON
Schema for editors (`jsonschema`), the entry model (`model`), `site.yaml`
(`config`), validation (`validate`) and dates from git (`history`).
May import `glossator.core` only.
"""
