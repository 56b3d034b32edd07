"""``python -m glossary``: the same CLI as the ``glossary`` console script."""

from glossary.cli import main

if __name__ == "__main__":
    main()
