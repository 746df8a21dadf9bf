from django.db import migrations

# Deleted by PostgreSQL with its article, as the search document is (0011).
CASCADE = """
DO $$
DECLARE constraint_name text;
BEGIN
    FOR constraint_name IN
        SELECT conname FROM pg_constraint
        WHERE conrelid = 'archive_rankvector'::regclass AND contype = 'f'
    LOOP
        EXECUTE format('ALTER TABLE archive_rankvector DROP CONSTRAINT %I', constraint_name);
    END LOOP;
END $$;
ALTER TABLE archive_rankvector ADD CONSTRAINT archive_rankvector_article_fk
    FOREIGN KEY (article_id) REFERENCES archive_article (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
"""

# The words of each index as it stands: its lexemes with positions (every
# one has a weight), which leaves out the pairs (they have none). In SQL,
# not by rebuilding each article in Python: at 100,000 articles this is
# minutes, a rebuild an hour.
FILL = """
INSERT INTO archive_rankvector (article_id, words)
SELECT article_id, ts_filter(document, '{a,b,c,d}') FROM archive_searchdocument
"""



class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0014_rank_vectors'),
    ]

    operations = [
        migrations.RunSQL(CASCADE, migrations.RunSQL.noop),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
