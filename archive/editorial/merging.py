"""Merging records that are one thing under several names, and undoing it.

A merge moves every link of the merged-away records to the kept one, keeps
their names as the kept record's aliases (so search and the next import
find them), and deletes them. Everything it changes is written into a
Merge row first: the merged-away records as they were, each moved link with
its old target, each row deleted because the kept record already had its
twin (the same person mentioned twice in one article), and the aliases
added. Undo replays that record backwards, so every link comes back exactly.

The links are found from the models themselves (every foreign key pointing
at the merged model), so a new kind of link is merged and undone without a
change here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from django.core import serializers
from django.db import models, transaction
from django.utils import timezone

from archive import text
from archive.search import indexing
from archive.models import (
    Country,
    CountryAlias,
    Meeting,
    Merge,
    Outlet,
    OutletAlias,
    Person,
    PersonAlias,
)

MERGEABLE: dict[str, type[models.Model]] = {
    Merge.Kind.PERSON: Person,
    Merge.Kind.COUNTRY: Country,
    Merge.Kind.OUTLET: Outlet,
    Merge.Kind.MEETING: Meeting,
}
# Where a merged-away name goes so that it is still found.
_ALIASES: dict[type[models.Model], tuple[type[models.Model], str]] = {
    Person: (PersonAlias, "person"),
    Country: (CountryAlias, "country"),
    Outlet: (OutletAlias, "outlet"),
}


class MergeError(ValueError):
    """A merge or an undo that cannot be done, with the reason for the editor."""


def kind_of(model: type[models.Model]) -> str:
    for kind, candidate in MERGEABLE.items():
        if candidate is model:
            return kind
    raise MergeError(f"لا يمكن دمج سجلات من نوع {model._meta.verbose_name_plural}")


def merge(kept: models.Model, others: Sequence[models.Model], user=None) -> Merge:
    # Articles whose names change are re-indexed once, at the end.
    with transaction.atomic(), indexing.deferred():
        return _merge(kept, others, user)


def _merge(kept: models.Model, others: Sequence[models.Model], user) -> Merge:
    model = type(kept)
    kind = kind_of(model)
    others = [other for other in others if other.pk != kept.pk]
    if not others:
        raise MergeError("اختر سجلين على الأقل، أحدهما السجل الذي يبقى")
    if any(type(other) is not model for other in others):
        raise MergeError("لا يُدمج إلا سجلات من النوع نفسه")
    # Lock the rows so two editors cannot merge the same records at once.
    model._base_manager.select_for_update().filter(pk__in=[kept.pk, *(o.pk for o in others)]).exists()

    record = Merge(
        kind=kind,
        kept_id=kept.pk,
        kept_name=str(kept)[:300],
        merged_names="، ".join(str(other) for other in others),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    record.merged = _serialize(others)
    editor = record.created_by
    for other in others:
        _move_links(model, other, kept, record, editor)
    for other in others:
        other._history_user = editor
        other.delete()
    record.aliases = _add_aliases(model, kept, others, editor)
    record.save()
    return record


def undo(record: Merge, user=None) -> None:
    with transaction.atomic(), indexing.deferred():
        _undo(record, user)


def _undo(record: Merge, user) -> None:
    record = Merge.objects.select_for_update().get(pk=record.pk)
    if record.is_undone:
        raise MergeError("تم التراجع عن هذا الدمج من قبل")
    model = MERGEABLE[record.kind]
    if not model._base_manager.filter(pk=record.kept_id).exists():
        raise MergeError("حُذف السجل المُبقى بعد الدمج؛ لا يمكن التراجع")
    editor = user if getattr(user, "is_authenticated", False) else None
    alias_model = _ALIASES.get(model, (None, ""))[0]
    if alias_model is not None:
        for alias in alias_model._base_manager.filter(pk__in=record.aliases):
            alias._history_user = editor
            alias.delete()
    # The merged-away records first, then the rows that pointed at them.
    for restored in [*_deserialize(record.merged), *_deserialize(record.removed)]:
        restored.save()
        restored.object._history_user = editor
        restored.object.save()  # a normal save too, so the history shows the restore
    for label, pk, attname, old in record.moved:
        row_model = _model(label)
        row = row_model._base_manager.filter(pk=pk).first()
        if row is None:
            continue  # deleted by an editor since: nothing to bring back
        row._history_user = editor
        setattr(row, attname, old)
        row.save(update_fields=[row_model._meta.get_field(attname.removesuffix("_id")).name])
    record.undone_at = timezone.now()
    record.undone_by = editor
    record.save(update_fields=["undone_at", "undone_by"])


# A chain of merges (A into B, then B into C) is followed this far at most.
_MAX_HOPS = 20


def kept_pk(model: type[models.Model], pk: int) -> int | None:
    """Where a merged-away record went: the kept record's key, following
    later merges, while that record exists; None for a record never merged
    away (or whose merge was undone). Saved links to the old record then
    lead to the kept one (the public pages answer 301, filters follow)."""
    kind, kept = kind_of(model), None
    for _ in range(_MAX_HOPS):
        merge = Merge.objects.filter(kind=kind, undone_at__isnull=True, merged__contains=[{"pk": pk}]).order_by(
            "-created_at"
        ).first()
        if merge is None or merge.kept_id == pk:
            break
        pk = kept = merge.kept_id
    return kept if kept is not None and model._base_manager.filter(pk=kept).exists() else None


def links_of(record: models.Model) -> list[tuple[str, int]]:
    """What a merge of this record would move: each kind of link pointing
    at it («مقالات: 3»), with its count; kinds it has none of left out."""
    return links_of_many(type(record), [record.pk])[record.pk]


def links_of_many(model: type[models.Model], pks: Sequence[int]) -> dict[int, list[tuple[str, int]]]:
    """links_of for many records of one model: one grouped count a kind of
    link, whatever their number (the duplicates page shows a hundred)."""
    found: dict[int, list[tuple[str, int]]] = {pk: [] for pk in pks}
    for field in _links(model):
        label = f"{field.model._meta.verbose_name_plural} ({field.verbose_name})"
        counts = (
            field.model._base_manager.filter(**{f"{field.name}__in": list(found)})
            .values_list(field.attname)
            .annotate(n=models.Count("pk"))
            .order_by()
        )
        for pk, count in counts:
            found[pk].append((label, count))
    return found


def _links(model: type[models.Model]) -> list[models.ForeignKey]:
    """Every visible foreign key pointing at the model (history tables'
    keys are hidden and stay as they were)."""
    return [
        relation.field
        for relation in model._meta.related_objects
        if isinstance(relation.field, models.ForeignKey) and not relation.field.many_to_many
    ]


def _move_links(model: type[models.Model], other: models.Model, kept: models.Model, record: Merge, editor) -> None:
    for field in _links(model):
        row_model = field.model
        for row in row_model._base_manager.filter(**{field.name: other.pk}):
            # Each change shows in the record's own history, under the editor's name.
            row._history_user = editor
            if _twin_exists(row, field, kept):
                record.removed.extend(_serialize([row]))
                row.delete()
                continue
            record.moved.append([row_model._meta.label, row.pk, field.attname, other.pk])
            setattr(row, field.attname, kept.pk)
            row.save(update_fields=[field.name])


def _twin_exists(row: models.Model, field: models.ForeignKey, kept: models.Model) -> bool:
    """Whether moving the row to the kept record would break a unique
    constraint: the kept record already has this row's twin."""
    row_model = field.model
    for constraint in row_model._meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint) or field.name not in constraint.fields:
            continue
        lookup = {name: getattr(row, row_model._meta.get_field(name).attname) for name in constraint.fields}
        lookup[field.name] = kept.pk
        if row_model._base_manager.filter(**lookup).exclude(pk=row.pk).exists():
            return True
    return False


def _add_aliases(model: type[models.Model], kept: models.Model, others: Sequence[models.Model], editor) -> list[int]:
    if model not in _ALIASES:
        return []
    alias_model, link = _ALIASES[model]
    kept.refresh_from_db()
    taken = {text.key(kept.name)} | set(alias_model._base_manager.filter(**{link: kept}).values_list("key", flat=True))
    if alias_model is not PersonAlias:
        # Country and outlet spellings are unique archive-wide.
        taken |= set(alias_model._base_manager.values_list("key", flat=True))
    created = []
    for other in others:
        key = text.key(other.name)
        if key and key not in taken:
            alias = alias_model(**{link: kept, "name": other.name})
            alias._history_user = editor
            alias.save()
            created.append(alias.pk)
            taken.add(key)
    return created


def _serialize(rows: Sequence[models.Model]) -> list[dict]:
    return json.loads(serializers.serialize("json", rows))


def _deserialize(data: list[dict]):
    return serializers.deserialize("json", json.dumps(data))


def _model(label: str) -> type[models.Model]:
    from django.apps import apps

    return apps.get_model(label)
