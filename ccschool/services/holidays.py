"""节假日文件: the holiday list a county hands its sites, so every class skips the same days.

Two plain formats, whichever the county finds easier to write:

Text (UTF-8, one holiday or range per line, an optional name after it, # starts a comment)::

    # 2026年法定节假日
    2026-10-01..2026-10-07  国庆节、中秋节
    2027-01-01              元旦

JSON: a list of entries, or {"holidays": [...]}, each entry a string as in the text format or
an object {"date": "2027-01-01", "name": "元旦"} / {"from": "2026-10-01", "to": "2026-10-07",
"name": "国庆节"}.

The whole file is read before anything is used; a bad line is named (第 3 行) and nothing is
taken from the file.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ccschool.errors import CCSError, ValidationError
from ccschool.services.weekly import parse_day_or_range

MAX_FILE_BYTES = 1_000_000  # a holiday list is a few hundred bytes; refuse anything huge
_LINE = re.compile(r"(?P<when>\S+(?:\s*(?:\.\.|~|至|到)\s*\S+)?)(?:\s+(?P<name>.*))?")


@dataclass(frozen=True)
class Holiday:
    first: date
    last: date
    name: str = ""

    def days(self) -> set[date]:
        return parse_day_or_range(f"{self.first.isoformat()}..{self.last.isoformat()}")


def read_holiday_file(path: str | Path) -> list[Holiday]:
    """The holidays of a text or JSON holiday file, in the file's order."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValidationError("节假日文件太大，不像节假日列表：{path}",
                                  "The holiday file is too large to be a holiday list: {path}",
                                  path=path.name, field="holidays")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ValidationError("无法读取节假日文件 {path}：{e}", "Cannot read the holiday file {path}: {e}",
                              path=path.name, e=exc.strerror or exc, field="holidays") from None
    except UnicodeDecodeError:
        raise ValidationError("节假日文件 {path} 不是 UTF-8 文本",
                              "The holiday file {path} is not UTF-8 text",
                              path=path.name, field="holidays") from None
    holidays = _from_json(text) if text.lstrip().startswith(("[", "{")) else _from_text(text)
    if not holidays:
        raise ValidationError("节假日文件 {path} 中没有日期", "The holiday file {path} lists no dates",
                              path=path.name, field="holidays")
    return holidays


def holiday_dates(holidays: list[Holiday]) -> set[date]:
    out: set[date] = set()
    for h in holidays:
        out |= h.days()
    return out


def _from_text(text: str) -> list[Holiday]:
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if line:
            m = _LINE.fullmatch(line)
            out.append(_holiday(m.group("when") if m else line, (m and m.group("name")) or "",
                                number))
    return out


def _from_json(text: str) -> list[Holiday]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValidationError("节假日文件不是有效的 JSON：{e}", "The holiday file is not valid JSON: {e}",
                              e=exc, field="holidays") from None
    entries = data.get("holidays") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise ValidationError("节假日文件应为日期列表，或含 holidays 列表的对象",
                              "The holiday file should be a list of dates, or an object with "
                              "a holidays list", field="holidays")
    out = []
    for number, entry in enumerate(entries, 1):
        if isinstance(entry, str):
            m = _LINE.fullmatch(entry.strip())
            out.append(_holiday(m.group("when") if m else entry, (m and m.group("name")) or "",
                                number))
        elif isinstance(entry, dict) and ("date" in entry or "from" in entry):
            when = (str(entry["date"]) if "date" in entry
                    else f"{entry.get('from')}..{entry.get('to', entry.get('from'))}")
            out.append(_holiday(when, str(entry.get("name") or ""), number))
        else:
            raise ValidationError("节假日文件第 {n} 项看不懂：{item}",
                                  "Entry {n} of the holiday file cannot be read: {item}",
                                  n=number, item=json.dumps(entry, ensure_ascii=False)[:60],
                                  field="holidays")
    return out


def _holiday(when: str, name: str, number: int) -> Holiday:
    try:
        days = sorted(parse_day_or_range(when, "holidays"))
    except CCSError as exc:
        raise ValidationError(f"节假日文件第 {number} 行：{exc.zh}",
                              f"Holiday file, line {number}: {exc.en}", field="holidays") from None
    return Holiday(days[0], days[-1], name.strip())
