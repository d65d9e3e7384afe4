// HighLevelAPI module. See ../shared/DESIGN.md (Talking to the APIs).
