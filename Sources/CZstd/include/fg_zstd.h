#ifndef FG_ZSTD_H
#define FG_ZSTD_H
// Zstandard's stable API as Swift sees it (Debian's libzstd-dev): the state file's raw JSON is
// compressed against a per-side dictionary of raw content, prepared once per compressor.
#include <zstd.h>
#endif
