"""`python -m tests.limited_apknews BYTES ARGS…`: the apknews command with no file allowed past BYTES.

RLIMIT_FSIZE makes every write past BYTES fail with EFBIG, as a full disk fails with ENOSPC. The
language model is loaded first: it unpacks itself into a temporary file, which is not what is tested.
"""

import resource
import sys

from archive.extract.lang import detect_language


def main() -> None:
    limit = int(sys.argv[1])
    detect_language("Ассамблея народа Казахстана провела заседание в Астане. " * 20, None)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    sys.argv = ["apknews", *sys.argv[2:]]
    from apknews.app import main as apknews

    apknews()


if __name__ == "__main__":
    main()
