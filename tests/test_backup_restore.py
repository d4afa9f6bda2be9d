"""`quanze backup` / `quanze restore` in real processes on this run's database backend:
a round trip gives back every table (row count and content checksum), every uploaded
file and the search results; a file that is not a good backup is refused in Chinese and
changes nothing."""

import io
import json
import tarfile

import pytest

from quanze.testing import sites
from quanze.testing.sites import fresh_site

pytestmark = pytest.mark.cost(200)


@pytest.fixture
def site(tmp_path, migrated_template):
    with fresh_site(tmp_path / "site", migrated_template) as env:
        sites.quanze(env, "load_demo")
        sites.probe(env, "fingerprint", "seed_media()")
        yield env


def fingerprint(env) -> dict:
    return sites.probe(env, "fingerprint", "fingerprint()")


def refused(env, path, message: str) -> None:
    done = sites.run(env, "restore", str(path), "--yes")
    assert done.returncode != 0
    assert message in done.stderr, done.stderr
    assert "未做任何恢复" in done.stderr or "数据库未改变" in done.stderr


def _rewrite(source, target, *, manifest=None, database=None, drop=()) -> None:
    """A copy of the backup `source` with its manifest or database replaced."""
    with tarfile.open(source) as old, tarfile.open(target, "w") as new:
        for member in old.getmembers():
            if member.name in drop:
                continue
            data = old.extractfile(member).read() if member.isfile() else None
            if member.name == "quanze-backup.json" and manifest is not None:
                data = json.dumps(manifest(json.loads(data))).encode()
            if member.name.startswith("database.") and database is not None:
                data = database
            member.size = len(data) if data is not None else 0
            new.addfile(member, io.BytesIO(data) if data is not None else None)


def test_a_backup_restores_every_table_every_file_and_search(site, tmp_path):
    env = site
    before = fingerprint(env)
    assert before["search"] and len(before["media"]) == 2
    assert before["tables"]["catalog_power"][0] > 0

    backup = tmp_path / "quanze.tar"
    out = sites.quanze(env, "backup", str(backup))
    assert "已备份到" in out and "上传文件 2 个" in out

    sites.probe(env, "fingerprint", "damage()")
    damaged = fingerprint(env)
    assert damaged["search"] == [] and damaged["media"] != before["media"]
    assert damaged["tables"]["catalog_power"] != before["tables"]["catalog_power"]

    # Files that are not a good backup: refused, nothing changed.
    junk = tmp_path / "junk.tar"
    junk.write_bytes(b"PK\x03\x04 not a tar at all" * 100)
    refused(env, junk, "不是 quanze 备份文件(不是 tar 归档)")
    plain = tmp_path / "plain.tar"
    with tarfile.open(plain, "w") as tar:
        tar.add(junk, arcname="notes.txt")
    refused(env, plain, "缺少 quanze-backup.json")
    broken = tmp_path / "broken.tar"
    _rewrite(backup, broken, database=b"\x00garbage" * 1000)
    refused(env, broken, "数据库")
    newer = tmp_path / "newer.tar"
    _rewrite(
        backup,
        newer,
        manifest=lambda m: {**m, "migrations": [*m["migrations"], ["catalog", "9999_future"]]},
    )
    refused(env, newer, "更新版本")
    other = tmp_path / "other.tar"
    _rewrite(backup, other, manifest=lambda m: {**m, "database": "mysql"})
    refused(env, other, "备份的数据库是 mysql")
    escape = tmp_path / "escape.tar"
    with tarfile.open(backup) as old, tarfile.open(escape, "w") as new:
        for member in old.getmembers():
            new.addfile(member, old.extractfile(member))
        evil = tarfile.TarInfo("media/../../outside.txt")
        evil.size = 0
        new.addfile(evil, None)
    refused(env, escape, "不安全的条目")
    done = sites.run(env, "restore", str(backup), stdin="no\n")
    assert done.returncode != 0 and "已取消" in done.stderr  # asked first
    assert fingerprint(env) == damaged

    out = sites.quanze(env, "restore", str(backup), "--yes")
    assert "行数已核对" in out and "已重建" in out
    after = fingerprint(env)
    assert after["media"] == before["media"]
    assert after["search"] == before["search"]
    differ = {
        table: (before["tables"].get(table), after["tables"].get(table))
        for table in before["tables"].keys() | after["tables"].keys()
        if before["tables"].get(table) != after["tables"].get(table)
    }
    assert not differ
    assert not list((tmp_path / "site").glob(".restore-*"))
    assert not list((tmp_path / "site").glob(".media-before-restore-*"))
