"""dprk-unsc-claims: build an annotated claim dataset from news articles about the DPRK and the UN
Security Council. The command line is ``python build_dataset.py``; see README.md."""

__version__ = "0.1.0"
