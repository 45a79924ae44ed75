"""The Textual app: screens, widgets, styles, autosave and settings.

Middle floor: it uses the report and the domain (questions, sessions); it never imports
the CLI. Kept import-light: `walkthrough.tui.app` is imported only when a screen opens.
"""
