#ifndef FG_ZSTD_H
#define FG_ZSTD_H
// Zstandard's stable API as Swift sees it (Debian's libzstd-dev): the state file's raw JSON is
// compressed against a per-side dictionary, prepared once per compressor; the dictionary is
// trained with zdict from what the side's first records share.
#include <zstd.h>
#include <zdict.h>
#endif
