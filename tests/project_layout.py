"""README's "Project layout" block for the plugin, made from the code: each layer folder and each module with
the first line of its docstring, so the list cannot drift (issue 26). `make layout` writes it into README.md;
tests/test_layout_docs.py fails when README's block is not what this makes.

    .venv/bin/python -m tests.project_layout          # print the block
    .venv/bin/python -m tests.project_layout --write  # put it into README.md
"""

from __future__ import annotations

import ast
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "plugins" / "programs_site"
BEGIN = "<!-- layout: made by `make layout` from the modules' docstrings -->"
END = "<!-- end of layout -->"
WIDTH = 110
COLUMN = 26  # where a module's line starts


def summary(path: Path) -> str:
    """The first sentence of a module's docstring (its job), or of a declaration file's opening comment."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".toml":
        doc = "\n".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("#"))
    else:
        doc = ast.get_docstring(ast.parse(text)) or ""
    first = " ".join(doc.split("\n\n")[0].split())
    return first.split(". ")[0].rstrip(".")


def _entry(name: str, text: str, indent: int) -> list[str]:
    head = " " * indent + name
    lines = textwrap.wrap(text, WIDTH - COLUMN) or [""]
    out = [head.ljust(COLUMN - 1) + " " + lines[0] if len(head) < COLUMN - 1 else head]
    if len(head) >= COLUMN - 1:
        out.append(" " * COLUMN + lines[0])
    out += [" " * COLUMN + line for line in lines[1:]]
    return [line.rstrip() for line in out]


def layout() -> str:
    lines = ["plugins/programs_site/"]
    for path in sorted(PLUGIN.glob("*.py")):
        lines += _entry(path.name, summary(path), 2)
    for folder in sorted(p for p in PLUGIN.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        lines += _entry(folder.name + "/", summary(folder / "__init__.py"), 2)
        for path in sorted([*folder.rglob("*.py"), *folder.rglob("*.toml")]):
            if path.name == "__init__.py" and path.parent == folder:
                continue
            name = (
                str(path.relative_to(folder))
                if path.name != "__init__.py"
                else str(path.parent.relative_to(folder)) + "/"
            )
            lines += _entry(name, summary(path), 4)
    return "\n".join(lines)


def fenced() -> str:
    return "```\n" + layout() + "\n```"


def readme_block(readme: str) -> str:
    return readme[readme.index(BEGIN) + len(BEGIN) : readme.index(END)].strip("\n")


def main(argv: list[str]) -> int:
    block = fenced()
    if "--write" not in argv:
        print(block)
        return 0
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    path.write_text(text[:start] + "\n" + block + "\n" + text[end:], encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
