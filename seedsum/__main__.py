"""`python -m seedsum`: the same as the `seedsum` command."""

import sys

from .cli import main

sys.exit(main())
