"""The audit log's words: what each action, record kind and field is called, and a change
written as "field: old → new".

Read both by the log's listing and export (services.audit_log) and by the sentences written
for people (services.audit_text), which the listing uses: kept apart so neither imports the
other's importer.
"""
from __future__ import annotations

import json
import re

from ccschool.i18n import L

# What each recorded action means, for people reading the log (codes stay in the database).
ACTION_LABELS = {
    "attendance.correct": ("更正签到", "Attendance corrected"),
    "attendance.excused_arrived": ("请假后到场", "Excused learner arrived"),
    "attendance.lan_signin": ("手机或第二签到台签到", "Signed in by phone or second desk"),
    "attendance.lan_excuse": ("第二签到台记请假", "Marked excused at a second desk"),
    "attendance.undo": ("撤销签到", "Sign-in undone"),
    "backup.restore": ("从备份恢复", "Restored from a backup"),
    "cards.print": ("打印学习卡", "Learning cards printed"),
    "certificate.issue": ("发放结业证书", "Certificate issued"),
    "class.add": ("新增班级", "Class added"), "class.update": ("修改班级", "Class changed"),
    "class.delete": ("删除班级", "Class deleted"),
    "enrollment.enrolled": ("报名", "Enrolled"), "enrollment.waitlist": ("候补", "Waitlisted"),
    "enrollment.promote": ("候补转正", "Promoted from the waitlist"),
    "enrollment.withdraw": ("退班", "Withdrawn"),
    "instructor.add": ("新增志愿者/教师", "Volunteer or teacher added"),
    "instructor.kind": ("修改志愿者类别", "Volunteer kind changed"),
    "learner.create": ("新增学员", "Learner added"), "learner.update": ("修改学员", "Learner changed"),
    "learner.card_reissue": ("补办学习卡", "Card re-issued"),
    "learner.erase": ("删除个人信息", "Personal data erased"),
    "learner.export": ("导出学员", "Learners exported"),
    "learner.import": ("导入花名册", "Roster imported"),
    "learner.reveal_id": ("查看完整身份证号", "Full ID number viewed"),
    "satisfaction.score": ("录入满意度", "Satisfaction recorded"),
    "service.add": ("登记志愿服务", "Service recorded"),
    "service.delete": ("删除志愿服务", "Service record deleted"),
    "session.add": ("新增课次", "Session added"), "session.update": ("修改课次", "Session changed"),
    "session.assign": ("安排志愿者", "Helper assigned"),
    "session.unassign": ("取消志愿者安排", "Helper unassigned"),
    "session.cancel": ("停课", "Session cancelled"), "session.restore": ("恢复课次", "Session restored"),
    "session.close": ("结束课次", "Session closed"), "session.held": ("标记已上课", "Session held"),
    "session.delete": ("删除课次", "Session deleted"),
    "session.generate": ("按周生成课次", "Sessions generated"),
    "setting.change": ("修改设置", "Setting changed"),
    "site.init": ("建立站点", "Site set up"), "site.county": ("修改县平台设置", "County link changed"),
    "staff.create": ("新增工作人员账号", "Staff account added"),
    "staff.password": ("修改密码", "Password changed"),
    "staff.login": ("登录", "Logged in"), "staff.login_failed": ("登录失败（密码错误）", "Login failed"),
    "staff.login_refused": ("登录被拒（错误次数过多，需等待）", "Login refused (too many failures)"),
    "backup.out": ("备份到数据文件夹以外", "Backed up outside the data folder"),
    "learner.export_protected": ("导出加密的学员个人信息", "Learners exported to a protected zip"),
    "sync.close_month": ("月结", "Month closed"), "sync.export": ("导出到U盘", "Exported to USB"),
    "sync.setup": ("设置上传", "Upload set up"),
    "sync.merge": ("同步合并（重复记录只计一次）", "Sync merged a duplicate (counted once)"),
    "sync.waitlist": ("同步后超出容量，转入候补", "Moved to the waiting list after a sync (class full)"),
    "device.add": ("添加一台电脑（生成加入文件）", "Computer added (join file made)"),
    "device.join": ("本机加入站点", "This computer joined the site"),
    "device.retire": ("停用一台电脑", "Computer retired"),
    "venue.add": ("新增教学场所", "Venue added"),
}
# The areas an admin filters by (action prefixes).
ACTION_AREAS = {"learner.": ("学员", "Learners"), "attendance.": ("签到", "Attendance"),
                "class.": ("班级", "Classes"), "session.": ("课次", "Sessions"),
                "enrollment.": ("报名", "Enrolment"), "instructor.": ("志愿者", "Volunteers"),
                "service.": ("志愿服务", "Service"), "certificate.": ("证书", "Certificates"),
                "cards.": ("学习卡", "Cards"), "setting.": ("设置", "Settings"),
                "site.": ("站点", "Site"), "staff.": ("账号", "Accounts"),
                "sync.": ("上传", "Upload"), "backup.": ("备份", "Backup"),
                "venue.": ("场所", "Venues")}

