"""A small glossary that shows every stage of a term's life: a deprecated term, a renamed one, a name with two meanings.

Shared by the lifecycle tests: the build, the API, the preview, the browser.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import MINIMAL_SITE_YAML, entry_text, write_project

BODY = "## What is this?\n\n{text}\n"

FILES = {
    "content/tool-use.md": entry_text(
        "Tool Use",
        category="Tools",
        summary="A model asks your code to run a tool and reads the result.",
        extra="""\
        aliases: [Tool calling]
        related: [ai-agent]
        reviewed: 2026-03-02
        reviewers: [Ada Lovelace, Alan Turing]
        """,
        body=BODY.format(text="The model writes a request; your code runs it."),
    ),
    "content/function-calling.md": entry_text(
        "Function Calling",
        category="Tools",
        summary="The name tool use first had, for a model asking for a function to be run.",
        extra="status: deprecated\nreplaced_by: tool-use\n",
        body=BODY.format(text="The older name of a model asking for a function to be run."),
    ),
    "content/agent.md": entry_text(
        "Agent",
        category="Tools",
        summary="The word has two meanings in this glossary.",
        extra="""\
        kind: disambiguation
        meanings:
          - slug: ai-agent
            note: Software that pursues a goal with a language model and tools.
          - slug: rl-agent
            note: The learner in reinforcement learning.
        """,
        body="",
    ).replace("level: beginner\n", ""),
    "content/ai-agent.md": entry_text(
        "AI Agent",
        category="Tools",
        summary="A language model in a loop, choosing tools until a goal is met.",
        extra="aliases: [Agent]\nrelated: [tool-use]\nredirect_from: [llm-agent]\n",
        body=BODY.format(text="It relies on [[tool-use]]."),
    ),
    "content/rl-agent.md": entry_text(
        "Reinforcement Learning Agent",
        summary="The learner that acts in an environment and is rewarded for good outcomes.",
        level="advanced",
        extra="aliases: [Agent]\nrelated: [ai-agent]\n",
        body=BODY.format(text="It learns a policy from rewards. Compare the [[ai-agent]]."),
    ),
}


def lifecycle_project(root: Path, *, site_yaml: str = MINIMAL_SITE_YAML) -> Path:
    return write_project(root, FILES, site_yaml=site_yaml)
