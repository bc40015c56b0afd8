/* kdlint model header: written for kdlint from the documented C runtime / WDK API, not copied. */
#pragma once
#include <crtdefs.h>
void *__cdecl memcpy(void *dst, const void *src, size_t n);
void *__cdecl memmove(void *dst, const void *src, size_t n);
void *__cdecl memset(void *dst, int c, size_t n);
int __cdecl memcmp(const void *a, const void *b, size_t n);
void *__cdecl memchr(const void *p, int c, size_t n);
errno_t __cdecl memcpy_s(void *dst, rsize_t dstsize, const void *src, rsize_t n);
errno_t __cdecl memmove_s(void *dst, rsize_t dstsize, const void *src, rsize_t n);
size_t __cdecl strlen(const char *s);
size_t __cdecl strnlen(const char *s, size_t n);
char *__cdecl strcpy(char *d, const char *s);
char *__cdecl strncpy(char *d, const char *s, size_t n);
char *__cdecl strcat(char *d, const char *s);
char *__cdecl strncat(char *d, const char *s, size_t n);
int __cdecl strcmp(const char *a, const char *b);
int __cdecl strncmp(const char *a, const char *b, size_t n);
int __cdecl _stricmp(const char *a, const char *b);
int __cdecl _strnicmp(const char *a, const char *b, size_t n);
char *__cdecl strchr(const char *s, int c);
char *__cdecl strrchr(const char *s, int c);
char *__cdecl strstr(const char *s, const char *f);
char *__cdecl _strupr(char *s);
char *__cdecl _strlwr(char *s);
size_t __cdecl strspn(const char *s, const char *set);
size_t __cdecl strcspn(const char *s, const char *set);
char *__cdecl strpbrk(const char *s, const char *set);
char *__cdecl strtok(char *s, const char *set);
errno_t __cdecl strcpy_s(char *d, rsize_t n, const char *s);
errno_t __cdecl strncpy_s(char *d, rsize_t n, const char *s, rsize_t c);
errno_t __cdecl strcat_s(char *d, rsize_t n, const char *s);
char *__cdecl _strdup(const char *s);
int __cdecl _memicmp(const void *a, const void *b, size_t n);
#include <wchar.h>
