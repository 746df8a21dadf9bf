from django.db import migrations


def reindex(apps, schema_editor):
    # The index's make-up changed (pair lexemes for phrases, archive.indexing):
    # every article is rebuilt with today's code, as `manage.py reindex` does,
    # facet columns included. Today's code, because the index is built in
    # Python from archive.text; when a later migration changes the make-up
    # again, it rebuilds instead and this one becomes a no-op (see 0008).
    from archive import indexing

    indexing.refresh_all()


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0011_search_document_deleted_by_database"),
    ]

    operations = [
        migrations.RunPython(reindex, migrations.RunPython.noop, elidable=False),
    ]
