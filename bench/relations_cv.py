"""Extraction quality by document-level cross-validation: the ablation table of issue 12.

    python bench/relations_cv.py [--shared ../shared] [--folds 5] [--seed 13]

Scores, over the real passages of ``trainset`` + ``devset`` (5-fold, by document; with
``--synthnews`` the articles written for training join every training fold, never scored),
every gold fact counted (``--strict-implicit --include-planned``, the shared scorer's
matching): the frames alone, the learned scorer alone, both (kg's default), each with and
without the discourse step (the article's topic entity as a candidate for "it"/"the
company"), at several thresholds; then the per-predicate table of the default. Prints
Markdown for ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.extract.crossval import cross_validate
from kg.extract.evaluation import EvalReport
from kg.extract.training import DEFAULT_THRESHOLD, read_corpus
from kg.vocabulary import RELATIONS, SYMMETRIC


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--thresholds", default="0.2,0.3,0.4,0.5,0.6")
    parser.add_argument("--synthnews", action="store_true", help="train on synthnews too")
    args = parser.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]
    real = [args.shared / name / "articles.jsonl" for name in ("trainset", "devset")]
    sets = ("trainset", "devset", "synthnews") if args.synthnews else ("trainset", "devset")
    aliases = [args.shared / name / "aliases.json" for name in sets]
    extra = [args.shared / "synthnews" / "articles.jsonl"] if args.synthnews else []
    print("| discourse | threshold | frames only P/R/F1 | model only P/R/F1 | both P/R/F1 |")
    print("|---|---|---|---|---|")
    default = None
    for discourse in (True, False):
        start = time.perf_counter()
        corpus = read_corpus(real, aliases, discourse=discourse)
        runs = cross_validate(
            corpus.examples,
            corpus.matcher,
            predicates=sorted(RELATIONS),
            symmetric=sorted(SYMMETRIC),
            k=args.folds,
            seed=args.seed,
            extra=read_corpus(extra, aliases, discourse=discourse).examples if extra else (),
            thresholds=thresholds,
            implicit_optional=False,
            include_planned=True,
        )
        for cv in runs:
            cells = [_prf(r) for r in (cv.frames_only, cv.model_only, cv.combined)]
            row = f"| {'with' if discourse else 'without'} | {cv.threshold} | {' | '.join(cells)} |"
            print(row)
            if discourse and cv.threshold == DEFAULT_THRESHOLD:
                default = cv.combined
        print(f"<!-- discourse={discourse}: {time.perf_counter() - start:.0f} s -->", flush=True)
    if default is not None:
        print("\n| predicate | tp | fp | fn | P | R | F1 |\n|---|---|---|---|---|---|---|")
        for row in default.rows():
            print("| " + " | ".join(str(cell) for cell in row) + " |")


def _prf(report: EvalReport) -> str:
    o = report.overall
    return f"{o.precision:.3f} / {o.recall:.3f} / {o.f1:.3f}"


if __name__ == "__main__":
    main()
