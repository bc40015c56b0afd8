/* kdlint model header: classpnp.h, written for kdlint from the documented storage class driver API
 * (learn.microsoft.com "classpnp.h" reference: structures and routines), not copied. */
#pragma once
#ifndef _CLASS_
#define _CLASS_
#include <ntddk.h>
#include <ntdddisk.h>
#include <ntddcdrm.h>
#include <ntddstor.h>
#include <stdio.h>
#include <scsi.h>
#include <mountdev.h>
#define MAXIMUM_RETRIES 4
#define NO_REMOVE 0
#define REMOVE_PENDING 1
#define REMOVE_COMPLETE 2
#define TRY
#define LEAVE goto __tryLabel;
#define FINALLY __tryLabel:
#define START_UNIT_TIMEOUT (60 * 4)
#define MEDIA_CHANGE_DEFAULT_TIME 1
#define MEDIA_CHANGE_TIMEOUT_TIME 300
#define CLASS_DRIVER_EXTENSION_KEY ((PVOID)ClassInitialize)
#define CLASSP_REG_SUBKEY_NAME (L"Classpnp")
#define DEV_WRITE_CACHE 0x00000001
#define DEV_USE_SCSI1 0x00000002
#define DEV_SAFE_START_UNIT 0x00000004
#define DEV_NO_12BYTE_CDB 0x00000008
#define DEV_POWER_PROTECTED 0x00000010
#define DEV_USE_16BYTE_CDB 0x00000020
#define CLASS_SPECIAL_DISABLE_SPIN_DOWN 0x00000001
#define CLASS_SPECIAL_DISABLE_SPIN_UP 0x00000002
#define CLASS_SPECIAL_NO_QUEUE_LOCK 0x00000008
#define CLASS_SPECIAL_DISABLE_WRITE_CACHE 0x00000010
#define CLASS_SPECIAL_CAUSE_NOT_REPORTABLE_HACK 0x00000020
#define CLASS_SPECIAL_DISABLE_WRITE_CACHE_NOT_SUPPORTED 0x00000040
#define CLASS_SPECIAL_MODIFY_CACHE_UNSUCCESSFUL 0x00000040
#define CLASS_SPECIAL_FUA_NOT_SUPPORTED 0x00000080
#define CLASS_SPECIAL_VALID_MASK 0x000000FB
#define CLASS_SPECIAL_RESERVED (~CLASS_SPECIAL_VALID_MASK)
#define CLASS_TAG_AUTORUN_DISABLE 'ALcS'
#define CLASS_TAG_FILE_OBJECT_EXTENSION 'FLcS'
#define CLASS_TAG_MEDIA_CHANGE_DETECTION 'MLcS'
#define CLASS_TAG_MOUNT 'mLcS'
#define CLASS_TAG_RELEASE_QUEUE 'qLcS'
#define CLASS_TAG_POWER 'WLcS'
#define CLASS_TAG_WMI 'wLcS'
#define CLASS_TAG_FAILURE_PREDICT 'fLcS'
#define CLASS_TAG_DEVICE_CONTROL 'OIcS'
#define CLASS_TAG_MODE_DATA 'oLcS'
#define CLASS_TAG_MULTIPATH 'mPcS'
#define CLASS_TAG_LOCK_TRACKING 'TLcS'
#define CLASS_TAG_LB_PROVISIONING 'PLcS'
#define CLASS_TAG_MANAGE_DATASET 'MDcS'
#define CLASS_SRB_SCSI_REQUEST_BLOCK 0x1
#define CLASS_SRB_STORAGE_REQUEST_BLOCK 0x2
#define CLASS_SRBEX_SCSI_CDB16_BUFFER_SIZE (ALIGN_UP(sizeof(STORAGE_REQUEST_BLOCK), PVOID) + sizeof(STOR_ADDR_BTL8) + sizeof(SRBEX_DATA_SCSI_CDB16))
#define CLASS_SRBEX_NO_SRBEX_DATA_BUFFER_SIZE (ALIGN_UP(sizeof(STORAGE_REQUEST_BLOCK), PVOID) + sizeof(STOR_ADDR_BTL8))
#define CLASS_PERF_RESTORE_MINIMUM (0x10)
#define CLASS_ERROR_LEVEL_1 (0x4)
#define CLASS_ERROR_LEVEL_2 (0x8)
#define CLASS_MAX_INTERLEAVE_PER_CRITICAL_IO (0x4)
#define FDO_HACK_CANNOT_LOCK_MEDIA (0x00000001)
#define FDO_HACK_GESN_IS_BAD (0x00000002)
#define FDO_HACK_NO_SYNC_CACHE (0x00000004)
#define FDO_HACK_NO_RESERVE6 (0x00000008)
#define FDO_HACK_GESN_IGNORE_OPCHANGE (0x00000010)
#define FDO_HACK_VALID_FLAGS (0x0000001F)
#define FDO_HACK_INVALID_FLAGS (~FDO_HACK_VALID_FLAGS)
#define NUM_LOCKMEDIAREMOVAL_RETRIES 1
#define NUM_MODESENSE_RETRIES 1
#define NUM_DRIVECAPACITY_RETRIES 1
#define NUM_THIN_PROVISIONING_RETRIES 32
#define CLASS_WORKING_SET_MAXIMUM 2048
#define CLASS_INTERPRET_SENSE_INFO2_MAXIMUM_HISTORY_COUNT 30000
#define CLASS_GLOBAL_BREAK_ON_LOST_IRPS 0x00000001
#define CLASS_GLOBAL_SECONDS_TO_WAIT_FOR_SYNCHRONOUS_SRB 0x00000002
#define CLASS_GLOBAL_BUFFERED_DEBUG_PRINT 0x00000003
#define CLASS_GLOBAL_BUFFERED_DEBUG_PRINT_BUFFER_SIZE 0x00000004
#define CLASS_GLOBAL_BUFFERED_DEBUG_PRINT_BUFFERS 0x00000005
typedef enum { EventGeneration, DataBlockCollection } CLASSENABLEDISABLEFUNCTION;
typedef enum { FailurePredictionNone = 0, FailurePredictionIoctl, FailurePredictionSmart, FailurePredictionSense } FAILURE_PREDICTION_METHOD, *PFAILURE_PREDICTION_METHOD;
typedef enum { PowerDownDeviceInitial, PowerDownDeviceLocked, PowerDownDeviceStopped, PowerDownDeviceOff, PowerDownDeviceUnlocked } CLASS_POWER_DOWN_STATE;
typedef enum { PowerDownDeviceInitial2, PowerDownDeviceLocked2, PowerDownDeviceFlushed2, PowerDownDeviceStopped2,
    PowerDownDeviceOff2, PowerDownDeviceUnlocked2 } CLASS_POWER_DOWN_STATE2;
