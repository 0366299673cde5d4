/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where the old kernel jumps after a panic (relocate_kernel): 64-bit mode,
 * identity-mapped page tables, interrupts off, and the old kernel's GDT,
 * which those page tables may not map. So: a GDT of our own with the
 * selectors the 64-bit boot protocol names (__BOOT_CS 0x10, __BOOT_DS
 * 0x18), a stack of our own, the checks, then the panic kernel with %rsi
 * at its boot parameters. On a mismatch the machine is reset instead, as
 * panic= would have without a panic kernel.
 *
 * Nothing here uses an absolute address: the image runs wherever the
 * loader put it. The head's fields are offsets (the image is linked at 0).
 */
#include "purgatory.h"

	.section .head, "ax"
	.code64
	.globl	purgatory_start
purgatory_start:
	jmp	start
	.balign	8
	.quad	PURGATORY_MAGIC
	.quad	purgatory_info		/* offset of the info block */
	.quad	purgatory_checked_end	/* bytes checked as the purgatory's own */
	.quad	purgatory_end		/* memory it needs, bss included */

	.text
start:
	leaq	gdt(%rip), %rax
	movq	%rax, gdt_desc + 2(%rip)
	lgdt	gdt_desc(%rip)
	movl	$0x18, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	leaq	stack_top(%rip), %rsp
	pushq	$0x10
	leaq	new_cs(%rip), %rax
	pushq	%rax
	lretq
new_cs:
	call	purgatory_main
	testl	%eax, %eax
	jnz	reset
	movq	purgatory_info + PURGATORY_INFO_BOOT_PARAMS(%rip), %rsi
	movq	purgatory_info + PURGATORY_INFO_ENTRY(%rip), %rax
	xorl	%ebx, %ebx		/* the boot CPU */
	xorl	%ecx, %ecx
	xorl	%edx, %edx
	xorl	%edi, %edi
	xorl	%ebp, %ebp
	jmpq	*%rax

reset:
	/* The chipset's reset control (0xcf9), then the keyboard controller's. */
	movw	$0xcf9, %dx
	movb	$0x02, %al
	outb	%al, %dx
	movb	$0x06, %al
	outb	%al, %dx
	movb	$0xfe, %al
	outb	%al, $0x64
1:	hlt
	jmp	1b

	.data
	.balign	16
gdt:
	.quad	0
	.quad	0
	.quad	0x00af9a000000ffff	/* 0x10: 64-bit code */
	.quad	0x00cf92000000ffff	/* 0x18: flat data */
gdt_end:
	.balign	16
gdt_desc:
	.word	gdt_end - gdt - 1
	.quad	0			/* base: set at run time */

	.bss
	.balign	16
	.skip	16384
stack_top:

	.section .note.GNU-stack, "", @progbits
