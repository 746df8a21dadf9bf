"""Editorial decisions: publishing, rejecting, and linking articles to meetings.

The admin calls these, and so does the import pipeline when the editor
asked it to publish at once. Each saves record by record, with the editor
set on the instance, so the history shows who did it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from archive.importing import confidence
from archive.importing.saving import meeting_name
from archive.models import Article, Meeting, Participation


def _editor(user):
    return user if getattr(user, "is_authenticated", False) else None


def _save(instance, user, fields: list[str]) -> None:
    instance._history_user = _editor(user)
    instance.save(update_fields=fields)


@transaction.atomic
def publish(articles: Iterable[Article], user=None) -> int:
    """Publish each article not yet published; return how many changed."""
    return _set_status(articles, Article.Status.PUBLISHED, user)


@transaction.atomic
def reject(articles: Iterable[Article], user=None) -> int:
    return _set_status(articles, Article.Status.REJECTED, user)


def _set_status(articles: Iterable[Article], status: str, user) -> int:
    changed = 0
    for article in articles:
        if article.status != status:
            article.status = status
            _save(article, user, ["status", "updated_at"])
            changed += 1
    return changed


@transaction.atomic
def confirm_meeting(
    article: Article, meeting: Meeting | None = None, user=None, *, sure_people_only: bool = False
) -> Meeting | None:
    """Link an article to a meeting (its proposed one unless another is
    given): the meeting takes the facts it lacks from the article's report,
    and the people the article names at the meeting become its participants
    (with `sure_people_only`, as `import_articles --publish` links, only the
    people the import was confident of: a doubtful name waits for an editor)."""
    meeting = meeting or article.proposed_meeting
    if meeting is None:
        return None
    previous = article.meeting
    article.meeting = meeting
    article.proposed_meeting = None
    article.meeting_proposal = ""
    _save(article, user, ["meeting", "proposed_meeting", "meeting_proposal", "updated_at"])
    if previous is not None and previous != meeting:
        _drop_participants_only_from(article, previous, user)
    _complete_meeting(meeting, article, user)
    for mention in article.person_mentions.filter(in_meeting=True):
        if sure_people_only and min(mention.confidence.values(), default=1.0) < confidence.PUBLISH_MIN:
            continue
        participation = Participation.objects.filter(meeting=meeting, person=mention.person).first()
        if participation is None:
            participation = Participation(
                meeting=meeting, person=mention.person, role=mention.role, country=mention.country,
                is_chair=mention.is_chair,
            )
            participation._history_user = _editor(user)
            participation.save()
            continue
        updates = []
        if mention.is_chair and not participation.is_chair:
            participation.is_chair = True
            updates.append("is_chair")
        if not participation.role and mention.role:
            participation.role = mention.role
            updates.append("role")
        if participation.country_id is None and mention.country_id is not None:
            participation.country_id = mention.country_id
            updates.append("country")
        if updates:
            _save(participation, user, updates)
    return meeting


@transaction.atomic
def refuse_meeting(article: Article, user=None) -> None:
    """The editor says the article does not report the proposed meeting."""
    proposed = article.proposed_meeting
    article.proposed_meeting = None
    article.meeting_proposal = ""
    _save(article, user, ["proposed_meeting", "meeting_proposal", "updated_at"])
    # A meeting made from this article alone, and now refused, is no meeting.
    if proposed is not None and not proposed.articles.exists() and not proposed.proposed_articles.exists():
        proposed._history_user = _editor(user)
        proposed.delete()


@transaction.atomic
def meeting_from_article(article: Article, user=None) -> Meeting:
    """A new meeting made from what the article reports, linked to it."""
    report = getattr(article, "meeting_report", None)
    chairs = list(article.person_mentions.filter(is_chair=True).values_list("person__name", flat=True))
    meeting = Meeting(
        name=meeting_name(report, chairs) if report else f"اجتماع من المقال «{article.title[:200]}»",
        date=report.date if report else None,
        place=report.place if report else "",
        format=(report.format if report and report.format else Meeting.Format.UNKNOWN),
        kind=(report.kind if report and report.kind else Meeting.Kind.OTHER),
        member_count=report.member_count if report else None,
        participant_count=report.participant_count if report else None,
    )
    meeting._history_user = _editor(user)
    meeting.save()
    confirm_meeting(article, meeting, user)
    return meeting


def _complete_meeting(meeting: Meeting, article: Article, user) -> None:
    report = getattr(article, "meeting_report", None)
    if report is None:
        return
    changed = []
    for field in ("date", "place", "member_count", "participant_count"):
        value = getattr(report, field)
        if value not in (None, "") and getattr(meeting, field) in (None, ""):
            setattr(meeting, field, value)
            changed.append(field)
    if report.format and meeting.format == Meeting.Format.UNKNOWN:
        meeting.format = report.format
        changed.append("format")
    if report.kind and meeting.kind == Meeting.Kind.OTHER:
        meeting.kind = report.kind
        changed.append("kind")
    if changed:
        _save(meeting, user, changed)


def _drop_participants_only_from(article: Article, meeting: Meeting, user) -> None:
    """Moving an article away takes with it the participants no other
    article of that meeting names."""
    others = Article.objects.filter(meeting=meeting).exclude(pk=article.pk)
    named_elsewhere = set(
        Participation.objects.filter(meeting=meeting, person__mentions__article__in=others).values_list(
            "person_id", flat=True
        )
    )
    ours = article.person_mentions.filter(in_meeting=True).values_list("person_id", flat=True)
    for participation in Participation.objects.filter(meeting=meeting, person_id__in=ours).exclude(
        person_id__in=named_elsewhere
    ):
        participation._history_user = _editor(user)
        participation.delete()
