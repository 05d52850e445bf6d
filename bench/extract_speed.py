"""Extraction speed: kg's pipeline against the bare spaCy pipeline, same model, same texts.

    python bench/extract_speed.py [FILES_OR_FOLDERS ...] [--repeat N] [--batch-size B]

Without inputs it uses the bundled example article. Texts are repeated until there are at
least ``--min-words`` words, then each pipeline processes them ``--repeat`` times; the best run
of each is reported (words/s by whitespace tokens), with the ratio to bare spaCy, for kg's
frames-only mode (``--frames-only``) and its default with the learned relation scorer.
"""

from __future__ import annotations

import argparse
import platform
import time

import spacy

from kg.extract import load_pipeline, resolve_model
from kg.ingest import read_articles
from kg.model import Article


def texts_from(paths: list[str], min_words: int) -> list[str]:
    articles = [a.text for a in read_articles(paths or [_example()]) if isinstance(a, Article)]
    texts, words = [], 0
    while words < min_words:
        for text in articles:
            texts.append(text)
            words += len(text.split())
    return texts


def _example() -> str:
    from kg.builder.demo import example_paths

    return str(example_paths()[0])


def best_rate(nlp, texts: list[str], repeat: int, batch_size: int) -> float:
    words = sum(len(t.split()) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=batch_size):
            pass
        best = min(best, time.perf_counter() - start)
    return words / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--min-words", type=int, default=50_000)
    args = parser.parse_args()

    texts = texts_from(args.inputs, args.min_words)
    model = resolve_model()
    bare = spacy.load(model)
    pipelines = {
        "bare": bare,
        "frames-only": load_pipeline(model, relations="frames-only"),
        "default": load_pipeline(model),
    }
    for nlp in pipelines.values():
        best_rate(nlp, texts[:20], 1, args.batch_size)  # warm up caches and lazy loads
    rates: dict[str, float] = {}
    # Alternate, so that drift in machine load hits every pipeline alike.
    for _ in range(2):
        for name, nlp in pipelines.items():
            rate = best_rate(nlp, texts, args.repeat, args.batch_size)
            rates[name] = max(rates.get(name, 0.0), rate)
    words = sum(len(t.split()) for t in texts)
    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, python {platform.python_version()}")
    print(f"model: {pipelines['default'].meta['kg_model']}; {len(texts)} texts, {words} words")
    for name, rate in rates.items():
        print(f"{name:12} {rate:8,.0f} words/s  ratio to bare {rate / rates['bare']:.3f}")


if __name__ == "__main__":
    main()
