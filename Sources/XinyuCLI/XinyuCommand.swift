import ArgumentParser

public struct XinyuCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(commandName: "xinyu", abstract: "心育 Xinyu")
    public init() {}
    public func run() throws {}
}
