"""``python -m akskit``: the same command line as the ``akskit`` script."""

import sys

from akskit.cli import main

sys.exit(main())
