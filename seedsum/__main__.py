"""`python -m seedsum` and the `seedsum` command.

`--version` is answered here, before the command line's modules (pydantic models, the token
encodings) are imported: it should take no longer than starting Python.
"""

import sys

from ._version import __version__


def main() -> int:
    if sys.argv[1:] == ["--version"]:
        print(f"seedsum {__version__}")
        return 0
    from .cli import main as run

    return run()


if __name__ == "__main__":
    sys.exit(main())
