/* kdlint model header: written for kdlint from the documented C runtime / WDK API, not copied. */
#pragma once
#ifndef _KDLINT_CRTDEFS_H
#define _KDLINT_CRTDEFS_H
#include <sal.h>
#ifndef _SIZE_T_DEFINED
#define _SIZE_T_DEFINED
typedef unsigned long long size_t;
#endif
#ifndef _RSIZE_T_DEFINED
#define _RSIZE_T_DEFINED
typedef size_t rsize_t;
#endif
#ifndef _PTRDIFF_T_DEFINED
#define _PTRDIFF_T_DEFINED
typedef long long ptrdiff_t;
#endif
#ifndef _INTPTR_T_DEFINED
#define _INTPTR_T_DEFINED
typedef long long intptr_t;
#endif
#ifndef _UINTPTR_T_DEFINED
#define _UINTPTR_T_DEFINED
typedef unsigned long long uintptr_t;
#endif
#if !defined(_WCHAR_T_DEFINED) && !defined(__cplusplus)
#define _WCHAR_T_DEFINED
typedef unsigned short wchar_t;
#endif
#ifndef _WCTYPE_T_DEFINED
#define _WCTYPE_T_DEFINED
typedef unsigned short wint_t;
typedef unsigned short wctype_t;
#endif
#ifndef _ERRNO_T_DEFINED
#define _ERRNO_T_DEFINED
typedef int errno_t;
#endif
#ifndef _TIME_T_DEFINED
#define _TIME_T_DEFINED
typedef long long __time64_t;
typedef long __time32_t;
typedef __time64_t time_t;
#endif
#ifndef NULL
#define NULL ((void *)0)
#endif
#ifndef _CRTIMP
#define _CRTIMP
#endif
#ifndef __CRTDECL
#define __CRTDECL __cdecl
#endif
#define _CRTRESTRICT
#define _CRTALLOCATOR
#define _CRT_INSECURE_DEPRECATE(x)
#define _CRT_DEPRECATE_TEXT(x)
#define _CRT_NONSTDC_DEPRECATE(x)
#define _CRT_OBSOLETE(x)
#define _ACRTIMP
#define _DCRTIMP
#define _CRT_STDIO_INLINE static __inline
#define _CRT_JIT_INTRINSIC
#define _CONST_RETURN
#define _CRT_SECURE_NO_WARNINGS_GLOBALS
#define __STDC_WANT_SECURE_LIB__ 1
#define _CRT_PACKING 8
#define _UCRT
#define _VCRTIMP
#define _CRTNOALIAS
#define _CRT_HYBRIDPATCHABLE
#define _Check_return_opt_
#define _Check_return_wat_
#define _Check_return_impl_
#endif
