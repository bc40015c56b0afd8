/* kdlint model header: written for kdlint from the documented SAL vocabulary, not copied. */
#pragma once
#include <sal.h>
#include <driverspecs.h>
