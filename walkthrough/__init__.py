"""walkthrough: walk every customer-journey touchpoint of a launch, one "how" question at a time.

Kept import-light on purpose: the CLI and the TUI import what they need when they need it,
so the first screen is not held up by pydantic, TinyDB or the bank.
"""

from walkthrough.pydantic_plugins import defer_plugin_loader

__version__ = "0.1.0"

defer_plugin_loader()
