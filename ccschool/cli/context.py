"""What a CLI handler gets: the data folder, the database (opened on first use), output helpers."""
from __future__ import annotations

import json
import sys
from functools import cached_property

from ccschool import i18n, paths
from ccschool.errors import CCSError, ValidationError


class CliContext:
    def __init__(self, *, data_dir: str | None, json: bool) -> None:
        self.data_dir = paths.data_dir(data_dir)
        self.json = json
        self._opened = False
        self._admin: str | None = None

    @cached_property
    def db(self):
        from ccschool.db import open_database
        from ccschool.safety.checks import check_database

        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise ValidationError("数据文件夹“{path}”是一个文件，不是文件夹：请用 --data-dir 指定文件夹",
                                  "The data folder “{path}” is a file, not a folder: name a "
                                  "folder with --data-dir", path=str(self.data_dir))
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from ccschool.cli.boundary import path_reason

            why_zh, why_en = path_reason(exc)
            raise ValidationError("无法使用数据文件夹“{path}”：{why_zh}",
                                  "Cannot use the data folder “{path}”: {why_en}",
                                  path=str(self.data_dir), why_zh=why_zh, why_en=why_en) from None
        check_database(self.data_dir, quick=False)  # never a new empty db over a broken one
        db = open_database(self.data_dir)
        self._opened = True
        from ccschool.services.import_steps import discard_dead

        discard_dead(db)  # a killed import's leftovers (one read when there are none)
        self._apply_language(db)
        return db

    def _apply_language(self, db) -> None:
        import os

        if "CCSCHOOL_LANG" in os.environ:
            return
        from ccschool import settings
        from ccschool.models import Setting

        with db.read() as s:
            if s.get(Setting, "language") is not None:
                i18n.set_language(settings.get(s, "language"))

    def require_admin(self, *, record_login: bool = True) -> str:
        """The name of the admin running this command, after checking their password.

        Commands that reveal personal data or change staff, settings or the database file call
        this first, and audit under the returned name. Scripts set CCSCHOOL_STAFF and
        CCSCHOOL_PASSWORD; at a terminal the command asks. Failures are throttled and audited
        like the desktop app's login (services/login.py)."""
        if self._admin is None:
            self._admin = self._check_admin(record_login)
        return self._admin

    def _check_admin(self, record_login: bool) -> str:
        import os

        from ccschool.cli.prompt import ask_secret, ask_text
        from ccschool.errors import PermissionDenied
        from ccschool.services import login

        name = os.environ.get("CCSCHOOL_STAFF") or ask_text(
            "管理员用户名：", "Admin user name: ", env="CCSCHOOL_STAFF")
        password = os.environ.get("CCSCHOOL_PASSWORD")
        if password is None:
            password = ask_secret("密码：", "Password: ", env="CCSCHOOL_PASSWORD")
        user = login.login(self.db, name=name, password=password, record_success=record_login)
        if user.role != "admin":
            raise PermissionDenied("这个操作需要管理员账号（{name}是普通用户）",
                                   "This needs an admin account ({name} is staff)", name=user.name)
        if user.must_change:
            print(i18n.L("提示：管理员密码应至少8位且不全是数字，请用 ccschool staff-password 修改",
                         "Note: an admin password needs 8 characters, not only digits; change it "
                         "with ccschool staff-password"), file=sys.stderr, flush=True)
        return user.name

    def audit(self, actor: str, action: str, **after) -> None:
        """One audit entry for a command that changes no record but matters (an export of
        personal data, a copy of the database leaving the folder)."""
        from ccschool import audit

        with self.db.transaction(actor=actor) as s:
            audit.record(s, action, after=after or None)

    def emit(self, obj, text: str | None = None) -> None:
        """Print obj as JSON with --json, otherwise the human text (or obj itself)."""
        if self.json:
            print(json.dumps(obj, ensure_ascii=False, default=str), flush=True)
        else:
            print(text if text is not None else obj, flush=True)

    def fail(self, exc: CCSError) -> None:
        if self.json:
            print(json.dumps({"error": exc.as_dict()}, ensure_ascii=False), flush=True)
        one_line = " ".join(str(exc).split())  # one line, whatever the message holds
        print(f"{i18n.L('错误', 'Error')}: {one_line}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._opened:
            self.db.close()
            self._opened = False
            del self.__dict__["db"]  # opened again on the next use
