import Foundation
import SyncCore
import SyncEngine

/// Hand-built reports for renderer tests, with hostile values from records.
enum SampleReports {
    static let hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>"

    static func report() throws -> RunReport {
        let json = """
            {
              "schema": "fgsync.report/1", "runId": 7, "mode": "apply", "startedAt": "2026-11-29T07:00:00.000Z",
              "finishedAt": "2026-11-29T07:00:05.250Z", "outcome": "failed",
              "snapshot": {"fulcrumRecords": 3, "ghlContacts": 4, "goneFromFulcrum": 0, "goneFromGHL": 1},
              "planned": {"ghl": {"create": 2, "update": 3}, "fulcrum": {"update": 1, "delete": 1}},
              "applied": {"ghl": {"create": 2, "update": 2}, "fulcrum": {"update": 1}},
              "conflicts": [
                {"fulcrumId": "f-ada", "contactId": "GhlAda", "field": "company_name", "ghlField": "companyName",
                 "base": null, "fulcrum": "\(hostile.replacingOccurrences(of: "\"", with: "\\\""))", "ghl": "Globex, \\"Inc\\"\\nLine 2",
                 "fulcrumUpdatedAt": "2026-11-28T10:00:00.000Z", "ghlUpdatedAt": "2026-11-28T11:00:00.000Z",
                 "winner": "ghl", "rule": "newest", "fulcrumName": "Ada <b>Lovelace</b>", "ghlName": "Ada Lovelace"},
                {"fulcrumId": "f-grace", "contactId": "GhlGrace", "field": "email", "ghlField": "email",
                 "base": "g@x.com", "fulcrum": "=HYPERLINK(\\"http://evil\\")", "ghl": "+1 415 555 0102",
                 "winner": null, "rule": "manual"}
              ],
              "held": [{"fulcrumId": "f-bad", "field": "email", "reason": "invalid email <x@>"}],
              "rails": [],
              "failed": [{"side": "ghl", "kind": "update", "contactId": "GhlX", "error": "HTTP 422 <b>bad</b>"}],
              "duplicatesLinked": 0,
              "webLinks": {"fulcrum": "https://web.fulcrumapp.com/records/{id}", "ghl": "javascript:alert(1)//{id}"}
            }
            """
        return try RunReport.decode(Data(json.utf8))
    }
}
