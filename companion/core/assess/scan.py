"""Reading scanned answer sheets: QR code, registration marks, rotation, perspective, then every bubble.

Owns turning a scan (a multi-page PDF from a sheet-feed scanner, or PNG/JPEG
images such as phone photos) into one :class:`ScannedPage` per page. Nothing is
guessed: a bubble is an answer only when exactly one in its row is clearly
filled; a row with two filled bubbles, a faint or erased mark, or ink around a
bubble (a crossed-out circle) is *flagged* with a picture of the row for the
facilitator; a page without a readable QR code, or of a form the workshop does
not have, is reported with its problem and no answers.

Pillow does the image work; zxing-cpp reads the QR code and pypdf takes the
page images out of a PDF (both imported only when a scan is read).
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps, ImageStat

from companion.core.assess import sheet_layout as layout
from companion.core.files import read_regular_file
from companion.i18n import _

PX = 6.0  # pixels per millimetre of the straightened page (about 150 dpi)
FILLED = 0.55  # mean darkness of a bubble's centre, 0 paper .. 1 ink: at least this is a mark
BLANK = 0.20  # at most this is no mark; between the two is faint or erased: flagged
AROUND = 0.10  # ink around a bubble beyond this: crossed out or scribbled: flagged
MIN_CONTRAST = 60  # paper and ink closer than this (of 255): the page cannot be read
MARK_SEARCH = 40.0  # mm: how far a corner square may be from where the QR code predicts it (photos)

MAX_SCAN_BYTES = 256 * 1024 * 1024  # a scanner's multi-page PDF; as large as a pack may be


class ScanError(ValueError):
    """A file that cannot be read as a scan at all (not an image, not a PDF, no pages)."""


@dataclass
class ScannedPage:
    """One page read: the answers by question id (None: blank), the flagged questions and their rows.

    ``problem`` is set (and nothing else is) when the page could not be read. An evaluation
    sheet has no participant (None) and its answers are ratings "1".."5" by row id.
    """

    file: str
    page: int
    participant: str | None = None
    form: str | None = None
    sheet: str | None = None
    answers: dict[str, str | None] = field(default_factory=dict)
    flagged: list[str] = field(default_factory=list)
    crops: dict[str, bytes] = field(default_factory=dict)
    problem: str | None = None


FormChoices = Mapping[str, Sequence[tuple[str, int]]]  # form id -> (question id, number of choices)


def read_files(paths: Sequence[Path], forms: FormChoices) -> list[ScannedPage]:
    """Every page of every file; a file that is not a scan is raised as one :class:`ScanError`."""
    pages = []
    for path in paths:
        for number, image in enumerate(page_images(path), start=1):
            if image is None:
                problem = _("the page holds no scanned picture (a PDF printed from a file, not a scan)")
                pages.append(ScannedPage(file=str(path), page=number, problem=problem))
            else:
                pages.append(read_page(image, forms, str(path), number))
    return pages


def page_images(path: Path) -> Iterator[Image.Image | None]:
    """The page images of a PDF (the largest image of each page; None: none) or an image file's one."""
    try:
        data = read_regular_file(path, MAX_SCAN_BYTES)  # a pipe or a device is refused, never waited on
    except OSError as exc:
        reason = exc.strerror or exc
        raise ScanError(_("{file}: cannot be read ({reason})").format(file=path, reason=reason)) from None
    if data.startswith(b"%PDF-"):
        yield from _pdf_images(path, data)
        return
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened)  # a phone's "rotate when shown" tag
            image.load()
    except (OSError, SyntaxError, ValueError) as exc:
        raise ScanError(
            _("{file}: not an image or PDF that can be read ({reason})").format(file=path, reason=exc)
        ) from None
    yield image


def _pdf_images(path: Path, data: bytes) -> Iterator[Image.Image | None]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = list(reader.pages)
    except (PyPdfError, OSError, ValueError) as exc:
        message = _("{file}: not a PDF that can be read ({reason})")
        raise ScanError(message.format(file=path, reason=exc)) from None
    if not pages:
        raise ScanError(_("{file}: the PDF has no pages").format(file=path))
    for number, page in enumerate(pages, start=1):
        try:
            images = [found.image for found in page.images if found.image is not None]
        except (PyPdfError, OSError, ValueError) as exc:
            raise ScanError(
                _("{file}: page {page}: its image cannot be read ({reason})").format(
                    file=path, page=number, reason=exc
                )
            ) from None
        if not images:
            yield None
            continue
        yield max(images, key=lambda image: image.width * image.height)


