"""What the command line says when a command fails: one line the user can act on.

A domain error (CCSError) says it itself; a full disk or a damaged database gets the storage
message (safety/storage.py); a file the user named that cannot be read or written gets its
name and the reason; anything else is a bug, reported as such with the log file's place.
"""
from __future__ import annotations

import errno
from pathlib import Path

from ccschool.errors import CCSError

# errno -> (zh, en) for a path the user typed: --out, a key file, a roster.
_PATH_REASONS = {
    errno.ENOENT: ("文件或文件夹不存在", "no such file or folder"),
    errno.EISDIR: ("这是一个文件夹，请写出文件名", "it is a folder; name a file"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "part of the path is not a folder"),
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("没有权限", "permission denied"),
    errno.EROFS: ("磁盘或U盘是只读的", "the disk or USB stick is read-only"),
    errno.EEXIST: ("已有同名文件", "a file of that name exists"),
    errno.ENAMETOOLONG: ("文件名太长", "the file name is too long"),
}


class UnexpectedError(CCSError):
    code = "internal"


class PathError(CCSError):
    code = "path"


def path_reason(exc: OSError) -> tuple[str, str]:
    return _PATH_REASONS.get(exc.errno or 0, (exc.strerror or str(exc),) * 2)


def path_error(exc: OSError) -> CCSError:
    why_zh, why_en = path_reason(exc)
    return PathError("无法读写“{file}”：{why_zh}", "Cannot read or write “{file}”: {why_en}",
                     file=exc.filename, why_zh=why_zh, why_en=why_en)


def _inside(path, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def user_error(exc: BaseException, *, data_dir: Path, log_path: Path) -> CCSError:
    """The one-line error for exc (never None)."""
    from ccschool.safety import storage
    from ccschool.sync.transport import TransportError

    if isinstance(exc, CCSError):
        return exc
    if isinstance(exc, OSError) and exc.filename and not _inside(exc.filename, data_dir) \
            and exc.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EIO):
        return path_error(exc)  # a file the user named, not the data folder
    mapped = storage.user_error(exc, folder=data_dir)
    if mapped is not None:
        return mapped
    if isinstance(exc, TransportError):
        # not its text: "将自动重试" is the background uploader's; here the user retries
        return CCSError("连不上县平台，请检查网络和县平台地址后重试",
                        "Cannot reach the county platform; check the network and its "
                        "address and try again")
    return UnexpectedError("程序出错（{kind}），本次操作没有完成，已保存的数据不受影响。"
                           "详情已记入日志：{log}",
                           "Unexpected error ({kind}); this action was not completed and saved "
                           "data is unaffected. Details are in the log: {log}",
                           kind=type(exc).__name__, log=str(log_path))
