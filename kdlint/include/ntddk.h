/* kdlint model header: ntddk.h, written for kdlint from the documented WDK API (learn.microsoft.com), not copied. */
#pragma once
#ifndef _NTDDK_
#define _NTDDK_
#include <wdm.h>
#include <ntddk_kd.h>
#endif
