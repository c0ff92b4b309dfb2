"""Reading real-world rosters: title rows, header variants, messy cells, stop rows, row errors."""
from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from ccschool.i18n import set_language
from ccschool.roster import read_roster
from tests.learners.rosters import EXPECTED, WANG_X, ZHANG, messy_roster, pid, write_rows

DATA = Path(__file__).parent / "data"


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("zh_CN")


def _check_messy(roster):
    assert roster.header_row == EXPECTED["header_row"]
    valid = {r.row: r.values["name"] for r in roster.valid_rows}
    assert valid == EXPECTED["valid"]
    assert {(p.row, p.field) for p in roster.errors} == EXPECTED["errors"]
    assert {r.row for r in roster.rows if r.duplicate} == EXPECTED["duplicates"]
    assert roster.stopped_at == EXPECTED["stopped_at"]
    assert "不该读" not in {r.values.get("name") for r in roster.rows}
    by_row = {r.row: r.values for r in roster.rows}
    assert by_row[4]["phone"] == "13800138000"  # typed as a number
    assert by_row[6]["phone"] == "13900139001"  # full-width digits
    assert by_row[8]["phone"] == "13900139002"  # spaces inside
    assert by_row[9]["phone"] == "13900139003"  # +86 and dashes
    assert by_row[6]["id_number"] == WANG_X  # lower-case x stored as X
    assert by_row[5]["village"] == by_row[6]["village"] == "东村"  # merged cell filled down
    assert by_row[6]["target_groups"] == ("老年人", "家长")
    assert by_row[6]["consent_upload"] is False and by_row[4]["consent_upload"] is True
    assert by_row[9]["notes"] == "腿脚不便"
    return by_row


def test_messy_roster_from_openpyxl(tmp_path):
    by_row = _check_messy(read_roster(messy_roster(tmp_path / "花名册.xlsx")))
    assert [by_row[r]["birth_date"] for r in (4, 5, 6, 8, 9, 10, 11)] == [
        date(1956, 3, 2), date(1956, 3, 2), date(1958, 3, 2), date(1960, 7, 8), date(1962, 1, 15),
        date(1956, 3, 20),  # "1956-3" agrees with the ID, which gives the day
        date(1956, 3, 1)]  # Excel serial 20515


def test_roster_saved_by_libreoffice():
    _check_messy(read_roster(DATA / "roster_libreoffice.xlsx"))


def test_real_xls_renamed_to_xlsx(tmp_path):
    renamed = tmp_path / "花名册.xlsx"
    shutil.copy(DATA / "roster_real.xls", renamed)
    _check_messy(read_roster(renamed))


def test_columns_recognised_and_ignored(tmp_path):
    report = read_roster(messy_roster(tmp_path / "r.xlsx")).columns_report()
    assert report["recognised"] == {
        "name": "姓 名", "gender": "性别", "birth_date": "出生年月", "id_number": "身份证号码",
        "phone": "手机号码", "village": "村（社区）", "target_groups": "人群类别", "notes": "备注",
        "consent_upload": "同意上传"}
    assert report["ignored"] == ["序号"]


@pytest.mark.parametrize("header, field", [
    ("姓名", "name"), ("学员姓名", "name"), ("姓　名", "name"), ("*姓名", "name"),
    ("身份证号", "id_number"), ("公民身份号码", "id_number"), ("身份证号码（18位）", "id_number"),
    ("手机", "phone"), ("联系电话", "phone"), ("手机号码", "phone"),
    ("出生日期", "birth_date"), ("出生年月", "birth_date"),
    ("村(社区)", "village"), ("所在村", "village"), ("人群类别", "target_groups"),
    ("类别", "target_groups"), ("同意上传", "consent_upload"), ("备注", "notes"),
])
def test_header_variants(tmp_path, header, field):
    other = "性别" if field != "gender" else "备注"
    path = write_rows(tmp_path / "r.xlsx", [header if field == "name" else "姓名", other]
                      + ([header] if field != "name" else []), [["张三", "男", None]], title_rows=2)
    roster = read_roster(path)
    assert roster.header_row == 3
    assert field in roster.columns


