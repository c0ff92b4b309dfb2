"""Classes and Volunteers pages, offscreen with qtbot: what a coordinator clicks and sees."""
from __future__ import annotations

from datetime import date

from ccschool import clock

import pytest
from sqlalchemy import select

from ccschool.models import Attendance, ClassSession, Enrollment
from ccschool.services import classes, enrollment, sessions, venues, volunteers
from ccschool.ui.ops import Change, OpChanges
from tests.classes.test_classes_sessions import _sign_in


@pytest.fixture
def ctx(db, qapp):
    from ccschool.ui.ops.background import SyncRunner
    from ccschool.ui.shell.context import AppContext

    return AppContext(db=db, run_in_background=SyncRunner())


@pytest.fixture
def problems(monkeypatch):
    """Domain errors the page would show in a box, collected instead (no modal offscreen)."""
    from ccschool.ui.widgets import common as classes_common

    seen = []
    monkeypatch.setattr(classes_common, "show_problem", lambda parent, exc: seen.append(str(exc)))
    return seen


@pytest.fixture
def school(db, learners):
    with db.transaction(actor="admin") as s:
        hall = venues.add_venue(s, name="东山村文化礼堂", capacity=120, kind="culture_hall")
        venues.add_venue(s, name="西溪村农家书屋", capacity=30, kind="farm_library")
        t = volunteers.add_instructor(s, name="陈老师", phone="13900001111", kind="teacher")
        s.flush()
        a = classes.add_class(s, name="书法", theme="人文艺术", capacity=2, venue=hall.id,
                              teacher=t.id)
        b = classes.add_class(s, name="八段锦", theme="康养健身", term_start=date(2026, 3, 1),
                              term_end=date(2026, 6, 30))
        s.flush()
        sessions.generate_sessions(s, class_id=a.id, weekly="tue 14:00-15:30",
                                   start=date(2026, 9, 1), end=date(2026, 9, 30))
        for lid in learners[:3]:
            enrollment.enroll(s, class_id=a.id, learner_id=lid, waitlist=True)
    return {"书法": a.id, "八段锦": b.id}


def _page(qtbot, ctx):
    from ccschool.ui.classes.page import ClassesPage

    page = ClassesPage(ctx)
    qtbot.addWidget(page)
    page.today = date(2026, 9, 15)
    return page


def test_class_list_filters_and_model(qtbot, qtmodeltester, ctx, school):
    page = _page(qtbot, ctx)
    qtmodeltester.check(page.class_model)
    assert {r["name"] for r in page.class_model.rows} == {"书法", "八段锦"}
    page.theme.setCurrentIndex(page.theme.findData("康养健身"))
    assert [r["name"] for r in page.class_model.rows] == ["八段锦"]
    page.theme.setCurrentIndex(0)
    page.venue.setCurrentIndex(page.venue.findText("东山村文化礼堂"))
    assert [r["name"] for r in page.class_model.rows] == ["书法"]
    page.venue.setCurrentIndex(0)
    page.term.setCurrentIndex(page.term.findData("now"))  # 2026-09-15: 八段锦's term is over
    assert [r["name"] for r in page.class_model.rows] == ["书法"]
    page.term.setCurrentIndex(page.term.findText("2026-03-01 – 2026-06-30"))
    assert [r["name"] for r in page.class_model.rows] == ["八段锦"]


def test_detail_shows_sessions_roster_and_seats(qtbot, qtmodeltester, ctx, school):
    page = _page(qtbot, ctx)
    page.select_class(school["书法"])
    assert page.title.text() == "书法"
    assert "人数：2/40" not in page.info.text() and "2/2" in page.info.text()
    assert "候补 1 人" in page.info.text() and "陈老师" in page.info.text()
    assert [r["date"] for r in page.session_model.rows] == [
        "2026-09-01", "2026-09-08", "2026-09-15", "2026-09-22", "2026-09-29"]
    assert [r["state"] for r in page.roster_model.rows] == ["enrolled", "enrolled", "waitlisted"]
    qtmodeltester.check(page.session_model)
    qtmodeltester.check(page.roster_model)


