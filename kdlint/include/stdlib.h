/* kdlint model header: written for kdlint from the documented C runtime / WDK API, not copied. */
#pragma once
#include <crtdefs.h>
#include <limits.h>
#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 0x7fff
#define _MAX_PATH 260
#define _countof(a) (sizeof(a) / sizeof((a)[0]))
#ifndef __min
#define __min(a, b) (((a) < (b)) ? (a) : (b))
#define __max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
int __cdecl abs(int x);
long __cdecl labs(long x);
long long __cdecl llabs(long long x);
long long __cdecl _abs64(long long x);
int __cdecl atoi(const char *s);
long __cdecl atol(const char *s);
long __cdecl strtol(const char *s, char **end, int base);
unsigned long __cdecl strtoul(const char *s, char **end, int base);
long long __cdecl _strtoi64(const char *s, char **end, int base);
unsigned long long __cdecl _strtoui64(const char *s, char **end, int base);
char *__cdecl _itoa(int v, char *buf, int radix);
char *__cdecl _ltoa(long v, char *buf, int radix);
char *__cdecl _ultoa(unsigned long v, char *buf, int radix);
wchar_t *__cdecl _itow(int v, wchar_t *buf, int radix);
void *__cdecl malloc(size_t n);
void *__cdecl calloc(size_t c, size_t n);
void *__cdecl realloc(void *p, size_t n);
void __cdecl free(void *p);
void __cdecl qsort(void *base, size_t n, size_t size, int (__cdecl *cmp)(const void *, const void *));
void *__cdecl bsearch(const void *key, const void *base, size_t n, size_t size, int (__cdecl *cmp)(const void *, const void *));
int __cdecl rand(void);
void __cdecl srand(unsigned int seed);
void __cdecl abort(void);
void __cdecl exit(int code);
unsigned short __cdecl _byteswap_ushort(unsigned short v);
unsigned long __cdecl _byteswap_ulong(unsigned long v);
unsigned long long __cdecl _byteswap_uint64(unsigned long long v);
unsigned int __cdecl _rotl(unsigned int v, int s);
unsigned int __cdecl _rotr(unsigned int v, int s);
unsigned long long __cdecl _rotl64(unsigned long long v, int s);
unsigned long long __cdecl _rotr64(unsigned long long v, int s);
unsigned long __cdecl _lrotl(unsigned long v, int s);
unsigned long __cdecl _lrotr(unsigned long v, int s);
