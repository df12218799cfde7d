"""Keep the comparison honest: the baseline must answer with the same JSON as Inkport."""

from __future__ import annotations

from typing import Any

import httpx


def differences(ours: Any, theirs: Any, where: str = "$") -> list[str]:
    """Where two JSON documents differ (``next_cursor`` values are opaque: only their
    presence is compared)."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        found = (
            [f"{where}: keys {sorted(ours.keys() ^ theirs.keys())}"]
            if ours.keys() != theirs.keys()
            else []
        )
        for key in ours.keys() & theirs.keys():
            if key == "next_cursor":
                if (ours[key] is None) != (theirs[key] is None):
                    found.append(f"{where}.next_cursor: {ours[key]!r} vs {theirs[key]!r}")
                continue
            found += differences(ours[key], theirs[key], f"{where}.{key}")
        return found
    if isinstance(ours, list) and isinstance(theirs, list):
        if len(ours) != len(theirs):
            return [f"{where}: {len(ours)} items vs {len(theirs)}"]
        return [
            d
            for n, pair in enumerate(zip(ours, theirs, strict=True))
            for d in differences(*pair, f"{where}[{n}]")
        ]
    return [] if ours == theirs else [f"{where}: {ours!r} vs {theirs!r}"]


def compare(inkport_url: str, baseline_url: str, paths: list[str]) -> list[str]:
    """Differences between the two servers' answers to anonymous GETs of ``paths``."""
    found = []
    for path in paths:
        ours = httpx.get(inkport_url + path, timeout=10)
        theirs = httpx.get(baseline_url + path, timeout=10)
        if ours.status_code != theirs.status_code:
            found.append(f"{path}: status {ours.status_code} vs {theirs.status_code}")
            continue
        found += [f"{path} {d}" for d in differences(ours.json(), theirs.json())]
    return found
