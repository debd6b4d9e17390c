// The commands' side of OutputSet (XinyuPack/OutputSet.swift): open the set at the start of a
// run, commit it at the end, each failure a bilingual message and an exit code.

import ArgumentParser
import XinyuPack

/// Exit code of a run refused because another run is writing into the same `--out` (EX_TEMPFAIL).
let busyExitCode: Int32 = 75

/// Locks `out` and opens the staging folder of this run's set (exit 64 for a bad `--out`, 75
/// when another run is writing into it, 70 when the folder cannot be created).
func openOutputSet(_ out: String) throws -> OutputSet {
    do {
        return try OutputSet(out)
    } catch {
        printError(error.message)
        switch error.kind {
        case .usage: throw ExitCode(Exit.usage)
        case .busy: throw ExitCode(busyExitCode)
        case .io: throw ExitCode(Exit.internalError)
        }
    }
}

/// Swaps the staged set into `--out` (exit 70 when that fails; the previous set is then whole).
func commitOutputSet(_ set: OutputSet) throws {
    do {
        try set.commit()
    } catch {
        printError(error.message)
        set.abandon()
        throw ExitCode(Exit.internalError)
    }
}
