"""The contributor plumbing: GitHub workflows, issue forms, the PR template and pre-commit.

The workflows must parse and must only call commands and options that exist,
so that renaming an option cannot silently break CI or publishing.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from glossator import cli
from glossator.build.cache import generator_version
from glossator.content import jsonschema as schema_module
from glossator.content.model import LEVELS
from tests.helpers import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
OPERATORS = {"&&", "||", ";", "|", "&"}
FORM_TYPES = {"markdown", "input", "textarea", "dropdown", "checkboxes"}


def load(path: Any) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[Any, Any]) -> Any:
    # PyYAML reads the YAML 1.1 `on` key as the boolean True.
    return workflow.get("on", workflow.get(True))


def site() -> dict[str, Any]:
    data: dict[str, Any] = load(ROOT / "site.yaml")
    return data


def steps(workflow: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def shell_commands(script: str) -> Iterator[list[str]]:
    """Each simple command of a shell script, as words."""
    for line in script.replace("\\\n", " ").splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        command: list[str] = []
        for token in lexer:
            if token in OPERATORS:
                if command:
                    yield command
                command = []
            else:
                command.append(token)
        if command:
            yield command


def glossator_calls(script: str) -> Iterator[tuple[str, list[str]]]:
    """(program, arguments) for every call of Glossator in a script."""
    for words in shell_commands(script):
        if words[:2] == ["python", "build.py"]:
            yield "glossator", words[2:]
        elif words[:1] == ["glossator"]:
            yield "glossator", words[1:]
        elif words[:3] == ["python", "-m", "glossator"]:
            yield "glossator", words[3:]
        elif words[:3] == ["python", "-m", "glossator.content.jsonschema"]:
            yield "glossator.content.jsonschema", words[3:]


# What a workflow's variables hold when it runs (configure-pages gives the Pages site's address).
SHELL_VALUES = {"$BASE_URL": "https://owner.github.io/glossary"}


def parse(program: str, args: list[str]) -> argparse.Namespace:
    """Parse as the real program would, failing the test on an unknown command or option (or a bad value)."""
    args = [SHELL_VALUES.get(arg, arg) for arg in args]
    if program == "glossator":
        parser = cli._parser()
        args = cli.with_command(args)  # the default command, as cli.main puts it in
    else:
        parser = schema_module._parser()
    try:
        return parser.parse_args(args)
    except SystemExit:
        pytest.fail(f"{program} {shlex.join(args)}: not a valid command line for {program}")


def all_calls() -> list[tuple[str, str, list[str]]]:
    calls = []
    for path in WORKFLOWS:
        for step in steps(load(path)):
            for program, args in glossator_calls(step.get("run", "")):
                calls.append((path.name, program, args))
    for hook in load(ROOT / ".pre-commit-config.yaml")["repos"][0]["hooks"]:
        for program, args in glossator_calls(hook["entry"]):
            calls.append((".pre-commit-config.yaml", program, args))
    return calls


def test_every_workflow_and_form_parses() -> None:
    assert [p.name for p in WORKFLOWS] == ["ci.yml", "pages.yml"]
    for path in [*WORKFLOWS, *ISSUE_FORMS, GITHUB / "ISSUE_TEMPLATE" / "config.yml", ROOT / ".pre-commit-config.yaml"]:
        assert isinstance(load(path), dict), path


def test_every_glossator_call_names_a_real_command_and_real_options() -> None:
    calls = all_calls()
    for _, program, args in calls:
        parse(program, args)
    commands = {(where, parse(program, args).__dict__.get("command", program)) for where, program, args in calls}
    assert {("ci.yml", "check"), ("pages.yml", "build"), (".pre-commit-config.yaml", "check")} <= commands
    assert (".pre-commit-config.yaml", "glossator.content.jsonschema") in commands


def test_the_call_parser_sees_through_shell_syntax() -> None:
    script = 'echo hi && python build.py check --format github \\\n  --strict; glossator new "A B" # note\n'
    assert list(glossator_calls(script)) == [
        ("glossator", ["check", "--format", "github", "--strict"]),
        ("glossator", ["new", "A B"]),
    ]
    with pytest.raises(pytest.fail.Exception):
        parse("glossator", ["check", "--formt", "github"])
    with pytest.raises(pytest.fail.Exception):
        parse("glossator", ["publish"])


def test_ci_checks_with_annotations_then_runs_the_tests_on_pull_requests() -> None:
    workflow = load(GITHUB / "workflows" / "ci.yml")
    assert "pull_request" in triggers(workflow)
    uses = [s["uses"] for s in steps(workflow) if "uses" in s]
    assert uses[:2] == ["actions/checkout@v4", "actions/setup-python@v5"]
    setup = next(s for s in steps(workflow) if s.get("uses") == "actions/setup-python@v5")
    assert setup["with"]["python-version"] == "3.11"
    runs = [s["run"] for s in steps(workflow) if "run" in s]
    check = next(i for i, r in enumerate(runs) if "python build.py check" in r)
    tests = next(i for i, r in enumerate(runs) if "bash tests/setup.sh && python -m pytest" in r)
    assert check < tests
    args = parse("glossator", next(a for _, a in glossator_calls(runs[check])))
    assert args.format == "github"


def test_ci_s_check_passes_on_this_repository(capsys: pytest.CaptureFixture[str]) -> None:
    runs = [s["run"] for s in steps(load(GITHUB / "workflows" / "ci.yml")) if "run" in s]
    args = next(a for r in runs for p, a in glossator_calls(r) if a[:1] == ["check"])
    assert cli.main([*args, "--root", str(ROOT)]) == 0
    assert capsys.readouterr().out == ""


def test_pages_builds_for_the_pages_url_and_deploys_the_site_folder() -> None:
    workflow = load(GITHUB / "workflows" / "pages.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    by_use = {s["uses"].split("@")[0]: s for s in steps(workflow) if "uses" in s}
    assert by_use["actions/upload-pages-artifact"]["with"]["path"] == "site"
    assert "actions/deploy-pages" in by_use
    pages_id = by_use["actions/configure-pages"]["id"]
    build = next(s for s in steps(workflow) if "python build.py build" in s.get("run", ""))
    assert build["env"]["BASE_URL"] == f"${{{{ steps.{pages_id}.outputs.base_url }}}}"
    words = next(a for _, a in glossator_calls(build["run"]))
    assert words[words.index("--base-url") + 1] == "$BASE_URL"
    args = parse("glossator", words)
    assert args.base_url == SHELL_VALUES["$BASE_URL"] and args.out is None  # the default output folder: site/
    assert workflow["jobs"]["deploy"]["needs"] == "build"


def test_pages_restores_the_cache_of_this_generator_and_never_one_from_the_checkout(tmp_path: Path) -> None:
    workflow = load(GITHUB / "workflows" / "pages.yml")
    listed = list(steps(workflow))
    cache = next(s for s in listed if s.get("uses", "").startswith("actions/cache@"))
    named = next(s for s in listed if s.get("id") == "generator")
    build = next(s for s in listed if "python build.py build" in s.get("run", ""))
    assert listed.index(named) < listed.index(cache) < listed.index(build)
    assert cache["with"]["path"] == ".glossator-cache"
    version = "${{ steps.generator.outputs.version }}"
    assert cache["with"]["key"].startswith(version + "-")
    assert cache["with"]["restore-keys"].splitlines() == [version + "-", "glossator-"]  # this generator's first
    assert ["rm", "-rf", ".glossator-cache"] in list(shell_commands(named["run"]))
    (line,) = [line for line in named["run"].splitlines() if line.startswith("python")]
    output = tmp_path / "output"
    subprocess.run(line, shell=True, cwd=ROOT, check=True, env={**os.environ, "GITHUB_OUTPUT": str(output)})
    assert output.read_text() == f"version={generator_version().replace(' ', '-')}\n"
    assert re.fullmatch(r"version=glossator-[^\s]+-[0-9a-f]{16}\n", output.read_text())


def test_every_action_is_pinned_to_a_major_version() -> None:
    for path in WORKFLOWS:
        for step in steps(load(path)):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), (path.name, step["uses"])


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda p: p.name)
def test_issue_forms_are_well_formed(path: Any) -> None:
    form = load(path)
    assert form["name"] and form["description"] and form["labels"]
    ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in FORM_TYPES
        if item["type"] == "markdown":
            assert item["attributes"]["value"].strip() and "validations" not in item
        else:
            assert item["attributes"]["label"].strip()
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]


def test_the_new_term_form_offers_the_real_categories_and_levels() -> None:
    form = load(GITHUB / "ISSUE_TEMPLATE" / "new-term.yml")
    fields = {item.get("id"): item for item in form["body"]}
    categories = [c["name"] for c in site()["categories"]]
    assert fields["category"]["attributes"]["options"] == [*categories, "Not sure"]
    assert fields["level"]["attributes"]["options"] == [*LEVELS, "Not sure"]


def test_issue_links_point_at_this_repository() -> None:
    repo = site()["repo_url"].rstrip("/")
    config = load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert config["blank_issues_enabled"] is True  # the site's "Ask a question" form opens a blank issue
    for link in config["contact_links"]:
        assert link["url"].startswith(repo + "/") and link["name"] and link["about"]
    for path in ISSUE_FORMS:
        for url in re.findall(r"https://github\.com/[^\s)]+", path.read_text(encoding="utf-8")):
            assert url.startswith(repo + "/"), (path.name, url)


def test_the_pull_request_template_asks_for_originality_and_a_strict_check() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, flags=re.M)
    assert any("python build.py check --strict" in b for b in boxes)
    assert any("Originality" in b and "copied" in b for b in boxes)


def test_pre_commit_runs_check_when_an_entry_changes() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    assert [r["repo"] for r in config["repos"]] == ["local"]
    hooks = {h["id"]: h for h in config["repos"][0]["hooks"]}
    check = hooks["glossator-check"]
    assert check["pass_filenames"] is False  # check validates the whole folder: links cross files
    assert re.search(check["files"], "content/fine-tuning.md")
    assert not re.search(check["files"], "README.md")
    schema = hooks["glossator-schema"]
    for changed in ("site.yaml", "glossator/schema.py", "schema/entry.schema.json"):
        assert re.search(schema["files"], changed), changed
