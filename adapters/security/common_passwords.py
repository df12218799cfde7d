"""The common-password list shipped with the package (see ``data/NOTICE.md``)."""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

_LIST = "common-passwords.txt.gz"


@cache
def packaged_common_passwords() -> frozenset[str]:
    """The lower-cased list, read once per process (38,637 entries: ~12 ms, ~4 MB).

    Raises ``OSError`` when the packaged file is missing: refusing to start beats
    silently accepting every common password."""
    data = resources.files("adapters.security").joinpath("data", _LIST).read_bytes()
    return frozenset(gzip.decompress(data).decode("utf-8").splitlines())
