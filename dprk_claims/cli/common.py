"""What the dataset commands share: the build's inputs from the options."""

from __future__ import annotations

import argparse

from dprk_claims.build.tasks import Inputs

from .problems import progress_reporter


def inputs(args: argparse.Namespace) -> Inputs:
    return Inputs(seeds=args.seeds, annotations=args.annotations, kb=args.kb, last_release=args.last_release,
                  keep_going=args.keep_going, engine=args.engine, workers=args.workers, scheduler=args.scheduler,
                  cache=None if args.no_cache else args.cache, progress=progress_reporter(), shard_articles=args.shard_articles)
