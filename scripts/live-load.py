#!/usr/bin/env python3
"""Load test of a living recommender (`lightgcn serve --store`).

Posts events in batches at a target rate while other threads ask /recommend at a steady
pace, and measures, over --seconds:

- the ingest rate the server acknowledged (events in 200 answers per second);
- /recommend latency percentiles (p50, p99, max) under that ingest;
- visibility: a user posts a purchase and immediately asks /recommend; the time from the
  POST's start until a /recommend answer that no longer contains the item (the server
  excludes consumed items) and carries "live": true.

Every acknowledged event id is appended to --acked (one per line, written after the 200),
so that a crash test can count them against the store.

  python3 scripts/live-load.py --url http://127.0.0.1:8080 --users 943 --items 1682 \
      --seconds 60 --rate 6000 --acked /tmp/acked.txt --json result.json

Only the Python standard library is used.
"""
import argparse
import http.client
import json
import random
import threading
import time
import urllib.parse


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


class Client:
    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        for attempt in range(2):
            try:
                if self.connection is None:
                    self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                return response.status, response.read(), response.getheader("Retry-After")
            except (ConnectionError, http.client.HTTPException, OSError):
                self.connection = None
                if attempt == 1:
                    raise
        raise RuntimeError("unreachable")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--users", type=int, required=True, help="users are 1…N (MovieLens ids)")
    parser.add_argument("--items", type=int, required=True, help="items are 1…N")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rate", type=float, default=6000, help="target events per second (0: as fast as possible)")
    parser.add_argument("--batch", type=int, default=100, help="events per POST")
    parser.add_argument("--ingest-threads", type=int, default=2)
    parser.add_argument("--recommend-rate", type=float, default=200, help="GET /recommend per second")
    parser.add_argument("--recommend-threads", type=int, default=4)
    parser.add_argument("--visibility-trials", type=int, default=100)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--prefix", default="load-%d" % int(time.time()), help="event id prefix (unique per run)")
    parser.add_argument("--acked", help="append acknowledged event ids to this file")
    parser.add_argument("--json", help="write the results as JSON here")
    parser.add_argument("--tolerate-errors", action="store_true",
                        help="keep going when the server goes away (crash test); count failures")
    args = parser.parse_args()

    stop = threading.Event()
    lock = threading.Lock()
    stats = {"acked": 0, "batches": 0, "status": {}, "errors": 0, "latencies": [], "recommend_errors": 0,
             "visibility": [], "visibility_failures": 0}
    acked_file = open(args.acked, "a") if args.acked else None
    types = ["view", "view", "view", "click", "cart", "purchase"]
    start = time.monotonic()
    deadline = start + args.seconds

    def ingest(thread):
        client = Client(args.url)
        rng = random.Random(thread)
        per_thread = args.rate / args.ingest_threads if args.rate > 0 else 0
        interval = args.batch / per_thread if per_thread > 0 else 0
        next_time = time.monotonic()
        n = 0
        while not stop.is_set() and time.monotonic() < deadline:
            ids, events = [], []
            now = int(time.time())
            for _ in range(args.batch):
                event_id = "%s-%d-%d" % (args.prefix, thread, n)
                n += 1
                ids.append(event_id)
                events.append({"event_id": event_id, "user": "%d" % rng.randint(1, args.users),
                               "item": str(rng.randint(1, args.items)), "type": rng.choice(types), "timestamp": now})
            body = json.dumps(events)
            try:
                status, _, _ = client.request("POST", "/events", body, {"Content-Type": "application/json"})
            except Exception:
                with lock:
                    stats["errors"] += 1
                if not args.tolerate_errors:
                    raise
                time.sleep(0.05)
                continue
            with lock:
                stats["status"][status] = stats["status"].get(status, 0) + 1
                if status == 200:
                    stats["acked"] += len(ids)
                    stats["batches"] += 1
                    if acked_file:
                        acked_file.write("\n".join(ids) + "\n")
                        acked_file.flush()
            if interval:
                next_time += interval
                delay = next_time - time.monotonic()
                if delay > 0:
                    time.sleep(delay)

    def recommend(thread):
        client = Client(args.url)
        rng = random.Random(1000 + thread)
        interval = args.recommend_threads / args.recommend_rate
        next_time = time.monotonic() + rng.random() * interval
        while not stop.is_set() and time.monotonic() < deadline:
            delay = next_time - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            next_time += interval
            user = "%d" % rng.randint(1, args.users)
            began = time.perf_counter()
            try:
                status, _, _ = client.request("GET", "/recommend?user=%s&k=%d" % (user, args.k))
            except Exception:
                with lock:
                    stats["recommend_errors"] += 1
                if not args.tolerate_errors:
                    raise
                time.sleep(0.05)
                continue
            elapsed = time.perf_counter() - began
            with lock:
                if status == 200:
                    stats["latencies"].append(elapsed)
                else:
                    stats["recommend_errors"] += 1

    def visibility():
        client = Client(args.url)
        rng = random.Random(7)
        spacing = args.seconds / (args.visibility_trials + 1)
        for trial in range(args.visibility_trials):
            target = start + spacing * (trial + 1)
            while time.monotonic() < target:
                if stop.is_set():
                    return
                time.sleep(0.01)
            user = "%d" % rng.randint(1, args.users)
            try:
                _, body, _ = client.request("GET", "/recommend?user=%s&k=%d" % (user, args.k))
                items = [entry["item"] for entry in json.loads(body).get("items", [])]
                if not items:
                    continue
                chosen = items[0]
                event = {"event_id": "%s-vis-%d" % (args.prefix, trial), "user": user, "item": chosen,
                         "type": "purchase", "timestamp": int(time.time())}
                began = time.perf_counter()
                status, _, _ = client.request("POST", "/events", json.dumps(event), {"Content-Type": "application/json"})
                if status != 200:
                    with lock:
                        stats["visibility_failures"] += 1
                    continue
                if acked_file:
                    with lock:
                        acked_file.write(event["event_id"] + "\n")
                        acked_file.flush()
                seen = False
                while time.perf_counter() - began < 5:
                    _, body, _ = client.request("GET", "/recommend?user=%s&k=%d" % (user, args.k))
                    answer = json.loads(body)
                    if answer.get("live") and chosen not in [entry["item"] for entry in answer.get("items", [])]:
                        seen = True
                        break
                elapsed = time.perf_counter() - began
                with lock:
                    if seen:
                        stats["visibility"].append(elapsed)
                    else:
                        stats["visibility_failures"] += 1
            except Exception:
                with lock:
                    stats["visibility_failures"] += 1
                if not args.tolerate_errors:
                    raise

    threads = [threading.Thread(target=ingest, args=(t,)) for t in range(args.ingest_threads)]
    threads += [threading.Thread(target=recommend, args=(t,)) for t in range(args.recommend_threads)]
    threads.append(threading.Thread(target=visibility))
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join()
    except KeyboardInterrupt:
        stop.set()
    elapsed = time.monotonic() - start
    if acked_file:
        acked_file.close()

    ms = lambda v: None if v is None else round(v * 1000, 2)
    latencies, visible = stats["latencies"], stats["visibility"]
    result = {
        "seconds": round(elapsed, 1), "targetRate": args.rate, "batch": args.batch,
        "ackedEvents": stats["acked"], "ackedPerSecond": round(stats["acked"] / elapsed, 1),
        "ingestStatus": {str(k): v for k, v in sorted(stats["status"].items())}, "ingestErrors": stats["errors"],
        "recommendRequests": len(latencies), "recommendErrors": stats["recommend_errors"],
        "recommendP50ms": ms(percentile(latencies, 50)), "recommendP99ms": ms(percentile(latencies, 99)),
        "recommendMaxms": ms(max(latencies) if latencies else None),
        "visibilityTrials": len(visible), "visibilityFailures": stats["visibility_failures"],
        "visibilityP50ms": ms(percentile(visible, 50)), "visibilityP99ms": ms(percentile(visible, 99)),
        "visibilityMaxms": ms(max(visible) if visible else None),
    }
    print(json.dumps(result))
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
