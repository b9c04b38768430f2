"""Analyse: read the tables — shares with bootstrap CIs, aggregates, agreement with hand coding, evaluation."""

from climadiplo.analyse import aggregates, framing, shares, stats
from climadiplo.analyse.coding import agreement, export_sheet, import_sheet
from climadiplo.analyse.evaluate import evaluate, load_gold

__all__ = [
    "aggregates",
    "agreement",
    "evaluate",
    "export_sheet",
    "framing",
    "import_sheet",
    "load_gold",
    "shares",
    "stats",
]
