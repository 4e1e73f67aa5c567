"""The core's vocabulary, as the window and the command line may use it.

Models, value tables, display names, errors and pure functions (they compute,
they do not touch the data folder), and the publisher-key functions, which are
given the data folder. Workflows that read or write the data
folder are :class:`companion.app.workshop.Workshop`'s methods instead. The
surfaces import these names from here, never from ``companion.core``; the
import contracts in pyproject.toml hold them to it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.core.agenda import NowNext, day_date, now_and_next
    from companion.core.authoring import AuthoringError
    from companion.core.authoring.drafts import Draft
    from companion.core.authoring.problems import FieldProblem
    from companion.core.authoring.publish import Published
    from companion.core.authoring.translations import TranslationGap
    from companion.core.collation import sort_key
    from companion.core.components import Component, shipped
    from companion.core.editions import for_edition
    from companion.core.files import NotAFileError, TooLargeError, read_regular_file

    # What the window speaks beyond the command line: backups, the check, field records,
    # pack types, printing, a screening on screen and its result as a PDF.
    from companion.core.handouts import write_handout
    from companion.core.handouts.result import screening_result
    from companion.core.model import (
        AgendaItem,
        AssessmentForm,
        CaseStudy,
        ContentItem,
        Document,
        EvaluationForm,
        GlossaryTerm,
        Indicator,
        Manifest,
        Question,
        ScreeningTool,
        Service,
        Text,
        title_of,
    )
    from companion.core.names import CATEGORY_NAMES, FORMAT_NAMES, GRADE_NAMES, KIND_NAMES, OUTCOME_NAMES
    from companion.core.packs import PackError
    from companion.core.packs.exporter import ExportResult
    from companion.core.packs.importer import ImportReport
    from companion.core.packs.publisher import PublisherMismatchError
    from companion.core.packs.signing import (
        create_key,
        has_key,
        load_key,
        own_fingerprint,
        parse_fingerprint,
        short_fingerprint,
        show_fingerprint,
    )
    from companion.core.packs.verify import VerifiedPack, signature_warning
    from companion.core.packs.verify import describe as describe_pack
    from companion.core.printing import PrintError, send_to_printer
    from companion.core.progress import CancelCheck, Cancelled, Progress, never_cancelled, no_progress
    from companion.core.record_form import DamagedRecord, FieldRecord, RecordsError, check_case_code
    from companion.core.records import (
        DEFAULT_IDLE_MINUTES,
        HANDOVER_SUFFIX,
        MIN_PASSPHRASE,
        Vault,
        default_handover_name,
    )
    from companion.core.screening import ANSWERS, DimensionResult, ScreeningError, evaluate, result_json
    from companion.core.screening import Result as ScreeningResult
    from companion.core.screening import describe as describe_tool
    from companion.core.screening.interview import Interview
    from companion.core.screening.practice import Comparison, Finding, compare
    from companion.core.sealing import WrongPassphraseError
    from companion.core.selftest import run as run_self_test
    from companion.core.sources import ContentError
    from companion.core.store import PackInfo, SearchHit, StoreError
    from companion.core.store.backups import KEEP_LATEST, KEEP_WEEKS, REASONS, Backup
    from companion.core.store.check import CheckReport
    from companion.core.store.database import explain_in as explain_database_error
    from companion.core.store.search import AUDIENCE, EVERYTHING, FIRST_STAGES_SHOWN, Visibility
    from companion.core.store.timing import SessionTimes
    from companion.core.timing import AgendaNow, LiveSession, TimingError

# Name -> the core module it comes from; each is imported on first use, so a
# surface may import this module at start-up without loading the content model.
_SOURCES: dict[str, str] = {
    "ANSWERS": "companion.core.screening",
    "ScreeningError": "companion.core.screening",
    "evaluate": "companion.core.screening",
    "result_json": "companion.core.screening",
    "describe_tool": "companion.core.screening:describe",
    "run_self_test": "companion.core.selftest:run",
    "sort_key": "companion.core.collation",
    "for_edition": "companion.core.editions",
    "NotAFileError": "companion.core.files",
    "TooLargeError": "companion.core.files",
    "read_regular_file": "companion.core.files",
    "AuthoringError": "companion.core.authoring",
    "Draft": "companion.core.authoring.drafts",
    "FieldProblem": "companion.core.authoring.problems",
    "Published": "companion.core.authoring.publish",
    "TranslationGap": "companion.core.authoring.translations",
    "explain_database_error": "companion.core.store.database:explain_in",
    "PackError": "companion.core.packs",
    "PublisherMismatchError": "companion.core.packs.publisher",
    "create_key": "companion.core.packs.signing",
    "has_key": "companion.core.packs.signing",
    "load_key": "companion.core.packs.signing",
    "own_fingerprint": "companion.core.packs.signing",
    "parse_fingerprint": "companion.core.packs.signing",
    "short_fingerprint": "companion.core.packs.signing",
    "show_fingerprint": "companion.core.packs.signing",
    "describe_pack": "companion.core.packs.verify:describe",
    "signature_warning": "companion.core.packs.verify",
    "VerifiedPack": "companion.core.packs.verify",
    "write_handout": "companion.core.handouts",
    "screening_result": "companion.core.handouts.result",
    "ExportResult": "companion.core.packs.exporter",
    "ImportReport": "companion.core.packs.importer",
    "PrintError": "companion.core.printing",
    "send_to_printer": "companion.core.printing",
    "DamagedRecord": "companion.core.record_form",
    "FieldRecord": "companion.core.record_form",
    "RecordsError": "companion.core.record_form",
    "check_case_code": "companion.core.record_form",
    "DEFAULT_IDLE_MINUTES": "companion.core.records",
    "HANDOVER_SUFFIX": "companion.core.records",
    "MIN_PASSPHRASE": "companion.core.records",
    "Vault": "companion.core.records",
    "default_handover_name": "companion.core.records",
    "DimensionResult": "companion.core.screening",
    "ScreeningResult": "companion.core.screening:Result",
    "Interview": "companion.core.screening.interview",
    "Comparison": "companion.core.screening.practice",
    "Finding": "companion.core.screening.practice",
    "compare": "companion.core.screening.practice",
    "WrongPassphraseError": "companion.core.sealing",
    "KEEP_LATEST": "companion.core.store.backups",
    "KEEP_WEEKS": "companion.core.store.backups",
    "REASONS": "companion.core.store.backups",
    "Backup": "companion.core.store.backups",
    "CheckReport": "companion.core.store.check",
    "AUDIENCE": "companion.core.store.search",
    "AgendaItem": "companion.core.model",
    "CATEGORY_NAMES": "companion.core.names",
    "CancelCheck": "companion.core.progress",
    "Cancelled": "companion.core.progress",
    "CaseStudy": "companion.core.model",
    "Component": "companion.core.components",
    "ContentError": "companion.core.sources",
    "ContentItem": "companion.core.model",
    "Document": "companion.core.model",
    "EVERYTHING": "companion.core.store.search",
    "FIRST_STAGES_SHOWN": "companion.core.store.search",
    "FORMAT_NAMES": "companion.core.names",
    "GRADE_NAMES": "companion.core.names",
    "GlossaryTerm": "companion.core.model",
    "AssessmentForm": "companion.core.model",
    "EvaluationForm": "companion.core.model",
    "Question": "companion.core.model",
    "Indicator": "companion.core.model",
    "KIND_NAMES": "companion.core.names",
    "Manifest": "companion.core.model",
    "NowNext": "companion.core.agenda",
    "AgendaNow": "companion.core.timing",
    "LiveSession": "companion.core.timing",
    "SessionTimes": "companion.core.store.timing",
    "TimingError": "companion.core.timing",
    "OUTCOME_NAMES": "companion.core.names",
    "PackInfo": "companion.core.store",
    "Progress": "companion.core.progress",
    "ScreeningTool": "companion.core.model",
    "Service": "companion.core.model",
    "SearchHit": "companion.core.store",
    "StoreError": "companion.core.store",
    "Text": "companion.core.model",
    "Visibility": "companion.core.store.search",
    "day_date": "companion.core.agenda",
    "never_cancelled": "companion.core.progress",
    "no_progress": "companion.core.progress",
    "now_and_next": "companion.core.agenda",
    "shipped": "companion.core.components",
    "title_of": "companion.core.model",
}


def __getattr__(name: str) -> Any:
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, _colon, original = source.partition(":")  # "module:name" where the core calls it otherwise
    value = getattr(importlib.import_module(module), original or name)
    globals()[name] = value
    return value


__all__ = [
    "ANSWERS",
    "AUDIENCE",
    "CATEGORY_NAMES",
    "DEFAULT_IDLE_MINUTES",
    "EVERYTHING",
    "FIRST_STAGES_SHOWN",
    "FORMAT_NAMES",
    "GRADE_NAMES",
    "HANDOVER_SUFFIX",
    "KEEP_LATEST",
    "KEEP_WEEKS",
    "KIND_NAMES",
    "MIN_PASSPHRASE",
    "OUTCOME_NAMES",
    "REASONS",
    "AgendaItem",
    "AgendaNow",
    "AssessmentForm",
    "AuthoringError",
    "Backup",
    "CancelCheck",
    "Cancelled",
    "CaseStudy",
    "CheckReport",
    "Comparison",
    "Component",
    "ContentError",
    "ContentItem",
    "DamagedRecord",
    "DimensionResult",
    "Document",
    "Draft",
    "EvaluationForm",
    "ExportResult",
    "FieldProblem",
    "FieldRecord",
    "Finding",
    "GlossaryTerm",
    "ImportReport",
    "Indicator",
    "Interview",
    "LiveSession",
    "Manifest",
    "NotAFileError",
    "NowNext",
    "PackError",
    "PackInfo",
    "PrintError",
    "Progress",
    "Published",
    "PublisherMismatchError",
    "Question",
    "RecordsError",
    "ScreeningError",
    "ScreeningResult",
    "ScreeningTool",
    "SearchHit",
    "Service",
    "SessionTimes",
    "StoreError",
    "Text",
    "TimingError",
    "TooLargeError",
    "TranslationGap",
    "Vault",
    "VerifiedPack",
    "Visibility",
    "WrongPassphraseError",
    "check_case_code",
    "compare",
    "create_key",
    "day_date",
    "default_handover_name",
    "describe_pack",
    "describe_tool",
    "evaluate",
    "explain_database_error",
    "for_edition",
    "has_key",
    "load_key",
    "never_cancelled",
    "no_progress",
    "now_and_next",
    "own_fingerprint",
    "parse_fingerprint",
    "read_regular_file",
    "result_json",
    "run_self_test",
    "screening_result",
    "send_to_printer",
    "shipped",
    "short_fingerprint",
    "show_fingerprint",
    "signature_warning",
    "sort_key",
    "title_of",
    "write_handout",
]
