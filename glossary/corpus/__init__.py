"""Text in, bilingual pairs out: decoding files and reading the corpus layouts."""
