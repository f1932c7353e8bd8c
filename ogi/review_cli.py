"""`ogi users` and `ogi review` (issue 19), registered on the CLI by `add_commands`.

    ogi users add NAME --role reviewer|admin     # prints the token once
    ogi users list | ogi users remove NAME
    ogi review show REPORT_ID [--json]
    ogi review confirm|dismiss REPORT_ID TARGET --by NAME [--comment …]
    ogi review correct REPORT_ID FIGURE VALUE --by NAME [--comment …]   (VALUE "" withdraws)
    ogi review tag|untag REPORT_ID TAG --by NAME
    ogi review note REPORT_ID TEXT --by NAME

Whoever can run these can write the catalog, so no token is asked; ``--by`` must name a user
(`ogi users add`), recorded as who did it, as the web app records a token's owner.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def cmd_users(args: argparse.Namespace) -> int:
    from ogi.settings import Settings
    from ogi.users import UserError, add_user, catalog, list_users, remove_user

    settings = Settings.load(args.data_dir)
    with catalog(settings) as db:
        if args.action == "add":
            if not args.name:
                print("ogi users add: give a NAME", file=sys.stderr)
                return 2
            try:
                user, token = add_user(db, args.name, args.role)
            except UserError as exc:
                print(f"ogi users: {exc}", file=sys.stderr)
                return 2
            print(f"added {user.name} ({user.role}). Their token, shown only now (only its hash is kept):", file=sys.stderr)
            print(token)
            return 0
        if args.action == "remove":
            if not remove_user(db, args.name or ""):
                print(f"ogi users: no user named {args.name!r}", file=sys.stderr)
                return 1
            print(f"removed {args.name}; their token no longer works (what they recorded stays)", file=sys.stderr)
            return 0
        users = list_users(db)
    if args.json:
        print(json.dumps([u.to_json() for u in users], ensure_ascii=False))
    for u in users if not args.json else ():
        print(f"{u.name}\t{u.role}\t{u.created_at}")
    return 0


def _who(db: Any, name: str | None) -> str | None:
    from ogi.users import list_users

    names = {u.name for u in list_users(db)}
    if not name or name not in names:
        print(f"ogi review: --by must name a user (ogi users add NAME); known: {', '.join(sorted(names)) or 'none'}",
              file=sys.stderr)
        return None
    return name


def cmd_review(args: argparse.Namespace) -> int:
    from ogi import review
    from ogi.settings import Settings
    from ogi.users import catalog
    from ogi.web.library import Library
    from ogi.web.review_pages import review_targets

    settings = Settings.load(args.data_dir)
    view = Library(settings).report(args.report)
    if view is None:
        print(f"ogi review: no report {args.report!r} in the index", file=sys.stderr)
        return 1
    with catalog(settings) as db:
        if args.action == "show":
            state = {"report_id": args.report, **review.state_json(review.review_state(db, args.report)),
                     "targets": review_targets(view)}
            if args.json:
                print(json.dumps(state, ensure_ascii=False))
                return 0
            verdicts = {v["target"]: v for v in state["verdicts"]}
            for t in state["targets"]:
                v = verdicts.get(t["target"])
                said = f"{v['verdict']} by {v['who']} {v['at'][:16]}: {v['comment']}" if v else "not reviewed"
                print(f"{t['target']}\t{said}")
            for key, c in state["corrections"].items():
                print(f"corrected {key}: {c['printed']} → {c['value']} by {c['who']} {c['at'][:16]}: {c['comment']}")
            if state["tags"]:
                print("tags: " + ", ".join(state["tags"]))
            for n in state["notes"]:
                print(f"note by {n['who']} {n['at'][:16]}: {n['text']}")
            return 0
        who = _who(db, args.by)
        if who is None:
            return 2
        try:
            if args.action in ("confirm", "dismiss"):
                if len(args.args) != 1 or args.args[0] not in {t["target"] for t in review_targets(view)}:
                    print("ogi review: TARGET must be one of the report's (ogi review show ID)", file=sys.stderr)
                    return 2
                review.record_verdict(db, args.report, args.args[0], args.action, args.comment, who)
            elif args.action == "correct":
                if len(args.args) != 2:
                    print("ogi review correct: give FIGURE VALUE", file=sys.stderr)
                    return 2
                cell = (view.document.get("figures") or {}).get(args.args[0])
                printed = cell.get("value") if isinstance(cell, dict) else cell
                review.record_correction(db, args.report, args.args[0], args.args[1], args.comment, who, printed)
            elif args.action == "tag":
                review.add_tag(db, args.report, " ".join(args.args), who)
            elif args.action == "untag":
                if not review.remove_tag(db, args.report, " ".join(args.args)):
                    print("ogi review: the report has no such tag", file=sys.stderr)
                    return 1
            elif args.action == "note":
                review.add_note(db, args.report, " ".join(args.args), who)
        except review.ReviewError as exc:
            print(f"ogi review: {exc}", file=sys.stderr)
            return 2
    review.refresh_index(settings, args.report)
    print(f"recorded ({args.action}) for {args.report} by {who}", file=sys.stderr)
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("users", help="reviewers and admins: add (prints the token once), list, remove")
    p.add_argument("action", choices=("add", "list", "remove"))
    p.add_argument("name", nargs="?", metavar="NAME")
    p.add_argument("--role", choices=("reviewer", "admin"), default="reviewer")
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_users)

    p = sub.add_parser("review", help="a report's review: show it, confirm/dismiss a check, correct a figure, tag, note")
    p.add_argument("action", choices=("show", "confirm", "dismiss", "correct", "tag", "untag", "note"))
    p.add_argument("report", metavar="REPORT_ID")
    p.add_argument("args", nargs="*", metavar="ARG", help="TARGET | FIGURE VALUE | TAG | TEXT")
    p.add_argument("--by", help="the user recording it (ogi users add NAME)")
    p.add_argument("--comment", default="", help="why")
    p.add_argument("--data-dir", default="./ogi-data")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_review)


__all__ = ["add_commands", "cmd_review", "cmd_users"]
