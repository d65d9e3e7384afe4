extension MappingConfig.Endpoint {
    /// Creates an endpoint in code (`fgsync init` connects before any config exists).
    public init(url: String?, id: String, tokenEnv: String) {
        self.url = url
        self.id = id
        self.tokenEnv = tokenEnv
    }
}
