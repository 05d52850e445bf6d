#!/usr/bin/env bash
# Retrain the relation model kg ships (kg/extract/trained) from the annotated corpora in
# ../shared: the real passages of trainset and devset, and the synthnews articles written for
# training. Deterministic: the same data and code give the same weights.
#
#   scripts/train_relations.sh [SHARED_DIR]     (default: ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
kg train \
  "$shared/trainset/articles.jsonl" "$shared/devset/articles.jsonl" \
  "$shared/synthnews/articles.jsonl" \
  --aliases "$shared/trainset/aliases.json" --aliases "$shared/devset/aliases.json" \
  --aliases "$shared/synthnews/aliases.json" \
  -o kg/extract/trained
