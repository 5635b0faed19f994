"""A forked index writer's end: it dies with its parent, and sends its failure for the parent to raise.

A rebuild's writers (indexer.rebuild) and an update's fork (indexer.update_split) report alike: an
OSError (a full disk, a quota, a file size limit) as (errno, strerror, filename), which the parent
raises as that OSError and the CLI says in one line; anything else as its traceback, which the
parent raises as a RuntimeError.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(parent_pid: int) -> None:
    """Have the kernel kill this worker when its parent dies, kill -9 included (Linux): a killed
    writer's parent must not leave it writing into a folder the next rebuild removes."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the kernel was asked
        os.kill(os.getpid(), signal.SIGKILL)


@contextlib.contextmanager
def failure_sent(send: Callable[[object], None]) -> Iterator[None]:
    """In a writer process: run the body; if it fails, `send` the failure (see raise_failure).
    An OSError ends the process with status 1 and no traceback (the parent raises it); anything
    else is raised again after it was sent."""
    try:
        yield
    except OSError as exc:
        with contextlib.suppress(Exception):
            send((exc.errno, exc.strerror, exc.filename))
        sys.exit(1)
    except BaseException:
        with contextlib.suppress(Exception):
            send(traceback.format_exc())
        raise


def raise_failure(failure: object, writer: str) -> None:
    """In the parent: raise what failure_sent sent (nothing when `failure` is None); `writer` names
    the process in the error."""
    if isinstance(failure, tuple):
        raise OSError(*failure)
    if failure:
        raise RuntimeError(f"{writer} failed:\n{failure}")
