// Every message of the pack reader is bilingual (简体中文 + English) and names file and line: a
// sweep of hostile packs that reaches each kind of error, the output-folder readers, the writers'
// errors, and a scan of XinyuPack's sources so a new message cannot be English-only.

import Foundation
import XCTest
@testable import XinyuPack

final class BilingualMessageTests: XCTestCase {
    static let school = "name = \"A校\"\nstages = [\"primary\"]\ndays_per_week = 5\nperiods_per_day = 7\n"
    static let district = "name = \"测试区\"\n[term]\nstart = 2026-09-01\nend = 2027-01-15\n"
    static let teachersHead = "teacher,name,psych,stages,max_per_day,max_per_week\n"
    static let okTeachers = "T1,张,full,primary,,\nT2,李,none,,,\n"

    /// One hostile change per kind of error the reader gives (file → text).
    static let hostile: [(String, [String: String])] = [
        ("no schools dir", ["schools/A/school.toml": "", "schools/A/classes.csv": "", "schools/A/teachers.csv": "", "schools/A/timetable.csv": ""]),
        ("bad folder", ["schools/a;b/school.toml": school]),
        ("csv empty", ["schools/A/classes.csv": "\n\n"]),
        ("csv missing column", ["schools/A/classes.csv": "class,grade\nC1,1\n"]),
        ("csv twice", ["schools/A/classes.csv": "class,grade,stage,grade\nC1,1,primary,1\n"]),
        ("csv long row", ["schools/A/classes.csv": "class,grade,stage,students\nC1,1,primary,40,9,9\n"]),
        ("utf16", ["schools/A/classes.csv": "\u{FEFF}"]),
        ("classes", ["schools/A/classes.csv": "class,grade,stage,students\n,13,middle,x\nC1,1,senior,99999\nC1,1,primary,1\n"]),
        ("no classes", ["schools/A/classes.csv": "class,grade,stage,students\n"]),
        ("teachers", ["schools/A/teachers.csv": teachersHead + "T1,=x,boss,,,\nT1,张,full,,5000,x\nT2,李,part,primary;primary,,\nT3,王,full,moon,,\n"]),
        ("timetable", ["schools/A/timetable.csv": "class,weekday,period,subject,teacher,weeks\nCX,9,99,,T9,sometimes\nC1,1,1,语文,T2;;,\nC1,1,1,数学,T2,\n"]),
        ("calendar", ["calendar.csv": "date,kind,follows_weekday\n2025-01-01,holiday,\n2026-10-01,party,\n2026-10-01,holiday,\n2026-10-02,makeup,\n2026-10-03,makeup,9\n2026-10-04,exam,3\nnot-a-date,holiday,\n"]),
        ("unavailable", ["schools/A/unavailable.csv": "teacher,when,periods,kind\nT9,2025-01-01,1-3,x\n,someday,3-1,\nT1,1,x;99,\n"]),
        ("pinned", ["schools/A/pinned.csv": "class,when,period,teacher,kind\nCX,3,,,keep\nC1,2025-01-01,99,T1,forbid\nC1,2026-10-20,1,T9,keep\nC1,x,1,,nope\n"]),
        ("school.toml", ["schools/A/school.toml": "name = 3\nstages = [\"moon\", \"primary\", \"primary\"]\ndays_per_week = 9\nperiods_per_day = 0\ncolor = 1\n"]),
        ("school.toml 2", ["schools/A/school.toml": "stages = \"primary\"\nperiod_times = 3\n"]),
        ("school.toml 3", ["schools/A/school.toml": "name = \"\\u0007\"\nperiods_per_day = 2\nperiod_times = [\"x\", \"09:00-08:00\", \"08:00-08:30\"]\n"]),
        ("school.toml 4", ["schools/A/school.toml": "name = \"A\"\n"]),
        ("rooms", ["schools/A/school.toml": school + "[counseling_room]\nparent_slots_per_week = 99\nwindows = [\"x\"]\nmax_teacher_hours_per_week = 0\ncounts_toward_limits = 3\n[activity_room]\nrooms = 99\nshare = 2\n[lectures]\ngrades = [0]\narea = \"x\"\ntitle = 3\n"]),
        ("rooms 2", ["schools/A/school.toml": school + "counseling_room = 1\nactivity_room = 1\nlectures = 1\n"]),
        ("rooms 3", ["schools/A/school.toml": school + "[counseling_room]\nhours_per_week = 200\nparent_slots_per_week = 2\nwindows = []\n[activity_room]\nrooms = 0\nshare = 0.5\n[lectures]\ngrades = 7\n"]),
        ("rooms 4", ["schools/A/school.toml": school + "[lectures]\narea = \"学习\"\n[counseling_room]\nhours_per_week = 2\nwindows = 3\n"]),
        ("district", ["district.toml": "name = 1\npolicy = 1\npreferences = 1\nterm = 1\n"]),
        ("district 2", ["district.toml": "[term]\nstart = \"x\"\n"]),
        ("district 3", ["district.toml": "name = \"=x\"\n[term]\nstart = 2027-01-15\nend = 2026-09-01\n"]),
        ("district 4", ["district.toml": "name = \"a\"\n[term]\nstart = 2026-01-01\nend = 2027-12-31\n"]),
        ("district 5", ["district.toml": "name = \"a\"\n"]),
        ("policy", ["district.toml": district + "[policy]\nlessons_per_month = 999\nmax_per_week = 0\nsame_teacher = 3\nfree_period_cost = -1\ndisplaceable = 3\nmonth_minimum = 3\n[preferences]\nrhythm = \"x\"\n"]),
        ("policy 2", ["district.toml": district + "[policy.displaceable]\n\" \" = 1\n班会 = 1e300\n[policy.month_minimum]\n\"2026-13\" = 1\n\"2026-10\" = 999\n\"2026-11\" = -1\n"]),
        ("staffing", ["district.toml": district + "[staffing]\nfulltime_max_per_week = 2\nfulltime_max_per_day = 3\nparttime_max_per_week = 1\nparttime_max_per_day = 2\ncounseling_min_hours = 999\nstudents_per_parttime = 0\n"]),
        ("staffing 2", ["district.toml": "staffing = 3\n" + district]),
        ("topics", ["district.toml": district + "[topics]\nmoon = [\"学习\"]\nprimary = []\njunior = [\"x\"]\nsenior = [\"学习\"]\n"]),
        ("topics 2", ["district.toml": "topics = 3\n" + district]),
        ("toml syntax", ["district.toml": "name = \n"]),
        ("toml header", ["district.toml": "[心理]\nx = 1\n"]),
        ("toml date", ["district.toml": "x = 2026-09-0= 1\n"]),
        ("toml NUL escape", ["district.toml": "name = \"a\\u0000b\"\n"]),
        ("toml deep", ["district.toml": String(repeating: "a.", count: 300) + "b = 1\n"]),
        ("missing file", ["schools/A/teachers.csv": ""]),
    ]

