import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Tests import the packages from this checkout, installed or not, and the shared helpers
# (cli_runner) beside this file from any sub-folder.
sys.path.insert(0, str(TESTS.parent))
sys.path.insert(0, str(TESTS))
