"""The staff second desk: a staff phone or a second laptop, after the PIN shown on the laptop.

It signs learners in by card code (a Bluetooth or USB scanner types into the focused field and
sends Enter, which submits the form), by name or pinyin search, marks 请假, and lists who is
still missing. Every write goes through services.lan_signin into the laptop's one database.
Forms carry a per-login token and the cookie is SameSite=Strict: a page elsewhere cannot post
to the desk.
"""
from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from urllib.parse import quote

from ccschool.errors import CCSError
from ccschool.i18n import L
from ccschool.lan import html
from ccschool.lan.html import esc, hidden, page, say
from ccschool.lan.web import Request, Response
from ccschool.services import cards
from ccschool.services.attended import ATTENDED

DESK_COOKIE = "ccs_desk"
_LOGIN_ID = re.compile(r"[A-Za-z0-9_-]{32}")
_LEARNER_ID = re.compile(r"[0-9a-f]{32}")
RECENT = 8


@dataclass
class Login:
    csrf: str
    address: str
    message: tuple[str, str] | None = None  # (severity, sentence) of the last action


class DeskPages:
    def __init__(self, room) -> None:
        self.room = room
        self.logins: dict[str, Login] = {}

    def handle(self, request: Request) -> Response | None:
        if not request.path.startswith("/desk"):
            return None
        if request.path == "/desk/login" and request.method == "POST":
            return self._login(request)
        login = self._current(request)
        if login is None:
            return Response(body=self._pin_page()) if request.path == "/desk" else \
                Response.redirect("/desk")
        if request.method == "GET" and request.path == "/desk":
            return Response(body=self._home(login, request.arg("q")))
        action = {"/desk/scan": self._scan, "/desk/signin": self._signin,
                  "/desk/excuse": self._excuse, "/desk/logout": self._logout}.get(request.path)
        if action is None or request.method != "POST":
            return None
        if not self._same_origin(request) or not hmac.compare_digest(
                request.arg("csrf").encode(), login.csrf.encode()):
            return Response(403, page("403", html.notice(
                "error", L("请求无效，请刷新签到台页面", "Invalid request; reload the desk page"))))
        return action(request, login)

    # -- login --------------------------------------------------------------------------------
    def _current(self, request: Request) -> Login | None:
        key = request.cookies.get(DESK_COOKIE, "")
        return self.logins.get(key) if _LOGIN_ID.fullmatch(key) else None

    @staticmethod
    def _same_origin(request: Request) -> bool:
        origin = request.headers.get("origin")
        return origin in (None, "null") or origin == f"http://{request.headers.get('host', '')}"

    def _pin_page(self, error: str = "") -> str:
        wrong = html.notice("error", error) if error else ""
        body = (f"<h1>{esc(L('签到台', 'Sign-in desk'))}</h1>"
                f"<div class=sub>{esc(self.room.label)}</div>{wrong}"
                "<form method=post action=/desk/login>"
                "<label for=pin>"
                f"{say('请输入电脑屏幕上显示的签到台密码', 'Type the desk PIN shown on the laptop')}"
                "</label>"
                "<input type=password id=pin name=pin inputmode=numeric maxlength=12 "
                "autocomplete=off autofocus required>"
                f"<button type=submit>{esc(L('进入签到台', 'Open the desk'))}</button></form>")
        return page(L("签到台", "Sign-in desk"), body)

    def _login(self, request: Request) -> Response:
        guard = self.room.pin_guard
        if guard.locked(request.client):
            return Response(429, self._pin_page(L(
                "密码错误次数太多，请稍后再试或在电脑上重新打开手机签到",
                "Too many wrong PINs; wait, or reopen phone sign-in on the laptop")))
        if not guard.try_pin(request.client, request.arg("pin")):
            return Response(403, self._pin_page(L("密码不对", "Wrong PIN")))
        key = secrets.token_urlsafe(24)
        self.logins[key] = Login(secrets.token_urlsafe(24), request.client)
        return Response.redirect("/desk").cookie(DESK_COOKIE, key, max_age=12 * 3600,
                                                 same_site="Strict")

    def _logout(self, request: Request, login: Login) -> Response:
        self.logins.pop(request.cookies.get(DESK_COOKIE, ""), None)
        return Response.redirect("/desk")

    # -- actions ------------------------------------------------------------------------------
    def _device(self, request: Request) -> str:
        return f"desk {request.client}"

    def _back(self, request: Request) -> Response:
        q = request.arg("q")
        return Response.redirect("/desk" + (f"?q={quote(q)}" if q else ""))

    def _tell(self, login: Login, result) -> None:
        login.message = (result.severity, result.message)

    def _scan(self, request: Request, login: Login) -> Response:
        payload = request.arg("payload")
        if payload:
            if not cards.normalise_scan(payload).startswith(cards.CARD_PREFIX):  # a name typed
                return Response.redirect(f"/desk?q={quote(payload)}")
            self._tell(login, self.room.sign_in(method="desk", device=self._device(request),
                                                payload=payload))
        return self._back(request)

    def _signin(self, request: Request, login: Login) -> Response:
        learner_id = request.arg("l")
        if _LEARNER_ID.fullmatch(learner_id):
            self._tell(login, self.room.sign_in(method="desk", device=self._device(request),
                                                learner_id=learner_id,
                                                walk_in=request.arg("walk") == "1"))
        return self._back(request)

    def _excuse(self, request: Request, login: Login) -> Response:
        learner_id = request.arg("l")
        if _LEARNER_ID.fullmatch(learner_id):
            try:
                name = self.room.excuse(learner_id=learner_id, reason=request.arg("reason"),
                                        device=self._device(request))
                login.message = ("ok", L("{name} 已记请假", "{name} marked excused", name=name))
            except CCSError as exc:
                login.message = ("error", str(exc))
        return self._back(request)

    # -- the page -----------------------------------------------------------------------------
    def _home(self, login: Login, query: str) -> str:
        from ccschool.services.attendance import desk, marking

        sid = self.room.session_id
        with self.room.db.read() as s:
            here, enrolled = desk.counts(s, session_id=sid)
            roster = marking.roster(s, session_id=sid)
            found = marking.search_learners(s, session_id=sid, query=query, limit=20) \
                if query else []
        missing = [r for r in roster if r.enrolled and r.status is None]
        arrived = [(r.at, r) for r in roster if r.at is not None]
        recent = [r for _, r in sorted(arrived, key=lambda pair: pair[0], reverse=True)][:RECENT]
        message, login.message = login.message, None
        parts = [f"<h1>{esc(L('签到台', 'Sign-in desk'))}</h1>",
                 f"<div class=sub>{esc(self.room.label)}</div>",
                 f"<div class=count id=count>"
                 f"{say('已到 {n} / {m}', '{n} / {m} here', n=here, m=enrolled)}</div>",
                 html.notice(message[0], message[1]) if message else "",
                 self._scan_form(login, query), self._search_form(query)]
        if query:
            parts.append(self._table(L("查找结果", "Found"), found, login, query, "found"))
        parts.append(self._table(L("未到 {n} 人", "Missing: {n}", n=len(missing)), missing,
                                 login, query, "missing"))
        parts.append(self._table(L("最近签到", "Latest sign-ins"), recent, login, query, "recent"))
        parts.append(f"<form method=post action=/desk/logout>{hidden(csrf=login.csrf)}"
                     f"<button class=second type=submit>{say('退出签到台', 'Leave the desk')}</button>"
                     "</form>")
        return page(L("签到台", "Sign-in desk"), "".join(parts))

    @staticmethod
    def _scan_form(login: Login, query: str) -> str:
        label = say("扫码枪扫学习卡（或输入姓名、卡号后回车）",
                    "Scan a card (or type a name or card number, then Enter)")
        return (f"<form method=post action=/desk/scan>{hidden(csrf=login.csrf, q=query)}"
                f"<label for=payload>{label}</label>"
                "<input type=text id=payload name=payload autocomplete=off autofocus>"
                f"<button type=submit>{esc(L('签到', 'Sign in'))}</button></form>")

    @staticmethod
    def _search_form(query: str) -> str:
        label = say("按姓名、拼音首字母或卡号查找", "Find by name, pinyin initials or card")
        return (f"<form method=get action=/desk><label for=q>{label}</label>"
                f"<input type=text id=q name=q value=\"{esc(query)}\" autocomplete=off>"
                f"<button type=submit class=second>{esc(L('查找', 'Find'))}</button></form>")

    def _table(self, title: str, rows, login: Login, query: str, key: str) -> str:
        """One block per learner (a phone is too narrow for table columns): name, card,
        status on a line, the buttons below."""
        from ccschool.services.attendance.marking import STATUS_TEXT

        body = []
        for r in rows:
            status = L(*STATUS_TEXT[r.status]) if r.status else L("未到", "not here")
            actions = "" if r.status in ATTENDED else self._actions(r, login, query)
            body.append(f"<div class=person><div><b class=name>{esc(r.name)}</b> "
                        f"<span class=muted>{esc(r.card_no)}</span> · {esc(status)}</div>"
                        f"<div class=acts>{actions}</div></div>")
        empty = f"<p class=muted>{esc(L('（无）', '(none)'))}</p>" if not rows else ""
        return (f"<h2 id={key}-title>{esc(title)}</h2>{empty}"
                f"<div id={key}>{''.join(body)}</div>")

    @staticmethod
    def _actions(r, login: Login, query: str) -> str:
        walk = "0" if r.enrolled else "1"
        sign = L("签到", "Sign in") if r.enrolled else L("插班签到", "Walk-in")
        signin = (f"<form method=post action=/desk/signin>"
                  f"{hidden(csrf=login.csrf, q=query, l=r.learner_id, walk=walk)}"
                  f"<button type=submit>{esc(sign)}</button></form>")
        if not r.enrolled or r.status == "excused":
            return signin
        return signin + (f"<form method=post action=/desk/excuse>"
                         f"{hidden(csrf=login.csrf, q=query, l=r.learner_id)}"
                         f"<input type=text name=reason placeholder=\"{esc(L('请假原因', 'reason'))}\" "
                         f"required><button type=submit class=second>{say('请假', 'Excuse')}</button>"
                         "</form>")
