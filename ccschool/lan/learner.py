"""The learner's own phone: open the form with the projected QR (or its four-character code),
name yourself by card number or name + phone ending, confirm your masked name, signed in.

Only a live token opens the form; the form's ticket is spent by the confirmation, so neither a
forwarded link nor a re-posted form signs anyone in. Nothing personal is shown but the masked
name the learner confirms.
"""
from __future__ import annotations

import re
import secrets
import threading

from ccschool.errors import CCSError
from ccschool.i18n import L
from ccschool.lan import html
from ccschool.lan.html import esc, hidden, page, say
from ccschool.lan.web import Request, Response

PHONE_COOKIE = "ccs_phone"
_PHONE_ID = re.compile(r"[A-Za-z0-9_-]{16}")
_LEARNER_ID = re.compile(r"[0-9a-f]{32}")
TOKEN_PATH = re.compile(r"/s/([A-Za-z2-7]{16})")
KEPT_ANSWERS = 2000  # answers kept for a confirmation sent twice (a double tap, a bad signal)


def phone_id(request: Request) -> str | None:
    value = request.cookies.get(PHONE_COOKIE, "")
    return value if _PHONE_ID.fullmatch(value) else None


class LearnerPages:
    def __init__(self, room) -> None:
        self.room = room  # server.Room: tokens, limits, database writes, the session's label
        # ticket nonce -> (answered, [result]): the same confirmation sent again gets the same
        # page, not a second write and not a confusing 请重新扫描 over a 签到成功.
        self._answers: dict[str, tuple[threading.Event, list]] = {}
        self._lock = threading.Lock()

    def handle(self, request: Request) -> Response | None:
        path = request.path
        if request.method == "GET":
            if path == "/":
                return Response(body=self._code_page())
            if path == "/c":
                return self._by_code(request)
            m = TOKEN_PATH.fullmatch(path)
            if m:
                return self._open(request, m[1])
        elif request.method == "POST":
            action = {"/s/find": self._find, "/s/confirm": self._confirm,
                      "/s/form": self._again}.get(path)
            if action:
                return action(request)
        return None

    # -- pages ------------------------------------------------------------------------------
    def _header(self) -> str:
        return (f"<h1>{esc(L('手机签到', 'Phone sign-in'))}</h1>"
                f"<div class=sub>{esc(self.room.label)}</div>")

    def _code_page(self, error: str = "") -> str:
        wrong = html.notice("error", error) if error else ""
        label = say("请输入屏幕上的四位签到码", "Type the four-character code on the screen")
        body = (f"{self._header()}{wrong}<form method=get action=/c>"
                f"<label for=code>{label}</label>"
                "<input type=text id=code name=code maxlength=4 autocomplete=off "
                "autocapitalize=characters required>"
                f"<button type=submit>{esc(L('下一步', 'Next'))}</button></form>")
        return page(L("手机签到", "Phone sign-in"), body)

    def _form_page(self, ticket: str, error: str = "", card: str = "", name: str = "",
                   tail: str = "") -> str:
        wrong = html.notice("error", error) if error else ""
        either = say("或者填写姓名和手机号后四位", "or your name and the last four digits of your phone")
        body = (f"{self._header()}{wrong}<form method=post action=/s/find>{hidden(t=ticket)}"
                f"<label for=card>{esc(L('学习卡卡号', 'Learning card number'))}</label>"
                f"<input type=text id=card name=card value=\"{esc(card)}\" maxlength=40 "
                "autocomplete=off autocapitalize=characters>"
                f"<p class=or>{either}</p>"
                f"<label for=name>{esc(L('姓名', 'Name'))}</label>"
                f"<input type=text id=name name=name value=\"{esc(name)}\" maxlength=20 "
                "autocomplete=off>"
                f"<label for=tail>{esc(L('手机号后四位', 'Last four digits of your phone'))}</label>"
                f"<input type=tel id=tail name=tail value=\"{esc(tail)}\" maxlength=4 "
                "inputmode=numeric pattern=\"[0-9]{4}\" autocomplete=off>"
                f"<button type=submit>{esc(L('下一步', 'Next'))}</button></form>")
        return page(L("手机签到", "Phone sign-in"), body)

    def _confirm_page(self, ticket: str, learner_id: str, masked: str) -> str:
        mac = self.room.tokens.sign(f"{ticket}:{learner_id}")
        body = (f"{self._header()}<p>{esc(L('请确认是您本人：', 'Please confirm this is you:'))}</p>"
                f"<div class=big id=masked>{esc(masked)}</div>"
                f"<form method=post action=/s/confirm>{hidden(t=ticket, l=learner_id, m=mac)}"
                f"<button type=submit id=yes>{esc(L('是我，签到', 'Yes, sign me in'))}</button></form>"
                f"<form method=post action=/s/form>{hidden(t=ticket)}"
                f"<button type=submit class=second>{esc(L('不是我，重新填写', 'Not me, go back'))}</button>"
                "</form>")
        return page(L("确认姓名", "Confirm"), body)

    def _result_page(self, result) -> str:
        if result.signed_in:
            box = html.notice("ok" if result.outcome == "ok" else "warn",
                              L("签到成功", "Signed in") if result.outcome == "ok"
                              else L("签到成功（迟到）", "Signed in (late)"), self._when(result))
        elif result.outcome == "duplicate":
            box = html.notice("warn", L("已签到", "Already signed in"),
                              L("您在 {t} 已签到，无需重复签到", "You signed in at {t} already",
                                t=self._time(result)))
        else:  # not enrolled, no open session, revoked card: the service's own sentence
            box = html.notice("error", L("未能签到", "Not signed in"), self._masked(result))
        name = f"<div class=big id=who>{esc(_mask(result.learner_name))}</div>"
        return page(L("签到结果", "Sign-in result"), f"{self._header()}{name}{box}")

    @staticmethod
    def _time(result) -> str:
        from ccschool import clock

        return result.at.astimezone(clock.CHINA).strftime("%H:%M") if result.at else ""

    def _when(self, result) -> str:
        return L("时间 {t}", "at {t}", t=self._time(result))

    @staticmethod
    def _masked(result) -> str:
        """The service's sentence names the learner in full: shown masked on a phone."""
        text = result.message
        if result.learner_name:
            text = text.replace(result.learner_name, _mask(result.learner_name))
        return text

    # -- steps ------------------------------------------------------------------------------
    def _phone_key(self, request: Request) -> str:
        return phone_id(request) or f"addr:{request.client}"

    def _phone_allowed(self, request: Request) -> bool:
        return (self.room.address_limit.allow(request.client)
                and self.room.phone_limit.allow(self._phone_key(request)))

    def _by_code(self, request: Request) -> Response:
        if not self._phone_allowed(request):
            return Response(429, html.too_fast_page())
        token = self.room.tokens.token_for_code(request.arg("code"))
        if token is None:
            return Response(body=self._code_page(L("签到码不对或已过期，请看屏幕上现在的四位码",
                                                   "Wrong or expired code; type the one on the "
                                                   "screen now")))
        return Response.redirect(f"/s/{token}")

    def _open(self, request: Request, token: str) -> Response:
        counter = self.room.tokens.check_token(token)
        if counter is None:
            return Response(410, html.rescan_page())
        response = Response(body=self._form_page(self.room.tokens.ticket(counter, request.client)))
        if phone_id(request) is None:
            response.cookie(PHONE_COOKIE, secrets.token_urlsafe(12), max_age=86400)
        return response

    def _ticket(self, request: Request, spent_ok: bool = False) -> tuple[str, str] | None:
        ticket = request.arg("t")
        nonce = self.room.tokens.check_ticket(ticket, request.client, spent_ok=spent_ok)
        return (ticket, nonce) if nonce else None

    def _again(self, request: Request) -> Response:
        found = self._ticket(request)
        if found is None:
            return Response(410, html.rescan_page())
        return Response(body=self._form_page(found[0]))

    def _find(self, request: Request) -> Response:
        from ccschool.services.lan_signin import find_for_phone

        found = self._ticket(request)
        if found is None:
            return Response(410, html.rescan_page())
        card, name, tail = request.arg("card"), request.arg("name"), request.arg("tail")
        who = f"card:{card.upper()}" if card else f"name:{name}:{tail}"
        if not (self._phone_allowed(request) and self.room.card_limit.allow(who)):
            return Response(429, html.too_fast_page())
        try:
            with self.room.db.read() as s:
                match = find_for_phone(s, card=card, name=name, phone_tail=tail)
        except CCSError as exc:
            return Response(body=self._form_page(found[0], str(exc), card, name, tail))
        return Response(body=self._confirm_page(found[0], match.learner_id, match.masked_name))

    def _confirm(self, request: Request) -> Response:
        found = self._ticket(request, spent_ok=True)
        learner_id = request.arg("l")
        if (found is None or not _LEARNER_ID.fullmatch(learner_id)
                or not self.room.tokens.verify(f"{found[0]}:{learner_id}", request.arg("m"))):
            return Response(410, html.rescan_page())
        if not self.room.card_limit.allow(f"learner:{learner_id}"):
            return Response(429, html.too_fast_page())
        slot = self._claim(found[1])
        if slot is None:  # this confirmation was sent before: answer as the first time
            return self._same_answer(found[1])
        try:
            device = f"phone {phone_id(request) or '-'} {request.client}"
            result = self.room.sign_in(method="phone", device=device, learner_id=learner_id)
            slot[1].append(result)
        finally:
            slot[0].set()
        return Response(body=self._result_page(result))

    def _claim(self, nonce: str):
        """Spend the ticket and keep a place for its answer; None if it was spent already."""
        with self._lock:
            if nonce in self._answers or not self.room.tokens.spend(nonce):
                return None
            while len(self._answers) >= KEPT_ANSWERS:
                del self._answers[next(iter(self._answers))]
            slot = self._answers[nonce] = (threading.Event(), [])
            return slot

    def _same_answer(self, nonce: str) -> Response:
        slot = self._answers.get(nonce)
        if slot is None or not slot[0].wait(30) or not slot[1]:
            return Response(410, html.rescan_page())
        return Response(body=self._result_page(slot[1][0]))


def _mask(name: str | None) -> str:
    from ccschool.services.lan_signin import mask_name

    return mask_name(name or "")
