"""Chinese line breaking for handouts (companion.core.handouts.linebreak); every character one point wide."""

from __future__ import annotations

from companion.core.handouts.linebreak import break_lines


def lines(text: str, width: float) -> list[str]:
    return [line for _, line in break_lines(text, [1.0] * len(text), [width])]


def test_chinese_breaks_between_any_two_characters() -> None:
    assert lines("受害人识别与保护", 3) == ["受害人", "识别与", "保护"]


def test_closing_punctuation_never_starts_a_line() -> None:
    # reportlab would start the second line with the comma; the character before it goes down too.
    assert lines("随时可以停止，这不会影响", 6) == ["随时可以停", "止，这不会影", "响"]
    assert lines("他说：“好。”然后离开", 4) == ["他说：", "“好。”", "然后离开"]


def test_opening_punctuation_never_ends_a_line() -> None:
    # 《 would end the first line; it goes down with the character it opens.
    assert lines("参见《公约》第四条", 3) == ["参见", "《公", "约》第", "四条"]


def test_english_words_inside_chinese_are_not_cut() -> None:
    assert lines("依据 WHO 建议处理", 6) == ["依据 WHO", "建议处理"]
    assert lines("见GRETA报告", 5) == ["见", "GRETA", "报告"]


def test_a_word_wider_than_the_line_is_cut_and_nothing_is_lost() -> None:
    result = lines("Supercalifragilistic", 6)
    assert result == ["Superc", "alifra", "gilist", "ic"]


def test_unused_width_is_reported_per_line_and_widths_repeat() -> None:
    assert break_lines("一二三四五六七", [1.0] * 7, [4, 2]) == [(0.0, "一二三四"), (0.0, "五六"), (1.0, "七")]


def test_a_cut_word_keeps_its_full_stop() -> None:
    assert lines("abcd.", 4) == ["abc", "d."]
