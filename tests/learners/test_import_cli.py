"""`ccschool learners import/export/list/add/reissue` as a real process on real files."""
from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
from sqlalchemy import func, select

from ccschool.models import Learner, OutboxEntry, Person
from tests.learners.rosters import ZHANG, messy_roster, write_rows


def _count(db, model=Learner) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _json(result) -> dict:
    return json.loads(result.stdout)


def test_invalid_rows_refuse_the_whole_import(db, run_cli, tmp_path):
    outbox = _count(db, OutboxEntry)
    r = run_cli("learners", "import", messy_roster(tmp_path / "花名册.xlsx"), "--json")
    assert r.returncode == 1
    out = _json(r)
    assert out["imported"] == 0 and out["skipped"] == 3 and out["duplicates"] == 1
    assert [(e["row"], e["field"]) for e in out["errors"]] == [
        (12, "id_number"), (13, "phone"), (15, "gender")]
    assert out["errors"][0]["message"] == "第12行 身份证号最后一位不对，请核对"
    assert out["columns"]["ignored"] == ["序号"] and out["columns"]["recognised"]["name"] == "姓 名"
    assert _count(db) == 0 and _count(db, OutboxEntry) == outbox


def test_skip_invalid_imports_valid_rows_and_writes_error_workbook(db, run_cli, cli, tmp_path):
    src = messy_roster(tmp_path / "花名册.xlsx")
    dry = cli("learners", "import", src, "--skip-invalid", "--dry-run", "--json")
    assert dry.returncode == 0 and _json(dry)["would_import"] == 7 and _count(db) == 0
    assert not (tmp_path / "花名册_错误行.xlsx").exists()

    r = run_cli("learners", "import", src, "--skip-invalid", "--json")
    assert r.returncode == 0, r.stderr
    out = _json(r)
    assert (out["imported"], out["skipped"], out["duplicates"]) == (7, 3, 1)
    assert out["error_workbook"] == str(tmp_path / "花名册_错误行.xlsx")
    rows = list(openpyxl.load_workbook(out["error_workbook"]).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == [12, 13, 15]
    assert _count(db) == 7

    again = _json(cli("learners", "import", src, "--skip-invalid", "--json"))
    assert again["imported"] == 0 and again["duplicates"] == 8  # 7 on file + 1 twice in the file
    assert _count(db) == 7 and _count(db, Person) == 7


def test_clean_roster_import_is_idempotent_and_text_output(db, cli, tmp_path):
    src = write_rows(tmp_path / "r.xlsx", ["姓名", "身份证号", "联系电话", "年龄"],
                     [["张三", ZHANG, 13800138000, 70], ["李四", None, "13900139000", 60]], title_rows=1)
    r = cli("learners", "import", src)
    assert r.returncode == 0, r.stderr
    assert "已导入2名学员" in r.stdout and "未使用的列：年龄" in r.stdout
    r = cli("learners", "import", src)
    assert r.returncode == 0 and "已导入0名学员" in r.stdout and "重复2行" in r.stdout
    assert _count(db) == 2


@pytest.mark.parametrize("make, words", [
    (lambda p: p.write_text("not a workbook"), "不是Excel工作簿"),
    (lambda p: shutil.copy(__file__.replace("test_import_cli.py", "data/roster_password.xlsx"), p), "密码"),
    (lambda p: write_rows(p, ["编号"], [[1]]), "找不到表头"),
])
def test_unusable_file_one_line_and_nothing_written(db, cli, tmp_path, make, words):
    path = tmp_path / "花名册.xlsx"
    make(path)
    r = cli("learners", "import", path)
    assert r.returncode == 1 and words in r.stderr and r.stderr.strip().count("\n") == 0
    assert _count(db) == 0


def test_export_masks_ids_escapes_formulas_and_round_trips(db, cli, tmp_path, data_dir,
                                                          monkeypatch):
    assert cli("learners", "add", "--name", "张三", "--id-number", ZHANG, "--phone", "13800138000",
                   "--groups", "老年人、家长", "--consent", "--notes", "=HYPERLINK(\"http://x\",\"点我\")",
                   "--village=-东村").returncode == 0
    assert cli("learners", "add", "--name", "李四", "--notes", "@SUM(1)").returncode == 0
    masked, full = tmp_path / "masked.xlsx", tmp_path / "full.xlsx"
    assert cli("learners", "export", masked).returncode == 0
    refused = cli("learners", "export", full, "--include-id")  # full ID numbers: admins only
    assert refused.returncode == 1 and "CCSCHOOL_STAFF" in refused.stderr and not full.exists()
    from ccschool.services import staff

    with db.transaction(actor="test") as s:
        staff.create_user(s, name="王老师", password="dongshan-2468", role="admin")
    monkeypatch.setenv("CCSCHOOL_STAFF", "王老师")
    monkeypatch.setenv("CCSCHOOL_PASSWORD", "dongshan-2468")
    assert cli("learners", "export", full, "--include-id").returncode == 0

    ws = openpyxl.load_workbook(masked).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:6] == ("卡号", "姓名", "性别", "出生日期", "身份证号", "手机号码")
    assert rows[1][4] == "3303**********" + ZHANG[-4:] and rows[1][5] == "13800138000"
    assert rows[1][9] == "'=HYPERLINK(\"http://x\",\"点我\")" and rows[1][6] == "'-东村"
    assert rows[2][9] == "'@SUM(1)"
    assert ws["F2"].data_type == "s"  # the phone is a text cell
    assert openpyxl.load_workbook(full).active["E2"].value == ZHANG

    # the same site re-imports its own export: nothing new, masked IDs are not errors
    back = _json(cli("learners", "import", masked, "--json"))
    assert (back["imported"], back["duplicates"], back["errors"]) == (0, 2, [])

    # a fresh site imports the full export and holds the same learners
    fresh = tmp_path / "fresh"
    assert cli("init", "--site-code", "NEW02", "--site-name", "新站", data=fresh).returncode == 0
    r = cli("learners", "import", full, "--json", data=fresh)
    assert r.returncode == 0 and _json(r)["imported"] == 2
    a = _json(cli("learners", "list", "--json"))["learners"]
    b = _json(cli("learners", "list", "--json", data=fresh))["learners"]
    keys = ("name", "gender", "birth_date", "id_number", "phone", "village", "target_groups",
            "notes", "consent_upload")
    assert [{k: x[k] for k in keys} for x in a] == [{k: x[k] for k in keys} for x in b]
    assert b[0]["notes"] == "=HYPERLINK(\"http://x\",\"点我\")"  # stored as typed, escaped only in Excel


