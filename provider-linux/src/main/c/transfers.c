/* The zero-copy calls themselves. An offset of -1 from Java means "no offset pointer". */
#include "natives.h"

static jlong sendfile_native(JNIEnv *env, jclass cls, jint out_fd, jint in_fd, jlong offset, jlong count)
{
    (void)env;
    (void)cls;
    long off = (long)offset;
    return zc_syscall4(ZC_NR_sendfile, out_fd, in_fd, offset < 0 ? (long *)0 : &off, (unsigned long)count);
}

static jlong splice_native(JNIEnv *env, jclass cls, jint in_fd, jlong in_offset, jint out_fd, jlong out_offset,
                           jlong count, jint flags)
{
    (void)env;
    (void)cls;
    long in_off = (long)in_offset;
    long out_off = (long)out_offset;
    return zc_syscall6(ZC_NR_splice, in_fd, (long)(in_offset < 0 ? (long *)0 : &in_off), out_fd,
                       (long)(out_offset < 0 ? (long *)0 : &out_off), (long)count, (unsigned int)flags);
}

static jlong tee_native(JNIEnv *env, jclass cls, jint in_fd, jint out_fd, jlong count, jint flags)
{
    (void)env;
    (void)cls;
    return zc_syscall4(ZC_NR_tee, in_fd, out_fd, (unsigned long)count, (unsigned int)flags);
}

static jlong copy_file_range_native(JNIEnv *env, jclass cls, jint in_fd, jlong in_offset, jint out_fd,
                                    jlong out_offset, jlong count)
{
    (void)env;
    (void)cls;
    long in_off = (long)in_offset;
    long out_off = (long)out_offset;
    return zc_syscall6(ZC_NR_copy_file_range, in_fd, (long)(in_offset < 0 ? (long *)0 : &in_off), out_fd,
                       (long)(out_offset < 0 ? (long *)0 : &out_off), (unsigned long)count, 0);
}

static JNINativeMethod methods[] = {
    {"sendfile", "(IIJJ)J", (void *)sendfile_native},
    {"splice", "(IJIJJI)J", (void *)splice_native},
    {"tee", "(IIJI)J", (void *)tee_native},
    {"copyFileRange", "(IJIJJ)J", (void *)copy_file_range_native},
};

ZC_REGISTRATION(zc_register_transfers, methods)
