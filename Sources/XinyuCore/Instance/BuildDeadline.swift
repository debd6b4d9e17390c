// `--time-limit` covers building the instance too: on a 20,000-class school the build alone
// took longer than the limit (80 s for a 30 s limit). The build reads the clock once per class
// (nanoseconds beside the class's candidates) and stops when the deadline has passed.

import Foundation

/// When an instance build must stop: the run's deadline, but never before the build has had
/// `grace` seconds of its own, so a group reached just before or after the limit (its build
/// takes milliseconds) is still built and gets its greedy schedule; only a build that itself
/// runs past the limit by more than the grace is stopped.
public struct BuildDeadline: Sendable {
    /// Uptime (DispatchTime, nanoseconds) of the run's deadline.
    public var uptimeNanoseconds: UInt64
    /// Seconds every build may take even after the deadline.
    public var grace: Double

    /// The deadline `seconds` from now (negative: already passed), with `grace` seconds for each build.
    public init(secondsFromNow seconds: Double, grace: Double) {
        let now = Double(Self.now())
        uptimeNanoseconds = UInt64(max(0, min(now + seconds * 1e9, Double(UInt64.max / 2))))
        self.grace = max(0, min(grace, 1e6))
    }

    /// The deadline of a run limited to `limit` seconds of which `elapsed` are gone; the grace is
    /// a tenth of the limit, at most 1 s (a usual group builds in milliseconds).
    public init(limit: Double, elapsed: Double = 0) {
        self.init(secondsFromNow: limit - elapsed, grace: min(1, max(0, limit) / 10))
    }

    static func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

    /// The moment a build starting now stops: the deadline, or the end of its grace if later.
    func stopTime() -> UInt64 {
        max(uptimeNanoseconds, Self.now() + UInt64(grace * 1e9))
    }
}

/// The time limit was reached before the run could make any schedule of a group (while building
/// its instance): nothing was planned and nothing may be written.
public struct TimeLimitReached: Error, Sendable, CustomStringConvertible {
    /// What was running when the limit was reached.
    public enum Stage: Sendable, Hashable {
        /// Building the instance of the group of these schools ("S01+S02").
        case building(schools: String)
    }
    public var stage: Stage

    public init(stage: Stage) { self.stage = stage }

    /// The message, in Simplified Chinese and in English.
    public var text: (zh: String, en: String) {
        switch stage {
        case .building(let schools):
            return ("构建 \(schools) 的排课实例时达到时间上限（--time-limit），未排课，未写入任何文件；请放宽时间上限或分校运行（--school）",
                    "time limit reached during instance building of \(schools) (--time-limit): nothing was scheduled or written; give more time or solve fewer schools at once (--school)")
        }
    }

    public var description: String { text.en + " / " + text.zh }
}
