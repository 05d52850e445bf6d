"""Commands that learn from and measure against gold files: eval, train."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kg.cli.app import app
from kg.cli.common import (
    FramesOnlyOpt,
    GazetteerOpt,
    ModelOpt,
    RelationsOpt,
    relations_choice,
    say,
)

if TYPE_CHECKING:
    from kg.extract.evaluation import EvalReport

GoldArg = Annotated[
    list[Path], typer.Argument(help="Gold files: JSON Lines articles with 'triples'")
]
AliasesOpt = Annotated[
    list[Path] | None,
    typer.Option("--aliases", help="JSON {canonical: [variants]} (repeatable)"),
]


@app.command("eval")
def evaluate(
    gold: GoldArg,
    aliases: AliasesOpt = None,
    folds: Annotated[
        int | None,
        typer.Option(
            "--folds",
            min=2,
            help="Cross-validate: train the relation scorer on K-1 folds of the gold "
            "articles, score the held one, for each fold",
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Shuffle of the folds")] = 13,
    train_extra: Annotated[
        list[Path] | None,
        typer.Option("--train-extra", help="--folds: gold files always trained on, never scored"),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List missed and wrong facts")
    ] = False,
    strict_implicit: Annotated[
        bool,
        typer.Option("--strict-implicit", help="Count missed 'implicit' gold facts against recall"),
    ] = False,
    include_planned: Annotated[
        bool,
        typer.Option("--include-planned", help="Score planned facts too ('plans to invest')"),
    ] = False,
    model: ModelOpt = None,
    gazetteer: GazetteerOpt = None,
    relations_model: RelationsOpt = None,
    frames_only: FramesOnlyOpt = False,
) -> None:
    """Precision, recall and F1 of extraction against gold facts, overall and per predicate.

    With --aliases, names match exactly as the shared scorer matches them (normalisation and
    the aliases files); without, through kg's gazetteer.
    """
    if folds is None:
        from kg.extract.evaluation import evaluate_files

        relations = relations_choice(relations_model, frames_only)
        report = evaluate_files(
            gold,
            aliases or (),
            model=model,
            gazetteer=gazetteer,
            relations=relations,
            implicit_optional=not strict_implicit,
            include_planned=include_planned,
        )
        _print_report(report, verbose=verbose, strict_implicit=strict_implicit)
        return
    if relations_model is not None or frames_only:
        raise typer.BadParameter(
            "--folds trains its own models: drop --relations-model/--frames-only"
        )
    from kg.extract.crossval import cross_validate
    from kg.extract.training import read_corpus
    from kg.vocabulary import RELATIONS, SYMMETRIC

    corpus = read_corpus(gold, aliases or (), model=model, gazetteer=gazetteer)
    extra = (
        read_corpus(train_extra, aliases or (), model=model, gazetteer=gazetteer)
        if train_extra
        else None
    )
    (cv,) = cross_validate(
        corpus.examples,
        corpus.matcher,
        predicates=sorted(RELATIONS),
        symmetric=sorted(SYMMETRIC),
        k=folds,
        seed=seed,
        extra=extra.examples if extra else (),
        implicit_optional=not strict_implicit,
        include_planned=include_planned,
    )
    typer.echo(f"{folds}-fold cross-validation over {len(corpus.examples)} articles (seed {seed})")
    _print_report(cv.combined, verbose=verbose, strict_implicit=strict_implicit)
    typer.echo("\nablation (micro P / R / F1 over the held folds):")
    for name, report in (
        ("frames only", cv.frames_only),
        ("model only", cv.model_only),
        ("frames + model", cv.combined),
    ):
        o = report.overall
        typer.echo(f"  {name:15} {o.precision:.3f}  {o.recall:.3f}  {o.f1:.3f}")


def _print_report(report: EvalReport, *, verbose: bool, strict_implicit: bool) -> None:
    from kg.cli.tables import render

    columns = ["predicate", "tp", "fp", "fn", "precision", "recall", "f1"]
    typer.echo(render(columns, report.rows(), "table"))
    if not strict_implicit:
        typer.echo(
            f"(implicit gold facts are optional: {report.optional_found} found; "
            "--strict-implicit counts misses)"
        )
    if verbose:
        typer.echo("\nMISSED")
        for g in report.missed:
            typer.echo(f"  [{g.doc}] {g.subject} -{g.predicate}-> {g.object}\n      {g.evidence}")
        typer.echo("\nWRONG")
        for f in report.wrong:
            fact = f"{f.subject.label} -{f.predicate}-> {f.object.label}"
            typer.echo(f"  [{f.doc}] {fact}  ({f.rule}, {f.confidence})\n      {f.evidence}")


@app.command()
def train(
    gold: GoldArg,
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder to write the model to")],
    aliases: AliasesOpt = None,
    l2: Annotated[
        float | None, typer.Option("--l2", min=0.0, help="L2 penalty (default 1)")
    ] = None,
    threshold: Annotated[
        float | None,
        typer.Option(
            "--threshold", min=0.0, max=1.0, help="Least probability of a new fact (default 0.6)"
        ),
    ] = None,
    frame_keep: Annotated[
        float | None,
        typer.Option(
            "--frame-keep",
            min=0.0,
            max=1.0,
            help="Least probability the model must give a frame's fact to keep it (default 0)",
        ),
    ] = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List the gold facts no candidate pair states")
    ] = False,
    model: ModelOpt = None,
    gazetteer: GazetteerOpt = None,
) -> None:
    """Train the relation scorer on gold files; use it with --relations-model DIR."""
    from kg.extract.training import read_corpus, train_model

    corpus = read_corpus(gold, aliases or (), model=model, gazetteer=gazetteer)
    settings = {"l2": l2, "threshold": threshold, "frame_keep": frame_keep}
    given: dict[str, float] = {name: v for name, v in settings.items() if v is not None}
    relation_model, report = train_model(corpus, **given)
    relation_model.to_disk(output)
    say(
        f"trained on {len(corpus.examples)} articles: {report.examples} pairs, "
        f"{report.positives} stating a gold fact, {report.masked} left out (fact stated "
        f"elsewhere); {len(report.unaligned)} gold facts no pair states"
    )
    if verbose:
        for doc, subject, predicate, object_ in report.unaligned:
            say(f"  unaligned [{doc}] {subject} -{predicate}-> {object_}")
    say(f"model written to {output}")
