"""Writing files: the one way out for every file the engine writes.

Results (`-o` of every command, a batch's `--output-dir`), summaries and new framework drafts all
go through `write_text`, and workbooks through `write_bytes`, so each keeps the same promises:

- Atomic: the text goes to a hidden temporary file in the target's folder (`.NAME.XXXXXXXX.tmp`),
  is flushed to the disk, then renamed onto the target, so a reader sees the old file or the new
  one, never half of one.
- Never over an input: a target that is a file this run reads (the same path once resolved, or the
  same file by device and inode: a hard link, another spelling) is refused [output-is-input].
- Updated in place only where asked (`updating=True`): the framework studio saving the draft it is
  editing, which it has just read to see that nobody else changed it. Every other promise holds.
- Only regular files: a device (/dev/null, /dev/full), a named pipe, a socket or a folder is refused
  [output-not-a-file]; standard output is asked for with `-` (`-o -`), never by a device's name.
- Symbolic links: never replaced and never written through. A target that is a link is refused
  [output-is-link], naming where it points, so that the user names that file if it is meant.
- Exclusive where asked (batch results, summaries, new drafts): the completed temporary file is
  hard-linked onto the target, which fails if anything is already there, then removed. Two runs
  writing the same file at once cannot both succeed; the second reports [output-exists]. On a file
  system without hard links the target is created exclusively and written in place instead.
- Any failure (a full disk, no permission, a file larger than the process may write, a missing
  folder, Ctrl-C) removes the temporary file and is reported with the target's own name and the
  system's reason [cannot-write], never the temporary file's name.

A run killed outright (SIGKILL, a power cut) may leave a `.NAME.XXXXXXXX.tmp` behind; the target is
untouched, and a batch never takes hidden files as inspections, so the next run ignores it (delete
it at leisure). The folder itself is not synced after the rename: after a power cut the target is
the old file or the new one, whichever the file system kept.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from ..errors import InvalidInputError, Problem
from . import inputs
from .reading import what_it_is

#: What a user says for standard output where a file name is expected.
STANDARD_OUTPUT = "-"

_HINTS: dict[int | None, str] = {  # an OSError's errno may be None
    errno.ENOSPC: "free some space on the disk, or write elsewhere",
    errno.EDQUOT: "the disk quota is used up: free some space, or write elsewhere",
    errno.EFBIG: "the file is larger than this system lets the command write",
    errno.EACCES: "check the permissions of the folder",
    errno.EPERM: "check the permissions of the folder",
    errno.EROFS: "the disk is read-only: write elsewhere",
    errno.ENOENT: "the folder does not exist: create it, or name another",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.ENAMETOOLONG: "choose a shorter name",
}
#: Errors of os.link that mean the file system has no hard links, not that the target exists.
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EMLINK, errno.ENOSYS, errno.EXDEV}
_SURROGATE = re.compile("[\ud800-\udfff]")


class OutputRefused(InvalidInputError):
    """An output cannot be written where it was asked for; the problem names the target and why."""


def is_standard_output(target: str | Path | None) -> bool:
    """Whether TARGET is `-`, the user's way of asking for standard output."""
    return target is not None and str(target) == STANDARD_OUTPUT


def shown(path: str | Path) -> str:
    """PATH as it can be printed: bytes of a file name that are not UTF-8 appear as \\xNN."""
    try:
        return os.fsencode(path).decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return str(path).encode("utf-8", "backslashreplace").decode("utf-8")


def check(target: str | Path, *, exclusive: bool = False, if_exists: str = "the file already exists", updating: bool = False) -> None:
    """Refuse TARGET now if it could not be written (an input, not a regular file, a link, or existing when EXCLUSIVE).

    UPDATING: TARGET is the file being edited (a draft the studio saves), so that it was read is expected.
    """
    target = Path(target)
    read = None if updating else inputs.input_at(target)
    if read is not None:
        same = os.path.abspath(read) == os.path.abspath(target)
        what = "the output is an input of this run" if same else f"the output is the same file as {shown(read)}, an input of this run"
        raise _refused("output-is-input", target, what, "choose another file for the output: inputs are never written over")
    try:
        status = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as error:
        raise _cannot_write(target, error) from None
    if stat.S_ISLNK(status.st_mode):
        try:
            pointed = os.stat(target)
        except OSError:
            pointed = None
        if pointed is None or stat.S_ISREG(pointed.st_mode):
            raise _refused("output-is-link", target, f"the output is a symbolic link (to {_link_target(target)})",
                           "links are never replaced or written through: name the file it points to, or remove the link")
        status = pointed
    if not stat.S_ISREG(status.st_mode):
        raise _refused("output-not-a-file", target, f"the output is {what_it_is(status.st_mode)}, not a regular file",
                       f"name a file to write; for standard output, give {STANDARD_OUTPUT}")
    if exclusive:
        raise _refused("output-exists", target, if_exists)