    func testEveryHostilePackGivesBilingualMessagesWithFileAndLine() {
        var kinds = Set<String>()
        for (name, change) in Self.hostile {
            var files = pack(change)
            if name == "no schools dir" { files = ["district.toml": basePack["district.toml"] ?? ""] }
            if name == "missing file" { files.removeValue(forKey: "schools/A/teachers.csv") }
            let found = diagnostics(files)  // asserts each one bilingual, with its file and line
            XCTAssertFalse(found.filter { $0.severity == .error }.isEmpty, name)
            for d in found { kinds.insert(unquoted(d.text.en).filter { !$0.isNumber }) }
        }
        // The sweep reaches many distinct messages, not the same one many times.
        XCTAssertGreaterThan(kinds.count, 90, kinds.sorted().joined(separator: "\n"))
    }

    func testBytesGiveBilingualMessages() {
        _ = diagnostics(basePack, bytes: ["schools/A/classes.csv": [0xFF, 0xFE, 0x41, 0x00]])
        _ = diagnostics(basePack, bytes: ["schools/A/classes.csv": Array("class,grade,stage\nC".utf8) + [0xC4, 0xE3] + Array(",1,primary\n".utf8)])
        _ = diagnostics(pack(["district.toml": "name = \"a\"\u{0}\n"]))
    }

