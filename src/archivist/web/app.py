"""The web workbench: browse, search, read and review a corpus in the browser.

`create_app(store, token)` builds a FastAPI app over an open `Store`. Pages are
rendered on the server (Jinja2, autoescaped); the little JavaScript there is
(correction popovers) is served from ``/static`` like the CSS, so nothing is
fetched from elsewhere and a strict Content-Security-Policy holds. Every page
and API route needs a session (see `auth`); state-changing requests are POSTs
carrying the session's CSRF token, and a browser's cross-site POST (by its Origin or
Sec-Fetch-Site header) is refused outright, the login form's too. With accounts in
the store, a session is re-checked against its account on every request (disabled,
password changed, role changed) and only reviewers and admins may decide; readers
read and search. Documents are addressed by integer id only.

The store is used from one thread at a time (a lock): SQLite and psycopg
connections are not meant to be shared by concurrent requests.
"""

from __future__ import annotations

import asyncio
import math
import re
import threading
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import FastAPI, Form, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.templating import Jinja2Templates

from ..model import QUANTITY_KINDS
from ..store import QueryError, Store
from . import render
from .accounts import REVIEW_ROLES, dummy_hash, hash_tag, normal_name, verify_password
from .auth import COOKIE, DEVICE_COOKIE, DEVICE_MAX_AGE, TOKEN_DEVICE, Auth, safe_next
from .review import ReviewError, decide, queue, recent_log

HERE = Path(__file__).resolve().parent
PUBLIC_PREFIXES = ("/static/",)
PUBLIC_PATHS = ("/login",)
PAGE_SIZE = 100
DEFAULT_REVIEW_THRESHOLD = 0.7
DEFAULT_FUZZINESS = 0.25
QUANTITY_LIMIT = 500  # quantities one page or API answer lists
# ids and offsets beyond a 64-bit integer reach the database as an overflow (a 500);
# no such document exists, so they answer 404 / an empty page
MAX_ID = 2**63 - 1
# bytes a request body may hold: the workbench's forms and JSON are a few hundred bytes,
# and the public login form's parser kept a body of any size in memory
MAX_BODY = 1 << 20
# password checks (scrypt: ~16 MB and tens of ms of CPU each) running at once; the
# others wait on the event loop, not in a worker thread the pages need
CHECKS_AT_ONCE = 2

