/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * crashd's log: the journal with structured fields under systemd, stderr
 * otherwise. Events worth finding carry a MESSAGE_ID from crashd.catalog.
 */
#pragma once

#include <syslog.h>

#define MSGID_ARMED		"47691f42f9d14111b9c6c06670271acf"
#define MSGID_ARM_FAILED	"905486e0e1db4264a79d68d62e0efcd7"
#define MSGID_IMAGE_REJECTED	"b4fcfaaa24b34ef4b0a54976096d33a1"
#define MSGID_NO_REGION		"cdc2c3ace45d4d09ac09ede1229f8389"
#define MSGID_DEGRADED		"ae3ddaa5f6094a23b3896c4e32c1ba60"
#define MSGID_CONFIG_ERROR	"913a46f028a34338bb87db13bf735fa1"
#define MSGID_DISARMED		"5bfaab0544904472b82544534c5a8bf9"
#define MSGID_DUMP_FOUND	"5560595a4ad84c44b5e4a68b469509eb"
#define MSGID_DUMP_MISSING	"5169ddf3d5af4c5fb20a1f92fca67b23"
#define MSGID_REARMED		"f6e7ed639cc94b78b1251c53853e3cad"
#define MSGID_DUMP_DIR_UNSAFE	"e79e08a2f24244f39b9ef8b105f2040c"
#define MSGID_DUMP_DIR_READONLY	"8f4671367d1647d6b9203ce58f50f325"
#define MSGID_CAPTURE_FAILED	"3323f8feb96c401e8e7f246f11bd8a2e"
#define MSGID_CAPTURE_KERNEL_UNUSABLE "f7e6cda065764c5da2a72b8aa4bbd76d"
#define MSGID_SWAP_NO_ROOM	"f965f68dcd6f465bbade03709cb42252"

/*
 * Logs one event. @msgid and @file (the file it concerns, as CRASHD_FILE=)
 * may be NULL. Returns @error, so that "return log_event(...)" works.
 */
int log_event(int priority, const char *msgid, const char *file, int error, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* log_event() with more journal fields: @fields is NULL-terminated, "KEY=value" each. */
int log_event_fields(int priority, const char *msgid, const char *const *fields, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define log_info(...)  log_event(LOG_INFO, NULL, NULL, 0, __VA_ARGS__)
#define log_error_errno(error, ...) log_event(LOG_ERR, NULL, NULL, error, __VA_ARGS__)
