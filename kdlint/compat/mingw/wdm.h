/* kdlint wrapper over mingw-w64's wdm.h (written for kdlint from the documented WDK API; no
 * SDK text copied). mingw-w64 10 predates several Windows 10 kernel names that drivers use;
 * this adds their documented declarations after mingw-w64's own header. */
#include_next <wdm.h>

#ifndef KDLINT_MINGW_WDM_DELTA
#define KDLINT_MINGW_WDM_DELTA

/* ExAllocatePool2/3 and their POOL_FLAG_* bits (Windows 10 2004) */
typedef ULONG64 POOL_FLAGS;
#define POOL_FLAG_REQUIRED_START          0x0000000000000001ULL
#define POOL_FLAG_USE_QUOTA               0x0000000000000001ULL
#define POOL_FLAG_UNINITIALIZED           0x0000000000000002ULL
#define POOL_FLAG_SESSION                 0x0000000000000004ULL
#define POOL_FLAG_CACHE_ALIGNED           0x0000000000000008ULL
#define POOL_FLAG_RAISE_ON_FAILURE        0x0000000000000020ULL
#define POOL_FLAG_NON_PAGED               0x0000000000000040ULL
#define POOL_FLAG_NON_PAGED_EXECUTE       0x0000000000000080ULL
#define POOL_FLAG_PAGED                   0x0000000000000100ULL
PVOID NTAPI ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag);
PVOID NTAPI ExAllocatePoolZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
PVOID NTAPI ExAllocatePoolUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);

/* MmGetSystemAddressForMdlSafe / MmMapLockedPagesSpecifyCache priority modifiers */
#define MdlMappingNoWrite                 0x80000000
#define MdlMappingNoExecute               0x40000000

/* ExInitializeDriverRuntime (POOL_NX_OPTIN) */
#define DrvRtPoolNxOptIn                  0x00000001
VOID ExInitializeDriverRuntime(ULONG RuntimeFlags);

/* FileDispositionInformationEx */
#define FILE_DISPOSITION_DO_NOT_DELETE               0x00000000
#define FILE_DISPOSITION_DELETE                      0x00000001
#define FILE_DISPOSITION_POSIX_SEMANTICS             0x00000002
#define FILE_DISPOSITION_FORCE_IMAGE_SECTION_CHECK   0x00000004
#define FILE_DISPOSITION_ON_CLOSE                    0x00000008
#define FILE_DISPOSITION_IGNORE_READONLY_ATTRIBUTE   0x00000010
typedef struct _FILE_DISPOSITION_INFORMATION_EX {
  ULONG Flags;
} FILE_DISPOSITION_INFORMATION_EX, *PFILE_DISPOSITION_INFORMATION_EX;

/* FileRenameInformationEx flags */
#define FILE_RENAME_REPLACE_IF_EXISTS                    0x00000001
#define FILE_RENAME_POSIX_SEMANTICS                      0x00000002
#define FILE_RENAME_SUPPRESS_PIN_STATE_INHERITANCE       0x00000004
#define FILE_RENAME_SUPPRESS_STORAGE_RESERVE_INHERITANCE 0x00000008
#define FILE_RENAME_NO_INCREASE_AVAILABLE_SPACE          0x00000010
#define FILE_RENAME_NO_DECREASE_AVAILABLE_SPACE          0x00000020
#define FILE_RENAME_IGNORE_READONLY_ATTRIBUTE            0x00000040

/* FileFsSectorSizeInformation */
typedef struct _FILE_FS_SECTOR_SIZE_INFORMATION {
  ULONG LogicalBytesPerSector;
  ULONG PhysicalBytesPerSectorForAtomicity;
  ULONG PhysicalBytesPerSectorForPerformance;
  ULONG FileSystemEffectivePhysicalBytesPerSectorForAtomicity;
  ULONG Flags;
  ULONG ByteOffsetForSectorAlignment;
  ULONG ByteOffsetForPartitionAlignment;
} FILE_FS_SECTOR_SIZE_INFORMATION, *PFILE_FS_SECTOR_SIZE_INFORMATION;
#define SSINFO_FLAGS_ALIGNED_DEVICE              0x00000001
#define SSINFO_FLAGS_PARTITION_ALIGNED_ON_DEVICE 0x00000002
#define SSINFO_FLAGS_NO_SEEK_PENALTY             0x00000004
#define SSINFO_FLAGS_TRIM_ENABLED                0x00000008
#define SSINFO_FLAGS_BYTE_ADDRESSABLE            0x00000010
#define SSINFO_OFFSET_UNKNOWN                    0xffffffff

#define FILE_SUPPORTS_POSIX_UNLINK_RENAME        0x00000400

#endif /* KDLINT_MINGW_WDM_DELTA */
