"""Several columns of a file read as one: a register's "First name" and "Last name" as a name.

The combined column is added at the end of the table, named after its parts ("First name +
Last name"), so the column mapping offers it like any other and the PM sees where it came from.
"""

from __future__ import annotations

from collections.abc import Sequence

from pmdesk.interchange.csv_table import CsvTable
from pmdesk.interchange.vocabularies import simplify

FIRST_NAMES = (
    "first name",
    "firstname",
    "given name",
    "forename",
    "first",
    "prénom",
    "prenom",
    "nombre",
    "vorname",
    "primeiro nome",
    "voornaam",
)
LAST_NAMES = (
    "last name",
    "lastname",
    "surname",
    "family name",
    "last",
    "nom de famille",
    "nom",
    "apellido",
    "apellidos",
    "nachname",
    "sobrenome",
    "apelido",
    "achternaam",
)


def combine_columns(table: CsvTable, columns: Sequence[int], separator: str = " ") -> CsvTable:
    """``table`` with one more column joining the non-empty cells of ``columns``."""
    header = " + ".join(table.headers[c] or f"Column {c + 1}" for c in columns)
    rows = [
        [
            *cells,
            *[""] * (len(table.headers) - len(cells)),
            separator.join(cells[c] for c in columns if c < len(cells) and cells[c]),
        ]
        for cells in table.rows
    ]
    return CsvTable([*table.headers, header], rows, table.lines, table.delimiter, table.encoding)


def name_parts(headers: Sequence[str]) -> tuple[int, int] | None:
    """The columns of a first and a last name, if the file splits names that way."""
    simple = [simplify(header) for header in headers]

    def find(names: Sequence[str]) -> int | None:
        wanted = [simplify(name) for name in names]
        return next((i for name in wanted for i, h in enumerate(simple) if h == name), None)

    first, last = find(FIRST_NAMES), find(LAST_NAMES)
    if first is None or last is None or first == last:
        return None
    return first, last
