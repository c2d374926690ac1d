"""`python -m archivist ...`: the same command line as the `archivist` script."""

from archivist.cli import main

if __name__ == "__main__":
    main()
