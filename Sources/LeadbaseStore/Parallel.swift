import Foundation

/// CPU-bound work split over the machine's cores.
enum Parallel {
    /// `transform` applied to every element, in order, by one task per core (each taking a
    /// contiguous share). Small inputs stay on the calling task.
    static func map<Element: Sendable, Result: Sendable>(
        _ elements: [Element], minimumPerTask: Int = 100, _ transform: @escaping @Sendable (Element) throws -> Result
    ) async throws -> [Result] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, elements.count / minimumPerTask))
        guard parts > 1 else { return try elements.map(transform) }
        let size = (elements.count + parts - 1) / parts
        return try await withThrowingTaskGroup(of: (Int, [Result]).self) { group in
            for part in 0 ..< parts {
                let share = elements[part * size ..< min(elements.count, (part + 1) * size)]
                group.addTask { (part, try share.map(transform)) }
            }
            var results = [[Result]](repeating: [], count: parts)
            for try await (part, mapped) in group { results[part] = mapped }
            return results.flatMap { $0 }
        }
    }
}
