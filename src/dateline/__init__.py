"""dateline: news articles in, an evidence-linked event dataset out."""

import logging

from .config import Config
from .core import extract, extract_all
from .errors import DatelineError
from .model import Result

__version__ = "0.1.0"
__all__ = ["Config", "DatelineError", "Result", "__version__", "extract", "extract_all"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
