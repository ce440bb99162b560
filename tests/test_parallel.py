"""Work spread over processes: the results of one process, in the order given."""

from __future__ import annotations

import os

import pytest

from ratings_engine.analysis import parallel


def _square_and_pid(item: int) -> tuple[int, int, int]:
    return item * item + parallel.shared()["offset"], os.getpid(), item


@pytest.mark.skipif(not parallel.can_fork(), reason="the platform cannot fork: the work is done in one process")
def test_workers_give_the_results_in_order_and_share_what_the_caller_set():
    items = list(range(40))
    spread = list(parallel.spread(_square_and_pid, items, 2, {"offset": 1}))
    assert [r[0] for r in spread] == [i * i + 1 for i in items]
    assert [r[2] for r in spread] == items
    assert os.getpid() not in {r[1] for r in spread}  # done by the workers, not here
    assert list(parallel.spread(_square_and_pid, items, 1, {"offset": 1}))[5][:1] == (26,)


def test_one_job_or_one_item_is_done_in_this_process():
    for jobs, items in ((1, [1, 2, 3]), (4, [3])):
        assert {pid for _, pid, _ in parallel.spread(_square_and_pid, items, jobs, {"offset": 0})} == {os.getpid()}

