"""Corpus readers, one per file suffix, and the checks they share.

A reader is a function `(path, max_bytes) -> Iterator[Article | Problem]` registered for one or more
suffixes; adding a format is one function and one `@register_reader(".suffix")`:

>>> @register_reader(".example")
... def read_example(path, max_bytes):
...     yield make_article({}, load_text(path, max_bytes), path=str(path), default_id=path.stem)
>>> ".example" in READERS
True
>>> del READERS[".example"]

Readers never raise for bad input: they yield a Problem saying where and why, and go on.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

import frontmatter
import yaml

from lib.corpus.article import DCT_SOURCES, Article, Problem, normalise_published
from lib.settings import MAX_TEXT_CHARS

Reader = Callable[[Path, int], Iterator["Article | Problem"]]
READERS: dict[str, Reader] = {}


class ArticleError(ValueError):
    """Raised by the shared helpers with a reason fit to show the user."""


def register_reader(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for files ending in each of `suffixes` (lower case, with the dot)."""

    def register(reader: Reader) -> Reader:
        for suffix in suffixes:
            READERS[suffix.lower()] = reader
        return reader

    return register


def reader_for(path: Path) -> Reader | None:
    """The reader registered for this file's suffix, None when the suffix is unknown.

    >>> reader_for(Path("a/b.MD")) is read_markdown, reader_for(Path("notes.pdf"))
    (True, None)
    """
    return READERS.get(path.suffix.lower())


# --- shared checks -------------------------------------------------------------------------------

def size_text(n_bytes: int) -> str:
    """A byte count as a person reads it (KB = 1,000 bytes, MB = 1,000,000: as the settings read).

    >>> size_text(5 * 1024 * 1024), size_text(2_000), size_text(1_000_000)
    ('5.2 MB (5,242,880 bytes)', '2.0 KB (2,000 bytes)', '1.0 MB (1,000,000 bytes)')
    """
    if n_bytes >= 1000 ** 2:
        return f"{n_bytes / 1000 ** 2:.1f} MB ({n_bytes:,} bytes)"
    if n_bytes >= 1000:
        return f"{n_bytes / 1000:.1f} KB ({n_bytes:,} bytes)"
    return f"{n_bytes:,} bytes"


def check_size(n_bytes: int, max_bytes: int, what: str = "file") -> None:
    """ArticleError when `n_bytes` is over the limit, naming the size and the limit."""
    if n_bytes > max_bytes:
        raise ArticleError(f"{what} too large: {size_text(n_bytes)} is over the limit of "
                           f"{size_text(max_bytes)} (setting CTE_MAX_ARTICLE_BYTES)")


