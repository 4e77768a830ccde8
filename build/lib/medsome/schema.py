"""Dataset schemas: the columns a CSV must have, and loading that checks them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from medsome.errors import DatasetError

_KINDS = {"int", "float", "str", "bool"}


@dataclass(frozen=True)
class Column:
    """One column: its name, kind (int, float, str or bool), meaning and unit."""

    name: str
    kind: str
    description: str
    unit: str = ""
    nullable: bool = False

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise ValueError(f"column {self.name}: kind must be one of {sorted(_KINDS)}")


@dataclass(frozen=True)
class Schema:
    """A dataset: its file name (relative to datasets/) and its columns, in order."""

    filename: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


def _check_column(frame: pd.DataFrame, column: Column, source: str) -> pd.Series:
    values = frame[column.name]
    if values.isna().any() and not column.nullable:
        row = int(values.isna().to_numpy().nonzero()[0][0]) + 2
        raise DatasetError(
            f"{source}: column '{column.name}' is empty on line {row}. "
            "Regenerate the datasets with `medsome datasets build`."
        )
    present = values.dropna()
    try:
        if column.kind == "int":
            converted = pd.to_numeric(present, errors="raise")
            if not (converted == converted.round()).all():
                raise ValueError("not whole numbers")
            return values.astype("Int64" if column.nullable else "int64")
        if column.kind == "float":
            pd.to_numeric(present, errors="raise")
            return values.astype("float64")
        if column.kind == "bool":
            lowered = present.astype(str).str.lower()
            if not lowered.isin(["true", "false"]).all():
                raise ValueError("not true/false")
            return values.astype(str).str.lower().eq("true")
    except (ValueError, TypeError) as error:
        raise DatasetError(
            f"{source}: column '{column.name}' should hold {column.kind} values ({error}). "
            "Regenerate the datasets with `medsome datasets build`."
        ) from error
    return values.astype("string").astype(object).where(values.notna(), None)


def validate(frame: pd.DataFrame, schema: Schema, source: str = "data") -> pd.DataFrame:
    """Check a frame against a schema and return it with the schema's column types."""
    if not isinstance(frame, pd.DataFrame):
        raise DatasetError(f"{source}: expected a pandas DataFrame, got {type(frame).__name__}.")
    missing = [name for name in schema.names if name not in frame.columns]
    if missing:
        raise DatasetError(
            f"{source}: missing column(s) {', '.join(repr(m) for m in missing)}; "
            f"expected {', '.join(schema.names)}."
        )
    checked = frame[schema.names].copy()
    for column in schema.columns:
        checked[column.name] = _check_column(checked, column, source)
    return checked


def load_csv(path: Path, schema: Schema) -> pd.DataFrame:
    """Read a CSV and validate it, failing with the file and column named."""
    path = Path(path)
    if not path.is_file():
        raise DatasetError(
            f"{path}: file not found. Regenerate the datasets with `medsome datasets build`."
        )
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as error:
        raise DatasetError(f"{path}: not a readable CSV file ({error}).") from error
    return validate(frame, schema, source=str(path))
