// The target is the header in include/; SwiftPM needs one source file.
#include "fg_malloc.h"