def decode_utf8(data: bytes, byte_offset: int = 0) -> str:
    """The UTF-8 text of `data` without a leading byte order mark; ArticleError names the bad byte.

    byte_offset is where `data` starts in its file, so the offset reported is the file's.

    >>> decode_utf8(b"ok \\xff here", byte_offset=10)
    Traceback (most recent call last):
    ...
    lib.corpus.readers.ArticleError: not UTF-8 text: byte 0xff at byte offset 13 (invalid start byte)
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleError(f"not UTF-8 text: byte 0x{data[error.start]:02x} at byte offset "
                           f"{byte_offset + error.start} ({error.reason})") from None
    return text.removeprefix("\ufeff")


def check_text(text: str, what: str = "file") -> str:
    """`text` unchanged, or ArticleError when it is empty, only whitespace, or longer than the
    language model takes (MAX_TEXT_CHARS, whatever the byte limit).

    >>> check_text("x" * 1_000_001)
    Traceback (most recent call last):
    ...
    lib.corpus.readers.ArticleError: text too long: 1,000,001 characters, over the 1,000,000 the language model takes (split the article)
    """
    if not text:
        raise ArticleError(f"empty {what}: no text")
    if not text.strip():
        raise ArticleError(f"{what} has only whitespace, no text")
    if len(text) > MAX_TEXT_CHARS:
        raise ArticleError(f"text too long: {len(text):,} characters, over the "
                           f"{MAX_TEXT_CHARS:,} the language model takes (split the article)")
    return text


def load_text(path: Path, max_bytes: int) -> str:
    """The whole text of a file, checked for size (before reading), encoding and emptiness."""
    try:
        check_size(path.stat().st_size, max_bytes)
        data = path.read_bytes()
    except OSError as error:
        raise ArticleError(f"cannot read: {error.strerror or error}") from None
    check_size(len(data), max_bytes)
    return check_text(decode_utf8(data))


def _field(fields: Mapping[str, Any], name: str) -> str:
    value = fields.get(name)
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise ArticleError(f"{name}: expected text, got {type(value).__name__}")
    return str(value).strip()


def make_article(fields: Mapping[str, Any], text: str, *, path: str, default_id: str) -> Article:
    """An Article from metadata fields (id, title, source, url, published, dct_source, dct_note).

    A published value that is not a date is an ArticleError naming the field; dct_source defaults
    to "metadata" when published is given, and is "none" when it isn't.

    >>> make_article({"published": "2024-12-07"}, "Text.", path="a.md", default_id="a").dct_source
    'metadata'
    """
    published = fields.get("published")
    try:
        published = "" if published in (None, "") else normalise_published(published)
    except ValueError as error:
        raise ArticleError(str(error)) from None
    dct_source = _field(fields, "dct_source")
    if dct_source and dct_source not in DCT_SOURCES:
        raise ArticleError(f"dct_source: {dct_source!r} is not one of {', '.join(DCT_SOURCES)}")
    if not published:
        dct_source = "none"
    elif not dct_source or dct_source == "none":
        dct_source = "metadata"
    return Article(id=_field(fields, "id") or default_id, title=_field(fields, "title"),
                   source=_field(fields, "source"), url=_field(fields, "url"),
                   published=published, dct_source=dct_source, text=text, path=path,
                   dct_note=_field(fields, "dct_note"))


# --- the readers ---------------------------------------------------------------------------------

@register_reader(".txt")
def read_plain_text(path: Path, max_bytes: int) -> Iterator[Article | Problem]:
    """A plain-text file: one article, id from the file name, no metadata."""
    try:
        text = load_text(path, max_bytes)
    except ArticleError as error:
        yield Problem(str(path), str(error))
        return
    yield make_article({}, text, path=str(path), default_id=path.stem)


# "---" line, YAML, "---" line; the body is everything after the closing line, byte for byte
# (python-frontmatter's own parse strips the body, which would shift every offset into it).
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_OPENING = re.compile(r"\A---[ \t]*\r?\n")


class _DatesAsTextLoader(yaml.SafeLoader):
    """YAML's safe loader, except that dates stay text: `published` is checked by our own rules."""


