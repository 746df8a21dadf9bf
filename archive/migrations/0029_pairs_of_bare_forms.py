import sys

from django.db import migrations

# lz4 packs a search vector 5-10 % smaller than pglz, which gives up on a
# tsvector's binary head. A server built without lz4 keeps pglz: the
# archive works the same, a little larger.
LZ4 = """
DO $$
BEGIN
    ALTER TABLE archive_searchdocument ALTER COLUMN document SET COMPRESSION lz4;
    ALTER TABLE archive_searchdocument ALTER COLUMN head SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    RAISE NOTICE 'lz4 is not available: the search vectors stay compressed with pglz';
END $$;
"""
PGLZ = """
ALTER TABLE archive_searchdocument ALTER COLUMN document SET COMPRESSION pglz;
ALTER TABLE archive_searchdocument ALTER COLUMN head SET COMPRESSION pglz;
"""


def notice(apps, schema_editor):
    # The index is built by archive.search.indexing, which a migration never
    # imports: its pair lexemes are now one pair of bare forms per
    # neighbour, which a search looks up, so the articles already here must
    # be indexed again before phrases find them.
    if apps.get_model("archive", "Article").objects.exists():
        sys.stdout.write("\n  The search index's word pairs changed: run `manage.py reindex`.\n")


class Migration(migrations.Migration):
    """The rank vectors go (ranking reads the search document, now small
    enough), and the search vectors are stored with lz4 (archive.search.indexing)."""

    dependencies = [
        ("archive", "0028_article_passages"),
    ]

    operations = [
        migrations.DeleteModel(name="RankVector"),
        migrations.RunSQL(LZ4, PGLZ, elidable=False),
        migrations.RunPython(notice, migrations.RunPython.noop, elidable=False),
    ]
