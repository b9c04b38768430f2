"""``python -m climadiplo``."""

import sys

from climadiplo.cli import main

sys.exit(main())
