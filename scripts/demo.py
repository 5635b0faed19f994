"""`make demo`: serve the bundled assembly.kz replica, crawl it, index it, search it, stop it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.replica.assembly_site import AssemblySite  # noqa: E402
from tests.replica.server import ReplicaServer  # noqa: E402

APKNEWS = str(Path(sys.executable).parent / "apknews")
QUERIES = [
    ["Тараз меморандум"],
    ["ассамблея", "--lang", "ru", "--limit", "3"],
    ["Assembly youth", "--limit", "3"],
    ["Қазақстан халқы Ассамблеясы", "--sort", "date", "--limit", "3"],
]


def run(*args: str) -> None:
    print("$ apknews " + " ".join(args), flush=True)
    subprocess.run([APKNEWS, *args], check=True)
    print(flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    # A fixed port keeps the replica's URLs stable, so a second demo finds nothing new to store.
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--data-dir", default=os.environ.get("APKNEWS_DATA_DIR", "data"))
    args = parser.parse_args()
    # The replica is ours, on loopback: no need to wait between requests as with a real site.
    os.environ.setdefault("APKNEWS_DOWNLOAD_DELAY", "0")
    # Offline: only the replica may be contacted, whatever other sources the config enables.
    os.environ["APKNEWS_ALLOWED_HOSTS"] = "127.0.0.1"
    site = AssemblySite(ROOT / "tests" / "replica" / "assembly" / "articles")
    try:
        server = ReplicaServer(site.handle, port=args.port)
    except OSError as exc:
        print(
            f"demo: cannot serve the replica on port {args.port}: {exc}; try `make demo DEMO_PORT=8766`",
            file=sys.stderr,
        )
        return 1
    with server:
        print(f"assembly.kz replica serving at {server.base_url}\n", flush=True)
        run(
            "--data-dir",
            args.data_dir,
            "crawl",
            "--source",
            "assembly",
            "--base-url",
            f"assembly={server.base_url}",
        )
        run("--data-dir", args.data_dir, "index")
        for query in QUERIES:
            run("--data-dir", args.data_dir, "search", *query)
        print(f"replica requests served: {len(server.requests)}")
    print(f"archive in {args.data_dir}/; try: .venv/bin/apknews search 'Дом дружбы'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
