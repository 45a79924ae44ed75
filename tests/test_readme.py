"""The README stays true: every key binding is in its keymap, and its quick start matches CI."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

from cli_runner import REPO
from textual.binding import Binding
from textual.dom import DOMNode

import walkthrough.tui.screens
import walkthrough.tui.widgets
from walkthrough.tui.app import WalkthroughApp

README = (REPO / "README.md").read_text(encoding="utf-8")
KEY_NAMES = {"question_mark": "?"}


def our_bindings() -> list[tuple[str, str, str]]:
    owners: list[type[DOMNode]] = [WalkthroughApp]
    for package in (walkthrough.tui.screens, walkthrough.tui.widgets):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            owners += [
                cls
                for _, cls in inspect.getmembers(module, inspect.isclass)
                if issubclass(cls, DOMNode) and cls.__module__ == module.__name__ and "BINDINGS" in vars(cls)
            ]
    found = []
    for owner in owners:
        for binding in owner.BINDINGS:
            binding = binding if isinstance(binding, Binding) else Binding(*binding)
            for key in binding.key.split(","):
                found.append((owner.__name__, KEY_NAMES.get(key.strip(), key.strip()), binding.description))
    return found


def test_every_binding_is_in_the_readme_keymap():
    keymap = README.split("## Keys", 1)[1].split("\n## ", 1)[0]
    words = keymap.casefold()
    bindings = our_bindings()
    assert len(bindings) > 30  # the walk alone has dozens: the collection really ran
    missing = [
        f"{owner}: {key} ({description})"
        for owner, key, description in bindings
        if f"`{key}`" not in keymap or (description and description.casefold() not in words)
    ]
    assert missing == []


def test_quick_start_test_command_is_what_ci_runs():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick_start)
    assert len(commands) == 2, commands
    install_and_start, install_and_test = commands
    assert install_and_start.endswith("walkthrough")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert install_and_test in ci.splitlines()
    assert "tmux" in ci