@pytest.mark.parametrize("typed, expected", [
    ("1956.3.2", date(1956, 3, 2)), ("1956/03/02", date(1956, 3, 2)),
    ("1956年3月2日", date(1956, 3, 2)), ("19560302", date(1956, 3, 2)), (19560302, date(1956, 3, 2)),
    ("1956-3", date(1956, 3, 1)), ("1956年3月", date(1956, 3, 1)), (1956.3, date(1956, 3, 1)),
    (1956.12, date(1956, 12, 1)), (20515, date(1956, 3, 1)), ("１９５６－０３－０２", date(1956, 3, 2)),
    (" 1956 . 3 . 2 ", date(1956, 3, 2)),
])
def test_birth_date_forms(tmp_path, typed, expected):
    path = write_rows(tmp_path / "r.xlsx", ["姓名", "出生日期"], [["张三", typed]])
    (row,) = read_roster(path).rows
    assert row.ok, [p.message for p in row.problems]
    assert row.values["birth_date"] == expected


def test_unreadable_date_names_row_and_field(tmp_path):
    path = write_rows(tmp_path / "r.xlsx", ["姓名", "出生日期"], [["张三", "1956"], ["李四", "五六年"]])
    assert [p.message for p in read_roster(path).errors] == [
        "第2行 出生日期: 无法识别日期“1956”（可写作1956-03-02）",
        "第3行 出生日期: 无法识别日期“五六年”（可写作1956-03-02）"]


def test_row_errors_in_chinese_and_english(tmp_path, english):
    bad = ZHANG[:17] + ("1" if ZHANG[17] != "1" else "2")
    path = write_rows(tmp_path / "r.xlsx", ["姓名", "身份证号", "手机"],
                      [[None, None, None]] * 14 + [["张三", bad, "1380013800"]], title_rows=1)
    problems = read_roster(path).errors
    assert [p.message for p in problems] == [
        "Row 17 the ID number's last character is wrong; please check it",
        "Row 17 Mobile: a mobile number has 11 digits starting with 1"]
    set_language("zh_CN")
    assert problems[0].message == "第17行 身份证号最后一位不对，请核对"
    assert problems[0].as_dict()["field"] == "id_number"


def test_id_stored_as_number_is_reported(tmp_path):
    path = write_rows(tmp_path / "r.xlsx", ["姓名", "身份证号"], [["张三", 3.30302195603021e17]])
    (problem,) = read_roster(path).errors
    assert problem.field == "id_number" and "数字" in problem.message


def test_birth_and_gender_must_agree_with_id(tmp_path):
    path = write_rows(tmp_path / "r.xlsx", ["姓名", "性别", "出生日期", "身份证号"], [
        ["张三", "女", "1956-03-02", ZHANG],
        ["李四", "男", "1957-03-02", ZHANG.replace("1956", "1957")[:17]],  # 17 chars: length error
        ["王五", "", "1956-03-03", ZHANG],
        ["赵六", "", "", ZHANG]])
    roster = read_roster(path)
    assert [(p.row, p.field) for p in roster.errors] == [
        (2, "gender"), (3, "id_number"), (4, "birth_date")]
    assert roster.errors[0].message == "第2行 性别: 与身份证号不一致（身份证号为男）"
    last = roster.rows[3].values
    assert (last["gender"], last["birth_date"]) == ("男", date(1956, 3, 2))  # derived from the ID


def test_blank_rows_and_number_only_rows_are_skipped(tmp_path):
    path = write_rows(tmp_path / "r.xlsx", ["序号", "姓名", "手机"], [
        [1, "张三", 13800138000], [None, None, None], [2, "  ", None], [3, "李四", None],
        [4, None, None], [5, None, None]])
    assert [(r.row, r.values["name"]) for r in read_roster(path).rows] == [(2, "张三"), (5, "李四")]


