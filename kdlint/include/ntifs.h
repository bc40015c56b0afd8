/* kdlint model header: ntifs.h, written for kdlint from the documented WDK API (learn.microsoft.com), not copied. */
#pragma once
#ifndef _NTIFS_
#define _NTIFS_
#include <ntddk.h>
#include <ntifs_kd.h>
#endif
