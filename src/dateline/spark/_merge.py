"""The cross-article merge of :mod:`dateline.store.merge` as a Spark job over a dataset's Parquet tables.

The same rules, in DataFrame form: candidate pairs are blocked on type, place, polarity and day (each event looks
for partners on each day of its window, as the DuckDB query does), kept when they share an actor on a side or, on
the same day, neither names someone the other contradicts; clusters are the connected components (up to
:data:`DRIVER_PAIRS` pairs by a union-find on the driver after one collect; beyond, by minimum-label propagation
in Spark, a few rounds: clusters are small); a cluster's id is the hash of its smallest (article, event), as
``store.merge`` gives a fresh store. Then each event's cluster row (articles, independent outlets, confidence) and
the event table with its cluster columns filled, partitioned by event month.
"""

from __future__ import annotations

import logging
from typing import Any

from ..store.merge import MAX_DAY_GAP, connected_components
from ..store.parquet import STORE_DIR, UNMERGED_DIR

LOGGER = logging.getLogger(__name__)

# Up to this many pairs the components are found on the driver (one collect, a union-find: what store.merge does);
# more are left to label propagation in Spark, a few jobs per round.
DRIVER_PAIRS = 2_000_000

# A component's label propagation stops after this many rounds at the latest (a chain of reports this long is
# not one event; the store's merge has no such limit, so the run says so if it is ever reached).
MAX_ROUNDS = 50


def _tables(spark: Any, root: str) -> dict[str, Any]:
    """The store tables a merge reads, each article's rows from one part only (the first part that holds it)."""
    from pyspark.sql import functions as F

    def read(path: str) -> Any:
        part = F.regexp_extract(F.input_file_name(), r"part-([0-9a-f]+)\.parquet", 1)
        return spark.read.parquet(path).withColumn("_part", part)

    def first_copy(frame: Any, key: str) -> Any:  # a join puts its keys first: keep the table's column order
        columns = [c for c in frame.columns if c != "_part"]
        return frame.join(keep.withColumnRenamed("id", key), [key, "_part"]).select(*columns)

    articles = read(f"{root}/{STORE_DIR}/articles")
    keep = articles.groupBy("id").agg(F.min("_part").alias("_part"))
    out = {"articles": first_copy(articles, "id")}
    for name, path in (
        ("events", f"{root}/{STORE_DIR}/events"),
        ("event_actors", f"{root}/{STORE_DIR}/event_actors"),
        ("unmerged", f"{root}/{UNMERGED_DIR}"),
    ):
        out[name] = first_copy(read(path), "article_id")
    return out


def _pairs(events: Any, event_actors: Any) -> Any:
    from pyspark.sql import functions as F

    day_like = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    ev = (
        events.where(
            F.col("place_geonameid").isNotNull()
            & (F.col("date_granularity") == "day")
            & F.col("date_value").rlike(day_like)
        )
        .withColumn("day", F.expr("try_cast(date_value AS DATE)"))
        .where(F.col("day").isNotNull())
        .withColumn("negated", F.col("factuality") == "negated")
        .select("article_id", "event_id", "type", "place_geonameid", "day", "negated")
    )
    named = event_actors.where(F.col("actor_id").isNotNull())
    sides = named.groupBy("article_id", "event_id").agg(
        F.collect_list(F.when(F.col("role") == "source", F.col("actor_id"))).alias("src"),
        F.collect_list(F.when(F.col("role") == "target", F.col("actor_id"))).alias("tgt"),
    )
    empty = F.array().cast("array<string>")
    ev = ev.join(sides, ["article_id", "event_id"], "left").select(
        *ev.columns, F.coalesce("src", empty).alias("src"), F.coalesce("tgt", empty).alias("tgt")
    )
    gaps = F.array(*[F.lit(g) for g in range(-MAX_DAY_GAP, MAX_DAY_GAP + 1)])
    a = ev.withColumn("gap", F.explode(gaps)).withColumn("near", F.date_add("day", F.col("gap"))).alias("a")
    b = ev.alias("b")
    joined = a.join(
        b,
        (F.col("a.type") == F.col("b.type"))
        & (F.col("a.place_geonameid") == F.col("b.place_geonameid"))
        & (F.col("a.negated") == F.col("b.negated"))
        & (F.col("b.day") == F.col("a.near"))
        & (F.col("a.article_id") < F.col("b.article_id")),
    )
    same_day_unnamed = (
        (F.col("a.day") == F.col("b.day"))
        & ((F.size("a.src") == 0) | (F.size("b.src") == 0))
        & ((F.size("a.tgt") == 0) | (F.size("b.tgt") == 0))
    )
    share = F.coalesce(F.arrays_overlap("a.src", "b.src"), F.lit(False)) | F.coalesce(
        F.arrays_overlap("a.tgt", "b.tgt"), F.lit(False)
    )
    return joined.where(share | same_day_unnamed).select(_key("a").alias("u"), _key("b").alias("v"))


def _key(alias: str) -> Any:
    """An event's key as one string that sorts as the (article_id, event_id) pair does (NUL sorts first)."""
    from pyspark.sql import functions as F

    return F.concat(F.col(f"{alias}.article_id"), F.lit("\u0000"), F.col(f"{alias}.event_id"))


