"""Click commands that live outside :mod:`glossary.cli`, registered there with ``add_command``."""
