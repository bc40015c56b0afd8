/* kdlint model header: written for kdlint from the documented WDK API (learn.microsoft.com), not copied. */
#pragma once
#ifndef _NTDEF_
#define _NTDEF_
#include <ctype.h>
#include <string.h>
#include <stdarg.h>
#include <specstrings.h>
#include <basetsd.h>
#include <excpt.h>
#include <guiddef.h>

#ifndef IN
#define IN
#endif
#ifndef OUT
#define OUT
#endif
#ifndef OPTIONAL
#define OPTIONAL
#endif
#define NOTHING
#define CRITICAL
#define ANYSIZE_ARRAY 1
#define RESTRICTED_POINTER
#define UNALIGNED __unaligned
#define UNALIGNED64 __unaligned
#define POINTER_64 __ptr64
#define POINTER_32 __ptr32
#define POINTER_SIGNED __sptr
#define POINTER_UNSIGNED __uptr
#define SPOINTER_32 POINTER_SIGNED POINTER_32
#define UPOINTER_32 POINTER_UNSIGNED POINTER_32
#define FIRMWARE_PTR
#define CONST const
#define VOID void
#ifndef FAR
#define FAR
#endif
#define NEAR
#ifndef EXTERN_C
#define EXTERN_C extern
#endif
#define EXTERN_C_START
#define EXTERN_C_END
#define NTAPI __stdcall
#define NTAPI_INLINE NTAPI
#define WINAPI __stdcall
#define APIENTRY WINAPI
#define CALLBACK __stdcall
#define FASTCALL __fastcall
#define NTSYSAPI __declspec(dllimport)
#define NTSYSCALLAPI __declspec(dllimport)
#define NTKERNELAPI
#define NTHALAPI __declspec(dllimport)
#define NTSTRSAFEAPI static __inline NTSTATUS NTAPI
#define NTSTRSAFEDDI NTSTRSAFEAPI
#define NTSTRSAFEVAPI static __inline NTSTATUS __cdecl
#define DECLSPEC_IMPORT __declspec(dllimport)
#define DECLSPEC_EXPORT __declspec(dllexport)
#define DECLSPEC_NORETURN __declspec(noreturn)
#define DECLSPEC_NOTHROW __declspec(nothrow)
#define DECLSPEC_NOINLINE __declspec(noinline)
#define DECLSPEC_NOVTABLE __declspec(novtable)
#define DECLSPEC_SELECTANY __declspec(selectany)
#define DECLSPEC_ADDRSAFE
#define DECLSPEC_SAFEBUFFERS __declspec(safebuffers)
#define DECLSPEC_GUARDNOCF __declspec(guard(nocf))
#define DECLSPEC_GUARD_SUPPRESS __declspec(guard(suppress))
#define DECLSPEC_CHPE_GUEST
#define DECLSPEC_CHPE_PATCHABLE
#define DECLSPEC_RESTRICT __declspec(restrict)
#define DECLSPEC_DEPRECATED __declspec(deprecated)
#define DECLSPEC_DEPRECATED_DDK
#define DEPRECATE_DDK_FUNCTIONS 0
#define DECLSPEC_ALIGN(x) __declspec(align(x))
#define DECLSPEC_CACHEALIGN DECLSPEC_ALIGN(128)
#define DECLSPEC_NOINITALL
#define DECLSPEC_UUID(x)
#define DECLSPEC_ALLOCATOR __declspec(allocator)
#define DECLSPEC_NO_SANITIZE_ADDRESS
#define DECLSPEC_NOSANITIZE
#define SYSTEM_CACHE_ALIGNMENT_SIZE 128
#define FORCEINLINE __forceinline
#define FORCEINLINE_ATTRIBUTE
#define NOINLINE __declspec(noinline)
#define PRAGMA_DEPRECATED_DDK 0
#define PROBE_ALIGNMENT(_s) TYPE_ALIGNMENT(ULONG)
#define PROBE_ALIGNMENT32(_s) TYPE_ALIGNMENT(ULONG)
#define ALIGNMENT_MACHINE
#define MEMORY_ALLOCATION_ALIGNMENT 16
#define MAX_NATURAL_ALIGNMENT sizeof(ULONGLONG)
#define POINTER_ALIGNMENT DECLSPEC_ALIGN(8)
#define DUMMYUNIONNAME
#define DUMMYUNIONNAME1
#define DUMMYUNIONNAME2
#define DUMMYUNIONNAME3
#define DUMMYUNIONNAME4
#define DUMMYUNIONNAME5
#define DUMMYSTRUCTNAME
#define DUMMYSTRUCTNAME1
#define DUMMYSTRUCTNAME2
#define DUMMYSTRUCTNAME3
#define DUMMYSTRUCTNAME4
#define DUMMYSTRUCTNAME5
#define _ANONYMOUS_UNION
#define _ANONYMOUS_STRUCT
#define __C89_NAMELESS
#define TRUE 1
#define FALSE 0
#ifndef NULL
#define NULL ((void *)0)
#endif
#define NULL64 ((void *)0)
#define MINCHAR 0x80
#define MAXCHAR 0x7f
#define MINSHORT 0x8000
#define MAXSHORT 0x7fff
#define MINLONG 0x80000000
#define MAXLONG 0x7fffffff
#define MAXUCHAR 0xff
#define MAXUSHORT 0xffff
#define MAXULONG 0xffffffff
#define MAXLONGLONG (0x7fffffffffffffffLL)
#define MAXULONGLONG (0xffffffffffffffffULL)
#define MAXUINT ((UINT)~((UINT)0))
#define MAXINT ((INT)(MAXUINT >> 1))
#define MININT ((INT)~MAXINT)
#define MAXDWORD 0xffffffff
#ifndef NOMINMAX
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#endif

