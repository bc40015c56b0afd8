/* kdlint model header: written for kdlint from the documented C runtime / WDK API, not copied. */
#pragma once
#include <crtdefs.h>
#ifndef offsetof
#define offsetof(type, member) __builtin_offsetof(type, member)
#endif
typedef double max_align_t;
