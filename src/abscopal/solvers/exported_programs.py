"""Solver programs traced once per input shape and kept on disk (``jax.export``).

The persistent compilation cache spares the XLA compile of a solver program, but every new
process still traces the diffrax solve in Python before it can look the program up: about 3 s
of the 6 s a warm ``abscopal simulate`` took. Here the traced program is exported (StableHLO,
``jax.export``) and serialized beside the compilation cache the first time a shape is solved;
a later process deserializes it and calls it, and the compiled executable comes from the
compilation cache. The key of a program is everything that decides what is traced: the source
of the package, the JAX version, the platform, the solver options and the shapes and dtypes of
the inputs. A program that cannot be exported, serialized or read falls back to the traced
solve, which gives the same numbers (tested).
"""

from __future__ import annotations

import hashlib
import os
import threading
import warnings
from collections.abc import Callable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jax

from abscopal._jax_setup import compilation_cache_dir
from abscopal.staging import staged_file

DISABLE_VARIABLE = "ABSCOPAL_DISABLE_EXPORTED_PROGRAMS"
MAX_KEPT = 32  # programs held in memory by one process (a long-running server sees many shapes)
_programs: dict[str, Any] = {}  # key -> jax.export.Exported, this process, oldest first
_lock = threading.Lock()


TRACED_LIBRARIES = ("jax", "jaxlib", "diffrax", "equinox", "lineax", "optimistix")


@cache
def _library_versions() -> str:
    """The versions of the libraries whose code is traced into a solver program."""
    from importlib import metadata

    versions = []
    for name in TRACED_LIBRARIES:
        try:
            versions.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}==absent")
    return ",".join(versions)


@cache
def _source_digest() -> str:
    """SHA-256 over the package's Python sources (a changed model traces a new program)."""
    digest = hashlib.sha256()
    root = Path(str(resources.files("abscopal")))
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def exported_directory() -> Path:
    """Where the serialized programs live (beside the compilation cache)."""
    return compilation_cache_dir().parent / "exported"


def _enabled() -> bool:
    if os.environ.get(DISABLE_VARIABLE) or os.environ.get("ABSCOPAL_DISABLE_COMPILATION_CACHE"):
        return False
    try:
        import flatbuffers  # noqa: F401  (jax.export serialization needs it)
    except ImportError:
        return False
    return True


def program_key(name: str, static: Any, leaves: list[Any], treedef: Any) -> str:
    """The key of the program ``name`` for these static options and input leaves."""
    parts = [
        name,
        repr(static),
        str(treedef),
        _library_versions(),
        jax.default_backend(),
        str(jax.config.jax_enable_x64),
        _source_digest(),
        *(f"{leaf.shape}:{leaf.dtype}" for leaf in leaves),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]


def _load_or_export(key: str, traced: Callable[..., Any], leaves: list[Any]) -> Any:
    with _lock:
        if key in _programs:
            return _programs[key]
    path = exported_directory() / f"{key}.jaxexport"
    exported = None
    if path.exists():
        try:
            exported = jax.export.deserialize(bytearray(path.read_bytes()))
        except Exception:  # a damaged or foreign file: trace again and replace it
            exported = None
    if exported is None:
        exported = jax.export.export(jax.jit(traced))(*leaves)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with staged_file(path) as staged:
                staged.write_bytes(exported.serialize())
        except OSError:
            pass  # a read-only cache: the program still runs, it is only not kept
    with _lock:
        _programs[key] = exported
        while len(_programs) > MAX_KEPT:
            _programs.pop(next(iter(_programs)))
    return exported


def call_exported(
    name: str, function: Callable[..., Any], static: Any, inputs: Any, *, jitted: Callable
) -> Any:
    """``function(inputs, static)`` through its exported program, or ``jitted(inputs, static)``
    when exported programs are off or ``inputs`` are being traced (gradients, vmap)."""
    leaves, treedef = jax.tree_util.tree_flatten(inputs)
    concrete = all(
        isinstance(leaf, jax.Array) and not isinstance(leaf, jax.core.Tracer) for leaf in leaves
    )
    if not (concrete and _enabled()):
        return jitted(inputs, static)

    def traced(*flat: Any) -> Any:
        return function(jax.tree_util.tree_unflatten(treedef, list(flat)), static)

    try:
        exported = _load_or_export(program_key(name, static, leaves, treedef), traced, leaves)
    except Exception as error:  # a program jax.export cannot express: the traced solve
        _warn_once(error)
        return jitted(inputs, static)
    return exported.call(*leaves)


_warned = False


def _warn_once(error: Exception) -> None:
    global _warned
    if not _warned:
        _warned = True
        warnings.warn(
            f"solver program not exported ({type(error).__name__}: {error}); tracing it in "
            "every process instead",
            RuntimeWarning,
            stacklevel=3,
        )
