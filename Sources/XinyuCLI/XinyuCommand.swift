import ArgumentParser
import XinyuCore

// The root command; each subcommand is in its own file (ValidateCommand.swift, SolveCommand.swift,
// VerifyCommand.swift, GenerateCommand.swift, ImportCommand.swift, ExportCommand.swift,
// DistrictCommand.swift, ReplanCommand.swift); shared helpers in CommandSupport.swift.

/// `xinyu`: schedules mental-health lessons (心理健康教育课) into school timetables.
public struct XinyuCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "xinyu",
        abstract: "心育 Xinyu: place mental-health lessons into school timetables on the real dates of a term.",
        discussion: """
            Exit codes: 0 success; 1 verify found broken rules; 3 some requirement cannot be met — a monthly \
            minimum, a grade lecture, the activity-room share, the five areas or the counseling-room hours \
            (the schedule is still written, every shortfall explained); 64 bad usage; 65 invalid input; \
            70 internal error; 130 interrupted (SIGINT/SIGTERM: outputs left as they were, or complete).
            退出码：0 成功；1 校验发现违规；3 部分要求无法满足（月最低课时、年级讲座、活动室比例、五个领域或咨询室开放时长；仍写出排课并说明原因）；64 用法错误；65 输入无效；70 内部错误；130 被中断（输出保持原样或完整写出）。
            """,
        version: XinyuVersion.string,
        subcommands: [Validate.self, Solve.self, Verify.self, Generate.self, Import.self, Export.self, DistrictRun.self, Merge.self, Replan.self]
    )
    public init() {}
}
