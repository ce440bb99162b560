"""The one reader: regular files only, the size limit kept while reading, inputs remembered, encodings named."""

from __future__ import annotations

import os
import socket

import pytest

from ratings_engine.errors import InvalidInputError
from ratings_engine.io import inputs, reading
from ratings_engine.io.jsonio import parse_json

MB = 1024 * 1024


def refused(path) -> tuple[str, str]:
    with pytest.raises(InvalidInputError) as caught:
        reading.read_bytes(path)
    [problem] = caught.value.problems
    assert problem.file == str(path)
    return problem.code, problem.message


def test_a_regular_file_is_read_whole_and_remembered_as_an_input(tmp_path):
    inputs.start_run()
    path = tmp_path / "a.json"
    path.write_bytes(b'{"a": 1}')
    raw, status = reading.read_file(path)
    assert raw == b'{"a": 1}' and status.st_size == 8
    assert inputs.input_at(path) == str(path)
    assert inputs.input_at(tmp_path / "b.json") is None


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    assert refused(tmp_path / "pipe.json") == ("not-a-file", "this is a named pipe (FIFO), not a file: nothing was read from it")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_without_reading_it(device, tmp_path):
    assert refused(device) == ("not-a-file", "this is a device, not a file: nothing was read from it")
    (tmp_path / "linked.json").symlink_to(device)
    assert refused(tmp_path / "linked.json")[0] == "not-a-file"


def test_a_folder_and_a_socket_are_named(tmp_path):
    assert "this is a folder," in refused(tmp_path)[1]
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(tmp_path / "s.json"))
        assert "this is a socket," in refused(tmp_path / "s.json")[1]


def test_a_missing_file_is_unreadable_with_the_systems_reason(tmp_path):
    assert refused(tmp_path / "gone.json") == ("unreadable", "cannot read the file: No such file or directory")
    (tmp_path / "dangling.json").symlink_to(tmp_path / "gone.json")
    assert refused(tmp_path / "dangling.json")[0] == "unreadable"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="the superuser may read any file")
def test_a_file_without_permission_is_unreadable(tmp_path):
    path = tmp_path / "secret.json"
    path.write_text("{}")
    path.chmod(0)
    assert refused(path) == ("unreadable", "cannot read the file: Permission denied")


def test_a_file_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setenv("RATINGS_MAX_FILE_MB", "1")
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (3 * MB // 2))
    assert refused(path) == ("too-large", "the file is 1.5 MB, more than the limit of 1 MB")
    path.write_bytes(b" " * MB)
    assert len(reading.read_bytes(path)) == MB  # exactly at the limit is allowed


def test_a_file_just_over_the_limit_is_told_in_bytes(tmp_path, monkeypatch):
    """Rounded to tenths of a megabyte, 1 MB and a byte would read '1.0 MB, more than the limit of 1 MB'."""
    monkeypatch.setenv("RATINGS_MAX_FILE_MB", "1")
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MB + 1))
    assert refused(path)[1] == "the file is 1,048,577 bytes, more than the limit of 1 MB (1,048,576 bytes)"


def test_a_file_that_grows_while_read_is_stopped_at_the_limit(tmp_path, monkeypatch):
    """However much a file grows after it was looked at, no more than the limit and a byte is read."""
    monkeypatch.setenv("RATINGS_MAX_FILE_MB", "1")
    path = tmp_path / "growing.json"
    path.write_bytes(b"{}")
    asked = []

    def endless(descriptor, size):
        asked.append(size)
        return b" " * size

    monkeypatch.setattr(reading.os, "read", endless)
    assert refused(path) == ("too-large", "the file grew past the limit of 1 MB while it was being read")
    assert sum(asked) == MB + 1


@pytest.mark.parametrize("encoding, named", [
    ("utf-16", "UTF-16 text (little-endian, with a byte order mark)"),
    ("utf-16-le", "UTF-16 text (little-endian)"),
    ("utf-16-be", "UTF-16 text (big-endian)"),
    ("utf-32", "UTF-32 text (little-endian, with a byte order mark)"),
    ("utf-32-le", "UTF-32 text (little-endian)"),
    ("utf-32-be", "UTF-32 text (big-endian)"),
])
@pytest.mark.parametrize("text", ['{"a": 1}', "[]", "\n 1", "1"])
def test_utf16_and_utf32_are_named(encoding, named, text):
    with pytest.raises(InvalidInputError) as caught:
        parse_json(text.encode(encoding), "x.json")
    [problem] = caught.value.problems
    assert (problem.code, problem.message, problem.line) == ("encoding", f"the file is {named}, not UTF-8", 1)
    assert "save it as UTF-8" in problem.hint


def test_a_utf8_byte_order_mark_is_accepted():
    assert parse_json(b'\xef\xbb\xbf{"a": 1}', "x.json") == {"a": 1}
    assert reading.decode(b"\xef\xbb\xbf[]", "x.json") == "[]"


def test_other_bytes_that_are_not_utf8_are_placed():
    with pytest.raises(InvalidInputError) as caught:
        parse_json(b'{"a":\n "\xff"}', "x.json")
    [problem] = caught.value.problems
    assert (problem.code, problem.line, problem.column) == ("encoding", 2, 3)


def test_utf8_text_is_never_taken_for_another_encoding():
    for raw in (b"{}", b"[1]", b"1", b"", b"\"\xc3\xa9\"", b" \n\t{}"):
        assert reading.other_encoding(raw) is None


def test_a_file_refused_as_too_large_is_still_an_input_of_the_run(tmp_path, monkeypatch):
    """No output may land on it; a pipe or a device, which holds nothing to lose, is not remembered."""
    inputs.start_run()
    monkeypatch.setenv("RATINGS_MAX_FILE_MB", "1")
    (tmp_path / "big.json").write_bytes(b" " * (2 * MB))
    refused(tmp_path / "big.json")
    assert inputs.input_at(tmp_path / "big.json") == str(tmp_path / "big.json")
    refused("/dev/null")
    assert inputs.input_at("/dev/null") is None
