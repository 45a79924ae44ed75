"""What the app computes and writes from a bank and a session: progress, the gap summary,
the Markdown report and the export-target writer.

Bottom floor of the app: no Textual, so the CLI can export without loading the UI.
"""