typedef enum { PowerDownDeviceInitial3 = 0, PowerDownDeviceLocked3, PowerDownDeviceQuiesced3, PowerDownDeviceFlushed3,
    PowerDownDeviceStopped3, PowerDownDeviceOff3, PowerDownDeviceUnlocked3 } CLASS_POWER_DOWN_STATE3;
typedef enum { PowerUpDeviceInitial, PowerUpDeviceLocked, PowerUpDeviceOn, PowerUpDeviceStarted, PowerUpDeviceUnlocked } CLASS_POWER_UP_STATE;
typedef enum _MEDIA_CHANGE_DETECTION_STATE { MediaUnknown, MediaPresent, MediaNotPresent, MediaUnavailable } MEDIA_CHANGE_DETECTION_STATE, *PMEDIA_CHANGE_DETECTION_STATE;
typedef enum _CLASS_DEBUG_LEVEL { ClassDebugError = 0, ClassDebugWarning = 1, ClassDebugTrace = 2, ClassDebugInfo = 3,
    ClassDebugMediaLocks = 8, ClassDebugMCN = 9, ClassDebugDelayedRetry = 10, ClassDebugSenseInfo = 11,
    ClassDebugRemoveLock = 12, ClassDebugExternal4 = 13, ClassDebugExternal3 = 14, ClassDebugExternal2 = 15,
    ClassDebugExternal1 = 16 } CLASS_DEBUG_LEVEL, *PCLASS_DEBUG_LEVEL;
typedef struct _CLASS_POWER_OPTIONS { ULONG PowerDown : 1; ULONG LockQueue : 1; ULONG HandleSpinDown : 1; ULONG HandleSpinUp : 1; ULONG Reserved : 27; } CLASS_POWER_OPTIONS, *PCLASS_POWER_OPTIONS;
typedef struct _CLASS_POWER_CONTEXT {
    union { CLASS_POWER_DOWN_STATE PowerDown; CLASS_POWER_DOWN_STATE2 PowerDown2; CLASS_POWER_DOWN_STATE3 PowerDown3; CLASS_POWER_UP_STATE PowerUp; } PowerChangeState;
    CLASS_POWER_OPTIONS Options; BOOLEAN InUse; BOOLEAN QueueLocked; NTSTATUS FinalStatus; ULONG RetryCount; ULONG RetryInterval;
    PIO_COMPLETION_ROUTINE CompletionRoutine; PDEVICE_OBJECT DeviceObject; PIRP Irp; SCSI_REQUEST_BLOCK Srb;
} CLASS_POWER_CONTEXT, *PCLASS_POWER_CONTEXT;
typedef struct _CLASS_PRIVATE_FDO_DATA *PCLASS_PRIVATE_FDO_DATA;
typedef struct _CLASS_PRIVATE_PDO_DATA *PCLASS_PRIVATE_PDO_DATA;
typedef struct _CLASS_PRIVATE_COMMON_DATA *PCLASS_PRIVATE_COMMON_DATA;
typedef struct _MEDIA_CHANGE_DETECTION_INFO *PMEDIA_CHANGE_DETECTION_INFO;
typedef struct _DICTIONARY_HEADER *PDICTIONARY_HEADER;
typedef struct _DICTIONARY { ULONGLONG Signature; PDICTIONARY_HEADER List; KSPIN_LOCK SpinLock; } DICTIONARY, *PDICTIONARY;
typedef struct _FILE_OBJECT_EXTENSION {
    PFILE_OBJECT FileObject; PDEVICE_OBJECT DeviceObject; ULONG LockCount; ULONG McnDisableCount;
} FILE_OBJECT_EXTENSION, *PFILE_OBJECT_EXTENSION;
typedef struct _GUIDREGINFO { GUID Guid; ULONG InstanceCount; ULONG Flags; } GUIDREGINFO, *PGUIDREGINFO;
typedef NTSTATUS (*PCLASS_QUERY_WMI_REGINFO)(_In_ PDEVICE_OBJECT DeviceObject, _Out_ ULONG *RegFlags, _Out_ PUNICODE_STRING InstanceName);
typedef NTSTATUS (*PCLASS_QUERY_WMI_REGINFO_EX)(_In_ PDEVICE_OBJECT DeviceObject, _Out_ ULONG *RegFlags,
    _Out_ PUNICODE_STRING InstanceName, _Out_ PUNICODE_STRING MofResourceName);
