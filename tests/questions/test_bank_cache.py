"""The built-in bank kept as validated JSON: read back only when valid, never trusted as is."""

from __future__ import annotations

from pathlib import Path

import pytest

from questions import loader
from questions.bank_cache import MAX_CACHE_BYTES, built_in_bank, cache_name
from questions.builtin import built_in_bank_bytes
from questions.loader import default_bank


def _cache_file(cache_dir: Path) -> Path:
    return cache_dir / cache_name(built_in_bank_bytes())


def _no_yaml(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every load of the bank from its YAML (which still happens)."""
    loads: list[str] = []
    real = loader.default_bank

    def counted():
        loads.append("yaml")
        return real()

    monkeypatch.setattr(loader, "default_bank", counted)
    return loads


def test_first_run_keeps_the_bank_and_the_next_reads_it_without_yaml(tmp_path, monkeypatch):
    loads = _no_yaml(monkeypatch)
    first = built_in_bank(tmp_path / "cache")
    assert loads == ["yaml"] and _cache_file(tmp_path / "cache").is_file()
    again = built_in_bank(tmp_path / "cache")
    assert loads == ["yaml"]  # read from the JSON this time
    assert again == first == default_bank()
    assert [q.question.prompt for q in again.walk()] == [q.question.prompt for q in default_bank().walk()]
    assert oct(_cache_file(tmp_path / "cache").stat().st_mode & 0o777) == oct(0o600)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff garbage",
        b'{"id": "touchpoints"',  # cut short
        b"[]",
        b'{"id": "x", "version": "1", "title": "T", "stages": []}',  # JSON, but no valid bank
        b'{"id": "Bad Id!", "version": "1", "title": "T", "stages": [{"id": "s", "title": "S", '
        b'"teams": [{"id": "t", "name": "T", "questions": [{"id": "q", "prompt": "P", "why": "W"}]}]}]}',
    ],
)
def test_a_damaged_or_invalid_cache_file_is_a_miss_and_is_written_again(tmp_path, monkeypatch, content):
    cache = tmp_path / "cache"
    cache.mkdir()
    _cache_file(cache).write_bytes(content)
    loads = _no_yaml(monkeypatch)
    assert built_in_bank(cache) == default_bank()
    assert loads == ["yaml"]
    assert built_in_bank(cache) == default_bank() and loads == ["yaml"]  # mended


def test_a_link_in_place_of_the_cache_file_is_not_followed(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    target = tmp_path / "elsewhere.json"
    target.write_bytes(default_bank().model_dump_json().encode())
    _cache_file(cache).symlink_to(target)
    loads = _no_yaml(monkeypatch)
    assert built_in_bank(cache) == default_bank()
    assert loads == ["yaml"]
    assert not _cache_file(cache).is_symlink()  # replaced by a file of its own
    assert target.read_bytes() == default_bank().model_dump_json().encode()  # the target untouched


def test_an_oversized_cache_file_is_not_read(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    _cache_file(cache).write_bytes(b" " * (MAX_CACHE_BYTES + 1))
    loads = _no_yaml(monkeypatch)
    assert built_in_bank(cache) == default_bank()
    assert loads == ["yaml"]


def test_without_a_writable_place_the_bank_still_loads(tmp_path):
    missing = tmp_path / "no-data-dir" / "cache"  # the data directory does not exist: not made
    assert built_in_bank(missing) == default_bank()
    assert not missing.parent.exists()
    blocked = tmp_path / "a-file"  # where the cache folder would go, something else is
    blocked.write_text("mine")
    assert built_in_bank(blocked / "cache") == default_bank()
    assert blocked.read_text() == "mine" and list(tmp_path.iterdir()) == [blocked]
    assert built_in_bank(None) == default_bank()


def test_the_name_changes_with_the_bank_and_the_code_that_loads_it(monkeypatch):
    bank = built_in_bank_bytes()
    before = cache_name(bank)
    assert cache_name(bank) == before
    assert cache_name(bank + b"\n# edited") != before
    real = Path.read_bytes

    def edited(path: Path) -> bytes:
        data = real(path)
        return data + b"# changed" if path.name == "models.py" else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert cache_name(bank) != before


def test_a_data_directory_others_can_write_to_gets_no_cache(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # say /tmp: someone else could have put a bank there
    (shared / "cache").mkdir(mode=0o700)
    planted = _cache_file(shared / "cache")
    planted.write_bytes(default_bank().model_dump_json().encode())
    loads = _no_yaml(monkeypatch)
    assert built_in_bank(shared / "cache") == default_bank()
    assert loads == ["yaml"]  # the planted file was not read
    planted.unlink()
    built_in_bank(shared / "cache")
    assert not planted.exists()  # nor is one written there


@pytest.mark.parametrize("how", ["writable by others", "a link"])
def test_a_cache_folder_others_could_fill_is_not_used(tmp_path, monkeypatch, how):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    real = tmp_path / "real-cache"
    real.mkdir(mode=0o700)
    if how == "a link":
        (data / "cache").symlink_to(real)
    else:
        real = data / "cache"
        real.mkdir()
        real.chmod(0o777)
    _cache_file(real).write_bytes(default_bank().model_dump_json().encode())
    loads = _no_yaml(monkeypatch)
    assert built_in_bank(data / "cache") == default_bank()
    assert built_in_bank(data / "cache") == default_bank()
    assert loads == ["yaml", "yaml"]
