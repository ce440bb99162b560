"""Work spread over processes: the same results, in the same order, as in one process.

`--jobs N` forks N workers that inherit everything the parent has loaded (plugins, frameworks, a
sweep's variants), so nothing has to be sent to them but each item, and nothing loaded twice. Each
item's result comes back in the order the items were given, so the output is the same bytes
whatever N is. Where the platform cannot fork, the work is done in this process.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

#: What the work needs besides the item, set before the workers fork so that they inherit it.
_shared: dict[str, Any] = {}


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def spread(work: Callable[[Item], Result], items: Sequence[Item], jobs: int, shared: dict[str, Any]) -> Iterator[Result]:
    """WORK(item) for each of ITEMS, in order, over up to JOBS processes; WORK reads SHARED through shared().

    WORK must be a module-level function (the workers find it by name) whose result can be pickled.
    """
    share(shared)
    if jobs <= 1 or len(items) <= 1 or not can_fork():
        yield from map(work, items)
        return
    workers = min(jobs, len(items))
    # Chunks of a few items each: fewer round trips than one at a time, and still an even spread.
    chunk = max(1, len(items) // (workers * 8))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        yield from pool.map(work, items, chunksize=chunk)


def share(shared: dict[str, Any]) -> None:
    """Give the work SHARED, for work done in this process (spread() does this itself)."""
    _shared.clear()
    _shared.update(shared)


def shared() -> dict[str, Any]:
    """What the caller of spread() gave the work, in this process or a forked worker."""
    return _shared

