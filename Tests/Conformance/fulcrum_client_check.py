#!/usr/bin/env python3
"""Drives the Fulcrum simulator with the official Python client (PyPI fulcrum==1.12.0).

Covers forms find/search, records create/find/search/update/delete/history and webhooks, the
way the client calls them (no `.json` suffix, X-ApiToken header, caller-supplied wrappers).

Last line: RESULT passed=N failed=M skipped=0
"""
import argparse
import sys
import traceback

from fulcrum import Fulcrum
from fulcrum.exceptions import NotFoundException, UnauthorizedException

passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--form-id", required=True)
    args = parser.parse_args()
    client = Fulcrum(args.token, uri=args.url)

    form = client.forms.find(args.form_id)["form"]
    check("forms.find name", form["name"] == "Contacts")
    keys = {element["data_name"]: element["key"] for element in form["elements"]}
    check("forms.find elements", {"first_name", "email", "tags", "ghl_contact_id", "notes", "tasks"} <= set(keys))
    forms = client.forms.search()
    check("forms.search", forms["total_count"] >= 1 and any(f["id"] == args.form_id for f in forms["forms"]))

    record = {"record": {"form_id": args.form_id, "form_values": {
        keys["first_name"]: "Py", keys["last_name"]: "Client", keys["email"]: "py@example.com",
        keys["tags"]: {"choice_values": ["lead"], "other_values": ["custom"]}}}}
    created = client.records.create(record)["record"]
    record_id = created["id"]
    check("records.create version", created["version"] == 1)
    found = client.records.find(record_id)["record"]
    check("records.find", found["form_values"][keys["email"]] == "py@example.com")

    search = client.records.search(url_params={"form_id": args.form_id, "per_page": 10, "page": 1})
    check("records.search keys", all(k in search for k in ("records", "current_page", "total_pages", "total_count", "per_page")))
    check("records.search finds it", any(r["id"] == record_id for r in search["records"]))
    since = client.records.search(url_params={"form_id": args.form_id, "updated_since": 0})
    check("records.search updated_since", since["total_count"] >= 1)

    found["form_values"] = {keys["first_name"]: "Py2"}
    updated = client.records.update(record_id, {"record": found})["record"]
    check("records.update version", updated["version"] == 2)
    check("records.update wipes omitted values", updated["form_values"] == {keys["first_name"]: "Py2"})

    history = client.records.history(record_id)
    check("records.history", [r["version"] for r in history["records"]] == [1, 2])
    check("records.history change types", [r["history_change_type"] for r in history["records"]] == ["c", "u"])

    hook = client.webhooks.create({"webhook": {"name": "py", "url": "http://127.0.0.1:9/hook", "active": False}})["webhook"]
    check("webhooks.create", hook["active"] is False)
    check("webhooks.find", client.webhooks.find(hook["id"])["webhook"]["name"] == "py")
    check("webhooks.search", client.webhooks.search()["total_count"] >= 1)
    client.webhooks.delete(hook["id"])

    check("records.delete returns None", client.records.delete(record_id) is None)
    try:
        client.records.find(record_id)
        check("records.find after delete raises NotFound", False)
    except NotFoundException:
        check("records.find after delete raises NotFound", True)

    invalid = client.records.create({"record": {"form_values": {}}})
    check("422 is returned as a dict", invalid.get("record", {}).get("errors", {}).get("form_id") == ["cannot be blank"])

    try:
        Fulcrum("wrong-token", uri=args.url).forms.search()
        check("bad token raises Unauthorized", False)
    except UnauthorizedException:
        check("bad token raises Unauthorized", True)

    print(f"RESULT passed={passed} failed={failed} skipped=0")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:
        traceback.print_exc()
        print(f"RESULT passed={passed} failed={failed + 1} skipped=0")
        sys.exit(1)
