/* kdlint compatibility shim (written for kdlint).
 *
 * The libclang wheel ships no clang resource headers, and mixing in another clang version's
 * copies adds errors and slows parsing (PARSING.md section 3.2). mingw-w64's <intrin.h> only
 * needs the vector type names below to declare its intrinsics; nothing in a driver's AST
 * depends on their contents.
 */
#ifndef KDLINT_VECTOR_TYPES_H
#define KDLINT_VECTOR_TYPES_H
typedef long long __m64 __attribute__((__vector_size__(8)));
typedef float __m128 __attribute__((__vector_size__(16)));
typedef double __m128d __attribute__((__vector_size__(16)));
typedef long long __m128i __attribute__((__vector_size__(16)));
#endif
