"""What the card and the DATASHEET say about how the labels were made, counted from the rows: articles,
claims, check-worthy claims and their verdicts by ``annotation.origin``. Generated, so that it never says
what the data contradicts (e.g. that every check-worthy claim has a verdict when automatic ones have none)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dprk_claims.publish.summary import Summary

ORIGIN_NOTES = {
    "curated": "a curated annotation file (`annotations/<article_id>.json`): two independent annotation passes adjudicated "
               "under the written guidelines, by the annotators `annotation.annotators` names (for the articles of the "
               "releases so far, separate language-model sessions; no human expert has reviewed every label)",
    "automatic": "the package's rule-based annotator (`dprk_claims/annotate/`), for articles with no curated annotation "
                 "file; no one has reviewed these labels, and its scores against the curated articles (in the repository's "
                 "README) were measured on the articles its rules were written against",
}


def origins() -> list[str]:
    """The values of annotation.origin, from the schema (the one source of truth)."""
    from dprk_claims.core.schemas import load

    values: list[str] = load("articles")["properties"]["annotation"]["properties"]["origin"]["enum"]
    return values


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def origin_text(summary: Summary) -> str:
    """What is machine-made and how, counted from the rows: articles, claims, check-worthy claims and
    verdicts by ``annotation.origin``, and the verdict coverage as a count."""
    per: dict[str, list[int]] = {o: [0, 0, 0] for o in origins()}
    for _aid, origin, n, cfs, *_ in summary.articles:
        row = per.setdefault(origin, [0, 0, 0])
        row[0], row[1], row[2] = row[0] + 1, row[1] + n, row[2] + cfs
    judged = {o: summary.judged.get(o, 0) for o in per}
    total = [sum(r[i] for r in per.values()) for i in range(3)] + [sum(judged.values())]
    lines = ["`annotation.origin`, on every article and claim, says where its labels come from:", "",
             "| `annotation.origin` | articles | claims | check-worthy (CFS) claims | CFS claims with a content verdict |",
             "|---|---|---|---|---|"]
    lines += [f"| `{o}` | {a} | {c} | {cfs} | {judged[o]} |" for o, (a, c, cfs) in per.items()]
    lines += [f"| all | {total[0]} | {total[1]} | {total[2]} | {total[3]} |", ""]
    lines += [f"- `{o}`: {ORIGIN_NOTES[o]}." for o in per if o in ORIGIN_NOTES]
    verb = "has" if total[3] == 1 else "have"
    lines += ["", f"{total[3]} of {plural(total[2], 'check-worthy (CFS) claim')} {verb} a content verdict" + _uncovered(per, judged) + "."]
    return "\n".join(lines)


def _uncovered(per: dict[str, list[int]], judged: dict[str, int]) -> str:
    """Which check-worthy claims have no verdict, by origin ('' when every one has one)."""
    missing = {o: per[o][2] - judged[o] for o in per if per[o][2] > judged[o]}
    if not missing:
        return ""
    verb = "has" if sum(missing.values()) == 1 else "have"
    return "; " + " and ".join(f"{plural(n, 'CFS claim')} of {o} articles" for o, n in missing.items()) + f" {verb} none"
