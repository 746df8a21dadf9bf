"""Editorial decisions: publishing, rejecting, and linking articles to meetings.

The admin calls these, and so does the import pipeline when the editor
asked it to publish at once. Each saves record by record, with the editor
set on the instance, so the history shows who did it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction

from archive.editorial import flags
from archive.importing import confidence
from archive.importing.saving import meeting_name
from archive.models import Article, Meeting, MeetingReport, Participation, PersonMention, Statement


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
    people the import was confident of: a doubtful name waits for an editor).
    A meeting the import proposed that no article is left on goes."""
    meeting = meeting or article.proposed_meeting
    if meeting is None:
        return None
    before = Before.of(article)
    article.meeting = meeting
    article.proposed_meeting = None
    article.meeting_proposal = ""
    _save(article, user, ["meeting", "proposed_meeting", "meeting_proposal", "updated_at"])
    _settle(article, before, user, sure_people_only=sure_people_only)
    return meeting


@dataclass(frozen=True)
class Before:
    """An article's meeting facts as they stood before an editor's change:
    what the change is measured against once everything is saved."""

    meeting_id: int | None = None
    proposed_meeting_id: int | None = None
    # The people it named at its meeting: person → named as a chair.
    named: dict[int, bool] = field(default_factory=dict)
    # Its report's facts (date, place, …), which its meeting may have taken.
    report: dict[str, object] = field(default_factory=dict)

    @classmethod
    def of(cls, article: Article) -> Before:
        """As the archive holds it now (not as the unsaved instance says)."""
        if article.pk is None:
            return cls()
        stored = Article.objects.filter(pk=article.pk).values("meeting_id", "proposed_meeting_id").first() or {}
        named = dict(article.person_mentions.filter(in_meeting=True).values_list("person_id", "is_chair"))
        report = MeetingReport.objects.filter(article_id=article.pk).values(*_REPORT_FACTS).first() or {}
        return cls(stored.get("meeting_id"), stored.get("proposed_meeting_id"), named, report)


@transaction.atomic
def settle(article: Article, before: Before, user=None) -> None:
    """After an editor saved an article and its facts, all of them: its
    meeting's participants, chairs and facts are derived again from what
    was saved, and a meeting the import proposed that is left with no
    article goes. The admin calls this once the whole form is saved."""
    article.refresh_from_db()
    if article.meeting_id is not None and article.proposed_meeting_id is not None:
        # Linked to a meeting by hand: the proposal is settled.
        article.proposed_meeting = None
        article.meeting_proposal = ""
        _save(article, user, ["proposed_meeting", "meeting_proposal", "updated_at"])
    _settle(article, before, user)
    reanchor_statements(article, user)


def reanchor_statements(article: Article, user=None) -> int:
    """Each statement whose span no longer holds its words (the editor
    changed the body around them) is found again in the saved body: its
    evidence follows its words. Returns how many moved."""
    moved = 0
    for statement in article.statements.all():
        if statement.text in article.body[statement.start:statement.end]:
            continue
        span = Statement.span_of(article.body, statement.text, statement.verb)
        if span is not None:
            statement.start, statement.end = span
            _save(statement, user, ["start", "end"])
            moved += 1
    return moved


def settle_flags(article: Article, user=None) -> list[str]:
    """Drop the article's flags its saved facts now settle (archive.editorial.flags);
    return those still open."""
    still = flags.open_flags(article)
    if still != list(article.flags or ()):
        article.flags = still
        _save(article, user, ["flags", "updated_at"])
    return still


def _settle(article: Article, before: Before, user, *, sure_people_only: bool = False) -> None:
    if before.meeting_id is not None and before.meeting_id != article.meeting_id:
        _drop_participants(before.meeting_id, article, set(before.named), user)
    meeting = article.meeting
    if meeting is not None:
        named = dict(article.person_mentions.filter(in_meeting=True).values_list("person_id", "is_chair"))
        if before.meeting_id == meeting.pk:
            # Named at this meeting before the change and no longer.
            _drop_participants(meeting.pk, article, set(before.named) - set(named), user)
            _unchair(meeting, article, {p for p, chair in before.named.items() if chair and not named.get(p)}, user)
        _complete_meeting(meeting, article, user, before.report)
        _add_participants(meeting, article, user, sure_people_only)
    for pk in {before.meeting_id, before.proposed_meeting_id} - {article.meeting_id, article.proposed_meeting_id, None}:
        _drop_if_abandoned(pk, user)


