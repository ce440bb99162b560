"""The files a run reads, so that nothing the run writes can land on one of them.

Every file the engine reads is noted here by the reader, and the command line declares the files
named on it before anything is written. The writer asks `input_at(target)` before it writes: a
target is an input when it is the same path once resolved, or the same file by device and inode
(a hard link, or another spelling through a symlink).

One run is one command: the command line calls `start_run()` before each command, so that tests
running many commands in one process see only their own command's inputs.
"""

from __future__ import annotations

import os
from pathlib import Path

#: (device, inode) of every file read or declared in this run, with the path it was read by.
_by_identity: dict[tuple[int, int], str] = {}
#: The resolved paths of the same files, for an input that is replaced while the run goes on.
_by_path: dict[str, str] = {}


def start_run() -> None:
    """Forget the inputs of any earlier run in this process."""
    _by_identity.clear()
    _by_path.clear()


def note(path: str | Path, status: os.stat_result | None = None) -> None:
    """Remember PATH as an input of this run (STATUS: its os.stat, where the reader has it already)."""
    try:
        status = status or os.stat(path)
    except OSError:
        return
    shown = str(path)
    identity = (status.st_dev, status.st_ino)
    if _by_identity.get(identity) == shown:
        return  # this file, by this name, is noted already (declared, then read): its path need not be resolved again
    _by_identity.setdefault(identity, shown)
    _by_path.setdefault(_resolved(path), shown)


def declare(paths) -> None:
    """Remember every existing file among PATHS (folders: the files directly in them) as inputs."""
    for path in paths:
        path = Path(path)
        try:
            if path.is_dir():
                for child in path.iterdir():
                    if child.is_file():
                        note(child)
            else:
                note(path)
        except OSError:
            continue


def input_at(target: str | Path) -> str | None:
    """The input of this run that TARGET would overwrite (as the run named it), or None."""
    found = _by_path.get(_resolved(target))
    if found is not None:
        return found
    try:
        status = os.stat(target)
    except OSError:
        return None
    return _by_identity.get((status.st_dev, status.st_ino))


def _resolved(path: str | Path) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)
