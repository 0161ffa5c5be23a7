"""load_or_compute: of processes that ask at once, one computes; the rest read its whole file."""

import multiprocessing as mp
import time
from pathlib import Path

import pytest

from mathanim.diskonce import load_or_compute


def _slow_value(path: Path, log: Path) -> str:
    def compute():
        with log.open("a") as f:
            f.write("computed\n")
        time.sleep(0.5)  # long enough that the other processes ask while this one computes
        return "value"
    return load_or_compute(path, compute, lambda p: p.read_text(), lambda v, part: part.write_text(v))


def _worker(path, log, out):
    out.put(_slow_value(Path(path), Path(log)))


def test_one_process_computes_the_others_read(tmp_path):
    path, log = tmp_path / "cache" / "thing.txt", tmp_path / "log"
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(str(path), str(log), out)) for _ in range(3)]
    for p in procs:
        p.start()
    got = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert got == ["value"] * 3
    assert log.read_text().count("computed") == 1
    assert sorted(f.name for f in path.parent.iterdir()) == ["thing.lock", "thing.txt"]  # no part file left


def test_a_failed_computation_leaves_no_file(tmp_path):
    path = tmp_path / "thing.txt"

    def boom():
        raise RuntimeError("no")
    with pytest.raises(RuntimeError):
        load_or_compute(path, boom, lambda p: p.read_text(), lambda v, part: part.write_text(v))
    assert not path.exists()
    assert _slow_value(path, tmp_path / "log") == "value"
