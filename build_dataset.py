"""Build the dprk-unsc-claims dataset. See README.md; `python build_dataset.py --help` lists the options."""

import sys

from dprk_claims.cli import main

if __name__ == "__main__":
    sys.exit(main())
