"""Learned layers of the automatic annotator: features, linear models stored as plain arrays, and their
training (run by :mod:`dprk_claims.curate.train`). Nothing here imports scikit-learn or spaCy at import time."""
