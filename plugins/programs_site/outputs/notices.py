"""The third-party notices shipped with the site: name, version, license and license text of each
npm package whose files the build copies into the output (their licenses ask for the notice)."""

from __future__ import annotations

import json
from pathlib import Path

NOTICES_PATH = "theme/vendor/THIRD-PARTY-NOTICES.txt"
LICENSE_FILES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "LICENCE", "license", "license.md")


def package_names(copied: dict[str, str]) -> list[str]:
    """`lunr/lunr.min.js` -> `lunr`; `@scope/pkg/dist/x.js` -> `@scope/pkg`; each once, in order."""
    names = []
    for source in copied:
        parts = source.split("/")
        name = "/".join(parts[:2]) if parts[0].startswith("@") else parts[0]
        if name not in names:
            names.append(name)
    return names


def header_comment(source: Path) -> str | None:
    """The `//` comment block a file starts with, when it states the license (some packages ship no
    LICENSE file and keep their copyright and license there)."""
    lines = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.startswith("//"):
            break
        lines.append(line[2:].strip(" -"))
    text = "\n".join(lines).strip()
    return text if "licen" in text.lower() else None


def notice(package_dir: Path, copied_files: list[Path]) -> str:
    meta = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    license_text = next(
        ((package_dir / n).read_text(encoding="utf-8").strip() for n in LICENSE_FILES if (package_dir / n).is_file()),
        None,
    ) or next(filter(None, (header_comment(f) for f in copied_files)), None)
    if license_text is None:
        # A package without its license text cannot be shipped honestly: stop rather than omit it.
        raise FileNotFoundError(f"{package_dir}: no LICENSE file to ship with the site")
    head = f"{meta['name']} {meta.get('version', '')} ({meta.get('license', 'license not stated')})"
    return f"{head}\n{meta.get('homepage', '')}\n\n{license_text}\n"


def notices_text(node_modules: str | Path, copied: dict[str, str]) -> str:
    root = Path(node_modules)
    parts = [
        notice(root / name, [root / source for source in copied if source.startswith(name + "/")])
        for name in package_names(copied)
    ]
    intro = "This site includes the following third-party software, under the licenses below.\n"
    return "\n" + ("\n" + "=" * 72 + "\n\n").join([intro, *parts])
