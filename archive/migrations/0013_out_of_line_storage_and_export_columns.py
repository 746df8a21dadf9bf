import sys

from django.db import migrations, models

# A search document's row holds the article id and two vectors. The whole
# article's vector is kilobytes and always stored out of line; the head's
# (title and entities, about 1.5 KB) stayed in the row, so the rows of
# 10,000 articles filled 16 MB, and reading the ids of a broad query's
# matches visited most of it. With a target of 128 bytes the head goes out
# of line too: 0.75 MB, and a common word's ids in half the time (measured
# at 10,000 generated articles, 15 → 7 ms).
SEARCH_DOCUMENT_OUT_OF_LINE = "ALTER TABLE archive_searchdocument SET (toast_tuple_target = 128)"
SEARCH_DOCUMENT_DEFAULT = "ALTER TABLE archive_searchdocument RESET (toast_tuple_target)"

# Bodies are stored uncompressed (still out of line): an export reads every
# body, and decompressing them was a third of reading them; the cost is
# about twice the space for the bodies (Arabic prose compresses ~2.6:1).
BODY_UNCOMPRESSED = "ALTER TABLE archive_article ALTER COLUMN body SET STORAGE EXTERNAL"
BODY_COMPRESSED = "ALTER TABLE archive_article ALTER COLUMN body SET STORAGE EXTENDED"


def reindex(apps, schema_editor):
    # The new export columns and the search documents, out of line, are
    # written by `manage.py reindex` with today's code: a migration never
    # imports app code (issue 21). A fresh archive has no articles yet.
    Article = apps.get_model("archive", "Article")
    if Article.objects.exists():
        sys.stdout.write("\n  The search index must be built again once migrated: run `manage.py reindex`.\n")


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0012_phrase_pair_lexemes'),
    ]

    operations = [
        migrations.AddField(
            model_name='article',
            name='export_chairs',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='الرؤساء كما يصدَّرون'),
        ),
        migrations.AddField(
            model_name='article',
            name='export_countries',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='الدول كما تصدَّر'),
        ),
        migrations.AddField(
            model_name='article',
            name='export_people',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='الأشخاص كما يصدَّرون'),
        ),
        migrations.AddField(
            model_name='article',
            name='export_resolutions',
            field=models.TextField(blank=True, default='', editable=False, verbose_name='القرارات كما تصدَّر'),
        ),
        migrations.RunSQL(SEARCH_DOCUMENT_OUT_OF_LINE, SEARCH_DOCUMENT_DEFAULT),
        migrations.RunSQL(BODY_UNCOMPRESSED, BODY_COMPRESSED),
        migrations.RunPython(reindex, migrations.RunPython.noop, elidable=False),
    ]
