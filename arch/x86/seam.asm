; SPDX-License-Identifier: MIT
;
; The instructions C cannot express: SEAMCALL, VMXON, VMXOFF, MOVDIR64B.
; SysV ABI (route A builds ELF objects; docs/build.md).  Declared in
; arch/x86/seam_insn.h.

default rel
bits 64
section .text

; Offsets in struct seam_regs (lib/tdx_abi.h): the 15 GPRs SEAMCALL uses.
%define R_RAX 0
%define R_RBX 8
%define R_RCX 16
%define R_RDX 24
%define R_RSI 32
%define R_RDI 40
%define R_RBP 48
%define R_R8  56
%define R_R9  64
%define R_R10 72
%define R_R11 80
%define R_R12 88
%define R_R13 96
%define R_R14 104
%define R_R15 112

; Outcomes, as enum seam_insn_outcome.
%define OUT_VMSUCCEED     0
%define OUT_VMFAILINVALID 1
%define OUT_VMFAILVALID   2

; EAX := the outcome the VMX instruction just reported in the flags:
; CF=1 VMfailInvalid, ZF=1 VMfailValid, else VMsucceed (SDM Vol. 3C 31.2).
; Only MOV and Jcc in between: neither changes the flags.
%macro VMX_OUTCOME_TO_EAX 1
	mov	eax, OUT_VMFAILINVALID
	jc	%1
	mov	eax, OUT_VMFAILVALID
	jz	%1
	mov	eax, OUT_VMSUCCEED
%1:
%endmacro

; int seam_insn_seamcall(struct seam_regs *regs)
;
; Loads every register from *regs, executes SEAMCALL with interrupts off
; (as Intel's UEFI loader does, docs/reference/tdx-abi.md §1.3: the module must not be
; entered with an interrupt pending on this CPU's firmware handlers), and
; stores every register back.  The outcome comes from the flags:
; CF=1 VMfailInvalid (no module loaded, or P-SEAMLDR busy; RAX unchanged),
; ZF=1 VMfailValid, else VMsucceed with the status in RAX (§1.2).
;
; If SEAMCALL faults (#UD outside VMX operation, #GP when SEAM is not
; enabled), the handler of boot/seam_trap.c recognises the faulting address
; seam_insn_seamcall_at, puts TDX_SEAMCALL_UD/GP in RAX, clears CF/ZF and
; resumes after the 4-byte instruction, so the caller sees a status.
global seam_insn_seamcall
global seam_insn_seamcall_at
seam_insn_seamcall:
	push	rbx
	push	rbp
	push	r12
	push	r13
	push	r14
	push	r15
	push	rdi			; [rsp+8] after pushfq: the regs pointer
	pushfq				; the caller's IF, restored at the end
	mov	rax, [rdi + R_RAX]
	mov	rbx, [rdi + R_RBX]
	mov	rcx, [rdi + R_RCX]
	mov	rdx, [rdi + R_RDX]
	mov	rsi, [rdi + R_RSI]
	mov	rbp, [rdi + R_RBP]
	mov	r8,  [rdi + R_R8]
	mov	r9,  [rdi + R_R9]
	mov	r10, [rdi + R_R10]
	mov	r11, [rdi + R_R11]
	mov	r12, [rdi + R_R12]
	mov	r13, [rdi + R_R13]
	mov	r14, [rdi + R_R14]
	mov	r15, [rdi + R_R15]
	mov	rdi, [rdi + R_RDI]
	cli
seam_insn_seamcall_at:
	db	0x66, 0x0f, 0x01, 0xcf	; SEAMCALL (docs/reference/tdx-abi.md §1.1)
	; From here to the jumps nothing may change the flags: push/mov don't.
	push	rdi			; the output RDI
	mov	rdi, [rsp + 16]		; the regs pointer
	mov	[rdi + R_RAX], rax
	mov	[rdi + R_RBX], rbx
	mov	[rdi + R_RCX], rcx
	mov	[rdi + R_RDX], rdx
	mov	[rdi + R_RSI], rsi
	mov	[rdi + R_RBP], rbp
	mov	[rdi + R_R8],  r8
	mov	[rdi + R_R9],  r9
	mov	[rdi + R_R10], r10
	mov	[rdi + R_R11], r11
	mov	[rdi + R_R12], r12
	mov	[rdi + R_R13], r13
	mov	[rdi + R_R14], r14
	mov	[rdi + R_R15], r15
	pop	rax
	mov	[rdi + R_RDI], rax
	VMX_OUTCOME_TO_EAX .done
	popfq
	pop	rdi
	pop	r15
	pop	r14
	pop	r13
	pop	r12
	pop	rbp
	pop	rbx
	ret

; int seam_insn_vmxon(const uint64_t *region_pa)
; VMXON m64: the operand holds the VMXON region's physical address (SDM
; Vol. 2B).  Returns the same outcomes as seam_insn_seamcall.
global seam_insn_vmxon
seam_insn_vmxon:
	vmxon	[rdi]
	VMX_OUTCOME_TO_EAX .out
	ret

; int seam_insn_vmxoff(void)
global seam_insn_vmxoff
seam_insn_vmxoff:
	vmxoff
	VMX_OUTCOME_TO_EAX .out
	ret

; void seam_insn_movdir64b(void *dst, const void *src)
; One 64-byte direct store: a full cache line written with a single
; non-partial write, which is what clears TDX private memory without the
; partial-write #MC erratum (docs/reference/tdx-abi.md §12).  dst must be 64-byte aligned.
global seam_insn_movdir64b
seam_insn_movdir64b:
	movdir64b rdi, [rsi]
	ret

section .note.GNU-stack noalloc noexec nowrite progbits