SECURITY_HEADERS = {
    # everything is served from here; no inline script, no framing, no referrer leaks
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@dataclass
class Workbench:
    """What the routes share: the store (behind a lock), auth, the audit log."""

    store: Store
    auth: Auth
    review_log: Path | None
    lock: threading.RLock = field(default_factory=threading.RLock)
    secure_cookies: bool = False  # always mark cookies Secure (served over TLS)
    behind_proxy: bool = False  # believe X-Forwarded-Proto / -For from the proxy in front

    def is_https(self, request: Request) -> bool:
        """Whether the browser's connection is TLS: ours, or (behind a proxy we were
        told to trust) the proxy's, as its X-Forwarded-Proto says."""
        if request.url.scheme == "https":
            return True
        if self.behind_proxy:
            proto = request.headers.get("x-forwarded-proto", "")
            return proto.split(",")[-1].strip().lower() == "https"
        return False

    def client(self, request: Request) -> str:
        """The client's address: the peer's, or behind a trusted proxy the address
        it appended last to X-Forwarded-For (earlier entries are the client's own
        say and could be anything)."""
        if self.behind_proxy:
            fwd = request.headers.get("x-forwarded-for", "").split(",")[-1].strip()
            if fwd:
                return fwd[:64]
        return _client(request)

    def current(self, sess: dict[str, Any] | None) -> dict[str, Any] | None:
        """The session as it stands now, with its role, or None when no longer good:
        an account session whose account is gone, disabled or has a new password; a
        token session once the store has accounts."""
        if sess is None:
            return None
        with self.lock:
            if "user" in sess:
                u = self.store.user(str(sess["user"]))
                if u is None or u["disabled"] or u["name"] != sess["user"] \
                        or hash_tag(self.auth.secret, u["pw_hash"]) != sess.get("tag"):
                    return None
                return {**sess, "role": u["role"]}  # a new role counts at once
            if self.store.has_users():
                return None
        return {**sess, "role": "reviewer"}  # the shared token: as before accounts


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(["html"], default_for_string=True,
                                                   default=True))
    env.filters["pct"] = lambda c: f"{round(float(c) * 100)}%"
    env.globals["quote"] = quote
    env.globals["urlencode"] = urlencode
    return env


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def _cross_site(request: Request, behind_proxy: bool = False) -> bool:
    """Whether a browser says this request comes from another site: Sec-Fetch-Site
    "cross-site", or an Origin (also "null") other than the Host it was sent to (or,
    behind a trusted proxy, the X-Forwarded-Host it was sent to). Requests without
    these headers (curl, scripts) pass; they carry no cookies a third party could
    borrow."""
    if request.headers.get("sec-fetch-site", "").lower() == "cross-site":
        return True
    origin = request.headers.get("origin")
    if origin is None:
        return False
    hosts = {request.headers.get("host", "").lower()}
    if behind_proxy and request.headers.get("x-forwarded-host"):
        hosts.add(request.headers["x-forwarded-host"].split(",")[-1].strip().lower())
    return urlsplit(origin).netloc.lower() not in hosts


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def create_app(store: Store, token: str, *, secret: bytes | None = None,
               review_log: Path | None = None, allowed_hosts: list[str] | None = None,
               secure_cookies: bool = False, behind_proxy: bool = False) -> FastAPI:
    """The workbench app over `store`; `token` is what /login asks for while the
    store has no accounts. `secure_cookies` marks the cookies Secure (the server is
    reached over TLS); `behind_proxy` trusts X-Forwarded-Proto (Secure when it says
    https) and X-Forwarded-For (the client throttled and logged) from a proxy."""
    wb = Workbench(store=store, auth=Auth(token, secret), review_log=review_log,
                   secure_cookies=secure_cookies, behind_proxy=behind_proxy)
    app = FastAPI(title="archivist workbench", docs_url=None, redoc_url=None,
                  openapi_url=None)
    app.state.wb = wb
    templates = Jinja2Templates(env=_env())
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def page(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        sess = getattr(request.state, "session", None)
        ctx.update(request=request, who=(sess or {}).get("who", ""),
                   role=(sess or {}).get("role", ""),
                   can_review=(sess or {}).get("role") in REVIEW_ROLES,
                   csrf=wb.auth.csrf_token(sess) if sess else "", nav=name.split(".")[0])
        return templates.TemplateResponse(request, name, ctx, status_code=status)

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        """Session required everywhere but /login and /static; security headers."""
        path = request.url.path
        public = path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)
        sess = None
        if not path.startswith(PUBLIC_PREFIXES):
            sess = wb.auth.read_session(request.cookies.get(COOKIE))
            if sess is not None:  # (the store, off the event loop)
                sess = await _in_thread(wb.current, sess)
        request.state.session = sess
        if request.method not in SAFE_METHODS and _cross_site(request, wb.behind_proxy):
            # a browser posting from another site: not even the login form (login
            # CSRF would log the victim into the attacker's account)
            resp: Response = JSONResponse({"error": "cross-site request refused"},
                                          status_code=403)
        elif not public and sess is None:
            if _wants_json(request) or request.method != "GET":
                resp = JSONResponse({"error": "login required"}, status_code=401)
            else:
                target = path + (f"?{request.url.query}" if request.url.query else "")
                resp = RedirectResponse("/login?" + urlencode({"next": target}),
                                        status_code=303)
        else:
            resp = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            resp.headers.setdefault(k, v)
        if not path.startswith(PUBLIC_PREFIXES):
            resp.headers.setdefault("Cache-Control", "no-store")
        return resp

    # outermost of all (added last): nothing below reads a body past MAX_BODY
    app.add_middleware(BodyLimit, limit=MAX_BODY)
    if allowed_hosts:
        # refuses DNS-rebinding requests that reach a loopback server under another name
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", status=exc.status_code, code=exc.status_code,
                    message=exc.detail)

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> Response:
        where = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ())[1:])}: {e.get('msg')}"
                          for e in exc.errors())
        if _wants_json(request):
            return JSONResponse({"error": f"bad parameter ({where})"}, status_code=422)
        return page(request, "error.html", status=400, code=400,
                    message=f"Bad parameter ({where}).")

    async def require_csrf(request: Request) -> None:
        """403 unless the request carries this session's CSRF token (form or header)."""
        given = request.headers.get("x-csrf-token")
        if given is None and request.headers.get("content-type", "").startswith(
                ("application/x-www-form-urlencoded", "multipart/form-data")):
            given = (await request.form()).get("csrf")  # type: ignore[assignment]
        if not wb.auth.check_csrf(request.state.session, given):
            raise HTTPException(403, "missing or wrong CSRF token (reload the page)")

    def require_reviewer(request: Request) -> None:
        """403 for a reader (accounts with the reader role read and search only)."""
        if (request.state.session or {}).get("role") not in REVIEW_ROLES:
            raise HTTPException(403, "your account may read but not review")

    def set_cookie(request: Request, resp: Response, name: str, value: str,
                   max_age: int) -> None:
        resp.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict",
                        path="/", secure=wb.secure_cookies or wb.is_https(request))

    # -- login ------------------------------------------------------------------------
    def with_accounts() -> bool:
        with wb.lock:
            return wb.store.has_users()

    def login_page(request: Request, status: int, next_: str, error: str,
                   retry: float = 0.0, accounts: bool | None = None) -> HTMLResponse:
        # (`accounts`: when the caller knows it; the POST route must not ask the store
        # again on the event loop)
        resp = page(request, "login.html", status=status, next=safe_next(next_), error=error,
                    accounts=with_accounts() if accounts is None else accounts)
        if retry:
            resp.headers["Retry-After"] = str(max(1, math.ceil(retry)))
        return resp

    @app.get("/login", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/") -> HTMLResponse:  # noqa: A002
        return login_page(request, 200, next, "")

    # one semaphore per event loop (a TestClient runs its own; a server has one)
    check_slots: weakref.WeakKeyDictionary[Any, asyncio.Semaphore] = \
        weakref.WeakKeyDictionary()

    def checks() -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        got = check_slots.get(loop)
        if got is None:
            got = check_slots[loop] = asyncio.Semaphore(CHECKS_AT_ONCE)
        return got

    def check_account(name: str, password: str) -> dict[str, Any] | None:
        """The account if `password` is its password and it is enabled, else None;
        scrypt runs outside the store lock (and on a dummy hash for an unknown name,
        so the time taken does not tell which names exist)."""
        with wb.lock:
            u = wb.store.user(name) if name else None
        ok = verify_password(password, u["pw_hash"] if u else dummy_hash())
        return u if ok and u is not None and not u["disabled"] else None

    @app.post("/login")
    async def login(request: Request, token: str = Form(""), who: str = Form(""),
                    name: str = Form(""), password: str = Form(""),
                    next: str = Form("/")) -> Response:  # noqa: A002
        client = wb.client(request)
        accounts = await _in_thread(with_accounts)
        account = normal_name(name)[:80] if accounts else None
        # what a device cookie must vouch for: the account, or (no accounts) the token
        # (else an attacker filling the pacing queue kept the token's holder out too)
        vouched = account if accounts else TOKEN_DEVICE
        device = wb.auth.read_device(request.cookies.get(DEVICE_COOKIE), vouched) \
            if vouched else None
        wait = wb.auth.wait(client, account or None, device)
        if wait:
            return login_page(request, 429, next, "Too many failed logins; wait a minute.",
                              retry=wait, accounts=accounts)
        # a browser with a device cookie for the account is not paced: an attacker's
        # stream of failures kept the queue full, so every check (the owner's too) was
        # a 429; its own failures are limited per cookie (`wait`)
        slot = 0.0 if device is not None else wb.auth.pace()
        if slot is None:  # many failures from everywhere: checks are queued, this one full
            return login_page(request, 429, next, "The server is busy with failed logins; "
                              "try again in a few seconds.", retry=wb.auth.max_queue_wait,
                              accounts=accounts)
        # counted as failed from here (no await since `wait`), taken back if right:
        # guesses sent together are limited like guesses sent one after another
        stamp = wb.auth.attempt(client, account or None, device)
        if slot:
            await asyncio.sleep(slot)  # its turn among the paced checks
        if accounts:
            async with checks():
                user = await _in_thread(check_account, account or "", password)
            if user is None:
                return login_page(request, 401, next, "Wrong name or password.",
                                  accounts=accounts)
            cookie = wb.auth.new_session(user=user["name"], role=user["role"],
                                         tag=hash_tag(wb.auth.secret, user["pw_hash"]))
        else:
            if not wb.auth.check_token(token):
                return login_page(request, 401, next, "That is not the access token.",
                                  accounts=accounts)
            cookie = wb.auth.new_session(who.strip())
        wb.auth.succeeded(client, account or None, device, stamp)
        resp = RedirectResponse(safe_next(next), status_code=303)
        set_cookie(request, resp, COOKIE, cookie, wb.auth.max_age)
        set_cookie(request, resp, DEVICE_COOKIE,
                   wb.auth.new_device(user["name"] if accounts else TOKEN_DEVICE),
                   DEVICE_MAX_AGE)
        return resp

    @app.post("/logout")
    async def logout(request: Request) -> Response:
        await require_csrf(request)
        wb.auth.revoke(request.state.session)
        resp = RedirectResponse("/login", status_code=303)
        resp.delete_cookie(COOKIE, path="/", secure=wb.secure_cookies or wb.is_https(request),
                           httponly=True, samesite="strict")
        return resp

    # -- documents --------------------------------------------------------------------
    def doc_rows(offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
        with wb.lock:
            total = wb.store.stats()["documents"]
            return wb.store.documents(offset, limit, details=True), total

    @app.get("/", response_class=HTMLResponse)
    def documents_page(request: Request, page_no: int = 1) -> HTMLResponse:
        page_no = min(max(1, page_no), MAX_ID // PAGE_SIZE)
        rows, total = doc_rows((page_no - 1) * PAGE_SIZE, PAGE_SIZE)
        with wb.lock:
            stats = wb.store.stats()
        return page(request, "documents.html", docs=rows, total=total, page_no=page_no,
                    pages=max(1, -(-total // PAGE_SIZE)), stats=stats)

    @app.get("/api/documents")
    def documents_api(offset: int = 0, limit: int = PAGE_SIZE) -> dict[str, Any]:
        rows, total = doc_rows(min(max(0, offset), MAX_ID), max(1, min(limit, 1000)))
        return {"total": total, "documents": rows}

    def load(doc_id: int) -> tuple[dict[str, Any], Any]:
        if doc_id > MAX_ID:
            raise HTTPException(404, "no such document")
        with wb.lock:
            try:
                d = wb.store.document_json(doc_id)
            except KeyError as exc:
                raise HTTPException(404, f"no document {doc_id}") from exc
            return d, wb.store.document(doc_id)

    @app.get("/documents/{doc_id:int}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: int, view: str = "clean", hl: str = "",
                      where: str = "text") -> HTMLResponse:
        d, doc = load(doc_id)
        span = _parse_span(hl)
        with wb.lock:
            ctx: dict[str, Any] = {"doc_id": doc_id, "d": d, "view": view}
            ents = {e.id: e for e in doc.entities}
            counts: dict[str, int] = {}
            for m in doc.mentions:
                counts[m.entity] = counts.get(m.entity, 0) + 1
            ctx["entities"] = sorted(({"name": e.name, "type": e.type,
                                       "variants": [v for v in e.variants if v != e.name],
                                       "mentions": counts.get(e.id, 0)} for e in ents.values()),
                                     key=lambda e: (e["type"], -e["mentions"], e["name"]))
            ctx["text_edits"] = [e for e in doc.edits if e.kind == "text"]
            if view == "original":
                ctx["original_html"] = render.original_html(doc)
            else:
                ctx["body_html"] = render.body_html(doc, span if where == "text" else None)
            ctx["notes"] = render.notes_html(doc, span, where)
        meta = {k: v for k, v in d.get("metadata", {}).items() if not k.startswith("_")}
        title = meta.get("title") or Path(d.get("source", {}).get("path", "")).name
        return page(request, "document.html", title=title, meta=meta, **ctx)

    @app.get("/api/documents/{doc_id:int}")
    def document_api(doc_id: int) -> dict[str, Any]:
        d, _ = load(doc_id)
        return {k: v for k, v in d.items() if not k.startswith("_")}

    # -- search -----------------------------------------------------------------------
    def run_search(q: str, exact: bool, fuzziness: float, limit: int) -> Any:
        if not math.isfinite(fuzziness):  # min/max keep a NaN: the search failed on it
            fuzziness = DEFAULT_FUZZINESS
        with wb.lock:
            return wb.store.search(q, exact=exact, fuzziness=min(max(fuzziness, 0.0), 0.5),
                                   limit=max(1, min(limit, 500)))

    @app.get("/search", response_class=HTMLResponse)
    def search_page(request: Request, q: str = "", exact: str = "",
                    fuzziness: float = DEFAULT_FUZZINESS, limit: int = 50) -> HTMLResponse:
        res, error = None, ""
        if q.strip():
            try:
                res = run_search(q, _flag(exact), fuzziness, limit)
            except QueryError as exc:
                error = str(exc)
        return page(request, "search.html", status=400 if error else 200, q=q, exact=_flag(exact),
                    fuzziness=fuzziness, limit=limit, res=res, error=error)

    @app.get("/api/search")
    def search_api(q: str, exact: str = "", fuzziness: float = DEFAULT_FUZZINESS,
                   limit: int = 20) -> dict[str, Any]:
        try:
            return run_search(q, _flag(exact), fuzziness, limit).to_json()
        except QueryError as exc:
            raise HTTPException(400, f"bad query: {exc}") from exc

    # -- entities and timeline ----------------------------------------------------------
    @app.get("/entities", response_class=HTMLResponse)
    def entities_page(request: Request, type: str = "", q: str = "") -> HTMLResponse:  # noqa: A002
        with wb.lock:
            ents = wb.store.entities(type or None)
            types = sorted({e["type"] for e in wb.store.entities()})
        if q.strip():
            needle = q.strip().casefold()
            ents = [e for e in ents if needle in e["name"].casefold()
                    or any(needle in v.casefold() for v in e["variants"])]
        return page(request, "entities.html", ents=ents, types=types, type=type, q=q)

    @app.get("/api/entities")
    def entities_api(type: str = "") -> list[dict[str, Any]]:  # noqa: A002
        with wb.lock:
            return wb.store.entities(type or None)

    def run_timeline(date_from: str, date_to: str, entity: str) -> list[dict[str, Any]]:
        with wb.lock:
            try:
                return wb.store.timeline(date_from or None, date_to or None, entity or None)
            except ValueError as exc:
                raise HTTPException(400, str(exc)) from exc

    @app.get("/timeline", response_class=HTMLResponse)
    def timeline_page(request: Request, date_from: str = Query("", alias="from"),
                      date_to: str = Query("", alias="to"), entity: str = "") -> HTMLResponse:
        error = ""
        try:
            events = run_timeline(date_from, date_to, entity)
        except HTTPException as exc:
            events, error = [], str(exc.detail)
        return page(request, "timeline.html", status=400 if error else 200, events=events,
                    date_from=date_from, date_to=date_to, entity=entity, error=error)

    @app.get("/api/timeline")
    def timeline_api(date_from: str = Query("", alias="from"),
                     date_to: str = Query("", alias="to"), entity: str = ""
                     ) -> list[dict[str, Any]]:
        return run_timeline(date_from, date_to, entity)

    # -- quantities across the corpus --------------------------------------------------
    def run_quantities(kind: str, unit: str, low: str, high: str, date_from: str,
                       date_to: str, near: str) -> list[dict[str, Any]]:
        try:
            bounds = [float(x) if x.strip() else None for x in (low, high)]
        except ValueError as exc:
            raise HTTPException(400, "a value bound must be a number") from exc
        with wb.lock:
            try:
                return wb.store.quantities(kind or None, unit or None, bounds[0], bounds[1],
                                           date_from or None, date_to or None,
                                           near=near or None, limit=QUANTITY_LIMIT)
            except ValueError as exc:
                raise HTTPException(400, str(exc)) from exc

    @app.get("/quantities", response_class=HTMLResponse)
    def quantities_page(request: Request, kind: str = "", unit: str = "",
                        low: str = Query("", alias="min"), high: str = Query("", alias="max"),
                        date_from: str = Query("", alias="from"),
                        date_to: str = Query("", alias="to"), near: str = "") -> HTMLResponse:
        error = ""
        try:
            rows = run_quantities(kind, unit, low, high, date_from, date_to, near)
        except HTTPException as exc:
            rows, error = [], str(exc.detail)
        return page(request, "quantities.html", status=400 if error else 200, rows=rows,
                    kind=kind, unit=unit, low=low, high=high, date_from=date_from,
                    date_to=date_to, near=near, error=error, limit=QUANTITY_LIMIT,
                    kinds=QUANTITY_KINDS)

    @app.get("/api/quantities")
    def quantities_api(kind: str = "", unit: str = "", low: str = Query("", alias="min"),
                       high: str = Query("", alias="max"),
                       date_from: str = Query("", alias="from"),
                       date_to: str = Query("", alias="to"), near: str = ""
                       ) -> list[dict[str, Any]]:
        return run_quantities(kind, unit, low, high, date_from, date_to, near)

    # -- review -----------------------------------------------------------------------
    def run_queue(threshold: float, offset: int, limit: int, reviewed: bool,
                  doc: int | None) -> list[dict[str, Any]]:
        with wb.lock:
            return queue(wb.store, threshold, limit=max(1, min(limit, 500)),
                         offset=max(0, offset), include_reviewed=reviewed, doc_id=doc)

    @app.get("/review", response_class=HTMLResponse)
    def review_page(request: Request, threshold: float = DEFAULT_REVIEW_THRESHOLD,
                    offset: int = 0, reviewed: str = "", done: str = "",
                    doc: str = "") -> HTMLResponse:
        only = _doc_filter(doc)
        items = run_queue(threshold, offset, 50, _flag(reviewed), only)
        return page(request, "review.html", items=items, threshold=threshold, offset=offset,
                    reviewed=_flag(reviewed), log=recent_log(wb.review_log),
                    done=_done_notice(done), doc=only)

    @app.get("/api/review")
    def review_api(threshold: float = DEFAULT_REVIEW_THRESHOLD, offset: int = 0,
                   limit: int = 50, reviewed: str = "", doc: str = ""
                   ) -> list[dict[str, Any]]:
        return run_queue(threshold, offset, limit, _flag(reviewed), _doc_filter(doc))

    def run_decision(request: Request, doc_id: int, edit_id: int, action: str) -> Any:
        who = (request.state.session or {}).get("who", "")
        if doc_id > MAX_ID:
            raise HTTPException(404, f"no document {doc_id}")
        with wb.lock:
            try:
                return decide(wb.store, doc_id, edit_id, action, who, wb.review_log,
                              wb.client(request))
            except ReviewError as exc:
                raise HTTPException(exc.status, str(exc)) from exc

    @app.post("/review/{doc_id:int}/{edit_id:int}")
    async def review_post(request: Request, doc_id: int, edit_id: int) -> Response:
        await require_csrf(request)
        require_reviewer(request)
        form = await request.form()
        action = str(form.get("action", ""))
        dec = await _in_thread(run_decision, request, doc_id, edit_id, action)
        back = safe_next(str(form.get("next", "")) or "/review")
        if back.startswith("/documents/"):
            back = f"/documents/{dec.doc_id}#edit-{edit_id}"
        sep = "&" if "?" in back else "?"
        if back.startswith("/review"):
            back = f"{back}{sep}{urlencode({'done': f'{action}ed edit {edit_id}'})}"
        return RedirectResponse(back, status_code=303)

    @app.post("/api/review/{doc_id:int}/{edit_id:int}")
    async def review_post_api(request: Request, doc_id: int, edit_id: int) -> dict[str, Any]:
        await require_csrf(request)
        require_reviewer(request)
        action = request.query_params.get("action", "")
        if not action and request.headers.get("content-type", "").startswith(
                "application/json"):
            try:
                body = await request.json()
            except ValueError as exc:
                raise HTTPException(400, "body is not JSON") from exc
            action = str(body.get("action", "")) if isinstance(body, dict) else ""
        dec = await _in_thread(run_decision, request, doc_id, edit_id, action)
        return {"doc_id": dec.doc_id, "edit": dec.edit_id, "old_status": dec.old_status,
                "status": dec.new_status, "text_changed": dec.text_changed}

    return app


class _TooBig(Exception):
    """A request body went past the limit while being read."""


class BodyLimit:
    """ASGI middleware: 413 for a request body over `limit` bytes, whether its
    Content-Length says so or a chunked body runs past it while being read."""

    def __init__(self, app: Any, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for k, v in scope.get("headers", []):
            if k == b"content-length" and (not v.isdigit() or int(v) > self.limit):
                await self._refuse(send)
                return
        seen = 0
        started = False

        async def limited_receive() -> Any:
            nonlocal seen
            msg = await receive()
            if msg.get("type") == "http.request":
                seen += len(msg.get("body", b""))
                if seen > self.limit:
                    raise _TooBig
            return msg

        async def watched_send(msg: Any) -> None:
            nonlocal started
            started = started or msg.get("type") == "http.response.start"
            await send(msg)

        try:
            await self.app(scope, limited_receive, watched_send)
        except _TooBig:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        body = b'{"error": "request body too large"}'
        headers = [(b"content-type", b"application/json"),
                   (b"content-length", str(len(body)).encode()), (b"connection", b"close")]
        headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def _in_thread(fn: Any, *args: Any) -> Any:
    """Run blocking store work off the event loop."""
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(fn, *args)


def _flag(value: str) -> bool:
    """A checkbox or query flag: "true", "1", "on", "yes" (any case) mean on.

    >>> _flag("true"), _flag("on"), _flag(""), _flag("false")
    (True, True, False, False)
    """
    return value.strip().lower() in ("true", "1", "on", "yes")


def _number(s: str) -> int | None:
    """A plain decimal number of at most 18 digits, else None.

    str.isdigit() is also true of "²" and "٣" (int() refuses the first) and of
    5,000 nines (int() refuses those too): both were 500s.

    >>> _number("12"), _number("²"), _number("-1"), _number("9" * 19), _number("")
    (12, None, None, None, None)
    """
    if s.isascii() and s.isdigit() and len(s) <= 18:
        return int(s)
    return None


def _done_notice(done: str) -> str:
    """The review page's "Done: ..." notice, only in the form the server itself writes
    after a decision: any other text in the URL was printed as the server's word
    (a link could tell a reviewer "your session expired, log in at evil.example").

    >>> _done_notice("accepted edit 12"), _done_notice("Session expired: go to x.example")
    ('accepted edit 12', '')
    """
    return done if re.fullmatch(r"(accept|reject)ed edit \d{1,18}", done) else ""


def _doc_filter(doc: str) -> int | None:
    """The ``doc`` parameter of the review queue: a document id, or None (all)."""
    return _number(doc.strip())


def _parse_span(hl: str) -> tuple[int, int] | None:
    """``"12-20"`` -> (12, 20); anything else -> None.

    >>> _parse_span("12-20"), _parse_span("x"), _parse_span(""), _parse_span("²-3")
    ((12, 20), None, None, None)
    """
    a, _, b = hl.partition("-")
    start, end = _number(a), _number(b)
    if start is not None and end is not None:
        return start, end
    return None
