"""The corpus: articles read from files, folders, JSON Lines or stdin, each with its publication date.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.md").write_text("---\\npublished: 2024-12-07\\n---\\nRebels took Daraa.")
>>> _ = (folder / "b.txt").write_text("   ")
>>> [str(item).replace(str(folder), "DIR") if isinstance(item, Problem) else item.published
...  for item in read_articles([folder])]
['2024-12-07', 'DIR/b.txt: file has only whitespace, no text']
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from lib.corpus.article import DCT_SOURCES, Article, Problem, normalise_published
from lib.corpus.dct import DctGuess, Tagger, infer_dct, with_dct
from lib.corpus.readers import (READERS, ArticleError, check_size, check_text, decode_utf8,
                                make_article, reader_for, register_reader)
from lib.settings import Settings

STDIN = "-"
_SKIPPED_IN_FOLDERS = {"readme.md"}


def read_articles(paths: Iterable[str | Path], *, infer_dct: bool = True,
                  tagger: Tagger | None = None, max_bytes: int | None = None,
                  stdin: BinaryIO | None = None) -> Iterator[Article | Problem]:
    """Every article in `paths` (files, folders of them, "-" for plain text on stdin), in order.

    Folders give their files with a known suffix (see READERS), sorted by name, without README.md
    and hidden files. Whatever can't be read is yielded as a Problem and the rest is still read.
    With infer_dct, an article without a publication date gets one inferred from its text
    (lib.corpus.dct), or dct_source "none" when nothing supports one, and a metadata date that a
    clear dateline at the top of the text contradicts gives way to it (dct_source "text cue", the
    note keeping the metadata's date), as in the pipeline. max_bytes defaults to the
    CTE_MAX_ARTICLE_BYTES setting.
    """
    limit = Settings.from_env().max_article_bytes if max_bytes is None else max_bytes
    for item in _read_all(paths, limit, stdin):
        if infer_dct and isinstance(item, Article):
            item = with_dct(item, tagger)
        yield item


def _read_all(paths: Iterable[str | Path], max_bytes: int,
              stdin: BinaryIO | None) -> Iterator[Article | Problem]:
    paths = list(paths)
    given = {_resolved(Path(p)) for p in paths if str(p) != STDIN}
    for given_path in paths:
        if str(given_path) == STDIN:
            yield read_stdin(stdin if stdin is not None else sys.stdin.buffer, max_bytes)
            continue
        path = Path(given_path)
        if path.is_dir():
            files, skipped = folder_entries(path)
            for where, reason in skipped:
                if _resolved(Path(where)) not in given:  # a subfolder also given is read as itself
                    yield Problem(where, reason)
            if not files:
                yield Problem(str(path), "no article files in this folder (known suffixes: "
                                         f"{', '.join(sorted(READERS))})")
            for file in files:
                yield from reader_for(file)(file, max_bytes)
        elif not path.exists():
            yield Problem(str(path), _missing_reason(path))
        elif (reader := reader_for(path)) is None:
            yield Problem(str(path), f"unknown file type {path.suffix or '(no suffix)'!r} "
                                     f"(known: {', '.join(sorted(READERS))})")
        else:
            yield from reader(path, max_bytes)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _missing_reason(path: Path) -> str:
    """Why a path that does not exist as a file or folder can't be read."""
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except RuntimeError:
            return "symbolic link loop: skipped"
        except OSError as error:
            if "loop" in str(error).lower() or getattr(error, "errno", None) == 40:
                return "symbolic link loop: skipped"
        return f"dangling symbolic link (to {_link_target(path)}): skipped"
    return "no such file or folder"


def _link_target(path: Path) -> str:
    try:
        return str(path.readlink())
    except OSError:
        return "?"


def folder_entries(folder: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """The article files of `folder` (as article_files) and what else in it is skipped with a
    reason worth telling: subfolders (read one level deep) and broken symbolic links. Hidden
    entries, README.md and files of other types are passed over silently."""
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        return [], [(str(folder), f"cannot list the folder: {error.strerror or error}")]
    for path in entries:
        if path.name.startswith("."):
            continue
        if path.is_dir():
            skipped.append((str(path), "subfolder skipped: folders are read one level deep (give "
                                       "the subfolder as an input of its own to read it)"))
        elif path.is_file():
            if reader_for(path) is not None and path.name.lower() not in _SKIPPED_IN_FOLDERS:
                files.append(path)
        elif path.is_symlink():
            skipped.append((str(path), _missing_reason(path)))
    return files, skipped


def article_files(folder: Path) -> list[Path]:
    """The files of `folder` a reader knows, sorted, without README.md and hidden files."""
    return folder_entries(folder)[0]


def read_stdin(stream: BinaryIO, max_bytes: int) -> Article | Problem:
    """One plain-text article from a byte stream (stdin), id "stdin", path "-"."""
    try:
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise ArticleError(f"input too large: over the limit of {max_bytes:,} bytes "
                               "(setting CTE_MAX_ARTICLE_BYTES)")
        text = check_text(decode_utf8(data), what="input")
    except ArticleError as error:
        return Problem(STDIN, str(error))
    except OSError as error:
        return Problem(STDIN, f"cannot read: {error.strerror or error}")
    return make_article({}, text, path=STDIN, default_id="stdin")


__all__ = ["Article", "ArticleError", "DCT_SOURCES", "DctGuess", "Problem", "READERS",
           "article_files", "check_size", "folder_entries", "infer_dct", "normalise_published", "read_articles",
           "read_stdin", "register_reader", "with_dct"]
