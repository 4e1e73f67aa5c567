"""A workshop after the event (roster, attendance, results, feedback, timing) for the report tests and bench.

Deterministic (a seeded random), with names that must never reach a donor report.
"""

from __future__ import annotations

import random
from pathlib import Path

from companion.app.workshop import Workshop
from companion.core.records import Vault

PASSPHRASE = "a long passphrase for the report"
AGENCIES = ("Qilinville Police Bureau", "Mountvale Court", "Riverside Women's Federation", "")


def name_of(number: int) -> tuple[str, str]:
    """A participant's (Latin, Chinese) name: unusual strings a test can search a PDF for."""
    return f"Zorqwen Blatt{number:03d}", f"郑测{number:03d}"


def populate(workshop: Workshop, count: int, tmp: Path, seed: int = 7, evaluations: bool = True) -> Vault:
    """Fill the current workshop with ``count`` participants and what happened to them; the open vault."""
    from companion.app import assess
    from companion.core.assess.attendance import Attendance
    from companion.core.assess.evaluations import Response, merge_responses, rating_rows
    from companion.core.assess.roster import Participant, Roster
    from companion.core.model import AgendaItem, EvaluationForm
    from companion.core.store.timing import SessionTimes, record
    from companion.core.timing import minutes

    rng = random.Random(seed)
    pack_id = workshop.current_pack_id()
    manifest = workshop.manifest(pack_id)
    assert pack_id is not None and manifest is not None
    vault = workshop.vault()
    if not vault.is_set_up:
        vault.set_up(PASSPHRASE, PASSPHRASE)
    elif not vault.is_unlocked:
        vault.unlock(PASSPHRASE)
    codes = [f"P{i:03d}" for i in range(1, count + 1)]
    people = [
        Participant(code, *name_of(i), AGENCIES[i % len(AGENCIES)], "Officer")
        for i, code in enumerate(codes, start=1)
    ]
    Roster(workshop.store, vault, pack_id).save(people)

    attendance = Attendance(workshop.store, manifest)
    lines = ["code,session,present"]
    for code in codes:
        for session in attendance.sessions:
            lines.append(f"{code},{session.id},{1 if rng.random() < 0.85 else 0}")
    sheet = tmp / "attendance.csv"
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    attendance.import_file(sheet)

    forms = assess.forms(workshop)
    results = []
    for code in codes[: max(1, count - 3)]:  # a few never took a test
        skill = rng.random()
        for found, attempt, boost in ((forms[0], "pre", 0.0), (forms[-1], "post", 0.3)):
            answers: dict[str, str | None] = {}
            for q in found.questions:
                right = rng.random() < min(0.95, 0.3 + 0.4 * skill + boost)
                wrong = [c.id for c in q.choices if c.id != q.answer]
                answers[q.id] = q.answer if right or not wrong else rng.choice(wrong)
            results.append(assess.new_result(workshop, found.form.id, code, attempt, answers))
    assess.merge_results(workshop, results)

    if evaluations:
        form = next(f for f in workshop.items("evaluation-form") if isinstance(f, EvaluationForm))
        responses = []
        for number in range(max(1, count * 3 // 4)):
            ratings: dict[str, int | None] = {
                row: (None if rng.random() < 0.05 else rng.choice((2, 3, 4, 4, 5, 5)))
                for row in rating_rows(form)
            }
            comments = {"free/1": f"Comment {number}: the case studies helped."} if number % 4 == 0 else {}
            responses.append(
                Response(
                    pack_id,
                    form.id,
                    f"E-TEST{number:06d}",
                    ratings,
                    comments,
                    "2027-03-20T16:00:00",
                    "laptop",
                )
            )
        merge_responses(workshop.store, responses)

    agenda = sorted(
        (i for i in workshop.items("agenda-item") if isinstance(i, AgendaItem) and i.day == 1),
        key=lambda i: i.start,
    )
    late = 0
    times = []
    for item in agenda:
        late += rng.choice((0, 0, 5, 10))
        start = minutes(item.start) + late
        late += rng.choice((0, 0, 5, -5))
        end = minutes(item.end) + late
        times.append(
            SessionTimes(
                item.id,
                1,
                item.start,
                item.end,
                f"{start // 60:02d}:{start % 60:02d}",
                f"{end // 60:02d}:{end % 60:02d}",
                None,
            )
        )
    record(workshop.store, pack_id, None, times, "2027-03-16T18:00:00")
    return vault
