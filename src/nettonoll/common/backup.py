"""Backup and restore of a whole installation: the database as Django fixtures (natural keys,
portable between SQLite and PostgreSQL) and every stored file, in one ZIP.

The fixture is XML because Django's JSON encoder cuts datetimes to milliseconds, so a JSON backup
would not restore timestamps exactly."""

import io
import json
import shutil
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

FORMAT_VERSION = 1
DATA_NAME = "data.xml"
MANIFEST_NAME = "manifest.json"
FILES_PREFIX = "files/"
DATA_PREFIX = "data/"
# folders of the data directory kept beside the database: an imported territorial-data release
DATA_FOLDERS = ("territorial",)
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes"]


class BackupError(ValueError):
    """A backup file that cannot be restored; the message is for the user."""


def dump_data() -> str:
    buffer = io.StringIO()
    call_command(
        "dumpdata",
        natural_foreign=True,
        exclude=EXCLUDED,
        format="xml",
        indent=1,
        stdout=buffer,
    )
    return buffer.getvalue()


def backup_create(path: Path) -> dict[str, int]:
    """Write the installation to `path`; returns counts for the user."""
    data = dump_data()
    media_root = Path(settings.MEDIA_ROOT)
    files = [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
    data_dir = Path(settings.DATA_DIR)
    extra = [
        p
        for folder in DATA_FOLDERS
        if (data_dir / folder).is_dir()
        for p in (data_dir / folder).rglob("*")
        if p.is_file()
    ]
    manifest = {
        "format_version": FORMAT_VERSION,
        "records": data.count("<object "),
        "files": len(files),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".part")
    with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST_NAME, json.dumps(manifest, indent=1))
        archive.writestr(DATA_NAME, data)
        for file in files:
            archive.write(file, FILES_PREFIX + file.relative_to(media_root).as_posix())
        for file in extra:
            archive.write(file, DATA_PREFIX + file.relative_to(data_dir).as_posix())
    temporary.replace(path)
    return {"records": manifest["records"], "files": manifest["files"]}


def backup_restore(path: Path) -> dict[str, int]:
    """Replace the installation's data and stored files by those in the backup at `path`."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise BackupError(
            f"{path} är ingen säkerhetskopia från Nettonoll (ingen ZIP-fil)."
        ) from exc
    with archive:
        names = archive.namelist()
        if MANIFEST_NAME not in names or DATA_NAME not in names:
            raise BackupError(f"{path} saknar {MANIFEST_NAME} eller {DATA_NAME}.")
        manifest = json.loads(archive.read(MANIFEST_NAME))
        if manifest.get("format_version") != FORMAT_VERSION:
            raise BackupError(
                f"Okänd version av säkerhetskopian: {manifest.get('format_version')}."
            )
        media_root = Path(settings.MEDIA_ROOT).resolve()
        members = [n for n in names if n.startswith(FILES_PREFIX) and not n.endswith("/")]
        for name in members:
            target = (media_root / name[len(FILES_PREFIX) :]).resolve()
            if not target.is_relative_to(media_root):
                raise BackupError(f"Otillåten sökväg i säkerhetskopian: {name}")
        data_dir = Path(settings.DATA_DIR).resolve()
        extra = [n for n in names if n.startswith(DATA_PREFIX) and not n.endswith("/")]
        for name in extra:
            relative = name[len(DATA_PREFIX) :]
            target = (data_dir / relative).resolve()
            if relative.split("/", 1)[0] not in DATA_FOLDERS or not target.is_relative_to(data_dir):
                raise BackupError(f"Otillåten sökväg i säkerhetskopian: {name}")
        fixture = Path(settings.DATA_DIR) / "restore-data.xml"
        fixture.parent.mkdir(parents=True, exist_ok=True)
        fixture.write_bytes(archive.read(DATA_NAME))
        try:
            # The history rows come from the backup itself: loading must not add new ones
            # (simple-history records many-to-many changes even for fixtures).
            with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", str(fixture), verbosity=0)
        finally:
            fixture.unlink(missing_ok=True)
        if media_root.exists():
            shutil.rmtree(media_root)
        for name in members:
            target = media_root / name[len(FILES_PREFIX) :]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))
        for folder in DATA_FOLDERS:  # as in the backup: absent there, absent here
            if (data_dir / folder).exists():
                shutil.rmtree(data_dir / folder)
        for name in extra:
            target = data_dir / name[len(DATA_PREFIX) :]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))
    return {"records": int(manifest["records"]), "files": len(members)}
