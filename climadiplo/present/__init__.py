"""Present: the notebook session, citable figures (shared style, deterministic bytes), plots and the report."""

from climadiplo.present import figures, notebook, plots
from climadiplo.present.notebook import Parameters, Session, start, validate_parameters
from climadiplo.present.report import write_report

__all__ = ["Parameters", "Session", "figures", "notebook", "plots", "start", "validate_parameters", "write_report"]
