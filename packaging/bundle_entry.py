"""Entry point of the standalone bundle: the same ``pmdesk`` command the wheel installs.

PyInstaller runs this after its run-time hooks, so settings made here win over theirs.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def keep_matplotlib_cache_in_user_folder() -> Path | None:
    """Point matplotlib at the user's cache folder; None if that folder cannot be used.

    PyInstaller's matplotlib hook sets MPLCONFIGDIR to a new temporary folder at every start,
    so the font list (about a second to build) would be rebuilt every time a chart is drawn
    first. The folder is named after the version, so two bundles side by side keep their own
    list (it holds absolute paths to the fonts inside each bundle).
    """
    import platformdirs

    from pmdesk import __version__

    folder = Path(platformdirs.user_cache_dir("pmdesk", False)) / f"matplotlib-{__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK):
            raise PermissionError(13, "not writable")
    except OSError as error:
        # Fall back on the temporary folder PyInstaller already made: charts still work.
        print(
            f"pmdesk: cannot keep the chart font cache in {folder} ({error.strerror}); "
            "using a temporary folder, so the first chart of each start is slower.",
            file=sys.stderr,
        )
        return None
    os.environ["MPLCONFIGDIR"] = str(folder)
    return folder


if __name__ == "__main__":
    keep_matplotlib_cache_in_user_folder()
    from pmdesk.cli import main

    raise SystemExit(main())
