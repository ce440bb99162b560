"""The one writer (engine/io/writing.py): atomic, never over an input, a device or a link; exclusive where asked."""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from ratings_engine.io import inputs, writing
from ratings_engine.io.writing import OutputRefused, check, is_standard_output, make_folder, shown, write_text


@pytest.fixture(autouse=True)
def fresh_run():
    """Each test is its own run: no inputs from another test."""
    inputs.start_run()
    yield
    inputs.start_run()


def refusal(excinfo) -> tuple[str, str]:
    (problem,) = excinfo.value.problems
    return problem.code, str(problem)


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_writes_the_text_with_the_usual_permissions_and_leaves_nothing_else(tmp_path):
    target = tmp_path / "out.json"
    umask = os.umask(0o022)
    try:
        write_text(target, "{\"a\": \"é\"}\n")
    finally:
        os.umask(umask)
    assert target.read_bytes() == "{\"a\": \"é\"}\n".encode()
    assert target.stat().st_mode & 0o777 == 0o644
    assert os.listdir(tmp_path) == ["out.json"]


def test_replaces_an_existing_file_whole(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old and longer than the new text\n")
    write_text(target, "new\n")
    assert target.read_text() == "new\n" and hidden(tmp_path) == []


def test_a_relative_name_is_written_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_text("out.txt", "x")
    assert (tmp_path / "out.txt").read_text() == "x"


@pytest.mark.parametrize("spelling", ["same", "dot", "hard link", "symbolic link"])
def test_an_input_is_refused_by_any_name(tmp_path, monkeypatch, spelling):
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "insp.json"
    source.write_text("{}")
    inputs.note(source)
    target = {"same": source, "dot": Path("./insp.json"), "hard link": tmp_path / "other.json",
              "symbolic link": tmp_path / "link.json"}[spelling]
    if spelling == "hard link":
        os.link(source, target)
    if spelling == "symbolic link":
        target.symlink_to(source)
    with pytest.raises(OutputRefused) as excinfo:
        write_text(target, "overwritten")
    code, line = refusal(excinfo)
    assert code == "output-is-input" and line.startswith(f"{target}: /: the output is ")
    assert source.read_text() == "{}" and hidden(tmp_path) == []


def test_an_input_declared_before_it_is_read_is_refused(tmp_path):
    """A batch declares its later inspections before writing the first result."""
    later = tmp_path / "later.json"
    later.write_text("{}")
    inputs.declare([later])
    with pytest.raises(OutputRefused):
        write_text(later, "x")
    inputs.start_run()
    write_text(later, "x")  # another run: not an input any more
    assert later.read_text() == "x"


@pytest.mark.parametrize("kind", ["folder", "device", "named pipe (FIFO)", "socket"])
def test_anything_but_a_regular_file_is_refused(tmp_path, kind):
    target = tmp_path / "target"
    if kind == "folder":
        target.mkdir()
    elif kind == "device":
        target = Path("/dev/null")
    elif kind == "named pipe (FIFO)":
        os.mkfifo(target)
    else:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(target))
        server.close()  # the socket file stays
    with pytest.raises(OutputRefused) as excinfo:
        write_text(target, "x")
    code, line = refusal(excinfo)
    assert code == "output-not-a-file" and f"the output is a {kind}, not a regular file" in line
    assert "for standard output, give -" in line
    assert not any(p.name.endswith(".tmp") for p in tmp_path.iterdir())


def test_a_symbolic_link_is_never_replaced_nor_written_through(tmp_path):
    real = tmp_path / "2020.json"
    real.write_text("earlier")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    dangling = tmp_path / "dangling.json"
    dangling.symlink_to(tmp_path / "nowhere.json")
    for target in (link, dangling):
        with pytest.raises(OutputRefused) as excinfo:
            write_text(target, "new")
        code, line = refusal(excinfo)
        assert code == "output-is-link" and "name the file it points to" in line
        assert target.is_symlink()
    assert real.read_text() == "earlier" and not (tmp_path / "nowhere.json").exists()


def test_a_link_to_a_device_is_named_as_not_a_file(tmp_path):
    link = tmp_path / "null.json"
    link.symlink_to("/dev/null")
    with pytest.raises(OutputRefused) as excinfo:
        write_text(link, "x")
    assert refusal(excinfo)[0] == "output-not-a-file" and link.is_symlink()


def test_exclusive_never_replaces(tmp_path):
    target = tmp_path / "r.json"
    target.write_text("first")
    with pytest.raises(OutputRefused) as excinfo:
        write_text(target, "second", exclusive=True, if_exists="the file already exists; use --force to replace it")
    code, line = refusal(excinfo)
    assert code == "output-exists" and line == f"{target}: /: the file already exists; use --force to replace it [output-exists]"
    assert target.read_text() == "first" and hidden(tmp_path) == []


def test_exclusive_loses_a_race_cleanly(tmp_path, monkeypatch):
    """Another run creates the target between the check and the write: its file is kept, this one is reported."""
    target = tmp_path / "r.json"
    real_link = os.link

    def other_run_first(source, destination):
        Path(destination).write_text("the other run's result")
        return real_link(source, destination)

    monkeypatch.setattr(writing.os, "link", other_run_first)
    with pytest.raises(OutputRefused) as excinfo:
        write_text(target, "mine", exclusive=True)
    assert refusal(excinfo)[0] == "output-exists"
    assert target.read_text() == "the other run's result" and hidden(tmp_path) == []


