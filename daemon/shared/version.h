/* SPDX-License-Identifier: GPL-2.0-only */
/* The version all three programs report: the Makefile passes debian/changelog's. */
#pragma once

#ifndef CRASHD_VERSION
#define CRASHD_VERSION "0.1"
#endif
