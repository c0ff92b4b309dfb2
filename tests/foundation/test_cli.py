"""The command line: exit codes, one-line reasons, --json output."""
from __future__ import annotations

import json


def test_version(run_cli):
    import tomllib
    from pathlib import Path

    import ccschool

    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.startswith("ccschool ")
    # The version is a constant (no importlib.metadata at start-up): it must match the package's.
    pyproject = tomllib.loads((Path(ccschool.__file__).parent.parent / "pyproject.toml").read_text())
    assert ccschool.__version__ == pyproject["project"]["version"]
    assert ccschool.__version__ in r.stdout


def test_init_then_info(run_cli, data_dir):
    r = run_cli("init", "--site-code", "330281101", "--site-name", "东山镇社区学校", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["site"]["code"] == "330281101"
    info = json.loads(run_cli("info", "--json").stdout)
    assert info["site"]["name"] == "东山镇社区学校"
    assert info["schema_revision"]
    assert info["database"] == str(data_dir / "ccschool.db")


def test_init_twice_fails_with_one_line_reason(run_cli):
    assert run_cli("init", "--site-code", "AB12", "--site-name", "甲").returncode == 0
    r = run_cli("init", "--site-code", "AB12", "--site-name", "甲")
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0 and "已设置站点" in r.stderr


def test_bad_site_code_is_refused_and_nothing_written(run_cli):
    r = run_cli("init", "--site-code", "ab c", "--site-name", "甲", "--json")
    assert r.returncode == 1
    assert json.loads(r.stdout)["error"]["field"] == "site_code"
    info = json.loads(run_cli("info", "--json").stdout)
    assert info["site"] is None


def test_init_checks_the_county_address_as_sync_setup_does(run_cli):
    """`init --county-url` and the first-run wizard share one set-up (services.site_setup)."""
    r = run_cli("init", "--site-code", "AB12", "--site-name", "甲", "--county-url",
                "ftp://county.example", "--json")
    assert r.returncode == 1 and json.loads(r.stdout)["error"]["field"] == "county_url"
    assert json.loads(run_cli("info", "--json").stdout)["site"] is None
    r = run_cli("init", "--site-code", "AB12", "--site-name", "甲", "--county-url",
                "https://county.example/ ", "--admin", "王老师", "--password", "dongshan-2468")
    assert r.returncode == 0, r.stderr
    info = json.loads(run_cli("info", "--json").stdout)
    assert info["site"]["county_url"] == "https://county.example" and info["staff_users"] == 1


def test_unknown_option_exits_non_zero(run_cli):
    assert run_cli("info", "--no-such-flag").returncode != 0


def test_demo_fills_a_new_database(run_cli):
    r = run_cli("demo", "--learners", "120", "--months", "2", "--json")
    assert r.returncode == 0, r.stderr
    counts = json.loads(r.stdout)
    assert counts["learners"] == 120 and counts["attendance"] > 500
    info = json.loads(run_cli("info", "--json").stdout)
    assert info["counts"]["learner"] == 120
    assert info["counts"]["venue"] == 3 and info["counts"]["instructor"] == 20
    assert info["outbox_pending"] > counts["attendance"]


def test_english_messages(run_cli):
    import os
    os.environ["CCSCHOOL_LANG"] = "en"
    try:
        r = run_cli("info", "--json")
        assert r.returncode == 0
        r = run_cli("init", "--site-code", "x", "--site-name", "y")
        assert "site code" in r.stderr
    finally:
        os.environ["CCSCHOOL_LANG"] = "zh_CN"
