import sys

from django.db import migrations


def notice(apps, schema_editor):
    # archive.text now folds a hamza's seats (ؤ, ئ → ء): the names' matching
    # keys and the search index are remade by `manage.py reindex` with
    # today's code, since a migration never imports app code. A fresh
    # archive has nothing to remake.
    Article = apps.get_model("archive", "Article")
    Person = apps.get_model("archive", "Person")
    if Article.objects.exists() or Person.objects.filter(name__regex="[ؤئ]").exists():
        sys.stdout.write("\n  Names and the search index must be remade once migrated: run `manage.py reindex`.\n")


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0026_resolution_reference_facts"),
    ]

    operations = [
        migrations.RunPython(notice, migrations.RunPython.noop, elidable=False),
    ]
