// Usage errors in Chinese and English. swift-argument-parser words its errors in English only
// ("Missing expected argument '--out <out>'"); the entry point catches them, says them in the
// chosen language(s) with the usage and the help hint, and exits 64.

import ArgumentParser
import Foundation

/// The `xinyu` entry point: parse, run, and turn every usage error into a bilingual message.
public enum XinyuMain {
    public static func main(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        let language = ConsoleLanguage.resolve(flag: ConsoleLanguage.flag(in: arguments),
                                               environment: ProcessInfo.processInfo.environment)
        do {
            var command = try XinyuCommand.parseAsRoot(arguments)
            try command.run()
            exit(0)
        } catch {
            if let text = usageErrorText(error, language: language) {
                FileHandle.standardError.write(Data((text + "\n").utf8))
                exit(Exit.usage)
            }
            XinyuCommand.exit(withError: error)
        }
    }

    /// The message of a usage error (nil for help, version, and the exit codes commands throw).
    static func usageErrorText(_ error: Error, language: ConsoleLanguage) -> String? {
        if error is ExitCode || error is CleanExit { return nil }
        guard XinyuCommand.exitCode(for: error) == .validationFailure else { return nil }
        let message = XinyuCommand.message(for: error)
        let full = XinyuCommand.fullMessage(for: error)
        return UsageText.render(message: message, full: full, language: language)
    }
}

enum UsageText {
    /// `message` is the parser's one-line error; `full` adds the usage and the hint about --help.
    static func render(message: String, full: String, language: ConsoleLanguage) -> String {
        var lines: [String] = []
        let said = Say("用法错误：" + translate(message), "Error: " + message)
        lines.append(said.text(language))
        // The usage and help lines of the full text, without the error line already said.
        let rest = full.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            .filter { !$0.hasPrefix("Error: ") && $0 != message }
        for line in rest where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            if let hint = helpHint(line) {
                let zh = "运行 '\(hint)' 查看帮助。"
                let en = line.trimmingCharacters(in: .whitespaces)
                lines.append("  " + Say(zh, en).text(language))
            } else if language == .zh, line.hasPrefix("Usage: ") {
                lines.append("用法：" + line.dropFirst("Usage: ".count))
            } else if language == .zh, line.hasPrefix("Help:  ") {
                lines.append("说明：" + line.dropFirst("Help:  ".count))
            } else {
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// "See 'xinyu solve --help' for more information." → "xinyu solve --help".
    static func helpHint(_ line: String) -> String? {
        guard let m = match(#"^\s*See '(.+)' for more information\.$"#, line) else { return nil }
        return m[0]
    }

    /// The parser's English message in Chinese; messages of our own validations by their text.
    static func translate(_ message: String) -> String {
        for (pattern, zh) in patterns {
            if let m = match(pattern, message) {
                var out = zh
                for (i, g) in m.enumerated() { out = out.replacingOccurrences(of: "$\(i + 1)", with: g) }
                return out
            }
        }
        return message
    }

    /// Regular expressions of the parser's (and our commands') English messages and their Chinese.
    static let patterns: [(String, String)] = [
        (#"^Missing expected argument '(.+)'$"#, "缺少必需的参数 '$1'"),
        (#"^Missing value for '(.+)'$"#, "选项 '$1' 缺少值"),
        (#"^Unknown option '(.+)'$"#, "未知选项 '$1'"),
        (#"^Unexpected arguments? (.+)$"#, "多余的参数 $1"),
        (#"^The value '(.*)' is invalid for '(.+)'(.*)$"#, "值 '$1' 不能用于 '$2'"),
        (#"^Value to be set with flag '(.+)' had already been set with flag '(.+)'$"#, "选项 '$1' 与 '$2' 重复"),
        (#"^(--[a-z-]+) must be a positive number of seconds$"#, "$1 须为正数（秒）"),
        (#"^(--[a-z-]+) must be (\d+)–(\d+)$"#, "$1 须在 $2–$3 之间"),
        (#"^(--[a-z-]+) must be in \[0, 1\)$"#, "$1 须在 [0, 1) 之间"),
        (#"^(--[a-z-]+) must be one of (.+)$"#, "$1 须为以下之一：$2"),
        (#"^--lang must be zh or en$"#, "--lang 须为 zh 或 en"),
        (#"^--from must be a date YYYY-MM-DD$"#, "--from 须为日期 YYYY-MM-DD"),
        (#"^--shard must be K/N with 0 ≤ K < N, e.g. 0/4$"#, "--shard 须为 K/N（0 ≤ K < N），例如 0/4"),
        (#"^weights must satisfy 0 ≤ --teacher-weight < --move-weight$"#, "权重须满足 0 ≤ --teacher-weight < --move-weight"),
        (#"^give at least one shard directory$"#, "至少给出一个分片目录"),
        (#"^unknown format "(.+)": use xlsx, ics or html.*$"#, "未知格式 \"$1\"：请用 xlsx、ics 或 html（不支持 pdf，可打印 HTML 页面）"),
    ]

    /// The capture groups of `pattern` in `text`, or nil.
    static func match(_ pattern: String, _ text: String) -> [String]? {
        guard let re = try? NSRegularExpression(pattern: pattern),
              let m = re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (1..<max(1, m.numberOfRanges)).map { i in
            Range(m.range(at: i), in: text).map { String(text[$0]) } ?? ""
        }
    }
}
