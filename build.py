"""`python build.py [command]` is the same program as the `glossator` console script."""

import sys

from glossator.cli import main

if __name__ == "__main__":
    sys.exit(main())
