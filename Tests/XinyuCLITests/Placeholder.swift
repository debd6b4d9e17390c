import XCTest
final class XinyuCLITestsPlaceholder: XCTestCase { func testBuilds() {} }
