// File names of class calendars, `<school>-<class>`, unique within the export: school `A` with
// class `B-C` and school `A-B` with class `C` both give `A-B-C` (issue 17: "wrote 12 files",
// 11 existed). A name already given (compared ignoring case, for case-insensitive disks) gets
// a tag from both ids, so no calendar overwrites another; the order of schools is the pack's,
// so the names are the same on every run.

struct UniqueFileNames {
    private var used: Set<String> = []

    /// `fileSafe(school)-fileSafe(klass)`, or with `-<tag>` when that name is taken.
    mutating func name(_ school: String, _ klass: String) -> String {
        let plain = fileSafe(school) + "-" + fileSafe(klass)
        var name = plain
        var salt = 0
        while !used.insert(name.lowercased()).inserted {
            name = plain + "-" + fnv1a(school + "\u{0}" + klass + (salt == 0 ? "" : "\u{0}\(salt)")).prefix(6)
            salt += 1
        }
        return name
    }
}
