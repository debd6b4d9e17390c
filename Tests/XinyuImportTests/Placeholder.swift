import XCTest
final class PlaceholderImportTests: XCTestCase { func testNothing() {} }
