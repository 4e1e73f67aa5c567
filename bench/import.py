"""Import speed: a generated pack of 1,000 items against inserting the same rows directly.

Generates a valid workshop of 1,000 items (library documents and glossary
terms with bilingual text), exports it as a pack file, then for each run:

- *import*: from the file on disk to committed rows in a fresh store: reading
  the zip within limits, every SHA-256, validation of every item, the import
  plan and the write (items and full-text rows), as ``companion pack import``
  does;
- *direct*: the same item and search rows inserted with sqlite-utils into
  another fresh store of the same schema, in one transaction.

Prints the median and the best of each over the runs (noise only adds time, so
the best runs are the closest to what each side costs) and their ratios
(target: at most 2),
in wall-clock time and in this process's CPU time: on a machine shared with
other work, CPU time is the steadier figure (both sides run in-process,
SQLite's indexing included). With ``--instructions`` it also runs each side
once under valgrind, between marks (bench/instructions.py), and prints the
instructions each executed: a count that noise cannot change (about a minute).
Usage: ``python bench/import.py [--items N] [--runs N] [--instructions]``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a checkout

import instructions  # bench/instructions.py, beside this script
from generated import generated_pack  # bench/generated.py, beside this script

from companion.core.content import ContentPack
from companion.core.model import Document, GlossaryTerm, Section, Source, Text
from companion.core.packs.exporter import build_pack
from companion.core.packs.importer import import_pack
from companion.core.packs.verify import verify_file
from companion.core.store import Store
from companion.core.store.store import _search_docs

EN = "Workers described recruitment fees, withheld wages and documents kept by the employer. "
ZH = "工人讲述了招聘费用、被扣押的工资以及被雇主保管的证件。"


def generate(count: int) -> ContentPack:
    items: list[object] = []
    for n in range(count):
        if n % 4 == 0:
            items.append(
                Document(
                    id=f"doc-{n:04d}",
                    title=Text(en=f"Reference document {n}", zh_hans=f"参考文件 {n}"),
                    category="referral",
                    summary=Text(en=EN * 2, zh_hans=ZH * 2),
                    sections=[
                        Section(
                            heading=Text(en=f"Part {s}", zh_hans=f"第{s}部分"),
                            body=Text(en=EN * 6, zh_hans=ZH * 6),
                        )
                        for s in range(2)
                    ],
                    sources=[Source(citation=f"Generated source {n}, 2027")],
                )
            )
        else:
            items.append(
                GlossaryTerm(
                    id=f"gl-{n:04d}",
                    term=Text(en=f"Term {n}", zh_hans=f"术语 {n}"),
                    definition=Text(en=EN * 2, zh_hans=ZH * 2),
                )
            )
    title = Text(en="Generated workshop", zh_hans="生成的研讨会")
    return generated_pack("bench-workshop", title, items)


def rows(pack: ContentPack) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The rows the store writes for ``pack``: items and search documents."""
    items, docs = [], []
    for position, item in enumerate(pack.items):
        title = item.term if isinstance(item, GlossaryTerm) else item.title  # type: ignore[attr-defined]
        items.append(
            {
                "pack_id": pack.manifest.id,
                "id": item.id,  # type: ignore[attr-defined]
                "kind": item.kind,  # type: ignore[attr-defined]
                "position": position,
                "title_en": title.get("en"),
                "title_zh": title.get("zh-Hans"),
                "data": item.model_dump_json(by_alias=True, exclude_none=True),  # type: ignore[attr-defined]
            }
        )
        docs.extend(_search_docs(pack.manifest.id, item))
    return items, docs


Timing = tuple[float, float]  # wall-clock seconds, CPU seconds of this process


def _clock() -> Timing:
    return time.perf_counter(), time.process_time()


def _since(start: Timing) -> Timing:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


def import_once(store: Store, path: Path) -> None:
    assert import_pack(store, verify_file(path, {})).written


def insert_once(
    store: Store, items: list[dict[str, object]], docs: list[dict[str, object]], pack: ContentPack
) -> None:
    db = store.db
    with store.transaction():  # one transaction, as an import writes
        db["packs"].insert({"id": pack.manifest.id, "version": pack.manifest.version, "manifest": "{}"})
        db["items"].insert_all(items)
        db["search_docs"].insert_all(docs)


def run_import(path: Path, folder: Path) -> Timing:
    store = Store.open(folder)  # migrating the empty store is not part of an import
    start = _clock()
    import_once(store, path)
    elapsed = _since(start)
    store.close()
    return elapsed


def run_direct(
    items: list[dict[str, object]], docs: list[dict[str, object]], pack: ContentPack, folder: Path
) -> Timing:
    store = Store.open(folder)
    start = _clock()
    insert_once(store, items, docs, pack)
    elapsed = _since(start)
    store.close()
    return elapsed


def marked_run(count: int) -> None:
    """One warm-up of each side, then each side once between marks (see instructions.between_marks).

    The stores are opened (and migrated) before the first mark: as in the
    timed runs, that is not part of either side.
    """
    pack = generate(count)
    items, docs = rows(pack)
    with tempfile.TemporaryDirectory(prefix="companion-bench-import-") as tmp:
        path = Path(tmp) / "generated.ctpack"
        path.write_bytes(build_pack(pack.manifest, list(pack.items), "facilitator"))
        stores = [Store.open(Path(tmp) / name) for name in ("warm-import", "warm-direct", "import", "direct")]
        import_once(stores[0], path)
        insert_once(stores[1], items, docs, pack)
        os.getppid()
        import_once(stores[2], path)
        os.getppid()
        insert_once(stores[3], items, docs, pack)
        os.getppid()
        for store in stores:
            store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--instructions", action="store_true", help="also count instructions (valgrind)")
    parser.add_argument("--marked-run", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.marked_run:
        marked_run(args.items)
        return 0
    pack = generate(args.items)
    items, docs = rows(pack)
    with tempfile.TemporaryDirectory(prefix="companion-bench-import-") as tmp:
        path = Path(tmp) / "generated.ctpack"
        path.write_bytes(build_pack(pack.manifest, list(pack.items), "facilitator"))
        imports, directs = [], []
        for run in range(args.runs):
            # Alternate so that a burst of load on a noisy machine hits both sides.
            imports.append(run_import(path, Path(tmp) / f"import-{run}"))
            directs.append(run_direct(items, docs, pack, Path(tmp) / f"direct-{run}"))
        size = path.stat().st_size
    print(f"pack: {args.items} items, {len(docs)} search rows, {size / 1024:.0f} KiB, {args.runs} runs")
    for label, pick in (("median", statistics.median), ("best", min)):
        for n, clock in enumerate(("wall-clock", "CPU")):
            imported = pick(run[n] for run in imports)
            direct = pick(run[n] for run in directs)
            print(
                f"{label} {clock}: import (read, verify, validate, write) {imported * 1000:.0f} ms; "
                f"direct sqlite-utils insert, same rows {direct * 1000:.0f} ms; ratio {imported / direct:.2f}"
            )
    if args.instructions:
        command = [sys.executable, __file__, "--marked-run", "--items", str(args.items)]
        counted = instructions.between_marks(command)
        print(
            f"instructions: import {counted[0] / 1e6:.0f} M, direct insert {counted[1] / 1e6:.0f} M; "
            f"ratio {counted[0] / counted[1]:.2f}"
        )
    print("target: ratio at most 2")
    return 0


if __name__ == "__main__":
    sys.exit(main())
