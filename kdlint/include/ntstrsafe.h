/* kdlint model header: ntstrsafe.h, written for kdlint from the documented safe string API
 * (learn.microsoft.com "ntstrsafe.h"), not copied. The WDK defines these as inline functions; kdlint
 * declares them as functions (no bodies), which keeps every call visible in the AST. */
#pragma once
#ifndef _NTSTRSAFE_H_INCLUDED_
#define _NTSTRSAFE_H_INCLUDED_
#include <ntdef.h>
#include <stdarg.h>
#define NTSTRSAFE_MAX_CCH 2147483647
#define NTSTRSAFE_UNICODE_STRING_MAX_CCH (0xffff / sizeof(wchar_t))
#define NTSTRSAFE_MAX_LENGTH (NTSTRSAFE_MAX_CCH - 1)
#define STRSAFE_IGNORE_NULLS 0x00000100
#define STRSAFE_FILL_BEHIND_NULL 0x00000200
#define STRSAFE_FILL_ON_FAILURE 0x00000400
#define STRSAFE_NULL_ON_FAILURE 0x00000800
#define STRSAFE_NO_TRUNCATION 0x00001000
#define STRSAFE_IGNORE_NULL_UNICODE_STRINGS 0x00010000
#define STRSAFE_UNICODE_STRING_DEST_NULL_TERMINATED 0x00020000
#define STRSAFE_ZERO_LENGTH_ON_FAILURE 0x00040000
#define STRSAFE_FILL_BYTE(x) ((ULONG)(((x) & 0x000000FF) | STRSAFE_FILL_BEHIND_NULL))
#define STRSAFE_FAILURE_BYTE(x) ((ULONG)(((x) & 0x000000FF) | STRSAFE_FILL_ON_FAILURE))
#define STRSAFE_GET_FILL_PATTERN(dwFlags) ((int)((dwFlags) & 0x000000FF))
typedef char *NTSTRSAFE_PSTR;
typedef const char *NTSTRSAFE_PCSTR;
typedef wchar_t *NTSTRSAFE_PWSTR;
typedef const wchar_t *NTSTRSAFE_PCWSTR;
typedef const wchar_t UNALIGNED *NTSTRSAFE_PCUWSTR;
typedef ULONG STRSAFE_DWORD;
typedef const char *STRSAFE_LPCSTR;
typedef const wchar_t *STRSAFE_LPCWSTR;
typedef char *STRSAFE_LPSTR;
typedef wchar_t *STRSAFE_LPWSTR;
#define _KD_STRSAFE _IRQL_requires_max_(DISPATCH_LEVEL) NTSTATUS NTAPI
_KD_STRSAFE RtlStringCchCopyW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCWSTR pszSrc);
_KD_STRSAFE RtlStringCchCopyExW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCWSTR pszSrc, _Outptr_opt_ NTSTRSAFE_PWSTR *ppszDestEnd, _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags);
_KD_STRSAFE RtlStringCchCopyNW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cchToCopy);
_KD_STRSAFE RtlStringCchCopyNExW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cchToCopy, _Outptr_opt_ NTSTRSAFE_PWSTR *ppszDestEnd, _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags);
_KD_STRSAFE RtlStringCchCatW(_Inout_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCWSTR pszSrc);
_KD_STRSAFE RtlStringCchCatExW(_Inout_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCWSTR pszSrc, _Outptr_opt_ NTSTRSAFE_PWSTR *ppszDestEnd, _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags);
_KD_STRSAFE RtlStringCchCatNW(_Inout_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cchToAppend);
_KD_STRSAFE RtlStringCchCatNExW(_Inout_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cchToAppend, _Outptr_opt_ NTSTRSAFE_PWSTR *ppszDestEnd, _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags);
NTSTATUS __cdecl RtlStringCchPrintfW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTATUS __cdecl RtlStringCchPrintfExW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _Outptr_opt_ NTSTRSAFE_PWSTR *ppszDestEnd, _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags, _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
_KD_STRSAFE RtlStringCchVPrintfW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, _In_ va_list argList);
_KD_STRSAFE RtlStringCchVPrintfExW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _Outptr_opt_ NTSTRSAFE_PWSTR *ppszDestEnd, _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags, _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, _In_ va_list argList);
_KD_STRSAFE RtlStringCchLengthW(_In_ NTSTRSAFE_PCWSTR psz, _In_ size_t cchMax, _Out_opt_ size_t *pcchLength);
_KD_STRSAFE RtlStringCchCopyA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCSTR pszSrc);
_KD_STRSAFE RtlStringCchCopyExA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCSTR pszSrc, _Outptr_opt_ NTSTRSAFE_PSTR *ppszDestEnd, _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags);
_KD_STRSAFE RtlStringCchCopyNA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCSTR pszSrc, _In_ size_t cchToCopy);
_KD_STRSAFE RtlStringCchCopyNExA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCSTR pszSrc, _In_ size_t cchToCopy, _Outptr_opt_ NTSTRSAFE_PSTR *ppszDestEnd, _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags);
_KD_STRSAFE RtlStringCchCatA(_Inout_ NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCSTR pszSrc);
_KD_STRSAFE RtlStringCchCatExA(_Inout_ NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCSTR pszSrc, _Outptr_opt_ NTSTRSAFE_PSTR *ppszDestEnd, _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags);
_KD_STRSAFE RtlStringCchCatNA(_Inout_ NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCSTR pszSrc, _In_ size_t cchToAppend);
_KD_STRSAFE RtlStringCchCatNExA(_Inout_ NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _In_ NTSTRSAFE_PCSTR pszSrc, _In_ size_t cchToAppend, _Outptr_opt_ NTSTRSAFE_PSTR *ppszDestEnd, _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags);
NTSTATUS __cdecl RtlStringCchPrintfA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);
NTSTATUS __cdecl RtlStringCchPrintfExA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _Outptr_opt_ NTSTRSAFE_PSTR *ppszDestEnd, _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags, _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);
_KD_STRSAFE RtlStringCchVPrintfA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, _In_ va_list argList);
_KD_STRSAFE RtlStringCchVPrintfExA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cchDest, _Outptr_opt_ NTSTRSAFE_PSTR *ppszDestEnd, _Out_opt_ size_t *pcchRemaining, _In_ ULONG dwFlags, _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, _In_ va_list argList);
_KD_STRSAFE RtlStringCchLengthA(_In_ NTSTRSAFE_PCSTR psz, _In_ size_t cchMax, _Out_opt_ size_t *pcchLength);
_KD_STRSAFE RtlUnalignedStringCchLengthW(_In_ NTSTRSAFE_PCUWSTR psz, _In_ size_t cMax, _Out_opt_ size_t *pcLength);
_KD_STRSAFE RtlStringCbCopyW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCWSTR pszSrc);
_KD_STRSAFE RtlStringCbCopyExW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCWSTR pszSrc, _Outptr_opt_ NTSTRSAFE_PWSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
_KD_STRSAFE RtlStringCbCopyNW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cbToCopy);
_KD_STRSAFE RtlStringCbCopyNExW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cbToCopy, _Outptr_opt_ NTSTRSAFE_PWSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
_KD_STRSAFE RtlStringCbCatW(_Inout_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCWSTR pszSrc);
_KD_STRSAFE RtlStringCbCatExW(_Inout_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCWSTR pszSrc, _Outptr_opt_ NTSTRSAFE_PWSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
_KD_STRSAFE RtlStringCbCatNW(_Inout_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cbToAppend);
_KD_STRSAFE RtlStringCbCatNExW(_Inout_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cbToAppend, _Outptr_opt_ NTSTRSAFE_PWSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
NTSTATUS __cdecl RtlStringCbPrintfW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTATUS __cdecl RtlStringCbPrintfExW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _Outptr_opt_ NTSTRSAFE_PWSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags, _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
_KD_STRSAFE RtlStringCbVPrintfW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, _In_ va_list argList);
_KD_STRSAFE RtlStringCbVPrintfExW(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _Outptr_opt_ NTSTRSAFE_PWSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags, _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, _In_ va_list argList);
_KD_STRSAFE RtlStringCbLengthW(_In_ NTSTRSAFE_PCWSTR psz, _In_ size_t cbMax, _Out_opt_ size_t *pcbLength);
_KD_STRSAFE RtlStringCbCopyA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCSTR pszSrc);
_KD_STRSAFE RtlStringCbCopyExA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCSTR pszSrc, _Outptr_opt_ NTSTRSAFE_PSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
_KD_STRSAFE RtlStringCbCopyNA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCSTR pszSrc, _In_ size_t cbToCopy);
_KD_STRSAFE RtlStringCbCopyNExA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCSTR pszSrc, _In_ size_t cbToCopy, _Outptr_opt_ NTSTRSAFE_PSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
_KD_STRSAFE RtlStringCbCatA(_Inout_ NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCSTR pszSrc);
_KD_STRSAFE RtlStringCbCatExA(_Inout_ NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCSTR pszSrc, _Outptr_opt_ NTSTRSAFE_PSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
_KD_STRSAFE RtlStringCbCatNA(_Inout_ NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCSTR pszSrc, _In_ size_t cbToAppend);
_KD_STRSAFE RtlStringCbCatNExA(_Inout_ NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _In_ NTSTRSAFE_PCSTR pszSrc, _In_ size_t cbToAppend, _Outptr_opt_ NTSTRSAFE_PSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags);
NTSTATUS __cdecl RtlStringCbPrintfA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);
NTSTATUS __cdecl RtlStringCbPrintfExA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _Outptr_opt_ NTSTRSAFE_PSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags, _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, ...);
_KD_STRSAFE RtlStringCbVPrintfA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, _In_ va_list argList);
_KD_STRSAFE RtlStringCbVPrintfExA(_Out_ NTSTRSAFE_PSTR pszDest, _In_ size_t cbDest, _Outptr_opt_ NTSTRSAFE_PSTR *ppszDestEnd, _Out_opt_ size_t *pcbRemaining, _In_ ULONG dwFlags, _In_ _Printf_format_string_ NTSTRSAFE_PCSTR pszFormat, _In_ va_list argList);
_KD_STRSAFE RtlStringCbLengthA(_In_ NTSTRSAFE_PCSTR psz, _In_ size_t cbMax, _Out_opt_ size_t *pcbLength);
_KD_STRSAFE RtlUnalignedStringCbLengthW(_In_ NTSTRSAFE_PCUWSTR psz, _In_ size_t cMax, _Out_opt_ size_t *pcLength);
_KD_STRSAFE RtlUnicodeStringInit(_Out_ PUNICODE_STRING DestinationString, _In_opt_ NTSTRSAFE_PCWSTR pszSrc);
_KD_STRSAFE RtlUnicodeStringInitEx(_Out_ PUNICODE_STRING DestinationString, _In_opt_ NTSTRSAFE_PCWSTR pszSrc, _In_ ULONG dwFlags);
_KD_STRSAFE RtlUnicodeStringValidate(_In_opt_ PCUNICODE_STRING SourceString);
_KD_STRSAFE RtlUnicodeStringValidateEx(_In_opt_ PCUNICODE_STRING SourceString, _In_ ULONG dwFlags);
_KD_STRSAFE RtlUnicodeStringCopyString(_Out_ PUNICODE_STRING DestinationString, _In_ NTSTRSAFE_PCWSTR pszSrc);
_KD_STRSAFE RtlUnicodeStringCopyStringEx(_Out_ PUNICODE_STRING DestinationString, _In_ NTSTRSAFE_PCWSTR pszSrc, _Out_opt_ PUNICODE_STRING RemainingString, _In_ ULONG dwFlags);
_KD_STRSAFE RtlUnicodeStringCopy(_Out_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString);
_KD_STRSAFE RtlUnicodeStringCopyEx(_Out_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString, _Out_opt_ PUNICODE_STRING RemainingString, _In_ ULONG dwFlags);
_KD_STRSAFE RtlUnicodeStringCopyStringN(_Out_ PUNICODE_STRING DestinationString, _In_ NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cchToCopy);
_KD_STRSAFE RtlUnicodeStringCopyStringNEx(_Out_ PUNICODE_STRING DestinationString, _In_ NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cchToCopy, _Out_opt_ PUNICODE_STRING RemainingString, _In_ ULONG dwFlags);
_KD_STRSAFE RtlUnicodeStringCopyN(_Out_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString, _In_ size_t cchToCopy);
_KD_STRSAFE RtlUnicodeStringCopyNEx(_Out_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString, _In_ size_t cchToCopy, _Out_opt_ PUNICODE_STRING RemainingString, _In_ ULONG dwFlags);
_KD_STRSAFE RtlUnicodeStringCatString(_Inout_ PUNICODE_STRING DestinationString, _In_ NTSTRSAFE_PCWSTR pszSrc);
_KD_STRSAFE RtlUnicodeStringCatStringEx(_Inout_ PUNICODE_STRING DestinationString, _In_ NTSTRSAFE_PCWSTR pszSrc, _Out_opt_ PUNICODE_STRING RemainingString, _In_ ULONG dwFlags);
_KD_STRSAFE RtlUnicodeStringCat(_Inout_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString);
_KD_STRSAFE RtlUnicodeStringCatEx(_Inout_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString, _Out_opt_ PUNICODE_STRING RemainingString, _In_ ULONG dwFlags);
_KD_STRSAFE RtlUnicodeStringCatStringN(_Inout_ PUNICODE_STRING DestinationString, _In_ NTSTRSAFE_PCWSTR pszSrc, _In_ size_t cchToAppend);
_KD_STRSAFE RtlUnicodeStringCatN(_Inout_ PUNICODE_STRING DestinationString, _In_ PCUNICODE_STRING SourceString, _In_ size_t cchToAppend);
NTSTATUS __cdecl RtlUnicodeStringPrintf(_Out_ PUNICODE_STRING DestinationString, _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
NTSTATUS __cdecl RtlUnicodeStringPrintfEx(_Out_ PUNICODE_STRING DestinationString, _Out_opt_ PUNICODE_STRING RemainingString, _In_ ULONG dwFlags, _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, ...);
_KD_STRSAFE RtlUnicodeStringVPrintf(_Out_ PUNICODE_STRING DestinationString, _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, _In_ va_list argList);
_KD_STRSAFE RtlUnicodeStringVPrintfEx(_Out_ PUNICODE_STRING DestinationString, _Out_opt_ PUNICODE_STRING RemainingString, _In_ ULONG dwFlags, _In_ _Printf_format_string_ NTSTRSAFE_PCWSTR pszFormat, _In_ va_list argList);
_KD_STRSAFE RtlStringCchCopyUnicodeString(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ PCUNICODE_STRING SourceString);
_KD_STRSAFE RtlStringCbCopyUnicodeString(_Out_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ PCUNICODE_STRING SourceString);
_KD_STRSAFE RtlStringCchCatUnicodeString(_Inout_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cchDest, _In_ PCUNICODE_STRING SourceString);
_KD_STRSAFE RtlStringCbCatUnicodeString(_Inout_ NTSTRSAFE_PWSTR pszDest, _In_ size_t cbDest, _In_ PCUNICODE_STRING SourceString);
#endif
