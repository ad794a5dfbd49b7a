"""The explorer page in headless Chromium (Debian's chromium, driven by Playwright; no browser download):
one highlight per claim, a click shows the right details, the filters work, and a hostile article runs
nothing. The test saves a screenshot (tests/artifacts/explorer.png) to look at."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ARTICLE_ID, ROOT, Project, annotation_file, claim_item

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (apt-get install chromium); .ci/run installs it")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
HOSTILE = ("<script>window.__pwned = 1</script> headline\n\n"
           "The envoy said <img src=x onerror=\"window.__pwned = 2\"> was a test.\n")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_page(browser: Any, path: Path) -> Any:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.requests = requests
    return page


def claims() -> list[dict[str, Any]]:
    return [json.loads(x) for x in (ROOT / "dataset" / "jsonl" / "claims.jsonl").read_text(encoding="utf-8").split("\n") if x]


def test_every_claim_is_highlighted_once_and_a_click_shows_its_details(browser: Any) -> None:
    page = open_page(browser, ROOT / "dataset" / "explorer.html")
    rows = claims()
    seen = 0
    for button in page.query_selector_all("button.article"):
        button.click()
        article_id = button.get_attribute("data-article-id")
        marks = page.query_selector_all("mark.claim")
        expected = sorted(c["claim_id"] for c in rows if c["article_id"] == article_id)
        assert sorted(m.get_attribute("data-claim-id") for m in marks) == expected
        seen += len(marks)
    assert seen == len(rows)
    # the diplomat → letter chain (1.3.0: AFP, to whom the diplomat spoke, is no longer a link)
    nested = next(c for c in rows if [x["speaker_kind"] for x in c["attribution"]["chain"]] == ["anonymous", "document"])
    page.click(f'button.article[data-article-id="{nested["article_id"]}"]')
    page.click(f'mark.claim[data-claim-id="{nested["claim_id"]}"]', position={"x": 2, "y": 5})
    details = page.inner_text("#details")
    assert nested["claim_id"] in details and nested["normalized"] in details
    for link in nested["attribution"]["chain"]:
        assert link["speaker_normalized"] in details
    assert f"author {nested['factuality']['author']}" in details
    Path(ROOT / "tests" / "artifacts").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "tests" / "artifacts" / "explorer.png"))
    assert [u for u in page.requests if not u.startswith("file:")] == []


def test_related_claim_link_opens_the_other_article(browser: Any) -> None:
    page = open_page(browser, ROOT / "dataset" / "explorer.html")
    link = json.loads((ROOT / "dataset" / "jsonl" / "claim_links.jsonl").read_text(encoding="utf-8").split("\n")[0])
    page.evaluate(f"showClaim({json.dumps(link['claim_id_a'])})")
    page.click(f'a.related[data-claim-id="{link["claim_id_b"]}"]')
    assert link["claim_id_b"] in page.inner_text("#details h2")
    assert page.query_selector(f'mark.claim.selected[data-claim-id="{link["claim_id_b"]}"]') is not None


def test_filters_dim_what_does_not_match(browser: Any) -> None:
    page = open_page(browser, ROOT / "dataset" / "explorer.html")
    rows = claims()
    page.select_option("#f-speaker", "Linda Thomas-Greenfield")
    total = sum(c["attribution"]["speaker_normalized"] == "Linda Thomas-Greenfield" for c in rows)
    assert f", {total} in all articles (" in page.inner_text("#shown")
    page.select_option("#f-speaker", "")
    page.select_option("#f-cw", "NFS")
    article = page.get_attribute("button.article.current", "data-article-id")
    lit = page.query_selector_all("mark.claim:not(.dim)")
    assert sorted(m.get_attribute("data-claim-id") for m in lit) == sorted(
        c["claim_id"] for c in rows if c["article_id"] == article and c["checkworthiness"] == "NFS")
    page.select_option("#f-type", "numerical")
    wanted = {c["claim_id"] for c in rows if "numerical" in c["claim_types"] and c["checkworthiness"] == "NFS"}
    assert all(m.get_attribute("data-claim-id") in wanted for m in page.query_selector_all("mark.claim:not(.dim)"))


@pytest.mark.parametrize("parts", [False, True], ids=["one-file", "many-part"])
def test_hostile_article_runs_nothing(browser: Any, project: Project, parts: bool) -> None:
    from conftest import ARTICLE

    project.seed(ARTICLE_ID, HOSTILE)
    data = annotation_file(HOSTILE.replace("The envoy said", "North Korea launched"), claims=[])
    data["text_sha256"] = __import__("hashlib").sha256(HOSTILE.encode()).hexdigest()
    data["claims"] = [claim_item(HOSTILE, "<img src=x onerror=\"window.__pwned = 2\"> was a test.")]
    data["metadata"]["paragraph_roles"] = [{"index": 0, "role": "headline", "evidence": "test"}]
    project.annotate(ARTICLE_ID, data)
    extra: list[str] = []
    if parts:  # a second article, and one article per shard: every data file is a script of its own
        project.seed("000_abcd", ARTICLE)
        extra = ["--shard-articles", "1"]
    result = project.run(*extra)
    assert result.returncode == 0, result.stderr
    files = [project.out / "explorer.html", *sorted((project.out / "explorer").glob("*.js"))]
    assert len(files) == (3 if parts else 1)
    for path in files[1:]:
        body = path.read_text(encoding="utf-8")
        assert "<" not in body and ">" not in body, path.name
    page = open_page(browser, project.out / "explorer.html")
    page.click(f'button.article[data-article-id="{ARTICLE_ID}"]')
    page.wait_for_selector("mark.claim")
    assert page.evaluate("window.__pwned === undefined")
    assert page.query_selector("main img") is None and page.query_selector("main script") is None
    assert "<script>window.__pwned = 1</script>" in page.inner_text("main")
    page.click("mark.claim")
    assert page.evaluate("window.__pwned === undefined")
    assert "onerror" in page.inner_text("#details")
    assert [u for u in page.requests if not u.startswith("file:")] == []


def test_a_claim_shows_its_verdicts_with_evidence(browser: Any) -> None:
    page = open_page(browser, ROOT / "dataset" / "explorer.html")
    verdicts = [json.loads(x) for x in (ROOT / "dataset" / "jsonl" / "verdicts.jsonl").read_text(encoding="utf-8").split("\n") if x]
    per_claim = Counter(v["claim_id"] for v in verdicts)
    one = next(v for v in verdicts if per_claim[v["claim_id"]] == 1 and v["evidence"] and v["later_evidence"])
    page.evaluate(f"showClaim({json.dumps(one['claim_id'])})")
    shown = page.inner_text("#details .verdict")
    assert f"{one['aspect']}: {one['label']}" in shown and one["evidence"][0]["quote"][:40] in shown
    assert page.get_attribute("#details .verdict a", "href") == one["evidence"][0]["url"]
    used, set_aside = shown.split("Published after the claim, not used for the label:")
    assert one["later_evidence"][0]["quote"][:40] in set_aside and one["later_evidence"][0]["quote"][:40] not in used


def test_every_quote_shows_its_fidelity_and_an_altered_one_its_source_and_diff(browser: Any) -> None:
    page = open_page(browser, ROOT / "dataset" / "explorer.html")
    rows = claims()
    quotes = {c["claim_id"]: c["fidelity"]["value"] for c in rows if c["fidelity"]["value"]}
    marked: dict[str, str] = {}
    for button in page.query_selector_all("button.article"):
        button.click()
        marks = page.query_selector_all("mark.claim[data-fidelity]")
        marked |= {m.get_attribute("data-claim-id"): m.get_attribute("data-fidelity") for m in marks}
    assert marked == quotes
    altered = next(c for c in rows if c["fidelity"]["value"] == "altered" and any(d["op"] == "replace" for d in c["fidelity"]["diff"]))
    page.evaluate(f"showClaim({json.dumps(altered['claim_id'])})")
    shown = page.inner_text("#details .fidelity")
    change = next(d for d in altered["fidelity"]["diff"] if d["op"] == "replace")
    assert shown.startswith("altered") and altered["fidelity"]["source_passage"] in shown
    assert [d.inner_text() for d in page.query_selector_all("#details .diff del")][0] == change["source"]
    assert page.get_attribute("#details .fidelity a", "href") == altered["fidelity"]["earliest_source"]["url"]
    lineage = page.inner_text(".meta .lineage")
    assert lineage.startswith("lineage: ")


@pytest.fixture(scope="module")
def parted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed corpus built with one article per shard: an index page and one data file per shard."""
    from dprk_claims import cli

    out = tmp_path_factory.mktemp("parted") / "dataset"
    args = ["--seeds", str(ROOT / "seeds"), "--annotations", str(ROOT / "annotations"), "--kb", str(ROOT / "kb" / "entities.json"),
            "--out", str(out), "--no-cache", "--shard-articles", "1"]
    assert cli.main(args) == 0
    return out


