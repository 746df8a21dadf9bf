from django.db import migrations

# The people's version, beside the articles' (migration 0009): every
# statement that changes a person or an alias gives it a new number from the
# articles' sequence, in the same transaction. The query parser keeps the
# name words of every spelling (archive.search.queries.name_words) while it
# stands, and a search reads both numbers in the one statement it already
# made for the articles' (archive.versions). It replaced a second round
# trip a search, whose count of the people read every person row.
FORWARD = """
ALTER TABLE archive_article_version ADD COLUMN people_number bigint NOT NULL DEFAULT 1;
CREATE FUNCTION archive_people_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE archive_article_version SET people_number = nextval('archive_article_version_seq') WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER archive_person_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON archive_person
    FOR EACH STATEMENT EXECUTE FUNCTION archive_people_changed();
CREATE TRIGGER archive_personalias_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON archive_personalias
    FOR EACH STATEMENT EXECUTE FUNCTION archive_people_changed();
"""
BACKWARD = """
DROP TRIGGER archive_personalias_changed ON archive_personalias;
DROP TRIGGER archive_person_changed ON archive_person;
DROP FUNCTION archive_people_changed();
ALTER TABLE archive_article_version DROP COLUMN people_number;
"""


class Migration(migrations.Migration):
    dependencies = [("archive", "0031_record_pages_newest_index")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
