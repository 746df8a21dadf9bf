"""Reference data the archive ships with: facts checked against published
sources, each carrying the source it was checked against."""
