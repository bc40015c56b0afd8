/* kdlint model header: written for kdlint from the documented C runtime / WDK API, not copied. */
#pragma once
#include <crtdefs.h>
#define WCHAR_MIN 0x0000
#define WCHAR_MAX 0xffff
#define WEOF ((wint_t)0xFFFF)
size_t __cdecl wcslen(const wchar_t *s);
size_t __cdecl wcsnlen(const wchar_t *s, size_t n);
wchar_t *__cdecl wcscpy(wchar_t *d, const wchar_t *s);
wchar_t *__cdecl wcsncpy(wchar_t *d, const wchar_t *s, size_t n);
wchar_t *__cdecl wcscat(wchar_t *d, const wchar_t *s);
wchar_t *__cdecl wcsncat(wchar_t *d, const wchar_t *s, size_t n);
int __cdecl wcscmp(const wchar_t *a, const wchar_t *b);
int __cdecl wcsncmp(const wchar_t *a, const wchar_t *b, size_t n);
int __cdecl _wcsicmp(const wchar_t *a, const wchar_t *b);
int __cdecl _wcsnicmp(const wchar_t *a, const wchar_t *b, size_t n);
wchar_t *__cdecl wcschr(const wchar_t *s, wchar_t c);
wchar_t *__cdecl wcsrchr(const wchar_t *s, wchar_t c);
wchar_t *__cdecl wcsstr(const wchar_t *s, const wchar_t *f);
wchar_t *__cdecl _wcsupr(wchar_t *s);
wchar_t *__cdecl _wcslwr(wchar_t *s);
size_t __cdecl wcsspn(const wchar_t *s, const wchar_t *set);
size_t __cdecl wcscspn(const wchar_t *s, const wchar_t *set);
wchar_t *__cdecl wcstok(wchar_t *s, const wchar_t *set, wchar_t **ctx);
long __cdecl wcstol(const wchar_t *s, wchar_t **end, int base);
unsigned long __cdecl wcstoul(const wchar_t *s, wchar_t **end, int base);
errno_t __cdecl wcscpy_s(wchar_t *d, rsize_t n, const wchar_t *s);
errno_t __cdecl wcsncpy_s(wchar_t *d, rsize_t n, const wchar_t *s, rsize_t c);
errno_t __cdecl wcscat_s(wchar_t *d, rsize_t n, const wchar_t *s);
wchar_t *__cdecl wmemcpy(wchar_t *d, const wchar_t *s, size_t n);
wchar_t *__cdecl wmemmove(wchar_t *d, const wchar_t *s, size_t n);
wchar_t *__cdecl wmemset(wchar_t *d, wchar_t c, size_t n);
int __cdecl wmemcmp(const wchar_t *a, const wchar_t *b, size_t n);
int __cdecl swprintf(wchar_t *d, size_t n, const wchar_t *fmt, ...);
int __cdecl _snwprintf(wchar_t *d, size_t n, const wchar_t *fmt, ...);
int __cdecl _vsnwprintf(wchar_t *d, size_t n, const wchar_t *fmt, __builtin_va_list a);
int __cdecl iswspace(wint_t c);
int __cdecl iswdigit(wint_t c);
int __cdecl iswalpha(wint_t c);
int __cdecl iswalnum(wint_t c);
int __cdecl iswupper(wint_t c);
int __cdecl iswlower(wint_t c);
int __cdecl iswxdigit(wint_t c);
wint_t __cdecl towupper(wint_t c);
wint_t __cdecl towlower(wint_t c);
