// Shared builders and fixture loaders for the test targets.
