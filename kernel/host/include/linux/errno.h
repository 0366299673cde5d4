/* Host shim: the system header, then kernel/host/compat.h. */
#include_next <linux/errno.h>
#include "../../compat.h"
