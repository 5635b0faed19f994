"""The second replicas, by source name: each source again with markup our config was not written for.

python -m replicas.variants inform      # serve one on loopback until Ctrl-C
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
from collections.abc import Callable
from typing import Any

from .assembly_variant import AssemblyVariant
from .feeds_variant import FeedsVariant
from .inform_variant import InformVariant
from .server import ReplicaServer
from .taraz_variant import TarazVariant

__all__ = ["VARIANTS", "main"]

VARIANTS: dict[str, Callable[[], Any]] = {
    "assembly": AssemblyVariant,
    "inform": InformVariant,
    "taraz-ank": TarazVariant,
    "ddakmo": FeedsVariant,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m replicas.variants",
        description="Serve the second replica of a source on loopback until interrupted.",
    )
    parser.add_argument("source", choices=sorted(VARIANTS))
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args(argv)
    with ReplicaServer(VARIANTS[args.source](), port=args.port) as server:
        print(f"{args.source} (second replica) at {server.base_url}", flush=True)
        print(f"crawl it: apknews crawl --source {args.source} --base-url {args.source}={server.base_url}")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
