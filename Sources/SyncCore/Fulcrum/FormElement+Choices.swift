import Foundation

/// Reading the choices a multiple ChoiceField's text names.
extension FormElement {
    /// The parts of `text` for a multiple ChoiceField: split at commas, except where a run of
    /// pieces spells one of the element's choices (label or value, any case), so a label such
    /// as "Smith, Jones & Co" stays one choice. Free text between the commas is kept, trimmed.
    public func choiceParts(_ text: String) -> [String] {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let commaChoices = choices.filter { $0.label.contains(",") || $0.value.contains(",") }
        var parts: [String] = []
        var index = 0
        while index < pieces.count {
            var taken = 1
            // The longest run of pieces that names a choice with a comma in it wins.
            if !commaChoices.isEmpty {
                for end in stride(from: pieces.count, to: index + 1, by: -1) {
                    let joined = TagSet.fold(pieces[index..<end].joined(separator: ","))
                    if commaChoices.contains(where: { TagSet.fold($0.label) == joined || TagSet.fold($0.value) == joined }) {
                        taken = end - index
                        break
                    }
                }
            }
            let part = pieces[index..<(index + taken)].joined(separator: ",").trimmingCharacters(in: .whitespaces)
            if !part.isEmpty { parts.append(part) }
            index += taken
        }
        return parts
    }
}
