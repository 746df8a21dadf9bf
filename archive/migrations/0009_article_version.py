from django.db import migrations

# Every statement that changes the article table gives this row a new
# number, in the same transaction: archive.search.engine reads it beside its copy
# of the articles' facets (one statement, one snapshot) and reads the copy
# again when it differs. Numbers come from a sequence, which never goes
# back: a rolled-back change returns the row to a number whose data are
# exactly the data again.
FORWARD = """
CREATE SEQUENCE archive_article_version_seq START 2;
CREATE TABLE archive_article_version (id integer PRIMARY KEY CHECK (id = 1), number bigint NOT NULL);
INSERT INTO archive_article_version VALUES (1, 1);
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
BACKWARD = """
DROP TRIGGER archive_article_changed ON archive_article;
DROP FUNCTION archive_article_changed();
DROP TABLE archive_article_version;
DROP SEQUENCE archive_article_version_seq;
"""


class Migration(migrations.Migration):
    dependencies = [("archive", "0008_denormalized_facets_and_head_index")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
