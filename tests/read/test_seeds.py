"""The seed articles are kept byte for byte as received."""

from __future__ import annotations

import hashlib

from conftest import ROOT

from dprk_claims.read.seeds import read_seeds

# sha256 of the files as given in ../shared/seeds/ (the article_id hex is not a hash of the content).
PINNED = {
    "000_f1b1ddaf935b3b0b.txt": "82c81375b6615ccb592b165e3b4f340473ece97171d6ee3e0c79161561edd4ae",
    "001_dcef56b5910aa8bc.txt": "adf098b941286d12d029b52c1de0fdaa619f9b79ffe038f91aa9cd02298ef3b1",
    "003_e937a408929e9cc6.txt": "1dfe30e88e546f017f3d5f633934d4fa5bada18d64a6c35f7bf2f24675ac9be0",
}


def test_seed_files_are_pinned() -> None:
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((ROOT / "seeds").glob("*.txt"))}
    assert found == PINNED


def test_text_is_decoded_exactly() -> None:
    for seed in read_seeds(ROOT / "seeds"):
        raw = (ROOT / "seeds" / seed["seed_file"]).read_bytes()
        assert seed["text"].encode("utf-8") == raw
        assert seed["text_sha256"] == PINNED[seed["seed_file"]]
        assert seed["article_id"] == seed["seed_file"][:-4]
