"""Catalogs and their versions: drafting, publishing (frozen snapshots), diffs and export."""