typedef NTSTATUS (*PCLASS_QUERY_WMI_DATABLOCK)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp, _In_ ULONG GuidIndex,
    _In_ ULONG BufferAvail, _Out_writes_bytes_(BufferAvail) PUCHAR Buffer);
typedef NTSTATUS (*PCLASS_SET_WMI_DATABLOCK)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp, _In_ ULONG GuidIndex,
    _In_ ULONG BufferSize, _In_reads_bytes_(BufferSize) PUCHAR Buffer);
typedef NTSTATUS (*PCLASS_SET_WMI_DATAITEM)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp, _In_ ULONG GuidIndex,
    _In_ ULONG DataItemId, _In_ ULONG BufferSize, _In_reads_bytes_(BufferSize) PUCHAR Buffer);
typedef NTSTATUS (*PCLASS_EXECUTE_WMI_METHOD)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp, _In_ ULONG GuidIndex,
    _In_ ULONG MethodId, _In_ ULONG InBufferSize, _In_ ULONG OutBufferSize, _In_reads_(_Inexpressible_(max(InBufferSize, OutBufferSize))) PUCHAR Buffer);
typedef NTSTATUS (*PCLASS_WMI_FUNCTION_CONTROL)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp, _In_ ULONG GuidIndex,
    _In_ CLASSENABLEDISABLEFUNCTION Function, _In_ BOOLEAN Enable);
typedef struct { ULONG GuidCount; PGUIDREGINFO GuidRegInfo; PCLASS_QUERY_WMI_REGINFO ClassQueryWmiRegInfo;
    PCLASS_QUERY_WMI_DATABLOCK ClassQueryWmiDataBlock; PCLASS_SET_WMI_DATABLOCK ClassSetWmiDataBlock;
    PCLASS_SET_WMI_DATAITEM ClassSetWmiDataItem; PCLASS_EXECUTE_WMI_METHOD ClassExecuteWmiMethod;
    PCLASS_WMI_FUNCTION_CONTROL ClassWmiFunctionControl; } CLASS_WMI_INFO, *PCLASS_WMI_INFO;