def read_page(image: Image.Image, forms: FormChoices, file: str = "", page: int = 1) -> ScannedPage:
    """Read one page image against the workshop's forms."""
    result = ScannedPage(file=file, page=page)
    gray = image.convert("L")
    qr = _find_qr(gray)
    if qr is None:
        result.problem = _("no readable QR code: not an answer sheet, or the code is damaged or cut off")
        return result
    parsed = layout.parse_qr_text(qr.text)
    if parsed is None:
        result.problem = _("the QR code is not one of this application's answer sheets")
        return result
    result.participant, result.form, result.sheet = parsed
    anonymous = result.participant == layout.ANONYMOUS
    if anonymous:
        result.participant = None  # an evaluation sheet: nobody is named
    questions = forms.get(result.form)
    if questions is None:
        result.problem = _("form {form} is not in this workshop").format(form=repr(result.form))
        return result
    marks = _find_marks(gray, qr)
    if marks is None:
        result.problem = _("the four black corner squares were not all found: scan the whole page")
        return result
    page_image = _straighten(gray, marks)
    try:
        _read_bubbles(page_image, layout.rows(questions), result)
    except _UnreadableError as exc:
        result.problem = str(exc)
    if anonymous:
        # An evaluation sheet's bubbles are the ratings 1..5.
        result.answers = {row: _rating(choice) for row, choice in result.answers.items()}
    return result


def _rating(choice: str | None) -> str | None:
    return None if choice is None else layout.SCALE["ABCDE".index(choice)]


class _UnreadableError(Exception):
    pass


class _Qr(NamedTuple):
    text: str
    px_per_mm: float  # the page's scale in the picture, from the code's printed size
    origin: tuple[float, float]  # where the code's top-left corner is in the picture
    across: tuple[float, float]  # one millimetre along the sheet's width, in the picture's pixels
    down: tuple[float, float]  # one millimetre down the sheet

    def where(self, x_mm: float, y_mm: float) -> tuple[float, float]:
        """Where a point of the sheet should be in the picture (close enough to find the marks)."""
        dx, dy = x_mm - layout.QR_LEFT, y_mm - layout.QR_TOP
        return (
            self.origin[0] + dx * self.across[0] + dy * self.down[0],
            self.origin[1] + dx * self.across[1] + dy * self.down[1],
        )


def _find_qr(gray: Image.Image) -> _Qr | None:
    """The QR code's text and where it sits: which way up the page is, and at what scale."""
    import zxingcpp

    scale = 1.0
    small = gray
    longest = max(gray.size)
    if longest > 2000:  # zxing is fast on a page-sized image; larger only costs time
        scale = 2000 / longest
        small = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.Resampling.BOX)
    for barcode in zxingcpp.read_barcodes(
        small, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    ):
        if not barcode.valid:
            continue
        p = barcode.position
        corners = [
            (p.top_left.x, p.top_left.y),
            (p.top_right.x, p.top_right.y),
            (p.bottom_right.x, p.bottom_right.y),
            (p.bottom_left.x, p.bottom_left.y),
        ]
        tl, tr, _br, bl = [(x / scale, y / scale) for x, y in corners]
        # The corners zxing gives are a little inside the printed square: measured, 4 % short.
        span = layout.QR_SIZE / 1.04
        inset = (layout.QR_SIZE - span) / 2
        across = ((tr[0] - tl[0]) / span, (tr[1] - tl[1]) / span)
        down = ((bl[0] - tl[0]) / span, (bl[1] - tl[1]) / span)
        origin = (tl[0] - inset * (across[0] + down[0]), tl[1] - inset * (across[1] + down[1]))
        px_per_mm = (_dist((0, 0), across) + _dist((0, 0), down)) / 2
        return _Qr(barcode.text, px_per_mm, origin, across, down)
    return None


def _dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5)


