import Foundation

/// A deterministic search budget: `spend()` is true once it has been called `limit` times.
final class EventBudget: @unchecked Sendable {
    private var left: Int
    private let lock = NSLock()
    init(_ limit: Int) { left = limit }
    func spend() -> Bool {
        lock.lock(); defer { lock.unlock() }
        left -= 1
        return left < 0
    }
}
