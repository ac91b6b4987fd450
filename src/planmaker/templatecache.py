"""The built-in templates, compiled once and kept between runs.

Compiling the built-in templates took a tenth of a cold ``render``. Jinja2's
``FileSystemBytecodeCache`` keeps the compiled code in its usual place (a folder of the
user's own under the system's temporary folder) and uses it only while the template's
source is the one it was compiled from (Jinja compares a checksum of the source). The
files are named after a digest of Jinja2's version and of the modules that decide how
planmaker compiles a template (:mod:`planmaker.templating`, :mod:`planmaker.sandbox`),
so code compiled by another version is never used either. A unit's own templates are
compiled on each run as before; a cache that cannot be read or written is no cache.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jinja2 import BytecodeCache

FOLDER: str | None = None
"""Where the compiled templates go; None: Jinja2's default folder."""
COMPILER_SOURCES = ("templating.py", "sandbox.py")
"""The modules (beside this one) whose code decides what a template compiles to."""


@cache
def compiler_key() -> str:
    """A digest of Jinja2's version and of :data:`COMPILER_SOURCES`."""
    import jinja2

    digest = hashlib.sha1(jinja2.__version__.encode(), usedforsecurity=False)
    here = Path(__file__).resolve().parent
    for name in COMPILER_SOURCES:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:16]


def bytecode_cache(builtin: Path) -> BytecodeCache | None:
    """The cache of the compiled templates in the folder ``builtin``, or None if there
    is nowhere to keep it."""
    from jinja2 import FileSystemBytecodeCache
    from jinja2.bccache import Bucket

    builtin = builtin.resolve()

    class BuiltinCache(FileSystemBytecodeCache):
        def get_bucket(
            self, environment: Any, name: str, filename: str | None, source: str
        ) -> Bucket:
            if filename is None or Path(filename).resolve().parent != builtin:
                return Bucket(environment, "", "")  # a unit's template: not kept
            return super().get_bucket(environment, name, filename, source)

        def load_bytecode(self, bucket: Bucket) -> None:
            if not bucket.key:
                return
            try:
                super().load_bytecode(bucket)
            except Exception:  # a damaged or foreign file: compile afresh
                bucket.reset()

        def dump_bytecode(self, bucket: Bucket) -> None:
            if not bucket.key:
                return
            try:
                super().dump_bytecode(bucket)
            except OSError:  # a read-only or full disk: the next run compiles again
                pass

    try:
        return BuiltinCache(FOLDER, pattern=f"planmaker-{compiler_key()}-%s.cache")
    except (OSError, RuntimeError):  # no temporary folder of our own
        return None
