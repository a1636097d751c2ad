"""The pure parts of the benchmark: the message mix, percentiles, throughput, the table."""

from __future__ import annotations

import http.server
import json
import math
import os
import threading
import time

import numpy as np
import pytest
import yaml

from tools import bench
from tools.bench import (
    CHECKIN,
    FAQ_QUESTIONS,
    LEVELS,
    PROBE_EXAMPLES,
    PROBE_RESPONSE,
    SMALL_TALK,
    Served,
    ServedResult,
    Timed,
    cpu_seconds,
    format_table,
    measure_interleaved,
    memory_mb,
    parse_cpu_ticks,
    parse_kb,
    parse_stat,
    percentile,
    probe_faq_yaml,
    ratio,
    run_level,
    sender_script,
    summarize,
    summarize_runs,
    throughput,
    top_frames,
)


@pytest.mark.parametrize("q", [0, 25, 50, 90, 95, 99, 100])
def test_percentile_matches_numpy(q: float) -> None:
    values = [0.3, 12.0, 5.5, 7.25, 1.0, 99.0, 42.0, 3.0, 8.0, 15.5, 0.01]
    assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))


def test_percentile_edge_cases() -> None:
    assert percentile([4.0], 99) == 4.0
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_throughput() -> None:
    assert throughput(200, 40.0) == 5.0
    assert math.isnan(throughput(3, 0.0))


def test_summarize_reports_milliseconds_and_rate() -> None:
    result = summarize(10, [0.1, 0.2, 0.3, 0.4], errors=1, elapsed_s=2.0)
    assert (result.senders, result.messages, result.errors) == (10, 4, 1)
    assert (result.p50_ms, result.p95_ms, result.p99_ms) == pytest.approx((250.0, 385.0, 397.0))
    assert result.throughput_per_s == 2.0


def test_every_sender_gets_the_whole_mix_with_the_checkin_in_order() -> None:
    for index in range(50):
        script = sender_script(index)
        assert len(script) == 12
        assert sum(text in FAQ_QUESTIONS for text in script) == 5
        assert sorted(text for text in script if text in SMALL_TALK) == sorted(SMALL_TALK)
        start = script.index(CHECKIN[0])
        assert tuple(script[start : start + len(CHECKIN)]) == CHECKIN


def test_senders_start_at_different_points_of_the_mix() -> None:
    assert len({sender_script(i)[0] for i in range(9)}) >= 5


def test_faq_questions_are_twenty_distinct_phrasings() -> None:
    assert len(set(FAQ_QUESTIONS)) == len(FAQ_QUESTIONS) == 20


def test_proc_parsing() -> None:
    status = "Name:\tpython\nVmPeak:\t 900 kB\nVmRSS:\t  123456 kB\nThreads:\t4\n"
    assert parse_kb(status, "VmRSS") == 123456
    assert parse_kb("Name:\tkthreadd\n", "VmRSS") is None
    fields = " ".join(str(n) for n in range(4, 53))  # fields 4 (ppid) to 52
    ppid, start = parse_stat(f"4242 (rasa (main) x) S {fields}")
    assert (ppid, start) == (4, 22)
    assert parse_cpu_ticks(f"4242 (rasa (main) x) S {fields}") == 14 + 15  # utime + stime


def test_cpu_seconds_counts_this_process_work() -> None:
    before = cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:
        pass
    used = cpu_seconds(os.getpid()) - before
    # At least this loop's work; a little more if a child process (a test server) ran.
    assert 0.25 <= used <= 0.8


def test_ratio_and_table_formatting() -> None:
    assert ratio(300.0, 100.0) == 3.0
    assert ratio(1.0, None) is None
    assert ratio(1.0, 0.0) is None
    assert ratio(float("nan"), 1.0) is None
    table = format_table(
        [("latency p50 @1 (ms)", 300.0, 100.0, 0), ("new FAQ to live (s)", 95.4, None, 0)]
    )
    lines = table.splitlines()
    assert lines[0].split() == ["metric", "clinic", "stock", "clinic/stock"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].split()[-3:] == ["300", "100", "3.00x"]
    assert lines[3].split()[-3:] == ["95", "-", "-"]
    assert len({len(line) for line in lines}) == 1


