/*
 * The one place the JVM's fully trusted lookup (MethodHandles.Lookup.IMPL_LOOKUP) is touched, and it never leaves
 * native code: the lookups of the JDK channel members zerocopy4j needs are made here, through JNI (which is not bound
 * by module encapsulation), and only the resulting method handles, each for one named member, go to Java
 * (org.zerocopy4j.internal.JdkResolver.resolve). No Java frame ever holds the lookup, so no Java code, not even code
 * that loads this library itself under a class loader of its own, can obtain it.
 *
 * Compiled into every provider's library (the Linux one too: it uses JNI functions only, no C library).
 */
#include <jni.h>

#include "zc_jdk.h"

#define ZC_RESOLVER "org/zerocopy4j/internal/JdkResolver"
#define ZC_CHANNEL_IO "org/zerocopy4j/internal/JdkChannelIo"
#define ZC_MEMBERS_TYPE "Lorg/zerocopy4j/internal/JdkMembers;"
#define ZC_LOOKUP_TYPE "Ljava/lang/invoke/MethodHandles$Lookup;"
#define ZC_MH "Ljava/lang/invoke/MethodHandle;"

enum zc_how { ZC_GETTER, ZC_VIRTUAL, ZC_STATIC };

/* One member: how it is looked up, its class, name, and field type (getter) or method descriptor. */
struct zc_member {
    enum zc_how how;
    const char *owner;
    const char *name;
    const char *type;
    int optional; /* absent on some JDK versions: Java decides whether it is needed */
};

static const struct zc_member members[] = {
    { ZC_GETTER, "sun/nio/ch/FileChannelImpl", "threads", "sun/nio/ch/NativeThreadSet", 0 },
    { ZC_VIRTUAL, "sun/nio/ch/NativeThreadSet", "add", "()I", 0 },
    { ZC_VIRTUAL, "sun/nio/ch/NativeThreadSet", "remove", "(I)V", 0 },
    { ZC_GETTER, "sun/nio/ch/FileChannelImpl", "fd", "java/io/FileDescriptor", 0 },
    { ZC_GETTER, "java/io/FileDescriptor", "fd", "I", 0 },
    { ZC_GETTER, "sun/nio/ch/FileChannelImpl", "readable", "Z", 0 },
    { ZC_GETTER, "sun/nio/ch/FileChannelImpl", "writable", "Z", 0 },
    { ZC_GETTER, "sun/nio/ch/FileChannelImpl", "positionLock", "java/lang/Object", 0 },
    { ZC_GETTER, "sun/nio/ch/SocketChannelImpl", "readLock", "java/util/concurrent/locks/ReentrantLock", 0 },
    { ZC_GETTER, "sun/nio/ch/SocketChannelImpl", "writeLock", "java/util/concurrent/locks/ReentrantLock", 0 },
    { ZC_GETTER, "sun/nio/ch/SourceChannelImpl", "readLock", "java/util/concurrent/locks/ReentrantLock", 0 },
    { ZC_GETTER, "sun/nio/ch/SinkChannelImpl", "writeLock", "java/util/concurrent/locks/ReentrantLock", 0 },
    { ZC_VIRTUAL, "sun/nio/ch/SocketChannelImpl", "beginRead", "(Z)V", 0 },
    { ZC_VIRTUAL, "sun/nio/ch/SocketChannelImpl", "beginWrite", "(Z)V", 0 },
    { ZC_VIRTUAL, "sun/nio/ch/SourceChannelImpl", "beginRead", "(Z)V", 0 },
    { ZC_VIRTUAL, "sun/nio/ch/SinkChannelImpl", "beginWrite", "(Z)V", 0 },
    { ZC_VIRTUAL, "sun/nio/ch/SocketChannelImpl", "endRead", "(ZZ)V", 0 },
    { ZC_VIRTUAL, "sun/nio/ch/SocketChannelImpl", "endWrite", "(ZZ)V", 0 },
    { ZC_VIRTUAL, "sun/nio/ch/SourceChannelImpl", "endRead", "(ZZ)V", 0 },
    { ZC_VIRTUAL, "sun/nio/ch/SinkChannelImpl", "endWrite", "(ZZ)V", 0 },
    { ZC_GETTER, "sun/nio/ch/SocketChannelImpl", "fdVal", "I", 0 },
    { ZC_GETTER, "sun/nio/ch/SourceChannelImpl", "fdVal", "I", 0 },
    { ZC_GETTER, "sun/nio/ch/SinkChannelImpl", "fdVal", "I", 0 },
    { ZC_STATIC, "sun/nio/ch/NativeThread", "current0", "()J", 1 },
    { ZC_STATIC, "sun/nio/ch/NativeThread", "signal0", "(J)V", 1 },
    { ZC_STATIC, "sun/nio/ch/NativeThread", "current", "()J", 1 },
    { ZC_STATIC, "sun/nio/ch/NativeThread", "signal", "(J)V", 1 },
    { ZC_VIRTUAL, "sun/nio/ch/SelChImpl", "park", "(IJ)V", 0 },
    { ZC_VIRTUAL, "sun/nio/ch/SocketChannelImpl", "configureSocketNonBlockingIfVirtualThread", "()V", 1 },
    { ZC_VIRTUAL, "sun/nio/ch/SourceChannelImpl", "configureSocketNonBlockingIfVirtualThread", "()V", 1 },
    { ZC_VIRTUAL, "sun/nio/ch/SinkChannelImpl", "configureSocketNonBlockingIfVirtualThread", "()V", 1 },
    /* The JDK's compensation for a virtual thread's blocking file I/O: long begin()/end(long) up to JDK 22,
       boolean begin()/end(boolean) since; only one pair exists on a given JDK. */
    { ZC_STATIC, "jdk/internal/misc/Blocker", "begin", "()J", 1 },
    { ZC_STATIC, "jdk/internal/misc/Blocker", "end", "(J)V", 1 },
    { ZC_STATIC, "jdk/internal/misc/Blocker", "begin", "()Z", 1 },
    { ZC_STATIC, "jdk/internal/misc/Blocker", "end", "(Z)V", 1 },
};