typedef void *PVOID, *PVOID64;
typedef char CHAR, *PCHAR, *LPCH, *PCH, *NPSTR, *LPSTR, *PSTR;
typedef short SHORT, *PSHORT;
typedef long LONG, *PLONG, *LPLONG;
typedef int INT, *PINT, *LPINT;
typedef unsigned char UCHAR, *PUCHAR;
typedef unsigned short USHORT, *PUSHORT;
typedef unsigned long ULONG, *PULONG;
typedef unsigned int UINT, *PUINT;
typedef const char *LPCCH, *PCCH, *LPCSTR, *PCSTR;
typedef wchar_t WCHAR, *PWCHAR, *LPWCH, *PWCH, *NWPSTR, *LPWSTR, *PWSTR, *PZZWSTR;
typedef const WCHAR *LPCWCH, *PCWCH, *LPCWSTR, *PCWSTR, *PCZZWSTR, *PCNZWCH;
typedef WCHAR UNALIGNED *LPUWSTR, *PUWSTR;
typedef const WCHAR UNALIGNED *LPCUWSTR, *PCUWSTR;
typedef CHAR *PZZSTR, *PNZCH;
typedef const CHAR *PCZZSTR, *PCNZCH;
typedef char *PSZ;
typedef const char *PCSZ;
typedef unsigned char BYTE, *PBYTE, *LPBYTE;
typedef unsigned short WORD, *PWORD, *LPWORD;
typedef unsigned long DWORD, *PDWORD, *LPDWORD;
typedef int BOOL, *PBOOL, *LPBOOL;
typedef float FLOAT, *PFLOAT;
typedef double DOUBLE;
typedef void *LPVOID;
typedef const void *LPCVOID, *PCVOID;
#ifdef UNICODE
typedef WCHAR TCHAR, *PTCHAR;
typedef LPCWSTR LPCTSTR, PCTSTR;
typedef LPWSTR LPTSTR, PTSTR;
#else
typedef char TCHAR, *PTCHAR;
typedef LPCSTR LPCTSTR, PCTSTR;
typedef LPSTR LPTSTR, PTSTR;
#endif
typedef unsigned char TBYTE, *PTBYTE;
typedef double DOUBLE;
typedef struct _QUAD { union { __int64 UseThisFieldToCopy; double DoNotUseThisField; }; } QUAD, *PQUAD, UQUAD, *PUQUAD;
typedef signed char SCHAR, *PSCHAR;
typedef long long LONGLONG, *PLONGLONG;
typedef unsigned long long ULONGLONG, *PULONGLONG;
typedef LONGLONG USN;
typedef ULONG LOGICAL, *PLOGICAL;
typedef LONG NTSTATUS, *PNTSTATUS;
typedef const NTSTATUS *PCNTSTATUS;
typedef LONG HRESULT;
typedef char CCHAR, *PCCHAR;
typedef short CSHORT, *PCSHORT;
typedef ULONG CLONG, *PCLONG;
typedef UCHAR FCHAR;
typedef USHORT FSHORT;
typedef ULONG FLONG;
typedef UCHAR BOOLEAN, *PBOOLEAN;
typedef ULONG LCID, *PLCID;
typedef USHORT LANGID;
typedef void *HANDLE, **PHANDLE;
typedef HANDLE *LPHANDLE;
typedef ULONG_PTR ULONG_PTR;
typedef LONG_PTR LPARAM;
typedef UINT_PTR WPARAM;
typedef LONG_PTR LRESULT;
typedef GUID *PGUID;
typedef ULONG EXECUTION_STATE, *PEXECUTION_STATE;
typedef ULONG KSPIN_LOCK_QUEUE_NUMBER_DUMMY;
typedef ULONG ACCESS_MASK, *PACCESS_MASK;
typedef ULONG SECURITY_INFORMATION, *PSECURITY_INFORMATION;
#define DECLARE_HANDLE(name) struct name##__ { int unused; }; typedef struct name##__ *name

