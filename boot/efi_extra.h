/* SPDX-License-Identifier: MIT */
/*
 * UEFI/PI definitions that Debian's GNU-EFI 3.0.15 lacks, declared once.
 *
 * Sources: UEFI 2.10 (memory types 14/15, EFI_MEMORY_SP), PI 1.7 vol. 2
 * §13.4 (EFI_MP_SERVICES_PROTOCOL, including the extended topology form of
 * GetProcessorInfo).  Layouts are checked with static asserts where a
 * mismatch would let the firmware write past our structures.
 */
#ifndef TDXBOOT_BOOT_EFI_EXTRA_H
#define TDXBOOT_BOOT_EFI_EXTRA_H

#include <efi.h>
#include <efidebug.h>

/* UEFI 2.10 §7.2: types after EfiPalCode, and the "specific purpose" bit. */
#define TB_EFI_PERSISTENT_MEMORY   14
#define TB_EFI_UNACCEPTED_MEMORY   15
#define TB_EFI_MEMORY_SP           0x0000000000040000ULL

/* ------------------------------------------------------------ MP Services */

#define TB_EFI_MP_SERVICES_PROTOCOL_GUID \
	{ 0x3fdda605, 0xa76e, 0x4f46, { 0xad, 0x29, 0x12, 0xf4, 0x53, 0x1b, 0x3d, 0x08 } }

/* StatusFlag bits (PI 1.7 vol. 2 §13.4.3). */
#define TB_PROCESSOR_AS_BSP_BIT        0x00000001
#define TB_PROCESSOR_ENABLED_BIT       0x00000002
#define TB_PROCESSOR_HEALTH_STATUS_BIT 0x00000004

/* OR'ed into ProcessorNumber to ask for ExtendedInformation (PI 1.7). */
#define TB_CPU_V2_EXTENDED_TOPOLOGY    (1u << 24)

typedef struct {
	UINT32 Package;
	UINT32 Core;
	UINT32 Thread;
} TB_EFI_CPU_PHYSICAL_LOCATION;

typedef struct {
	UINT32 Package;
	UINT32 Module;
	UINT32 Tile;
	UINT32 Die;
	UINT32 Core;
	UINT32 Thread;
} TB_EFI_CPU_PHYSICAL_LOCATION2;

/*
 * The PI 1.7 form: with TB_CPU_V2_EXTENDED_TOPOLOGY the firmware fills
 * Location2 after Location, so the structure must have room for it even
 * when we only read Location (docs/reference/toolchain.md §3).
 */
typedef struct {
	UINT64 ProcessorId;
	UINT32 StatusFlag;
	TB_EFI_CPU_PHYSICAL_LOCATION Location;
	TB_EFI_CPU_PHYSICAL_LOCATION2 Location2;
} TB_EFI_PROCESSOR_INFORMATION;

_Static_assert(sizeof(TB_EFI_PROCESSOR_INFORMATION) == 48,
	       "EFI_PROCESSOR_INFORMATION (PI 1.7) is 48 bytes");
_Static_assert(__builtin_offsetof(TB_EFI_PROCESSOR_INFORMATION, Location2) == 24,
	       "Location2 follows Location");

typedef VOID (EFIAPI *TB_EFI_AP_PROCEDURE)(VOID *Buffer);

struct _TB_EFI_MP_SERVICES_PROTOCOL;
typedef struct _TB_EFI_MP_SERVICES_PROTOCOL TB_EFI_MP_SERVICES_PROTOCOL;

struct _TB_EFI_MP_SERVICES_PROTOCOL {
	EFI_STATUS (EFIAPI *GetNumberOfProcessors)(TB_EFI_MP_SERVICES_PROTOCOL *This,
						   UINTN *NumberOfProcessors,
						   UINTN *NumberOfEnabledProcessors);
	EFI_STATUS (EFIAPI *GetProcessorInfo)(TB_EFI_MP_SERVICES_PROTOCOL *This,
					      UINTN ProcessorNumber,
					      TB_EFI_PROCESSOR_INFORMATION *Info);
	EFI_STATUS (EFIAPI *StartupAllAPs)(TB_EFI_MP_SERVICES_PROTOCOL *This,
					   TB_EFI_AP_PROCEDURE Procedure,
					   BOOLEAN SingleThread, EFI_EVENT WaitEvent,
					   UINTN TimeoutInMicroSeconds,
					   VOID *ProcedureArgument,
					   UINTN **FailedCpuList);
	EFI_STATUS (EFIAPI *StartupThisAP)(TB_EFI_MP_SERVICES_PROTOCOL *This,
					   TB_EFI_AP_PROCEDURE Procedure,
					   UINTN ProcessorNumber, EFI_EVENT WaitEvent,
					   UINTN TimeoutInMicroseconds,
					   VOID *ProcedureArgument, BOOLEAN *Finished);
	EFI_STATUS (EFIAPI *SwitchBSP)(TB_EFI_MP_SERVICES_PROTOCOL *This,
				       UINTN ProcessorNumber, BOOLEAN EnableOldBSP);
	EFI_STATUS (EFIAPI *EnableDisableAP)(TB_EFI_MP_SERVICES_PROTOCOL *This,
					     UINTN ProcessorNumber,
					     BOOLEAN EnableAP, UINT32 *HealthFlag);
	EFI_STATUS (EFIAPI *WhoAmI)(TB_EFI_MP_SERVICES_PROTOCOL *This,
				    UINTN *ProcessorNumber);
};

