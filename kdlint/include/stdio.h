/* kdlint model header: written for kdlint from the documented C runtime / WDK API, not copied. */
#pragma once
#include <crtdefs.h>
#include <stdarg.h>
#define EOF (-1)
typedef struct _iobuf { void *_Placeholder; } FILE;
int __cdecl printf(const char *fmt, ...);
int __cdecl sprintf(char *d, const char *fmt, ...);
int __cdecl _snprintf(char *d, size_t n, const char *fmt, ...);
int __cdecl snprintf(char *d, size_t n, const char *fmt, ...);
int __cdecl vsprintf(char *d, const char *fmt, va_list a);
int __cdecl _vsnprintf(char *d, size_t n, const char *fmt, va_list a);
int __cdecl vsnprintf(char *d, size_t n, const char *fmt, va_list a);
int __cdecl swprintf(wchar_t *d, size_t n, const wchar_t *fmt, ...);
int __cdecl _snwprintf(wchar_t *d, size_t n, const wchar_t *fmt, ...);
int __cdecl _vsnwprintf(wchar_t *d, size_t n, const wchar_t *fmt, va_list a);
int __cdecl sscanf(const char *s, const char *fmt, ...);
int __cdecl swscanf(const wchar_t *s, const wchar_t *fmt, ...);
int __cdecl sprintf_s(char *d, size_t n, const char *fmt, ...);
int __cdecl _snprintf_s(char *d, size_t n, size_t c, const char *fmt, ...);
