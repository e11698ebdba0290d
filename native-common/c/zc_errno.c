/*
 * The errno table every provider library hands to org.zerocopy4j.internal.Errno when it loads: each name with its
 * number and text in the numbering of the OS the library is built for, so no Java class keeps a number of its own.
 *
 * - The POSIX cores (BSD, macOS, Solaris, AIX) take numbers from their C library's <errno.h> and texts from
 *   strerror(3). In the test build (ZC_SHIM) the host's values are translated into the emulated OS's numbering,
 *   which is what the core reports there.
 * - The libc-free Linux core (ZC_KERNEL_ERRNO) has no strerror: it carries the kernel's uapi numbers (asm-generic,
 *   shared by x86_64 and aarch64) with the kernel's own texts, checked against <linux/errno.h> where the toolchain
 *   ships it.
 */
#include <jni.h>

#include "zc_errno.h"

struct zc_errno {
    int number;
    const char *name;
    const char *text;
};

#ifdef ZC_KERNEL_ERRNO

#define ZC_KERNEL_ERRNOS \
    ZC_K(1, EPERM, "Operation not permitted") \
    ZC_K(2, ENOENT, "No such file or directory") \
    ZC_K(3, ESRCH, "No such process") \
    ZC_K(4, EINTR, "Interrupted system call") \
    ZC_K(5, EIO, "I/O error") \
    ZC_K(6, ENXIO, "No such device or address") \
    ZC_K(7, E2BIG, "Argument list too long") \
    ZC_K(8, ENOEXEC, "Exec format error") \
    ZC_K(9, EBADF, "Bad file number") \
    ZC_K(10, ECHILD, "No child processes") \
    ZC_K(11, EAGAIN, "Try again") \
    ZC_K(12, ENOMEM, "Out of memory") \
    ZC_K(13, EACCES, "Permission denied") \
    ZC_K(14, EFAULT, "Bad address") \
    ZC_K(15, ENOTBLK, "Block device required") \
    ZC_K(16, EBUSY, "Device or resource busy") \
    ZC_K(17, EEXIST, "File exists") \
    ZC_K(18, EXDEV, "Cross-device link") \
    ZC_K(19, ENODEV, "No such device") \
    ZC_K(20, ENOTDIR, "Not a directory") \
    ZC_K(21, EISDIR, "Is a directory") \
    ZC_K(22, EINVAL, "Invalid argument") \
    ZC_K(23, ENFILE, "File table overflow") \
    ZC_K(24, EMFILE, "Too many open files") \
    ZC_K(25, ENOTTY, "Not a typewriter") \
    ZC_K(26, ETXTBSY, "Text file busy") \
    ZC_K(27, EFBIG, "File too large") \
    ZC_K(28, ENOSPC, "No space left on device") \
    ZC_K(29, ESPIPE, "Illegal seek") \
    ZC_K(30, EROFS, "Read-only file system") \
    ZC_K(31, EMLINK, "Too many links") \
    ZC_K(32, EPIPE, "Broken pipe") \
    ZC_K(33, EDOM, "Math argument out of domain of func") \
    ZC_K(34, ERANGE, "Math result not representable") \
    ZC_K(35, EDEADLK, "Resource deadlock would occur") \
    ZC_K(36, ENAMETOOLONG, "File name too long") \
    ZC_K(37, ENOLCK, "No record locks available") \
    ZC_K(38, ENOSYS, "Invalid system call number") \
    ZC_K(39, ENOTEMPTY, "Directory not empty") \
    ZC_K(40, ELOOP, "Too many symbolic links encountered") \
    ZC_K(42, ENOMSG, "No message of desired type") \
    ZC_K(43, EIDRM, "Identifier removed") \
    ZC_K(44, ECHRNG, "Channel number out of range") \
    ZC_K(45, EL2NSYNC, "Level 2 not synchronized") \
    ZC_K(46, EL3HLT, "Level 3 halted") \
    ZC_K(47, EL3RST, "Level 3 reset") \
    ZC_K(48, ELNRNG, "Link number out of range") \
    ZC_K(49, EUNATCH, "Protocol driver not attached") \
    ZC_K(50, ENOCSI, "No CSI structure available") \
    ZC_K(51, EL2HLT, "Level 2 halted") \
    ZC_K(52, EBADE, "Invalid exchange") \
    ZC_K(53, EBADR, "Invalid request descriptor") \
    ZC_K(54, EXFULL, "Exchange full") \
    ZC_K(55, ENOANO, "No anode") \
    ZC_K(56, EBADRQC, "Invalid request code") \
    ZC_K(57, EBADSLT, "Invalid slot") \
    ZC_K(59, EBFONT, "Bad font file format") \
    ZC_K(60, ENOSTR, "Device not a stream") \
    ZC_K(61, ENODATA, "No data available") \
    ZC_K(62, ETIME, "Timer expired") \
    ZC_K(63, ENOSR, "Out of streams resources") \
    ZC_K(64, ENONET, "Machine is not on the network") \
    ZC_K(65, ENOPKG, "Package not installed") \
    ZC_K(66, EREMOTE, "Object is remote") \
    ZC_K(67, ENOLINK, "Link has been severed") \
    ZC_K(68, EADV, "Advertise error") \
    ZC_K(69, ESRMNT, "Srmount error") \
    ZC_K(70, ECOMM, "Communication error on send") \
    ZC_K(71, EPROTO, "Protocol error") \
    ZC_K(72, EMULTIHOP, "Multihop attempted") \
    ZC_K(73, EDOTDOT, "RFS specific error") \
    ZC_K(74, EBADMSG, "Not a data message") \
    ZC_K(75, EOVERFLOW, "Value too large for defined data type") \
    ZC_K(76, ENOTUNIQ, "Name not unique on network") \
    ZC_K(77, EBADFD, "File descriptor in bad state") \
    ZC_K(78, EREMCHG, "Remote address changed") \
    ZC_K(79, ELIBACC, "Can not access a needed shared library") \
    ZC_K(80, ELIBBAD, "Accessing a corrupted shared library") \
    ZC_K(81, ELIBSCN, ".lib section in a.out corrupted") \
    ZC_K(82, ELIBMAX, "Attempting to link in too many shared libraries") \
    ZC_K(83, ELIBEXEC, "Cannot exec a shared library directly") \
    ZC_K(84, EILSEQ, "Illegal byte sequence") \
    ZC_K(85, ERESTART, "Interrupted system call should be restarted") \
    ZC_K(86, ESTRPIPE, "Streams pipe error") \
    ZC_K(87, EUSERS, "Too many users") \
    ZC_K(88, ENOTSOCK, "Socket operation on non-socket") \
    ZC_K(89, EDESTADDRREQ, "Destination address required") \
    ZC_K(90, EMSGSIZE, "Message too long") \
    ZC_K(91, EPROTOTYPE, "Protocol wrong type for socket") \
    ZC_K(92, ENOPROTOOPT, "Protocol not available") \
    ZC_K(93, EPROTONOSUPPORT, "Protocol not supported") \
    ZC_K(94, ESOCKTNOSUPPORT, "Socket type not supported") \
    ZC_K(95, EOPNOTSUPP, "Operation not supported on transport endpoint") \
    ZC_K(96, EPFNOSUPPORT, "Protocol family not supported") \
    ZC_K(97, EAFNOSUPPORT, "Address family not supported by protocol") \
    ZC_K(98, EADDRINUSE, "Address already in use") \
    ZC_K(99, EADDRNOTAVAIL, "Cannot assign requested address") \
    ZC_K(100, ENETDOWN, "Network is down") \
    ZC_K(101, ENETUNREACH, "Network is unreachable") \
    ZC_K(102, ENETRESET, "Network dropped connection because of reset") \
    ZC_K(103, ECONNABORTED, "Software caused connection abort") \
    ZC_K(104, ECONNRESET, "Connection reset by peer") \
    ZC_K(105, ENOBUFS, "No buffer space available") \
    ZC_K(106, EISCONN, "Transport endpoint is already connected") \
    ZC_K(107, ENOTCONN, "Transport endpoint is not connected") \
    ZC_K(108, ESHUTDOWN, "Cannot send after transport endpoint shutdown") \
    ZC_K(109, ETOOMANYREFS, "Too many references: cannot splice") \
    ZC_K(110, ETIMEDOUT, "Connection timed out") \
    ZC_K(111, ECONNREFUSED, "Connection refused") \
    ZC_K(112, EHOSTDOWN, "Host is down") \
    ZC_K(113, EHOSTUNREACH, "No route to host") \
    ZC_K(114, EALREADY, "Operation already in progress") \
    ZC_K(115, EINPROGRESS, "Operation now in progress") \
    ZC_K(116, ESTALE, "Stale file handle") \
    ZC_K(117, EUCLEAN, "Structure needs cleaning") \
    ZC_K(118, ENOTNAM, "Not a XENIX named type file") \
    ZC_K(119, ENAVAIL, "No XENIX semaphores available") \
    ZC_K(120, EISNAM, "Is a named type file") \
    ZC_K(121, EREMOTEIO, "Remote I/O error") \
    ZC_K(122, EDQUOT, "Quota exceeded") \
    ZC_K(123, ENOMEDIUM, "No medium found") \
    ZC_K(124, EMEDIUMTYPE, "Wrong medium type") \
    ZC_K(125, ECANCELED, "Operation Canceled") \
    ZC_K(126, ENOKEY, "Required key not available") \
    ZC_K(127, EKEYEXPIRED, "Key has expired") \
    ZC_K(128, EKEYREVOKED, "Key has been revoked") \
    ZC_K(129, EKEYREJECTED, "Key was rejected by service") \
    ZC_K(130, EOWNERDEAD, "Owner died") \
    ZC_K(131, ENOTRECOVERABLE, "State not recoverable") \
    ZC_K(132, ERFKILL, "Operation not possible due to RF-kill") \
    ZC_K(133, EHWPOISON, "Memory page has hardware error") \

