import XCTest
final class XinyuPackTestsPlaceholder: XCTestCase { func testBuilds() {} }
