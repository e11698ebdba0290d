/* What kind of file a descriptor is (fstat's type bits): the provider's file calls take regular files only. */
#include <stddef.h>
#include "natives.h"

/*
 * The kernel's struct stat differs between the two architectures; only st_mode is read, at its offset. x86_64:
 * st_dev, st_ino, st_nlink (8 bytes each), then st_mode; aarch64 (asm-generic): st_dev, st_ino, then st_mode.
 */
#if defined(__x86_64__)
#define ZC_STAT_SIZE 144
#define ZC_STAT_MODE_OFFSET 24
#elif defined(__aarch64__)
#define ZC_STAT_SIZE 128
#define ZC_STAT_MODE_OFFSET 16
#endif

/* Where the toolchain ships kernel headers, make it prove the layout above. */
#if __has_include(<asm/stat.h>)
#include <asm/stat.h>
_Static_assert(sizeof(struct stat) == ZC_STAT_SIZE, "struct stat size");
_Static_assert(offsetof(struct stat, st_mode) == ZC_STAT_MODE_OFFSET, "st_mode offset");
#endif

/* The type bits (S_IFMT) and the types Java tells apart, as the kernel defines them (include/uapi/linux/stat.h). */
#define ZC_S_IFMT 0170000
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFMT == ZC_S_IFMT, "S_IFMT");
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFREG == 0100000, "S_IFREG");
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFBLK == 0060000, "S_IFBLK");
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFCHR == 0020000, "S_IFCHR");
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFIFO == 0010000, "S_IFIFO");
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFSOCK == 0140000, "S_IFSOCK");
_Static_assert(org_zerocopy4j_linux_LinuxNative_S_IFDIR == 0040000, "S_IFDIR");

/* fstat: the descriptor's st_mode & S_IFMT, or -errno. */
static jint file_type(JNIEnv *env, jclass cls, jint fd)
{
    (void)env;
    (void)cls;
    unsigned long st[ZC_STAT_SIZE / sizeof(unsigned long)];
    long rc = zc_syscall2(ZC_NR_fstat, fd, st);
    if (rc < 0) {
        return (jint)rc;
    }
    unsigned int mode = *(const unsigned int *)((const char *)st + ZC_STAT_MODE_OFFSET);
    return (jint)(mode & ZC_S_IFMT);
}

static JNINativeMethod methods[] = {
    {"fileType", "(I)I", (void *)file_type},
};

int zc_register_file_types(JNIEnv *env, jclass natives)
{
    return ZC_REGISTER(env, natives, methods);
}