def _dark_mask(gray: Image.Image, px_per_mm: float) -> Image.Image:
    """255 where ``gray`` is clearly darker than the paper around it: uneven light does not matter."""
    # The paper's level: the lightest value within ~20 mm, so even a solid 10 mm square is not in it.
    small = gray.resize(
        (max(1, round(gray.width / px_per_mm / 2)), max(1, round(gray.height / px_per_mm / 2))),
        Image.Resampling.BOX,
    )
    paper = small.filter(ImageFilter.MaxFilter(11)).filter(ImageFilter.GaussianBlur(2))
    background = paper.resize(gray.size, Image.Resampling.BILINEAR)
    # Clearly darker: by more than a third of the paper's own level.
    darker = ImageChops.subtract(background, gray)
    ratio = ImageChops.subtract(darker, background.point(lambda v: v // 3))
    return ratio.point(lambda v: 255 if v > 0 else 0)


def _find_marks(gray: Image.Image, qr: _Qr) -> list[tuple[float, float]] | None:
    """Centres of the four solid squares (top left, top right, bottom right, bottom left of the sheet).

    Each is the solid square nearest to where the QR code says it should be, so a dark edge of
    the scanner's lid or a shadow in a photo is not taken for one. None if one is not found.
    """
    px_per_mm = qr.px_per_mm
    # At one pixel per millimetre a 10 mm square is a block of ~9x9 dark pixels; after a 3x3 erosion
    # nothing printed but the squares (and perhaps a lump of the QR) keeps a block that size.
    coarse_w, coarse_h = round(gray.width / px_per_mm), round(gray.height / px_per_mm)
    fine = gray.resize((round(coarse_w * 4), round(coarse_h * 4)), Image.Resampling.BOX)
    mask = _dark_mask(fine, 4)
    coarse = mask.resize((coarse_w, coarse_h), Image.Resampling.BOX).point(lambda v: 255 if v > 200 else 0)
    coarse = coarse.filter(ImageFilter.MinFilter(3))
    blobs = _blobs(coarse)
    side = layout.MARK - 2
    squares = [b for b in blobs if side * side * 0.45 <= b[2] <= side * side * 1.8]
    picks: list[tuple[float, float, int]] = []
    for x_mm, y_mm in layout.MARKS:
        px, py = qr.where(x_mm, y_mm)
        expected = (px / px_per_mm, py / px_per_mm)  # on the 1 px/mm grid
        near = [b for b in squares if _dist(b[:2], expected) < MARK_SEARCH and b not in picks]
        if not near:
            return None
        picks.append(min(near, key=lambda b: _dist(b[:2], expected)))
    # Refine each centre on the finer mask: the centroid of the dark pixels around it.
    centres = []
    for x, y, _weight in picks:
        box = (round((x - 9) * 4), round((y - 9) * 4), round((x + 10) * 4), round((y + 10) * 4))
        region = mask.crop(box)
        stat = _centroid(region)
        if stat is None:
            return None
        centres.append(((box[0] + stat[0]) / 4 * px_per_mm, (box[1] + stat[1]) / 4 * px_per_mm))
    return centres


def _centroid(mask: Image.Image) -> tuple[float, float] | None:
    data, width = mask.tobytes(), mask.width
    cols = [sum(1 for v in data[x::width] if v) for x in range(width)]
    rows = [sum(1 for v in data[y * width : (y + 1) * width] if v) for y in range(mask.height)]
    total = sum(cols)
    if not total:
        return None
    return (
        sum((x + 0.5) * n for x, n in enumerate(cols)) / total,
        sum((y + 0.5) * n for y, n in enumerate(rows)) / total,
    )


def _blobs(mask: Image.Image) -> list[tuple[float, float, int]]:
    """Connected dark areas of a small mask as (centre x, centre y, pixel count)."""
    width = mask.width
    data = mask.tobytes()
    seen = bytearray(len(data))
    found = []
    for start, value in enumerate(data):
        if not value or seen[start]:
            continue
        stack, members = [start], []
        seen[start] = 1
        while stack:
            index = stack.pop()
            members.append(index)
            x, y = index % width, index // width
            for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if 0 <= nx < width and 0 <= ny < mask.height:
                    other = ny * width + nx
                    if data[other] and not seen[other]:
                        seen[other] = 1
                        stack.append(other)
        found.append(
            (
                sum(i % width for i in members) / len(members) + 0.5,
                sum(i // width for i in members) / len(members) + 0.5,
                len(members),
            )
        )
    return found


def _straighten(gray: Image.Image, marks: list[tuple[float, float]]) -> Image.Image:
    """The page seen square-on at :data:`PX` pixels per millimetre, from the marks' perspective."""
    targets = [(x * PX, y * PX) for x, y in layout.MARKS]
    coefficients = _perspective(targets, marks)
    size = (round(layout.PAGE_W * PX), round(layout.PAGE_H * PX))
    return gray.transform(
        size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR, fillcolor=255
    )


def _perspective(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> tuple[float, ...]:
    """The 8 coefficients mapping each ``src`` point to its ``dst`` point (as Pillow's transform wants)."""
    matrix: list[list[float]] = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y, v])
    return tuple(_solve(matrix))


def _solve(rows: list[list[float]]) -> list[float]:
    """Gaussian elimination with partial pivoting of an n x (n+1) augmented matrix."""
    n = len(rows)
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        if abs(rows[pivot][col]) < 1e-12:
            raise _UnreadableError(_("the corner squares do not form a page"))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(n):
            if r != col:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[r][n] / rows[r][r] for r in range(n)]


def _disc_masks() -> tuple[Image.Image, Image.Image, int]:
    """Masks of a bubble's centre and of the ring around it, in a square of side 2*half+1 pixels."""
    half = round(layout.BUBBLE_R * 1.8 * PX)
    size = 2 * half + 1
    inner, ring = Image.new("L", (size, size), 0), Image.new("L", (size, size), 0)
    r_in, r_ring0, r_ring1 = (
        layout.BUBBLE_R * 0.65 * PX,
        layout.BUBBLE_R * 1.35 * PX,
        layout.BUBBLE_R * 1.75 * PX,
    )
    ImageDraw.Draw(inner).ellipse((half - r_in, half - r_in, half + r_in, half + r_in), fill=255)
    draw = ImageDraw.Draw(ring)
    draw.ellipse((half - r_ring1, half - r_ring1, half + r_ring1, half + r_ring1), fill=255)
    draw.ellipse((half - r_ring0, half - r_ring0, half + r_ring0, half + r_ring0), fill=0)
    return inner, ring, half


def _read_bubbles(page: Image.Image, rows: list[layout.Row], result: ScannedPage) -> None:
    # Ink: the registration marks' own darkness on this page.
    ink_levels = []
    for x, y in layout.MARKS:
        box = (round((x - 3) * PX), round((y - 3) * PX), round((x + 3) * PX), round((y + 3) * PX))
        ink_levels.append(ImageStat.Stat(page.crop(box)).mean[0])
    ink = sorted(ink_levels)[2]  # a mark half in shadow does not set the level for the page
    inner, ring, half = _disc_masks()
    for row in rows:
        x0, y = row.centres[0]
        x1 = row.centres[-1][0]
        strip_box = (round((x0 - 11) * PX), round((y - 4) * PX), round((x1 + 5) * PX), round((y + 4) * PX))
        strip = page.crop(strip_box)
        paper = _percentile(strip, 0.85)  # the paper of this row: light may vary down the page
        if paper - ink < MIN_CONTRAST:
            raise _UnreadableError(_("too little contrast between paper and ink: scan in better light"))
        span = paper - ink
        filled, unsure = [], False
        for n, (x, cy) in enumerate(row.centres):
            box = (
                round(x * PX) - half,
                round(cy * PX) - half,
                round(x * PX) + half + 1,
                round(cy * PX) + half + 1,
            )
            cell = page.crop(box)
            centre = (paper - ImageStat.Stat(cell, inner).mean[0]) / span
            around = (paper - ImageStat.Stat(cell, ring).mean[0]) / span
            if around > AROUND:
                unsure = True  # crossed out or scribbled over: the facilitator decides
            if centre >= FILLED:
                filled.append("ABCDE"[n])
            elif centre > BLANK:
                unsure = True  # faint or erased
        if unsure or len(filled) > 1:
            result.answers[row.question] = None
            result.flagged.append(row.question)
            result.crops[row.question] = _png(page.crop(strip_box))
        else:
            result.answers[row.question] = filled[0] if filled else None


def _percentile(image: Image.Image, share: float) -> float:
    histogram = image.histogram()
    target = share * sum(histogram)
    running = 0
    for value, count in enumerate(histogram):
        running += count
        if running >= target:
            return float(value)
    return 255.0


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
