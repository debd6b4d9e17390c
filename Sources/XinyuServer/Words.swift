/// The pages' words, Chinese first (the default) and English. Templates use {{t.key}}.
enum Words {
    static func table(_ lang: Lang) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in all { out[k] = lang == .zh ? v.0 : v.1 }
        return out
    }

    static let all: [String: (String, String)] = [
        "appName": ("心育 · 区心理健康教育课排课平台", "Xinyu · district mental-health lesson portal"),
        "login": ("登录", "Sign in"), "logout": ("退出", "Sign out"),
        "username": ("用户名", "User name"), "password": ("密码", "Password"),
        "badLogin": ("用户名或密码错误。", "Wrong user name or password."),
        "throttled": ("密码错误次数过多，请 15 分钟后再试。", "Too many wrong passwords: try again in 15 minutes."),
        "csrfExpired": ("表单已过期，请重新提交。", "The form expired: please submit it again."),
        "home": ("首页", "Home"), "dashboard": ("全区总览", "District dashboard"),
        "school": ("学校", "School"), "schools": ("学校", "Schools"), "classes": ("班级数", "Classes"),
        "lastUpload": ("最近上传", "Last upload"), "lastRun": ("最近排课", "Last plan"), "never": ("无", "none"),
        "accounts": ("账户", "Accounts"), "role": ("角色", "Role"), "office": ("区教育局", "District office"),
        "schoolRole": ("学校", "School"), "add": ("添加", "Add"), "remove": ("删除", "Remove"),
        "resetPassword": ("重设密码", "Reset password"), "newPassword": ("新密码", "New password"),
        "save": ("保存", "Save"), "audit": ("操作日志", "Audit log"), "when": ("时间", "When"), "who": ("谁", "Who"),
        "what": ("操作", "What"), "detail": ("详情", "Detail"),
        "upload": ("上传课程表", "Upload the timetable"), "uploads": ("上传记录", "Uploads"),
        "uploadHint": ("支持 XLSX、CSV（课程表）、FET、XHSTT 文件。", "XLSX, CSV (课程表 grid), FET or XHSTT files."),
        "file": ("文件", "File"), "format": ("格式", "Format"), "status": ("状态", "Status"),
        "preview": ("导入预览", "Import preview"), "warnings": ("提示", "Warnings"),
        "confirm": ("确认并保存到数据包", "Confirm and save into the pack"),
        "psychTeachers": ("心理教师", "Psychology teachers"), "displaceable": ("可替换科目（区设置）", "Displaceable subjects (district setting)"),
        "bellTimes": ("作息时间（每节课，如 08:00-08:45）", "Bell times (each period, e.g. 08:00-08:45)"),
        "freePeriods": ("空节可排心理课", "Free periods may take a lesson"),
        "solve": ("排课", "Plan the lessons"), "runs": ("排课记录", "Plans"), "run": ("排课", "Plan"),
        "progress": ("进度", "Progress"), "report": ("排课报告", "Report"), "downloads": ("下载", "Downloads"),
        "weekly": ("每周课程表", "Weekly timetable"), "weekday": ("星期", "Weekday"), "period": ("节次", "Period"),
        "districtRun": ("全区核查", "District check"), "startDistrictRun": ("开始全区核查", "Start the district check"),
        "settings": ("区设置", "District settings"), "survey": ("心理健康教师基本情况调查表", "Psychology teacher survey"),
        "apiTokens": ("API 令牌", "API tokens"), "label": ("名称", "Label"), "create": ("创建", "Create"),
        "tokenOnce": ("请立即复制此令牌，它只显示一次：", "Copy this token now; it is shown once only:"),
        "packInvalid": ("区数据包有错误：", "The district pack has errors:"),
        "version": ("版本", "Version"), "back": ("返回", "Back"), "open": ("查看", "Open"),
        "interrupted": ("已中断", "interrupted"), "queued": ("排队中", "queued"), "running": ("运行中", "running"),
        "done": ("完成", "done"), "short": ("部分未达标", "short"), "failed": ("失败", "failed"),
        "uploaded": ("已上传", "uploaded"), "confirmed": ("已确认", "confirmed"),
        "command": ("等价命令", "The same on the command line"),
        "addPsych": ("不在课表中的心理教师（每行：标识=full|part[:学段]）", "Psychology teachers not in the file (one a line: ID=full|part[:stages])"),
        "pinTitle": ("固定或禁止某节课", "Pin or forbid a lesson"),
        "pinHint": ("写入 schools/学校/pinned.csv（class,when,period,teacher,kind）。固定课（keep）须符合全部规则（上课日、教师空闲与课时上限、可替换节次），否则不予保存；下次排课将保留固定课、避开禁排节次。",
                    "Written to schools/<school>/pinned.csv (class,when,period,teacher,kind). A keep must keep every rule (a school day, a free teacher under their limits, a period that may be replaced) or it is refused; the next plan keeps the keeps and leaves the forbidden places free."),
    ]
}