typedef VOID (*PCLASS_ERROR)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PSCSI_REQUEST_BLOCK Srb, _Out_ NTSTATUS *Status, _Inout_ BOOLEAN *Retry);
typedef NTSTATUS (*PCLASS_ADD_DEVICE)(_In_ PDRIVER_OBJECT DriverObject, _In_ PDEVICE_OBJECT Pdo);
typedef NTSTATUS (*PCLASS_POWER_DEVICE)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp);
typedef NTSTATUS (*PCLASS_START_DEVICE)(_In_ PDEVICE_OBJECT DeviceObject);
typedef NTSTATUS (*PCLASS_STOP_DEVICE)(_In_ PDEVICE_OBJECT DeviceObject, _In_ UCHAR Type);
typedef NTSTATUS (*PCLASS_INIT_DEVICE)(_In_ PDEVICE_OBJECT DeviceObject);
typedef NTSTATUS (*PCLASS_ENUM_DEVICE)(_In_ PDEVICE_OBJECT DeviceObject);
typedef NTSTATUS (*PCLASS_READ_WRITE)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp);
typedef NTSTATUS (*PCLASS_DEVICE_CONTROL)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp);
typedef NTSTATUS (*PCLASS_SHUTDOWN_FLUSH)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp);
typedef NTSTATUS (*PCLASS_CREATE_CLOSE)(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp);
typedef NTSTATUS (*PCLASS_QUERY_ID)(_In_ PDEVICE_OBJECT DeviceObject, _In_ BUS_QUERY_ID_TYPE IdType, _In_ PUNICODE_STRING IdString);
typedef NTSTATUS (*PCLASS_REMOVE_DEVICE)(_In_ PDEVICE_OBJECT DeviceObject, _In_ UCHAR Type);
typedef VOID (*PCLASS_UNLOAD)(_In_ PDRIVER_OBJECT DriverObject);
typedef NTSTATUS (*PCLASS_QUERY_PNP_CAPABILITIES)(_In_ PDEVICE_OBJECT PhysicalDeviceObject, _In_ PDEVICE_CAPABILITIES Capabilities);
typedef VOID (*PCLASS_TICK)(_In_ PDEVICE_OBJECT DeviceObject);
typedef struct _CLASS_DEV_INFO {
    ULONG DeviceExtensionSize; DEVICE_TYPE DeviceType; UCHAR StackSize; ULONG DeviceCharacteristics; PCLASS_ERROR ClassError;
    PCLASS_READ_WRITE ClassReadWriteVerification; PCLASS_DEVICE_CONTROL ClassDeviceControl;
    PCLASS_SHUTDOWN_FLUSH ClassShutdownFlush; PCLASS_CREATE_CLOSE ClassCreateClose; PCLASS_INIT_DEVICE ClassInitDevice;
    PCLASS_START_DEVICE ClassStartDevice; PCLASS_POWER_DEVICE ClassPowerDevice; PCLASS_STOP_DEVICE ClassStopDevice;
    PCLASS_REMOVE_DEVICE ClassRemoveDevice; PCLASS_QUERY_PNP_CAPABILITIES ClassQueryPnpCapabilities; CLASS_WMI_INFO ClassWmiInfo;
} CLASS_DEV_INFO, *PCLASS_DEV_INFO;
typedef struct _CLASS_INIT_DATA {
    ULONG InitializationDataSize; CLASS_DEV_INFO FdoData; CLASS_DEV_INFO PdoData; PCLASS_ADD_DEVICE ClassAddDevice;
    PCLASS_ENUM_DEVICE ClassEnumerateDevice; PCLASS_QUERY_ID ClassQueryId; PDRIVER_STARTIO ClassStartIo;
    PCLASS_UNLOAD ClassUnload; PCLASS_TICK ClassTick;
} CLASS_INIT_DATA, *PCLASS_INIT_DATA;
typedef struct _CLASS_QUERY_WMI_REGINFO_EX_LIST {
    ULONG Size; PCLASS_QUERY_WMI_REGINFO_EX ClassFdoQueryWmiRegInfoEx; PCLASS_QUERY_WMI_REGINFO_EX ClassPdoQueryWmiRegInfoEx;
} CLASS_QUERY_WMI_REGINFO_EX_LIST, *PCLASS_QUERY_WMI_REGINFO_EX_LIST;
typedef struct _CLASS_WORKING_SET { ULONG Size; ULONG XferPacketsWorkingSetMaximum; ULONG XferPacketsWorkingSetMinimum; } CLASS_WORKING_SET, *PCLASS_WORKING_SET;
typedef struct _CLASS_INTERPRET_SENSE_INFO2 *PCLASS_INTERPRET_SENSE_INFO2;
typedef struct _CLASS_DRIVER_EXTENSION {
    UNICODE_STRING RegistryPath; CLASS_INIT_DATA InitData; ULONG DeviceCount;
    PCLASS_QUERY_WMI_REGINFO_EX ClassFdoQueryWmiRegInfoEx; PCLASS_QUERY_WMI_REGINFO_EX ClassPdoQueryWmiRegInfoEx;
    REGHANDLE EtwHandle; PDRIVER_DISPATCH DeviceMajorFunctionTable[IRP_MJ_MAXIMUM_FUNCTION + 1];
    PDRIVER_DISPATCH MpDeviceMajorFunctionTable[IRP_MJ_MAXIMUM_FUNCTION + 1]; PCLASS_INTERPRET_SENSE_INFO2 InterpretSenseInfo;
    PCLASS_WORKING_SET WorkingSet; ULONG SrbSupport;
} CLASS_DRIVER_EXTENSION, *PCLASS_DRIVER_EXTENSION;
typedef struct _COMMON_DEVICE_EXTENSION {
    ULONG Version; PDEVICE_OBJECT DeviceObject; PDEVICE_OBJECT LowerDeviceObject;
    struct _FUNCTIONAL_DEVICE_EXTENSION *PartitionZeroExtension; PCLASS_DRIVER_EXTENSION DriverExtension;
    LONG RemoveLock; KEVENT RemoveEvent; KSPIN_LOCK RemoveTrackingSpinlock; PVOID RemoveTrackingList;
    LONG RemoveTrackingUntrackedCount; PVOID DriverData;
    struct { BOOLEAN IsFdo : 1; BOOLEAN IsInitialized : 1; BOOLEAN IsSrbLookasideListInitialized : 1; };
    UCHAR PreviousState; UCHAR CurrentState; ULONG IsRemoved; UNICODE_STRING DeviceName;
    struct _PHYSICAL_DEVICE_EXTENSION *ChildList; ULONG PartitionNumber; LARGE_INTEGER PartitionLength;
    LARGE_INTEGER StartingOffset; PCLASS_DEV_INFO DevInfo; ULONG PagingPathCount; ULONG DumpPathCount;
    ULONG HibernationPathCount; KEVENT PathCountEvent; NPAGED_LOOKASIDE_LIST SrbLookasideList;
    UNICODE_STRING MountedDeviceInterfaceName; ULONG GuidCount; PGUIDREGINFO GuidRegInfo; DICTIONARY FileObjectDictionary;
    PCLASS_PRIVATE_COMMON_DATA PrivateCommonData; PDRIVER_DISPATCH *DispatchTable;
    ULONG_PTR Reserved2; ULONG_PTR Reserved3; ULONG_PTR Reserved4;
} COMMON_DEVICE_EXTENSION, *PCOMMON_DEVICE_EXTENSION;
typedef struct _PHYSICAL_DEVICE_EXTENSION {
    union { struct { ULONG Version; PDEVICE_OBJECT DeviceObject; }; COMMON_DEVICE_EXTENSION CommonExtension; };
    BOOLEAN IsMissing; BOOLEAN IsEnumerated; PCLASS_PRIVATE_PDO_DATA PrivatePdoData;
    ULONG_PTR Reserved2; ULONG_PTR Reserved3; ULONG_PTR Reserved4;
} PHYSICAL_DEVICE_EXTENSION, *PPHYSICAL_DEVICE_EXTENSION;
typedef struct _CLASS_VPD_B0_DATA {
    NTSTATUS CommandStatus; ULONG MaxUnmapLbaCount; ULONG MaxUnmapBlockDescrCount; ULONG OptimalUnmapGranularity;
    ULONG UnmapGranularityAlignment; BOOLEAN UGAVALID; UCHAR Reserved0; USHORT OptimalTransferLengthGranularity;
    ULONG MaximumTransferLength; ULONG OptimalTransferLength;
} CLASS_VPD_B0_DATA, *PCLASS_VPD_B0_DATA;
typedef struct _CLASS_VPD_B1_DATA { NTSTATUS CommandStatus; USHORT MediumRotationRate; UCHAR NominalFormFactor; UCHAR Zoned; ULONG MediumProductType; ULONG DepopulationTime; } CLASS_VPD_B1_DATA, *PCLASS_VPD_B1_DATA;
typedef struct _CLASS_VPD_B2_DATA {
    NTSTATUS CommandStatus; UCHAR ThresholdExponent; UCHAR DP : 1; UCHAR ANC_SUP : 1; UCHAR Reserved0 : 2; UCHAR LBPRZ : 1;
    UCHAR LBPWS10 : 1; UCHAR LBPWS : 1; UCHAR LBPU : 1; UCHAR ProvisioningType : 3; UCHAR Reserved1 : 5; ULONG SoftThresholdEventPending;
} CLASS_VPD_B2_DATA, *PCLASS_VPD_B2_DATA;
typedef struct _CLASS_READ_CAPACITY16_DATA {
    NTSTATUS CommandStatus; ULONG BytesPerLogicalSector; ULONG BytesPerPhysicalSector; ULONG BytesOffsetForSectorAlignment;
    BOOLEAN LBProvisioningEnabled; BOOLEAN LBProvisioningReadZeros; UCHAR Reserved0[2]; ULONG Reserved1;
} CLASS_READ_CAPACITY16_DATA, *PCLASS_READ_CAPACITY16_DATA;
typedef struct _CLASS_VPD_ECOP_BLOCK_DEVICE_ROD_LIMITS {
    NTSTATUS CommandStatus; USHORT MaximumRangeDescriptors; UCHAR Restricted; UCHAR Reserved; ULONG MaximumInactivityTimer;
    ULONG DefaultInactivityTimer; ULONGLONG MaximumTokenTransferSize; ULONGLONG OptimalTransferCount;
} CLASS_VPD_ECOP_BLOCK_DEVICE_ROD_LIMITS, *PCLASS_VPD_ECOP_BLOCK_DEVICE_ROD_LIMITS;
typedef enum { SupportUnknown = 0, Supported, NotSupported } CLASS_FUNCTION_SUPPORT;
typedef struct _CLASS_FUNCTION_SUPPORT_INFO {
    KSPIN_LOCK SyncLock; ULONG GenerationCount; volatile ULONG ChangeRequestCount;
    struct { CLASS_FUNCTION_SUPPORT BlockLimits; CLASS_FUNCTION_SUPPORT BlockDeviceCharacteristics;
             CLASS_FUNCTION_SUPPORT LBProvisioning; CLASS_FUNCTION_SUPPORT BlockDeviceRODLimits;
             CLASS_FUNCTION_SUPPORT ZonedBlockDeviceCharacteristics; CLASS_FUNCTION_SUPPORT Reserved;
             CLASS_FUNCTION_SUPPORT DeviceType; } ValidInquiryPages;
    struct { CLASS_FUNCTION_SUPPORT SeekPenaltyProperty; CLASS_FUNCTION_SUPPORT AccessAlignmentProperty;
             CLASS_FUNCTION_SUPPORT TrimProperty; CLASS_FUNCTION_SUPPORT TrimProcess; } LowerLayerSupport;
    BOOLEAN RegAccessAlignmentQueryNotSupported; BOOLEAN AsynchronousNotificationSupported; BOOLEAN UseModeSense10;
    UCHAR Reserved; CLASS_VPD_B0_DATA BlockLimitsData; CLASS_VPD_B1_DATA DeviceCharacteristicsData;
    CLASS_VPD_B2_DATA LBProvisioningData; CLASS_READ_CAPACITY16_DATA ReadCapacity16Data;
    CLASS_VPD_ECOP_BLOCK_DEVICE_ROD_LIMITS BlockDeviceRODLimitsData;
    struct { ULONG D3ColdSupported : 1; ULONG DeviceWakeable : 1; ULONG IdlePowerEnabled : 1; ULONG D3IdleTimeoutOverridden : 1;
             ULONG NoVerifyDuringIdlePower : 1; ULONG Reserved2 : 27; ULONG D3IdleTimeout; } IdlePower;
    CLASS_FUNCTION_SUPPORT HwFirmwareGetInfoSupport; PVOID HwFirmwareInfo;
} CLASS_FUNCTION_SUPPORT_INFO, *PCLASS_FUNCTION_SUPPORT_INFO;
typedef struct _FUNCTIONAL_DEVICE_EXTENSION {
    union { struct { ULONG Version; PDEVICE_OBJECT DeviceObject; }; COMMON_DEVICE_EXTENSION CommonExtension; };
    PDEVICE_OBJECT LowerPdo; PSTORAGE_DEVICE_DESCRIPTOR DeviceDescriptor; PSTORAGE_ADAPTER_DESCRIPTOR AdapterDescriptor;
    DEVICE_POWER_STATE DevicePowerState; ULONG DMByteSkew; ULONG DMSkew; BOOLEAN DMActive; UCHAR SenseDataLength;
    UCHAR Reserved0[2]; DISK_GEOMETRY DiskGeometry; PSENSE_DATA SenseData; ULONG TimeOutValue; ULONG DeviceNumber;
    ULONG SrbFlags; ULONG ErrorCount; LONG LockCount; LONG ProtectedLockCount; LONG InternalLockCount;
    KEVENT EjectSynchronizationEvent; USHORT DeviceFlags; UCHAR SectorShift; UCHAR CdbForceUnitAccess;
    PMEDIA_CHANGE_DETECTION_INFO MediaChangeDetectionInfo; PKEVENT Unused1; HANDLE Unused2;
    FILE_OBJECT_EXTENSION KernelModeMcnContext; ULONG MediaChangeCount; HANDLE DeviceDirectory;
    KSPIN_LOCK ReleaseQueueSpinLock; PIRP ReleaseQueueIrp; SCSI_REQUEST_BLOCK ReleaseQueueSrb; BOOLEAN ReleaseQueueNeeded;
    BOOLEAN ReleaseQueueInProgress; BOOLEAN ReleaseQueueIrpFromPool; BOOLEAN FailurePredicted; ULONG FailureReason;
    struct _FAILURE_PREDICTION_INFO *FailurePredictionInfo; BOOLEAN PowerDownInProgress; ULONG EnumerationInterlock;
    KEVENT ChildLock; PKTHREAD ChildLockOwner; ULONG ChildLockAcquisitionCount; ULONG ScanForSpecialFlags;
    KDPC PowerRetryDpc; KTIMER PowerRetryTimer; CLASS_POWER_CONTEXT PowerContext; PCLASS_PRIVATE_FDO_DATA PrivateFdoData;
    PCLASS_FUNCTION_SUPPORT_INFO FunctionSupportInfo; PSTORAGE_MINIPORT_DESCRIPTOR MiniportDescriptor;
    PVOID AdditionalFdoData; ULONG_PTR Reserved1; ULONG_PTR Reserved2; ULONG_PTR Reserved3; ULONG_PTR Reserved4;
} FUNCTIONAL_DEVICE_EXTENSION, *PFUNCTIONAL_DEVICE_EXTENSION;
typedef struct _COMPLETION_CONTEXT {
    PDEVICE_OBJECT DeviceObject;
    union { SCSI_REQUEST_BLOCK Srb; STORAGE_REQUEST_BLOCK SrbEx; UCHAR SrbExBuffer[CLASS_SRBEX_SCSI_CDB16_BUFFER_SIZE]; } Srb;
} COMPLETION_CONTEXT, *PCOMPLETION_CONTEXT;
typedef struct _CLASSPNP_SCAN_FOR_SPECIAL_INFO { PCHAR VendorId; PCHAR ProductId; PCHAR ProductRevision; ULONG_PTR Data; } CLASSPNP_SCAN_FOR_SPECIAL_INFO, *PCLASSPNP_SCAN_FOR_SPECIAL_INFO;
typedef struct _SRB_HISTORY_ITEM {
    LARGE_INTEGER TickCountSent; LARGE_INTEGER TickCountCompleted; ULONG MillisecondsDelayOnRetry; SENSE_DATA NormalizedSenseData;
    UCHAR SrbStatus; UCHAR ClassDriverUse;
} SRB_HISTORY_ITEM, *PSRB_HISTORY_ITEM;
typedef struct _SRB_HISTORY { ULONG_PTR ClassDriverUse[4]; ULONG TotalHistoryCount; ULONG UsedHistoryCount; SRB_HISTORY_ITEM History[1]; } SRB_HISTORY, *PSRB_HISTORY;
typedef BOOLEAN (*PCLASS_INTERPRET_SENSE_INFO)(_In_ PDEVICE_OBJECT Fdo, _In_opt_ PIRP OriginalRequest, _In_ PSCSI_REQUEST_BLOCK Srb,
    _In_ UCHAR MajorFunctionCode, _In_ ULONG IoDeviceCode, _In_ ULONG PreviousRetryCount, _In_opt_ SRB_HISTORY *RequestHistory,
    _Out_ NTSTATUS *Status, _Out_ LONGLONG *RetryIn100nsUnits);
