/* kdlint model header: written for kdlint from the documented WDK API (learn.microsoft.com), not copied. */
#pragma once
#define INITGUID
#include <guiddef.h>
