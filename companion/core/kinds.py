"""The content kinds and the handout kinds: one table each, read by everything that needs them.

A workshop holds items of nine kinds. What differs between kinds, beyond the
fields of their model, is listed here once: the kind's ID (the ``kind`` field
of every item), the folder its files live in inside a pack, the model class
that validates it, the fields a participant never gets, its display name and
the window section that shows it. The pack loader, the pack file checks, the
participant edition, the command line's choices and the window's sections all
read this table, so adding a kind means a row here, a model, a section and
tests (see docs/architecture.md, "Adding a content kind"). The handout kinds
likewise name what `companion export` and the export dialog offer.

Importing this module costs almost nothing: it loads no model (the class is named,
and looked up in :mod:`companion.core.model` only when asked for), so the
command line can build its parser from it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from companion.i18n import N_

if TYPE_CHECKING:
    from pydantic import BaseModel


# NamedTuples rather than dataclasses: this module is imported at every start, and
# defining a dataclass costs several times more.
class ContentKind(NamedTuple):
    id: str  # the ``kind`` of its items: "case-study"
    folder: str  # its folder in a pack's content/: "case-studies"
    model_name: str  # its class in companion.core.model
    label: str  # display name of a list of them, marked for translation
    section: str  # the window section that shows it (see companion.gui.main_window)
    hidden: tuple[str, ...] = ()  # fields only facilitators see; each optional in the model

    @property
    def model(self) -> type[BaseModel]:
        from companion.core import model

        cls: type[BaseModel] = getattr(model, self.model_name)
        return cls


CONTENT_KINDS: tuple[ContentKind, ...] = (
    ContentKind(
        "agenda-item", "agenda", "AgendaItem", N_("Agenda items"), "agenda", hidden=("facilitator_notes",)
    ),
    ContentKind(
        "case-study",
        "case-studies",
        "CaseStudy",
        N_("Case studies"),
        "case-studies",
        hidden=("facilitator_notes", "answer_keys"),
    ),
    ContentKind(
        "screening-tool", "tools", "ScreeningTool", N_("Screening tools"), "tools", hidden=("to_verify",)
    ),
    ContentKind("document", "library", "Document", N_("Library documents"), "library", hidden=("to_verify",)),
    ContentKind("glossary-term", "glossary", "GlossaryTerm", N_("Glossary terms"), "library"),
    ContentKind(
        "service", "services", "Service", N_("Referral directory"), "library", hidden=("confidential",)
    ),
    ContentKind(
        "question", "questions", "Question", N_("Questions"), "assessment", hidden=("answer", "explanation")
    ),
    ContentKind(
        "assessment-form", "assessment-forms", "AssessmentForm", N_("Knowledge checks"), "assessment"
    ),
    ContentKind(
        "evaluation-form", "evaluation-forms", "EvaluationForm", N_("Evaluation forms"), "assessment"
    ),
)
KIND_IDS: tuple[str, ...] = tuple(kind.id for kind in CONTENT_KINDS)
BY_ID: dict[str, ContentKind] = {kind.id: kind for kind in CONTENT_KINDS}
BY_FOLDER: dict[str, ContentKind] = {kind.folder: kind for kind in CONTENT_KINDS}


class HandoutKind(NamedTuple):
    id: str  # as `companion export --kind` takes it, and the start of its files' names
    label: str  # as the export dialog offers it, marked for translation


# The print pack, in the order it is printed; each is built by the function of
# companion.core.handouts.builder.plan() registered under its ID.
HANDOUT_KINDS: tuple[HandoutKind, ...] = (
    HandoutKind("agenda", N_("Agenda (one page per day, and a wall version)")),
    HandoutKind("case-studies", N_("Case studies")),
    HandoutKind("screening-forms", N_("Blank screening forms")),
    HandoutKind("glossary", N_("Glossary")),
    HandoutKind("sign-in", N_("Sign-in sheet")),
    HandoutKind("documents", N_("Library documents")),
)
HANDOUT_IDS: tuple[str, ...] = tuple(kind.id for kind in HANDOUT_KINDS)
