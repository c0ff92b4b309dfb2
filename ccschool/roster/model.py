"""What reading a roster produces: clean rows, each with the problems found in it."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccschool.i18n import L, Text
from ccschool.roster.fields import label

ERROR = "error"
DUPLICATE = "duplicate"  # the same person again: skipped and reported, not a reason to refuse


def labelled(field_: str, text: Text) -> Text:
    """身份证号: … — the field's name before the problem, unless the text already starts with
    it (身份证号最后一位不对，请核对)."""
    lab = label(field_)
    if text.zh.startswith(lab.zh):
        return text
    return Text(f"{lab.zh}: {text.zh}", f"{lab.en}: {text.en}")


@dataclass(frozen=True)
class RowProblem:
    row: int  # Excel's row number, as the staff see it at the left of the sheet
    field: str
    text: Text  # about the cell alone, e.g. 校验位错误
    kind: str = ERROR

    @property
    def message(self) -> str:
        """第17行 出生日期: 无法识别日期"""
        text = labelled(self.field, self.text)
        return L("第{row}行 {msg}", "Row {row} {msg_en}", row=self.row, msg=text.zh,
                 msg_en=text.en)

    def as_dict(self) -> dict:
        return {"row": self.row, "field": self.field, "message": self.message, "kind": self.kind}


@dataclass
class RosterRow:
    row: int
    raw: tuple  # the cells exactly as read, for the error workbook
    values: dict[str, Any] = field(default_factory=dict)  # clean fields, keyed as in fields.LABELS
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.kind == ERROR for p in self.problems)

    @property
    def duplicate(self) -> bool:
        return any(p.kind == DUPLICATE for p in self.problems)

    def add(self, field_: str, text: Text, kind: str = ERROR) -> None:
        self.problems.append(RowProblem(self.row, field_, text, kind))


@dataclass
class Roster:
    path: Path
    sheet: str
    header_row: int
    header: tuple  # header cells as typed, for the error workbook
    columns: dict[str, int]  # field -> 0-based column index
    ignored: list[str]  # header texts of columns nothing reads
    rows: list[RosterRow] = field(default_factory=list)
    stopped_at: int | None = None  # row of a 合计/备注 line that ended the data

    @property
    def problems(self) -> list[RowProblem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if p.kind == ERROR]

    @property
    def valid_rows(self) -> list[RosterRow]:
        return [r for r in self.rows if r.ok and not r.duplicate]

    def columns_report(self) -> dict:
        """{"recognised": {field: header text}, "ignored": [header texts]} for --json and the wizard."""
        return {"recognised": {f: _header_text(self.header, i) for f, i in self.columns.items()},
                "ignored": list(self.ignored)}


def _header_text(header: tuple, i: int) -> str:
    return str(header[i]).strip() if i < len(header) and header[i] is not None else ""
