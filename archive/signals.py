"""Keeping each article's search index current (archive.search.indexing): any
change to its text or to a record it names refreshes it, in the same
transaction. A statement's own index likewise, before it is written."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from archive.search import indexing
from archive.models import (
    Article,
    Citation,
    Country,
    CountryAlias,
    CountryMention,
    Meeting,
    Person,
    PersonMention,
    Statement,
)


@receiver(pre_save, sender=Statement)
def statement_saving(sender, instance: Statement, raw: bool = False, update_fields=None, **kwargs) -> None:
    """A statement's index follows its words and speaker, in the same save.
    A save of other fields only (a merge moving its person) leaves it."""
    if update_fields is None or {"text", "speaker_name"} & set(update_fields):
        instance.search = indexing.statement_document(instance.speaker_name, instance.text)


@receiver(post_save, sender=Statement)
def statement_saved(sender, instance: Statement, raw: bool = False, created: bool = False, **kwargs) -> None:
    """A statement an editor adds copies its article's state (published,
    the event's date) by the one rule that keeps the copies current."""
    if created and not raw:
        indexing.refresh_statement_facts([instance.article_id])


@receiver(post_save, sender=Article)
def article_saved(sender, instance: Article, raw: bool = False, update_fields=None, **kwargs) -> None:
    if raw:
        return
    if update_fields is not None and not {"title", "body", "meeting", "published_on"} & set(update_fields):
        if "status" in update_fields:
            indexing.refresh_statement_facts([instance.pk])  # published or not, its statements with it
        return  # a status change leaves the index and the facet columns as they were
    indexing.touch([instance.pk])


@receiver([post_save, post_delete], sender=PersonMention)
@receiver([post_save, post_delete], sender=CountryMention)
@receiver([post_save, post_delete], sender=Citation)
def fact_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw:
        indexing.touch([instance.article_id])


# What of a person or a country the index and the article rows hold: a save
# of other fields only (an import giving a known person a country) leaves
# their articles as they were.
_INDEXED_NAME_FIELDS = {"name", "name_en"}


@receiver([post_save, post_delete], sender=Person)
def person_changed(sender, instance: Person, raw: bool = False, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not _INDEXED_NAME_FIELDS & set(update_fields):
        return
    if not raw and instance.pk is not None:
        indexing.touch(PersonMention.objects.filter(person_id=instance.pk).values_list("article_id", flat=True))


# A person's aliases are not in their articles' index (archive.search.indexing's
# entities_of says why): a new spelling changes no article.


@receiver([post_save, post_delete], sender=Country)
def country_changed(sender, instance: Country, raw: bool = False, update_fields=None, **kwargs) -> None:
    if update_fields is not None and not _INDEXED_NAME_FIELDS & set(update_fields):
        return
    if not raw and instance.pk is not None:
        indexing.touch(CountryMention.objects.filter(country_id=instance.pk).values_list("article_id", flat=True))


@receiver([post_save, post_delete], sender=CountryAlias)
def country_alias_changed(sender, instance: CountryAlias, raw: bool = False, **kwargs) -> None:
    if not raw:
        indexing.touch(CountryMention.objects.filter(country_id=instance.country_id).values_list("article_id", flat=True))


@receiver(post_save, sender=Meeting)
def meeting_changed(sender, instance: Meeting, raw: bool = False, **kwargs) -> None:
    if not raw:
        indexing.touch(Article.objects.filter(meeting_id=instance.pk).values_list("pk", flat=True))


@receiver(pre_delete, sender=Meeting)
def meeting_deleted(sender, instance: Meeting, **kwargs) -> None:
    # Its articles lose their meeting (SET NULL, which sends no signal), and
    # with it their event date, format and kind: refreshed once it is gone.
    instance._articles_to_refresh = list(Article.objects.filter(meeting_id=instance.pk).values_list("pk", flat=True))


@receiver(post_delete, sender=Meeting)
def meeting_gone(sender, instance: Meeting, **kwargs) -> None:
    indexing.touch(getattr(instance, "_articles_to_refresh", []))
