import XCTest
final class XinyuGenerateTestsPlaceholder: XCTestCase { func testBuilds() {} }
