// A check of an XLSX (zip) file's own bookkeeping before ZIPFoundation unpacks it: every entry's
// compressed data must lie inside the file. ZIPFoundation 0.9.20's inflate loop spins forever on
// an entry whose data runs past the end of the file (found by the libFuzzer xlsx target,
// Fuzz/findings/xlsx-timeout-zipfoundation.xlsx; docs/TRUST.md), so such a file is refused here,
// in time linear in the central directory, instead of being handed to it.

import Foundation

enum ZipBounds {
    /// Throws when the central directory cannot be found or an entry's data does not end inside
    /// the file. `bytes` is the whole file (XLSX files are read whole within ImportLimits).
    static func check(_ bytes: [UInt8], file: String) throws(ImportError) {
        func refuse(_ what: String) -> ImportError {
            .input(file, "is not a sound XLSX (zip) file: \(what) / XLSX 文件结构损坏：\(what)")
        }
        let size = UInt64(bytes.count)
        guard let eocd = endOfCentralDirectory(bytes) else { throw refuse("no end of central directory") }
        var entries = UInt64(u16(bytes, eocd + 10))
        var cdOffset = UInt64(u32(bytes, eocd + 16))
        if entries == 0xFFFF || cdOffset == 0xFFFF_FFFF {
            // Zip64: the locator sits just before the classic record.
            guard eocd >= 20, u32(bytes, eocd - 20) == 0x0706_4B50 else { throw refuse("zip64 record missing") }
            let z = u64(bytes, eocd - 20 + 8)
            guard size >= 56, z <= size - 56, u32(bytes, Int(z)) == 0x0606_4B50 else { throw refuse("zip64 record outside the file") }
            entries = u64(bytes, Int(z) + 32)
            cdOffset = u64(bytes, Int(z) + 48)
        }
        var at = cdOffset
        for _ in 0..<min(entries, size / 46 + 1) {
            guard at <= size, at + 46 <= size, u32(bytes, Int(at)) == 0x0201_4B50 else { throw refuse("central directory entry outside the file") }
            let p = Int(at)
            let nameLength = UInt64(u16(bytes, p + 28)), extraLength = UInt64(u16(bytes, p + 30)), commentLength = UInt64(u16(bytes, p + 32))
            guard at + 46 + nameLength + extraLength + commentLength <= size else { throw refuse("central directory entry outside the file") }
            var compressed = UInt64(u32(bytes, p + 20))
            var local = UInt64(u32(bytes, p + 42))
            let uncompressed32 = u32(bytes, p + 24)
            if compressed == 0xFFFF_FFFF || local == 0xFFFF_FFFF || uncompressed32 == 0xFFFF_FFFF {
                // Zip64 extra field (id 1): the 8-byte values of the fields set to 0xFFFFFFFF, in order.
                let values = zip64Values(bytes, from: p + 46 + Int(nameLength), length: Int(extraLength))
                var i = 0
                if uncompressed32 == 0xFFFF_FFFF { i += 1 }
                if compressed == 0xFFFF_FFFF { guard i < values.count else { throw refuse("zip64 sizes missing") }; compressed = values[i]; i += 1 }
                if local == 0xFFFF_FFFF { guard i < values.count else { throw refuse("zip64 offset missing") }; local = values[i] }
            }
            guard local <= size, local + 30 <= size, u32(bytes, Int(local)) == 0x0403_4B50 else { throw refuse("local header outside the file") }
            let data = local + 30 + UInt64(u16(bytes, Int(local) + 26)) + UInt64(u16(bytes, Int(local) + 28))
            guard compressed <= size, data + compressed <= size else { throw refuse("an entry's data runs past the end of the file") }
            at += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The offset of the end-of-central-directory record (searched backwards over the comment).
    private static func endOfCentralDirectory(_ b: [UInt8]) -> Int? {
        guard b.count >= 22 else { return nil }
        let lowest = max(0, b.count - 22 - 65_535)
        var i = b.count - 22
        while i >= lowest {
            if u32(b, i) == 0x0605_4B50 { return i }
            i -= 1
        }
        return nil
    }

    private static func zip64Values(_ b: [UInt8], from start: Int, length: Int) -> [UInt64] {
        var i = start
        let end = start + length
        while i + 4 <= end {
            let id = u16(b, i), n = Int(u16(b, i + 2))
            if id == 1 {
                var out: [UInt64] = []
                var j = i + 4
                while j + 8 <= min(end, i + 4 + n) { out.append(u64(b, j)); j += 8 }
                return out
            }
            i += 4 + n
        }
        return []
    }

    private static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(u16(b, i)) | UInt32(u16(b, i + 2)) << 16 }
    private static func u64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(u32(b, i)) | UInt64(u32(b, i + 4)) << 32 }
}
