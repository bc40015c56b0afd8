/* kdlint wrapper over mingw-w64's ntifs.h (written for kdlint from the documented WDK API; no
 * SDK text copied).
 *
 * Windows 8 added an Oplock member (in a union with ReservedForRemote) and ReservedContext to
 * FSRTL_ADVANCED_FCB_HEADER; file systems embed the header and use Fcb->Oplock. mingw-w64 10's
 * struct ends at FileContextSupportPointer, so the members are appended to it by a macro that is
 * defined only while mingw-w64's ntifs.h is read. (Its one use inside an inline function stays
 * valid C.) */
#define FileContextSupportPointer \
  FileContextSupportPointer; union { PVOID Oplock; PVOID ReservedForRemote; }; PVOID ReservedContext
#include_next <ntifs.h>
#undef FileContextSupportPointer

#ifndef KDLINT_MINGW_NTIFS_DELTA
#define KDLINT_MINGW_NTIFS_DELTA
typedef struct _EJOB *PEJOB;
#define SET_PURGE_FAILURE_MODE_ENABLED   0x00000001
#define SET_PURGE_FAILURE_MODE_DISABLED  0x00000002
#endif /* KDLINT_MINGW_NTIFS_DELTA */
