import XCTest
final class XinyuMIPTestsPlaceholder: XCTestCase { func testBuilds() {} }