#define ZC_MEMBER_COUNT ((jint)(sizeof(members) / sizeof(members[0])))

/* The Class of a field type: a primitive's TYPE, or the named class. NULL with a pending exception. */
static jclass field_type(JNIEnv *env, const char *type)
{
    const char *box = type[0] == 'I' && type[1] == 0 ? "java/lang/Integer"
        : type[0] == 'Z' && type[1] == 0 ? "java/lang/Boolean" : NULL;
    if (box == NULL) {
        return (*env)->FindClass(env, type);
    }
    jclass boxed = (*env)->FindClass(env, box);
    jfieldID primitive = boxed == NULL ? NULL
        : (*env)->GetStaticFieldID(env, boxed, "TYPE", "Ljava/lang/Class;");
    jclass result = primitive == NULL ? NULL : (jclass)(*env)->GetStaticObjectField(env, boxed, primitive);
    (*env)->DeleteLocalRef(env, boxed);
    return result;
}

/* One member's handle from the trusted lookup, or NULL with a pending exception. */
static jobject find(JNIEnv *env, jobject lookup, jclass lookup_class, jclass method_type,
                    const struct zc_member *m)
{
    jclass owner = (*env)->FindClass(env, m->owner);
    if (owner == NULL) {
        return NULL;
    }
    jstring name = (*env)->NewStringUTF(env, m->name);
    jobject result = NULL;
    if (m->how == ZC_GETTER) {
        jclass type = name == NULL ? NULL : field_type(env, m->type);
        jmethodID getter = type == NULL ? NULL : (*env)->GetMethodID(env, lookup_class, "findGetter",
            "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/Class;)" ZC_MH);
        if (getter != NULL) {
            result = (*env)->CallObjectMethod(env, lookup, getter, owner, name, type);
        }
        if (type != NULL) {
            (*env)->DeleteLocalRef(env, type);
        }
    } else {
        jstring descriptor = name == NULL ? NULL : (*env)->NewStringUTF(env, m->type);
        jmethodID parse = descriptor == NULL ? NULL : (*env)->GetStaticMethodID(env, method_type,
            "fromMethodDescriptorString", "(Ljava/lang/String;Ljava/lang/ClassLoader;)Ljava/lang/invoke/MethodType;");
        jobject type = parse == NULL ? NULL
            : (*env)->CallStaticObjectMethod(env, method_type, parse, descriptor, (jobject)NULL);
        jmethodID finder = type == NULL ? NULL : (*env)->GetMethodID(env, lookup_class,
            m->how == ZC_STATIC ? "findStatic" : "findVirtual",
            "(Ljava/lang/Class;Ljava/lang/String;Ljava/lang/invoke/MethodType;)" ZC_MH);
        if (finder != NULL) {
            result = (*env)->CallObjectMethod(env, lookup, finder, owner, name, type);
        }
        if (descriptor != NULL) {
            (*env)->DeleteLocalRef(env, descriptor);
        }
        if (type != NULL) {
            (*env)->DeleteLocalRef(env, type);
        }
    }
    if (name != NULL) {
        (*env)->DeleteLocalRef(env, name);
    }
    (*env)->DeleteLocalRef(env, owner);
    return result;
}

/* "sun/nio/ch/FileChannelImpl" + "threads" -> "sun.nio.ch.FileChannelImpl.threads", the key Java reads. */
static jstring key(JNIEnv *env, const struct zc_member *m)
{
    char text[160];
    size_t n = 0;
    for (const char *c = m->owner; *c != 0 && n < sizeof(text) - 2; c++) {
        text[n++] = *c == '/' ? '.' : *c;
    }
    text[n++] = '.';
    for (const char *c = m->name; *c != 0 && n < sizeof(text) - 1; c++) {
        text[n++] = *c;
    }
    text[n] = 0;
    return (*env)->NewStringUTF(env, text);
}

