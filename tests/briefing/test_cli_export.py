"""``pmdesk export``: headless, the same exit codes as the other commands."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import docx

from pmdesk.cli import main
from tests.support import snapshot


def test_export_writes_the_projects_briefing_and_leaves_the_project(sample_file, capsys):
    before = snapshot(sample_file)
    target = sample_file.parent / "exec.docx"
    assert main(["export", str(sample_file), "-o", str(target)]) == 0
    assert "Wrote the briefing “Exec staff”" in capsys.readouterr().out
    titles = [p.text for p in docx.Document(str(target)).paragraphs]
    assert "FieldLoop: state of the product" in titles
    assert snapshot(sample_file) == before


def test_export_by_name_and_with_a_template(sample_file, tmp_path, capsys):
    template = tmp_path / "house.docx"
    house = docx.Document()
    house.sections[0].footer.paragraphs[0].text = "House style"
    house.save(str(template))
    target = tmp_path / "b.docx"
    arguments = ["export", str(sample_file), "-o", str(target), "--briefing", "exec staff"]
    assert main([*arguments, "--template", str(template)]) == 0
    footer = docx.Document(str(target)).sections[0].footer.paragraphs[0].text
    assert footer == "House style"


def test_an_unknown_briefing_is_one_sentence_and_exit_1(sample_file, capsys):
    target = sample_file.parent / "x.docx"
    code = main(["export", str(sample_file), "-o", str(target), "--briefing", "Board"])
    assert code == 1
    error = capsys.readouterr().err
    assert error.strip() == (
        "pmdesk: The project has no briefing called “Board”; it has “Exec staff”."
    )
    assert not target.exists()


def test_a_dotx_template_is_refused_with_exit_1(sample_file, tmp_path, capsys):
    (tmp_path / "t.dotx").write_bytes(b"PK")
    code = main(
        [
            "export",
            str(sample_file),
            "-o",
            str(tmp_path / "x.docx"),
            "--template",
            str(tmp_path / "t.dotx"),
        ]
    )
    assert code == 1
    assert "save it as a Word document (.docx)" in capsys.readouterr().err


def test_a_missing_project_is_exit_1_and_missing_output_is_usage(tmp_path, capsys):
    assert main(["export", str(tmp_path / "none.pmdb"), "-o", str(tmp_path / "x.docx")]) == 1
    assert capsys.readouterr().err.startswith("pmdesk: ")
    try:
        main(["export", str(tmp_path / "none.pmdb")])
    except SystemExit as exit_:
        assert exit_.code == 2
    else:
        raise AssertionError("argparse should have stopped on the missing -o")


def test_export_works_where_pyside6_does_not_exist(sample_file, tmp_path):
    target = tmp_path / "headless.docx"
    script = textwrap.dedent(
        f"""
        import importlib, pkgutil, sys
        sys.modules["PySide6"] = None
        import pmdesk.export
        for info in pkgutil.walk_packages(pmdesk.export.__path__, "pmdesk.export."):
            importlib.import_module(info.name)
        from pmdesk.cli import main
        sys.exit(main(["export", r"{sample_file}", "-o", r"{target}"]))
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert target.is_file()