_DatesAsTextLoader.add_constructor("tag:yaml.org,2002:timestamp",
                                   lambda loader, node: loader.construct_scalar(node))


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter fields and the body of a Markdown file; ArticleError if the header is malformed.

    >>> split_front_matter("---\\nid: a1\\npublished: 2024-12-06\\n---\\n Body.\\n")
    ({'id': 'a1', 'published': '2024-12-06'}, ' Body.\\n')
    >>> split_front_matter("No header.")
    ({}, 'No header.')
    """
    if not _OPENING.match(text):
        return {}, text
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ArticleError("malformed front matter: the opening '---' line has no closing '---' line")
    try:
        fields = frontmatter.YAMLHandler().load(match.group(1), Loader=_DatesAsTextLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ArticleError(f"malformed front matter: {problem}{where}") from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise ArticleError("malformed front matter: expected 'field: value' lines, "
                           f"got a YAML {type(fields).__name__}")
    return fields, text[match.end():]


@register_reader(".md", ".markdown")
def read_markdown(path: Path, max_bytes: int) -> Iterator[Article | Problem]:
    """A Markdown file with optional YAML front matter; the body is the article text, unchanged."""
    try:
        fields, body = split_front_matter(load_text(path, max_bytes))
        yield make_article(fields, check_text(body, "article body"), path=str(path),
                           default_id=path.stem)
    except ArticleError as error:
        yield Problem(str(path), str(error))


@register_reader(".jsonl")
def read_json_lines(path: Path, max_bytes: int) -> Iterator[Article | Problem]:
    """JSON Lines: one article a line {"id", "title", "source", "url", "published", "text"}.

    Blank lines are skipped; a bad line is a Problem at "path:line" and the next line is read.
    The id defaults to "<file stem>:<line number>".
    """
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Problem(str(path), f"cannot read: {error.strerror or error}")
        return
    n_entries = 0
    with handle:
        offset = 0
        for number, raw in enumerate(handle, start=1):
            where = f"{path}:{number}"
            try:
                line = _json_line(raw, offset, max_bytes)
                if line is not None:
                    n_entries += 1
                    yield _json_article(line, path=path, number=number)
            except ArticleError as error:
                n_entries += 1
                yield Problem(where, str(error))
            offset += len(raw)
    if n_entries == 0:
        yield Problem(str(path), "empty file: no JSON Lines articles in it")


def _json_line(raw: bytes, offset: int, max_bytes: int) -> dict[str, Any] | None:
    check_size(len(raw), max_bytes, what="line")
    line = decode_utf8(raw, byte_offset=offset)
    if not line.strip():
        return None
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise ArticleError(f"not valid JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(value, dict):
        raise ArticleError(f"expected a JSON object {{\"text\": ...}}, got {type(value).__name__}")
    return value


def _json_article(fields: dict[str, Any], *, path: Path, number: int) -> Article:
    text = fields.get("text")
    if text is None:
        raise ArticleError('no "text" field')
    if not isinstance(text, str):
        raise ArticleError(f'"text" is not a string (got {type(text).__name__})')
    check_text(text, what='"text"')
    return make_article(fields, text, path=str(path), default_id=f"{path.stem}:{number}")


# --- HTML ----------------------------------------------------------------------------------------

# A publication date a user gave when uploading a page (lib.corpus.uploads.add_articles writes it).
USER_PUBLISHED_META = "cte-published"
_USER_PUBLISHED = re.compile(r"<meta\s+name=[\"']" + USER_PUBLISHED_META
                             + r"[\"']\s+content=[\"']([^\"']*)[\"']", re.IGNORECASE)
_MIN_HTML_WORDS = 8  # fewer words than this is navigation or a script shell, not an article


@register_reader(".html", ".htm")
def read_html(path: Path, max_bytes: int) -> Iterator[Article | Problem]:
    """A saved web page: the main text and title by trafilatura, the publication date by htmldate.

    Offsets into the article text are offsets into the extracted text, not into the HTML. The date
    is the page's original publication date from its markup (meta tags, structured data, time
    elements; the updated date only when it is the only one), dct_source "metadata"; without one
    the date is left to inference from the text. Nothing is fetched: links in the page are ignored.
    """
    try:
        html = load_text(path, max_bytes)
        yield html_article(html, path=str(path), default_id=path.stem)
    except ArticleError as error:
        yield Problem(str(path), str(error))


def html_article(html: str, *, path: str, default_id: str) -> Article:
    """An Article from the HTML of a page; ArticleError when it holds no article text."""
    import trafilatura  # imported here: a quarter of a second, only when there is HTML to read

    try:
        document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                               include_tables=False, deduplicate=False)
    except Exception as error:  # trafilatura raises various errors on broken markup
        raise ArticleError(f"cannot parse the HTML: {type(error).__name__}: {error}") from None
    text = (getattr(document, "text", None) or "").strip()
    if len(text.split()) < _MIN_HTML_WORDS:
        raise ArticleError("no article text found in the HTML")
    check_text(text, what="article text")
    fields: dict[str, Any] = {"title": getattr(document, "title", None) or "",
                              "source": getattr(document, "sitename", None) or "",
                              "url": getattr(document, "url", None) or ""}
    fields.update(html_published(html))
    return make_article(fields, text, path=path, default_id=default_id)


def html_published(html: str) -> dict[str, str]:
    """published, dct_source and dct_note of a page, from a user's date or its markup; {} if none.

    >>> html_published('<html><head><meta property="article:published_time" '
    ...                'content="2024-12-07T10:00:00+02:00"></head><body></body></html>')["published"]
    '2024-12-07'
    """
    user = _USER_PUBLISHED.search(html)
    if user:
        return {"published": user.group(1), "dct_source": "user",
                "dct_note": "given when the page was uploaded"}
    if "<" not in html:  # htmldate would take a lone URL for a page to download
        return {}
    from htmldate import find_date

    for original, how in ((True, "the original publication date"),
                          (False, "the only date found, an updated or modified date")):
        try:
            found = find_date(html, original_date=original, extensive_search=False,
                              outputformat="%Y-%m-%d")
        except Exception:  # htmldate on broken markup: no date rather than no article
            found = None
        if found:
            return {"published": found, "dct_source": "metadata",
                    "dct_note": f"htmldate: {how} in the page's markup (meta tags, structured "
                                "data or time elements)"}
    return {}
