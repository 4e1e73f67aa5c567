"""Who qualifies for a certificate, and why or why not: by code only.

A participant qualifies when they were marked present for at least the
minimum share of the workshop's half-day sessions, and (when asked) have a
post-test result. Names play no part here: the list this makes is written
beside the certificates and may be passed around.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from companion.i18n import _

DEFAULT_MIN_ATTENDANCE = 0.75


@dataclass(frozen=True)
class Eligibility:
    code: str
    eligible: bool
    attended: int  # half-day sessions marked present
    sessions: int  # half-day sessions of the workshop
    post_test: bool
    reasons: tuple[str, ...]  # why (not), one short phrase each

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "eligible": self.eligible,
            "attended": self.attended,
            "sessions": self.sessions,
            "post_test": self.post_test,
            "reasons": list(self.reasons),
        }


def check_fraction(value: float) -> float:
    if not 0 <= value <= 1:
        raise ValueError(_("The minimum attendance is a fraction from 0 to 1, such as 0.75."))
    return value


def eligibility(
    codes: Sequence[str],
    present: Iterable[tuple[str, str]],
    sessions: Collection[str],
    post_tested: Collection[str],
    min_attendance: float = DEFAULT_MIN_ATTENDANCE,
    require_post_test: bool = False,
) -> list[Eligibility]:
    """One :class:`Eligibility` per code, in the order given.

    ``present`` holds (code, half-day session ID) for every mark "present";
    ``post_tested`` the codes with a post-test result.
    """
    check_fraction(min_attendance)
    attended: dict[str, set[str]] = {}
    for code, session in present:
        if session in sessions:
            attended.setdefault(code, set()).add(session)
    listed = []
    for code in codes:
        count = len(attended.get(code, ()))
        share = count / len(sessions) if sessions else 0.0
        enough = share + 1e-9 >= min_attendance
        post = code in post_tested
        reasons = [
            _("attended {count} of {total} half-days ({percent}%)").format(
                count=count, total=len(sessions), percent=round(share * 100)
            )
        ]
        if not enough:
            reasons.append(
                _("below the minimum attendance of {percent}%").format(percent=round(min_attendance * 100))
            )
        if require_post_test:
            reasons.append(_("post-test taken") if post else _("no post-test result"))
        eligible = enough and (post or not require_post_test)
        listed.append(Eligibility(code, eligible, count, len(sessions), post, tuple(reasons)))
    return listed
