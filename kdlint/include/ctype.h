/* kdlint model header: written for kdlint from the documented C runtime / WDK API, not copied. */
#pragma once
#include <crtdefs.h>
int __cdecl isalpha(int c);
int __cdecl isupper(int c);
int __cdecl islower(int c);
int __cdecl isdigit(int c);
int __cdecl isxdigit(int c);
int __cdecl isspace(int c);
int __cdecl ispunct(int c);
int __cdecl isalnum(int c);
int __cdecl isprint(int c);
int __cdecl isgraph(int c);
int __cdecl iscntrl(int c);
int __cdecl toupper(int c);
int __cdecl tolower(int c);
int __cdecl __isascii(int c);
#define isascii __isascii
#include <wchar.h>
