"""Turn raw cell values typed by many hands into clean values, or say why they cannot be.

Each parser returns the clean value or raises ValidationError with a message about the cell
alone; the reader adds the row number and the column label.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from ccschool import idcard
from ccschool.errors import ValidationError
from ccschool.models.person import TARGET_GROUPS
from ccschool.plaintext import CONTROL

_FORMULA_START = ("=", "+", "-", "@")
_DOTS = str.maketrans({"•": "·", "‧": "·", "・": "·", "．": "·", "。": "·"})


def text(raw) -> str:
    """NFKC (full-width digits and letters to ASCII), trimmed, inner runs of spaces collapsed."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    s = raw if isinstance(raw, str) else str(raw)
    if not s.isascii():  # 10,000 rows x 10 cells: skip the normaliser for plain ASCII
        s = unicodedata.normalize("NFKC", s)
    s = " ".join(s.split())
    if s[:1] == "'" and s[1:2] in _FORMULA_START:  # our own export's escape, not part of the value
        s = s[1:]
    return s


def plain(raw) -> str:
    """text(), refusing control characters (ESC, BEL, NUL...) that no typed value holds."""
    s = text(raw)
    if CONTROL.search(s):
        raise ValidationError("含有不可见的控制字符（如ESC、NUL）", "contains invisible control "
                              "characters (such as ESC or NUL)")
    return s


def name(raw) -> str:
    """Chinese names carry no spaces ("张 三" is 张三); a minority name's middle dot is unified."""
    s = plain(raw)
    if not s.isascii() and re.search(r"[\u4e00-\u9fff]", s):
        s = s.replace(" ", "").translate(_DOTS)
    return s


def id_number(raw) -> str:
    """The ID cell as text; a number means Excel already dropped the digits after the 15th."""
    if isinstance(raw, float) or (isinstance(raw, int) and len(str(raw)) > 15):
        raise ValidationError("被存成了数字，后几位已丢失；请把该列设为文本后重新录入",
                              "was stored as a number and lost its last digits; format the "
                              "column as text and type it again")
    return text(raw).replace(" ", "").upper()  # text() already turned every space into one " "


def mobile(raw) -> str:
    """idcard.check_mobile, with a fast path for the common case: a phone typed as a number."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 1e10 <= raw < 2e10 \
            and float(raw).is_integer():
        return str(int(raw))
    return idcard.check_mobile(raw)


def is_masked(s: str) -> bool:
    """An exported roster shows 3303**********123X; re-importing it must not count as an error."""
    return "*" in s


_GENDERS = {"男": "男", "女": "女", "男性": "男", "女性": "女", "m": "男", "f": "女",
            "male": "男", "female": "女"}


def gender(raw) -> str:
    s = text(raw).lower()
    if s in _GENDERS:
        return _GENDERS[s]
    raise ValidationError("应为“男”或“女”，不是“{v}”", "should be 男 or 女, not “{v}”", v=text(raw))


_YMD = re.compile(r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?"
                  r"(?:\s+\d{1,2}:\d{2}(:\d{2})?)?")
_YM = re.compile(r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*月?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_EXCEL_EPOCH = date(1899, 12, 30)


def birth_date(raw) -> tuple[date, bool]:
    """(date, whole) where whole=False means only year and month were given (1956-3, 1956.3)."""
    if isinstance(raw, datetime):
        return raw.date(), True
    if isinstance(raw, date):
        return raw, True
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return _number_date(raw)
    s = text(raw)
    for pattern, whole in ((_YMD, True), (_COMPACT, True), (_YM, False)):
        m = pattern.fullmatch(s)
        if m:
            return _make_date(raw, int(m[1]), int(m[2]), int(m[3]) if whole else 1), whole
    raise _bad_date(raw)


def _number_date(n: float) -> tuple[date, bool]:
    """A number is an Excel serial (20515), a compact 19560302, or year.month typed as 1956.3."""
    if 19000101 <= n <= 21001231 and float(n).is_integer():
        s = str(int(n))
        return _make_date(n, int(s[:4]), int(s[4:6]), int(s[6:])), True
    if 1900 <= n < 2101 and not float(n).is_integer():
        # Typed 1956.3 is stored as the number 1956.3; read the digits as shown (1956.12 is Dec).
        year, _, month = repr(float(n)).partition(".")
        if len(month) > 2:
            raise _bad_date(n)
        return _make_date(n, int(year), int(month), 1), False
    if 1 <= n < 80000:
        return _EXCEL_EPOCH + timedelta(days=int(n)), True
    raise _bad_date(n)


def _make_date(raw, y: int, m: int, d: int) -> date:
    try:
        born = date(y, m, d)
    except ValueError:
        raise _bad_date(raw) from None
    if born.year < 1900 or born > date.today():
        raise _bad_date(raw)
    return born


def _bad_date(raw) -> ValidationError:
    return ValidationError("无法识别日期“{v}”（可写作1956-03-02）",
                           "cannot read the date “{v}” (write it as 1956-03-02)", v=text(raw))


_GROUP_ALIASES = {g: g for g in TARGET_GROUPS} | {
    "老年": "老年人", "老人": "老年人", "老年群体": "老年人",
    "青少年学生": "青少年", "学生": "青少年", "儿童青少年": "青少年",
    "新市民": "新市民/进城务工人员", "进城务工人员": "新市民/进城务工人员",
    "务工人员": "新市民/进城务工人员", "外来务工人员": "新市民/进城务工人员",
    "农民": "新型职业农民", "职业农民": "新型职业农民",
    "残疾": "残疾人", "残障人士": "残疾人",
    "留守妇女": "留守妇女儿童", "留守儿童": "留守妇女儿童",
    "职工": "在岗职工", "在职职工": "在岗职工",
    "学生家长": "家长",
}
_GROUP_SPLIT = re.compile(r"[,，、;；|\s]+")


def target_groups(raw) -> tuple[str, ...]:
    """Several groups in one cell: 老年人、新型职业农民 (also with , ； / between them)."""
    s = text(raw)
    if s in _GROUP_ALIASES:  # the usual case: one group per cell
        return (_GROUP_ALIASES[s],)
    found: list[str] = []
    for token in filter(None, _GROUP_SPLIT.split(s)):
        parts = [token] if token in _GROUP_ALIASES else token.split("/")
        for part in filter(None, parts):
            group = _GROUP_ALIASES.get(part)
            if group is None:
                raise ValidationError("未知类别“{v}”，可选：{allowed}",
                                      "unknown group “{v}”; choose from: {allowed}",
                                      v=part, allowed="、".join(TARGET_GROUPS))
            if group not in found:
                found.append(group)
    return tuple(found)


_YES = {"是", "同意", "y", "yes", "1", "√", "✓", "✔", "true", "已同意"}
_NO = {"否", "不同意", "n", "no", "0", "×", "✗", "false", "未同意"}


def consent(raw) -> bool:
    s = text(raw).lower()
    if s in _YES:
        return True
    if s in _NO or not s:
        return False
    raise ValidationError("应填“是”或“否”，不是“{v}”", "should be 是 (yes) or 否 (no), not “{v}”",
                          v=text(raw))
