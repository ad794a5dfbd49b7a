"""``python -m dprk_claims.cli``: the same as ``python build_dataset.py``."""

import sys

from .main import main

sys.exit(main())
