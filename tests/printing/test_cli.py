"""`ccschool print ...` as a coordinator or a script would run it."""
from __future__ import annotations

import json

from tests.printing.conftest import decode, page_sizes, pdf_flat_text, render


def test_print_cards_for_a_class_then_new_only(run_cli, school, tmp_path, out_dir):
    out = tmp_path / "cards.pdf"
    r = run_cli("print", "cards", "--class", school.class_id, "--out", out, "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["cards"] == 6
    assert len(decode(render(out, out_dir)[0])) == 6
    r = run_cli("print", "cards", "--out", tmp_path / "new.pdf")  # all were just printed
    assert r.returncode == 1 and "没有需要打印学习卡的学员" in r.stderr
    assert not (tmp_path / "new.pdf").exists()


def test_print_one_card_per_page(run_cli, school, tmp_path):
    out = tmp_path / "pvc.pdf"
    r = run_cli("print", "cards", "--card", school.cards["张三"], school.cards["吉𠮷"],
                "--per-page", "1", "--out", out)
    assert r.returncode == 0, r.stderr
    assert "2 张学习卡" in r.stdout
    assert page_sizes(out) == [(85.6, 54.0)] * 2


def test_print_certificates_json_lists_issued_and_refused(run_cli, school, tmp_path):
    out = tmp_path / "certs.pdf"
    r = run_cli("print", "certificates", "--class", school.class_id, "--out", out, "--json")
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert sorted(c["name"] for c in result["issued"]) == sorted(["张三", "李䶮", "吉𠮷", "欧阳娜娜"])
    assert {x["name"]: x["reason"] for x in result["refused"]} == {
        "王五": "出勤 6/10 < 80%", "赵六": "出勤 0/10 < 80%"}
    text = run_cli("print", "certificates", "--class", school.class_id, "--out", out).stdout
    assert "王五：出勤 6/10 < 80%" in text and "（补印）" in text


def test_print_signin_and_transcript(run_cli, school, tmp_path):
    r = run_cli("print", "signin", "--session", school.session_ids[0], "--out",
                tmp_path / "s.pdf")
    assert r.returncode == 0, r.stderr
    assert "签到表" in pdf_flat_text(tmp_path / "s.pdf")
    r = run_cli("print", "transcript", "--card", school.cards["吉𠮷"], "--out",
                tmp_path / "t.pdf", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["total_hours"] == 12.0
    assert "吉𠮷" in pdf_flat_text(tmp_path / "t.pdf")


def test_unknown_card_fails_with_one_line(run_cli, school, tmp_path):
    r = run_cli("print", "transcript", "--card", "NOPE1", "--out", tmp_path / "t.pdf")
    assert r.returncode == 1
    assert r.stderr.strip() == "错误: 找不到卡号 NOPE1"
    assert not (tmp_path / "t.pdf").exists()
