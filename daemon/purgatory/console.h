/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The purgatory's only way to say something: a line on the serial port the
 * first kernel's console used, written by polling (no interrupts there).
 */
#pragma once

#include <stdint.h>

/* Writes @text to the 16550 UART at I/O @port; nothing when @port is 0. */
void console_write(uint64_t port, const char *text);
