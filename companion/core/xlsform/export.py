"""Writing a screening tool as an XLSForm workbook (layout in ``layout``).

A scored tool gets ``calculate`` fields that follow its own rules step by step, as the engine
does: per dimension the counts of strong, medium, weak and all indicators answered present,
the dimension's result, the groups in order, the overall and child rules, and the outcome
(the child rule for an age under 18, as the engine's default policy). A checklist counts what
is present and gives ``indicators_present`` or ``no_indicators``, like the engine. A guide
(style "guide") is exported as steps to mark done or not done, with no result: a guide decides
nothing, so a form that computed an outcome for it would say more than the tool does.
"""

from __future__ import annotations

import io
from pathlib import Path

from companion.core.files import AS_UMASK, write_atomically
from companion.core.model import ScreeningTool, Text
from companion.core.screening.engine import label_text
from companion.core.screening.expression import parse
from companion.core.xlsform import layout as lay
from companion.core.xlsform.xpath import to_xpath

Row = dict[str, str]

_AGE_TEXT = Text(en="Age in years (leave empty if not known)", zh_hans="年龄（周岁；不清楚的请留空）")
_ACT_TEXT = Text(
    en="Is an act by a third party (recruitment, transport, transfer, harbouring or receipt) recorded?",
    zh_hans="是否记录到第三方实施的行为（招募、运送、转移、窝藏或接收）？",
)
_OUTCOME_TEXTS = {
    "met": Text(en="Outcome: criteria met", zh_hans="结果：符合标准"),
    "not_met": Text(en="Outcome: criteria not met", zh_hans="结果：未符合标准"),
    "indicators_present": Text(en="Outcome: indicators present", zh_hans="结果：存在指标"),
    "no_indicators": Text(en="Outcome: no indicator present", zh_hans="结果：无指标存在"),
}


def write_xlsform(tool: ScreeningTool, target: Path) -> Path:
    """Write ``tool`` as an XLSForm at ``target`` (atomically) and return the path."""
    from openpyxl import Workbook  # heavy: loaded only when a form is written

    book = Workbook()
    sheets = (
        (lay.SURVEY, lay.SURVEY_COLUMNS, survey_rows(tool)),
        (lay.CHOICES, lay.CHOICE_COLUMNS, _choice_rows()),
        (lay.SETTINGS, ("form_title", "form_id", "version", "default_language"), [_settings(tool)]),
        (lay.META, lay.META_COLUMNS, meta_rows(tool)),
    )
    book.remove(book.active)  # type: ignore[arg-type]
    for title, columns, rows in sheets:
        sheet = book.create_sheet(title)
        sheet.append(list(columns))
        for row in rows:
            sheet.append([row.get(column) or None for column in columns])
    book[lay.META].sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return write_atomically(target, buffer.getvalue(), AS_UMASK)


def _texts(prefix: tuple[str, ...], text: Text | None) -> Row:
    if text is None:
        return {}
    return {column: text.get(code) or "" for column, (code, _) in zip(prefix, lay.LANGUAGES, strict=True)}


def _settings(tool: ScreeningTool) -> Row:
    return {
        "form_title": tool.title.en or tool.title.zh_hans or tool.id,
        "form_id": tool.id,
        "version": tool.version,
        "default_language": lay.LANGUAGES[0][1],
    }


def _choice_rows() -> list[Row]:
    return [
        {"list_name": list_name, "name": name, **_texts(lay.LABELS, text)}
        for list_name, choices in lay.CHOICE_LISTS.items()
        for name, text in choices
    ]


def _note(name: str, text: Text, relevant: str = "") -> Row:
    return {"type": "note", "name": name, **_texts(lay.LABELS, text), "relevant": relevant}


def _calculate(name: str, calculation: str) -> Row:
    return {"type": "calculate", "name": name, "calculation": calculation}


def survey_rows(tool: ScreeningTool) -> list[Row]:
    rows = [_note("tool_purpose", tool.purpose)]
    rows += [_note(f"caveat_{n}", caveat) for n, caveat in enumerate(tool.caveats, 1)]
    scoring = tool.scoring
    if scoring is not None and scoring.child is not None:
        age = {"type": "integer", "name": lay.AGE, **_texts(lay.LABELS, _AGE_TEXT)}
        rows.append({**age, "constraint": ". >= 0 and . <= 130"})
    if scoring is not None and lay.ACT_IN_RULES in _names_used(tool):
        act = {"type": f"select_one {lay.YES_NO_LIST}", "name": lay.ACT}
        rows.append({**act, **_texts(lay.LABELS, _ACT_TEXT)})
    answers = lay.STEP_LIST if tool.style == "guide" else lay.ANSWER_LIST
    for dimension in tool.dimensions:
        rows.append({"type": "begin_group", "name": dimension.id, **_texts(lay.LABELS, dimension.title)})
        if dimension.description is not None:
            rows.append(_note(f"about_{dimension.id}", dimension.description))
        for indicator in dimension.indicators:
            rows.append(
                {
                    "type": f"select_one {answers}",
                    "name": indicator.id,
                    **_texts(lay.LABELS, indicator.text),
                    **_texts(lay.HINTS, indicator.guidance),
                    "grade": indicator.grade or "",
                }
            )
        rows.append({"type": "end_group", "name": dimension.id})
    if tool.style == "guide":
        return rows
    return rows + (_scored_rows(tool) if tool.scoring is not None else _checklist_rows(tool))


def _names_used(tool: ScreeningTool) -> set[str]:
    scoring = tool.scoring
    assert scoring is not None
    rules = [*scoring.groups.values(), scoring.overall, *(label.when for label in scoring.labels)]
    rules += [scoring.child] if scoring.child is not None else []
    return {name for rule in rules for name in parse(rule).names()}


