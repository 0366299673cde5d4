// SPDX-License-Identifier: GPL-2.0-only
#include <errno.h>
#include <json-c/json.h>
#include <stddef.h>
#include <stdio.h>

#include "control-protocol.h"
#include "util.h"

static const char *const method_names[_CONTROL_METHOD_MAX] = {
	[CONTROL_STATUS] = "status",
	[CONTROL_ARM] = "arm",
	[CONTROL_RELOAD] = "reload",
	[CONTROL_DISARM] = "disarm",
};

const char *control_method_name(enum control_method m)
{
	return m < _CONTROL_METHOD_MAX ? method_names[m] : NULL;
}

bool control_method_privileged(enum control_method m)
{
	return m != CONTROL_STATUS;
}

int control_request_parse(const char *text, enum control_method *ret)
{
	json_object *req, *method;
	int r = -EBADMSG;

	req = json_tokener_parse(text);
	if (!req || !json_object_is_type(req, json_type_object) || json_object_object_length(req) != 1 ||
	    !json_object_object_get_ex(req, "method", &method) || !json_object_is_type(method, json_type_string))
		goto out;
	r = -EOPNOTSUPP;
	for (enum control_method m = 0; m < _CONTROL_METHOD_MAX; m++)
		if (streq(json_object_get_string(method), method_names[m])) {
			*ret = m;
			r = 0;
			break;
		}
out:
	json_object_put(req);
	return r;
}

int control_socket_address(const char *dir, struct sockaddr_un *sa, socklen_t *len)
{
	memset(sa, 0, sizeof(*sa));
	sa->sun_family = AF_UNIX;
	if ((size_t) snprintf(sa->sun_path, sizeof(sa->sun_path), "%s/%s", dir, CRASHD_CONTROL_NAME) >=
	    sizeof(sa->sun_path))
		return -ENAMETOOLONG;
	*len = offsetof(struct sockaddr_un, sun_path) + strlen(sa->sun_path) + 1;
	return 0;
}
