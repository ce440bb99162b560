"""The one door every file the engine reads comes in by.

Inspections, previous inspections, frameworks (named or found on the search path), result documents
and the bundled schemas are all read here, so that every command keeps the same promises:

- only a regular file is read: a named pipe, a device such as /dev/zero, a folder or a socket is
  refused with what it is, without waiting on it or reading from it;
- the size limit (RATINGS_MAX_FILE_MB) is checked before reading and kept while reading, so a file
  that grows while it is read is refused rather than read into memory without bound;
- every file read is remembered as an input of the run (engine/io/inputs.py), so that no output lands
  on it;
- text that is not UTF-8 is refused with its encoding named (UTF-16 and UTF-32 are what spreadsheet
  and Windows tools most often save); a UTF-8 byte order mark is accepted.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import InvalidInputError, Problem
from . import inputs, limits

_MB = 1024 * 1024
#: Read in pieces of this size after the first read, so a file that grows is stopped near the limit.
_CHUNK = _MB
#: O_NONBLOCK: opening a named pipe must not wait for a writer. O_NOCTTY: opening a terminal must not
#: make it the engine's controlling terminal. Neither exists on Windows, where neither matters.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def read_file(path: str | Path) -> tuple[bytes, os.stat_result]:
    """The bytes of the regular file at PATH and its status; raises InvalidInputError saying why not.

    Problems: `unreadable` (missing, no permission: the system's reason), `not-a-file` (a named pipe,
    a device, a folder, a socket) and `too-large`.
    """
    file = str(path)
    limit = limits.current().max_file_bytes
    try:
        # Looked at before it is opened: opening some devices does something (a tape rewinds).
        status = os.stat(path)
        _refuse_unless_regular(status, file)
        # Noted before it is read: even if it is refused (too large), no output of this run may land on it.
        inputs.note(path, status)
        descriptor = os.open(path, _FLAGS)
    except OSError as error:
        raise _unreadable(error, file) from None
    try:
        # The file opened may not be the one looked at (replaced meanwhile): what counts is what is open.
        status = os.fstat(descriptor)
        _refuse_unless_regular(status, file)
        inputs.note(path, status)
        if status.st_size > limit:
            raise InvalidInputError([_too_large(file, limit, status.st_size)])
        raw = _read_at_most(descriptor, limit, status.st_size)
    except OSError as error:
        raise _unreadable(error, file) from None
    finally:
        os.close(descriptor)
    if len(raw) > limit:
        raise InvalidInputError([_too_large(file, limit, None)])
    return raw, status


def read_bytes(path: str | Path) -> bytes:
    """The bytes of the regular file at PATH (see read_file)."""
    return read_file(path)[0]


def read_text(path: str | Path) -> str:
    """The text of the UTF-8 file at PATH, without any byte order mark (see read_file and decode)."""
    return decode(read_bytes(path), str(path))


def _read_at_most(descriptor: int, limit: int, expected: int) -> bytes:
    """Up to LIMIT + 1 bytes: one more than allowed is enough to know a file is over the limit."""
    pieces = []
    wanted = min(expected, limit) + 1  # one read for a file that stays the size it was
    total = 0
    while total <= limit:
        piece = os.read(descriptor, min(wanted, limit + 1 - total))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
        wanted = _CHUNK
    return b"".join(pieces)


def _refuse_unless_regular(status: os.stat_result, file: str) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise InvalidInputError([Problem(
            "not-a-file", f"this is {what_it_is(status.st_mode)}, not a file: nothing was read from it", file,
            hint="name a JSON file")])


def what_it_is(mode: int) -> str:
    """What a path that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _unreadable(error: OSError, file: str) -> InvalidInputError:
    return InvalidInputError([Problem("unreadable", f"cannot read the file: {error.strerror or error}", file)])


def refuse_if_too_large(raw: bytes, file: str) -> None:
    """Refuse bytes that arrived some other way than a file (an upload) as a file of their size is refused."""
    limit = limits.current().max_file_bytes
    if len(raw) > limit:
        raise InvalidInputError([_too_large(file, limit, len(raw))])


def _too_large(file: str, limit: int, size: int | None) -> Problem:
    allowed = f"{limit // _MB:,} MB"
    if size is None:
        message = f"the file grew past the limit of {allowed} while it was being read"
    elif size * 10 // _MB <= limit * 10 // _MB:
        # Rounded to a tenth of a megabyte it would look no bigger than the limit.
        message = f"the file is {size:,} bytes, more than the limit of {allowed} ({limit:,} bytes)"
    else:
        tenths = size * 10 // _MB
        message = f"the file is {tenths // 10:,}.{tenths % 10} MB, more than the limit of {allowed}"
    return Problem("too-large", message, file, hint="if the file is genuine, raise RATINGS_MAX_FILE_MB")


#: Byte order marks of the encodings a JSON file is most often saved in by mistake, longest first.
_MARKS = (
    (b"\x00\x00\xfe\xff", "UTF-32", "big-endian"),
    (b"\xff\xfe\x00\x00", "UTF-32", "little-endian"),
    (b"\xfe\xff", "UTF-16", "big-endian"),
    (b"\xff\xfe", "UTF-16", "little-endian"),
)


def other_encoding(raw: bytes) -> str | None:
    """What RAW is ('UTF-16 text (little-endian)') when it is UTF-16 or UTF-32 rather than UTF-8, else None.

    Without a byte order mark the pattern of NUL bytes tells (RFC 4627, section 3): a JSON text
    starts with an ASCII character, which these encodings write with one or three NUL bytes.
    """
    for mark, name, order in _MARKS:
        if raw.startswith(mark):
            return f"{name} text ({order}, with a byte order mark)"
    head = raw[:4]
    if b"\x00" not in head:
        return None
    nul = tuple(byte == 0 for byte in head)
    if nul == (True, True, True, False):
        return "UTF-32 text (big-endian)"
    if nul == (False, True, True, True):
        return "UTF-32 text (little-endian)"
    if nul[:2] == (True, False) and nul[2:] in ((), (True,), (True, False)):
        return "UTF-16 text (big-endian)"
    if nul[:2] == (False, True) and nul[2:] in ((), (False,), (False, True)):
        return "UTF-16 text (little-endian)"
    return None


def decode(raw: bytes, file: str) -> str:
    """RAW as text, without a UTF-8 byte order mark; raises InvalidInputError (`encoding`) naming the trouble."""
    encoding = other_encoding(raw)
    if encoding is not None:
        raise InvalidInputError([Problem(
            "encoding", f"the file is {encoding}, not UTF-8", file, line=1, column=1,
            hint="save it as UTF-8: in most editors, Save As and choose the encoding UTF-8")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InvalidInputError([Problem(
            "encoding", "the file is not UTF-8 text: this byte cannot be read", file, line=line, column=column,
            hint="save the file as UTF-8")]) from None
    return text[1:] if text.startswith("\ufeff") else text
