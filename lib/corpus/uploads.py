"""Articles added by a user (upload or paste): checked with the corpus readers, saved under the
corpus folder's `uploads/` with a safe, unique name, the publication date written in when given.

>>> safe_file_name("report.MD")
'report.md'
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Sequence

from lib.corpus.article import Problem, normalise_published
from lib.corpus.readers import (READERS, USER_PUBLISHED_META, ArticleError, check_size, reader_for,
                                split_front_matter)
from lib.settings import Settings

UPLOAD_NOTE = "given when the article was uploaded"

UPLOADS = "uploads"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_STEM = 80


def safe_file_name(name: str) -> str:
    """A file name from an uploaded one: no folders, only [A-Za-z0-9._-], no leading dot.

    >>> safe_file_name("../../etc/passwd.txt"), safe_file_name("C:\\\\x\\\\دير الزور 6 Dec.md")
    ('passwd.txt', '6_Dec.md')
    >>> safe_file_name(".htaccess.txt"), safe_file_name("..md")
    ('htaccess.txt', 'upload.md')
    """
    base = PurePosixPath(name.replace("\\", "/")).name
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = _UNSAFE.sub("_", stem).strip("._-")[:_MAX_STEM] or "upload"
    suffix = _UNSAFE.sub("", suffix).lower()
    return f"{stem}.{suffix}" if suffix else stem


def add_articles(uploads: Sequence[tuple[str, bytes]], corpus_dir: Path, *,
                 published: str | None = None) -> tuple[list[Path], list[Problem]]:
    """Check uploaded files with the corpus readers and save the good ones in corpus_dir/uploads/.

    Each upload (its name as the user's browser gave it, and its bytes) must have a known suffix,
    be UTF-8, within the size limit (CTE_MAX_ARTICLE_BYTES, for the whole file), and parse into articles with no problem; otherwise it is
    refused with the reader's reason (Problem.where is the uploaded name). A saved file gets a
    sanitised, unique name: an existing file is never overwritten. `published` (ISO date) is
    written into the saved file: front matter for .md and .txt (saved as .md), a field of every
    line for .jsonl, a meta tag for .html. Returns the saved paths and the refusals.
    """
    if published is not None:
        published = normalise_published(published)
    folder = Path(corpus_dir) / UPLOADS
    limit = Settings.from_env().max_article_bytes
    written: list[Path] = []
    problems: list[Problem] = []
    for name, data in uploads:
        display = PurePosixPath(str(name).replace("\\", "/")).name or "(no name)"
        try:
            check_size(len(data), limit, what="upload")  # a .jsonl file counts as a whole
            file_name, content = _prepared(safe_file_name(str(name)), data, published)
            _validate(file_name, content, limit, display)
            folder.mkdir(parents=True, exist_ok=True)
            written.append(_write_new(folder, file_name, content))
        except ArticleError as error:
            problems.append(Problem(display, str(error)))
        except OSError as error:
            problems.append(Problem(display, f"cannot save: {error.strerror or error}"))
    return written, problems


def _prepared(file_name: str, data: bytes, published: str | None) -> tuple[str, bytes]:
    """The file name and bytes to save: with `published` written in when given."""
    suffix = PurePosixPath(file_name).suffix.lower()
    if reader_for(Path(file_name)) is None:
        raise ArticleError(f"unknown file type {suffix or '(no suffix)'!r} "
                           f"(known: {', '.join(sorted(READERS))})")
    if published is None:
        return file_name, data
    from lib.corpus.readers import decode_utf8

    text = decode_utf8(data)
    writer = _DATE_WRITERS.get(suffix)
    if writer is None:
        raise ArticleError(f"cannot write a publication date into a {suffix} file")
    new_suffix, text = writer(text, published)
    return str(PurePosixPath(file_name).with_suffix(new_suffix)), text.encode("utf-8")


def _dated_markdown(text: str, published: str) -> tuple[str, str]:
    import yaml

    fields, body = split_front_matter(text)
    fields = {**fields, "published": published, "dct_source": "user", "dct_note": UPLOAD_NOTE}
    header = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return ".md", f"---\n{header}---\n{body}"


def _dated_text(text: str, published: str) -> tuple[str, str]:
    # a .txt file has no metadata: saved as Markdown, front matter then the text unchanged
    header = _dated_markdown("", published)[1]
    return ".md", header + text


def _dated_json_lines(text: str, published: str) -> tuple[str, str]:
    import json

    lines = []
    for line in text.splitlines():
        try:
            value = json.loads(line) if line.strip() else None
        except json.JSONDecodeError:
            value = None
        if isinstance(value, dict):
            value.update(published=published, dct_source="user", dct_note=UPLOAD_NOTE)
            line = json.dumps(value, ensure_ascii=False)
        lines.append(line)  # a bad line is kept as it is: validation reports it
    return ".jsonl", "\n".join(lines) + "\n"


def _dated_html(text: str, published: str) -> tuple[str, str]:
    tag = f'<meta name="{USER_PUBLISHED_META}" content="{published}">'
    head = re.search(r"<head[^>]*>", text, re.IGNORECASE)
    if head:
        return ".html", text[:head.end()] + tag + text[head.end():]
    return ".html", tag + "\n" + text


_DATE_WRITERS = {".md": _dated_markdown, ".markdown": _dated_markdown, ".txt": _dated_text,
                 ".jsonl": _dated_json_lines, ".html": _dated_html, ".htm": _dated_html}


def _validate(file_name: str, content: bytes, limit: int, display: str) -> None:
    """ArticleError with the readers' reasons when `content` would not read as articles."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="cte-upload-") as tmp:
        path = Path(tmp) / file_name
        path.write_bytes(content)
        reasons = []
        count = 0
        for item in reader_for(path)(path, limit):
            if isinstance(item, Problem):
                line = item.where[len(str(path)) + 1:]  # "path:3" for a line of a .jsonl file
                reasons.append(f"line {line}: {item.reason}" if line else item.reason)
            else:
                count += 1
        if reasons:
            more = f" (and {len(reasons) - 1} more)" if len(reasons) > 1 else ""
            raise ArticleError(reasons[0] + more)
        if count == 0:
            raise ArticleError("no article in the file")


def _write_new(folder: Path, file_name: str, content: bytes) -> Path:
    """Write `content` to a file of `folder` named `file_name`, or name-2, name-3...: never over one."""
    stem, suffix = PurePosixPath(file_name).stem, PurePosixPath(file_name).suffix
    for n in range(1, 10_000):
        path = folder / (file_name if n == 1 else f"{stem}-{n}{suffix}")
        try:
            with path.open("xb") as handle:  # exclusive: fails when the file exists
                handle.write(content)
            return path
        except FileExistsError:
            continue
    raise OSError(f"too many files named {file_name} in {folder}")
