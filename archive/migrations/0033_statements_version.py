from django.db import migrations

# The statements' version, beside the articles' (migration 0009) and the
# people's (migration 0032): every statement that changes a statement gives
# it a new number from the articles' sequence, in the same transaction.
# A statement's publication and event date are copied onto its row, so a
# publication, an editor's correction and a merge of its speaker all write
# here. The statements page remembers its counts by speaker and year while
# the number stands (archive.search.statements.tally): at 100,000 generated
# articles one pass over their 491,288 statements took about 0.34 s a page.
FORWARD = """
ALTER TABLE archive_article_version ADD COLUMN statements_number bigint NOT NULL DEFAULT 1;
CREATE FUNCTION archive_statements_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE archive_article_version SET statements_number = nextval('archive_article_version_seq') WHERE id = 1;
    RETURN NULL;
END
$$;
CREATE TRIGGER archive_statement_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON archive_statement
    FOR EACH STATEMENT EXECUTE FUNCTION archive_statements_changed();
"""
BACKWARD = """
DROP TRIGGER archive_statement_changed ON archive_statement;
DROP FUNCTION archive_statements_changed();
ALTER TABLE archive_article_version DROP COLUMN statements_number;
"""


class Migration(migrations.Migration):
    dependencies = [("archive", "0032_people_version")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
