"""Write files and output folders so that a reader never sees half of one, and nothing of the user's is lost.

Output folders are the tool's own: each carries a marker file, and ``--overwrite`` replaces only an empty
folder or a marked one, never the corpus, the checkout, the home folder, ``/``, the current folder or a parent
of any of them. The folder is checked at the start and again, under a lock, just before the swap; the swap
moves the old folder aside, the new one in, then deletes the old one, and a later start repairs what a kill
between those steps left (staging folders carry the id of the process that made them).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from climadiplo.errors import OutputError

MARKER = ".climadiplo-output"
_MARKER_TEXT = "This folder was written by climadiplo; `--overwrite` may replace it as a whole.\n"
_STAGING = "climadiplo-staging"
_RETIRED = "climadiplo-old"
_OWNED = re.compile(rf"^\.(?P<name>.+)\.(?P<kind>{_STAGING}|{_RETIRED})-(?P<pid>\d+)-[0-9a-f]+$")


def _umask() -> int:
    """The process's umask, read without changing it where Linux allows (os.umask sets it to read it)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_atomically(path: Path, write: Callable[[Path], None], overwrite: bool = True) -> Path:
    """Call write(temporary) on a fresh randomly named file beside path, then move it to path in one step.

    Never writes through a symbolic link; with overwrite=False an existing path is refused (checked
    atomically, so a file that appears meanwhile is not replaced either).
    """
    path = Path(path)
    if path.is_symlink():
        raise OutputError(f"{path}: is a symbolic link; not writing through it (give a plain file name)")
    if path.is_dir():
        raise OutputError(f"{path}: is a directory, not a file")
    if not overwrite and path.exists():
        raise OutputError(f"{path}: already exists; choose another file name or pass --overwrite")
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes 0600; the user's umask decides
        write(temporary)
        if overwrite:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)  # fails if path exists: no check-then-write race
            except FileExistsError:
                raise OutputError(f"{path}: already exists; choose another file name or pass --overwrite") from None
            except OSError:  # a file system without hard links: check, then rename
                if os.path.lexists(path):
                    raise OutputError(f"{path}: already exists; choose another file name or pass --overwrite") from None
                os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def write_text_atomically(path: Path, text: str, overwrite: bool = True) -> Path:
    """Write UTF-8 text to path atomically."""
    return write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"), overwrite)


@dataclass(frozen=True)
class OutputState:
    """What an output folder held when it was checked, to notice a change before replacing it."""

    path: Path
    fingerprint: tuple | None


def _fingerprint(folder: Path) -> tuple | None:
    """Every entry under folder with its type, size and modification time (None when absent)."""
    if not os.path.lexists(folder):
        return None
    entries = []
    for root, directories, files in os.walk(folder):
        for name in sorted(directories + files):
            try:
                info = os.lstat(os.path.join(root, name))
            except FileNotFoundError:  # deleted while we looked: the fingerprint differs either way
                continue
            entries.append(
                (os.path.relpath(os.path.join(root, name), folder), info.st_mode, info.st_size, info.st_mtime_ns)
            )
    return tuple(sorted(entries))


def _protected(extra: Iterable[str | Path | None]) -> list[tuple[Path, str]]:
    """Folders no output may be or contain: with why, for the message."""
    package = Path(__file__).resolve().parent
    places = [(Path("/"), "the root folder"), (package.parent, "the climadiplo checkout (or its installation)")]
    with contextlib.suppress(RuntimeError, KeyError):
        places.append((Path.home().resolve(), "your home folder"))
    places.append((Path.cwd().resolve(), "the current folder"))
    places += [(Path(item).resolve(), "the corpus") for item in extra if item]
    return places


def _refuse_protected(out_dir: Path, protect: Iterable[str | Path | None]) -> None:
    resolved = out_dir.resolve()
    for place, why in _protected(protect):
        if resolved == place or resolved in place.parents:
            relation = "is" if resolved == place else "contains"
            raise OutputError(f"{out_dir}: {relation} {why}; choose a new folder for the output")


_RUN_ENTRIES = frozenset({"tables", "notebooks", "figures", "values", "report", "manifest.json"})


