#ifndef FG_ZLIB_H
#define FG_ZLIB_H
// zlib's API as Swift sees it. The macro `inflateInit2` is not imported, so the function it
// wraps is called through this inline helper (raw JSON that fgsync deflated before zstd).
#include <zlib.h>

static inline int fg_inflate_init(z_stream *stream, int window_bits) {
    return inflateInit2_(stream, window_bits, ZLIB_VERSION, (int)sizeof(z_stream));
}
#endif
