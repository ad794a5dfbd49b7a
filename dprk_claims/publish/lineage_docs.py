"""What the card and the DATASHEET say about lineage and quote fidelity, from the per-article summary rows
the build gathers as the shards stream past (``summary_row``) or from rows held in memory."""

from __future__ import annotations

from typing import Any

WARNING = """Seeds are not all original reporting. Each article's `lineage` names the report it derives from and how
the text relates to it (`original`, `syndicated`, `edited`, `rewritten`, `unknown`), and every direct or
mixed quote has `fidelity`: `verbatim`, `altered` or `unverified` against the earliest source found, with
its URL and date, and for `altered` the source's passage and a word-level diff.

{table}

Words in quotation marks are not necessarily the speaker's. In a `rewritten` text they were changed by the
rewrite, and an `altered` quote misquotes its speaker: it is itself a claim about what was said. Quote an
`unverified` quote only after finding the speaker's own words elsewhere. A `verbatim` quote in an `edited`
text can sit beside facts the edit changed (a name, a count, a dropped hedge): `lineage.evidence` lists
them. Check every quote and fact against `fidelity.earliest_source` and `lineage.originals`."""


def summary_row(article: dict[str, Any], claims: list[dict[str, Any]]) -> dict[str, Any]:
    """What the card and the DATASHEET say of one article's lineage: the relation, the originals and copies
    (agency, outlet, URL, date) and its quotes per fidelity value."""
    lin = article["lineage"]
    counts: dict[str, int] = {}
    for claim in claims:
        value = claim["fidelity"]["value"]
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    return {"relation": lin["relation"], "source": lin["source"],
            "originals": [[r["agency"], r["outlet"], r["url"], r["published"]] for r in lin["originals"]],
            "copies": [[r["agency"], r["outlet"], r["url"], r["published"]] for r in lin["copies"]], "fidelity": counts}


def table(rows: list[tuple[str, dict[str, Any]]]) -> str:
    """A Markdown table of the curated lineages (article id, summary_row), and a line for the rest."""
    def pages(items: list[list[Any]]) -> str:
        return "; ".join(f"{agency + ' via ' if agency else ''}{outlet}, {published or 'undated'}, <{url}>"
                         for agency, outlet, url, published in items) or "—"

    lines = ["| article | relation | derives from | published as | quotes: verbatim / altered / unverified |",
             "|---|---|---|---|---|"]
    curated = [(aid, r) for aid, r in rows if r["source"] is not None]
    for aid, r in curated:
        f = r["fidelity"]
        lines.append(f"| `{aid}` | {r['relation']} | {pages(r['originals'])} | {pages(r['copies'])} | "
                     f"{f.get('verbatim', 0)} / {f.get('altered', 0)} / {f.get('unverified', 0)} |")
    totals = {v: sum(r["fidelity"].get(v, 0) for _, r in rows) for v in ("verbatim", "altered", "unverified")}
    lines.append(f"| all | | | | {totals['verbatim']} / {totals['altered']} / {totals['unverified']} |")
    rest = len(rows) - len(curated)
    if rest:
        lines.append(f"\n{rest} article(s) have no curated lineage (relation `unknown`) and no quote fidelity.")
    return "\n".join(lines)


def section(rows: list[list[Any]]) -> str:
    """The card's section on lineage and quotes, from the summary rows (their last item is ``summary_row``'s)."""
    return WARNING.format(table=table([(row[0], row[6]) for row in rows]))
