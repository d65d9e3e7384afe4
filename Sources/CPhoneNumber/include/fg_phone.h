#ifndef FG_PHONE_H
#define FG_PHONE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Parses `raw` as a phone number written in `region` (ISO 3166 code, e.g. "US") with Google's
/// libphonenumber. Returns 1 when it is a valid number for its region and writes its E.164 form
/// (NUL-terminated) into `out`; 0 when it parses but is not a valid number (E.164 still written
/// when it fits); -1 when it does not parse at all (nothing written).
int fg_phone_normalise(const char *raw, const char *region, char *out, size_t cap);

/// Writes libphonenumber's example number for `region` (a fixed line, or a mobile when `mobile`
/// is non-zero) in E.164 into `out`. Returns 1, or 0 when the region has no such example.
/// For generating realistic test numbers (`fgsync-bench phones`).
int fg_phone_example(const char *region, int mobile, char *out, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