#define ZC_K(number, name, text) { number, #name, text },
/* ENOTSUP is C's name for the kernel's EOPNOTSUPP (the uapi headers do not define it): an alias, listed after it. */
static const struct zc_errno entries[] = { ZC_KERNEL_ERRNOS { 95, "ENOTSUP", "Operation not supported" } };
#undef ZC_K

#if __has_include(<linux/errno.h>)
#include <linux/errno.h>
#define ZC_K(number, name, text) _Static_assert(number == name, #name);
ZC_KERNEL_ERRNOS
#undef ZC_K
#endif

#define ZC_ENTRIES (sizeof(entries) / sizeof(entries[0]))
#define ZC_ENTRY(i) (entries[i])

#else

#include <errno.h>
#include <string.h>

#include "zc_common.h"

#define ZC_E(name) name, #name
/* First match wins in Java: where two names share a number (ENOTSUP on Linux) the usual one comes first. */
static const struct {
    int value;
    const char *name;
} names[] = {
    { ZC_E(EPERM) }, { ZC_E(ENOENT) }, { ZC_E(ESRCH) }, { ZC_E(EINTR) }, { ZC_E(EIO) }, { ZC_E(ENXIO) },
    { ZC_E(E2BIG) }, { ZC_E(EBADF) }, { ZC_E(ECHILD) }, { ZC_E(EAGAIN) }, { ZC_E(ENOMEM) }, { ZC_E(EACCES) },
    { ZC_E(EFAULT) }, { ZC_E(EBUSY) }, { ZC_E(EEXIST) }, { ZC_E(EXDEV) }, { ZC_E(ENODEV) }, { ZC_E(ENOTDIR) },
    { ZC_E(EISDIR) }, { ZC_E(EINVAL) }, { ZC_E(ENFILE) }, { ZC_E(EMFILE) }, { ZC_E(ENOTTY) }, { ZC_E(ETXTBSY) },
    { ZC_E(EFBIG) }, { ZC_E(ENOSPC) }, { ZC_E(ESPIPE) }, { ZC_E(EROFS) }, { ZC_E(EMLINK) }, { ZC_E(EPIPE) },
    { ZC_E(EDOM) }, { ZC_E(ERANGE) }, { ZC_E(EDEADLK) }, { ZC_E(ENAMETOOLONG) }, { ZC_E(ENOLCK) },
    { ZC_E(ENOSYS) }, { ZC_E(ENOTEMPTY) }, { ZC_E(ELOOP) }, { ZC_E(ENOTSOCK) }, { ZC_E(EDESTADDRREQ) },
    { ZC_E(EMSGSIZE) }, { ZC_E(EPROTOTYPE) }, { ZC_E(ENOPROTOOPT) }, { ZC_E(EPROTONOSUPPORT) },
    { ZC_E(EOPNOTSUPP) }, { ZC_E(ENOTSUP) }, { ZC_E(EAFNOSUPPORT) }, { ZC_E(EADDRINUSE) },
    { ZC_E(EADDRNOTAVAIL) }, { ZC_E(ENETDOWN) }, { ZC_E(ENETUNREACH) }, { ZC_E(ENETRESET) },
    { ZC_E(ECONNABORTED) }, { ZC_E(ECONNRESET) }, { ZC_E(ENOBUFS) }, { ZC_E(EISCONN) }, { ZC_E(ENOTCONN) },
    { ZC_E(ETIMEDOUT) }, { ZC_E(ECONNREFUSED) }, { ZC_E(EHOSTUNREACH) }, { ZC_E(EALREADY) },
    { ZC_E(EINPROGRESS) }, { ZC_E(EOVERFLOW) }, { ZC_E(ECANCELED) }, { ZC_E(EDQUOT) }, { ZC_E(ESTALE) },
};

