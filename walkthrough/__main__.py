from walkthrough.cli import run

raise SystemExit(run())
