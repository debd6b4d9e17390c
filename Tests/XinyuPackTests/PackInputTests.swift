import XCTest
@testable import XinyuPack

/// How files are read: encodings, line ends, headers, bounds, and how errors are gathered.
final class PackInputTests: XCTestCase {
    func testBOMAndCRLFAreAccepted() {
        var files = basePack
        for (path, text) in basePack {
            files[path] = "\u{FEFF}" + text.replacing("\n", with: "\r\n") + "\r\n"
        }
        let loaded = load(files)
        XCTAssertEqual(loaded?.district.name, "测试区")
        XCTAssertEqual(loaded?.district.schools[0].classes.map(\.id), ["C1", "C2"])
        XCTAssertEqual(loaded?.district.schools[0].timetable.map(\.line), [2, 3, 4])
        XCTAssertEqual(loaded?.notes, [])
    }

    func testLineNumbersWithCRLFAndBlankLines() {
        let files = pack(["schools/A/timetable.csv": "class,weekday,period,subject,teacher\r\n\r\nC1,1,1,语文,T2\r\n,,,,\r\nC1,9,1,语文,T2\r\n"])
        assertError(files, at: "schools/A/timetable.csv", line: 5, "weekday \"9\" is not 1–5")
    }

    func testQuotedFieldWithNewlinesAdvancesTheLineCount() {
        let files = pack(["schools/A/classes.csv": "class,grade,stage,students\nC1,1,primary,\"4\n0\"\nC2,2,primary,\r\n\"C\r\n3\",13,primary,\nC4,0,primary,\n"])
        let all = diagnostics(files)
        let lines = all.filter { $0.location.file == "schools/A/classes.csv" }.map(\.location.line)
        XCTAssertEqual(lines, [2, 5, 5, 7], all.map(\.description).joined(separator: "\n"))
    }

    func testExtraColumnIsANote() {
        let files = pack(["schools/A/classes.csv": "class,grade,homeroom,stage,students\nC1,1,王,primary,40\nC2,2,李,primary,\n"])
        let loaded = load(files)
        XCTAssertEqual(loaded?.notes.map(\.description), ["schools/A/classes.csv:1: note: extra column \"homeroom\" ignored / 多余的列 \"homeroom\" 已忽略"])
        XCTAssertEqual(loaded?.notes.first?.location.field, "homeroom")
        XCTAssertEqual(loaded?.district.schools[0].classes.first, SchoolClass(id: "C1", grade: 1, stage: .primary, students: 40))
    }

    func testColumnsInAnyOrderAndCase() {
        let files = pack(["schools/A/classes.csv": "Stage,Class,Grade\nprimary,C1,1\nprimary,C2,2\n"])
        XCTAssertEqual(load(files)?.district.schools[0].classes.map(\.grade), [1, 2])
    }

    func testMissingColumnNamesFileAndColumn() {
        let files = pack(["schools/A/timetable.csv": "class,weekday,subject,teacher\nC1,1,语文,T2\n"])
        assertError(files, at: "schools/A/timetable.csv", line: 1, "missing column \"period\"", field: "period")
    }

    func testDuplicateColumn() {
        let files = pack(["schools/A/classes.csv": "class,grade,stage,grade\nC1,1,primary,2\n"])
        assertError(files, at: "schools/A/classes.csv", line: 1, "column \"grade\" appears twice")
    }

    func testMissingRequiredFiles() {
        for name in ["classes.csv", "timetable.csv", "teachers.csv"] {
            var files = basePack
            files["schools/A/" + name] = nil
            assertError(files, at: "schools/A/" + name, line: nil, "file is missing")
        }
    }

    func testEmptyFile() {
        assertError(pack(["schools/A/teachers.csv": ""]), at: "schools/A/teachers.csv", line: nil,
                    "file is empty; expected the header row teacher,name,psych,stages,max_per_day,max_per_week")
    }

    func testRowWithTooManyFields() {
        assertError(pack(["schools/A/classes.csv": "class,grade,stage,students\nC1,1,primary,40,extra\nC2,2,primary,\n"]),
                    at: "schools/A/classes.csv", line: 2, "row has 5 fields but the header has 4")
        // Trailing empty fields (as Excel writes them) are fine.
        XCTAssertNotNil(load(pack(["schools/A/classes.csv": "class,grade,stage,students\nC1,1,primary,40,,\nC2,2,primary,\n"])))
    }

    func testQuotedSpacesAreKeptAndUnquotedTrimmed() {
        let files = pack(["schools/A/teachers.csv": "teacher,name,psych,stages,max_per_day,max_per_week\n T1 ,\" 张 \", full ,primary,,\nT2,李,none,,,\n"])
        XCTAssertEqual(load(files)?.district.schools[0].teachers.first?.name, " 张 ")
        XCTAssertEqual(load(files)?.district.schools[0].teachers.first?.id, "T1")
    }

