/* kdlint compatibility shim (written for kdlint): stands in for clang's resource header
 * <pmmintrin.h>, which the libclang wheel does not ship. Declares the SIMD vector types only. */
#include "kdlint_vector_types.h"
