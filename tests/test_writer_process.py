"""A forked writer's failure as its parent raises it (indexer.writer_process): the same OSError, or
a RuntimeError with the writer's traceback."""

from __future__ import annotations

import errno
import multiprocessing

import pytest

from indexer.writer_process import failure_sent, raise_failure


def _failing_writer(send, failure: BaseException) -> None:
    with failure_sent(send.send):
        raise failure
    send.send(None)  # never reached


def _run(failure: BaseException) -> tuple[object, int]:
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_failing_writer, args=(send, failure))
    process.start()
    send.close()
    sent = receive.recv()
    process.join()
    return sent, process.exitcode


def test_an_os_error_is_raised_again_by_the_parent_and_the_writer_exits_1():
    sent, exitcode = _run(OSError(errno.ENOSPC, "No space left on device", "/index/MAIN_x.pst"))
    assert exitcode == 1
    with pytest.raises(OSError) as raised:
        raise_failure(sent, "the index writer process")
    assert raised.value.errno == errno.ENOSPC
    assert raised.value.strerror == "No space left on device"
    assert raised.value.filename == "/index/MAIN_x.pst"


def test_another_failure_is_a_runtime_error_with_the_writers_traceback():
    sent, exitcode = _run(ValueError("a document the writer could not read"))
    assert exitcode == 1
    with pytest.raises(RuntimeError, match="index writer process 1 failed") as raised:
        raise_failure(sent, "index writer process 1")
    assert "ValueError: a document the writer could not read" in str(raised.value)
    assert "_failing_writer" in str(raised.value)  # where it failed, in the writer


def test_nothing_sent_raises_nothing():
    raise_failure(None, "the index writer process")
