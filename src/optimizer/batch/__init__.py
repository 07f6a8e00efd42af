"""Many clients at once: `plan_many` and `preexhaust batch`, over the same solver as `plan`.

from optimizer import plan_many
batch = plan_many("examples/clients.csv", "out/batch", workers=2)
batch.summary()   # one row per client (pandas); batch.programs(): one row per exercise

Modules, one job each: `inputs` (folder / JSON Lines / sheet -> client mappings), `tasks` (one
solve as plain data), `engines` (serial, local process pool, Dask), `output` (the folder and
its atomic files), `results` (per-client results and totals), `progress` (bar or plain lines),
`runner` (`plan_many`: validation, resume, the run, the summary).
"""

from .engines import DaskEngine, LocalEngine, SerialEngine
from .inputs import COLUMNS, ClientInput, read_clients
from .results import STATUSES, BatchResult, ClientResult
from .runner import BatchInterrupted, plan_many

__all__ = [
    "COLUMNS",
    "STATUSES",
    "BatchInterrupted",
    "BatchResult",
    "ClientInput",
    "ClientResult",
    "DaskEngine",
    "LocalEngine",
    "SerialEngine",
    "plan_many",
    "read_clients",
]
