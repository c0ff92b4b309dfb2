"""The words the Sync page and its computers box show for record kinds and batch states."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ccschool.ui.widgets.text import QT_TRANSLATE_NOOP

KINDS = {
    "site": QT_TRANSLATE_NOOP("SyncKinds", "站点"), "person": QT_TRANSLATE_NOOP("SyncKinds", "人员"),
    "learner": QT_TRANSLATE_NOOP("SyncKinds", "学员"),
    "learning_card": QT_TRANSLATE_NOOP("SyncKinds", "学习卡"),
    "venue": QT_TRANSLATE_NOOP("SyncKinds", "场地"),
    "course_class": QT_TRANSLATE_NOOP("SyncKinds", "班级"),
    "class_session": QT_TRANSLATE_NOOP("SyncKinds", "课次"),
    "enrollment": QT_TRANSLATE_NOOP("SyncKinds", "报名"),
    "attendance": QT_TRANSLATE_NOOP("SyncKinds", "考勤"),
    "instructor": QT_TRANSLATE_NOOP("SyncKinds", "教师/志愿者"),
    "service_record": QT_TRANSLATE_NOOP("SyncKinds", "服务记录"),
    "certificate": QT_TRANSLATE_NOOP("SyncKinds", "结业证书"),
    "satisfaction_score": QT_TRANSLATE_NOOP("SyncKinds", "满意度"),
}
STATES = {"pending": QT_TRANSLATE_NOOP("SyncKinds", "待发送"),
          "sending": QT_TRANSLATE_NOOP("SyncKinds", "发送中"),
          "exported": QT_TRANSLATE_NOOP("SyncKinds", "已导出U盘"),
          "done": QT_TRANSLATE_NOOP("SyncKinds", "已完成")}


def kind_label(kind: str) -> str:
    return QCoreApplication.translate("SyncKinds", KINDS.get(kind, kind))


def state_label(state: str) -> str:
    return QCoreApplication.translate("SyncKinds", STATES.get(state, state))
