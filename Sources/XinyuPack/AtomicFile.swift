// Writing a file so that readers see either the old file or the whole new one, never a part:
// write a temporary file in the same folder, flush it to disk, rename it over the target.

import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file or folder that could not be written.
public struct PackWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var text: Bilingual
    public init(path: String, en: String, zh: String) {
        self.path = path
        self.text = Bilingual(en: en, zh: zh)
    }
    /// English / Chinese.
    public var message: String { text.description }
    public var description: String { "\(path): \(message)" }
}

public enum AtomicFile {
    /// A write failure at `path` with the system's reason (errno read once, before anything else).
    static func failure(_ path: String, en: String, zh: String) -> PackWriteError {
        let reason = errnoText()
        return PackWriteError(path: path, en: "\(en) (\(reason))", zh: "\(zh)（\(reason)）")
    }

    /// Writes `text` as UTF-8 (no byte order mark unless the text starts with one).
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `data` to a temporary file beside `path`, fsyncs it, renames it to `path` and
    /// fsyncs the folder. Missing parent folders are created. On failure the temporary file is
    /// removed and the old file (if any) is left as it was.
    public static func write(_ data: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            // Foundation's own text ("The operation could not be completed …") never reaches users.
            throw failure(directory, en: "cannot create the folder", zh: "无法创建目录")
        }
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw failure(path, en: "cannot create a temporary file", zh: "无法创建临时文件") }
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        do {
            defer { close(fd) }
            var written = 0
            while written < data.count {
                let n = data.withUnsafeBytes { buffer in
                    posixWrite(fd, buffer.baseAddress! + written, buffer.count - written)
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure(path, en: "cannot write", zh: "无法写入")
                }
                written += n
            }
            guard fsync(fd) == 0 else { throw failure(path, en: "cannot flush to disk", zh: "无法写入磁盘") }
        }
        guard rename(temporary, path) == 0 else {
            throw failure(path, en: "cannot replace the file", zh: "无法替换文件")
        }
        ok = true
        syncDirectory(directory)
    }

    /// Flushes a folder's entries (a rename) to disk; best effort.
    static func syncDirectory(_ path: String) {
        let fd = open(path, O_RDONLY)
        if fd >= 0 {
            _ = fsync(fd)
            close(fd)
        }
    }

    /// POSIX write(2) (named apart from `AtomicFile.write`).
    private static func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, bytes, count)
        #elseif canImport(Musl)
        return Musl.write(fd, bytes, count)
        #else
        return Darwin.write(fd, bytes, count)
        #endif
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