def test_name_with_stray_spaces_and_full_width(tmp_path):
    path = write_rows(tmp_path / "r.xlsx", ["姓名", "手机"], [
        ["\u3000张 三\u3000", "１３８ ００１３ ８０００"], ["阿依古丽•买买提", None]])
    rows = read_roster(path).rows
    assert [r.values["name"] for r in rows] == ["张三", "阿依古丽·买买提"]
    assert rows[0].values["phone"] == "13800138000"


def test_same_id_different_name_is_an_error(tmp_path):
    path = write_rows(tmp_path / "r.xlsx", ["姓名", "身份证号"], [["张三", ZHANG], ["张叁", ZHANG]])
    (problem,) = read_roster(path).errors
    assert problem.row == 3 and "与第2行身份证号相同但姓名不同" in problem.message


def test_same_name_and_phone_is_a_duplicate(tmp_path):
    path = write_rows(tmp_path / "r.xlsx", ["姓名", "手机"], [["张三", 13800138000], ["张三", "13800138000"],
                                                          ["张三", 13800138001]])
    roster = read_roster(path)
    assert [r.row for r in roster.valid_rows] == [2, 4]
    assert [p.message for p in roster.problems] == ["第3行 姓名: 与第2行姓名和手机号相同，已跳过"]


def test_masked_id_from_an_export_is_not_an_error(tmp_path):
    path = write_rows(tmp_path / "r.xlsx", ["姓名", "身份证号"], [["张三", "3303**********123X"]])
    (row,) = read_roster(path).rows
    assert row.ok and "id_number" not in row.values and row.values["id_masked"] == "3303**********123X"


def test_target_groups_variants_and_unknown(tmp_path):
    path = write_rows(tmp_path / "r.xlsx", ["姓名", "类别"], [
        ["张三", "老年人,新市民/进城务工人员"], ["李四", "留守儿童；残疾人"], ["王五", "退休干部"]])
    roster = read_roster(path)
    assert [r.values.get("target_groups") for r in roster.rows[:2]] == [
        ("老年人", "新市民/进城务工人员"), ("留守妇女儿童", "残疾人")]
    assert [(p.row, p.field) for p in roster.errors] == [(4, "target_groups")]


def test_header_picked_over_title_rows_and_second_sheet(tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    wb.active.append(["说明：本工作簿第二页为花名册"])
    ws = wb.create_sheet("学员")
    ws.append(["2026年学员花名册"])
    ws.append(["基本信息", None, "联系方式"])
    ws.append(["学员姓名", "性别", "联系电话"])
    ws.append(["张三", "男", 13800138000])
    wb.save(tmp_path / "r.xlsx")
    roster = read_roster(tmp_path / "r.xlsx")
    assert (roster.sheet, roster.header_row, len(roster.rows)) == ("学员", 3, 1)


def test_wrong_dimension_does_not_cut_rows(tmp_path):
    """Some generators write <dimension ref="A1"/>; read-only openpyxl would trust it."""
    import zipfile
    src = write_rows(tmp_path / "src.xlsx", ["姓名", "手机"], [["张三", 13800138000], ["李四", None]])
    out = tmp_path / "r.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[A-Z0-9:]+"\s*/>', b'<dimension ref="A1"/>', data)
                assert b'<dimension ref="A1"/>' in data
            zout.writestr(item, data)
    assert [r.values.get("phone") for r in read_roster(out).rows] == ["13800138000", None]


def test_other_person_id_helper_is_valid():
    from ccschool.idcard import parse_id
    assert parse_id(pid(date(1990, 1, 1), False))[2] == "女"


def test_reading_pauses_the_cycle_collector_only_while_it_reads(tmp_path):
    import gc

    from ccschool.roster.gcpause import gc_paused

    path = messy_roster(tmp_path / "r.xlsx")
    assert gc.isenabled()
    read_roster(path)
    assert gc.isenabled()
    gc.disable()  # a caller that had it off keeps it off
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
