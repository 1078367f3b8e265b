"""The ``pmdesk`` command line. Only opening the app (and ``--self-test``) touches Qt.

Exit codes: 0 success; 1 a bad file or input, told in one sentence on stderr; 2 wrong usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pmdesk import APP_NAME, __version__
from pmdesk.errors import PmdeskError
from pmdesk.store.fileformat import FILE_SUFFIX

COMMANDS = ("demo", "check", "dump", "load", "export", "diff", "merge", "import")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] in COMMANDS:
            return _run_command(args)
        return _run_app(args)
    except PmdeskError as error:
        print(f"pmdesk: {one_line(str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `pmdesk dump x.pmdb | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # a bug: say so in one line; PMDESK_DEBUG=1 shows the traceback
        if os.environ.get("PMDESK_DEBUG"):
            raise
        print(
            f"pmdesk: something went wrong that PM Desk did not expect ({type(error).__name__}). "
            "Run again with PMDESK_DEBUG=1 to see the details, and please report them.",
            file=sys.stderr,
        )
        return 1


MESSAGE_MAX = 600  # characters: a sentence, not a name echoed whole


def one_line(message: str) -> str:
    """A message as one line of reasonable length, whatever names it quotes: line breaks
    become spaces, and an overlong message is shortened in the middle."""
    flat = " ".join(message.split())
    if len(flat) <= MESSAGE_MAX:
        return flat
    return flat[: MESSAGE_MAX - 200] + " … " + flat[-197:]


def _run_app(args: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="pmdesk",
        description=f"{APP_NAME}: a desktop workbench for product managers.",
        epilog="commands: " + ", ".join(COMMANDS) + " (pmdesk COMMAND --help for each)",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window, show every workspace once, print the time each took, and exit",
    )
    parser.add_argument("file", nargs="?", type=Path, help="a .pmdb project to open")
    options = parser.parse_args(args)
    file: Path | None = options.file
    if file is not None and file.suffix.lower() != FILE_SUFFIX and not file.exists():
        parser.error(f"{str(file)!r} is neither a command nor a {FILE_SUFFIX} file")
    from pmdesk.gui.app import run_app, self_test

    if options.self_test:
        return self_test(file)
    return run_app(file)


def _run_command(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="pmdesk")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="write the sample project")
    demo.add_argument("out", type=Path, help="where to write it (.pmdb)")
    demo.add_argument("--scale", type=_positive, default=1, help="repeat its records N times")
    demo.add_argument("--force", action="store_true", help="replace OUT if it exists")

    check = commands.add_parser("check", help="validate a project and count its records")
    check.add_argument("file", type=Path)

    dump = commands.add_parser("dump", help="write a project as JSON")
    dump.add_argument("file", type=Path)
    dump.add_argument("-o", "--output", type=Path, help="write here instead of to stdout")

    diff = commands.add_parser("diff", help="list what differs between two projects")
    diff.add_argument("ours", type=Path)
    diff.add_argument("theirs", type=Path)
    diff.add_argument("--format", choices=("text", "json"), default="text", help="how to print")

    merge = commands.add_parser("merge", help="merge two edited copies of a project")
    merge.add_argument("mine", type=Path, nargs="?", help="your copy")
    merge.add_argument("theirs", type=Path, nargs="?", help="the other copy")
    merge.add_argument("-o", "--output", type=Path, help="the merged .pmdb to write")
    merge.add_argument("--base", type=Path, help="the copy both started from")
    merge.add_argument("--prefer", choices=("mine", "theirs"), help="settle every conflict so")
    merge.add_argument(
        "--join-same-names", action="store_true", help="records both added by one name are one"
    )
    merge.add_argument("--force", action="store_true", help="replace OUT if it exists")
    merge.add_argument(
        "--git-driver",
        nargs=3,
        type=Path,
        metavar=("BASE", "MINE", "THEIRS"),
        help="run as git's merge driver (%%O %%A %%B): the result replaces MINE",
    )

    load = commands.add_parser("load", help="make a project from JSON written by dump")
    load.add_argument("json", type=Path)
    load.add_argument("out", type=Path, help="the .pmdb to write")
    load.add_argument("--force", action="store_true", help="replace OUT if it exists")

    export = commands.add_parser("export", help="write the project's briefing as a Word document")
    export.add_argument("file", type=Path, help="the .pmdb project")
    export.add_argument("-o", "--output", type=Path, required=True, help="the .docx to write")
    export.add_argument("--briefing", help="which of the project's briefings (by name)")
    export.add_argument("--template", type=Path, help="a .docx whose styles and footers to use")

    # -- import: tracker exports, registers and matrices, as the app imports them ------------
    from pmdesk import import_command

    import_command.add_parser(commands)
    # -- end of import -----------------------------------------------------------------------

    options = parser.parse_args(args)
    if options.command == "merge" and not options.git_driver and options.theirs is None:
        merge.error("name MINE and THEIRS, or use --git-driver BASE MINE THEIRS")
    from pmdesk import commands as implementations

    name = "import_file" if options.command == "import" else options.command
    handler: Callable[[argparse.Namespace], int] = getattr(implementations, name)
    return handler(options)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value
