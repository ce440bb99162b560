"""What every hostile case runs through: a scratch folder, the real `ratings` command, and the promises.

Each case (tests/hostile/DOOR/CASE.py) has a docstring saying what a careless or hostile user does,
and a function `run(h)` that sets up files with `h` and runs commands with `h.ratings(...)`.

Every run is a real process (`python -m ratings_engine`), so that a hang, a crash of the interpreter
or a write to a device is seen as a user would see it. Every run is held to the promises whatever the
case asserts besides:

- it ends within the time limit (10 s by default): no hang;
- its exit code is 0, 1, 2 or 130, and the interpreter did not die of a signal;
- nothing it printed is a traceback;
- no hidden temporary file is left in the scratch folder;
- the files of the scratch folder that the case marks as inputs (`h.inputs(...)`, and every file made
  with `h.write`, `h.json` or `h.copy` unless made with `output=True`) are byte for byte as before.

`Outcome.refused(code)` asserts exit 1 and that every line on standard error is a located problem
(`FILE[:LINE[:COL]]: /POINTER: message [code]`), one of them with CODE; `Outcome.usage(words)` asserts
exit 2 and the words on standard error.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FRAMEWORKS = ROOT / "frameworks"

#: A located problem, as the command line prints one on standard error.
LOCATED = re.compile(r"^(?P<file>.+?)(?::\d+(?::\d+)?)?: (?P<pointer>/\S*): .+ \[(?P<code>[a-z0-9-]+)\]$")
#: Lines a command may print on standard error besides problems.
CHATTER = re.compile(r"^(warning|note|wrote|rated|Rating inspections)\b")


@dataclass
class Outcome:
    """What one `ratings` run did."""

    args: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    changed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"ratings {' '.join(self.args)}\n-> exit {self.code}\n--- stdout:\n{self.stdout[-3000:]}\n"
                f"--- stderr:\n{self.stderr[-3000:]}")

    def ok(self) -> Outcome:
        assert self.code == 0, str(self)
        return self

    def problems(self) -> list[re.Match]:
        return [m for m in map(LOCATED.match, self.stderr.splitlines()) if m]

    def refused(self, code: str, *words: str) -> Outcome:
        """Exit 1, every stderr line a located problem (or chatter), one of them with CODE and WORDS."""
        assert self.code == 1, str(self)
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        assert lines, str(self)
        for line in lines:
            assert LOCATED.match(line) or CHATTER.match(line), f"unlocated line {line!r}\n{self}"
        matching = [m for m in self.problems() if m["code"] == code]
        assert matching, f"no problem [{code}]\n{self}"
        text = "\n".join(m.group(0) for m in matching)
        for word in words:
            assert word in text, f"{word!r} not in the [{code}] problems\n{self}"
        return self

    def usage(self, *words: str) -> Outcome:
        """Exit 2 with WORDS on standard error."""
        assert self.code == 2, str(self)
        for word in words:
            assert word in self.stderr, f"{word!r} not on stderr\n{self}"
        return self


class Hostile:
    """A scratch folder and the `ratings` command, for one case."""

    def __init__(self, folder: Path, timeout: float = 10.0):
        self.folder = folder
        self.timeout = timeout
        self._inputs: dict[Path, bytes] = {}
        self.env: dict[str, str] = {}

    # Files.
    def path(self, name: str) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write(self, name: str, content: str | bytes, *, output: bool = False) -> Path:
        path = self.path(name)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        if not output:
            self.inputs(path)
        return path

    def json(self, name: str, document, *, output: bool = False) -> Path:
        return self.write(name, json.dumps(document, indent=2, ensure_ascii=False), output=output)

    def copy(self, source: str | Path, name: str | None = None, *, output: bool = False) -> Path:
        """A copy of SOURCE (relative to the repository: examples/..., frameworks/...) in the scratch folder."""
        source = ROOT / source
        return self.write(name or source.name, source.read_bytes(), output=output)

    def example(self, name: str = "south-yorkshire-crc-2020.json") -> Path:
        return self.copy(f"examples/{name}")

    def load(self, name: str):
        return json.loads((self.folder / name).read_text("utf-8"))

    def fifo(self, name: str) -> Path:
        path = self.path(name)
        os.mkfifo(path)
        return path

    def symlink(self, name: str, target: Path) -> Path:
        path = self.path(name)
        path.symlink_to(target)
        return path

    def hardlink(self, name: str, target: Path) -> Path:
        path = self.path(name)
        os.link(target, path)
        return path

    def inputs(self, *paths: Path) -> None:
        """Mark PATHS as files no run may change."""
        for path in paths:
            self._inputs[Path(path)] = Path(path).read_bytes()

    # Running.
    def ratings(self, *args: str | Path, env: dict[str, str] | None = None, timeout: float | None = None,
                cwd: Path | None = None, stdin: bytes | None = None, limit_file_size: int | None = None) -> Outcome:
        """Run `ratings ARGS` in the scratch folder and hold it to the promises.

        LIMIT_FILE_SIZE: the most bytes the process may write to one file (RLIMIT_FSIZE), as on a full
        disk; SIGXFSZ is ignored in it, so a write past the limit fails with EFBIG instead of killing it.
        """
        args = tuple(str(a) for a in args)
        environment = {k: v for k, v in os.environ.items() if not k.startswith("RATINGS_")}
        environment.update({"RATINGS_DISABLE_PLUGINS": "all", "PYTHONIOENCODING": "utf-8"})
        environment.update(self.env)
        environment.update(env or {})
        environment = {k: v for k, v in environment.items() if v is not None}
        limit = timeout or self.timeout
        try:
            done = subprocess.run([sys.executable, "-m", "ratings_engine", *args], cwd=cwd or self.folder, env=environment,
                                  input=stdin if stdin is not None else b"", capture_output=True, timeout=limit,
                                  preexec_fn=_file_size_limit(limit_file_size) if limit_file_size is not None else None)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"ratings {' '.join(args)} did not finish in {limit} s (a hang)") from None
        outcome = Outcome(args, done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))
        assert done.returncode >= 0, f"the interpreter died of signal {-done.returncode}\n{outcome}"
        assert done.returncode in (0, 1, 2, 130), f"exit code outside 0/1/2/130\n{outcome}"
        assert "Traceback (most recent call last)" not in outcome.stderr + outcome.stdout, f"a traceback\n{outcome}"
        leftovers = [str(p) for p in self.folder.rglob(".*.tmp")]
        assert not leftovers, f"temporary files left behind: {leftovers}\n{outcome}"
        outcome.changed = [str(p) for p, before in self._inputs.items() if not _same(p, before)]
        assert not outcome.changed, f"inputs changed: {outcome.changed}\n{outcome}"
        return outcome


def _file_size_limit(size: int):
    def limit() -> None:
        import resource
        import signal

        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    return limit


def _same(path: Path, before: bytes) -> bool:
    try:
        return not path.is_symlink() and path.is_file() and path.read_bytes() == before
    except OSError:
        return False


def cases(root: Path) -> list[Path]:
    """Every case file under ROOT, by door and name."""
    return sorted(p for p in root.glob("*/*.py") if not p.name.startswith("_"))


def copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, dirs_exist_ok=True)
