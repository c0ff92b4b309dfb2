"""`ccschool report …` and `ccschool satisfaction add` as real processes."""
from __future__ import annotations

import json

import openpyxl


def test_monthly_json_has_stable_keys(shared, run_cli):
    r = run_cli("report", "monthly", "--month", "2026-03", "--json", data=shared.data_dir)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    for key in ("person_times", "distinct_learners", "learner_hours", "sessions_held",
                "sessions_cancelled", "new_learners", "by_theme", "by_venue", "by_target_group",
                "by_age_band", "by_gender", "classes", "volunteers", "certificates_issued",
                "satisfaction", "online_person_times", "offline_person_times", "participation"):
        assert key in data, key
    assert (data["person_times"], data["learner_hours"]) == (10, 18.0)


def test_monthly_text_and_files(shared, run_cli, tmp_path):
    xlsx, pdf = tmp_path / "m.xlsx", tmp_path / "m.pdf"
    r = run_cli("report", "monthly", "--month", "2026-03", "--out", xlsx, "--pdf", pdf,
                data=shared.data_dir)
    assert r.returncode == 0, r.stderr
    assert "培训人次" in r.stdout and "10" in r.stdout and str(xlsx) in r.stdout
    assert openpyxl.load_workbook(xlsx).sheetnames[0] == "汇总"
    assert pdf.read_bytes().startswith(b"%PDF")


def test_range_and_bad_input(shared, run_cli):
    r = run_cli("report", "range", "--from", "2026-02-01", "--to", "2026-03-31", "--json",
                data=shared.data_dir)
    assert json.loads(r.stdout)["person_times"] == 11
    bad = run_cli("report", "range", "--from", "2026-03-31", "--to", "2026-03-01",
                  data=shared.data_dir)
    assert bad.returncode == 1 and "早于" in bad.stderr and bad.stderr.count("\n") == 1
    bad = run_cli("report", "monthly", "--month", "March", data=shared.data_dir)
    assert bad.returncode == 1 and "YYYY-MM" in bad.stderr


def test_stars_and_archive(shared, run_cli):
    stars = json.loads(run_cli("report", "stars", "--year", "2026", "--limit", "2", "--json",
                               data=shared.data_dir).stdout)
    assert [c["name"] for c in stars["candidates"]] == ["张三", "钱七"]
    r = run_cli("report", "archive", "--card", "T0001", data=shared.data_dir)
    assert r.returncode == 0 and "张三" in r.stdout and "6学时" in r.stdout
    missing = run_cli("report", "archive", "--card", "NOPE", "--json", data=shared.data_dir)
    assert missing.returncode == 1 and json.loads(missing.stdout)["error"]["code"] == "not_found"


def test_satisfaction_add(db, history, run_cli):
    r = run_cli("satisfaction", "add", "--class", history.c2.id, "--card", "T0004", "--score",
                "5", "--comment", "老师讲得好", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["score"] == 5
    bad = run_cli("satisfaction", "add", "--class", history.c2.id, "--card", "T0004",
                  "--score", "9")
    assert bad.returncode == 1 and "1到5" in bad.stderr
