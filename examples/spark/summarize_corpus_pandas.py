"""Summarise a JSONL corpus with Spark's mapInPandas and the Python package.

    spark-submit --master local[2] examples/spark/summarize_corpus_pandas.py \\
        --input shards/ --output out/ -n 3

The executors need the `abridge-rs` wheel in their Python. Each Arrow batch
of records goes through `Summarizer.summarize_batch` (every core of the
executor, the GIL released); the output has one JSON record per input
record: the summary (`sentences`, `spans` as UTF-8 byte offsets, as
`abridge batch` gives them) or `error`, with the other fields passed through.
A line Spark cannot read as JSON keeps its text in `_corrupt_record` and
gets an error too.
"""

from __future__ import annotations

import argparse
from typing import Any, Dict, Iterator, List

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql import types as T

import abridge


def summarize_partitions(sentences: int, columns: List[str]) -> Any:
    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        summarizer = abridge.Summarizer(sentences=sentences)
        for frame in batches:
            langs = frame["lang"] if "lang" in frame else None
            results = summarizer.summarize_batch(frame["text"], langs=langs)
            rows: List[Dict[str, Any]] = []
            for (_, record), result in zip(frame.iterrows(), results):
                row = {column: record[column] for column in columns}
                if isinstance(result, abridge.Summary):
                    row["sentences"] = result.texts
                    row["spans"] = [
                        {"start": e.byte_start, "end": e.byte_end} for e in result.sentences
                    ]
                    row["error"] = None
                elif record.get("_corrupt_record") is not None:
                    row.update(sentences=None, spans=None, error="malformed JSON")
                else:
                    row.update(sentences=None, spans=None, error=str(result))
                rows.append(row)
            yield pd.DataFrame(rows, columns=columns + ["sentences", "spans", "error"])

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("-n", "--sentences", type=int, default=3)
    args = parser.parse_args()

    spark = SparkSession.builder.appName("abridge-pandas").getOrCreate()
    records = spark.read.option("mode", "PERMISSIVE").json(args.input)
    if "text" not in records.columns:
        raise SystemExit("no record has a `text` field")
    # Every field but the text is passed through.
    kept = [field for field in records.schema.fields if field.name != "text"]
    span = T.StructType([T.StructField("start", T.LongType()), T.StructField("end", T.LongType())])
    schema = T.StructType(
        kept
        + [
            T.StructField("sentences", T.ArrayType(T.StringType())),
            T.StructField("spans", T.ArrayType(span)),
            T.StructField("error", T.StringType()),
        ]
    )
    summarize = summarize_partitions(args.sentences, [field.name for field in kept])
    records.mapInPandas(summarize, schema).write.mode("overwrite").json(args.output)
    spark.stop()


if __name__ == "__main__":
    main()
