"""Check one roster row field by field, and find the same person twice in one file."""
from __future__ import annotations

from datetime import date

from ccschool import idcard
from ccschool.errors import ValidationError
from ccschool.i18n import Text
from ccschool.roster import cells
from ccschool.roster.model import DUPLICATE, RosterRow

# field -> cleaner; each raises ValidationError about the cell alone
_CLEANERS = {
    "name": cells.name,
    "gender": cells.gender,
    "birth_date": cells.birth_date,
    "phone": cells.mobile,
    "village": cells.plain,
    "venue": cells.plain,
    "target_groups": cells.target_groups,
    "notes": cells.plain,
    "consent_upload": cells.consent,
    "card_no": lambda v: cells.text(v).upper(),
}


def check_row(row: RosterRow, raw: dict) -> None:
    """Fill row.values with clean fields and row.problems with what is wrong, per field."""
    values = row.values
    for field, value in raw.items():
        if value is None or (isinstance(value, str) and not value.strip()) or field == "id_number":
            continue
        try:
            values[field] = _CLEANERS[field](value)
        except ValidationError as exc:
            row.add(field, exc.text)
    if not values.get("name"):
        row.add("name", Text("不能为空", "is required"))
    _check_id(row, raw.get("id_number"))
    if isinstance(values.get("birth_date"), tuple):  # cleaner gives (date, whole day known?)
        values["birth_date"], values["birth_whole"] = values["birth_date"]
    if len(row.problems) > 1:  # report problems left to right, as the staff read the row
        order = list(raw)
        row.problems.sort(key=lambda p: order.index(p.field) if p.field in order else len(order))


def _check_id(row: RosterRow, raw) -> None:
    """Parse the ID; birth date and gender derive from it and must agree with typed values."""
    if raw is None or not str(raw).strip():
        return
    try:
        s = cells.id_number(raw)
        if cells.is_masked(s):
            row.values["id_masked"] = s  # from our own export: matched by pattern, never stored
            return
        number, born, gender = idcard.parse_id(s)
    except ValidationError as exc:
        row.add("id_number", exc.text)
        return
    row.values["id_number"] = number
    _agree(row, "gender", gender, lambda typed: typed == gender)
    _agree(row, "birth_date", born, lambda typed: _same_birth(typed, born))


def _agree(row: RosterRow, field: str, derived, same) -> None:
    typed = row.values.get(field)
    if typed is not None and not same(typed):
        row.add(field, Text("与身份证号不一致（身份证号为{v}）", "does not match the ID number ({v})")
                .format(v=derived.isoformat() if isinstance(derived, date) else derived))
    elif not any(p.field == field for p in row.problems):
        row.values[field] = (derived, True) if field == "birth_date" else derived


def _same_birth(typed: tuple[date, bool], born: date) -> bool:
    day, whole = typed
    return day == born if whole else (day.year, day.month) == (born.year, born.month)


def mark_duplicates(rows: list[RosterRow]) -> None:
    """The second row for one person (same ID, else same name and phone) is skipped, not imported.

    The same ID under two different names is an error: one of the two rows is mistyped.
    """
    by_id: dict[str, RosterRow] = {}
    by_name_phone: dict[tuple[str, str], RosterRow] = {}
    for row in rows:
        if not row.ok:
            continue
        v = row.values
        if v.get("id_number"):
            first = by_id.setdefault(v["id_number"], row)
            if first is not row:
                _duplicate(row, first, "id_number")
                continue
        if v.get("phone"):
            first = by_name_phone.setdefault((v["name"], v["phone"]), row)
            if first is not row and not (v.get("id_number") and first.values.get("id_number")):
                _duplicate(row, first, "name")


def _duplicate(row: RosterRow, first: RosterRow, field: str) -> None:
    if field == "id_number" and row.values["name"] != first.values["name"]:
        row.add(field, Text("与第{r}行身份证号相同但姓名不同（{a}/{b}）",
                            "same as row {r} but with a different name ({a}/{b})")
                .format(r=first.row, a=first.values["name"], b=row.values["name"]))
    elif field == "id_number":
        row.add(field, Text("与第{r}行是同一人（身份证号相同），已跳过",
                            "the same person as row {r} (same ID number); skipped")
                .format(r=first.row), DUPLICATE)
    else:
        row.add(field, Text("与第{r}行姓名和手机号相同，已跳过",
                            "same name and mobile as row {r}; skipped").format(r=first.row), DUPLICATE)