static jobject JNICALL resolve_from_jvm(JNIEnv *env, jclass resolver)
{
    jclass lookup_class = (*env)->FindClass(env, "java/lang/invoke/MethodHandles$Lookup");
    jclass method_type = (*env)->FindClass(env, "java/lang/invoke/MethodType");
    jclass map_class = (*env)->FindClass(env, "java/util/HashMap");
    if (lookup_class == NULL || method_type == NULL || map_class == NULL) {
        return NULL;
    }
    jfieldID trusted = (*env)->GetStaticFieldID(env, lookup_class, "IMPL_LOOKUP", ZC_LOOKUP_TYPE);
    jmethodID new_map = (*env)->GetMethodID(env, map_class, "<init>", "()V");
    jmethodID put = (*env)->GetMethodID(env, map_class, "put",
                                        "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;");
    jmethodID resolve = (*env)->GetStaticMethodID(env, resolver, "resolve", "(Ljava/util/Map;II)" ZC_MEMBERS_TYPE);
    /* The poll(2) event bits the JDK's park takes, in this OS's numbering (AIX's POLLOUT differs). */
    jclass net = trusted == NULL ? NULL : (*env)->FindClass(env, "sun/nio/ch/Net");
    jfieldID poll_in = net == NULL ? NULL : (*env)->GetStaticFieldID(env, net, "POLLIN", "S");
    jfieldID poll_out = poll_in == NULL ? NULL : (*env)->GetStaticFieldID(env, net, "POLLOUT", "S");
    if (poll_out == NULL || new_map == NULL || put == NULL || resolve == NULL) {
        return NULL; /* NoSuchFieldError or NoSuchMethodError pending: Java reports the JDK as unsupported */
    }
    jint events_in = (*env)->GetStaticShortField(env, net, poll_in);
    jint events_out = (*env)->GetStaticShortField(env, net, poll_out);
    jobject lookup = (*env)->GetStaticObjectField(env, lookup_class, trusted);
    jobject handles = (*env)->NewObject(env, map_class, new_map);
    for (jint i = 0; handles != NULL && i < ZC_MEMBER_COUNT; i++) {
        jobject handle = find(env, lookup, lookup_class, method_type, &members[i]);
        if (handle == NULL) {
            if (!members[i].optional) {
                return NULL; /* the lookup's exception (NoSuchFieldException, ...) names the member */
            }
            (*env)->ExceptionClear(env);
            continue;
        }
        jstring name = key(env, &members[i]);
        if (name == NULL) {
            return NULL;
        }
        jobject previous = (*env)->CallObjectMethod(env, handles, put, name, handle);
        if ((*env)->ExceptionCheck(env)) {
            return NULL;
        }
        if (previous != NULL) {
            (*env)->DeleteLocalRef(env, previous);
        }
        (*env)->DeleteLocalRef(env, name);
        (*env)->DeleteLocalRef(env, handle);
    }
    (*env)->DeleteLocalRef(env, lookup);
    return handles == NULL ? NULL
        : (*env)->CallStaticObjectMethod(env, resolver, resolve, handles, events_in, events_out);
}

static JNINativeMethod resolver_methods[] = {
    { "resolveFromJvm", "()" ZC_MEMBERS_TYPE, (void *)resolve_from_jvm },
};

/*
 * The capability whose instance methods are the JDK's protocol steps (org.zerocopy4j.internal.JdkChannelIo). Its
 * constructor is private, and JNI does not check access, so this is the one place an instance is made; the native is
 * registered only on the provider's own native-access class, so Java code obtains one only through a class of a
 * provider whose library was loaded for it. Each call makes a new instance; every instance is the same capability.
 */
static jobject JNICALL channel_io(JNIEnv *env, jclass provider)
{
    (void)provider;
    jclass io = (*env)->FindClass(env, ZC_CHANNEL_IO);
    jmethodID init = io == NULL ? NULL : (*env)->GetMethodID(env, io, "<init>", "()V");
    if (init == NULL) {
        return NULL; /* NoClassDefFoundError or NoSuchMethodError pending */
    }
    jobject capability = (*env)->NewObject(env, io, init);
    (*env)->DeleteLocalRef(env, io);
    return capability;
}

static JNINativeMethod provider_methods[] = {
    { "channelIo", "()L" ZC_CHANNEL_IO ";", (void *)channel_io },
};

int zc_register_channel_io(JNIEnv *env, jclass provider)
{
    jint r = (*env)->RegisterNatives(env, provider, provider_methods,
                                     (jint)(sizeof(provider_methods) / sizeof(provider_methods[0])));
    return r == 0 ? 0 : -1;
}

int zc_register_jdk(JNIEnv *env)
{
    jclass resolver = (*env)->FindClass(env, ZC_RESOLVER);
    if (resolver == NULL) {
        return -1;
    }
    jint r = (*env)->RegisterNatives(env, resolver, resolver_methods,
                                     (jint)(sizeof(resolver_methods) / sizeof(resolver_methods[0])));
    (*env)->DeleteLocalRef(env, resolver);
    return r == 0 ? 0 : -1;
}
