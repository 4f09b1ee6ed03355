"""Reading documents from disk: a text file with an optional JSON metadata sidecar."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md"}


@dataclass(frozen=True)
class SourceFile:
    path: Path
    text: str
    title: str
    published_on: date | None
    source_url: str


def read_source_file(path: Path) -> SourceFile:
    """Read `path` (UTF-8) and its sidecar `path.with_suffix('.json')` if present."""
    text = path.read_text(encoding="utf-8")
    sidecar = path.with_suffix(".json")
    meta = json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
    published = meta.get("published_on") or meta.get("date")
    title = meta.get("title") or next(
        (line.strip() for line in text.splitlines() if line.strip()), path.stem
    )
    return SourceFile(
        path=path,
        text=text,
        title=title[:300],
        published_on=date.fromisoformat(published) if published else None,
        source_url=meta.get("source_url", ""),
    )


def source_files(path: Path) -> list[Path]:
    """The text files at `path`: the file itself, or every text file in the folder."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in TEXT_SUFFIXES and p.is_file())
    return [path]
