"""Editorial decisions that change several records at once.

The import pipeline applies them when the editor asked it to publish at
once; the admin applies them when an editor confirms a proposal.
"""

from __future__ import annotations

from django.db import transaction

from archive.models import Article, Meeting, Participation


@transaction.atomic
def confirm_meeting(article: Article, meeting: Meeting | None = None) -> Meeting | None:
    """Link an article to a meeting (its proposed one unless another is
    given): the meeting takes the facts it lacks from the article's report,
    and the people the article names at the meeting become its participants."""
    meeting = meeting or article.proposed_meeting
    if meeting is None:
        return None
    article.meeting = meeting
    article.proposed_meeting = None
    article.meeting_proposal = ""
    article.save(update_fields=["meeting", "proposed_meeting", "meeting_proposal", "updated_at"])
    report = getattr(article, "meeting_report", None)
    if report is not None:
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
            meeting.save(update_fields=changed)
    for mention in article.person_mentions.filter(in_meeting=True):
        participation, created = Participation.objects.get_or_create(
            meeting=meeting,
            person=mention.person,
            defaults={"role": mention.role, "country": mention.country, "is_chair": mention.is_chair},
        )
        if not created:
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
                participation.save(update_fields=updates)
    return meeting
