"""Ctrl-C during a long run (`ratings stability --resamples 1000000`): exit 130, one line, no traceback."""

import os
import signal
import subprocess
import sys
import time


def run(h):
    path = h.example("synthetic-crc-2019.json")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RATINGS_")}
    environment.update({"RATINGS_DISABLE_PLUGINS": "all", "PYTHONIOENCODING": "utf-8"})
    process = subprocess.Popen([sys.executable, "-m", "ratings_engine", "stability", str(path), "--resamples", "1000000"],
                               cwd=h.folder, env=environment, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(2.0)  # well past start-up, well before a million resamples are done
    assert process.poll() is None, "stability finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=10)
    stderr = stderr.decode("utf-8", "replace")
    assert process.returncode == 130, (process.returncode, stderr)
    assert "Traceback" not in stderr, stderr
    assert [line for line in stderr.splitlines() if line.strip()] == ["ratings: interrupted"], stderr
    assert not stdout, stdout
