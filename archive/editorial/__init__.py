"""The editors' side: reviewing what an import extracted, settling what a
save derives, merging variants, duplicate suggestions, flags and history."""
