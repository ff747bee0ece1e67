import Foundation

#if FUZZING
    /// libFuzzer's entry point (`scripts/fuzz-parsers.sh` builds it with `-sanitize=fuzzer` and
    /// `-DFUZZING`; libFuzzer brings `main`).
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        FuzzChecks.run(UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
#else
    /// Without libFuzzer: runs every file named on the command line (or in the folders named)
    /// through the checks, so that the corpus and every crash input once found stay a regression
    /// test in an ordinary build.
    @main
    struct ReplayCorpus {
        static func main() throws {
            var count = 0
            for argument in CommandLine.arguments.dropFirst() {
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder)
                let files =
                    isFolder.boolValue
                    ? try FileManager.default.contentsOfDirectory(atPath: argument).sorted().map { "\(argument)/\($0)" }
                    : [argument]
                for file in files {
                    let data = try Data(contentsOf: URL(fileURLWithPath: file))
                    data.withUnsafeBytes { FuzzChecks.run($0) }
                    count += 1
                }
            }
            print("\(count) inputs keep every property")
        }
    }
#endif
