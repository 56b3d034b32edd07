"""``python -m glossary.cli``: the same CLI as ``python -m glossary``."""

from glossary.cli import main

if __name__ == "__main__":
    main()
