"""Backup and restore of a whole site: the database and the uploaded files (media).

A backup is one tar file holding
- `quanze-backup.json`: what it is (format, version), when it was made, the database
  engine, the migrations applied, and the row count of every table;
- the database: `database.sqlite3` (SQLite's online backup API, a consistent copy while
  the site runs) or `database.dump` (PostgreSQL: `pg_dump --format=custom`);
- `media/...`: every file under MEDIA_ROOT (uploaded imports, stored documents), copied
  after the database so every file the database names is there.

Restore checks the whole file before it changes anything: a tar with the manifest, the
same database engine, no migration this code does not know, member names that stay
inside the backup, and a database that opens (SQLite `integrity_check`; PostgreSQL
`pg_restore --list`). It then swaps the media folder and replaces the database in one
step (SQLite's backup API into the live database; `pg_restore --single-transaction`);
if the database step fails the old media folder is put back, so a failed restore
changes nothing. The caller (`quanze restore`) then migrates and rebuilds the search
index. Messages are Chinese; `BackupError` carries them.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

FORMAT = "quanze-backup"
VERSION = 1
MANIFEST = "quanze-backup.json"
SQLITE_MEMBER = "database.sqlite3"
POSTGRES_MEMBER = "database.dump"
MEDIA = "media"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is for the operator."""


def _vendor() -> str:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"不支持备份 {connection.vendor} 数据库(仅支持 SQLite 和 PostgreSQL)")
    return connection.vendor


def table_counts() -> dict[str, int]:
    """Rows in every table of the database (views excluded)."""
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations() -> list[list[str]]:
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    return sorted([app, name] for app, name in loader.applied_migrations)


# --- PostgreSQL ----------------------------------------------------------------------


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"找不到 {name}:请安装 PostgreSQL 客户端工具(如 apt-get install postgresql-client)"
        )
    return path


def _pg_args_env() -> tuple[list[str], dict]:
    db = connection.settings_dict
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict, what: str) -> str:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(f"{what}失败:{done.stderr.strip()[-500:]}")
    return done.stdout


def _dump_postgres(target: Path) -> dict[str, int]:
    """Dump the database; the row counts of the very snapshot dumped."""
    args, env = _pg_args_env()
    name = connection.settings_dict["NAME"]
    command = [_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        (snapshot,) = cursor.fetchone()
        counts = table_counts()
        command += [f"--snapshot={snapshot}"]
        _run([*command, *args, "--file", str(target), name], env, "导出数据库(pg_dump)")
    return counts


def _check_postgres(dump: Path) -> None:
    _, env = _pg_args_env()
    listing = _run([_pg_tool("pg_restore"), "--list", str(dump)], env, "检查数据库备份(pg_restore)")
    if "TABLE DATA" not in listing:
        raise BackupError("备份中的数据库不含任何数据表")


def _restore_postgres(dump: Path) -> None:
    args, env = _pg_args_env()
    connection.close()  # pg_restore drops the tables this connection may hold locks on
    command = [
        _pg_tool("pg_restore"), "--clean", "--if-exists", "--single-transaction",
        "--exit-on-error", "--no-owner", "--no-privileges", *args,
        "--dbname", connection.settings_dict["NAME"], str(dump),
    ]  # fmt: skip
    _run(command, env, "恢复数据库(pg_restore,已整体撤销,数据库未改变)")


# --- SQLite --------------------------------------------------------------------------


def _raw_sqlite():
    connection.ensure_connection()
    return connection.connection


def _dump_sqlite(target: Path) -> dict[str, int]:
    """Copy the database (a consistent copy while the site runs); the copy's row counts."""
    out = sqlite3.connect(target)
    try:
        _raw_sqlite().backup(out)
        tables = out.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence' "
            "ORDER BY name"
        ).fetchall()
        return {
            name: out.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for (name,) in tables
        }
    finally:
        out.close()


def _check_sqlite(path: Path) -> None:
    try:
        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (result,) = probe.execute("PRAGMA integrity_check").fetchone()
            tables = {row[0] for row in probe.execute("SELECT name FROM sqlite_master")}
        finally:
            probe.close()
    except sqlite3.DatabaseError as error:
        raise BackupError(f"备份中的数据库文件已损坏或不是 SQLite 数据库({error})") from None
    if result != "ok":
        raise BackupError(f"备份中的数据库文件未通过完整性检查:{result}")
    if "django_migrations" not in tables:
        raise BackupError("备份中的数据库不是 quanze 的数据库(没有迁移记录表)")


def _restore_sqlite(path: Path) -> None:
    source = sqlite3.connect(path)
    try:
        # One step: the live database is replaced in a single write transaction.
        source.backup(_raw_sqlite())
    except sqlite3.Error as error:
        raise BackupError(f"恢复数据库失败,数据库未改变({error})") from None
    finally:
        source.close()
    connection.close()


# --- backup --------------------------------------------------------------------------


