import ArgumentParser
import Foundation
import XinyuCore
import XinyuPack
import XinyuVerify

/// `xinyu verify PACK DIR`: the rules the schedule breaks (exit 1), apart from derived files that
/// are merely out of date after a hand edit (one line each, exit 0 if nothing else).
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Re-check a schedule against the pack: exit 0 when it keeps every rule, 1 with the list otherwise; out-of-date derived files are one line each. 校验排课。")

    @Argument(help: "The district pack directory.")
    var pack: String

    @Argument(help: "The directory holding schedule.csv (and months.csv, lessons.csv, duty.csv).")
    var schedule: String

    @OptionGroup var terminal: LangOption

    func run() throws {
        let loaded = try loadPack(pack, quiet: true)
        let folder = try readOutputFolder(schedule)
        let check = ScheduleCheck.run(loaded.district, folder)
        let language = terminal.language
        for s in check.stale { print(s.description) }
        if check.broken.isEmpty {
            print(Say("\(schedule)：\(check.lessons.count) 节课符合全部规则。", "\(schedule): \(check.lessons.count) lessons keep every rule.").text(language))
            return
        }
        for v in check.broken { print(v.description) }
        print(Say("发现 \(check.broken.count) 处违规。", "\(check.broken.count) broken rule(s).").text(language))
        throw ExitCode(Exit.verifyFailed)
    }
}
