"""Who is calling: FastAPI dependencies for endpoints that change something (issue 19).

Reads stay public. A state-changing endpoint declares who may call it::

    from fastapi import Depends
    from ogi.web.auth import Caller, require_reviewer, require_admin

    @router.post("/api/things")
    def add_thing(caller: Caller = Depends(require_reviewer)) -> ...:
        ...  # caller.name is recorded as who did it; caller.role is "reviewer" or "admin"

The caller sends ``Authorization: Bearer <token>``: a person's token (`ogi users add NAME --role
reviewer|admin`, `ogi.users`) or the operator's OGI_ADMIN_TOKEN, which is an admin named
``admin``. No token or a wrong one: 401; a reviewer where an admin is needed: 403. An admin may do
whatever a reviewer may. `optional_caller` gives None instead of 401 when no token is sent.

The app's settings are read from ``request.app.state.settings`` (set by `create_app`), else from
the environment.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from fastapi import HTTPException, Request

from ogi.settings import Settings
from ogi.users import catalog, verify_token

ADMIN_TOKEN_NAME = "admin"  # who OGI_ADMIN_TOKEN is, in what it records


@dataclass(frozen=True)
class Caller:
    name: str
    role: str  # reviewer | admin

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role}


def settings_of(request: Request) -> Settings:
    settings = getattr(request.app.state, "settings", None)
    return settings if isinstance(settings, Settings) else Settings.load()


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(401, message, headers={"WWW-Authenticate": "Bearer"})


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization") or ""
    scheme, _, token = header.partition(" ")
    if not header:
        return None
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("use Authorization: Bearer <token>")
    return token.strip()


def caller_for(settings: Settings, token: str) -> Caller | None:
    """The caller a token names (a person's token or OGI_ADMIN_TOKEN), or None."""
    if settings.admin_token and hmac.compare_digest(token.encode(), settings.admin_token.encode()):
        return Caller(ADMIN_TOKEN_NAME, "admin")
    if not token.startswith("ogi_"):
        return None
    with catalog(settings) as db:
        user = verify_token(db, token)
    return Caller(user.name, user.role) if user else None


def optional_caller(request: Request) -> Caller | None:
    """The caller, or None when no token is sent; a token that is sent must be valid (401)."""
    token = bearer_token(request)
    if token is None:
        return None
    caller = caller_for(settings_of(request), token)
    if caller is None:
        raise _unauthorized("this token is not valid (unknown, removed or mistyped)")
    return caller


def require_reviewer(request: Request) -> Caller:
    """A reviewer or an admin, else 401."""
    caller = optional_caller(request)
    if caller is None:
        raise _unauthorized("a reviewer's bearer token is required (ogi users add NAME --role reviewer)")
    return caller


def require_admin(request: Request) -> Caller:
    """An admin (a person with role admin, or OGI_ADMIN_TOKEN), else 401 / 403."""
    caller = require_reviewer(request)
    if not caller.is_admin:
        raise HTTPException(403, f"{caller.name} is a reviewer; this needs an admin")
    return caller


__all__ = ["Caller", "bearer_token", "caller_for", "optional_caller", "require_admin", "require_reviewer",
           "settings_of"]