def _present(indicator_id: str) -> str:
    return f"if(${{{indicator_id}}} = 'present', 1, 0)"


def _counts(tool: ScreeningTool, grades: tuple[str, ...]) -> list[Row]:
    rows = []
    for dimension in tool.dimensions:
        for grade in grades:
            ids = [i.id for i in dimension.indicators if grade == "present" or i.grade == grade]
            total = " + ".join(map(_present, ids)) or "0"
            rows.append(_calculate(lay.count_name(dimension.id, grade), total))
    return rows


def _outcome_notes(outcomes: tuple[str, ...]) -> list[Row]:
    return [_note(f"outcome_{o}", _OUTCOME_TEXTS[o], f"${{{lay.OUTCOME}}} = '{o}'") for o in outcomes]


def _checklist_rows(tool: ScreeningTool) -> list[Row]:
    rows = _counts(tool, ("present",))
    total = " + ".join(f"${{{lay.count_name(d.id, 'present')}}}" for d in tool.dimensions)
    rows.append(_calculate(lay.PRESENT_TOTAL, total))
    outcome = f"if(${{{lay.PRESENT_TOTAL}}} > 0, 'indicators_present', 'no_indicators')"
    rows.append(_calculate(lay.OUTCOME, outcome))
    return rows + _outcome_notes(("indicators_present", "no_indicators"))


def _scored_rows(tool: ScreeningTool) -> list[Row]:
    scoring = tool.scoring
    assert scoring is not None
    rows = _counts(tool, ("strong", "medium", "weak", "present"))
    for dimension in tool.dimensions:

        def count(name: str, dimension_id: str = dimension.id) -> str:
            return f"${{{lay.count_name(dimension_id, name)}}}"

        rule = to_xpath(scoring.dimension, count)
        rows.append(_calculate(lay.dimension_name(dimension.id), f"if({rule}, 1, 0)"))
    dimensions = {d.id for d in tool.dimensions}

    def truth(name: str) -> str:
        if name == lay.ACT_IN_RULES:
            return f"(${{{lay.ACT}}} = 'yes')"
        field = lay.dimension_name(name) if name in dimensions else lay.group_name(name)
        return f"(${{{field}}} = 1)"

    for group, rule in scoring.groups.items():
        rows.append(_calculate(lay.group_name(group), f"if({to_xpath(rule, truth)}, 1, 0)"))
    rows.append(_calculate(lay.OVERALL, f"if({to_xpath(scoring.overall, truth)}, 1, 0)"))
    adult = f"if(${{{lay.OVERALL}}} = 1, 'met', 'not_met')"
    if scoring.child is None:
        rows.append(_calculate(lay.OUTCOME, adult))
    else:
        rows.append(_calculate(lay.CHILD, f"if({to_xpath(scoring.child, truth)}, 1, 0)"))
        child = f"if(${{{lay.CHILD}}} = 1, 'met', 'not_met')"
        is_child = f"string-length(${{{lay.AGE}}}) > 0 and ${{{lay.AGE}}} < {lay.ADULT_AGE}"
        rows.append(_calculate(lay.OUTCOME, f"if({is_child}, {child}, {adult})"))
    # The first label whose rule holds, as the engine picks it; 0 when none does.
    index = "0"
    for n, label in reversed(list(enumerate(scoring.labels, 1))):
        index = f"if({to_xpath(label.when, truth)}, {n}, {index})"
    rows.append(_calculate(lay.LABEL_INDEX, index))
    rows += _outcome_notes(("met", "not_met"))
    rows += [
        # A form does not know the age when it shows a label, so it says what the app says then.
        _note(f"label_{n}", label_text(scoring, label, None), f"${{{lay.LABEL_INDEX}}} = {n}")
        for n, label in enumerate(scoring.labels, 1)
    ]
    return rows


def meta_rows(tool: ScreeningTool) -> list[Row]:
    """The hidden sheet: everything the survey does not carry, so that import gives the same tool."""

    def row(key: str, name: str = "", value: str = "", text: Text | None = None) -> Row:
        return {"key": key, "name": name, "value": value, **_texts(lay.META_TEXTS, text)}

    rows = [row("format", value=lay.META_FORMAT), row("style", value=tool.style)]
    rows += [row("title", text=tool.title), row("purpose", text=tool.purpose)]
    if tool.source is not None:
        rows.append(row("source", text=tool.source))
    rows += [row("reference", value=s.citation, text=s.note) for s in tool.sources]
    rows += [row("caveat", text=caveat) for caveat in tool.caveats]
    rows += [row("to_verify", text=text) for text in tool.to_verify]
    rows += [
        row("indicator_note", name=i.id, text=i.note)
        for d in tool.dimensions
        for i in d.indicators
        if i.note is not None
    ]
    scoring = tool.scoring
    if scoring is not None:
        rows.append(row("rule_dimension", value=scoring.dimension))
        rows += [row("rule_group", name=name, value=rule) for name, rule in scoring.groups.items()]
        rows.append(row("rule_overall", value=scoring.overall))
        if scoring.child is not None:
            rows.append(row("rule_child", value=scoring.child))
        if scoring.child_policy is not None:
            rows.append(row("child_policy", text=scoring.child_policy))
        if scoring.age_note is not None:
            rows.append(row("age_note", text=scoring.age_note))
        rows += [
            row("label", name=lay.AGE_NOTE if label.age_note else "", value=label.when, text=label.text)
            for label in scoring.labels
        ]
    return rows
