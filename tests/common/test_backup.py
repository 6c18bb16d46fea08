"""`backup` and `restore` round-trip an installation: database and stored files."""

from pathlib import Path

import pytest
from django.conf import settings

from nettonoll.common.backup import BackupError, backup_create, backup_restore, dump_data
from nettonoll.organisations.models import Node
from nettonoll.organisations.services import node_rename
from tests.factories import NodeFactory, OrganisationFactory, PlanFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_data_after_restore_equals_data_before(tmp_path: Path) -> None:
    region = NodeFactory(organisation=OrganisationFactory(code="RTB"), code="RTB")
    for code in ["RS-SERV-KOST", "RS-SERV-LOK"]:
        NodeFactory(parent=region, code=code)
    UserFactory(roles=[(region, "strategist")])
    PlanFactory(organisation=region.organisation)
    settings.MEDIA_ROOT = str(tmp_path / "files")
    stored = Path(settings.MEDIA_ROOT) / "imports" / "batch-1.csv"
    stored.parent.mkdir(parents=True)
    stored.write_text("code;name\nÅ;Ö\n", encoding="utf-8")
    node_rename(
        node=Node.objects.get(organisation__code="RTB", code="RS-SERV-KOST"), name="Kost och måltid"
    )
    before = dump_data()
    backup_file = tmp_path / "nettonoll-backup.zip"
    backup_create(backup_file)

    Node.objects.filter(organisation__code="RTB", code="RS-SERV-LOK").update(
        name="Ändrad efter backup"
    )
    stored.write_text("skräp", encoding="utf-8")
    (stored.parent / "extra.txt").write_text("ny fil", encoding="utf-8")

    counts = backup_restore(backup_file)
    assert counts["files"] == 1
    assert dump_data() == before
    assert stored.read_text(encoding="utf-8") == "code;name\nÅ;Ö\n"
    assert not (stored.parent / "extra.txt").exists()


def test_a_file_that_is_not_a_backup_is_refused(db: None, tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_text("inte en zip", encoding="utf-8")
    with pytest.raises(BackupError, match="ingen säkerhetskopia"):
        backup_restore(junk)


def test_an_imported_territorial_release_is_backed_up_and_restored(
    db: None, tmp_path: Path, settings: object
) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "files")  # type: ignore[attr-defined]
    settings.DATA_DIR = tmp_path / "data"  # type: ignore[attr-defined]
    release = tmp_path / "data" / "territorial" / "areas.csv"
    release.parent.mkdir(parents=True)
    release.write_text("level,code\nkommun,0180\n", encoding="utf-8")
    backup_file = tmp_path / "b.zip"
    backup_create(backup_file)
    release.write_text("trasig", encoding="utf-8")
    (release.parent / "extra.csv").write_text("x", encoding="utf-8")
    backup_restore(backup_file)
    assert release.read_text(encoding="utf-8") == "level,code\nkommun,0180\n"
    assert not (release.parent / "extra.csv").exists()


def test_a_backup_cannot_write_outside_its_folders(db: None, tmp_path: Path) -> None:
    import json
    import zipfile

    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("manifest.json", json.dumps({"format_version": 1, "records": 0}))
        archive.writestr("data.xml", "<django-objects/>")
        archive.writestr("data/../../etc/x", "x")
    with pytest.raises(BackupError, match="Otillåten sökväg"):
        backup_restore(evil)