def test_list_search_and_reissue(db, cli):
    assert cli("learners", "add", "--name", "张三", "--phone", "13800138000").returncode == 0
    assert cli("learners", "add", "--name", "李四").returncode == 0
    out = _json(cli("learners", "list", "--search", "zs", "--json"))
    assert out["count"] == 1 and out["learners"][0]["card_no"] == "ST01000001"
    r = cli("learners", "reissue", "ST01000001", "--json")
    assert r.returncode == 0 and _json(r)["card_no"] == "ST01000003"
    again = cli("learners", "reissue", "st01000001")  # the revoked card names nobody to re-issue
    assert again.returncode == 1 and "找不到卡号为 ST01000001 的学员" in again.stderr
    assert "ST01000003" in cli("learners", "list", "--search", "8000").stdout
    bad = cli("learners", "add", "--name", "王五", "--phone", "123")
    assert bad.returncode == 1 and "手机号码" in bad.stderr


def test_the_learner_list_keeps_the_rosters_order(db, cli, tmp_path):
    # The list shows learners in registration order: an import must not reorder a roster.
    names = [f"学员{chr(0x4E00 + i)}" for i in range(40)]
    roster = write_rows(tmp_path / "r.xlsx", ["姓名"], [[n] for n in names])
    assert cli("learners", "import", roster).returncode == 0
    listed = _json(cli("learners", "list", "--json"))["learners"]
    assert [x["name"] for x in listed] == names
    assert [x["card_no"] for x in listed] == sorted(x["card_no"] for x in listed)
