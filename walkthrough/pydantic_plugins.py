"""pydantic's plugin loader, imported only when a plugin may be loaded.

pydantic imports its plugin loader as it builds the first model class, and the loader
imports importlib.metadata (and with it email, zipfile, csv…: about 10 ms and 1.2 MiB of
every start that builds a model) even when PYDANTIC_DISABLE_PLUGINS turns every plugin off,
as the CLI does. While they are off, a stand-in is imported in the loader's place: it
answers "no plugins", as the loader itself would, and hands over to the loader if they are
turned on later.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import Any

LOADER = "pydantic.plugin._loader"
DISABLE_ENV = "PYDANTIC_DISABLE_PLUGINS"
_ALL_OFF = ("__all__", "1", "true")  # the values with which pydantic loads none


def _all_off() -> bool:
    return os.environ.get(DISABLE_ENV) in _ALL_OFF


def get_plugins() -> Iterable[Any]:
    if _all_off():
        return ()
    plugins: Iterable[Any] = _real_loader().get_plugins()
    return plugins


def _anything_else(name: str) -> Any:
    """What else a later pydantic may import from its loader: taken from the loader itself,
    so that a release that asks it for more than get_plugins still builds its models."""
    if name.startswith("__"):
        raise AttributeError(name)  # module protocol lookups (__path__, __file__…): not ours to give
    return getattr(_real_loader(), name)


_bypassing = False


def _real_loader() -> ModuleType:
    """pydantic's own loader, imported in the stand-in's place."""
    global _bypassing
    stand_in = sys.modules.get(LOADER)
    if stand_in is not None and stand_in.__spec__ is not None and stand_in.__spec__.loader is StandIn:
        del sys.modules[LOADER]
    _bypassing = True
    try:
        return importlib.import_module(LOADER)
    finally:
        _bypassing = False


class StandIn:
    """Finds and makes the stand-in (an import hook: sys.meta_path)."""

    @staticmethod
    def find_spec(
        name: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name != LOADER or _bypassing or not _all_off():
            return None
        return ModuleSpec(name, StandIn)  # type: ignore[arg-type]  # a Loader by its methods

    @staticmethod
    def create_module(spec: ModuleSpec) -> None:
        return None  # an ordinary module

    @staticmethod
    def exec_module(module: ModuleType) -> None:
        module.get_plugins = get_plugins  # type: ignore[attr-defined]
        module.__getattr__ = _anything_else  # type: ignore[method-assign]


def defer_plugin_loader() -> None:
    """Have the stand-in imported in the loader's place while plugins are off."""
    if StandIn not in sys.meta_path:
        sys.meta_path.insert(0, StandIn)