def test_cancel_session_with_attendance_asks_and_keeps_records(qtbot, ctx, db, school, learners):
    page = _page(qtbot, ctx)
    page.select_class(school["书法"])
    first = page.session_model.rows[0]["id"]
    with db.transaction(actor="admin") as s:
        _sign_in(s, first, learners[0])
    ctx.signals.records_changed.emit(OpChanges.of(Change.ATTENDANCE))
    asked = []
    page.ask = lambda parent, title, text: asked.append(text) or False
    page.session_table.selectRow(0)
    page.cancel_session()
    assert "已有 1 条签到记录" in asked[0]
    with db.read() as s:
        assert s.get(ClassSession, first).state == "planned"  # said no: nothing changed
    page.ask = lambda parent, title, text: True
    page.session_table.selectRow(0)
    page.cancel_session()
    assert page.session_model.rows[0]["state"] == "cancelled"
    assert page.session_model.rows[1]["state"] == "planned"
    with db.read() as s:
        assert len(s.scalars(select(Attendance).where(Attendance.session_id == first)).all()) == 1


def test_withdraw_promotes_the_waitlisted_learner(qtbot, ctx, school):
    page = _page(qtbot, ctx)
    page.select_class(school["书法"])
    page.tabs.setCurrentIndex(1)
    page.ask = lambda *a: True
    page.roster_table.selectRow(0)
    leaving = page.roster_model.rows[0]["name"]
    page.withdraw()
    assert page.status.text() == f"{leaving} 已退出；候补学员 王五 已转为正式报名"
    assert [r["state"] for r in page.roster_model.rows] == ["enrolled", "enrolled"]


def test_add_class_dialog_generates_weekly_sessions(qtbot, ctx, db, problems):
    from ccschool.ui.classes.dialog import AddClassDialog

    dlg = AddClassDialog(ctx, today=date(2026, 9, 1))
    qtbot.addWidget(dlg)
    dlg.save()
    assert problems == ["请填写课程名称"] and dlg.created_id is None
    dlg.name.setText("智能手机应用")
    assert dlg.theme.currentIndex() == -1  # no preset theme: the user must choose
    dlg.save()
    assert problems[-1] == "请选择课程主题" and dlg.created_id is None
    dlg.theme.setCurrentIndex(dlg.theme.findData("老年智慧生活"))
    dlg.save()
    assert problems[-1] == "请勾选每周上课的日子，或不按周排课"
    dlg.days[1].setChecked(True)
    dlg.days[3].setChecked(True)
    dlg.end.setDate(dlg.start.date().addDays(40))
    dlg.skip.setText("2026-10-01")
    dlg.save()
    assert dlg.created_id and dlg.weekly_text() == "tue,thu 14:00-15:30"
    with db.read() as s:
        rows = sessions.list_sessions(s, class_id=dlg.created_id)
    assert len(rows) == 11 and date(2026, 10, 1) not in [r.date for r in rows]


def test_enroll_dialog_offers_waitlist_when_full(qtbot, ctx, db, school, learners, problems):
    from ccschool.ui.classes.small_dialogs import EnrollDialog

    dlg = EnrollDialog(ctx, school["书法"])
    qtbot.addWidget(dlg)
    dlg.search.setText("zl")  # 赵六 by pinyin initials
    assert [r["name"] for r in dlg.model.rows] == ["赵六"]
    dlg.table.selectRow(0)
    dlg.enroll_selected(waitlist_if_full=False)
    with db.read() as s:
        assert s.scalars(select(Enrollment).where(Enrollment.learner_id == learners[3])).first() is None
    dlg.table.selectRow(0)
    dlg.enroll_selected(waitlist_if_full=True)
    assert dlg.status.text() == "已加入候补：赵六"
    assert dlg.model.data(dlg.model.index(0, 2)) == "候补中"


def test_session_dialog_edits_only_that_session(qtbot, ctx, db, school):
    from ccschool.ui.classes.small_dialogs import SessionDialog

    page = _page(qtbot, ctx)
    page.select_class(school["书法"])
    row = page.session_model.rows[2]
    dlg = SessionDialog(ctx, school["书法"], row)
    qtbot.addWidget(dlg)
    dlg.topic.setText("隶书")
    dlg.hours.setValue(2)
    dlg.save()
    rows = page.session_model.rows
    assert (rows[2]["topic"], rows[2]["hours"]) == ("隶书", 2)
    assert all(r["topic"] is None and r["hours"] == 1.0 for i, r in enumerate(rows) if i != 2)


