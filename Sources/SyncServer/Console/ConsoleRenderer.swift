import Mustache

/// Renders the console's pages from `ConsoleTemplates` with swift-mustache, HTML-escaping
/// every value.
struct ConsoleRenderer: Sendable {
    let library: MustacheLibrary

    /// Parses every template once.
    init() throws {
        var library = MustacheLibrary()
        for (name, text) in ConsoleTemplates.all { try library.register(text, named: name) }
        self.library = library
    }

    /// A whole page (`name`), or only the content its live refresh replaces (`fragment`).
    func render(_ name: String, _ model: Any, fragment: Bool = false) -> String {
        library.render(model, withTemplate: fragment ? "\(name)_main" : name) ?? ""
    }
}