typedef union _LARGE_INTEGER {
    struct { ULONG LowPart; LONG HighPart; };
    struct { ULONG LowPart; LONG HighPart; } u;
    LONGLONG QuadPart;
} LARGE_INTEGER, *PLARGE_INTEGER;
typedef union _ULARGE_INTEGER {
    struct { ULONG LowPart; ULONG HighPart; };
    struct { ULONG LowPart; ULONG HighPart; } u;
    ULONGLONG QuadPart;
} ULARGE_INTEGER, *PULARGE_INTEGER;
typedef LONG_PTR RTL_REFERENCE_COUNT, *PRTL_REFERENCE_COUNT;
typedef LONG RTL_REFERENCE_COUNT32, *PRTL_REFERENCE_COUNT32;
typedef struct _LUID { ULONG LowPart; LONG HighPart; } LUID, *PLUID;
typedef LARGE_INTEGER PHYSICAL_ADDRESS, *PPHYSICAL_ADDRESS;
typedef struct _FLOAT128 { __int64 LowPart; __int64 HighPart; } FLOAT128, *PFLOAT128;
typedef struct DECLSPEC_ALIGN(16) _M128A { ULONGLONG Low; LONGLONG High; } M128A, *PM128A;

typedef enum _EVENT_TYPE { NotificationEvent, SynchronizationEvent } EVENT_TYPE;
typedef enum _TIMER_TYPE { NotificationTimer, SynchronizationTimer } TIMER_TYPE;
typedef enum _WAIT_TYPE { WaitAll, WaitAny, WaitNotification, WaitDequeue, WaitDpc } WAIT_TYPE;
typedef enum _NT_PRODUCT_TYPE { NtProductWinNt = 1, NtProductLanManNt, NtProductServer } NT_PRODUCT_TYPE, *PNT_PRODUCT_TYPE;
typedef enum _SUITE_TYPE {
    SmallBusiness, Enterprise, BackOffice, CommunicationServer, TerminalServer, SmallBusinessRestricted,
    EmbeddedNT, DataCenter, SingleUserTS, Personal, Blade, EmbeddedRestricted, SecurityAppliance,
    StorageServer, ComputeServer, WHServer, PhoneNT, MultiUserTS, MaxSuiteType
} SUITE_TYPE;

typedef struct _STRING { USHORT Length; USHORT MaximumLength; PCHAR Buffer; } STRING, *PSTRING;
typedef STRING ANSI_STRING, *PANSI_STRING;
typedef STRING OEM_STRING, *POEM_STRING;
typedef const STRING *PCSTRING, *PCANSI_STRING, *PCOEM_STRING;
typedef STRING CANSI_STRING, *PCANSI_STRING_DUMMY;
typedef struct _CSTRING { USHORT Length; USHORT MaximumLength; CONST char *Buffer; } CSTRING, *PCSTRING_DUMMY;
typedef STRING UTF8_STRING, *PUTF8_STRING;
typedef struct _STRING32 { USHORT Length; USHORT MaximumLength; ULONG Buffer; } STRING32, *PSTRING32,
    UNICODE_STRING32, *PUNICODE_STRING32, ANSI_STRING32, *PANSI_STRING32;
typedef struct _STRING64 { USHORT Length; USHORT MaximumLength; ULONGLONG Buffer; } STRING64, *PSTRING64,
    UNICODE_STRING64, *PUNICODE_STRING64, ANSI_STRING64, *PANSI_STRING64;
typedef struct _UNICODE_STRING { USHORT Length; USHORT MaximumLength; PWCH Buffer; } UNICODE_STRING, *PUNICODE_STRING;
typedef const UNICODE_STRING *PCUNICODE_STRING;
#define UNICODE_NULL ((WCHAR)0)
#define ANSI_NULL ((CHAR)0)
#define UNICODE_STRING_MAX_BYTES ((USHORT)65534)
#define UNICODE_STRING_MAX_CHARS (32767)

