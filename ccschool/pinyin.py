"""Pinyin search keys for names: initials (zs → 张三) and full pinyin (zhangsan).

pypinyin gives the common reading of a character, not its reading as a surname, so the
first character is looked up in a surname table first (MACHINE-NOTES pitfall 6).
"""
from __future__ import annotations

from pypinyin import Style, lazy_pinyin

# Surnames whose surname reading differs from the common reading (compound ones syllable by syllable).
SURNAMES = {
    "曾": ["zeng"], "单": ["shan"], "解": ["xie"], "仇": ["qiu"], "朴": ["piao"], "区": ["ou"],
    "覃": ["qin"], "查": ["zha"], "盖": ["ge"], "繁": ["po"], "缪": ["miao"], "尉": ["yu"],
    "乐": ["yue"], "召": ["shao"], "翟": ["zhai"], "种": ["chong"], "员": ["yun"], "黑": ["he"],
    "秘": ["bi"], "宓": ["mi"], "过": ["guo"], "藏": ["zang"], "重": ["chong"], "长": ["chang"],
    "万俟": ["mo", "qi"], "尉迟": ["yu", "chi"], "单于": ["chan", "yu"], "长孙": ["zhang", "sun"],
}


def _syllables(name: str) -> list[str]:
    name = "".join(name.split())
    for length in (2, 1):  # compound surnames first
        head = name[:length]
        if len(name) > length and head in SURNAMES:
            return SURNAMES[head] + lazy_pinyin(name[length:], errors="ignore")
    return lazy_pinyin(name, errors="ignore", style=Style.NORMAL)


def name_keys(name: str) -> tuple[str, str]:
    """(initials, full pinyin), lower case ASCII; non-Chinese letters kept as typed."""
    syllables = [s.lower() for s in _syllables(name or "") if s and s.isascii()]
    return "".join(s[0] for s in syllables), "".join(syllables)