def write_text(target: str | Path, text: str, *, exclusive: bool = False, if_exists: str = "the file already exists",
               updating: bool = False) -> None:
    """Write TEXT (as UTF-8) to TARGET atomically, keeping every promise in this module's docstring.

    EXCLUSIVE: never replace a file that exists, even one another run creates meanwhile; IF_EXISTS
    is then the message. UPDATING: TARGET is the file being edited, read on purpose (see check).
    Refusals and failures raise OutputRefused with one located problem.
    """
    write_bytes(target, _encoded(text), exclusive=exclusive, if_exists=if_exists, updating=updating)


def write_bytes(target: str | Path, data: bytes, *, exclusive: bool = False, if_exists: str = "the file already exists",
                updating: bool = False) -> None:
    """Write DATA to TARGET atomically, as write_text does: for files that are not text, such as a workbook."""
    target = Path(target)
    check(target, exclusive=exclusive, if_exists=if_exists, updating=updating)
    temporary = None
    try:
        temporary, descriptor = _create_temporary(target)
        _write_all(descriptor, data)
        if exclusive:
            _link_exclusively(temporary, target, data, if_exists)
        else:
            check(target, updating=updating)  # again, just before the rename: the target may have changed while the run worked
            os.replace(temporary, target)
            temporary = None
    except OSError as error:
        raise _cannot_write(target, error) from None
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def standard_output_failed(error: OSError) -> OutputRefused:
    """The problem to report when standard output cannot be written (a full disk behind `> file`).

    What could not be written is dropped, so that the interpreter's last flush at exit fails no more.
    """
    try:
        sink = os.open(os.devnull, os.O_WRONLY)
        os.dup2(sink, 1)
        os.close(sink)
    except OSError:
        pass
    return OutputRefused([Problem("cannot-write", f"cannot write to standard output: {error.strerror or error}",
                                  "<standard output>", hint=_HINTS.get(error.errno))])


def make_folder(folder: str | Path) -> None:
    """Create FOLDER (and the folders above it) for outputs, reporting a failure as cannot-write."""
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _cannot_write(Path(folder), error, what="create the folder") from None


def _create_temporary(target: Path) -> tuple[Path, int]:
    # Hidden and named after the target, so a leftover is recognisable and never taken as an inspection.
    stem = os.fsdecode(os.fsencode(target.name)[:100])
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    while True:
        candidate = target.parent / f".{stem}.{os.urandom(4).hex()}.tmp"
        try:
            return candidate, os.open(candidate, flags, 0o666)  # the mode is reduced by the umask, as for any new file
        except FileExistsError:
            continue


def _write_all(descriptor: int, data: bytes) -> None:
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _link_exclusively(temporary: Path, target: Path, data: bytes, if_exists: str) -> None:
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise _refused("output-exists", target, if_exists) from None
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        _create_in_place(target, data, if_exists)


def _create_in_place(target: Path, data: bytes, if_exists: str) -> None:
    try:
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    except FileExistsError:
        raise _refused("output-exists", target, if_exists) from None
    try:
        _write_all(descriptor, data)
    except BaseException:
        os.unlink(target)
        raise


def _encoded(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        # Only a file name that is not UTF-8 carries lone surrogates this far: mark the place, keep the file UTF-8.
        return _SURROGATE.sub("\ufffd", text).encode("utf-8")


def _link_target(link: Path) -> str:
    try:
        return shown(os.readlink(link))
    except OSError:
        return "a file that cannot be read"




def _refused(code: str, target: Path, message: str, hint: str | None = None) -> OutputRefused:
    return OutputRefused([Problem(code, message, shown(target), hint=hint)])


def _cannot_write(target: Path, error: OSError, what: str = "write the file") -> OutputRefused:
    reason = error.strerror or str(error)
    return _refused("cannot-write", target, f"cannot {what}: {reason}", _HINTS.get(error.errno))
