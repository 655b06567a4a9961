"""Locate files shipped with kg (ontology/, cypher/, data/) installed or in a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent


def resource_dir(package: str) -> Path:
    """Directory of `ontology`, `cypher`, `data` or `examples`, installed or from the checkout."""
    try:
        path = Path(str(resources.files(f"kg.{package}")))
        if path.is_dir():
            return path
    except ModuleNotFoundError:
        pass
    for candidate in (_CHECKOUT / package, _CHECKOUT / "kg" / package):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kg resource folder {package!r} not found")
