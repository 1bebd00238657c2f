"""JAX configuration shared by the package: float64 and a persistent compilation cache.

Importing a module of the package changes no JAX setting. :func:`configure_jax` is called by the
entry points that compute: :func:`abscopal.simulate` and
:func:`abscopal.simulate_batch`, the solvers (``solve_batch``, ``solve_reference``), the SBML
export, the calibration fit and the web explorer. Code that calls the model's functions
directly calls it first.

The cache lives in the user's cache directory (``$ABSCOPAL_CACHE_DIR`` or the platform default,
e.g. ``~/.cache/abscopal/jax``) so repeated runs reuse compiled solvers instead of recompiling.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import jax
from platformdirs import user_cache_dir


def compilation_cache_dir() -> Path:
    """Directory of the persistent JAX compilation cache."""
    root = os.environ.get("ABSCOPAL_CACHE_DIR") or user_cache_dir("abscopal", appauthor=False)
    return Path(root) / "jax"


def compilation_cache_is_empty() -> bool:
    """Whether no compiled program is cached yet (the next solve compiles from scratch)."""
    directory = compilation_cache_dir()
    if os.environ.get("ABSCOPAL_DISABLE_COMPILATION_CACHE"):
        return True
    try:
        return not any(directory.iterdir())
    except OSError:
        return True


_configured = False
_lock = threading.Lock()


def configure_jax() -> None:
    """Enable float64 and the persistent compilation cache (idempotent, cheap after the first
    call)."""
    global _configured
    if _configured:
        return
    with _lock:  # solver threads and web workers may arrive together: set up once, fully
        if not _configured:
            _apply_settings()
            _configured = True


def _apply_settings() -> None:
    jax.config.update("jax_enable_x64", True)
    if os.environ.get("ABSCOPAL_DISABLE_COMPILATION_CACHE"):
        return
    directory = compilation_cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    jax.config.update("jax_compilation_cache_dir", str(directory))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
    jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
