#if canImport(Glibc)
    import Glibc
#endif

/// Gives the heap's free pages back to the system. A read of the whole directory (a build of the
/// search index, the autocomplete vocabulary) or a merge of index segments allocates and frees
/// far more than it keeps, and glibc's malloc holds on to what was freed: at 1,000,000 people
/// the old in-memory index's arrays came to ~610 MB while the server's RSS after its load was
/// 1,640 MiB (bench/README.md, "Issue 18").
enum FreedMemory {
    static func release() {
        #if canImport(Glibc)
            _ = trim?(0)
        #endif
    }

    #if canImport(Glibc)
        /// glibc's `malloc_trim`, which its Swift module does not bring in (`malloc.h`); nil
        /// where the C library has none.
        private static let trim: (@convention(c) (Int) -> Int32)? = {
            guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        }()
    #endif
}
