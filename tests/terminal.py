"""What a program wrote to a pseudo-terminal, read until the terminal closes with it."""

from __future__ import annotations

import os
import select


def read_terminal(main: int, quiet_seconds: float = 120) -> bytes:
    """Everything written to the terminal whose main side is `main`, until the program closes it
    (or says nothing for `quiet_seconds`)."""
    output = b""
    while select.select([main], [], [], quiet_seconds)[0]:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        output += chunk
    return output
