"""Issue 15 with the real binaries: three simulated locations, one config, one serve.

Usage: agency_check.py PATH_TO_FGSYNC. Prints one line per check and, last,
"agency-check: N passed, M failed"; exits 1 on any failure.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

FGSYNC = sys.argv[1]
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_line(process, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line:
            return json.loads(line)
        if process.poll() is not None:
            break
    raise RuntimeError(f"{what} printed no first line: {process.stderr.read() if process.stderr else ''}")


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


def run(*arguments, env):
    return subprocess.run([FGSYNC, *arguments], env=env, capture_output=True, text=True, timeout=180)


def wait_for(predicate, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


work = tempfile.mkdtemp(prefix="fgsync-agency-")
config = os.path.join(work, "fgsync.yaml")
state = os.path.join(work, "state")
serve_port = free_port()
processes = []
try:
    simulate = subprocess.Popen(
        [FGSYNC, "simulate", "--locations", "3", "--write-config", config,
         "--ghl-webhook", f"http://127.0.0.1:{serve_port}/webhooks/ghl"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    processes.append(simulate)
    summary = first_line(simulate, "fgsync simulate")
    syncs = summary.get("syncs", [])
    check("simulate --locations 3 lists three syncs", [s["name"] for s in syncs] == ["loc-1", "loc-2", "loc-3"], syncs)
    check("the first line keeps today's keys (the first pair)",
          summary["ghl"]["locationId"] == syncs[0]["locationId"] and summary["fulcrum"]["formId"] == syncs[0]["formId"])
    env = dict(os.environ, FULCRUM_TOKEN=summary["fulcrum"]["token"], GHL_TOKEN=summary["ghl"]["token"],
               FGSYNC_FULCRUM_WEBHOOK_SECRET="agency-check-secret-0123456789")
    fulcrum, ghl = summary["fulcrum"], summary["ghl"]

    # One person in each form, so each location should get exactly its own contact.
    form_keys = {}
    for index, sync in enumerate(syncs):
        record = {"record": {"form_id": sync["formId"], "status": "active", "form_values": {}}}
        form_status, form_body = http("GET", f"{fulcrum['url']}/api/v2/forms/{sync['formId']}.json", fulcrum_token=fulcrum["token"])
        elements = json.loads(form_body)["form"]["elements"] if form_status == 200 else []
        keys = {}

        def walk(items):
            for element in items:
                keys[element.get("data_name")] = element.get("key")
                walk(element.get("elements") or [])

        walk(elements)
        form_keys[sync["formId"]] = keys
        record["record"]["form_values"] = {keys["first_name"]: f"Person{index + 1}", keys["email"]: f"p{index + 1}@loc{index + 1}.example.com"}
        status, body = http("POST", f"{fulcrum['url']}/api/v2/records.json", body=json.dumps(record).encode(), fulcrum_token=fulcrum["token"])
        check(f"seeded a record in form {index + 1}", status in (200, 201), body[:300])

    result = run("reconcile", "--config", config, "--state", state, "--quiet", env=env)
    check("reconcile of every sync exits 0", result.returncode == 0, result.stderr[-800:])
    check("each sync has its own state file",
          all(os.path.exists(os.path.join(state, f"fgsync-{s['name']}.sqlite")) for s in syncs), os.listdir(state) if os.path.isdir(state) else "")

    def contacts(location):
        status, body = http("POST", f"{ghl['url']}/contacts/search", ghl["token"],
                            json.dumps({"locationId": location, "pageLimit": 100}).encode())
        return json.loads(body).get("contacts", []) if status == 200 else None

    for index, sync in enumerate(syncs):
        emails = sorted(c.get("email") or "" for c in contacts(sync["locationId"]) or [])
        check(f"location {index + 1} holds only its own person", emails == [f"p{index + 1}@loc{index + 1}.example.com"], emails)

    result = run("status", "--config", config, "--state", state, "--json", env=env)
    rows = json.loads(result.stdout).get("syncs", []) if result.returncode == 0 else []
    check("status lists every sync, all ok", [(r["name"], r["health"]) for r in rows] == [(s["name"], "ok") for s in syncs], result.stdout[-800:] + result.stderr[-400:])

    serve = subprocess.Popen(
        [FGSYNC, "serve", "--config", config, "--state", state, "--listen", f"127.0.0.1:{serve_port}", "--log-level", "warning"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    processes.append(serve)
    url = first_line(serve, "fgsync serve")["url"]
    status, body = http("GET", f"{url}/readyz")
    ready = json.loads(body).get("syncs", {}) if status == 200 else {}
    check("one serve is ready for all three syncs", sorted(ready) == ["loc-1", "loc-2", "loc-3"] and set(ready.values()) == {"ready"}, body)

    status, body = http("GET", f"{url}/metrics")
    check("/metrics labels series with each sync", all(f'sync="{s["name"]}"' in body for s in syncs))

    def first_names(form_id):
        status, body = http("GET", f"{fulcrum['url']}/api/v2/records.json?form_id={form_id}", fulcrum_token=fulcrum["token"])
        key = form_keys[form_id]["first_name"]
        return [r["form_values"].get(key) for r in json.loads(body)["records"]] if status == 200 else None

    loc2 = syncs[1]["locationId"]
    contact = (contacts(loc2) or [{}])[0]
    status, body = http("PUT", f"{ghl['url']}/contacts/{contact.get('id')}", ghl["token"], json.dumps({"firstName": "Edited"}).encode())
    check("a person edits the contact in location 2", status == 200, body[:300])
    check("the edit reaches form 2 through serve", wait_for(lambda: first_names(syncs[1]["formId"]) == ["Edited"]), first_names(syncs[1]["formId"]))
    check("forms 1 and 3 are untouched", first_names(syncs[0]["formId"]) == ["Person1"] and first_names(syncs[2]["formId"]) == ["Person3"],
          (first_names(syncs[0]["formId"]), first_names(syncs[2]["formId"])))

    status, body = http("POST", f"{ghl['url']}/_sim/locations/{loc2}/uninstall", ghl["token"], b"{}")
    check("the simulator uninstalls the app from location 2", status == 200, body)

    def health():
        result = run("status", "--config", config, "--state", state, "--json", env=env)
        return {r["name"]: r["health"] for r in json.loads(result.stdout).get("syncs", [])} if result.returncode == 0 else {}

    check("the UNINSTALL event stops only loc-2 (status shows it uninstalled)",
          wait_for(lambda: health() == {"loc-1": "ok", "loc-2": "uninstalled", "loc-3": "ok"}), health())

    status, body = http("POST", f"{ghl['url']}/_sim/locations/{loc2}/install", ghl["token"], b"{}")
    check("the simulator installs the app in location 2 again", status == 200, body)
    check("the INSTALL event lets loc-2 run again", wait_for(lambda: health().get("loc-2") == "ok"), health())

    serve.send_signal(signal.SIGTERM)
    check("serve exits 0 on SIGTERM", serve.wait(timeout=60) == 0)
except Exception as error:  # a step that could not run is a failure, said plainly
    failed += 1
    print(f"FAIL the check stopped: {error}")
finally:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()

print(f"agency-check: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
