import CICU

/// A failure reported by ICU4C, with the call that failed and ICU's error name.
public struct ICUError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The operation that failed, e.g. `"ubrk_open(zh)"`.
    public let operation: String
    /// ICU's `UErrorCode` value.
    public let code: Int32

    public init(operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    /// ICU's name for the code, e.g. `U_MISSING_RESOURCE_ERROR`.
    public var name: String { String(cString: yz_error_name(code)) }

    public var description: String {
        "\(operation) failed with \(name); check that libicu (libicu-dev) is installed and its data is complete"
    }

    /// Throws when `status` is an ICU failure (> 0). Warnings (< 0) pass.
    @inline(__always)
    static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws(ICUError) {
        if status > 0 { throw ICUError(operation: operation(), code: status) }
    }
}

/// ICU's `U_BUFFER_OVERFLOW_ERROR`.
let bufferOverflowError: Int32 = 15

/// The version of the ICU library this process runs with, e.g. `"72.1"`.
public var icuVersion: String {
    var buffer = [CChar](repeating: 0, count: 32)
    yz_icu_version(&buffer, Int32(buffer.count))
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}