def test_volunteers_page_pool_records_and_hours(qtbot, qtmodeltester, ctx, db, school):
    from ccschool.ui.volunteers.page import InstructorDialog, ServiceRecordDialog, VolunteersPage

    page = VolunteersPage(ctx)
    qtbot.addWidget(page)
    add = InstructorDialog(ctx)
    qtbot.addWidget(add)
    add.name.setText("王五")
    add.phone.setText("13800138002")  # the learner 王五's phone: same person
    add.save()
    assert [r["name"] for r in page.pool_model.rows] == ["陈老师", "王五"]
    qtmodeltester.check(page.pool_model)
    vol = page.pool_model.rows[1]["id"]
    rec = ServiceRecordDialog(ctx, instructor_id=vol)
    qtbot.addWidget(rec)
    rec.activity.setText("防诈宣传")
    rec.hours.setValue(2.5)
    rec.save()
    month = clock.today().strftime("%Y-%m")  # China time, as the page reads it
    assert page.hours_month.currentData() == month
    assert [(r["name"], r["hours"]) for r in page.hours_model.rows] == [("王五", 2.5)]
    assert page.total.text() == "合计 2.5 小时，1 人"
    assert page.records_model.rows[0]["activity"] == "防诈宣传"


def test_assign_dialog_assigns_and_removes_with_credit(qtbot, ctx, db, school):
    from ccschool.services import service_hours
    from ccschool.ui.classes.small_dialogs import AssignDialog

    page = _page(qtbot, ctx)
    page.select_class(school["书法"])
    sid = page.session_model.rows[0]["id"]
    with db.transaction(actor="admin") as s:
        sessions.mark_held(s, session_id=sid)
    dlg = AssignDialog(ctx, sid)
    qtbot.addWidget(dlg)
    assert dlg.current.count() == 0 and not dlg.remove_button.isEnabled()
    dlg.save()
    assert page.session_model.rows[0]["helpers"] == ["陈老师"]
    with db.read() as s:
        assert [r.hours for r in service_hours.session_records(s, sid)] == [1.0]
    again = AssignDialog(ctx, sid)
    qtbot.addWidget(again)
    assert again.current.currentText().startswith("陈老师")
    again.remove()
    assert page.session_model.rows[0]["helpers"] == []
    with db.read() as s:
        assert service_hours.session_records(s, sid) == []


@pytest.fixture
def threaded(db, qapp):
    """The app's threaded database worker instead of the synchronous one."""
    from ccschool.ui.ops.background import BackgroundRunner
    from ccschool.ui.shell.context import AppContext

    runner = BackgroundRunner(foreground=True)
    yield AppContext(db=db, run_in_background=runner)
    runner.wait()


def test_classes_page_writes_on_the_real_worker(qtbot, threaded, db, school):
    """Marking a session held: written off the GUI thread, the page reloads from the change
    set and says so."""
    page = _page(qtbot, threaded)
    qtbot.waitUntil(lambda: page.class_model.rowCount() == 2, timeout=10_000)
    page.select_class(school["书法"])
    qtbot.waitUntil(lambda: len(page.session_model.rows) == 5, timeout=10_000)
    page.session_table.selectRow(0)
    with qtbot.waitSignal(threaded.signals.records_changed, timeout=10_000) as changed:
        page.mark_held()
    assert changed.args[0].touches(Change.SESSION) and changed.args[0].made_by(page)
    qtbot.waitUntil(lambda: page.session_model.rows[0]["state"] == "held", timeout=10_000)
    assert page.status.text() == "已标记 2026-09-01 的课次为已上课"
    with db.read() as s:
        assert s.get(ClassSession, page.session_model.rows[0]["id"]).state == "held"


def test_a_refused_dialog_stays_open_on_the_real_worker(qtbot, threaded, school, problems):
    from ccschool.ui.classes.dialog import AddClassDialog

    dlg = AddClassDialog(threaded, today=date(2026, 9, 1))
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.save()  # no name: the service refuses on the worker, the box says why
    qtbot.waitUntil(lambda: problems == ["请填写课程名称"], timeout=10_000)
    assert dlg.isVisible() and dlg.created_id is None


def test_volunteers_page_on_the_real_worker(qtbot, threaded, school):
    from ccschool.ui.volunteers.page import InstructorDialog, VolunteersPage

    page = VolunteersPage(threaded)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: [r["name"] for r in page.pool_model.rows] == ["陈老师"], timeout=10_000)
    add = InstructorDialog(threaded)
    qtbot.addWidget(add)
    add.show()
    add.name.setText("李老师")
    add.save()
    qtbot.waitUntil(lambda: not add.isVisible(), timeout=10_000)  # closed once it was saved
    qtbot.waitUntil(lambda: [r["name"] for r in page.pool_model.rows] == ["陈老师", "李老师"],
                    timeout=10_000)