def backup_write(target: Path) -> dict:
    """Write a backup of the database and the media folder to `target`; its manifest."""
    vendor = _vendor()
    target = Path(target)
    if target.is_dir():
        raise BackupError(f"“{target}”是一个文件夹,请给出备份文件的名字")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=target.parent if target.parent.exists() else None) as tmp:
        member = SQLITE_MEMBER if vendor == "sqlite" else POSTGRES_MEMBER
        database = Path(tmp) / member
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "database": vendor,
            "migrations": applied_migrations(),
        }
        if vendor == "sqlite":
            manifest["tables"] = _dump_sqlite(database)
        else:
            manifest["tables"] = _dump_postgres(database)
        files = (
            sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
        )
        manifest["media_files"] = len(files)
        (Path(tmp) / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            tar.add(Path(tmp) / MANIFEST, arcname=MANIFEST)
            tar.add(database, arcname=member)
            for path in files:
                tar.add(path, arcname=f"{MEDIA}/{path.relative_to(media_root).as_posix()}")
        partial.replace(target)  # a backup interrupted half-way never has the final name
    return manifest


# --- restore -------------------------------------------------------------------------


def _not_a_backup(path: Path, why: str) -> BackupError:
    return BackupError(f"“{path.name}”不是 quanze 备份文件({why}),未做任何恢复")


def _read_manifest(path: Path, tar: tarfile.TarFile) -> dict:
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.load(tar.extractfile(member))
    except KeyError:
        raise _not_a_backup(path, f"缺少 {MANIFEST}") from None
    except (ValueError, AttributeError):
        raise _not_a_backup(path, f"{MANIFEST} 无法读取") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _not_a_backup(path, "说明文件的格式标记不对")
    if manifest.get("version") != VERSION:
        raise BackupError(
            f"备份格式版本 {manifest.get('version')} 与本系统({VERSION})不符,未做任何恢复"
        )
    return manifest


def _check_members(path: Path, tar: tarfile.TarFile, database: str) -> None:
    names = set()
    for member in tar.getmembers():
        name = member.name
        inside = not name.startswith("/") and ".." not in Path(name).parts
        if not inside or not (member.isfile() or member.isdir()):
            raise _not_a_backup(path, f"含有不安全的条目“{name}”")
        if name not in (MANIFEST, database) and not name.startswith(f"{MEDIA}/"):
            raise _not_a_backup(path, f"含有多余的条目“{name}”")
        names.add(name)
    if database not in names:
        raise _not_a_backup(path, f"缺少数据库文件 {database}")


def _check_migrations(manifest: dict) -> None:
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    unknown = [
        f"{app}.{name}" for app, name in manifest.get("migrations", []) if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            f"备份来自更新版本的系统(含本系统没有的迁移:{'、'.join(unknown[:5])}),请先升级系统再恢复;未做任何恢复"
        )


def backup_check(path: Path, staging: Path) -> dict:
    """Check the backup at `path` and unpack it into `staging`; its manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"找不到备份文件“{path}”")
    if not tarfile.is_tarfile(path):
        raise _not_a_backup(path, "不是 tar 归档")
    vendor = _vendor()
    database = SQLITE_MEMBER if vendor == "sqlite" else POSTGRES_MEMBER
    try:
        with tarfile.open(path, "r:*") as tar:
            manifest = _read_manifest(path, tar)
            if manifest.get("database") != vendor:
                raise BackupError(
                    f"备份的数据库是 {manifest.get('database')},当前系统使用 {vendor},"
                    "不能直接恢复;未做任何恢复"
                )
            _check_members(path, tar, database)
            _check_migrations(manifest)
            tar.extractall(staging, filter="data")
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise _not_a_backup(path, f"归档已损坏:{error}") from None
    if vendor == "sqlite":
        _check_sqlite(staging / database)
    else:
        _check_postgres(staging / database)
    return manifest


def backup_restore(path: Path) -> dict:
    """Replace the database and the media folder with the backup at `path`, or change
    nothing; the backup's manifest. Migrating and reindexing are the caller's."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d%H%M%S")
    # Staged beside the media folder, so swapping it in is a rename on one file system.
    staging = Path(tempfile.mkdtemp(prefix=f".restore-{stamp}-", dir=media_root.parent))
    previous = media_root.with_name(f".{media_root.name}-before-restore-{stamp}")
    try:
        try:
            manifest = backup_check(path, staging)
        except BackupError as error:
            message = str(error)
            if "未做任何恢复" not in message:
                message += ";未做任何恢复"
            raise BackupError(message) from None
        staged_media = staging / MEDIA
        staged_media.mkdir(exist_ok=True)
        if media_root.exists():
            media_root.rename(previous)
        staged_media.rename(media_root)
        try:
            database = staging / (SQLITE_MEMBER if _vendor() == "sqlite" else POSTGRES_MEMBER)
            if _vendor() == "sqlite":
                _restore_sqlite(database)
            else:
                _restore_postgres(database)
        except BaseException:
            shutil.rmtree(media_root, ignore_errors=True)
            if previous.exists():
                previous.rename(media_root)
            raise
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def restored_counts_differ(manifest: dict) -> list[str]:
    """Tables whose row count after a restore differs from the backup's manifest
    (before migrating: a later migration may change them)."""
    now = table_counts()
    return [
        f"{table}: 备份 {count} 行,恢复后 {now.get(table)} 行"
        for table, count in manifest.get("tables", {}).items()
        if now.get(table) != count
    ]