typedef VOID (*PCLASS_COMPRESS_RETRY_HISTORY_DATA)(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PSRB_HISTORY RequestHistory);
typedef struct _CLASS_INTERPRET_SENSE_INFO2 {
    ULONG Size; ULONG HistoryCount; PCLASS_COMPRESS_RETRY_HISTORY_DATA Compress; PCLASS_INTERPRET_SENSE_INFO Interpret;
} CLASS_INTERPRET_SENSE_INFO2;
#define ClassAcquireRemoveLock(devobj, tag) ClassAcquireRemoveLockEx(devobj, tag, __FILE__, __LINE__)
#define IS_CLEANUP_REQUEST(majorFunction) ((majorFunction == IRP_MJ_CLOSE) || (majorFunction == IRP_MJ_CLEANUP) || (majorFunction == IRP_MJ_SHUTDOWN))
#define DO_MCD(fdoExtension) (((fdoExtension)->MediaChangeDetectionInfo != NULL) && ((fdoExtension)->MediaChangeDetectionInfo->MediaChangeDetectionDisableCount == 0))
#define IS_SCSIOP_READ(opCode) ((opCode == SCSIOP_READ6) || (opCode == SCSIOP_READ) || (opCode == SCSIOP_READ12) || (opCode == SCSIOP_READ16))
#define IS_SCSIOP_WRITE(opCode) ((opCode == SCSIOP_WRITE6) || (opCode == SCSIOP_WRITE) || (opCode == SCSIOP_WRITE12) || (opCode == SCSIOP_WRITE16))
#define IS_SCSIOP_READWRITE(opCode) (IS_SCSIOP_READ(opCode) || IS_SCSIOP_WRITE(opCode))
#define TEST_FLAG(Flags, Bit) (((Flags) & (Bit)) != 0)
#define SET_FLAG(Flags, Bit) ((Flags) |= (Bit))
#define CLEAR_FLAG(Flags, Bit) ((Flags) &= ~(Bit))
ULONG NTAPI ClassInitialize(_In_ PVOID Argument1, _In_ PVOID Argument2, _In_ PCLASS_INIT_DATA InitializationData);
ULONG NTAPI ClassInitializeEx(_In_ PDRIVER_OBJECT DriverObject, _In_ LPGUID Guid, _In_ PVOID Data);
NTSTATUS NTAPI ClassCreateDeviceObject(_In_ PDRIVER_OBJECT DriverObject, _In_z_ PCCHAR ObjectNameBuffer,
    _In_ PDEVICE_OBJECT LowerDeviceObject, _In_ BOOLEAN IsFdo, _Outptr_result_nullonfailure_ PDEVICE_OBJECT *DeviceObject);
