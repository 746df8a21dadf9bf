# The archive's image: gunicorn (gunicorn.conf.py) serving the sample
# archive on port 8000. `docker compose up` (compose.yaml) runs it beside
# PostgreSQL and Redis.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ARCHIVE_VAR_DIR=/app/var

WORKDIR /app

# The project as the README's commands use it: manage.py beside templates,
# static and fixtures, the package installed in place (.dockerignore keeps
# the tests, virtualenvs and local data out).
COPY . .
RUN pip install -e '.[sentry]' \
    && useradd --create-home --uid 1000 archive \
    && mkdir -p /app/var \
    && chown -R archive /app/var

USER archive
EXPOSE 8000

# Migrate, load the sample articles (a second start finds them there and
# skips them), collect the static files, then serve.
CMD ["sh", "-c", "python manage.py demo --no-serve && exec gunicorn -c gunicorn.conf.py archive.wsgi"]