/* ------------------------------------------------------- CPU arch protocol */

/*
 * EFI_CPU_ARCH_PROTOCOL (PI 1.7 vol. 2 §12.3).  tdxboot uses only
 * RegisterInterruptHandler, to turn a faulting SEAMCALL into a status
 * (boot/seam_trap.c); OVMF's APs share the handler (docs/reference/toolchain.md §3).
 */
#define TB_EFI_CPU_ARCH_PROTOCOL_GUID \
	{ 0x26baccb1, 0x6f42, 0x11d4, { 0xbc, 0xe7, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81 } }

typedef VOID (EFIAPI *TB_EFI_CPU_INTERRUPT_HANDLER)(EFI_EXCEPTION_TYPE InterruptType,
						     EFI_SYSTEM_CONTEXT SystemContext);

typedef struct _TB_EFI_CPU_ARCH_PROTOCOL TB_EFI_CPU_ARCH_PROTOCOL;
struct _TB_EFI_CPU_ARCH_PROTOCOL {
	VOID *FlushDataCache;
	VOID *EnableInterrupt;
	VOID *DisableInterrupt;
	VOID *GetInterruptState;
	VOID *Init;
	EFI_STATUS (EFIAPI *RegisterInterruptHandler)(TB_EFI_CPU_ARCH_PROTOCOL *This,
						      EFI_EXCEPTION_TYPE InterruptType,
						      TB_EFI_CPU_INTERRUPT_HANDLER Handler);
	VOID *GetTimerValue;
	VOID *SetMemoryAttributes;
	UINT32 NumberOfTimers;
	UINT32 DmaBufferAlignment;
};

/* ------------------------------------------------------------ chainload */
/*
 * Sources: UEFI 2.10 §13.2 (EFI_LOAD_FILE2_PROTOCOL); Linux
 * include/linux/efi.h (LINUX_EFI_INITRD_MEDIA_GUID, the memreserve table);
 * rhboot/shim shim.h (SHIM_LOCK); TCG EFI Protocol Specification 1.0 r00.13
 * (EFI_TCG2_PROTOCOL).  Facts only; the declarations are ours.
 */

/* The LoadFile2 protocol has LoadFile's signature under its own GUID. */
#define TB_EFI_LOAD_FILE2_PROTOCOL_GUID \
	{ 0x4006c0c1, 0xfcb3, 0x403e, { 0x99, 0x6d, 0x4a, 0x6c, 0x87, 0x24, 0xe0, 0x6d } }

/* The vendor media node Linux's EFI stub looks for to find its initrd. */
#define TB_LINUX_EFI_INITRD_MEDIA_GUID \
	{ 0x5568e427, 0x68fc, 0x4f3d, { 0xac, 0x74, 0xca, 0x55, 0x52, 0x31, 0xcc, 0x68 } }

typedef struct {
	VENDOR_DEVICE_PATH vendor;
	EFI_DEVICE_PATH_PROTOCOL end;
} __attribute__((packed)) TB_INITRD_DEVICE_PATH;

_Static_assert(sizeof(TB_INITRD_DEVICE_PATH) == 24, "VenMedia (20) + End (4)");

/*
 * shim's SHIM_LOCK protocol.  shim is built without the MS ABI, so on
 * x86_64 Verify uses the System V convention (as GRUB and systemd-boot
 * call it); the other two entries are not used here.
 */
#define TB_SHIM_LOCK_GUID \
	{ 0x605dab50, 0xe046, 0x4300, { 0xab, 0xb6, 0x3d, 0xd8, 0x10, 0xdd, 0x8b, 0x23 } }

typedef struct {
	EFI_STATUS (__attribute__((sysv_abi)) *Verify)(VOID *buffer, UINT32 size);
	VOID *Hash;
	VOID *Context;
} TB_SHIM_LOCK_PROTOCOL;

/* LINUX_EFI_MEMRESERVE_TABLE; the list's layout is core/memreserve.h. */
#define TB_LINUX_EFI_MEMRESERVE_TABLE_GUID \
	{ 0x888eb0c6, 0x8ede, 0x4ff5, { 0xa8, 0xf0, 0x9a, 0xee, 0x5c, 0xb9, 0x77, 0xc2 } }

/* ------------------------------------------------------------ TCG2 */

#define TB_EFI_TCG2_PROTOCOL_GUID \
	{ 0x607f766c, 0x7455, 0x42be, { 0x93, 0x0b, 0xe4, 0xd7, 0x6d, 0xb2, 0x72, 0x0f } }

