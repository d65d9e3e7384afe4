/// An error of the simulators module, with a message for people.
public struct SimulatorError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public let message: String
    /// Same as `message`.
    public var description: String { message }
}
