"""Whole-page cache for anonymous visitors, invalidated by a content version
kept in the database. See pagecache/README.md."""
