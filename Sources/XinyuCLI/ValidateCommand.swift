import ArgumentParser
import XinyuPack

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a district pack: exit 0 when valid, 65 with every error otherwise. 校验数据包。")

    @Argument(help: "The district pack directory.")
    var pack: String

    @OptionGroup var terminal: LangOption

    func run() throws {
        let console = Console.standard(verbosity: .normal, language: terminal.language)
        let loaded = try loadPack(pack, console: console)
        let d = loaded.district
        let classes = d.schools.reduce(0) { $0 + $1.classes.count }
        console.result(Say("\(pack)：数据包有效——\(d.schools.count) 所学校，\(classes) 个班，学期 \(d.termStart.iso) – \(d.termEnd.iso)。",
                           "\(pack): valid — \(d.schools.count) school(s), \(classes) classes, term \(d.termStart.iso) – \(d.termEnd.iso)."))
    }
}
