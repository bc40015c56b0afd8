/*
 * eventdrv: a small WDM driver used by kdlint's README and tests.
 * A worker thread waits for requests that a dispatch routine signals; the device extension's
 * events are initialized in DriverEntry -- one of them with its arguments swapped.
 */
#include <ntddk.h>

#define EVENTDRV_TAG 'vdvE'

typedef struct _EVENTDRV_EXTENSION {
    KEVENT WorkReady;
    KEVENT StopRequested;
    HANDLE WorkerHandle;
    PVOID WorkerThread;
} EVENTDRV_EXTENSION, *PEVENTDRV_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD EventDrvUnload;
_Dispatch_type_(IRP_MJ_CREATE) _Dispatch_type_(IRP_MJ_CLOSE) DRIVER_DISPATCH EventDrvCreateClose;
KSTART_ROUTINE EventDrvWorker;

static PDEVICE_OBJECT g_Device;

VOID EventDrvWorker(_In_ PVOID Context)
{
    PEVENTDRV_EXTENSION ext = (PEVENTDRV_EXTENSION)Context;
    PVOID waits[2];
    NTSTATUS status;

    waits[0] = &ext->StopRequested;
    waits[1] = &ext->WorkReady;
    for (;;) {
        status = KeWaitForMultipleObjects(2, waits, WaitAny, Executive, KernelMode, FALSE,
                                          NULL, NULL);
        if (status == STATUS_WAIT_0) {
            break;
        }
        KdPrint(("eventdrv: work item\n"));
    }
    PsTerminateSystemThread(STATUS_SUCCESS);
}

NTSTATUS EventDrvCreateClose(_In_ PDEVICE_OBJECT DeviceObject, _Inout_ PIRP Irp)
{
    PEVENTDRV_EXTENSION ext = (PEVENTDRV_EXTENSION)DeviceObject->DeviceExtension;

    KeSetEvent(&ext->WorkReady, IO_NO_INCREMENT, FALSE);
    Irp->IoStatus.Status = STATUS_SUCCESS;
    Irp->IoStatus.Information = 0;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return STATUS_SUCCESS;
}

VOID EventDrvUnload(_In_ PDRIVER_OBJECT DriverObject)
{
    PEVENTDRV_EXTENSION ext = (PEVENTDRV_EXTENSION)g_Device->DeviceExtension;

    UNREFERENCED_PARAMETER(DriverObject);
    KeSetEvent(&ext->StopRequested, IO_NO_INCREMENT, FALSE);
    KeWaitForSingleObject(ext->WorkerThread, Executive, KernelMode, FALSE, NULL);
    ObDereferenceObject(ext->WorkerThread);
    IoDeleteDevice(g_Device);
}

NTSTATUS DriverEntry(_In_ PDRIVER_OBJECT DriverObject, _In_ PUNICODE_STRING RegistryPath)
{
    UNICODE_STRING name = RTL_CONSTANT_STRING(L"\\Device\\EventDrv");
    OBJECT_ATTRIBUTES attributes;
    PEVENTDRV_EXTENSION ext;
    NTSTATUS status;

    UNREFERENCED_PARAMETER(RegistryPath);
    status = IoCreateDevice(DriverObject, sizeof(EVENTDRV_EXTENSION), &name, FILE_DEVICE_UNKNOWN,
                            0, FALSE, &g_Device);
    if (!NT_SUCCESS(status)) {
        return status;
    }
    ext = (PEVENTDRV_EXTENSION)g_Device->DeviceExtension;

    /* Bug: Type and State are swapped, so WorkReady starts out as a signaled
       notification event and the worker spins instead of waiting. */
    KeInitializeEvent(&ext->WorkReady, FALSE, SynchronizationEvent);
    KeInitializeEvent(&ext->StopRequested, NotificationEvent, FALSE);

    InitializeObjectAttributes(&attributes, NULL, OBJ_KERNEL_HANDLE, NULL, NULL);
    status = PsCreateSystemThread(&ext->WorkerHandle, THREAD_ALL_ACCESS, &attributes, NULL, NULL,
                                  EventDrvWorker, ext);
    if (!NT_SUCCESS(status)) {
        IoDeleteDevice(g_Device);
        return status;
    }
    status = ObReferenceObjectByHandle(ext->WorkerHandle, THREAD_ALL_ACCESS, *PsThreadType,
                                       KernelMode, &ext->WorkerThread, NULL);
    ZwClose(ext->WorkerHandle);
    if (!NT_SUCCESS(status)) {
        KeSetEvent(&ext->StopRequested, IO_NO_INCREMENT, FALSE);
        IoDeleteDevice(g_Device);
        return status;
    }

    DriverObject->MajorFunction[IRP_MJ_CREATE] = EventDrvCreateClose;
    DriverObject->MajorFunction[IRP_MJ_CLOSE] = EventDrvCreateClose;
    DriverObject->DriverUnload = EventDrvUnload;
    return STATUS_SUCCESS;
}
