"""Issue 15 item 4 with the real binaries: two serve workers on one PostgreSQL.

Usage: workers_check.py PATH_TO_FGSYNC, with FGSYNC_TEST_POSTGRES_URL set (the server of
Tests/Postgres/start.sh). Makes its own databases on that server and drops them at the end.
Prints one line per check and, last, "workers-check: N passed, M failed"; exits 1 on any
failure. The database password is never printed: everything printed goes through redact().
"""
import difflib
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

FGSYNC = sys.argv[1]
SERVER_URL = os.environ["FGSYNC_TEST_POSTGRES_URL"]
SERVER = urllib.parse.urlsplit(SERVER_URL)
POLL_SECONDS = 2
LEASE_SECONDS = 30
passed = failed = 0


def redact(text):
    text = str(text)
    text = re.sub(r"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)
    if SERVER.password:
        text = text.replace(SERVER.password, "***")
    return text


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}", flush=True)
    else:
        failed += 1
        print(redact(f"FAIL {name} {detail}"), flush=True)


def note(text):
    print(redact(f"     {text}"), flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(name):
    return urllib.parse.urlunsplit(SERVER._replace(path="/" + name))


def psql(sql, database="postgres"):
    """Runs SQL with psql (the password in PGPASSWORD, never on a command line); rows as lists."""
    env = dict(os.environ, PGHOST=SERVER.hostname or "127.0.0.1", PGPORT=str(SERVER.port or 5432),
               PGUSER=urllib.parse.unquote(SERVER.username or "postgres"),
               PGPASSWORD=urllib.parse.unquote(SERVER.password or ""), PGDATABASE=database, PGSSLMODE="disable")
    result = subprocess.run(["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                            env=env, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(redact(f"psql failed on {sql[:120]!r}: {result.stderr.strip()}"))
    return [line.split("\t") for line in result.stdout.splitlines() if line]


def first_line(process, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line:
            return json.loads(line)
        if process.poll() is not None:
            break
    raise RuntimeError(f"{what} printed no first line")


def http(method, url, token=None, body=None, fulcrum_token=None):
    request = urllib.request.Request(url, method=method, data=body)
    request.add_header("Accept", "application/json")
    if fulcrum_token:
        request.add_header("X-ApiToken", fulcrum_token)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
        request.add_header("Version", "2021-07-28")
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except (urllib.error.URLError, ConnectionError) as error:
        return 0, str(error)


def run(*arguments, env):
    return subprocess.run([FGSYNC, *arguments], env=env, capture_output=True, text=True, timeout=180)


def wait_for(predicate, seconds=30, step=0.2):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def passes(url, sync=None):
    """fgsync_passes_total of one worker (of one sync, or all), summed by outcome ({} when it does not answer)."""
    status, body = http("GET", f"{url}/metrics")
    totals = {}
    if status != 200:
        return totals
    for match in re.finditer(r'^fgsync_passes_total\{([^}]*)\}\s+([0-9.e+]+)$', body, re.M):
        labels = dict(re.findall(r'(\w+)="([^"]*)"', match.group(1)))
        if sync is not None and labels.get("sync") != sync:
            continue
        totals[labels.get("outcome", "?")] = totals.get(labels.get("outcome", "?"), 0) + int(float(match.group(2)))
    return totals


def worked(totals):
    return sum(count for outcome, count in totals.items() if outcome not in ("elsewhere", "error"))


def runs(schema, database):
    """(id, started, finished or None, outcome) of every run in a sync's schema, in start order."""
    rows = psql(f'SELECT id, extract(epoch FROM started_at), extract(epoch FROM finished_at), coalesce(outcome, \'\') '
                f'FROM "{schema}".runs ORDER BY started_at, id', database)
    return [(int(r[0]), float(r[1]), float(r[2]) if r[2] else None, r[3]) for r in rows]


def overlaps(rows, ends):
    """Pairs of runs of one sync that were running at once; `ends` gives an end to unfinished runs."""
    found = []
    for earlier, later in zip(rows, rows[1:]):
        end = earlier[2] if earlier[2] is not None else ends.get(earlier[0])
        if end is None or later[1] < end:
            found.append((earlier[0], later[0]))
    return found


def stats_writes(url, token=None, fulcrum_token=None):
    """The simulator's write requests so far (any method but GET, searches and control routes left out)."""
    status, body = http("GET", f"{url}/_sim/stats", token=token, fulcrum_token=fulcrum_token)
    routes = json.loads(body).get("byRoute", {}) if status == 200 else {}
    return sum(count for route, count in routes.items()
               if not route.startswith("GET ") and "search" not in route and "_sim" not in route and "oauth" not in route)


work = tempfile.mkdtemp(prefix="fgsync-workers-")
config = os.path.join(work, "fgsync.yaml")
tag = f"{os.getpid()}_{int(time.time())}"
database = f"fgsync_workers_{tag}"
migrate_database = f"fgsync_migrate_{tag}"
made = []
processes = []
port_a, port_b = free_port(), free_port()
started_all = time.monotonic()
try:
    for name in (database, migrate_database):
        psql(f'CREATE DATABASE "{name}"')
        made.append(name)
    check("two fresh databases on the test server", True)

    simulate = subprocess.Popen(
        [FGSYNC, "simulate", "--locations", "3", "--write-config", config,
         "--ghl-webhook", f"http://127.0.0.1:{port_a}/webhooks/ghl"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    processes.append(simulate)
    summary = first_line(simulate, "fgsync simulate")
    syncs = summary.get("syncs", [])
    check("simulate --locations 3 lists three syncs", [s["name"] for s in syncs] == ["loc-1", "loc-2", "loc-3"], syncs)
    fulcrum, ghl = summary["fulcrum"], summary["ghl"]
    env = dict(os.environ, FULCRUM_TOKEN=fulcrum["token"], GHL_TOKEN=ghl["token"],
               FGSYNC_FULCRUM_WEBHOOK_SECRET="workers-check-secret-0123456789",
               FGSYNC_STATE_URL=database_url(database), FGSYNC_LOG_LEVEL="info")

    # The state in PostgreSQL and a short poll, for every sync.
    with open(config) as handle:
        text = handle.read()
    text = text.replace("    mapping: contacts\n", f"    mapping: contacts\n    sync: {{ poll_interval: {POLL_SECONDS}s }}\n")
    text += "state: { url_env: FGSYNC_STATE_URL }\n"
    with open(config, "w") as handle:
        handle.write(text)

    # Two people in each form: pair "a" for the edits both ways, pair "b" for the crash.
    form_keys = {}
    for index, sync in enumerate(syncs):
        status, body = http("GET", f"{fulcrum['url']}/api/v2/forms/{sync['formId']}.json", fulcrum_token=fulcrum["token"])
        keys = {}

        def walk(items):
            for element in items:
                keys[element.get("data_name")] = element.get("key")
                walk(element.get("elements") or [])

        walk(json.loads(body)["form"]["elements"] if status == 200 else [])
        form_keys[sync["formId"]] = keys
        for person in ("a", "b"):
            values = {keys["first_name"]: f"Person{index + 1}{person}", keys["last_name"]: "Seed",
                      keys["email"]: f"p{index + 1}{person}@loc{index + 1}.example.com"}
            record = {"record": {"form_id": sync["formId"], "status": "active", "form_values": values}}
            status, body = http("POST", f"{fulcrum['url']}/api/v2/records.json", body=json.dumps(record).encode(),
                                fulcrum_token=fulcrum["token"])
            if status not in (200, 201):
                check(f"seeded record {person} in form {index + 1}", False, body[:300])

    result = run("reconcile", "--config", config, "--quiet", env=env)
    check("reconcile of every sync into PostgreSQL exits 0", result.returncode == 0, result.stderr[-800:])
    schemas = [r[0] for r in psql("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'fgsync_%' ORDER BY 1", database)]
    check("each sync has its schema fgsync_<name>", schemas == ["fgsync_loc-1", "fgsync_loc-2", "fgsync_loc-3"], schemas)
    check("no state file was written beside the config", not [f for f in os.listdir(work) if f.endswith(".sqlite")], os.listdir(work))

    result = run("status", "--config", config, "--json", env=env)
    rows = json.loads(result.stdout).get("syncs", []) if result.returncode == 0 else []
    check("status lists the three syncs from PostgreSQL, all ok", [(r["name"], r["health"]) for r in rows] == [(s["name"], "ok") for s in syncs],
          [(r["name"], r["health"], (r.get("status") or {}).get("failed")) for r in rows] or result.stderr[-400:])

    def records(form_id):
        status, body = http("GET", f"{fulcrum['url']}/api/v2/records.json?form_id={form_id}", fulcrum_token=fulcrum["token"])
        return json.loads(body)["records"] if status == 200 else []

    def value(form_id, record_id, field):
        key = form_keys[form_id][field]
        return next((r["form_values"].get(key) for r in records(form_id) if r["id"] == record_id), None)

    def contacts(location):
        status, body = http("POST", f"{ghl['url']}/contacts/search", ghl["token"], json.dumps({"locationId": location, "pageLimit": 100}).encode())
        return json.loads(body).get("contacts", []) if status == 200 else []

    def contact(location, contact_id):
        return next((c for c in contacts(location) if c["id"] == contact_id), {})

    # Each pair: (sync, record id, contact id), found by the seeded email.
    pairs = {}
    for index, sync in enumerate(syncs):
        email_key = form_keys[sync["formId"]]["email"]
        by_email = {c.get("email"): c["id"] for c in contacts(sync["locationId"])}
        for r in records(sync["formId"]):
            email = r["form_values"].get(email_key)
            person = email.split("@")[0][-1]
            pairs[(sync["name"], person)] = (sync, r["id"], by_email.get(email))
    check("reconcile linked two pairs in each location", len(pairs) == 6 and all(p[2] for p in pairs.values()), pairs)

    def counts():
        return [(len(records(s["formId"])), len(contacts(s["locationId"]))) for s in syncs]

    crash_sync, crash_record, crash_contact = pairs[("loc-1", "b")]
    trace = os.path.join(work, "crash-trace.jsonl")

    def serve(port, name, extra):
        log = open(os.path.join(work, f"serve-{name}.log"), "w")
        process = subprocess.Popen(
            [FGSYNC, "serve", "--config", config, "--listen", f"127.0.0.1:{port}", "--log-level", "info"],
            env=dict(env, **extra), stdout=subprocess.PIPE, stderr=log, text=True)
        processes.append(process)
        return process, first_line(process, f"fgsync serve {name}")["url"]

    worker_a, url_a = serve(port_a, "A", {"FGSYNC_TEST_CRASH_AT": f"{crash_record}#2", "FGSYNC_TEST_CRASH_TRACE": trace})
    worker_b, url_b = serve(port_b, "B", {})
    # Both workers get every event: GHL's to both targets, Fulcrum's to both webhooks.
    status, body = http("POST", f"{ghl['url']}/_sim/webhooks", ghl["token"], json.dumps({"url": f"{url_b}/webhooks/ghl"}).encode())
    check("the GHL simulator also sends its events to worker B", status in (200, 201), body[:300])
    for name, url in (("A", url_a), ("B", url_b)):
        hook = {"webhook": {"name": f"fgsync {name}", "url": f"{url}/webhooks/fulcrum/{env['FGSYNC_FULCRUM_WEBHOOK_SECRET']}", "active": True}}
        status, body = http("POST", f"{fulcrum['url']}/api/v2/webhooks.json", body=json.dumps(hook).encode(), fulcrum_token=fulcrum["token"])
        check(f"a Fulcrum webhook for worker {name}", status in (200, 201), body[:300])

    def ready(url):
        status, body = http("GET", f"{url}/readyz")
        return status == 200 and set((json.loads(body).get("syncs") or {}).values()) == {"ready"}

    check("both workers are ready for the three syncs", wait_for(lambda: ready(url_a) and ready(url_b)),
          (http("GET", f"{url_a}/readyz"), http("GET", f"{url_b}/readyz")))

    # 1. Edits through both APIs in each location, each reaching the other side once.
    fulcrum_before, ghl_before = stats_writes(fulcrum["url"], fulcrum_token=fulcrum["token"]), stats_writes(ghl["url"], ghl["token"])
    for index, sync in enumerate(syncs):
        _, record_id, contact_id = pairs[(sync["name"], "a")]
        status, body = http("PUT", f"{ghl['url']}/contacts/{contact_id}", ghl["token"], json.dumps({"lastName": f"Ghl{index + 1}"}).encode())
        check(f"a person edits the GHL contact in location {index + 1}", status == 200, body[:300])
        patch = {"record": {"form_values": {form_keys[sync["formId"]]["first_name"]: f"Ful{index + 1}"}}}
        status, body = http("PATCH", f"{fulcrum['url']}/api/v2/records/{record_id}.json", body=json.dumps(patch).encode(), fulcrum_token=fulcrum["token"])
        check(f"a person edits the Fulcrum record in form {index + 1}", status == 200, body[:300])
    for index, sync in enumerate(syncs):
        _, record_id, contact_id = pairs[(sync["name"], "a")]
        check(f"the GHL edit reaches form {index + 1}",
              wait_for(lambda: value(sync["formId"], record_id, "last_name") == f"Ghl{index + 1}"), value(sync["formId"], record_id, "last_name"))
        check(f"the Fulcrum edit reaches location {index + 1}",
              wait_for(lambda: contact(sync["locationId"], contact_id).get("firstName") == f"Ful{index + 1}"), contact(sync["locationId"], contact_id))
    time.sleep(3 * POLL_SECONDS)  # passes that would write a second time have had their turn
    fulcrum_writes = stats_writes(fulcrum["url"], fulcrum_token=fulcrum["token"]) - fulcrum_before
    ghl_writes = stats_writes(ghl["url"], ghl["token"]) - ghl_before
    check("each edit was written to the other side exactly once (3 ours + 3 fgsync's per side)",
          (fulcrum_writes, ghl_writes) == (6, 6), f"fulcrum writes {fulcrum_writes}, ghl writes {ghl_writes}")
    check("nothing duplicated: two records and two contacts per location", counts() == [(2, 2)] * 3, counts())

    # 2. Every sync worked by one worker at a time, and both workers worked.
    for schema in schemas:
        found = overlaps(runs(schema, database), {})
        check(f"no two runs of {schema} overlap", not found, found)
    totals_a, totals_b = passes(url_a), passes(url_b)
    note(f"passes so far: A {totals_a}, B {totals_b}")
    check("both workers worked passes", worked(totals_a) > 0 and worked(totals_b) > 0, (totals_a, totals_b))

    # 3. A killed mid-write (after Fulcrum answered, before the answer was recorded); B takes over.
    fulcrum_before, ghl_before = stats_writes(fulcrum["url"], fulcrum_token=fulcrum["token"]), stats_writes(ghl["url"], ghl["token"])
    last_totals_a = passes(url_a)
    killed_at = None
    attempts = 0
    while killed_at is None and attempts < 8 and time.monotonic() - started_all < 120:
        attempts += 1
        wanted = f"Crash{attempts}"
        status, body = http("PUT", f"{ghl['url']}/contacts/{crash_contact}", ghl["token"], json.dumps({"lastName": wanted}).encode())
        if status != 200:
            check("a person edits the contact of the crash pair", False, body[:300])
            break
        deadline = time.monotonic() + 20
        landed = None
        while time.monotonic() < deadline:
            if worker_a.poll() is not None:
                killed_at = time.time()
                break
            if landed is None and value(crash_sync["formId"], crash_record, "last_name") == wanted:
                landed = time.monotonic()
            if landed is not None and time.monotonic() - landed > 1.5:
                break  # worker B wrote it; try again
            time.sleep(0.05)
        last_totals_a = passes(url_a) or last_totals_a
    check("worker A was SIGKILLed by the crash hook while writing the edit", killed_at is not None and worker_a.returncode == -signal.SIGKILL,
          f"after {attempts} edits, A's exit: {worker_a.poll()}")
    if killed_at is None:
        raise RuntimeError("worker A never wrote the crash pair, so the takeover could not be tested")
    note(f"A was killed at the {attempts}. edit of the crash pair")
    # The hook's trace names the point (a pass starting later on A may have replaced the file).
    with open(trace, errors="replace") as handle:
        points = [line for line in handle if line.strip().startswith("{")]
    note(f"A's last traced point: {points[-1].strip() if points else 'none kept'}")
    pending = psql(f"SELECT fulcrum_id, side, kind FROM \"fgsync_loc-1\".journal WHERE state = 'pending'", database)
    check("A died mid-write: its Fulcrum write of the crash pair is pending in loc-1's journal",
          [row[:2] for row in pending] == [[crash_record, "fulcrum"]], pending)
    holder = psql("SELECT holder FROM fgsync.leases WHERE sync_name = 'fgsync_loc-1'", database)
    note(f"loc-1's lease right after the kill: {'A' if holder and f':{worker_a.pid}:' in holder[0][0] else 'B' if holder and f':{worker_b.pid}:' in holder[0][0] else 'none'}")

    # An edit right after the kill: not lost, worked after takeover.
    _, record_a1, contact_a1 = pairs[("loc-1", "a")]
    patch = {"record": {"form_values": {form_keys[crash_sync["formId"]]["first_name"]: "WhileDown"}}}
    status, body = http("PATCH", f"{fulcrum['url']}/api/v2/records/{record_a1}.json", body=json.dumps(patch).encode(), fulcrum_token=fulcrum["token"])
    check("a person edits loc-1 right after A died", status == 200, body[:300])

    def journal_clean():
        return int(psql(f"SELECT count(*) FROM \"fgsync_loc-1\".journal WHERE state = 'pending'", database)[0][0]) == 0

    limit = LEASE_SECONDS + POLL_SECONDS + 8
    clean = wait_for(journal_clean, limit + 20, 0.25)
    takeover = time.time() - killed_at
    note(f"takeover after the SIGKILL: loc-1's journal was clean {takeover:.1f} s after A died (limit {limit} s: lease {LEASE_SECONDS} s + poll {POLL_SECONDS} s + the pass)")
    check("B settled A's pending write", clean)
    check("B took over within the lease timeout plus the poll interval", clean and takeover <= limit, f"{takeover:.1f} s")
    check("the edit made right after A died reaches GHL after the takeover",
          wait_for(lambda: contact(crash_sync["locationId"], contact_a1).get("firstName") == "WhileDown", 20), contact(crash_sync["locationId"], contact_a1))
    holder = psql("SELECT holder FROM fgsync.leases WHERE sync_name = 'fgsync_loc-1'", database)
    check("loc-1's lease shows B or no holder", not holder or f":{worker_b.pid}:" in holder[0][0], holder)
    check("the crash edit is in Fulcrum once", value(crash_sync["formId"], crash_record, "last_name") == f"Crash{attempts}",
          value(crash_sync["formId"], crash_record, "last_name"))
    check("the crash pair's contact kept the edit", contact(crash_sync["locationId"], crash_contact).get("lastName") == f"Crash{attempts}")
    time.sleep(3 * POLL_SECONDS)
    fulcrum_writes = stats_writes(fulcrum["url"], fulcrum_token=fulcrum["token"]) - fulcrum_before
    ghl_writes = stats_writes(ghl["url"], ghl["token"]) - ghl_before
    # Fulcrum: one write per crash edit (the interrupted one not repeated) + our own edit;
    # GHL: our crash edits + fgsync's write of the edit made while A was down.
    check("no write repeated by the takeover", (fulcrum_writes, ghl_writes) == (attempts + 1, attempts + 1),
          f"fulcrum writes {fulcrum_writes}, ghl writes {ghl_writes}, expected {attempts + 1} each")
    check("no duplicate record or contact after the takeover", counts() == [(2, 2)] * 3, counts())
    note(f"passes: A {last_totals_a} (before it died), B {passes(url_b)} so far")

    # 3b. A worker gone quiet without dying (a machine cut off: its process still exists, so
    # nobody may presume it dead): its lease must run out before B takes its sync.
    worker_c, url_c = serve(free_port(), "C", {})
    check("a restarted worker C (no webhooks of its own) is ready", wait_for(lambda: ready(url_c)), http("GET", f"{url_c}/readyz"))
    frozen = None
    deadline = time.monotonic() + 40
    while frozen is None and time.monotonic() < deadline:
        held = psql(f"SELECT sync_name FROM fgsync.leases WHERE holder LIKE '%:{worker_c.pid}:%' AND expires_at > now() LIMIT 1", database)
        if held:
            os.kill(worker_c.pid, signal.SIGSTOP)
            row = psql(f"SELECT sync_name, extract(epoch FROM expires_at), extract(epoch FROM now()) FROM fgsync.leases "
                       f"WHERE sync_name = '{held[0][0]}' AND holder LIKE '%:{worker_c.pid}:%'", database)
            if row:
                frozen = (row[0][0], float(row[0][1]), time.time())
            else:
                os.kill(worker_c.pid, signal.SIGCONT)  # it released the lease just before: again
        else:
            time.sleep(0.05)
    check("worker C was frozen (SIGSTOP) while holding a sync's lease", frozen is not None)
    if frozen is None:
        raise RuntimeError("worker C never held a lease, so the expiry could not be tested")
    frozen_schema, frozen_expires, frozen_at = frozen
    frozen_sync = next(s for s in syncs if f"fgsync_{s['name']}" == frozen_schema)
    elsewhere_before = passes(url_b, frozen_sync["name"]).get("elsewhere", 0)
    _, frozen_record, frozen_contact = pairs[(frozen_sync["name"], "a")]
    status, body = http("PUT", f"{ghl['url']}/contacts/{frozen_contact}", ghl["token"], json.dumps({"lastName": "WhileFrozen"}).encode())
    check(f"a person edits {frozen_sync['name']} while the frozen C holds its lease", status == 200, body[:300])
    landed = wait_for(lambda: value(frozen_sync["formId"], frozen_record, "last_name") == "WhileFrozen", limit + 10, 0.1)
    landed_at = time.time()
    note(f"takeover from the frozen C: the edit landed {landed_at - frozen_at:.1f} s after C froze, "
         f"{landed_at - frozen_expires:+.1f} s from its lease's expiry")
    check("B waited for the frozen C's lease to run out (no two workers on one sync)", landed and landed_at >= frozen_expires - 0.5,
          f"landed {landed_at - frozen_expires:+.1f} s from the expiry")
    check("B took over within the lease timeout plus the poll interval", landed and landed_at - frozen_at <= limit, f"{landed_at - frozen_at:.1f} s")
    elsewhere = passes(url_b, frozen_sync["name"]).get("elsewhere", 0) - elsewhere_before
    check(f"B's {frozen_sync['name']} passes stepped aside while C's lease ran (outcome elsewhere)", elsewhere > 0, elsewhere)
    os.kill(worker_c.pid, signal.SIGKILL)
    worker_c.wait(timeout=30)
    check(f"{frozen_sync['name']}'s journal is clean once B worked it",
          wait_for(lambda: int(psql(f"SELECT count(*) FROM \"{frozen_schema}\".journal WHERE state = 'pending'", database)[0][0]) == 0, 20))
    time.sleep(2 * POLL_SECONDS)
    check("no duplicate record or contact after both takeovers", counts() == [(2, 2)] * 3, counts())
    for schema in schemas:
        pending = int(psql(f"SELECT count(*) FROM \"{schema}\".journal WHERE state = 'pending'", database)[0][0])
        check(f"no pending journal entry in {schema}", pending == 0, pending)
    note(f"B stepped aside {elsewhere} times on {frozen_sync['name']} while C's lease ran; B's passes in all: {passes(url_b)}")

    worker_b.send_signal(signal.SIGTERM)
    check("worker B exits 0 on SIGTERM", worker_b.wait(timeout=60) == 0)
    held = psql("SELECT sync_name, holder FROM fgsync.leases WHERE expires_at > now()", database)
    check("no lease held once B stopped (B released its own, the dead workers' were taken or ran out)", held == [], held)
    unfinished = []
    for schema in schemas:
        rows = runs(schema, database)
        unfinished += [(schema, r[0], r[1]) for r in rows if r[2] is None]
        # A killed run has no end: A's ended when A died, C's when C froze.
        found = overlaps(rows, {r[0]: killed_at if r[1] < killed_at else frozen_at for r in rows if r[2] is None})
        check(f"no two runs of {schema} overlap, the killed and frozen runs included", not found, found)
    # A or C may have been running passes of other syncs too when stopped; B stopped cleanly.
    check("the runs without an end are the killed A's (loc-1's among them) and the frozen C's, started before they stopped",
          ("fgsync_loc-1" in [s for s, _, _ in unfinished]) and all(start < killed_at or killed_at < start < frozen_at for _, _, start in unfinished),
          unfinished)

    # 4. migrate-state: a state file of its own simulators into a fresh database.
    config2 = os.path.join(work, "single.yaml")
    state_file = os.path.join(work, "single.sqlite")
    simulate2 = subprocess.Popen([FGSYNC, "simulate", "--write-config", config2], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    processes.append(simulate2)
    summary2 = first_line(simulate2, "fgsync simulate (single)")
    env2 = dict(os.environ, FULCRUM_TOKEN=summary2["fulcrum"]["token"], GHL_TOKEN=summary2["ghl"]["token"],
                FGSYNC_MIGRATE_URL=database_url(migrate_database))
    result = run("reconcile", "--config", config2, "--state", state_file, "--quiet", env=env2)
    check("reconcile into a state file exits 0", result.returncode == 0, result.stderr[-800:])
    result = run("reconcile", "--config", config2, "--state", state_file, "--quiet", env=env2)
    check("a second reconcile into the file exits 0", result.returncode == 0, result.stderr[-800:])
    status_file = run("status", "--config", config2, "--state", state_file, "--json", env=env2)
    file_status = json.loads(status_file.stdout) if status_file.returncode == 0 else {}
    sync_name = "default"  # a single-sync config's sync
    result = run("migrate-state", "--from", state_file, "--to", "env:FGSYNC_MIGRATE_URL", "--sync", sync_name, env=env2)
    check(f"migrate-state --sync {sync_name} copies the file into the fresh database", result.returncode == 0, result.stdout[-400:] + result.stderr[-800:])
    config2_pg = os.path.join(work, "single-pg.yaml")
    with open(config2) as handle, open(config2_pg, "w") as out:
        out.write(handle.read() + "state: { url_env: FGSYNC_MIGRATE_URL }\n")
    status_pg = run("status", "--config", config2_pg, "--json", env=env2)
    pg_status = json.loads(status_pg.stdout) if status_pg.returncode == 0 else {}
    check("status on the database shows what status on the file showed (its two runs included)",
          len(file_status.get("runs", [])) == 2 and pg_status == file_status,
          "\n".join(difflib.unified_diff(json.dumps(file_status, indent=1, sort_keys=True).splitlines(),
                                         json.dumps(pg_status, indent=1, sort_keys=True).splitlines(), "file", "database", lineterm=""))
          or status_file.stderr[-400:] + status_pg.stderr[-400:])
    with sqlite3.connect(state_file) as db:
        file_runs = [(i, k, m, o or "") for i, k, m, o in db.execute("SELECT id, kind, mode, outcome FROM runs ORDER BY id")]
    schema2 = f"fgsync_{sync_name}"
    pg_runs = [(int(r[0]), r[1], r[2], r[3]) for r in
               psql(f"SELECT id, kind, mode, coalesce(outcome, '') FROM \"{schema2}\".runs ORDER BY id", migrate_database)]
    check("the database holds the file's runs, ids kept", len(file_runs) == 2 and pg_runs == file_runs, (file_runs, pg_runs))
    dump = lambda: subprocess.run(  # noqa: E731
        ["pg_dump", "--data-only", "--no-owner", "-h", SERVER.hostname, "-p", str(SERVER.port), "-U", SERVER.username or "postgres", migrate_database],
        env=dict(os.environ, PGPASSWORD=urllib.parse.unquote(SERVER.password or ""), PGSSLMODE="disable"),
        capture_output=True, text=True, timeout=60).stdout
    # pg_dump's \restrict lines carry a random key of each dump; the data is what counts.
    data = lambda text: "\n".join(line for line in text.splitlines() if not line.startswith(("\\restrict", "\\unrestrict")))  # noqa: E731
    before = data(dump())
    result = run("migrate-state", "--from", state_file, "--to", "env:FGSYNC_MIGRATE_URL", "--sync", sync_name, env=env2)
    check("a second migrate into the same place is refused (exit 2)", result.returncode == 2, f"exit {result.returncode}: {result.stderr[-600:]}")
    after = data(dump())
    check("the refused migrate wrote nothing", before and before == after,
          "\n".join(difflib.unified_diff(before.splitlines(), after.splitlines(), "before", "after", lineterm="")))
    note(f"the whole check took {time.monotonic() - started_all:.0f} s")
except Exception as error:  # a step that could not run is a failure, said plainly
    failed += 1
    print(redact(f"FAIL the check stopped: {error}"))
finally:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    for name in made:
        try:
            psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        except Exception as error:
            failed += 1
            print(redact(f"FAIL dropping database {name}: {error}"))

if failed:
    print(f"     the workers' logs are in {work}")
print(f"workers-check: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
