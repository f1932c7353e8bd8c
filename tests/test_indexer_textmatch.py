"""Normalised matching and highlighted snippets."""

from __future__ import annotations

from ogi.indexer.textmatch import MARK_CLOSE, MARK_OPEN, contains, normalise, snippet, snippet_html, snippet_plain


def test_normalise() -> None:
    assert normalise("纠 正\n２０２３ ＰＤＦ") == "纠正2023pdf"
    assert normalise("Ab C") == "abc"


def test_contains_spans_spaces_not_punctuation() -> None:
    assert contains("标题", "行政复 议纠 正", "复议纠正")
    assert not contains("标题", "复议。纠正", "议纠")
    assert contains("某县2023年报告", "", "2023年")
    assert not contains("某县报告", "正文", "报告正文")  # title and text do not run together
    assert not contains("a", "b", "   ")


def test_snippet_marks_the_original_text() -> None:
    text = "前文" * 100 + "因政府信息公开被申请行政复 议3件，结果纠正1件。" + "后文" * 100
    raw = snippet(text, ["复议", "纠正"])
    assert f"{MARK_OPEN}复 议{MARK_CLOSE}" in raw and f"{MARK_OPEN}纠正{MARK_CLOSE}" in raw
    assert raw.startswith("…") and raw.endswith("…") and len(raw) < 200
    assert snippet_plain(raw).count("【") == 2


def test_snippet_without_match_is_the_opening() -> None:
    assert snippet("一、总体情况。本年度……", ["不存在"]) == "一、总体情况。本年度……"


def test_snippet_html_escapes_everything_but_marks() -> None:
    raw = snippet("<script>alert(1)</script>复议<img src=x onerror=alert(1)>", ["复议"])
    html = snippet_html(raw)
    assert "<mark>复议</mark>" in html and "<script>" not in html and "<img" not in html


def test_normalise_fast_path_is_per_character_folding() -> None:
    """normalise() folds text of the common blocks in C; it must equal folding each character."""
    import random

    from ogi.indexer import textmatch

    def slow(text: str) -> str:
        return "".join(textmatch._fold_char(ch) for ch in text)

    assert textmatch._fast_patterns() is not None
    for lo, hi in textmatch._IDEOGRAPHS:  # ideographs are taken as their own folding
        assert all(textmatch._fold_char(chr(p)) == chr(p) for p in range(lo, hi + 1))
    pool = [chr(p) for lo, hi in textmatch._FAST_BLOCKS if (lo, hi) not in textmatch._IDEOGRAPHS
            for p in range(lo, hi + 1)]
    pool += list("行政复议纠正，。：；（）“”、ΣΑ\u0301\u3000\u00a0\u241e\ue000\uff9e\u1161가𠀀")
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 16)))
        assert normalise(text) == slow(text), repr(text)
    assert normalise("因政府信息公开被申请行政复 议３件，结果纠正１件。") == "因政府信息公开被申请行政复议3件,结果纠正1件。"


def test_snippet_finds_full_width_forms_without_folding_every_character() -> None:
    text = "前文" * 300 + "下一步，我们将进一步完善工作机制。" + "后文" * 300
    raw = snippet(text, ["下一步,我", "机制"])
    assert f"{MARK_OPEN}下一步，我{MARK_CLOSE}" in raw and f"{MARK_OPEN}机制{MARK_CLOSE}" in raw
    assert snippet("㈠政府信息公开（", ["(一)"]) == f"{MARK_OPEN}㈠{MARK_CLOSE}政府信息公开（"
    assert snippet("标题以外，正文", ["标题以内"]) == "标题以外，正文"
