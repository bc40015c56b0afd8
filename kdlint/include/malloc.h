/* kdlint model header: written for kdlint from the documented C runtime / WDK API, not copied. */
#pragma once
#include <stdlib.h>
void *__cdecl _alloca(size_t n);
#define alloca _alloca