def _add_participants(meeting: Meeting, article: Article, user, sure_people_only: bool) -> None:
    mentions = list(article.person_mentions.filter(in_meeting=True))
    # The meeting's parts for these people, read at once (this runs for
    # every article `import_articles --publish` links).
    parts = {
        part.person_id: part
        for part in Participation.objects.filter(meeting=meeting, person_id__in=[m.person_id for m in mentions])
    }
    for mention in mentions:
        if sure_people_only and min(mention.confidence.values(), default=1.0) < confidence.PUBLISH_MIN:
            continue
        participation = parts.get(mention.person_id)
        if participation is None:
            participation = parts[mention.person_id] = Participation(
                meeting=meeting, person_id=mention.person_id, role=mention.role, country_id=mention.country_id,
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


@transaction.atomic
def refuse_meeting(article: Article, user=None) -> None:
    """The editor says the article does not report the proposed meeting."""
    proposed = article.proposed_meeting
    article.proposed_meeting = None
    article.meeting_proposal = ""
    _save(article, user, ["proposed_meeting", "meeting_proposal", "updated_at"])
    # A meeting made from this article alone, and now refused, is no meeting.
    if proposed is not None:
        _drop_if_abandoned(proposed.pk, user)


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


# The report's facts a meeting takes; a date, place or count an editor
# corrects on the report reaches a meeting that took it from there.
_REPORT_FACTS = ("date", "place", "member_count", "participant_count", "format", "kind")
# What a meeting holds where it knows nothing of a fact.
_UNKNOWN = {"format": Meeting.Format.UNKNOWN, "kind": Meeting.Kind.OTHER}


def _complete_meeting(meeting: Meeting, article: Article, user, taken: dict | None = None) -> None:
    """The meeting takes the facts it lacks from the article's report, and
    a corrected fact it had taken from that report (`taken`: the report as
    it was). The coalition's calendar is checked against sources: its
    meetings keep their facts."""
    report = MeetingReport.objects.filter(article=article).first()
    if report is None:
        return
    taken = taken or {}
    changed = []
    for name in _REPORT_FACTS:
        value, held = getattr(report, name), getattr(meeting, name)
        unknown = held in (None, "", _UNKNOWN.get(name))
        corrected = name in taken and held == taken[name] and meeting.origin != Meeting.Origin.CALENDAR
        if value not in (None, "") and value != held and (unknown or corrected):
            setattr(meeting, name, value)
            changed.append(name)
    if changed:
        _save(meeting, user, changed)


def _drop_participants(meeting_id: int, article: Article, people: set[int], user) -> None:
    """These people, named at the meeting by this article, are no longer: a
    participation no other article of the meeting gives goes, except a chair
    of the coalition's calendar, which its sources give."""
    if not people:
        return
    others = Article.objects.filter(meeting_id=meeting_id).exclude(pk=article.pk)
    named_elsewhere = set(
        PersonMention.objects.filter(article__in=others, in_meeting=True, person_id__in=people).values_list(
            "person_id", flat=True
        )
    )
    gone = Participation.objects.filter(meeting_id=meeting_id, person_id__in=people - named_elsewhere).exclude(
        meeting__origin=Meeting.Origin.CALENDAR, is_chair=True
    )
    for participation in gone:
        participation._history_user = _editor(user)
        participation.delete()


def _unchair(meeting: Meeting, article: Article, people: set[int], user) -> None:
    """These people were named the meeting's chairs by this article and no
    longer are: they stop being chairs unless another article or the
    calendar says so."""
    if not people or meeting.origin == Meeting.Origin.CALENDAR:
        return
    others = Article.objects.filter(meeting=meeting).exclude(pk=article.pk)
    still = set(PersonMention.objects.filter(article__in=others, is_chair=True).values_list("person_id", flat=True))
    for participation in Participation.objects.filter(meeting=meeting, person_id__in=people - still, is_chair=True):
        participation.is_chair = False
        _save(participation, user, ["is_chair"])


def _drop_if_abandoned(meeting_id: int, user) -> None:
    """A meeting the import made and no article reports or is proposed for
    any more is no meeting: it goes (the calendar's and the editors' stay)."""
    meeting = Meeting.objects.filter(pk=meeting_id, origin=Meeting.Origin.IMPORT).first()
    if meeting is None or meeting.articles.exists() or meeting.proposed_articles.exists():
        return
    meeting._history_user = _editor(user)
    meeting.delete()
