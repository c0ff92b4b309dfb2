"""Asking for a secret on the command line: from the terminal, never echoed, or a clear refusal.

getpass without a terminal (a script, a pipe, a scheduled task) warns and reads stdin, or ends
in EOFError; a script passes secrets in environment variables instead, and is told which.
"""
from __future__ import annotations

import getpass
import sys

from ccschool.errors import ValidationError


def ask_secret(zh: str, en: str, *, env: str) -> str:
    from ccschool import i18n

    if not (sys.stdin and sys.stdin.isatty()):
        raise ValidationError("没有可输入密码的终端：请用环境变量 {env} 提供",
                              "No terminal to type the password in: set the environment "
                              "variable {env}", env=env)
    try:
        return getpass.getpass(i18n.L(zh, en))
    except EOFError:
        raise KeyboardInterrupt from None


def ask_text(zh: str, en: str, *, env: str) -> str:
    from ccschool import i18n

    if not (sys.stdin and sys.stdin.isatty()):
        raise ValidationError("没有可输入的终端：请用环境变量 {env} 提供",
                              "No terminal to answer on: set the environment variable {env}",
                              env=env)
    try:
        return input(i18n.L(zh, en))
    except EOFError:
        raise KeyboardInterrupt from None
