from django.db import migrations

# The ids of the articles whose document (or head) matches a tsquery, read
# from the GIN index only, as one string of big-endian integers after a
# byte that gives their width: 4 while every id fits in 4 bytes (half the
# bytes to send and decode for a word in every article), else 8.
#
# A function because a sequential scan must be ruled out for these lookups
# alone (archive.search.engine): as its own SET clause, the setting lasts exactly
# the call, where SET LOCAL needed a transaction around the statement, four
# round trips to the server instead of one, on every search. The queries
# are static, so PL/pgSQL keeps their plans.
MATCH_IDS = """
CREATE FUNCTION archive_match_ids(query tsquery, in_head boolean) RETURNS bytea
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET enable_seqscan = off
AS $$
DECLARE
    wide boolean := (SELECT max(article_id) > 2147483647 FROM archive_searchdocument);
BEGIN
    IF wide AND in_head THEN
        RETURN '\\x08'::bytea || coalesce((SELECT string_agg(int8send(article_id), ''::bytea) FROM archive_searchdocument WHERE head @@ query), ''::bytea);
    ELSIF wide THEN
        RETURN '\\x08'::bytea || coalesce((SELECT string_agg(int8send(article_id), ''::bytea) FROM archive_searchdocument WHERE document @@ query), ''::bytea);
    ELSIF in_head THEN
        RETURN '\\x04'::bytea || coalesce((SELECT string_agg(int4send(article_id::integer), ''::bytea) FROM archive_searchdocument WHERE head @@ query), ''::bytea);
    ELSE
        RETURN '\\x04'::bytea || coalesce((SELECT string_agg(int4send(article_id::integer), ''::bytea) FROM archive_searchdocument WHERE document @@ query), ''::bytea);
    END IF;
END
$$;

CREATE FUNCTION archive_any_match(query tsquery) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET enable_seqscan = off
AS $$ SELECT EXISTS (SELECT 1 FROM archive_searchdocument WHERE document @@ query) $$;
"""

DROP = """
DROP FUNCTION archive_match_ids(tsquery, boolean);
DROP FUNCTION archive_any_match(tsquery);
"""


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0015_rank_vectors_filled'),
    ]

    operations = [
        migrations.RunSQL(MATCH_IDS, DROP),
    ]
