/* SPDX-License-Identifier: GPL-2.0-only */
/* crashd's purgatory (daemon/purgatory/), built flat, carried in the programs that load it. */
	.section .rodata
	.balign	16
	.globl	crashd_purgatory, crashd_purgatory_end
crashd_purgatory:
	.incbin	PURGATORY_BIN
crashd_purgatory_end:
	.section .note.GNU-stack, "", @progbits
