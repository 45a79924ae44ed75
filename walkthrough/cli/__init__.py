"""The command line: the parser, and one module per group of commands.

Top floor: it may use the TUI and the report; nothing imports it back.
"""

from walkthrough.cli.main import main

__all__ = ["main"]
