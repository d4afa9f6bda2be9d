"""Restore changes nothing when its database step fails: the media folder swapped in is
taken out again and the old one put back (the round trip is tests/test_backup_restore.py)."""

import pytest

from quanze.core import backup


def test_a_failed_database_step_puts_the_old_media_back(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "imports").mkdir(parents=True)
    (tmp_path / "media" / "imports" / "old.csv").write_text("旧文件")

    def staged(path, staging):
        (staging / "media").mkdir()
        (staging / "media" / "new.csv").write_text("备份里的文件")
        (staging / backup.SQLITE_MEMBER).write_bytes(b"")
        (staging / backup.POSTGRES_MEMBER).write_bytes(b"")
        return {"tables": {}}

    def fails(path):
        raise backup.BackupError("恢复数据库失败,数据库未改变(磁盘已满)")

    monkeypatch.setattr(backup, "backup_check", staged)
    monkeypatch.setattr(backup, "_restore_sqlite", fails)
    monkeypatch.setattr(backup, "_restore_postgres", fails)
    with pytest.raises(backup.BackupError, match="数据库未改变"):
        backup.backup_restore(tmp_path / "any.tar")
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert files == ["media/imports/old.csv"]  # no staging, no backup's media left behind
