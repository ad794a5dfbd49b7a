"""The attribution figures of ``python build_dataset.py evaluate``: the committed model scored on PolNeAR dev
(never trained or tuned on), as a Markdown table for the README and DATASHEET."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dprk_claims.learn import polnear


def figures(data_dir: Path) -> dict[str, Any]:
    """Scores of the packaged attribution model on PolNeAR dev (read from ``data_dir``)."""
    from dprk_claims.annotate.frames import tagger
    from dprk_claims.core.errors import DatasetError, Problem
    from dprk_claims.learn.attribution_fit import figures as published
    from dprk_claims.learn.attribution_fit import predict_article

    if not (data_dir / "polnear" / "dev" / "text").is_dir():
        raise DatasetError([Problem(str(data_dir / "polnear" / "dev"), None, None, "no_data",
                                    "the PolNeAR dev split is not there (needed to score the attribution model)",
                                    hint="pass --data with the folder holding polnear/ (e.g. ../shared/data) or set $DPRK_CLAIMS_DATA")])
    dev = polnear.read(data_dir, "dev")
    scored = polnear.score(dev, [predict_article(tagger(), a.text) for a in dev])
    return published(scored, len(dev))


def _prf(part: dict[str, Any]) -> str:
    return f"{part['p']} / {part['r']} / {part['f1']}"


def markdown(fig: dict[str, Any]) -> str:
    head = [f"| PolNeAR dev ({fig['articles']} articles; US political news, out of domain; never trained or tuned on) "
            "| cue P / R / F1 | source P / R / F1 | content P / R / F1 |", "|---|---|---|---|"]
    rows = []
    for subset, label in (("all", "all attributions"), ("saying", "cue is a verb of saying")):
        for match in ("exact", "overlap"):
            cells = " | ".join(_prf(fig[subset][role][match]) for role in polnear.ROLES)
            rows.append(f"| {label} ({fig[subset]['cue']['n_gold']}), {match} spans | {cells} |")
    say = fig["saying"]
    rows.append(f"| cue is a verb of saying: source right on found cues / content token F1 | {say['source_right_of_found']} | – | "
                f"{say['content_token_f1']} |")
    return "\n".join(head + rows)


def docs_block() -> dict[str, str]:
    """The DATASHEET block of the learned attribution, from the committed manifest's figures."""
    from dprk_claims.curate.train import MODELS, read_manifest

    entry = read_manifest(MODELS)["models"].get("attribution")
    return {"models:attribution": markdown(entry["figures"]["polnear_dev"])} if entry else {}
