"""Every setting and every command is documented where a user looks: the README."""
from pathlib import Path

import pytest

from lib.cli import build_parser
from lib.settings import SETTINGS_DOC, Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("variable", sorted(SETTINGS_DOC))
def test_every_setting_is_in_the_readme(variable):
    assert f"`{variable}`" in README


def test_every_settings_field_has_its_environment_variable():
    assert len(SETTINGS_DOC) == len(Settings.__dataclass_fields__)


def test_every_command_is_in_the_readme():
    subcommands = build_parser()._subparsers._group_actions[0].choices
    for name in subcommands:
        assert f"python -m lib {name}" in README, name
