from collections import Counter
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
BAD_INPUTS = Counter()  # loader or function -> bad inputs tried in this session

@pytest.fixture(scope="session")
def root() -> Path:
    "The project root (holding settings.ini)."
    return ROOT

@pytest.fixture
def bad_input_tally():
    "Count one bad input tried for a loader or function (summed up at the end of the session)."
    return lambda group: BAD_INPUTS.update([group])

def pytest_terminal_summary(terminalreporter):
    "Print how many bad inputs were tried per loader and function."
    if not BAD_INPUTS: return
    terminalreporter.section("bad inputs tried per loader and function")
    for group, n in sorted(BAD_INPUTS.items()): terminalreporter.write_line(f"{group:36s} {n:4d}")
    terminalreporter.write_line(f"{'total':36s} {sum(BAD_INPUTS.values()):4d}")