def test_a_many_part_page_loads_each_article_when_shown(browser: Any, parted: Path) -> None:
    parts = sorted(p.name for p in (parted / "explorer").iterdir())
    assert parts == [f"part-{k:05d}.js" for k in range(3)]
    assert '"claims":[' not in (parted / "explorer.html").read_text(encoding="utf-8")  # the index holds no claim
    page = open_page(browser, parted / "explorer.html")
    page.wait_for_selector("mark.claim")
    assert page.evaluate("document.querySelectorAll('script[src]').length") == 1  # only the first article's part
    rows = claims()
    for button in page.query_selector_all("button.article"):
        article_id = button.get_attribute("data-article-id")
        page.click(f'button.article[data-article-id="{article_id}"]')
        page.wait_for_selector(f'mark.claim[data-claim-id^="{article_id}:"]')
        marks = page.query_selector_all("mark.claim")
        expected = sorted(c["claim_id"] for c in rows if c["article_id"] == article_id)
        assert sorted(m.get_attribute("data-claim-id") for m in marks) == expected
    assert page.evaluate("document.querySelectorAll('script[src]').length") == 3
    page.select_option("#f-cw", "NFS")
    nfs = sum(c["checkworthiness"] == "NFS" for c in rows)
    assert f", {nfs} in all articles (" in page.inner_text("#shown")  # counted from the index, every part
    assert [u for u in page.requests if not u.startswith("file:")] == []


