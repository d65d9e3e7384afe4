import Foundation
import SyncCore
@testable import SyncStore

/// Small builders for records, bases and stores used across the store tests.
enum Fixtures {
    static let epoch = Date(timeIntervalSince1970: 1_780_000_000)

    static func value(_ text: String) -> FieldValue {
        FieldValue(canonical: text.lowercased(), text: text)
    }

    static func record(_ id: String, email: String? = nil, name: String = "Ada", linkId: String? = nil) -> RecordState {
        var fields = ["name": value(name)]
        if let email { fields["email"] = value(email) }
        return RecordState(
            id: id, fields: fields, tags: TagSet(["VIP", "lead"]), linkId: linkId,
            updatedAt: epoch.addingTimeInterval(0.123_456))
    }

    static func mirror(_ id: String, email: String? = nil, version: Int? = nil) -> MirrorRecord {
        MirrorRecord(projection: record(id, email: email), raw: #"{"id":"\#(id)"}"#, version: version)
    }

    static func base(_ fulcrumId: String, _ contactId: String) -> PairBase {
        PairBase(fulcrumId: fulcrumId, contactId: contactId, fields: ["name": value("Ada")], tags: TagSet(["vip"]))
    }

    static func store(in directory: TemporaryDirectory, name: String = "state.sqlite") async throws -> SQLiteStateStore {
        try SQLiteStateStore(path: directory.path(name), clock: .fixed(epoch))
    }
}
