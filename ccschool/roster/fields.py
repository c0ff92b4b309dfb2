"""Roster columns: the fields we know, their labels, and the header spellings seen in real rosters.

Rosters (花名册) are typed by many hands in WPS or Excel, so one field appears under several
headers ("姓 名", "学员姓名", "身份证号码（18位）"...). Headers are compared after normalising
width, spaces, required-field stars and bracket styles.
"""
from __future__ import annotations

import re
import unicodedata

from ccschool.i18n import Text

# field key -> label used in messages and in exported headers
LABELS: dict[str, Text] = {
    "card_no": Text("卡号", "Card no."),
    "name": Text("姓名", "Name"),
    "gender": Text("性别", "Gender"),
    "birth_date": Text("出生日期", "Birth date"),
    "id_number": Text("身份证号", "ID number"),
    "phone": Text("手机号码", "Mobile"),
    "village": Text("村(社区)", "Village"),
    "venue": Text("教学点", "Venue"),
    "target_groups": Text("人群类别", "Target groups"),
    "notes": Text("备注", "Notes"),
    "consent_upload": Text("同意上传", "Consent to upload"),
    "row": Text("行", "Row"),
}

_VARIANTS: dict[str, tuple[str, ...]] = {
    "card_no": ("卡号", "学习卡号", "学员卡号", "学习卡编号", "card no.", "card no", "card"),
    "name": ("姓名", "学员姓名", "名字", "学员", "姓名(学员)", "name"),
    "gender": ("性别", "gender", "sex"),
    "birth_date": ("出生日期", "出生年月", "出生年月日", "生日", "出生时间", "birthdate"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证", "证件号码",
                  "身份证件号码", "身份证件号", "id", "idnumber"),
    "phone": ("手机", "手机号", "手机号码", "联系电话", "电话", "电话号码", "联系方式", "移动电话",
              "mobile", "phone"),
    "village": ("村(社区)", "所在村", "村社区", "村/社区", "所在村(社区)", "居住村(社区)", "所属村",
                "所在社区", "村居", "社区", "村", "village"),
    "venue": ("教学点", "所属教学点", "场地", "教学站点", "venue"),
    "target_groups": ("人群类别", "类别", "人群", "学员类别", "人员类别", "人群分类", "targetgroups"),
    "notes": ("备注", "说明", "notes"),
    "consent_upload": ("同意上传", "是否同意上传", "同意上传个人信息", "同意上传信息", "授权上传",
                       "consent to upload", "consent"),
}


def header_key(raw) -> str:
    """Normalise a header cell: width, spaces, stars marking required columns, bracket style."""
    s = unicodedata.normalize("NFKC", str(raw or ""))
    s = re.sub(r"[\s*※:：]", "", s).lower()
    return s.replace("【", "(").replace("】", ")").replace("[", "(").replace("]", ")")


_LOOKUP = {header_key(v): field for field, names in _VARIANTS.items() for v in names}


def match_header(raw) -> str | None:
    """The field a header cell names, or None. "身份证号码(18位)" still maps to id_number."""
    key = header_key(raw)
    if not key:
        return None
    if key in _LOOKUP:
        return _LOOKUP[key]
    bare = re.sub(r"\(.*?\)", "", key)  # a hint in brackets: 出生日期(年月日)
    return _LOOKUP.get(bare) if bare else None


# Words that give a header away even when it is spelled in a way we do not know
# ("联系电话（本人）", "身份证号/护照号"). Two characters or more: single ones (村) match too much.
_TELLTALE = {"id_number": ("身份证", "身份号", "证件号"), "phone": ("手机", "电话"),
             "birth_date": ("出生", "生日"), "name": ("姓名",)}


def looks_like(raw) -> str | None:
    """The field an unrecognised header seems to mean, or None."""
    key = header_key(raw)
    return next((f for f, words in _TELLTALE.items() if any(w in key for w in words)), None)


def label(field: str) -> Text:
    return LABELS.get(field, Text(field, field))
