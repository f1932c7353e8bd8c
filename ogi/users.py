"""Named people who may change what the archive says about a report (issue 19): reviewers and
admins, each with a bearer token of their own.

A token is ``ogi_<id>_<secret>``: the id finds the person's row, the secret is checked against
its salted scrypt hash in constant time. Only the hash is stored; the token is shown once, when
the person is added (`ogi users add NAME --role reviewer|admin`). Reading the archive needs no
token. The operator's OGI_ADMIN_TOKEN keeps working as an admin (`ogi.web.auth`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from ogi.catalog import Catalog
from ogi.settings import Settings

ROLES = ("reviewer", "admin")
_NAME = re.compile(r"^[^\s\x00-\x1f/\\]{1,64}$")  # a login-like name: no spaces, slashes or control characters
_SCRYPT = (2 ** 14, 8, 1)  # n, r, p: ≈ 16 MB and a few tens of ms per check
_TOKEN = re.compile(r"^ogi_([0-9a-f]{16})_([A-Za-z0-9_-]{20,200})$")


class UserError(ValueError):
    """A name or role that cannot be used (already taken, malformed, unknown role)."""


@dataclass(frozen=True)
class User:
    name: str
    role: str  # reviewer | admin
    created_at: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def to_json(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role, "created_at": self.created_at}


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def hash_secret(secret: str, salt: bytes | None = None) -> str:
    """``scrypt$n$r$p$salt$hash`` (hex) of a token's secret part."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    n, r, p = _SCRYPT
    digest = hashlib.scrypt(secret.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${digest.hex()}"


def secret_matches(secret: str, stored: str) -> bool:
    try:
        kind, n, r, p, salt, expected = stored.split("$")
        if kind != "scrypt":
            return False
        digest = hashlib.scrypt(secret.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p),
                                dklen=len(expected) // 2)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), expected)


@contextmanager
def catalog(settings: Settings) -> Iterator[Catalog]:
    db = Catalog(settings.catalog)
    try:
        yield db
    finally:
        db.close()


def add_user(db: Catalog, name: str, role: str = "reviewer") -> tuple[User, str]:
    """Add a person; returns the user and their token (shown once: only its hash is kept)."""
    name = (name or "").strip()
    if not _NAME.match(name):
        raise UserError(f"bad name {name!r}: 1-64 characters, no spaces, slashes or control characters")
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    token_id, secret = secrets.token_hex(8), secrets.token_urlsafe(32)
    user = User(name, role, _now())
    with db.transaction(lock="users"):
        if db.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
            raise UserError(f"a user named {name!r} exists already (remove it first to issue a new token)")
        db.execute("INSERT INTO users (name, role, token_id, token_hash, created_at) VALUES (?,?,?,?,?)",
                   (name, role, token_id, hash_secret(secret), user.created_at))
    return user, f"ogi_{token_id}_{secret}"


def list_users(db: Catalog) -> list[User]:
    return [User(r["name"], r["role"], r["created_at"])
            for r in db.execute("SELECT name, role, created_at FROM users ORDER BY name")]


def remove_user(db: Catalog, name: str) -> bool:
    """Remove a person (their token stops working at once; what they recorded stays, under their name)."""
    return db.execute("DELETE FROM users WHERE name = ?", (name,)).rowcount > 0


def verify_token(db: Catalog, token: str) -> User | None:
    """The person whose token this is, or None."""
    match = _TOKEN.match(token or "")
    if not match:
        return None
    row = db.execute("SELECT name, role, token_hash, created_at FROM users WHERE token_id = ?",
                     (match.group(1),)).fetchone()
    if row is None or not secret_matches(match.group(2), row["token_hash"]):
        return None
    return User(row["name"], row["role"], row["created_at"])


__all__ = ["ROLES", "User", "UserError", "add_user", "catalog", "list_users", "remove_user", "verify_token"]
