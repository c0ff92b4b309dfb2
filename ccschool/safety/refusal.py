"""What a write says once the database file was found damaged (safety/health.py's note).

Its own module because it names the newest backup: health.py is read by the backup code (every
backup is also a check), so it cannot read the backups itself without a loop.
"""
from __future__ import annotations

from pathlib import Path

from ccschool.safety.backup import latest_backup
from ccschool.safety.health import damage_note
from ccschool.safety.storage import DatabaseCorrupt


def stopped_writing_error(db_path: Path) -> DatabaseCorrupt:
    """What a write (a check-in, an import) says once damage was found."""
    detail = (damage_note(db_path) or {}).get("detail", "?")
    newest = latest_backup(db_path.parent)
    if newest is None:
        return DatabaseCorrupt(
            "数据库文件已损坏（{detail}），已停止录入，本次操作没有保存。没有找到备份：请不要删除 "
            "{path}，联系技术人员。", "The database file is damaged ({detail}); writing has "
            "stopped and this action was not saved. No backup was found: do not delete {path}; "
            "call for technical help.", detail=detail, path=db_path)
    return DatabaseCorrupt(
        "数据库文件已损坏（{detail}），已停止录入，本次操作没有保存。请恢复最近的备份 {backup}："
        "“设置 → 备份与恢复”，或运行 ccschool restore \"{backup}\"",
        "The database file is damaged ({detail}); writing has stopped and this action was not "
        "saved. Restore the newest backup {backup}: Settings → Backup and restore, or run "
        "ccschool restore \"{backup}\"", detail=detail, backup=newest)
