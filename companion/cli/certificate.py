"""``companion certificates`` (issue) and ``companion certificate verify`` (check, offline).

Issuing needs the roster's names (the records' vault) and the publisher key:
both passphrases are read as the other commands read them (``COMPANION_PASSPHRASE``
or the terminal). Verifying needs nothing secret; it prints the verdict as
docs/certificates.md describes and exits 1 when the certificate is not valid.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from companion.cli import CliError, open_workshop, print_json

if TYPE_CHECKING:
    from companion.app.certificates import Verdict


def _fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a fraction from 0 to 1, such as 0.75") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("a fraction from 0 to 1, such as 0.75")
    return value


def add_parsers(sub: Any) -> None:
    issue = sub.add_parser(
        "certificates",
        help="write a signed certificate PDF per qualifying participant, and who qualified and why",
        description="Names open with the field records' passphrase; certificates are signed with the "
        "publisher key (pack key create). Both passphrases: COMPANION_PASSPHRASE or asked for.",
    )
    issue.add_argument("--out", type=Path, required=True, help="folder for the PDFs and eligibility.csv/json")
    issue.add_argument(
        "--min-attendance",
        type=_fraction,
        default=0.75,
        metavar="FRACTION",
        help="share of half-day sessions attended to qualify (default 0.75)",
    )
    issue.add_argument(
        "--require-post-test", action="store_true", help="qualify only with a post-test result"
    )
    issue.add_argument("--json", action="store_true")
    issue.set_defaults(handler=cmd_issue)
    cert = sub.add_parser("certificate", help="check a certificate offline")
    actions = cert.add_subparsers(dest="certificate_command", metavar="ACTION", required=True)
    verify = actions.add_parser(
        "verify",
        help="check a certificate's QR text, short code, or a photo or scan of it",
        description="Exit 0 when valid (trusted or not: see issuer_trusted), 1 when not.",
    )
    verify.add_argument("text", nargs="?", help="the QR code's text (CTC1:...) or the short code")
    verify.add_argument("--image", type=Path, help="a photo, scan or PDF of the certificate")
    verify.add_argument("--json", action="store_true")
    verify.set_defaults(handler=cmd_verify)


def cmd_issue(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.certificates import CertificateError, eligibility, issue
    from companion.app.domain import PackError, load_key
    from companion.cli.pack import _data_dir, _passphrase
    from companion.cli.roster import open_vault

    workshop = open_workshop(args)
    if not eligibility(workshop, args.min_attendance, args.require_post_test):
        raise CliError("the roster is empty: import the participants first (companion roster import)")
    vault = open_vault(workshop, create=False)
    try:
        key = load_key(_data_dir(args), _passphrase(False))
    except PackError as exc:
        raise CliError(f"{exc} (companion pack key create makes one)") from None
    try:
        issued = issue(workshop, vault, key, args.out, args.min_attendance, args.require_post_test)
    except CertificateError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(
            {
                "written": [p.name for p in issued.written],
                "eligibility": [e.as_json() for e in issued.listed],
            },
            out,
        )
    else:
        print(
            f"{len(issued.written)} of {len(issued.listed)} participants qualified; certificates and "
            f"eligibility.csv written to {args.out}",
            file=out,
        )
    return 0


def cmd_verify(args: argparse.Namespace, out: TextIO) -> int:
    from companion.app.certificates import verify_image, verify_text

    if (args.text is None) == (args.image is None):
        raise CliError("give either the certificate's text or --image FILE")
    workshop = open_workshop(args)
    verdict = verify_image(workshop, args.image) if args.image else verify_text(workshop, args.text)
    if args.json:
        print_json(verdict.as_json(), out)
    else:
        _print(verdict, out)
    if not verdict.valid:
        if args.json:
            print(f"companion: {verdict.reason}", file=sys.stderr)
        return 1
    return 0


def _print(verdict: Verdict, out: TextIO) -> None:
    if not verdict.valid:
        print(f"companion: {verdict.reason}", file=sys.stderr)
        return
    print(verdict.reason, file=out)
    print(f"certificate {verdict.certificate_id}: {verdict.name}", file=out)
    if verdict.workshop and verdict.dates:
        print(f"{verdict.workshop['title']} ({verdict.workshop['id']})", file=out)
        print(f"{verdict.dates['start']} - {verdict.dates['end']}", file=out)
    print(f"issuer {verdict.issuer}{'' if verdict.issuer_trusted else ' (not trusted here)'}", file=out)
