"""The exported package keeps the book's code rules: lines of at most 110 characters (nbdev's generated `__all__` and
module docstrings aside), and no module importing another module's `_private` name."""
import ast
from pathlib import Path
import motionalign

PACKAGE = Path(motionalign.__file__).parent
MODULES = [p for p in sorted(PACKAGE.rglob("*.py")) if p.name != "_modidx.py"]


def _generated_lines(text: str) -> set:
    "Line numbers nbdev writes itself: the `__all__` list and the module docstring."
    lines = set()
    for node in ast.parse(text).body:
        names = [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
        docstring = isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and node.lineno <= 2
        if "__all__" in names or docstring: lines |= set(range(node.lineno, node.end_lineno + 1))
    return lines


def test_exported_lines_fit_in_110_characters():
    long = []
    for p in MODULES:
        text = p.read_text()
        skip = _generated_lines(text)
        long += [f"{p.relative_to(PACKAGE)}:{i}" for i, line in enumerate(text.splitlines(), 1)
                 if len(line) > 110 and i not in skip]
    assert not long, f"{len(long)} lines over 110 characters: {long[:20]}"


def test_no_private_names_cross_modules():
    bad = []
    for p in MODULES:
        for node in ast.walk(ast.parse(p.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("motionalign")):
                bad += [f"{p.name}: {node.module}.{a.name}" for a in node.names if a.name.startswith("_") and a.name != "__version__"]
    assert not bad, bad
