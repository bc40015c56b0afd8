/* kdlint model header: written for kdlint from the documented WMI library API (learn.microsoft.com), not copied. */
#pragma once
#ifndef _WMILIB_
#define _WMILIB_
#include <wdm.h>
#include <wmistr.h>
typedef struct _WMIGUIDREGINFO { LPCGUID Guid; ULONG InstanceCount; ULONG Flags; } WMIGUIDREGINFO, *PWMIGUIDREGINFO;
typedef enum { IrpProcessed, IrpNotCompleted, IrpNotWmi, IrpForward } SYSCTL_IRP_DISPOSITION, *PSYSCTL_IRP_DISPOSITION;
typedef enum { WmiEventControl, WmiDataBlockControl } WMIENABLEDISABLECONTROL, *PWMIENABLEDISABLECONTROL;
typedef NTSTATUS (*PWMI_QUERY_REGINFO)(_Inout_ PDEVICE_OBJECT DeviceObject, _Inout_ PULONG RegFlags, _Inout_ PUNICODE_STRING InstanceName,
    _Outptr_result_maybenull_ PUNICODE_STRING *RegistryPath, _Inout_ PUNICODE_STRING MofResourceName, _Outptr_result_maybenull_ PDEVICE_OBJECT *Pdo);
typedef NTSTATUS (*PWMI_QUERY_DATABLOCK)(_Inout_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp, _In_ ULONG GuidIndex,
    _In_ ULONG InstanceIndex, _In_ ULONG InstanceCount, _Out_writes_opt_(InstanceCount) PULONG InstanceLengthArray,
    _In_ ULONG BufferAvail, _Out_writes_bytes_opt_(BufferAvail) PUCHAR Buffer);
typedef NTSTATUS (*PWMI_SET_DATABLOCK)(_Inout_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp, _In_ ULONG GuidIndex,
    _In_ ULONG InstanceIndex, _In_ ULONG BufferSize, _In_reads_bytes_(BufferSize) PUCHAR Buffer);
typedef NTSTATUS (*PWMI_SET_DATAITEM)(_Inout_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp, _In_ ULONG GuidIndex,
    _In_ ULONG InstanceIndex, _In_ ULONG DataItemId, _In_ ULONG BufferSize, _In_reads_bytes_(BufferSize) PUCHAR Buffer);
typedef NTSTATUS (*PWMI_EXECUTE_METHOD)(_Inout_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp, _In_ ULONG GuidIndex,
    _In_ ULONG InstanceIndex, _In_ ULONG MethodId, _In_ ULONG InBufferSize, _In_ ULONG OutBufferSize, _Inout_ PUCHAR Buffer);
typedef NTSTATUS (*PWMI_FUNCTION_CONTROL)(_Inout_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp, _In_ ULONG GuidIndex,
    _In_ WMIENABLEDISABLECONTROL Function, _In_ BOOLEAN Enable);
typedef struct _WMILIB_CONTEXT {
    ULONG GuidCount; PWMIGUIDREGINFO GuidList; PWMI_QUERY_REGINFO QueryWmiRegInfo; PWMI_QUERY_DATABLOCK QueryWmiDataBlock;
    PWMI_SET_DATABLOCK SetWmiDataBlock; PWMI_SET_DATAITEM SetWmiDataItem; PWMI_EXECUTE_METHOD ExecuteWmiMethod;
    PWMI_FUNCTION_CONTROL WmiFunctionControl;
} WMILIB_CONTEXT, *PWMILIB_CONTEXT;
_IRQL_requires_max_(PASSIVE_LEVEL) NTSTATUS NTAPI WmiSystemControl(_In_ PWMILIB_CONTEXT WmiLibInfo, _In_ PDEVICE_OBJECT DeviceObject,
    _Inout_ PIRP Irp, _Out_ PSYSCTL_IRP_DISPOSITION IrpDisposition);
_IRQL_requires_max_(DISPATCH_LEVEL) NTSTATUS NTAPI WmiCompleteRequest(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp,
    _In_ NTSTATUS Status, _In_ ULONG BufferUsed, _In_ CCHAR PriorityBoost);
_IRQL_requires_max_(DISPATCH_LEVEL) NTSTATUS NTAPI WmiFireEvent(_In_ PDEVICE_OBJECT DeviceObject, _In_ LPCGUID Guid,
    _In_ ULONG InstanceIndex, _In_ ULONG EventDataSize, _In_reads_bytes_opt_(EventDataSize) PVOID EventData);
#endif