    func testOutputFolderReadersAreBilingual() throws {
        let folder = temporaryFolder(self)
        try "school,class,date,weekday,period,teacher,replaces\nS,C,x,9,0,,\n".write(toFile: folder + "/schedule.csv", atomically: true, encoding: .utf8)
        try "school,class,month,required,scheduled\nS,C,2026-10,x,1\n".write(toFile: folder + "/months.csv", atomically: true, encoding: .utf8)
        try "school,date,start,end,teacher,audience\n,x,25:00,x,,aliens\nS,2026-10-01,10:00,09:00,T,all\n".write(toFile: folder + "/duty.csv", atomically: true, encoding: .utf8)
        var all: [Diagnostic] = []
        do { _ = try ScheduleFiles.read(directory: folder); XCTFail("schedule.csv read") } catch { all += error.diagnostics }
        do { _ = try DutyFiles.read(directory: folder); XCTFail("duty.csv read") } catch { all += error.diagnostics }
        XCTAssertGreaterThanOrEqual(all.count, 7)
        for d in all { assertBilingual(d) }
    }

    func testWriterAndOutputSetErrorsAreBilingual() throws {
        let folder = temporaryFolder(self)
        try "x".write(toFile: folder + "/file", atomically: true, encoding: .utf8)
        do { _ = try OutputSet(folder + "/file"); XCTFail("a file taken as --out") } catch {
            XCTAssertNil(bilingualProblem(error.text), error.message)
        }
        do { try AtomicFile.write("x", to: folder + "/file/inside"); XCTFail("wrote under a file") } catch let e as PackWriteError {
            XCTAssertNil(bilingualProblem(e.text), e.message)
        }
        let district = try XCTUnwrap(load(basePack)).district
        do { try PackWriter.write(district, to: folder, overwrite: false); XCTFail("wrote over a folder") } catch let e as PackWriteError {
            XCTAssertNil(bilingualProblem(e.text), e.message)
        }
    }

    /// Every Chinese part written in XinyuPack's sources holds Chinese words, and no message call
    /// passes one string as its message (`log.error(file, "…")`, `fail("field", "…")`), so a new
    /// English-only message fails here before a user sees it.
    func testSourcesBuildEveryMessageInBothLanguages() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/XinyuPack")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
        XCTAssertGreaterThan(files.count, 20)
        var zhParts = 0, calls = 0
        for name in files.sorted() {
            let text = try String(contentsOf: sources.appendingPathComponent(name), encoding: .utf8)
            let scan = SwiftCallScan(text)
            for literal in scan.literals(after: "zh: ") {
                zhParts += 1
                // Words without Chinese, or the English part put in: English only. A literal that only
                // joins Chinese parts made elsewhere ("\(what.zh) \(quoted(value)) \(problem.zh)") is fine.
                let words = literal.text.contains { $0.isLetter } && !Bilingual.hasChinese(literal.text)
                if words || literal.raw.contains("\\(en") || literal.raw.contains(".en)") {
                    XCTFail("\(name):\(literal.line): a Chinese part without Chinese: \(literal.raw)")
                }
            }
            for call in ["log.error(", "log.note(", "toml.error(", "fail(", "usage(", "io("] {
                for args in scan.calls(call) {
                    calls += 1
                    // The message is never a bare string: the file, field or path may be (first), nothing after.
                    let first = call == "usage(" || call == "io(" ? 0 : 1
                    for arg in args.arguments.dropFirst(first) where arg.hasPrefix("\"") {
                        XCTFail("\(name):\(args.line): a message in one language: \(call)\(args.arguments.joined(separator: ", ")))")
                    }
                }
            }
        }
        XCTAssertGreaterThan(zhParts, 150)
        XCTAssertGreaterThan(calls, 100)
    }
}
