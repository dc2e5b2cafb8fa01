import Foundation

/// How much memory a process may still allocate, for the models that refuse to start a fit that
/// would not fit in RAM.
public enum SystemMemory {
    /// Bytes available for new allocations and where the figure comes from.
    ///
    /// - Linux: `MemAvailable` from `/proc/meminfo`, lowered to the cgroup v2 headroom
    ///   (`memory.max − memory.current`) when the process runs in a limited container.
    /// - Elsewhere (macOS): the physical memory (`ProcessInfo.physicalMemory`), since there is no
    ///   portable "available" figure; the OS pages out or compresses to make room.
    public static func available() -> (bytes: Int, source: String) {
        #if os(Linux)
        if let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let kilobytes = field("MemAvailable:", in: text) {
            var bytes = kilobytes * 1024
            var source = "MemAvailable in /proc/meminfo"
            if let limit = cgroupHeadroom(), limit < bytes {
                bytes = limit
                source = "cgroup memory.max − memory.current"
            }
            return (bytes, source)
        }
        #endif
        return (Int(clamping: ProcessInfo.processInfo.physicalMemory), "physical memory")
    }

    /// The number after `name` in a `/proc/meminfo`-style text (in kB), if present.
    static func field(_ name: String, in text: String) -> Int? {
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.dropFirst(name.count).split(separator: " ").first
            return digits.flatMap { Int($0) }
        }
        return nil
    }

    /// `memory.max − memory.current` of the process's cgroup v2, when it has a numeric limit.
    static func cgroupHeadroom() -> Int? {
        guard let maxText = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
              let limit = Int(maxText.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        let currentText = try? String(contentsOfFile: "/sys/fs/cgroup/memory.current", encoding: .utf8)
        let current = currentText.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        return max(0, limit - current)
    }
}