def test_exclusive_on_a_file_system_without_hard_links(tmp_path, monkeypatch):
    def no_hard_links(source, destination):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(writing.os, "link", no_hard_links)
    target = tmp_path / "r.json"
    write_text(target, "mine", exclusive=True)
    assert target.read_text() == "mine" and hidden(tmp_path) == []
    with pytest.raises(OutputRefused):
        write_text(target, "again", exclusive=True)
    assert target.read_text() == "mine"


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EFBIG, errno.EIO])
def test_a_failed_write_names_the_target_and_the_reason_and_leaves_nothing(tmp_path, monkeypatch, error):
    target = tmp_path / "results" / "out.json"
    target.parent.mkdir()
    target.write_text("earlier")

    def failing(descriptor, data):
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(writing.os, "write", failing)
    with pytest.raises(OutputRefused) as excinfo:
        write_text(target, "new")
    code, line = refusal(excinfo)
    assert code == "cannot-write" and line.startswith(f"{target}: /: cannot write the file: {os.strerror(error)}")
    assert ".tmp" not in line
    assert target.read_text() == "earlier" and hidden(target.parent) == []


def test_ctrl_c_while_writing_leaves_no_temporary_file(tmp_path, monkeypatch):
    def interrupted(descriptor):
        raise KeyboardInterrupt

    monkeypatch.setattr(writing.os, "fsync", interrupted)
    target = tmp_path / "out.json"
    with pytest.raises(KeyboardInterrupt):
        write_text(target, "x")
    assert os.listdir(tmp_path) == []


def test_a_missing_folder_or_no_permission_is_reported(tmp_path):
    with pytest.raises(OutputRefused) as excinfo:
        write_text(tmp_path / "missing" / "out.json", "x")
    code, line = refusal(excinfo)
    assert code == "cannot-write" and "No such file or directory" in line and "the folder does not exist" in line
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(OutputRefused) as excinfo:
            write_text(locked / "out.json", "x")
        assert "Permission denied" in refusal(excinfo)[1]


def test_make_folder_reports_a_file_in_the_way(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(OutputRefused) as excinfo:
        make_folder(tmp_path / "file" / "results")
    assert refusal(excinfo)[0] == "cannot-write"
    make_folder(tmp_path / "a" / "b")
    assert (tmp_path / "a" / "b").is_dir()


def test_a_long_name_still_gets_a_temporary_file(tmp_path):
    target = tmp_path / ("é" * 120 + ".json")  # 245 bytes: a temporary name built from it whole would be too long
    write_text(target, "x")
    assert target.read_text() == "x" and hidden(tmp_path) == []


def test_names_that_are_not_utf8(tmp_path):
    folder = os.fsencode(tmp_path)
    target = Path(os.fsdecode(folder + b"/r\xff.json"))
    inspection = os.fsdecode(b"insp\xfe.json")  # a lone surrogate, as a file name's byte reaches the text
    write_text(target, f"from {inspection}\n")
    assert os.path.isfile(folder + b"/r\xff.json")
    assert Path(target).read_bytes() == "from insp\ufffd.json\n".encode("utf-8")  # the file stays UTF-8
    assert shown(target) == f"{tmp_path}/r\\xff.json"
    with pytest.raises(OutputRefused) as excinfo:
        write_text(target, "again", exclusive=True)
    assert "r\\xff.json: /: the file already exists" in refusal(excinfo)[1]


def test_standard_output_is_a_dash():
    assert is_standard_output("-") and is_standard_output(Path("-"))
    assert not is_standard_output(None) and not is_standard_output("./-") and not is_standard_output("out.json")


def test_check_alone_changes_nothing(tmp_path):
    target = tmp_path / "r.json"
    check(target, exclusive=True)
    assert not target.exists()


def test_the_writer_does_not_slow_start_up():
    """Importing the command line and the writer imports neither tempfile nor shutil."""
    code = "import sys, ratings_engine.cli, ratings_engine.io.writing; print(sorted({'tempfile', 'shutil'} & set(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "tempfile" not in done.stdout


def test_standard_output_on_a_full_disk_is_reported(tmp_path):
    """`ratings evaluate ... > file` on a full disk: a located problem, exit 1, and nothing more at exit."""
    from support import SOUTH_YORKSHIRE_2020

    environment = {**os.environ, "RATINGS_DISABLE_PLUGINS": "all"}
    for output in ([], ["-o", "-"]):
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, "-m", "ratings_engine", "evaluate", str(SOUTH_YORKSHIRE_2020), *output],
                                  stdout=full, stderr=subprocess.PIPE, text=True, env=environment, cwd=tmp_path)
        assert done.returncode == 1
        assert done.stderr == ("<standard output>: /: cannot write to standard output: No space left on device "
                               "(free some space on the disk, or write elsewhere) [cannot-write]\n")


def test_bytes_are_written_as_they_are_with_the_same_promises(tmp_path):
    """A workbook is bytes, not text: written whole and atomically, and refused over an input like any output."""
    from ratings_engine.io.writing import write_bytes

    target = tmp_path / "cases.xlsx"
    data = b"PK\x03\x04" + bytes(range(256)) * 4
    write_bytes(target, data)
    assert target.read_bytes() == data and hidden(tmp_path) == []
    inputs.declare([str(target)])
    with pytest.raises(OutputRefused) as excinfo:
        write_bytes(target, b"other")
    assert refusal(excinfo)[0] == "output-is-input" and target.read_bytes() == data
