import XinyuMIP

/// One solver stage as it ran.
public struct StageLog: Sendable {
    public var name: String
    public var variables: Int
    public var constraints: Int
    public var status: SolveStatus
    public var objective: Double?
    public var bound: Double?
    public var seconds: Double
    public var reason: String
    /// The stage stopped at its work limit (simplex iterations, or branch-and-bound nodes).
    public var workLimitReached = false
}
