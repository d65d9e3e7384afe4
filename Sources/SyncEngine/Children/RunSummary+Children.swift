/// The summary's line on children: how many notes, tasks and appointments moved each way.
extension RunSummary {
    func childrenLine(_ counts: [String: [String: Int]], planned: Bool) -> String? {
        func moved(_ side: String) -> String {
            let kinds = counts[side] ?? [:]
            let notes = ["createNote", "updateNote", "deleteNote"].reduce(0) { $0 + (kinds[$1] ?? 0) }
            let tasks = ["createTask", "updateTask", "completeTask", "deleteTask"].reduce(0) { $0 + (kinds[$1] ?? 0) }
            let appointments = ["upsertAppointment", "deleteAppointment"].reduce(0) { $0 + (kinds[$1] ?? 0) }
            return side == "ghl" ? "\(notes) notes, \(tasks) tasks" : "\(notes) notes, \(tasks) tasks, \(appointments) appointments"
        }
        let any = counts.values.contains { $0.keys.contains { $0.hasSuffix("Note") || $0.hasSuffix("Task") || $0.hasSuffix("Appointment") } }
        guard any else { return nil }
        return "  children\(planned ? " (planned)" : ""): to GHL \(moved("ghl")); to Fulcrum \(moved("fulcrum"))"
    }
}
