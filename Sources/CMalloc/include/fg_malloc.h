#ifndef FG_MALLOC_H
#define FG_MALLOC_H
// glibc's mallopt as Swift sees it: <malloc.h> is not part of Swift's Glibc module.
#include <malloc.h>

/// Caps glibc's malloc arenas at `count`; returns 1 on success.
static inline int fg_limit_malloc_arenas(int count) {
    return mallopt(M_ARENA_MAX, count);
}
#endif
