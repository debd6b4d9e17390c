import Foundation
import XinyuMIP
import XinyuPack

// Counseling-room duty: the weeks left short, and why, in both languages.

extension DutyPlanner {
    // MARK: Short weeks and their reasons

    func shortWeeks(_ shifts: [DutyShift], unproven: Set<String>) -> [DutyShortWeek] {
        var out: [DutyShortWeek] = []
        var slotsOf: [String: [Int]] = [:]  // school \1 monday
        for (i, s) in slots.enumerated() { slotsOf[s.school + "\u{1}" + s.date.weekMonday.iso, default: []].append(i) }
        var shiftsOf: [String: [DutyShift]] = [:]
        for s in shifts { shiftsOf[s.school + "\u{1}" + s.date.weekMonday.iso, default: []].append(s) }
        for s in schools {
            let room = s.counselingRoom!
            for w in DutyTerm.weeks(district, s) {
                let key = s.id + "\u{1}" + w.monday.iso
                let need = DutyTerm.requiredMinutes(room, schoolDays: w.schoolDays, daysPerWeek: s.daysPerWeek)
                let mine = shiftsOf[key] ?? []
                let open = openMinutes(mine)
                let parents = mine.filter(\.audience.forParents).count
                guard open < need || parents < room.parentSlotsPerWeek else { continue }
                out.append(DutyShortWeek(school: s.id, week: w.monday, requiredMinutes: need, openMinutes: open,
                                         requiredParentSlots: room.parentSlotsPerWeek, parentSlots: parents,
                                         reason: reason(s, w.monday, schoolDays: w.schoolDays, need: need, open: open,
                                                        parentsNeed: room.parentSlotsPerWeek, parents: parents,
                                                        slots: slotsOf[key] ?? [], proven: !unproven.contains(key))))
            }
        }
        return out
    }

    func openMinutes(_ shifts: [DutyShift]) -> Int {
        var byDate: [CivilDate: [(Int, Int)]] = [:]
        for s in shifts { byDate[s.date, default: []].append((s.start, s.end)) }
        return byDate.values.reduce(0) { $0 + DutyTerm.unionMinutes($1) }
    }

    func reason(_ s: School, _ monday: CivilDate, schoolDays: Int, need: Int, open: Int, parentsNeed: Int, parents: Int,
                slots mine: [Int], proven: Bool) -> Text {
        let week = monday.iso
        let teachers = eligible[s.id] ?? []
        if teachers.isEmpty {
            return Text(en: "\(s.id) lists no psychology teacher in teachers.csv to take duty in the week of \(week).",
                        zh: "\(s.id)的teachers.csv中没有心理教师，\(week)这一周无人值班。")
        }
        func minutes(_ idx: [Int]) -> Int {
            var byDate: [CivilDate: [(Int, Int)]] = [:]
            for i in idx { byDate[slots[i].date, default: []].append((slots[i].start, slots[i].end)) }
            return byDate.values.reduce(0) { $0 + DutyTerm.unionMinutes($1) }
        }
        let free = mine.filter { !candidates[$0].isEmpty }
        let names = teachers.joined(separator: ", "), namesZh = teachers.joined(separator: "、")
        var en: [String] = [], zh: [String] = []
        if open < need {
            let all = minutes(mine), reachable = minutes(free)
            if all < need {
                en.append("the week of \(week) has \(schoolDays) school day(s); the windows that week give \(all) of the \(need) required minutes")
                zh.append("\(week)这一周有\(schoolDays)个上课日，该周的开放时段共\(all)分钟，不足要求的\(need)分钟")
            } else if reachable < need {
                en.append("every psychology teacher (\(names)) is teaching, unavailable or on training during \(mine.count - free.count) of the \(mine.count) windows of the week of \(week); the windows with a free teacher give \(reachable) of the \(need) required minutes")
                zh.append("\(week)这一周\(mine.count)个开放时段中有\(mine.count - free.count)个时段所有心理教师（\(namesZh)）都在上课、不可用或参加培训，有空闲教师的时段共\(reachable)分钟，不足要求的\(need)分钟")
            } else if !proven {
                en.append("the solver stopped at its time limit with \(open) of the \(need) required minutes of the week of \(week) covered")
                zh.append("求解在时限内停止，\(week)这一周只安排了要求的\(need)分钟中的\(open)分钟")
            } else {
                en.append("the weekly duty cap, the lesson limits and other duty at the same time of the psychology teachers (\(names)) leave \(open) of the \(need) required minutes of the week of \(week)")
                zh.append("受心理教师（\(namesZh)）每周值班上限、课时上限及同时段其他值班所限，\(week)这一周只能开放要求的\(need)分钟中的\(open)分钟")
            }
        }
        if parents < parentsNeed {
            let all = mine.filter { slots[$0].audience.forParents }.count
            let reachable = free.filter { slots[$0].audience.forParents }.count
            if all < parentsNeed {
                en.append("the week of \(week) has \(all) parent-friendly window(s) (parents or all), fewer than the \(parentsNeed) required")
                zh.append("\(week)这一周只有\(all)个面向家长的开放时段，少于要求的\(parentsNeed)个")
            } else if reachable < parentsNeed {
                en.append("in the week of \(week) a psychology teacher (\(names)) is free in only \(reachable) of the \(all) parent-friendly windows (\(parentsNeed) required)")
                zh.append("\(week)这一周面向家长的\(all)个时段中只有\(reachable)个有空闲的心理教师（\(namesZh)），要求\(parentsNeed)个")
            } else if !proven {
                en.append("the solver stopped at its time limit with \(parents) of the \(parentsNeed) parent slots of the week of \(week) open")
                zh.append("求解在时限内停止，\(week)这一周只开放了要求的\(parentsNeed)个家长时段中的\(parents)个")
            } else {
                en.append("the weekly duty cap, the lesson limits and other duty at the same time leave \(parents) of the \(parentsNeed) parent slots of the week of \(week)")
                zh.append("受每周值班上限、课时上限及同时段其他值班所限，\(week)这一周只能开放要求的\(parentsNeed)个家长时段中的\(parents)个")
            }
        }
        let sentence = en.joined(separator: "; ")
        return Text(en: sentence.prefix(1).uppercased() + sentence.dropFirst() + ".", zh: zh.joined(separator: "；") + "。")
    }
}
