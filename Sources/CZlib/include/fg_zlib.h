#ifndef FG_ZLIB_H
#define FG_ZLIB_H
// zlib's API as Swift sees it. The macros `deflateInit2` and `inflateInit2` are not imported,
// so the two functions they wrap are called through these inline helpers.
#include <zlib.h>

static inline int fg_deflate_init(z_stream *stream, int level, int window_bits, int mem_level) {
    return deflateInit2_(stream, level, Z_DEFLATED, window_bits, mem_level, Z_DEFAULT_STRATEGY, ZLIB_VERSION, (int)sizeof(z_stream));
}

static inline int fg_inflate_init(z_stream *stream, int window_bits) {
    return inflateInit2_(stream, window_bits, ZLIB_VERSION, (int)sizeof(z_stream));
}
#endif
