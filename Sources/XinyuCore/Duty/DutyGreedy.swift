import Foundation
import XinyuMIP
import XinyuPack

// Counseling-room duty: the greedy week (a feasible start for the MIPs, and the answer when they fail).

extension DutyPlanner {
    /// A feasible week by hand: parent slots first (the shortest), then windows in date order
    /// until the minutes are met; each to the free teacher with the least duty so far.
    func greedy(_ p: WeekProblem, cum: [String: Int]) -> [(slot: Int, teacher: String)] {
        var ledger = Ledger()
        var opened = Set<Int>()
        func open(_ i: Int) -> Bool {
            guard !opened.contains(i) else { return false }
            let best = candidates[i].filter { fits(ledger, i, $0) }
                .min { (cum[$0, default: 0] + ledger.minutes[$0, default: 0], $0) < (cum[$1, default: 0] + ledger.minutes[$1, default: 0], $1) }
            guard let t = best else { return false }
            add(&ledger, i, t)
            opened.insert(i)
            return true
        }
        for need in p.needs {
            let mine = p.slots.filter { slots[$0].school == need.school }
            var parents = 0
            for i in mine.filter({ slots[$0].audience.forParents }).sorted(by: { (slots[$0].minutes, $0) < (slots[$1].minutes, $1) })
            where parents < need.parents {
                if open(i) { parents += 1 }
            }
            var minutes = opened.reduce(0) { $0 + (slots[$1].school == need.school ? slots[$1].minutes : 0) }
            for i in mine where minutes < need.minutes {
                if open(i) { minutes += slots[i].minutes }
            }
        }
        return ledger.taken
    }

    /// Search events (GLPK callback calls) the balance search of one week may take at most: a
    /// budget counted in work, not seconds, so the same input gives the same duty plan on any machine.
    static let balanceBudget = 400

    typealias Pick = (slot: Int, teacher: String)
    typealias XVar = (slot: Int, teacher: String, v: Int)
}
