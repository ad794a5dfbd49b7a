"""One cause, one problem: under --keep-going, a claim that failed to load is one problem, with a count of
the links and verdicts that name its claims, not one problem for each of them."""

from __future__ import annotations

import json

from conftest import ARTICLE, ARTICLE_ID, Project, annotation_file, write_verdicts

OTHER_ID = "102_f00d"
OTHER = ARTICLE.replace("officials said", "officials in Seoul said")
def two_linked_articles(project: Project, typo: bool) -> Project:
    """Two curated articles, a link between their claims and a verdict on each; typo: a bad label in the first."""
    project.seed(ARTICLE_ID, ARTICLE)
    project.seed(OTHER_ID, OTHER)
    first = annotation_file(ARTICLE)
    if typo:
        first["claims"][0]["checkworthiness"] = "maybe"
    project.annotate(ARTICLE_ID, first)
    project.annotate(OTHER_ID, annotation_file(OTHER, OTHER_ID))
    (project.annotations / "claim_links.json").write_text(json.dumps({"links": [
        {"claim_id_a": f"{ARTICLE_ID}:c001", "claim_id_b": f"{OTHER_ID}:c001", "relation": "repeats", "note": "same launch"}]}))
    write_verdicts(project, [f"{ARTICLE_ID}:c001", f"{OTHER_ID}:c001"])
    return project


def test_the_projects_build_without_the_typo(project: Project) -> None:
    result = two_linked_articles(project, typo=False).run("--no-cache")
    assert result.returncode == 0, result.stderr


def test_one_label_typo_is_one_problem_with_the_count_of_what_follows(project: Project) -> None:
    result = two_linked_articles(project, typo=True).run("--keep-going", "--no-cache")
    assert result.returncode == 1
    lines = result.stderr.replace(str(project.root) + "/", "").splitlines()
    assert len(lines) == 4, lines  # header, rule, one problem, summary
    assert lines[2].endswith(
        "must be one of ['CFS', 'UFS', 'NFS']. Fix: use one of 'CFS', 'UFS', 'NFS' (and 2 problems that follow from it: "
        "links and verdicts to claims of this article, which failed to load, in annotations/claim_links.json, "
        "annotations/verdicts/V1.json)")
    assert lines[-1] == "build failed with 1 problem(s); dataset was left as it was"


def test_the_count_is_in_the_json_too(project: Project) -> None:
    result = two_linked_articles(project, typo=True).run("--keep-going", "--json", "--no-cache")
    problems = json.loads(result.stderr.split("\nbuild failed")[0])
    assert [(p["code"], p["field"], p["follows"]) for p in problems] == [("schema", "checkworthiness", 2)]
    assert problems[0]["follows_what"].startswith("links and verdicts to claims of this article, which failed to load")


def test_a_claim_that_is_missing_for_another_reason_is_still_its_own_problem(project: Project) -> None:
    two_linked_articles(project, typo=True)
    (project.annotations / "verdicts").rename(project.root / "old-verdicts")
    write_verdicts(project, [f"{ARTICLE_ID}:c001", f"{OTHER_ID}:c009"])  # c009 of the article that loaded does not exist
    result = project.run("--keep-going", "--json", "--no-cache")
    problems = json.loads(result.stderr.split("\nbuild failed")[0])
    assert [(p["code"], p["follows"]) for p in problems] == [("schema", 2), ("no_verdict", 0), ("unknown_claim", 0)]
    assert problems[2]["record"] == f"verdict {OTHER_ID}:c009:content"
