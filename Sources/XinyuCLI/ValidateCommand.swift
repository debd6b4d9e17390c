import ArgumentParser
import XinyuPack

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a district pack: exit 0 when valid, 65 with every error otherwise. 校验数据包。")

    @Argument(help: "The district pack directory.")
    var pack: String

    func run() throws {
        let loaded = try loadPack(pack, quiet: false)
        let d = loaded.district
        let classes = d.schools.reduce(0) { $0 + $1.classes.count }
        print("\(pack): valid — \(d.schools.count) school(s), \(classes) classes, term \(d.termStart.iso) – \(d.termEnd.iso). / 数据包有效。")
    }
}
