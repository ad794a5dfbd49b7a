"""The catalog of problem codes: every ``Problem.code`` the library uses, what it means and the usual fix.

The README's "Error codes" table is generated from it (``markdown``), ``Problem`` refuses a code that is not
here, and a test checks that every code passed to ``Problem(...)`` is listed and every listed code is used.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    means: str  # what is wrong, in one line
    fix: str  # the typical fix, in one line (each problem's own hint is more precise)


_ENTRIES = [
    # files and folders
    ("cannot_read", "a file or folder could not be read (missing, no permission, not a file)", "check the path and permissions"),
    ("cannot_write", "a file or folder could not be written (disk full, read-only, no permission)", "free space or write elsewhere"),
    ("unreadable", "a seed file cannot be read", "check the file's permissions and the disk"),
    ("symbolic_link", "an input is a symbolic link; inputs are read only from plain files", "copy the file instead of linking it"),
    # seeds
    ("no_seeds_dir", "the seed folder does not exist", "pass --seeds with the folder of article files"),
    ("no_seeds", "the seed folder holds no seed files", "add articles named NNN_<hex>.txt"),
    ("bad_file_name", "a file in the seed folder is not named like a seed", "rename it NNN_<hex>.txt (see `name`)"),
    ("not_a_file", "named like a seed, but a folder or a broken link", "put the article text in a plain file"),
    ("huge_file", "a seed file is larger than one article can be", "put one article in each seed file"),
    ("empty_file", "a seed file is empty or only whitespace", "put the article text in it, or remove it"),
    ("byte_order_mark", "a seed file starts with a UTF-8 byte-order mark", "save it as UTF-8 without a BOM"),
    ("invalid_utf8", "a file is not valid UTF-8", "re-save it as UTF-8"),
    ("carriage_return", "a seed file has CR or CRLF line endings", "convert the line endings to LF"),
    ("nul_byte", "a seed file contains a NUL character", "remove the NUL bytes"),
    ("control_character", "a seed file holds a control character other than newline and tab", "remove the character"),
    ("no_letters", "a seed file holds no letters", "put the article text in the file, or remove it"),
    # JSON inputs and schemas
    ("bad_json", "a JSON input cannot be parsed strictly (syntax, duplicate key, NaN, huge number, depth)", "fix the JSON at that place"),
    ("schema", "a record breaks its JSON Schema", "give the field a value the schema allows"),
    ("offset_type", "an offset is not a whole number", "write offsets as integers, e.g. 23 rather than 23.0"),
    ("missing_language", "an article's language is null", "give a BCP 47 tag such as 'en'"),
    # annotation files
    ("orphan_annotation", "an annotation file has no seed file", "add the seed, or move the annotation file away"),
    ("wrong_article", "an annotation file's article_id does not match its file name", "rename the file or fix article_id"),
    ("text_changed", "the annotations were made for a different text of the article", "re-check the spans, then update text_sha256"),
    ("duplicate_id", "an id is used twice", "give the record a new, never used id"),
    ("offset_range", "an offset or paragraph index lies outside the article", "use an offset or index inside the text"),
    ("span_mismatch", "a span's text is not the article text at its offsets", "copy the span from the article text at those offsets"),
    ("unicode_mismatch", "a span looks like the article text but its Unicode differs", "copy the span from the seed text itself"),
    ("untrimmed_span", "a span is empty or starts or ends with whitespace", "trim the span"),
    ("crosses_paragraph", "a span is not inside one paragraph", "split it at the paragraph break"),
    ("excluded_paragraph", "a claim comes from a paragraph role that holds no claims", "remove the claim, or fix the paragraph role"),
    ("outside_claim", "an entity, time or quantity span is not inside its claim", "annotate only inside the claim span"),
    ("bad_timex", "a time value is not a real TIMEX3 / ISO 8601 date", "write a calendar date, or null when unknown"),
    ("bad_sentence", "a sentence crosses its paragraph's end, is empty or untrimmed", "trim it and keep it in one paragraph"),
    ("sentence_coverage", "the sentences do not cover a paragraph exactly once", "list sentences without gaps or overlaps"),
    ("hash_mismatch", "a record's text hash does not match its text", "rebuild from the seed file"),
    ("bad_pass", "an annotation pass file is not a list of claims with offsets", "write the pass as an annotation file"),
    # knowledge base
    ("no_kb", "the knowledge base file is not there", "pass --kb with kb/entities.json"),
    ("bad_kb", "the knowledge base cannot be read", "fix or restore the knowledge base file"),
    ("bad_qid", "a value is not a Wikidata QID", "write Q and the item's number, or null"),
    ("unknown_kb_id", "an entity's kb_id is not in the knowledge base", "add the entity to the knowledge base or fix the id"),
    # links, verdicts, lineage
    ("unknown_article", "no seed article has this article_id", "add the seed, or remove what names it"),
    ("unknown_claim", "the article has no claim with this id", "use the id of an existing claim"),
    ("same_article", "a link joins two claims of the same article", "link claims of two different articles"),
    ("no_verdict", "a check-worthy (CFS) claim has no content verdict", "add a verdict, or Not Enough Evidence with the search"),
    ("not_checkworthy", "a verdict is for a claim that is not CFS", "judge only claims labelled CFS"),
    ("no_speaker", "an attribution verdict for a claim in the article's own voice", "give it a content verdict only"),
    ("no_evidence", "a verdict has no evidence published by the claim's date", "cite earlier evidence, or Not Enough Evidence"),
    ("no_search", "a Not Enough Evidence verdict does not say what was searched", "list the queries and sources tried"),
    ("source_kind", "an evidence item has an unknown kind of source", "use one of the listed source kinds"),
    ("date_rule", "after_claim is given although the dates decide it", "remove after_claim; give it only for undated pages"),
    ("bad_quote", "an evidence quote is not one or two sentences", "quote one or two sentences exactly"),
    ("not_rejudged", "the second judge has no label for a verdict", "have the second judge label every verdict"),
    ("unadjudicated", "the two judges disagree and no decision is recorded", "add the decision to adjudication.json"),
    ("orphan_lineage", "a lineage entry names an article with no seed file", "add the seed, or remove the entry"),
    ("no_original", "a derived text does not name the report it derives from", "add the original, or set relation to unknown"),
    ("original_with_originals", "an original text lists reports it derives from", "list them under copies instead"),
    ("not_a_quote", "a fidelity entry is for a claim that is not a direct or mixed quote", "remove it, or fix quote_type"),
    ("not_in_span", "the quoted words are not in the claim's text", "copy the quoted words exactly from the claim"),
    ("no_source", "a verbatim or altered quote has no earliest source and passage", "give the source, or set value to unverified"),
    ("passage_unverified", "an unverified quote has a source passage", "set value to verbatim or altered, or drop the passage"),
    ("not_verbatim", "a quote marked verbatim differs from its source passage", "set value to altered"),
    ("not_altered", "a quote marked altered is its source passage word for word", "set value to verbatim"),
    ("altered_not_checkworthy", "an altered quote is not labelled as a check-worthy claim", "label it CFS with an attribution verdict"),
    ("no_fidelity", "a direct or mixed quote has no fidelity entry", "add its fidelity (verbatim, altered or unverified)"),
    # Label Studio
    ("bad_export", "a Label Studio export is not a list of tasks", "export the project again as JSON"),
    ("duplicate_task", "two tasks of an export are for the same article", "keep one task per article, then export again"),
    ("unknown_label", "a region uses a label the labeling config does not have", "use the config of `labelstudio config`"),
    ("empty_annotation", "a submitted annotation holds no claim regions", "draw the claims, or skip the task"),
    ("changed_since_export", "the annotation file changed since the tasks were exported", "export again, or import with --force"),
    # the built dataset, check, verify
    ("stale_dataset", "the committed dataset differs from what the build makes", "rebuild and commit the dataset folder"),
    ("no_manifest", "the folder has no MANIFEST.json", "verify a folder written by the build"),
    ("bad_manifest", "MANIFEST.json is not one this tool writes", "restore it from the release, or rebuild"),
    ("missing_file", "a file listed in MANIFEST.json is missing", "restore the file, or rebuild"),
    ("extra_file", "a file is not listed in MANIFEST.json", "remove it"),
    ("changed_file", "a file's sha256 differs from MANIFEST.json", "restore the file, or rebuild"),
    ("path_escapes", "a MANIFEST.json path leaves the dataset folder", "restore the manifest from the release"),
    # releases
    ("dirty_build", "the committed dataset is not what the build makes, so no release is cut", "rebuild, commit dataset/, release again"),
    ("uncommitted", "the inputs' git checkout has uncommitted changes", "commit them, or pass --allow-dirty"),
    ("no_git", "git cannot be run, so the inputs' commit is unknown", "install git, or pass --allow-dirty"),
    ("not_a_checkout", "the inputs are not in a git checkout", "release from a git clone, or pass --allow-dirty"),
    ("automatic_annotations", "the release would hold automatically annotated articles", "curate them, or pass --allow-automatic"),
    ("breaking_schema_change", "a schema change breaks readers but the release is not MAJOR", "release the next MAJOR, or undo it"),
    ("schema_version_not_raised", "a schema changed but its x-schema-version was not raised enough", "raise x-schema-version"),
    ("version_not_up", "the release version does not go up from the last release", "use a higher version"),
    ("version_too_low", "the release level is lower than the changes need", "release the version named in the message"),
    ("dated_before_last", "the release date is before the last release's", "date it on or after the last release"),
    ("nothing_to_release", "the release would hold exactly what the last release holds", "change the data or schemas first"),
    ("bad_release_file", "release.json is not one this tool writes", "restore last-release/ from the repository"),
    # text-free variant and rehydration
    ("reference_marker", "a string holds a bracket the text-free variant reserves", "replace the bracket in the annotation"),
    ("not_text_free", "the folder is not a text-free variant", "rehydrate a folder built with --text-free"),
    ("schema_mismatch", "the variant was built with other schemas than this code", "check out the release's code first"),
    ("no_copies", "the folder of article copies is not there", "pass the folder that holds your copies"),
    ("missing_copy", "there is no copy of an article", "put your copy of the article in the copies folder"),
    ("copy_mismatch", "a copy differs from the text the annotations were made on", "use the exact text (see the hint's difference)"),
    # publishing
    ("bad_repo_id", "--repo-id is not a Hub repository id", "write it as OWNER/NAME"),
    ("not_released", "the folder is not a release", "cut a release first, or build from a release tag"),
    ("hub_timeout", "the Hugging Face Hub did not answer in time", "check the network, then publish again"),
    ("hub_unreachable", "the Hugging Face Hub cannot be reached", "check the network, proxy and HF_ENDPOINT"),
    ("hub_error", "the Hugging Face Hub refused the upload", "log in with write access and check the repository"),
    # models and evaluation
    ("no_model", "a learned model the annotator needs is missing", "reinstall the package, or train it: python build_dataset.py train"),
    ("no_data", "a training or evaluation corpus is not there", "point --data or DPRK_CLAIMS_DATA at the corpora"),
]

CATALOG: dict[str, Code] = {code: Code(code, means, fix) for code, means, fix in _ENTRIES}


def markdown() -> str:
    """The README's "Error codes" table, in catalog order."""
    lines = ["| code | what is wrong | usual fix |", "|---|---|---|"]
    return "\n".join(lines + [f"| `{c.code}` | {c.means} | {c.fix} |" for c in CATALOG.values()])
