/* kdlint model header: written for kdlint from the documented C runtime / WDK API, not copied. */
#pragma once
#ifndef _VA_LIST_DEFINED
#define _VA_LIST_DEFINED
typedef __builtin_va_list va_list;
#endif
#define va_start(ap, last) __builtin_va_start(ap, last)
#define va_arg(ap, type) __builtin_va_arg(ap, type)
#define va_end(ap) __builtin_va_end(ap)
#define va_copy(dst, src) __builtin_va_copy(dst, src)
#define _crt_va_start va_start
#define _crt_va_arg va_arg
#define _crt_va_end va_end