typedef struct _LIST_ENTRY { struct _LIST_ENTRY *Flink; struct _LIST_ENTRY *Blink; } LIST_ENTRY, *PLIST_ENTRY, *RESTRICTED_POINTER PRLIST_ENTRY;
typedef struct _SINGLE_LIST_ENTRY { struct _SINGLE_LIST_ENTRY *Next; } SINGLE_LIST_ENTRY, *PSINGLE_LIST_ENTRY;
typedef struct LIST_ENTRY32 { ULONG Flink; ULONG Blink; } LIST_ENTRY32, *PLIST_ENTRY32;
typedef struct LIST_ENTRY64 { ULONGLONG Flink; ULONGLONG Blink; } LIST_ENTRY64, *PLIST_ENTRY64;
typedef struct _SINGLE_LIST_ENTRY32 { ULONG Next; } SINGLE_LIST_ENTRY32, *PSINGLE_LIST_ENTRY32;

typedef struct _OBJECT_ATTRIBUTES {
    ULONG Length;
    HANDLE RootDirectory;
    PUNICODE_STRING ObjectName;
    ULONG Attributes;
    PVOID SecurityDescriptor;
    PVOID SecurityQualityOfService;
} OBJECT_ATTRIBUTES, *POBJECT_ATTRIBUTES;
typedef CONST OBJECT_ATTRIBUTES *PCOBJECT_ATTRIBUTES;
#define OBJ_PROTECT_CLOSE 0x00000001L
#define OBJ_INHERIT 0x00000002L
#define OBJ_AUDIT_OBJECT_CLOSE 0x00000004L
#define OBJ_NO_RIGHTS_UPGRADE 0x00000008L
#define OBJ_PERMANENT 0x00000010L
#define OBJ_EXCLUSIVE 0x00000020L
#define OBJ_CASE_INSENSITIVE 0x00000040L
#define OBJ_OPENIF 0x00000080L
#define OBJ_OPENLINK 0x00000100L
#define OBJ_KERNEL_HANDLE 0x00000200L
#define OBJ_FORCE_ACCESS_CHECK 0x00000400L
#define OBJ_IGNORE_IMPERSONATED_DEVICEMAP 0x00000800L
#define OBJ_DONT_REPARSE 0x00001000L
#define OBJ_VALID_ATTRIBUTES 0x00001FF2L
#define InitializeObjectAttributes(p, n, a, r, s) { \
    (p)->Length = sizeof(OBJECT_ATTRIBUTES); \
    (p)->RootDirectory = r; \
    (p)->Attributes = a; \
    (p)->ObjectName = n; \
    (p)->SecurityDescriptor = s; \
    (p)->SecurityQualityOfService = NULL; \
    }
#define RTL_CONSTANT_OBJECT_ATTRIBUTES(n, a) { sizeof(OBJECT_ATTRIBUTES), NULL, RTL_CONST_CAST(PUNICODE_STRING)(n), a, NULL, NULL }
#define RTL_INIT_OBJECT_ATTRIBUTES(n, a) RTL_CONSTANT_OBJECT_ATTRIBUTES(n, a)

typedef struct _PROCESSOR_NUMBER { USHORT Group; UCHAR Number; UCHAR Reserved; } PROCESSOR_NUMBER, *PPROCESSOR_NUMBER;
typedef struct _GROUP_AFFINITY { KAFFINITY Mask; USHORT Group; USHORT Reserved[3]; } GROUP_AFFINITY, *PGROUP_AFFINITY;
typedef struct _OBJECTID { GUID Lineage; ULONG Uniquifier; } OBJECTID;
typedef struct _WNF_STATE_NAME { ULONG Data[2]; } WNF_STATE_NAME, *PWNF_STATE_NAME;
typedef const WNF_STATE_NAME *PCWNF_STATE_NAME;

#define NT_SUCCESS(Status) (((NTSTATUS)(Status)) >= 0)
#define NT_INFORMATION(Status) ((((ULONG)(Status)) >> 30) == 1)
#define NT_WARNING(Status) ((((ULONG)(Status)) >> 30) == 2)
#define NT_ERROR(Status) ((((ULONG)(Status)) >> 30) == 3)
#define NT_FACILITY(Status) ((((ULONG)(Status)) >> 16) & 0xfff)
#define APPLICATION_ERROR_MASK 0x20000000
#define ERROR_SEVERITY_SUCCESS 0x00000000
#define ERROR_SEVERITY_INFORMATIONAL 0x40000000
#define ERROR_SEVERITY_WARNING 0x80000000
#define ERROR_SEVERITY_ERROR 0xC0000000

