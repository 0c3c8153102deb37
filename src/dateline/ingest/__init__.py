"""Ingest: readers for text, HTML, JSONL/CSV corpora and folders, and news-specific cleaning."""
