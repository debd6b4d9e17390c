import Foundation
import Hummingbird
import XinyuPack

/// Plans: start a school's solve, follow it live (server-sent events), read the result, download.
struct RunRoutes {
    let portal: Portal

    func register(_ router: Router<PortalContext>) {
        router.post("/schools/:school/runs") { _, context in
            let school = try context.parameters.require("school")
            let me = try context.requireSchool(school)
            let run = try await RunService(portal: portal).startSchool(school, by: me)
            return Views.redirect("/runs/\(run.id ?? 0)")
        }
        router.get("/runs/:id") { request, context in
            let run = try owned(context)
            return try await page(run, week: request.uri.queryParameters.get("week"), context)
        }
        router.get("/runs/:id/events") { _, context in
            let run = try owned(context)
            return events(run.id ?? 0)
        }
        router.get("/runs/:id/files") { request, context in
            let run = try owned(context)
            let me = try context.requireAccount()
            let path = request.uri.queryParameters.get("path") ?? ""
            let files = RunFiles(portal: portal, run: run)
            guard files.list(for: me).contains(path), let data = files.data(path, for: me) else { throw HTTPError(.notFound) }
            return Download.response(data, name: (path as NSString).lastPathComponent, type: RunFiles.type(of: path))
        }
    }

    /// The run if this account may see it: a school's run by that school or the office; a
    /// district run by the office only. 404 otherwise.
    func owned(_ context: PortalContext) throws -> RunRow {
        guard let id = Int64(try context.parameters.require("id")), let run = try portal.store.run(id: id) else { throw HTTPError(.notFound) }
        if let school = run.schoolId { _ = try context.requireSchool(school) } else {
            guard try context.requireAccount().isOffice else { throw HTTPError(.notFound) }
        }
        return run
    }

    func page(_ run: RunRow, week: String?, _ context: PortalContext) async throws -> Response {
        let me = try context.requireAccount()
        let files = RunFiles(portal: portal, run: run)
        var data: [String: Any] = ["run": RunView.make(run, context.lang), "command": run.command,
                                   "limit": portal.config.solveTimeLimit ?? 0, "started": run.createdAt]
        data["downloads"] = files.list(for: me).map { ["path": $0, "pathEncoded": $0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0] }
        if !me.isOffice && files.coversOtherSchools() {
            // The report and the log name the other schools of the group: the office's to read.
            data["report"] = "本次排课与共用教师的其他学校一并求解，完整报告仅区教育局可见；本校的排课、各班课表与下载见下。\nThis plan was solved together with the schools that share a teacher with yours: the full report is the district office's to read; your school's schedule, weekly timetables and downloads are below."
            data["log"] = false
        } else {
            data["report"] = files.text("report.md").map { String($0.prefix(200_000)) } ?? false
            data["log"] = files.text("log.txt").map { String($0.suffix(20_000)) } ?? false
        }
        if run.finished, let school = run.schoolId { data.merge(try weekly(run, school: school, week: week, files: files, context)) { a, _ in a } }
        return portal.views.page("run", data, context: context)
    }

    /// The school's timetable for one week of the term with its 心理课, and links to the other weeks.
    func weekly(_ run: RunRow, school id: String, week: String?, files: RunFiles, _ context: PortalContext) throws -> [String: Any] {
        guard let loaded = try? PackReader.load(path: files.packPath), let school = loaded.district.schools.first(where: { $0.id == id }),
              let lessons = try? ScheduleFiles.read(directory: files.outPath).lessons.filter({ $0.school == id }) else { return [:] }
        let d = loaded.district
        var mondays: [CivilDate] = []
        var m = d.termStart.weekMonday
        while m <= d.termEnd { mondays.append(m); m = m.adding(days: 7) }
        let chosen = week.flatMap(CivilDate.init(iso:))?.weekMonday ?? lessons.map(\.date).min()?.weekMonday ?? d.termStart.weekMonday
        let grids = Grid.classes(school, displaceable: Set(d.policy.displaceable.keys), lang: context.lang, termStart: d.termStart,
                                 week: chosen, lessons: lessons)
        return ["grids": grids, "week": chosen.iso, "hasWeekly": true,
                "weeks": mondays.map { ["iso": $0.iso, "current": $0 == chosen] as [String: Any] }]
    }

    /// Server-sent events: the run's status and last progress line about every second until it ends.
    func events(_ id: Int64) -> Response {
        let store = portal.store
        let limit = portal.config.solveTimeLimit ?? 0
        let body = ResponseBody { writer in
            while true {
                guard let run = try store.run(id: id) else { break }
                let elapsed = Date().timeIntervalSince1970 - run.createdAt
                let event = ProgressEvent(status: run.status, progress: run.progress, elapsed: Int(elapsed),
                                          fraction: run.finished ? 1 : (limit > 0 ? min(0.95, elapsed / limit) : 0), finished: run.finished)
                let json = String(decoding: (try? JSONEncoder().encode(event)) ?? Data(), as: UTF8.self)
                try await writer.write(ByteBuffer(string: "data: \(json)\n\n"))
                if run.finished { break }
                try await Task.sleep(for: .seconds(1))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }

    struct ProgressEvent: Encodable {
        var status: String
        var progress: String
        var elapsed: Int
        var fraction: Double
        var finished: Bool
    }
}

/// Starting runs (pages and API share it).
struct RunService {
    let portal: Portal

    /// Snapshots the district pack into the run's folder and queues `xinyu solve` on it for one school.
    func startSchool(_ school: String, by me: Account) async throws -> RunRow {
        guard await portal.pack.load()?.district.schools.contains(where: { $0.id == school }) == true else {
            throw HTTPError(.conflict, message: "\(school): not in the district pack yet; upload and confirm a timetable first / 数据包中尚无此学校，请先上传并确认课程表")
        }
        // Not --quiet: the progress lines on stderr feed the page's progress bar.
        var args = ["solve", "PACK", "--out", "OUT", "--school", school, "--format", "xlsx,ics,html", "--jobs", "1"]
        if let limit = portal.config.solveTimeLimit { args += ["--time-limit", String(Int(limit))] }
        return try await start(kind: "school", school: school, by: me, arguments: args)
    }

    /// The office's district check: `xinyu district` on a snapshot of the pack.
    func startDistrict(by me: Account) async throws -> RunRow {
        guard await portal.pack.load() != nil else { throw HTTPError(.conflict, message: "the district pack does not read / 区数据包有误") }
        let args = ["district", "PACK", "--out", "OUT", "--jobs", String(portal.config.districtJobs), "--format", "xlsx,html"]
        return try await start(kind: "district", school: nil, by: me, arguments: args)
    }

    private func start(kind: String, school: String?, by me: Account, arguments: [String]) async throws -> RunRow {
        var run = try portal.store.insertRun(RunRow(id: nil, kind: kind, schoolId: school, accountId: me.id, status: "queued",
                                                    exitCode: nil, progress: "", command: "", createdAt: Date().timeIntervalSince1970))
        let id = run.id ?? 0
        let dir = portal.config.runDirectory(id)
        try await portal.pack.snapshot(to: dir + "/pack")
        let args = arguments.map { $0 == "PACK" ? dir + "/pack" : $0 == "OUT" ? dir + "/out" : $0 }
        run.command = "xinyu " + args.joined(separator: " ")
        try portal.store.setRunCommand(id: id, run.command)
        try portal.store.audit(me.username, school: school, kind == "school" ? "solve" : "district-run", "#\(id)")
        await portal.jobs.submit(run: id, arguments: args)
        return run
    }
}