#define FIELD_OFFSET(type, field) ((LONG)__builtin_offsetof(type, field))
#define UFIELD_OFFSET(type, field) ((ULONG)__builtin_offsetof(type, field))
#define RTL_FIELD_SIZE(type, field) (sizeof(((type *)0)->field))
#define RTL_SIZEOF_THROUGH_FIELD(type, field) (FIELD_OFFSET(type, field) + RTL_FIELD_SIZE(type, field))
#define RTL_CONTAINS_FIELD(Struct, Size, Field) \
    ((((PCHAR)(&(Struct)->Field)) + sizeof((Struct)->Field)) <= (((PCHAR)(Struct)) + (Size)))
#define RTL_NUMBER_OF_V1(A) (sizeof(A) / sizeof((A)[0]))
#define RTL_NUMBER_OF_V2(A) RTL_NUMBER_OF_V1(A)
#define RTL_NUMBER_OF(A) RTL_NUMBER_OF_V1(A)
#define ARRAYSIZE(A) RTL_NUMBER_OF_V2(A)
#define _ARRAYSIZE(A) RTL_NUMBER_OF_V1(A)
#define RTL_NUMBER_OF_FIELD(type, field) (RTL_NUMBER_OF(RTL_FIELD_TYPE(type, field)))
#define RTL_FIELD_TYPE(type, field) (((type *)0)->field)
#define RTL_PADDING_BETWEEN_FIELDS(T, F1, F2) \
    ((FIELD_OFFSET(T, F2) > FIELD_OFFSET(T, F1)) ? (FIELD_OFFSET(T, F2) - FIELD_OFFSET(T, F1) - RTL_FIELD_SIZE(T, F1)) \
     : (FIELD_OFFSET(T, F1) - FIELD_OFFSET(T, F2) - RTL_FIELD_SIZE(T, F2)))
