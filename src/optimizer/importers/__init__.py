"""Import third-party exercise lists into our catalog format.

from optimizer.importers import import_free_exercise_db, write_catalog
exercises, report = import_free_exercise_db("exercises.json")
write_catalog(exercises, "my_catalog/")      # then load_catalog("my_catalog/")
"""

from .csv_import import import_csv
from .csv_mapping import ColumnMapping, load_mapping, parse_map_option
from .free_exercise_db import import_free_exercise_db
from .report import DroppedEntry, ImportReport
from .writer import write_catalog

__all__ = [
    "ColumnMapping",
    "DroppedEntry",
    "ImportReport",
    "import_csv",
    "import_free_exercise_db",
    "load_mapping",
    "parse_map_option",
    "write_catalog",
]
