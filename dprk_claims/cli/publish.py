"""``publish --repo-id OWNER/NAME``: upload the --out folder (a release) to the Hugging Face Hub and tag it."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "upload the --out folder (a release) to the Hugging Face Hub and tag it"
USES = ("out", "variant", "json")


def arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--repo-id", required=True, help="the Hub dataset repository, OWNER/NAME")
    p.add_argument("--dry-run", action="store_true", help="list exactly what would be sent, and send nothing")
    p.add_argument("--private", action="store_true", help="create the repository as private if it does not exist")


def run(args: argparse.Namespace, out: Path) -> None:
    from dprk_claims.release.publish import publish

    plan = publish(out, args.repo_id, args.dry_run, args.private)
    if args.dry_run:
        print("dry run, nothing sent:\n" + "\n".join(plan.lines()))
    else:
        print(f"published {plan.version} to https://huggingface.co/datasets/{plan.repo_id}, tagged {plan.tag}")
