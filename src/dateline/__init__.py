"""dateline: news articles in, an evidence-linked event dataset out."""

import logging

from .config import Config
from .core import export, extract, extract_all, run
from .errors import DatelineError
from .model import Result

__version__ = "0.1.0"
__all__ = ["Config", "DatelineError", "Result", "__version__", "export", "extract", "extract_all", "run"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
