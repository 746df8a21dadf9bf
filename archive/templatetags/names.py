"""A record's names in the page's language (archive.i18n):
{{ person|shown }} is the name to show; {% also_named person %} the other
one beside it, marked with its language and direction."""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from archive.i18n import name_of

register = template.Library()


@register.filter
def shown(record) -> str:
    return name_of(record) if record is not None else ""


@register.simple_tag
def also_named(record) -> str:
    """The name the page does not show first: the English name on an Arabic
    page, the Arabic one on an English page; nothing when there is one."""
    name_en = getattr(record, "name_en", "") or ""
    if not name_en or name_en == record.name:
        return ""
    if (get_language() or "").startswith("en"):
        return format_html(' <bdi lang="ar" dir="rtl" class="latin-name">{}</bdi>', record.name)
    return format_html(' <bdi lang="en" dir="ltr" class="latin-name">{}</bdi>', name_en)