#define TB_EV_IPL        0x0000000dU
#define TB_EV_EVENT_TAG  0x00000006U
#define TB_EFI_TCG2_EVENT_HEADER_VERSION 1

/* The event header and event are byte-packed (TCG EFI Protocol §6.6). */
typedef struct {
	UINT32 HeaderSize;
	UINT16 HeaderVersion;
	UINT32 PCRIndex;
	UINT32 EventType;
} __attribute__((packed)) TB_EFI_TCG2_EVENT_HEADER;

typedef struct {
	UINT32 Size;                        /* header + event data */
	TB_EFI_TCG2_EVENT_HEADER Header;
	UINT8 Event[];
} __attribute__((packed)) TB_EFI_TCG2_EVENT;

_Static_assert(sizeof(TB_EFI_TCG2_EVENT_HEADER) == 14, "EFI_TCG2_EVENT_HEADER");
_Static_assert(sizeof(TB_EFI_TCG2_EVENT) == 18, "EFI_TCG2_EVENT without data");

/* TCG PC Client PFP: the data of an EV_EVENT_TAG event. */
typedef struct {
	UINT32 taggedEventID;
	UINT32 taggedEventDataSize;
	UINT8 taggedEventData[];
} __attribute__((packed)) TB_TCG_PCCLIENT_TAGGED_EVENT;

typedef struct {
	UINT8 Major;
	UINT8 Minor;
} TB_EFI_TCG2_VERSION;

/* Natural alignment, as the firmware lays it out (36 bytes for 1.1). */
typedef struct {
	UINT8 Size;
	TB_EFI_TCG2_VERSION StructureVersion;
	TB_EFI_TCG2_VERSION ProtocolVersion;
	UINT32 HashAlgorithmBitmap;
	UINT32 SupportedEventLogs;
	BOOLEAN TPMPresentFlag;
	UINT16 MaxCommandSize;
	UINT16 MaxResponseSize;
	UINT32 ManufacturerID;
	UINT32 NumberOfPcrBanks;
	UINT32 ActivePcrBanks;
} TB_EFI_TCG2_BOOT_SERVICE_CAPABILITY;

_Static_assert(__builtin_offsetof(TB_EFI_TCG2_BOOT_SERVICE_CAPABILITY, TPMPresentFlag) == 16,
	       "TPMPresentFlag offset");

struct _TB_EFI_TCG2_PROTOCOL;
typedef struct _TB_EFI_TCG2_PROTOCOL TB_EFI_TCG2_PROTOCOL;

struct _TB_EFI_TCG2_PROTOCOL {
	EFI_STATUS (EFIAPI *GetCapability)(TB_EFI_TCG2_PROTOCOL *This,
					   TB_EFI_TCG2_BOOT_SERVICE_CAPABILITY *Cap);
	VOID *GetEventLog;
	EFI_STATUS (EFIAPI *HashLogExtendEvent)(TB_EFI_TCG2_PROTOCOL *This, UINT64 Flags,
						EFI_PHYSICAL_ADDRESS DataToHash,
						UINT64 DataToHashLen,
						TB_EFI_TCG2_EVENT *EfiTcgEvent);
	VOID *SubmitCommand;
	VOID *GetActivePcrBanks;
	VOID *SetActivePcrBanks;
	VOID *GetResultOfSetActivePcrBanks;
};

/* ------------------------------------------------------ Partition Information */

/*
 * UEFI 2.10 §13.18 (introduced in 2.7): on every partition handle the
 * partition driver creates, the partition's own table entry; for GPT the
 * whole EFI_PARTITION_ENTRY (§5.3.3), so the partition type GUID
 * (docs/reference/platform-rules.md §8).
 */
#define TB_EFI_PARTITION_INFO_PROTOCOL_GUID \
	{ 0x8cf2f62c, 0xbc9b, 0x4821, { 0x80, 0x8d, 0xec, 0x9e, 0xc4, 0x21, 0xa1, 0xa0 } }
#define TB_PARTITION_TYPE_GPT 0x02

typedef struct {
	UINT32 Revision;
	UINT32 Type;                   /* TB_PARTITION_TYPE_GPT for a GPT partition */
	UINT8 System;                  /* 1: an EFI system partition */
	UINT8 Reserved[7];
	EFI_GUID PartitionTypeGUID;    /* the GPT entry (Info.Gpt) starts here */
	EFI_GUID UniquePartitionGUID;
	UINT64 StartingLBA;
	UINT64 EndingLBA;
	UINT64 Attributes;
	CHAR16 PartitionName[36];
} __attribute__((packed)) TB_EFI_PARTITION_INFO_PROTOCOL;

_Static_assert(__builtin_offsetof(TB_EFI_PARTITION_INFO_PROTOCOL, PartitionTypeGUID) == 16,
	       "the GPT entry follows the 16-byte header");
_Static_assert(sizeof(TB_EFI_PARTITION_INFO_PROTOCOL) == 16 + 128,
	       "header plus a 128-byte EFI_PARTITION_ENTRY");

#endif