NTSTATUS NTAPI ClassReadDriveCapacity(_In_ PDEVICE_OBJECT DeviceObject);
VOID NTAPI ClassReleaseQueue(_In_ PDEVICE_OBJECT DeviceObject);
VOID NTAPI ClassSplitRequest(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp, _In_ ULONG MaximumBytes);
NTSTATUS NTAPI ClassDeviceControl(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp);
NTSTATUS NTAPI ClassIoComplete(PDEVICE_OBJECT Fdo, PIRP Irp, PVOID Context);
NTSTATUS NTAPI ClassIoCompleteAssociated(PDEVICE_OBJECT Fdo, PIRP Irp, PVOID Context);
BOOLEAN NTAPI ClassInterpretSenseInfo(_In_ PDEVICE_OBJECT Fdo, _In_ PSCSI_REQUEST_BLOCK Srb, _In_ UCHAR MajorFunctionCode,
    _In_ ULONG IoDeviceCode, _In_ ULONG RetryCount, _Out_ NTSTATUS *Status, _Out_opt_ _Deref_out_range_(0, 100) ULONG *RetryInterval);
VOID NTAPI ClassSendDeviceIoControlSynchronous(_In_ ULONG IoControlCode, _In_ PDEVICE_OBJECT TargetDeviceObject,
    _Inout_updates_opt_(_Inexpressible_(max(InputBufferLength, OutputBufferLength))) PVOID Buffer, _In_ ULONG InputBufferLength,
    _In_ ULONG OutputBufferLength, _In_ BOOLEAN InternalDeviceIoControl, _Out_ PIO_STATUS_BLOCK IoStatus);
