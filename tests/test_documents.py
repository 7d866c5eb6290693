from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

import seedsum
from seedsum.documents import Document, InputProblem, decode, iter_inputs, read_documents


def _read(*inputs: str | Path, **options: object) -> tuple[list[Document], list[InputProblem]]:
    problems: list[InputProblem] = []
    documents = list(read_documents(inputs, on_problem=problems.append, **options))  # type: ignore[arg-type]
    return documents, problems


def test_a_crlf_file_keeps_its_line_ends_and_loses_only_its_byte_order_mark(tmp_path: Path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"\xef\xbb\xbfFirst line.\r\nSecond line.\r\n")
    [document], problems = _read(path)
    assert problems == []
    assert document.text == "First line.\r\nSecond line.\r\n"
    # What the README promises offsets are relative to:
    with path.open(encoding="utf-8-sig", newline="") as stored:
        assert document.text == stored.read()


def test_a_folder_skips_hidden_and_environment_folders(tmp_path: Path):
    for name in [
        "a.txt",
        "notes.md",
        "ignored.json",
        ".hidden.txt",
        ".git/COMMIT_EDITMSG.txt",
        ".venv/lib/LICENSE.txt",
        "venv/LICENSE.md",
        "node_modules/pkg/README.md",
        "__pycache__/x.txt",
        "lib/site-packages/pkg/LICENSE.txt",
        "env/LICENSE.txt",
        "env/pyvenv.cfg",
        "sub/b.txt",
        "sub/.cache/c.txt",
        "z.TXT",
    ]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Some text.", encoding="utf-8")
    documents, problems = _read(tmp_path)
    found = [Path(d.id).relative_to(tmp_path).as_posix() for d in documents]
    assert found == ["a.txt", "notes.md", "sub/b.txt", "z.TXT"]  # as sorted paths would be
    assert problems == []


def test_a_hidden_or_environment_file_given_by_name_is_read(tmp_path: Path):
    path = tmp_path / ".venv" / "notes.txt"
    path.parent.mkdir()
    path.write_text("Mine.", encoding="utf-8")
    [document], _ = _read(path)
    assert document.text == "Mine."


def test_a_folder_without_text_files_is_an_error(tmp_path: Path):
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "LICENSE.txt").write_text("MIT", encoding="utf-8")
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    documents, [problem] = _read(tmp_path)
    assert documents == []
    assert problem.kind == "error" and problem.source == str(tmp_path)
    assert "no .txt or .md file" in problem.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_a_folder_is_skipped_with_a_warning_not_waited_on(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "real.txt").write_text("Real text.", encoding="utf-8")
    documents, [problem] = _read(tmp_path)
    assert [d.text for d in documents] == ["Real text."]
    assert problem.kind == "skipped" and "FIFO" in problem.message


def test_the_size_limit_holds_for_files_and_for_endless_devices(tmp_path: Path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    small = tmp_path / "small.txt"
    small.write_bytes(b"y" * 10)
    inputs: list[str | Path] = [big, small]
    if Path("/dev/zero").exists():
        inputs.append("/dev/zero")  # given by name: read, but only up to the limit
    documents, problems = _read(*inputs, max_file_size=1000)
    assert [d.id for d in documents] == [str(small)]
    assert [p.source for p in problems] == [str(p) for p in inputs if p != small]
    assert all("larger than the 1000 bytes limit" in p.message for p in problems)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "looks like a PDF, not text: extract its text"),
        ("Grüße aus Köln".encode("utf-16"), "looks like UTF-16 (it starts with a byte-order mark)"),
        ("Plain words".encode("utf-16-le"), "without a byte-order mark: pass --encoding utf-16-le"),
        ("Café crème, déjà vu".encode("latin-1"), "looks like Latin-1 or Windows-1252"),
        (b"PK\x03\x04\x14\x00\x06\x00", "looks like a ZIP archive"),
        (b"\x00\x01\x02\xff\x00\x10binary", "it looks like a binary file"),
        (b"\x1b\x02\xff\x90", "it does not look like text"),
    ],
)
def test_undecodable_input_says_what_it_looks_like_and_what_to_do(data: bytes, says: str):
    with pytest.raises(seedsum.InvalidInputError) as caught:
        decode(data)
    assert says in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_explicit_encoding_reads_latin1_and_utf16(tmp_path: Path):
    (tmp_path / "a.txt").write_bytes("Café crème".encode("latin-1"))
    (tmp_path / "b.txt").write_bytes("Grüße\r\n".encode("utf-16"))
    [a], _ = _read(tmp_path / "a.txt", encoding="latin-1")
    [b], _ = _read(tmp_path / "b.txt", encoding="utf-16")
    assert a.text == "Café crème"
    assert b.text == "Grüße\r\n"  # the byte-order mark is dropped, the line end kept
    with pytest.raises(seedsum.InvalidInputError, match="unknown encoding 'klingon'"):
        _read(tmp_path / "a.txt", encoding="klingon")


def test_stdin_is_read_as_bytes_and_decoded_like_a_file():
    [document] = list(iter_inputs(["-"], stdin=io.BytesIO(b"\xef\xbb\xbfLine one.\r\n")))
    assert document == Document("-", "Line one.\r\n")
    [problem] = list(iter_inputs(["-"], stdin=io.BytesIO("Café".encode("latin-1"))))
    assert isinstance(problem, InputProblem)
    assert problem.source == "-" and problem.message.startswith("not UTF-8 text")


def test_problems_become_warnings_by_default_and_reading_is_lazy(tmp_path: Path):
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    documents = read_documents([tmp_path / "missing.txt", tmp_path / "a.txt"])
    with pytest.warns(seedsum.InputWarning, match="missing.txt: No such file"):
        first = next(documents)
    assert first.text == "A."


def test_a_document_is_immutable_and_has_empty_metadata_by_default():
    document = Document("x", "text")
    assert dict(document.metadata) == {}
    with pytest.raises(AttributeError):
        document.text = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        document.metadata["k"] = 1  # type: ignore[index]


def test_a_broken_link_and_an_unlistable_folder_are_reported_not_dropped(tmp_path: Path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    documents, [problem] = _read(tmp_path)
    assert [d.text for d in documents] == ["Fine."]
    assert problem.source == str(tmp_path / "gone.txt") and "link to nothing" in problem.message
    if os.name == "posix" and os.geteuid() != 0:  # root may list anything
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o000)
        try:
            _, problems = _read(tmp_path)
        finally:
            locked.chmod(0o700)
        assert any(p.source == str(locked) and "cannot list" in p.message for p in problems)
