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
