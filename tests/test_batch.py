"""`plan_many`: statuses, output folder, resume, limits and engines (no Dask here).

Most tests use the serial engine (no process start-up); the pool tests compare 1 and 2 local
workers. Identity tests use clients that prove optimality in well under a second, with a 30 s
limit, so a busy machine still ends every search by proof (see README, Determinism).
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from optimizer import InputError, load_catalog, plan, validate
from optimizer.batch import LocalEngine, plan_many
from optimizer.batch import tasks as tasks_module
from optimizer.batch.index_page import index_html
from optimizer.batch.output import SUMMARY_FIELDS, TIMING_FIELDS
from optimizer.batch.results import ClientResult
from optimizer.constraints import parse_constraints
from optimizer.errors import SolverTimeoutError

from helpers import EXAMPLES, ROOT

#: Rows of examples/clients.csv that prove optimality fastest (0.2-0.9 s each, one worker):
#: batch tests check the plumbing, not the search, and several tests pay for every second here.
QUICK = ("george", "pia", "gus", "bianca", "alex", "vera", "jin", "maya")
TIMING_KEYS = ("solve_seconds", "build_seconds")


def quick_sheet(path: Path, names: tuple[str, ...] = QUICK, time_limit: float = 30) -> Path:
    """A sheet of the named example clients, with a limit long enough to end by proof."""
    with (EXAMPLES / "clients.csv").open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = {row["client"]: row for row in reader}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for name in names:
            writer.writerow({**rows[name], "time_limit": str(time_limit)})
    return path


def _without_timing(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in TIMING_KEYS}


def _summary_without_timing(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [
            {k: v for k, v in row.items() if k not in TIMING_FIELDS}
            for row in csv.DictReader(handle)
        ]


def assert_same_folders(a: Path, b: Path) -> None:
    """Two batch folders hold the same files with the same content, timing aside."""
    files_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert files_a == files_b
    assert not [f for f in files_a if ".tmp" in f]
    for name in files_a:
        left, right = (a / name).read_text(), (b / name).read_text()
        if name == "summary.csv":
            assert _summary_without_timing(a / name) == _summary_without_timing(b / name)
        elif name.endswith(".json"):
            assert _without_timing(json.loads(left)) == _without_timing(json.loads(right)), name
        elif name.endswith((".md", ".html")):  # the status line says how long the solve took
            timing = re.compile(r" in [\d.]+ s;")
            assert timing.sub("", left) == timing.sub("", right), name
        else:
            assert left == right, name


def read_summary(out: Path) -> list[dict]:
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# -- the API --------------------------------------------------------------------------------------


def test_plan_many_in_memory_gives_what_plan_gives():
    catalog = load_catalog()
    clients = [
        {"client": "a", "days": ["mon", "thu"], "session_minutes": 40, "targets": {"chest": 6}},
        {"client": "b", "days": ["tue"], "equipment": ["bodyweight_only"], "targets": {"abs": 4}},
    ]
    batch = plan_many(clients, engine="serial", time_limit=30)
    assert batch.ok and batch.out is None
    for given, result in zip(clients, batch.results, strict=True):
        assert result.status == "optimal"
        expected = plan(given, catalog, time_limit=30)
        got = result.program
        assert _without_timing(got.model_dump()) == _without_timing(expected.model_dump())
        assert validate(got, parse_constraints(given), catalog) == []
    assert list(batch.summary().columns) == list(SUMMARY_FIELDS)
    frame = batch.programs()
    assert set(frame["client"]) == {"a", "b"} and len(frame) == sum(
        len(d.exercises) for r in batch.results for d in r.program.days
    )


BAD_SHEET = """client,days,session_minutes,equipment,require,targets
good,mon;thu,40,commercial_gym,,chest:6@2;lats:6
typo,mon;thu,40,dumbell,,chest:6
tight,mon,15,commercial_gym,barbell_back_squat;barbell_bench_press,chest:6
good,tue,40,commercial_gym,,chest:4
Good,tue,40,commercial_gym,,chest:4
bad id,tue,40,commercial_gym,,chest:4
wide,tue,40,commercial_gym,,chest:4,extra
boom,tue,40,commercial_gym,,chest:4
slow,tue,40,commercial_gym,,chest:4
nosuch,tue,40,commercial_gym,reverse_hyper,chest:4
"""


@pytest.fixture
def faulty_plan(monkeypatch):
    """`boom` raises an unexpected exception and `slow` runs out of time, in the worker."""

    def fake(constraints, catalog=None, **kwargs):
        if constraints.client == "boom":
            raise ZeroDivisionError("division by zero")
        if constraints.client == "slow":
            raise SolverTimeoutError("No program for slow found within 10 s (status unknown)")
        return plan(constraints, catalog, **kwargs)

    monkeypatch.setattr(tasks_module, "plan", fake)


def test_one_bad_client_never_stops_the_batch(tmp_path, faulty_plan):
    sheet = tmp_path / "clients.csv"
    sheet.write_text(BAD_SHEET, encoding="utf-8")
    out = tmp_path / "out"
    batch = plan_many(sheet, out, engine="serial", time_limit=30)
    statuses = {(r.client, r.source.split()[-1]): r for r in batch.results}
    expect = {
        ("good", "2"): "optimal",
        ("typo", "3"): "invalid_input",
        ("tight", "4"): "infeasible",
        ("good", "5"): "invalid_input",
        ("Good", "6"): "invalid_input",
        ("bad id", "7"): "invalid_input",
        ("wide", "8"): "invalid_input",
        ("boom", "9"): "error",
        ("slow", "10"): "timeout",
        ("nosuch", "11"): "invalid_input",
    }
    assert {k: r.status for k, r in statuses.items()} == expect
    assert not batch.ok and len(batch.failed) == 9
    assert statuses[("typo", "3")].field == "equipment[0]"
    assert "did you mean dumbbell" in statuses[("typo", "3")].error
    assert "duplicate id 'good' (first at clients.csv row 2)" in statuses[("good", "5")].error
    assert "duplicate id 'Good'" in statuses[("Good", "6")].error
    assert "not a usable id" in statuses[("bad id", "7")].error
    assert "more cells than the header" in statuses[("wide", "8")].error
    assert statuses[("boom", "9")].error == "ZeroDivisionError: division by zero"
    assert "No program for tight" in statuses[("tight", "4")].error
    assert statuses[("nosuch", "11")].field == "require[0]"
    # the summary keeps input order, one row per client, the reason on every failure
    rows = read_summary(out)
    assert [(r["client"], r["status"]) for r in rows] == [(k[0], v) for k, v in expect.items()]
    assert all(r["error"] for r in rows if r["status"] != "optimal")
    assert "\n" not in "".join(r["error"] for r in rows)
    # files: the program for the good client; a record for every usable, unique id
    assert sorted(p.name for p in (out / "clients").iterdir()) == [
        "good.csv",
        "good.html",
        "good.json",
        "good.md",
    ]
    records = sorted(p.stem for p in (out / "records").iterdir())
    assert records == ["boom", "good", "nosuch", "slow", "tight", "typo", "wide"]
    boom = json.loads((out / "records" / "boom.json").read_text())
    assert boom["status"] == "error" and "ZeroDivisionError" in boom["traceback"]
    assert batch.describe() == (
        "10 clients: 1 optimal, 6 invalid_input, 1 infeasible, 1 timeout, 1 error; 9 failed"
    )
    # index.html: the same rows in the same order; only the week found is a link, to its page
    page = IndexPage.read(out / "index.html")
    assert [(r[0], r[1]) for r in page.rows] == [(k[0], v) for k, v in expect.items()]
    assert page.links == ["clients/good.html"] and (out / page.links[0]).is_file()
    why = {r[0] + r[1]: r[-1] for r in page.rows}
    assert "did you mean dumbbell" in why["typoinvalid_input"]
    assert why["boomerror"] == "ZeroDivisionError: division by zero"
    assert "9 need a fix" in page.text


def test_the_index_page_escapes_names_and_reasons(tmp_path):
    bad = ClientResult("<i>x</i>", "s.csv row 2", "invalid_input", error='days: "<script>"')
    path = tmp_path / "index.html"
    path.write_text(index_html([bad], "clients"), encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    assert "<i>" not in text and "<script>" not in text
    page = IndexPage.read(path)
    assert page.rows == [["<i>x</i>", "invalid_input", "", "", "", "", 'days: "<script>"']]
    assert page.links == []


def test_the_output_folder_matches_plan_out(tmp_path):
    out = tmp_path / "out"
    batch = plan_many(quick_sheet(tmp_path / "c.csv", QUICK[:3]), out, engine="serial")
    assert batch.ok
    programs = (out / "programs.csv").read_text().splitlines()
    header = programs[0]
    combined = []
    for name in QUICK[:3]:
        lines = (out / "clients" / f"{name}.csv").read_text().splitlines()
        assert lines[0] == header
        combined += lines[1:]
        data = json.loads((out / "clients" / f"{name}.json").read_text())
        assert data["client"] == name and data["status"] == "optimal"
        assert (out / "clients" / f"{name}.md").read_text().startswith(f"# Week for {name}")
        record = json.loads((out / "records" / f"{name}.json").read_text())
        assert record["objective"] == data["objective"]
        assert record["minutes"] == {d["day"]: d["minutes"] for d in data["days"]}
    assert programs[1:] == combined
    rows = read_summary(out)
    assert [r["client"] for r in rows] == list(QUICK[:3])
    george = rows[0]
    assert george["status"] == "optimal" and george["gap"] == "0"
    assert george["minutes_mon"] and george["minutes_thu"] and not george["minutes_tue"]
    assert batch.program("george").client == "george"  # read back from the folder


# -- resume ---------------------------------------------------------------------------------------


@pytest.fixture
def counted_plan(monkeypatch):
    """Count the solves, to prove which clients a resumed batch runs again."""
    calls: list[str] = []

    def counting(constraints, catalog=None, **kwargs):
        calls.append(constraints.client)
        return plan(constraints, catalog, **kwargs)

    monkeypatch.setattr(tasks_module, "plan", counting)
    return calls


def test_resume_skips_done_clients_and_redoes_changed_or_missing_ones(tmp_path, counted_plan):
    names = (*QUICK[:3], "tight")
    sheet = quick_sheet(tmp_path / "c.csv", QUICK[:3])
    with sheet.open("a", encoding="utf-8") as handle:
        handle.write("tight,mon,15,,commercial_gym,,,,,barbell_back_squat;barbell_bench_press\n")
    out = tmp_path / "out"
    first = plan_many(sheet, out, engine="serial")
    assert [r.status for r in first.results] == ["optimal"] * 3 + ["infeasible"]
    reference = tmp_path / "reference"
    reference.mkdir()
    for item in out.rglob("*"):
        if item.is_file():
            target = reference / item.relative_to(out)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(item.read_bytes())
    counted_plan.clear()

    again = plan_many(sheet, out, engine="serial", resume=True)
    assert counted_plan == []  # everything done, the failure too
    assert all(r.resumed for r in again.results)
    assert [r.status for r in again.results] == [r.status for r in first.results]
    assert_same_folders(out, reference)

    (out / "records" / "pia.json").unlink()  # as if killed before pia's record was written
    plan_many(sheet, out, engine="serial", resume=True)
    assert counted_plan == ["pia"]
    assert_same_folders(out, reference)

    counted_plan.clear()
    plan_many(sheet, out, engine="serial", resume=True, retry_failed=True)
    assert counted_plan == ["tight"]

    counted_plan.clear()
    text = sheet.read_text().replace("george,mon;thu,30", "george,mon;thu,40")
    sheet.write_text(text)
    changed = plan_many(sheet, out, engine="serial", resume=True)
    assert counted_plan == ["george"]  # its input changed, so its old week is stale
    assert changed.results[0].minutes != first.results[0].minutes or changed.results[0].ok
    assert [r.client for r in changed.results] == list(names)


class IndexPage(HTMLParser):
    """The batch's index.html: its table rows as cell texts, its links, its text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self.text = ""
        self._cell: list[str] | None = None

    @classmethod
    def read(cls, path: Path) -> IndexPage:
        page = cls()
        page.feed(path.read_text(encoding="utf-8"))
        page.rows = page.rows[1:]  # the header
        return page

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        self.text += data
        if self._cell is not None:
            self._cell.append(data)