# Field names in before/after, as a reader knows them.
FIELD_LABELS = {"name": ("姓名", "name"), "gender": ("性别", "gender"),
                "birth_date": ("出生日期", "birth date"), "phone": ("手机", "phone"),
                "id_number": ("身份证号", "ID number"), "village": ("村(社区)", "village"),
                "target_groups": ("人群类别", "target groups"), "notes": ("备注", "notes"),
                "consent_upload": ("同意上传", "consent"), "card_no": ("卡号", "card"),
                "card_state": ("卡状态", "card state"), "status": ("状态", "status"),
                "state": ("状态", "state"), "reason": ("原因", "reason"),
                "course_name": ("班级名称", "class name"), "capacity": ("人数上限", "capacity"),
                "date": ("日期", "date"), "start_time": ("开始", "start"),
                "end_time": ("结束", "end"), "topic": ("内容", "topic"),
                "hours": ("学时", "hours"), "venue_id": ("场所", "venue"),
                "venue": ("场所", "venue"), "learner": ("学员", "learner"),
                "class": ("班级", "class"), "session": ("课次", "session"),
                "instructor": ("志愿者", "volunteer"), "person": ("人员", "person"),
                "theme": ("主题", "theme"), "count": ("数量", "count"),
                "cert_no": ("证书编号", "certificate no."), "attended": ("出勤", "attended"),
                "weekly": ("上课规律", "weekly"), "skip": ("跳过日期", "skipped dates"),
                "kind": ("类别", "kind"), "period": ("月份", "month"), "month": ("月份", "month"),
                "value": ("值", "value"), "activity": ("服务内容", "activity"),
                "score": ("评分", "score"), "comment": ("意见", "comment")}

ENTITY_LABELS = {"attendance": ("签到", "attendance"), "certificate": ("证书", "certificate"),
                 "class_session": ("课次", "session"), "course_class": ("班级", "class"),
                 "database": ("数据库", "database"), "enrollment": ("报名", "enrolment"),
                 "instructor": ("志愿者", "volunteer"), "learner": ("学员", "learner"),
                 "person": ("人员", "person"), "satisfaction_score": ("满意度", "satisfaction"),
                 "service_record": ("志愿服务", "service"), "setting": ("设置", "setting"),
                 "site": ("站点", "site"), "staff_user": ("账号", "account"),
                 "upload_batch": ("上传批次", "upload batch"), "venue": ("场所", "venue")}
_RECORD_ID = re.compile(r"^[0-9a-f]{32}$")


def record_label(entity: str | None, entity_id: str | None) -> str:
    """"学员 3f2a9c01" — the kind in words and a record key short enough to compare by eye."""
    zh, en = ENTITY_LABELS.get(entity or "", (entity or "", entity or ""))
    key = entity_id or ""
    if _RECORD_ID.match(key):
        key = key[:8]
    elif entity == "setting":
        from ccschool.settings import OPTIONS

        option = OPTIONS.get(key)
        key = L(option.zh, option.en) if option else key
    return " ".join(x for x in (L(zh, en), key) if x)


def field_label(key: str) -> str:
    zh, en = FIELD_LABELS.get(key, (key, key))
    return L(zh, en)


def action_label(action: str) -> str:
    zh, en = ACTION_LABELS.get(action, (action, action))
    return L(zh, en)


def change_summary(before, after, limit: int = 6) -> str:
    """"field: old → new" for what changed (already masked by `entries`), shortest first;
    "field: value" when only one side was recorded (an addition or a removal)."""
    if before is None and after is None:
        return ""
    if before is None or after is None:
        side = after if before is None else before
        if isinstance(side, dict):
            return _fields(side, limit)
        return _short(side)
    if not isinstance(before, dict) or not isinstance(after, dict):
        return f"{_short(before)} → {_short(after)}"
    keys = [k for k in dict.fromkeys([*before, *after]) if before.get(k) != after.get(k)]
    parts = [f"{field_label(k)}: {_short(before.get(k))} → {_short(after.get(k))}"
             for k in keys[:limit]]
    if len(keys) > limit:
        parts.append(L("等 {n} 项", "and {n} more", n=len(keys) - limit))
    return "；".join(parts)


def _fields(values: dict, limit: int) -> str:
    keys = [k for k, v in values.items() if v not in (None, "", [], {})]
    parts = [f"{field_label(k)}: {_short(values[k])}" for k in keys[:limit]]
    if len(keys) > limit:
        parts.append(L("等 {n} 项", "and {n} more", n=len(keys) - limit))
    return "；".join(parts)


def _short(value, width: int = 40) -> str:
    text = "" if value is None else value if isinstance(value, str) else json_text(value)
    return text if len(text) <= width else text[:width - 1] + "…"


def json_text(value) -> str:
    """A recorded value as JSON text for a cell or a summary ("" for nothing)."""
    return "" if value is None else json.dumps(value, ensure_ascii=False, default=str)