#define RTL_CONST_CAST(type) (type)
#define RTL_BITS_OF(sizeOfArg) (sizeof(sizeOfArg) * 8)
#define RTL_BITS_OF_FIELD(type, field) (RTL_BITS_OF(RTL_FIELD_TYPE(type, field)))
#define CONTAINING_RECORD(address, type, field) ((type *)((PCHAR)(address) - (ULONG_PTR)(&((type *)0)->field)))
#define TYPE_ALIGNMENT(t) __alignof(t)
#define ALIGN_DOWN_BY(length, alignment) ((ULONG_PTR)(length) & ~((ULONG_PTR)(alignment) - 1))
#define ALIGN_UP_BY(length, alignment) (ALIGN_DOWN_BY(((ULONG_PTR)(length) + (alignment) - 1), alignment))
#define ALIGN_DOWN_POINTER_BY(address, alignment) ((PVOID)((ULONG_PTR)(address) & ~((ULONG_PTR)(alignment) - 1)))
#define ALIGN_UP_POINTER_BY(address, alignment) (ALIGN_DOWN_POINTER_BY(((ULONG_PTR)(address) + (alignment) - 1), alignment))
#define ALIGN_DOWN(length, type) ALIGN_DOWN_BY(length, sizeof(type))
#define ALIGN_UP(length, type) ALIGN_UP_BY(length, sizeof(type))
#define ALIGN_DOWN_POINTER(address, type) ALIGN_DOWN_POINTER_BY(address, sizeof(type))
#define ALIGN_UP_POINTER(address, type) ALIGN_UP_POINTER_BY(address, sizeof(type))
#define IS_ALIGNED(_pointer, _alignment) ((((ULONG_PTR)(_pointer)) & ((_alignment) - 1)) == 0)
#define ARGUMENT_PRESENT(ArgumentPointer) ((CHAR *)((ULONG_PTR)(ArgumentPointer)) != (CHAR *)(NULL))
#define UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_PARAMETER(P) ((void)(P))
#define DBG_UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#define UNREFERENCED_LOCAL_VARIABLE(V) ((void)(V))
#define C_ASSERT(e) typedef char __C_ASSERT__[(e) ? 1 : -1]
#define STATIC_ASSERT(e) _Static_assert(e, #e)
#ifndef __cplusplus
#ifndef static_assert
#define static_assert _Static_assert
#endif
#endif
#define Int32x32To64(a, b) (((__int64)((long)(a))) * ((__int64)((long)(b))))
#define UInt32x32To64(a, b) (((unsigned __int64)((unsigned int)(a))) * ((unsigned __int64)((unsigned int)(b))))
#define Int64ShllMod32(a, b) (((unsigned __int64)(a)) << (b))
#define Int64ShraMod32(a, b) (((__int64)(a)) >> (b))
#define Int64ShrlMod32(a, b) (((unsigned __int64)(a)) >> (b))
#define DEFINE_ENUM_FLAG_OPERATORS(ENUMTYPE)
#define COMPILETIME_OR_2FLAGS(a, b) ((UINT)(a) | (UINT)(b))
#define COMPILETIME_OR_3FLAGS(a, b, c) ((UINT)(a) | (UINT)(b) | (UINT)(c))
#define COMPILETIME_OR_4FLAGS(a, b, c, d) ((UINT)(a) | (UINT)(b) | (UINT)(c) | (UINT)(d))
#define COMPILETIME_OR_5FLAGS(a, b, c, d, e) ((UINT)(a) | (UINT)(b) | (UINT)(c) | (UINT)(d) | (UINT)(e))
#define MAKELANGID(p, s) ((((USHORT)(s)) << 10) | (USHORT)(p))
#define PRIMARYLANGID(lgid) ((USHORT)(lgid) & 0x3ff)
#define SUBLANGID(lgid) ((USHORT)(lgid) >> 10)
#define LANG_NEUTRAL 0x00
#define LANG_ENGLISH 0x09
#define SUBLANG_NEUTRAL 0x00
#define SUBLANG_DEFAULT 0x01
#define SUBLANG_SYS_DEFAULT 0x02
#define SUBLANG_ENGLISH_US 0x01
#define SORT_DEFAULT 0x0
#define MAKELCID(lgid, srtid) ((ULONG)((((ULONG)((USHORT)(srtid))) << 16) | ((ULONG)((USHORT)(lgid)))))
#define LANG_SYSTEM_DEFAULT (MAKELANGID(LANG_NEUTRAL, SUBLANG_SYS_DEFAULT))
#define LANG_USER_DEFAULT (MAKELANGID(LANG_NEUTRAL, SUBLANG_DEFAULT))
#define LOCALE_SYSTEM_DEFAULT (MAKELCID(LANG_SYSTEM_DEFAULT, SORT_DEFAULT))
#define LOCALE_USER_DEFAULT (MAKELCID(LANG_USER_DEFAULT, SORT_DEFAULT))
#define LOCALE_NEUTRAL (MAKELCID(MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL), SORT_DEFAULT))
#define LOBYTE(w) ((UCHAR)((ULONG_PTR)(w) & 0xff))
#define HIBYTE(w) ((UCHAR)((ULONG_PTR)(w) >> 8))
#define LOWORD(l) ((USHORT)((ULONG_PTR)(l) & 0xffff))
#define HIWORD(l) ((USHORT)((ULONG_PTR)(l) >> 16))
#define MAKEWORD(a, b) ((USHORT)(((UCHAR)(a)) | ((USHORT)((UCHAR)(b))) << 8))
#define MAKELONG(a, b) ((LONG)(((USHORT)(a)) | ((ULONG)((USHORT)(b))) << 16))
#define MAXIMUM_WAIT_OBJECTS 64
#define MAX_PATH 260
#define RTL_CONSTANT_STRING(s) { sizeof(s) - sizeof((s)[0]), sizeof(s), (PVOID)(s) }
#define DECLARE_CONST_UNICODE_STRING(_var, _string) \
    const WCHAR _var##_buffer[] = _string; \
    const UNICODE_STRING _var = { sizeof(_string) - sizeof(WCHAR), sizeof(_string), (PWCH)_var##_buffer }
#define DECLARE_GLOBAL_CONST_UNICODE_STRING(_var, _str) \
    extern const __declspec(selectany) UNICODE_STRING _var = RTL_CONSTANT_STRING(_str)
#define DECLARE_UNICODE_STRING_SIZE(_var, _size) \
    WCHAR _var##_buffer[_size]; \
    UNICODE_STRING _var = { 0, (_size) * sizeof(WCHAR), _var##_buffer }
#define RTL_STRING_SIZE_DUMMY 0
#define __STRINGIFY(x) #x
#define _STRINGIFY(x) __STRINGIFY(x)
#define BYTE_MAX 0xff
#define WORD_MAX 0xffff
#define DWORD_MAX 0xffffffffUL
#endif /* _NTDEF_ */
