/* kdlint model header (bootstrap): written for kdlint from the documented WDK API. */
#pragma once
typedef unsigned char UCHAR, BOOLEAN, *PBOOLEAN;
typedef unsigned long ULONG, *PULONG;
typedef long LONG, NTSTATUS;
typedef void VOID, *PVOID;
typedef unsigned long long ULONG_PTR;
#define TRUE 1
#define FALSE 0
#define NULL ((void *)0)
#define STATUS_SUCCESS ((NTSTATUS)0x00000000L)
typedef enum _EVENT_TYPE { NotificationEvent, SynchronizationEvent } EVENT_TYPE;
typedef struct _KEVENT { ULONG_PTR Header[3]; } KEVENT, *PKEVENT, *PRKEVENT;
VOID KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State);
typedef struct _DRIVER_OBJECT DRIVER_OBJECT, *PDRIVER_OBJECT;
typedef unsigned short WCHAR, *PWCH, *PWSTR;
typedef struct _UNICODE_STRING { unsigned short Length, MaximumLength; PWSTR Buffer; } UNICODE_STRING, *PUNICODE_STRING;
