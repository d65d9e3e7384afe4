// SyncStore module. See ../shared/DESIGN.md for its place in the data's path.