    func testGB18030BytesGiveAClearError() {
        // "班会" in GB18030 is B0 E0 BB E1: not UTF-8.
        var bytes = Array("class,weekday,period,subject,teacher\nC1,1,1,".utf8)
        bytes += [0xB0, 0xE0, 0xBB, 0xE1]
        bytes += Array(",T2\n".utf8)
        var files = basePack
        files["schools/A/timetable.csv"] = nil
        assertError(files, bytes: ["schools/A/timetable.csv": bytes], at: "schools/A/timetable.csv", line: 2,
                    "file is not valid UTF-8 (byte 0xB0); it may be GBK/GB18030")
    }

    func testUTF16IsRecognised() {
        var files = basePack
        files["schools/A/classes.csv"] = nil
        let utf16: [UInt8] = [0xFF, 0xFE] + Array("class".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        assertError(files, bytes: ["schools/A/classes.csv": utf16], at: "schools/A/classes.csv", line: nil, "file is UTF-16, not UTF-8")
    }

    func testTooManyRows() {
        var text = "class,weekday,period,subject,teacher\n"
        text.reserveCapacity(2_000_000)
        for i in 0...PackLimits.maxRows { text += "C\(i),1,1,语文,\n" }
        assertError(pack(["schools/A/timetable.csv": text]), at: "schools/A/timetable.csv", line: PackLimits.maxRows + 2,
                    "more than 100000 rows")
    }

    func testAllErrorsAreReportedSortedByFileThenLine() {
        let files = pack([
            "calendar.csv": "date,kind,follows_weekday,note\n2026-10-01,party,,\n",
            "schools/A/timetable.csv": "class,weekday,period,subject,teacher,weeks\nC1,8,1,语文,T2,\nC1,1,9,语文,T2,\nC9,1,1,语文,T2,\n",
            "schools/A/classes.csv": "class,grade,stage,students,room\nC1,0,primary,\nC2,2,primary,\n",
            "schools/A/unavailable.csv": "teacher,when,periods,reason\nT7,1,,\n",
        ])
        let all = diagnostics(files)
        // In English here; every message's Chinese part is checked by `diagnostics` (BilingualCheck).
        XCTAssertEqual(all.map { $0.description(.en) }, [
            "calendar.csv:2: kind \"party\" is not one of holiday, closure, exam, makeup, training",
            "schools/A/classes.csv:1: note: extra column \"room\" ignored",
            "schools/A/classes.csv:2: grade \"0\" is not 1–12",
            "schools/A/timetable.csv:2: weekday \"8\" is not 1–5",
            "schools/A/timetable.csv:3: period \"9\" is not 1–7",
            "schools/A/timetable.csv:4: unknown class \"C9\" (not in classes.csv)",
            "schools/A/unavailable.csv:2: unknown teacher \"T7\" (not in teachers.csv)",
        ])
    }

    func testErrorsInSeveralSchoolsAndOneRowAreAllReported() {
        var files = pack(["schools/A/timetable.csv": "class,weekday,period,subject,teacher\nC9,8,0,,T9\n"])
        files["schools/B/school.toml"] = "name = \"B\"\nstages = [\"senior\"]\ndays_per_week = 9\n"
        files["schools/B/classes.csv"] = "class,grade,stage\nG1,10,senior\n"
        files["schools/B/teachers.csv"] = "teacher,name,psych,stages,max_per_day,max_per_week\n"
        files["schools/B/timetable.csv"] = "class,weekday,period,subject,teacher\n"
        let errors = diagnostics(files).map { $0.description(.en) }
        XCTAssertEqual(errors, [
            "schools/A/timetable.csv:2: unknown class \"C9\" (not in classes.csv)",
            "schools/A/timetable.csv:2: weekday \"8\" is not 1–5",
            "schools/A/timetable.csv:2: period \"0\" is not 1–7",
            "schools/A/timetable.csv:2: subject is empty",
            "schools/A/timetable.csv:2: unknown teacher \"T9\" (not in teachers.csv)",
            "schools/B/school.toml:3: days_per_week \"9\" is not 1–7",
        ])
    }

    func testMissingPackFolder() {
        XCTAssertThrowsError(try PackReader.load(path: "/nonexistent/xinyu-pack")) { error in
            XCTAssertEqual((error as? PackError)?.description, "/nonexistent/xinyu-pack: pack folder does not exist / 数据包文件夹不存在")
        }
    }

    func testNonFolderEntriesUnderSchoolsAreNoted() {
        let loaded = load(pack(["schools/readme.txt": "hi", "schools/.DS_Store": "x"]))
        XCTAssertEqual(loaded?.notes.map(\.description), ["schools/readme.txt: note: not a school folder; ignored / 不是学校文件夹，已忽略"])
    }
}
