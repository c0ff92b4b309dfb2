"""Plain HTML for phones: no script, no framework, large type, forms that post and redirect.

WeChat's in-app browser and old Android browsers render this; nothing needs JavaScript.
Every value that came from the database or the request is escaped here (`esc`), once.
"""
from __future__ import annotations

from html import escape
from string import Template

from ccschool.i18n import L, is_english

_PAGE = Template("""<!doctype html>
<html lang="$lang"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>$title</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;
margin:0;padding:16px;font-size:22px;line-height:1.45;color:#1b1b1b;background:#fafafa}
h1{font-size:28px;margin:0 0 8px}
.sub{color:#555;font-size:19px;margin-bottom:16px}
label{display:block;margin:14px 0 4px;font-weight:600}
input[type=text],input[type=password],input[type=tel]{width:100%;box-sizing:border-box;
font-size:26px;padding:12px;border:2px solid #888;border-radius:8px;background:#fff}
button,.button{display:block;width:100%;box-sizing:border-box;margin-top:18px;padding:14px;
font-size:26px;border:0;border-radius:10px;background:#1565c0;color:#fff;text-align:center;
text-decoration:none}
button.second,.button.second{background:#e0e0e0;color:#1b1b1b}
.or{text-align:center;color:#666;margin:18px 0 0}
.big{font-size:40px;font-weight:700;margin:12px 0}
.ok{background:#e3f4e5;border-left:10px solid #2e7d32;padding:14px;border-radius:8px}
.warn{background:#fff4dc;border-left:10px solid #ef8f00;padding:14px;border-radius:8px}
.error{background:#fde7e7;border-left:10px solid #c62828;padding:14px;border-radius:8px}
h2{font-size:24px;margin:22px 0 6px}
.person{padding:10px 0;border-bottom:1px solid #ddd}
.acts{display:flex;flex-wrap:wrap;gap:8px;margin-top:6px}
.acts form{display:flex;gap:8px;align-items:center;margin:0}
.acts button{display:inline-block;width:auto;margin:0;padding:8px 16px;font-size:20px}
.acts input[type=text]{font-size:20px;padding:7px;width:7em}
.count{font-size:30px;font-weight:700}
.muted{color:#666;font-size:18px}
</style></head>
<body>$body</body></html>
""")


def esc(value) -> str:
    return escape("" if value is None else str(value), quote=True)


def say(zh: str, en: str, **kw) -> str:
    """A sentence in the current language, escaped for the page."""
    return esc(L(zh, en, **kw))


def page(title: str, body: str) -> str:
    return _PAGE.substitute(lang="en" if is_english() else "zh-CN", title=esc(title), body=body)


def hidden(**fields) -> str:
    return "".join(f'<input type="hidden" name="{esc(k)}" value="{esc(v)}">'
                   for k, v in fields.items())


def notice(severity: str, headline: str, detail: str = "") -> str:
    """A coloured box: ok (green), warn (amber) or error (red)."""
    more = f"<div>{esc(detail)}</div>" if detail else ""
    return f'<div class="{esc(severity)}"><div class="big">{esc(headline)}</div>{more}</div>'


def rescan_page() -> str:
    """The answer to an expired, forwarded, forged or replayed link."""
    return page(L("请重新扫描", "Scan again"), notice(
        "warn", L("请重新扫描屏幕上的二维码", "Please scan the QR code on the screen again"),
        L("二维码每半分钟更换一次；转发的链接或旧照片不能签到。",
          "The code changes every half minute; forwarded links and old photos do not work.")))


def too_fast_page() -> str:
    return page(L("请稍等", "Please wait"), notice(
        "warn", L("操作太频繁", "Too many tries"),
        L("请稍等一分钟再试，或到签到台找工作人员。",
          "Wait a minute and try again, or ask the staff at the desk.")))