def is_tool_folder(folder: Path) -> bool:
    """True when folder was written by climadiplo: it carries the marker, or is a pre-marker output.

    A folder from before the marker counts only if it holds nothing but what the tool writes there: a run's
    manifest.json naming climadiplo and its subfolders, one file per table, or the notebooks' interactive/.
    """
    if (folder / MARKER).is_file() and not (folder / MARKER).is_symlink():
        return True
    from climadiplo.schema import TABLE_COLUMNS

    names = {entry.name for entry in folder.iterdir()}
    table_files = {f"{table}.{fmt}" for table in TABLE_COLUMNS for fmt in ("parquet", "csv")}
    if names and names <= table_files:
        return all((folder / name).is_file() and not (folder / name).is_symlink() for name in names)
    if "interactive" in names:  # reports/ after opening the notebooks in JupyterLab: figures/ and values/ only
        inside = folder / "interactive"
        if (
            inside.is_symlink()
            or not inside.is_dir()
            or not {e.name for e in inside.iterdir()} <= {"figures", "values"}
        ):
            return False
        if names == {"interactive"}:
            return True
    if "manifest.json" in names and names <= _RUN_ENTRIES | {"interactive"}:
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return False
        return isinstance(manifest, dict) and "climadiplo_version" in manifest
    return False


def check_writable(out_dir: Path, overwrite: bool, protect: Iterable[str | Path | None] = ()) -> OutputState:
    """Refuse an output folder that would lose someone's files; return its state for the check at the end.

    protect: paths (the corpus) that the output folder must neither be nor contain.
    """
    out_dir = Path(out_dir)
    recover(out_dir)
    if out_dir.is_symlink():
        raise OutputError(f"{out_dir}: is a symbolic link; give the real folder")
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: exists and is not a directory")
    _refuse_protected(out_dir, protect)
    if out_dir.is_dir() and any(out_dir.iterdir()):
        if not overwrite:
            raise OutputError(f"{out_dir}: output directory is not empty; pass --overwrite to replace it")
        if not is_tool_folder(out_dir):
            raise OutputError(
                f"{out_dir}: not a climadiplo output folder (no {MARKER} file), so --overwrite will not replace it;"
                " choose a new or empty folder"
            )
    return OutputState(out_dir, _fingerprint(out_dir))


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on folder (the output's parent) so two swaps into it cannot interleave."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def recover(out_dir: Path) -> None:
    """Repair what a killed run left beside out_dir: put a moved-aside folder back, delete dead staging."""
    parent = out_dir.parent
    if not parent.is_dir():
        return
    with _locked(parent):
        for entry in sorted(parent.iterdir()):
            match = _OWNED.match(entry.name)
            if not match or match["name"] != out_dir.name or _pid_alive(int(match["pid"])):
                continue
            if match["kind"] == _RETIRED:
                kept = entry / out_dir.name
                if kept.is_dir() and not os.path.lexists(out_dir):
                    os.replace(kept, out_dir)  # killed between "old aside" and "new in": the old results return
            shutil.rmtree(entry, ignore_errors=True)


def _sibling(target: Path, kind: str) -> Path:
    return target.parent / f".{target.name}.{kind}-{os.getpid()}-{secrets.token_hex(4)}"


def make_staging(out_dir: Path) -> Path:
    """A fresh hidden folder beside out_dir to build the output in (with the user's usual permissions)."""
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = _sibling(out_dir, _STAGING)
    staging.mkdir(mode=0o777)  # mkdir applies the umask, unlike tempfile.mkdtemp's 0700
    return staging


def mark(folder: Path) -> None:
    """Write the marker that makes folder the tool's own (so --overwrite may replace it later)."""
    (folder / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")


def fresh_name(target: Path, suffix: str) -> Path:
    """target.SUFFIX, or target.SUFFIX-2, -3 … : the first name that does not exist yet."""
    candidate = target.with_name(f"{target.name}.{suffix}")
    number = 2
    while os.path.lexists(candidate):
        candidate = target.with_name(f"{target.name}.{suffix}-{number}")
        number += 1
    return candidate


def keep_aside(staging: Path, target: Path, suffix: str) -> Path:
    """Move a staging folder to a fresh target.SUFFIX name (never over an older one) and return it."""
    mark(staging)
    with _locked(target.parent):
        kept = fresh_name(target, suffix)
        os.rename(staging, kept)
    return kept


def replace_directory(staging: Path, target: Path, state: OutputState | None = None) -> None:
    """Move a finished staging folder into place: old aside, new in, old deleted; refuse if target changed.

    state: what check_writable saw at the start; if the folder changed since (files written into it,
    another run finished first), nothing is replaced and the new results are kept in a fresh target.new.
    """
    target = Path(target)
    mark(staging)
    with _locked(target.parent):
        if state is not None and _fingerprint(target) != state.fingerprint:
            kept = fresh_name(target, "new")
            os.rename(staging, kept)
            raise OutputError(
                f"{target}: changed while this run was working (another run or new files), so it was left as it is;"
                f" the new results are in {kept}"
            )
        if os.path.lexists(target):
            retired = _sibling(target, _RETIRED)
            retired.mkdir()
            os.rename(target, retired / target.name)
            os.rename(staging, target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.rename(staging, target)
