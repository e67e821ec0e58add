"""A real distributed run: a Dask LocalCluster of worker processes extracts the corpus through the
package, the rows are gathered into one DataFrame, and it equals `nianbao batch` + `index` +
`export --csv --states` of the same files (docs/scaling.md: the same code on a real cluster)."""
import logging
import subprocess

import pandas as pd
import pytest

import nianbao

distributed = pytest.importorskip("distributed", reason="python3-distributed (Debian) runs this test")


def csv_frame(binary, files, tmp_path):
    out, db, csv = tmp_path / "out", tmp_path / "corpus.db", tmp_path / "cells.csv"
    subprocess.run([binary, "batch", *map(str, files), "-o", str(out), "-j", "2"], check=True, capture_output=True)
    subprocess.run([binary, "index", str(out), "--db", str(db)], check=True, capture_output=True)
    # Every form of a report (one row per file), as the cluster made one row per file.
    subprocess.run([binary, "export", "--db", str(db), "--csv", "--states", "--all-forms", "-o", str(csv)],
                   check=True, capture_output=True)
    text_columns = {c: str for c in ["source", "agency", "year", "template"]}
    frame = pd.read_csv(csv, dtype=text_columns, keep_default_na=False, na_values={})
    return frame.drop(columns=["report", "path"])


def normalise(frame):
    frame = frame.sort_values("source").reset_index(drop=True)
    for c in frame.columns:
        if c in ("source", "agency", "year", "template") or c.endswith(":state"):
            frame[c] = frame[c].astype(str)
        elif c == "failed_checks":
            frame[c] = frame[c].astype("int64")
        else:
            frame[c] = pd.to_numeric(frame[c].replace("", float("nan")), errors="raise").astype("float64")
    return frame


def test_dask_cluster_extraction_equals_batch_and_export_csv(corpus_files, binary, tmp_path):
    files = [str(p) for p in corpus_files]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster, distributed.Client(cluster) as client:
        # The function is the package's: the workers import nianbao, not this test module.
        futures = client.map(nianbao.cells_row, files)
        distributed.wait(futures, timeout=120)
        rows = client.gather(futures)
        workers = {w for w in client.who_has(futures).values() for w in w}
    assert len(workers) == 2, "the work ran in both worker processes"
    dask_frame = nianbao.frame_from_rows(rows)
    cli_frame = csv_frame(binary, files, tmp_path)
    # The CSV has more per-report columns (ids, divisions, counts); the package's are all among them.
    assert set(dask_frame.columns) <= set(cli_frame.columns)
    from_dask = normalise(dask_frame)
    from_cli = normalise(cli_frame[list(dask_frame.columns)])
    assert list(from_dask.columns) == list(from_cli.columns)
    assert len(from_dask) == len(files)
    pd.testing.assert_frame_equal(from_dask, from_cli, check_exact=True)
