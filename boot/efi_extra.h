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
 * when we only read Location (toolchain.md §3).
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

#endif