#define ZC_ENTRIES (sizeof(names) / sizeof(names[0]))

/* The i-th entry in the core's numbering, with the C library's text (read at load, in the process's locale). */
static struct zc_errno entry(size_t i)
{
    struct zc_errno e = { ZC_OS_ERROR(names[i].value), names[i].name, strerror(names[i].value) };
    return e;
}
#define ZC_ENTRY(i) entry(i)

#endif

/* Errno.Table.table(): {int[] numbers, String[] names, String[] texts}, or NULL with a pending exception. */
static jobjectArray JNICALL errno_table(JNIEnv *env, jclass cls)
{
    (void)cls;
    jsize count = (jsize)ZC_ENTRIES;
    jclass string = (*env)->FindClass(env, "java/lang/String");
    jclass object = (*env)->FindClass(env, "java/lang/Object");
    if (string == NULL || object == NULL) {
        return NULL;
    }
    jintArray numbers = (*env)->NewIntArray(env, count);
    jobjectArray names = (*env)->NewObjectArray(env, count, string, NULL);
    jobjectArray texts = (*env)->NewObjectArray(env, count, string, NULL);
    jobjectArray table = (*env)->NewObjectArray(env, 3, object, NULL);
    if (numbers == NULL || names == NULL || texts == NULL || table == NULL) {
        return NULL;
    }
    for (jsize i = 0; i < count; i++) {
        struct zc_errno e = ZC_ENTRY(i);
        jint number = (jint)e.number;
        (*env)->SetIntArrayRegion(env, numbers, i, 1, &number);
        jstring name = (*env)->NewStringUTF(env, e.name);
        jstring text = (*env)->NewStringUTF(env, e.text == NULL ? "" : e.text);
        if (name == NULL || text == NULL) {
            return NULL;
        }
        (*env)->SetObjectArrayElement(env, names, i, name);
        (*env)->SetObjectArrayElement(env, texts, i, text);
        (*env)->DeleteLocalRef(env, name);
        (*env)->DeleteLocalRef(env, text);
    }
    (*env)->SetObjectArrayElement(env, table, 0, numbers);
    (*env)->SetObjectArrayElement(env, table, 1, names);
    (*env)->SetObjectArrayElement(env, table, 2, texts);
    return table;
}

static JNINativeMethod errno_methods[] = {
    { "table", "()[Ljava/lang/Object;", (void *)errno_table },
};

int zc_register_errno(JNIEnv *env)
{
    jclass table = (*env)->FindClass(env, "org/zerocopy4j/internal/Errno$Table");
    if (table == NULL || (*env)->RegisterNatives(env, table, errno_methods, 1) != 0) {
        return -1;
    }
    (*env)->DeleteLocalRef(env, table);
    /* FindClass initializes the class it finds: Errno reads the table now, at load. */
    jclass errno_class = (*env)->FindClass(env, "org/zerocopy4j/internal/Errno");
    if (errno_class == NULL) {
        return -1;
    }
    (*env)->DeleteLocalRef(env, errno_class);
    return 0;
}
