"""Display names of the stored Chinese category values (themes, target groups, genders, ...).

The database keeps the Chinese value the county reports use; a page shows `term(value)`, which
is the value itself in Chinese and its English name when English is on. Values not listed here
(a county's own theme) are shown as they are.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ccschool.models.course import THEMES
from ccschool.models.instructor import ORG_TYPES
from ccschool.models.person import GENDERS, TARGET_GROUPS

# Listed for lupdate (it reads literal strings only); a test checks they match the models.
_MARKED = (
    QT_TRANSLATE_NOOP("Terms", "科学素质与互联网学习"), QT_TRANSLATE_NOOP("Terms", "职业技能"),
    QT_TRANSLATE_NOOP("Terms", "老年智慧生活"), QT_TRANSLATE_NOOP("Terms", "家庭教育指导"),
    QT_TRANSLATE_NOOP("Terms", "乡村振兴"), QT_TRANSLATE_NOOP("Terms", "非遗传承"),
    QT_TRANSLATE_NOOP("Terms", "道德与法治"), QT_TRANSLATE_NOOP("Terms", "人文艺术"),
    QT_TRANSLATE_NOOP("Terms", "康养健身"), QT_TRANSLATE_NOOP("Terms", "社区治理与应急管理"),
    QT_TRANSLATE_NOOP("Terms", "其他"),
    QT_TRANSLATE_NOOP("Terms", "老年人"), QT_TRANSLATE_NOOP("Terms", "青少年"),
    QT_TRANSLATE_NOOP("Terms", "新市民/进城务工人员"), QT_TRANSLATE_NOOP("Terms", "新型职业农民"),
    QT_TRANSLATE_NOOP("Terms", "残疾人"), QT_TRANSLATE_NOOP("Terms", "留守妇女儿童"),
    QT_TRANSLATE_NOOP("Terms", "家长"), QT_TRANSLATE_NOOP("Terms", "在岗职工"),
    QT_TRANSLATE_NOOP("Terms", "中小学教师"), QT_TRANSLATE_NOOP("Terms", "大中专学生"),
    QT_TRANSLATE_NOOP("Terms", "医务人员"), QT_TRANSLATE_NOOP("Terms", "科技人员"),
    QT_TRANSLATE_NOOP("Terms", "退休人员"),
    QT_TRANSLATE_NOOP("Terms", "男"), QT_TRANSLATE_NOOP("Terms", "女"),
)
_LIST_SEPARATOR = QT_TRANSLATE_NOOP("Terms", "、")

CATEGORY_VALUES = frozenset(THEMES) | frozenset(TARGET_GROUPS) | frozenset(ORG_TYPES) | \
    frozenset(GENDERS)


def term(value: str | None) -> str:
    """The display name of a stored category value in the interface language."""
    if not value:
        return ""
    return QCoreApplication.translate("Terms", value)


def terms(values: str | None, sep: str = ",") -> str:
    """'老年人,残疾人' -> 'Older people, People with disabilities' (comma-joined lists)."""
    joiner = QCoreApplication.translate("Terms", _LIST_SEPARATOR)
    return joiner.join(term(v) for v in (values or "").split(sep) if v)
