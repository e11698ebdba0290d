/* Registration of org.zerocopy4j.internal.JdkResolver's native, shared by every provider's library. */
#ifndef ZC_JDK_H
#define ZC_JDK_H

#include <jni.h>

/* Registers JdkResolver.resolveFromJvm: 0, or -1 with a pending Java exception. */
int zc_register_jdk(JNIEnv *env);

/*
 * Registers "static native JdkChannelIo channelIo()" on the provider's own native-access class, the one way Java code
 * obtains the capability of the JDK's protocol steps: 0, or -1 with a pending Java exception.
 */
int zc_register_channel_io(JNIEnv *env, jclass provider);

#endif
