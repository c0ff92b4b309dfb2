"""Data safety: backups and restore, start-up checks, the instance lock, storage errors.

No Qt here: the GUI (ccschool/ui/settings/backup_panel.py), the CLI (ccschool/cli/backup.py) and the
migration hook call these functions.
"""
