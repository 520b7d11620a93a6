"""`python -m verbindtafel_desktop` is the same program as `verbindtafel`."""

import sys

from verbindtafel_desktop.cli import main

sys.exit(main())