NTSTATUS NTAPI ClassSendIrpSynchronous(_In_ PDEVICE_OBJECT TargetDeviceObject, _In_ PIRP Irp);
NTSTATUS NTAPI ClassForwardIrpSynchronous(_In_ PCOMMON_DEVICE_EXTENSION CommonExtension, _In_ PIRP Irp);
NTSTATUS NTAPI ClassSendSrbSynchronous(_In_ PDEVICE_OBJECT Fdo, _Inout_ PSCSI_REQUEST_BLOCK Srb,
    _In_reads_bytes_opt_(BufferLength) PVOID BufferAddress, _In_ ULONG BufferLength, _In_ BOOLEAN WriteToDevice);
NTSTATUS NTAPI ClassSendSrbAsynchronous(_In_ PDEVICE_OBJECT Fdo, _Inout_ PSCSI_REQUEST_BLOCK Srb, _In_ PIRP Irp,
    _In_reads_bytes_opt_(BufferLength) __drv_aliasesMem PVOID BufferAddress, _In_ ULONG BufferLength, _In_ BOOLEAN WriteToDevice);
NTSTATUS NTAPI ClassBuildRequest(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp);
ULONG NTAPI ClassModeSense(_In_ PDEVICE_OBJECT DeviceObject, _In_reads_bytes_(Length) PCHAR ModeSenseBuffer, _In_ ULONG Length,
    _In_ UCHAR PageMode);
ULONG NTAPI ClassModeSenseEx(_In_ PDEVICE_OBJECT Fdo, _In_reads_bytes_(Length) PCHAR ModeSenseBuffer, _In_ ULONG Length,
    _In_ UCHAR PageMode, _In_ UCHAR PageControl);
PVOID NTAPI ClassFindModePage(_In_reads_bytes_(Length) PCHAR ModeSenseBuffer, _In_ ULONG Length, _In_ UCHAR PageMode, _In_ BOOLEAN Use6Byte);
NTSTATUS NTAPI ClassModeSelect(_In_ PDEVICE_OBJECT Fdo, _In_reads_bytes_(Length) PCHAR ModeSelectBuffer, _In_ ULONG Length, _In_ BOOLEAN SavePages);
NTSTATUS NTAPI ClassClaimDevice(_In_ PDEVICE_OBJECT LowerDeviceObject, _In_ BOOLEAN Release);
NTSTATUS NTAPI ClassInternalIoControl(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp);
VOID NTAPI ClassInitializeSrbLookasideList(_Inout_ PCOMMON_DEVICE_EXTENSION CommonExtension, _In_ ULONG NumberElements);
VOID NTAPI ClassDeleteSrbLookasideList(_Inout_ PCOMMON_DEVICE_EXTENSION CommonExtension);
ULONG NTAPI ClassQueryTimeOutRegistryValue(_In_ PDEVICE_OBJECT DeviceObject);
NTSTATUS NTAPI ClassGetDescriptor(_In_ PDEVICE_OBJECT DeviceObject, _In_ PSTORAGE_PROPERTY_ID PropertyId,
    _Outptr_ PVOID *Descriptor);