def _components(pairs: Any) -> Any:
    """(key, label): each event of a pair with the smallest key of its connected component."""
    from pyspark.sql import functions as F

    edges = pairs.union(pairs.select(F.col("v").alias("u"), F.col("u").alias("v"))).distinct().localCheckpoint()
    labels = edges.groupBy("u").agg(F.least(F.min("v"), F.first("u")).alias("label")).localCheckpoint()
    for _ in range(MAX_ROUNDS):
        spread = edges.join(labels.withColumnRenamed("u", "v"), "v").groupBy("u").agg(F.min("label").alias("near"))
        new = labels.join(spread, "u", "left").select("u", F.least("label", F.coalesce("near", "label")).alias("label"))
        new = new.localCheckpoint()
        changed = new.join(labels.withColumnRenamed("label", "old"), "u").where(F.col("label") != F.col("old")).count()
        labels = new
        if not changed:
            break
    else:
        LOGGER.warning("cluster labels still moving after %d rounds; the clusters may be split", MAX_ROUNDS)
    return labels


def _driver_components(spark: Any, pairs: list[Any]) -> Any:
    """(key, label) by the store merge's union-find over collected pairs: each key with the smallest of its
    component."""
    rows = [(key, first) for first, keys in connected_components(pairs).items() for key in keys]
    return spark.createDataFrame(rows, "u string, label string")


def merge(spark: Any, root: str) -> dict[str, int]:
    """Write ``clusters/`` and ``events/`` of the dataset at ``root``; returns counts of events and clusters."""
    from pyspark.sql import functions as F

    t = _tables(spark, root)
    pairs = _pairs(t["events"], t["event_actors"])
    few = pairs.limit(DRIVER_PAIRS + 1).collect()
    if len(few) <= DRIVER_PAIRS:
        labels = _driver_components(spark, [(r["u"], r["v"]) for r in few])
    else:
        labels = _components(pairs)
    first = F.split(F.col("label"), "\u0000")
    comp = labels.select(
        F.split(F.col("u"), "\u0000").getItem(0).alias("article_id"),
        F.split(F.col("u"), "\u0000").getItem(1).alias("event_id"),
        F.substring(F.sha2(F.concat(first.getItem(0), F.lit("\u001f"), first.getItem(1)), 256), 1, 16).alias("cid"),
    )
    arts = t["articles"].select(F.col("id").alias("article_id"), "site", "url")
    members = (
        t["events"]
        .join(arts, "article_id")
        .join(comp, ["article_id", "event_id"], "left")
        .select(
            "article_id",
            "event_id",
            F.coalesce("cid", F.concat("article_id", F.lit(":"), "event_id")).alias("cluster_id"),
            F.coalesce("site", "outlet", F.regexp_extract("url", "^[a-z]+://([^/]+)", 1), "article_id").alias("outlet"),
            F.least(F.greatest(F.col("confidence"), F.lit(0.0)), F.lit(0.99)).alias("confidence"),
        )
    ).localCheckpoint()
    by_outlet = members.groupBy("cluster_id", "outlet").agg(F.max("confidence").alias("confidence"))
    counts = members.groupBy("cluster_id").agg(F.countDistinct("article_id").alias("n_articles"))
    outlets = by_outlet.groupBy("cluster_id").agg(
        F.count(F.lit(1)).alias("n_outlets"),
        (F.round((1 - F.exp(F.sum(F.log(1 - F.col("confidence"))))) * 1000, 0) / 1000).alias("cluster_confidence"),
    )
    clusters = (
        members.join(counts, "cluster_id")
        .join(outlets, "cluster_id")
        .select(
            "article_id",
            "event_id",
            "cluster_id",
            F.col("n_articles").cast("int"),
            F.col("n_outlets").cast("int"),
            "cluster_confidence",
        )
    )
    clusters = clusters.localCheckpoint()
    clusters.write.mode("overwrite").parquet(f"{root}/clusters")
    unmerged = t["unmerged"]
    fill = clusters.select(
        "article_id",
        F.col("event_id").alias("event_id_cnty"),
        F.col("cluster_id").alias("_cluster_id"),
        F.col("n_articles").cast("bigint").alias("_reports"),
        F.col("n_outlets").cast("bigint").alias("_outlets"),
        F.col("cluster_confidence").alias("_cluster_confidence"),
    )
    cols = []
    for name in unmerged.columns:
        if name in ("cluster_id", "reports", "outlets", "cluster_confidence"):
            cols.append(F.coalesce(F.col(f"_{name}"), F.col(name)).cast(unmerged.schema[name].dataType).alias(name))
        else:
            cols.append(F.col(name))
    events = unmerged.join(fill, ["article_id", "event_id_cnty"], "left").select(*cols)
    events.write.mode("overwrite").partitionBy("event_month").parquet(f"{root}/events")
    row = clusters.agg(
        F.count(F.lit(1)).alias("events"),
        F.countDistinct(F.when(F.col("n_articles") > 1, F.col("cluster_id"))).alias("clusters"),
    ).first()
    return {"events": int(row["events"]), "clusters": int(row["clusters"])}
