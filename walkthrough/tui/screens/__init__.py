"""Screens of the walkthrough TUI, one per module; import the module you need.

Nothing is re-exported here so that opening one screen does not import the others.
"""
