#!/usr/bin/env python3
"""The console in a real headless Chromium, driven by Selenium, against real processes.

`fgsync simulate --write-config` runs both simulators; two people are created through the
Fulcrum API; `fgsync reconcile` makes the first full pass (it creates them in GHL); then
`fgsync serve` runs with the console on (conflicts left to a person). The browser signs in,
watches a conflict made through both APIs appear on the conflicts page without a reload,
resolves it by click, and sees the next pass write it to both systems; then a record held
for an invalid email leaves the held page once the email is corrected in Fulcrum. Every page
is screenshotted into .build/ci-artifacts/console-*.png.

Usage: browser_check.py FGSYNC CHROMIUM CHROMEDRIVER
Last line: `console-browser-check: N passed, M failed`.
"""
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By

FGSYNC, CHROMIUM, CHROMEDRIVER = sys.argv[1:4]
ARTIFACTS = os.path.abspath(".build/ci-artifacts")
TOKEN = "browser-check-console-token-0123456789"
SECRET = "browser-check-fulcrum-secret-0123"
passed, failed = 0, 0


def check(name, ok):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok: {name}", flush=True)
    else:
        failed += 1
        print(f"FAILED: {name}", flush=True)
    return ok


def wait_for(what, predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except Exception:  # a page in the middle of a refresh, a pass in flight
            pass
        time.sleep(0.25)
    print(f"  (gave up waiting for {what} after {seconds} s)", flush=True)
    return None


def api(method, url, headers, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", "Accept": "application/json", **headers})
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
        return json.loads(text) if text else {}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    work = tempfile.mkdtemp(prefix="fgsync-console-")
    config = os.path.join(work, "fgsync.yml")
    state = os.path.join(work, "fgsync.sqlite")
    serve_port = free_port()
    processes = []
    logs = {name: open(os.path.join(ARTIFACTS, f"console-{name}.log"), "w") for name in ("simulate", "reconcile", "serve")}
    try:
        sim = subprocess.Popen(
            [FGSYNC, "simulate", "--write-config", config, "--ghl-webhook", f"http://127.0.0.1:{serve_port}/webhooks/ghl"],
            stdout=subprocess.PIPE, stderr=logs["simulate"], text=True)
        processes.append(sim)
        summary = json.loads(sim.stdout.readline())
        fulcrum, ghl = summary["fulcrum"], summary["ghl"]
        fh = {"X-ApiToken": fulcrum["token"]}
        gh = {"Authorization": f"Bearer {ghl['token']}", "Version": "2021-07-28"}

        # The config the simulators wrote, with conflicts left to a person, a fast poll, the console on.
        text = open(config).read().replace("conflict_policy: newest", "conflict_policy: manual")
        text += "sync:\n  poll_interval: 2s\nconsole:\n  token_env: FGSYNC_CONSOLE_TOKEN\n"
        open(config, "w").write(text)
        env = dict(os.environ, FULCRUM_TOKEN=fulcrum["token"], GHL_TOKEN=ghl["token"],
                   FGSYNC_FULCRUM_WEBHOOK_SECRET=SECRET, FGSYNC_CONSOLE_TOKEN=TOKEN)

        form = api("GET", f"{fulcrum['url']}/api/v2/forms/{fulcrum['formId']}.json", fh)["form"]
        keys = {}
        def walk(elements):
            for element in elements:
                keys[element.get("data_name")] = element.get("key")
                walk(element.get("elements") or [])
        walk(form["elements"])
        people = {}
        for first, last, email in (("Ada", "Lovelace", "ada@example.com"), ("Grace", "Hopper", "grace@example.com")):
            record = api("POST", f"{fulcrum['url']}/api/v2/records.json", fh, {"record": {"form_id": fulcrum["formId"], "form_values": {
                keys["first_name"]: first, keys["last_name"]: last, keys["email"]: email, keys["company_name"]: f"{first} Ltd"}}})["record"]
            people[first] = record["id"]
        check("two people created through the Fulcrum API", len(people) == 2)

        done = subprocess.run([FGSYNC, "reconcile", "--config", config, "--state", state], env=env, stdout=logs["reconcile"], stderr=subprocess.STDOUT)
        check("fgsync reconcile (the first full pass) exits 0", done.returncode == 0)

        def record(first):
            return api("GET", f"{fulcrum['url']}/api/v2/records/{people[first]}.json", fh)["record"]["form_values"]
        contact_of = {first: record(first).get(keys["ghl_contact_id"]) for first in people}
        check("the reconcile linked both to new GHL contacts", all(contact_of.values()))

        serve = subprocess.Popen([FGSYNC, "serve", "--config", config, "--state", state, "--listen", f"127.0.0.1:{serve_port}"],
                                 env=env, stdout=subprocess.PIPE, stderr=logs["serve"], text=True)
        processes.append(serve)
        url = json.loads(serve.stdout.readline())["url"]
        api("POST", f"{fulcrum['url']}/api/v2/webhooks.json", fh, {"webhook": {"name": "fgsync", "url": f"{url}/webhooks/fulcrum/{SECRET}"}})

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1400"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        try:
            run_browser(driver, url, fulcrum, ghl, fh, gh, keys, people, contact_of, record)
        finally:
            driver.quit()
    finally:
        for process in reversed(processes):
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
    print(f"console-browser-check: {passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


def shot(driver, name):
    path = os.path.join(ARTIFACTS, f"console-{name}.png")
    driver.save_screenshot(path)
    check(f"screenshot {path}", os.path.getsize(path) > 0)


def is_stale(element):
    try:
        element.is_enabled()
        return False
    except StaleElementReferenceException:
        return True


def submit_token(driver, token):
    """Types a token into the sign-in form and submits it, then waits until the browser has left
    that page: reading the page before the POST's answer arrives would read the old form."""
    field = wait_for("the sign-in form", lambda: driver.find_element(By.NAME, "token"), 20)
    field.send_keys(token)
    button = driver.find_element(By.CSS_SELECTOR, "button[type=submit]")
    button.click()
    wait_for("the sign-in form to be answered", lambda: is_stale(button), 20)


def click(driver, css):
    """Clicks the element, finding it again if the page's live refresh replaced it in between."""
    def attempt():
        driver.find_element(By.CSS_SELECTOR, css).click()
        return True
    return wait_for(f"a click on {css}", attempt, 20)


def run_browser(driver, url, fulcrum, ghl, fh, gh, keys, people, contact_of, record):
    driver.get(f"{url}/console/conflicts")
    check("signed out, a page leads to the sign-in form", driver.current_url.endswith("/console/login"))
    shot(driver, "login")
    submit_token(driver, "a wrong guess")
    check("a wrong token is refused", wait_for("the refusal", lambda: "not the console token" in driver.page_source, 20))
    submit_token(driver, TOKEN)
    check("the token signs in to the overview", wait_for("the overview", lambda: driver.find_element(By.ID, "count-linked").text == "2"))
    check("the session cookie is HttpOnly (scripts cannot read it)", "fgsync_console" not in driver.execute_script("return document.cookie"))
    shot(driver, "overview")

    driver.get(f"{url}/console/conflicts")
    check("no conflict yet", "No conflict waits for a person." in driver.page_source)
    # A conflict made through both APIs: the company changed on both sides.
    api("PATCH", f"{fulcrum['url']}/api/v2/records/{people['Ada']}.json", fh, {"record": {"form_values": {keys["company_name"]: "Analytical Engines"}}})
    api("PUT", f"{ghl['url']}/contacts/{contact_of['Ada']}", gh, {"companyName": "Difference Engines"})
    section = wait_for("the conflict to appear without a reload", lambda: driver.find_elements(By.CSS_SELECTOR, "section.conflict"))
    check("the conflict appears on the open page without a reload (live refresh)", bool(section))
    check("... with both values side by side", "Analytical Engines" in driver.page_source and "Difference Engines" in driver.page_source)
    refreshes = driver.find_element(By.ID, "main").get_attribute("data-refreshes")
    check(f"... brought by the page's own refresh ({refreshes} so far)", refreshes is not None and int(refreshes) >= 1)
    shot(driver, "conflicts")

    click(driver, "section.conflict button[value=ghl]")
    check("the click records the decision", wait_for("the flash", lambda: "recorded decision" in driver.find_element(By.CSS_SELECTOR, ".flash").text, 20))
    applied = wait_for("the pass to apply it", lambda: record("Ada").get(keys["company_name"]) == "Difference Engines"
                       and api("GET", f"{ghl['url']}/contacts/{contact_of['Ada']}", gh)["contact"].get("companyName") == "Difference Engines")
    check("the next pass writes GHL's value to both systems", bool(applied))
    check("the page shows the pass that applied it", wait_for("the applied list", lambda: driver.find_elements(By.CSS_SELECTOR, "ul.decisions.applied li")))
    check("no conflict waits for a person any more", wait_for("the list to empty", lambda: "No conflict waits for a person." in driver.page_source))
    shot(driver, "conflicts-resolved")

    api("PATCH", f"{fulcrum['url']}/api/v2/records/{people['Grace']}.json", fh, {"record": {"form_values": {keys["email"]: "grace at example"}}})
    def held_shows():
        driver.get(f"{url}/console/held")
        return driver.find_elements(By.CSS_SELECTOR, "tr.held-item")
    check("a record with an invalid email is held, with the fix in plain words",
          wait_for("the held item", held_shows) and "Correct the email of Fulcrum record" in driver.page_source)
    shot(driver, "held")
    api("PATCH", f"{fulcrum['url']}/api/v2/records/{people['Grace']}.json", fh, {"record": {"form_values": {keys["email"]: "grace@example.com"}}})
    check("the held record leaves once its email is corrected in Fulcrum", wait_for("the held item to leave", lambda: not held_shows()))
    shot(driver, "held-cleared")

    for name in ("failures", "rails", "runs"):
        driver.get(f"{url}/console/{name}")
        check(f"the {name} page answers", "<h1>" in driver.page_source)
        shot(driver, name)
    click(driver, "table.runs a")
    check("a run's report opens from the runs page", wait_for("the report", lambda: driver.find_elements(By.ID, "summary")))
    shot(driver, "report")

    violations = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
    check(f"no Content Security Policy violation in the console ({violations[:2]})", not violations)


if __name__ == "__main__":
    sys.exit(main())
