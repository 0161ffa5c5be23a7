"""The artifact store: where job folders, videos and posters live, named by references that travel in tasks.

The default is a shared folder (the media folder; on several machines, the same folder mounted on each, e.g.
over NFS): a reference is a path relative to its root, so each side resolves it against its own mount.
An object store fits the same interface: `publish` uploads a finished job folder from a worker's scratch
copy, `fetch` brings it to the app's side. Tasks carry references, never file contents: no video bytes go
through the broker.
"""

from __future__ import annotations

import uuid
from pathlib import Path


class ArtifactStore:
    """Shared-folder store rooted at `root` (the settings' media folder)."""

    def __init__(self, root: Path, absolute_ok: bool = True):
        self.root = Path(root).resolve()
        # the app's own side may name a file outside the store by its absolute path (a TeX cache elsewhere);
        # a worker resolves nothing outside its store
        self.absolute_ok = absolute_ok

    def new_workdir(self) -> Path:
        """A fresh job folder inside the store."""
        work = self.root / "work" / uuid.uuid4().hex[:16]
        work.mkdir(parents=True)
        return work

    def ref(self, path: Path | str) -> str:
        """The reference of a path: relative inside the store, else absolute (usable on the app's side only)."""
        path = Path(path).resolve()
        return str(path.relative_to(self.root)) if self.contains(path) else str(path)

    def contains(self, path: Path) -> bool:
        return path == self.root or self.root in path.parents

    def path(self, ref: str) -> Path:
        """The local path of a reference; on a worker a reference may not leave the store."""
        path = (self.root / ref).resolve()
        if not self.contains(path) and not (self.absolute_ok and Path(ref).is_absolute()):
            raise ValueError(f"artifact reference outside the store: {ref!r}")
        return path

    def publish(self, work: Path) -> None:
        """Worker side, after a task: make the job folder's files visible to the app (shared folder: they are)."""

    def fetch(self, work: Path) -> None:
        """App side, before reading a finished task's files (shared folder: they are already here)."""
