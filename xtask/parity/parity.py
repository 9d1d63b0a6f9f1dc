#!/usr/bin/env python3
"""Checks that abridge's ROUGE agrees with Google's rouge-score.

Usage: parity.py [--tolerance T] [--min-pairs N] CORPUS.jsonl PER_DOC.jsonl [CORPUS PER_DOC ...]

Each PER_DOC file is the output of `abridge eval --per-doc` on CORPUS: one
line per (system, document) with the summary abridge scored (sentences
separated by newlines) and abridge's precision, recall and F1 for rouge1,
rouge2, rougeL and rougeLsum. This script scores the same summary against
the same references with rouge_score.RougeScorer(use_stemmer=True) and its
score_multi (the best reference per variant by F1), and compares every
number. It prints the largest difference per variant and exits 1 if any
difference exceeds the tolerance or there are too few pairs.
"""

import argparse
import json
import sys
import time

from rouge_score import rouge_scorer

VARIANTS = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
FIELDS = [("p", "precision"), ("r", "recall"), ("f", "fmeasure")]


def read_corpus(path):
    """Maps 1-based line numbers to records."""
    records = {}
    with open(path, encoding="utf-8") as corpus:
        for line_number, line in enumerate(corpus, start=1):
            if line.strip():
                records[line_number] = json.loads(line)
    return records


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tolerance", type=float, default=1e-6)
    parser.add_argument("--min-pairs", type=int, default=500)
    parser.add_argument("files", nargs="+", help="CORPUS PER_DOC pairs")
    args = parser.parse_args()
    if len(args.files) % 2:
        parser.error("give the files in pairs: CORPUS.jsonl PER_DOC.jsonl")

    scorer = rouge_scorer.RougeScorer(VARIANTS, use_stemmer=True)
    max_diff = {variant: 0.0 for variant in VARIANTS}
    worst = None
    pairs = 0
    multi = 0
    start = time.perf_counter()
    for corpus_path, per_doc_path in zip(args.files[::2], args.files[1::2]):
        records = read_corpus(corpus_path)
        corpus_pairs = 0
        with open(per_doc_path, encoding="utf-8") as per_doc:
            for line in per_doc:
                result = json.loads(line)
                references = records[result["line"]]["summaries"]
                summary = result["summary"]
                expected = scorer.score_multi(references, summary)
                pairs += 1
                corpus_pairs += 1
                multi += len(references) > 1
                for variant in VARIANTS:
                    for ours, theirs in FIELDS:
                        diff = abs(result[variant][ours] - getattr(expected[variant], theirs))
                        if diff > max_diff[variant]:
                            max_diff[variant] = diff
                        if worst is None or diff > worst[0]:
                            worst = (diff, per_doc_path, result["scorer"], result["line"], variant, ours)
        print(f"parity: {corpus_path}: {corpus_pairs} pairs")
    seconds = time.perf_counter() - start

    largest = max(max_diff.values())
    print(f"parity: {pairs} (reference, summary) pairs, {multi} with several references, "
          f"scored by rouge-score in {seconds:.1f} s")
    for variant in VARIANTS:
        print(f"parity: {variant:<9} largest |abridge - rouge-score| over P, R, F: {max_diff[variant]:.3g}")
    print(f"parity: largest difference {largest:.3g} (tolerance {args.tolerance:g})")
    if worst is not None and worst[0] > 0:
        print("parity: at {1}, scorer {2}, corpus line {3}, {4}.{5}".format(*worst))
    if pairs < args.min_pairs:
        print(f"parity: FAILED: only {pairs} pairs, at least {args.min_pairs} needed")
        return 1
    if largest > args.tolerance:
        print("parity: FAILED: abridge and rouge-score disagree")
        return 1
    print("parity: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
