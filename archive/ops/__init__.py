"""Running the archive: static files, health, limits, guards and backups."""
