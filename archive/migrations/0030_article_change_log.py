from django.db import migrations

# Which articles each change touched, by the version it gave the archive
# (archive.versions): an app process brings its columnar copy up to date by
# reading only those articles again (archive.search.engine), where it used to
# read every article on every change (1.5 s at 100,000 articles, and search
# pages of 1.1-1.7 s while an import ran: issue 24).
#
# Statement triggers with transition tables: one row per article a
# statement changed, written in its transaction. PostgreSQL allows a
# transition table on a trigger of one event only, so there are three; a
# TRUNCATE has no rows to name and logs article 0, "everything". The log
# keeps the last 10,000 versions: a process whose copy is older reads
# everything again, as it did before.
FORWARD = """
CREATE TABLE archive_article_change (version bigint NOT NULL, article_id bigint NOT NULL);
CREATE INDEX archive_article_change_version ON archive_article_change (version);
-- The log holds every change after this version: a copy older than it is
-- read again whole. Nothing before this migration was logged.
ALTER TABLE archive_article_version ADD COLUMN logged_after bigint NOT NULL DEFAULT 0;
UPDATE archive_article_version SET logged_after = number;

CREATE OR REPLACE FUNCTION archive_article_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    current bigint;
BEGIN
    UPDATE archive_article_version SET number = nextval('archive_article_version_seq') WHERE id = 1
    RETURNING number INTO current;
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO archive_article_change VALUES (current, 0);
    ELSE
        INSERT INTO archive_article_change SELECT DISTINCT current, id FROM changed;
    END IF;
    IF current % 1000 = 0 THEN
        DELETE FROM archive_article_change WHERE version <= current - 10000;
        UPDATE archive_article_version SET logged_after = current - 10000 WHERE id = 1;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER archive_article_changed ON archive_article;
DROP FUNCTION archive_article_changed();
CREATE TRIGGER archive_article_inserted AFTER INSERT ON archive_article
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION archive_article_rows_changed();
CREATE TRIGGER archive_article_updated AFTER UPDATE ON archive_article
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION archive_article_rows_changed();
CREATE TRIGGER archive_article_deleted AFTER DELETE ON archive_article
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION archive_article_rows_changed();
CREATE TRIGGER archive_article_truncated AFTER TRUNCATE ON archive_article
    FOR EACH STATEMENT EXECUTE FUNCTION archive_article_rows_changed();
"""

BACKWARD = """
DROP TRIGGER archive_article_inserted ON archive_article;
DROP TRIGGER archive_article_updated ON archive_article;
DROP TRIGGER archive_article_deleted ON archive_article;
DROP TRIGGER archive_article_truncated ON archive_article;
DROP FUNCTION archive_article_rows_changed();
DROP TABLE archive_article_change;
ALTER TABLE archive_article_version DROP COLUMN logged_after;
CREATE FUNCTION archive_article_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE archive_article_version SET number = nextval('archive_article_version_seq') WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER archive_article_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON archive_article
    FOR EACH STATEMENT EXECUTE FUNCTION archive_article_changed();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0029_pairs_of_bare_forms"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD, elidable=False)]
