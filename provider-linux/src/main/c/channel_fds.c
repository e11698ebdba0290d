/*
 * Descriptor numbers read from the JDK's own channel objects. Field IDs are looked up once; a JDK whose classes lack a
 * field simply leaves that kind unknown, so the provider declines those channels instead of failing to load.
 */
#include "natives.h"

#define KIND_COUNT 5

static jclass kind_class[KIND_COUNT];
static jfieldID fd_val_field[KIND_COUNT]; /* int fdVal of socket and pipe channels */
static jfieldID file_fd_field;            /* FileChannelImpl.fd (FileDescriptor) */
static jfieldID descriptor_int_field;     /* FileDescriptor.fd */
static jint known_kinds;

static jclass global_class(JNIEnv *env, const char *name)
{
    jclass local = (*env)->FindClass(env, name);
    if (local == NULL) {
        (*env)->ExceptionClear(env);
        return NULL;
    }
    jclass global = (jclass)(*env)->NewGlobalRef(env, local);
    (*env)->DeleteLocalRef(env, local);
    return global;
}

static jfieldID field(JNIEnv *env, jclass cls, const char *name, const char *signature)
{
    if (cls == NULL) {
        return NULL;
    }
    jfieldID id = (*env)->GetFieldID(env, cls, name, signature);
    if (id == NULL) {
        (*env)->ExceptionClear(env);
    }
    return id;
}

static void resolve(JNIEnv *env)
{
    kind_class[org_zerocopy4j_linux_LinuxNative_KIND_FILE] = global_class(env, "sun/nio/ch/FileChannelImpl");
    kind_class[org_zerocopy4j_linux_LinuxNative_KIND_SOCKET] = global_class(env, "sun/nio/ch/SocketChannelImpl");
    kind_class[org_zerocopy4j_linux_LinuxNative_KIND_PIPE_SOURCE] = global_class(env, "sun/nio/ch/SourceChannelImpl");
    kind_class[org_zerocopy4j_linux_LinuxNative_KIND_PIPE_SINK] = global_class(env, "sun/nio/ch/SinkChannelImpl");

    jclass descriptor = (*env)->FindClass(env, "java/io/FileDescriptor");
    if (descriptor == NULL) {
        (*env)->ExceptionClear(env);
    }
    descriptor_int_field = field(env, descriptor, "fd", "I");
    jclass file = kind_class[org_zerocopy4j_linux_LinuxNative_KIND_FILE];
    file_fd_field = field(env, file, "fd", "Ljava/io/FileDescriptor;");
    if (file_fd_field != NULL && descriptor_int_field != NULL) {
        known_kinds |= 1 << org_zerocopy4j_linux_LinuxNative_KIND_FILE;
    }
    for (int kind = org_zerocopy4j_linux_LinuxNative_KIND_SOCKET; kind < KIND_COUNT; kind++) {
        fd_val_field[kind] = field(env, kind_class[kind], "fdVal", "I");
        if (fd_val_field[kind] != NULL) {
            known_kinds |= 1 << kind;
        }
    }
}

static jint known_kinds_native(JNIEnv *env, jclass cls)
{
    (void)env;
    (void)cls;
    return known_kinds;
}


static jint peek_fd(JNIEnv *env, jclass cls, jobject channel, jint kind)
{
    (void)cls;
    if (kind <= 0 || kind >= KIND_COUNT || (known_kinds & (1 << kind)) == 0) {
        return -1;
    }
    if (kind == org_zerocopy4j_linux_LinuxNative_KIND_FILE) {
        jobject descriptor = (*env)->GetObjectField(env, channel, file_fd_field);
        if (descriptor == NULL) {
            return -1;
        }
        jint fd = (*env)->GetIntField(env, descriptor, descriptor_int_field);
        (*env)->DeleteLocalRef(env, descriptor);
        return fd;
    }
    return (*env)->GetIntField(env, channel, fd_val_field[kind]);
}

/*
 * The JVM's own fully trusted MethodHandles.Lookup (Lookup.IMPL_LOOKUP), read once at load so that the Java side can
 * follow the JDK channels' private protocol for I/O in progress (org.zerocopy4j.spi.JdkChannelIo); JNI is not bound by
 * module encapsulation. Null when this JDK has no such field. No system call.
 */
static jobject jvm_lookup(JNIEnv *env, jclass cls)
{
    (void)cls;
    jclass lookup = (*env)->FindClass(env, "java/lang/invoke/MethodHandles$Lookup");
    if (lookup == NULL) {
        (*env)->ExceptionClear(env);
        return NULL;
    }
    jfieldID trusted = (*env)->GetStaticFieldID(env, lookup, "IMPL_LOOKUP", "Ljava/lang/invoke/MethodHandles$Lookup;");
    if (trusted == NULL) {
        (*env)->ExceptionClear(env);
        return NULL;
    }
    return (*env)->GetStaticObjectField(env, lookup, trusted);
}

static JNINativeMethod methods[] = {
    {"jvmLookup", "()Ljava/lang/Object;", (void *)jvm_lookup},
    {"knownKinds", "()I", (void *)known_kinds_native},
    {"peekFd", "(Ljava/lang/Object;I)I", (void *)peek_fd},
};

int zc_register_channel_fds(JNIEnv *env, jclass natives)
{
    resolve(env);
    return ZC_REGISTER(env, natives, methods);
}