def test_a_claim_in_an_unloaded_part_opens_from_a_related_link(browser: Any, parted: Path) -> None:
    page = open_page(browser, parted / "explorer.html")
    page.wait_for_selector("mark.claim")
    link = json.loads((ROOT / "dataset" / "jsonl" / "claim_links.jsonl").read_text(encoding="utf-8").split("\n")[0])
    page.evaluate(f"showClaim({json.dumps(link['claim_id_b'])})")
    page.wait_for_selector(f'mark.claim.selected[data-claim-id="{link["claim_id_b"]}"]')
    assert link["claim_id_b"] in page.inner_text("#details h2")


def test_search_and_verdict_filters_and_the_detail_panel_clears_on_article_change(browser: Any) -> None:
    page = open_page(browser, ROOT / "dataset" / "explorer.html")
    rows = claims()
    verdicts = [json.loads(x) for x in (ROOT / "dataset" / "jsonl" / "verdicts.jsonl").read_text(encoding="utf-8").split("\n") if x]
    rarest = Counter(v["label"] for v in verdicts).most_common()[-1][0]
    refuted = {v["claim_id"] for v in verdicts if v["label"] == rarest}
    page.select_option("#f-verdict", rarest)
    assert f", {len(refuted)} in all articles (" in page.inner_text("#shown")
    page.click(f'button.article[data-article-id="{sorted(refuted)[-1].split(":")[0]}"]')
    lit = {m.get_attribute("data-claim-id") for m in page.query_selector_all("mark.claim:not(.dim)")}
    assert lit and lit <= refuted
    page.select_option("#f-verdict", "")
    word = "veto"
    page.click(f'button.article[data-article-id="{next(c["article_id"] for c in rows if word in c["text"].lower())}"]')
    page.fill("#f-text", word)
    article = page.get_attribute("button.article.current", "data-article-id")
    lit = {m.get_attribute("data-claim-id") for m in page.query_selector_all("mark.claim:not(.dim)")}
    assert lit == {c["claim_id"] for c in rows if c["article_id"] == article and
                   any(word in (x or "").lower() for x in (c["text"], c["normalized"], c["attribution"]["speaker_normalized"]))}
    page.fill("#f-text", "")
    page.click("mark.claim")
    assert page.inner_text("#details h2") != "Click a highlighted claim"
    other = next(b for b in page.query_selector_all("button.article") if "current" not in (b.get_attribute("class") or ""))
    other.click()
    assert page.inner_text("#details h2") == "Click a highlighted claim"
    legend = page.inner_text("#legend")
    assert all(t in legend for c in rows for t in c["claim_types"])
