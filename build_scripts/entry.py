"""Entry script of the frozen application: the same composition root as ``python -m companion``."""

import sys

from companion.__main__ import main

sys.exit(main())
