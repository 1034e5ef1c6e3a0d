"""`python -m concept …`: the command-line entry point (see concept/cli.py)."""

import sys

from concept.cli import main

sys.exit(main())
