/*
 * The record layer state of a finished JSSE handshake, read for the kernel TLS offload (org.zerocopy4j.linux.TlsKeys):
 * SSLEngineImpl.conContext -> TransportContext.outputRecord.writeCipher (or inputRecord.readCipher), and from that
 * cipher its key, its IV field, its authenticator's sequence number and its TLS 1.3 base secret. JNI reads the
 * private fields (JNI is not bound by module encapsulation), so no --add-opens and no handle: only copies of the
 * bytes reach Java, which wipes them after the setsockopt. JNI calls only, no system call.
 */
#include "natives.h"

#define ZC_SSL "sun/security/ssl/"

/* The object in obj's field name of type signature, or NULL with a pending exception (NoSuchFieldError names it). */
static jobject field(JNIEnv *env, jobject obj, const char *name, const char *signature)
{
    jclass cls = (*env)->GetObjectClass(env, obj);
    jfieldID id = (*env)->GetFieldID(env, cls, name, signature);
    (*env)->DeleteLocalRef(env, cls);
    return id == NULL ? NULL : (*env)->GetObjectField(env, obj, id);
}

/* A copy of array[0, length), or NULL with a pending exception; length -1 for the whole array. */
static jbyteArray copy(JNIEnv *env, jbyteArray array, jint length)
{
    if (array == NULL) {
        return NULL;
    }
    jsize n = (*env)->GetArrayLength(env, array);
    if (length < 0) {
        length = n;
    }
    if (length > n || length > 64) {
        return NULL;
    }
    jbyte bytes[64];
    (*env)->GetByteArrayRegion(env, array, 0, length, bytes);
    jbyteArray result = (*env)->ExceptionCheck(env) ? NULL : (*env)->NewByteArray(env, length);
    if (result != NULL) {
        (*env)->SetByteArrayRegion(env, result, 0, length, bytes);
    }
    for (jint i = 0; i < length; i++) {
        ((volatile jbyte *)bytes)[i] = 0;
    }
    return result;
}

/* key.getEncoded() of a java.security.Key (a fresh copy), or NULL for a null key or with a pending exception. */
static jbyteArray encoded(JNIEnv *env, jobject key)
{
    if (key == NULL) {
        return NULL;
    }
    jclass cls = (*env)->FindClass(env, "java/security/Key");
    jmethodID get = cls == NULL ? NULL : (*env)->GetMethodID(env, cls, "getEncoded", "()[B");
    if (cls != NULL) {
        (*env)->DeleteLocalRef(env, cls);
    }
    return get == NULL ? NULL : (jbyteArray)(*env)->CallObjectMethod(env, key, get);
}

/*
 * { cipher class name, key, IV (the field named iv_field), sequence number (8 bytes), base secret or null } of the
 * engine's write (or read) cipher; NULL with a pending exception when the engine is not SunJSSE's or a field is
 * missing.
 */
static jobjectArray cipher_state(JNIEnv *env, jclass cls, jobject engine, jboolean write, jstring iv_field)
{
    (void)cls;
    jclass impl = (*env)->FindClass(env, ZC_SSL "SSLEngineImpl");
    if (impl == NULL || engine == NULL || !(*env)->IsInstanceOf(env, engine, impl)) {
        if (impl != NULL && !(*env)->ExceptionCheck(env)) {
            jclass iae = (*env)->FindClass(env, "java/lang/IllegalArgumentException");
            if (iae != NULL) {
                (*env)->ThrowNew(env, iae, "not a sun.security.ssl.SSLEngineImpl");
            }
        }
        return NULL;
    }
    jobject context = field(env, engine, "conContext", "L" ZC_SSL "TransportContext;");
    jobject record = context == NULL ? NULL : write
        ? field(env, context, "outputRecord", "L" ZC_SSL "OutputRecord;")
        : field(env, context, "inputRecord", "L" ZC_SSL "InputRecord;");
    jobject cipher = record == NULL ? NULL : write
        ? field(env, record, "writeCipher", "L" ZC_SSL "SSLCipher$SSLWriteCipher;")
        : field(env, record, "readCipher", "L" ZC_SSL "SSLCipher$SSLReadCipher;");
    if (cipher == NULL) {
        return NULL;
    }
    jclass cipher_class = (*env)->GetObjectClass(env, cipher);
    jclass class_class = (*env)->FindClass(env, "java/lang/Class");
    jmethodID get_name = class_class == NULL ? NULL
        : (*env)->GetMethodID(env, class_class, "getName", "()Ljava/lang/String;");
    jobject name = get_name == NULL ? NULL : (*env)->CallObjectMethod(env, cipher_class, get_name);
    const char *iv_name = name == NULL ? NULL : (*env)->GetStringUTFChars(env, iv_field, NULL);
    if (iv_name == NULL) {
        return NULL;
    }
    jobject iv = field(env, cipher, iv_name, "[B");
    (*env)->ReleaseStringUTFChars(env, iv_field, iv_name);
    jobject key = iv == NULL ? NULL : field(env, cipher, "key", "Ljava/security/Key;");
    jobject authenticator = key == NULL ? NULL : field(env, cipher, "authenticator", "L" ZC_SSL "Authenticator;");
    jobject block = authenticator == NULL ? NULL : field(env, authenticator, "block", "[B");
    if (block == NULL) {
        return NULL;
    }
    jobject secret = field(env, cipher, "baseSecret", "Ljavax/crypto/SecretKey;");
    if ((*env)->ExceptionCheck(env)) {
        return NULL;
    }
    jclass object_class = (*env)->FindClass(env, "java/lang/Object");
    jobjectArray result = object_class == NULL ? NULL : (*env)->NewObjectArray(env, 5, object_class, NULL);
    if (result == NULL) {
        return NULL;
    }
    (*env)->SetObjectArrayElement(env, result, 0, name);
    jbyteArray bytes = encoded(env, key);
    if ((*env)->ExceptionCheck(env)) {
        return NULL;
    }
    (*env)->SetObjectArrayElement(env, result, 1, bytes);
    bytes = copy(env, (jbyteArray)iv, -1);
    if ((*env)->ExceptionCheck(env)) {
        return NULL;
    }
    (*env)->SetObjectArrayElement(env, result, 2, bytes);
    bytes = copy(env, (jbyteArray)block, 8);
    if ((*env)->ExceptionCheck(env)) {
        return NULL;
    }
    (*env)->SetObjectArrayElement(env, result, 3, bytes);
    bytes = encoded(env, secret);
    if ((*env)->ExceptionCheck(env)) {
        return NULL;
    }
    (*env)->SetObjectArrayElement(env, result, 4, bytes);
    return result;
}

static JNINativeMethod methods[] = {
    {"tlsCipherState", "(Ljavax/net/ssl/SSLEngine;ZLjava/lang/String;)[Ljava/lang/Object;", (void *)cipher_state},
};

ZC_REGISTRATION(zc_register_tls_jdk, methods)
