"""The referral slip: one A4 page, in both languages, that goes with a person to a service.

It carries what the receiving service needs and nothing that names the person:
the case code (a blank field to fill in by hand when there is none, as after
a practice screening), the date, the screening's outcome, the dimensions it
established and what is still unknown, the referring unit, the service it is
addressed to, and blank fields for the receiving service. A record's notes are
never printed (they may hold a name). The service's confidential address and
direct line are printed only when ``include_confidential`` is set. Every slip
says that it is a reason for referral, not a legal identification.

The slip's own words are bilingual data here (each a :class:`Text`), like the
screening's explanation, so a slip reads the same whatever the interface
language; the interface language only decides which language comes first.
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from companion.core.files import write_atomically
from companion.core.model import ScreeningTool, Service, Text
from companion.core.referral.services import TYPE_NAMES
from companion.core.screening.result import Result

NOT_IDENTIFICATION = Text(
    en="This is a reason for referral, not a legal identification.",
    zh_hans="这是转介的理由，不是法律上的身份认定。",
)
_BLANK = "_" * 28


def _t(en: str, zh: str) -> Text:
    return Text(en=en, zh_hans=zh)


TITLE = _t("Referral slip", "转介单")
CASE_CODE = _t("Case code", "案件编号")
DATE = _t("Date", "日期")
TOOL = _t("Screening tool", "筛查工具")
UNIT = _t("Referring unit", "转介单位")
OUTCOME = _t("Outcome of the screening", "筛查结果")
ESTABLISHED = _t("Dimensions established", "已确定的维度")
NONE_ESTABLISHED = _t("None established.", "尚无已确定的维度。")
PRESENT = _t("Indicators present", "存在的指标")
UNKNOWN = _t("Still unknown", "尚不清楚的情况")
NOTHING_UNKNOWN = _t("Every indicator was answered.", "所有指标均已作答。")
AGE_UNKNOWN = _t(
    "Age not known: if the person may be under 18, treat them as a child until it is established.",
    "年龄不详：如当事人可能未满18岁，在查明之前按儿童对待。",
)
NOT_KNOWN = _t("not known", "不清楚")
DECLINED = _t("declined", "拒绝回答")
WOULD_MEET = _t(
    "Each of these, if present, would meet the criteria: {ids}",
    "以下任一指标如存在，即符合标准：{ids}",
)
REFERRED_TO = _t("Referred to", "转介至")
PHONE = _t("Phone", "电话")
LANGUAGES = _t("Languages", "语言")
HOURS = _t("Hours", "服务时间")
HOW_TO_REFER = _t("How to refer", "转介方式")
CONFIDENTIAL = _t("Confidential: do not pass on", "保密：请勿外传")
ADDRESS = _t("Address", "地址")
DIRECT_PHONE = _t("Direct line", "直线电话")
RECEIVING = _t("For the receiving service", "接收机构填写")
RECEIVED_BY = _t("Received by (unit)", "接收单位")
RECEIVED_ON = _t("Date received", "接收日期")
ACTION = _t("Action taken", "采取的措施")
SIGNATURE = _t("Signature", "签名")


@dataclass(frozen=True)
class SlipRequest:
    """What a slip is printed from. ``case_code`` empty: a blank field (a practice screening)."""

    result: Result
    tool: ScreeningTool
    service: Service
    when: date
    case_code: str = ""
    unit: str = ""
    include_confidential: bool = False
    lang: str = "en"  # the interface language: printed first


def _order(lang: str) -> tuple[str, str]:
    return ("zh-Hans", "en") if lang == "zh-Hans" else ("en", "zh-Hans")


def _label(text: Text, lang: str) -> str:
    """A label in both languages on one line, the interface language first."""
    return " / ".join(text.resolve(lg)[0] for lg in _order(lang))


def _fill(text: Text, **values: str) -> Text:
    return Text(en=(text.en or "").format(**values), zh_hans=(text.zh_hans or "").format(**values))


def _unknowns(result: Result) -> list[Text]:
    """What the screening left open, from the engine's result: unknown and declined answers, age.

    Lines of indicator IDs read the same in both languages, so they carry both labels once.
    """
    lines: list[Text] = []
    for d in result.dimensions:
        for label, ids in ((NOT_KNOWN, d.unknown), (DECLINED, d.declined)):
            if ids:
                line = f"{d.id} ({label.en} / {label.zh_hans}): {', '.join(ids)}"
                lines.append(Text(en=line, zh_hans=line))
    if result.would_meet:
        lines.append(_fill(WOULD_MEET, ids=", ".join(result.would_meet)))
    if result.age is None and result.policy != "checklist":
        lines.append(AGE_UNKNOWN)
    return lines or [NOTHING_UNKNOWN]


def _established(result: Result) -> list[Text]:
    scored = [d for d in result.dimensions if d.positive is not None]
    if scored:
        found = [
            Text(en=f"{d.id}: {d.title.resolve('en')[0]}", zh_hans=f"{d.id}：{d.title.resolve('zh-Hans')[0]}")
            for d in scored
            if d.positive
        ]
        return found or [NONE_ESTABLISHED]
    # A checklist establishes no dimension: the indicators present are what it found.
    present = [i for d in result.dimensions for i in d.present]
    return [Text(en=", ".join(present), zh_hans=", ".join(present))] if present else [NONE_ESTABLISHED]


def slip_pdf(request: SlipRequest) -> bytes:
    """The slip as PDF bytes: one A4 page (the type shrinks until it fits)."""
    for scale in (1.0, 0.9, 0.8, 0.7, 0.6):
        data, pages = _render(request, scale)
        if pages == 1:
            break
    return data


def write_slip(request: SlipRequest, target: Path) -> Path:
    """Write the slip to ``target`` in one step (a failed write leaves no half file)."""
    return write_atomically(target, slip_pdf(request))


def _grid(color: object) -> list[tuple[object, ...]]:
    return [("GRID", (0, 0), (-1, -1), 0.5, color), ("VALIGN", (0, 0), (-1, -1), "TOP")]


def _render(request: SlipRequest, scale: float) -> tuple[bytes, int]:
    from companion.core.handouts.fonts import FONT, register_fonts
    from companion.core.handouts.reportlab_public import (
        A4,
        BaseDocTemplate,
        Flowable,
        Frame,
        HexColor,
        PageTemplate,
        Paragraph,
        ParagraphStyle,
        Spacer,
        Table,
        mm,
    )

    register_fonts()
    first, second = _order(request.lang)
    size = 10.0 * scale

    def style(name: str, lg: str, factor: float = 1.0, color: str = "#000000") -> ParagraphStyle:
        return ParagraphStyle(
            f"{name}:{lg}",
            fontName=FONT,
            fontSize=size * factor,
            leading=size * factor * 1.35,
            spaceAfter=size * 0.25,
            textColor=HexColor(color),
            wordWrap="CJK" if lg == "zh-Hans" else None,
            splitLongWords=1,
        )

    def para(value: str, lg: str = "en", factor: float = 1.0, color: str = "#000000") -> Paragraph:
        return Paragraph(html.escape(value).replace("\n", "<br/>"), style("p", lg, factor, color))

    def both(text: Text, factor: float = 1.0) -> list[Flowable]:
        return [para(text.resolve(lg)[0], lg, factor) for lg in (first, second)]

    def heading(text: Text) -> list[Flowable]:
        return [Spacer(0, size * 0.6), para(_label(text, request.lang), first, 1.15, "#1f3a5f")]

    width = A4[0] - 36 * mm
    story: list[Flowable] = [para(_label(TITLE, request.lang), first, 1.8)]
    story.append(para(_label(NOT_IDENTIFICATION, request.lang), first, 1.05, "#a01818"))

    r, tool, service = request.result, request.tool, request.service
    facts = [
        (CASE_CODE, request.case_code or _BLANK),
        (DATE, request.when.isoformat()),
        (TOOL, f"{_label(tool.title, request.lang)} ({r.tool_version})"),
        (UNIT, request.unit or _BLANK),
    ]
    rows = [[para(_label(name, request.lang), first, 0.9), para(value, first)] for name, value in facts]
    table = Table(rows, colWidths=[width * 0.3, width * 0.7])
    table.setStyle(_grid(HexColor("#888888")))
    story += [Spacer(0, size * 0.5), table]

    story += heading(OUTCOME) + both(r.label)
    story += heading(ESTABLISHED)
    for text in _established(r):
        story += [para(text.en or "", first, 0.95)] if text.en == text.zh_hans else both(text, 0.95)
    story += heading(UNKNOWN)
    for text in _unknowns(r):
        story += [para(text.en or "", first, 0.95)] if text.en == text.zh_hans else both(text, 0.95)

    story += heading(REFERRED_TO)
    story += both(service.name)
    story.append(para(f"{_label(TYPE_NAMES[service.type], request.lang)}", first, 0.95))
    lines = [f"{_label(PHONE, request.lang)}: {service.phone or '-'}"]
    lines.append(f"{_label(LANGUAGES, request.lang)}: {', '.join(service.languages)}")
    story += [para(line, first, 0.95) for line in lines]
    for name, text in ((HOURS, service.hours), (HOW_TO_REFER, service.how_to_refer)):
        story.append(para(_label(name, request.lang), first, 0.9, "#555555"))
        story += both(text, 0.9)
    if request.include_confidential and service.confidential is not None:
        secret = service.confidential
        story.append(para(_label(CONFIDENTIAL, request.lang), first, 0.95, "#a01818"))
        story.append(para(_label(ADDRESS, request.lang), first, 0.9, "#555555"))
        story += both(secret.address, 0.9)
        if secret.direct_phone:
            story.append(para(f"{_label(DIRECT_PHONE, request.lang)}: {secret.direct_phone}", first, 0.95))

    story += heading(RECEIVING)
    names = (RECEIVED_BY, RECEIVED_ON, ACTION, SIGNATURE)
    blanks: list[list[str | Flowable]] = [[para(_label(n, request.lang), first, 0.9), ""] for n in names]
    heights = [size * 2.4] * len(blanks)
    form = Table(blanks, colWidths=[width * 0.3, width * 0.7], rowHeights=heights)
    form.setStyle(_grid(HexColor("#888888")))
    story.append(form)

    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        title=_label(TITLE, "en"),
        author="",
        subject="",
        creator="Training Companion",
        invariant=1,
        initialFontName=FONT,  # otherwise the page declares the unembedded Helvetica
    )
    frame = Frame(18 * mm, 15 * mm, width, A4[1] - 30 * mm, id="slip")
    doc.addPageTemplates([PageTemplate(id="slip", frames=[frame])])
    doc.build(story)
    data = buffer.getvalue()
    # reportlab writes each page's dictionary uncompressed: counting them is the page count.
    return data, data.count(b"/Type /Page") - data.count(b"/Type /Pages")
