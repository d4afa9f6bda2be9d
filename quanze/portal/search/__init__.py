"""Search across every public list (the powers bigram index, re-checked on the published text)."""