def test_a_folder_holding_a_batch_is_not_mixed_with_another(tmp_path):
    sheet = quick_sheet(tmp_path / "c.csv", QUICK[:1])
    out = tmp_path / "out"
    plan_many(sheet, out, engine="serial")
    with pytest.raises(InputError, match="already holds a batch"):
        plan_many(sheet, out, engine="serial")
    (out / "mine.txt").write_text("kept")
    plan_many(quick_sheet(tmp_path / "d.csv", QUICK[1:2]), out, engine="serial", overwrite=True)
    assert sorted(p.name for p in (out / "records").iterdir()) == [f"{QUICK[1]}.json"]
    assert (out / "mine.txt").read_text() == "kept"
    assert IndexPage.read(out / "index.html").links == [f"clients/{QUICK[1]}.html"]
    with pytest.raises(InputError, match="--resume"):
        plan_many(sheet, None, resume=True)
    with pytest.raises(InputError, match="--time-limit"):
        plan_many(sheet, tmp_path / "x", time_limit=-1)
    with pytest.raises(InputError, match="needs --engine dask"):
        plan_many(sheet, tmp_path / "x", scheduler="tcp://127.0.0.1:1")
    with pytest.raises(InputError, match="needs --engine dask"):  # it was ignored
        plan_many(sheet, tmp_path / "x", engine="serial", scheduler="tcp://127.0.0.1:1")
    with pytest.raises(InputError, match="--retry-failed: needs --resume"):
        plan_many(sheet, tmp_path / "x", retry_failed=True)
    for limit in (0, float("nan"), float("inf")):  # nan slipped past "> 0"
        with pytest.raises(InputError, match="--batch-time-limit"):
            plan_many(sheet, tmp_path / "x", batch_time_limit=limit)
    # a Dask ValueError (an internal error) and a traceback from its clean-up, before
    for address in ("notaurl", "http://x", "tcp://host:99999"):
        with pytest.raises(InputError, match="not a scheduler address"):
            plan_many(sheet, tmp_path / "x", engine="dask", scheduler=address)


