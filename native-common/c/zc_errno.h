/* Registration of org.zerocopy4j.internal.Errno's table (zc_errno.c), shared by every provider's library. */
#ifndef ZC_ERRNO_H
#define ZC_ERRNO_H

#include <jni.h>

/* Registers Errno.table() and initializes Errno, which reads the table: 0, or -1 with a pending Java exception. */
int zc_register_errno(JNIEnv *env);

#endif
