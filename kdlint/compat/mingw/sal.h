/* kdlint wrapper (written for kdlint): mingw-w64's sal.h, then kdlint's annotate form of the
 * driver annotations (kdlint_annotations.h). */
#include_next <sal.h>
#include "kdlint_annotations.h"
