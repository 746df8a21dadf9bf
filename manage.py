#!/usr/bin/env python
"""Django's command-line utility for the coalition archive (the installed
`coalition-archive` command is the same: archive.cli)."""

from archive.cli import main

if __name__ == "__main__":
    main()
