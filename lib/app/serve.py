"""`streamlit run` whose sidebar names the pages as analysts say them from the server's first request.

Streamlit builds the sidebar from the `pages/` folder, naming the entrypoint after its file ("app"),
until the first call of st.navigation switches it to the navigation that `lib.app.navigation.route`
builds (the entrypoint titled Home); a link to a page opened as the server's first request showed
"app" for that whole session. This sets the switch before the server starts, then runs Streamlit's
own command line in this process: `python -m lib.app.serve app.py [streamlit run options]`.
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from streamlit.web import cli

    from lib.app.navigation import prefer_navigation

    prefer_navigation()
    sys.argv = ["streamlit", "run", *(sys.argv[1:] if argv is None else argv)]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