def test_the_batch_limit_marks_unfinished_clients_and_resume_finishes_them(tmp_path):
    sheet = quick_sheet(tmp_path / "c.csv", QUICK[:3])
    out = tmp_path / "out"
    batch = plan_many(sheet, out, engine="serial", batch_time_limit=1e-6)
    assert [r.status for r in batch.results] == ["batch_timeout"] * 3
    assert all("--resume" in r.error for r in batch.results)
    assert [r["status"] for r in read_summary(out)] == ["batch_timeout"] * 3
    assert not (out / "records").exists() or not any((out / "records").iterdir())
    done = plan_many(sheet, out, engine="serial", resume=True)
    assert done.ok and [r.status for r in done.results] == ["optimal"] * 3


# -- the local pool -------------------------------------------------------------------------------


def test_results_are_identical_with_one_or_two_local_workers(tmp_path):
    sheet = quick_sheet(tmp_path / "c.csv")
    one = plan_many(sheet, tmp_path / "one", engine="local", workers=1)
    two = plan_many(sheet, tmp_path / "two", engine="local", workers=2)
    assert [r.status for r in one.results] == ["optimal"] * len(QUICK)
    assert [r.status for r in two.results] == ["optimal"] * len(QUICK)
    assert_same_folders(tmp_path / "one", tmp_path / "two")
    assert multiprocessing.active_children() == []