VOID NTAPI ClassInvalidateBusRelations(_In_ PDEVICE_OBJECT Fdo);
VOID NTAPI ClassMarkChildrenMissing(_In_ PFUNCTIONAL_DEVICE_EXTENSION Fdo);
BOOLEAN NTAPI ClassMarkChildMissing(_In_ PPHYSICAL_DEVICE_EXTENSION PdoExtension, _In_ BOOLEAN AcquireChildLock);
VOID __cdecl ClassDebugPrint(_In_ CLASS_DEBUG_LEVEL DebugPrintLevel, _In_z_ _Printf_format_string_ PCCHAR DebugMessage, ...);
PCLASS_DRIVER_EXTENSION NTAPI ClassGetDriverExtension(_In_ PDRIVER_OBJECT DriverObject);
VOID NTAPI ClassCompleteRequest(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp, _In_ CCHAR PriorityBoost);
VOID NTAPI ClassReleaseRemoveLock(_In_ PDEVICE_OBJECT DeviceObject, _In_opt_ PIRP Tag);
ULONG NTAPI ClassAcquireRemoveLockEx(_In_ PDEVICE_OBJECT DeviceObject, PVOID Tag, _In_ PCSTR File, _In_ ULONG Line);
VOID NTAPI ClassUpdateInformationInRegistry(_In_ PDEVICE_OBJECT Fdo, _In_ PCHAR DeviceName, _In_ ULONG DeviceNumber,
    _In_reads_bytes_opt_(InquiryDataLength) PINQUIRYDATA InquiryData, _In_ ULONG InquiryDataLength);
NTSTATUS NTAPI ClassWmiCompleteRequest(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp, _In_ NTSTATUS Status,
    _In_ ULONG BufferUsed, _In_ CCHAR PriorityBoost);
NTSTATUS NTAPI ClassWmiFireEvent(_In_ PDEVICE_OBJECT DeviceObject, _In_ LPGUID Guid, _In_ ULONG InstanceIndex,
    _In_ ULONG EventDataSize, _In_reads_bytes_(EventDataSize) PVOID EventData);
VOID NTAPI ClassResetMediaChangeTimer(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension);
VOID NTAPI ClassInitializeMediaChangeDetection(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension, _In_ PUCHAR EventPrefix);
NTSTATUS NTAPI ClassInitializeTestUnitPolling(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension, _In_ BOOLEAN AllowDriveToSleep);
VOID NTAPI ClassCheckMediaState(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension);
VOID NTAPI ClassNotifyFailurePredicted(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension, _In_reads_bytes_(BufferSize) PUCHAR Buffer,
    _In_ ULONG BufferSize, _In_ BOOLEAN LogError, _In_ ULONG UniqueErrorValue, _In_ UCHAR PathId, _In_ UCHAR TargetId, _In_ UCHAR Lun);
NTSTATUS NTAPI ClassSetFailurePredictionPoll(_Inout_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension,
    _In_ FAILURE_PREDICTION_METHOD FailurePredictionMethod, _In_ ULONG PollingPeriod);
NTSTATUS NTAPI ClassSignalCompletion(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp, _In_reads_opt_(_Inexpressible_("varies")) PVOID Context);
NTSTATUS NTAPI ClassSpinDownPowerHandler(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp);
NTSTATUS NTAPI ClassStopUnitPowerHandler(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp);
VOID NTAPI ClassSetMediaChangeState(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension, _In_ MEDIA_CHANGE_DETECTION_STATE MediaPresent, _In_ BOOLEAN Wait);
VOID NTAPI ClassEnableMediaChangeDetection(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension);
VOID NTAPI ClassDisableMediaChangeDetection(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension);
VOID NTAPI ClassCleanupMediaChangeDetection(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension);
VOID NTAPI ClassGetDeviceParameter(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension, _In_opt_ PWSTR SubkeyName,
    _In_ PWSTR ParameterName, _Inout_ PULONG ParameterValue);
NTSTATUS NTAPI ClassSetDeviceParameter(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension, _In_opt_ PWSTR SubkeyName,
    _In_ PWSTR ParameterName, _In_ ULONG ParameterValue);
typedef BOOLEAN (*PCLASS_SCAN_FOR_SPECIAL_HANDLER)(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension, _In_ ULONG_PTR Data);
VOID NTAPI ClassScanForSpecial(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension, _In_ CLASSPNP_SCAN_FOR_SPECIAL_INFO DeviceList[],
    _In_ PCLASS_SCAN_FOR_SPECIAL_HANDLER Function);
VOID NTAPI ClassSendStartUnit(_In_ PDEVICE_OBJECT DeviceObject);
NTSTATUS NTAPI ClassAsynchronousCompletion(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Event);
NTSTATUS NTAPI ClassCheckVerifyComplete(_In_ PDEVICE_OBJECT DeviceObject, _In_ PIRP Irp, _In_opt_ PVOID Context);
VOID NTAPI ClassReleaseChildLock(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension);
VOID NTAPI ClassAcquireChildLock(_In_ PFUNCTIONAL_DEVICE_EXTENSION FdoExtension);
PVPB NTAPI ClassGetVpb(_In_ PDEVICE_OBJECT DeviceObject);
NTSTATUS NTAPI ClassQueryPnpCapabilities(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PDEVICE_CAPABILITIES Capabilities);
NTSTATUS NTAPI ClassRemoveDevice(_In_ PDEVICE_OBJECT DeviceObject, _In_ UCHAR RemoveType);
PFILE_OBJECT_EXTENSION NTAPI ClassGetFsContext(_In_ PCOMMON_DEVICE_EXTENSION CommonExtension, _In_ PFILE_OBJECT FileObject);
#endif