def test_probe_faq_file_is_a_retrieval_intent_with_twelve_examples_and_metadata() -> None:
    content = yaml.safe_load(probe_faq_yaml())
    (intent,) = content["nlu"]
    assert intent["intent"] == "faq/bench_probe"
    examples = [line[2:] for line in intent["examples"].splitlines() if line.startswith("- ")]
    assert examples == list(PROBE_EXAMPLES) and len(examples) == 12
    (answer,) = content["responses"][PROBE_RESPONSE]
    assert {"question", "section", "topic"} <= set(answer["metadata"])


def test_top_frames_counts_each_frame_once_per_stack() -> None:
    collapsed = (
        "main (a.py:1);featurize (site-packages/rasa/x.py:5);"
        "featurize (site-packages/rasa/x.py:5) 3\n"
        "main (a.py:1);write (site-packages/sqlalchemy/y.py:9) 1\n"
    )
    top = dict(top_frames(collapsed))
    assert top["main (a.py)"] == 100.0
    assert top["featurize (rasa/x.py)"] == 75.0
    assert top["write (sqlalchemy/y.py)"] == 25.0


async def test_load_generator_refuses_anything_but_loopback() -> None:
    with pytest.raises(ValueError):
        await run_level("http://example.com:80", 1, "t")


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A stand-in for Rasa's REST channel that remembers who said what."""

    heard: list[tuple[str, str]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.heard.append((body["sender"], body["message"]))
        reply = b'[{"recipient_id": "x", "text": "ok"}]'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args: object) -> None:
        """Quiet."""


async def test_each_sender_slot_plays_whole_conversations_of_new_patients() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    script = sender_script(0)
    try:
        level = await run_level(
            f"http://127.0.0.1:{server.server_address[1]}", 2, "t", messages=3 * len(script)
        )
    finally:
        server.shutdown()
    assert level.messages == 3 * len(script) and level.errors == 0
    conversations: dict[str, list[str]] = {}
    for sender, message in _Recorder.heard:
        conversations.setdefault(sender, []).append(message)
    # Two slots, three patients' worth of messages: every finished patient said the whole
    # script once, in order, and no conversation ever grew past one script.
    assert all(len(said) <= len(script) for said in conversations.values())
    finished = [said for said in conversations.values() if len(said) == len(script)]
    assert len(finished) >= 2
    assert all(said in (sender_script(0), sender_script(1)) for said in finished)


def test_smaps_rollup_parsing_and_this_process_memory() -> None:
    rollup = "55d0-7ffd ---p 00000000 00:00 0 [rollup]\nRss: 2048 kB\nPss: 1024 kB\n"
    assert parse_kb(rollup, "Pss") == 1024 and parse_kb(rollup, "Swap") is None
    memory = memory_mb(os.getpid())
    assert memory["rss"] and memory["pss"] and memory["largest"]
    assert 0 < memory["pss"] <= memory["rss"] + 1 and memory["largest"] <= memory["rss"]


def test_top_frames_leaves_out_the_sanic_parent_waiting_for_its_workers() -> None:
    parent = "process 1:rasa;main (runpy.py:196);join (/py/multiprocessing/process.py:149)"
    worker = "process 2:rasa;_bootstrap (/py/multiprocessing/process.py:314);parse (rasa/p.py:1)"
    top = dict(top_frames(f"{parent} 30\n{worker} 10\n"))
    assert top["parse (rasa/p.py)"] == 100.0
    assert not any(frame.startswith(("join", "process ")) for frame in top)


def test_runs_of_a_level_are_summarised_as_one() -> None:
    level = summarize_runs(
        10, [Timed([0.010, 0.020], 1, 1.0), Timed([0.030, 0.040, 0.050], 0, 4.0)]
    )
    assert (level.messages, level.errors, level.elapsed_s) == (5, 1, 5.0)
    assert level.throughput_per_s == pytest.approx(1.0)
    assert level.p50_ms == pytest.approx(30.0)


