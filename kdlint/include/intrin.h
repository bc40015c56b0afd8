/* kdlint model header: written for kdlint from the documented WDK API (learn.microsoft.com), not copied. */
#pragma once
#include <ntdef.h>
/* The compiler intrinsics kdlint models are declared in wdm.h; user-mode style includes land here. */
#ifndef _WDMDDK_
void _ReadWriteBarrier(void);
void __debugbreak(void);
void _mm_pause(void);
#endif
