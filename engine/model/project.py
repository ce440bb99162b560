"""The project file: where a policy team that keeps its frameworks in a repository names their folders.

`frameworks = ["frameworks", "../shared/frameworks"]` in a ratings.toml, or in the [tool.ratings]
table of a pyproject.toml, in the working directory or a parent; the catalogue searches those
folders after --frameworks-dir and RATINGS_FRAMEWORKS_PATH, and before the plugins'.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InvalidInputError, Problem

#: The project file a policy team keeps beside its frameworks; a pyproject.toml's [tool.ratings] table says the same.
PROJECT_FILE = "ratings.toml"


def project_folders(start: Path | None = None) -> list[Path]:
    """The framework folders the project file nearest START (the working directory) names, relative to that file.

    The search goes up from START and stops at the first ratings.toml, or pyproject.toml with a
    [tool.ratings] table: a pyproject.toml without one belongs to some other project and does not stop it.
    A malformed file is an InvalidInputError naming the file, the key and what was expected.
    """
    here = Path(start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        for name, table in ((PROJECT_FILE, ()), ("pyproject.toml", ("tool", "ratings"))):
            path = folder / name
            if path.is_file():
                settings = _project_settings(path, table)
                if settings is not None:
                    return _folders(path, settings, table)
    return []


def _project_settings(path: Path, table: tuple[str, ...]) -> dict | None:
    """The settings in the TOML file at PATH (those under TABLE), or None where it has no such table."""
    from ..io.reading import decode, read_file

    raw, _ = read_file(path)
    if table and b"ratings" not in raw:
        return None  # a pyproject.toml that cannot name the table, seen at every start: not worth parsing (nor importing tomllib)
    import tomllib

    try:
        settings: Any = tomllib.loads(decode(raw, str(path)))
    except tomllib.TOMLDecodeError as error:
        raise InvalidInputError([Problem("project-file", f"this is not valid TOML: {error}", str(path),
                                         hint="write it as frameworks = [\"frameworks\"]")]) from None
    for key in table:
        settings = settings.get(key) if isinstance(settings, dict) else None
    if table and settings is None:
        return None
    if not isinstance(settings, dict):
        raise _malformed(path, table, "a table of settings")
    return settings


def _folders(path: Path, settings: dict, table: tuple[str, ...]) -> list[Path]:
    """The folders SETTINGS (found under TABLE in the file at PATH) names, relative to the file."""
    unknown = sorted(set(settings) - {"frameworks"})
    if unknown:  # a misspelt key would otherwise leave the folders unsearched without a word
        raise _malformed(path, (*table, unknown[0]), "left out: the only setting is 'frameworks'")
    folders = settings.get("frameworks", [])
    if not isinstance(folders, list) or not all(isinstance(f, str) and f for f in folders):
        raise _malformed(path, (*table, "frameworks"), "a list of folder paths, relative to the file, such as [\"frameworks\"]")
    return [path.parent / folder for folder in folders]


def _malformed(path: Path, key: tuple[str, ...], expected: str) -> InvalidInputError:
    return InvalidInputError([Problem("project-file", f"'{'.'.join(key)}' must be {expected}", str(path), "/" + "/".join(key),
                                      hint="the project file names the folders of framework files: frameworks = [\"frameworks\"]")])