def test_the_assistants_take_turns_ours_stock_stock_ours_at_every_level(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tools.bench as bench

    turns: list[tuple[str, int, str]] = []
    cpu = {1: 0.0, 2: 0.0}

    async def timed(base_url: str, senders: int, tag: str) -> Timed:
        turns.append((base_url, senders, tag))
        pid = 1 if "ours" in base_url else 2
        cpu[pid] += 0.5 if pid == 1 else 2.0  # stock costs four times as much
        return Timed([0.01] * 4, 0, 0.1)

    monkeypatch.setattr(bench, "timed_run", timed)
    monkeypatch.setattr(bench, "cpu_seconds", lambda pid: cpu[pid])
    ours = Served(ServedResult("clinic"), "http://127.0.0.1:1/ours", {"rasa": 1})
    stock = Served(ServedResult("stock"), "http://127.0.0.1:2/stock", {"rasa": 2})
    measure_interleaved([ours, stock])
    for index, senders in enumerate(LEVELS):
        level_turns = turns[4 * index : 4 * index + 4]
        assert [url.rsplit("/", 1)[1] for url, _, _ in level_turns] == [
            "ours",
            "stock",
            "stock",
            "ours",
        ]
        assert {n for _, n, _ in level_turns} == {senders}
    assert len({tag for _, _, tag in turns}) == 4  # new patients in every run of a level
    for served, cpu_ms in ((ours, 1000 * 1.0 / 8), (stock, 1000 * 4.0 / 8)):
        assert [level.senders for level in served.result.levels] == list(LEVELS)
        assert all(level.messages == 8 for level in served.result.levels)
        assert all(level.rasa_cpu_ms == pytest.approx(cpu_ms) for level in served.result.levels)


def test_warming_up_reads_the_memory_of_every_process_of_the_assistant(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tools.bench as bench

    warmed: list[str] = []
    monkeypatch.setattr(bench, "warm_up", lambda base_url, tag: warmed.append(base_url))
    monkeypatch.setattr(bench, "memory_mb", lambda pid: {"rss": float(pid), "pss": pid / 2})
    served = Served(ServedResult("clinic"), "http://127.0.0.1:1", {"rasa": 8, "actions": 2})
    bench.warm(served)
    assert warmed == ["http://127.0.0.1:1"]
    assert served.result.memory_mb == {
        "rasa_warm_rss": 8.0,
        "rasa_warm_pss": 4.0,
        "actions_warm_rss": 2.0,
        "actions_warm_pss": 1.0,
    }


def test_only_the_bot_replies_to_the_last_message_count_for_the_probe() -> None:
    from tools.bench import _utters_since_last_user

    events = [
        {"event": "user", "text": "hi"},
        {"event": "bot", "metadata": {"utter_action": "utter_faq/bench_probe"}},
        {"event": "user", "text": "8"},
        {"event": "action", "name": "action_listen"},
        {"event": "bot", "metadata": {"utter_action": "utter_ask_nerve_symptoms"}},
        {"event": "bot"},
    ]
    assert _utters_since_last_user({"events": events}) == ["utter_ask_nerve_symptoms", None]
    assert _utters_since_last_user({}) == []


def test_the_table_reports_a_new_faq_to_live_without_a_restart() -> None:
    from tools.bench import ProbeResult, ServedResult, table_rows

    probe = ProbeResult(
        total_s=50.0,
        train_s=40.0,
        load_s=6.0,
        answer_s=0.1,
        answered=True,
        conversation_carried_on=True,
    )
    rows = {
        name: ours
        for name, ours, _, _ in table_rows(ServedResult("a"), ServedResult("b"), None, probe)
    }
    assert rows["new FAQ to live, no restart (s)"] == 50.0
    assert rows["  of which swap into every worker (s)"] == 6.0
    assert rows["check-in carried on across the swap"] == 1.0
    assert "  of which server start (s)" not in rows


def test_the_new_faq_to_live_line_says_where_the_time_went() -> None:
    probe = bench.ProbeResult(
        total_s=91.4, train_s=88.2, load_s=2.6, answer_s=0.6, answered=True,
        conversation_carried_on=True,
    )  # fmt: skip
    assert bench.describe_probe(probe) == (
        "New FAQ to live: total 91 s, training 88 s, swap into every worker 3 s, until "
        "answered 1 s; answered: True, check-in carried on: True"
    )
    assert "total - s" in bench.describe_probe(bench.ProbeResult())
