/* kdlint macro supplement for mingw-w64's DDK headers (written for kdlint; not copied from any
 * SDK). kdlint force-includes it before anything else when it parses with mingw-w64's headers.
 *
 * What it adds is what the WDK's build environment gives a driver and mingw-w64 does not:
 *   - the C spellings of structured exception handling (try/except/finally/leave);
 *   - static_assert for C;
 *   - driver annotations newer than mingw-w64's sal.h/driverspecs.h (kdlint's annotate form,
 *     see mingw/kdlint_annotations.h; re-applied after mingw's own headers by the wrappers);
 *   - a few names the WDK declares in headers mingw-w64 does not have.
 * Builtin types only: no mingw-w64 header has been read yet at this point.
 */
#ifndef KDLINT_MINGW_SUPPLEMENT_H
#define KDLINT_MINGW_SUPPLEMENT_H

#ifndef __cplusplus
#define try __try
#define except __except
#define finally __finally
#define leave __leave
#ifndef static_assert
#define static_assert _Static_assert
#endif
#endif

/* annotations mingw-w64 10 lacks (those it has are re-defined by kdlint_annotations.h) */
#define _Global_critical_region_
#define _Inexpressible_(expr)
#define _Old_(expr) expr
#define _Post_null_
#define _Post_notnull_
#define _Post_invalid_
#define _Post_valid_
#define _Unreferenced_parameter_
#define _Enum_is_bitflag_
#define _Strict_type_match_
#define _Points_to_data_
#define _Literal_
#define _Notliteral_
#define _Reserved_
#define _Pre_notnull_
#define _Pre_null_
#define _Pre_maybenull_
#define _Post_maybenull_
#define _Pre_valid_
#define _Pre_invalid_
#define _Null_terminated_
#define _NullNull_terminated_
#define _Analysis_assume_(expr)
#define _Analysis_noreturn_
#define _Analysis_mode_(mode)
#define _Benign_race_begin_
#define _Benign_race_end_
#define _No_competing_thread_begin_
#define _No_competing_thread_end_
#define _Has_lock_kind_(kind)
#define _Has_lock_level_(level)
#define _Lock_level_order_(a, b)
#define _Create_lock_level_(level)
#define _Write_guarded_by_(lock)
#define _Interlocked_
#define _Interlocked_operand_
#define _Field_size_bytes_full_(size)
#define _Field_size_full_(size)
#define _Field_size_part_(size, count)
#define _Field_size_bytes_part_(size, count)
#define _Out_writes_bytes_all_opt_(size)
#define _Struct_size_bytes_(size)

/* The WDK declares the compiler barrier as a function; mingw-w64 makes it a function-like macro
 * unless it is already defined, which breaks code that declares it itself. */
#define _ReadWriteBarrier _ReadWriteBarrier
void _ReadWriteBarrier(void);

/* TCHAR strings of the desktop SDK that some driver headers use */
typedef const char *LPCTSTR;
typedef char *LPTSTR;

#endif /* KDLINT_MINGW_SUPPLEMENT_H */