def test_the_batch_limit_stops_a_running_solve(tmp_path):
    """A client whose search would run 60 s is cut at the batch limit, not waited for."""
    sheet = tmp_path / "c.csv"
    # the default targets in three short sessions at 60 s: cut at the batch limit
    sheet.write_text(
        "client,days,session_minutes,experience,time_limit\n"
        "heavy,mon;wed;fri,60,advanced,60\n"
        "heavy2,tue;thu;sat,60,advanced,60\n",
        encoding="utf-8",
    )
    import time

    started = time.monotonic()
    batch = plan_many(sheet, tmp_path / "out", engine="local", workers=1, batch_time_limit=3)
    assert time.monotonic() - started < 20
    assert batch.results[-1].status == "batch_timeout"
    assert multiprocessing.active_children() == []


def crash_on_bad(task: dict, context: object) -> dict:
    """A task function whose worker process dies on the client `bad` (importable by spawn)."""
    if task["client"] == "bad":
        os._exit(3)
    return {"client": task["client"], "status": "optimal", "program": None, "seconds": 0.0}


def test_a_worker_that_dies_loses_only_its_own_client():
    tasks = [{"client": name} for name in ("a", "bad", "b", "c")]
    results = dict(LocalEngine(2).run(crash_on_bad, tasks, None, None))
    assert sorted(results) == [0, 1, 2, 3]
    assert [results[i]["status"] for i in (0, 2, 3)] == ["optimal"] * 3
    assert results[1]["status"] == "error" and "worker process died" in results[1]["error"]
    assert multiprocessing.active_children() == []


def test_another_catalog_travels_with_the_tasks_to_the_workers(tmp_path):
    """Workers load the bundled catalog themselves; any other one is shipped to them."""
    lines = (ROOT / "models" / "exercises.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("leg_extension,")]
    assert len(kept) == len(lines) - 1
    catalog = tmp_path / "exercises.csv"
    catalog.write_text("\n".join(kept) + "\n", encoding="utf-8")
    clients = [
        {"client": "a", "days": ["mon"], "targets": {"quads": 4}, "require": ["leg_press"]},
        {"client": "b", "days": ["mon"], "targets": {"quads": 4}, "require": ["leg_extension"]},
    ]
    batch = plan_many(clients, catalog=catalog, engine="local", workers=1, time_limit=30)
    assert [r.status for r in batch.results] == ["optimal", "invalid_input"]
    assert "unknown exercise 'leg_extension'" in batch.results[1].error
    assert all(
        ex.id != "leg_extension" for d in batch.results[0].program.days for ex in d.exercises
    )


def test_a_success_without_a_week_is_reported_as_an_error():
    from optimizer.batch import ClientResult

    result = ClientResult.from_task("x", "item 1", {"status": "optimal", "program": None})
    assert result.status == "error" and "without a program" in result.error
