"""Schemas: loading validates columns and kinds, and names the file and column on failure."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from medsome.errors import DatasetError
from medsome.schema import Column, Schema, load_csv, validate

SCHEMA = Schema("demo.csv", (
    Column("name", "str", "a name"),
    Column("n", "int", "a count", unit="people"),
    Column("share", "float", "a share"),
    Column("ok", "bool", "a flag"),
    Column("note", "str", "optional", nullable=True),
))


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "demo.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_with_the_schema_types(tmp_path: Path) -> None:
    frame = load_csv(_write(tmp_path, "name,n,share,ok,note\na,1,0.5,true,\nb,2,1.5,False,x\n"), SCHEMA)
    assert list(frame.columns) == SCHEMA.names
    assert frame["n"].dtype == "int64" and frame["share"].dtype == "float64"
    assert frame["ok"].tolist() == [True, False]
    assert frame["note"].tolist() == [None, "x"]


@pytest.mark.parametrize(("text", "message"), [
    ("name,n,share,ok\na,1,0.5,true\n", "missing column.*'note'"),
    ("name,n,share,ok,note\na,one,0.5,true,\n", "column 'n' should hold int"),
    ("name,n,share,ok,note\na,1.5,0.5,true,\n", "column 'n' should hold int"),
    ("name,n,share,ok,note\na,1,x,true,\n", "column 'share' should hold float"),
    ("name,n,share,ok,note\na,1,0.5,maybe,\n", "column 'ok' should hold bool"),
    ("name,n,share,ok,note\n,1,0.5,true,\n", "column 'name' is empty on line 2"),
])
def test_bad_files_name_file_and_column(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(DatasetError, match=message) as caught:
        load_csv(path, SCHEMA)
    assert str(path) in str(caught.value)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"file not found.*medsome datasets build"):
        load_csv(tmp_path / "nope.csv", SCHEMA)
    with pytest.raises(DatasetError, match="not a readable CSV"):
        load_csv(_write(tmp_path, ""), SCHEMA)


def test_validate_refuses_non_frames() -> None:
    with pytest.raises(DatasetError, match="expected a pandas DataFrame, got list"):
        validate([1, 2], SCHEMA)
    assert len(validate(pd.DataFrame({c: [] for c in SCHEMA.names}), SCHEMA)) == 0


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="kind must be one of"):
        Column("x", "date", "not a kind")
