import XCTest
final class XinyuCoreTestsPlaceholder: XCTestCase { func testBuilds() {} }
