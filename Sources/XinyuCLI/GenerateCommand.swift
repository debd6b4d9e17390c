import ArgumentParser
import XinyuGenerate
import XinyuPack

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a realistic sample district pack (deterministic from the seed). 生成样例数据包。")

    @Option(name: .long, help: "Number of schools.")
    var schools: Int = 10

    @Option(name: .long, help: "Random seed: the same seed gives the same pack.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Term: autumn2026 or spring2026.")
    var term: String = "autumn2026"

    @Flag(name: .long, help: "Fewer psychology teachers and no free periods (some schools cannot comply).")
    var tight = false

    @Option(name: .long, help: "Make school S01 about this many classes (for benchmarks).")
    var classes: Int?

    @Flag(name: .long, help: "Add the policy extras: bell times, counseling-room windows, an activity room, grade lectures, a topic plan.")
    var policyExtras = false

    @Flag(name: .long, help: "A province's mix of sizes: small rural schools (one class a grade) and large urban ones beside the usual sizes. 省级规模构成。")
    var province = false

    @Option(name: .long, help: "Output pack directory.")
    var out: String

    @Flag(name: .long, help: "Replace an existing pack.")
    var force = false

    @OptionGroup var terminal: LangOption

    func validate() throws {
        if schools < 1 || schools > 5000 { throw ValidationError("--schools must be 1–5000") }
        if TermPreset(rawValue: term) == nil {
            throw ValidationError("--term must be one of \(TermPreset.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let c = classes, c < 1 || c > 400 { throw ValidationError("--classes must be 1–400") }
    }

    func run() throws {
        var options = GeneratorOptions(schools: schools, seed: seed, term: TermPreset(rawValue: term)!,
                                       tight: tight, classesPerSchool: classes)
        options.policyExtras = policyExtras
        options.province = province
        let d = DistrictGenerator.generate(options)
        do {
            try PackWriter.write(d, to: out, overwrite: force)
        } catch {
            printError("\(error)")
            throw ExitCode(Exit.usage)
        }
        let n = d.schools.reduce(0) { $0 + $1.classes.count }
        print(Say("已生成样例数据包 \(out)：\(d.schools.count) 所学校，\(n) 个班，学期 \(d.termStart.iso) – \(d.termEnd.iso)。",
                  "wrote \(out): \(d.schools.count) schools, \(n) classes, term \(d.termStart.iso) – \(d.termEnd.iso).").text(terminal.language))
    }
}
