// SPDX-License-Identifier: GPL-2.0-only
/*
 * A 16550 UART as the first kernel left it (console=ttyS0): only the
 * transmit register is touched, each byte once the holding register is
 * empty, with a bounded wait, as a missing port reads all ones.
 */
#include "console.h"

#define UART_TX		0
#define UART_LSR	5
#define UART_LSR_THRE	0x20
#define UART_LSR_TEMT	0x40

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void wait_for(uint16_t port, uint8_t bit)
{
	for (unsigned i = 0; i < 100000 && !(inb(port + UART_LSR) & bit); i++)
		__asm__ volatile("pause");
}

void console_write(uint64_t port, const char *text)
{
	if (!port)
		return;
	for (; *text; text++) {
		if (*text == '\n') {
			wait_for(port, UART_LSR_THRE);
			outb(port + UART_TX, '\r');
		}
		wait_for(port, UART_LSR_THRE);
		outb(port + UART_TX, *text);
	}
	/* All of it out before what follows (a jump, or a reset). */
	wait_for(port, UART_LSR_TEMT);
}
