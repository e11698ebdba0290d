/*
 * The one place the JVM's fully trusted lookup (MethodHandles.Lookup.IMPL_LOOKUP) is touched. JNI is not bound by
 * module encapsulation, so native code can read it; it goes straight into the private Java method that resolves the
 * JDK channel members zerocopy4j needs (org.zerocopy4j.internal.JdkResolver.resolve), and only the resolved handles
 * come back to Java. No native returns the lookup, so no Java code can obtain it through zerocopy4j.
 *
 * Compiled into every provider's library (the Linux one too: it uses JNI functions only, no C library).
 */
#include <jni.h>

#include "zc_jdk.h"

#define ZC_MEMBERS_CLASS "org/zerocopy4j/internal/JdkResolver"
#define ZC_MEMBERS_TYPE "Lorg/zerocopy4j/internal/JdkMembers;"
#define ZC_LOOKUP_TYPE "Ljava/lang/invoke/MethodHandles$Lookup;"

static jobject JNICALL resolve_from_jvm(JNIEnv *env, jclass members)
{
    jclass lookup_class = (*env)->FindClass(env, "java/lang/invoke/MethodHandles$Lookup");
    if (lookup_class == NULL) {
        return NULL; /* NoClassDefFoundError pending */
    }
    jfieldID trusted = (*env)->GetStaticFieldID(env, lookup_class, "IMPL_LOOKUP", ZC_LOOKUP_TYPE);
    jmethodID resolve = trusted == NULL ? NULL
        : (*env)->GetStaticMethodID(env, members, "resolve", "(" ZC_LOOKUP_TYPE ")" ZC_MEMBERS_TYPE);
    if (resolve == NULL) {
        (*env)->DeleteLocalRef(env, lookup_class);
        return NULL; /* NoSuchFieldError or NoSuchMethodError pending: Java reports the JDK as unsupported */
    }
    jobject jvm = (*env)->GetStaticObjectField(env, lookup_class, trusted);
    jobject resolved = (*env)->CallStaticObjectMethod(env, members, resolve, jvm);
    (*env)->DeleteLocalRef(env, jvm);
    (*env)->DeleteLocalRef(env, lookup_class);
    return resolved;
}

static JNINativeMethod members_methods[] = {
    { "resolveFromJvm", "()" ZC_MEMBERS_TYPE, (void *)resolve_from_jvm },
};

int zc_register_jdk(JNIEnv *env)
{
    jclass members = (*env)->FindClass(env, ZC_MEMBERS_CLASS);
    if (members == NULL) {
        return -1;
    }
    jint r = (*env)->RegisterNatives(env, members, members_methods,
                                     (jint)(sizeof(members_methods) / sizeof(members_methods[0])));
    (*env)->DeleteLocalRef(env, members);
    return r == 0 ? 0 : -1;
}
