"""Widgets of the walkthrough TUI, one per module; import the module you need."""
