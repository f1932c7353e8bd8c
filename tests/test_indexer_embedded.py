"""The embedded index's fast indexing path (issue 20): the same tokens as before, built in bulk,
and an index of the schema before it rebuilt by `ogi index` with a clear message."""

from __future__ import annotations

from pathlib import Path

import tantivy

from ogi.indexer import embedded
from ogi.indexer.embedded import EmbeddedIndex, _chars, _pairs
from ogi.indexer.fields import fields
from ogi.indexer.query import build_query
from ogi.indexer.textmatch import normalise, searchable

TEXTS = ("", "a", "ab", "行政复议", "因政府信息公开被申请行政复议３件，结果纠正１件。", "x𠀀y", "Ω\u0301")


def test_tokens_are_single_characters_and_overlapping_pairs() -> None:
    for text in TEXTS:
        norm = normalise(text)
        assert _chars(norm) == " ".join(norm)
        assert _pairs(norm) == " ".join(norm[i:i + 2] for i in range(len(norm) - 1))


def test_whitespace_tokenizer_gives_the_old_regex_tokens(tmp_path: Path) -> None:
    """Before issue 20 the content went to tantivy as is (one regex token per character) and as
    Python-built pairs; an index built that way and one built now answer alike."""
    old_chars = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(r"(?s).")).build()
    old_pairs = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(r"[^ ]+")).build()
    schema = tantivy.SchemaBuilder()
    schema.add_text_field("chars", stored=False, tokenizer_name="c", index_option="basic")
    schema.add_text_field("pairs", stored=False, tokenizer_name="p")
    schema.add_text_field("title_n", stored=False, tokenizer_name="c")
    built = schema.build()
    results = []
    for variant in ("old", "new"):
        (tmp_path / variant).mkdir()
        index = tantivy.Index(built, path=str(tmp_path / variant))
        index.register_tokenizer("c", old_chars if variant == "old" else embedded._analyzer())
        index.register_tokenizer("p", old_pairs if variant == "old" else embedded._pair_analyzer())
        writer = index.writer(heap_size=20_000_000, num_threads=1)
        for text in TEXTS:
            content = searchable("标题", text)
            doc = tantivy.Document()
            doc.add_text("chars", content if variant == "old" else _chars(content))
            doc.add_text("pairs", _pairs(content))
            doc.add_text("title_n", "标题" if variant == "old" else _chars("标题"))
            writer.add_document(doc)
        writer.commit()
        index.reload()
        searcher = index.searcher()
        found = []
        for word in ("复", "议", "复议", "复议3", "议3件,结果纠", "𠀀", "x𠀀y", "题", "标题"):
            n = len(word)
            if n == 1:
                q = tantivy.Query.term_query(built, "chars", word)
            elif n == 2:
                q = tantivy.Query.term_query(built, "pairs", word)
            else:
                offsets = sorted(set(list(range(0, n - 1, 2)) + [n - 2]))
                q = tantivy.Query.phrase_query(built, "pairs", [(o, word[o:o + 2]) for o in offsets])
            title = tantivy.Query.phrase_query(built, "title_n", list(word)) if n > 1 else \
                tantivy.Query.term_query(built, "title_n", word)
            found.append((searcher.search(q, 10, count=True).count, searcher.search(title, 10, count=True).count))
        results.append(found)
    assert results[0] == results[1]
    assert results[1][2] == (2, 0) and results[1][4] == (1, 0) and results[1][8] == (len(TEXTS), len(TEXTS))


def _schema_before_issue_20() -> tantivy.Schema:
    """The schema before issue 20: numbers indexed as terms as well as fast fields."""
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", fast=True)
    sb.add_text_field("chars", stored=False, tokenizer_name=embedded.TOKENIZER, index_option="basic")
    sb.add_text_field("pairs", stored=False, tokenizer_name=embedded.PAIRS)
    sb.add_text_field("title_n", stored=False, tokenizer_name=embedded.TOKENIZER)
    sb.add_bytes_field("record", stored=True)
    for f in fields().values():
        if f.name == "id":
            continue
        if f.kind in ("keyword", "bool"):
            sb.add_text_field(f.name, stored=False, tokenizer_name="raw", fast=True)
        elif f.kind in ("int", "date"):
            sb.add_integer_field(f.name, stored=False, indexed=True, fast=True)
        else:
            sb.add_float_field(f.name, stored=False, indexed=True, fast=True)
    return sb.build()


def test_an_index_of_the_schema_before_is_rebuilt_by_ogi_index(tmp_path: Path, capsys) -> None:
    from ogi.archive import Archive
    from ogi.cli import main
    from ogi.pipeline import extract_archive

    url = "http://gov.example/blank_cells_2021.html"
    with Archive(tmp_path) as archive:
        body = (Path(__file__).parent / "fixtures" / "html" / "blank_cells_2021.html").read_bytes()
        stored = archive.record(source="test", url=url, body=body, headers={"Content-Type": "text/html"}, kind="page")
        archive.mark_report(url=url, source="test", title=None, kind="page", parent_url=None, sha256=stored.sha256)
        extract_archive(archive)
    root = tmp_path / "index"
    (root / "gen-1").mkdir(parents=True)
    tantivy.Index(_schema_before_issue_20(), path=str(root / "gen-1"))
    (root / "CURRENT").write_text("gen-1")
    assert main(["search", "复议", "--data-dir", str(tmp_path)]) == 2
    assert "rebuild it with `ogi index --data-dir" in capsys.readouterr().err
    assert main(["index", "--data-dir", str(tmp_path)]) == 0
    index = EmbeddedIndex(root)
    assert index.count() == 1
    assert index.search(build_query("行政复议", "year >= 2021")).total == 1
