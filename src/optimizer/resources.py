"""Where the shipped data files live, in a wheel and in a source checkout alike."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def models_dir() -> Path:
    """The `models/` folder: inside the installed package first, else the checkout's top level.

    The wheel force-includes `models/` as `optimizer/models`; an editable install or running
    from the source tree finds the top-level folder instead.
    """
    packaged = Path(str(resources.files("optimizer"))) / "models"
    if (packaged / "muscles.yaml").is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "models"
    if (checkout / "muscles.yaml").is_file():
        return checkout
    raise FileNotFoundError(
        "the bundled models/ folder (exercises.csv, muscles.yaml, equipment.yaml) was not found; "
        "reinstall the package"
    )
