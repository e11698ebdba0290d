/*
 * Raw Linux system calls. Calling the kernel directly instead of through glibc wrappers means the library links to no
 * C library at all, so it loads on any glibc or musl version; a native returns the kernel's own result, which is
 * -errno on failure, and Java decides what to do with it.
 */
#ifndef ZC_SYSCALL_H
#define ZC_SYSCALL_H

#if defined(__x86_64__)
#define ZC_NR_read 0
#define ZC_NR_write 1
#define ZC_NR_fstat 5
#define ZC_NR_pread64 17
#define ZC_NR_pwrite64 18
#define ZC_NR_close 3
#define ZC_NR_lseek 8
#define ZC_NR_writev 20
#define ZC_NR_sendfile 40
#define ZC_NR_sendmsg 46
#define ZC_NR_setsockopt 54
#define ZC_NR_fcntl 72
#define ZC_NR_rt_sigaction 13
#define ZC_NR_ppoll 271
#define ZC_NR_splice 275
#define ZC_NR_tee 276
#define ZC_NR_pipe2 293
#define ZC_NR_copy_file_range 326
#elif defined(__aarch64__)
#define ZC_NR_read 63
#define ZC_NR_write 64
#define ZC_NR_fstat 80
#define ZC_NR_pread64 67
#define ZC_NR_pwrite64 68
#define ZC_NR_close 57
#define ZC_NR_lseek 62
#define ZC_NR_writev 66
#define ZC_NR_sendfile 71
#define ZC_NR_sendmsg 211
#define ZC_NR_setsockopt 208
#define ZC_NR_fcntl 25
#define ZC_NR_rt_sigaction 134
#define ZC_NR_ppoll 73
#define ZC_NR_splice 76
#define ZC_NR_tee 77
#define ZC_NR_pipe2 59
#define ZC_NR_copy_file_range 285
#else
#error "zerocopy4j-linux supports x86_64 and aarch64"
#endif

/* Where the toolchain ships kernel headers, make it prove the table above. */
#if __has_include(<asm/unistd.h>)
#include <asm/unistd.h>
_Static_assert(ZC_NR_read == __NR_read, "read");
_Static_assert(ZC_NR_write == __NR_write, "write");
_Static_assert(ZC_NR_fstat == __NR_fstat, "fstat");
_Static_assert(ZC_NR_pread64 == __NR_pread64, "pread64");
_Static_assert(ZC_NR_pwrite64 == __NR_pwrite64, "pwrite64");
_Static_assert(ZC_NR_close == __NR_close, "close");
_Static_assert(ZC_NR_lseek == __NR_lseek, "lseek");
_Static_assert(ZC_NR_writev == __NR_writev, "writev");
_Static_assert(ZC_NR_sendfile == __NR_sendfile, "sendfile");
_Static_assert(ZC_NR_sendmsg == __NR_sendmsg, "sendmsg");
_Static_assert(ZC_NR_setsockopt == __NR_setsockopt, "setsockopt");
_Static_assert(ZC_NR_fcntl == __NR_fcntl, "fcntl");
_Static_assert(ZC_NR_rt_sigaction == __NR_rt_sigaction, "rt_sigaction");
_Static_assert(ZC_NR_ppoll == __NR_ppoll, "ppoll");
_Static_assert(ZC_NR_splice == __NR_splice, "splice");
_Static_assert(ZC_NR_tee == __NR_tee, "tee");
_Static_assert(ZC_NR_pipe2 == __NR_pipe2, "pipe2");
_Static_assert(ZC_NR_copy_file_range == __NR_copy_file_range, "copy_file_range");
#endif

static inline long zc_syscall6(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
#if defined(__x86_64__)
    long ret;
    register long r10 __asm__("r10") = a4;
    register long r8 __asm__("r8") = a5;
    register long r9 __asm__("r9") = a6;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
#else
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a1;
    register long x1 __asm__("x1") = a2;
    register long x2 __asm__("x2") = a3;
    register long x3 __asm__("x3") = a4;
    register long x4 __asm__("x4") = a5;
    register long x5 __asm__("x5") = a6;
    __asm__ volatile("svc 0"
                     : "+r"(x0)
                     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                     : "memory");
    return x0;
#endif
}

#define zc_syscall0(nr) zc_syscall6((nr), 0, 0, 0, 0, 0, 0)
#define zc_syscall1(nr, a) zc_syscall6((nr), (long)(a), 0, 0, 0, 0, 0)
#define zc_syscall2(nr, a, b) zc_syscall6((nr), (long)(a), (long)(b), 0, 0, 0, 0)
#define zc_syscall3(nr, a, b, c) zc_syscall6((nr), (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define zc_syscall4(nr, a, b, c, d) zc_syscall6((nr), (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define zc_syscall5(nr, a, b, c, d, e) zc_syscall6((nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

#endif
