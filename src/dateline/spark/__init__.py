"""dateline on Apache Spark: the same pipeline over inputs too big for one machine, with the same results.

``run(inputs, output)`` cuts the inputs into parts (:func:`dateline.ingest.plan`: files, and byte ranges of big
JSONL and WARC files), runs each part as a Spark task through the pipeline (built once per Python worker), writes
the store's tables and the ACLED-like event table as Parquet (:mod:`dateline.store.parquet`), then merges the
events across articles with the store's rules as a Spark job. ``dateline import`` loads the output into a DuckDB
store for the API and the web page. Needs the ``spark`` extra (PySpark and a Java runtime).
"""

from ._run import SparkSummary, run, session

__all__ = ["SparkSummary", "run", "session"]
