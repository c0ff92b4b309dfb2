"""Chinese resident ID numbers (GB 11643-1999) and mainland mobile numbers."""
from __future__ import annotations

import operator
import re
import unicodedata
from datetime import date

from ccschool.errors import ValidationError

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECKS = "10X98765432"


def check_char(first17: str) -> str:
    return _CHECKS[sum(map(operator.mul, map(int, first17), _WEIGHTS)) % 11]


def normalise(raw: str) -> str:
    s = str(raw or "")
    if not s.isascii():  # NFKC leaves ASCII as it is: skip it for the usual typed number
        s = unicodedata.normalize("NFKC", s)
    return "".join(s.split()).upper()  # str.split() drops the same whitespace as \s+


def parse_id(raw: str) -> tuple[str, date, str]:
    """Return (normalised id, birth date, gender '男'/'女'); raise ValidationError if invalid."""
    s = normalise(raw)
    # [0-9], not \d: \d also matches Arabic-Indic, Devanagari... digits, which int() reads,
    # so "३३०३..." would pass and dodge the duplicate check against the ASCII number.
    if re.fullmatch(r"[0-9]{17}[0-9X]", s):
        if check_char(s[:17]) != s[17]:
            # plain words: staff and learners do not know the term 校验位 (check digit)
            raise ValidationError("身份证号最后一位不对，请核对", "the ID number's last character is "
                                  "wrong; please check it", field="id_number")
        birth, seq = s[6:14], s[16]
    elif re.fullmatch(r"[0-9]{15}", s):  # pre-1999 numbers: 2-digit year, no check character
        birth, seq = "19" + s[6:12], s[14]
    else:
        raise ValidationError("应为18位（或旧15位）号码", "must have 18 (or old-style 15) characters",
                              field="id_number")
    try:
        born = date(int(birth[:4]), int(birth[4:6]), int(birth[6:8]))
    except ValueError:
        raise ValidationError("出生日期部分无效", "the birth-date part is not a real date",
                              field="id_number") from None
    if born > date.today() or born.year < 1900:
        raise ValidationError("出生日期部分无效", "the birth-date part is not a real date",
                              field="id_number")
    return s, born, "男" if int(seq) % 2 else "女"


def make_id(region: str, born: date, seq3: int) -> str:
    """Build a valid 18-character number (demo data and tests)."""
    first17 = f"{region}{born:%Y%m%d}{seq3:03d}"
    return first17 + check_char(first17)


def mask_id(id_number: str | None) -> str:
    """3303**********123X: region prefix and last four only."""
    if not id_number:
        return ""
    s = id_number
    return s[:4] + "*" * (len(s) - 8) + s[-4:] if len(s) > 8 else "*" * len(s)


def mask_phone(phone: str | None) -> str:
    if not phone:
        return ""
    return phone[:3] + "****" + phone[-4:] if len(phone) == 11 else phone


def normalise_phone(raw) -> str:
    """Phones arrive as numbers (13800138000.0), with spaces, dashes or a +86 prefix."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    s = re.sub(r"[\s\-()（）]", "", unicodedata.normalize("NFKC", str(raw or "")))
    if s.startswith("+86"):
        s = s[3:]
    elif s.startswith("0086"):
        s = s[4:]
    return s


def check_mobile(raw) -> str:
    s = normalise_phone(raw)
    if not re.fullmatch(r"1[0-9]{10}", s):  # ASCII digits only (see parse_id)
        raise ValidationError("手机号应为以1开头的11位数字", "a mobile number has 11 digits starting with 1",
                              field="phone")
    return s
