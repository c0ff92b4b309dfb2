"""The pages of the main window, in navigation order, imported only when first shown."""
from __future__ import annotations

import importlib
from dataclasses import dataclass

from ccschool.ui.widgets.text import QT_TRANSLATE_NOOP



@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # source (Chinese) text; translated with context "Pages"
    target: str  # "module:Class"
    icon: str = ""

    def load(self):
        module, cls = self.target.split(":")
        return getattr(importlib.import_module(module), cls)


PAGES = [
    PageSpec("checkin", QT_TRANSLATE_NOOP("Pages", "签到"),
             "ccschool.ui.checkin.page:CheckinPage", "checkin"),
    PageSpec("learners", QT_TRANSLATE_NOOP("Pages", "学员"),
             "ccschool.ui.learners.page:LearnersPage", "learners"),
    PageSpec("classes", QT_TRANSLATE_NOOP("Pages", "班级"),
             "ccschool.ui.classes.page:ClassesPage", "classes"),
    PageSpec("volunteers", QT_TRANSLATE_NOOP("Pages", "志愿者"),
             "ccschool.ui.volunteers.page:VolunteersPage", "volunteers"),
    PageSpec("print", QT_TRANSLATE_NOOP("Pages", "打印"),
             "ccschool.ui.printing.page:PrintPage", "print"),
    PageSpec("reports", QT_TRANSLATE_NOOP("Pages", "报表"),
             "ccschool.ui.reports.page:ReportsPage", "reports"),
    PageSpec("sync", QT_TRANSLATE_NOOP("Pages", "同步"),
             "ccschool.ui.sync.page:SyncPage", "sync"),
    PageSpec("settings", QT_TRANSLATE_NOOP("Pages", "设置"),
             "ccschool.ui.settings.page:SettingsPage", "settings"),
]
