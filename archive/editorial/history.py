"""One log of every editorial change across the archive's records.

Each tracked model keeps its own history table (django-simple-history);
this reads the newest entries of all of them, and the merges, into one
list: who, when, what, and for a change the fields before and after.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.urls import NoReverseMatch, reverse

from archive.models import Merge

ACTIONS = {"+": "إنشاء", "~": "تعديل", "-": "حذف"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime.datetime
    who: str
    action: str
    kind: str  # the record type, in Arabic
    record: str
    url: str = ""
    changes: list[Change] = field(default_factory=list)


def tracked_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_app_config("archive").get_models()
        if hasattr(model, "history") and hasattr(model.history, "model")
    ]


def recent(limit: int = 50, user_id: int | None = None) -> list[Entry]:
    """The newest `limit` entries, newest first."""
    rows = []
    for model in tracked_models():
        history = model.history.select_related("history_user").order_by("-history_date")
        if user_id is not None:
            history = history.filter(history_user_id=user_id)
        rows.extend(history[:limit])
    rows.sort(key=lambda row: row.history_date, reverse=True)
    entries = [_entry(row) for row in rows[:limit]]
    entries.extend(_merge_entries(limit, user_id))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


def _entry(row) -> Entry:
    model = row.instance_type
    entry = Entry(
        when=row.history_date,
        who=_name(row.history_user),
        action=ACTIONS.get(row.history_type, row.history_type),
        kind=str(model._meta.verbose_name),
        record=_record(row, model),
    )
    if row.history_type != "-":
        try:
            entry.url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[row.id])
        except NoReverseMatch:
            entry.url = ""
    if row.history_type == "~":
        previous = row.prev_record
        if previous is not None:
            delta = row.diff_against(previous)
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                entry.changes.append(
                    Change(str(field.verbose_name), _shown(change.old, field), _shown(change.new, field))
                )
    return entry


def _record(row, model) -> str:
    """The record as the log names it. One that names another deleted since
    (a participation of a meeting merged away) is named from its links, each
    as it last was."""
    try:
        return str(row.instance)[:200]
    except ObjectDoesNotExist:
        links = [field for field in model._meta.concrete_fields if field.is_relation]
        shown = [_shown(getattr(row, field.attname), field) for field in links]
        return " — ".join(label for label in shown if label != "—")[:200]


def _merge_entries(limit: int, user_id: int | None) -> list[Entry]:
    merges = Merge.objects.order_by("-created_at")
    if user_id is not None:
        merges = merges.filter(models.Q(created_by_id=user_id) | models.Q(undone_by_id=user_id))
    users = {user.pk: user for user in get_user_model().objects.filter(pk__in=_user_ids(merges[:limit]))}
    entries = []
    for merge in merges[:limit]:
        url = reverse("admin:archive_merge_change", args=[merge.pk])
        entries.append(Entry(merge.created_at, _name(users.get(merge.created_by_id)), "دمج",
                             str(Merge._meta.verbose_name), str(merge), url))
        if merge.undone_at:
            entries.append(Entry(merge.undone_at, _name(users.get(merge.undone_by_id)), "تراجع عن دمج",
                                 str(Merge._meta.verbose_name), str(merge), url))
    return entries


def _user_ids(merges) -> set[int]:
    return {pk for merge in merges for pk in (merge.created_by_id, merge.undone_by_id) if pk}


def _name(user) -> str:
    return user.get_username() if user is not None else "الاستيراد (سطر الأوامر)"


def _shown(value, field=None) -> str:
    """A value as an editor reads it: a choice's label, a linked record's
    name, not its code or id."""
    if value in (None, ""):
        return "—"
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field is not None and field.is_relation and field.related_model is not None:
        related = field.related_model._base_manager.filter(pk=value).first()
        return f"{related}" if related is not None else _deleted(field.related_model, value)
    return str(value)[:300]


def _deleted(model, pk) -> str:
    """A record deleted or merged away, by the name its history last gave it."""
    history = getattr(model, "history", None)
    last = history.filter(id=pk).order_by("-history_date").first() if history is not None else None
    try:
        return f"{last.instance} (محذوف)" if last is not None else f"رقم {pk} (محذوف)"
    except ObjectDoesNotExist:  # it named a record deleted since, too
        return f"رقم {pk} (محذوف)"
