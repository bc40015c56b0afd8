/* kdlint model header: written for kdlint from the documented C runtime / WDK API, not copied. */
#pragma once
#include <ctype.h>
