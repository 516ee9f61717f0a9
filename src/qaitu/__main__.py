"""``python -m qaitu``: the ``qaitu`` command, for a checkout whose console script is not on
PATH (e.g. ``PYTHONPATH=src python -m qaitu assess examples/…``)."""

from qaitu.cli import main

main()
